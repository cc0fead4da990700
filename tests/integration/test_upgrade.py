"""The upgrade of a single-platform database (tests/fixtures/legacy) to the
multi-platform schema, on SQLite and PostgreSQL.

The tests check the report and figures, the rows, and the pages httpd
serves afterwards. A second run changes nothing, and a failure leaves the
database as it was."""

import pathlib
import re
import shutil
import sqlite3
import subprocess
import tempfile

import pytest

from mpcms_server import ADMIN, HttpdServer, SOURCE_DIR, running_as_root
from schema_info import build_schema_version, pgsql_dump, sqlite_dump

FIXTURES = SOURCE_DIR / "tests" / "fixtures" / "legacy"

EXPECTED_REPORT = """\
upgraded the single-platform schema to version 1
slugs made valid: 4
  page 10 (no vendor): 'About Us' -> 'about-us'
  page 11 (no vendor): 'Terms & Conditions' -> 'terms-conditions'
  page 22 (wizamart): 'Summer Sale' -> 'summer-sale'
  page 24 (luxbakery): 'Contact' -> 'contact'
duplicate slugs renamed and unpublished: 3
  page 7 (no vendor): 'faq' -> 'faq-7'
  page 9 (no vendor): 'shipping' -> 'shipping-9'
  page 25 (luxbakery): 'contact' -> 'contact-25'
marketing pages now both platform page and vendor default: 5
  about: platform page 28, default 2
  contact: platform page 29, default 3
  faq: platform page 31, default 8
  home: platform page 27, default 1
  pricing: platform page 30, default 4
"""

EXPECTED_FIGURES = """\
verified: vendors 5 = memberships on oms 5
verified: vendor pages 7 before = 7 after
verified: vendor-NULL pages 11 + pairs 5 = platform pages 5 + defaults 11
verified: tiers 5 before = 5 after
applied 0002_vendor_domains
applied 0003_admin_accounts
applied 0004_page_schedule_and_template
schema is now at version {version}
figures:
  platforms: 1
  vendor memberships on oms: 5
  pages on oms, default: 11
  pages on oms, platform: 5
  pages on oms, vendor: 7
"""


class LegacyDatabase:
    """A single-platform database loaded from the fixture, on one backend."""

    def __init__(self, backend, postgres):
        self.postgres = postgres if backend == "pgsql" else None
        self.folder = pathlib.Path(tempfile.mkdtemp(prefix="mpcms-legacy-"))
        self.folder.chmod(0o755)
        if self.postgres is not None:
            self.database = self.postgres.new_database()
            for name in ("pgsql.sql", "data.sql"):
                self.postgres.psql(self.database, (FIXTURES / name).read_text())
        else:
            self.database = self.folder / "mpcms.db"
            connection = sqlite3.connect(self.database)
            connection.executescript((FIXTURES / "sqlite.sql").read_text()
                                     + (FIXTURES / "data.sql").read_text())
            connection.close()

    @property
    def driver(self):
        return "pgsql" if self.postgres is not None else "sqlite3"

    @property
    def params(self):
        if self.postgres is not None:
            return self.postgres.params(self.database)
        return str(self.database)

    def admin(self, *arguments):
        return subprocess.run([str(ADMIN), *arguments, "--driver", self.driver,
                               "--params", self.params], capture_output=True, text=True)

    def sql(self, statement):
        """Returns the rows of a query as lists of strings."""
        if self.postgres is not None:
            return self.postgres.psql(self.database, statement)
        connection = sqlite3.connect(self.database)
        try:
            return [["" if value is None else str(value) for value in row]
                    for row in connection.execute(statement).fetchall()]
        finally:
            connection.close()

    def execute(self, statement):
        """Runs a statement that changes data, with foreign keys on."""
        if self.postgres is not None:
            return self.postgres.psql(self.database, statement)
        connection = sqlite3.connect(self.database)
        try:
            connection.execute("PRAGMA foreign_keys = ON")
            connection.execute(statement)
            connection.commit()
        finally:
            connection.close()

    def dump(self, schema_only=True):
        if self.postgres is not None:
            return pgsql_dump(self.postgres, self.database, schema_only)
        return sqlite_dump(self.database)

    def server(self):
        """An httpd on this database (the folder goes to httpd's user)."""
        if self.postgres is None:
            HttpdServer.give_to_child_user(self.folder)
        return HttpdServer(database=self.database, create_database=False,
                           postgres=self.postgres)

    def remove(self):
        shutil.rmtree(self.folder, ignore_errors=True)


