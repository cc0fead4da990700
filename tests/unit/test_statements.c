/*
 * Every statement of statements.c, prepared and run on SQLite and on
 * PostgreSQL with representative arguments. Also the schema version
 * against the migration files, and slug repair for the single-platform
 * upgrade.
 */
#include <apr_strings.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "migrate.h"
#include "names.h"
#include "schema.h"
#include "script.h"
#include "statements.h"
#include "testdb.h"
#include "unit.h"
#include "upgrade.h"

#define MAX_ARGS 12

/* Times and token digests of the admin samples. */
#define NOW "2026-01-31T12:00:00Z"
#define HASH_A                                                                 \
    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
#define HASH_B                                                                 \
    "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"
#define HASH_C                                                                 \
    "cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc"
#define HASH_D                                                                 \
    "dddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd"
#define BCRYPT "$2y$04$Xlh67ZhGa0Wh3eqO0zz/FuHkQU75pJ0dlzCnoQ4wQsNj/2rqFRnae"
#define CSRF   "csrfcsrfcsrfcsrfcsrfcsrfcsrfcsrfcsrfcsrf"
#define NO_ONE "0"

/*
 * Arguments for each statement, valid on the demo data plus
 * tests/fixtures/admin.sql (current schema) or on the legacy fixture
 * (staged schema). Ids are those the data sets give: platform 1 is oms,
 * vendor 1 is wizamart, vendor 2 luxbakery, tier 3 oms/business,
 * membership 1 wizamart on oms, domain 4 luxbakery.lu (unverified), user 1
 * the fixture's super admin, user 2 its vendor user; legacy page 10 is
 * 'About Us'.
 */
