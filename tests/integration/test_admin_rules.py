"""Rules that keep admin writes consistent, on SQLite and PostgreSQL.

They cover subdomain labels that already serve another vendor, invalid
domains and domains that platforms and vendors would share, CHECK
failures, query parameters of the API, audit filters, ids of deleted
rows and requests that change nothing. They also cover theme colours,
the reserved slugs of vendor defaults and bodies with several errors."""

import concurrent.futures

import pytest

from admin_client import (TEST_PASSWORD, AdminClient, ApiClient, create_admin,
                          create_api_token, field_error, unique)
from conftest import ADMIN_EMAIL


def new_vendor(api):
    code = unique("lbl")
    response = api.post("/vendors", {"code": code, "name": f"Vendor {code}"})
    assert response.status == 201, response.json
    return code


def new_platform_with_domain(api):
    code = unique("lp")
    response = api.post("/platforms", {"code": code, "name": f"Platform {code}",
                                       "path_prefix": f"/{code}",
                                       "domain": f"{code}.example"})
    assert response.status == 201, response.json
    return code


def join(api, vendor, platform, **fields):
    return api.post(f"/vendors/{vendor}/platforms", {"platform": platform, **fields})


# ---- subdomain labels ----


def test_subdomain_equal_to_member_code_is_409(api):
    platform = new_platform_with_domain(api)
    first = new_vendor(api)
    second = new_vendor(api)
    assert join(api, first, platform).status == 201

    response = join(api, second, platform, custom_subdomain=first)

    assert response.status == 409
    assert response.json["error"]["field"] == "custom_subdomain"
    assert f"'{first}'" in response.json["error"]["message"]
    assert api.get(f"/vendors/{second}/platforms/{platform}").status == 404


def test_subdomain_patch_to_member_code_is_409(api):
    platform = new_platform_with_domain(api)
    first = new_vendor(api)
    second = new_vendor(api)
    assert join(api, first, platform).status == 201
    assert join(api, second, platform).status == 201

    response = api.patch(f"/vendors/{second}/platforms/{platform}",
                         {"custom_subdomain": first})
    membership = api.get(f"/vendors/{second}/platforms/{platform}")

    assert response.status == 409
    assert response.json["error"]["field"] == "custom_subdomain"
    assert membership.json["custom_subdomain"] is None


def test_subdomain_equal_to_own_code_is_fine(api):
    platform = new_platform_with_domain(api)
    vendor = new_vendor(api)

    response = join(api, vendor, platform, custom_subdomain=vendor)

    assert response.status == 201
    assert response.json["custom_subdomain"] == vendor


def test_joining_vendor_code_taken_as_subdomain_is_409(api):
    platform = new_platform_with_domain(api)
    first = new_vendor(api)
    second = new_vendor(api)
    assert join(api, first, platform, custom_subdomain=second).status == 201

    response = join(api, second, platform)

    assert response.status == 409
    assert response.json["error"]["field"] == "platform"
    assert f"'{second}'" in response.json["error"]["message"]
    assert api.get(f"/vendors/{second}/platforms/{platform}").status == 404


def test_vendor_code_change_to_member_subdomain_is_409(api):
    platform = new_platform_with_domain(api)
    first = new_vendor(api)
    second = new_vendor(api)
    label = unique("label")
    assert join(api, first, platform, custom_subdomain=label).status == 201
    assert join(api, second, platform).status == 201

    response = api.patch(f"/vendors/{second}", {"code": label})

    assert response.status == 409
    assert response.json["error"]["field"] == "code"
    assert f"'{label}'" in response.json["error"]["message"]
    assert api.get(f"/vendors/{second}").status == 200


def test_vendor_code_change_elsewhere_is_fine(api):
    platform = new_platform_with_domain(api)
    first = new_vendor(api)
    second = new_vendor(api)
    label = unique("label")
    assert join(api, first, platform, custom_subdomain=label).status == 201

    response = api.patch(f"/vendors/{second}", {"code": label})

    assert response.status == 200
    assert response.json["code"] == label