@pytest.fixture
def legacy(request, backend):
    postgres = request.getfixturevalue("postgres") if backend == "pgsql" else None
    database = LegacyDatabase(backend, postgres)
    yield database
    database.remove()


@pytest.fixture
def upgraded(legacy):
    result = legacy.admin("migrate")
    assert result.returncode == 0, result.stderr
    legacy.output = result.stdout
    return legacy


def test_status_sees_single_platform(legacy):
    result = legacy.admin("status")

    assert result.returncode == 3
    assert (f"schema version: 0 (this build of mod_mpcms needs "
            f"{build_schema_version()})") in result.stdout
    assert "single-platform schema" in result.stdout
    assert "pending 0001_multi_platform_schema" in result.stdout
    assert "pending 0002_vendor_domains" in result.stdout


def test_report_lists_every_change(upgraded):
    assert upgraded.output.startswith(EXPECTED_REPORT)


def test_report_verifies_counts(upgraded):
    assert upgraded.output.endswith(
        EXPECTED_FIGURES.format(version=build_schema_version()))


def test_report_counts_sanitized_bodies(upgraded):
    assert "\npage bodies changed by the HTML sanitizer: 1\n" in upgraded.output


def test_unsafe_body_sanitized(upgraded):
    body = upgraded.sql("SELECT content FROM content_pages WHERE id = 6")[0][0]

    assert body == ('<p>Return any item within 14 days.</p><p><img src="x.png">'
                    'See our <a>returns form</a>.</p>')


def test_second_run_changes_nothing(upgraded):
    before = upgraded.dump(schema_only=False)

    result = upgraded.admin("migrate")

    assert result.returncode == 0, result.stderr
    assert result.stdout == (f"schema is current at version "
                             f"{build_schema_version()}; nothing to do\n")
    assert upgraded.dump(schema_only=False) == before


def test_status_after_upgrade(upgraded):
    result = upgraded.admin("status")

    assert result.returncode == 0, result.stdout
    assert "applied 0001_multi_platform_schema at " in result.stdout
    assert "applied 0002_vendor_domains at " in result.stdout
    assert result.stdout.endswith("schema is current\n")


def test_schema_equals_fresh_install(upgraded, backend, make_server):
    with make_server(load_demo=False) as fresh:
        if backend == "pgsql":
            expected = pgsql_dump(fresh.postgres, fresh.database)
        else:
            expected = sqlite_dump(fresh.database)

    assert upgraded.dump() == expected


def test_platform_and_memberships(upgraded):
    assert upgraded.sql("SELECT code, name, path_prefix FROM platforms") == [
        ["oms", "OMS", "/oms"]]
    rows = upgraded.sql(
        "SELECT v.code, t.code, CASE WHEN vp.is_active THEN 'active' ELSE 'inactive' END, "
        "       CASE WHEN vp.is_primary THEN 'primary' ELSE '-' END "
        "  FROM vendor_platforms vp JOIN vendors v ON v.id = vp.vendor_id "
        "  LEFT JOIN subscription_tiers t ON t.id = vp.tier_id ORDER BY v.id")
    assert rows == [
        ["wizamart", "business", "active", "primary"],
        ["luxbakery", "essential", "active", "primary"],
        ["closedshop", "essential", "inactive", "primary"],
        ["oldfriend", "founders", "active", "primary"],
        ["gardenworld", "professional", "active", "primary"],
    ]


