/*
 * Statements, lookups and page resolution against a real SQLite database
 * with the migrations and sql/demo.sql.
 */
#include <apr_dbd.h>
#include <apr_file_io.h>
#include <apr_strings.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cache.h"
#include "catalog.h"
#include "resolve.h"
#include "statements.h"
#include "store.h"
#include "testdb.h"
#include "timezone.h"
#include "unit.h"

static unit_db_t test_db;
static const apr_dbd_driver_t *driver;
static apr_dbd_t *handle;
static mpcms_db_t db;
static mpcms_store_t store;
static int connections;
static apr_time_t resolve_time; /* request time that resolve_path passes */

static apr_status_t fail_to_connect(mpcms_db_t *target, void *baton,
                                    mpcms_error_t **error)
{
    *error = mpcms_error_make(NULL, 0, 0, unit_pool, "database down");
    return MPCMS_EUNAVAILABLE;
}

/* The store's connect function: hands out the test's one connection. */
static apr_status_t connect_test_db(mpcms_db_t *target, void *baton,
                                    mpcms_error_t **error)
{
    connections++;
    *target = db;
    return APR_SUCCESS;
}

/* Creates a fresh demo database for every test, so tests may change it. */
static void setup(void)
{
    unit_setup();
    unit_db_open(&test_db, "sqlite3");
    unit_db_migrate(&test_db);
    unit_db_load(&test_db, UNIT_SQL_DIR "/demo.sql");
    db = test_db.db;
    driver = db.driver;
    handle = db.handle;

    memset(&store, 0, sizeof(store));
    store.connect = connect_test_db;
    connections = 0;
    resolve_time = apr_time_now();
}

static void teardown(void)
{
    unit_db_close(&test_db);
    unit_teardown();
}

static void run_sql(const char *sql)
{
    int affected;

    ck_assert_msg(apr_dbd_query(driver, handle, &affected, sql) == 0, "%s: %s",
                  sql, apr_dbd_error(driver, handle, 1));
}

static int count_placeholders(const char *sql)
{
    int count = 0;

    for (; *sql != '\0'; sql++) {
        if (sql[0] == '%' && sql[1] == '%') {
            sql++; /* "%%" is a literal '%' */
        }
        else if (sql[0] == '%'
                 && (sql[1] == 's' || sql[1] == 'd' || sql[1] == 'l')) {
            count++;
        }
    }
    return count;
}

START_TEST(statement_argument_counts)
{
    int id;

    for (id = 0; id < MPCMS_SQL_COUNT; id++) {
        const mpcms_statement_t *statement = mpcms_statement_get(id);

        ck_assert_msg(count_placeholders(statement->sqlite3)
                          == statement->nargs,
                      "%s: sqlite3 text has another number of placeholders",
                      statement->label);
        ck_assert_msg(
            count_placeholders(mpcms_statement_text(statement, "pgsql"))
                == statement->nargs,
            "%s: pgsql text has another number of placeholders",
            statement->label);
    }
}
END_TEST

START_TEST(statement_labels_are_unique)
{
    int first;
    int second;

    for (first = 0; first < MPCMS_SQL_COUNT; first++) {
        for (second = first + 1; second < MPCMS_SQL_COUNT; second++) {
            ck_assert_str_ne(mpcms_statement_get(first)->label,
                             mpcms_statement_get(second)->label);
        }
    }
}
END_TEST

START_TEST(attach_turns_foreign_keys_on)
{
    int affected;

    /* vendor 999 does not exist, so the foreign key must reject the row. */
    ck_assert_int_ne(
        apr_dbd_query(
            driver, handle, &affected,
            "INSERT INTO content_pages (platform_id, vendor_id, slug, "
            "title) VALUES (1, 999, 'x', 'x')"),
        0);
}
END_TEST

