"""The HTML pages of the admin area: every form, its rejections, and the
changes showing at once on the served pages, on SQLite and PostgreSQL."""

import re

import pytest

from admin_client import (FORM_TYPE, TEST_PASSWORD, AdminClient, field_error, field_value,
                          unique)
from conftest import ADMIN_EMAIL

PLATFORM_FIELDS = {
    "name": "Test platform",
    "description": "",
    "domain": "",
    "logo": "",
    "theme_config": "{}",
    "is_active": "1",
    "default_language": "en",
    "supported_languages": '["en"]',
    "timezone": "Europe/Luxembourg",
}


def heading(response):
    match = re.search(r"<h1>(.*?)</h1>", response.text, re.S)
    return match.group(1).strip() if match else None


def notice(response):
    match = re.search(r'<p class="notice" role="status">(.*?)</p>', response.text, re.S)
    return match.group(1) if match else None


def count(server, sql):
    return int(server.sql(sql)[0][0])


def create_platform(admin, **fields):
    code = unique("web")
    values = dict(PLATFORM_FIELDS, code=code, path_prefix=f"/{code}")
    values.update(fields)
    response = admin.post("/platforms", values)
    assert response.status == 303, response.text
    return code


def create_vendor_on(admin, platform):
    vendor = unique("shop")
    assert admin.post("/vendors", {"code": vendor, "name": f"Shop {vendor}",
                                   "contact_email": "", "is_active": "1"}).status == 303
    response = admin.post(f"/vendors/{vendor}/platforms",
                          {"platform": platform, "tier": "", "is_active": "1",
                           "custom_subdomain": ""})
    assert response.status == 303, response.text
    return vendor


def page_fields(slug, title, content="<p>Body.</p>", published="1"):
    return {"slug": slug, "title": title, "content": content, "meta_description": "",
            "meta_keywords": "", "is_published": published, "show_in_nav": "1",
            "sort_order": "1"}


# ---- the dashboard and lists ----


def test_dashboard_lists_platforms(admin):
    response = admin.get("/")

    assert response.status == 200
    assert 'data-template="admin/dashboard"' in response.text
    assert heading(response) == "Dashboard"
    assert 'href="/admin/platforms/oms/pages"' in response.text
    assert ADMIN_EMAIL in response.text


@pytest.mark.parametrize("path,title", [
    ("/platforms", "Platforms"),
    ("/platforms/oms/pages", "Marketing pages of oms"),
    ("/platforms/oms/defaults", "Vendor default pages of oms"),
    ("/platforms/oms/tiers", "Subscription tiers of oms"),
    ("/pages", "All pages"),
    ("/vendors", "Vendors"),
    ("/vendors/wizamart/platforms", "Platforms of vendor wizamart"),
    ("/vendors/wizamart/domains", "Custom domains of wizamart"),
    ("/users", "Users"),
    ("/tokens", "API tokens"),
    ("/audit", "Audit log"),
])
def test_list_page(admin, path, title):
    response = admin.get(path)

    assert response.status == 200
    assert heading(response) == title
    assert 'data-template="admin/list"' in response.text


@pytest.mark.parametrize("path", ["/platforms/no-such", "/platforms/oms/pages/999999",
                                  "/platforms/oms/pages/abc", "/vendors/no-such",
                                  "/vendors/wizamart/platforms/builderx", "/users/999999",
                                  "/platforms/oms/tiers/gold"])
def test_unknown_record_is_404(admin, path):
    response = admin.get(path)

    assert response.status == 404
    assert heading(response) == "Not found"


