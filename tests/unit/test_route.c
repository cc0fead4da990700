/* Platform and vendor detection, URL forms and host handling. */
#include <apr_strings.h>
#include <string.h>

#include "host.h"
#include "names.h"
#include "route.h"
#include "target.h"
#include "unit.h"

/*
 * Runs detection as the glue does when no custom domain matches the host:
 * the default platform then applies.
 */
static void detect(mpcms_route_t *route, const mpcms_routing_t *routing,
                   const char *host, const char *path)
{
    mpcms_route_detect(route, routing, NULL, host, path, unit_pool);
    if (route->needs_custom_domain) {
        mpcms_route_apply_default(route, routing, unit_pool);
    }
}

/* Routing of the production example: prefixes beat domains, oms default. */
static mpcms_routing_t *make_routing(void)
{
    mpcms_routing_t *routing = apr_pcalloc(unit_pool, sizeof(*routing));
    mpcms_prefix_rule_t *prefix;
    mpcms_domain_rule_t *domain;

    routing->prefixes =
        apr_array_make(unit_pool, 3, sizeof(mpcms_prefix_rule_t));
    prefix = apr_array_push(routing->prefixes);
    prefix->prefix = "/oms";
    prefix->platform = "oms";
    prefix = apr_array_push(routing->prefixes);
    prefix->prefix = "/loyalty";
    prefix->platform = "loyalty";
    prefix = apr_array_push(routing->prefixes);
    prefix->prefix = "/oms/beta";
    prefix->platform = "omsbeta";

    routing->domains =
        apr_array_make(unit_pool, 2, sizeof(mpcms_domain_rule_t));
    domain = apr_array_push(routing->domains);
    domain->domain = "oms.lu";
    domain->platform = "oms";
    domain = apr_array_push(routing->domains);
    domain->domain = "loyalty.lu";
    domain->platform = "loyalty";
    domain = apr_array_push(routing->domains);
    domain->domain = "shop.loyalty.lu";
    domain->platform = "loyaltyshop";

    routing->default_platform = "oms";
    return routing;
}

static const struct {
    const char *host;
    const char *path;
    const char *platform;
    mpcms_platform_via_e via;
    const char *platform_base;
    const char *clean_path;
    const char *subdomain;
} platform_cases[] = {
    { "localhost", "/oms/pricing", "oms", MPCMS_PLATFORM_VIA_PREFIX, "/oms",
      "/pricing", NULL },
    { "localhost", "/oms", "oms", MPCMS_PLATFORM_VIA_PREFIX, "/oms", "", NULL },
    { "localhost", "/oms/", "oms", MPCMS_PLATFORM_VIA_PREFIX, "/oms", "/",
      NULL },
    { "localhost", "/loyalty/faq", "loyalty", MPCMS_PLATFORM_VIA_PREFIX,
      "/loyalty", "/faq", NULL },
    /* A prefix matches whole segments only. */
    { "localhost", "/omsx/pricing", "oms", MPCMS_PLATFORM_VIA_DEFAULT, "",
      "/omsx/pricing", NULL },
    { "localhost", "/loyaltyx", "oms", MPCMS_PLATFORM_VIA_DEFAULT, "",
      "/loyaltyx", NULL },
    /* The longest prefix wins. */
    { "localhost", "/oms/beta/x", "omsbeta", MPCMS_PLATFORM_VIA_PREFIX,
      "/oms/beta", "/x", NULL },
    { "localhost", "/oms/betax", "oms", MPCMS_PLATFORM_VIA_PREFIX, "/oms",
      "/betax", NULL },
    /* A domain selects its platform, for itself and its subdomains. */
    { "loyalty.lu", "/pricing", "loyalty", MPCMS_PLATFORM_VIA_DOMAIN, "",
      "/pricing", NULL },
    { "wizamart.loyalty.lu", "/", "loyalty", MPCMS_PLATFORM_VIA_DOMAIN, "", "/",
      "wizamart" },
    { "a.b.oms.lu", "/", "oms", MPCMS_PLATFORM_VIA_DOMAIN, "", "/", "a.b" },
    /* The longest domain wins. */
    { "shop.loyalty.lu", "/", "loyaltyshop", MPCMS_PLATFORM_VIA_DOMAIN, "", "/",
      NULL },
    { "x.shop.loyalty.lu", "/", "loyaltyshop", MPCMS_PLATFORM_VIA_DOMAIN, "",
      "/", "x" },
    /* A name that only ends like the domain is not below it. */
    { "xoms.lu", "/", "oms", MPCMS_PLATFORM_VIA_DEFAULT, "", "/", NULL },
    /* A prefix beats the domain. */
    { "oms.lu", "/loyalty/faq", "loyalty", MPCMS_PLATFORM_VIA_PREFIX,
      "/loyalty", "/faq", NULL },
    /* No host (HTTP/1.0) and unknown hosts get the default platform. */
    { NULL, "/pricing", "oms", MPCMS_PLATFORM_VIA_DEFAULT, "", "/pricing",
      NULL },
    { "example.org", "/", "oms", MPCMS_PLATFORM_VIA_DEFAULT, "", "/", NULL },
};

