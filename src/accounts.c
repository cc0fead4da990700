/* Logins, sessions, API tokens, users and the audit log. */
#include <apr_strings.h>
#include <string.h>

#include "accounts.h"
#include "auth.h"
#include "record.h"
#include "text.h"
#include "throttle.h"
#include "timestamp.h"

/* Column order of MPCMS_SQL_USER_BY_EMAIL. */
enum {
    LOGIN_ID,
    LOGIN_EMAIL,
    LOGIN_PASSWORD_HASH,
    LOGIN_ROLE,
    LOGIN_IS_ACTIVE
};

/* Column order of MPCMS_SQL_SESSION_GET. */
enum {
    SESSION_ID,
    SESSION_USER_ID,
    SESSION_EMAIL,
    SESSION_ROLE,
    SESSION_CSRF,
    SESSION_LAST_SEEN
};

/* Column order of MPCMS_SQL_TOKEN_LOOKUP. */
enum {
    BEARER_TOKEN_ID,
    BEARER_USER_ID,
    BEARER_EMAIL,
    BEARER_ROLE,
    BEARER_LAST_USED
};

int mpcms_user_is_super_admin(const mpcms_user_t *user)
{
    return user != NULL && user->role != NULL
           && strcmp(user->role, MPCMS_ROLE_SUPER_ADMIN) == 0;
}

static const char *id_text(apr_int64_t id, apr_pool_t *pool)
{
    return apr_psprintf(pool, "%" APR_INT64_T_FMT, id);
}

apr_status_t mpcms_account_may_manage(int *allowed, mpcms_store_t *store,
                                      const mpcms_user_t *user,
                                      const char *vendor_code,
                                      mpcms_error_t **error, apr_pool_t *pool)
{
    const char *args[] = { id_text(user->id, pool) };
    mpcms_rows_t *rows;
    mpcms_db_t *db;
    apr_status_t rv;
    int row;

    *allowed = mpcms_user_is_super_admin(user);
    if (*allowed || vendor_code == NULL) {
        return APR_SUCCESS;
    }
    rv = mpcms_store_db(&db, store, error);
    if (rv == APR_SUCCESS) {
        rv = mpcms_db_select(&rows, db, MPCMS_SQL_USER_VENDORS, args, error,
                             pool);
    }
    if (rv != APR_SUCCESS) {
        return rv;
    }
    for (row = 0; row < rows->count; row++) {
        if (strcmp(mpcms_rows_get(rows, row, 0), vendor_code) == 0) {
            *allowed = 1;
        }
    }
    return APR_SUCCESS;
}

/* Returns 1 when the stored time is older than now minus interval. */
static int is_older_than(const char *stored, apr_time_t now,
                         apr_interval_time_t interval)
{
    apr_time_t t;

    return stored == NULL || mpcms_timestamp_parse(&t, stored) != APR_SUCCESS
           || t <= now - interval;
}

/* ---- throttling ---- */

/* Returns the wait that failures in one statement's rows impose. */
static apr_status_t failures_wait(long *wait, mpcms_db_t *db, mpcms_sql_e id,
                                  const char *key, int limit, apr_time_t now,
                                  mpcms_error_t **error, apr_pool_t *pool)
{
    const char *args[] = {
        key, mpcms_timestamp_format(now - MPCMS_THROTTLE_WINDOW, pool),
        apr_itoa(pool, limit)
    };
    apr_time_t *times;
    mpcms_rows_t *rows;
    apr_status_t rv;
    int row;

    rv = mpcms_db_select(&rows, db, id, args, error, pool);
    if (rv != APR_SUCCESS) {
        return rv;
    }
    times = apr_pcalloc(pool, sizeof(apr_time_t) * (rows->count + 1));
    for (row = 0; row < rows->count; row++) {
        if (mpcms_timestamp_parse(&times[row], mpcms_rows_get(rows, row, 0))
            != APR_SUCCESS) {
            times[row] = now;
        }
    }
    *wait = mpcms_throttle_wait(times, rows->count, limit,
                                MPCMS_THROTTLE_WINDOW, now);
    return APR_SUCCESS;
}

static apr_status_t throttle_wait(long *wait, mpcms_db_t *db,
                                  const char *account, const char *address,
                                  apr_time_t now, mpcms_error_t **error,
                                  apr_pool_t *pool)
{
    long by_account = 0;
    long by_address = 0;
    apr_status_t rv;

    rv = failures_wait(&by_account, db, MPCMS_SQL_FAILURES_BY_ACCOUNT, account,
                       MPCMS_THROTTLE_ACCOUNT_LIMIT, now, error, pool);
    if (rv == APR_SUCCESS) {
        rv = failures_wait(&by_address, db, MPCMS_SQL_FAILURES_BY_ADDRESS,
                           address, MPCMS_THROTTLE_ADDRESS_LIMIT, now, error,
                           pool);
    }
    *wait = by_account > by_address ? by_account : by_address;
    return rv;
}

