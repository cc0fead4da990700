/*
 * The vendor dashboard's core against a real SQLite database with the
 * demo data: the membership, the content pages list, every operation
 * with its refusals, feature gates, limits after a downgrade, other
 * vendors' pages, and parallel writes that must not exceed a limit.
 *
 * Each test gets a fresh demo database, on SQLite and, when the test
 * harness provides one, on PostgreSQL.
 */
#include <apr_dbd.h>
#include <apr_file_io.h>
#include <apr_strings.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "dashboard.h"
#include "render.h"
#include "resolve.h"
#include "timezone.h"
#include "testdb.h"
#include "unit.h"
#include "vendor_pages.h"

/* The runner starts in tests/unit. */
#define TEMPLATE_DIR "../../templates"

static const char *test_driver; /* "sqlite3" or "pgsql" */
static unit_db_t test_db;
static const apr_dbd_driver_t *driver;
static apr_dbd_t *handle;
static mpcms_db_t db;
static mpcms_store_t store;
static mpcms_themes_t *themes;

/* Who the operations act for; the audit rows name it. 2026-01-31 12:00 UTC. */
static const mpcms_actor_t test_actor = { 0, "unit-test", "192.0.2.10",
                                          APR_INT64_C(1769860800000000) };

static apr_status_t connect_test_db(mpcms_db_t *target, void *baton,
                                    mpcms_error_t **error)
{
    *target = db;
    return APR_SUCCESS;
}

/* Opens a connection of its own on the test database. */
static void open_connection(mpcms_db_t *connection, apr_pool_t *pool)
{
    const char *params = test_db.sqlite_path != NULL
                             ? test_db.sqlite_path
                             : getenv(UNIT_PGSQL_PARAMS);
    const char *open_error = NULL;
    mpcms_error_t *error = NULL;
    apr_dbd_t *opened;

    ck_assert_msg(apr_dbd_open_ex(driver, pool, params, &opened, &open_error)
                      == APR_SUCCESS,
                  "%s", open_error ? open_error : "open failed");
    ck_assert_int_eq(mpcms_db_attach(connection, opened, driver,
                                     apr_hash_make(pool), &error, pool),
                     APR_SUCCESS);
}

/* Creates a fresh demo database for every test, so tests may change it. */
static void setup(void)
{
    mpcms_error_t *error = NULL;

    unit_setup();
    unit_db_open(&test_db, test_driver);
    unit_db_migrate(&test_db);
    unit_db_load(&test_db, UNIT_SQL_DIR "/demo.sql");
    db = test_db.db;
    driver = db.driver;
    handle = db.handle;

    memset(&store, 0, sizeof(store));
    store.connect = connect_test_db;
    ck_assert_int_eq(mpcms_themes_load(&themes, TEMPLATE_DIR, mpcms_page_slots,
                                       &error, unit_pool),
                     APR_SUCCESS);
}

static void setup_sqlite(void)
{
    test_driver = "sqlite3";
    setup();
}

static void setup_pgsql(void)
{
    test_driver = "pgsql";
    setup();
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

static const char *query_text(const char *sql)
{
    apr_dbd_results_t *results = NULL;
    apr_dbd_row_t *row = NULL;
    const char *value = NULL;

    ck_assert_int_eq(
        apr_dbd_select(driver, unit_pool, handle, &results, sql, 0), 0);
    while (apr_dbd_get_row(driver, unit_pool, results, &row, -1) == 0) {
        if (value == NULL) {
            const char *entry = apr_dbd_get_entry(driver, row, 0);

            value = entry ? apr_pstrdup(unit_pool, entry) : "(null)";
        }
    }
    return value;
}

static void set_tier(const char *vendor, const char *platform, const char *tier)
{
    run_sql(apr_psprintf(
        unit_pool,
        "UPDATE vendor_platforms SET tier_id = (SELECT t.id FROM "
        "subscription_tiers t JOIN platforms p ON p.id = t.platform_id "
        "WHERE p.code = '%s' AND t.code = '%s') "
        "WHERE vendor_id = (SELECT id FROM vendors WHERE code = '%s') "
        "AND platform_id = (SELECT id FROM platforms WHERE code = '%s')",
        platform, tier, vendor, platform));
}

static const mpcms_membership_t *membership_of(const char *vendor,
                                               const char *platform)
{
    const mpcms_membership_t *membership;
    mpcms_error_t *error = NULL;

    ck_assert_int_eq(mpcms_dashboard_membership(&membership, &store, platform,
                                                vendor, themes, &error,
                                                unit_pool),
                     APR_SUCCESS);
    ck_assert_msg(membership != NULL, "no membership of %s on %s", vendor,
                  platform);
    return membership;
}

static apr_array_header_t *list_pages(const mpcms_membership_t *membership,
                                      mpcms_dashboard_usage_t *usage)
{
    apr_array_header_t *pages;
    mpcms_error_t *error = NULL;

    ck_assert_int_eq(mpcms_dashboard_pages(&pages, usage, &store, membership,
                                           apr_time_now(), &error, unit_pool),
                     APR_SUCCESS);
    return pages;
}

static const mpcms_content_page_t *entry_of(const apr_array_header_t *pages,
                                            const char *slug)
{
    int i;

    for (i = 0; i < pages->nelts; i++) {
        const mpcms_content_page_t *entry =
            &APR_ARRAY_IDX(pages, i, mpcms_content_page_t);

        if (strcmp(entry->slug, slug) == 0) {
            return entry;
        }
    }
    return NULL;
}

/* Resolves a storefront page now, as a visitor would see it. */
static const mpcms_page_t *storefront_page(const char *platform,
                                           const char *vendor, const char *slug)
{
    mpcms_resolution_t resolution;
    mpcms_route_t route;
    mpcms_target_t target;
    mpcms_error_t *error = NULL;

    memset(&route, 0, sizeof(route));
    memset(&target, 0, sizeof(target));
    route.platform = platform;
    route.vendor = vendor;
    route.area = MPCMS_AREA_STOREFRONT;
    target.kind = MPCMS_TARGET_PAGE;
    target.slug = slug;
    ck_assert_int_eq(mpcms_resolve(&resolution, &store, &route, &target,
                                   apr_time_now(), &error, unit_pool),
                     APR_SUCCESS);
    return resolution.page;
}

static mpcms_page_input_t empty_input(void)
{
    mpcms_page_input_t input;

    memset(&input, 0, sizeof(input));
    input.is_published = -1;
    return input;
}

static void override_ok(const mpcms_membership_t *membership, const char *slug)
{
    mpcms_refusal_t *refusal = NULL;
    apr_int64_t id;

    ck_assert_msg(
        mpcms_vendor_page_override(&id, &store, membership, &test_actor, slug,
                                   &refusal, unit_pool)
            == APR_SUCCESS,
        "override %s: %s", slug, refusal ? refusal->error.message : "");
    ck_assert_int_gt(id, 0);
}

static apr_status_t create_page(const mpcms_membership_t *membership,
                                const char *slug, const char *title,
                                mpcms_refusal_t **refusal)
{
    mpcms_page_input_t input = empty_input();
    apr_int64_t id;

    input.title = title;
    input.content = "<p>Text.</p>";
    input.is_published = 1;
    return mpcms_vendor_page_create(&id, NULL, &store, membership, &test_actor,
                                    slug, &input, refusal, unit_pool);
}

/* ---- membership and list ---- */

START_TEST(membership_reads_tier_and_zone)
{
    const mpcms_membership_t *membership = membership_of("wizamart", "oms");

    ck_assert_str_eq(membership->tier->code, "business");
    ck_assert_int_eq(membership->tier->pages_limit, 30);
    ck_assert_int_eq(membership->tier->custom_pages_limit, 20);
    ck_assert(mpcms_membership_has(membership, MPCMS_FEATURE_TEMPLATES));
    ck_assert(!mpcms_membership_has(membership, MPCMS_FEATURE_SCHEDULING));
    ck_assert_str_eq(membership->timezone, "Europe/Luxembourg");
    ck_assert_int_eq(membership->tier_count, 4);
    ck_assert_str_eq(membership->tiers[0].code, "essential");
    ck_assert_str_eq(membership->tiers[3].code, "enterprise");
    ck_assert_int_eq(membership->tiers[3].pages_limit, MPCMS_UNLIMITED);
    ck_assert_int_eq(membership->variants->nelts, 1);
    ck_assert_str_eq(APR_ARRAY_IDX(membership->variants, 0, const char *),
                     "wide");
}
END_TEST

START_TEST(membership_missing_when_inactive)
{
    static const char *const cases[][2] = {
        { "closedshop", "oms" },      /* inactive vendor */
        { "gardenworld", "loyalty" }, /* inactive membership */
        { "luxbakery", "loyalty" },   /* no membership */
        { "wizamart", "builder" },    /* inactive platform */
        { "nosuchshop", "oms" },
    };
    size_t i;

    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        const mpcms_membership_t *membership = NULL;
        mpcms_error_t *error = NULL;

        ck_assert_int_eq(mpcms_dashboard_membership(&membership, &store,
                                                    cases[i][1], cases[i][0],
                                                    themes, &error, unit_pool),
                         APR_SUCCESS);
        ck_assert_msg(membership == NULL, "%s on %s", cases[i][0], cases[i][1]);
    }
}
END_TEST