START_TEST(platform_lookup_finds_active)
{
    const mpcms_platform_t *platform;
    const mpcms_vendor_t *vendor;
    mpcms_error_t *error = NULL;

    ck_assert_int_eq(mpcms_catalog_lookup(&platform, &vendor, &store, "oms",
                                          NULL, &error, unit_pool),
                     APR_SUCCESS);
    ck_assert_ptr_nonnull(platform);
    ck_assert_ptr_null(vendor);
    ck_assert_str_eq(platform->code, "oms");
    ck_assert_str_eq(platform->name, "Wizamart OMS");
    ck_assert_str_eq(platform->default_language, "en");
    ck_assert_int_gt(platform->id, 0);
    ck_assert_int_ge(platform->version, 1);
}
END_TEST

START_TEST(platform_lookup_skips_inactive)
{
    const mpcms_platform_t *platform;
    const mpcms_vendor_t *vendor;
    mpcms_error_t *error = NULL;

    ck_assert_int_eq(mpcms_catalog_lookup(&platform, &vendor, &store, "builder",
                                          "wizamart", &error, unit_pool),
                     APR_SUCCESS);
    ck_assert_ptr_null(platform);
    ck_assert_ptr_null(vendor);
    ck_assert_int_eq(mpcms_catalog_lookup(&platform, &vendor, &store, "nosuch",
                                          NULL, &error, unit_pool),
                     APR_SUCCESS);
    ck_assert_ptr_null(platform);
}
END_TEST

static const mpcms_vendor_t *lookup_vendor(const char *platform_code,
                                           const char *code)
{
    const mpcms_platform_t *platform;
    const mpcms_vendor_t *vendor;
    mpcms_error_t *error = NULL;

    ck_assert_int_eq(mpcms_catalog_lookup(&platform, &vendor, &store,
                                          platform_code, code, &error,
                                          unit_pool),
                     APR_SUCCESS);
    ck_assert_ptr_nonnull(platform);
    return vendor;
}

START_TEST(vendor_lookup_by_membership)
{
    const mpcms_vendor_t *vendor = lookup_vendor("oms", "wizamart");

    ck_assert_ptr_nonnull(vendor);
    ck_assert_str_eq(vendor->code, "wizamart");
    ck_assert_str_eq(vendor->name, "Wizamart");
    ck_assert_ptr_nonnull(lookup_vendor("loyalty", "wizamart"));
    ck_assert_ptr_nonnull(lookup_vendor("oms", "luxbakery"));
}
END_TEST

START_TEST(vendor_lookup_skips_inactive)
{
    /* Inactive vendor, inactive membership, and no membership at all. */
    ck_assert_ptr_null(lookup_vendor("oms", "closedshop"));
    ck_assert_ptr_null(lookup_vendor("loyalty", "gardenworld"));
    ck_assert_ptr_null(lookup_vendor("loyalty", "luxbakery"));
    ck_assert_ptr_null(lookup_vendor("oms", "nosuch"));
}
END_TEST

/* Resolves a development URL path the way the content handler does. */
static mpcms_resolution_t *resolve_path(const char *path)
{
    mpcms_routing_t routing;
    mpcms_prefix_rule_t *rule;
    mpcms_resolution_t *resolution =
        apr_pcalloc(unit_pool, sizeof(*resolution));
    mpcms_error_t *error = NULL;
    mpcms_target_t target;
    mpcms_route_t route;

    memset(&routing, 0, sizeof(routing));
    routing.prefixes =
        apr_array_make(unit_pool, 2, sizeof(mpcms_prefix_rule_t));
    rule = apr_array_push(routing.prefixes);
    rule->prefix = "/oms";
    rule->platform = "oms";
    rule = apr_array_push(routing.prefixes);
    rule->prefix = "/loyalty";
    rule->platform = "loyalty";

    mpcms_route_detect(&route, &routing, NULL, NULL, path, unit_pool);
    mpcms_target_parse(&target, &route, NULL, unit_pool);
    ck_assert_int_eq(target.kind, MPCMS_TARGET_PAGE);
    ck_assert_int_eq(mpcms_resolve(resolution, &store, &route, &target,
                                   resolve_time, &error, unit_pool),
                     APR_SUCCESS);
    return resolution;
}

