/*
 * The vendor dashboard's screens without httpd: requests for
 * /oms/vendor/{code}/... go to mpcms_admin_run with the real templates
 * and themes and a demo database (SQLite always, PostgreSQL when the
 * test server runs), and the results are checked as the glue would
 * write them.
 */
#include <apr_strings.h>
#include <string.h>

#include "accounts.h"
#include "admin.h"
#include "admin_db.h"
#include "auth.h"
#include "render.h"
#include "unit.h"

/* The runner starts in tests/unit. */
#define TEMPLATE_DIR "../../templates"

#define OWNER    "owner@luxbakery.test"
#define ROOT     "root@example.com"
#define PASSWORD "correct horse battery"
#define FORM     "application/x-www-form-urlencoded"

static admin_db_t test_db;
static mpcms_admin_ui_t *ui;
static mpcms_themes_t *themes;
static apr_time_t now;

/* A logged-in user: the Cookie header and the CSRF token. */
typedef struct login {
    const char *cookie;
    const char *csrf;
} login_t;

static login_t owner; /* a vendor user of luxbakery (Essential) */
static login_t root;  /* a super admin without vendor links */

static login_t create_and_log_in(const char *email, const char *role,
                                 const char *vendor)
{
    mpcms_actor_t actor = { 0, "mpcms-admin", NULL, 0 };
    apr_array_header_t *vendors = apr_array_make(unit_pool, 1, sizeof(char *));
    mpcms_session_t *session = NULL;
    mpcms_error_t *error = NULL;
    const char *token = NULL;
    long retry_after;
    apr_int64_t id;
    login_t login;

    actor.now = now;
    if (vendor != NULL) {
        APR_ARRAY_PUSH(vendors, const char *) = vendor;
    }
    ck_assert_int_eq(mpcms_account_create_user(&id, &test_db.store, &actor,
                                               email, PASSWORD, role, 1,
                                               vendors, 4, &error, unit_pool),
                     APR_SUCCESS);
    ck_assert_int_eq(mpcms_account_login(&token, &session, &retry_after,
                                         &test_db.store, email, PASSWORD,
                                         "127.0.0.1", NULL, NULL, now, &error,
                                         unit_pool),
                     APR_SUCCESS);
    login.cookie =
        apr_pstrcat(unit_pool, MPCMS_SESSION_COOKIE "=", token, NULL);
    login.csrf = session->csrf_token;
    return login;
}

static void setup_on(const char *driver)
{
    mpcms_error_t *error = NULL;

    unit_setup();
    admin_db_open(&test_db, driver);
    now = apr_time_from_sec(1769860800);
    ck_assert_msg(
        mpcms_admin_ui_load(&ui, TEMPLATE_DIR "/admin", &error, unit_pool)
            == APR_SUCCESS,
        "%s", mpcms_error_format(error, unit_pool));
    ck_assert_int_eq(mpcms_themes_load(&themes, TEMPLATE_DIR, mpcms_page_slots,
                                       &error, unit_pool),
                     APR_SUCCESS);
    owner = create_and_log_in(OWNER, MPCMS_ROLE_VENDOR_USER, "luxbakery");
    root = create_and_log_in(ROOT, MPCMS_ROLE_SUPER_ADMIN, NULL);
}

static void setup_sqlite(void)
{
    setup_on("sqlite3");
}

static void setup_pgsql(void)
{
    setup_on("pgsql");
}

static void teardown(void)
{
    admin_db_close(&test_db);
    unit_teardown();
}

/* Runs one request in the dashboard of vendor on oms; body may be NULL. */
static mpcms_admin_result_t *run(const char *vendor, const char *method,
                                 const char *path, const char *body,
                                 const char *cookie)
{
    mpcms_admin_result_t *result = apr_pcalloc(unit_pool, sizeof(*result));
    mpcms_admin_request_t request;

    memset(&request, 0, sizeof(request));
    request.method = method;
    request.base = apr_pstrcat(unit_pool, "/oms/vendor/", vendor, NULL);
    request.path = path;
    request.content_type = body ? FORM : NULL;
    request.body = body;
    request.body_length = body ? strlen(body) : 0;
    request.cookie_header = cookie;
    request.client_address = "192.0.2.7";
    request.now = now;
    request.platform = "oms";
    request.vendor = vendor;
    request.themes = themes;
    request.host = "localhost";
    request.port = 80;
    mpcms_admin_run(result, &request, &test_db.store, ui, unit_pool);
    return result;
}

static mpcms_admin_result_t *get(const login_t *login, const char *vendor,
                                 const char *path)
{
    return run(vendor, "GET", path, NULL, login ? login->cookie : NULL);
}

