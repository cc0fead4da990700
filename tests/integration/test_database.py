"""The database behind the pages: the schema version check, the health URL,
and outages of SQLite and PostgreSQL, each ending without an httpd restart."""

import json
import os
import shutil
import time

import pytest

from mpcms_server import HttpdServer, PostgresServer
from schema_info import required_schema_version

HEALTH = "/-/health"

SCHEMA_VERSION = required_schema_version()

# A page request during an outage must fail fast, not hang.
OUTAGE_DEADLINE_SECONDS = 5


def test_health_reports_current_schema(server):
    response = server.get(HEALTH)

    assert response.status == 200
    assert response.header("Content-Type") == "application/json"
    assert response.header("Cache-Control") == "no-store"
    assert json.loads(response.body) == {
        "status": "ok", "schema_version": SCHEMA_VERSION,
        "required_schema_version": SCHEMA_VERSION}


def test_health_reveals_no_connection_string(server):
    text = server.get(HEALTH).text

    assert str(server.database) not in text
    assert "127.0.0.1" not in text
    assert "dbname" not in text


def test_health_head_and_post(server):
    head = server.request(HEALTH, method="HEAD")
    post = server.request(HEALTH, method="POST", body=b"x=1")

    assert head.status == 200
    assert head.body == b""
    assert post.status == 405
    assert set(post.header("Allow").split(",")) == {"GET", "HEAD"}


def test_empty_database_gives_503_until_migrated(make_server, backend):
    with make_server(create_database=False) as server:
        server.expect_log(r"MPCMS00101: the database is at schema version 0")
        server.expect_log(r"MPCMS00005: .*the database is at schema version 0")

        page = server.get("/oms/pricing")
        health = server.get(HEALTH)

        assert page.status == 503
        assert page.header("Retry-After") == "30"
        assert health.status == 503
        assert json.loads(health.body) == {
            "status": "unavailable", "reason": "schema outdated: run mpcms-admin migrate",
            "required_schema_version": SCHEMA_VERSION, "schema_version": 0}
        log = server.error_log()
        driver = "pgsql" if backend == "pgsql" else "sqlite3"
        assert f"run: mpcms-admin migrate --driver {driver} --params" in log
        assert str(server.params) not in log

        # The running server picks the schema up without a restart.
        server.create_schema()
        HttpdServer.give_to_child_user(server.runtime_dir)

        assert server.get(HEALTH).status == 200
        assert server.get("/oms/pricing").status == 200
        server.assert_error_log_clean()


def test_outdated_schema_logs_migrate_command(scratch_server):
    server = scratch_server
    server.expect_log(r"MPCMS00101: the database is at schema version 0")
    server.expect_log(r"MPCMS00005: .*the database is at schema version 0")
    server.sql("DELETE FROM schema_migrations")
    # Connections keep a current result until they are recovered or
    # replaced, so new children with new connections are needed. Children
    # of the old generation may still serve requests for a moment.
    server.graceful_restart()
    deadline = time.monotonic() + OUTAGE_DEADLINE_SECONDS
    page = server.get("/oms/pricing")
    while page.status == 200 and time.monotonic() < deadline:
        time.sleep(0.1)
        page = server.get("/oms/pricing")

    assert page.status == 503
    assert "back up the database, then run: mpcms-admin migrate" in server.error_log()


def timed_get(server, path):
    started = time.monotonic()
    response = server.get(path)
    return response, time.monotonic() - started


def poll_until_ok(server, path, timeout=OUTAGE_DEADLINE_SECONDS):
    """Requests path until the status is 200, and returns the last response."""
    deadline = time.monotonic() + timeout
    while True:
        response = server.get(path)
        if response.status == 200 or time.monotonic() > deadline:
            return response
        time.sleep(0.1)


def test_pgsql_restart_served_again(artifacts_dir):
    """PostgreSQL stops and starts again while httpd runs.

    Pages get a 503 quickly during the outage, and afterwards the same
    pooled connections reconnect and prepare their statements again.
    """
    postgres = PostgresServer().start()
    try:
        with HttpdServer(postgres=postgres) as server:
            server.expect_log(r"MPCMS00005: database unavailable")
            server.expect_log(r"\[dbd:error\]")
            # The MPM may start a child during the outage.
            server.expect_log(r"MPCMS0010[23]: schema version not checked")
            before = server.get("/oms/vendors/wizamart/about")
            assert before.status == 200

            postgres.stop_server()
            during, seconds = timed_get(server, "/oms/vendors/wizamart/about")
            health = server.get(HEALTH)

            assert during.status == 503
            assert seconds < OUTAGE_DEADLINE_SECONDS
            assert during.header("Retry-After") == "30"
            assert health.status == 503
            assert json.loads(health.body)["reason"] in (
                "database unreachable", "database query failed")

            postgres.start_server()
            after = poll_until_ok(server, "/oms/vendors/wizamart/about")

            assert after.status == 200
            assert after.body == before.body
            assert server.get("/oms/pricing").status == 200
            assert server.get(HEALTH).status == 200
            server.save_logs(artifacts_dir / "pgsql-restart")
            server.assert_error_log_clean()
    finally:
        postgres.stop()


def test_pgsql_down_at_start_then_up(artifacts_dir):
    """httpd's children start while PostgreSQL is down, then it comes up."""
    postgres = PostgresServer().start()
    try:
        with HttpdServer(postgres=postgres) as server:
            postgres.stop_server()
            server.expect_log(r"MPCMS00005: database unavailable")
            # A child that connected while PostgreSQL was shutting down
            # finds its connection closed (00103) instead of refused (00102).
            server.expect_log(r"MPCMS0010[23]: schema version not checked")
            server.expect_log(r"\[dbd:(error|crit)\]")
            server.graceful_restart()

            during, seconds = timed_get(server, "/oms/pricing")
            assert during.status == 503
            assert seconds < OUTAGE_DEADLINE_SECONDS

            postgres.start_server()
            after = poll_until_ok(server, "/oms/pricing")

            assert after.status == 200
            server.save_logs(artifacts_dir / "pgsql-down-at-start")
            server.assert_error_log_clean()
    finally:
        postgres.stop()


@pytest.mark.sqlite_only
def test_sqlite_file_appears_later(tmp_path):
    """The SQLite file's folder is missing at start and created later.

    What this proves: while mod_dbd cannot open the file, pages get a 503
    at once, and the first request after the file exists is served by the
    same httpd, because mod_dbd retries the connection on each request.
    A file that disappears under an open connection is not covered:
    SQLite keeps reading the open file.
    """
    with HttpdServer(create_database=False, database="/nonexistent") as probe:
        runtime = probe.runtime_dir
    database = runtime.parent / (runtime.name + "-later") / "mpcms.db"
    try:
        with HttpdServer(database=database, create_database=False) as server:
            server.expect_log(r"MPCMS00005: database unavailable")
            server.expect_log(r"MPCMS00102: schema version not checked")
            server.expect_log(r"\[dbd:(error|crit)\]")

            during, seconds = timed_get(server, "/oms/pricing")
            assert during.status == 503
            assert seconds < OUTAGE_DEADLINE_SECONDS

            database.parent.mkdir()
            database.parent.chmod(0o755)
            server.create_schema()
            HttpdServer.give_to_child_user(database.parent)
            after = poll_until_ok(server, "/oms/pricing")

            assert after.status == 200
            server.assert_error_log_clean()
    finally:
        shutil.rmtree(database.parent, ignore_errors=True)
