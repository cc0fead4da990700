"""Login, sessions, CSRF tokens, throttling and the security headers of
the admin area, through httpd on SQLite and PostgreSQL."""

import datetime
import re
from urllib.parse import urlencode

import pytest

from admin_client import (FORM_TYPE, TEST_PASSWORD, AdminClient, cookies_of, create_admin,
                          unique)
from conftest import ADMIN_EMAIL


def now_text():
    """The current time as the module stores it."""
    return datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def login_form(server):
    form = server.get("/admin/login")
    token = re.search(r'name="login_token" value="([^"]+)"', form.text).group(1)
    return token, cookies_of(form)["mpcms_login"][0]


def post_login(server, email, password, token=None, cookie=None):
    if token is None:
        token, cookie = login_form(server)
    return server.request("/admin/login", method="POST",
                          body=urlencode({"login_token": token, "email": email,
                                          "password": password}),
                          headers={"Content-Type": FORM_TYPE,
                                   "Cookie": f"mpcms_login={cookie}" if cookie else ""})


def test_page_without_session_redirects_to_login(admin_server):
    response = admin_server.get("/admin/platforms?page=2")

    assert response.status == 302
    assert response.header("Location").endswith(
        "/admin/login?next=%2Fadmin%2Fplatforms%3Fpage%3D2")


def test_post_without_session_redirects_to_login(admin_server):
    response = admin_server.request("/admin/platforms", method="POST", body="code=x",
                                    headers={"Content-Type": FORM_TYPE})

    assert response.status == 303
    assert response.header("Location").endswith("/admin/login")


def test_login_form_has_token_cookie(admin_server):
    response = admin_server.get("/admin/login")
    name, (value, attributes) = next(iter(cookies_of(response).items()))

    assert response.status == 200
    assert name == "mpcms_login"
    assert f'name="login_token" value="{value}"' in response.text
    assert "HttpOnly" in attributes
    assert "SameSite=Strict" in attributes


def test_login_sets_session_cookie(admin_server):
    response = post_login(admin_server, ADMIN_EMAIL, TEST_PASSWORD)
    cookies = cookies_of(response)
    value, attributes = cookies["mpcms_session"]

    assert response.status == 303
    assert response.header("Location").endswith("/admin/")
    assert len(value) == 43
    assert "Path=/" in attributes
    assert "HttpOnly" in attributes
    assert "SameSite=Strict" in attributes
    assert "Max-Age=28800" in attributes
    # Plain HTTP: no Secure flag (the TLS test checks it there).
    assert "Secure" not in attributes
    # The login form's token is used up.
    assert cookies["mpcms_login"][1].count("Max-Age=0") == 1


def test_login_goes_to_next_page(admin_server):
    client = AdminClient(admin_server)

    response = client.login(ADMIN_EMAIL, next_page="/admin/vendors")

    assert response.header("Location").endswith("/admin/vendors")


@pytest.mark.parametrize("next_page", ["https://evil.example/", "//evil.example/admin/",
                                       "/admin/../oms/", "/elsewhere", "/admin/%2e%2e/oms/",
                                       "/admin/%2E%2e/oms/", "/admin/%2f%2fevil.example",
                                       "/admin/%5c%5cevil.example"])
def test_login_ignores_foreign_next_page(admin_server, next_page):
    client = AdminClient(admin_server)

    response = client.login(ADMIN_EMAIL, next_page=next_page)

    assert response.status == 303
    assert response.header("Location").endswith("/admin/")


def test_every_login_gets_new_session(admin_server):
    client = AdminClient(admin_server)
    client.login(ADMIN_EMAIL)
    first = client.session

    client.login(ADMIN_EMAIL)

    assert client.session != first
    stale = admin_server.get("/admin/", headers={"Cookie": f"mpcms_session={first}"})
    assert stale.status == 302
    assert client.get("/").status == 200


def test_session_token_stored_as_digest(admin_server):
    client = AdminClient(admin_server)
    client.login(ADMIN_EMAIL)

    rows = admin_server.sql(f"SELECT count(*) FROM sessions WHERE token_hash = "
                            f"'{client.session}'")

    assert str(rows[0][0]) == "0"


