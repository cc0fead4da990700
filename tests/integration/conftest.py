"""Fixtures that run a private httpd with mod_mpcms for the integration tests.

Every server gets a fresh runtime folder from mktemp (readable by httpd's
unprivileged user), a free port on 127.0.0.1 and a database created by
scripts/create-db.sh. Servers are stopped by pid, also when a test fails.
"""

import os
import pathlib
import pytest

from mpcms_server import HttpdServer, SOURCE_DIR


def pytest_addoption(parser):
    parser.addoption(
        "--keep-runtime",
        action="store_true",
        help="keep the runtime folders (logs, database) of the test servers",
    )


@pytest.fixture(scope="session")
def artifacts_dir():
    """Folder for files worth keeping after a run (logs of failed servers)."""
    path = SOURCE_DIR / "build" / "test-artifacts"
    path.mkdir(parents=True, exist_ok=True)
    return path


@pytest.fixture(scope="session")
def server(request, artifacts_dir):
    """The development configuration on SQLite with the demo data.

    Tests that change data must put it back, or use `scratch_server`.
    """
    with HttpdServer(keep=request.config.getoption("--keep-runtime")) as httpd:
        yield httpd
        httpd.save_logs(artifacts_dir / "server")
        httpd.assert_error_log_clean()


@pytest.fixture
def scratch_server(request, artifacts_dir):
    """A server of its own for one test, free to change its data."""
    with HttpdServer(keep=request.config.getoption("--keep-runtime")) as httpd:
        yield httpd
        httpd.save_logs(artifacts_dir / request.node.name)
        httpd.assert_error_log_clean()
