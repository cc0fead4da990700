#!/bin/sh
# Runs a command with a private PostgreSQL 15 server for tests: a new
# cluster in a mktemp folder, listening on 127.0.0.1 on a free port, with
# an empty database mpcms_test. The command finds its DBDParams string in
# MPCMS_TEST_PGSQL. The server is stopped and its folder removed when the
# command ends, fails or is interrupted.
#
# Usage: scripts/with-test-pgsql.sh COMMAND [ARG...]
set -eu

pg_bin=/usr/lib/postgresql/15/bin
if [ ! -x "$pg_bin/pg_ctl" ]; then
    echo "with-test-pgsql.sh: $pg_bin/pg_ctl is missing; install postgresql-15 (scripts/deps.sh postgres)" >&2
    exit 1
fi

# initdb and pg_ctl refuse to run as root, so the cluster belongs to the
# postgres account then.
as_owner=""
if [ "$(id -u)" -eq 0 ]; then
    as_owner="runuser -u postgres --"
fi

folder=$(mktemp -d /tmp/mpcms-pgsql-XXXXXX)
chmod 0755 "$folder"
[ -n "$as_owner" ] && chown postgres "$folder"

stop_server() {
    if [ -f "$folder/data/postmaster.pid" ]; then
        $as_owner "$pg_bin/pg_ctl" -D "$folder/data" -m fast -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$folder"
}
trap stop_server EXIT
trap 'exit 130' INT TERM

port=$(/usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')

$as_owner "$pg_bin/initdb" -D "$folder/data" -U postgres -A trust -E UTF8 --no-sync >"$folder/initdb.log" 2>&1 ||
    { cat "$folder/initdb.log" >&2; exit 1; }
$as_owner "$pg_bin/pg_ctl" -D "$folder/data" -l "$folder/server.log" -w start \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $folder -c fsync=off" >/dev/null ||
    { cat "$folder/server.log" >&2; exit 1; }
psql -X -q -h 127.0.0.1 -p "$port" -U postgres -d postgres -c "CREATE DATABASE mpcms_test" >/dev/null

MPCMS_TEST_PGSQL="host=127.0.0.1 port=$port dbname=mpcms_test user=postgres connect_timeout=5"
export MPCMS_TEST_PGSQL
echo "with-test-pgsql.sh: PostgreSQL on 127.0.0.1:$port (MPCMS_TEST_PGSQL)" >&2
"$@"
