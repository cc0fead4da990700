"""The JSON API under /admin/api/v1: tokens, errors and every kind of
record, through httpd on SQLite and PostgreSQL."""

import hashlib
import time

import pytest

from admin_client import (TEST_PASSWORD, AdminClient, ApiClient, create_admin,
                          create_api_token, unique)
from conftest import ADMIN_EMAIL
from mpcms_server import HttpdServer, PostgresServer


def new_platform(api, **fields):
    code = unique("api")
    data = {"code": code, "name": f"Platform {code}", "path_prefix": f"/{code}"}
    data.update(fields)
    response = api.post("/platforms", data)
    assert response.status == 201, response.json
    return code


# ---- authentication ----


def test_no_token_is_401(admin_server):
    response = ApiClient(admin_server, None).get("/platforms")

    assert response.status == 401
    assert response.header("WWW-Authenticate") == 'Bearer realm="mpcms admin API"'
    assert response.header("Content-Type") == "application/json"
    assert "Authorization: Bearer" in response.json["error"]["message"]


def test_unknown_token_is_401(admin_server):
    response = ApiClient(admin_server, "mpcms_" + "x" * 43).get("/platforms")

    assert response.status == 401
    assert 'error="invalid_token"' in response.header("WWW-Authenticate")


def test_session_cookie_is_not_enough(admin_server, admin):
    response = admin_server.get("/admin/api/v1/platforms",
                                headers={"Cookie": f"mpcms_session={admin.session}"})

    assert response.status == 401


def test_revoked_token_is_401(admin_server, admin):
    token = create_api_token(admin, unique("revoked"))
    client = ApiClient(admin_server, token)
    assert client.get("/platforms").status == 200
    token_id = admin_server.sql(
        f"SELECT id FROM api_tokens WHERE token_prefix = '{token[:12]}'")[0][0]

    revoked = admin.post(f"/tokens/{token_id}/revoke")

    assert revoked.status == 303
    assert client.get("/platforms").status == 401


def test_token_stored_as_digest(admin_server, admin):
    token = create_api_token(admin, unique("digest"))

    rows = admin_server.sql(f"SELECT count(*) FROM api_tokens WHERE token_hash = '{token}'")
    listed = admin.get("/tokens")

    assert str(rows[0][0]) == "0"
    assert token not in listed.text
    assert token[:12] in listed.text


def test_vendor_user_token_is_403(admin_server, admin):
    email = unique("apishop") + "@example.com"
    admin.post("/users", {"email": email, "role": "vendor_user", "password": TEST_PASSWORD,
                          "is_active": "1"})
    token = "mpcms_vendor_user_token_for_tests"
    digest = hashlib.sha256(token.encode()).hexdigest()
    admin_server.sql(
        "INSERT INTO api_tokens (user_id, name, token_hash, token_prefix, created_at) "
        f"SELECT id, 'vendor', '{digest}', 'mpcms_vendor', '2026-01-01T00:00:00Z' "
        f"FROM users WHERE email = '{email}'")

    response = ApiClient(admin_server, token).get("/platforms")

    assert response.status == 403


# ---- request errors ----


def test_invalid_json_is_400_with_position(api):
    response = api.post("/platforms", body='{"code": "x",\n "name": }',
                        headers={"Content-Type": "application/json"})

    assert response.status == 400
    error = response.json["error"]
    assert error["line"] == 2
    assert error["column"] >= 1
    assert "invalid JSON" in error["message"]


def test_empty_json_body_is_400(api):
    response = api.post("/platforms", body="", headers={"Content-Type": "application/json"})

    assert response.status == 400
    assert "empty" in response.json["error"]["message"]
    assert response.json["error"]["column"] == 1


def test_json_array_is_400(api):
    response = api.post("/platforms", body="[]", headers={"Content-Type": "application/json"})

    assert response.status == 400


def test_wrong_content_type_is_415(api):
    response = api.post("/platforms", body="code=x",
                        headers={"Content-Type": "application/x-www-form-urlencoded"})

    assert response.status == 415


def test_body_too_large_is_413(api):
    response = api.post("/platforms", body="{" + " " * (4 * 1024 * 1024 + 10) + "}",
                        headers={"Content-Type": "application/json"})

    assert response.status == 413
    assert "larger than" in response.json["error"]["message"]