static const struct {
    const char *slug;
    mpcms_page_source_e source;
    int is_published;
    int is_live;
    int is_hidden;
    const char *title;
} wizamart_pages[] = {
    { "home", MPCMS_SOURCE_DEFAULT, 1, 1, 0, "Welcome to our shop" },
    { "about", MPCMS_SOURCE_OVERRIDE, 1, 1, 0, "About Wizamart" },
    { "shipping", MPCMS_SOURCE_OVERRIDE, 0, 0, 0,
      "Wizamart shipping rates (draft)" },
    { "gift-cards", MPCMS_SOURCE_CUSTOM, 1, 1, 0, "Wizamart gift cards" },
    { "summer-sale", MPCMS_SOURCE_CUSTOM, 0, 0, 0,
      "Wizamart summer sale (draft)" },
    { "returns", MPCMS_SOURCE_DEFAULT, 1, 0, 1, "Returns and refunds" },
    { "warranty", MPCMS_SOURCE_DEFAULT, 0, 0, 0, "Warranty and repairs" },
    { "holiday-hours", MPCMS_SOURCE_DEFAULT, 1, 0, 0,
      "Opening hours over the holidays" },
    { "contact", MPCMS_SOURCE_DEFAULT, 1, 1, 0, "Contact us" },
};

START_TEST(pages_list_by_table)
{
    mpcms_dashboard_usage_t usage;
    apr_array_header_t *pages =
        list_pages(membership_of("wizamart", "oms"), &usage);
    const mpcms_content_page_t *entry =
        entry_of(pages, wizamart_pages[_i].slug);

    ck_assert_ptr_nonnull(entry);
    ck_assert_int_eq(entry->source, wizamart_pages[_i].source);
    ck_assert_int_eq(entry->is_published, wizamart_pages[_i].is_published);
    ck_assert_int_eq(entry->is_live, wizamart_pages[_i].is_live);
    ck_assert_int_eq(entry->is_hidden, wizamart_pages[_i].is_hidden);
    ck_assert_str_eq(entry->title, wizamart_pages[_i].title);
}
END_TEST

START_TEST(pages_list_details)
{
    mpcms_dashboard_usage_t usage;
    apr_array_header_t *pages =
        list_pages(membership_of("wizamart", "oms"), &usage);
    const mpcms_content_page_t *shipping = entry_of(pages, "shipping");
    const mpcms_content_page_t *holiday = entry_of(pages, "holiday-hours");

    /* Ten defaults, two of them overridden, and two custom pages. */
    ck_assert_int_eq(pages->nelts, 12);
    ck_assert_ptr_null(entry_of(pages, "pricing"));
    ck_assert_int_eq(shipping->default_is_live, 1);
    ck_assert_int_eq(holiday->is_scheduled, 1);
    ck_assert_str_eq(holiday->publish_at, "2099-12-01T07:00:00Z");
    ck_assert_str_eq(entry_of(pages, "gift-cards")->template, "wide");
    ck_assert_str_eq(APR_ARRAY_IDX(pages, 0, mpcms_content_page_t).slug,
                     "home");
}
END_TEST

START_TEST(pages_usage_business)
{
    mpcms_dashboard_usage_t usage;

    list_pages(membership_of("wizamart", "oms"), &usage);

    ck_assert_int_eq(usage.used.pages, 4);
    ck_assert_int_eq(usage.used.custom_pages, 2);
    ck_assert_str_eq(usage.pages_text, "4 of 30 pages used");
    ck_assert_str_eq(usage.custom_pages_text, "2 of 20 custom pages used");
}
END_TEST

START_TEST(pages_usage_professional)
{
    mpcms_dashboard_usage_t usage;
    const mpcms_membership_t *garden = membership_of("gardenworld", "oms");

    override_ok(garden, "about");
    list_pages(garden, &usage);

    ck_assert_str_eq(usage.pages_text, "1 of 10 pages used");
    ck_assert_str_eq(usage.custom_pages_text, "0 of 5 custom pages used");
}
END_TEST

START_TEST(pages_usage_unlimited)
{
    mpcms_dashboard_usage_t usage;

    set_tier("wizamart", "oms", "enterprise");
    list_pages(membership_of("wizamart", "oms"), &usage);

    ck_assert_str_eq(usage.pages_text, "4 pages used, no limit");
    ck_assert_int_eq(usage.pages_limit, MPCMS_UNLIMITED);
}
END_TEST

START_TEST(pages_list_only_own)
{
    mpcms_dashboard_usage_t usage;
    apr_array_header_t *pages =
        list_pages(membership_of("luxbakery", "oms"), &usage);

    ck_assert_ptr_null(entry_of(pages, "gift-cards"));
    ck_assert_int_eq(entry_of(pages, "about")->source, MPCMS_SOURCE_DEFAULT);
    ck_assert_int_eq(entry_of(pages, "returns")->is_hidden, 0);
    ck_assert_int_eq(usage.used.pages, 0);
    ck_assert_str_eq(usage.pages_text, "0 of 3 pages used");
}
END_TEST

/* ---- override, edit, revert ---- */

START_TEST(override_copies_default)
{
    const mpcms_membership_t *bakery = membership_of("luxbakery", "oms");
    mpcms_dashboard_usage_t usage;
    const mpcms_page_t *page;

    override_ok(bakery, "about");
    page = storefront_page("oms", "luxbakery", "about");

    ck_assert_ptr_nonnull(page);
    ck_assert(page->is_vendor_page);
    ck_assert_str_eq(page->title, "About our shop");
    ck_assert_ptr_nonnull(strstr(page->content, "<p>"));
    ck_assert_int_eq(entry_of(list_pages(bakery, &usage), "about")->source,
                     MPCMS_SOURCE_OVERRIDE);
    ck_assert_int_eq(usage.used.pages, 1);
    ck_assert_int_eq(usage.used.custom_pages, 0);
}
END_TEST

START_TEST(override_of_default_not_live_is_published)
{
    const mpcms_membership_t *bakery = membership_of("luxbakery", "oms");

    /* warranty is unpublished, holiday-hours scheduled for 2099. */
    override_ok(bakery, "warranty");
    override_ok(bakery, "holiday-hours");

    ck_assert_ptr_nonnull(storefront_page("oms", "luxbakery", "warranty"));
    ck_assert_ptr_nonnull(storefront_page("oms", "luxbakery", "holiday-hours"));
    ck_assert_str_eq(query_text("SELECT count(*) FROM content_pages WHERE "
                                "vendor_id IS NOT NULL AND is_published "
                                "AND publish_at IS NULL AND slug IN "
                                "('warranty', 'holiday-hours')"),
                     "2");
}
END_TEST

START_TEST(override_refused_at_limit)
{
    const mpcms_membership_t *bakery = membership_of("luxbakery", "oms");
    mpcms_refusal_t *refusal = NULL;
    apr_int64_t id;

    override_ok(bakery, "about");
    override_ok(bakery, "shipping");
    override_ok(bakery, "faq");

    ck_assert_int_eq(mpcms_vendor_page_override(&id, &store, bakery,
                                                &test_actor, "contact",
                                                &refusal, unit_pool),
                     MPCMS_ELIMIT);
    ck_assert_int_eq(refusal->limit, MPCMS_LIMIT_PAGES);
    ck_assert_str_eq(refusal->upgrade->code, "professional");
    ck_assert_ptr_nonnull(strstr(refusal->error.message, "3 of 3 pages used"));
    ck_assert_ptr_nonnull(strstr(refusal->error.message, "Professional"));
    ck_assert_str_eq(query_text("SELECT count(*) FROM content_pages WHERE "
                                "vendor_id = (SELECT id FROM vendors WHERE "
                                "code = 'luxbakery')"),
                     "3");
}
END_TEST

START_TEST(override_conflicts_and_missing)
{
    const mpcms_membership_t *wizamart = membership_of("wizamart", "oms");
    mpcms_refusal_t *refusal = NULL;
    apr_int64_t id;

    ck_assert_int_eq(mpcms_vendor_page_override(&id, &store, wizamart,
                                                &test_actor, "about", &refusal,
                                                unit_pool),
                     MPCMS_ECONFLICT);
    ck_assert_str_eq(refusal->error.source, "slug");
    ck_assert_ptr_nonnull(strstr(refusal->error.message, "'about'"));

    /* A custom page, a marketing page and nothing at all have no default. */
    ck_assert_int_eq(mpcms_vendor_page_override(&id, &store, wizamart,
                                                &test_actor, "gift-cards",
                                                &refusal, unit_pool),
                     MPCMS_ENOTFOUND);
    ck_assert_int_eq(mpcms_vendor_page_override(&id, &store, wizamart,
                                                &test_actor, "pricing",
                                                &refusal, unit_pool),
                     MPCMS_ENOTFOUND);
    ck_assert_int_eq(mpcms_vendor_page_override(&id, &store, wizamart,
                                                &test_actor, "nosuch", &refusal,
                                                unit_pool),
                     MPCMS_ENOTFOUND);
}
END_TEST

START_TEST(edit_shows_on_storefront)
{
    const mpcms_membership_t *wizamart = membership_of("wizamart", "oms");
    mpcms_page_input_t input = empty_input();
    mpcms_page_outcome_t outcome;
    mpcms_refusal_t *refusal = NULL;
    const mpcms_page_t *page;

    input.title = "About the Wizamart team";
    input.content = "<p onclick=\"x()\">We cook.</p><script>alert(1)</script>";
    ck_assert_int_eq(mpcms_vendor_page_edit(&outcome, &store, wizamart,
                                            &test_actor, "about", &input,
                                            &refusal, unit_pool),
                     APR_SUCCESS);
    page = storefront_page("oms", "wizamart", "about");

    ck_assert_str_eq(page->title, "About the Wizamart team");
    ck_assert_str_eq(page->content, "<p>We cook.</p>");
    ck_assert_int_eq(outcome.removed.removed_elements, 1);
    ck_assert_int_eq(outcome.removed.removed_attributes, 1);
}
END_TEST

