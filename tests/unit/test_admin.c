/*
 * The admin area's core without httpd: requests go to mpcms_admin_run
 * with the real templates and a real database (SQLite always, PostgreSQL
 * when the test server runs), and the results are checked as the glue
 * would write them.
 */
#include <apr_strings.h>
#include <string.h>

#include "accounts.h"
#include "admin.h"
#include "admin_db.h"
#include "auth.h"
#include "unit.h"

/* The runner starts in tests/unit. */
#define ADMIN_TEMPLATES "../../templates/admin"

#define EMAIL    "root@example.com"
#define PASSWORD "correct horse battery"
#define FORM     "application/x-www-form-urlencoded"
#define JSON     "application/json"

static admin_db_t test_db;
static mpcms_admin_ui_t *ui;
static apr_time_t now;

/* The session of the logged-in admin, as its cookie and CSRF token. */
static const char *session_cookie;
static const char *csrf_token;

static void setup_on(const char *driver)
{
    mpcms_actor_t actor = { 0, "mpcms-admin", NULL, 0 };
    mpcms_error_t *error = NULL;
    mpcms_session_t *session = NULL;
    const char *token = NULL;
    apr_int64_t id;
    long retry_after;

    unit_setup();
    admin_db_open(&test_db, driver);
    now = apr_time_from_sec(1769860800);
    actor.now = now;
    ck_assert_msg(mpcms_admin_ui_load(&ui, ADMIN_TEMPLATES, &error, unit_pool)
                      == APR_SUCCESS,
                  "%s", mpcms_error_format(error, unit_pool));
    ck_assert_int_eq(mpcms_account_create_user(
                         &id, &test_db.store, &actor, EMAIL, PASSWORD,
                         MPCMS_ROLE_SUPER_ADMIN, 1, NULL, 4, &error, unit_pool),
                     APR_SUCCESS);
    ck_assert_int_eq(mpcms_account_login(&token, &session, &retry_after,
                                         &test_db.store, EMAIL, PASSWORD,
                                         "127.0.0.1", NULL, NULL, now, &error,
                                         unit_pool),
                     APR_SUCCESS);
    session_cookie =
        apr_pstrcat(unit_pool, MPCMS_SESSION_COOKIE "=", token, NULL);
    csrf_token = session->csrf_token;
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

/* Runs one request; body may be NULL. */
static mpcms_admin_result_t *run(const char *method, const char *path,
                                 const char *content_type, const char *body,
                                 const char *cookie, const char *bearer)
{
    mpcms_admin_result_t *result = apr_pcalloc(unit_pool, sizeof(*result));
    mpcms_admin_request_t request;
    const char *query = strchr(path, '?');

    memset(&request, 0, sizeof(request));
    request.method = method;
    request.base = "/admin";
    request.path =
        query ? apr_pstrmemdup(unit_pool, path, (apr_size_t)(query - path))
              : path;
    request.query = query ? query + 1 : NULL;
    request.content_type = content_type;
    request.body = body;
    request.body_length = body ? strlen(body) : 0;
    request.cookie_header = cookie;
    request.authorization_header =
        bearer ? apr_pstrcat(unit_pool, "Bearer ", bearer, NULL) : NULL;
    request.client_address = "192.0.2.7";
    request.admin_path = "/admin";
    request.now = now;
    mpcms_admin_run(result, &request, &test_db.store, ui, unit_pool);
    return result;
}

/* Posts a form of the logged-in admin, with the CSRF token. */
static mpcms_admin_result_t *post_form(const char *path, const char *fields)
{
    return run("POST", path, FORM,
               apr_pstrcat(unit_pool, fields, "&csrf_token=", csrf_token, NULL),
               session_cookie, NULL);
}

/* Creates an API token of the admin and returns its value. */
static const char *api_token(void)
{
    mpcms_admin_result_t *result = post_form("/tokens", "name=unit");
    const char *start;

    ck_assert_int_eq(result->status, APR_SUCCESS);
    start = strstr(result->body, "id=\"secret\">");
    ck_assert_ptr_nonnull(start);
    start += strlen("id=\"secret\">");
    return apr_pstrmemdup(unit_pool, start,
                          (apr_size_t)(strchr(start, '<') - start));
}

START_TEST(page_without_session_redirects)
{
    mpcms_admin_result_t *result =
        run("GET", "/platforms", NULL, NULL, NULL, NULL);

    ck_assert_int_eq(result->status, APR_SUCCESS);
    ck_assert_str_eq(result->location,
                     "/admin/login?next=%2Fadmin%2Fplatforms");
}
END_TEST

START_TEST(dashboard_renders_in_layout)
{
    mpcms_admin_result_t *result =
        run("GET", "/", NULL, NULL, session_cookie, NULL);

    ck_assert_int_eq(result->status, APR_SUCCESS);
    ck_assert_str_eq(result->content_type, "text/html; charset=utf-8");
    ck_assert_ptr_nonnull(
        strstr(result->body, "data-template=\"admin/dashboard\""));
    ck_assert_ptr_nonnull(strstr(result->body, EMAIL));
    ck_assert_ptr_nonnull(result->csp_nonce);
    ck_assert_ptr_nonnull(
        strstr(result->body, apr_psprintf(unit_pool, "<style nonce=\"%s\">",
                                          result->csp_nonce)));
}
END_TEST

START_TEST(login_form_sets_token_cookie)
{
    mpcms_admin_result_t *result = run("GET", "/login", NULL, NULL, NULL, NULL);
    const char *cookie;

    ck_assert_int_eq(result->status, APR_SUCCESS);
    ck_assert_int_eq(result->cookies->nelts, 1);
    cookie = APR_ARRAY_IDX(result->cookies, 0, const char *);
    ck_assert_msg(strncmp(cookie, MPCMS_LOGIN_COOKIE "=", 12) == 0, "%s",
                  cookie);
    ck_assert_ptr_nonnull(strstr(cookie, "HttpOnly; SameSite=Strict"));
    ck_assert_ptr_null(strstr(cookie, "Secure"));
}
END_TEST

START_TEST(post_without_csrf_token_forbidden)
{
    mpcms_admin_result_t *result =
        run("POST", "/vendors", FORM, "code=x&name=X", session_cookie, NULL);

    ck_assert_int_eq(result->status, MPCMS_EFORBIDDEN);
    ck_assert_int_eq(admin_db_number(&test_db, "SELECT count(*) FROM vendors "
                                               "WHERE code = 'x'"),
                     0);
}
END_TEST

START_TEST(form_creates_vendor_with_audit_row)
{
    mpcms_admin_result_t *result =
        post_form("/vendors", "code=bakery&name=The+Bakery&is_active=1");

    ck_assert_int_eq(result->status, APR_SUCCESS);
    /* The notice is signed with the session's CSRF token. */
    ck_assert_str_eq(
        result->location,
        apr_pstrcat(
            unit_pool, "/admin/vendors?notice=Vendor%20bakery%20saved.",
            "&notice_mac=",
            mpcms_auth_mac(csrf_token, "Vendor bakery saved.", unit_pool),
            NULL));
    ck_assert_int_eq(result->invalidate_cache, 1);
    ck_assert_int_eq(
        admin_db_number(
            &test_db, "SELECT count(*) FROM audit_log WHERE entity = 'vendor' "
                      "AND entity_key = 'bakery' AND actor = '" EMAIL
                      "' AND client_address = '192.0.2.7'"),
        1);
}
END_TEST

START_TEST(form_rejected_shows_values_and_errors)
{
    mpcms_admin_result_t *result =
        post_form("/platforms", "code=Bad+Code&name=Kept&theme_config=%7B&"
                                "default_language=en&supported_languages="
                                "%5B%22en%22%5D&timezone=UTC");

    ck_assert_int_eq(result->status, MPCMS_EINVALID);
    ck_assert_ptr_nonnull(strstr(result->body, "value=\"Bad Code\""));
    ck_assert_ptr_nonnull(strstr(result->body, "value=\"Kept\""));
    ck_assert_ptr_nonnull(strstr(result->body, "id=\"field-code-error\""));
    ck_assert_ptr_nonnull(
        strstr(result->body, "id=\"field-theme_config-error\""));
    ck_assert_int_eq(admin_db_number(&test_db, "SELECT count(*) FROM audit_log "
                                               "WHERE entity = 'platform'"),
                     0);
}
END_TEST

START_TEST(api_needs_token)
{
    mpcms_admin_result_t *result =
        run("GET", "/api/v1/platforms", NULL, NULL, session_cookie, NULL);

    ck_assert_int_eq(result->status, MPCMS_EUNAUTHORIZED);
    ck_assert_str_eq(apr_table_get(result->headers, "WWW-Authenticate"),
                     "Bearer realm=\"mpcms admin API\"");
    ck_assert_str_eq(result->content_type, JSON);
}
END_TEST

START_TEST(api_invalid_json_has_position)
{
    mpcms_admin_result_t *result = run("POST", "/api/v1/platforms", JSON,
                                       "{\"code\":\n  tru}", NULL, api_token());

    ck_assert_int_eq(result->status, MPCMS_EBADREQUEST);
    ck_assert_ptr_nonnull(strstr(result->body, "\"line\": 2"));
}
END_TEST

START_TEST(api_page_sanitized_and_conflict)
{
    const char *token = api_token();
    mpcms_admin_result_t *created =
        run("POST", "/api/v1/platforms/oms/defaults", JSON,
            "{\"slug\": \"care\", \"title\": \"Care\", \"content\": "
            "\"<p onmouseover=\\\"x()\\\">Wash cold</p><script>x()</script>\"}",
            NULL, token);
    mpcms_admin_result_t *again =
        run("POST", "/api/v1/platforms/oms/defaults", JSON,
            "{\"slug\": \"care\", \"title\": \"Care again\"}", NULL, token);

    ck_assert_int_eq(created->status, APR_SUCCESS);
    ck_assert_int_eq(created->created, 1);
    ck_assert_str_eq(admin_db_text(&test_db,
                                   "SELECT content FROM content_pages "
                                   "WHERE slug = 'care'"),
                     "<p>Wash cold</p>");
    ck_assert_int_eq(again->status, MPCMS_ECONFLICT);
    ck_assert_str_eq(again->error->source, "slug");
}
END_TEST

START_TEST(api_wrong_method_lists_allowed)
{
    mpcms_admin_result_t *result =
        run("PUT", "/api/v1/vendors/wizamart", JSON, "{}", NULL, api_token());

    ck_assert_int_eq(result->status, MPCMS_EMETHOD);
    ck_assert_str_eq(apr_table_get(result->headers, "Allow"),
                     "GET, HEAD, PATCH");
}
END_TEST

START_TEST(api_patch_audits_before_and_after)
{
    mpcms_admin_result_t *result =
        run("PATCH", "/api/v1/vendors/luxbakery", JSON,
            "{\"name\": \"Lux Bakery S.A.\"}", NULL, api_token());
    const char *before;
    const char *after;

    ck_assert_int_eq(result->status, APR_SUCCESS);
    before = admin_db_text(&test_db, "SELECT before_data FROM audit_log WHERE "
                                     "entity = 'vendor'");
    after = admin_db_text(&test_db, "SELECT after_data FROM audit_log WHERE "
                                    "entity = 'vendor'");
    ck_assert_ptr_nonnull(strstr(before, "\"Lux Bakery\""));
    ck_assert_ptr_nonnull(strstr(after, "\"Lux Bakery S.A.\""));
}
END_TEST

START_TEST(too_large_answer_is_json_for_api)
{
    mpcms_admin_result_t result;
    mpcms_admin_request_t request;

    memset(&request, 0, sizeof(request));
    request.method = "POST";
    request.base = "/admin";
    request.path = "/api/v1/platforms";
    request.now = now;
    mpcms_admin_fail(&result, &request, ui, MPCMS_ETOOLARGE,
                     mpcms_error_make(NULL, 0, 0, unit_pool, "too large"),
                     unit_pool);

    ck_assert_int_eq(result.status, MPCMS_ETOOLARGE);
    ck_assert_str_eq(result.content_type, JSON);
    ck_assert_ptr_nonnull(strstr(result.body, "\"too large\""));
}
END_TEST

static void add_tests(TCase *tcase)
{
    tcase_add_test(tcase, page_without_session_redirects);
    tcase_add_test(tcase, dashboard_renders_in_layout);
    tcase_add_test(tcase, login_form_sets_token_cookie);
    tcase_add_test(tcase, post_without_csrf_token_forbidden);
    tcase_add_test(tcase, form_creates_vendor_with_audit_row);
    tcase_add_test(tcase, form_rejected_shows_values_and_errors);
    tcase_add_test(tcase, api_needs_token);
    tcase_add_test(tcase, api_invalid_json_has_position);
    tcase_add_test(tcase, api_page_sanitized_and_conflict);
    tcase_add_test(tcase, api_wrong_method_lists_allowed);
    tcase_add_test(tcase, api_patch_audits_before_and_after);
    tcase_add_test(tcase, too_large_answer_is_json_for_api);
}

Suite *admin_suite(void)
{
    Suite *suite = suite_create("admin");
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