START_TEST(detect_platform_by_table)
{
    mpcms_routing_t *routing = make_routing();
    mpcms_route_t route;
    int i = _i;

    detect(&route, routing, platform_cases[i].host, platform_cases[i].path);

    ck_assert_str_eq(route.platform, platform_cases[i].platform);
    ck_assert_int_eq(route.platform_via, platform_cases[i].via);
    ck_assert_str_eq(route.platform_base, platform_cases[i].platform_base);
    ck_assert_str_eq(route.path, platform_cases[i].clean_path);
    ck_assert_pstr_eq(route.subdomain, platform_cases[i].subdomain);
}
END_TEST

START_TEST(detect_without_default_finds_nothing)
{
    mpcms_routing_t *routing = make_routing();
    mpcms_route_t route;

    routing->default_platform = NULL;
    detect(&route, routing, "example.org", "/pricing");

    ck_assert_ptr_null(route.platform);
    ck_assert_int_eq(route.area, MPCMS_AREA_NONE);
    ck_assert_int_eq(route.platform_via, MPCMS_PLATFORM_VIA_NONE);
}
END_TEST

START_TEST(detect_with_empty_routing_finds_nothing)
{
    mpcms_routing_t routing;
    mpcms_route_t route;

    memset(&routing, 0, sizeof(routing));
    detect(&route, &routing, "oms.lu", "/oms/");

    ck_assert_ptr_null(route.platform);
}
END_TEST

static const struct {
    const char *path;
    mpcms_area_e area;
    const char *vendor;
    mpcms_vendor_via_e via;
    const char *area_base;
    const char *subpath;
} vendor_cases[] = {
    { "/oms/vendors/wizamart/about", MPCMS_AREA_STOREFRONT, "wizamart",
      MPCMS_VENDOR_VIA_PATH, "/oms/vendors/wizamart", "/about" },
    { "/oms/vendors/wizamart/", MPCMS_AREA_STOREFRONT, "wizamart",
      MPCMS_VENDOR_VIA_PATH, "/oms/vendors/wizamart", "/" },
    { "/oms/vendors/wizamart", MPCMS_AREA_STOREFRONT, "wizamart",
      MPCMS_VENDOR_VIA_PATH, "/oms/vendors/wizamart", "" },
    { "/oms/vendors/wizamart/shop/cart", MPCMS_AREA_STOREFRONT, "wizamart",
      MPCMS_VENDOR_VIA_PATH, "/oms/vendors/wizamart", "/shop/cart" },
    { "/oms/vendor/wizamart/dashboard", MPCMS_AREA_DASHBOARD, "wizamart",
      MPCMS_VENDOR_VIA_PATH, "/oms/vendor/wizamart", "/dashboard" },
    { "/vendors/lux-bakery_2/", MPCMS_AREA_STOREFRONT, "lux-bakery_2",
      MPCMS_VENDOR_VIA_PATH, "/vendors/lux-bakery_2", "/" },
    /* Not a vendor: the path stays in the platform area. */
    { "/oms/vendors/", MPCMS_AREA_PLATFORM, NULL, MPCMS_VENDOR_VIA_NONE, "/oms",
      "/vendors/" },
    { "/oms/vendors", MPCMS_AREA_PLATFORM, NULL, MPCMS_VENDOR_VIA_NONE, "/oms",
      "/vendors" },
    { "/oms/vendors/Wizamart/", MPCMS_AREA_PLATFORM, NULL,
      MPCMS_VENDOR_VIA_NONE, "/oms", "/vendors/Wizamart/" },
    { "/oms/vendorsx/wizamart/", MPCMS_AREA_PLATFORM, NULL,
      MPCMS_VENDOR_VIA_NONE, "/oms", "/vendorsx/wizamart/" },
    { "/oms/about", MPCMS_AREA_PLATFORM, NULL, MPCMS_VENDOR_VIA_NONE, "/oms",
      "/about" },
};

START_TEST(detect_vendor_by_table)
{
    mpcms_routing_t *routing = make_routing();
    mpcms_route_t route;
    int i = _i;

    detect(&route, routing, "localhost", vendor_cases[i].path);

    ck_assert_int_eq(route.area, vendor_cases[i].area);
    ck_assert_pstr_eq(route.vendor, vendor_cases[i].vendor);
    ck_assert_int_eq(route.vendor_via, vendor_cases[i].via);
    ck_assert_str_eq(route.area_base, vendor_cases[i].area_base);
    ck_assert_str_eq(route.subpath, vendor_cases[i].subpath);
}
END_TEST