def test_wrong_password_is_422_without_session(admin_server):
    response = post_login(admin_server, ADMIN_EMAIL, "wrong password")

    assert response.status == 422
    assert "mpcms_session" not in cookies_of(response)
    assert "wrong e-mail address or password" in response.text
    # The address typed is shown again.
    assert f'value="{ADMIN_EMAIL}"' in response.text
    admin_server.sql(f"DELETE FROM login_failures WHERE account = '{ADMIN_EMAIL}'")


def test_login_without_form_token_is_403(admin_server):
    token, _ = login_form(admin_server)

    missing_cookie = post_login(admin_server, ADMIN_EMAIL, TEST_PASSWORD, token=token,
                                cookie=None)
    wrong_token = post_login(admin_server, ADMIN_EMAIL, TEST_PASSWORD, token="x" * 43,
                             cookie="y" * 43)

    assert missing_cookie.status == 403
    assert wrong_token.status == 403
    assert "mpcms_session" not in cookies_of(wrong_token)


def test_vendor_user_gets_403(admin_server, admin):
    email = unique("shop") + "@example.com"
    created = admin.post("/users", {"email": email, "role": "vendor_user",
                                    "password": TEST_PASSWORD, "is_active": "1",
                                    "vendors": "wizamart"})
    assert created.status == 303, created.text
    vendor_user = AdminClient(admin_server)

    login = vendor_user.login(email)
    page = vendor_user.get("/platforms")

    assert login.status == 303
    assert page.status == 403
    assert "only super admins" in page.text
    # The page still offers a way out.
    assert 'action="/admin/logout"' in page.text


def test_post_without_csrf_token_is_403(admin_server, admin):
    code = unique("nocsrf")

    response = admin.post("/vendors", {"code": code, "name": "No CSRF"}, csrf=False)

    assert response.status == 403
    assert "CSRF" in response.text
    assert admin_server.sql(f"SELECT count(*) FROM vendors WHERE code = '{code}'")[0][0] \
        in (0, "0")


def test_post_with_wrong_csrf_token_is_403(admin_server, admin):
    code = unique("badcsrf")

    response = admin.post("/vendors", [("code", code), ("name", "Bad CSRF"),
                                       ("csrf_token", "x" * 43)], csrf=False)

    assert response.status == 403
    assert admin_server.sql(f"SELECT count(*) FROM vendors WHERE code = '{code}'")[0][0] \
        in (0, "0")


def test_csrf_token_of_other_session_is_403(admin_server, admin):
    other = AdminClient(admin_server)
    other.login(ADMIN_EMAIL)

    response = admin.post("/vendors", [("code", unique("other")), ("name", "Other"),
                                       ("csrf_token", other.csrf)], csrf=False)

    assert response.status == 403


def test_logout_ends_session(admin_server):
    client = AdminClient(admin_server)
    client.login(ADMIN_EMAIL)
    session = client.session

    response = client.logout()

    assert response.status == 303
    assert response.header("Location").endswith("/admin/login?notice=logged-out")
    assert cookies_of(response)["mpcms_session"] == ("", cookies_of(response)["mpcms_session"][1])
    assert "Max-Age=0" in cookies_of(response)["mpcms_session"][1]
    again = admin_server.get("/admin/", headers={"Cookie": f"mpcms_session={session}"})
    assert again.status == 302


def test_logout_needs_post(admin_server, admin):
    response = admin.get("/logout")

    assert response.status == 405
    assert response.header("Allow") == "POST"


def test_expired_session_redirects(admin_server):
    client = AdminClient(admin_server)
    client.login(ADMIN_EMAIL)
    admin_server.sql("UPDATE sessions SET expires_at = '2000-01-01T00:00:00Z' "
                     "WHERE id = (SELECT max(id) FROM sessions)")

    assert client.get("/").status == 302


def test_idle_session_redirects(admin_server):
    client = AdminClient(admin_server)
    client.login(ADMIN_EMAIL)
    admin_server.sql("UPDATE sessions SET last_seen_at = '2000-01-01T00:00:00Z' "
                     "WHERE id = (SELECT max(id) FROM sessions)")

    assert client.get("/").status == 302


