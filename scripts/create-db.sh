#!/bin/sh
# Creates a SQLite database with the schema and, unless --empty is given,
# the demo data. Does nothing when the file already contains the schema.
#
# Usage: scripts/create-db.sh [--empty] DATABASE
set -eu

source_dir=$(cd "$(dirname "$0")/.." && pwd)
with_demo=1
if [ "${1:-}" = "--empty" ]; then
    with_demo=0
    shift
fi
database=${1:?usage: create-db.sh [--empty] DATABASE}

# Opening a missing file creates an empty one, so look for the schema.
if [ -s "$database" ] &&
    [ "$(sqlite3 "$database" "SELECT count(*) FROM sqlite_master WHERE name = 'schema_migrations'")" = 1 ]; then
    exit 0
fi

mkdir -p "$(dirname "$database")"
rm -f "$database" "$database-wal" "$database-shm"
{
    # WAL lets readers go on while one writer writes; it is a property of
    # the file, so setting it once here is enough.
    echo "PRAGMA journal_mode = WAL;"
    echo "PRAGMA foreign_keys = ON;"
    # Each migration records its own version in schema_migrations.
    for migration in "$source_dir"/sql/sqlite/migrations/*.sql; do
        cat "$migration"
    done
    if [ "$with_demo" = 1 ]; then
        cat "$source_dir/sql/demo.sql"
    fi
} | sqlite3 -bail "$database" >/dev/null
echo "created $database" >&2
