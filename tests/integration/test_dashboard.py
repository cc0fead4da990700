"""The vendor dashboard through httpd on SQLite and PostgreSQL. The tests
cover who may open which dashboard, every page action and what the
storefront shows after it, tier limits and upgrade prompts, feature
gates, scheduling in the platform's time zone, and parallel creates
against a limit.

The tests share the admin tests' server (`admin_server`) and make vendors
of their own through the admin API, so each starts from a known tier and
page count."""

import concurrent.futures
import html
import re
import time
import urllib.parse

import pytest

from admin_client import (FORM_TYPE, TEST_PASSWORD, DashboardClient, cookies_of,
                          create_vendor_user, field_error, unique)
from conftest import ADMIN_EMAIL
from mpcms_server import HttpdServer, PostgresServer


def new_vendor(api, tier, platform="oms", name="Test Shop"):
    """Creates a vendor with an active membership on platform; returns its code."""
    code = unique("shop")
    assert api.post("/vendors", {"code": code, "name": name}).status == 201
    response = api.post(f"/vendors/{code}/platforms", {"platform": platform, "tier": tier})
    assert response.status == 201, response.json
    return code


def vendor_client(server, vendor, platform="oms"):
    """A logged-in client of a new user of vendor."""
    email = f"{unique('owner')}@{vendor}.test"
    create_vendor_user(server, email, vendor)
    client = DashboardClient(server, platform, vendor)
    assert client.login(email).status == 303
    return client


def override_client(server, api, tier, slug="faq"):
    """A new vendor on tier with an override of slug; returns (vendor, client)."""
    vendor = new_vendor(api, tier)
    client = vendor_client(server, vendor)
    assert client.post(f"/content-pages/{slug}/override").status == 303
    return vendor, client


def storefront(server, vendor, slug, platform="oms"):
    return server.get(f"/{platform}/vendors/{vendor}/{slug}")


def heading(response):
    match = re.search(r"<h1>(.*?)</h1>", response.text, re.S)
    return html.unescape(match.group(1).strip()) if match else None


def error_message(response):
    match = re.search(r'<p class="error" role="alert">(.*?)</p>', response.text, re.S)
    return html.unescape(match.group(1)) if match else None


def page_count(server, vendor):
    rows = server.sql("SELECT count(*) FROM content_pages cp JOIN vendors v "
                      f"ON v.id = cp.vendor_id WHERE v.code = '{vendor}'")
    return int(rows[0][0])


def page_form(title, content, published=True, **extra):
    fields = {"title": title, "content": content, **extra}
    if published:
        fields["is_published"] = "1"
    return fields


@pytest.fixture(scope="module")
def wizamart(admin_server):
    """A logged-in user of wizamart (business tier on oms)."""
    return vendor_client(admin_server, "wizamart")


# ---- access ----

def test_login_form_of_active_membership(admin_server):
    response = admin_server.get("/oms/vendor/wizamart/login")

    assert response.status == 200
    assert heading(response) == "Log in"
    assert 'action="/oms/vendor/wizamart/login"' in response.text
    assert "Wizamart on Wizamart OMS" in response.text


@pytest.mark.parametrize("path", [
    "/oms/vendor/nosuchshop/login",          # unknown vendor
    "/oms/vendor/closedshop/login",          # inactive vendor
    "/loyalty/vendor/gardenworld/login",     # inactive membership
    "/loyalty/vendor/luxbakery/login",       # no membership
    "/builder/vendor/wizamart/login",        # inactive platform
])
def test_no_dashboard_without_active_membership(admin_server, path):
    response = admin_server.get(path)

    assert response.status == 404


def test_page_without_session_redirects_to_vendor_login(admin_server):
    response = admin_server.get("/oms/vendor/wizamart/content-pages")

    assert response.status == 302
    assert response.header("Location").endswith(
        "/oms/vendor/wizamart/login?next=%2Foms%2Fvendor%2Fwizamart%2Fcontent-pages")


def test_post_without_session_redirects_to_vendor_login(admin_server):
    response = admin_server.request("/oms/vendor/wizamart/content-pages/faq/override",
                                    method="POST", body="csrf_token=x",
                                    headers={"Content-Type": FORM_TYPE})

    assert response.status == 303
    assert response.header("Location").endswith("/oms/vendor/wizamart/login")
    assert page_count(admin_server, "wizamart") == 4


def test_root_redirects_to_dashboard(wizamart):
    response = wizamart.get("/")

    assert response.status == 302
    assert response.header("Location").endswith("/oms/vendor/wizamart/dashboard")


def test_vendor_login_session_cookie(admin_server):
    create_vendor_user(admin_server, "cookie@wizamart.test", "wizamart")
    client = DashboardClient(admin_server, "oms", "wizamart")
    first = client.login("cookie@wizamart.test")
    first_session = client.session
    second = client.login("cookie@wizamart.test")
    value, attributes = cookies_of(first)["mpcms_session"]

    assert first.status == 303
    assert first.header("Location").endswith("/oms/vendor/wizamart/dashboard")
    assert "HttpOnly" in attributes
    assert "SameSite=Strict" in attributes
    assert "Path=/" in attributes
    assert "Max-Age=28800" in attributes
    # A login replaces the session the client had.
    assert second.status == 303
    assert client.session != first_session
    old = admin_server.get("/oms/vendor/wizamart/dashboard",
                           headers={"Cookie": f"mpcms_session={first_session}"})
    assert old.status == 302