def test_revoked_session_redirects(admin_server):
    client = AdminClient(admin_server)
    client.login(ADMIN_EMAIL)
    admin_server.sql("DELETE FROM sessions WHERE id = (SELECT max(id) FROM sessions)")

    assert client.get("/").status == 302


def test_unknown_session_cookie_redirects(admin_server):
    response = admin_server.get("/admin/", headers={"Cookie": "mpcms_session=" + "a" * 43})

    assert response.status == 302


# ---- throttling: each test on a server of its own ----


def test_throttled_after_five_failures(scratch_server):
    create_admin(scratch_server, ADMIN_EMAIL)
    statuses = [post_login(scratch_server, ADMIN_EMAIL, "wrong password").status
                for _ in range(5)]

    refused = post_login(scratch_server, ADMIN_EMAIL, TEST_PASSWORD)

    assert statuses == [422] * 5
    assert refused.status == 429
    assert 800 <= int(refused.header("Retry-After")) <= 900
    assert "too many failed logins" in refused.text
    assert "mpcms_session" not in cookies_of(refused)
    # Refused attempts are not counted.
    rows = scratch_server.sql("SELECT count(*) FROM login_failures")
    assert str(rows[0][0]) == "5"


def test_throttled_per_address(scratch_server):
    create_admin(scratch_server, ADMIN_EMAIL)
    for i in range(20):
        scratch_server.sql(
            f"INSERT INTO login_failures (account, client_address, failed_at) "
            f"VALUES ('guess{i}@example.com', '127.0.0.1', "
            f"'{now_text()}')")

    refused = post_login(scratch_server, ADMIN_EMAIL, TEST_PASSWORD)

    assert refused.status == 429
    assert 890 <= int(refused.header("Retry-After")) <= 900


def test_old_failures_do_not_throttle(scratch_server):
    create_admin(scratch_server, ADMIN_EMAIL)
    for i in range(25):
        scratch_server.sql(
            f"INSERT INTO login_failures (account, client_address, failed_at) "
            f"VALUES ('{ADMIN_EMAIL}', '127.0.0.1', '2000-01-01T00:00:00Z')")

    response = post_login(scratch_server, ADMIN_EMAIL, TEST_PASSWORD)

    assert response.status == 303


# ---- headers ----

SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Cache-Control": "no-store",
}


@pytest.mark.parametrize("path", ["/", "/platforms", "/login", "/no-such-page"])
def test_security_headers_on_pages(admin_server, admin, path):
    # A signed-in client is sent from the login form to the dashboard.
    response = admin_server.get("/admin/login") if path == "/login" else admin.get(path)
    policy = response.header("Content-Security-Policy")
    nonce = re.search(r'<style nonce="([^"]+)">', response.text).group(1)

    for name, value in SECURITY_HEADERS.items():
        assert response.header(name) == value, name
    assert "default-src 'none'" in policy
    assert f"style-src 'nonce-{nonce}'" in policy
    assert "frame-ancestors 'none'" in policy
    assert "form-action 'self'" in policy
    assert "<script" not in response.text


def test_security_headers_on_redirect_and_api(admin_server):
    redirect = admin_server.get("/admin/")
    api = admin_server.get("/admin/api/v1/platforms")

    for response in (redirect, api):
        for name, value in SECURITY_HEADERS.items():
            assert response.header(name) == value, name
        assert "frame-ancestors 'none'" in response.header("Content-Security-Policy")


def test_trailing_slash_redirects_to_page(admin_server, admin):
    listed = admin.get("/platforms/?page=1")
    anonymous = admin_server.get("/admin/platforms/")

    assert listed.status == 302
    assert listed.header("Location").endswith("/admin/platforms?page=1")
    assert anonymous.status == 302
    assert anonymous.header("Location").endswith("/admin/platforms")


def test_dashboard_trailing_slash_redirects(admin_server):
    response = admin_server.get("/oms/vendor/wizamart/login/")

    assert response.status == 302
    assert response.header("Location").endswith("/oms/vendor/wizamart/login")