def test_pages_list_is_paginated(admin_server, admin):
    code = create_platform(admin)
    platform_id = admin_server.sql(f"SELECT id FROM platforms WHERE code = '{code}'")[0][0]
    for i in range(55):
        admin_server.sql(
            f"INSERT INTO content_pages (platform_id, slug, title, is_platform_page) "
            f"VALUES ({platform_id}, 'page-{i:02d}', 'Page {i}', TRUE)")

    first = admin.get(f"/platforms/{code}/pages")
    second = admin.get(f"/platforms/{code}/pages?page=2")

    assert "page 1 of 2 (55 rows)" in first.text
    assert f'href="/admin/platforms/{code}/pages?page=2" rel="next"' in first.text
    assert first.text.count("<tr>") == 51
    assert second.text.count("<tr>") == 6
    assert 'rel="prev"' in second.text


def test_pages_filter_by_source(admin):
    response = admin.get("/pages?platform=oms&vendor=wizamart&source=override")

    assert response.status == 200
    assert "About Wizamart" in response.text
    assert "Wizamart gift cards" not in response.text
    assert '<option value="override" selected>' in response.text
    assert 'href="/admin/vendors/wizamart"' in response.text


def test_pages_filter_invalid_source_is_400(admin):
    response = admin.get("/pages?source=everything")

    assert response.status == 400
    assert "invalid source" in response.text


# ---- platforms ----


def test_platform_created_and_served(admin_server, admin):
    code = create_platform(admin, name="Brand new platform")

    listed = admin.get("/platforms")
    page = admin.post(f"/platforms/{code}/pages",
                      page_fields("platform_homepage", "Welcome to the new platform"))
    served = admin_server.get(f"/{code}/")

    assert code in listed.text
    assert page.status == 303
    assert served.status == 200
    assert "Welcome to the new platform" in served.text


def test_platform_invalid_json_shows_position(admin_server, admin):
    code = unique("json")
    values = dict(PLATFORM_FIELDS, code=code, path_prefix="", name="Kept name",
                  theme_config='{\n  "color": "red",\n}')

    response = admin.post("/platforms", values)

    assert response.status == 422
    assert "line 3" in field_error(response, "theme_config")
    # The values entered come back, the broken JSON included.
    assert field_value(response, "code") == code
    assert field_value(response, "name") == "Kept name"
    assert "&quot;color&quot;: &quot;red&quot;," in field_value(response, "theme_config")
    assert "nothing was saved" in response.text
    assert count(admin_server, f"SELECT count(*) FROM platforms WHERE code = '{code}'") == 0


def test_platform_invalid_languages(admin):
    values = dict(PLATFORM_FIELDS, code=unique("lang"), path_prefix="",
                  supported_languages='["en", "english"]')

    response = admin.post("/platforms", values)

    assert response.status == 422
    assert "item 2" in field_error(response, "supported_languages")


@pytest.mark.parametrize("timezone", ["Europe/Atlantis", "Mars/Olympus_Mons", "localtime"])
def test_platform_unknown_time_zone_is_422(admin, timezone):
    values = dict(PLATFORM_FIELDS, code=unique("tz"), timezone=timezone)

    response = admin.post("/platforms", values)

    assert response.status == 422
    assert timezone in field_error(response, "timezone")


def test_platform_edit_keeps_known_time_zone(admin):
    code = create_platform(admin, timezone="America/New_York")

    form = admin.get(f"/platforms/{code}")

    assert field_value(form, "timezone") == "America/New_York"


def test_platform_duplicate_code_is_409(admin):
    response = admin.post("/platforms", dict(PLATFORM_FIELDS, code="oms", path_prefix=""))

    assert response.status == 409
    assert "already has code 'oms'" in field_error(response, "code")


def test_platform_edit(admin):
    code = create_platform(admin)
    form = admin.get(f"/platforms/{code}")

    saved = admin.post(f"/platforms/{code}",
                       dict(PLATFORM_FIELDS, code=code, path_prefix=f"/{code}",
                            name="Edited name", theme_config='{"a": 1}'))
    again = admin.get(f"/platforms/{code}")

    assert field_value(form, "code") == code
    assert saved.status == 303
    assert field_value(again, "name") == "Edited name"
    assert "&quot;a&quot;: 1" in field_value(again, "theme_config")