def test_login_returns_to_next_page(admin_server):
    create_vendor_user(admin_server, "next@wizamart.test", "wizamart")
    client = DashboardClient(admin_server, "oms", "wizamart")
    response = client.login("next@wizamart.test",
                            next_page="/oms/vendor/wizamart/content-pages")
    elsewhere = DashboardClient(admin_server, "oms", "wizamart").login(
        "next@wizamart.test", next_page="/admin/users")

    assert response.header("Location").endswith("/oms/vendor/wizamart/content-pages")
    assert elsewhere.header("Location").endswith("/oms/vendor/wizamart/dashboard")


def test_security_headers(wizamart):
    response = wizamart.get("/dashboard")

    assert response.status == 200
    assert response.header("X-Frame-Options") == "DENY"
    assert response.header("Cache-Control") == "no-store"
    assert "frame-ancestors 'none'" in response.header("Content-Security-Policy")
    assert response.header("X-Content-Type-Options") == "nosniff"


def test_other_vendor_code_is_forbidden(admin_server, wizamart):
    other = DashboardClient(admin_server, "oms", "luxbakery")
    other.session = wizamart.session
    other.csrf = wizamart.csrf

    page = other.get("/content-pages")
    override = other.post("/content-pages/about/override")

    assert page.status == 403
    assert "may not manage the vendor luxbakery" in page.text
    assert override.status == 403
    assert page_count(admin_server, "luxbakery") == 0


def test_other_vendor_on_other_platform_is_forbidden(admin_server, api):
    garden_user = f"{unique('garden')}@gardenworld.test"
    create_vendor_user(admin_server, garden_user, "gardenworld")
    client = DashboardClient(admin_server, "loyalty", "wizamart")
    login = client.login(garden_user)

    assert login.status == 403
    assert client.get("/dashboard").status == 302


def test_inactive_membership_refuses_session(admin_server, api):
    vendor = new_vendor(api, "professional")
    client = vendor_client(admin_server, vendor)
    assert client.get("/content-pages").status == 200

    api.patch(f"/vendors/{vendor}/platforms/oms", {"is_active": False})
    page = client.get("/content-pages")
    override = client.post("/content-pages/faq/override")

    assert page.status == 404
    assert override.status == 404
    assert page_count(admin_server, vendor) == 0


def test_inactive_vendor_refuses_session(admin_server, api):
    vendor = new_vendor(api, "professional")
    client = vendor_client(admin_server, vendor)

    api.patch(f"/vendors/{vendor}", {"is_active": False})

    assert client.get("/dashboard").status == 404


def test_inactive_platform_refuses_session(admin_server, api):
    platform = unique("pf")
    assert api.post("/platforms", {"code": platform, "name": "Closing Platform",
                                   "path_prefix": f"/{platform}"}).status == 201
    vendor = new_vendor(api, None, platform=platform)
    client = vendor_client(admin_server, vendor, platform=platform)
    assert client.get("/dashboard").status == 200

    api.patch(f"/platforms/{platform}", {"is_active": False})

    assert client.get("/dashboard").status == 404


def test_super_admin_may_act_for_any_vendor(admin_server, api):
    vendor = new_vendor(api, "professional")
    client = DashboardClient(admin_server, "oms", vendor)
    assert client.login(ADMIN_EMAIL).status == 303

    response = client.post("/content-pages/faq/override")
    audit = api.get(f"/audit?entity=vendor_page&key=oms/{vendor}/faq").json

    assert response.status == 303
    assert audit["items"][0]["actor"] == ADMIN_EMAIL
    assert audit["items"][0]["action"] == "override"


def test_vendor_user_cannot_use_admin_area(admin_server, wizamart):
    response = admin_server.get("/admin/",
                                headers={"Cookie": f"mpcms_session={wizamart.session}"})

    assert response.status == 403


def test_wrong_csrf_token_is_forbidden(admin_server, api):
    vendor = new_vendor(api, "professional")
    client = vendor_client(admin_server, vendor)

    wrong = client.post("/content-pages/faq/override", {"csrf_token": "x" * 43},
                        csrf=False)
    missing = client.post("/content-pages/faq/override", csrf=False)

    assert wrong.status == 403
    assert missing.status == 403
    assert page_count(admin_server, vendor) == 0


def test_logout_ends_session(admin_server, api):
    vendor = new_vendor(api, "essential")
    client = vendor_client(admin_server, vendor)

    response = client.logout()

    assert response.status == 303
    assert response.header("Location").endswith(f"/oms/vendor/{vendor}/login"
                                                 "?notice=logged-out")
    assert client.get("/dashboard").status == 302


# ---- content pages ----

def test_content_pages_list_sources(wizamart):
    response = wizamart.get("/content-pages")
    rows = re.findall(r"<tr>\s*<td>([^<]+)</td><td>([^<]*)</td><td>([^<]+)</td>"
                      r"<td>([^<]+)</td>", response.text)
    by_slug = {slug: (title, source, status) for slug, title, source, status in rows}

    assert response.status == 200
    assert by_slug["about"] == ("About Wizamart", "Override", "Live")
    assert by_slug["gift-cards"] == ("Wizamart gift cards", "Custom", "Live")
    assert by_slug["summer-sale"][1:] == ("Custom", "Draft")
    assert by_slug["returns"][1:] == ("Default", "Hidden")
    assert by_slug["faq"][1:] == ("Default", "Live")
    assert by_slug["warranty"][1:] == ("Default", "Not published")
    assert by_slug["holiday-hours"][2].startswith("Scheduled for 2099-12-01T08:00 CET")
    assert "4 of 30 pages used" in response.text
    assert "2 of 20 custom pages used" in response.text