START_TEST(edit_keeps_absent_fields)
{
    const mpcms_membership_t *wizamart = membership_of("wizamart", "oms");
    mpcms_page_input_t input = empty_input();
    mpcms_refusal_t *refusal = NULL;
    const mpcms_page_t *page;

    input.is_published = 1;
    ck_assert_int_eq(mpcms_vendor_page_edit(NULL, &store, wizamart, &test_actor,
                                            "shipping", &input, &refusal,
                                            unit_pool),
                     APR_SUCCESS);
    page = storefront_page("oms", "wizamart", "shipping");

    ck_assert(page->is_vendor_page);
    ck_assert_str_eq(page->title, "Wizamart shipping rates (draft)");
    ck_assert_str_eq(page->meta_description,
                     "Draft of new Wizamart shipping rates.");
}
END_TEST

START_TEST(edit_needs_own_page)
{
    const mpcms_membership_t *bakery = membership_of("luxbakery", "oms");
    mpcms_page_input_t input = empty_input();
    mpcms_refusal_t *refusal = NULL;

    input.title = "Taken over";
    /* A default the bakery did not override, and wizamart's own pages. */
    ck_assert_int_eq(mpcms_vendor_page_edit(NULL, &store, bakery, &test_actor,
                                            "about", &input, &refusal,
                                            unit_pool),
                     MPCMS_ENOTFOUND);
    ck_assert_int_eq(mpcms_vendor_page_edit(NULL, &store, bakery, &test_actor,
                                            "gift-cards", &input, &refusal,
                                            unit_pool),
                     MPCMS_ENOTFOUND);
    ck_assert_str_eq(
        query_text("SELECT title FROM content_pages WHERE slug = 'gift-cards'"),
        "Wizamart gift cards");
}
END_TEST

START_TEST(other_vendor_pages_untouchable)
{
    const mpcms_membership_t *bakery = membership_of("luxbakery", "oms");
    mpcms_resolution_t resolution;
    mpcms_refusal_t *refusal = NULL;

    ck_assert_int_eq(mpcms_vendor_page_delete(&store, bakery, &test_actor,
                                              "gift-cards", &refusal,
                                              unit_pool),
                     MPCMS_ENOTFOUND);
    ck_assert_int_eq(mpcms_vendor_page_revert(&store, bakery, &test_actor,
                                              "about", &refusal, unit_pool),
                     MPCMS_ENOTFOUND);
    ck_assert_int_eq(mpcms_dashboard_preview(&resolution, &store, bakery,
                                             "summer-sale", apr_time_now(),
                                             &refusal, unit_pool),
                     MPCMS_ENOTFOUND);
    ck_assert_ptr_nonnull(storefront_page("oms", "wizamart", "gift-cards"));
    ck_assert_str_eq(storefront_page("oms", "wizamart", "about")->title,
                     "About Wizamart");
}
END_TEST

static const char *repeat_text(const char *text, int times)
{
    const char *result = "";
    int i;

    for (i = 0; i < times; i++) {
        result = apr_pstrcat(unit_pool, result, text, NULL);
    }
    return result;
}

START_TEST(edit_validates_fields)
{
    const mpcms_membership_t *wizamart = membership_of("wizamart", "oms");
    char long_title[MPCMS_TITLE_MAX + 2];
    mpcms_page_input_t input;
    mpcms_refusal_t *refusal = NULL;

    input = empty_input();
    input.title = "  ";
    ck_assert_int_eq(mpcms_vendor_page_edit(NULL, &store, wizamart, &test_actor,
                                            "about", &input, &refusal,
                                            unit_pool),
                     MPCMS_EINVALID);
    ck_assert_str_eq(refusal->error.source, "title");

    memset(long_title, 'x', sizeof(long_title) - 1);
    long_title[sizeof(long_title) - 1] = '\0';
    input.title = long_title;
    ck_assert_int_eq(mpcms_vendor_page_edit(NULL, &store, wizamart, &test_actor,
                                            "about", &input, &refusal,
                                            unit_pool),
                     MPCMS_EINVALID);
    ck_assert_str_eq(refusal->error.source, "title");

    input.title = "About\nus";
    ck_assert_int_eq(mpcms_vendor_page_edit(NULL, &store, wizamart, &test_actor,
                                            "about", &input, &refusal,
                                            unit_pool),
                     MPCMS_EINVALID);
    ck_assert_str_eq(refusal->error.source, "title");

    input.title = "About \xc3";
    ck_assert_int_eq(mpcms_vendor_page_edit(NULL, &store, wizamart, &test_actor,
                                            "about", &input, &refusal,
                                            unit_pool),
                     MPCMS_EINVALID);
    ck_assert_str_eq(refusal->error.source, "title");

    /* 200 characters of two bytes each fit. */
    input.title = repeat_text("\xc3\xa9", MPCMS_TITLE_MAX);
    ck_assert_int_eq(mpcms_vendor_page_edit(NULL, &store, wizamart, &test_actor,
                                            "about", &input, &refusal,
                                            unit_pool),
                     APR_SUCCESS);

    input = empty_input();
    input.meta_keywords = "kitchen,\nhome";
    ck_assert_int_eq(mpcms_vendor_page_edit(NULL, &store, wizamart, &test_actor,
                                            "about", &input, &refusal,
                                            unit_pool),
                     MPCMS_EINVALID);
    ck_assert_str_eq(refusal->error.source, "meta_keywords");

    input = empty_input();
    input.template = "narrow";
    ck_assert_int_eq(mpcms_vendor_page_edit(NULL, &store, wizamart, &test_actor,
                                            "about", &input, &refusal,
                                            unit_pool),
                     MPCMS_EINVALID);
    ck_assert_str_eq(refusal->error.source, "template");

    input = empty_input();
    input.content = "\xff\xfe";
    ck_assert_int_eq(mpcms_vendor_page_edit(NULL, &store, wizamart, &test_actor,
                                            "about", &input, &refusal,
                                            unit_pool),
                     MPCMS_EINVALID);
    ck_assert_str_eq(refusal->error.source, "content");
}
END_TEST

START_TEST(edit_sets_and_clears_template)
{
    const mpcms_membership_t *wizamart = membership_of("wizamart", "oms");
    mpcms_page_input_t input = empty_input();
    mpcms_refusal_t *refusal = NULL;

    input.template = "wide";
    ck_assert_int_eq(mpcms_vendor_page_edit(NULL, &store, wizamart, &test_actor,
                                            "about", &input, &refusal,
                                            unit_pool),
                     APR_SUCCESS);
    ck_assert_str_eq(storefront_page("oms", "wizamart", "about")->template,
                     "wide");

    input.template = "";
    ck_assert_int_eq(mpcms_vendor_page_edit(NULL, &store, wizamart, &test_actor,
                                            "about", &input, &refusal,
                                            unit_pool),
                     APR_SUCCESS);
    ck_assert_ptr_null(storefront_page("oms", "wizamart", "about")->template);
}
END_TEST

START_TEST(revert_restores_default)
{
    const mpcms_membership_t *wizamart = membership_of("wizamart", "oms");
    mpcms_refusal_t *refusal = NULL;
    const mpcms_page_t *page;

    ck_assert_int_eq(mpcms_vendor_page_revert(&store, wizamart, &test_actor,
                                              "about", &refusal, unit_pool),
                     APR_SUCCESS);
    page = storefront_page("oms", "wizamart", "about");

    ck_assert(!page->is_vendor_page);
    ck_assert_str_eq(page->title, "About our shop");
    ck_assert_int_eq(mpcms_vendor_page_revert(&store, wizamart, &test_actor,
                                              "gift-cards", &refusal,
                                              unit_pool),
                     MPCMS_ECONFLICT);
    ck_assert_int_eq(mpcms_vendor_page_revert(&store, wizamart, &test_actor,
                                              "contact", &refusal, unit_pool),
                     MPCMS_ENOTFOUND);
}
END_TEST

/* The dashboard's main flow, as a vendor would click through it. */
START_TEST(override_edit_revert_flow)
{
    const mpcms_membership_t *bakery = membership_of("luxbakery", "oms");
    mpcms_page_input_t input = empty_input();
    mpcms_refusal_t *refusal = NULL;

    ck_assert_str_eq(storefront_page("oms", "luxbakery", "shipping")->title,
                     "Shipping and delivery");
    override_ok(bakery, "shipping");

    input.title = "Bakery deliveries";
    input.content = "<p>We deliver bread before 7:00.</p>";
    ck_assert_int_eq(mpcms_vendor_page_edit(NULL, &store, bakery, &test_actor,
                                            "shipping", &input, &refusal,
                                            unit_pool),
                     APR_SUCCESS);
    ck_assert_str_eq(storefront_page("oms", "luxbakery", "shipping")->title,
                     "Bakery deliveries");
    ck_assert_str_eq(storefront_page("oms", "luxbakery", "shipping")->content,
                     "<p>We deliver bread before 7:00.</p>");
    /* Other storefronts keep the default. */
    ck_assert_str_eq(storefront_page("oms", "gardenworld", "shipping")->title,
                     "Shipping and delivery");

    ck_assert_int_eq(mpcms_vendor_page_revert(&store, bakery, &test_actor,
                                              "shipping", &refusal, unit_pool),
                     APR_SUCCESS);
    ck_assert_str_eq(storefront_page("oms", "luxbakery", "shipping")->title,
                     "Shipping and delivery");
}
END_TEST

