"""Platform pages and storefronts of the development URLs, through httpd."""

import re

import pytest

from mpcms_server import DEV_CONFIG


def title_of(response):
    match = re.search(r"<h1>(.*?)</h1>", response.text, re.S)
    return match.group(1).strip() if match else None


def template_of(response):
    match = re.search(r'data-template="([^"]+)"', response.text)
    return match.group(1) if match else None


# path, status, template, heading (None: not checked)
DEVELOPMENT_URLS = [
    ("/oms/", 200, "oms/platform", "Every order, one dashboard"),
    ("/loyalty/", 200, "loyalty/platform", "Rewards that bring customers back"),
    ("/oms/pricing", 200, "oms/platform", "Wizamart OMS pricing"),
    ("/oms/about", 200, "oms/platform", "About Wizamart OMS"),
    ("/oms/contact", 200, "oms/platform", "Contact the Wizamart OMS team"),
    ("/oms/faq", 200, "oms/platform", "Wizamart OMS FAQ"),
    ("/oms/terms", 200, "oms/platform", "Wizamart OMS terms of service"),
    ("/oms/privacy", 200, "oms/platform", "Wizamart OMS privacy policy"),
    ("/oms/features", 200, "oms/platform", "Wizamart OMS features"),
    ("/oms/integrations", 200, "oms/platform", "Wizamart OMS integrations"),
    ("/loyalty/pricing", 200, "loyalty/platform", "Wizamart Loyalty pricing"),
    ("/oms/vendors/wizamart/", 200, "oms/storefront", "Welcome to our shop"),
    ("/oms/vendors/wizamart/about", 200, "oms/storefront", "About Wizamart"),
    ("/oms/vendors/luxbakery/about", 200, "oms/storefront", "About our shop"),
    ("/oms/vendors/wizamart/gift-cards", 200, "oms/storefront-wide", "Wizamart gift cards"),
    ("/oms/vendors/wizamart/shipping", 200, "oms/storefront", "Shipping and delivery"),
    ("/oms/vendors/luxbakery/returns", 200, "oms/storefront", "Returns and refunds"),
    ("/loyalty/vendors/wizamart/", 200, "loyalty/storefront",
     "Welcome to our rewards programme"),
    ("/loyalty/vendors/wizamart/rewards", 200, "loyalty/storefront", "Rewards you can claim"),
    # The default platform serves URLs without a prefix.
    ("/pricing", 200, "oms/platform", "Wizamart OMS pricing"),
    ("/vendors/wizamart/about", 200, "oms/storefront", "About Wizamart"),
    # Missing, unpublished, hidden, or not a page of this kind.
    ("/oms/vendors/wizamart/no-such-page", 404, "oms/not_found", None),
    ("/oms/careers", 404, "oms/not_found", None),
    ("/oms/shipping", 404, "oms/not_found", None),
    ("/oms/vendors/wizamart/summer-sale", 404, "oms/not_found", None),
    ("/oms/vendors/wizamart/returns", 404, "oms/not_found", None),
    ("/oms/vendors/luxbakery/warranty", 404, "oms/not_found", None),
    ("/oms/vendors/luxbakery/holiday-hours", 404, "oms/not_found", None),
    ("/oms/vendors/luxbakery/gift-cards", 404, "oms/not_found", None),
    ("/oms/vendors/wizamart/pricing", 404, "oms/not_found", None),
    ("/loyalty/vendors/wizamart/about-us", 404, "loyalty/not_found", None),
    # Inactive vendor, membership and platform.
    ("/oms/vendors/closedshop/about", 404, "oms/not_found", None),
    ("/loyalty/vendors/gardenworld/", 404, "loyalty/not_found", None),
    ("/builder", 404, "oms/not_found", None),
    # Slugs that can never exist.
    ("/oms/About", 404, "oms/not_found", None),
    ("/oms/pricing.html", 404, "oms/not_found", None),
    ("/oms/a/b", 404, "oms/not_found", None),
    ("/oms/vendors/", 404, "oms/not_found", None),
    ("/oms/" + "a" * 101, 404, "oms/not_found", None),
]


@pytest.mark.parametrize("path,status,template,heading", DEVELOPMENT_URLS)
def test_development_url(server, path, status, template, heading):
    response = server.get(path)

    assert response.status == status
    assert template_of(response) == template
    if heading is not None:
        assert title_of(response) == heading