def test_override_edit_revert_through_storefront(admin_server, api):
    vendor = new_vendor(api, "professional")
    client = vendor_client(admin_server, vendor)
    assert heading(storefront(admin_server, vendor, "shipping")) == "Shipping and delivery"

    override = client.post("/content-pages/shipping/override")
    form = client.get("/content-pages/shipping/edit")
    saved = client.post("/content-pages/shipping/edit",
                        page_form("Our own shipping", "<p>Free over 50 EUR.</p>"
                                  "<script>alert(1)</script>"))
    shown = storefront(admin_server, vendor, "shipping")

    assert override.status == 303
    assert re.search(
        f"/oms/vendor/{vendor}/content-pages/shipping/edit\\?notice="
        "Your%20copy%20of%20%27shipping%27%20is%20saved%3B%20the%20storefront"
        "%20shows%20it%20from%20now%20on.&notice_mac=[A-Za-z0-9_-]{43}$",
        override.header("Location"))
    assert form.status == 200
    assert 'value="Shipping and delivery"' in form.text
    assert saved.status == 303
    assert heading(shown) == "Our own shipping"
    assert "Free over 50 EUR." in shown.text
    assert "alert(1)" not in shown.text
    assert heading(storefront(admin_server, "luxbakery", "shipping")) == \
        "Shipping and delivery"

    confirm = client.get("/content-pages/shipping/revert")
    reverted = client.post("/content-pages/shipping/revert")

    assert confirm.status == 200
    assert "Revert &#39;shipping&#39;" in confirm.text or "Revert 'shipping'" in confirm.text
    assert reverted.status == 303
    assert heading(storefront(admin_server, vendor, "shipping")) == "Shipping and delivery"
    assert page_count(admin_server, vendor) == 0


def test_override_twice_conflicts(admin_server, api):
    vendor, client = override_client(admin_server, api, "professional")

    again = client.post("/content-pages/faq/override")

    assert again.status == 409
    assert "already overridden" in error_message(again)


def test_unknown_slug_is_not_found(wizamart):
    assert wizamart.post("/content-pages/no-such-default/override").status == 404
    assert wizamart.get("/content-pages/no-such-page/edit").status == 404
    assert wizamart.get("/content-pages/faq/edit").status == 404
    assert wizamart.get("/preview/no-such-page").status == 404
    assert wizamart.get("/content-pages/BAD!/edit").status == 404


def test_hide_and_show_default(admin_server, api):
    vendor = new_vendor(api, "essential")
    client = vendor_client(admin_server, vendor)

    hidden = client.post("/content-pages/faq/hide")
    while_hidden = storefront(admin_server, vendor, "faq")
    listed = client.get("/content-pages")
    shown = client.post("/content-pages/faq/show")

    assert hidden.status == 303
    assert while_hidden.status == 404
    assert 'id="show-faq"' in listed.text
    assert shown.status == 303
    assert heading(storefront(admin_server, vendor, "faq")) == "Frequently asked questions"
    # Hiding counts toward no limit.
    assert page_count(admin_server, vendor) == 0


def test_create_and_delete_custom_page(admin_server, api):
    vendor = new_vendor(api, "professional")
    client = vendor_client(admin_server, vendor)

    form = client.get("/content-pages/new")
    created = client.post("/content-pages", {"slug": "opening-hours",
                                              **page_form("Opening hours",
                                                          "<p>9 to 5.</p>")})
    served = storefront(admin_server, vendor, "opening-hours")
    confirm = client.get("/content-pages/opening-hours/delete")
    deleted = client.post("/content-pages/opening-hours/delete")

    assert form.status == 200
    assert 'name="slug"' in form.text
    assert created.status == 303
    assert heading(served) == "Opening hours"
    assert confirm.status == 200
    assert 'id="confirm"' in confirm.text
    assert deleted.status == 303
    assert storefront(admin_server, vendor, "opening-hours").status == 404


@pytest.mark.parametrize("slug, field, message", [
    ("Bad Slug", "slug", "invalid slug"),
    ("admin", "slug", "reserved"),
    ("faq", "slug", "override it instead"),
])
def test_create_rejects_slug(admin_server, api, slug, field, message):
    vendor = new_vendor(api, "professional")
    client = vendor_client(admin_server, vendor)

    response = client.post("/content-pages", {"slug": slug, **page_form("T", "<p>x</p>")})

    assert response.status in (409, 422)
    assert message in field_error(response, field)
    assert page_count(admin_server, vendor) == 0


def test_edit_requires_title(admin_server, api):
    vendor, client = override_client(admin_server, api, "professional")

    response = client.post("/content-pages/faq/edit", page_form("  ", "<p>x</p>"))

    assert response.status == 422
    assert field_error(response, "title") == "the title is missing"


def test_preview_of_unpublished_page(admin_server, wizamart):
    response = wizamart.get("/preview/summer-sale")

    assert response.status == 200
    assert heading(response) == "Wizamart summer sale (draft)"
    assert 'data-template="oms/storefront"' in response.text
    assert response.header("Cache-Control") == "no-store"
    assert response.header("X-Robots-Tag") == "noindex"
    assert "script-src" not in response.header("Content-Security-Policy")
    assert "frame-ancestors 'none'" in response.header("Content-Security-Policy")
    # Links lead to the storefront.
    assert 'href="/oms/vendors/wizamart/"' in response.text
    assert storefront(admin_server, "wizamart", "summer-sale").status == 404


def test_preview_of_default(wizamart):
    response = wizamart.get("/preview/warranty")

    assert response.status == 200
    assert heading(response) == "Warranty and repairs"


# ---- tier limits ----