static const struct {
    const char *path;
    mpcms_step_e step;
    const char *title; /* NULL: 404 */
} resolve_cases[] = {
    { "/oms/", MPCMS_STEP_PLATFORM_PAGE, "Every order, one dashboard" },
    { "/oms/pricing", MPCMS_STEP_PLATFORM_PAGE, "Wizamart OMS pricing" },
    { "/oms/about", MPCMS_STEP_PLATFORM_PAGE, "About Wizamart OMS" },
    { "/oms/careers", MPCMS_STEP_NONE, NULL },
    { "/oms/shipping", MPCMS_STEP_NONE, NULL },
    { "/loyalty/", MPCMS_STEP_PLATFORM_PAGE,
      "Rewards that bring customers back" },
    { "/oms/vendors/wizamart/about", MPCMS_STEP_VENDOR_PAGE, "About Wizamart" },
    { "/oms/vendors/luxbakery/about", MPCMS_STEP_PLATFORM_DEFAULT,
      "About our shop" },
    { "/oms/vendors/wizamart/gift-cards", MPCMS_STEP_VENDOR_PAGE,
      "Wizamart gift cards" },
    { "/oms/vendors/luxbakery/gift-cards", MPCMS_STEP_NONE, NULL },
    { "/oms/vendors/wizamart/shipping", MPCMS_STEP_PLATFORM_DEFAULT,
      "Shipping and delivery" },
    { "/oms/vendors/wizamart/summer-sale", MPCMS_STEP_NONE, NULL },
    { "/oms/vendors/wizamart/returns", MPCMS_STEP_NONE, NULL },
    { "/oms/vendors/luxbakery/returns", MPCMS_STEP_PLATFORM_DEFAULT,
      "Returns and refunds" },
    { "/oms/vendors/luxbakery/warranty", MPCMS_STEP_NONE, NULL },
    { "/oms/vendors/luxbakery/pricing", MPCMS_STEP_NONE, NULL },
    { "/oms/vendors/wizamart/", MPCMS_STEP_PLATFORM_DEFAULT,
      "Welcome to our shop" },
    { "/loyalty/vendors/wizamart/", MPCMS_STEP_PLATFORM_DEFAULT,
      "Welcome to our rewards programme" },
    { "/loyalty/vendors/wizamart/shipping", MPCMS_STEP_NONE, NULL },
    /* Published, but with a publish time in 2099. */
    { "/oms/vendors/luxbakery/holiday-hours", MPCMS_STEP_NONE, NULL },
};

START_TEST(resolve_by_table)
{
    mpcms_resolution_t *resolution = resolve_path(resolve_cases[_i].path);

    ck_assert_int_eq(resolution->step, resolve_cases[_i].step);
    if (resolve_cases[_i].title == NULL) {
        ck_assert_ptr_null(resolution->page);
        return;
    }
    ck_assert_ptr_nonnull(resolution->page);
    ck_assert_str_eq(resolution->page->title, resolve_cases[_i].title);
    ck_assert_ptr_nonnull(resolution->page->content);
}
END_TEST

START_TEST(resolve_inactive_vendor_reveals_nothing)
{
    mpcms_resolution_t *closed = resolve_path("/oms/vendors/closedshop/about");
    mpcms_resolution_t *missing = resolve_path("/oms/vendors/nosuchshop/about");

    ck_assert_ptr_null(closed->vendor);
    ck_assert_ptr_null(closed->page);
    ck_assert_int_eq(closed->pages->nelts, 0);
    ck_assert_ptr_null(missing->vendor);
    ck_assert_int_eq(missing->pages->nelts, 0);
    ck_assert_ptr_nonnull(closed->platform);
}
END_TEST