static const char *const sample_args[MPCMS_SQL_COUNT][MAX_ARGS] = {
    [MPCMS_SQL_PLATFORM_AND_VENDOR] = { "wizamart", "oms" },
    [MPCMS_SQL_VENDOR_BY_SUBDOMAIN] = { "oms", "garden", "garden", "garden" },
    [MPCMS_SQL_CUSTOM_DOMAIN] = { "wizamart.lu" },
    [MPCMS_SQL_STOREFRONT_PAGES] = { "about", "home", "1",
                                     "2026-01-01T00:00:00Z", "1" },
    [MPCMS_SQL_PLATFORM_PAGES] = { "pricing", "home", "2026-01-01T00:00:00Z",
                                   "1" },
    [MPCMS_SQL_TABLE_EXISTS] = { "platforms" },
    [MPCMS_SQL_MIGRATION_RECORD] = { "999", "unit_test" },
    [MPCMS_SQL_LEGACY_SET_SLUG] = { "about-us", "10" },
    [MPCMS_SQL_LEGACY_RENAME_DUPLICATE] = { "faq-7", "7" },
    [MPCMS_SQL_PAGE_SET_BODY] = { "<p>Changed.</p>", "1" },
    [MPCMS_SQL_USER_BY_EMAIL] = { "admin@example.com" },
    [MPCMS_SQL_USER_GET] = { "1" },
    [MPCMS_SQL_USER_LIST] = { "50", "0" },
    [MPCMS_SQL_USER_EMAIL_TAKEN] = { "admin@example.com", NO_ONE },
    [MPCMS_SQL_USER_INSERT] = { "new@example.com", BCRYPT, "vendor_user", "1" },
    [MPCMS_SQL_USER_UPDATE] = { "root@example.com", "super_admin", "1", "1" },
    [MPCMS_SQL_USER_SET_PASSWORD] = { BCRYPT, "1" },
    [MPCMS_SQL_USER_SET_ACTIVE] = { "0", "2" },
    [MPCMS_SQL_USER_TOUCH_LOGIN] = { NOW, "1" },
    [MPCMS_SQL_USER_VENDORS] = { "2" },
    [MPCMS_SQL_USER_VENDORS_CLEAR] = { "2" },
    [MPCMS_SQL_USER_VENDOR_ADD] = { "2", "luxbakery" },
    [MPCMS_SQL_SESSION_INSERT] = { HASH_B, "1", CSRF, "127.0.0.1", NOW, NOW,
                                   "2026-01-31T20:00:00Z" },
    [MPCMS_SQL_SESSION_GET] = { HASH_A, NOW, "2026-01-31T11:00:00Z" },
    [MPCMS_SQL_SESSION_TOUCH] = { NOW, "1" },
    [MPCMS_SQL_SESSION_DELETE] = { HASH_A },
    [MPCMS_SQL_SESSION_DELETE_USER] = { "1" },
    [MPCMS_SQL_SESSION_PURGE] = { "2100-01-01T00:00:00Z",
                                  "2000-01-01T00:00:00Z" },
    [MPCMS_SQL_FAILURES_BY_ACCOUNT] = { "admin@example.com",
                                        "2026-01-31T00:00:00Z", "5" },
    [MPCMS_SQL_FAILURES_BY_ADDRESS] = { "192.0.2.1", "2026-01-31T00:00:00Z",
                                        "20" },
    [MPCMS_SQL_FAILURE_INSERT] = { "x@example.com", "192.0.2.1", NOW },
    [MPCMS_SQL_FAILURES_CLEAR_ACCOUNT] = { "admin@example.com" },
    [MPCMS_SQL_FAILURES_PURGE] = { "2100-01-01T00:00:00Z" },
    [MPCMS_SQL_TOKEN_LIST] = { "50", "0" },
    [MPCMS_SQL_TOKEN_GET] = { "1" },
    [MPCMS_SQL_TOKEN_INSERT] = { "1", "deploy", HASH_C, "mpcms_cc", NOW },
    [MPCMS_SQL_TOKEN_LOOKUP] = { HASH_D },
    [MPCMS_SQL_TOKEN_TOUCH] = { NOW, "1" },
    [MPCMS_SQL_TOKEN_REVOKE] = { NOW, "1" },
    [MPCMS_SQL_TOKENS_REVOKE_USER] = { NOW, "1" },
    [MPCMS_SQL_AUDIT_INSERT] = { NOW, "1", "admin@example.com", "update",
                                 "platform", "oms", "{\"a\": 1}", "{\"a\": 2}",
                                 "127.0.0.1" },
    [MPCMS_SQL_AUDIT_COUNT] = { "platform", "platform", "admin@example.com",
                                "admin@example.com", "update", "update", "oms",
                                "oms" },
    [MPCMS_SQL_AUDIT_LIST] = { "platform", "platform", "admin@example.com",
                               "admin@example.com", "update", "update", "oms",
                               "oms", "50", "0" },
    [MPCMS_SQL_AUDIT_PRUNE] = { "2100-01-01T00:00:00Z" },
    [MPCMS_SQL_ADMIN_PLATFORM_LIST] = { "50", "0" },
    [MPCMS_SQL_ADMIN_PLATFORM_GET] = { "oms" },
    [MPCMS_SQL_ADMIN_PLATFORM_LOCK] = { "oms" },
    [MPCMS_SQL_ADMIN_PLATFORM_TAKEN] = { "oms", "oms.lu", "/oms", "/oms",
                                         "/oms", "2" },
    [MPCMS_SQL_ADMIN_PLATFORM_DOMAIN_CUSTOM] = { "wizamart.lu", "wizamart.lu",
                                                 "wizamart.lu" },
    [MPCMS_SQL_ADMIN_PLATFORM_INSERT] = { "shop", "Shop", "A shop", "shop.lu",
                                          "/shop", "/logo.png", "{}", "1", "en",
                                          "[\"en\"]", "UTC" },
    [MPCMS_SQL_ADMIN_PLATFORM_UPDATE] = { "oms", "OMS", "Orders", "oms.lu",
                                          "/oms", NULL, "{\"a\": 1}", "1", "en",
                                          "[\"en\", \"fr\"]",
                                          "Europe/Luxembourg", "1" },
    [MPCMS_SQL_ADMIN_PAGE_COUNT] = { "1", "1" },
    [MPCMS_SQL_ADMIN_PAGE_LIST] = { "1", "0", "50", "0" },
    [MPCMS_SQL_ADMIN_PAGE_GET] = { "1", "1", "1" },
    [MPCMS_SQL_ADMIN_PAGE_SLUG_TAKEN] = { "1", "pricing", "1", NO_ONE },
    [MPCMS_SQL_ADMIN_PAGE_INSERT] = { "1", "new-page", "New page",
                                      "<p>New.</p>", "About it", "new", "1",
                                      "1", "1", "5" },
    [MPCMS_SQL_ADMIN_PAGE_UPDATE] = { "platform_homepage", "Home", "<p>Hi</p>",
                                      "Home page", NULL, "1", "0", "0", "1" },
    [MPCMS_SQL_ADMIN_PAGE_SET_PUBLISHED] = { "0", "1" },
    [MPCMS_SQL_ADMIN_PAGE_DELETE] = { "1" },
    [MPCMS_SQL_ADMIN_CONTENT_COUNT] = { "oms", "oms", "wizamart", "wizamart",
                                        "override", "override" },
    [MPCMS_SQL_ADMIN_CONTENT_LIST] = { "oms", "oms", "wizamart", "wizamart",
                                       "override", "override", "50", "0" },
    [MPCMS_SQL_ADMIN_VENDOR_LIST] = { "50", "0" },
    [MPCMS_SQL_ADMIN_VENDOR_GET] = { "wizamart" },
    [MPCMS_SQL_ADMIN_VENDOR_LOCK] = { "wizamart" },
    [MPCMS_SQL_ADMIN_VENDOR_CODE_TAKEN] = { "wizamart", NO_ONE },
    [MPCMS_SQL_ADMIN_VENDOR_INSERT] = { "newshop", "New shop",
                                        "shop@example.com", "1" },
    [MPCMS_SQL_ADMIN_VENDOR_UPDATE] = { "wizamart", "Wizamart S.A.",
                                        "hello@wizamart.lu", "1", "1" },
    [MPCMS_SQL_ADMIN_MEMBERSHIP_LIST] = { "1" },
    [MPCMS_SQL_ADMIN_MEMBERSHIP_GET] = { "1", "oms" },
    [MPCMS_SQL_ADMIN_MEMBERSHIP_INSERT] = { "2", "2", "5", "1", "0",
                                            "luxbakery" },
    [MPCMS_SQL_ADMIN_MEMBERSHIP_UPDATE] = { "4", "1", "1", "wiza", "1" },
    [MPCMS_SQL_ADMIN_MEMBERSHIP_CLEAR_PRIMARY] = { "1", NO_ONE },
    [MPCMS_SQL_ADMIN_SUBDOMAIN_TAKEN] = { "1", "garden", "garden", NO_ONE },
    [MPCMS_SQL_ADMIN_VENDOR_PLATFORMS_LOCK] = { "1" },
    [MPCMS_SQL_ADMIN_VENDOR_LABEL_TAKEN] = { "1", "garden", "1" },
    [MPCMS_SQL_ADMIN_DOMAIN_LIST] = { "1" },
    [MPCMS_SQL_ADMIN_DOMAIN_GET] = { "1", "1" },
    [MPCMS_SQL_ADMIN_DOMAIN_TAKEN] = { "wizamart.lu" },
    [MPCMS_SQL_ADMIN_DOMAIN_PLATFORM] = { "shop.oms.lu", "shop.oms.lu",
                                          "shop.oms.lu" },
    [MPCMS_SQL_ADMIN_DOMAIN_INSERT] = { "new-shop.lu", "1", "1", "0" },
    [MPCMS_SQL_ADMIN_DOMAIN_VERIFY] = { NOW, "4" },
    [MPCMS_SQL_ADMIN_DOMAIN_SET_ACTIVE] = { "0", "1" },
    [MPCMS_SQL_ADMIN_TIER_LIST] = { "1" },
    [MPCMS_SQL_ADMIN_TIER_GET] = { "1", "business" },
    [MPCMS_SQL_ADMIN_TIER_CODE_TAKEN] = { "1", "business", NO_ONE },
    [MPCMS_SQL_ADMIN_TIER_INSERT] = { "1", "premium", "Premium", "5", "50",
                                      "25", "1" },
    [MPCMS_SQL_ADMIN_TIER_UPDATE] = { "business", "Business", "3", "30", "20",
                                      "1", "3" },
    [MPCMS_SQL_ADMIN_TIER_FEATURES] = { "3" },
    [MPCMS_SQL_ADMIN_TIER_FEATURES_CLEAR] = { "1" },
    [MPCMS_SQL_ADMIN_TIER_FEATURE_ADD] = { "1", "cms_seo" },
    [MPCMS_SQL_MEMBERSHIP_TIER] = { "1", "1" },
    [MPCMS_SQL_MEMBERSHIP_LOCK] = { "1", "1" },
    [MPCMS_SQL_PLATFORM_TIERS] = { "1", "1", "3" },
    [MPCMS_SQL_VENDOR_USAGE] = { "1", "1" },
    [MPCMS_SQL_DASHBOARD_PAGES] = { "1", "2026-01-01T00:00:00Z", "1" },
    [MPCMS_SQL_VENDOR_PAGE] = { "1", "1", "about" },
    [MPCMS_SQL_DEFAULT_PAGE] = { "1", "about" },
    [MPCMS_SQL_OVERRIDE_INSERT] = { "1", "1", "contact" },
    [MPCMS_SQL_CUSTOM_PAGE_INSERT] = { "1", "1", "news", "News", "<p>News.</p>",
                                       "Our news", "news", "1",
                                       "2026-07-01T06:00:00Z", "wide" },
    [MPCMS_SQL_VENDOR_PAGE_UPDATE] = { "About us", "<p>Us.</p>", "About",
                                       "about", "1", "2026-07-01T06:00:00Z",
                                       "wide", "1", "1", "about" },
    [MPCMS_SQL_VENDOR_PAGE_DELETE] = { "1", "1", "gift-cards" },
    [MPCMS_SQL_HIDDEN_PAGE_INSERT] = { "1", "1", "faq", "1", "1", "faq" },
    [MPCMS_SQL_HIDDEN_PAGE_DELETE] = { "1", "1", "returns" },
};