def test_essential_tier_stops_at_three_pages(admin_server, api):
    vendor = new_vendor(api, "essential")
    client = vendor_client(admin_server, vendor)
    for slug in ("about", "faq", "contact"):
        assert client.post(f"/content-pages/{slug}/override").status == 303

    listed = client.get("/content-pages")
    refused = client.post("/content-pages/shipping/override")

    assert "3 of 3 pages used" in listed.text
    assert "Upgrade to Professional to add pages." in listed.text
    assert 'id="override-shipping"' not in listed.text
    assert "<button type=\"button\" disabled>Override</button>" in listed.text
    assert refused.status == 409
    assert "Upgrade to Professional" in error_message(refused)
    assert page_count(admin_server, vendor) == 3
    assert storefront(admin_server, vendor, "shipping").status == 200


def test_essential_tier_cannot_create_custom_page(admin_server, api):
    vendor = new_vendor(api, "essential")
    client = vendor_client(admin_server, vendor)

    listed = client.get("/content-pages")
    form = client.get("/content-pages/new")
    created = client.post("/content-pages", {"slug": "news", **page_form("News", "")})

    assert "New custom page" not in listed.text
    assert "Custom pages are not part of your plan. Upgrade to Professional" in listed.text
    assert form.status == 403
    assert "Upgrade to Professional" in form.text
    assert created.status == 403
    assert "Upgrade to Professional" in created.text
    assert page_count(admin_server, vendor) == 0


def test_professional_tier_shows_usage(admin_server, api):
    vendor, client = override_client(admin_server, api, "professional")
    client.post("/content-pages", {"slug": "news", **page_form("News", "<p>n</p>")})

    home = client.get("/dashboard")

    assert home.status == 200
    assert "Plan: Professional" in home.text
    assert "2 of 10 pages used" in home.text
    assert "1 of 5 custom pages used" in home.text
    assert "no: upgrade to Business" in home.text


def test_custom_page_limit_prompts_upgrade(admin_server, api):
    vendor = new_vendor(api, "professional")
    client = vendor_client(admin_server, vendor)
    for number in range(5):
        response = client.post("/content-pages", {"slug": f"page-{number}",
                                                  **page_form(f"Page {number}", "")})
        assert response.status == 303

    refused = client.post("/content-pages", {"slug": "page-5", **page_form("Page 5", "")})

    assert refused.status == 409
    assert "5 of 5 custom pages used" in refused.text
    assert "Upgrade to Business" in refused.text
    assert page_count(admin_server, vendor) == 5


def test_downgrade_keeps_pages_and_refuses_new(admin_server, api):
    vendor = new_vendor(api, "professional")
    client = vendor_client(admin_server, vendor)
    for slug in ("about", "faq", "contact", "shipping"):
        client.post(f"/content-pages/{slug}/override")

    api.patch(f"/vendors/{vendor}/platforms/oms", {"tier": "essential"})
    listed = client.get("/content-pages")
    refused = client.post("/content-pages/returns/override")
    edited = client.post("/content-pages/faq/edit", page_form("Still editable", ""))

    assert "4 of 3 pages used" in listed.text
    assert refused.status == 409
    assert edited.status == 303
    assert heading(storefront(admin_server, vendor, "faq")) == "Still editable"
    assert page_count(admin_server, vendor) == 4


def test_parallel_creates_stop_at_limit(admin_server, api):
    """Twelve creates at once against a limit of five custom pages."""
    vendor = new_vendor(api, "professional")
    client = vendor_client(admin_server, vendor)

    def create(number):
        return client.post("/content-pages", {"slug": f"rush-{number}",
                                              **page_form(f"Rush {number}", "")}).status

    with concurrent.futures.ThreadPoolExecutor(max_workers=12) as pool:
        statuses = list(pool.map(create, range(12)))

    assert statuses.count(303) == 5, statuses
    assert statuses.count(409) == 7, statuses
    assert page_count(admin_server, vendor) == 5


# ---- feature gates ----

@pytest.mark.parametrize("tier, field, value", [
    ("essential", "meta_description", "Fresh bread"),
    ("essential", "meta_keywords", "bread"),
    ("professional", "template", "wide"),
    ("business", "publish_at", "2099-03-29T08:00"),
    ("essential", "meta_description", ""),
])
def test_field_without_feature_is_rejected(admin_server, api, tier, field, value):
    vendor, client = override_client(admin_server, api, tier)

    form = client.get("/content-pages/faq/edit")
    response = client.post("/content-pages/faq/edit",
                           page_form("Changed", "<p>x</p>", **{field: value}))

    assert f'name="{field}"' not in form.text
    assert response.status == 422
    assert f"the field {field} needs" in error_message(response)
    assert heading(storefront(admin_server, vendor, "faq")) == "Frequently asked questions"


def test_fields_with_features_are_saved(admin_server, api):
    vendor, client = override_client(admin_server, api, "enterprise")

    form = client.get("/content-pages/faq/edit")
    saved = client.post("/content-pages/faq/edit",
                        page_form("Wide FAQ", "<p>x</p>", meta_description="Answers",
                                  meta_keywords="faq", template="wide"))
    shown = storefront(admin_server, vendor, "faq")

    for field in ("meta_description", "meta_keywords", "template", "publish_at"):
        assert f'name="{field}"' in form.text
    assert 'type="datetime-local"' in form.text
    assert saved.status == 303
    assert 'data-template="oms/storefront-wide"' in shown.text
    assert '<meta name="description" content="Answers">' in shown.text


def test_unknown_layout_is_rejected(admin_server, api):
    vendor, client = override_client(admin_server, api, "business")

    response = client.post("/content-pages/faq/edit",
                           page_form("FAQ", "", template="narrow"))

    assert response.status == 422
    assert "unknown layout 'narrow'" in field_error(response, "template")