static const char *audit_row(const char *action, const char *key)
{
    return query_text(apr_psprintf(
        unit_pool,
        "SELECT actor || ' ' || entity || ' ' || client_address || ' ' || "
        "CASE WHEN before_data IS NULL THEN '-' ELSE 'before' END || ' ' || "
        "CASE WHEN after_data IS NULL THEN '-' ELSE 'after' END "
        "FROM audit_log WHERE action = '%s' AND entity_key = '%s'",
        action, key));
}

START_TEST(writes_leave_audit_rows)
{
    const mpcms_membership_t *garden = membership_of("gardenworld", "oms");
    mpcms_page_input_t input = empty_input();
    mpcms_refusal_t *refusal = NULL;

    override_ok(garden, "faq");
    input.title = "Garden questions";
    ck_assert_int_eq(mpcms_vendor_page_edit(NULL, &store, garden, &test_actor,
                                            "faq", &input, &refusal, unit_pool),
                     APR_SUCCESS);
    ck_assert_int_eq(mpcms_vendor_page_revert(&store, garden, &test_actor,
                                              "faq", &refusal, unit_pool),
                     APR_SUCCESS);
    ck_assert_int_eq(create_page(garden, "seeds", "Seeds", &refusal),
                     APR_SUCCESS);
    ck_assert_int_eq(mpcms_vendor_page_delete(&store, garden, &test_actor,
                                              "seeds", &refusal, unit_pool),
                     APR_SUCCESS);
    ck_assert_int_eq(mpcms_vendor_page_hide(NULL, &store, garden, &test_actor,
                                            "returns", 1, &refusal, unit_pool),
                     APR_SUCCESS);

    ck_assert_str_eq(audit_row("override", "oms/gardenworld/faq"),
                     "unit-test vendor_page 192.0.2.10 - after");
    ck_assert_str_eq(audit_row("update", "oms/gardenworld/faq"),
                     "unit-test vendor_page 192.0.2.10 before after");
    ck_assert_str_eq(audit_row("revert", "oms/gardenworld/faq"),
                     "unit-test vendor_page 192.0.2.10 before -");
    ck_assert_str_eq(audit_row("create", "oms/gardenworld/seeds"),
                     "unit-test vendor_page 192.0.2.10 - after");
    ck_assert_str_eq(audit_row("delete", "oms/gardenworld/seeds"),
                     "unit-test vendor_page 192.0.2.10 before -");
    ck_assert_str_eq(audit_row("hide", "oms/gardenworld/returns"),
                     "unit-test hidden_page 192.0.2.10 - -");
    ck_assert_str_eq(
        query_text("SELECT count(*) FROM audit_log "
                   "WHERE action = 'update' "
                   "AND CAST(after_data AS TEXT) LIKE '%Garden questions%' "
                   "AND CAST(before_data AS TEXT) LIKE '%Frequently%'"),
        "1");
}
END_TEST

START_TEST(refused_write_leaves_no_audit_row)
{
    const mpcms_membership_t *bakery = membership_of("luxbakery", "oms");
    mpcms_refusal_t *refusal = NULL;

    ck_assert_int_eq(create_page(bakery, "cakes", "Cakes", &refusal),
                     MPCMS_EFEATURE);
    ck_assert_str_eq(query_text("SELECT count(*) FROM audit_log"), "0");
}
END_TEST

/* ---- feature gates ---- */

static const struct {
    const char *vendor;
    const char *field;
    apr_status_t status;
    const char *upgrade; /* NULL: none expected */
} gate_cases[] = {
    { "luxbakery", "meta_description", MPCMS_EFEATURE, "professional" },
    { "luxbakery", "meta_keywords", MPCMS_EFEATURE, "professional" },
    { "luxbakery", "template", MPCMS_EFEATURE, "business" },
    { "luxbakery", "publish_at", MPCMS_EFEATURE, "enterprise" },
    { "gardenworld", "meta_description", APR_SUCCESS, NULL },
    { "gardenworld", "template", MPCMS_EFEATURE, "business" },
    { "gardenworld", "publish_at", MPCMS_EFEATURE, "enterprise" },
    { "wizamart", "template", APR_SUCCESS, NULL },
    { "wizamart", "publish_at", MPCMS_EFEATURE, "enterprise" },
};

static void set_field(mpcms_page_input_t *input, const char *field)
{
    if (strcmp(field, "meta_description") == 0) {
        input->meta_description = "Fresh bread every morning.";
    }
    else if (strcmp(field, "meta_keywords") == 0) {
        input->meta_keywords = "bread, bakery";
    }
    else if (strcmp(field, "template") == 0) {
        input->template = "wide";
    }
    else {
        input->publish_at = "2026-07-01T08:00";
    }
}

START_TEST(edit_gates_by_table)
{
    const mpcms_membership_t *membership =
        membership_of(gate_cases[_i].vendor, "oms");
    mpcms_page_input_t input = empty_input();
    mpcms_refusal_t *refusal = NULL;
    apr_status_t rv;

    override_ok(membership, "contact");
    set_field(&input, gate_cases[_i].field);
    rv = mpcms_vendor_page_edit(NULL, &store, membership, &test_actor,
                                "contact", &input, &refusal, unit_pool);

    ck_assert_int_eq(rv, gate_cases[_i].status);
    if (rv == APR_SUCCESS) {
        return;
    }
    ck_assert_str_eq(refusal->error.source, gate_cases[_i].field);
    ck_assert_ptr_nonnull(strstr(refusal->error.message, gate_cases[_i].field));
    ck_assert_str_eq(refusal->upgrade->code, gate_cases[_i].upgrade);
}
END_TEST

START_TEST(create_gates_by_table)
{
    const mpcms_membership_t *membership =
        membership_of(gate_cases[_i].vendor, "oms");
    mpcms_page_input_t input = empty_input();
    mpcms_refusal_t *refusal = NULL;
    apr_int64_t id;
    apr_status_t rv;

    /* The bakery cannot create custom pages at all. */
    if (strcmp(gate_cases[_i].vendor, "luxbakery") == 0) {
        set_tier("luxbakery", "oms", "essential");
    }
    input.title = "Opening hours";
    set_field(&input, gate_cases[_i].field);
    rv = mpcms_vendor_page_create(&id, NULL, &store, membership, &test_actor,
                                  "opening-hours", &input, &refusal, unit_pool);

    ck_assert_int_eq(rv, gate_cases[_i].status);
    if (rv != APR_SUCCESS) {
        ck_assert_str_eq(refusal->error.source, gate_cases[_i].field);
    }
}
END_TEST

START_TEST(gate_rechecked_after_downgrade)
{
    const mpcms_membership_t *wizamart = membership_of("wizamart", "oms");
    mpcms_page_input_t input = empty_input();
    mpcms_refusal_t *refusal = NULL;

    /* The membership was loaded as business; the tier changes before the
     * form is saved. */
    set_tier("wizamart", "oms", "professional");
    input.template = "wide";

    ck_assert_int_eq(mpcms_vendor_page_edit(NULL, &store, wizamart, &test_actor,
                                            "about", &input, &refusal,
                                            unit_pool),
                     MPCMS_EFEATURE);
    ck_assert_str_eq(refusal->error.source, "template");
}
END_TEST

/* ---- scheduling ---- */

START_TEST(schedule_stores_utc)
{
    const mpcms_membership_t *wizamart;
    mpcms_page_input_t input = empty_input();
    mpcms_refusal_t *refusal = NULL;
    mpcms_error_t *error = NULL;
    const char *local;
    const char *abbreviation;

    set_tier("wizamart", "oms", "enterprise");
    wizamart = membership_of("wizamart", "oms");
    input.publish_at = "2099-07-01T08:00";
    ck_assert_int_eq(mpcms_vendor_page_edit(NULL, &store, wizamart, &test_actor,
                                            "about", &input, &refusal,
                                            unit_pool),
                     APR_SUCCESS);

    /* Compared by the database, which prints timestamps its own way. */
    ck_assert_str_eq(query_text("SELECT count(*) FROM content_pages WHERE "
                                "title = 'About Wizamart' AND publish_at = "
                                "'2099-07-01T06:00:00Z'"),
                     "1");
    /* Until then the storefront serves the default. */
    ck_assert_str_eq(storefront_page("oms", "wizamart", "about")->title,
                     "About our shop");
    ck_assert_int_eq(
        mpcms_dashboard_publish_time(&local, &abbreviation, wizamart,
                                     "2099-07-01T06:00:00Z", &error, unit_pool),
        APR_SUCCESS);
    ck_assert_str_eq(local, "2099-07-01T08:00");
    ck_assert_str_eq(abbreviation, "CEST");
    /* Seconds show when they are not zero, so a form keeps them. */
    ck_assert_int_eq(
        mpcms_dashboard_publish_time(&local, &abbreviation, wizamart,
                                     "2099-07-01T06:00:30Z", &error, unit_pool),
        APR_SUCCESS);
    ck_assert_str_eq(local, "2099-07-01T08:00:30");

    input.publish_at = "";
    ck_assert_int_eq(mpcms_vendor_page_edit(NULL, &store, wizamart, &test_actor,
                                            "about", &input, &refusal,
                                            unit_pool),
                     APR_SUCCESS);
    ck_assert_str_eq(storefront_page("oms", "wizamart", "about")->title,
                     "About Wizamart");
}
END_TEST

