"""Reads the shape of a mod_mpcms schema from SQLite or PostgreSQL, so that
tests can compare the two drivers' schemas and an upgraded schema with a
fresh one."""

import pathlib
import re
import sqlite3
import subprocess

SOURCE_DIR = pathlib.Path(__file__).resolve().parents[2]


def required_schema_version():
    """Returns MPCMS_SCHEMA_VERSION of src/schema.h."""
    header = (SOURCE_DIR / "src" / "schema.h").read_text()
    return int(re.search(r"#define MPCMS_SCHEMA_VERSION (\d+)", header).group(1))


def migration_names():
    """Returns the names of the SQLite migrations, such as 0002_vendor_domains."""
    folder = SOURCE_DIR / "sql" / "sqlite" / "migrations"
    return sorted(path.stem for path in folder.glob("*.sql"))

# PostgreSQL types, and the family each one belongs to.
PG_TYPE_FAMILIES = {
    "bigint": "integer",
    "integer": "integer",
    "boolean": "boolean",
    "text": "text",
    "jsonb": "json",
    "timestamp with time zone": "timestamp",
}


def sqlite_column_family(table_sql, column, declared_type):
    """Maps a SQLite column to the family of its PostgreSQL counterpart.

    SQLite has no boolean, JSON or timestamp type, so the schema marks
    them: CHECK (x IN (0, 1)), json_valid(x), and a TEXT column whose name
    ends in _at.
    """
    if re.search(rf"\b{column}\s+IN\s*\(0,\s*1\)", table_sql):
        return "boolean"
    if re.search(rf"json_valid\({column}\)", table_sql):
        return "json"
    if column.endswith("_at") and declared_type.upper() == "TEXT":
        return "timestamp"
    return declared_type.lower()


def normalize_predicate(predicate):
    """Writes a partial index's WHERE clause the same way for both drivers."""
    if predicate is None:
        return None
    text = predicate.lower().replace("(", "").replace(")", "")
    text = re.sub(r"\s*=\s*(1|true)\b", "", text)
    return " ".join(text.split())


def sqlite_schema(path):
    """Returns {"columns": {...}, "unique": set()} of a SQLite database."""
    connection = sqlite3.connect(path)
    try:
        tables = dict(connection.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'table' "
            "AND name NOT LIKE 'sqlite_%'").fetchall())
        columns = {}
        unique = set()
        for table, table_sql in tables.items():
            for _, name, declared, notnull, _, pk in connection.execute(
                    f"PRAGMA table_info({table})"):
                columns[(table, name)] = (
                    sqlite_column_family(table_sql, name, declared),
                    bool(notnull or pk))
            for _, index, is_unique, origin, partial in connection.execute(
                    f"PRAGMA index_list({table})"):
                if not is_unique:
                    continue
                names = tuple(row[2] for row in connection.execute(
                    f"PRAGMA index_info({index})"))
                predicate = None
                if partial:
                    index_sql = connection.execute(
                        "SELECT sql FROM sqlite_master WHERE name = ?", (index,)).fetchone()[0]
                    predicate = index_sql.split(" WHERE ", 1)[1]
                unique.add((table, names, normalize_predicate(predicate)))
            primary = tuple(row[1] for row in sorted(
                (r for r in connection.execute(f"PRAGMA table_info({table})") if r[5]),
                key=lambda r: r[5]))
            unique.add((table, primary, None))
        return {"columns": columns, "unique": unique}
    finally:
        connection.close()


def pgsql_schema(postgres, database):
    """Returns {"columns": {...}, "unique": set()} of a PostgreSQL database."""
    columns = {}
    for table, name, data_type, nullable in postgres.psql(database, """
            SELECT table_name, column_name, data_type, is_nullable
              FROM information_schema.columns WHERE table_schema = 'public'"""):
        columns[(table, name)] = (PG_TYPE_FAMILIES.get(data_type, data_type),
                                  nullable == "NO")
    unique = set()
    for table, names, predicate in postgres.psql(database, """
            SELECT t.relname,
                   string_agg(a.attname, ',' ORDER BY k.ord),
                   pg_get_expr(i.indpred, i.indrelid)
              FROM pg_index i
              JOIN pg_class t ON t.oid = i.indrelid
              JOIN pg_namespace n ON n.oid = t.relnamespace
              CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)
              JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
             WHERE n.nspname = 'public' AND i.indisunique
             GROUP BY t.relname, i.indexrelid, i.indpred, i.indrelid"""):
        unique.add((table, tuple(names.split(",")), normalize_predicate(predicate or None)))
    return {"columns": columns, "unique": unique}


def sqlite_dump(path):
    """The schema objects of a SQLite database, as stored, by name."""
    connection = sqlite3.connect(path)
    try:
        return connection.execute(
            "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY name").fetchall()
    finally:
        connection.close()


def pgsql_dump(postgres, database, schema_only=True):
    """pg_dump's text output of a database, without ownership details.

    pg_dump 15.20 (the installed one) wraps the dump in \\restrict and \\unrestrict
    lines with a random key, which are left out so that dumps compare.
    """
    command = ["pg_dump", "-h", "127.0.0.1", "-p", str(postgres.port), "-U", "postgres",
               "--no-owner", "--no-privileges", database]
    if schema_only:
        command.insert(1, "--schema-only")
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    return "\n".join(line for line in output.splitlines()
                     if not line.startswith(("\\restrict ", "\\unrestrict ")))


