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

#include "catalog.h"
#include "resolve.h"
#include "statements.h"
#include "store.h"
#include "testdb.h"
#include "unit.h"

static unit_db_t test_db;
static const apr_dbd_driver_t *driver;
static apr_dbd_t *handle;
static mpcms_db_t db;

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
        if (sql[0] == '%'
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

    ck_assert_int_eq(mpcms_catalog_lookup(&platform, &vendor, &db, "oms", NULL,
                                          &error, unit_pool),
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

    ck_assert_int_eq(mpcms_catalog_lookup(&platform, &vendor, &db, "builder",
                                          "wizamart", &error, unit_pool),
                     APR_SUCCESS);
    ck_assert_ptr_null(platform);
    ck_assert_ptr_null(vendor);
    ck_assert_int_eq(mpcms_catalog_lookup(&platform, &vendor, &db, "nosuch",
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

    ck_assert_int_eq(mpcms_catalog_lookup(&platform, &vendor, &db,
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
    mpcms_routing_t routing = { NULL, NULL, NULL };
    mpcms_prefix_rule_t *rule;
    mpcms_resolution_t *resolution =
        apr_pcalloc(unit_pool, sizeof(*resolution));
    mpcms_error_t *error = NULL;
    mpcms_target_t target;
    mpcms_route_t route;

    routing.prefixes =
        apr_array_make(unit_pool, 2, sizeof(mpcms_prefix_rule_t));
    rule = apr_array_push(routing.prefixes);
    rule->prefix = "/oms";
    rule->platform = "oms";
    rule = apr_array_push(routing.prefixes);
    rule->prefix = "/loyalty";
    rule->platform = "loyalty";

    mpcms_route_detect(&route, &routing, "localhost", path, unit_pool);
    mpcms_target_parse(&target, &route, NULL, unit_pool);
    ck_assert_int_eq(target.kind, MPCMS_TARGET_PAGE);
    ck_assert_int_eq(
        mpcms_resolve(resolution, &db, &route, &target, &error, unit_pool),
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

START_TEST(failed_statement_names_label)
{
    mpcms_error_t *error = NULL;
    const mpcms_platform_t *platform;
    const mpcms_vendor_t *vendor;
    apr_status_t rv;

    run_sql("DROP TABLE platforms");
    rv = mpcms_catalog_lookup(&platform, &vendor, &db, "oms", NULL, &error,
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
    tcase_add_test(sqlite, failed_statement_names_label);
    suite_add_tcase(suite, sqlite);
    return suite;
}
