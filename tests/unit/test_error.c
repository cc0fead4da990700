/* Formatting of core error records. */
#include "error.h"
#include "unit.h"

START_TEST(format_with_line_and_column)
{
    mpcms_error_t *error = mpcms_error_make("oms/page.html", 12, 3, unit_pool,
                                            "unknown slot '%s'", "titel");

    ck_assert_str_eq(mpcms_error_format(error, unit_pool),
                     "oms/page.html:12:3: unknown slot 'titel'");
}
END_TEST

START_TEST(format_with_line_only)
{
    mpcms_error_t *error =
        mpcms_error_make("schema.sql", 7, 0, unit_pool, "bad");

    ck_assert_str_eq(mpcms_error_format(error, unit_pool), "schema.sql:7: bad");
}
END_TEST

START_TEST(format_with_source_only)
{
    mpcms_error_t *error =
        mpcms_error_make("slug", 0, 0, unit_pool, "too long");

    ck_assert_str_eq(mpcms_error_format(error, unit_pool), "slug: too long");
}
END_TEST

START_TEST(format_without_source)
{
    mpcms_error_t *error = mpcms_error_make(NULL, 4, 2, unit_pool, "plain");

    ck_assert_str_eq(mpcms_error_format(error, unit_pool), "plain");
    ck_assert_str_eq(mpcms_error_format(NULL, unit_pool), "unknown error");
}
END_TEST

Suite *error_suite(void)
{
    Suite *suite = suite_create("error");
    TCase *tc = tcase_create("format");

    tcase_add_checked_fixture(tc, unit_setup, unit_teardown);
    tcase_add_test(tc, format_with_line_and_column);
    tcase_add_test(tc, format_with_line_only);
    tcase_add_test(tc, format_with_source_only);
    tcase_add_test(tc, format_without_source);
    suite_add_tcase(suite, tc);
    return suite;
}