/* Records a failed login and drops failures that left the window. */
static apr_status_t record_failure(mpcms_db_t *db, const char *account,
                                   const char *address, apr_time_t now,
                                   mpcms_error_t **error, apr_pool_t *pool)
{
    const char *insert_args[] = { account, address,
                                  mpcms_timestamp_format(now, pool) };
    const char *purge_args[] = { mpcms_timestamp_format(
        now - MPCMS_THROTTLE_WINDOW, pool) };
    int affected;
    apr_status_t rv;

    rv = mpcms_db_execute(&affected, db, MPCMS_SQL_FAILURE_INSERT, insert_args,
                          error, pool);
    if (rv == APR_SUCCESS) {
        rv = mpcms_db_execute(&affected, db, MPCMS_SQL_FAILURES_PURGE,
                              purge_args, error, pool);
    }
    return rv;
}

/* ---- login ---- */

/*
 * Looks up the user of email and checks the password. *user is NULL when
 * the login fails for any reason.
 */
static apr_status_t check_credentials(mpcms_user_t **user, mpcms_db_t *db,
                                      const char *email, const char *password,
                                      mpcms_error_t **error, apr_pool_t *pool)
{
    const char *args[] = { email };
    mpcms_rows_t *rows;
    const char *hash;
    apr_status_t rv;
    mpcms_user_t *found;

    *user = NULL;
    rv = mpcms_db_select(&rows, db, MPCMS_SQL_USER_BY_EMAIL, args, error, pool);
    if (rv != APR_SUCCESS) {
        return rv;
    }
    hash =
        rows->count == 1 ? mpcms_rows_get(rows, 0, LOGIN_PASSWORD_HASH) : NULL;

    /* Exactly one bcrypt check, so that the time taken does not reveal
     * whether the account exists. */
    if (!mpcms_auth_password_verify(password, hash) || rows->count != 1
        || !mpcms_rows_bool(rows, 0, LOGIN_IS_ACTIVE)) {
        return APR_SUCCESS;
    }

    found = apr_pcalloc(pool, sizeof(*found));
    found->id = mpcms_rows_int(rows, 0, LOGIN_ID);
    found->email = mpcms_rows_get(rows, 0, LOGIN_EMAIL);
    found->role = mpcms_rows_get(rows, 0, LOGIN_ROLE);
    *user = found;
    return APR_SUCCESS;
}

/* Creates the session row of a successful login, in one transaction. */
static apr_status_t open_session(const char **token, mpcms_session_t **session,
                                 mpcms_store_t *store, const mpcms_user_t *user,
                                 const char *account,
                                 const char *client_address,
                                 const char *old_token, apr_time_t now,
                                 mpcms_error_t **error, apr_pool_t *pool)
{
    const char *now_text = mpcms_timestamp_format(now, pool);
    const char *new_token;
    const char *csrf_token;
    mpcms_session_t *opened;
    mpcms_tx_t *tx;
    apr_status_t rv;
    int affected;

    rv = mpcms_auth_token_make(&new_token, MPCMS_TOKEN_BYTES, pool);
    if (rv == APR_SUCCESS) {
        rv = mpcms_auth_token_make(&csrf_token, MPCMS_TOKEN_BYTES, pool);
    }
    if (rv != APR_SUCCESS) {
        *error = mpcms_error_make(NULL, 0, 0, pool,
                                  "no random bytes for a session token");
        return rv;
    }

    rv = mpcms_tx_begin(&tx, store, error, pool);
    if (rv != APR_SUCCESS) {
        return rv;
    }
    if (old_token != NULL) {
        const char *args[] = { mpcms_auth_token_hash(old_token, pool) };

        rv = mpcms_db_execute(&affected, mpcms_tx_db(tx),
                              MPCMS_SQL_SESSION_DELETE, args, error, pool);
    }
    if (rv == APR_SUCCESS) {
        const char *args[] = {
            now_text,
            mpcms_timestamp_format(now - MPCMS_SESSION_IDLE, pool),
        };

        rv = mpcms_db_execute(&affected, mpcms_tx_db(tx),
                              MPCMS_SQL_SESSION_PURGE, args, error, pool);
    }
    if (rv == APR_SUCCESS) {
        const char *args[] = {
            mpcms_auth_token_hash(new_token, pool),
            id_text(user->id, pool),
            csrf_token,
            client_address,
            now_text,
            now_text,
            mpcms_timestamp_format(now + MPCMS_SESSION_LIFETIME, pool),
        };

        rv = mpcms_db_execute(&affected, mpcms_tx_db(tx),
                              MPCMS_SQL_SESSION_INSERT, args, error, pool);
    }
    if (rv == APR_SUCCESS) {
        const char *args[] = { account };

        rv = mpcms_db_execute(&affected, mpcms_tx_db(tx),
                              MPCMS_SQL_FAILURES_CLEAR_ACCOUNT, args, error,
                              pool);
    }
    if (rv == APR_SUCCESS) {
        const char *args[] = { now_text, id_text(user->id, pool) };

        rv = mpcms_db_execute(&affected, mpcms_tx_db(tx),
                              MPCMS_SQL_USER_TOUCH_LOGIN, args, error, pool);
    }
    if (rv != APR_SUCCESS) {
        mpcms_tx_rollback(tx);
        return rv;
    }
    rv = mpcms_tx_commit(tx, error);
    if (rv != APR_SUCCESS) {
        return rv;
    }

    opened = apr_pcalloc(pool, sizeof(*opened));
    opened->user = *user;
    opened->csrf_token = csrf_token;
    *session = opened;
    *token = new_token;
    return APR_SUCCESS;
}