def test_scheduled_publishing_in_platform_zone(admin_server, api):
    vendor, client = override_client(admin_server, api, "enterprise")

    saved = client.post("/content-pages/faq/edit",
                        page_form("Summer FAQ", "", publish_at="2099-07-01T08:00"))
    stored = admin_server.sql(
        "SELECT cp.publish_at FROM content_pages cp JOIN vendors v ON v.id = cp.vendor_id"
        f" WHERE v.code = '{vendor}' AND cp.slug = 'faq'")[0][0]
    listed = client.get("/content-pages")
    form = client.get("/content-pages/faq/edit")

    assert saved.status == 303
    # 08:00 summer time in Luxembourg is 06:00 UTC.
    assert str(stored).startswith("2099-07-01")
    assert "06:00:00" in str(stored)
    assert "Scheduled for 2099-07-01T08:00 CEST" in listed.text
    assert 'value="2099-07-01T08:00"' in form.text
    # The storefront serves the default until then.
    assert heading(storefront(admin_server, vendor, "faq")) == "Frequently asked questions"


def test_skipped_local_time_is_rejected(admin_server, api):
    vendor, client = override_client(admin_server, api, "enterprise")

    response = client.post("/content-pages/faq/edit",
                           page_form("FAQ", "", publish_at="2026-03-29T02:30"))

    assert response.status == 422
    assert "does not exist in Europe/Luxembourg" in field_error(response, "publish_at")


def test_changes_are_audited(admin_server, api):
    vendor, client = override_client(admin_server, api, "professional", "contact")
    client.post("/content-pages/contact/edit", page_form("Call us", "<p>Now.</p>"))

    items = api.get(f"/audit?entity=vendor_page&key=oms/{vendor}/contact").json["items"]

    assert [item["action"] for item in items] == ["update", "override"]
    assert items[0]["after"]["title"] == "Call us"
    assert items[0]["before"]["title"] == "Contact us"
    assert items[0]["actor"].endswith(f"@{vendor}.test")


def test_database_down_is_503(artifacts_dir):
    """PostgreSQL stops while httpd runs: the dashboard answers 503 with
    Retry-After for pages and actions, and works again once it is back."""
    postgres = PostgresServer().start()
    try:
        with HttpdServer(postgres=postgres) as server:
            server.expect_log(r"MPCMS00005: database unavailable")
            server.expect_log(r"\[dbd:error\]")
            client = vendor_client(server, "luxbakery")

            postgres.stop_server()
            page = client.get("/content-pages")
            override = client.post("/content-pages/faq/override")
            postgres.start_server()
            deadline = time.monotonic() + 5
            while client.get("/content-pages").status != 200 and time.monotonic() < deadline:
                time.sleep(0.1)

            assert page.status == 503
            assert page.header("Retry-After") == "30"
            assert "database is unavailable" in page.text
            assert override.status == 503
            assert client.get("/content-pages").status == 200
            server.save_logs(artifacts_dir / "dashboard-database-down")
            server.assert_error_log_clean()
    finally:
        postgres.stop()


# ---- publishing ----

def listed_status(client, slug):
    """Returns the Status cell of slug in the content pages list."""
    response = client.get("/content-pages")
    match = re.search(rf"<tr>\s*<td>{re.escape(slug)}</td><td>[^<]*</td><td>[^<]+</td>"
                      r"<td>([^<]+)</td>", response.text)
    return match.group(1) if match else None


def test_custom_page_publish_and_unpublish(admin_server, api):
    vendor = new_vendor(api, "professional")
    client = vendor_client(admin_server, vendor)

    created = client.post("/content-pages", {"slug": "news",
                                              **page_form("News", "<p>n</p>",
                                                          published=False)})
    draft = storefront(admin_server, vendor, "news")
    draft_status = listed_status(client, "news")
    published = client.post("/content-pages/news/edit", page_form("News", "<p>n</p>"))
    live = storefront(admin_server, vendor, "news")
    unpublished = client.post("/content-pages/news/edit",
                              page_form("News", "<p>n</p>", published=False,
                                        is_published="0"))
    withdrawn = storefront(admin_server, vendor, "news")
    withdrawn_status = listed_status(client, "news")
    again = client.post("/content-pages/news/edit", page_form("News", "<p>n</p>"))

    assert created.status == 303
    assert draft.status == 404
    assert draft_status == "Draft"
    assert published.status == 303
    assert heading(live) == "News"
    assert unpublished.status == 303
    assert withdrawn.status == 404
    assert withdrawn_status == "Draft"
    assert again.status == 303
    assert heading(storefront(admin_server, vendor, "news")) == "News"


def test_unpublished_override_shows_default(admin_server, api):
    vendor, client = override_client(admin_server, api, "professional")
    client.post("/content-pages/faq/edit", page_form("Our FAQ", "<p>x</p>"))
    assert heading(storefront(admin_server, vendor, "faq")) == "Our FAQ"

    unpublished = client.post("/content-pages/faq/edit",
                              page_form("Our FAQ", "<p>x</p>", published=False))

    assert unpublished.status == 303
    assert heading(storefront(admin_server, vendor, "faq")) == "Frequently asked questions"
    assert listed_status(client, "faq") == "Draft"


def test_scheduled_page_form_stays_published(admin_server, api):
    vendor, client = override_client(admin_server, api, "enterprise")
    client.post("/content-pages/faq/edit",
                page_form("Later FAQ", "<p>x</p>", publish_at="2099-07-01T08:00"))

    form = client.get("/content-pages/faq/edit")
    saved = client.post("/content-pages/faq/edit",
                        page_form("Later FAQ", "<p>x</p>", publish_at="2099-07-01T08:00"))

    assert form.status == 200
    assert re.search(r'<input type="checkbox" id="field-is_published" '
                     r'name="is_published" value="1" checked>', form.text)
    assert saved.status == 303
    assert listed_status(client, "faq").startswith("Scheduled for 2099-07-01T08:00")