START_TEST(kept_schedule_without_feature)
{
    const mpcms_membership_t *wizamart = membership_of("wizamart", "oms");
    mpcms_page_input_t input = empty_input();
    mpcms_page_outcome_t outcome;
    mpcms_refusal_t *refusal = NULL;

    /* A time from an earlier plan: 08:00 in Luxembourg's summer. */
    run_sql("UPDATE content_pages SET publish_at = '2099-07-01T06:00:00Z' "
            "WHERE slug = 'about' AND vendor_id = (SELECT id FROM vendors "
            "WHERE code = 'wizamart')");

    input.publish_at = "2099-07-01T08:00";
    ck_assert_int_eq(mpcms_vendor_page_edit(&outcome, &store, wizamart,
                                            &test_actor, "about", &input,
                                            &refusal, unit_pool),
                     APR_SUCCESS);
    ck_assert_int_eq(outcome.changed, 0);

    input.publish_at = "2099-07-02T08:00";
    ck_assert_int_eq(mpcms_vendor_page_edit(&outcome, &store, wizamart,
                                            &test_actor, "about", &input,
                                            &refusal, unit_pool),
                     MPCMS_EFEATURE);
    ck_assert_str_eq(refusal->error.source, "publish_at");

    input.publish_at = "";
    ck_assert_int_eq(mpcms_vendor_page_edit(&outcome, &store, wizamart,
                                            &test_actor, "about", &input,
                                            &refusal, unit_pool),
                     APR_SUCCESS);
    ck_assert_int_eq(outcome.changed, 1);
    ck_assert_str_eq(storefront_page("oms", "wizamart", "about")->title,
                     "About Wizamart");
}
END_TEST

static const struct {
    const char *local;
    const char *utc; /* NULL: rejected */
} publish_time_cases[] = {
    { "2026-03-29T01:59", "2026-03-29T00:59:00Z" },
    { "2026-03-29T02:30", NULL }, /* skipped by the clocks */
    { "2026-03-29T03:00", "2026-03-29T01:00:00Z" },
    { "2026-10-25T02:30", "2026-10-25T00:30:00Z" }, /* the first 02:30 */
    { "2026-10-25T03:00:30", "2026-10-25T02:00:30Z" },
    { "2026-12-24T18:00", "2026-12-24T17:00:00Z" },
    { "1970-01-02T00:00", "1970-01-01T23:00:00Z" },
    { "1970-01-01T00:00", NULL }, /* out of range */
    { "0001-01-01T00:00", NULL },
    { "9999-12-30T23:59", "9999-12-30T22:59:00Z" },
    { "9999-12-31T00:00", NULL },
    { "2026-02-30T08:00", NULL },
    { "2026-12-24 18:00", NULL },
    { "2026-12-24T18", NULL },
    { "tomorrow", NULL },
};

START_TEST(publish_time_by_table)
{
    mpcms_refusal_t *refusal = NULL;
    const char *utc;
    apr_status_t rv;

    rv = mpcms_vendor_publish_time(&utc, publish_time_cases[_i].local,
                                   "Europe/Luxembourg", &refusal, unit_pool);
    if (publish_time_cases[_i].utc == NULL) {
        ck_assert_int_eq(rv, MPCMS_EINVALID);
        ck_assert_str_eq(refusal->error.source, "publish_at");
        ck_assert_ptr_nonnull(
            strstr(refusal->error.message, publish_time_cases[_i].local));
        return;
    }
    ck_assert_int_eq(rv, APR_SUCCESS);
    ck_assert_str_eq(utc, publish_time_cases[_i].utc);
}
END_TEST

START_TEST(publish_time_needs_known_zone)
{
    mpcms_refusal_t *refusal = NULL;
    const char *utc;

    ck_assert_int_eq(mpcms_vendor_publish_time(&utc, "2026-07-01T08:00",
                                               "Mars/Olympus_Mons", &refusal,
                                               unit_pool),
                     MPCMS_EINVALID);
    ck_assert_ptr_nonnull(strstr(refusal->error.message, "Mars/Olympus_Mons"));
}
END_TEST

/* ---- hide and show ---- */

START_TEST(hide_and_show_default)
{
    const mpcms_membership_t *bakery = membership_of("luxbakery", "oms");
    mpcms_dashboard_usage_t usage;
    mpcms_refusal_t *refusal = NULL;

    ck_assert_int_eq(mpcms_vendor_page_hide(NULL, &store, bakery, &test_actor,
                                            "faq", 1, &refusal, unit_pool),
                     APR_SUCCESS);
    ck_assert_int_eq(mpcms_vendor_page_hide(NULL, &store, bakery, &test_actor,
                                            "faq", 1, &refusal, unit_pool),
                     APR_SUCCESS);
    ck_assert_ptr_null(storefront_page("oms", "luxbakery", "faq"));
    ck_assert_int_eq(entry_of(list_pages(bakery, &usage), "faq")->is_hidden, 1);
    ck_assert_int_eq(usage.used.pages, 0);
    ck_assert_ptr_nonnull(storefront_page("oms", "wizamart", "faq"));

    ck_assert_int_eq(mpcms_vendor_page_hide(NULL, &store, bakery, &test_actor,
                                            "faq", 0, &refusal, unit_pool),
                     APR_SUCCESS);
    ck_assert_ptr_nonnull(storefront_page("oms", "luxbakery", "faq"));
}
END_TEST

START_TEST(hide_needs_default)
{
    const mpcms_membership_t *wizamart = membership_of("wizamart", "oms");
    mpcms_refusal_t *refusal = NULL;

    /* A marketing page is no default for vendors. */
    ck_assert_int_eq(mpcms_vendor_page_hide(NULL, &store, wizamart, &test_actor,
                                            "pricing", 1, &refusal, unit_pool),
                     MPCMS_ENOTFOUND);
}
END_TEST

START_TEST(hide_rejects_own_page)
{
    const mpcms_membership_t *wizamart = membership_of("wizamart", "oms");
    mpcms_refusal_t *refusal = NULL;

    /* gift-cards is a custom page, about an override of a default. */
    ck_assert_int_eq(mpcms_vendor_page_hide(NULL, &store, wizamart, &test_actor,
                                            "gift-cards", 1, &refusal,
                                            unit_pool),
                     MPCMS_ECONFLICT);
    ck_assert_ptr_nonnull(strstr(refusal->error.message, "custom page"));
    ck_assert_int_eq(mpcms_vendor_page_hide(NULL, &store, wizamart, &test_actor,
                                            "about", 1, &refusal, unit_pool),
                     MPCMS_ECONFLICT);
    ck_assert_ptr_nonnull(strstr(refusal->error.message, "overridden"));
    ck_assert_str_eq(query_text("SELECT count(*) FROM vendor_hidden_pages "
                                "WHERE slug IN ('gift-cards', 'about')"),
                     "0");
}
END_TEST

START_TEST(hide_and_show_twice_write_once)
{
    const mpcms_membership_t *bakery = membership_of("luxbakery", "oms");
    mpcms_refusal_t *refusal = NULL;
    int changed[4];
    int i;

    for (i = 0; i < 4; i++) {
        ck_assert_int_eq(mpcms_vendor_page_hide(&changed[i], &store, bakery,
                                                &test_actor, "faq", i < 2,
                                                &refusal, unit_pool),
                         APR_SUCCESS);
    }

    ck_assert_int_eq(changed[0], 1);
    ck_assert_int_eq(changed[1], 0);
    ck_assert_int_eq(changed[2], 1);
    ck_assert_int_eq(changed[3], 0);
    ck_assert_str_eq(query_text("SELECT count(*) FROM audit_log "
                                "WHERE entity_key = 'oms/luxbakery/faq'"),
                     "2");
}
END_TEST

START_TEST(show_refused_on_own_page)
{
    const mpcms_membership_t *wizamart = membership_of("wizamart", "oms");
    mpcms_refusal_t *refusal = NULL;
    int changed = 1;

    ck_assert_int_eq(mpcms_vendor_page_hide(&changed, &store, wizamart,
                                            &test_actor, "about", 0, &refusal,
                                            unit_pool),
                     MPCMS_ECONFLICT);
    ck_assert_int_eq(changed, 0);
    ck_assert_ptr_nonnull(strstr(refusal->error.message, "your own page"));
    ck_assert_int_eq(mpcms_vendor_page_hide(&changed, &store, wizamart,
                                            &test_actor, "gift-cards", 0,
                                            &refusal, unit_pool),
                     MPCMS_ECONFLICT);
    ck_assert_ptr_nonnull(strstr(refusal->error.message, "custom page"));
    ck_assert_str_eq(query_text("SELECT count(*) FROM audit_log"), "0");
}
END_TEST