START_TEST(detect_vendor_code_too_long)
{
    mpcms_routing_t *routing = make_routing();
    char path[128];
    mpcms_route_t route;

    /* 51 characters: one more than a code may have. */
    strcpy(path, "/oms/vendors/");
    memset(path + strlen(path), 'a', 51);
    strcpy(path + strlen("/oms/vendors/") + 51, "/about");
    detect(&route, routing, "localhost", path);

    ck_assert_int_eq(route.area, MPCMS_AREA_PLATFORM);
    ck_assert_ptr_null(route.vendor);
}
END_TEST

static const struct {
    const char *path;
    mpcms_target_kind_e kind;
    const char *slug_or_location;
    int is_root;
} target_cases[] = {
    { "/oms/", MPCMS_TARGET_PAGE, MPCMS_SLUG_PLATFORM_HOME, 1 },
    { "/oms/pricing", MPCMS_TARGET_PAGE, "pricing", 0 },
    { "/oms", MPCMS_TARGET_REDIRECT, "/oms/", 0 },
    { "/oms/pricing/", MPCMS_TARGET_REDIRECT, "/oms/pricing", 0 },
    { "/oms/home", MPCMS_TARGET_REDIRECT, "/oms/", 0 },
    { "/oms/platform_homepage", MPCMS_TARGET_REDIRECT, "/oms/", 0 },
    { "/oms/home/", MPCMS_TARGET_REDIRECT, "/oms/", 0 },
    { "/oms/Pricing", MPCMS_TARGET_NOT_FOUND, NULL, 0 },
    { "/oms/pricing.html", MPCMS_TARGET_NOT_FOUND, NULL, 0 },
    { "/oms/a/b", MPCMS_TARGET_NOT_FOUND, NULL, 0 },
    { "/oms//", MPCMS_TARGET_NOT_FOUND, NULL, 0 },
    { "/oms/vendors", MPCMS_TARGET_NOT_FOUND, NULL, 0 },
    { "/oms/vendor/", MPCMS_TARGET_NOT_FOUND, NULL, 0 },
    { "/oms/shop/cart", MPCMS_TARGET_PASS, NULL, 0 },
    { "/oms/static", MPCMS_TARGET_PASS, NULL, 0 },
    { "/oms/shopping", MPCMS_TARGET_PAGE, "shopping", 0 },
    { "/oms/vendors/wizamart/", MPCMS_TARGET_PAGE, MPCMS_SLUG_HOME, 1 },
    { "/oms/vendors/wizamart", MPCMS_TARGET_REDIRECT, "/oms/vendors/wizamart/",
      0 },
    { "/oms/vendors/wizamart/about", MPCMS_TARGET_PAGE, "about", 0 },
    { "/oms/vendors/wizamart/about/", MPCMS_TARGET_REDIRECT,
      "/oms/vendors/wizamart/about", 0 },
    { "/oms/vendors/wizamart/home", MPCMS_TARGET_REDIRECT,
      "/oms/vendors/wizamart/", 0 },
    /* platform_homepage is a marketing slug, an ordinary one on storefronts. */
    { "/oms/vendors/wizamart/platform_homepage", MPCMS_TARGET_PAGE,
      "platform_homepage", 0 },
    { "/oms/vendors/wizamart/shop/", MPCMS_TARGET_PASS, NULL, 0 },
    { "/oms/vendors/wizamart/vendors", MPCMS_TARGET_PAGE, "vendors", 0 },
    { "/oms/vendor/wizamart/dashboard", MPCMS_TARGET_NOT_FOUND, NULL, 0 },
};

START_TEST(parse_target_by_table)
{
    mpcms_routing_t *routing = make_routing();
    apr_array_header_t *pass_through =
        apr_array_make(unit_pool, 2, sizeof(const char *));
    mpcms_target_t target;
    mpcms_route_t route;
    int i = _i;

    APR_ARRAY_PUSH(pass_through, const char *) = "/shop";
    APR_ARRAY_PUSH(pass_through, const char *) = "/static";
    detect(&route, routing, "localhost", target_cases[i].path);
    mpcms_target_parse(&target, &route, pass_through, unit_pool);

    ck_assert_int_eq(target.kind, target_cases[i].kind);
    if (target.kind == MPCMS_TARGET_PAGE) {
        ck_assert_str_eq(target.slug, target_cases[i].slug_or_location);
        ck_assert_int_eq(target.is_root, target_cases[i].is_root);
    }
    if (target.kind == MPCMS_TARGET_REDIRECT) {
        ck_assert_str_eq(target.location, target_cases[i].slug_or_location);
    }
}
END_TEST

