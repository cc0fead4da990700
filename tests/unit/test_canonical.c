/* Canonical URLs behind development and production routing. */
#include <string.h>

#include "canonical.h"
#include "unit.h"

static mpcms_route_t storefront_route(const char *domain,
                                      const char *custom_domain)
{
    mpcms_route_t route;

    memset(&route, 0, sizeof(route));
    route.area = MPCMS_AREA_STOREFRONT;
    route.area_base = "";
    route.domain = domain;
    route.custom_domain = custom_domain;
    return route;
}

static mpcms_vendor_t vendor_with(const char *custom_subdomain,
                                  const char *custom_domain)
{
    mpcms_vendor_t vendor;

    memset(&vendor, 0, sizeof(vendor));
    vendor.code = "wizamart";
    vendor.custom_subdomain = custom_subdomain;
    vendor.custom_domain = custom_domain;
    return vendor;
}

START_TEST(development_keeps_request_host)
{
    mpcms_route_t route;

    memset(&route, 0, sizeof(route));
    route.area = MPCMS_AREA_STOREFRONT;
    route.area_base = "/oms/vendors/wizamart";

    ck_assert_str_eq(mpcms_canonical_url(&route, NULL, "/about", "http",
                                         "localhost", 9999, unit_pool),
                     "http://localhost:9999/oms/vendors/wizamart/about");
}
END_TEST

START_TEST(platform_page_on_platform_domain)
{
    mpcms_route_t route;

    memset(&route, 0, sizeof(route));
    route.area = MPCMS_AREA_PLATFORM;
    route.area_base = "";
    route.domain = "oms.lu";

    ck_assert_str_eq(mpcms_canonical_url(&route, NULL, "/pricing", "https",
                                         "oms.lu", 443, unit_pool),
                     "https://oms.lu/pricing");
}
END_TEST

START_TEST(storefront_prefers_custom_domain)
{
    mpcms_route_t route = storefront_route("oms.lu", NULL);
    mpcms_vendor_t vendor = vendor_with("wiz", "wizamart.lu");

    ck_assert_str_eq(mpcms_canonical_url(&route, &vendor, "/about", "https",
                                         "wizamart.oms.lu", 443, unit_pool),
                     "https://wizamart.lu/about");
}
END_TEST

START_TEST(storefront_uses_custom_subdomain)
{
    mpcms_route_t route = storefront_route("oms.lu", NULL);
    mpcms_vendor_t vendor = vendor_with("wiz", NULL);

    ck_assert_str_eq(mpcms_canonical_url(&route, &vendor, "/", "https",
                                         "wizamart.oms.lu", 443, unit_pool),
                     "https://wiz.oms.lu/");
}
END_TEST

START_TEST(storefront_falls_back_to_code)
{
    mpcms_route_t route = storefront_route("oms.lu", NULL);
    mpcms_vendor_t vendor = vendor_with(NULL, NULL);

    /* A storefront reached by path on the platform domain. */
    route.area_base = "/vendors/wizamart";
    ck_assert_str_eq(mpcms_canonical_url(&route, &vendor, "/about", "https",
                                         "oms.lu", 443, unit_pool),
                     "https://wizamart.oms.lu/about");
}
END_TEST

START_TEST(port_kept_when_not_default)
{
    mpcms_route_t route = storefront_route("oms.lu", NULL);
    mpcms_vendor_t vendor = vendor_with(NULL, NULL);

    ck_assert_str_eq(mpcms_canonical_url(&route, &vendor, "/about", "https",
                                         "wizamart.oms.lu", 8443, unit_pool),
                     "https://wizamart.oms.lu:8443/about");
    ck_assert_str_eq(mpcms_canonical_origin("http", "oms.lu", 80, unit_pool),
                     "http://oms.lu");
    ck_assert_str_eq(mpcms_canonical_origin("https", "oms.lu", 80, unit_pool),
                     "https://oms.lu:80");
}
END_TEST

START_TEST(escape_path_keeps_escapes)
{
    ck_assert_str_eq(mpcms_canonical_escape_path("/caf%C3%A9", unit_pool),
                     "/caf%C3%A9");
    ck_assert_str_eq(
        mpcms_canonical_escape_path("/a-b_c.d~e/f;g=h@i", unit_pool),
        "/a-b_c.d~e/f;g=h@i");
    ck_assert_str_eq(mpcms_canonical_escape_path("", unit_pool), "");
}
END_TEST

START_TEST(escape_path_escapes_unsafe_bytes)
{
    ck_assert_str_eq(mpcms_canonical_escape_path("/caf\xc3\xa9", unit_pool),
                     "/caf%C3%A9");
    ck_assert_str_eq(mpcms_canonical_escape_path("/a b\"<>", unit_pool),
                     "/a%20b%22%3C%3E");
    ck_assert_str_eq(mpcms_canonical_escape_path("/\r\n\x7f", unit_pool),
                     "/%0D%0A%7F");
}
END_TEST

START_TEST(ipv6_origin_has_brackets)
{
    ck_assert_str_eq(mpcms_canonical_origin("http", "::1", 8080, unit_pool),
                     "http://[::1]:8080");
    ck_assert_str_eq(mpcms_canonical_origin("https", "[::1]", 443, unit_pool),
                     "https://[::1]");
}
END_TEST

Suite *canonical_suite(void)
{
    Suite *suite = suite_create("canonical");
    TCase *tc = tcase_create("url");

    tcase_add_checked_fixture(tc, unit_setup, unit_teardown);
    tcase_add_test(tc, development_keeps_request_host);
    tcase_add_test(tc, platform_page_on_platform_domain);
    tcase_add_test(tc, storefront_prefers_custom_domain);
    tcase_add_test(tc, storefront_uses_custom_subdomain);
    tcase_add_test(tc, storefront_falls_back_to_code);
    tcase_add_test(tc, port_kept_when_not_default);
    tcase_add_test(tc, ipv6_origin_has_brackets);
    tcase_add_test(tc, escape_path_keeps_escapes);
    tcase_add_test(tc, escape_path_escapes_unsafe_bytes);
    suite_add_tcase(suite, tc);
    return suite;
}
