"""Changes in the database, seen by the next request: the three steps of
the fallback chain and what a database outage looks like."""

import re
import time

import pytest

from mpcms_server import HttpdServer


def heading(response):
    match = re.search(r"<h1>(.*?)</h1>", response.text, re.S)
    return match.group(1).strip() if match else None


LUXBAKERY_SHIPPING = "/oms/vendors/luxbakery/shipping"


def test_override_default_then_not_found(scratch_server):
    server = scratch_server
    assert heading(server.get(LUXBAKERY_SHIPPING)) == "Shipping and delivery"
    default_etag = server.get(LUXBAKERY_SHIPPING).header("ETag")

    server.sql("INSERT INTO content_pages (platform_id, vendor_id, slug, title, content, "
               "is_published) SELECT p.id, v.id, 'shipping', 'Bakery deliveries', "
               "'<p>Fresh every morning.</p>', TRUE FROM platforms p, vendors v "
               "WHERE p.code = 'oms' AND v.code = 'luxbakery'")
    override = server.get(LUXBAKERY_SHIPPING)
    assert override.status == 200
    assert heading(override) == "Bakery deliveries"
    assert "Fresh every morning." in override.text
    assert "step=vendor_page" in override.header("X-Mpcms-Resolution")

    server.sql("DELETE FROM content_pages WHERE title = 'Bakery deliveries'")
    default = server.get(LUXBAKERY_SHIPPING, headers={"If-None-Match": override.header("ETag")})
    assert default.status == 200
    assert heading(default) == "Shipping and delivery"
    assert default.header("ETag") == default_etag

    server.sql("DELETE FROM content_pages WHERE slug = 'shipping' AND vendor_id IS NULL "
               "AND platform_id = (SELECT id FROM platforms WHERE code = 'oms')")
    missing = server.get(LUXBAKERY_SHIPPING)
    assert missing.status == 404
    assert 'data-template="oms/not_found"' in missing.text


def test_edit_changes_etag(scratch_server):
    server = scratch_server
    before = server.get("/oms/pricing")

    server.sql("UPDATE content_pages SET content = '<p>New prices.</p>' "
               "WHERE slug = 'pricing' AND is_platform_page "
               "AND platform_id = (SELECT id FROM platforms WHERE code = 'oms')")
    after = server.get("/oms/pricing", headers={"If-None-Match": before.header("ETag")})

    assert after.status == 200
    assert "New prices." in after.text
    assert after.header("ETag") != before.header("ETag")


def test_navigation_change_changes_etag(scratch_server):
    server = scratch_server
    before = server.get("/oms/vendors/luxbakery/about").header("ETag")

    server.sql("UPDATE content_pages SET title = 'Delivery' WHERE slug = 'shipping' "
               "AND vendor_id IS NULL AND NOT is_platform_page "
               "AND platform_id = (SELECT id FROM platforms WHERE code = 'oms')")
    after = server.get("/oms/vendors/luxbakery/about")

    assert after.header("ETag") != before
    assert ">Delivery<" in after.text


def test_publish_time_reached(scratch_server):
    server = scratch_server
    before = server.get("/oms/vendors/luxbakery/about")
    assert server.get("/oms/vendors/luxbakery/holiday-hours").status == 404

    # Moving the publish time into the past is what reaching it looks like.
    server.sql("UPDATE content_pages SET publish_at = '2020-01-01T00:00:00Z' "
               "WHERE slug = 'holiday-hours'")
    page = server.get("/oms/vendors/luxbakery/holiday-hours")
    after = server.get("/oms/vendors/luxbakery/about",
                       headers={"If-None-Match": before.header("ETag")})

    assert page.status == 200
    assert "Opening hours over the holidays" in page.text
    # The page joins the navigation, so other pages change their ETag.
    assert after.status == 200
    assert after.header("ETag") != before.header("ETag")
    assert "Opening hours over the holidays" in after.text


def test_hiding_a_default(scratch_server):
    server = scratch_server
    assert server.get("/oms/vendors/luxbakery/faq").status == 200

    server.sql("INSERT INTO vendor_hidden_pages (platform_id, vendor_id, slug) "
               "SELECT p.id, v.id, 'faq' FROM platforms p, vendors v "
               "WHERE p.code = 'oms' AND v.code = 'luxbakery'")

    assert server.get("/oms/vendors/luxbakery/faq").status == 404
    assert server.get("/oms/vendors/wizamart/faq").status == 200


def test_deactivating_a_platform(scratch_server):
    server = scratch_server
    server.sql("UPDATE platforms SET is_active = FALSE WHERE code = 'loyalty'")

    assert server.get("/loyalty/").status == 404
    assert server.get("/loyalty/vendors/wizamart/").status == 404
    assert server.get("/oms/").status == 200


@pytest.mark.sqlite_only
def test_unreachable_database_gives_503():
    # SQLite cannot create a file in a folder that does not exist.
    with HttpdServer(database="/nonexistent/mpcms/mpcms.db", create_database=False) as server:
        server.expect_log(r"MPCMS00005: database unavailable")
        server.expect_log(r"\[dbd:error\]")
        server.expect_log(r"\[dbd:crit\]")
        server.expect_log(r"MPCMS00102: schema version not checked")

        first = server.get("/oms/pricing")
        second = server.get("/oms/vendors/wizamart/about")

        assert first.status == 503
        assert second.status == 503
        assert first.header("Retry-After") == "30"
        assert len(first.body) < 1024
        # A configured prefix routes without the database, so redirects
        # still work; other paths need the platforms table to be routed.
        assert server.get("/oms").status == 301
        assert server.get("/pricing").status == 503
        for _ in range(20):
            assert server.get("/oms/faq").status == 503
        # One report per child process and interval, however many fail.
        reports = [line for line in server.error_log().splitlines() if "MPCMS00005" in line]
        pids = [re.search(r"\[pid (\d+)", line).group(1) for line in reports]
        assert len(pids) == len(set(pids))
        server.assert_error_log_clean()


def test_direct_change_seen_within_cache_ttl(scratch_server):
    server = scratch_server
    for _ in range(10):
        assert server.get("/oms/vendors/luxbakery/about").status == 200

    server.sql("UPDATE vendors SET is_active = FALSE WHERE code = 'luxbakery'")
    # MpcmsCacheTTL is 2 seconds in the development configuration; every
    # child must have let its entry go by then.
    time.sleep(2.1)

    statuses = {server.get("/oms/vendors/luxbakery/about").status for _ in range(20)}
    assert statuses == {404}


def test_platform_routed_by_database(scratch_server):
    server = scratch_server
    server.sql("UPDATE platforms SET is_active = TRUE WHERE code = 'builder'")

    response = server.get("/builder/")

    assert response.status == 200
    assert "platform=builder; platform-via=database" in response.header("X-Mpcms-Resolution")
