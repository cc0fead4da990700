/*
 * Form parsing, JSON bodies, field validation, text checks and stored
 * times.
 */
#include <apr_strings.h>
#include <string.h>

#include "fields.h"
#include "form.h"
#include "text.h"
#include "timestamp.h"
#include "unit.h"

static apr_table_t *parse_form(const char *text)
{
    apr_table_t *fields = NULL;
    mpcms_error_t *error = NULL;

    ck_assert_int_eq(
        mpcms_form_parse(&fields, text, strlen(text), &error, unit_pool),
        APR_SUCCESS);
    return fields;
}

static mpcms_error_t *parse_form_error(const char *text)
{
    apr_table_t *fields = NULL;
    mpcms_error_t *error = NULL;

    ck_assert_int_eq(
        mpcms_form_parse(&fields, text, strlen(text), &error, unit_pool),
        APR_EINVAL);
    ck_assert_ptr_nonnull(error);
    return error;
}

/* ---- form data ---- */

START_TEST(form_decodes_plus_and_escapes)
{
    apr_table_t *fields = parse_form("title=Hello+World%21&slug=a%2Db");

    ck_assert_str_eq(mpcms_form_get(fields, "title"), "Hello World!");
    ck_assert_str_eq(mpcms_form_get(fields, "slug"), "a-b");
}
END_TEST

START_TEST(form_keeps_repeated_names)
{
    apr_table_t *fields = parse_form("f=a&f=b&g=1&f=c");
    apr_array_header_t *all = mpcms_form_get_all(fields, "f", unit_pool);

    ck_assert_int_eq(all->nelts, 3);
    ck_assert_str_eq(APR_ARRAY_IDX(all, 0, const char *), "a");
    ck_assert_str_eq(APR_ARRAY_IDX(all, 2, const char *), "c");
}
END_TEST

START_TEST(form_skips_empty_pairs)
{
    apr_table_t *fields = parse_form("&a=1&&b&");

    ck_assert_str_eq(mpcms_form_get(fields, "a"), "1");
    ck_assert_str_eq(mpcms_form_get(fields, "b"), "");
    ck_assert_int_eq(apr_table_elts(fields)->nelts, 2);
}
END_TEST

START_TEST(form_keeps_utf8)
{
    apr_table_t *fields = parse_form("name=%C3%A9t%C3%A9");

    ck_assert_str_eq(mpcms_form_get(fields, "name"), "\xc3\xa9t\xc3\xa9");
}
END_TEST

START_TEST(form_rejects_bad_escape)
{
    mpcms_error_t *error = parse_form_error("ok=1&title=100%");

    ck_assert_str_eq(error->source, "title");
    error = parse_form_error("title=%zz");
    ck_assert_str_eq(error->source, "title");
}
END_TEST

START_TEST(form_rejects_nul_byte)
{
    mpcms_error_t *error = parse_form_error("content=a%00b");

    ck_assert_str_eq(error->source, "content");
}
END_TEST

START_TEST(form_rejects_invalid_utf8)
{
    mpcms_error_t *error = parse_form_error("title=%C3%28");

    ck_assert_str_eq(error->source, "title");
    ck_assert_ptr_nonnull(strstr(error->message, "UTF-8"));
}
END_TEST

START_TEST(form_rejects_empty_name)
{
    mpcms_error_t *error = parse_form_error("=value");

    ck_assert_ptr_null(error->source);
}
END_TEST

START_TEST(form_rejects_too_many_fields)
{
    char *text = apr_pcalloc(unit_pool, (MPCMS_FORM_MAX_FIELDS + 1) * 4 + 1);
    int i;

    for (i = 0; i <= MPCMS_FORM_MAX_FIELDS; i++) {
        strcat(text, "a=1&");
    }
    parse_form_error(text);
}
END_TEST

