"""The production example, served as it is: platforms by domain over HTTPS,
vendors by subdomain and custom domain, the shop backend behind the module."""

import json
import re
import socket
from urllib.parse import urlencode

import pytest

from admin_client import TEST_PASSWORD, cookies_of, create_admin, create_vendor_user
from production import ProductionServer, ShopBackend


@pytest.fixture(scope="module")
def shop():
    with ShopBackend() as backend:
        yield backend


@pytest.fixture(scope="module")
def site(request, shop, backend):
    postgres = request.getfixturevalue("postgres") if backend == "pgsql" else None
    with ProductionServer(shop.url, keep=request.config.getoption("--keep-runtime"),
                          postgres=postgres) as httpd:
        # Debian's mod_ssl may be built against a newer OpenSSL than the
        # machine has installed; httpd warns and works.
        httpd.expect_log(r"AH01882")
        yield httpd
        httpd.assert_error_log_clean()


def heading(response):
    match = re.search(r"<h1>(.*?)</h1>", response.text, re.S)
    return match.group(1).strip() if match else None


def template(response):
    match = re.search(r'data-template="([^"]+)"', response.text)
    return match.group(1) if match else None


def canonical(response):
    match = re.search(r'<link rel="canonical" href="([^"]+)"', response.text)
    return match.group(1) if match else None


def test_configuration_test_passes(site):
    result = site.config_test()

    assert result.returncode == 0, result.stderr
    assert "Syntax OK" in result.stdout + result.stderr


# host, path, status, template, heading
PRODUCTION_URLS = [
    ("oms.lu", "/", 200, "oms/platform", "Every order, one dashboard"),
    ("oms.lu", "/pricing", 200, "oms/platform", "Wizamart OMS pricing"),
    ("oms.lu", "/about", 200, "oms/platform", "About Wizamart OMS"),
    ("loyalty.lu", "/", 200, "loyalty/platform", "Rewards that bring customers back"),
    ("oms.lu", "/vendors/wizamart/about", 200, "oms/storefront", "About Wizamart"),
    ("oms.lu", "/vendors/luxbakery/", 200, "oms/storefront", "Welcome to our shop"),
    ("wizamart.oms.lu", "/", 200, "oms/storefront", "Welcome to our shop"),
    ("wizamart.oms.lu", "/about", 200, "oms/storefront", "About Wizamart"),
    ("luxbakery.oms.lu", "/about", 200, "oms/storefront", "About our shop"),
    ("garden.oms.lu", "/about", 200, "oms/storefront", "About our shop"),
    ("gardenworld.oms.lu", "/", 200, "oms/storefront", "Welcome to our shop"),
    ("wizamart.loyalty.lu", "/", 200, "loyalty/storefront",
     "Welcome to our rewards programme"),
    ("wizamart.lu", "/", 200, "oms/storefront", "Welcome to our shop"),
    ("wizamart.lu", "/about", 200, "oms/storefront", "About Wizamart"),
    ("rewards.wizamart.lu", "/rewards", 200, "loyalty/storefront", "Rewards you can claim"),
    # Not found: unknown, inactive, reserved, hidden, marketing on a storefront.
    ("nosuchshop.oms.lu", "/", 404, "oms/not_found", None),
    ("closedshop.oms.lu", "/about", 404, "oms/not_found", None),
    ("gardenworld.loyalty.lu", "/", 404, "loyalty/not_found", None),
    ("admin.oms.lu", "/", 404, "oms/not_found", None),
    ("mail.oms.lu", "/", 404, "oms/not_found", None),
    ("wizamart.oms.lu", "/returns", 404, "oms/not_found", None),
    ("wizamart.oms.lu", "/pricing", 404, "oms/not_found", None),
    ("oms.lu", "/vendors/closedshop/about", 404, "oms/not_found", None),
]


@pytest.mark.parametrize("host,path,status,template_name,title", PRODUCTION_URLS)
def test_production_url(site, host, path, status, template_name, title):
    response = site.request(path, host=host)

    assert response.status == status
    assert template(response) == template_name
    if title is not None:
        assert heading(response) == title


@pytest.mark.parametrize("host", ["luxbakery.lu", "old-wizamart.lu", "closedshop.lu",
                                  "unknown.example"])
def test_unserved_custom_domain_is_plain_404(site, host):
    response = site.request("/about", host=host)
    unknown = site.request("/about", host="unknown.example")

    assert response.status == 404
    assert template(response) is None
    assert response.body == unknown.body