@pytest.mark.parametrize("path,location", [
    ("/oms", "/oms/"),
    ("/oms/home", "/oms/"),
    ("/oms/platform_homepage", "/oms/"),
    ("/oms/pricing/", "/oms/pricing"),
    ("/oms/vendors/wizamart", "/oms/vendors/wizamart/"),
    ("/oms/vendors/wizamart/home", "/oms/vendors/wizamart/"),
    ("/oms/vendors/wizamart/about/", "/oms/vendors/wizamart/about"),
    ("/loyalty", "/loyalty/"),
    ("/oms/pricing/?plan=pro&x=1", "/oms/pricing?plan=pro&x=1"),
])
def test_canonical_form_redirect(server, path, location):
    response = server.get(path)

    assert response.status == 301
    assert response.header("Location") == f"http://127.0.0.1:{server.port}{location}"


def test_page_headers(server):
    response = server.get("/oms/vendors/wizamart/about")

    assert response.header("Content-Type") == "text/html; charset=utf-8"
    assert response.header("Cache-Control") == "no-cache"
    assert re.fullmatch(r'"\d+-\d+-v-[0-9a-f]{16}"', response.header("ETag"))
    assert int(response.header("Content-Length")) == len(response.body)


def test_page_language_and_canonical(server):
    response = server.get("/oms/pricing?utm=x")

    assert '<html lang="en">' in response.text
    assert (f'<link rel="canonical" href="http://127.0.0.1:{server.port}/oms/pricing">'
            in response.text)


def test_navigation_lists_storefront_pages(server):
    text = server.get("/oms/vendors/wizamart/about").text

    assert 'href="/oms/vendors/wizamart/gift-cards"' in text
    assert 'href="/oms/vendors/wizamart/shipping"' in text
    # Hidden default and unpublished custom page stay out.
    assert "/oms/vendors/wizamart/returns" not in text
    assert "/oms/vendors/wizamart/summer-sale" not in text
    assert 'aria-current="page"' in text


def test_head_matches_get(server):
    get = server.get("/oms/pricing")
    head = server.request("/oms/pricing", method="HEAD")

    assert head.status == 200
    assert head.body == b""
    assert head.header("ETag") == get.header("ETag")
    assert head.header("Content-Type") == get.header("Content-Type")


def test_matching_etag_gives_304(server):
    etag = server.get("/oms/vendors/luxbakery/about").header("ETag")
    response = server.get("/oms/vendors/luxbakery/about", headers={"If-None-Match": etag})

    assert response.status == 304
    assert response.body == b""
    assert response.header("ETag") == etag


def test_other_etag_gives_200(server):
    response = server.get("/oms/vendors/luxbakery/about",
                          headers={"If-None-Match": '"1-1-d-0000000000000000"'})

    assert response.status == 200


def test_matching_if_match_gives_200(server):
    etag = server.get("/oms/vendors/luxbakery/about").header("ETag")
    response = server.get("/oms/vendors/luxbakery/about", headers={"If-Match": etag})

    assert response.status == 200


def test_other_if_match_gives_412(server):
    response = server.get("/oms/vendors/luxbakery/about",
                          headers={"If-Match": '"1-1-d-0000000000000000"'})

    assert response.status == 412
    assert b"Page not found" not in response.body


def test_if_unmodified_since_ignored(server):
    # Pages have no modification date, so the header cannot be evaluated.
    response = server.get("/oms/vendors/luxbakery/about",
                          headers={"If-Unmodified-Since": "Sat, 01 Jan 2000 00:00:00 GMT"})

    assert response.status == 200


def test_etag_differs_between_storefronts(server):
    wizamart = server.get("/oms/vendors/wizamart/shipping").header("ETag")
    luxbakery = server.get("/oms/vendors/luxbakery/shipping").header("ETag")

    assert wizamart != luxbakery


def test_not_found_has_no_etag(server):
    response = server.get("/oms/vendors/wizamart/no-such-page")

    assert response.status == 404
    assert response.header("ETag") is None
    assert response.header("Content-Type") == "text/html; charset=utf-8"


def test_inactive_vendor_looks_like_unknown(server):
    inactive = server.get("/oms/vendors/closedshop/about")
    unknown = server.get("/oms/vendors/nosuchshop/about")

    assert inactive.status == unknown.status == 404
    assert inactive.body == unknown.body
    assert "Closed Shop" not in inactive.text