def test_subdomain_form_equal_to_member_code_is_409(admin):
    vendor = unique("lbl")
    admin.post("/vendors", {"code": vendor, "name": "Sub", "contact_email": "",
                            "is_active": "1"})

    response = admin.post(f"/vendors/{vendor}/platforms",
                          {"platform": "oms", "tier": "", "is_active": "1",
                           "custom_subdomain": "wizamart"})

    assert response.status == 409
    assert "'wizamart'" in field_error(response, "custom_subdomain")


def test_joining_form_vendor_code_taken_is_409(admin, api):
    platform = new_platform_with_domain(api)
    first = new_vendor(api)
    second = new_vendor(api)
    assert join(api, first, platform, custom_subdomain=second).status == 201

    response = admin.post(f"/vendors/{second}/platforms",
                          {"platform": platform, "tier": "", "is_active": "1",
                           "custom_subdomain": ""})

    assert response.status == 409
    assert f"'{second}'" in field_error(response, "platform")


# ---- domains ----


@pytest.mark.parametrize("domain", ["127.0.0.1", "10.0.0.1", "999.1.1.1", "::1",
                                    "[::1]", "x.y", "a.b", "shop.123"])
def test_vendor_domain_invalid_is_422(api, domain):
    response = api.post("/vendors/luxbakery/domains", {"domain": domain, "platform": "oms"})

    assert response.status == 422
    assert response.json["error"]["field"] == "domain"
    assert response.json["error"]["message"].startswith("invalid domain")
    assert "constraint" not in response.json["error"]["message"]


@pytest.mark.parametrize("domain", ["127.0.0.2", "a.b"])
def test_platform_domain_invalid_is_422(api, domain):
    code = unique("ipd")
    response = api.post("/platforms", {"code": code, "name": "P", "path_prefix": f"/{code}",
                                       "domain": domain})

    assert response.status == 422
    assert response.json["error"]["field"] == "domain"
    assert response.json["error"]["message"].startswith("invalid domain")


def test_vendor_domain_form_ip_is_422(admin):
    response = admin.post("/vendors/luxbakery/domains",
                          {"domain": "127.0.0.1", "platform": "oms"})

    assert response.status == 422
    assert field_error(response, "domain").startswith("invalid domain")


def test_vendor_domain_form_short_is_422(admin):
    response = admin.post("/vendors/luxbakery/domains", {"domain": "x.y", "platform": "oms"})

    assert response.status == 422
    assert field_error(response, "domain").startswith("invalid domain")
    assert "constraint" not in response.text
    assert "mpcms_admin" not in response.text


# ---- CHECK failures ----


CHECK_NAME = "rejected by a test check"


def add_name_check(server):
    """Adds a CHECK on vendors.name that the field checks do not know."""
    if server.postgres is not None:
        server.sql("ALTER TABLE vendors ADD CONSTRAINT vendors_test_name_check "
                   f"CHECK (name <> '{CHECK_NAME}')")
    else:
        # SQLite cannot add a CHECK to a table; a trigger raises its message.
        server.sql("CREATE TRIGGER vendors_test_name_check BEFORE INSERT ON vendors "
                   f"WHEN NEW.name = '{CHECK_NAME}' BEGIN SELECT "
                   f"RAISE(ABORT, 'CHECK constraint failed: name <> ''{CHECK_NAME}'''); END")


def test_check_failure_hides_sql(scratch_server):
    create_admin(scratch_server, ADMIN_EMAIL)
    admin = AdminClient(scratch_server)
    assert admin.login(ADMIN_EMAIL).status == 303
    api = ApiClient(scratch_server, create_api_token(admin))
    add_name_check(scratch_server)

    response = api.post("/vendors", {"code": unique("chk"), "name": CHECK_NAME})
    form = admin.post("/vendors", {"code": unique("chk"), "name": CHECK_NAME,
                                   "contact_email": "", "is_active": "1"})

    assert response.status == 422
    assert "field" not in response.json["error"]
    assert "constraint" not in response.json["error"]["message"]
    assert "rejected" in response.json["error"]["message"]
    assert form.status == 422
    assert "constraint" not in form.text
    assert "mpcms_admin" not in form.text


