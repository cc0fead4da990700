"""A private httpd running mod_mpcms, for integration tests and scripts.

The server loads conf/mpcms-dev.conf (or another configuration given by
the caller) with the MPCMS_* variables that file documents, in a runtime
folder of its own, on SQLite or on a database of a private PostgreSQL
server (PostgresServer). Nothing here touches the system's Apache or
PostgreSQL service.
"""

import http.client
import itertools
import os
import pathlib
import pwd
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import tempfile
import time

SOURCE_DIR = pathlib.Path(__file__).resolve().parents[2]
MODULE = SOURCE_DIR / ".libs" / "mod_mpcms.so"
DEV_CONFIG = SOURCE_DIR / "conf" / "mpcms-dev.conf"
HTTPD = "/usr/sbin/apache2"
ADMIN = SOURCE_DIR / "build" / "mpcms-admin"
CREATE_DB = SOURCE_DIR / "scripts" / "create-db.sh"
CHILD_USER = "www-data"
PG_BIN = pathlib.Path("/usr/lib/postgresql/15/bin")
PG_ACCOUNT = "postgres"

START_TIMEOUT_SECONDS = 15
STOP_TIMEOUT_SECONDS = 10

# Error log lines at these levels fail a test unless it expected them.
_PROBLEM_LINE = re.compile(r"\[[a-z_]*:(warn|error|crit|alert|emerg)\]")