def test_inactive_platform_looks_like_unknown(server):
    # The platform is not routed at all: /builder is an OMS slug.
    response = server.get("/builder")

    assert response.status == 404
    assert "Site Builder" not in response.text


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "TRACE"])
def test_other_methods_rejected(server, method):
    response = server.request("/oms/pricing", method=method, body=b"x=1")

    assert response.status == 405
    assert set(response.header("Allow").split(",")) == {"GET", "HEAD"}


def test_explain_header(server):
    response = server.get("/oms/vendors/wizamart/about")

    explanation = response.header("X-Mpcms-Resolution")
    assert "platform=oms; platform-via=prefix" in explanation
    assert "vendor=wizamart; vendor-via=path" in explanation
    assert "step=vendor_page" in explanation
    assert re.search(r"page=\d+$", explanation)


@pytest.mark.parametrize("path,step", [
    ("/oms/vendors/luxbakery/about", "step=platform_default"),
    ("/oms/pricing", "step=platform_page"),
    ("/oms/vendors/wizamart/no-such-page", "step=none; page=-"),
])
def test_explain_names_step(server, path, step):
    assert step in server.get(path).header("X-Mpcms-Resolution")


def test_context_exported_to_environment(server):
    server.get("/oms/vendors/wizamart/about?from=export-vendor")
    server.get("/loyalty/faq?from=export-platform")

    assert server.access_log_line("from=export-vendor").endswith('"oms" "wizamart"')
    assert server.access_log_line("from=export-platform").endswith('"loyalty" "-"')


def test_uri_keeps_prefix_in_log(server):
    server.get("/oms/pricing?from=test-uri")

    assert "GET /oms/pricing?from=test-uri" in server.access_log_line("from=test-uri")


def test_pass_through_left_to_httpd(server):
    (server.runtime_dir / "htdocs" / "static").mkdir(exist_ok=True)
    (server.runtime_dir / "htdocs" / "static" / "site.css").write_text("body{}")

    css = server.get("/static/site.css")
    shop = server.get("/oms/vendors/wizamart/shop/cart")

    assert css.status == 200
    assert css.body == b"body{}"
    assert css.header("Content-Type").startswith("text/css")
    # No shop backend in this configuration: httpd's own 404, not a CMS page.
    assert shop.status == 404
    assert template_of(shop) is None


def test_client_context_headers_removed(server):
    response = server.get("/oms/vendors/luxbakery/about?from=spoofed",
                          headers={"X-Mpcms-Vendor": "wizamart",
                                   "X_MPCMS_PLATFORM": "loyalty"})

    assert response.status == 200
    assert title_of(response) == "About our shop"
    assert server.access_log_line("from=spoofed").endswith('"oms" "luxbakery"')


def test_http10_without_host_gets_default_platform(server):
    reply = server.raw(b"GET /pricing HTTP/1.0\r\n\r\n")

    assert reply.startswith(b"HTTP/1.1 200")
    assert b"Wizamart OMS pricing" in reply


def test_theme_colors_from_platform_config(scratch_server):
    server = scratch_server
    server.sql("UPDATE platforms SET theme_config = "
               "'{\"primary_color\": \"#0f766e\", \"accent_color\": \"red\"}' "
               "WHERE code = 'oms'")

    page = server.get("/oms/pricing").text
    storefront = server.get("/oms/vendors/wizamart/about").text

    assert ":root { --brand: #0f766e; }" in page
    assert ":root { --brand: #0f766e; }" in storefront
    # Only hex colours reach the style sheet.
    assert "red" not in page.split("</style>")[0]


@pytest.mark.parametrize("host", ["[::1]", "[::1]:8080", "[2001:DB8::1]"])
def test_ipv6_literal_host_gets_default_platform(server, host):
    response = server.get("/oms/pricing", host=host)

    assert response.status == 200
    assert title_of(response) == "Wizamart OMS pricing"
    canonical = re.search(r'<link rel="canonical" href="http://\[([^]]+)\]', response.text)
    assert canonical is not None
    assert canonical.group(1) == host[1:].split("]")[0].lower()