START_TEST(form_escape_round_trips)
{
    const char *escaped = mpcms_form_escape("a b&c=d/é", unit_pool);
    apr_table_t *fields;

    ck_assert_str_eq(escaped, "a%20b%26c%3Dd%2F%C3%A9");
    fields = parse_form(apr_pstrcat(unit_pool, "x=", escaped, NULL));
    ck_assert_str_eq(mpcms_form_get(fields, "x"), "a b&c=d/é");
}
END_TEST

/* ---- fields ---- */

static const mpcms_option_t feature_options[] = {
    { "cms_basic", "Basic" },
    { "cms_seo", "SEO" },
    { NULL, NULL },
};

static const mpcms_field_t test_fields[] = {
    { "code", "Code", MPCMS_INPUT_TEXT, MPCMS_CHECK_CODE, MPCMS_FIELD_REQUIRED,
      0, 0, 0, NULL, NULL, NULL },
    { "name", "Name", MPCMS_INPUT_TEXT, MPCMS_CHECK_NONE, MPCMS_FIELD_REQUIRED,
      10, 0, 0, NULL, NULL, NULL },
    { "domain", "Domain", MPCMS_INPUT_TEXT, MPCMS_CHECK_DOMAIN,
      MPCMS_FIELD_NULLABLE, 0, 0, 0, NULL, NULL, NULL },
    { "theme_config", "Theme", MPCMS_INPUT_JSON, MPCMS_CHECK_JSON_OBJECT, 0, 0,
      0, 0, NULL, "{}", NULL },
    { "theme", "Theme", MPCMS_INPUT_JSON, MPCMS_CHECK_THEME, 0, 0, 0, 0, NULL,
      "{}", NULL },
    { "languages", "Languages", MPCMS_INPUT_JSON, MPCMS_CHECK_LANGUAGES,
      MPCMS_FIELD_REQUIRED, 0, 0, 0, NULL, "[\"en\"]", NULL },
    { "is_active", "Active", MPCMS_INPUT_CHECKBOX, MPCMS_CHECK_NONE, 0, 0, 0, 0,
      NULL, "1", NULL },
    { "limit", "Limit", MPCMS_INPUT_NUMBER, MPCMS_CHECK_NONE,
      MPCMS_FIELD_NULLABLE, 0, 0, 1000, NULL, NULL, NULL },
    { "features", "Features", MPCMS_INPUT_CHOICES, MPCMS_CHECK_NONE, 0, 0, 0, 0,
      feature_options, NULL, NULL },
    { "email", "E-mail", MPCMS_INPUT_EMAIL, MPCMS_CHECK_EMAIL, 0, 0, 0, 0, NULL,
      NULL, NULL },
    { "timezone", "Time zone", MPCMS_INPUT_TEXT, MPCMS_CHECK_TIMEZONE, 0, 0, 0,
      0, NULL, "UTC", NULL },
    { "logo", "Logo", MPCMS_INPUT_TEXT, MPCMS_CHECK_URL, MPCMS_FIELD_NULLABLE,
      0, 0, 0, NULL, NULL, NULL },
    { NULL, NULL, 0, 0, 0, 0, 0, 0, NULL, NULL, NULL },
};

/* A valid record, as a form would send it. */
static apr_table_t *valid_values(void)
{
    apr_table_t *values = apr_table_make(unit_pool, 16);

    apr_table_set(values, "code", "shop");
    apr_table_set(values, "name", "Shop");
    apr_table_set(values, "domain", "");
    apr_table_set(values, "theme_config", "{\"a\": 1}");
    apr_table_set(values, "languages", "[\"en\", \"fr\"]");
    apr_table_set(values, "is_active", "1");
    apr_table_set(values, "limit", "");
    apr_table_set(values, "email", "");
    apr_table_set(values, "timezone", "Europe/Luxembourg");
    apr_table_set(values, "logo", "");
    return values;
}