# ---- query parameters of the API ----


def test_per_page_limits_list(api):
    response = api.get("/audit?per_page=2")

    assert response.status == 200
    assert response.json["per_page"] == 2
    assert len(response.json["items"]) == 2


def test_per_page_default_is_50(api):
    assert api.get("/vendors").json["per_page"] == 50


@pytest.mark.parametrize("value", ["0", "201", "ten", "-1"])
def test_per_page_invalid_is_400(api, value):
    response = api.get(f"/vendors?per_page={value}")

    assert response.status == 400
    assert response.json["error"]["field"] == "per_page"


@pytest.mark.parametrize("path", ["/vendors?bogus=1", "/platforms/oms?x=1",
                                  "/audit?entity=vendor&who=me", "/pages?page=1&slug=home"])
def test_unknown_query_parameter_is_400(api, path):
    response = api.get(path)
    name = path.rsplit("&", 1)[-1].split("?")[-1].split("=")[0]

    assert response.status == 400
    assert response.json["error"]["field"] == name
    assert f"'{name}'" in response.json["error"]["message"]


def test_known_filters_are_accepted(api):
    assert api.get("/pages?platform=oms&vendor=wizamart&source=override&page=1").status == 200
    assert api.get("/audit?entity=vendor&key=x&actor=a@b.lu&action=update").status == 200


# ---- audit filters ----


@pytest.mark.parametrize("field", ["action", "entity"])
def test_audit_unknown_filter_value_is_400(api, field):
    response = api.get(f"/audit?{field}=bogus")

    assert response.status == 400
    assert response.json["error"]["field"] == field
    assert "'bogus'" in response.json["error"]["message"]


def test_audit_dashboard_actions_accepted(api):
    for action in ("hide", "show", "override", "revert", "reset_password", "revoke"):
        assert api.get(f"/audit?action={action}").status == 200, action


def test_audit_actor_filter_ignores_case(api, admin):
    api.post("/vendors", {"code": unique("case"), "name": "Case"})

    lower = api.get(f"/audit?actor={ADMIN_EMAIL}")
    upper = api.get(f"/audit?actor={ADMIN_EMAIL.upper()}")
    page = admin.get(f"/audit?actor={ADMIN_EMAIL.upper()}")

    assert lower.json["total"] > 0
    assert upper.status == 200
    assert upper.json["total"] == lower.json["total"]
    assert "No change matches these filters." not in page.text


# ---- ids of deleted rows ----


def new_marketing_page(api, platform, slug):
    response = api.post(f"/platforms/{platform}/pages",
                        {"slug": slug, "title": "Offer", "content": "<p>One.</p>",
                         "is_published": True})
    assert response.status == 201, response.json
    return response.json["id"]


def test_deleted_newest_page_id_not_reused(api):
    platform = new_platform_with_domain(api)
    first = new_marketing_page(api, platform, "offer")
    assert api.delete(f"/platforms/{platform}/pages/{first}").status == 204

    second = new_marketing_page(api, platform, "offer")

    assert second > first


def test_deleted_newest_domain_id_not_reused(api, admin_server):
    vendor = new_vendor(api)
    assert join(api, vendor, "oms").status == 201
    first = api.post(f"/vendors/{vendor}/domains",
                     {"domain": f"{vendor}.example", "platform": "oms"}).json["id"]
    admin_server.sql(f"DELETE FROM vendor_domains WHERE id = {first}")

    second = api.post(f"/vendors/{vendor}/domains",
                      {"domain": f"{vendor}.example", "platform": "oms"}).json["id"]

    assert second > first