apr_status_t mpcms_account_login(const char **token, mpcms_session_t **session,
                                 long *retry_after, mpcms_store_t *store,
                                 const char *email, const char *password,
                                 const char *client_address,
                                 const char *old_token, const char *vendor_code,
                                 apr_time_t now, mpcms_error_t **error,
                                 apr_pool_t *pool)
{
    const char *account =
        mpcms_text_lower(mpcms_text_trim(email ? email : "", pool), pool);
    const char *address = client_address ? client_address : "";
    mpcms_user_t *user;
    mpcms_db_t *db;
    apr_status_t rv;

    *token = NULL;
    *session = NULL;
    *retry_after = 0;
    rv = mpcms_store_db(&db, store, error);
    if (rv != APR_SUCCESS) {
        return rv;
    }

    rv = throttle_wait(retry_after, db, account, address, now, error, pool);
    if (rv != APR_SUCCESS) {
        return rv;
    }
    if (*retry_after > 0) {
        *error = mpcms_error_make("email", 0, 0, pool,
                                  "too many failed logins; try again in %ld "
                                  "seconds",
                                  *retry_after);
        return MPCMS_ETHROTTLED;
    }

    rv = check_credentials(&user, db, account, password, error, pool);
    if (rv != APR_SUCCESS) {
        return rv;
    }
    if (user == NULL) {
        rv = record_failure(db, account, address, now, error, pool);
        if (rv != APR_SUCCESS) {
            return rv;
        }
        *error = mpcms_error_make("email", 0, 0, pool,
                                  "wrong e-mail address or password");
        return MPCMS_EUNAUTHORIZED;
    }
    if (vendor_code != NULL) {
        int allowed = 0;

        rv = mpcms_account_may_manage(&allowed, store, user, vendor_code, error,
                                      pool);
        if (rv != APR_SUCCESS) {
            return rv;
        }
        if (!allowed) {
            *error = mpcms_error_make("email", 0, 0, pool,
                                      "the account %s has no access to the "
                                      "dashboard of %s",
                                      account, vendor_code);
            return MPCMS_EFORBIDDEN;
        }
    }
    return open_session(token, session, store, user, account, address,
                        old_token, now, error, pool);
}

/* ---- sessions and tokens ---- */