START_TEST(resolve_reads_one_body)
{
    mpcms_resolution_t *resolution =
        resolve_path("/oms/vendors/wizamart/about");
    const mpcms_page_t *pages = (const mpcms_page_t *)resolution->pages->elts;
    int bodies = 0;
    int i;

    for (i = 0; i < resolution->pages->nelts; i++) {
        if (pages[i].content != NULL) {
            bodies++;
            ck_assert_str_eq(pages[i].slug, "about");
        }
    }
    /* The vendor's about and the default about. */
    ck_assert_int_eq(bodies, 2);
}
END_TEST

START_TEST(platform_root_falls_back_to_home_alias)
{
    mpcms_resolution_t *resolution;

    run_sql("UPDATE content_pages SET slug = 'home' WHERE slug = "
            "'platform_homepage' "
            "AND platform_id = (SELECT id FROM platforms WHERE code = 'oms')");
    resolution = resolve_path("/oms/");

    ck_assert_ptr_nonnull(resolution->page);
    ck_assert_str_eq(resolution->page->slug, "home");
    ck_assert_int_eq(resolution->step, MPCMS_STEP_PLATFORM_PAGE);
}
END_TEST

/* The three steps of the chain, one after another, on one slug. */
START_TEST(override_then_default_then_missing)
{
    mpcms_resolution_t *resolution;

    run_sql("INSERT INTO content_pages (platform_id, vendor_id, slug, title, "
            "content, "
            "is_published) SELECT p.id, v.id, 'shipping', 'Bakery deliveries', "
            "'<p>x</p>', 1 "
            "FROM platforms p, vendors v WHERE p.code = 'oms' AND v.code = "
            "'luxbakery'");
    resolution = resolve_path("/oms/vendors/luxbakery/shipping");
    ck_assert_int_eq(resolution->step, MPCMS_STEP_VENDOR_PAGE);
    ck_assert_str_eq(resolution->page->title, "Bakery deliveries");

    run_sql("DELETE FROM content_pages WHERE title = 'Bakery deliveries'");
    resolution = resolve_path("/oms/vendors/luxbakery/shipping");
    ck_assert_int_eq(resolution->step, MPCMS_STEP_PLATFORM_DEFAULT);
    ck_assert_str_eq(resolution->page->title, "Shipping and delivery");

    run_sql("DELETE FROM content_pages WHERE slug = 'shipping' AND vendor_id "
            "IS NULL");
    resolution = resolve_path("/oms/vendors/luxbakery/shipping");
    ck_assert_int_eq(resolution->step, MPCMS_STEP_NONE);
    ck_assert_ptr_null(resolution->page);
}
END_TEST

static void set_resolve_time(const char *utc)
{
    ck_assert_int_eq(mpcms_utc_parse(&resolve_time, utc), APR_SUCCESS);
}

START_TEST(scheduled_default_appears_on_time)
{
    mpcms_resolution_t *resolution;

    set_resolve_time("2099-12-01T06:59:59Z");
    resolution = resolve_path("/oms/vendors/luxbakery/holiday-hours");
    ck_assert_ptr_null(resolution->page);

    set_resolve_time("2099-12-01T07:00:00Z");
    resolution = resolve_path("/oms/vendors/luxbakery/holiday-hours");
    ck_assert_ptr_nonnull(resolution->page);
    ck_assert_int_eq(resolution->step, MPCMS_STEP_PLATFORM_DEFAULT);
    ck_assert_str_eq(resolution->page->title,
                     "Opening hours over the holidays");
}
END_TEST

/* A scheduled override leaves the default in place until its time. */
START_TEST(scheduled_override_waits)
{
    mpcms_resolution_t *resolution;

    run_sql("UPDATE content_pages SET publish_at = '2026-10-25T01:00:00Z' "
            "WHERE title = 'About Wizamart'");

    set_resolve_time("2026-10-25T00:59:59Z");
    resolution = resolve_path("/oms/vendors/wizamart/about");
    ck_assert_int_eq(resolution->step, MPCMS_STEP_PLATFORM_DEFAULT);
    ck_assert_str_eq(resolution->page->title, "About our shop");

    set_resolve_time("2026-10-25T01:00:01Z");
    resolution = resolve_path("/oms/vendors/wizamart/about");
    ck_assert_int_eq(resolution->step, MPCMS_STEP_VENDOR_PAGE);
    ck_assert_str_eq(resolution->page->title, "About Wizamart");
}
END_TEST