/*
 * Arguments that are SQL NULL on purpose: an optional column left empty.
 * Every other argument of a statement needs a sample.
 */
static int is_null_sample(mpcms_sql_e id, int index)
{
    return (id == MPCMS_SQL_ADMIN_PLATFORM_UPDATE && index == 5)
           || (id == MPCMS_SQL_ADMIN_PAGE_UPDATE && index == 4);
}

/* Statements that return rows; the others change data. */
static int is_select(const mpcms_statement_t *statement)
{
    return strncmp(statement->sqlite3, "SELECT", 6) == 0
           || strncmp(statement->sqlite3, "WITH", 4) == 0
           || strstr(statement->sqlite3, " RETURNING ") != NULL;
}

static void open_for(unit_db_t *test_db, const char *driver,
                     mpcms_schema_e schema)
{
    mpcms_error_t *error = NULL;
    const char *fixture;

    unit_db_open(test_db, driver);
    if (schema == MPCMS_SCHEMA_CURRENT) {
        unit_db_migrate(test_db);
        unit_db_load(test_db, UNIT_SQL_DIR "/demo.sql");
        unit_db_load(test_db, UNIT_ADMIN_FIXTURE);
        return;
    }
    fixture = strcmp(driver, "pgsql") == 0 ? UNIT_LEGACY_DIR "/pgsql.sql"
                                           : UNIT_LEGACY_DIR "/sqlite.sql";
    unit_db_load(test_db, fixture);
    unit_db_load(test_db, UNIT_LEGACY_DIR "/data.sql");
    ck_assert_msg(
        mpcms_upgrade_stage(&test_db->db, UNIT_SQL_DIR, &error, unit_pool)
            == APR_SUCCESS,
        "%s", mpcms_error_format(error, unit_pool));
}