# ---- refused actions ----

@pytest.mark.parametrize("slug, message", [
    ("faq", "'faq' is overridden by your own page"),
    ("news", "'news' is a custom page"),
])
def test_hide_refused_on_own_page(admin_server, api, slug, message):
    vendor, client = override_client(admin_server, api, "professional")
    assert client.post("/content-pages", {"slug": "news",
                                          **page_form("News", "<p>n</p>")}).status == 303

    response = client.post(f"/content-pages/{slug}/hide")
    hidden_rows = admin_server.sql(
        "SELECT count(*) FROM vendor_hidden_pages h JOIN vendors v ON v.id = h.vendor_id"
        f" WHERE v.code = '{vendor}'")

    assert response.status == 409
    assert message in error_message(response)
    assert int(hidden_rows[0][0]) == 0
    assert storefront(admin_server, vendor, slug).status == 200


@pytest.mark.parametrize("slug, action, message", [
    ("faq", "delete", "revert it to the default instead"),
    ("news", "revert", "delete it instead"),
])
def test_confirmation_of_wrong_removal_conflicts(admin_server, api, slug, action, message):
    vendor, client = override_client(admin_server, api, "professional")
    client.post("/content-pages", {"slug": "news", **page_form("News", "<p>n</p>")})

    confirm = client.get(f"/content-pages/{slug}/{action}")
    posted = client.post(f"/content-pages/{slug}/{action}")

    assert confirm.status == 409
    assert message in confirm.text
    assert posted.status == 409
    assert message in error_message(posted)
    assert page_count(admin_server, vendor) == 2


def test_rejected_feature_field_is_not_linked(admin_server, api):
    vendor, client = override_client(admin_server, api, "essential")

    response = client.post("/content-pages/faq/edit",
                           page_form("FAQ", "", meta_description="Fresh bread"))

    assert response.status == 422
    assert 'href="#field-meta_description"' not in response.text
    assert "the field meta_description needs" in response.text


def test_essential_plan_has_no_custom_page_figure(admin_server, api):
    vendor = new_vendor(api, "essential")
    client = vendor_client(admin_server, vendor)

    for path in ("/dashboard", "/content-pages"):
        response = client.get(path)

        assert response.status == 200
        assert "custom pages used" not in response.text
        assert "Custom pages are not part of your plan. Upgrade to Professional" \
            in response.text


def test_membership_without_plan_says_so(admin_server, api):
    vendor = new_vendor(api, None)
    client = vendor_client(admin_server, vendor)

    for path in ("/dashboard", "/content-pages"):
        response = client.get(path)

        assert response.status == 200
        assert "0 of 0" not in response.text
        assert "This storefront has no plan yet" in response.text


def test_essential_plan_at_page_limit_names_both_upgrades(admin_server, api):
    vendor = new_vendor(api, "essential")
    client = vendor_client(admin_server, vendor)
    for slug in ("about", "faq", "contact"):
        client.post(f"/content-pages/{slug}/override")

    response = client.get("/content-pages")

    assert "3 of 3 pages used" in response.text
    assert "Upgrade to Professional to add pages." in response.text
    assert "Custom pages are not part of your plan." in response.text


# ---- login and notices ----

def session_count(server):
    return int(server.sql("SELECT count(*) FROM sessions")[0][0])


def test_login_of_other_vendor_user_is_forbidden(admin_server):
    email = f"{unique('owner')}@wizamart.test"
    create_vendor_user(admin_server, email, "wizamart")
    before = session_count(admin_server)

    client = DashboardClient(admin_server, "oms", "luxbakery")
    response = client.login(email)

    assert response.status == 403
    assert "has no access to the dashboard of luxbakery on oms" in error_message(response)
    assert "mpcms_session" not in cookies_of(response)
    assert session_count(admin_server) == before


def test_login_with_wrong_password_reveals_no_access(scratch_server):
    """Failed logins count toward the client address's limit, so this test
    has a server of its own."""
    email = f"{unique('owner')}@wizamart.test"
    create_vendor_user(scratch_server, email, "wizamart")

    other_vendor = DashboardClient(scratch_server, "oms", "luxbakery").login(
        email, password="wrong password 123")
    unknown = DashboardClient(scratch_server, "oms", "luxbakery").login(
        f"{unique('nobody')}@example.com", password="wrong password 123")

    assert other_vendor.status == unknown.status == 422
    assert error_message(other_vendor) == error_message(unknown)


def notice(response):
    match = re.search(r'<p class="notice" role="status">(.*?)</p>', response.text, re.S)
    return html.unescape(match.group(1)) if match else None


def location_path(response, base=""):
    """Returns the path and query of a redirect's Location, after base."""
    parts = urllib.parse.urlsplit(response.header("Location"))
    path = f"{parts.path}?{parts.query}" if parts.query else parts.path
    assert path.startswith(base), path
    return path[len(base):]


def test_notice_after_save_is_shown(admin_server, api):
    vendor, client = override_client(admin_server, api, "professional")

    saved = client.post("/content-pages/faq/edit", page_form("FAQ", "<p>x</p>"))
    shown = client.get(location_path(saved, client.base))

    assert saved.status == 303
    assert notice(shown) == "Page 'faq' saved."


@pytest.mark.parametrize("path", [
    "/dashboard?notice=Please%20re-enter%20your%20password%20at%20evil.example",
    "/content-pages?notice=Please%20re-enter%20your%20password&notice_mac=abc",
])
def test_forged_notice_is_not_shown(wizamart, path):
    response = wizamart.get(path)

    assert response.status == 200
    assert notice(response) is None
    assert "evil.example" not in response.text