static apr_array_header_t *validate_errors(apr_table_t *values,
                                           apr_table_t **clean)
{
    apr_array_header_t *errors = NULL;
    apr_table_t *out = NULL;

    ck_assert_int_eq(
        mpcms_fields_validate(&out, &errors, test_fields, values, unit_pool),
        MPCMS_EINVALID);
    ck_assert_ptr_nonnull(errors);
    if (clean != NULL) {
        *clean = out;
    }
    return errors;
}

/* Validates values with one field replaced and returns that field's error. */
static const mpcms_error_t *error_with(const char *field, const char *value)
{
    apr_table_t *values = valid_values();
    apr_array_header_t *errors;
    const mpcms_error_t *error;

    apr_table_set(values, field, value);
    errors = validate_errors(values, NULL);
    error = mpcms_fields_error_for(errors, field);
    ck_assert_msg(error != NULL, "no error for %s='%s'", field, value);
    return error;
}

START_TEST(fields_valid_record_normalized)
{
    apr_table_t *values = valid_values();
    apr_array_header_t *errors = NULL;
    apr_table_t *clean = NULL;

    apr_table_set(values, "name", "  Shop  ");
    apr_table_set(values, "domain", "Shop.LU");
    apr_table_set(values, "email", "Admin@Example.COM");
    apr_table_set(values, "limit", "007");
    apr_table_set(values, "is_active", "on");
    apr_table_add(values, "features", "cms_seo");
    apr_table_add(values, "features", "cms_basic");
    apr_table_add(values, "features", "cms_seo");

    ck_assert_int_eq(
        mpcms_fields_validate(&clean, &errors, test_fields, values, unit_pool),
        APR_SUCCESS);
    ck_assert_ptr_null(errors);
    ck_assert_str_eq(apr_table_get(clean, "name"), "Shop");
    ck_assert_str_eq(apr_table_get(clean, "domain"), "shop.lu");
    ck_assert_str_eq(apr_table_get(clean, "email"), "admin@example.com");
    ck_assert_str_eq(apr_table_get(clean, "limit"), "7");
    ck_assert_str_eq(apr_table_get(clean, "is_active"), "1");
    ck_assert_str_eq(apr_table_get(clean, "theme_config"), "{\"a\":1}");
    ck_assert_str_eq(apr_table_get(clean, "languages"), "[\"en\",\"fr\"]");
    ck_assert_int_eq(mpcms_form_get_all(clean, "features", unit_pool)->nelts,
                     2);
    ck_assert_ptr_null(mpcms_fields_sql(clean, "logo"));
}
END_TEST

START_TEST(fields_required_missing)
{
    const mpcms_error_t *error = error_with("code", "   ");

    ck_assert_str_eq(error->message, "is required");
}
END_TEST

START_TEST(fields_too_long_counts_characters)
{
    const mpcms_error_t *error;
    apr_table_t *values = valid_values();
    apr_array_header_t *errors = NULL;
    apr_table_t *clean;

    /* Ten characters of two bytes each fit in 10. */
    apr_table_set(values, "name", "éééééééééé");
    ck_assert_int_eq(
        mpcms_fields_validate(&clean, &errors, test_fields, values, unit_pool),
        APR_SUCCESS);

    error = error_with("name", "ééééééééééé");
    ck_assert_ptr_nonnull(strstr(error->message, "at most 10"));
}
END_TEST

START_TEST(fields_invalid_code_named)
{
    const mpcms_error_t *error = error_with("code", "Shop!");

    ck_assert_ptr_nonnull(strstr(error->message, "'Shop!'"));
}
END_TEST

START_TEST(fields_invalid_domain)
{
    error_with("domain", "oms.lu:8080");
    error_with("domain", "http://oms.lu");
    error_with("domain", "localhost");
    error_with("domain", "bad_label.lu");
}
END_TEST