def test_platform_deactivated_shows_at_once(admin_server, admin):
    code = create_platform(admin)
    admin.post(f"/platforms/{code}/pages", page_fields("platform_homepage", "Soon gone"))
    assert admin_server.get(f"/{code}/").status == 200

    admin.post(f"/platforms/{code}",
               dict(PLATFORM_FIELDS, code=code, path_prefix=f"/{code}", is_active="0"))

    # Within the 2-second cache lifetime: the write made the cache stale.
    # The prefix no longer routes, so the default platform reads it as a slug.
    response = admin_server.get(f"/{code}/")
    assert response.status != 200
    assert "Soon gone" not in response.text


def test_vendor_deactivated_shows_at_once(admin_server, admin):
    code = create_platform(admin)
    vendor = create_vendor_on(admin, code)
    admin.post(f"/platforms/{code}/defaults", page_fields("home", "Shop home"))
    assert admin_server.get(f"/{code}/vendors/{vendor}/").status == 200

    admin.post(f"/vendors/{vendor}", {"code": vendor, "name": "Closed", "contact_email": "",
                                      "is_active": "0"})

    assert admin_server.get(f"/{code}/vendors/{vendor}/").status == 404


# ---- pages ----


def test_marketing_page_and_default_served(admin_server, admin):
    code = create_platform(admin)
    vendor = create_vendor_on(admin, code)

    marketing = admin.post(f"/platforms/{code}/pages",
                           page_fields("pricing", "Our prices"))
    default = admin.post(f"/platforms/{code}/defaults",
                         page_fields("shipping", "How we ship"))

    assert marketing.status == 303
    assert notice(admin.get(marketing.header("Location").split("/admin", 1)[1])) \
        == "Page pricing saved."
    assert default.status == 303
    assert "Our prices" in admin_server.get(f"/{code}/pricing").text
    assert "How we ship" in admin_server.get(f"/{code}/vendors/{vendor}/shipping").text
    # Each kind serves only where it belongs.
    assert admin_server.get(f"/{code}/shipping").status == 404
    assert admin_server.get(f"/{code}/vendors/{vendor}/pricing").status == 404


def test_script_in_content_removed(admin_server, admin):
    code = create_platform(admin)

    response = admin.post(f"/platforms/{code}/pages", page_fields(
        "safe", "Safe page",
        '<p>Text</p><script>document.location="https://evil.example"</script>'
        '<img src="x.png" onerror="alert(1)">'))
    served = admin_server.get(f"/{code}/safe")
    stored = admin_server.sql(f"SELECT content FROM content_pages WHERE slug = 'safe' "
                              f"AND title = 'Safe page'")[0][0]

    assert response.status == 303
    assert "sanitizer%20removed%201%20element" in response.header("Location")
    assert stored == '<p>Text</p><img src="x.png">'
    assert "<script" not in served.text
    assert "onerror" not in served.text


def test_duplicate_slug_is_409(admin):
    response = admin.post("/platforms/oms/defaults", page_fields("about", "Another about"))

    assert response.status == 409
    assert "slug 'about' already exists" in field_error(response, "slug")
    assert field_value(response, "title") == "Another about"


@pytest.mark.parametrize("slug", ["vendors", "api", "home"])
def test_reserved_slug_is_422(admin, slug):
    response = admin.post("/platforms/oms/pages", page_fields(slug, "Reserved"))

    assert response.status == 422
    assert "reserved" in field_error(response, "slug")


def test_other_root_slug_names_right_one(admin):
    marketing = admin.post("/platforms/oms/pages", page_fields("home", "Home"))
    default = admin.post("/platforms/oms/defaults",
                         page_fields("platform_homepage", "Home"))

    assert "the root marketing page has the slug 'platform_homepage'" \
        in field_error(marketing, "slug")
    assert "the root vendor default page has the slug 'home'" \
        in field_error(default, "slug")