def test_recreated_page_etag_not_stale(api, admin_server):
    platform = new_platform_with_domain(api)
    first = new_marketing_page(api, platform, "offer")
    before = admin_server.get(f"/{platform}/offer")
    assert before.status == 200
    assert api.delete(f"/platforms/{platform}/pages/{first}").status == 204
    new_marketing_page(api, platform, "offer")

    after = admin_server.get(f"/{platform}/offer",
                             headers={"If-None-Match": before.header("ETag")})

    assert after.status == 200
    assert after.header("ETag") != before.header("ETag")


# ---- changes that change nothing ----


def audit_count(api, entity, key, action):
    response = api.get(f"/audit?entity={entity}&key={key}&action={action}")
    assert response.status == 200, response.json
    return response.json["total"]


def test_empty_platform_patch_writes_nothing(api):
    platform = new_platform_with_domain(api)
    before = api.get(f"/platforms/{platform}").json

    response = api.patch(f"/platforms/{platform}", {})
    again = api.patch(f"/platforms/{platform}", {"name": before["name"]})

    assert response.status == 200
    assert response.json["version"] == before["version"]
    assert again.json["version"] == before["version"]
    assert api.get(f"/platforms/{platform}").json == before
    assert audit_count(api, "platform", platform, "update") == 0


def test_real_platform_patch_still_counts(api):
    platform = new_platform_with_domain(api)
    before = api.get(f"/platforms/{platform}").json

    response = api.patch(f"/platforms/{platform}", {"name": "Renamed"})

    assert response.json["version"] == before["version"] + 1
    assert audit_count(api, "platform", platform, "update") == 1


def test_domain_actions_twice_write_once(api):
    vendor = new_vendor(api)
    assert join(api, vendor, "oms").status == 201
    domain = f"{vendor}.example"
    domain_id = api.post(f"/vendors/{vendor}/domains",
                         {"domain": domain, "platform": "oms"}).json["id"]
    base = f"/vendors/{vendor}/domains/{domain_id}"

    first_verify = api.post(f"{base}/verify")
    second_verify = api.post(f"{base}/verify")
    first = api.post(f"{base}/deactivate")
    second = api.post(f"{base}/deactivate")

    assert second_verify.status == 200
    assert second_verify.json == first_verify.json
    assert first.json["is_active"] is False
    assert second.status == 200
    assert second.json == first.json
    assert audit_count(api, "domain", domain, "verify") == 1
    assert audit_count(api, "domain", domain, "deactivate") == 1


def test_domain_form_deactivate_twice_writes_once(admin, api):
    vendor = new_vendor(api)
    assert join(api, vendor, "oms").status == 201
    domain = f"{vendor}.example"
    domain_id = api.post(f"/vendors/{vendor}/domains",
                         {"domain": domain, "platform": "oms"}).json["id"]

    first = admin.post(f"/vendors/{vendor}/domains/{domain_id}/deactivate")
    second = admin.post(f"/vendors/{vendor}/domains/{domain_id}/deactivate")

    assert first.status == 303
    assert second.status == 303
    assert audit_count(api, "domain", domain, "deactivate") == 1


def test_user_disable_twice_writes_once(api):
    email = unique("twice") + "@example.com"
    user_id = api.post("/users", {"email": email, "role": "vendor_user",
                                  "password": TEST_PASSWORD}).json["id"]

    first = api.post(f"/users/{user_id}/disable")
    second = api.post(f"/users/{user_id}/disable")

    assert first.json["is_active"] is False
    assert second.status == 200
    assert second.json == first.json
    assert audit_count(api, "user", email, "disable") == 1


def test_user_password_reset_twice_writes_twice(api):
    email = unique("reset") + "@example.com"
    user_id = api.post("/users", {"email": email, "role": "vendor_user",
                                  "password": TEST_PASSWORD}).json["id"]

    for _ in range(2):
        assert api.post(f"/users/{user_id}/password",
                        {"password": "another long password"}).status == 200

    assert audit_count(api, "user", email, "reset_password") == 2