def test_unknown_field_is_422(api):
    response = api.post("/platforms", {"code": unique("x"), "name": "X", "colour": "red"})

    assert response.status == 422
    assert response.json["error"]["field"] == "colour"
    assert response.json["error"]["message"] == "unknown field"


def test_wrong_type_is_422(api):
    response = api.post("/platforms", {"code": unique("x"), "name": "X", "is_active": "yes"})

    assert response.status == 422
    assert response.json["error"]["field"] == "is_active"


def test_every_invalid_field_is_listed(api):
    response = api.post("/platforms", {"code": "Bad Code", "name": "",
                                       "domain": "not a domain"})
    fields = {error["field"] for error in response.json["errors"]}

    assert response.status == 422
    assert fields == {"code", "name", "domain"}


def test_method_not_allowed_is_405(api):
    response = api.delete("/platforms")

    assert response.status == 405
    assert response.header("Allow") == "GET, HEAD, POST"


def test_unknown_platform_is_404(api):
    response = api.get("/platforms/no-such-platform")

    assert response.status == 404
    assert response.json["error"]["message"] == "no platform with code 'no-such-platform'"


def test_unknown_path_is_404(api):
    assert api.get("/nothing/here").status == 404


def test_bad_page_number_is_400(api):
    response = api.get("/platforms?page=zero")

    assert response.status == 400
    assert response.json["error"]["field"] == "page"


# ---- platforms ----


def test_platform_create_get_patch(api, admin_server):
    code = new_platform(api, theme_config={"primary_color": "#123456"},
                        supported_languages=["en", "fr"], default_language="fr")

    got = api.get(f"/platforms/{code}")
    patched = api.patch(f"/platforms/{code}", {"name": "Renamed", "is_active": False})

    assert got.status == 200
    assert got.json["theme_config"] == {"primary_color": "#123456"}
    assert got.json["supported_languages"] == ["en", "fr"]
    assert got.json["is_active"] is True
    assert patched.status == 200
    assert patched.json["name"] == "Renamed"
    assert patched.json["is_active"] is False
    # Fields the PATCH left out keep their values.
    assert patched.json["default_language"] == "fr"


def test_platform_create_sets_location(api):
    code = unique("loc")
    response = api.post("/platforms", {"code": code, "name": "Loc"})

    assert response.status == 201
    assert response.header("Location").endswith(f"/admin/api/v1/platforms/{code}")


def test_platform_duplicate_code_is_409(api):
    response = api.post("/platforms", {"code": "oms", "name": "Again"})

    assert response.status == 409
    assert response.json["error"]["field"] == "code"
    assert "oms" in response.json["error"]["message"]


def test_platform_duplicate_domain_is_409(api):
    response = api.post("/platforms", {"code": unique("dom"), "name": "D", "domain": "oms.lu"})

    assert response.status == 409
    assert response.json["error"]["field"] == "domain"


def test_platform_theme_must_be_object(api):
    response = api.post("/platforms", {"code": unique("t"), "name": "T", "theme_config": [1]})

    assert response.status == 422
    assert response.json["error"]["field"] == "theme_config"


def test_platform_default_language_must_be_supported(api):
    response = api.post("/platforms", {"code": unique("l"), "name": "L",
                                       "supported_languages": ["en"],
                                       "default_language": "de"})

    assert response.status == 422
    assert response.json["error"]["field"] == "default_language"


@pytest.mark.parametrize("code", ["admin", "shared", "new"])
def test_platform_reserved_code_is_422(api, code):
    response = api.post("/platforms", {"code": code, "name": "Reserved"})

    assert response.status == 422
    assert response.json["error"]["field"] == "code"


def test_platform_prefix_over_admin_is_422(api):
    response = api.post("/platforms", {"code": unique("adm"), "name": "A",
                                       "path_prefix": "/admin/x"})

    assert response.status == 422
    assert response.json["error"]["field"] == "path_prefix"


def test_platform_list_pages(api):
    response = api.get("/platforms")

    assert response.status == 200
    assert response.json["page"] == 1
    assert response.json["per_page"] == 50
    assert response.json["total"] >= 3
    assert "oms" in {item["code"] for item in response.json["items"]}


# ---- pages ----