/* publish_at alone does not publish a draft. */
START_TEST(scheduled_draft_stays_hidden)
{
    mpcms_resolution_t *resolution;

    run_sql("UPDATE content_pages SET publish_at = '2020-01-01T00:00:00Z' "
            "WHERE slug = 'summer-sale'");
    resolution = resolve_path("/oms/vendors/wizamart/summer-sale");

    ck_assert_ptr_null(resolution->page);
}
END_TEST

START_TEST(scheduled_marketing_page_waits)
{
    mpcms_resolution_t *resolution;

    run_sql("UPDATE content_pages SET publish_at = '2030-01-01T00:00:00Z' "
            "WHERE title = 'Wizamart OMS pricing'");

    set_resolve_time("2029-12-31T23:59:59Z");
    resolution = resolve_path("/oms/pricing");
    ck_assert_ptr_null(resolution->page);

    set_resolve_time("2030-01-01T00:00:00Z");
    resolution = resolve_path("/oms/pricing");
    ck_assert_ptr_nonnull(resolution->page);
}
END_TEST

static int navigation_has(const mpcms_resolution_t *resolution,
                          const char *slug)
{
    apr_array_header_t *navigation =
        mpcms_chain_navigation(resolution->pages, 1, unit_pool);
    int i;

    for (i = 0; i < navigation->nelts; i++) {
        if (strcmp(APR_ARRAY_IDX(navigation, i, const mpcms_page_t *)->slug,
                   slug)
            == 0) {
            return 1;
        }
    }
    return 0;
}

START_TEST(scheduled_page_joins_navigation)
{
    set_resolve_time("2099-11-30T00:00:00Z");
    ck_assert(!navigation_has(resolve_path("/oms/vendors/luxbakery/"),
                              "holiday-hours"));

    set_resolve_time("2099-12-02T00:00:00Z");
    ck_assert(navigation_has(resolve_path("/oms/vendors/luxbakery/"),
                             "holiday-hours"));
}
END_TEST

START_TEST(resolve_reads_template)
{
    mpcms_resolution_t *gift_cards =
        resolve_path("/oms/vendors/wizamart/gift-cards");
    mpcms_resolution_t *about = resolve_path("/oms/vendors/wizamart/about");

    ck_assert_pstr_eq(gift_cards->page->template, "wide");
    ck_assert_ptr_null(about->page->template);
}
END_TEST

START_TEST(failed_statement_names_label)
{
    mpcms_error_t *error = NULL;
    const mpcms_platform_t *platform;
    const mpcms_vendor_t *vendor;
    apr_status_t rv;

    run_sql("DROP TABLE platforms");
    rv = mpcms_catalog_lookup(&platform, &vendor, &store, "oms", NULL, &error,
                              unit_pool);

    ck_assert_int_ne(rv, APR_SUCCESS);
    ck_assert_ptr_nonnull(error);
    ck_assert_str_eq(error->source, "mpcms_platform_and_vendor");
    ck_assert_ptr_nonnull(strstr(error->message, "platforms"));
}
END_TEST