static void run_statement(const char *driver, mpcms_sql_e id)
{
    const mpcms_statement_t *statement = mpcms_statement_get(id);
    mpcms_error_t *error = NULL;
    unit_db_t test_db;
    mpcms_rows_t *rows;
    apr_status_t rv;
    int affected = 0;

    open_for(&test_db, driver, statement->schema);
    if (is_select(statement)) {
        rv = mpcms_db_select(&rows, &test_db.db, id, sample_args[id], &error,
                             unit_pool);
        ck_assert_msg(rv == APR_SUCCESS, "%s on %s: %s", statement->label,
                      driver, mpcms_error_format(error, unit_pool));
        ck_assert_msg(rows->count > 0, "%s on %s returned no row",
                      statement->label, driver);
    }
    else {
        rv = mpcms_db_execute(&affected, &test_db.db, id, sample_args[id],
                              &error, unit_pool);
        ck_assert_msg(rv == APR_SUCCESS, "%s on %s: %s", statement->label,
                      driver, mpcms_error_format(error, unit_pool));
        ck_assert_msg(affected == 1, "%s on %s changed %d rows",
                      statement->label, driver, affected);
    }
    unit_db_close(&test_db);
}

START_TEST(statement_runs_on_sqlite)
{
    run_statement("sqlite3", (mpcms_sql_e)_i);
}
END_TEST