def test_page_lifecycle(api, admin_server):
    code = new_platform(api)
    created = api.post(f"/platforms/{code}/pages",
                       {"slug": "hello", "title": "Hello", "content": "<p>Hi</p>",
                        "is_published": True})
    page_id = created.json["id"]

    served = admin_server.get(f"/{code}/hello")
    unpublished = api.post(f"/platforms/{code}/pages/{page_id}/unpublish")
    hidden = admin_server.get(f"/{code}/hello")
    published = api.post(f"/platforms/{code}/pages/{page_id}/publish")
    patched = api.patch(f"/platforms/{code}/pages/{page_id}", {"title": "Hello again"})
    deleted = api.delete(f"/platforms/{code}/pages/{page_id}")
    missing = api.get(f"/platforms/{code}/pages/{page_id}")

    assert created.status == 201
    assert created.json["is_platform_page"] is True
    assert served.status == 200
    assert "<h1>Hello</h1>" in served.text
    assert unpublished.json["is_published"] is False
    assert hidden.status == 404
    assert published.json["is_published"] is True
    assert patched.json["title"] == "Hello again"
    assert patched.json["content"] == "<p>Hi</p>"
    assert deleted.status == 204
    assert deleted.body == b""
    assert missing.status == 404


def test_page_script_removed(api, admin_server):
    code = new_platform(api)
    created = api.post(f"/platforms/{code}/pages",
                       {"slug": "x", "title": "X", "is_published": True,
                        "content": '<p onclick="steal()">Hi<script>alert(1)</script></p>'
                                   '<a href="javascript:alert(2)">link</a>'})

    served = admin_server.get(f"/{code}/x")

    assert created.status == 201
    assert created.json["content"] == "<p>Hi</p><a>link</a>"
    assert created.json["sanitizer"] == {"removed_elements": 1, "removed_attributes": 2}
    assert "<script" not in served.text
    assert "onclick" not in served.text
    assert "javascript:" not in served.text


def test_page_duplicate_slug_is_409(api):
    response = api.post("/platforms/oms/pages", {"slug": "pricing", "title": "Again"})

    assert response.status == 409
    assert response.json["error"]["field"] == "slug"
    assert "pricing" in response.json["error"]["message"]


def test_page_same_slug_as_other_kind_is_fine(api):
    code = new_platform(api)
    marketing = api.post(f"/platforms/{code}/pages", {"slug": "about", "title": "About"})
    default = api.post(f"/platforms/{code}/defaults", {"slug": "about", "title": "About"})

    assert marketing.status == 201
    assert default.status == 201
    assert default.json["is_platform_page"] is False


@pytest.mark.parametrize("kind,slug", [("pages", "vendors"), ("pages", "admin"),
                                       ("pages", "shop"), ("pages", "home"),
                                       ("defaults", "static"),
                                       ("defaults", "platform_homepage")])
def test_page_reserved_slug_is_422(api, kind, slug):
    response = api.post(f"/platforms/oms/{kind}", {"slug": slug, "title": "Reserved"})

    assert response.status == 422
    assert response.json["error"]["field"] == "slug"
    assert "reserved" in response.json["error"]["message"]


@pytest.mark.parametrize("slug", ["About", "a b", "x" * 101, "", "über"])
def test_page_invalid_slug_is_422(api, slug):
    response = api.post("/platforms/oms/pages", {"slug": slug, "title": "Bad"})

    assert response.status == 422
    assert response.json["error"]["field"] == "slug"


def test_page_invalid_utf8_content_is_400(api):
    body = b'{"slug": "bad", "title": "Bad", "content": "\xff"}'
    response = api.post("/platforms/oms/pages", body=body,
                        headers={"Content-Type": "application/json"})

    assert response.status == 400


def test_page_too_deep_content_is_422(api):
    response = api.post("/platforms/oms/pages", {"slug": unique("deep"), "title": "Deep",
                                                 "content": "<div>" * 300})

    assert response.status == 422
    assert response.json["error"]["field"] == "content"


def test_pages_across_platforms(api):
    overrides = api.get("/pages?platform=oms&vendor=wizamart&source=override")
    custom = api.get("/pages?vendor=wizamart&source=custom")
    bad = api.get("/pages?source=everything")

    assert {item["slug"] for item in overrides.json["items"]} == {"about", "shipping"}
    assert "gift-cards" in {item["slug"] for item in custom.json["items"]}
    assert all(item["source"] == "custom" for item in custom.json["items"])
    assert bad.status == 400
    assert bad.json["error"]["field"] == "source"