START_TEST(trailing_slash_redirect_needs_page)
{
    mpcms_routing_t *routing = make_routing();
    mpcms_target_t target;
    mpcms_route_t route;

    detect(&route, routing, "localhost", "/oms/pricing/");
    mpcms_target_parse(&target, &route, NULL, unit_pool);
    ck_assert_int_eq(target.kind, MPCMS_TARGET_REDIRECT);
    ck_assert_int_eq(target.needs_page, 1);
    ck_assert_str_eq(target.slug, "pricing");

    detect(&route, routing, "localhost", "/oms");
    mpcms_target_parse(&target, &route, NULL, unit_pool);
    ck_assert_int_eq(target.kind, MPCMS_TARGET_REDIRECT);
    ck_assert_int_eq(target.needs_page, 0);

    detect(&route, routing, "localhost", "/oms/home/");
    mpcms_target_parse(&target, &route, NULL, unit_pool);
    ck_assert_int_eq(target.kind, MPCMS_TARGET_REDIRECT);
    ck_assert_int_eq(target.needs_page, 0);
}
END_TEST

START_TEST(parse_target_slug_length_limit)
{
    mpcms_routing_t *routing = make_routing();
    char path[160];
    mpcms_target_t target;
    mpcms_route_t route;

    strcpy(path, "/oms/");
    memset(path + 5, 'a', MPCMS_SLUG_MAX);
    path[5 + MPCMS_SLUG_MAX] = '\0';
    detect(&route, routing, "localhost", path);
    mpcms_target_parse(&target, &route, NULL, unit_pool);
    ck_assert_int_eq(target.kind, MPCMS_TARGET_PAGE);

    strcat(path, "a");
    detect(&route, routing, "localhost", path);
    mpcms_target_parse(&target, &route, NULL, unit_pool);
    ck_assert_int_eq(target.kind, MPCMS_TARGET_NOT_FOUND);
}
END_TEST

static const struct {
    const char *input;
    const char *normalized; /* NULL: rejected */
} host_cases[] = {
    { "oms.lu", "oms.lu" },
    { "OMS.LU", "oms.lu" },
    { "oms.lu:8443", "oms.lu" },
    { "oms.lu.", "oms.lu" },
    { "Wizamart.OMS.lu.:80", "wizamart.oms.lu" },
    { "xn--bcher-kva.lu", "xn--bcher-kva.lu" },
    { "localhost", "localhost" },
    { "127.0.0.1:9999", "127.0.0.1" },
    { "[::1]:9999", "[::1]" },
    { "[::1]", "[::1]" },
    /* httpd passes an IPv6 literal without its brackets and port. */
    { "::1", "::1" },
    { "2001:DB8::A", "2001:db8::a" },
    { "::ffff:192.0.2.1", "::ffff:192.0.2.1" },
    { "[2001:db8::1]:443", "[2001:db8::1]" },
    { "", NULL },
    { ":80", NULL },
    { "oms.lu:80x", NULL },
    { "oms..lu", NULL },
    { ".oms.lu", NULL },
    { "oms.lu..", NULL },
    { "-oms.lu", NULL },
    { "oms-.lu", NULL },
    { "om s.lu", NULL },
    { "oms_lu.lu", NULL },
    { "b\xc3\xbc"
      "cher.lu",
      NULL },
    { "[::1", NULL },
    { "[::1]x", NULL },
    { "[zz]", NULL },
    { "::zz", NULL },
    { "fe80::1%eth0", NULL },
};

START_TEST(normalize_host_by_table)
{
    const char *normalized =
        mpcms_host_normalize(host_cases[_i].input, unit_pool);

    ck_assert_pstr_eq(normalized, host_cases[_i].normalized);
}
END_TEST

START_TEST(normalize_host_length_limit)
{
    char host[300];
    int i;

    /* Labels of 63 characters joined by dots, 255 characters in all. */
    for (i = 0; i < 255; i++) {
        host[i] = (i % 64 == 63) ? '.' : 'a';
    }
    host[255] = '\0';
    ck_assert_ptr_null(mpcms_host_normalize(host, unit_pool));

    host[253] = '\0';
    ck_assert_ptr_nonnull(mpcms_host_normalize(host, unit_pool));
}
END_TEST

START_TEST(normalize_host_null)
{
    ck_assert_ptr_null(mpcms_host_normalize(NULL, unit_pool));
}
END_TEST