def test_invalid_slug_and_title_both_named(admin_server, admin):
    pages = "SELECT count(*) FROM content_pages"
    audit_rows = "SELECT count(*) FROM audit_log"
    pages_before = count(admin_server, pages)
    audit_before = count(admin_server, audit_rows)

    response = admin.post("/platforms/oms/pages", page_fields("Not A Slug", ""))

    assert response.status == 422
    assert "invalid slug" in field_error(response, "slug")
    assert field_error(response, "title") == "is required"
    assert count(admin_server, pages) == pages_before
    assert count(admin_server, audit_rows) == audit_before


def test_page_edit_publish_unpublish_delete(admin_server, admin):
    code = create_platform(admin)
    admin.post(f"/platforms/{code}/pages", page_fields("news", "News", published="0"))
    page_id = admin_server.sql(
        f"SELECT cp.id FROM content_pages cp JOIN platforms p ON p.id = cp.platform_id "
        f"WHERE p.code = '{code}' AND cp.slug = 'news'")[0][0]
    base = f"/platforms/{code}/pages/{page_id}"

    draft = admin_server.get(f"/{code}/news")
    published = admin.post(base + "/publish")
    live = admin_server.get(f"/{code}/news")
    edited = admin.post(base, page_fields("news", "Latest news"))
    retitled = admin_server.get(f"/{code}/news")
    unpublished = admin.post(base + "/unpublish")
    hidden = admin_server.get(f"/{code}/news")
    confirm = admin.get(base + "/delete")
    deleted = admin.post(base + "/delete")

    assert draft.status == 404
    assert published.status == 303
    assert live.status == 200
    assert edited.status == 303
    assert "Latest news" in retitled.text
    assert unpublished.status == 303
    assert hidden.status == 404
    assert confirm.status == 200
    assert 'data-template="admin/confirm"' in confirm.text
    assert "cannot be undone" in confirm.text
    assert "Visitors of the platform&#39;s own pages will no longer show it" \
        in confirm.text
    assert deleted.status == 303
    assert notice(admin.get(published.header("Location").split("/admin", 1)[1])) \
        == "Page news published."
    assert notice(admin.get(deleted.header("Location").split("/admin", 1)[1])) \
        == "Page news deleted."
    assert admin.get(base).status == 404
    assert count(admin_server, f"SELECT count(*) FROM audit_log WHERE entity_key = "
                               f"'{code}/{page_id}'") == 5


def test_default_unpublished_by_edit_is_not_served(admin_server, admin):
    code = create_platform(admin)
    vendor = create_vendor_on(admin, code)
    admin.post(f"/platforms/{code}/defaults", page_fields("shipping", "How we ship"))
    page_id = admin_server.sql(
        f"SELECT cp.id FROM content_pages cp JOIN platforms p ON p.id = cp.platform_id "
        f"WHERE p.code = '{code}' AND cp.slug = 'shipping'")[0][0]
    served = admin_server.get(f"/{code}/vendors/{vendor}/shipping")

    edited = admin.post(f"/platforms/{code}/defaults/{page_id}",
                        page_fields("shipping", "How we ship", published="0"))
    withdrawn = admin_server.get(f"/{code}/vendors/{vendor}/shipping")
    published = admin.post(f"/platforms/{code}/defaults/{page_id}/publish")

    assert served.status == 200
    assert edited.status == 303
    assert withdrawn.status == 404
    assert published.status == 303
    assert admin_server.get(f"/{code}/vendors/{vendor}/shipping").status == 200


def test_forged_notice_is_not_shown(admin):
    response = admin.get("/platforms?notice=Please%20re-enter%20your%20password"
                         "%20at%20evil.example")

    assert response.status == 200
    assert notice(response) is None
    assert "evil.example" not in response.text


def test_delete_needs_post(admin):
    response = admin.post("/platforms/oms/pages/1/delete", csrf=False)

    assert response.status == 403


# ---- vendors, memberships, domains ----