# Forms of a path that httpd routes like another: the module redirects to
# that form before detection, so detection works on what httpd routes.
@pytest.mark.parametrize("path,location", [
    ("/oms/pric%69ng", "/oms/pricing"),
    ("/oms/%70ricing", "/oms/pricing"),
    ("/oms/./pricing", "/oms/pricing"),
    ("/oms/x/../pricing", "/oms/pricing"),
    ("//oms/pricing", "/oms/pricing"),
    ("/oms//pricing", "/oms/pricing"),
    ("/oms/%2e/pricing?plan=pro", "/oms/pricing?plan=pro"),
    ("/oms/vendors/wizamart/../luxbakery/about", "/oms/vendors/luxbakery/about"),
    ("/oms/vendors/wizamart/%2E%2E/luxbakery/about", "/oms/vendors/luxbakery/about"),
    ("/oms/vendors/wiz%61mart/about", "/oms/vendors/wizamart/about"),
])
def test_path_redirects_to_normal_form(server, path, location):
    response = server.get(path)

    assert response.status == 301
    assert response.header("Location") == f"http://127.0.0.1:{server.port}{location}"


@pytest.mark.parametrize("path", ["/builder/", "/oms/careers/",
                                  "/oms/vendors/closedshop/about/"])
def test_trailing_slash_of_missing_page_is_404(server, path):
    response = server.get(path)

    assert response.status == 404
    assert response.header("Location") is None
    assert template_of(response) == "oms/not_found"


def test_encoded_slash_is_404(server):
    # Without AllowEncodedSlashes, httpd returns 404 for "%2F" itself.
    response = server.get("/oms/..%2floyalty/")

    assert response.status == 404
    assert response.header("Location") is None


def test_path_redirect_of_post_keeps_method(server):
    response = server.request("/oms/./pricing?x=1", method="POST", body=b"a=1",
                              headers={"Content-Type": "application/x-www-form-urlencoded"})

    assert response.status == 308
    assert response.header("Location") == f"http://127.0.0.1:{server.port}/oms/pricing?x=1"


@pytest.mark.parametrize("path", ["/../oms/pricing", "/oms/../../pricing",
                                  "/oms/%2e%2e/%2e%2e/pricing", "/oms/pric%zzing",
                                  "/oms/pricing%2"])
def test_path_above_root_or_bad_escape_is_400(server, path):
    assert server.get(path).status == 400


def test_path_escape_of_reserved_byte_is_no_page(server):
    response = server.get("/oms/vendors/wizamart/caf%C3%A9?from=reserved-escape")

    assert response.status == 404
    assert template_of(response) == "oms/not_found"
    assert server.access_log_line("from=reserved-escape").endswith('"oms" "wizamart"')


def test_decoded_encoded_slash_redirects(make_server, tmp_path):
    config = tmp_path / "encoded-slashes.conf"
    # httpd reads the setting of the VirtualHost, not of the main server.
    config.write_text(DEV_CONFIG.read_text().replace(
        "    MpcmsEngine On\n", "    MpcmsEngine On\n    AllowEncodedSlashes On\n"))
    config.chmod(0o644)
    tmp_path.chmod(0o755)

    with make_server(config=config) as httpd:
        response = httpd.get("/oms/vendors/wizamart/x%2F..%2F..%2Fluxbakery/about")

        assert response.status == 301
        assert (response.header("Location")
                == f"http://127.0.0.1:{httpd.port}/oms/vendors/luxbakery/about")
        httpd.assert_error_log_clean()


def test_custom_domain_of_inactive_vendor_is_404(server):
    closed = server.get("/about", host="closedshop.lu")
    with_www = server.get("/", host="www.closedshop.lu")
    unknown = server.get("/about", host="unknown.example")

    assert closed.status == 404
    assert template_of(closed) is None
    assert with_www.status == 404
    assert with_www.header("Location") is None
    # An unknown host is the default platform's, in this configuration.
    assert unknown.status == 200


def test_inactive_membership_domain_is_404(scratch_server):
    scratch_server.sql(
        "UPDATE vendor_platforms SET is_active = FALSE"
        " WHERE vendor_id = (SELECT id FROM vendors WHERE code = 'wizamart')"
        "   AND platform_id = (SELECT id FROM platforms WHERE code = 'oms')")
    scratch_server.sql("UPDATE platforms SET is_active = FALSE WHERE code = 'loyalty'")

    membership = scratch_server.get("/about", host="wizamart.lu")
    platform = scratch_server.get("/", host="rewards.wizamart.lu")

    assert membership.status == 404
    assert template_of(membership) is None
    assert platform.status == 404
    assert template_of(platform) is None