def free_port():
    """Returns a TCP port on 127.0.0.1 that was free a moment ago."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def running_as_root():
    return os.geteuid() == 0


def run_as_postgres(command, **kwargs):
    """Runs a PostgreSQL server program, which refuses to run as root."""
    if running_as_root():
        command = ["runuser", "-u", PG_ACCOUNT, "--", *command]
    return subprocess.run(command, check=True, capture_output=True, text=True, **kwargs)


class PostgresServer:
    """A private PostgreSQL 15 cluster on 127.0.0.1 and a free port.

    Each test server gets a database of its own in it (new_database).
    stop() ends the server and removes its folder; the fixtures call it
    in a finalizer, so a failing test leaves nothing running.
    """

    _names = itertools.count(1)

    def __init__(self):
        self.folder = None
        self.port = None

    def start(self):
        self.folder = pathlib.Path(tempfile.mkdtemp(prefix="mpcms-pgsql-"))
        self.folder.chmod(0o755)
        if running_as_root():
            shutil.chown(self.folder, PG_ACCOUNT)
        self.port = free_port()
        run_as_postgres([str(PG_BIN / "initdb"), "-D", str(self.data_dir), "-U", "postgres",
                         "-A", "trust", "-E", "UTF8", "--no-sync"])
        self.start_server()
        return self

    @property
    def data_dir(self):
        return self.folder / "data"

    def start_server(self):
        """Starts the server of an existing cluster (again, after stop_server)."""
        run_as_postgres([str(PG_BIN / "pg_ctl"), "-D", str(self.data_dir), "-l",
                         str(self.folder / "server.log"), "-w", "start", "-o",
                         f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.folder} "
                         "-c fsync=off"])

    def stop_server(self):
        """Stops the server and keeps the cluster, as a database outage would."""
        if (self.data_dir / "postmaster.pid").exists():
            run_as_postgres([str(PG_BIN / "pg_ctl"), "-D", str(self.data_dir), "-m", "fast",
                             "-w", "stop"])

    def stop(self):
        if self.folder is None:
            return
        try:
            self.stop_server()
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)
            self.folder = None

    def params(self, database):
        """The DBDParams string of a database, with the timeouts of production."""
        return (f"host=127.0.0.1 port={self.port} dbname={database} user=postgres "
                "connect_timeout=2 keepalives=1 keepalives_idle=5 keepalives_interval=2 "
                "keepalives_count=2 tcp_user_timeout=5000 "
                "options='-c statement_timeout=5000'")

    def new_database(self):
        """Creates an empty database and returns its name."""
        name = f"mpcms_{next(self._names)}"
        self.psql("postgres", f"CREATE DATABASE {name}")
        return name

    def psql(self, database, statement):
        """Runs statements with psql and returns the rows as lists of strings."""
        result = subprocess.run(
            ["psql", "-X", "-q", "-A", "-t", "-F", "\x1f", "-v", "ON_ERROR_STOP=1",
             "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "-d", database,
             "-c", statement],
            check=True, capture_output=True, text=True)
        return [line.split("\x1f") for line in result.stdout.splitlines() if line != ""]


class Response:
    """Status, headers and body of one HTTP response."""

    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers
        self.body = body

    @property
    def text(self):
        return self.body.decode("utf-8")

    def header(self, name):
        return self.headers.get(name)

    def __repr__(self):
        return f"<Response {self.status} {len(self.body)} bytes>"


class HttpdServer:
    """One httpd process with its runtime folder, database and logs."""

    def __init__(self, config=DEV_CONFIG, database=None, create_database=True,
                 extra_env=None, keep=False, postgres=None, load_demo=True):
        """postgres: a started PostgresServer to use instead of SQLite.

        database: an SQLite file, or a PostgreSQL database name, to use
        instead of a new one. create_database False leaves the database
        empty; load_demo False creates the schema only.
        """
        self.config = pathlib.Path(config)
        self.create_database = create_database
        self.load_demo = load_demo
        self.requested_database = database
        self.postgres = postgres
        self.extra_env = dict(extra_env or {})
        self.keep = keep
        self.process = None
        self.expected_log_patterns = []

    @property
    def driver(self):
        return "pgsql" if self.postgres is not None else "sqlite3"

    @property
    def params(self):
        """The DBDParams string of the server's database."""
        if self.postgres is not None:
            return self.postgres.params(self.database)
        return str(self.database)

    # Lifecycle

    def __enter__(self):
        self.runtime_dir = pathlib.Path(tempfile.mkdtemp(prefix="mpcms-test-"))
        self.runtime_dir.chmod(0o755)
        (self.runtime_dir / "htdocs").mkdir()
        if self.postgres is not None:
            self.database = self.requested_database or self.postgres.new_database()
        else:
            self.database = pathlib.Path(self.requested_database
                                         or self.runtime_dir / "mpcms.db")
        self.error_log_path = self.runtime_dir / "error.log"
        self.access_log_path = self.runtime_dir / "access.log"
        self.port = free_port()
        if self.create_database:
            self.create_schema()
        self.give_to_child_user(self.runtime_dir)
        self.start()
        return self

    def __exit__(self, *exc_info):
        self.stop()
        if not self.keep:
            shutil.rmtree(self.runtime_dir, ignore_errors=True)
        return False

    def create_schema(self):
        """Creates the schema (and the demo data) with scripts/create-db.sh."""
        command = [str(CREATE_DB)]
        if not self.load_demo:
            command.append("--empty")
        command += ["--driver", self.driver, self.params]
        subprocess.run(command, check=True, capture_output=True)

    def admin(self, *arguments):
        """Runs build/mpcms-admin on the server's database."""
        return subprocess.run([str(ADMIN), *arguments, "--driver", self.driver,
                               "--params", self.params], capture_output=True, text=True)

    @staticmethod
    def give_to_child_user(path):
        """Lets httpd's children write path and what is inside it."""
        if not running_as_root():
            return
        account = pwd.getpwnam(CHILD_USER)
        for entry in [path, *pathlib.Path(path).rglob("*")]:
            os.chown(entry, account.pw_uid, account.pw_gid)

    def environment(self):
        env = dict(os.environ)
        env.update({
            "MPCMS_MODULE": str(MODULE),
            "MPCMS_SOURCE": str(SOURCE_DIR),
            "MPCMS_RUN_DIR": str(self.runtime_dir),
            "MPCMS_DBD_DRIVER": self.driver,
            "MPCMS_DBD_PARAMS": self.params,
            "MPCMS_PORT": str(self.port),
            "MPCMS_ERROR_LOG": str(self.error_log_path),
            "MPCMS_ACCESS_LOG": str(self.access_log_path),
            "MPCMS_USER": CHILD_USER,
            "MPCMS_GROUP": CHILD_USER,
        })
        env.update(self.extra_env)
        return env

    def command(self, *extra):
        command = [HTTPD, "-f", str(self.config), *extra]
        if running_as_root():
            command.append("-DMPCMS_AS_ROOT")
        return command

    def start(self):
        output = open(self.runtime_dir / "httpd.out", "wb")
        self.process = subprocess.Popen(self.command("-DFOREGROUND"), env=self.environment(),
                                        stdout=output, stderr=subprocess.STDOUT)
        output.close()
        self.wait_ready()

    def wait_ready(self):
        deadline = time.monotonic() + START_TIMEOUT_SECONDS
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"httpd exited with {self.process.returncode}:\n"
                                   f"{self.startup_output()}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2):
                    return
            except OSError:
                time.sleep(0.05)
        self.stop()
        raise RuntimeError(f"httpd did not listen on port {self.port} within "
                           f"{START_TIMEOUT_SECONDS} s:\n{self.startup_output()}")

    def startup_output(self):
        parts = []
        for path in (self.runtime_dir / "httpd.out", self.error_log_path):
            if path.exists():
                parts.append(path.read_text(errors="replace"))
        return "\n".join(parts)

    def stop(self):
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=STOP_TIMEOUT_SECONDS)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def graceful_restart(self):
        """Sends USR1, as `apachectl graceful` would, and waits for it."""
        generation_marker = self.error_log().count("resuming normal operations")
        self.process.send_signal(signal.SIGUSR1)
        deadline = time.monotonic() + START_TIMEOUT_SECONDS
        while self.error_log().count("resuming normal operations") <= generation_marker:
            if time.monotonic() > deadline:
                raise RuntimeError("graceful restart did not finish")
            time.sleep(0.05)

    # HTTP

    def request(self, path, method="GET", headers=None, body=None, host=None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        headers = dict(headers or {})
        if host is not None:
            headers["Host"] = host
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            data = response.read()
            return Response(response.status, response.headers, data)
        finally:
            connection.close()

    def get(self, path, **kwargs):
        return self.request(path, **kwargs)

    def raw(self, data, timeout=10):
        """Sends bytes as they are and returns every byte of the reply."""
        with socket.create_connection(("127.0.0.1", self.port), timeout=timeout) as sock:
            sock.sendall(data)
            chunks = []
            while True:
                chunk = sock.recv(65536)
                if not chunk:
                    break
                chunks.append(chunk)
        return b"".join(chunks)

    # Data and logs

    def sql(self, statement, parameters=()):
        """Runs one statement on the server's database and commits.

        Returns the rows, as tuples on SQLite and as lists of strings on
        PostgreSQL (through psql, which takes no parameters). Write booleans
        as TRUE and FALSE so that a statement suits both.
        """
        if self.postgres is not None:
            if parameters:
                raise ValueError("parameters are not supported on PostgreSQL")
            return self.postgres.psql(self.database, statement)
        connection = sqlite3.connect(self.database, timeout=10)
        try:
            connection.execute("PRAGMA foreign_keys = ON")
            cursor = connection.execute(statement, parameters)
            rows = cursor.fetchall()
            connection.commit()
            return rows
        finally:
            connection.close()

    def error_log(self):
        if not self.error_log_path.exists():
            return ""
        return self.error_log_path.read_text(errors="replace")

    def access_log_lines(self):
        if not self.access_log_path.exists():
            return []
        return self.access_log_path.read_text(errors="replace").splitlines()

    def access_log_line(self, marker, timeout=5):
        """Returns the access log line that contains marker, waiting for it.

        httpd writes the access log after the response has gone out, so a
        client can read the response before the line exists.
        """
        deadline = time.monotonic() + timeout
        while True:
            for line in self.access_log_lines():
                if marker in line:
                    return line
            if time.monotonic() > deadline:
                raise AssertionError(f"no access log line contains {marker!r}")
            time.sleep(0.02)

    def expect_log(self, pattern):
        """Declares that error log lines matching pattern are expected."""
        self.expected_log_patterns.append(re.compile(pattern))

    def unexpected_log_lines(self):
        lines = []
        for line in self.error_log().splitlines():
            if not _PROBLEM_LINE.search(line):
                continue
            if any(pattern.search(line) for pattern in self.expected_log_patterns):
                continue
            lines.append(line)
        return lines

    def assert_error_log_clean(self):
        unexpected = self.unexpected_log_lines()
        assert not unexpected, "unexpected error log lines:\n" + "\n".join(unexpected)

    def save_logs(self, destination):
        destination = pathlib.Path(destination)
        destination.mkdir(parents=True, exist_ok=True)
        for name in ("error.log", "access.log", "httpd.out"):
            source = self.runtime_dir / name
            if source.exists():
                shutil.copyfile(source, destination / name)

    def config_test(self):
        """Runs `apache2 -t` on this server's configuration."""
        return subprocess.run(self.command("-t"), env=self.environment(),
                              capture_output=True, text=True)