@pytest.mark.parametrize("host,path,location", [
    ("www.oms.lu", "/pricing", "https://oms.lu:{port}/pricing"),
    ("www.oms.lu", "/", "https://oms.lu:{port}/"),
    ("www.loyalty.lu", "/faq?x=1", "https://loyalty.lu:{port}/faq?x=1"),
    ("www.wizamart.lu", "/about", "https://wizamart.lu:{port}/about"),
    ("wizamart.oms.lu", "/about/", "https://wizamart.oms.lu:{port}/about"),
    ("wizamart.oms.lu", "/home", "https://wizamart.oms.lu:{port}/"),
    ("oms.lu", "/platform_homepage", "https://oms.lu:{port}/"),
])
def test_production_redirect(site, host, path, location):
    response = site.request(path, host=host)

    assert response.status == 301
    assert response.header("Location") == location.format(port=site.https_port)


def test_http_redirects_to_https(site):
    response = site.http_request("/pricing?x=1", host="oms.lu")

    assert response.status == 301
    assert response.header("Location") == f"https://oms.lu:{site.https_port}/pricing?x=1"


def test_http_without_host_gets_404(site):
    with socket.create_connection(("127.0.0.1", site.http_port), timeout=30) as connection:
        connection.sendall(b"GET /pricing HTTP/1.0\r\n\r\n")
        answer = connection.makefile("rb").read()

    assert answer.split(b"\r\n", 1)[0].endswith(b" 404 Not Found")
    assert b"invalid" not in answer


def test_hsts_header(site):
    response = site.request("/", host="oms.lu")

    assert "max-age=31536000" in response.header("Strict-Transport-Security")
    assert "includeSubDomains" in response.header("Strict-Transport-Security")


@pytest.mark.parametrize("host,path,expected", [
    ("oms.lu", "/pricing", "https://oms.lu:{port}/pricing"),
    # wizamart's primary custom domain is canonical for all its OMS pages.
    ("oms.lu", "/vendors/wizamart/about", "https://wizamart.lu:{port}/about"),
    ("wizamart.oms.lu", "/about", "https://wizamart.lu:{port}/about"),
    ("wizamart.lu", "/", "https://wizamart.lu:{port}/"),
    # Without a custom domain, the subdomain: custom_subdomain, else the code.
    ("gardenworld.oms.lu", "/about", "https://garden.oms.lu:{port}/about"),
    ("oms.lu", "/vendors/luxbakery/about", "https://luxbakery.oms.lu:{port}/about"),
])
def test_canonical_host(site, host, path, expected):
    response = site.request(path, host=host)

    assert canonical(response) == expected.format(port=site.https_port)


@pytest.mark.parametrize("host,path,title", [
    ("OMS.LU", "/pricing", "Wizamart OMS pricing"),
    ("WizaMart.OMS.lu", "/about", "About Wizamart"),
    ("oms.lu.", "/pricing", "Wizamart OMS pricing"),
    ("oms.lu", "/pricing", "Wizamart OMS pricing"),
    ("Wizamart.LU.", "/about", "About Wizamart"),
])
def test_host_forms(site, host, path, title):
    response = site.request(path, host=host, exact_host=True)

    assert response.status == 200
    assert heading(response) == title


def test_punycode_custom_domain(site):
    site.sql("INSERT INTO vendor_domains (domain, vendor_id, platform_id, is_verified) "
             "SELECT 'xn--bckerei-k2a.lu', v.id, p.id, TRUE FROM vendors v, platforms p "
             "WHERE v.code = 'luxbakery' AND p.code = 'oms'")

    response = site.request("/about", host="xn--bckerei-k2a.lu")

    assert response.status == 200
    assert heading(response) == "About our shop"


def test_inactive_vendor_subdomain_reveals_nothing(site):
    inactive = site.request("/about", host="closedshop.oms.lu")
    unknown = site.request("/about", host="nosuchshop.oms.lu")

    assert inactive.status == unknown.status == 404
    assert inactive.body == unknown.body


def test_platform_prefix_never_switches_platform(site):
    # No prefix rules in production: /loyalty/ on oms.lu is an OMS URL.
    response = site.request("/loyalty/", host="oms.lu")

    assert response.status == 404
    assert response.header("Location") is None
    assert template(response) == "oms/not_found"
    assert template(site.request("/loyalty", host="oms.lu")) == "oms/not_found"


def test_several_labels_not_a_vendor(site):
    response = site.request("/", host="a.b.oms.lu", sni="oms.lu")

    assert response.status == 404


@pytest.mark.parametrize("host", ["bad_name.oms.lu", "oms..lu"])
def test_malformed_host_is_400(site, host):
    response = site.request("/", host=host, sni="oms.lu")

    assert response.status == 400


def test_admin_host_is_admin_area(site):
    response = site.request("/", host="admin.wizamart.lu")
    line = site.access_log_line("admin.wizamart.lu")

    # The area is claimed, with no platform, and asks for a login.
    assert response.status == 302
    assert response.header("Location") == (
        f"https://admin.wizamart.lu:{site.https_port}/login?next=%2F")
    assert '"-" "-" "-"' in line