# ---- vendors, memberships, domains, tiers ----


def test_vendor_membership_domain(api, admin_server):
    platform = new_platform(api, domain=f"{unique('d')}.example")
    vendor = unique("v")
    tier = api.post(f"/platforms/{platform}/tiers",
                    {"code": "basic", "name": "Basic", "cms_pages_limit": 5,
                     "features": ["cms_basic"]})
    created = api.post("/vendors", {"code": vendor, "name": "Vendor"})
    joined = api.post(f"/vendors/{vendor}/platforms",
                      {"platform": platform, "tier": "basic", "is_primary": True,
                       "custom_subdomain": vendor})
    domain = api.post(f"/vendors/{vendor}/domains",
                      {"domain": f"{vendor}.example", "platform": platform})
    verified = api.post(f"/vendors/{vendor}/domains/{domain.json['id']}/verify")
    memberships = api.get(f"/vendors/{vendor}/platforms")
    domains = api.get(f"/vendors/{vendor}/domains")

    assert tier.status == 201
    assert tier.json["features"] == ["cms_basic"]
    assert tier.json["cms_custom_pages_limit"] is None
    assert created.status == 201
    assert joined.status == 201
    assert joined.json["tier"] == "basic"
    assert joined.json["is_primary"] is True
    assert domain.status == 201
    assert domain.json["is_verified"] is False
    assert verified.json["is_verified"] is True
    assert verified.json["verified_at"] is not None
    assert [item["platform"] for item in memberships.json["items"]] == [platform]
    assert [item["domain"] for item in domains.json["items"]] == [f"{vendor}.example"]


def test_membership_unknown_tier_is_422(api):
    vendor = unique("v")
    api.post("/vendors", {"code": vendor, "name": "V"})

    response = api.post(f"/vendors/{vendor}/platforms", {"platform": "oms", "tier": "gold"})

    assert response.status == 422
    assert response.json["error"]["field"] == "tier"


def test_membership_taken_subdomain_is_409(api):
    vendor = unique("v")
    api.post("/vendors", {"code": vendor, "name": "V"})

    response = api.post(f"/vendors/{vendor}/platforms",
                        {"platform": "oms", "custom_subdomain": "garden"})

    assert response.status == 409
    assert response.json["error"]["field"] == "custom_subdomain"
    assert "gardenworld" in response.json["error"]["message"]


def test_domain_of_platform_is_409(api):
    response = api.post("/vendors/wizamart/domains", {"domain": "shop.oms.lu",
                                                      "platform": "oms"})

    assert response.status == 409
    assert response.json["error"]["field"] == "domain"


def test_domain_taken_is_409(api):
    response = api.post("/vendors/luxbakery/domains", {"domain": "wizamart.lu",
                                                       "platform": "oms"})

    assert response.status == 409
    assert response.json["error"]["field"] == "domain"


def test_domain_needs_membership(api):
    response = api.post("/vendors/luxbakery/domains", {"domain": unique("x") + ".example",
                                                       "platform": "loyalty"})

    assert response.status == 422
    assert response.json["error"]["field"] == "platform"


def test_vendor_duplicate_code_is_409(api):
    response = api.post("/vendors", {"code": "wizamart", "name": "Again"})

    assert response.status == 409
    assert response.json["error"]["field"] == "code"


def test_tier_patch_keeps_features(api):
    platform = new_platform(api)
    api.post(f"/platforms/{platform}/tiers", {"code": "pro", "name": "Pro",
                                               "features": ["cms_basic", "cms_seo"]})

    patched = api.patch(f"/platforms/{platform}/tiers/pro", {"cms_pages_limit": None,
                                                            "sort_order": 7})
    cleared = api.patch(f"/platforms/{platform}/tiers/pro", {"features": []})

    assert patched.json["features"] == ["cms_basic", "cms_seo"]
    assert patched.json["cms_pages_limit"] is None
    assert patched.json["sort_order"] == 7
    assert cleared.json["features"] == []


def test_tier_unknown_feature_is_422(api):
    response = api.post("/platforms/oms/tiers", {"code": unique("t"), "name": "T",
                                                 "features": ["cms_everything"]})

    assert response.status == 422
    assert response.json["error"]["field"] == "features"


