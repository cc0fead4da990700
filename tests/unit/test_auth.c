/*
 * Password hashes, tokens, secret comparison and login throttling
 * arithmetic.
 */
#include <apr_strings.h>
#include <string.h>

#include "auth.h"
#include "throttle.h"
#include "unit.h"

/* A cheap cost keeps the tests fast; the hash format is the same. */
#define TEST_COST 4

START_TEST(token_is_base64url_of_32_bytes)
{
    const char *token = NULL;
    const char *p;

    ck_assert_int_eq(
        mpcms_auth_token_make(&token, MPCMS_TOKEN_BYTES, unit_pool),
        APR_SUCCESS);
    ck_assert_uint_eq(strlen(token), MPCMS_TOKEN_LENGTH);
    for (p = token; *p != '\0'; p++) {
        ck_assert_msg((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z')
                          || (*p >= '0' && *p <= '9') || *p == '-' || *p == '_',
                      "unexpected character '%c' in %s", *p, token);
    }
}
END_TEST

START_TEST(tokens_differ)
{
    const char *first;
    const char *second;

    mpcms_auth_token_make(&first, MPCMS_TOKEN_BYTES, unit_pool);
    mpcms_auth_token_make(&second, MPCMS_TOKEN_BYTES, unit_pool);
    ck_assert_str_ne(first, second);
}
END_TEST

START_TEST(mac_is_hmac_sha256_base64url)
{
    /* RFC 4231, test case 2, in base64url. */
    ck_assert_str_eq(
        mpcms_auth_mac("Jefe", "what do ya want for nothing?", unit_pool),
        "W9zBRr9gdU5qBCQmCJV1x1oAPwidJzmDnexYuWTsOEM");
}
END_TEST

START_TEST(token_lengths_without_padding)
{
    const char *token;

    mpcms_auth_token_make(&token, 1, unit_pool);
    ck_assert_uint_eq(strlen(token), 2);
    mpcms_auth_token_make(&token, 2, unit_pool);
    ck_assert_uint_eq(strlen(token), 3);
    mpcms_auth_token_make(&token, 3, unit_pool);
    ck_assert_uint_eq(strlen(token), 4);
}
END_TEST

START_TEST(token_hash_is_sha256_hex)
{
    /* FIPS 180-2 test vector. */
    ck_assert_str_eq(
        mpcms_auth_token_hash("abc", unit_pool),
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    ck_assert_uint_eq(strlen(mpcms_auth_token_hash("", unit_pool)),
                      MPCMS_TOKEN_HASH_LENGTH);
}
END_TEST

START_TEST(secret_equal_cases)
{
    ck_assert_int_eq(mpcms_auth_secret_equal("abc", "abc"), 1);
    ck_assert_int_eq(mpcms_auth_secret_equal("abc", "abd"), 0);
    ck_assert_int_eq(mpcms_auth_secret_equal("abc", "abcd"), 0);
    ck_assert_int_eq(mpcms_auth_secret_equal("", ""), 1);
    ck_assert_int_eq(mpcms_auth_secret_equal(NULL, "abc"), 0);
    ck_assert_int_eq(mpcms_auth_secret_equal("abc", NULL), 0);
    ck_assert_int_eq(mpcms_auth_secret_equal(NULL, NULL), 0);
}
END_TEST

START_TEST(password_hash_verifies)
{
    const char *hash = NULL;
    mpcms_error_t *error = NULL;

    ck_assert_int_eq(mpcms_auth_password_hash(&hash, "correct horse battery",
                                              TEST_COST, &error, unit_pool),
                     APR_SUCCESS);
    ck_assert_msg(strncmp(hash, "$2y$04$", 7) == 0, "hash %s", hash);
    ck_assert_int_eq(mpcms_auth_password_verify("correct horse battery", hash),
                     1);
    ck_assert_int_eq(mpcms_auth_password_verify("correct horse batterx", hash),
                     0);
    ck_assert_int_eq(mpcms_auth_password_verify("", hash), 0);
}
END_TEST

START_TEST(password_hashes_are_salted)
{
    const char *first;
    const char *second;
    mpcms_error_t *error = NULL;

    mpcms_auth_password_hash(&first, "correct horse battery", TEST_COST, &error,
                             unit_pool);
    mpcms_auth_password_hash(&second, "correct horse battery", TEST_COST,
                             &error, unit_pool);
    ck_assert_str_ne(first, second);
}
END_TEST

START_TEST(password_htpasswd_hash_verifies)
{
    /* Written by `htpasswd -nbB -C 4 user 'open sesame 42'`. */
    const char *hash =
        "$2y$04$ppC3VsuU0NZ7D0ZOJG1vSe6O7rriosQclhaLvC5v/yR5.0NfMBKjW";

    ck_assert_int_eq(mpcms_auth_password_verify("open sesame 42", hash), 1);
    ck_assert_int_eq(mpcms_auth_password_verify("open sesame 43", hash), 0);
}
END_TEST

START_TEST(password_verify_rejects_other_hashes)
{
    /* apr_password_validate would compare a plain "hash" as text. */
    ck_assert_int_eq(mpcms_auth_password_verify("secret", "secret"), 0);
    ck_assert_int_eq(mpcms_auth_password_verify("secret", NULL), 0);
    ck_assert_int_eq(mpcms_auth_password_verify(NULL, NULL), 0);
}
END_TEST

START_TEST(password_policy_cases)
{
    mpcms_error_t *error = NULL;
    char long_password[MPCMS_PASSWORD_MAX_BYTES + 2];

    ck_assert_int_eq(
        mpcms_auth_password_check("twelve chars", &error, unit_pool),
        APR_SUCCESS);

    ck_assert_int_eq(
        mpcms_auth_password_check("eleven char", &error, unit_pool),
        APR_EINVAL);
    ck_assert_str_eq(error->source, "password");
    ck_assert_ptr_nonnull(strstr(error->message, "at least 12"));

    /* Twelve characters in 24 bytes count as twelve. */
    ck_assert_int_eq(mpcms_auth_password_check(
                         "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
                         "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9",
                         &error, unit_pool),
                     APR_SUCCESS);

    memset(long_password, 'a', sizeof(long_password) - 1);
    long_password[sizeof(long_password) - 1] = '\0';
    ck_assert_int_eq(
        mpcms_auth_password_check(long_password, &error, unit_pool),
        APR_EINVAL);
    ck_assert_ptr_nonnull(strstr(error->message, "72 bytes"));

    ck_assert_int_eq(
        mpcms_auth_password_check("twelve\tchars", &error, unit_pool),
        APR_EINVAL);
    ck_assert_int_eq(
        mpcms_auth_password_check("twelve chars\xff", &error, unit_pool),
        APR_EINVAL);
}
END_TEST

/* ---- throttling ---- */

#define WINDOW apr_time_from_sec(900)

START_TEST(throttle_below_limit_waits_nothing)
{
    apr_time_t now = apr_time_from_sec(100000);
    apr_time_t recent[] = { now - apr_time_from_sec(1),
                            now - apr_time_from_sec(2) };

    ck_assert_int_eq(mpcms_throttle_wait(recent, 2, 5, WINDOW, now), 0);
    ck_assert_int_eq(mpcms_throttle_wait(NULL, 0, 5, WINDOW, now), 0);
}
END_TEST

START_TEST(throttle_at_limit_waits_for_oldest)
{
    apr_time_t now = apr_time_from_sec(100000);
    apr_time_t recent[] = {
        now - apr_time_from_sec(10),  now - apr_time_from_sec(20),
        now - apr_time_from_sec(30),  now - apr_time_from_sec(40),
        now - apr_time_from_sec(100),
    };

    /* The fifth newest failed 100 s ago; it leaves the window in 800 s. */
    ck_assert_int_eq(mpcms_throttle_wait(recent, 5, 5, WINDOW, now), 800);
}
END_TEST

START_TEST(throttle_uses_limit_th_newest)
{
    apr_time_t now = apr_time_from_sec(100000);
    apr_time_t recent[] = { now - apr_time_from_sec(10),
                            now - apr_time_from_sec(300),
                            now - apr_time_from_sec(899) };

    ck_assert_int_eq(mpcms_throttle_wait(recent, 3, 2, WINDOW, now), 600);
}
END_TEST

START_TEST(throttle_rounds_up_to_a_second)
{
    apr_time_t now = apr_time_from_sec(100000);
    apr_time_t recent[] = { now - WINDOW + 1 };

    ck_assert_int_eq(mpcms_throttle_wait(recent, 1, 1, WINDOW, now), 1);
    recent[0] = now - WINDOW + apr_time_from_msec(1500);
    ck_assert_int_eq(mpcms_throttle_wait(recent, 1, 1, WINDOW, now), 2);
}
END_TEST

START_TEST(throttle_expired_failures_wait_nothing)
{
    apr_time_t now = apr_time_from_sec(100000);
    apr_time_t recent[] = { now - WINDOW, now - WINDOW - 5 };

    ck_assert_int_eq(mpcms_throttle_wait(recent, 2, 2, WINDOW, now), 0);
}
END_TEST

Suite *auth_suite(void)
{
    Suite *suite = suite_create("auth");
    TCase *tokens = tcase_create("tokens");
    TCase *passwords = tcase_create("passwords");
    TCase *throttle = tcase_create("throttle");

    tcase_add_checked_fixture(tokens, unit_setup, unit_teardown);
    tcase_add_test(tokens, token_is_base64url_of_32_bytes);
    tcase_add_test(tokens, tokens_differ);
    tcase_add_test(tokens, token_lengths_without_padding);
    tcase_add_test(tokens, token_hash_is_sha256_hex);
    tcase_add_test(tokens, mac_is_hmac_sha256_base64url);
    tcase_add_test(tokens, secret_equal_cases);
    suite_add_tcase(suite, tokens);

    tcase_add_checked_fixture(passwords, unit_setup, unit_teardown);
    tcase_add_test(passwords, password_hash_verifies);
    tcase_add_test(passwords, password_hashes_are_salted);
    tcase_add_test(passwords, password_htpasswd_hash_verifies);
    tcase_add_test(passwords, password_verify_rejects_other_hashes);
    tcase_add_test(passwords, password_policy_cases);
    suite_add_tcase(suite, passwords);

    tcase_add_checked_fixture(throttle, unit_setup, unit_teardown);
    tcase_add_test(throttle, throttle_below_limit_waits_nothing);
    tcase_add_test(throttle, throttle_at_limit_waits_for_oldest);
    tcase_add_test(throttle, throttle_uses_limit_th_newest);
    tcase_add_test(throttle, throttle_rounds_up_to_a_second);
    tcase_add_test(throttle, throttle_expired_failures_wait_nothing);
    suite_add_tcase(suite, throttle);
    return suite;
}
