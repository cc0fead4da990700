/* HTML escaping of text values. */
#include <string.h>

#include "html.h"
#include "unit.h"

START_TEST(escape_ampersand)
{
    ck_assert_str_eq(mpcms_html_escape("a&b", unit_pool), "a&amp;b");
}
END_TEST

START_TEST(escape_less_than)
{
    ck_assert_str_eq(mpcms_html_escape("a<b", unit_pool), "a&lt;b");
}
END_TEST

START_TEST(escape_greater_than)
{
    ck_assert_str_eq(mpcms_html_escape("a>b", unit_pool), "a&gt;b");
}
END_TEST

START_TEST(escape_double_quote)
{
    ck_assert_str_eq(mpcms_html_escape("a\"b", unit_pool), "a&quot;b");
}
END_TEST

START_TEST(escape_single_quote)
{
    ck_assert_str_eq(mpcms_html_escape("a'b", unit_pool), "a&#39;b");
}
END_TEST

START_TEST(escape_all_specials_together)
{
    ck_assert_str_eq(mpcms_html_escape("<a href=\"x?a=1&b='2'\">", unit_pool),
                     "&lt;a href=&quot;x?a=1&amp;b=&#39;2&#39;&quot;&gt;");
}
END_TEST

START_TEST(existing_reference_escaped_again)
{
    /* An existing reference is text like any other, so its '&' is escaped. */
    ck_assert_str_eq(mpcms_html_escape("&amp;", unit_pool), "&amp;amp;");
}
END_TEST

START_TEST(plain_text_returned_unchanged)
{
    const char *text = "Plain text, with commas; and = signs.";

    ck_assert_ptr_eq(mpcms_html_escape(text, unit_pool), text);
    ck_assert_uint_eq(mpcms_html_escaped_length(text), strlen(text));
}
END_TEST

START_TEST(empty_text_returned_unchanged)
{
    const char *text = "";

    ck_assert_ptr_eq(mpcms_html_escape(text, unit_pool), text);
    ck_assert_uint_eq(mpcms_html_escaped_length(text), 0);
}
END_TEST

START_TEST(null_counts_as_empty)
{
    char buffer[4] = "xyz";

    ck_assert_uint_eq(mpcms_html_escaped_length(NULL), 0);
    ck_assert_str_eq(mpcms_html_escape(NULL, unit_pool), "");
    ck_assert_ptr_eq(mpcms_html_escape_to(buffer, NULL), buffer);
    ck_assert_str_eq(buffer, "xyz");
}
END_TEST

START_TEST(utf8_passes_through)
{
    const char *text = "Caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80";

    ck_assert_ptr_eq(mpcms_html_escape(text, unit_pool), text);
    ck_assert_str_eq(mpcms_html_escape("\xc3\xa9<\xc3\xa9", unit_pool),
                     "\xc3\xa9&lt;\xc3\xa9");
}
END_TEST

START_TEST(escape_to_writes_no_nul)
{
    char buffer[16];
    char *end;

    memset(buffer, '#', sizeof(buffer));
    end = mpcms_html_escape_to(buffer, "a<b");

    ck_assert_ptr_eq(end, buffer + 6);
    ck_assert_int_eq(memcmp(buffer, "a&lt;b", 6), 0);
    ck_assert_int_eq(buffer[6], '#');
}
END_TEST

START_TEST(lengths_agree_with_output)
{
    static const char *const texts[] = {
        "",         "plain",
        "&",        "<>",
        "\"'",      "a & b < c > d \"e\" 'f'",
        "&&&&&&&&", "\xc3\xa9&\xc3\xa9",
        "tail<",
    };
    apr_size_t i;

    for (i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
        apr_size_t length = mpcms_html_escaped_length(texts[i]);
        char *buffer = apr_palloc(unit_pool, length + 1);
        char *end = mpcms_html_escape_to(buffer, texts[i]);

        *end = '\0';
        ck_assert_msg(end == buffer + length,
                      "escape_to of '%s' wrote %ld bytes but "
                      "escaped_length returned %lu",
                      texts[i], (long)(end - buffer), (unsigned long)length);
        ck_assert_str_eq(mpcms_html_escape(texts[i], unit_pool), buffer);
        ck_assert_uint_eq(strlen(mpcms_html_escape(texts[i], unit_pool)),
                          length);
    }
}
END_TEST

Suite *html_suite(void)
{
    Suite *suite = suite_create("html");
    TCase *tc = tcase_create("escape");

    tcase_add_checked_fixture(tc, unit_setup, unit_teardown);
    tcase_add_test(tc, escape_ampersand);
    tcase_add_test(tc, escape_less_than);
    tcase_add_test(tc, escape_greater_than);
    tcase_add_test(tc, escape_double_quote);
    tcase_add_test(tc, escape_single_quote);
    tcase_add_test(tc, escape_all_specials_together);
    tcase_add_test(tc, existing_reference_escaped_again);
    tcase_add_test(tc, plain_text_returned_unchanged);
    tcase_add_test(tc, empty_text_returned_unchanged);
    tcase_add_test(tc, null_counts_as_empty);
    tcase_add_test(tc, utf8_passes_through);
    tcase_add_test(tc, escape_to_writes_no_nul);
    tcase_add_test(tc, lengths_agree_with_output);
    suite_add_tcase(suite, tc);
    return suite;
}