START_TEST(show_of_default_hidden_before_override)
{
    const mpcms_membership_t *wizamart = membership_of("wizamart", "oms");
    mpcms_refusal_t *refusal = NULL;
    int changed = 0;

    /* The demo data hides returns for wizamart. */
    override_ok(wizamart, "returns");

    ck_assert_int_eq(mpcms_vendor_page_hide(&changed, &store, wizamart,
                                            &test_actor, "returns", 0, &refusal,
                                            unit_pool),
                     APR_SUCCESS);
    ck_assert_int_eq(changed, 1);
    ck_assert_str_eq(query_text("SELECT count(*) FROM vendor_hidden_pages "
                                "WHERE slug = 'returns'"),
                     "0");
    ck_assert_int_eq(mpcms_vendor_page_hide(&changed, &store, wizamart,
                                            &test_actor, "returns", 0, &refusal,
                                            unit_pool),
                     MPCMS_ECONFLICT);
}
END_TEST

#define WIZAMART_ABOUT_VERSION                                                 \
    "SELECT version FROM content_pages WHERE slug = 'about' AND vendor_id = "  \
    "(SELECT id FROM vendors WHERE code = 'wizamart')"

START_TEST(edit_with_same_values_writes_nothing)
{
    const mpcms_membership_t *wizamart = membership_of("wizamart", "oms");
    mpcms_page_input_t input = empty_input();
    mpcms_page_outcome_t outcome;
    mpcms_refusal_t *refusal = NULL;
    const char *version = query_text(WIZAMART_ABOUT_VERSION);

    input.title = "About Wizamart";
    input.is_published = 1;
    ck_assert_int_eq(mpcms_vendor_page_edit(&outcome, &store, wizamart,
                                            &test_actor, "about", &input,
                                            &refusal, unit_pool),
                     APR_SUCCESS);

    ck_assert_int_eq(outcome.changed, 0);
    ck_assert_str_eq(query_text(WIZAMART_ABOUT_VERSION), version);
    ck_assert_str_eq(query_text("SELECT count(*) FROM audit_log"), "0");

    input.title = "About the Wizamart team";
    ck_assert_int_eq(mpcms_vendor_page_edit(&outcome, &store, wizamart,
                                            &test_actor, "about", &input,
                                            &refusal, unit_pool),
                     APR_SUCCESS);
    ck_assert_int_eq(outcome.changed, 1);
    ck_assert_str_eq(query_text("SELECT count(*) FROM audit_log"), "1");
}
END_TEST

/* ---- custom pages ---- */

START_TEST(create_custom_page)
{
    const mpcms_membership_t *garden = membership_of("gardenworld", "oms");
    mpcms_dashboard_usage_t usage;
    mpcms_refusal_t *refusal = NULL;
    const mpcms_content_page_t *entry;

    ck_assert_int_eq(
        create_page(garden, "opening-hours", "Opening hours", &refusal),
        APR_SUCCESS);
    entry = entry_of(list_pages(garden, &usage), "opening-hours");

    ck_assert_int_eq(entry->source, MPCMS_SOURCE_CUSTOM);
    ck_assert_str_eq(usage.custom_pages_text, "1 of 5 custom pages used");
    ck_assert_str_eq(
        storefront_page("oms", "gardenworld", "opening-hours")->title,
        "Opening hours");
}
END_TEST

START_TEST(create_refused_without_feature)
{
    const mpcms_membership_t *bakery = membership_of("luxbakery", "oms");
    mpcms_refusal_t *refusal = NULL;

    ck_assert_int_eq(create_page(bakery, "cakes", "Cakes", &refusal),
                     MPCMS_EFEATURE);
    ck_assert_int_eq(refusal->feature, MPCMS_FEATURE_CUSTOM_PAGES);
    ck_assert_int_eq(refusal->limit, MPCMS_LIMIT_FEATURE);
    ck_assert_str_eq(refusal->upgrade->code, "professional");
    ck_assert_ptr_nonnull(strstr(refusal->error.message, "Professional"));
}
END_TEST

static const struct {
    const char *slug;
    apr_status_t status;
} create_slug_cases[] = {
    { "admin", MPCMS_EINVALID },
    { "api", MPCMS_EINVALID },
    { "shop", MPCMS_EINVALID },
    { "static", MPCMS_EINVALID },
    { "vendor", MPCMS_EINVALID },
    { "vendors", MPCMS_EINVALID },
    { "platform_homepage", MPCMS_EINVALID },
    { "About", MPCMS_EINVALID },
    { "", MPCMS_EINVALID },
    { "a/b", MPCMS_EINVALID },
    { "about", MPCMS_ECONFLICT },
    { "home", MPCMS_ECONFLICT },
    { "holiday-hours", MPCMS_ECONFLICT },
    { "opening_hours-2", APR_SUCCESS },
};

START_TEST(create_slug_by_table)
{
    const mpcms_membership_t *garden = membership_of("gardenworld", "oms");
    mpcms_refusal_t *refusal = NULL;
    apr_status_t rv;

    rv = create_page(garden, create_slug_cases[_i].slug, "A page", &refusal);

    ck_assert_int_eq(rv, create_slug_cases[_i].status);
    if (rv != APR_SUCCESS) {
        ck_assert_str_eq(refusal->error.source, "slug");
        ck_assert_ptr_nonnull(strstr(
            refusal->error.message,
            apr_psprintf(unit_pool, "'%s'", create_slug_cases[_i].slug)));
    }
}
END_TEST

START_TEST(create_conflicts_with_own_page)
{
    const mpcms_membership_t *wizamart = membership_of("wizamart", "oms");
    mpcms_refusal_t *refusal = NULL;

    ck_assert_int_eq(create_page(wizamart, "gift-cards", "Again", &refusal),
                     MPCMS_ECONFLICT);
    ck_assert_ptr_nonnull(strstr(refusal->error.message, "'gift-cards'"));
    ck_assert(!mpcms_slug_is_reserved("home"));
}
END_TEST

START_TEST(create_requires_title)
{
    const mpcms_membership_t *garden = membership_of("gardenworld", "oms");
    mpcms_page_input_t input = empty_input();
    mpcms_refusal_t *refusal = NULL;
    apr_int64_t id;

    ck_assert_int_eq(mpcms_vendor_page_create(&id, NULL, &store, garden,
                                              &test_actor, "news", &input,
                                              &refusal, unit_pool),
                     MPCMS_EINVALID);
    ck_assert_str_eq(refusal->error.source, "title");
}
END_TEST

START_TEST(create_refused_at_custom_limit)
{
    const mpcms_membership_t *garden = membership_of("gardenworld", "oms");
    mpcms_refusal_t *refusal = NULL;
    int i;

    for (i = 0; i < 5; i++) {
        ck_assert_int_eq(create_page(garden,
                                     apr_psprintf(unit_pool, "page-%d", i),
                                     "A page", &refusal),
                         APR_SUCCESS);
    }

    ck_assert_int_eq(create_page(garden, "page-5", "A page", &refusal),
                     MPCMS_ELIMIT);
    ck_assert_int_eq(refusal->limit, MPCMS_LIMIT_CUSTOM_PAGES);
    ck_assert_str_eq(refusal->upgrade->code, "business");
    ck_assert_ptr_nonnull(
        strstr(refusal->error.message, "5 of 5 custom pages used"));
    /* An override still fits under the total of 10. */
    override_ok(garden, "about");
}
END_TEST

START_TEST(delete_custom_page)
{
    const mpcms_membership_t *wizamart = membership_of("wizamart", "oms");
    mpcms_refusal_t *refusal = NULL;

    ck_assert_int_eq(mpcms_vendor_page_delete(&store, wizamart, &test_actor,
                                              "gift-cards", &refusal,
                                              unit_pool),
                     APR_SUCCESS);
    ck_assert_ptr_null(storefront_page("oms", "wizamart", "gift-cards"));
    ck_assert_int_eq(mpcms_vendor_page_delete(&store, wizamart, &test_actor,
                                              "about", &refusal, unit_pool),
                     MPCMS_ECONFLICT);
    ck_assert_int_eq(mpcms_vendor_page_delete(&store, wizamart, &test_actor,
                                              "gift-cards", &refusal,
                                              unit_pool),
                     MPCMS_ENOTFOUND);
}
END_TEST

/* ---- downgrade and membership changes ---- */

START_TEST(downgrade_keeps_pages)
{
    const mpcms_membership_t *wizamart;
    mpcms_dashboard_usage_t usage;
    mpcms_page_input_t input = empty_input();
    mpcms_refusal_t *refusal = NULL;
    apr_int64_t id;

    set_tier("wizamart", "oms", "essential");
    wizamart = membership_of("wizamart", "oms");
    list_pages(wizamart, &usage);
    ck_assert_str_eq(usage.pages_text, "4 of 3 pages used");
    ck_assert_ptr_nonnull(storefront_page("oms", "wizamart", "gift-cards"));

    ck_assert_int_eq(mpcms_vendor_page_override(&id, &store, wizamart,
                                                &test_actor, "contact",
                                                &refusal, unit_pool),
                     MPCMS_ELIMIT);
    ck_assert_str_eq(refusal->upgrade->code, "professional");

    /* Editing what it has is still allowed. */
    input.title = "Gift cards for every budget";
    ck_assert_int_eq(mpcms_vendor_page_edit(NULL, &store, wizamart, &test_actor,
                                            "gift-cards", &input, &refusal,
                                            unit_pool),
                     APR_SUCCESS);

    /* Back to 3 pages is still at the limit; 2 leaves room for one. */
    ck_assert_int_eq(mpcms_vendor_page_revert(&store, wizamart, &test_actor,
                                              "about", &refusal, unit_pool),
                     APR_SUCCESS);
    ck_assert_int_eq(mpcms_vendor_page_override(&id, &store, wizamart,
                                                &test_actor, "contact",
                                                &refusal, unit_pool),
                     MPCMS_ELIMIT);
    ck_assert_int_eq(mpcms_vendor_page_delete(&store, wizamart, &test_actor,
                                              "summer-sale", &refusal,
                                              unit_pool),
                     APR_SUCCESS);
    override_ok(wizamart, "contact");
}
END_TEST