def test_membership_subdomain_conflict_is_409(admin):
    vendor = unique("sub")
    admin.post("/vendors", {"code": vendor, "name": "Sub", "contact_email": "",
                            "is_active": "1"})

    response = admin.post(f"/vendors/{vendor}/platforms",
                          {"platform": "oms", "tier": "", "is_active": "1",
                           "custom_subdomain": "garden"})

    assert response.status == 409
    assert "garden" in field_error(response, "custom_subdomain")


def test_membership_primary_moves(admin_server, admin):
    vendor = unique("prim")
    admin.post("/vendors", {"code": vendor, "name": "P", "contact_email": "",
                            "is_active": "1"})
    admin.post(f"/vendors/{vendor}/platforms", {"platform": "oms", "tier": "business",
                                                "is_active": "1", "is_primary": "1"})
    admin.post(f"/vendors/{vendor}/platforms", {"platform": "loyalty", "tier": "",
                                                "is_active": "1", "is_primary": "1"})

    rows = admin_server.sql(
        f"SELECT p.code FROM vendor_platforms vp JOIN vendors v ON v.id = vp.vendor_id "
        f"JOIN platforms p ON p.id = vp.platform_id WHERE v.code = '{vendor}' "
        f"AND vp.is_primary")
    edit = admin.get(f"/vendors/{vendor}/platforms/oms")

    assert [row[0] for row in rows] == ["loyalty"]
    assert '<option value="business" selected>' in edit.text


def test_new_membership_tiers_name_platforms(admin_server, admin):
    offering = [row[0] for row in admin_server.sql(
        "SELECT p.code FROM subscription_tiers t JOIN platforms p ON p.id = t.platform_id"
        " WHERE t.code = 'essential' ORDER BY p.code")]

    form = admin.get("/vendors/wizamart/platforms/new")

    assert form.status == 200
    assert f'<option value="essential">essential: {", ".join(offering)}</option>' \
        in form.text
    assert form.text.count('<option value="essential"') == 1


def test_custom_domain_serves_after_verify(admin_server, admin):
    code = create_platform(admin)
    vendor = create_vendor_on(admin, code)
    admin.post(f"/platforms/{code}/defaults", page_fields("home", "Home of the shop"))
    domain = f"{vendor}.example"

    added = admin.post(f"/vendors/{vendor}/domains", {"domain": domain, "platform": code})
    before = admin_server.get("/", host=domain)
    domain_id = admin_server.sql(f"SELECT id FROM vendor_domains WHERE domain = '{domain}'")[0][0]
    admin.post(f"/vendors/{vendor}/domains/{domain_id}/verify")
    verified = admin_server.get("/", host=domain)
    admin.post(f"/vendors/{vendor}/domains/{domain_id}/deactivate")
    deactivated = admin_server.get("/", host=domain)

    # An unknown host gets the default platform (oms) in development.
    assert added.status == 303
    assert "Home of the shop" not in before.text
    assert verified.status == 200
    assert "Home of the shop" in verified.text
    assert "Home of the shop" not in deactivated.text


def test_invalid_domain_named(admin):
    response = admin.post("/vendors/wizamart/domains", {"domain": "http://x.lu",
                                                        "platform": "oms"})

    assert response.status == 422
    assert "invalid domain" in field_error(response, "domain")


# ---- tiers ----


def test_tier_create_and_edit(admin_server, admin):
    code = create_platform(admin)

    created = admin.post(f"/platforms/{code}/tiers",
                         [("code", "gold"), ("name", "Gold"), ("sort_order", "2"),
                          ("cms_pages_limit", "40"), ("cms_custom_pages_limit", ""),
                          ("is_active", "1"), ("features", "cms_basic"),
                          ("features", "cms_seo")])
    form = admin.get(f"/platforms/{code}/tiers/gold")
    listed = admin.get(f"/platforms/{code}/tiers")

    assert created.status == 303
    assert field_value(form, "cms_pages_limit") == "40"
    assert 'name="features" value="cms_seo" checked' in form.text
    assert 'name="features" value="cms_templates">' in form.text
    assert "unlimited" in listed.text


