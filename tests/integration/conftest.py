"""Fixtures that run a private httpd with mod_mpcms for the integration tests.

Every server gets a fresh runtime folder from mktemp (readable by httpd's
unprivileged user), a free port on 127.0.0.1 and a database created by
scripts/create-db.sh. The `server` and `scratch_server` fixtures run each
test twice: on SQLite and on a private PostgreSQL 15 server that the
session starts once and stops at its end, failed tests included. Servers
are stopped by pid, also when a test fails.
"""

import pytest

from mpcms_server import HttpdServer, PostgresServer, SOURCE_DIR

BACKENDS = ["sqlite", "pgsql"]


def pytest_addoption(parser):
    parser.addoption(
        "--keep-runtime",
        action="store_true",
        help="keep the runtime folders (logs, database) of the test servers",
    )


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "sqlite_only: the test is about SQLite (its file, its driver) "
        "and runs on SQLite alone")


@pytest.fixture(scope="session")
def artifacts_dir():
    """Folder for files worth keeping after a run (logs of failed servers)."""
    path = SOURCE_DIR / "build" / "test-artifacts"
    path.mkdir(parents=True, exist_ok=True)
    return path


@pytest.fixture(scope="session")
def postgres():
    """A private PostgreSQL server for the whole session."""
    server = PostgresServer()
    try:
        server.start()
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session", params=BACKENDS)
def backend(request):
    """"sqlite" or "pgsql"; tests that take it run once per backend."""
    return request.param


@pytest.fixture(scope="session")
def make_server(request, backend):
    """Returns a function that builds an HttpdServer on the test's backend."""
    postgres_server = request.getfixturevalue("postgres") if backend == "pgsql" else None
    keep = request.config.getoption("--keep-runtime")

    def make(**kwargs):
        kwargs.setdefault("keep", keep)
        if postgres_server is not None:
            kwargs.setdefault("postgres", postgres_server)
        return HttpdServer(**kwargs)

    return make


@pytest.fixture(scope="session")
def server(make_server, backend, artifacts_dir):
    """The development configuration with the demo data.

    Tests that change data must put it back, or use `scratch_server`.
    """
    with make_server() as httpd:
        yield httpd
        httpd.save_logs(artifacts_dir / f"server-{backend}")
        httpd.assert_error_log_clean()


@pytest.fixture
def scratch_server(request, make_server, artifacts_dir):
    """A server of its own for one test, free to change its data."""
    with make_server() as httpd:
        yield httpd
        httpd.save_logs(artifacts_dir / request.node.name)
        httpd.assert_error_log_clean()