START_TEST(domain_validity)
{
    ck_assert_int_eq(mpcms_domain_is_valid("oms.lu"), 1);
    ck_assert_int_eq(mpcms_domain_is_valid("a.b.oms.lu"), 1);
    ck_assert_int_eq(mpcms_domain_is_valid("localhost"), 0);
    ck_assert_int_eq(mpcms_domain_is_valid("OMS.lu"), 0);
    ck_assert_int_eq(mpcms_domain_is_valid("*.oms.lu"), 0);
    ck_assert_int_eq(mpcms_domain_is_valid("oms.lu."), 0);
    ck_assert_int_eq(mpcms_domain_is_valid(""), 0);
    ck_assert_int_eq(mpcms_domain_is_valid(NULL), 0);
}
END_TEST

START_TEST(slug_validity)
{
    char longest[MPCMS_SLUG_MAX + 2];

    ck_assert_int_eq(mpcms_slug_is_valid("about"), 1);
    ck_assert_int_eq(mpcms_slug_is_valid("gift-cards"), 1);
    ck_assert_int_eq(mpcms_slug_is_valid("platform_homepage"), 1);
    ck_assert_int_eq(mpcms_slug_is_valid("404"), 1);
    ck_assert_int_eq(mpcms_slug_is_valid(""), 0);
    ck_assert_int_eq(mpcms_slug_is_valid(NULL), 0);
    ck_assert_int_eq(mpcms_slug_is_valid("About"), 0);
    ck_assert_int_eq(mpcms_slug_is_valid("a b"), 0);
    ck_assert_int_eq(mpcms_slug_is_valid("a.html"), 0);
    ck_assert_int_eq(mpcms_slug_is_valid("a/b"), 0);
    ck_assert_int_eq(mpcms_slug_is_valid("caf\xc3\xa9"), 0);
    ck_assert_int_eq(mpcms_slug_is_valid("a%20b"), 0);

    memset(longest, 'x', MPCMS_SLUG_MAX);
    longest[MPCMS_SLUG_MAX] = '\0';
    ck_assert_int_eq(mpcms_slug_is_valid(longest), 1);
    longest[MPCMS_SLUG_MAX] = 'x';
    longest[MPCMS_SLUG_MAX + 1] = '\0';
    ck_assert_int_eq(mpcms_slug_is_valid(longest), 0);
}
END_TEST

START_TEST(label_validity)
{
    ck_assert_int_eq(mpcms_label_is_valid("garden", 6), 1);
    ck_assert_int_eq(mpcms_label_is_valid("lux-bakery", 10), 1);
    ck_assert_int_eq(mpcms_label_is_valid("-garden", 7), 0);
    ck_assert_int_eq(mpcms_label_is_valid("garden-", 7), 0);
    ck_assert_int_eq(mpcms_label_is_valid("gar_den", 7), 0);
    ck_assert_int_eq(mpcms_label_is_valid("", 0), 0);
}
END_TEST

START_TEST(path_prefix_whole_segments)
{
    ck_assert_int_eq(mpcms_path_has_prefix("/shop", "/shop"), 1);
    ck_assert_int_eq(mpcms_path_has_prefix("/shop/", "/shop"), 1);
    ck_assert_int_eq(mpcms_path_has_prefix("/shop/cart", "/shop"), 1);
    ck_assert_int_eq(mpcms_path_has_prefix("/shopping", "/shop"), 0);
    ck_assert_int_eq(mpcms_path_has_prefix("/sho", "/shop"), 0);
}
END_TEST

START_TEST(via_names)
{
    ck_assert_str_eq(mpcms_platform_via_name(MPCMS_PLATFORM_VIA_PREFIX),
                     "prefix");
    ck_assert_str_eq(mpcms_platform_via_name(MPCMS_PLATFORM_VIA_DOMAIN),
                     "domain");
    ck_assert_str_eq(mpcms_platform_via_name(MPCMS_PLATFORM_VIA_DATABASE),
                     "database");
    ck_assert_str_eq(mpcms_platform_via_name(MPCMS_PLATFORM_VIA_DEFAULT),
                     "default");
    ck_assert_str_eq(mpcms_vendor_via_name(MPCMS_VENDOR_VIA_PATH), "path");
    ck_assert_str_eq(mpcms_vendor_via_name(MPCMS_VENDOR_VIA_SUBDOMAIN),
                     "subdomain");
    ck_assert_str_eq(mpcms_vendor_via_name(MPCMS_VENDOR_VIA_CUSTOM_DOMAIN),
                     "custom_domain");
}
END_TEST

START_TEST(admin_host_selects_admin_area)
{
    mpcms_routing_t *routing = make_routing();
    mpcms_route_t route;

    routing->admin_host = "admin.wizamart.lu";
    detect(&route, routing, "admin.wizamart.lu", "/platforms");

    ck_assert_int_eq(route.area, MPCMS_AREA_ADMIN);
    ck_assert_ptr_null(route.platform);
    ck_assert_str_eq(route.area_base, "");
    ck_assert_str_eq(route.subpath, "/platforms");
}
END_TEST

