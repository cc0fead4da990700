/* Password hashes, random tokens and token digests. */
#include <apr_general.h>
#include <apr_md5.h>
#include <apr_strings.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <string.h>

#include "auth.h"
#include "text.h"

/*
 * A bcrypt hash, at MPCMS_BCRYPT_COST, of random text that is no
 * account's password. Logins for unknown addresses are checked against
 * it, so that they take as long as logins with a wrong password.
 */
static const char unknown_user_hash[] =
    "$2y$12$eIBO.DHEXsHjpS5sbbb1Q.ReixFCzeQauQFTZEw9a7WWcNfJiRBY6";

static const char base64url[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/* Bytes of a bcrypt salt, as apr_bcrypt_encode expects. */
#define BCRYPT_SALT_BYTES 16

/* Length of a bcrypt hash string: "$2y$12$" plus 53 characters. */
#define BCRYPT_HASH_LENGTH 60

static char *encode_base64url(const unsigned char *data, apr_size_t length,
                              apr_pool_t *pool)
{
    char *out = apr_palloc(pool, (length * 4 + 2) / 3 + 1);
    char *p = out;
    apr_size_t i;

    for (i = 0; i + 2 < length; i += 3) {
        apr_uint32_t group = ((apr_uint32_t)data[i] << 16)
                             | ((apr_uint32_t)data[i + 1] << 8) | data[i + 2];

        *p++ = base64url[(group >> 18) & 0x3F];
        *p++ = base64url[(group >> 12) & 0x3F];
        *p++ = base64url[(group >> 6) & 0x3F];
        *p++ = base64url[group & 0x3F];
    }
    if (length - i == 1) {
        *p++ = base64url[data[i] >> 2];
        *p++ = base64url[(data[i] & 0x03) << 4];
    }
    else if (length - i == 2) {
        apr_uint32_t group =
            ((apr_uint32_t)data[i] << 8) | (apr_uint32_t)data[i + 1];

        *p++ = base64url[(group >> 10) & 0x3F];
        *p++ = base64url[(group >> 4) & 0x3F];
        *p++ = base64url[(group << 2) & 0x3F];
    }
    *p = '\0';
    return out;
}

apr_status_t mpcms_auth_token_make(const char **token, apr_size_t bytes,
                                   apr_pool_t *pool)
{
    unsigned char *random = apr_palloc(pool, bytes);
    apr_status_t rv;

    *token = NULL;
    rv = apr_generate_random_bytes(random, bytes);
    if (rv != APR_SUCCESS) {
        return rv;
    }
    *token = encode_base64url(random, bytes, pool);
    memset(random, 0, bytes);
    return APR_SUCCESS;
}

const char *mpcms_auth_token_hash(const char *text, apr_pool_t *pool)
{
    static const char hex[] = "0123456789abcdef";
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int digest_length = 0;
    char *out;
    unsigned int i;

    if (EVP_Digest(text, strlen(text), digest, &digest_length, EVP_sha256(),
                   NULL)
        != 1) {
        /* Only an allocation failure inside OpenSSL gets here. */
        return NULL;
    }
    out = apr_palloc(pool, digest_length * 2 + 1);
    for (i = 0; i < digest_length; i++) {
        out[2 * i] = hex[digest[i] >> 4];
        out[2 * i + 1] = hex[digest[i] & 0x0F];
    }
    out[2 * digest_length] = '\0';
    return out;
}

const char *mpcms_auth_mac(const char *key, const char *text, apr_pool_t *pool)
{
    unsigned char mac[EVP_MAX_MD_SIZE];
    unsigned int mac_length = 0;

    if (HMAC(EVP_sha256(), key, (int)strlen(key), (const unsigned char *)text,
             strlen(text), mac, &mac_length)
        == NULL) {
        return NULL;
    }
    return encode_base64url(mac, mac_length, pool);
}

int mpcms_auth_secret_equal(const char *a, const char *b)
{
    apr_size_t length;

    if (a == NULL || b == NULL) {
        return 0;
    }
    length = strlen(a);
    if (strlen(b) != length) {
        return 0;
    }
    return CRYPTO_memcmp(a, b, length) == 0;
}

apr_status_t mpcms_auth_password_check(const char *password,
                                       mpcms_error_t **error, apr_pool_t *pool)
{
    if (password == NULL || !mpcms_utf8_is_valid(password)
        || mpcms_text_has_control(password, 0)) {
        *error = mpcms_error_make("password", 0, 0, pool,
                                  "the password must be UTF-8 text without "
                                  "control characters");
        return APR_EINVAL;
    }
    if (mpcms_utf8_length(password) < MPCMS_PASSWORD_MIN_CHARACTERS) {
        *error = mpcms_error_make("password", 0, 0, pool,
                                  "the password is too short: use at least %d "
                                  "characters",
                                  MPCMS_PASSWORD_MIN_CHARACTERS);
        return APR_EINVAL;
    }
    if (strlen(password) > MPCMS_PASSWORD_MAX_BYTES) {
        *error = mpcms_error_make("password", 0, 0, pool,
                                  "the password is too long: bcrypt reads at "
                                  "most %d bytes (UTF-8), so use fewer "
                                  "characters",
                                  MPCMS_PASSWORD_MAX_BYTES);
        return APR_EINVAL;
    }
    return APR_SUCCESS;
}

apr_status_t mpcms_auth_password_hash(const char **hash, const char *password,
                                      int cost, mpcms_error_t **error,
                                      apr_pool_t *pool)
{
    unsigned char salt[BCRYPT_SALT_BYTES];
    char *out = apr_palloc(pool, BCRYPT_HASH_LENGTH + 4);
    apr_status_t rv;

    *hash = NULL;
    rv = apr_generate_random_bytes(salt, sizeof(salt));
    if (rv == APR_SUCCESS) {
        rv = apr_bcrypt_encode(password, (unsigned int)cost, salt, sizeof(salt),
                               out, BCRYPT_HASH_LENGTH + 4);
    }
    memset(salt, 0, sizeof(salt));
    if (rv != APR_SUCCESS) {
        *error = mpcms_error_make(NULL, 0, 0, pool,
                                  "hashing the password with bcrypt (cost %d) "
                                  "failed",
                                  cost);
        return rv;
    }
    *hash = out;
    return APR_SUCCESS;
}

int mpcms_auth_password_verify(const char *password, const char *hash)
{
    if (password == NULL) {
        password = "";
    }
    /*
     * apr_password_validate falls back to crypt() and plain comparison for
     * hashes it does not recognize, so anything but bcrypt never matches.
     */
    if (hash == NULL || strncmp(hash, "$2", 2) != 0) {
        apr_password_validate(password, unknown_user_hash);
        return 0;
    }
    return apr_password_validate(password, hash) == APR_SUCCESS;
}