def test_notice_of_other_session_is_not_shown(admin_server, api):
    vendor, client = override_client(admin_server, api, "professional")
    other = vendor_client(admin_server, vendor)
    saved = client.post("/content-pages/faq/edit", page_form("FAQ", "<p>x</p>"))

    replayed = other.get(location_path(saved, client.base))

    assert replayed.status == 200
    assert notice(replayed) is None


def test_login_page_shows_only_known_notices(admin_server, api):
    vendor = new_vendor(api, "essential")
    client = vendor_client(admin_server, vendor)
    logged_out = client.logout()

    shown = admin_server.get(location_path(logged_out))
    forged = admin_server.get(f"/oms/vendor/{vendor}/login?notice=Call%20us%20now")

    assert notice(shown) == "You are logged out."
    assert notice(forged) is None


# ---- requests that change nothing ----

def form_values(response):
    """Returns the fields of a page form as the browser would post them."""
    values = {}
    for name, value in re.findall(r'<input type="(?:text|datetime-local)" id="field-[^"]*" '
                                  r'name="([^"]+)" value="([^"]*)"', response.text):
        values[name] = html.unescape(value)
    for name, value in re.findall(r'<textarea id="field-[^"]*" name="([^"]+)"[^>]*>(.*?)</textarea>',
                                  response.text, re.S):
        values[name] = html.unescape(value)
    for name, options in re.findall(r'<select id="field-[^"]*" name="([^"]+)">(.*?)</select>',
                                    response.text, re.S):
        selected = re.search(r'<option value="([^"]*)" selected>', options)
        values[name] = html.unescape(selected.group(1)) if selected else ""
    if re.search(r'name="is_published" value="1" checked>', response.text):
        values["is_published"] = "1"
    return values


def audit_actions(api, vendor, slug, entity):
    items = api.get(f"/audit?entity={entity}&key=oms/{vendor}/{slug}").json["items"]
    return [item["action"] for item in items]


def page_version(server, vendor, slug):
    rows = server.sql("SELECT cp.version FROM content_pages cp JOIN vendors v "
                      f"ON v.id = cp.vendor_id WHERE v.code = '{vendor}' AND cp.slug = '{slug}'")
    return int(rows[0][0])


def test_hide_of_hidden_default_writes_nothing(api, wizamart):
    before = audit_actions(api, "wizamart", "returns", "hidden_page")

    response = wizamart.post("/content-pages/returns/hide")
    shown = wizamart.get(location_path(response, wizamart.base))

    assert response.status == 303
    assert notice(shown) == "'returns' is already hidden from your storefront."
    assert audit_actions(api, "wizamart", "returns", "hidden_page") == before


def test_show_twice_writes_one_audit_row(admin_server, api):
    vendor = new_vendor(api, "essential")
    client = vendor_client(admin_server, vendor)
    assert client.post("/content-pages/contact/hide").status == 303

    first = client.post("/content-pages/contact/show")
    second = client.post("/content-pages/contact/show")
    never_hidden = client.post("/content-pages/faq/show")

    assert first.status == second.status == never_hidden.status == 303
    assert notice(client.get(location_path(first, client.base))) == \
        "'contact' shows on your storefront again."
    assert notice(client.get(location_path(second, client.base))) == \
        "'contact' already shows on your storefront."
    assert audit_actions(api, vendor, "contact", "hidden_page") == ["show", "hide"]
    assert audit_actions(api, vendor, "faq", "hidden_page") == []


def test_edit_with_same_values_writes_nothing(admin_server, api):
    vendor, client = override_client(admin_server, api, "enterprise")
    fields = page_form("Our FAQ", "<p>Ask <b>us</b>.</p>", meta_description="Answers",
                       meta_keywords="faq", template="wide",
                       publish_at="2099-07-01T08:00:30")
    assert client.post("/content-pages/faq/edit", fields).status == 303
    version = page_version(admin_server, vendor, "faq")

    again = client.post("/content-pages/faq/edit", fields)
    form = client.get("/content-pages/faq/edit")
    as_shown = client.post("/content-pages/faq/edit", form_values(form))

    assert again.status == 303
    assert notice(client.get(location_path(again, client.base))) == \
        "Page 'faq' already had these values; nothing changed."
    assert as_shown.status == 303
    assert page_version(admin_server, vendor, "faq") == version
    assert audit_actions(api, vendor, "faq", "vendor_page") == ["update", "override"]


def test_demo_edit_form_posted_back_writes_nothing(admin_server, api, wizamart):
    form = wizamart.get("/content-pages/summer-sale/edit")
    version = page_version(admin_server, "wizamart", "summer-sale")
    before = audit_actions(api, "wizamart", "summer-sale", "vendor_page")

    first = wizamart.post("/content-pages/summer-sale/edit", form_values(form))
    second = wizamart.post("/content-pages/summer-sale/edit", form_values(form))

    assert first.status == second.status == 303
    assert page_version(admin_server, "wizamart", "summer-sale") == version
    assert audit_actions(api, "wizamart", "summer-sale", "vendor_page") == before


# ---- show on the vendor's own page ----

@pytest.mark.parametrize("slug, message", [
    ("about", "'about' is not hidden: your own page serves it"),
    ("gift-cards", "'gift-cards' is not hidden: it is your custom page"),
])
def test_show_refused_on_own_page(api, wizamart, slug, message):
    response = wizamart.post(f"/content-pages/{slug}/show")

    assert response.status == 409
    assert message in error_message(response)
    assert audit_actions(api, "wizamart", slug, "hidden_page") == []