START_TEST(admin_path_selects_admin_area)
{
    mpcms_routing_t *routing = make_routing();
    mpcms_route_t route;

    routing->admin_path = "/admin";
    detect(&route, routing, "localhost", "/admin/platforms/oms/pages");

    ck_assert_int_eq(route.area, MPCMS_AREA_ADMIN);
    ck_assert_str_eq(route.area_base, "/admin");
    ck_assert_str_eq(route.subpath, "/platforms/oms/pages");

    detect(&route, routing, "localhost", "/administration");
    ck_assert_int_eq(route.area, MPCMS_AREA_PLATFORM);
}
END_TEST

START_TEST(admin_area_known_before_detection)
{
    mpcms_routing_t *routing = make_routing();

    routing->admin_path = "/admin";
    routing->admin_host = "admin.wizamart.lu";

    ck_assert_int_eq(mpcms_route_is_admin(routing, "localhost", "/admin"), 1);
    ck_assert_int_eq(
        mpcms_route_is_admin(routing, NULL, "/admin/api/v1/platforms"), 1);
    ck_assert_int_eq(mpcms_route_is_admin(routing, "admin.wizamart.lu", "/"),
                     1);
    ck_assert_int_eq(mpcms_route_is_admin(routing, "localhost", "/adminx"), 0);
    ck_assert_int_eq(mpcms_route_is_admin(routing, "oms.lu", "/oms/"), 0);
}
END_TEST

START_TEST(subdomain_label_needs_vendor_lookup)
{
    mpcms_routing_t *routing = make_routing();
    mpcms_route_t route;

    detect(&route, routing, "wizamart.oms.lu", "/about");

    ck_assert_str_eq(route.platform, "oms");
    ck_assert_int_eq(route.area, MPCMS_AREA_STOREFRONT);
    ck_assert_int_eq(route.vendor_via, MPCMS_VENDOR_VIA_SUBDOMAIN);
    ck_assert_int_eq(route.needs_subdomain_vendor, 1);
    ck_assert_str_eq(route.subdomain, "wizamart");
    ck_assert_str_eq(route.domain, "oms.lu");
    ck_assert_str_eq(route.area_base, "");
    ck_assert_str_eq(route.subpath, "/about");
    ck_assert_ptr_null(route.vendor);

    mpcms_route_apply_subdomain_vendor(&route, "wizamart");
    ck_assert_str_eq(route.vendor, "wizamart");
    ck_assert_int_eq(route.needs_subdomain_vendor, 0);
}
END_TEST

START_TEST(unknown_subdomain_serves_nothing)
{
    mpcms_routing_t *routing = make_routing();
    mpcms_route_t route;

    detect(&route, routing, "nosuchshop.oms.lu", "/about");
    mpcms_route_apply_subdomain_vendor(&route, NULL);

    ck_assert_int_eq(route.area, MPCMS_AREA_NONE);
    ck_assert_ptr_null(route.vendor);
    ck_assert_str_eq(route.platform, "oms");
}
END_TEST

START_TEST(www_subdomain_redirects_to_domain)
{
    mpcms_routing_t *routing = make_routing();
    mpcms_route_t route;

    detect(&route, routing, "www.oms.lu", "/pricing");

    ck_assert_str_eq(route.redirect_host, "oms.lu");
    ck_assert_int_eq(route.needs_subdomain_vendor, 0);
    ck_assert_ptr_null(route.vendor);
}
END_TEST

START_TEST(reserved_subdomains_are_never_vendors)
{
    mpcms_routing_t *routing = make_routing();
    static const char *const labels[] = { "admin", "mail" };
    mpcms_route_t route;
    size_t i;

    routing->reserved_subdomains =
        apr_array_make(unit_pool, 2, sizeof(const char *));
    APR_ARRAY_PUSH(routing->reserved_subdomains, const char *) = "admin";
    APR_ARRAY_PUSH(routing->reserved_subdomains, const char *) = "mail";

    for (i = 0; i < sizeof(labels) / sizeof(labels[0]); i++) {
        detect(&route, routing,
               apr_pstrcat(unit_pool, labels[i], ".oms.lu", NULL), "/");

        ck_assert_int_eq(route.area, MPCMS_AREA_NONE);
        ck_assert_int_eq(route.needs_subdomain_vendor, 0);
        ck_assert_ptr_null(route.redirect_host);
    }
}
END_TEST

START_TEST(several_labels_are_never_vendors)
{
    mpcms_routing_t *routing = make_routing();
    mpcms_route_t route;

    detect(&route, routing, "a.b.oms.lu", "/");

    ck_assert_int_eq(route.area, MPCMS_AREA_NONE);
    ck_assert_int_eq(route.needs_subdomain_vendor, 0);
}
END_TEST

