/*
 * Logins, throttling, sessions, API tokens, user creation, transactions
 * and the audit log, against real databases: SQLite always, PostgreSQL
 * when the test server runs (testdb.h).
 */
#include <apr_strings.h>
#include <string.h>

#include "accounts.h"
#include "admin_db.h"
#include "auth.h"
#include "throttle.h"
#include "unit.h"

#define PASSWORD "correct horse battery"
#define EMAIL    "root@example.com"
#define ADDRESS  "192.0.2.10"

/* A cheap bcrypt cost keeps the tests fast. */
#define TEST_COST 4

static admin_db_t test_db;
static apr_time_t now;

static mpcms_actor_t tool_actor(void)
{
    mpcms_actor_t actor = { 0, "mpcms-admin", NULL, 0 };

    actor.now = now;
    return actor;
}

static apr_int64_t create_user(const char *email, const char *role,
                               int is_active)
{
    mpcms_actor_t actor = tool_actor();
    mpcms_error_t *error = NULL;
    apr_int64_t id = 0;
    apr_status_t rv;

    rv = mpcms_account_create_user(&id, &test_db.store, &actor, email, PASSWORD,
                                   role, is_active, NULL, TEST_COST, &error,
                                   unit_pool);
    ck_assert_msg(rv == APR_SUCCESS, "%s",
                  mpcms_error_format(error, unit_pool));
    return id;
}

