/*
 * Accounts of the admin area and, later, the vendor dashboards: login
 * with throttling, server-side sessions, API bearer tokens, and the audit
 * log that records who changed what.
 *
 * A session is a row of the sessions table found by the SHA-256 of a
 * random token that only the client's cookie holds. It ends
 * MPCMS_SESSION_LIFETIME after login, after MPCMS_SESSION_IDLE without a
 * request, at logout, or when an admin resets the user's password or
 * disables the user; deleting the row ends it at once.
 */
#ifndef MPCMS_ACCOUNTS_H
#define MPCMS_ACCOUNTS_H

#include <apr_tables.h>
#include <apr_time.h>
#include <jansson.h>

#include "error.h"
#include "store.h"

#define MPCMS_ROLE_SUPER_ADMIN "super_admin"
#define MPCMS_ROLE_VENDOR_USER "vendor_user"

/* A session ends this long after login, whatever happens. */
#define MPCMS_SESSION_LIFETIME apr_time_from_sec(8 * 3600)

/* A session ends after this long without a request. */
#define MPCMS_SESSION_IDLE apr_time_from_sec(30 * 60)

/*
 * last_seen_at and an API token's last_used_at are written at most once
 * per this interval, so that reading pages does not write on every
 * request.
 */
#define MPCMS_TOUCH_INTERVAL apr_time_from_sec(60)

typedef struct mpcms_user {
    apr_int64_t id;
    const char *email;
    const char *role; /* MPCMS_ROLE_SUPER_ADMIN or MPCMS_ROLE_VENDOR_USER */
} mpcms_user_t;

typedef struct mpcms_session {
    apr_int64_t id;
    mpcms_user_t user;
    const char *csrf_token;
} mpcms_session_t;

/*
 * Who makes a change, for the audit log. user_id 0 means no user (the
 * command-line tool), and then name says what made the change.
 */
typedef struct mpcms_actor {
    apr_int64_t user_id;
    const char *name;           /* the user's e-mail, or "mpcms-admin" */
    const char *client_address; /* may be NULL */
    apr_time_t now;
} mpcms_actor_t;

/* Returns 1 when user is an active super admin's record. */
int mpcms_user_is_super_admin(const mpcms_user_t *user);

/*
 * Decides whether user may act in the dashboard of the vendor with
 * vendor_code: *allowed is 1 for a super admin, and for a vendor user
 * linked to that vendor (vendor_users); otherwise 0. Whether the vendor
 * and its membership are active is the caller's check.
 */
apr_status_t mpcms_account_may_manage(int *allowed, mpcms_store_t *store,
                                      const mpcms_user_t *user,
                                      const char *vendor_code,
                                      mpcms_error_t **error, apr_pool_t *pool);

/*
 * Logs in with an e-mail address and a password.
 *
 * Before any password check, counts the recent failures of the account
 * and of client_address (throttle.h); when either is at its limit,
 * returns MPCMS_ETHROTTLED with the seconds to wait in *retry_after.
 * A wrong password, an unknown address or a disabled user records a
 * failure and returns MPCMS_EUNAUTHORIZED (the three look the same to the
 * client). With vendor_code (a vendor dashboard's login), a user with
 * the right password who may not manage that vendor
 * (mpcms_account_may_manage) gets MPCMS_EFORBIDDEN and no session. This
 * is decided only after the password check, so it reveals nothing to
 * someone without the password. On success, deletes the session of
 * old_token (when given and found), creates a new session with a new
 * CSRF token, clears the account's failures, and returns the cookie value
 * in *token and the session in *session.
 */
apr_status_t mpcms_account_login(const char **token, mpcms_session_t **session,
                                 long *retry_after, mpcms_store_t *store,
                                 const char *email, const char *password,
                                 const char *client_address,
                                 const char *old_token, const char *vendor_code,
                                 apr_time_t now, mpcms_error_t **error,
                                 apr_pool_t *pool);

/*
 * Finds the live session of a cookie token: *session is NULL when there
 * is none (unknown, expired, idle too long, user disabled). Records the
 * request in last_seen_at at most once per MPCMS_TOUCH_INTERVAL.
 */
apr_status_t mpcms_account_session(mpcms_session_t **session,
                                   mpcms_store_t *store, const char *token,
                                   apr_time_t now, mpcms_error_t **error,
                                   apr_pool_t *pool);

/* Ends the session of a cookie token; nothing happens when there is none. */
apr_status_t mpcms_account_logout(mpcms_store_t *store, const char *token,
                                  mpcms_error_t **error, apr_pool_t *pool);

/*
 * Finds the user of an API bearer token that is not revoked and whose
 * user is active: *user is NULL when there is none. Records the use in
 * last_used_at at most once per MPCMS_TOUCH_INTERVAL.
 */
apr_status_t mpcms_account_bearer(mpcms_user_t **user, mpcms_store_t *store,
                                  const char *token, apr_time_t now,
                                  mpcms_error_t **error, apr_pool_t *pool);

/*
 * Creates a user in one transaction with its audit row: e-mail (already
 * lower-cased), password (checked against the policy and hashed with
 * bcrypt at cost), role, active flag, and the codes of the vendors it may
 * manage (const char *, may be NULL). Returns MPCMS_ECONFLICT when the
 * e-mail address is taken, MPCMS_EINVALID for a vendor code that does not
 * exist, both with *error naming the field.
 */
apr_status_t mpcms_account_create_user(apr_int64_t *id, mpcms_store_t *store,
                                       const mpcms_actor_t *actor,
                                       const char *email, const char *password,
                                       const char *role, int is_active,
                                       const apr_array_header_t *vendors,
                                       int cost, mpcms_error_t **error,
                                       apr_pool_t *pool);

/*
 * Replaces the vendor links of a user with the vendors of codes (const
 * char *, may be NULL), inside the caller's transaction. Returns
 * MPCMS_EINVALID, with *error naming the field "vendors", for a code that
 * does not exist.
 */
apr_status_t mpcms_account_link_vendors(mpcms_db_t *db, apr_int64_t user_id,
                                        const apr_array_header_t *vendors,
                                        mpcms_error_t **error,
                                        apr_pool_t *pool);

/*
 * Reads a user as the API and the audit log show it, vendor codes
 * included, into *record (NULL when there is no such user). The caller
 * owns the reference.
 */
apr_status_t mpcms_account_user_json(json_t **record, mpcms_db_t *db,
                                     apr_int64_t id, mpcms_error_t **error,
                                     apr_pool_t *pool);

/*
 * Writes an audit row inside the caller's transaction. before and after
 * are the record as it was and as it became (NULL for none); they are not
 * released.
 */
apr_status_t mpcms_audit_write(mpcms_db_t *db, const mpcms_actor_t *actor,
                               const char *action, const char *entity,
                               const char *key, const json_t *before,
                               const json_t *after, mpcms_error_t **error,
                               apr_pool_t *pool);

#endif /* MPCMS_ACCOUNTS_H */