def test_show_of_default_hidden_before_override(admin_server, api):
    vendor = new_vendor(api, "professional")
    client = vendor_client(admin_server, vendor)
    assert client.post("/content-pages/faq/hide").status == 303
    assert client.post("/content-pages/faq/override").status == 303

    shown = client.post("/content-pages/faq/show")
    again = client.post("/content-pages/faq/show")
    hidden_rows = admin_server.sql(
        "SELECT count(*) FROM vendor_hidden_pages h JOIN vendors v ON v.id = h.vendor_id"
        f" WHERE v.code = '{vendor}'")

    assert shown.status == 303
    assert int(hidden_rows[0][0]) == 0
    assert again.status == 409
    assert audit_actions(api, vendor, "faq", "hidden_page") == ["show", "hide"]


# ---- overriding a default that is not live ----

@pytest.mark.parametrize("slug, title", [
    ("holiday-hours", "Opening hours over the holidays"),
    ("warranty", "Warranty and repairs"),
])
def test_override_of_default_not_live_is_live(admin_server, api, slug, title):
    vendor = new_vendor(api, "business")
    client = vendor_client(admin_server, vendor)
    assert storefront(admin_server, vendor, slug).status == 404

    response = client.post(f"/content-pages/{slug}/override")
    unscheduled = admin_server.sql(
        "SELECT count(*) FROM content_pages cp JOIN vendors v ON v.id = cp.vendor_id"
        f" WHERE v.code = '{vendor}' AND cp.slug = '{slug}' AND cp.publish_at IS NULL")

    assert response.status == 303
    assert listed_status(client, slug) == "Live"
    assert heading(storefront(admin_server, vendor, slug)) == title
    assert int(unscheduled[0][0]) == 1


def scheduled_then_downgraded(server, api):
    """A vendor whose faq override keeps a publish time after a downgrade
    from enterprise to business; returns (vendor, client)."""
    vendor, client = override_client(server, api, "enterprise")
    assert client.post("/content-pages/faq/edit",
                       page_form("Later FAQ", "<p>x</p>",
                                 publish_at="2099-07-01T08:00")).status == 303
    api.patch(f"/vendors/{vendor}/platforms/oms", {"tier": "business"})
    return vendor, client


def test_kept_publish_time_without_scheduling(admin_server, api):
    vendor, client = scheduled_then_downgraded(admin_server, api)

    form = client.get("/content-pages/faq/edit")
    kept = client.post("/content-pages/faq/edit", form_values(form))
    changed = client.post("/content-pages/faq/edit",
                          page_form("Later FAQ", "<p>x</p>", publish_at="2099-08-01T08:00"))

    assert form_values(form)["publish_at"] == "2099-07-01T08:00"
    assert "does not include scheduled publishing" in form.text
    assert kept.status == 303
    assert listed_status(client, "faq").startswith("Scheduled for 2099-07-01T08:00")
    assert changed.status == 422
    assert "the field publish_at needs" in error_message(changed)


def test_cleared_publish_time_without_scheduling(admin_server, api):
    vendor, client = scheduled_then_downgraded(admin_server, api)

    cleared = client.post("/content-pages/faq/edit",
                          page_form("Later FAQ", "<p>x</p>", publish_at=""))
    form = client.get("/content-pages/faq/edit")

    assert cleared.status == 303
    assert listed_status(client, "faq") == "Live"
    assert heading(storefront(admin_server, vendor, "faq")) == "Later FAQ"
    assert 'name="publish_at"' not in form.text


# ---- publish time range ----

@pytest.mark.parametrize("local", ["1970-01-01T00:00", "1969-06-01T00:00",
                                   "0001-01-01T00:00", "9999-12-31T08:00"])
def test_publish_time_out_of_range(admin_server, api, local):
    vendor, client = override_client(admin_server, api, "enterprise")

    response = client.post("/content-pages/faq/edit",
                           page_form("FAQ", "", publish_at=local))

    assert response.status == 422
    assert field_error(response, "publish_at") == (
        f"the publish time {local} is out of range: choose a time from "
        "1970-01-02T00:00 to 9999-12-30T23:59")


@pytest.mark.parametrize("local", ["1970-01-02T00:00", "9999-12-30T23:59"])
def test_publish_time_at_range_ends(admin_server, api, local):
    vendor, client = override_client(admin_server, api, "enterprise")

    saved = client.post("/content-pages/faq/edit",
                        page_form("FAQ", "", publish_at=local))
    form = client.get("/content-pages/faq/edit")

    assert saved.status == 303
    assert form_values(form)["publish_at"] == local


# ---- messages ----

def test_feature_error_shown_once(admin_server, api):
    vendor, client = override_client(admin_server, api, "essential")

    response = client.post("/content-pages/faq/edit",
                           page_form("FAQ", "<p>x</p>", meta_description=""))

    assert response.status == 422
    assert response.text.count("the field meta_description needs") == 1


def test_save_notice_reports_sanitizer_removals(admin_server, api):
    vendor, client = override_client(admin_server, api, "professional")

    saved = client.post("/content-pages/faq/edit",
                        page_form("FAQ", '<p onclick="x()">Hi</p><script>alert(1)</script>'
                                  '<p>there</p><iframe src="x"></iframe>'))
    created = client.post("/content-pages", {"slug": "news", **page_form(
        "News", "<p>n</p><script>alert(1)</script>")})

    assert notice(client.get(location_path(saved, client.base))) == (
        "Page 'faq' saved. The HTML sanitizer removed 2 element(s) and "
        "1 attribute(s) from the content.")
    assert notice(client.get(location_path(created, client.base))) == (
        "Custom page 'news' created. The HTML sanitizer removed 1 element(s) "
        "and 0 attribute(s) from the content.")
