#!/bin/sh
# Creates a mod_mpcms database with build/mpcms-admin: applies the schema
# migrations and, when the database was empty and --empty is not given,
# loads the demo data. A database at the current schema version is left
# alone; an older one is migrated without demo data.
#
# Usage: scripts/create-db.sh [--empty] SQLITE-FILE
#        scripts/create-db.sh [--empty] --driver pgsql PARAMS
# PARAMS is a libpq connection string, as in DBDParams.
set -eu

source_dir=$(cd "$(dirname "$0")/.." && pwd)
admin=$source_dir/build/mpcms-admin
with_demo=1
driver=sqlite3
while [ $# -gt 1 ]; do
    case "$1" in
    --empty) with_demo=0; shift ;;
    --driver) driver=$2; shift 2 ;;
    *) break ;;
    esac
done
params=${1:?usage: create-db.sh [--empty] [--driver sqlite3|pgsql] DATABASE}

if [ ! -x "$admin" ]; then
    echo "create-db.sh: $admin is missing; build it with make" >&2
    exit 1
fi

if "$admin" status --driver "$driver" --params "$params" >/dev/null 2>&1; then
    exit 0
fi

if [ "$driver" = sqlite3 ]; then
    mkdir -p "$(dirname "$params")"
    # WAL lets readers go on while one writer writes; it is a property of
    # the file, so setting it once here is enough.
    sqlite3 "$params" "PRAGMA journal_mode = WAL;" >/dev/null
fi

# Opening a missing SQLite file creates an empty one, so ask for tables.
empty=0
if "$admin" status --driver "$driver" --params "$params" 2>/dev/null |
    grep -qx "schema version: 0 (.*)" &&
    ! "$admin" status --driver "$driver" --params "$params" 2>/dev/null |
    grep -q "single-platform"; then
    empty=1
fi

"$admin" migrate --driver "$driver" --params "$params" >/dev/null
if [ "$empty" = 1 ] && [ "$with_demo" = 1 ]; then
    "$admin" load "$source_dir/sql/demo.sql" --driver "$driver" --params "$params"
fi
echo "created $driver database" >&2