apr_status_t mpcms_account_session(mpcms_session_t **session,
                                   mpcms_store_t *store, const char *token,
                                   apr_time_t now, mpcms_error_t **error,
                                   apr_pool_t *pool)
{
    const char *args[] = {
        NULL,
        mpcms_timestamp_format(now, pool),
        mpcms_timestamp_format(now - MPCMS_SESSION_IDLE, pool),
    };
    mpcms_session_t *found;
    mpcms_rows_t *rows;
    mpcms_db_t *db;
    apr_status_t rv;

    *session = NULL;
    if (token == NULL || strlen(token) != MPCMS_TOKEN_LENGTH) {
        return APR_SUCCESS;
    }
    args[0] = mpcms_auth_token_hash(token, pool);
    rv = mpcms_store_db(&db, store, error);
    if (rv == APR_SUCCESS) {
        rv = mpcms_db_select(&rows, db, MPCMS_SQL_SESSION_GET, args, error,
                             pool);
    }
    if (rv != APR_SUCCESS || rows->count != 1) {
        return rv;
    }

    found = apr_pcalloc(pool, sizeof(*found));
    found->id = mpcms_rows_int(rows, 0, SESSION_ID);
    found->user.id = mpcms_rows_int(rows, 0, SESSION_USER_ID);
    found->user.email = mpcms_rows_get(rows, 0, SESSION_EMAIL);
    found->user.role = mpcms_rows_get(rows, 0, SESSION_ROLE);
    found->csrf_token = mpcms_rows_get(rows, 0, SESSION_CSRF);

    if (is_older_than(mpcms_rows_get(rows, 0, SESSION_LAST_SEEN), now,
                      MPCMS_TOUCH_INTERVAL)) {
        const char *touch_args[] = { mpcms_timestamp_format(now, pool),
                                     id_text(found->id, pool) };
        int affected;

        rv = mpcms_db_execute(&affected, db, MPCMS_SQL_SESSION_TOUCH,
                              touch_args, error, pool);
        if (rv != APR_SUCCESS) {
            return rv;
        }
    }
    *session = found;
    return APR_SUCCESS;
}

apr_status_t mpcms_account_logout(mpcms_store_t *store, const char *token,
                                  mpcms_error_t **error, apr_pool_t *pool)
{
    const char *args[] = { NULL };
    mpcms_db_t *db;
    apr_status_t rv;
    int affected;

    if (token == NULL) {
        return APR_SUCCESS;
    }
    args[0] = mpcms_auth_token_hash(token, pool);
    rv = mpcms_store_db(&db, store, error);
    if (rv != APR_SUCCESS) {
        return rv;
    }
    return mpcms_db_execute(&affected, db, MPCMS_SQL_SESSION_DELETE, args,
                            error, pool);
}

apr_status_t mpcms_account_bearer(mpcms_user_t **user, mpcms_store_t *store,
                                  const char *token, apr_time_t now,
                                  mpcms_error_t **error, apr_pool_t *pool)
{
    const char *args[] = { NULL };
    mpcms_user_t *found;
    mpcms_rows_t *rows;
    mpcms_db_t *db;
    apr_status_t rv;

    *user = NULL;
    if (token == NULL || token[0] == '\0') {
        return APR_SUCCESS;
    }
    args[0] = mpcms_auth_token_hash(token, pool);
    rv = mpcms_store_db(&db, store, error);
    if (rv == APR_SUCCESS) {
        rv = mpcms_db_select(&rows, db, MPCMS_SQL_TOKEN_LOOKUP, args, error,
                             pool);
    }
    if (rv != APR_SUCCESS || rows->count != 1) {
        return rv;
    }

    found = apr_pcalloc(pool, sizeof(*found));
    found->id = mpcms_rows_int(rows, 0, BEARER_USER_ID);
    found->email = mpcms_rows_get(rows, 0, BEARER_EMAIL);
    found->role = mpcms_rows_get(rows, 0, BEARER_ROLE);

    if (is_older_than(mpcms_rows_get(rows, 0, BEARER_LAST_USED), now,
                      MPCMS_TOUCH_INTERVAL)) {
        const char *touch_args[] = {
            mpcms_timestamp_format(now, pool),
            id_text(mpcms_rows_int(rows, 0, BEARER_TOKEN_ID), pool),
        };
        int affected;

        rv = mpcms_db_execute(&affected, db, MPCMS_SQL_TOKEN_TOUCH, touch_args,
                              error, pool);
        if (rv != APR_SUCCESS) {
            return rv;
        }
    }
    *user = found;
    return APR_SUCCESS;
}

/* ---- users and the audit log ---- */

apr_status_t mpcms_audit_write(mpcms_db_t *db, const mpcms_actor_t *actor,
                               const char *action, const char *entity,
                               const char *key, const json_t *before,
                               const json_t *after, mpcms_error_t **error,
                               apr_pool_t *pool)
{
    const char *args[] = {
        mpcms_timestamp_format(actor->now, pool),
        actor->user_id > 0 ? id_text(actor->user_id, pool) : NULL,
        actor->name,
        action,
        entity,
        key,
        before != NULL ? mpcms_json_text(before, 0, pool) : NULL,
        after != NULL ? mpcms_json_text(after, 0, pool) : NULL,
        actor->client_address,
    };
    int affected;

    return mpcms_db_execute(&affected, db, MPCMS_SQL_AUDIT_INSERT, args, error,
                            pool);
}