static void setup_on(const char *driver)
{
    unit_setup();
    admin_db_open(&test_db, driver);
    now = apr_time_from_sec(1769860800);
    create_user(EMAIL, MPCMS_ROLE_SUPER_ADMIN, 1);
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

static apr_status_t login(const char **token, mpcms_session_t **session,
                          long *retry_after, const char *email,
                          const char *password, const char *address)
{
    mpcms_error_t *error = NULL;

    return mpcms_account_login(token, session, retry_after, &test_db.store,
                               email, password, address, NULL, NULL, now,
                               &error, unit_pool);
}

START_TEST(login_creates_session)
{
    const char *token = NULL;
    mpcms_session_t *session = NULL;
    mpcms_session_t *found = NULL;
    mpcms_error_t *error = NULL;
    long retry_after;

    ck_assert_int_eq(login(&token, &session, &retry_after,
                           "  Root@Example.com ", PASSWORD, ADDRESS),
                     APR_SUCCESS);
    ck_assert_uint_eq(strlen(token), MPCMS_TOKEN_LENGTH);
    ck_assert_str_eq(session->user.email, EMAIL);
    ck_assert_int_eq(mpcms_user_is_super_admin(&session->user), 1);

    /* The database keeps the digest, never the token. */
    ck_assert_int_eq(
        admin_db_number(&test_db,
                        apr_psprintf(unit_pool,
                                     "SELECT count(*) FROM sessions WHERE "
                                     "token_hash = '%s'",
                                     mpcms_auth_token_hash(token, unit_pool))),
        1);
    ck_assert_int_eq(
        admin_db_number(&test_db,
                        apr_psprintf(unit_pool,
                                     "SELECT count(*) FROM sessions WHERE "
                                     "token_hash = '%s'",
                                     token)),
        0);

    ck_assert_int_eq(mpcms_account_session(&found, &test_db.store, token, now,
                                           &error, unit_pool),
                     APR_SUCCESS);
    ck_assert_ptr_nonnull(found);
    ck_assert_str_eq(found->csrf_token, session->csrf_token);
    ck_assert_ptr_nonnull(admin_db_text(
        &test_db, "SELECT last_login_at FROM users WHERE email = '" EMAIL "'"));
}
END_TEST

START_TEST(login_wrong_password_recorded)
{
    const char *token = NULL;
    mpcms_session_t *session = NULL;
    long retry_after;

    ck_assert_int_eq(
        login(&token, &session, &retry_after, EMAIL, "wrong", ADDRESS),
        MPCMS_EUNAUTHORIZED);
    ck_assert_ptr_null(token);
    ck_assert_int_eq(
        admin_db_number(&test_db, "SELECT count(*) FROM login_failures WHERE "
                                  "account = '" EMAIL
                                  "' AND client_address = '" ADDRESS "'"),
        1);
    ck_assert_int_eq(admin_db_number(&test_db, "SELECT count(*) FROM sessions"),
                     0);
}
END_TEST

START_TEST(login_unknown_and_disabled_look_alike)
{
    const char *token = NULL;
    mpcms_session_t *session = NULL;
    long retry_after;

    create_user("off@example.com", MPCMS_ROLE_SUPER_ADMIN, 0);
    ck_assert_int_eq(login(&token, &session, &retry_after, "nobody@example.com",
                           PASSWORD, ADDRESS),
                     MPCMS_EUNAUTHORIZED);
    ck_assert_int_eq(login(&token, &session, &retry_after, "off@example.com",
                           PASSWORD, ADDRESS),
                     MPCMS_EUNAUTHORIZED);
}
END_TEST

START_TEST(login_throttled_per_account)
{
    const char *token = NULL;
    mpcms_session_t *session = NULL;
    long retry_after = 0;
    int i;

    for (i = 0; i < MPCMS_THROTTLE_ACCOUNT_LIMIT; i++) {
        now += apr_time_from_sec(10);
        ck_assert_int_eq(login(&token, &session, &retry_after, EMAIL, "wrong",
                               apr_psprintf(unit_pool, "192.0.2.%d", i)),
                         MPCMS_EUNAUTHORIZED);
    }

    /* The right password from a fresh address is refused unchecked. */
    ck_assert_int_eq(
        login(&token, &session, &retry_after, EMAIL, PASSWORD, "198.51.100.1"),
        MPCMS_ETHROTTLED);
    /* The oldest of the five failed 40 s ago. */
    ck_assert_int_eq(retry_after, 900 - 40);
    ck_assert_int_eq(
        admin_db_number(&test_db, "SELECT count(*) FROM login_failures"),
        MPCMS_THROTTLE_ACCOUNT_LIMIT);

    /* Once the oldest failure leaves the window, logins work again. */
    now += apr_time_from_sec(retry_after);
    ck_assert_int_eq(
        login(&token, &session, &retry_after, EMAIL, PASSWORD, "198.51.100.1"),
        APR_SUCCESS);
    ck_assert_int_eq(
        admin_db_number(&test_db, "SELECT count(*) FROM login_failures WHERE "
                                  "account = '" EMAIL "'"),
        0);
}
END_TEST

START_TEST(login_throttled_per_address)
{
    const char *token = NULL;
    mpcms_session_t *session = NULL;
    long retry_after = 0;
    int i;

    /* Known users (cheap hashes) keep the test fast; each fails once. */
    for (i = 0; i < MPCMS_THROTTLE_ADDRESS_LIMIT; i++) {
        const char *email = apr_psprintf(unit_pool, "u%d@example.com", i);

        create_user(email, MPCMS_ROLE_VENDOR_USER, 1);
        ck_assert_int_eq(
            login(&token, &session, &retry_after, email, "wrong", ADDRESS),
            MPCMS_EUNAUTHORIZED);
    }
    ck_assert_int_eq(
        login(&token, &session, &retry_after, EMAIL, PASSWORD, ADDRESS),
        MPCMS_ETHROTTLED);
    ck_assert_int_eq(retry_after, 900);

    /* Another address is not affected. */
    ck_assert_int_eq(
        login(&token, &session, &retry_after, EMAIL, PASSWORD, "198.51.100.1"),
        APR_SUCCESS);
}
END_TEST

START_TEST(login_replaces_old_session)
{
    const char *first = NULL;
    const char *second = NULL;
    mpcms_session_t *session = NULL;
    mpcms_session_t *found = NULL;
    mpcms_error_t *error = NULL;
    long retry_after;

    login(&first, &session, &retry_after, EMAIL, PASSWORD, ADDRESS);
    ck_assert_int_eq(mpcms_account_login(&second, &session, &retry_after,
                                         &test_db.store, EMAIL, PASSWORD,
                                         ADDRESS, first, NULL, now, &error,
                                         unit_pool),
                     APR_SUCCESS);
    ck_assert_str_ne(first, second);
    mpcms_account_session(&found, &test_db.store, first, now, &error,
                          unit_pool);
    ck_assert_ptr_null(found);
    mpcms_account_session(&found, &test_db.store, second, now, &error,
                          unit_pool);
    ck_assert_ptr_nonnull(found);
}
END_TEST

START_TEST(session_expires_when_idle)
{
    const char *token = NULL;
    mpcms_session_t *session = NULL;
    mpcms_session_t *found = NULL;
    mpcms_error_t *error = NULL;
    long retry_after;

    login(&token, &session, &retry_after, EMAIL, PASSWORD, ADDRESS);

    /* Each request within the idle limit keeps it alive. */
    now += MPCMS_SESSION_IDLE - apr_time_from_sec(1);
    mpcms_account_session(&found, &test_db.store, token, now, &error,
                          unit_pool);
    ck_assert_ptr_nonnull(found);

    now += MPCMS_SESSION_IDLE + apr_time_from_sec(1);
    mpcms_account_session(&found, &test_db.store, token, now, &error,
                          unit_pool);
    ck_assert_ptr_null(found);
}
END_TEST

START_TEST(session_expires_after_lifetime)
{
    const char *token = NULL;
    mpcms_session_t *session = NULL;
    mpcms_session_t *found = NULL;
    mpcms_error_t *error = NULL;
    long retry_after;
    apr_time_t end;

    login(&token, &session, &retry_after, EMAIL, PASSWORD, ADDRESS);
    end = now + MPCMS_SESSION_LIFETIME;
    while (now + MPCMS_SESSION_IDLE / 2 < end) {
        now += MPCMS_SESSION_IDLE / 2;
        mpcms_account_session(&found, &test_db.store, token, now, &error,
                              unit_pool);
        ck_assert_ptr_nonnull(found);
    }
    now = end;
    mpcms_account_session(&found, &test_db.store, token, now, &error,
                          unit_pool);
    ck_assert_ptr_null(found);
}
END_TEST

START_TEST(session_ends_at_logout)
{
    const char *token = NULL;
    mpcms_session_t *session = NULL;
    mpcms_session_t *found = NULL;
    mpcms_error_t *error = NULL;
    long retry_after;

    login(&token, &session, &retry_after, EMAIL, PASSWORD, ADDRESS);
    ck_assert_int_eq(
        mpcms_account_logout(&test_db.store, token, &error, unit_pool),
        APR_SUCCESS);
    mpcms_account_session(&found, &test_db.store, token, now, &error,
                          unit_pool);
    ck_assert_ptr_null(found);
}
END_TEST

START_TEST(session_of_disabled_user_ends)
{
    const char *token = NULL;
    mpcms_session_t *session = NULL;
    mpcms_session_t *found = NULL;
    mpcms_error_t *error = NULL;
    long retry_after;

    login(&token, &session, &retry_after, EMAIL, PASSWORD, ADDRESS);
    admin_db_run(&test_db, "UPDATE users SET is_active = FALSE");
    mpcms_account_session(&found, &test_db.store, token, now, &error,
                          unit_pool);
    ck_assert_ptr_null(found);
}
END_TEST

START_TEST(session_garbage_token_ignored)
{
    mpcms_session_t *found = NULL;
    mpcms_error_t *error = NULL;

    ck_assert_int_eq(mpcms_account_session(&found, &test_db.store, "x' OR 1=1",
                                           now, &error, unit_pool),
                     APR_SUCCESS);
    ck_assert_ptr_null(found);
    ck_assert_int_eq(mpcms_account_session(&found, &test_db.store, NULL, now,
                                           &error, unit_pool),
                     APR_SUCCESS);
    ck_assert_ptr_null(found);
}
END_TEST

START_TEST(bearer_token_found_until_revoked)
{
    const char *token = "mpcms_test_token_value";
    mpcms_user_t *user = NULL;
    mpcms_error_t *error = NULL;

    admin_db_run(&test_db,
                 apr_psprintf(unit_pool,
                              "INSERT INTO api_tokens (user_id, name, "
                              "token_hash, token_prefix, created_at) SELECT "
                              "id, 'ci', '%s', 'mpcms_te', "
                              "'2026-01-01T00:00:00Z' FROM users",
                              mpcms_auth_token_hash(token, unit_pool)));

    ck_assert_int_eq(mpcms_account_bearer(&user, &test_db.store, token, now,
                                          &error, unit_pool),
                     APR_SUCCESS);
    ck_assert_ptr_nonnull(user);
    ck_assert_str_eq(user->email, EMAIL);
    ck_assert_ptr_nonnull(
        admin_db_text(&test_db, "SELECT last_used_at FROM api_tokens"));

    admin_db_run(&test_db,
                 "UPDATE api_tokens SET revoked_at = '2026-01-02T00:00:00Z'");
    mpcms_account_bearer(&user, &test_db.store, token, now, &error, unit_pool);
    ck_assert_ptr_null(user);
}
END_TEST

START_TEST(create_user_writes_audit_row)
{
    const char *after;
    json_t *record;

    ck_assert_int_eq(
        admin_db_number(&test_db, "SELECT count(*) FROM audit_log WHERE "
                                  "entity = 'user' AND action = 'create' AND "
                                  "entity_key = '" EMAIL
                                  "' AND actor = 'mpcms-admin' AND "
                                  "user_id IS NULL AND before_data IS NULL"),
        1);
    after = admin_db_text(&test_db, "SELECT after_data FROM audit_log");
    record = json_loads(after, 0, NULL);
    ck_assert_ptr_nonnull(record);
    ck_assert_str_eq(json_string_value(json_object_get(record, "email")),
                     EMAIL);
    ck_assert_str_eq(json_string_value(json_object_get(record, "role")),
                     MPCMS_ROLE_SUPER_ADMIN);
    /* The hash never reaches the audit log. */
    ck_assert_ptr_null(strstr(after, "$2y$"));
    json_decref(record);
}
END_TEST

START_TEST(create_user_duplicate_conflicts)
{
    mpcms_actor_t actor = tool_actor();
    mpcms_error_t *error = NULL;
    apr_int64_t id;

    ck_assert_int_eq(mpcms_account_create_user(&id, &test_db.store, &actor,
                                               EMAIL, PASSWORD,
                                               MPCMS_ROLE_SUPER_ADMIN, 1, NULL,
                                               TEST_COST, &error, unit_pool),
                     MPCMS_ECONFLICT);
    ck_assert_str_eq(error->source, "email");
    ck_assert_int_eq(admin_db_number(&test_db, "SELECT count(*) FROM users"),
                     1);
}
END_TEST

START_TEST(create_user_short_password_rejected)
{
    mpcms_actor_t actor = tool_actor();
    mpcms_error_t *error = NULL;
    apr_int64_t id;

    ck_assert_int_eq(mpcms_account_create_user(&id, &test_db.store, &actor,
                                               "new@example.com", "short",
                                               MPCMS_ROLE_SUPER_ADMIN, 1, NULL,
                                               TEST_COST, &error, unit_pool),
                     MPCMS_EINVALID);
    ck_assert_str_eq(error->source, "password");
}
END_TEST

START_TEST(create_user_unknown_vendor_writes_nothing)
{
    mpcms_actor_t actor = tool_actor();
    mpcms_error_t *error = NULL;
    apr_array_header_t *vendors =
        apr_array_make(unit_pool, 2, sizeof(const char *));
    apr_int64_t id;

    APR_ARRAY_PUSH(vendors, const char *) = "wizamart";
    APR_ARRAY_PUSH(vendors, const char *) = "nosuchvendor";
    ck_assert_int_eq(mpcms_account_create_user(
                         &id, &test_db.store, &actor, "shop@example.com",
                         PASSWORD, MPCMS_ROLE_VENDOR_USER, 1, vendors,
                         TEST_COST, &error, unit_pool),
                     MPCMS_EINVALID);
    ck_assert_str_eq(error->source, "vendors");
    ck_assert_int_eq(admin_db_number(&test_db, "SELECT count(*) FROM users"),
                     1);
    ck_assert_int_eq(
        admin_db_number(&test_db, "SELECT count(*) FROM vendor_users"), 0);
    ck_assert_int_eq(
        admin_db_number(&test_db, "SELECT count(*) FROM audit_log"), 1);
}
END_TEST

START_TEST(transaction_rolled_back_by_pool_cleanup)
{
    mpcms_error_t *error = NULL;
    apr_pool_t *request_pool;
    mpcms_tx_t *tx;
    int affected;
    const char *args[] = { "x@example.com", "192.0.2.1",
                           "2026-01-01T00:00:00Z" };

    apr_pool_create(&request_pool, unit_pool);
    ck_assert_int_eq(mpcms_tx_begin(&tx, &test_db.store, &error, request_pool),
                     APR_SUCCESS);
    ck_assert_int_eq(mpcms_db_execute(&affected, mpcms_tx_db(tx),
                                      MPCMS_SQL_FAILURE_INSERT, args, &error,
                                      request_pool),
                     APR_SUCCESS);
    /* The request ends without commit, as after a crash in a handler. */
    apr_pool_destroy(request_pool);

    ck_assert_int_eq(
        admin_db_number(&test_db, "SELECT count(*) FROM login_failures"), 0);
    /* The connection is usable again, outside any transaction. */
    admin_db_run(&test_db, "DELETE FROM login_failures");
}
END_TEST

START_TEST(unique_violation_maps_to_conflict)
{
    mpcms_error_t *error = NULL;
    mpcms_rows_t *rows;
    const char *args[] = { "oms", "Again", NULL, NULL,       NULL, NULL,
                           "{}",  "1",     "en", "[\"en\"]", "UTC" };

    ck_assert_int_eq(mpcms_db_select(&rows, &test_db.unit.db,
                                     MPCMS_SQL_ADMIN_PLATFORM_INSERT, args,
                                     &error, unit_pool),
                     MPCMS_ECONFLICT);
    ck_assert_ptr_nonnull(strstr(error->source, "platform_insert"));
}
END_TEST

static void add_tests(TCase *tcase)
{
    tcase_add_test(tcase, login_creates_session);
    tcase_add_test(tcase, login_wrong_password_recorded);
    tcase_add_test(tcase, login_unknown_and_disabled_look_alike);
    tcase_add_test(tcase, login_throttled_per_account);
    tcase_add_test(tcase, login_throttled_per_address);
    tcase_add_test(tcase, login_replaces_old_session);
    tcase_add_test(tcase, session_expires_when_idle);
    tcase_add_test(tcase, session_expires_after_lifetime);
    tcase_add_test(tcase, session_ends_at_logout);
    tcase_add_test(tcase, session_of_disabled_user_ends);
    tcase_add_test(tcase, session_garbage_token_ignored);
    tcase_add_test(tcase, bearer_token_found_until_revoked);
    tcase_add_test(tcase, create_user_writes_audit_row);
    tcase_add_test(tcase, create_user_duplicate_conflicts);
    tcase_add_test(tcase, create_user_short_password_rejected);
    tcase_add_test(tcase, create_user_unknown_vendor_writes_nothing);
    tcase_add_test(tcase, transaction_rolled_back_by_pool_cleanup);
    tcase_add_test(tcase, unique_violation_maps_to_conflict);
    /* A login for an unknown user runs bcrypt at cost 12. */
    tcase_set_timeout(tcase, 60);
}

Suite *accounts_suite(void)
{
    Suite *suite = suite_create("accounts");
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