START_TEST(rows_read_null_and_booleans)
{
    mpcms_rows_t rows;
    const char *cells[] = { "1", "t", "f", NULL, "0", "42" };

    rows.count = 1;
    rows.columns = 6;
    rows.cells = cells;

    ck_assert_int_eq(mpcms_rows_bool(&rows, 0, 0), 1);
    ck_assert_int_eq(mpcms_rows_bool(&rows, 0, 1), 1);
    ck_assert_int_eq(mpcms_rows_bool(&rows, 0, 2), 0);
    ck_assert_int_eq(mpcms_rows_bool(&rows, 0, 3), 0);
    ck_assert_int_eq(mpcms_rows_bool(&rows, 0, 4), 0);
    ck_assert_ptr_null(mpcms_rows_get(&rows, 0, 3));
    ck_assert_int_eq(mpcms_rows_int(&rows, 0, 5), 42);
    ck_assert_int_eq(mpcms_rows_int(&rows, 0, 3), 0);
    ck_assert_ptr_null(mpcms_rows_get(&rows, 1, 0));
    ck_assert_ptr_null(mpcms_rows_get(&rows, 0, 6));
}
END_TEST

START_TEST(subdomain_vendor_lookup)
{
    static const struct {
        const char *platform;
        const char *label;
        const char *vendor; /* NULL: none */
    } cases[] = {
        { "oms", "wizamart", "wizamart" },
        { "oms", "garden", "gardenworld" },
        { "oms", "gardenworld", "gardenworld" },
        { "loyalty", "wizamart", "wizamart" },
        /* Inactive membership, inactive vendor, no membership, unknown. */
        { "loyalty", "gardenworld", NULL },
        { "oms", "closedshop", NULL },
        { "loyalty", "luxbakery", NULL },
        { "oms", "nosuchshop", NULL },
    };
    mpcms_error_t *error = NULL;
    size_t i;

    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        const char *vendor;

        ck_assert_int_eq(
            mpcms_catalog_subdomain_vendor(&vendor, &store, cases[i].platform,
                                           cases[i].label, &error, unit_pool),
            APR_SUCCESS);
        ck_assert_pstr_eq(vendor, cases[i].vendor);
    }
}
END_TEST

START_TEST(custom_subdomain_beats_vendor_code)
{
    mpcms_error_t *error = NULL;
    const char *vendor;

    /* luxbakery's membership claims the label that is wizamart's code. */
    run_sql(
        "UPDATE vendor_platforms SET custom_subdomain = 'wizamart' "
        "WHERE vendor_id = (SELECT id FROM vendors WHERE code = 'luxbakery')");
    ck_assert_int_eq(mpcms_catalog_subdomain_vendor(
                         &vendor, &store, "oms", "wizamart", &error, unit_pool),
                     APR_SUCCESS);

    ck_assert_str_eq(vendor, "luxbakery");
}
END_TEST

START_TEST(custom_domain_lookup)
{
    static const struct {
        const char *host;
        const char *domain; /* NULL: none */
        const char *platform;
        const char *vendor;
        int is_served;
    } cases[] = {
        { "wizamart.lu", "wizamart.lu", "oms", "wizamart", 1 },
        { "www.wizamart.lu", "wizamart.lu", "oms", "wizamart", 1 },
        { "rewards.wizamart.lu", "rewards.wizamart.lu", "loyalty", "wizamart",
          1 },
        /* Of an inactive vendor: found, but not served. */
        { "closedshop.lu", "closedshop.lu", "oms", "closedshop", 0 },
        { "www.closedshop.lu", "closedshop.lu", "oms", "closedshop", 0 },
        /* Unverified, inactive, unknown. */
        { "luxbakery.lu", NULL, NULL, NULL, 0 },
        { "old-wizamart.lu", NULL, NULL, NULL, 0 },
        { "www.old-wizamart.lu", NULL, NULL, NULL, 0 },
        { "example.org", NULL, NULL, NULL, 0 },
    };
    mpcms_error_t *error = NULL;
    size_t i;

    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        const mpcms_custom_domain_t *found;

        ck_assert_int_eq(mpcms_catalog_custom_domain(
                             &found, &store, cases[i].host, &error, unit_pool),
                         APR_SUCCESS);
        if (cases[i].domain == NULL) {
            ck_assert_ptr_null(found);
            continue;
        }
        ck_assert_ptr_nonnull(found);
        ck_assert_str_eq(found->domain, cases[i].domain);
        ck_assert_str_eq(found->platform, cases[i].platform);
        ck_assert_str_eq(found->vendor, cases[i].vendor);
        ck_assert_int_eq(found->is_served, cases[i].is_served);
    }
}
END_TEST