def shop_request(site, shop, host, path, headers=None):
    before = len(shop.received)
    response = site.request(path, host=host, headers=headers)
    assert response.status == 200
    assert len(shop.received) == before + 1
    received = shop.received[-1]
    headers = {}
    for name, value in received["headers"]:
        headers.setdefault(name.lower(), []).append(value)
    return received["path"], headers


def test_shop_gets_context_by_subdomain(site, shop):
    path, headers = shop_request(site, shop, "wizamart.oms.lu", "/shop/cart?item=3")

    assert path == "/shop/cart?item=3"
    assert headers["x-mpcms-platform"] == ["oms"]
    assert headers["x-mpcms-vendor"] == ["wizamart"]
    assert headers["x-mpcms-path"] == ["/shop/cart"]


def test_shop_gets_context_by_path(site, shop):
    path, headers = shop_request(site, shop, "oms.lu", "/vendors/luxbakery/shop/checkout")

    assert path == "/shop/checkout"
    assert headers["x-mpcms-platform"] == ["oms"]
    assert headers["x-mpcms-vendor"] == ["luxbakery"]
    assert headers["x-mpcms-path"] == ["/vendors/luxbakery/shop/checkout"]


def test_shop_gets_context_by_custom_domain(site, shop):
    path, headers = shop_request(site, shop, "rewards.wizamart.lu", "/shop/")

    assert headers["x-mpcms-platform"] == ["loyalty"]
    assert headers["x-mpcms-vendor"] == ["wizamart"]


def test_shop_never_gets_forged_context(site, shop):
    forged = {
        "X-Mpcms-Vendor": "luxbakery",
        "x-mpcms-platform": "loyalty",
        "X_Mpcms_Path": "/admin",
        "X-MPCMS-EXTRA": "1",
    }
    path, headers = shop_request(site, shop, "wizamart.oms.lu", "/shop/", headers=forged)

    assert headers["x-mpcms-vendor"] == ["wizamart"]
    assert headers["x-mpcms-platform"] == ["oms"]
    assert headers["x-mpcms-path"] == ["/shop/"]
    assert "x-mpcms-extra" not in headers
    assert "x_mpcms_path" not in headers


def test_shop_on_unknown_vendor_has_no_vendor(site, shop):
    path, headers = shop_request(site, shop, "nosuchshop.oms.lu", "/shop/")

    assert "x-mpcms-vendor" not in headers
    assert headers["x-mpcms-platform"] == ["oms"]


def test_admin_login_over_tls(site):
    """The admin host's session cookie is Secure with the __Host- prefix."""
    create_admin(site, "tls-admin@example.com")
    form = site.request("/login", host="admin.wizamart.lu")
    token = re.search(r'name="login_token" value="([^"]+)"', form.text).group(1)
    login_cookie, login_attributes = cookies_of(form)["__Host-mpcms_login"]

    response = site.request(
        "/login", method="POST", host="admin.wizamart.lu",
        body=urlencode({"login_token": token, "email": "tls-admin@example.com",
                        "password": TEST_PASSWORD}),
        headers={"Content-Type": "application/x-www-form-urlencoded",
                 "Cookie": f"__Host-mpcms_login={login_cookie}"})
    session, attributes = cookies_of(response)["__Host-mpcms_session"]
    dashboard = site.request("/", host="admin.wizamart.lu",
                             headers={"Cookie": f"__Host-mpcms_session={session}"})
    plain_name = site.request("/", host="admin.wizamart.lu",
                              headers={"Cookie": f"mpcms_session={session}"})

    assert "Secure" in login_attributes
    assert response.status == 303
    assert response.header("Location") == f"https://admin.wizamart.lu:{site.https_port}/"
    assert "Secure" in attributes
    assert "HttpOnly" in attributes
    assert "Path=/" in attributes
    assert dashboard.status == 200
    assert 'data-template="admin/dashboard"' in dashboard.text
    assert 'href="/platforms"' in dashboard.text
    # Under TLS only the prefixed cookie counts.
    assert plain_name.status == 302
    assert response.header("Strict-Transport-Security") == "max-age=31536000"


def dashboard_login(site, host, path, email):
    """Logs in through a vendor login form on host; returns the POST's response."""
    form = site.request(f"{path}/login", host=host)
    token = re.search(r'name="login_token" value="([^"]+)"', form.text).group(1)
    login_cookie = cookies_of(form)["__Host-mpcms_login"][0]
    return site.request(
        f"{path}/login", method="POST", host=host,
        body=urlencode({"login_token": token, "email": email, "password": TEST_PASSWORD}),
        headers={"Content-Type": "application/x-www-form-urlencoded",
                 "Cookie": f"__Host-mpcms_login={login_cookie}"})