START_TEST(limit_uses_tier_at_write_time)
{
    const mpcms_membership_t *garden = membership_of("gardenworld", "oms");
    mpcms_refusal_t *refusal = NULL;
    apr_int64_t id;

    /* Loaded as professional, downgraded before the click. */
    set_tier("gardenworld", "oms", "essential");
    override_ok(garden, "about");
    override_ok(garden, "shipping");
    override_ok(garden, "faq");

    ck_assert_int_eq(mpcms_vendor_page_override(&id, &store, garden,
                                                &test_actor, "contact",
                                                &refusal, unit_pool),
                     MPCMS_ELIMIT);
}
END_TEST

START_TEST(no_tier_refuses_additions)
{
    const mpcms_membership_t *bakery;
    mpcms_refusal_t *refusal = NULL;
    apr_int64_t id;

    run_sql("UPDATE vendor_platforms SET tier_id = NULL WHERE vendor_id = "
            "(SELECT id FROM vendors WHERE code = 'luxbakery')");
    bakery = membership_of("luxbakery", "oms");

    ck_assert_ptr_null(bakery->tier);
    ck_assert_int_eq(mpcms_vendor_page_override(&id, &store, bakery,
                                                &test_actor, "about", &refusal,
                                                unit_pool),
                     MPCMS_ELIMIT);
    ck_assert_int_eq(refusal->limit, MPCMS_LIMIT_NO_TIER);
    ck_assert_str_eq(refusal->upgrade->code, "essential");
    ck_assert_int_eq(mpcms_vendor_page_hide(NULL, &store, bakery, &test_actor,
                                            "faq", 1, &refusal, unit_pool),
                     APR_SUCCESS);
}
END_TEST

START_TEST(inactive_membership_refuses_writes)
{
    const mpcms_membership_t *garden = membership_of("gardenworld", "oms");
    mpcms_refusal_t *refusal = NULL;
    apr_int64_t id;

    run_sql("UPDATE vendor_platforms SET is_active = FALSE WHERE vendor_id = "
            "(SELECT id FROM vendors WHERE code = 'gardenworld')");

    ck_assert_int_eq(mpcms_vendor_page_override(&id, &store, garden,
                                                &test_actor, "about", &refusal,
                                                unit_pool),
                     MPCMS_ENOTFOUND);
    ck_assert_int_eq(mpcms_vendor_page_hide(NULL, &store, garden, &test_actor,
                                            "faq", 1, &refusal, unit_pool),
                     MPCMS_ENOTFOUND);
}
END_TEST

START_TEST(inactive_vendor_refuses_writes)
{
    const mpcms_membership_t *garden = membership_of("gardenworld", "oms");
    mpcms_refusal_t *refusal = NULL;
    apr_int64_t id;

    /* The catalog's cache may still hold the vendor as active. */
    run_sql("UPDATE vendors SET is_active = FALSE WHERE code = 'gardenworld'");

    ck_assert_int_eq(mpcms_vendor_page_override(&id, &store, garden,
                                                &test_actor, "about", &refusal,
                                                unit_pool),
                     MPCMS_ENOTFOUND);
}
END_TEST

/* ---- preview ---- */

START_TEST(preview_shows_unpublished)
{
    const mpcms_membership_t *wizamart = membership_of("wizamart", "oms");
    mpcms_resolution_t resolution;
    mpcms_refusal_t *refusal = NULL;

    ck_assert_int_eq(mpcms_dashboard_preview(&resolution, &store, wizamart,
                                             "summer-sale", apr_time_now(),
                                             &refusal, unit_pool),
                     APR_SUCCESS);
    ck_assert_str_eq(resolution.page->title, "Wizamart summer sale (draft)");
    ck_assert_ptr_nonnull(resolution.page->content);
    ck_assert_int_eq(resolution.step, MPCMS_STEP_VENDOR_PAGE);

    /* The draft override, not the default that the storefront serves. */
    ck_assert_int_eq(mpcms_dashboard_preview(&resolution, &store, wizamart,
                                             "shipping", apr_time_now(),
                                             &refusal, unit_pool),
                     APR_SUCCESS);
    ck_assert_str_eq(resolution.page->title, "Wizamart shipping rates (draft)");

    /* A scheduled default and a hidden one. */
    ck_assert_int_eq(mpcms_dashboard_preview(&resolution, &store, wizamart,
                                             "holiday-hours", apr_time_now(),
                                             &refusal, unit_pool),
                     APR_SUCCESS);
    ck_assert_int_eq(resolution.step, MPCMS_STEP_PLATFORM_DEFAULT);
    ck_assert_int_eq(mpcms_dashboard_preview(&resolution, &store, wizamart,
                                             "returns", apr_time_now(),
                                             &refusal, unit_pool),
                     APR_SUCCESS);

    ck_assert_int_eq(mpcms_dashboard_preview(&resolution, &store, wizamart,
                                             "nosuch", apr_time_now(), &refusal,
                                             unit_pool),
                     MPCMS_ENOTFOUND);
}
END_TEST

START_TEST(preview_renders_with_theme)
{
    const mpcms_membership_t *wizamart = membership_of("wizamart", "oms");
    mpcms_resolution_t resolution;
    mpcms_response_t response;
    mpcms_refusal_t *refusal = NULL;
    mpcms_error_t *error = NULL;
    mpcms_route_t route;

    ck_assert_int_eq(mpcms_dashboard_preview(&resolution, &store, wizamart,
                                             "summer-sale", apr_time_now(),
                                             &refusal, unit_pool),
                     APR_SUCCESS);
    memset(&route, 0, sizeof(route));
    route.platform = "oms";
    route.platform_base = "/oms";
    route.area = MPCMS_AREA_STOREFRONT;
    route.area_base = "/oms/vendors/wizamart";

    ck_assert_int_eq(mpcms_render(&response, themes, &resolution, &route,
                                  "http://localhost/oms/vendors/wizamart/"
                                  "summer-sale",
                                  &error, unit_pool),
                     APR_SUCCESS);
    ck_assert_ptr_nonnull(
        strstr(response.body, "<h1>Wizamart summer sale (draft)</h1>"));
}
END_TEST

/* ---- transactions ---- */

/* A transaction still open when its pool goes is rolled back. */
START_TEST(tx_rolled_back_with_pool)
{
    const char *args[] = { "1", "1", "faq", "1", "1", "faq" };
    mpcms_error_t *error = NULL;
    apr_pool_t *request;
    mpcms_tx_t *tx;
    int affected;

    apr_pool_create(&request, unit_pool);
    ck_assert_int_eq(mpcms_tx_begin(&tx, &store, &error, request), APR_SUCCESS);
    ck_assert_int_eq(mpcms_db_execute(&affected, mpcms_tx_db(tx),
                                      MPCMS_SQL_HIDDEN_PAGE_INSERT, args,
                                      &error, request),
                     APR_SUCCESS);
    ck_assert_int_eq(affected, 1);
    apr_pool_destroy(request);

    ck_assert_str_eq(
        query_text("SELECT count(*) FROM vendor_hidden_pages WHERE slug = "
                   "'faq'"),
        "0");
    /* The connection and the writer lock are free for the next one. */
    ck_assert_int_eq(mpcms_tx_begin(&tx, &store, &error, unit_pool),
                     APR_SUCCESS);
    ck_assert_int_eq(mpcms_db_execute(&affected, mpcms_tx_db(tx),
                                      MPCMS_SQL_HIDDEN_PAGE_INSERT, args,
                                      &error, unit_pool),
                     APR_SUCCESS);
    ck_assert_int_eq(mpcms_tx_commit(tx, &error), APR_SUCCESS);
    ck_assert_str_eq(
        query_text("SELECT count(*) FROM vendor_hidden_pages WHERE slug = "
                   "'faq'"),
        "1");
}
END_TEST

/* ---- parallel writes ---- */

#define PARALLEL_WRITERS 8

typedef struct writer {
    pthread_t thread;
    apr_pool_t *pool;
    mpcms_store_t store;
    mpcms_db_t connection;
    const mpcms_membership_t *membership;
    const char *slug;
    int create; /* create a custom page, else override slug */
    apr_status_t result;
} writer_t;

static apr_status_t connect_writer(mpcms_db_t *target, void *baton,
                                   mpcms_error_t **error)
{
    writer_t *writer = baton;

    *target = writer->connection;
    return APR_SUCCESS;
}

static void *run_writer(void *data)
{
    writer_t *writer = data;
    mpcms_refusal_t *refusal = NULL;
    apr_int64_t id;

    if (writer->create) {
        mpcms_page_input_t input = empty_input();

        input.title = "Parallel page";
        writer->result = mpcms_vendor_page_create(
            &id, NULL, &writer->store, writer->membership, &test_actor,
            writer->slug, &input, &refusal, writer->pool);
    }
    else {
        writer->result = mpcms_vendor_page_override(
            &id, &writer->store, writer->membership, &test_actor, writer->slug,
            &refusal, writer->pool);
    }
    return NULL;
}