START_TEST(platform_routes_skip_configured)
{
    mpcms_routing_t configured;
    mpcms_prefix_rule_t *rule;
    mpcms_routing_t *routes;
    mpcms_error_t *error = NULL;

    memset(&configured, 0, sizeof(configured));
    configured.prefixes =
        apr_array_make(unit_pool, 1, sizeof(mpcms_prefix_rule_t));
    rule = apr_array_push(configured.prefixes);
    rule->prefix = "/oms";
    rule->platform = "oms";
    run_sql("UPDATE platforms SET is_active = 1 WHERE code = 'builder'");

    ck_assert_int_eq(
        mpcms_catalog_routes(&routes, &store, &configured, &error, unit_pool),
        APR_SUCCESS);

    /* builder and loyalty, in code order; oms has a configured rule. */
    ck_assert_int_eq(routes->prefixes->nelts, 2);
    ck_assert_str_eq(
        APR_ARRAY_IDX(routes->prefixes, 0, mpcms_prefix_rule_t).prefix,
        "/builder");
    ck_assert_str_eq(
        APR_ARRAY_IDX(routes->prefixes, 1, mpcms_prefix_rule_t).platform,
        "loyalty");
    ck_assert_int_eq(routes->domains->nelts, 2);
    ck_assert_str_eq(
        APR_ARRAY_IDX(routes->domains, 0, mpcms_domain_rule_t).domain,
        "builder.lu");
}
END_TEST

START_TEST(vendor_lookup_reads_canonical_hosts)
{
    const mpcms_vendor_t *wizamart = lookup_vendor("oms", "wizamart");
    const mpcms_vendor_t *garden = lookup_vendor("oms", "gardenworld");
    const mpcms_vendor_t *bakery = lookup_vendor("oms", "luxbakery");

    ck_assert_str_eq(wizamart->custom_domain, "wizamart.lu");
    ck_assert_ptr_null(wizamart->custom_subdomain);
    ck_assert_str_eq(garden->custom_subdomain, "garden");
    ck_assert_ptr_null(garden->custom_domain);
    /* Not verified yet. */
    ck_assert_ptr_null(bakery->custom_domain);
}
END_TEST

START_TEST(cached_lookup_needs_no_connection)
{
    const mpcms_platform_t *platform;
    const mpcms_vendor_t *vendor;
    mpcms_error_t *error = NULL;
    mpcms_cache_t *cache;
    apr_uint32_t generation = 0;

    ck_assert_int_eq(mpcms_cache_create(&cache, 100, apr_time_from_sec(60),
                                        &generation, unit_pool),
                     APR_SUCCESS);
    store.cache = cache;
    ck_assert_int_eq(mpcms_catalog_lookup(&platform, &vendor, &store, "oms",
                                          "wizamart", &error, unit_pool),
                     APR_SUCCESS);
    ck_assert_int_eq(connections, 1);

    /* A second store (the next request) hits the cache without connecting. */
    memset(&store, 0, sizeof(store));
    store.connect = connect_test_db;
    store.cache = cache;
    run_sql("UPDATE vendors SET name = 'Renamed' WHERE code = 'wizamart'");
    ck_assert_int_eq(mpcms_catalog_lookup(&platform, &vendor, &store, "oms",
                                          "wizamart", &error, unit_pool),
                     APR_SUCCESS);
    ck_assert_int_eq(connections, 1);
    ck_assert_str_eq(vendor->name, "Wizamart");

    /* A bumped generation makes it stale at once. */
    generation++;
    ck_assert_int_eq(mpcms_catalog_lookup(&platform, &vendor, &store, "oms",
                                          "wizamart", &error, unit_pool),
                     APR_SUCCESS);
    ck_assert_int_eq(connections, 2);
    ck_assert_str_eq(vendor->name, "Renamed");
}
END_TEST