/* Posts a form with the user's CSRF token. */
static mpcms_admin_result_t *post(const login_t *login, const char *vendor,
                                  const char *path, const char *fields)
{
    return run(vendor, "POST", path,
               apr_pstrcat(unit_pool, fields, fields[0] ? "&" : "",
                           "csrf_token=", login->csrf, NULL),
               login->cookie);
}

static int contains(const mpcms_admin_result_t *result, const char *text)
{
    return result->body != NULL && strstr(result->body, text) != NULL;
}

static long vendor_pages(const char *vendor)
{
    return admin_db_number(
        &test_db, apr_psprintf(unit_pool,
                               "SELECT count(*) FROM content_pages cp JOIN "
                               "vendors v ON v.id = cp.vendor_id "
                               "WHERE v.code = '%s'",
                               vendor));
}

START_TEST(screens_need_active_membership)
{
    ck_assert_int_eq(get(&owner, "closedshop", "/dashboard")->status,
                     MPCMS_ENOTFOUND);
    ck_assert_int_eq(get(NULL, "nosuchshop", "/login")->status,
                     MPCMS_ENOTFOUND);
}
END_TEST

START_TEST(screens_without_session_redirect)
{
    mpcms_admin_result_t *result = get(NULL, "luxbakery", "/content-pages");

    ck_assert_int_eq(result->status, APR_SUCCESS);
    ck_assert_str_eq(result->location,
                     "/oms/vendor/luxbakery/login?next=%2Foms%2Fvendor%"
                     "2Fluxbakery%2Fcontent-pages");
}
END_TEST

START_TEST(screens_of_other_vendor_forbidden)
{
    mpcms_admin_result_t *page = get(&owner, "wizamart", "/content-pages");
    mpcms_admin_result_t *override =
        post(&owner, "wizamart", "/content-pages/faq/override", "");

    ck_assert_int_eq(page->status, MPCMS_EFORBIDDEN);
    ck_assert_int_eq(override->status, MPCMS_EFORBIDDEN);
    ck_assert_int_eq(vendor_pages("wizamart"), 4);
}
END_TEST

START_TEST(screens_open_to_super_admin)
{
    mpcms_admin_result_t *result = get(&root, "wizamart", "/dashboard");

    ck_assert_int_eq(result->status, APR_SUCCESS);
    ck_assert(contains(result, "Plan: Business"));
    ck_assert(contains(result, "4 of 30 pages used"));
}
END_TEST

START_TEST(screens_reject_wrong_csrf)
{
    mpcms_admin_result_t *result =
        run("luxbakery", "POST", "/content-pages/faq/override",
            "csrf_token=wrong", owner.cookie);

    ck_assert_int_eq(result->status, MPCMS_EFORBIDDEN);
    ck_assert_int_eq(vendor_pages("luxbakery"), 0);
}
END_TEST

START_TEST(screens_api_path_is_no_api)
{
    mpcms_admin_result_t *result = get(&owner, "luxbakery", "/api/v1");

    ck_assert_int_eq(result->status, MPCMS_ENOTFOUND);
    ck_assert_str_eq(result->content_type, "text/html; charset=utf-8");
}
END_TEST

START_TEST(screens_limit_disables_override)
{
    mpcms_admin_result_t *list;
    mpcms_admin_result_t *refused;

    ck_assert_int_eq(
        post(&owner, "luxbakery", "/content-pages/about/override", "")->status,
        APR_SUCCESS);
    ck_assert_int_eq(
        post(&owner, "luxbakery", "/content-pages/faq/override", "")->status,
        APR_SUCCESS);
    ck_assert_int_eq(
        post(&owner, "luxbakery", "/content-pages/contact/override", "")
            ->status,
        APR_SUCCESS);

    list = get(&owner, "luxbakery", "/content-pages");
    refused = post(&owner, "luxbakery", "/content-pages/terms/override", "");

    ck_assert(contains(list, "3 of 3 pages used"));
    ck_assert(contains(list, "<button type=\"button\" disabled>Override"));
    ck_assert(!contains(list, "id=\"override-terms\""));
    ck_assert_int_eq(refused->status, MPCMS_ECONFLICT);
    ck_assert(contains(refused, "Upgrade to Professional to add this page."));
    ck_assert_int_eq(vendor_pages("luxbakery"), 3);
}
END_TEST

START_TEST(screens_reject_field_without_feature)
{
    mpcms_admin_result_t *form;
    mpcms_admin_result_t *result;

    post(&owner, "luxbakery", "/content-pages/faq/override", "");
    form = get(&owner, "luxbakery", "/content-pages/faq/edit");
    result = post(&owner, "luxbakery", "/content-pages/faq/edit",
                  "title=FAQ&content=&meta_keywords=bread");

    ck_assert(!contains(form, "name=\"meta_keywords\""));
    ck_assert_int_eq(result->status, MPCMS_EINVALID);
    /* The form has no such field, so the message above it names it. */
    ck_assert(contains(result, "the field meta_keywords needs the cms_seo "
                               "feature"));
}
END_TEST