def test_tiers_get_limits_and_features(upgraded):
    rows = upgraded.sql(
        "SELECT t.code, coalesce(CAST(t.cms_pages_limit AS TEXT), 'none'), "
        "       coalesce(CAST(t.cms_custom_pages_limit AS TEXT), 'none'), "
        "       (SELECT count(*) FROM tier_features f WHERE f.tier_id = t.id), "
        "       p.code "
        "  FROM subscription_tiers t JOIN platforms p ON p.id = t.platform_id ORDER BY t.id")

    assert rows == [
        ["essential", "3", "0", "1", "oms"],
        ["professional", "10", "5", "3", "oms"],
        ["business", "30", "20", "4", "oms"],
        ["enterprise", "none", "none", "6", "oms"],
        ["founders", "none", "none", "1", "oms"],
    ]
    assert upgraded.sql(
        "SELECT f.feature FROM tier_features f JOIN subscription_tiers t ON t.id = f.tier_id "
        "WHERE t.code = 'founders'") == [["cms_basic"]]


def page_rows(database, where):
    return database.sql(
        "SELECT id, coalesce(CAST(vendor_id AS TEXT), '-'), slug, "
        "       CASE WHEN is_platform_page THEN 'platform' ELSE 'default' END, "
        "       CASE WHEN is_published THEN 'published' ELSE 'draft' END "
        f"  FROM content_pages WHERE {where} ORDER BY id")


def test_renamed_and_normalized_pages(upgraded):
    assert page_rows(upgraded, "id IN (7, 8, 9, 10, 11, 22, 24, 25)") == [
        ["7", "-", "faq-7", "default", "draft"],
        ["8", "-", "faq", "default", "published"],
        ["9", "-", "shipping-9", "default", "draft"],
        ["10", "-", "about-us", "default", "published"],
        ["11", "-", "terms-conditions", "default", "published"],
        ["22", "1", "summer-sale", "default", "draft"],
        ["24", "2", "contact", "default", "published"],
        ["25", "2", "contact-25", "default", "draft"],
    ]


def test_marketing_pages_become_pairs(upgraded):
    assert page_rows(upgraded, "is_platform_page") == [
        ["27", "-", "home", "platform", "published"],
        ["28", "-", "about", "platform", "published"],
        ["29", "-", "contact", "platform", "published"],
        ["30", "-", "pricing", "platform", "published"],
        ["31", "-", "faq", "platform", "published"],
    ]
    assert upgraded.sql("SELECT title FROM content_pages WHERE id = 28") == [
        ["About our shop"]]


def test_timestamps_kept_in_utc(upgraded, backend):
    if backend == "pgsql":
        query = ("SELECT to_char(created_at AT TIME ZONE 'UTC', "
                 "'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') FROM vendors WHERE code = 'wizamart'")
    else:
        query = "SELECT created_at FROM vendors WHERE code = 'wizamart'"

    assert upgraded.sql(query) == [["2023-03-01T10:00:00Z"]]


def test_duplicate_default_rejected_after(upgraded):
    with pytest.raises((sqlite3.IntegrityError, subprocess.CalledProcessError)):
        upgraded.execute("INSERT INTO content_pages (platform_id, vendor_id, slug, title) "
                         "SELECT id, NULL, 'shipping', 'Again' FROM platforms")


def test_new_pages_get_new_ids(upgraded):
    upgraded.execute("INSERT INTO content_pages (platform_id, vendor_id, slug, title) "
                     "SELECT id, NULL, 'careers', 'Careers' FROM platforms")

    assert upgraded.sql("SELECT id FROM content_pages WHERE slug = 'careers'") == [["32"]]


def heading(response):
    match = re.search(r"<h1>(.*?)</h1>", response.text, re.S)
    return match.group(1).strip() if match else None