START_TEST(statement_runs_on_pgsql)
{
    run_statement("pgsql", (mpcms_sql_e)_i);
}
END_TEST

START_TEST(sample_args_cover_placeholders)
{
    int id;
    int i;

    for (id = 0; id < MPCMS_SQL_COUNT; id++) {
        const mpcms_statement_t *statement = mpcms_statement_get(id);

        ck_assert_int_le(statement->nargs, MAX_ARGS);
        for (i = 0; i < statement->nargs; i++) {
            ck_assert_msg(sample_args[id][i] != NULL
                              || is_null_sample((mpcms_sql_e)id, i),
                          "%s: no sample for argument %d", statement->label,
                          i + 1);
        }
    }
}
END_TEST

static int highest_migration(const char *driver)
{
    const char *directory =
        mpcms_migration_directory(UNIT_SQL_DIR, driver, unit_pool);
    apr_array_header_t *migrations;
    mpcms_error_t *error = NULL;

    ck_assert_msg(
        mpcms_migration_list(&migrations, directory, &error, unit_pool)
            == APR_SUCCESS,
        "%s", mpcms_error_format(error, unit_pool));
    ck_assert_int_gt(migrations->nelts, 0);
    return APR_ARRAY_IDX(migrations, migrations->nelts - 1, mpcms_migration_t)
        .version;
}

START_TEST(schema_version_is_last_migration)
{
    ck_assert_int_eq(highest_migration("sqlite3"), MPCMS_SCHEMA_VERSION);
    ck_assert_int_eq(highest_migration("pgsql"), MPCMS_SCHEMA_VERSION);
}
END_TEST

START_TEST(migration_list_rejects_bad_names)
{
    char folder[] = "/tmp/mpcms-migrations-XXXXXX";
    apr_array_header_t *migrations;
    mpcms_error_t *error = NULL;
    FILE *file;

    ck_assert_ptr_nonnull(mkdtemp(folder));
    file = fopen(apr_pstrcat(unit_pool, folder, "/0001_first.sql", NULL), "w");
    fclose(file);
    file = fopen(apr_pstrcat(unit_pool, folder, "/0003_gap.sql", NULL), "w");
    fclose(file);

    ck_assert_int_ne(
        mpcms_migration_list(&migrations, folder, &error, unit_pool),
        APR_SUCCESS);
    ck_assert_ptr_nonnull(strstr(error->message, "without gaps"));

    remove(apr_pstrcat(unit_pool, folder, "/0003_gap.sql", NULL));
    file = fopen(apr_pstrcat(unit_pool, folder, "/2_Second.sql", NULL), "w");
    fclose(file);
    ck_assert_int_ne(
        mpcms_migration_list(&migrations, folder, &error, unit_pool),
        APR_SUCCESS);
    ck_assert_ptr_nonnull(strstr(error->message, "invalid migration file"));

    remove(apr_pstrcat(unit_pool, folder, "/2_Second.sql", NULL));
    ck_assert_int_eq(
        mpcms_migration_list(&migrations, folder, &error, unit_pool),
        APR_SUCCESS);
    ck_assert_int_eq(migrations->nelts, 1);
    ck_assert_str_eq(APR_ARRAY_IDX(migrations, 0, mpcms_migration_t).name,
                     "first");

    remove(apr_pstrcat(unit_pool, folder, "/0001_first.sql", NULL));
    rmdir(folder);
}
END_TEST

static const struct {
    const char *slug;
    const char *expected;
} normalize_cases[] = {
    { "about", "about" },
    { "About Us", "about-us" },
    { "Terms & Conditions", "terms-conditions" },
    { "  Summer  Sale! ", "summer-sale" },
    { "-About", "about" },
    { "caf\xc3\xa9", "caf" },
    { "!!!", "page-42" },
    { "", "page-42" },
};

START_TEST(slug_normalize_by_table)
{
    ck_assert_str_eq(
        mpcms_slug_normalize(normalize_cases[_i].slug, 42, unit_pool),
        normalize_cases[_i].expected);
}
END_TEST

START_TEST(slug_normalize_cuts_long)
{
    char *slug = apr_palloc(unit_pool, 151);
    const char *normalized;

    memset(slug, 'A', 150);
    slug[150] = '\0';
    normalized = mpcms_slug_normalize(slug, 1, unit_pool);

    ck_assert_int_eq((int)strlen(normalized), MPCMS_SLUG_MAX);
    ck_assert(mpcms_slug_is_valid(normalized));
}
END_TEST