START_TEST(screens_create_needs_feature)
{
    mpcms_admin_result_t *form = get(&owner, "luxbakery", "/content-pages/new");
    mpcms_admin_result_t *created = post(&owner, "luxbakery", "/content-pages",
                                         "slug=news&title=News&content=");

    ck_assert_int_eq(form->status, MPCMS_EFORBIDDEN);
    ck_assert_int_eq(created->status, MPCMS_EFORBIDDEN);
    ck_assert(contains(created, "Upgrade to Professional"));
}
END_TEST

START_TEST(screens_preview_is_storefront_page)
{
    mpcms_admin_result_t *result =
        get(&owner, "luxbakery", "/preview/warranty");

    ck_assert_int_eq(result->status, APR_SUCCESS);
    ck_assert(contains(result, "<h1>Warranty and repairs</h1>"));
    ck_assert(contains(result, "data-template=\"oms/storefront\""));
    ck_assert_str_eq(apr_table_get(result->headers, "X-Robots-Tag"), "noindex");
    ck_assert_ptr_nonnull(
        strstr(apr_table_get(result->headers, "Content-Security-Policy"),
               "default-src 'none'"));
}
END_TEST

START_TEST(screens_edit_saves_and_audits)
{
    mpcms_admin_result_t *result;

    post(&owner, "luxbakery", "/content-pages/about/override", "");
    result = post(&owner, "luxbakery", "/content-pages/about/edit",
                  "title=About+the+bakery&content=%3Cp%3EBread.%3C%2Fp%3E"
                  "&is_published=1");

    ck_assert_int_eq(result->status, APR_SUCCESS);
    ck_assert_str_eq(
        result->location,
        apr_pstrcat(
            unit_pool,
            "/oms/vendor/luxbakery/content-pages?notice=Page%20%27"
            "about%27%20saved.&notice_mac=",
            mpcms_auth_mac(owner.csrf, "Page 'about' saved.", unit_pool),
            NULL));
    ck_assert_str_eq(admin_db_text(&test_db,
                                   "SELECT actor FROM audit_log "
                                   "WHERE action = 'update' AND entity_key = "
                                   "'oms/luxbakery/about'"),
                     OWNER);
}
END_TEST

START_TEST(may_manage_by_link_or_role)
{
    mpcms_user_t vendor_user = { 0, OWNER, MPCMS_ROLE_VENDOR_USER };
    mpcms_user_t super_admin = { 0, ROOT, MPCMS_ROLE_SUPER_ADMIN };
    mpcms_error_t *error = NULL;
    int allowed = -1;

    vendor_user.id = admin_db_number(
        &test_db, "SELECT id FROM users WHERE email = '" OWNER "'");
    ck_assert_int_eq(mpcms_account_may_manage(&allowed, &test_db.store,
                                              &vendor_user, "luxbakery", &error,
                                              unit_pool),
                     APR_SUCCESS);
    ck_assert_int_eq(allowed, 1);
    mpcms_account_may_manage(&allowed, &test_db.store, &vendor_user, "wizamart",
                             &error, unit_pool);
    ck_assert_int_eq(allowed, 0);
    mpcms_account_may_manage(&allowed, &test_db.store, &super_admin, "wizamart",
                             &error, unit_pool);
    ck_assert_int_eq(allowed, 1);
}
END_TEST

static void add_tests(TCase *tcase)
{
    tcase_add_test(tcase, screens_need_active_membership);
    tcase_add_test(tcase, screens_without_session_redirect);
    tcase_add_test(tcase, screens_of_other_vendor_forbidden);
    tcase_add_test(tcase, screens_open_to_super_admin);
    tcase_add_test(tcase, screens_reject_wrong_csrf);
    tcase_add_test(tcase, screens_api_path_is_no_api);
    tcase_add_test(tcase, screens_limit_disables_override);
    tcase_add_test(tcase, screens_reject_field_without_feature);
    tcase_add_test(tcase, screens_create_needs_feature);
    tcase_add_test(tcase, screens_preview_is_storefront_page);
    tcase_add_test(tcase, screens_edit_saves_and_audits);
    tcase_add_test(tcase, may_manage_by_link_or_role);
}

Suite *dashboard_screens_suite(void)
{
    Suite *suite = suite_create("dashboard_screens");
    TCase *sqlite = tcase_create("sqlite");

    tcase_add_checked_fixture(sqlite, setup_sqlite, teardown);
    add_tests(sqlite);
    suite_add_tcase(suite, sqlite);

    if (unit_pgsql_available()) {
        TCase *pgsql = tcase_create("pgsql");

        tcase_add_checked_fixture(pgsql, setup_pgsql, teardown);
        add_tests(pgsql);
        suite_add_tcase(suite, pgsql);
    }
    return suite;
}