START_TEST(fields_domain_ip_address_rejected)
{
    error_with("domain", "127.0.0.1");
    error_with("domain", "10.0.0.1");
    error_with("domain", "999.1.1.1");
    error_with("domain", "shop.123");
    error_with("domain", "::1");
    error_with("domain", "[::1]");
    error_with("domain", "[2001:db8::1]");
}
END_TEST

START_TEST(fields_domain_shorter_than_column_rejected)
{
    const mpcms_error_t *error = error_with("domain", "x.y");

    ck_assert_ptr_nonnull(strstr(error->message, "too short"));
    ck_assert_ptr_null(strstr(error->message, "IP address"));
    error_with("domain", "a.b");
}
END_TEST

START_TEST(fields_domain_numeric_inner_label_accepted)
{
    apr_table_t *values = valid_values();
    apr_array_header_t *errors = NULL;
    apr_table_t *clean = NULL;

    apr_table_set(values, "domain", "123.4u.lu");
    ck_assert_int_eq(
        mpcms_fields_validate(&clean, &errors, test_fields, values, unit_pool),
        APR_SUCCESS);
    ck_assert_ptr_null(errors);
    ck_assert_str_eq(apr_table_get(clean, "domain"), "123.4u.lu");
}
END_TEST

START_TEST(fields_join_errors_keeps_each_field_once)
{
    apr_array_header_t *body_errors = NULL;
    apr_array_header_t *errors = NULL;
    apr_array_header_t *joined;

    mpcms_fields_add_error(&body_errors, "foo", unit_pool, "unknown field");
    mpcms_fields_add_error(&body_errors, "is_active", unit_pool,
                           "expected true or false");
    mpcms_fields_add_error(&errors, "is_active", unit_pool, "is required");
    mpcms_fields_add_error(&errors, "code", unit_pool, "invalid code");

    joined = mpcms_fields_join_errors(body_errors, errors, unit_pool);

    ck_assert_int_eq(joined->nelts, 3);
    ck_assert_str_eq(mpcms_fields_error_for(joined, "is_active")->message,
                     "expected true or false");
    ck_assert_ptr_nonnull(mpcms_fields_error_for(joined, "foo"));
    ck_assert_ptr_nonnull(mpcms_fields_error_for(joined, "code"));
    ck_assert_ptr_null(mpcms_fields_join_errors(NULL, NULL, unit_pool));
    ck_assert_ptr_eq(mpcms_fields_join_errors(NULL, errors, unit_pool), errors);
}
END_TEST

START_TEST(fields_json_error_has_position)
{
    const mpcms_error_t *error =
        error_with("theme_config", "{\n  \"a\": 1,\n}");

    ck_assert_int_eq(error->line, 3);
    ck_assert_int_ge(error->column, 1);
    ck_assert_ptr_nonnull(strstr(error->message, "line 3"));
}
END_TEST

START_TEST(fields_json_must_be_object)
{
    const mpcms_error_t *error = error_with("theme_config", "[1, 2]");

    ck_assert_ptr_nonnull(strstr(error->message, "JSON object"));
}
END_TEST

START_TEST(fields_theme_colors_checked)
{
    static const char *const invalid[] = {
        "{\"primary_color\": \"red\"}",
        "{\"primary_color\": \" #0f766e\"}",
        "{\"accent_color\": \"#0f766e\\n\"}",
        "{\"accent_color\": \"#abcd\"}",
        "{\"primary_color\": 123}",
        "{\"primary_color\": null}",
        "{\"accent_color\": \"#123;}body{display:none\"}",
        "[\"#0f766e\"]",
    };
    apr_table_t *values = valid_values();
    apr_array_header_t *errors = NULL;
    apr_table_t *clean = NULL;
    size_t i;

    for (i = 0; i < sizeof(invalid) / sizeof(invalid[0]); i++) {
        const mpcms_error_t *error = error_with("theme", invalid[i]);

        ck_assert_msg(strstr(error->message, "#rgb or #rrggbb") != NULL
                          || strstr(error->message, "JSON object") != NULL,
                      "%s: %s", invalid[i], error->message);
    }
    apr_table_set(values, "theme",
                  "{\"primary_color\": \"#0F766e\", \"accent_color\": "
                  "\"#abc\", \"font_family\": \"serif\"}");
    ck_assert_int_eq(
        mpcms_fields_validate(&clean, &errors, test_fields, values, unit_pool),
        APR_SUCCESS);
    ck_assert_ptr_null(errors);
}
END_TEST