def test_token_revoke_twice_writes_once(admin, api, admin_server):
    name = unique("twice")
    token = create_api_token(admin, name)
    token_id = admin_server.sql(
        f"SELECT id FROM api_tokens WHERE token_prefix = '{token[:12]}'")[0][0]

    first = admin.post(f"/tokens/{token_id}/revoke")
    second = admin.post(f"/tokens/{token_id}/revoke")

    assert first.status == 303
    assert second.status == 303
    assert audit_count(api, "api_token", name, "revoke") == 1


def test_page_publish_twice_writes_once(api):
    platform = new_platform_with_domain(api)
    page = new_marketing_page(api, platform, "offer")

    api.post(f"/platforms/{platform}/pages/{page}/unpublish")
    first = api.post(f"/platforms/{platform}/pages/{page}/unpublish")

    assert first.status == 200
    assert audit_count(api, "marketing_page", f"{platform}/{page}", "unpublish") == 1


# ---- repeated and empty query parameters ----


@pytest.mark.parametrize("path,name", [
    ("/vendors?per_page=5&per_page=6", "per_page"),
    ("/vendors?page=1&page=2", "page"),
    ("/pages?platform=oms&platform=loyalty", "platform"),
    ("/audit?action=update&action=create", "action"),
])
def test_repeated_query_parameter_is_400(api, path, name):
    response = api.get(path)

    assert response.status == 400
    assert response.json["error"]["field"] == name
    assert "more than once" in response.json["error"]["message"]


@pytest.mark.parametrize("name", ["per_page", "page"])
def test_empty_paging_parameter_is_400(api, name):
    response = api.get(f"/vendors?{name}=")

    assert response.status == 400
    assert response.json["error"]["field"] == name


# ---- unknown fields next to invalid ones ----


def test_unknown_and_invalid_fields_listed(api):
    response = api.post("/platforms", {"code": "Bad Code", "foo": 1, "bar": 2})
    fields = [error["field"] for error in response.json["errors"]]

    assert response.status == 422
    assert sorted(fields) == ["bar", "code", "foo", "name"]


def test_wrong_type_listed_once_with_missing(api):
    response = api.post("/platforms", {"is_active": "yes"})
    fields = [error["field"] for error in response.json["errors"]]

    assert response.status == 422
    assert sorted(fields) == ["code", "is_active", "name"]


def test_unknown_field_on_patch_writes_nothing(api):
    code = new_platform_with_domain(api)

    response = api.patch(f"/platforms/{code}", {"name": "", "colour": "red"})

    assert response.status == 422
    assert sorted(error["field"] for error in response.json["errors"]) == ["colour", "name"]
    assert api.get(f"/platforms/{code}").json["name"] == f"Platform {code}"


# ---- theme colours ----


@pytest.mark.parametrize("color", ["red", " #0f766e", "#0f766e\n", "#abcd", 123,
                                   "#123;}body{display:none", None])
@pytest.mark.parametrize("key", ["primary_color", "accent_color"])
def test_theme_color_invalid_is_422(api, key, color):
    code = unique("thm")
    response = api.post("/platforms", {"code": code, "name": "Theme",
                                       "theme_config": {key: color}})

    assert response.status == 422
    assert response.json["error"]["field"] == "theme_config"
    assert f'"{key}"' in response.json["error"]["message"]
    assert "#rgb or #rrggbb" in response.json["error"]["message"]
    assert api.get(f"/platforms/{code}").status == 404


def test_theme_colors_valid_and_other_keys_free(api):
    theme = {"primary_color": "#0f766e", "accent_color": "#ABC", "font_family": "serif",
             "banner": {"any": ["thing"]}}

    response = api.post("/platforms", {"code": unique("thm"), "name": "Theme",
                                       "theme_config": theme})

    assert response.status == 201, response.json
    assert response.json["theme_config"] == theme


def test_theme_color_form_invalid_is_422(admin):
    code = unique("thm")
    response = admin.post("/platforms", {
        "code": code, "name": "Theme", "description": "", "domain": "",
        "path_prefix": "", "logo": "", "is_active": "1", "default_language": "en",
        "supported_languages": '["en"]', "timezone": "UTC",
        "theme_config": '{"accent_color": "#123;}body{display:none"}'})

    assert response.status == 422
    message = field_error(response, "theme_config")
    assert '"accent_color"' in message
    assert "#rgb or #rrggbb" in message