apr_status_t mpcms_account_link_vendors(mpcms_db_t *db, apr_int64_t user_id,
                                        const apr_array_header_t *vendors,
                                        mpcms_error_t **error, apr_pool_t *pool)
{
    const char *clear_args[] = { id_text(user_id, pool) };
    apr_status_t rv;
    int affected;
    int i;

    rv = mpcms_db_execute(&affected, db, MPCMS_SQL_USER_VENDORS_CLEAR,
                          clear_args, error, pool);
    for (i = 0; rv == APR_SUCCESS && vendors != NULL && i < vendors->nelts;
         i++) {
        const char *code = APR_ARRAY_IDX(vendors, i, const char *);
        const char *args[] = { id_text(user_id, pool), code };

        rv = mpcms_db_execute(&affected, db, MPCMS_SQL_USER_VENDOR_ADD, args,
                              error, pool);
        if (rv == APR_SUCCESS && affected != 1) {
            *error = mpcms_error_make("vendors", 0, 0, pool,
                                      "no vendor with code '%s'", code);
            rv = MPCMS_EINVALID;
        }
    }
    return rv;
}

apr_status_t mpcms_account_user_json(json_t **record, mpcms_db_t *db,
                                     apr_int64_t id, mpcms_error_t **error,
                                     apr_pool_t *pool)
{
    const char *args[] = { id_text(id, pool) };
    mpcms_rows_t *rows;
    mpcms_rows_t *vendors;
    json_t *codes;
    apr_status_t rv;
    int row;

    *record = NULL;
    rv = mpcms_db_select(&rows, db, MPCMS_SQL_USER_GET, args, error, pool);
    if (rv == APR_SUCCESS && rows->count == 1) {
        rv = mpcms_db_select(&vendors, db, MPCMS_SQL_USER_VENDORS, args, error,
                             pool);
    }
    if (rv != APR_SUCCESS || rows->count != 1) {
        return rv;
    }
    *record = mpcms_record_json(rows, 0, mpcms_user_columns);
    codes = json_array();
    for (row = 0; row < vendors->count; row++) {
        json_array_append_new(codes,
                              json_string(mpcms_rows_get(vendors, row, 0)));
    }
    json_object_set_new(*record, "vendors", codes);
    return APR_SUCCESS;
}

apr_status_t mpcms_account_create_user(apr_int64_t *id, mpcms_store_t *store,
                                       const mpcms_actor_t *actor,
                                       const char *email, const char *password,
                                       const char *role, int is_active,
                                       const apr_array_header_t *vendors,
                                       int cost, mpcms_error_t **error,
                                       apr_pool_t *pool)
{
    const char *hash;
    mpcms_rows_t *rows;
    json_t *after = NULL;
    mpcms_tx_t *tx;
    apr_status_t rv;

    *id = 0;
    rv = mpcms_auth_password_check(password, error, pool);
    if (rv != APR_SUCCESS) {
        return MPCMS_EINVALID;
    }
    rv = mpcms_auth_password_hash(&hash, password, cost, error, pool);
    if (rv != APR_SUCCESS) {
        return rv;
    }

    rv = mpcms_tx_begin(&tx, store, error, pool);
    if (rv != APR_SUCCESS) {
        return rv;
    }
    {
        const char *args[] = { email, "0" };

        rv = mpcms_db_select(&rows, mpcms_tx_db(tx), MPCMS_SQL_USER_EMAIL_TAKEN,
                             args, error, pool);
        if (rv == APR_SUCCESS && rows->count > 0) {
            *error = mpcms_error_make("email", 0, 0, pool,
                                      "a user with e-mail address '%s' "
                                      "already exists",
                                      email);
            rv = MPCMS_ECONFLICT;
        }
    }
    if (rv == APR_SUCCESS) {
        const char *args[] = { email, hash, role, is_active ? "1" : "0" };

        rv = mpcms_db_select(&rows, mpcms_tx_db(tx), MPCMS_SQL_USER_INSERT,
                             args, error, pool);
        if (rv == APR_SUCCESS) {
            *id = mpcms_rows_int(rows, 0, 0);
        }
    }
    if (rv == APR_SUCCESS) {
        rv = mpcms_account_link_vendors(mpcms_tx_db(tx), *id, vendors, error,
                                        pool);
    }
    if (rv == APR_SUCCESS) {
        rv = mpcms_account_user_json(&after, mpcms_tx_db(tx), *id, error, pool);
    }
    if (rv == APR_SUCCESS) {
        rv = mpcms_audit_write(mpcms_tx_db(tx), actor, "create", "user", email,
                               NULL, after, error, pool);
    }
    json_decref(after);
    if (rv != APR_SUCCESS) {
        mpcms_tx_rollback(tx);
        *id = 0;
        return rv;
    }
    return mpcms_tx_commit(tx, error);
}