START_TEST(fields_languages_checked)
{
    error_with("languages", "[]");
    error_with("languages", "[\"en\", \"en\"]");
    error_with("languages", "[\"english\"]");
    error_with("languages", "[1]");
    error_with("languages", "\"en\"");
}
END_TEST

START_TEST(fields_number_range)
{
    const mpcms_error_t *error = error_with("limit", "1001");

    ck_assert_ptr_nonnull(strstr(error->message, "0 to 1000"));
    error_with("limit", "-1");
    error_with("limit", "1.5");
    error_with("limit", "12abc");
}
END_TEST

START_TEST(fields_unknown_choice)
{
    apr_table_t *values = valid_values();
    apr_array_header_t *errors;

    apr_table_add(values, "features", "cms_everything");
    errors = validate_errors(values, NULL);
    ck_assert_ptr_nonnull(mpcms_fields_error_for(errors, "features"));
}
END_TEST

START_TEST(fields_control_characters_rejected)
{
    error_with("name", "a\x01b");
    error_with("name", "a\nb");
}
END_TEST

START_TEST(fields_bad_checkbox_value)
{
    error_with("is_active", "maybe");
}
END_TEST

START_TEST(fields_email_timezone_url)
{
    error_with("email", "no-at-sign");
    error_with("email", "a@b");
    error_with("email", "a b@c.lu");
    error_with("timezone", "Europe/");
    error_with("timezone", "../etc/passwd");
    /* The form of a name, but no zone of the tz database. */
    error_with("timezone", "Europe/Atlantis");
    error_with("timezone", "posix/Europe/Paris");
    error_with("logo", "javascript:alert(1)");
    error_with("logo", "//evil.example/x.png");
    error_with("logo", "https://");
}
END_TEST

START_TEST(fields_invalid_record_keeps_typed_values)
{
    apr_table_t *values = valid_values();
    apr_table_t *clean = NULL;

    apr_table_set(values, "code", "Bad Code");
    validate_errors(values, &clean);
    ck_assert_str_eq(apr_table_get(clean, "code"), "Bad Code");
    ck_assert_str_eq(apr_table_get(clean, "name"), "Shop");
}
END_TEST

START_TEST(fields_from_form_unchecked_checkbox)
{
    apr_table_t *form = parse_form("code=a&name=b&csrf_token=x");
    apr_table_t *values = mpcms_fields_from_form(test_fields, form, unit_pool);

    ck_assert_str_eq(apr_table_get(values, "is_active"), "0");
    ck_assert_ptr_null(apr_table_get(values, "csrf_token"));
    ck_assert_str_eq(apr_table_get(values, "code"), "a");
}
END_TEST

static apr_status_t from_json(apr_table_t **values, apr_array_header_t **errors,
                              mpcms_error_t **error, const char *text)
{
    return mpcms_fields_from_json(values, errors, test_fields, text,
                                  strlen(text), error, unit_pool);
}