def test_vendor_dashboard_on_platform_host(site):
    """The dashboard lives on the platform's host, with a cookie of that host."""
    create_vendor_user(site, "tls-owner@wizamart.test", "wizamart")

    response = dashboard_login(site, "oms.lu", "/vendor/wizamart", "tls-owner@wizamart.test")
    session, attributes = cookies_of(response)["__Host-mpcms_session"]
    cookie = {"Cookie": f"__Host-mpcms_session={session}"}
    dashboard = site.request("/vendor/wizamart/dashboard", host="oms.lu", headers=cookie)
    pages = site.request("/vendor/wizamart/content-pages", host="oms.lu", headers=cookie)

    assert response.status == 303
    assert response.header("Location") == (
        f"https://oms.lu:{site.https_port}/vendor/wizamart/dashboard")
    # A host-only cookie: the admin host and the vendors' subdomains never get it.
    assert "Domain" not in attributes
    assert "Secure" in attributes
    assert "HttpOnly" in attributes
    assert "Path=/" in attributes
    assert dashboard.status == 200
    assert "Wizamart on Wizamart OMS" in dashboard.text
    assert pages.status == 200
    assert "Preview" in pages.text
    preview = site.request("/vendor/wizamart/preview/summer-sale", host="oms.lu",
                           headers=cookie)
    assert preview.status == 200
    assert preview.header("X-Robots-Tag") == "noindex"
    # The preview's canonical link names the storefront's production address.
    assert canonical(preview) == f"https://wizamart.lu:{site.https_port}/summer-sale"


def test_dashboard_session_is_no_admin_session(site):
    create_vendor_user(site, "tls-other@wizamart.test", "wizamart")
    response = dashboard_login(site, "oms.lu", "/vendor/wizamart", "tls-other@wizamart.test")
    session = cookies_of(response)["__Host-mpcms_session"][0]
    cookie = {"Cookie": f"__Host-mpcms_session={session}"}

    # Even when a client sends it to another host, the session grants
    # nothing more than the user's rights.
    admin = site.request("/", host="admin.wizamart.lu", headers=cookie)
    other_vendor = site.request("/vendor/luxbakery/dashboard", host="oms.lu", headers=cookie)

    assert admin.status == 403
    assert other_vendor.status == 403


@pytest.mark.parametrize("host", ["wizamart.oms.lu", "wizamart.lu"])
def test_no_dashboard_on_vendor_hosts(site, host):
    response = site.request("/vendor/wizamart/login", host=host)

    assert response.status == 404


# A path that httpd routes in another form is redirected to that form, so
# the vendor the backend gets always agrees with the path it routes.
@pytest.mark.parametrize("path,location", [
    ("/vendors/wizamart/../luxbakery/shop/cart", "/vendors/luxbakery/shop/cart"),
    ("/vendors/luxbakery/%2e%2e/wizamart/shop/cart", "/vendors/wizamart/shop/cart"),
    ("/vendors/wiz%61mart/shop/cart?item=3", "/vendors/wizamart/shop/cart?item=3"),
    ("/vendors//luxbakery/shop/cart", "/vendors/luxbakery/shop/cart"),
])
def test_shop_path_redirects_to_routed_form(site, shop, path, location):
    before = len(shop.received)
    response = site.request(path, host="oms.lu")

    assert response.status == 301
    assert response.header("Location") == f"https://oms.lu:{site.https_port}{location}"
    assert len(shop.received) == before


def test_shop_path_redirect_keeps_post(site, shop):
    response = site.request("/vendors/wizamart/../luxbakery/shop/cart", method="POST",
                            host="oms.lu", body=b"item=3",
                            headers={"Content-Type": "application/x-www-form-urlencoded"})

    assert response.status == 308
    assert (response.header("Location")
            == f"https://oms.lu:{site.https_port}/vendors/luxbakery/shop/cart")


def test_shop_gets_encoded_path(site, shop):
    path, headers = shop_request(site, shop, "oms.lu",
                                 "/vendors/luxbakery/shop/caf%C3%A9%0Ax?item=3")

    assert path == "/shop/caf%C3%A9%0Ax?item=3"
    assert headers["x-mpcms-vendor"] == ["luxbakery"]
    assert headers["x-mpcms-path"] == ["/vendors/luxbakery/shop/caf%C3%A9%0Ax"]


def test_www_redirect_keeps_escapes(site):
    response = site.request("/caf%C3%A9?x=%20", host="www.oms.lu")

    assert response.status == 301
    assert response.header("Location") == f"https://oms.lu:{site.https_port}/caf%C3%A9?x=%20"