def test_tier_negative_limit_is_422(admin):
    response = admin.post("/platforms/oms/tiers", {"code": unique("neg"), "name": "Neg",
                                                   "sort_order": "1",
                                                   "cms_pages_limit": "-1"})

    assert response.status == 422
    assert "0 to 1000000" in field_error(response, "cms_pages_limit")


# ---- users and tokens ----


def test_user_disable_ends_sessions(admin_server, admin):
    email = unique("staff") + "@example.com"
    admin.post("/users", {"email": email, "role": "super_admin", "password": TEST_PASSWORD,
                          "is_active": "1"})
    user_id = admin_server.sql(f"SELECT id FROM users WHERE email = '{email}'")[0][0]
    other = AdminClient(admin_server)
    other.login(email)
    assert other.get("/").status == 200

    response = admin.post(f"/users/{user_id}/disable")

    assert response.status == 303
    assert other.get("/").status == 302


def test_user_password_reset_form(admin_server, admin):
    email = unique("reset") + "@example.com"
    admin.post("/users", {"email": email, "role": "vendor_user", "password": TEST_PASSWORD,
                          "is_active": "1"})
    user_id = admin_server.sql(f"SELECT id FROM users WHERE email = '{email}'")[0][0]

    short = admin.post(f"/users/{user_id}/password", {"password": "short"})
    done = admin.post(f"/users/{user_id}/password", {"password": "a new long password"})

    assert short.status == 422
    assert "too short" in field_error(short, "password")
    # The password is never shown again.
    assert 'value="short"' not in short.text
    assert done.status == 303
    assert AdminClient(admin_server).login(email, "a new long password").status == 303


def test_user_email_taken_is_409(admin):
    response = admin.post("/users", {"email": ADMIN_EMAIL, "role": "super_admin",
                                     "password": TEST_PASSWORD, "is_active": "1"})

    assert response.status == 409
    assert "already exists" in field_error(response, "email")


def test_cannot_demote_self(admin_server, admin):
    own_id = admin_server.sql(f"SELECT id FROM users WHERE email = '{ADMIN_EMAIL}'")[0][0]

    response = admin.post(f"/users/{own_id}", {"email": ADMIN_EMAIL, "role": "vendor_user",
                                               "is_active": "1"})

    assert response.status == 409
    assert admin.get("/").status == 200


def test_token_shown_once(admin):
    response = admin.post("/tokens", {"name": "shown once"})
    token = re.search(r'id="secret">([^<]+)<', response.text).group(1)

    listed = admin.get("/tokens")

    assert token.startswith("mpcms_")
    assert len(token) == 49
    assert token not in listed.text
    assert "shown once" in listed.text


# ---- the audit log ----


def test_audit_log_filters(admin):
    code = create_platform(admin)

    response = admin.get(f"/audit?entity=platform&key={code}")
    other = admin.get("/audit?entity=api_token&key=no-such-token")

    assert response.status == 200
    assert response.text.count("<tr>") == 2
    assert ADMIN_EMAIL in response.text
    assert "&quot;code&quot;: &quot;" + code in response.text
    assert "No change matches these filters." in other.text


# ---- request limits ----


def test_form_too_large_is_413(admin):
    response = admin.post("/vendors", body="code=" + "x" * (4 * 1024 * 1024 + 1))

    assert response.status == 413
    assert heading(response) == "Request too large"


def test_multipart_form_is_415(admin):
    response = admin.post("/vendors", body="--x\r\n", content_type="multipart/form-data; "
                                                                     "boundary=x")

    assert response.status == 415


def test_malformed_form_is_400(admin):
    response = admin.post("/vendors", body="code=%zz&csrf_token=" + (admin.csrf or ""))

    assert response.status == 400
    assert "invalid %-escape" in response.text