START_TEST(json_body_converts_types)
{
    apr_table_t *values = NULL;
    apr_array_header_t *errors = NULL;
    mpcms_error_t *error = NULL;

    ck_assert_int_eq(
        from_json(&values, &errors, &error,
                  "{\"code\": \"x\", \"is_active\": false, \"limit\": 12, "
                  "\"domain\": null, \"theme_config\": {\"b\": [1, 2]}, "
                  "\"features\": [\"cms_basic\", \"cms_seo\"]}"),
        APR_SUCCESS);
    ck_assert_str_eq(apr_table_get(values, "code"), "x");
    ck_assert_str_eq(apr_table_get(values, "is_active"), "0");
    ck_assert_str_eq(apr_table_get(values, "limit"), "12");
    ck_assert_str_eq(apr_table_get(values, "domain"), "");
    ck_assert_str_eq(apr_table_get(values, "theme_config"), "{\"b\":[1,2]}");
    ck_assert_int_eq(mpcms_form_get_all(values, "features", unit_pool)->nelts,
                     2);
    ck_assert_ptr_null(apr_table_get(values, "name"));
}
END_TEST

START_TEST(json_body_syntax_error_position)
{
    apr_table_t *values = NULL;
    apr_array_header_t *errors = NULL;
    mpcms_error_t *error = NULL;

    ck_assert_int_eq(
        from_json(&values, &errors, &error, "{\"code\": \"x\",\n \"name\": }"),
        MPCMS_EBADREQUEST);
    ck_assert_int_eq(error->line, 2);
    ck_assert_int_eq(error->column, 10);
    ck_assert_ptr_nonnull(strstr(error->message, "byte"));
}
END_TEST

START_TEST(json_body_must_be_object)
{
    apr_table_t *values = NULL;
    apr_array_header_t *errors = NULL;
    mpcms_error_t *error = NULL;

    ck_assert_int_eq(from_json(&values, &errors, &error, "[1]"),
                     MPCMS_EBADREQUEST);
    ck_assert_int_eq(from_json(&values, &errors, &error, ""),
                     MPCMS_EBADREQUEST);
}
END_TEST

START_TEST(json_body_duplicate_key_rejected)
{
    apr_table_t *values = NULL;
    apr_array_header_t *errors = NULL;
    mpcms_error_t *error = NULL;

    ck_assert_int_eq(from_json(&values, &errors, &error,
                               "{\"code\": \"a\", \"code\": \"b\"}"),
                     MPCMS_EBADREQUEST);
}
END_TEST

START_TEST(json_body_wrong_types_named)
{
    apr_table_t *values = NULL;
    apr_array_header_t *errors = NULL;
    mpcms_error_t *error = NULL;

    ck_assert_int_eq(
        from_json(&values, &errors, &error,
                  "{\"code\": 5, \"is_active\": \"yes\", \"limit\": 1.5, "
                  "\"name\": null, \"features\": \"cms_basic\", \"x\": 1}"),
        MPCMS_EINVALID);
    ck_assert_ptr_nonnull(mpcms_fields_error_for(errors, "code"));
    ck_assert_ptr_nonnull(mpcms_fields_error_for(errors, "is_active"));
    ck_assert_ptr_nonnull(mpcms_fields_error_for(errors, "limit"));
    ck_assert_ptr_nonnull(mpcms_fields_error_for(errors, "name"));
    ck_assert_ptr_nonnull(mpcms_fields_error_for(errors, "features"));
    ck_assert_str_eq(mpcms_fields_error_for(errors, "x")->message,
                     "unknown field");
}
END_TEST

START_TEST(json_body_string_with_nul_rejected)
{
    apr_table_t *values = NULL;
    apr_array_header_t *errors = NULL;
    mpcms_error_t *error = NULL;

    ck_assert_int_eq(
        from_json(&values, &errors, &error, "{\"name\": \"a\\u0000b\"}"),
        MPCMS_EBADREQUEST);
    ck_assert_ptr_nonnull(strstr(error->message, "NUL"));
    ck_assert_ptr_null(strstr(error->message, "JSON_ALLOW_NUL"));
}
END_TEST