START_TEST(slug_with_id_stays_valid)
{
    char *slug = apr_palloc(unit_pool, MPCMS_SLUG_MAX + 1);
    const char *renamed;

    ck_assert_str_eq(mpcms_slug_with_id("faq", 7, unit_pool), "faq-7");

    memset(slug, 'a', MPCMS_SLUG_MAX);
    slug[MPCMS_SLUG_MAX] = '\0';
    renamed = mpcms_slug_with_id(slug, 12345, unit_pool);
    ck_assert_int_eq((int)strlen(renamed), MPCMS_SLUG_MAX);
    ck_assert(mpcms_slug_is_valid(renamed));
    ck_assert_str_eq(renamed + MPCMS_SLUG_MAX - 6, "-12345");
}
END_TEST

/*
 * A current schema is remembered per connection, and forgotten when the
 * store recovers the connection after a failed statement.
 */
START_TEST(schema_check_redone_after_recovery)
{
    const char *args[] = { NULL, "1" };
    mpcms_error_t *error = NULL;
    unit_db_t test_db;
    int affected;
    int found;

    open_for(&test_db, "sqlite3", MPCMS_SCHEMA_CURRENT);
    ck_assert_int_eq(mpcms_schema_check(&found, &test_db.db, &error, unit_pool),
                     APR_SUCCESS);
    ck_assert_int_eq(found, MPCMS_SCHEMA_VERSION);

    ck_assert_int_eq(mpcms_script_run(&test_db.db,
                                      "DELETE FROM schema_migrations", "test",
                                      &error, unit_pool),
                     APR_SUCCESS);
    ck_assert_int_eq(mpcms_schema_check(&found, &test_db.db, &error, unit_pool),
                     APR_SUCCESS);

    /* A NULL body breaks NOT NULL, so the statement fails and recovers. */
    ck_assert_int_ne(mpcms_db_execute(&affected, &test_db.db,
                                      MPCMS_SQL_PAGE_SET_BODY, args, &error,
                                      unit_pool),
                     APR_SUCCESS);
    ck_assert_int_eq(mpcms_schema_check(&found, &test_db.db, &error, unit_pool),
                     MPCMS_ESCHEMA);
    ck_assert_int_eq(found, 0);
    ck_assert_ptr_nonnull(strstr(error->message, "schema version 0"));
    unit_db_close(&test_db);
}
END_TEST

#define COUNT(table) ((int)(sizeof(table) / sizeof(table[0])))

Suite *statements_suite(void)
{
    Suite *suite = suite_create("statements");
    TCase *catalogue = tcase_create("catalogue");
    TCase *sqlite = tcase_create("sqlite");
    TCase *pgsql;

    tcase_add_checked_fixture(catalogue, unit_setup, unit_teardown);
    tcase_add_test(catalogue, sample_args_cover_placeholders);
    tcase_add_test(catalogue, schema_version_is_last_migration);
    tcase_add_test(catalogue, migration_list_rejects_bad_names);
    tcase_add_loop_test(catalogue, slug_normalize_by_table, 0,
                        COUNT(normalize_cases));
    tcase_add_test(catalogue, slug_normalize_cuts_long);
    tcase_add_test(catalogue, slug_with_id_stays_valid);
    suite_add_tcase(suite, catalogue);

    tcase_add_checked_fixture(sqlite, unit_setup, unit_teardown);
    tcase_set_timeout(sqlite, 30);
    tcase_add_loop_test(sqlite, statement_runs_on_sqlite, 0, MPCMS_SQL_COUNT);
    tcase_add_test(sqlite, schema_check_redone_after_recovery);
    suite_add_tcase(suite, sqlite);

    if (!unit_pgsql_available()) {
        fprintf(stderr,
                "statements: %s is not set, so the PostgreSQL tests "
                "are SKIPPED (make test sets it)\n",
                UNIT_PGSQL_PARAMS);
        return suite;
    }
    pgsql = tcase_create("pgsql");
    tcase_add_checked_fixture(pgsql, unit_setup, unit_teardown);
    tcase_set_timeout(pgsql, 30);
    tcase_add_loop_test(pgsql, statement_runs_on_pgsql, 0, MPCMS_SQL_COUNT);
    suite_add_tcase(suite, pgsql);
    return suite;
}