/*
 * Runs PARALLEL_WRITERS writers at once, each on its own connection, and
 * returns how many succeeded; every other one must have hit the limit.
 */
static int run_writers(const mpcms_membership_t *membership, int create,
                       const char *const *slugs)
{
    writer_t writers[PARALLEL_WRITERS];
    int succeeded = 0;
    int i;

    for (i = 0; i < PARALLEL_WRITERS; i++) {
        writer_t *writer = &writers[i];

        memset(writer, 0, sizeof(*writer));
        apr_pool_create(&writer->pool, unit_pool);
        open_connection(&writer->connection, writer->pool);
        writer->store.connect = connect_writer;
        writer->store.baton = writer;
        writer->membership = membership;
        writer->slug = slugs[i];
        writer->create = create;
    }
    for (i = 0; i < PARALLEL_WRITERS; i++) {
        ck_assert_int_eq(
            pthread_create(&writers[i].thread, NULL, run_writer, &writers[i]),
            0);
    }
    for (i = 0; i < PARALLEL_WRITERS; i++) {
        pthread_join(writers[i].thread, NULL);
    }
    for (i = 0; i < PARALLEL_WRITERS; i++) {
        if (writers[i].result == APR_SUCCESS) {
            succeeded++;
        }
        else {
            ck_assert_int_eq(writers[i].result, MPCMS_ELIMIT);
        }
        apr_dbd_close(driver, writers[i].connection.handle);
    }
    return succeeded;
}

START_TEST(parallel_creates_stop_at_limit)
{
    static const char *const slugs[PARALLEL_WRITERS] = {
        "news-1", "news-2", "news-3", "news-4",
        "news-5", "news-6", "news-7", "news-8",
    };
    const mpcms_membership_t *garden = membership_of("gardenworld", "oms");

    /* Professional: 5 custom pages. */
    ck_assert_int_eq(run_writers(garden, 1, slugs), 5);
    ck_assert_str_eq(query_text("SELECT count(*) FROM content_pages WHERE "
                                "vendor_id = (SELECT id FROM vendors WHERE "
                                "code = 'gardenworld')"),
                     "5");
}
END_TEST

START_TEST(parallel_overrides_stop_at_limit)
{
    static const char *const slugs[PARALLEL_WRITERS] = {
        "home",    "about", "shipping", "returns",
        "contact", "faq",   "privacy",  "terms",
    };
    const mpcms_membership_t *bakery = membership_of("luxbakery", "oms");

    /* Essential: 3 pages. */
    ck_assert_int_eq(run_writers(bakery, 0, slugs), 3);
    ck_assert_str_eq(query_text("SELECT count(*) FROM content_pages WHERE "
                                "vendor_id = (SELECT id FROM vendors WHERE "
                                "code = 'luxbakery')"),
                     "3");
}
END_TEST

/*
 * The same with processes, which share no lock but the database's own:
 * each one's count and insert must still run after the other's commit.
 */
START_TEST(parallel_processes_stop_at_limit)
{
    const mpcms_membership_t *garden = membership_of("gardenworld", "oms");
    pid_t children[PARALLEL_WRITERS];
    int succeeded = 0;
    int i;

    for (i = 0; i < PARALLEL_WRITERS; i++) {
        children[i] = fork();
        ck_assert_int_ge(children[i], 0);
        if (children[i] == 0) {
            writer_t writer;

            memset(&writer, 0, sizeof(writer));
            apr_pool_create(&writer.pool, NULL);
            open_connection(&writer.connection, writer.pool);
            writer.store.connect = connect_writer;
            writer.store.baton = &writer;
            writer.membership = garden;
            writer.slug = apr_psprintf(writer.pool, "news-%d", i);
            writer.create = 1;
            run_writer(&writer);
            _exit(writer.result == APR_SUCCESS    ? 0
                  : writer.result == MPCMS_ELIMIT ? 1
                                                  : 2);
        }
    }
    for (i = 0; i < PARALLEL_WRITERS; i++) {
        int status = 0;

        ck_assert_int_eq(waitpid(children[i], &status, 0), children[i]);
        ck_assert(WIFEXITED(status));
        ck_assert_int_ne(WEXITSTATUS(status), 2);
        if (WEXITSTATUS(status) == 0) {
            succeeded++;
        }
    }

    ck_assert_int_eq(succeeded, 5);
    ck_assert_str_eq(query_text("SELECT count(*) FROM content_pages WHERE "
                                "vendor_id = (SELECT id FROM vendors WHERE "
                                "code = 'gardenworld')"),
                     "5");
}
END_TEST

#define COUNT(table) ((int)(sizeof(table) / sizeof(table[0])))

/* Adds the tests that write to a test case of one driver. */
static void add_operations(TCase *operations)
{
    tcase_set_timeout(operations, 60);
    tcase_add_test(operations, override_copies_default);
    tcase_add_test(operations, override_of_default_not_live_is_published);
    tcase_add_test(operations, override_refused_at_limit);
    tcase_add_test(operations, override_conflicts_and_missing);
    tcase_add_test(operations, edit_shows_on_storefront);
    tcase_add_test(operations, edit_keeps_absent_fields);
    tcase_add_test(operations, edit_needs_own_page);
    tcase_add_test(operations, other_vendor_pages_untouchable);
    tcase_add_test(operations, edit_validates_fields);
    tcase_add_test(operations, edit_sets_and_clears_template);
    tcase_add_test(operations, revert_restores_default);
    tcase_add_test(operations, override_edit_revert_flow);
    tcase_add_test(operations, writes_leave_audit_rows);
    tcase_add_test(operations, refused_write_leaves_no_audit_row);
    tcase_add_loop_test(operations, edit_gates_by_table, 0, COUNT(gate_cases));
    tcase_add_loop_test(operations, create_gates_by_table, 0,
                        COUNT(gate_cases));
    tcase_add_test(operations, gate_rechecked_after_downgrade);
    tcase_add_test(operations, schedule_stores_utc);
    tcase_add_test(operations, hide_and_show_default);
    tcase_add_test(operations, hide_needs_default);
    tcase_add_test(operations, hide_rejects_own_page);
    tcase_add_test(operations, hide_and_show_twice_write_once);
    tcase_add_test(operations, show_refused_on_own_page);
    tcase_add_test(operations, show_of_default_hidden_before_override);
    tcase_add_test(operations, edit_with_same_values_writes_nothing);
    tcase_add_test(operations, kept_schedule_without_feature);
    tcase_add_test(operations, create_custom_page);
    tcase_add_test(operations, create_refused_without_feature);
    tcase_add_loop_test(operations, create_slug_by_table, 0,
                        COUNT(create_slug_cases));
    tcase_add_test(operations, create_conflicts_with_own_page);
    tcase_add_test(operations, create_requires_title);
    tcase_add_test(operations, create_refused_at_custom_limit);
    tcase_add_test(operations, delete_custom_page);
    tcase_add_test(operations, downgrade_keeps_pages);
    tcase_add_test(operations, limit_uses_tier_at_write_time);
    tcase_add_test(operations, no_tier_refuses_additions);
    tcase_add_test(operations, inactive_membership_refuses_writes);
    tcase_add_test(operations, inactive_vendor_refuses_writes);
    tcase_add_test(operations, tx_rolled_back_with_pool);
    tcase_add_test(operations, parallel_creates_stop_at_limit);
    tcase_add_test(operations, parallel_overrides_stop_at_limit);
    tcase_add_test(operations, parallel_processes_stop_at_limit);
}

Suite *dashboard_suite(void)
{
    Suite *suite = suite_create("dashboard");
    TCase *model = tcase_create("model");
    TCase *sqlite = tcase_create("sqlite");
    TCase *pgsql = tcase_create("pgsql");

    tcase_add_checked_fixture(model, setup_sqlite, teardown);
    tcase_set_timeout(model, 30);
    tcase_add_test(model, membership_reads_tier_and_zone);
    tcase_add_test(model, membership_missing_when_inactive);
    tcase_add_loop_test(model, pages_list_by_table, 0, COUNT(wizamart_pages));
    tcase_add_test(model, pages_list_details);
    tcase_add_test(model, pages_usage_business);
    tcase_add_test(model, pages_usage_professional);
    tcase_add_test(model, pages_usage_unlimited);
    tcase_add_test(model, pages_list_only_own);
    tcase_add_test(model, preview_shows_unpublished);
    tcase_add_test(model, preview_renders_with_theme);
    tcase_add_loop_test(model, publish_time_by_table, 0,
                        COUNT(publish_time_cases));
    tcase_add_test(model, publish_time_needs_known_zone);
    suite_add_tcase(suite, model);

    tcase_add_checked_fixture(sqlite, setup_sqlite, teardown);
    add_operations(sqlite);
    suite_add_tcase(suite, sqlite);

    if (!unit_pgsql_available()) {
        fprintf(stderr,
                "dashboard: %s is not set, so the PostgreSQL tests are "
                "SKIPPED (make test sets it)\n",
                UNIT_PGSQL_PARAMS);
        return suite;
    }
    tcase_add_checked_fixture(pgsql, setup_pgsql, teardown);
    tcase_add_test(pgsql, membership_reads_tier_and_zone);
    tcase_add_loop_test(pgsql, pages_list_by_table, 0, COUNT(wizamart_pages));
    tcase_add_test(pgsql, pages_list_details);
    tcase_add_test(pgsql, preview_shows_unpublished);
    add_operations(pgsql);
    suite_add_tcase(suite, pgsql);
    return suite;
}