START_TEST(cached_miss_is_remembered)
{
    const mpcms_custom_domain_t *found;
    mpcms_error_t *error = NULL;
    mpcms_cache_t *cache;

    ck_assert_int_eq(
        mpcms_cache_create(&cache, 100, apr_time_from_sec(60), NULL, unit_pool),
        APR_SUCCESS);
    store.cache = cache;
    ck_assert_int_eq(mpcms_catalog_custom_domain(
                         &found, &store, "unknown.example", &error, unit_pool),
                     APR_SUCCESS);
    ck_assert_ptr_null(found);
    ck_assert_uint_eq(mpcms_cache_count(cache), 1);
}
END_TEST

START_TEST(connect_failure_is_reported)
{
    const mpcms_platform_t *platform;
    const mpcms_vendor_t *vendor;
    mpcms_error_t *error = NULL;

    store.connect = fail_to_connect;
    ck_assert_int_eq(mpcms_catalog_lookup(&platform, &vendor, &store, "oms",
                                          NULL, &error, unit_pool),
                     MPCMS_EUNAVAILABLE);
    ck_assert_ptr_nonnull(error);
    ck_assert_ptr_null(platform);
}
END_TEST

#define COUNT(table) ((int)(sizeof(table) / sizeof(table[0])))

Suite *store_suite(void)
{
    Suite *suite = suite_create("store");
    TCase *statements = tcase_create("statements");
    TCase *sqlite = tcase_create("sqlite");

    tcase_add_test(statements, statement_argument_counts);
    tcase_add_test(statements, statement_labels_are_unique);
    tcase_add_checked_fixture(statements, unit_setup, unit_teardown);
    tcase_add_test(statements, rows_read_null_and_booleans);
    suite_add_tcase(suite, statements);

    tcase_add_checked_fixture(sqlite, setup, teardown);
    tcase_set_timeout(sqlite, 20);
    tcase_add_test(sqlite, attach_turns_foreign_keys_on);
    tcase_add_test(sqlite, platform_lookup_finds_active);
    tcase_add_test(sqlite, platform_lookup_skips_inactive);
    tcase_add_test(sqlite, vendor_lookup_by_membership);
    tcase_add_test(sqlite, vendor_lookup_skips_inactive);
    tcase_add_loop_test(sqlite, resolve_by_table, 0, COUNT(resolve_cases));
    tcase_add_test(sqlite, resolve_inactive_vendor_reveals_nothing);
    tcase_add_test(sqlite, resolve_reads_one_body);
    tcase_add_test(sqlite, platform_root_falls_back_to_home_alias);
    tcase_add_test(sqlite, override_then_default_then_missing);
    tcase_add_test(sqlite, scheduled_default_appears_on_time);
    tcase_add_test(sqlite, scheduled_override_waits);
    tcase_add_test(sqlite, scheduled_draft_stays_hidden);
    tcase_add_test(sqlite, scheduled_marketing_page_waits);
    tcase_add_test(sqlite, scheduled_page_joins_navigation);
    tcase_add_test(sqlite, resolve_reads_template);
    tcase_add_test(sqlite, failed_statement_names_label);
    tcase_add_test(sqlite, subdomain_vendor_lookup);
    tcase_add_test(sqlite, custom_subdomain_beats_vendor_code);
    tcase_add_test(sqlite, custom_domain_lookup);
    tcase_add_test(sqlite, platform_routes_skip_configured);
    tcase_add_test(sqlite, vendor_lookup_reads_canonical_hosts);
    tcase_add_test(sqlite, cached_lookup_needs_no_connection);
    tcase_add_test(sqlite, cached_miss_is_remembered);
    tcase_add_test(sqlite, connect_failure_is_reported);
    suite_add_tcase(suite, sqlite);
    return suite;
}