START_TEST(json_body_empty_rejected)
{
    static const char *const bodies[] = { "", " \r\n\t" };
    apr_table_t *values = NULL;
    apr_array_header_t *errors = NULL;
    mpcms_error_t *error = NULL;
    apr_size_t i;

    for (i = 0; i < sizeof(bodies) / sizeof(bodies[0]); i++) {
        ck_assert_int_eq(from_json(&values, &errors, &error, bodies[i]),
                         MPCMS_EBADREQUEST);
        ck_assert_ptr_nonnull(strstr(error->message, "empty"));
        ck_assert_int_eq(error->column, 1);
    }
}
END_TEST

START_TEST(json_body_truncated_column_from_one)
{
    apr_table_t *values = NULL;
    apr_array_header_t *errors = NULL;
    mpcms_error_t *error = NULL;

    ck_assert_int_eq(from_json(&values, &errors, &error, "{\"name\": "),
                     MPCMS_EBADREQUEST);
    ck_assert_int_ge(error->column, 1);
}
END_TEST

START_TEST(fields_merge_replaces_given)
{
    apr_table_t *base = valid_values();
    apr_table_t *update = apr_table_make(unit_pool, 4);
    apr_table_t *merged;

    apr_table_add(base, "features", "cms_basic");
    apr_table_set(update, "name", "New");
    apr_table_set(update, "features", "");
    merged = mpcms_fields_merge(test_fields, base, update, unit_pool);
    ck_assert_str_eq(apr_table_get(merged, "name"), "New");
    ck_assert_str_eq(apr_table_get(merged, "code"), "shop");
    ck_assert_str_eq(apr_table_get(merged, "features"), "");
}
END_TEST

/* ---- text and times ---- */

START_TEST(utf8_validity)
{
    ck_assert_int_eq(mpcms_utf8_is_valid("plain"), 1);
    ck_assert_int_eq(mpcms_utf8_is_valid("\xe2\x82\xac"), 1);
    ck_assert_int_eq(mpcms_utf8_is_valid("\xf0\x9f\x98\x80"), 1);
    ck_assert_int_eq(mpcms_utf8_is_valid("\xc0\xaf"), 0);     /* overlong */
    ck_assert_int_eq(mpcms_utf8_is_valid("\xed\xa0\x80"), 0); /* surrogate */
    ck_assert_int_eq(mpcms_utf8_is_valid("\xf4\x90\x80\x80"), 0); /* too big */
    ck_assert_int_eq(mpcms_utf8_is_valid("\xe2\x82"), 0);         /* cut */
    ck_assert_uint_eq(mpcms_utf8_length("a\xe2\x82\xac"), 2);
}
END_TEST

START_TEST(timestamp_formats_utc)
{
    apr_time_t t = apr_time_from_sec(1769860800); /* 2026-01-31 12:00 UTC */

    ck_assert_str_eq(mpcms_timestamp_format(t, unit_pool),
                     "2026-01-31T12:00:00Z");
}
END_TEST

START_TEST(timestamp_parses_both_forms)
{
    apr_time_t t;

    ck_assert_int_eq(mpcms_timestamp_parse(&t, "2026-01-31T12:00:00Z"),
                     APR_SUCCESS);
    ck_assert_int_eq(apr_time_sec(t), 1769860800);
    ck_assert_int_eq(mpcms_timestamp_parse(&t, "2026-01-31 13:00:00.123+01"),
                     APR_SUCCESS);
    ck_assert_int_eq(apr_time_sec(t), 1769860800);
    ck_assert_int_eq(mpcms_timestamp_parse(&t, "2026-01-31 06:30:00-05:30"),
                     APR_SUCCESS);
    ck_assert_int_eq(apr_time_sec(t), 1769860800);
    ck_assert_int_eq(mpcms_timestamp_parse(&t, "2026-01-31 12:00:00"),
                     APR_SUCCESS);
    ck_assert_int_eq(apr_time_sec(t), 1769860800);
}
END_TEST