def test_theme_color_patch_invalid_keeps_old(api):
    code = new_platform_with_domain(api)
    assert api.patch(f"/platforms/{code}",
                     {"theme_config": {"primary_color": "#0f766e"}}).status == 200

    response = api.patch(f"/platforms/{code}", {"theme_config": {"primary_color": "red"}})

    assert response.status == 422
    assert api.get(f"/platforms/{code}").json["theme_config"] == {"primary_color": "#0f766e"}


# ---- slugs that storefronts reserve ----


@pytest.mark.parametrize("slug", ["assets", "login", "logout", "vendors", "api"])
def test_default_storefront_reserved_slug_is_422(api, slug):
    response = api.post("/platforms/oms/defaults", {"slug": slug, "title": "Reserved"})

    assert response.status == 422
    assert response.json["error"]["field"] == "slug"
    assert "reserved" in response.json["error"]["message"]


def test_default_form_login_slug_is_422(admin):
    response = admin.post("/platforms/oms/defaults", {
        "slug": "login", "title": "Login", "content": "<p>x</p>", "meta_description": "",
        "meta_keywords": "", "is_published": "1", "show_in_nav": "1", "sort_order": "1"})

    assert response.status == 422
    assert "reserved" in field_error(response, "slug")


def test_default_slug_patch_to_logout_is_422(api):
    created = api.post("/platforms/oms/defaults", {"slug": unique("dflt"), "title": "D"})
    assert created.status == 201

    response = api.patch(f"/platforms/oms/defaults/{created.json['id']}", {"slug": "logout"})

    assert response.status == 422
    assert response.json["error"]["field"] == "slug"


def test_marketing_login_slug_is_fine(api):
    platform = new_platform_with_domain(api)

    response = api.post(f"/platforms/{platform}/pages", {"slug": "login", "title": "Log in"})

    assert response.status == 201, response.json


# ---- platform domains against custom domains ----


def vendor_with_custom_domain(api, domain):
    """Returns a new vendor on a new platform that owns the custom domain."""
    platform = new_platform_with_domain(api)
    vendor = new_vendor(api)
    assert join(api, vendor, platform).status == 201
    response = api.post(f"/vendors/{vendor}/domains", {"domain": domain, "platform": platform})
    assert response.status == 201, response.json
    return vendor


@pytest.mark.parametrize("template", ["{}", "shop.{}"])
def test_platform_domain_at_custom_domain_is_409(api, template):
    custom = f"{unique('own')}.test"
    vendor_with_custom_domain(api, custom)
    code = new_platform_with_domain(api)

    response = api.patch(f"/platforms/{code}", {"domain": template.format(custom)})

    assert response.status == 409
    assert response.json["error"]["field"] == "domain"
    assert f"'{custom}'" in response.json["error"]["message"]
    assert api.get(f"/platforms/{code}").json["domain"] == f"{code}.example"


def test_platform_domain_sharing_suffix_is_fine(api):
    custom = f"{unique('own')}.test"
    vendor_with_custom_domain(api, custom)
    code = new_platform_with_domain(api)

    response = api.patch(f"/platforms/{code}", {"domain": f"x{custom}"})

    assert response.status == 200, response.json


def test_platform_domain_above_custom_domain_is_409(api):
    parent = f"{unique('own')}.test"
    vendor_with_custom_domain(api, f"rewards.{parent}")
    code = unique("pd")

    response = api.post("/platforms", {"code": code, "name": "P", "domain": parent})

    assert response.status == 409
    assert response.json["error"]["field"] == "domain"
    assert f"'rewards.{parent}'" in response.json["error"]["message"]
    assert api.get(f"/platforms/{code}").status == 404