# path, status, heading: what visitors see after the upgrade.
SERVED_AFTER_UPGRADE = [
    ("/oms/", 200, "Welcome to our shop"),
    ("/oms/about", 200, "About our shop"),
    ("/oms/pricing", 200, "Our prices"),
    ("/oms/shipping", 404, None),
    ("/oms/vendors/wizamart/about", 200, "About Wizamart"),
    ("/oms/vendors/luxbakery/about", 200, "About our shop"),
    ("/oms/vendors/luxbakery/contact", 200, "Call the bakery"),
    ("/oms/vendors/luxbakery/contact-25", 404, None),
    ("/oms/vendors/wizamart/contact", 200, "Contact us"),
    ("/oms/vendors/wizamart/faq", 200, "Frequently asked questions"),
    ("/oms/vendors/wizamart/faq-7", 404, None),
    ("/oms/vendors/wizamart/shipping", 200, "Shipping and delivery"),
    ("/oms/vendors/wizamart/about-us", 200, "About us"),
    ("/oms/vendors/luxbakery/returns", 200, "Returns and refunds"),
    ("/oms/vendors/oldfriend/terms-conditions", 200, "Terms and conditions"),
    ("/oms/vendors/gardenworld/", 200, "Welcome to our shop"),
    ("/oms/vendors/wizamart/summer-sale", 404, None),
    ("/oms/vendors/closedshop/about", 404, None),
]


def test_pages_served_after_upgrade(upgraded):
    with upgraded.server() as server:
        for path, status, title in SERVED_AFTER_UPGRADE:
            response = server.get(path)

            assert (path, response.status) == (path, status)
            if title is not None:
                assert (path, heading(response)) == (path, title)
        returns = server.get("/oms/vendors/luxbakery/returns").text
        assert "<script" not in returns
        assert "onerror" not in returns
        assert "javascript:" not in returns
        assert server.get("/-/health").status == 200
        server.assert_error_log_clean()


FAILURE_TRIGGER = """
CREATE FUNCTION fail_on_legacy_drop() RETURNS event_trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_event_trigger_dropped_objects()
                WHERE object_type = 'schema' AND object_name = 'mpcms_legacy') THEN
        RAISE EXCEPTION 'injected failure while dropping the staged tables';
    END IF;
END;
$$;
CREATE EVENT TRIGGER fail_on_legacy_drop ON sql_drop EXECUTE FUNCTION fail_on_legacy_drop();
"""


def test_pgsql_failure_late_rolls_back(request):
    """A failure in the last SQL step leaves the database exactly as before.

    An event trigger raises when the upgrade drops its staged tables, after
    the new schema was created and every row copied.
    """
    database = LegacyDatabase("pgsql", request.getfixturevalue("postgres"))
    try:
        database.postgres.psql(database.database, FAILURE_TRIGGER)
        before = database.dump(schema_only=False)

        result = database.admin("migrate")

        assert result.returncode == 1
        assert "injected failure while dropping the staged tables" in result.stderr
        assert "rolled back; the database is unchanged" in result.stderr
        assert database.dump(schema_only=False) == before
        assert database.admin("status").returncode == 3
    finally:
        database.remove()


def test_sqlite_failure_rolls_back(tmp_path):
    """A row that no rule can repair stops the upgrade; nothing changes.

    A vendor code with capitals breaks the new CHECK on vendors.code, which
    the upgrade does not rewrite (vendor codes are in URLs).
    """
    database = LegacyDatabase("sqlite", None)
    try:
        database.execute("UPDATE vendors SET code = 'Old Friend' WHERE code = 'oldfriend'")
        before = database.dump(schema_only=False)

        result = database.admin("migrate")

        assert result.returncode == 1
        assert "CHECK constraint failed" in result.stderr
        assert database.dump(schema_only=False) == before
    finally:
        database.remove()
