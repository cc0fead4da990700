"""The SQLite and PostgreSQL schemas agree: same tables, columns, types
(mapped to a family), nullability and unique rules, and the same results
in the NULL-uniqueness cases."""

import sqlite3
import subprocess

import pytest

from mpcms_server import HttpdServer
from schema_info import pgsql_schema, sqlite_schema


@pytest.fixture(scope="module")
def both_schemas(postgres):
    """Fresh databases of both drivers, created by mpcms-admin, without demo data."""
    with HttpdServer(load_demo=False) as sqlite_server, \
            HttpdServer(load_demo=False, postgres=postgres) as pgsql_server:
        yield (sqlite_schema(sqlite_server.database),
               pgsql_schema(postgres, pgsql_server.database))


def test_same_tables(both_schemas):
    sqlite, pgsql = both_schemas

    assert ({table for table, _ in sqlite["columns"]}
            == {table for table, _ in pgsql["columns"]})


def test_same_columns_types_and_nullability(both_schemas):
    sqlite, pgsql = both_schemas

    assert sqlite["columns"] == pgsql["columns"]


def test_same_unique_rules(both_schemas):
    sqlite, pgsql = both_schemas

    assert sqlite["unique"] == pgsql["unique"]


def test_partial_unique_rules_present(both_schemas):
    sqlite, _ = both_schemas

    assert ("content_pages", ("platform_id", "slug", "is_platform_page"),
            "vendor_id is null") in sqlite["unique"]
    assert ("subscription_tiers", ("code",), "platform_id is null") in sqlite["unique"]
    assert ("vendor_platforms", ("vendor_id",), "is_primary") in sqlite["unique"]


OMS = "(SELECT id FROM platforms WHERE code = 'oms')"


def insert_page(server, slug, is_platform_page):
    server.sql("INSERT INTO content_pages (platform_id, vendor_id, slug, title, "
               f"is_platform_page) VALUES ({OMS}, NULL, '{slug}', 'Test page', "
               f"{is_platform_page})")


def assert_rejected(server, statement):
    errors = (sqlite3.IntegrityError, subprocess.CalledProcessError)
    with pytest.raises(errors) as raised:
        server.sql(statement)
    message = str(raised.value) + str(getattr(raised.value, "stderr", ""))
    assert "UNIQUE" in message or "unique" in message


def test_two_vendor_defaults_one_slug_rejected(scratch_server):
    insert_page(scratch_server, "openings", "FALSE")

    assert_rejected(scratch_server,
                    "INSERT INTO content_pages (platform_id, vendor_id, slug, title, "
                    f"is_platform_page) VALUES ({OMS}, NULL, 'openings', 'Again', FALSE)")


def test_platform_page_and_default_share_slug(scratch_server):
    insert_page(scratch_server, "openings", "TRUE")
    insert_page(scratch_server, "openings", "FALSE")

    rows = scratch_server.sql("SELECT count(*) FROM content_pages WHERE slug = 'openings'")
    assert int(rows[0][0]) == 2


def test_two_global_tiers_one_code_rejected(scratch_server):
    scratch_server.sql("INSERT INTO subscription_tiers (platform_id, code, name) "
                       "VALUES (NULL, 'legacy', 'Legacy')")

    assert_rejected(scratch_server,
                    "INSERT INTO subscription_tiers (platform_id, code, name) "
                    "VALUES (NULL, 'legacy', 'Legacy again')")


def test_same_tier_code_on_two_platforms(scratch_server):
    rows = scratch_server.sql("SELECT count(*) FROM subscription_tiers WHERE code = 'essential'")

    assert int(rows[0][0]) == 3


def test_dangling_vendor_rejected(scratch_server):
    errors = (sqlite3.IntegrityError, subprocess.CalledProcessError)
    with pytest.raises(errors):
        scratch_server.sql("INSERT INTO content_pages (platform_id, vendor_id, slug, title) "
                           f"VALUES ({OMS}, 999, 'orphan', 'Orphan')")
