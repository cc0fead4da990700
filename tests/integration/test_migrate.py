"""mpcms-admin migrate runs at the same time on one database: each migration
is applied once, and every run ends with the schema current."""

import sqlite3
import subprocess
import tempfile
import time

import pytest

from mpcms_server import ADMIN, SOURCE_DIR
from schema_info import migration_names, required_schema_version

# The key of the advisory lock that mpcms-admin migrate takes on PostgreSQL.
MIGRATION_LOCK_KEY = 470036999539


class EmptyDatabase:
    """A database without tables, on one backend."""

    def __init__(self, backend, postgres, folder):
        self.postgres = postgres if backend == "pgsql" else None
        if self.postgres is not None:
            self.database = self.postgres.new_database()
        else:
            self.database = folder / "mpcms.db"
            sqlite3.connect(self.database).close()

    @property
    def driver(self):
        return "pgsql" if self.postgres is not None else "sqlite3"

    @property
    def params(self):
        if self.postgres is not None:
            return self.postgres.params(self.database)
        return str(self.database)

    def migrate_command(self):
        return [str(ADMIN), "migrate", "--driver", self.driver, "--params", self.params]

    def migrate(self):
        return subprocess.Popen(self.migrate_command(), stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True)

    def versions(self):
        statement = "SELECT version FROM schema_migrations ORDER BY version"
        if self.postgres is not None:
            return [int(row[0]) for row in self.postgres.psql(self.database, statement)]
        connection = sqlite3.connect(self.database)
        try:
            return [row[0] for row in connection.execute(statement)]
        finally:
            connection.close()


@pytest.fixture
def empty_database(request, backend, tmp_path):
    postgres = request.getfixturevalue("postgres") if backend == "pgsql" else None
    return EmptyDatabase(backend, postgres, tmp_path)


def test_parallel_runs_apply_each_once(empty_database):
    runs = [empty_database.migrate() for _ in range(3)]
    outputs = [run.communicate(timeout=60) for run in runs]

    for run, (stdout, stderr) in zip(runs, outputs):
        assert run.returncode == 0, stdout + stderr
    for name in migration_names():
        applied = sum(stdout.count(f"applied {name}\n") for stdout, _ in outputs)
        assert applied == 1, name
    assert empty_database.versions() == list(range(1, required_schema_version() + 1))


def wait_for_advisory_lock(postgres, database):
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        rows = postgres.psql(database, "SELECT count(*) FROM pg_locks"
                                       " WHERE locktype = 'advisory' AND granted")
        if rows[0][0] != "0":
            return
        time.sleep(0.05)
    raise AssertionError("psql did not take the advisory lock")


def test_pgsql_run_waits_for_lock_holder(postgres):
    database = EmptyDatabase("pgsql", postgres, None)
    holder = subprocess.Popen(
        ["psql", "-X", "-q", "-h", "127.0.0.1", "-p", str(postgres.port), "-U", "postgres",
         "-d", database.database, "-c", f"SELECT pg_advisory_lock({MIGRATION_LOCK_KEY})",
         "-c", "SELECT pg_sleep(1)"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for_advisory_lock(postgres, database.database)
        stdout, stderr = database.migrate().communicate(timeout=60)
    finally:
        holder.wait(timeout=60)

    assert "waited for another mpcms-admin migrate on this database" in stdout, stderr
    assert f"schema is now at version {required_schema_version()}" in stdout
    assert database.versions() == list(range(1, required_schema_version() + 1))


def sqlite_statements(script):
    """Splits an SQL script into statements, triggers kept whole."""
    statement = ""
    for line in script.splitlines(keepends=True):
        statement += line
        if sqlite3.complete_statement(statement):
            yield statement
            statement = ""


def test_sqlite_migration_applied_meanwhile_skipped(tmp_path):
    database = EmptyDatabase("sqlite", None, tmp_path)
    first = migration_names()[0]
    script = (SOURCE_DIR / "sql" / "sqlite" / "migrations" / f"{first}.sql").read_text()
    other = sqlite3.connect(database.database, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")
        run = database.migrate()
        # mpcms-admin reads version 0, then waits for the write lock.
        time.sleep(1)
        for statement in sqlite_statements(script):
            other.execute(statement)
        other.execute("INSERT INTO schema_migrations (version, name) VALUES (1, ?)",
                      (first.split("_", 1)[1],))
        other.execute("COMMIT")
    finally:
        other.close()
    stdout, stderr = run.communicate(timeout=60)

    assert run.returncode == 0, stdout + stderr
    assert f"{first} was applied by another mpcms-admin run" in stdout
    assert f"applied {first}\n" not in stdout
    assert database.versions() == list(range(1, required_schema_version() + 1))
