/*
 * Secrets of the admin area: bcrypt password hashes, random tokens for
 * sessions, CSRF and the API, and the SHA-256 digests under which the
 * database keeps session and API tokens.
 *
 * Passwords are checked only at login, with apr_password_validate against
 * the bcrypt hash ($2y$, as apr_bcrypt_encode and `htpasswd -B` write it).
 * Tokens are 32 random bytes from apr_generate_random_bytes, written in
 * unpadded base64url (43 characters), so they fit in cookies, headers and
 * form fields unescaped.
 */
#ifndef MPCMS_AUTH_H
#define MPCMS_AUTH_H

#include <apr_pools.h>

#include "error.h"

/* Random bytes in a session, CSRF or API token. */
#define MPCMS_TOKEN_BYTES 32

/* Length of a token in unpadded base64url. */
#define MPCMS_TOKEN_LENGTH 43

/* Length of a token digest: SHA-256 as lower-case hex. */
#define MPCMS_TOKEN_HASH_LENGTH 64

/*
 * bcrypt cost (log2 of the rounds) of new password hashes. At 12 one hash
 * took 0.2 s on the 2-core development machine (`htpasswd -B -C 12`), and
 * it runs only at login and when a password is set.
 */
#define MPCMS_BCRYPT_COST 12

/* Password length limits. bcrypt reads at most 72 bytes of a password. */
#define MPCMS_PASSWORD_MIN_CHARACTERS 12
#define MPCMS_PASSWORD_MAX_BYTES      72

/*
 * Makes a token of bytes random bytes, written in unpadded base64url, into
 * *token allocated from pool. Returns the status of
 * apr_generate_random_bytes on failure.
 */
apr_status_t mpcms_auth_token_make(const char **token, apr_size_t bytes,
                                   apr_pool_t *pool);

/* Returns the SHA-256 of text as 64 lower-case hex digits. */
const char *mpcms_auth_token_hash(const char *text, apr_pool_t *pool);

/*
 * Returns the HMAC-SHA256 of text under key, written in unpadded
 * base64url (43 characters), or NULL when OpenSSL fails (only on an
 * allocation failure inside it).
 */
const char *mpcms_auth_mac(const char *key, const char *text, apr_pool_t *pool);

/*
 * Compares two strings in time that depends only on their lengths, for
 * secrets such as CSRF tokens. Returns 1 when they are equal; NULL is
 * equal to nothing.
 */
int mpcms_auth_secret_equal(const char *a, const char *b);

/*
 * Returns APR_SUCCESS when password may be set: valid UTF-8 without
 * control characters, at least MPCMS_PASSWORD_MIN_CHARACTERS characters
 * and at most MPCMS_PASSWORD_MAX_BYTES bytes. Otherwise APR_EINVAL and an
 * error for the field "password".
 */
apr_status_t mpcms_auth_password_check(const char *password,
                                       mpcms_error_t **error, apr_pool_t *pool);

/*
 * Hashes password with bcrypt at cost (4 to 31) and a random salt into
 * *hash ("$2y$..."), allocated from pool. The password is not checked
 * against the policy; call mpcms_auth_password_check first.
 */
apr_status_t mpcms_auth_password_hash(const char **hash, const char *password,
                                      int cost, mpcms_error_t **error,
                                      apr_pool_t *pool);

/*
 * Returns 1 when password matches the bcrypt hash. With hash NULL (no such
 * user), it checks against a fixed hash and returns 0, so that a login for
 * an unknown address takes as long as one with a wrong password.
 */
int mpcms_auth_password_verify(const char *password, const char *hash);

#endif /* MPCMS_AUTH_H */