START_TEST(vendor_host_ignores_vendor_paths)
{
    mpcms_routing_t *routing = make_routing();
    mpcms_route_t route;

    detect(&route, routing, "wizamart.oms.lu", "/vendors/luxbakery/about");

    ck_assert_int_eq(route.vendor_via, MPCMS_VENDOR_VIA_SUBDOMAIN);
    ck_assert_str_eq(route.subpath, "/vendors/luxbakery/about");
}
END_TEST

START_TEST(unmatched_host_needs_custom_domain)
{
    mpcms_routing_t *routing = make_routing();
    mpcms_route_t route;

    mpcms_route_detect(&route, routing, NULL, "shop.example.org", "/about",
                       unit_pool);

    ck_assert_int_eq(route.needs_custom_domain, 1);
    ck_assert_ptr_null(route.platform);
    ck_assert_str_eq(route.path, "/about");
}
END_TEST

START_TEST(custom_domain_gives_storefront)
{
    mpcms_routing_t *routing = make_routing();
    mpcms_route_t route;

    mpcms_route_detect(&route, routing, NULL, "wizamart.lu", "/about",
                       unit_pool);
    mpcms_route_apply_custom_domain(&route, "wizamart.lu", "oms", "wizamart",
                                    "wizamart.lu", unit_pool);

    ck_assert_str_eq(route.platform, "oms");
    ck_assert_int_eq(route.platform_via, MPCMS_PLATFORM_VIA_DATABASE);
    ck_assert_str_eq(route.vendor, "wizamart");
    ck_assert_int_eq(route.vendor_via, MPCMS_VENDOR_VIA_CUSTOM_DOMAIN);
    ck_assert_int_eq(route.area, MPCMS_AREA_STOREFRONT);
    ck_assert_str_eq(route.area_base, "");
    ck_assert_str_eq(route.subpath, "/about");
    ck_assert_str_eq(route.custom_domain, "wizamart.lu");
    ck_assert_ptr_null(route.redirect_host);
}
END_TEST

START_TEST(www_custom_domain_redirects)
{
    mpcms_routing_t *routing = make_routing();
    mpcms_route_t route;

    mpcms_route_detect(&route, routing, NULL, "www.wizamart.lu", "/about",
                       unit_pool);
    mpcms_route_apply_custom_domain(&route, "wizamart.lu", "oms", "wizamart",
                                    "www.wizamart.lu", unit_pool);

    ck_assert_str_eq(route.redirect_host, "wizamart.lu");
    ck_assert_ptr_null(route.vendor);
}
END_TEST

START_TEST(database_rules_come_after_configured)
{
    mpcms_routing_t *routing = make_routing();
    mpcms_routing_t database;
    mpcms_prefix_rule_t *prefix;
    mpcms_domain_rule_t *domain;
    mpcms_route_t route;

    memset(&database, 0, sizeof(database));
    database.prefixes =
        apr_array_make(unit_pool, 1, sizeof(mpcms_prefix_rule_t));
    prefix = apr_array_push(database.prefixes);
    prefix->prefix = "/builder";
    prefix->platform = "builder";
    database.domains =
        apr_array_make(unit_pool, 1, sizeof(mpcms_domain_rule_t));
    domain = apr_array_push(database.domains);
    domain->domain = "builder.lu";
    domain->platform = "builder";

    mpcms_route_detect(&route, routing, &database, "localhost", "/builder/x",
                       unit_pool);
    ck_assert_str_eq(route.platform, "builder");
    ck_assert_int_eq(route.platform_via, MPCMS_PLATFORM_VIA_DATABASE);
    ck_assert_str_eq(route.path, "/x");

    /* Prefixes come before domains, from the database too. */
    mpcms_route_detect(&route, routing, &database, "oms.lu", "/builder/x",
                       unit_pool);
    ck_assert_str_eq(route.platform, "builder");

    mpcms_route_detect(&route, routing, &database, "wizamart.builder.lu", "/",
                       unit_pool);
    ck_assert_str_eq(route.platform, "builder");
    ck_assert_int_eq(route.platform_via, MPCMS_PLATFORM_VIA_DATABASE);
    ck_assert_int_eq(route.needs_subdomain_vendor, 1);

    /* A configured prefix beats a database one. */
    mpcms_route_detect(&route, routing, &database, "builder.lu", "/oms/",
                       unit_pool);
    ck_assert_str_eq(route.platform, "oms");
    ck_assert_int_eq(route.platform_via, MPCMS_PLATFORM_VIA_PREFIX);
}
END_TEST