# ---- users and the audit log ----


def test_user_lifecycle(api, admin_server):
    email = unique("user") + "@example.com"
    created = api.post("/users", {"email": email, "role": "vendor_user",
                                  "password": TEST_PASSWORD, "vendors": ["wizamart"]})
    user_id = created.json["id"]
    client = AdminClient(admin_server)
    client.login(email)

    patched = api.patch(f"/users/{user_id}", {"vendors": ["wizamart", "luxbakery"]})
    reset = api.post(f"/users/{user_id}/password", {"password": "another long password"})
    after_reset = client.get("/")
    disabled = api.post(f"/users/{user_id}/disable")

    assert created.status == 201
    assert "password" not in created.json
    assert created.json["vendors"] == ["wizamart"]
    assert patched.json["vendors"] == ["luxbakery", "wizamart"]
    assert reset.status == 200
    # The reset ended the user's session.
    assert after_reset.status == 302
    assert disabled.json["is_active"] is False
    assert AdminClient(admin_server).login(email, "another long password").status == 422
    admin_server.sql(f"DELETE FROM login_failures WHERE account = '{email}'")


def test_user_short_password_is_422(api):
    response = api.post("/users", {"email": unique("u") + "@example.com",
                                   "role": "vendor_user", "password": "short"})

    assert response.status == 422
    assert response.json["error"]["field"] == "password"


def test_user_duplicate_email_is_409(api):
    response = api.post("/users", {"email": ADMIN_EMAIL, "role": "super_admin",
                                   "password": TEST_PASSWORD})

    assert response.status == 409
    assert response.json["error"]["field"] == "email"


def test_cannot_disable_self(api, admin_server):
    own_id = admin_server.sql(f"SELECT id FROM users WHERE email = '{ADMIN_EMAIL}'")[0][0]

    response = api.post(f"/users/{own_id}/disable")

    assert response.status == 409


def test_audit_records_before_and_after(api):
    code = new_platform(api)
    api.patch(f"/platforms/{code}", {"name": "After"})

    response = api.get(f"/audit?entity=platform&key={code}")
    items = response.json["items"]

    assert [item["action"] for item in items] == ["update", "create"]
    assert items[0]["actor"] == ADMIN_EMAIL
    assert items[0]["before"]["name"] == f"Platform {code}"
    assert items[0]["after"]["name"] == "After"
    assert items[1]["before"] is None
    assert items[0]["client_address"] == "127.0.0.1"


def test_dashboard_counts(admin_server, api):
    # Other test files add pages on the same server, so count them here.
    vendor_pages = int(admin_server.sql(
        "SELECT count(*) FROM content_pages c JOIN platforms p ON p.id = c.platform_id"
        " WHERE p.code = 'oms' AND c.vendor_id IS NOT NULL")[0][0])

    response = api.get("/")
    oms = next(item for item in response.json["platforms"] if item["code"] == "oms")

    assert response.status == 200
    assert oms["tiers"] == 4
    assert oms["vendor_pages"] == vendor_pages
    assert response.json["totals"]["vendors"] >= 4


def test_database_down_is_503(artifacts_dir):
    """PostgreSQL stops while httpd runs: the admin area and the API say
    503 with Retry-After, and work again once it is back."""
    postgres = PostgresServer().start()
    try:
        with HttpdServer(postgres=postgres) as server:
            server.expect_log(r"MPCMS00005: database unavailable")
            server.expect_log(r"\[dbd:error\]")
            create_admin(server, ADMIN_EMAIL)
            admin = AdminClient(server)
            admin.login(ADMIN_EMAIL)
            token = create_api_token(admin)

            postgres.stop_server()
            page = admin.get("/platforms")
            api_call = ApiClient(server, token).get("/platforms")
            postgres.start_server()
            deadline = time.monotonic() + 5
            while admin.get("/platforms").status != 200 and time.monotonic() < deadline:
                time.sleep(0.1)

            assert page.status == 503
            assert page.header("Retry-After") == "30"
            assert "database is unavailable" in page.text
            assert api_call.status == 503
            assert api_call.json["error"]["message"] == (
                "the database is unavailable; try again in a moment")
            assert admin.get("/platforms").status == 200
            server.save_logs(artifacts_dir / "admin-database-down")
            server.assert_error_log_clean()
    finally:
        postgres.stop()