def test_parallel_domain_writes_never_overlap(admin_server, api):
    """A platform domain and a custom domain of the same name, written at
    the same time: at most one of each pair may win."""
    platform = new_platform_with_domain(api)
    vendor = new_vendor(api)
    assert join(api, vendor, platform).status == 201
    platforms = [new_platform_with_domain(api) for _ in range(6)]
    names = [f"{unique('race')}.test" for _ in platforms]

    def write(job):
        kind, index = job
        if kind == "platform":
            return api.patch(f"/platforms/{platforms[index]}", {"domain": names[index]})
        return api.post(f"/vendors/{vendor}/domains",
                        {"domain": names[index], "platform": platform})

    jobs = [(kind, index) for index in range(len(names)) for kind in ("platform", "custom")]
    with concurrent.futures.ThreadPoolExecutor(max_workers=len(jobs)) as pool:
        answers = dict(zip(jobs, pool.map(write, jobs)))

    for index in range(len(names)):
        statuses = sorted([answers[("platform", index)].status,
                           answers[("custom", index)].status])
        assert statuses[0] in (200, 201), statuses
        assert statuses[1] == 409, statuses


def test_builder_cannot_take_wizamart_domain(api):
    for domain in ("wizamart.lu", "rewards.wizamart.lu"):
        response = api.patch("/platforms/builder", {"domain": domain})

        assert response.status == 409, domain
        assert response.json["error"]["field"] == "domain"
    assert api.get("/platforms/builder").json["domain"] == "builder.lu"


def test_platform_form_domain_of_vendor_is_409(admin):
    response = admin.post("/platforms/builder", {
        "code": "builder", "name": "Wizamart Site Builder", "description": "",
        "domain": "wizamart.lu", "path_prefix": "/builder", "logo": "",
        "theme_config": "{}", "default_language": "en",
        "supported_languages": '["en"]', "timezone": "Europe/Luxembourg"})

    assert response.status == 409
    assert "'wizamart.lu'" in field_error(response, "domain")


def test_platform_keeps_own_domain_on_patch(api):
    code = new_platform_with_domain(api)

    response = api.patch(f"/platforms/{code}", {"domain": f"{code}.example", "name": "Same"})

    assert response.status == 200


@pytest.mark.parametrize("domain", ["oms.lu", "shop.oms.lu"])
def test_custom_domain_of_platform_is_409(api, domain):
    response = api.post("/vendors/luxbakery/domains", {"domain": domain, "platform": "oms"})

    assert response.status == 409
    assert response.json["error"]["field"] == "domain"
    assert "'oms'" in response.json["error"]["message"]


def test_custom_domain_above_platform_is_409(api):
    parent = f"{unique('top')}.test"
    platform = unique("pd")
    assert api.post("/platforms", {"code": platform, "name": "P",
                                   "domain": f"shop.{parent}"}).status == 201

    response = api.post("/vendors/luxbakery/domains", {"domain": parent, "platform": "oms"})

    assert response.status == 409
    assert response.json["error"]["field"] == "domain"
    assert f"'{platform}'" in response.json["error"]["message"]


def test_custom_domain_form_of_platform_is_409(admin):
    response = admin.post("/vendors/luxbakery/domains", {"domain": "shop.oms.lu",
                                                         "platform": "oms"})

    assert response.status == 409
    assert "'oms'" in field_error(response, "domain")


# ---- domain messages ----


@pytest.mark.parametrize("domain,words", [
    ("x.y", "too short"),
    ("127.0.0.1", "IP address"),
    ("[::1]", "IP address"),
    ("shop.123", "IP address"),
    ("-shop.lu", "label"),
    ("shop..lu", "label"),
    ("localhost", "two labels"),
    ("oms.lu:80", "port"),
    ("https://oms.lu", "scheme"),
    ("oms.lu.", "trailing dot"),
])
def test_domain_message_names_problem(api, domain, words):
    response = api.post("/vendors/luxbakery/domains", {"domain": domain, "platform": "oms"})

    assert response.status == 422
    assert response.json["error"]["field"] == "domain"
    assert response.json["error"]["message"].startswith(f"invalid domain '{domain}'")
    assert words in response.json["error"]["message"]