START_TEST(routing_names_configured_platforms)
{
    mpcms_routing_t *routing = make_routing();

    ck_assert_int_eq(mpcms_routing_names_platform(routing, "oms"), 1);
    ck_assert_int_eq(mpcms_routing_names_platform(routing, "loyaltyshop"), 1);
    ck_assert_int_eq(mpcms_routing_names_platform(routing, "builder"), 0);
}
END_TEST

START_TEST(redirect_target_keeps_path)
{
    mpcms_routing_t *routing = make_routing();
    mpcms_target_t target;
    mpcms_route_t route;

    detect(&route, routing, "www.oms.lu", "/pricing");
    mpcms_target_parse(&target, &route, NULL, unit_pool);

    ck_assert_int_eq(target.kind, MPCMS_TARGET_REDIRECT);
    ck_assert_str_eq(target.host, "oms.lu");
    ck_assert_str_eq(target.location, "/pricing");
}
END_TEST

START_TEST(subdomain_storefront_url_forms)
{
    mpcms_routing_t *routing = make_routing();
    mpcms_target_t target;
    mpcms_route_t route;

    detect(&route, routing, "wizamart.oms.lu", "/");
    mpcms_route_apply_subdomain_vendor(&route, "wizamart");
    mpcms_target_parse(&target, &route, NULL, unit_pool);
    ck_assert_int_eq(target.kind, MPCMS_TARGET_PAGE);
    ck_assert_str_eq(target.slug, MPCMS_SLUG_HOME);

    detect(&route, routing, "wizamart.oms.lu", "/about/");
    mpcms_route_apply_subdomain_vendor(&route, "wizamart");
    mpcms_target_parse(&target, &route, NULL, unit_pool);
    ck_assert_int_eq(target.kind, MPCMS_TARGET_REDIRECT);
    ck_assert_str_eq(target.location, "/about");
    ck_assert_ptr_null(target.host);
}
END_TEST

#define COUNT(table) ((int)(sizeof(table) / sizeof(table[0])))

Suite *route_suite(void)
{
    Suite *suite = suite_create("route");
    TCase *detect = tcase_create("detect");
    TCase *target = tcase_create("target");
    TCase *names = tcase_create("names");

    tcase_add_checked_fixture(detect, unit_setup, unit_teardown);
    tcase_add_loop_test(detect, detect_platform_by_table, 0,
                        COUNT(platform_cases));
    tcase_add_test(detect, detect_without_default_finds_nothing);
    tcase_add_test(detect, detect_with_empty_routing_finds_nothing);
    tcase_add_loop_test(detect, detect_vendor_by_table, 0, COUNT(vendor_cases));
    tcase_add_test(detect, detect_vendor_code_too_long);
    tcase_add_test(detect, via_names);
    tcase_add_test(detect, admin_host_selects_admin_area);
    tcase_add_test(detect, admin_path_selects_admin_area);
    tcase_add_test(detect, admin_area_known_before_detection);
    tcase_add_test(detect, subdomain_label_needs_vendor_lookup);
    tcase_add_test(detect, unknown_subdomain_serves_nothing);
    tcase_add_test(detect, www_subdomain_redirects_to_domain);
    tcase_add_test(detect, reserved_subdomains_are_never_vendors);
    tcase_add_test(detect, several_labels_are_never_vendors);
    tcase_add_test(detect, vendor_host_ignores_vendor_paths);
    tcase_add_test(detect, unmatched_host_needs_custom_domain);
    tcase_add_test(detect, custom_domain_gives_storefront);
    tcase_add_test(detect, www_custom_domain_redirects);
    tcase_add_test(detect, database_rules_come_after_configured);
    tcase_add_test(detect, routing_names_configured_platforms);
    suite_add_tcase(suite, detect);

    tcase_add_checked_fixture(target, unit_setup, unit_teardown);
    tcase_add_loop_test(target, parse_target_by_table, 0, COUNT(target_cases));
    tcase_add_test(target, parse_target_slug_length_limit);
    tcase_add_test(target, trailing_slash_redirect_needs_page);
    tcase_add_test(target, path_prefix_whole_segments);
    tcase_add_test(target, redirect_target_keeps_path);
    tcase_add_test(target, subdomain_storefront_url_forms);
    suite_add_tcase(suite, target);

    tcase_add_checked_fixture(names, unit_setup, unit_teardown);
    tcase_add_loop_test(names, normalize_host_by_table, 0, COUNT(host_cases));
    tcase_add_test(names, normalize_host_length_limit);
    tcase_add_test(names, normalize_host_null);
    tcase_add_test(names, domain_validity);
    tcase_add_test(names, slug_validity);
    tcase_add_test(names, label_validity);
    suite_add_tcase(suite, names);
    return suite;
}