START_TEST(timestamp_rejects_garbage)
{
    apr_time_t t;

    ck_assert_int_eq(mpcms_timestamp_parse(&t, "yesterday"), APR_EINVAL);
    ck_assert_int_eq(mpcms_timestamp_parse(&t, "2026-13-01T00:00:00Z"),
                     APR_EINVAL);
    ck_assert_int_eq(mpcms_timestamp_parse(&t, "2026-01-31T12:00:00Zx"),
                     APR_EINVAL);
    ck_assert_str_eq(mpcms_timestamp_normalize("n/a", unit_pool), "n/a");
    ck_assert_ptr_null(mpcms_timestamp_normalize(NULL, unit_pool));
}
END_TEST

Suite *fields_suite(void)
{
    Suite *suite = suite_create("fields");
    TCase *form = tcase_create("form");
    TCase *fields = tcase_create("fields");
    TCase *json = tcase_create("json");
    TCase *text = tcase_create("text");

    tcase_add_checked_fixture(form, unit_setup, unit_teardown);
    tcase_add_test(form, form_decodes_plus_and_escapes);
    tcase_add_test(form, form_keeps_repeated_names);
    tcase_add_test(form, form_skips_empty_pairs);
    tcase_add_test(form, form_keeps_utf8);
    tcase_add_test(form, form_rejects_bad_escape);
    tcase_add_test(form, form_rejects_nul_byte);
    tcase_add_test(form, form_rejects_invalid_utf8);
    tcase_add_test(form, form_rejects_empty_name);
    tcase_add_test(form, form_rejects_too_many_fields);
    tcase_add_test(form, form_escape_round_trips);
    suite_add_tcase(suite, form);

    tcase_add_checked_fixture(fields, unit_setup, unit_teardown);
    tcase_add_test(fields, fields_valid_record_normalized);
    tcase_add_test(fields, fields_required_missing);
    tcase_add_test(fields, fields_too_long_counts_characters);
    tcase_add_test(fields, fields_invalid_code_named);
    tcase_add_test(fields, fields_invalid_domain);
    tcase_add_test(fields, fields_domain_ip_address_rejected);
    tcase_add_test(fields, fields_domain_shorter_than_column_rejected);
    tcase_add_test(fields, fields_domain_numeric_inner_label_accepted);
    tcase_add_test(fields, fields_join_errors_keeps_each_field_once);
    tcase_add_test(fields, fields_json_error_has_position);
    tcase_add_test(fields, fields_json_must_be_object);
    tcase_add_test(fields, fields_theme_colors_checked);
    tcase_add_test(fields, fields_languages_checked);
    tcase_add_test(fields, fields_number_range);
    tcase_add_test(fields, fields_unknown_choice);
    tcase_add_test(fields, fields_control_characters_rejected);
    tcase_add_test(fields, fields_bad_checkbox_value);
    tcase_add_test(fields, fields_email_timezone_url);
    tcase_add_test(fields, fields_invalid_record_keeps_typed_values);
    tcase_add_test(fields, fields_from_form_unchecked_checkbox);
    tcase_add_test(fields, fields_merge_replaces_given);
    suite_add_tcase(suite, fields);

    tcase_add_checked_fixture(json, unit_setup, unit_teardown);
    tcase_add_test(json, json_body_converts_types);
    tcase_add_test(json, json_body_syntax_error_position);
    tcase_add_test(json, json_body_must_be_object);
    tcase_add_test(json, json_body_duplicate_key_rejected);
    tcase_add_test(json, json_body_wrong_types_named);
    tcase_add_test(json, json_body_string_with_nul_rejected);
    tcase_add_test(json, json_body_empty_rejected);
    tcase_add_test(json, json_body_truncated_column_from_one);
    suite_add_tcase(suite, json);

    tcase_add_checked_fixture(text, unit_setup, unit_teardown);
    tcase_add_test(text, utf8_validity);
    tcase_add_test(text, timestamp_formats_utc);
    tcase_add_test(text, timestamp_parses_both_forms);
    tcase_add_test(text, timestamp_rejects_garbage);
    suite_add_tcase(suite, text);
    return suite;
}
