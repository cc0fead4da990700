/* Reading and checking the fields of admin forms and API bodies. */
#include <apr_lib.h>
#include <apr_strings.h>
#include <errno.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "auth.h"
#include "fields.h"
#include "timezone.h"
#include "host.h"
#include "names.h"
#include "palette.h"
#include "text.h"

/* Maximum length of a language tag (the column allows 35). */
#define LANGUAGE_MAX 35

/* Maximum length of a time zone name. */

/* Maximum length of an e-mail address (the path limit of RFC 5321). */
#define EMAIL_MAX 254

const mpcms_field_t *mpcms_fields_find(const mpcms_field_t *fields,
                                       const char *name)
{
    for (; fields->name != NULL; fields++) {
        if (strcmp(fields->name, name) == 0) {
            return fields;
        }
    }
    return NULL;
}

apr_table_t *mpcms_fields_defaults(const mpcms_field_t *fields,
                                   apr_pool_t *pool)
{
    apr_table_t *values = apr_table_make(pool, 16);

    for (; fields->name != NULL; fields++) {
        apr_table_setn(values, fields->name,
                       fields->default_value ? fields->default_value : "");
    }
    return values;
}

void mpcms_fields_add_error(apr_array_header_t **errors, const char *field,
                            apr_pool_t *pool, const char *fmt, ...)
{
    mpcms_error_t *error;
    const char *message;
    va_list args;

    va_start(args, fmt);
    message = apr_pvsprintf(pool, fmt, args);
    va_end(args);
    error = mpcms_error_make(field, 0, 0, pool, "%s", message);

    if (*errors == NULL) {
        *errors = apr_array_make(pool, 4, sizeof(mpcms_error_t *));
    }
    APR_ARRAY_PUSH(*errors, mpcms_error_t *) = error;
}

const mpcms_error_t *mpcms_fields_error_for(const apr_array_header_t *errors,
                                            const char *field)
{
    int i;

    if (errors == NULL) {
        return NULL;
    }
    for (i = 0; i < errors->nelts; i++) {
        const mpcms_error_t *error = APR_ARRAY_IDX(errors, i, mpcms_error_t *);

        if (error->source != NULL && strcmp(error->source, field) == 0) {
            return error;
        }
    }
    return NULL;
}

apr_array_header_t *mpcms_fields_join_errors(apr_array_header_t *body_errors,
                                             apr_array_header_t *errors,
                                             apr_pool_t *pool)
{
    apr_array_header_t *joined;
    int i;

    if (body_errors == NULL || errors == NULL) {
        return body_errors != NULL ? body_errors : errors;
    }
    joined = apr_array_copy(pool, body_errors);
    for (i = 0; i < errors->nelts; i++) {
        mpcms_error_t *error = APR_ARRAY_IDX(errors, i, mpcms_error_t *);

        if (error->source == NULL
            || mpcms_fields_error_for(body_errors, error->source) == NULL) {
            APR_ARRAY_PUSH(joined, mpcms_error_t *) = error;
        }
    }
    return joined;
}

int mpcms_fields_is_empty(const apr_table_t *values, const char *name)
{
    const char *value = apr_table_get(values, name);

    return value == NULL || value[0] == '\0';
}

const char *mpcms_fields_sql(const apr_table_t *values, const char *name)
{
    const char *value = apr_table_get(values, name);

    return value != NULL && value[0] != '\0' ? value : NULL;
}

/* ---- reading forms ---- */

apr_table_t *mpcms_fields_from_form(const mpcms_field_t *fields,
                                    const apr_table_t *form, apr_pool_t *pool)
{
    apr_table_t *values = apr_table_make(pool, 16);

    for (; fields->name != NULL; fields++) {
        const char *value = apr_table_get(form, fields->name);

        if (fields->input == MPCMS_INPUT_CHECKBOX) {
            apr_table_setn(values, fields->name, value ? value : "0");
        }
        else if (fields->input == MPCMS_INPUT_CHOICES) {
            const apr_array_header_t *entries = apr_table_elts(form);
            const apr_table_entry_t *elts =
                (const apr_table_entry_t *)entries->elts;
            int i;

            for (i = 0; i < entries->nelts; i++) {
                if (elts[i].key != NULL
                    && strcasecmp(elts[i].key, fields->name) == 0) {
                    apr_table_addn(values, fields->name, elts[i].val);
                }
            }
        }
        else if (value != NULL) {
            apr_table_setn(values, fields->name, value);
        }
    }
    return values;
}

/* ---- reading JSON ---- */

/* Copies a JSON value as compact text into pool. */
static const char *dump_json(const json_t *value, apr_pool_t *pool)
{
    char *text =
        json_dumps(value, JSON_COMPACT | JSON_ENCODE_ANY | JSON_PRESERVE_ORDER);
    const char *copy;

    if (text == NULL) {
        return NULL;
    }
    copy = apr_pstrdup(pool, text);
    free(text);
    return copy;
}

static void read_json_choices(apr_table_t *values, apr_array_header_t **errors,
                              const mpcms_field_t *field, json_t *value,
                              apr_pool_t *pool)
{
    size_t index;
    json_t *item;

    if (!json_is_array(value)) {
        mpcms_fields_add_error(errors, field->name, pool,
                               "expected an array of strings");
        return;
    }
    json_array_foreach(value, index, item)
    {
        if (!json_is_string(item)) {
            mpcms_fields_add_error(errors, field->name, pool,
                                   "expected an array of strings; item %lu "
                                   "is not a string",
                                   (unsigned long)index);
            return;
        }
        apr_table_addn(values, field->name,
                       apr_pstrdup(pool, json_string_value(item)));
    }
    if (json_array_size(value) == 0) {
        /* An empty list must still replace the stored choices. */
        apr_table_setn(values, field->name, "");
    }
}

/* Converts one JSON member into the value of field. */
static void read_json_value(apr_table_t *values, apr_array_header_t **errors,
                            const mpcms_field_t *field, json_t *value,
                            apr_pool_t *pool)
{
    if (json_is_null(value)) {
        if (field->input == MPCMS_INPUT_CHOICES
            || (field->flags & MPCMS_FIELD_NULLABLE)) {
            apr_table_setn(values, field->name, "");
        }
        else {
            mpcms_fields_add_error(errors, field->name, pool,
                                   "must not be null");
        }
        return;
    }

    switch (field->input) {
    case MPCMS_INPUT_CHECKBOX:
        if (!json_is_boolean(value)) {
            mpcms_fields_add_error(errors, field->name, pool,
                                   "expected true or false");
            return;
        }
        apr_table_setn(values, field->name, json_is_true(value) ? "1" : "0");
        return;
    case MPCMS_INPUT_NUMBER:
        if (!json_is_integer(value)) {
            mpcms_fields_add_error(errors, field->name, pool,
                                   "expected a whole number");
            return;
        }
        apr_table_setn(values, field->name,
                       apr_psprintf(pool, "%" APR_INT64_T_FMT,
                                    (apr_int64_t)json_integer_value(value)));
        return;
    case MPCMS_INPUT_JSON:
        apr_table_setn(values, field->name, dump_json(value, pool));
        return;
    case MPCMS_INPUT_CHOICES:
        read_json_choices(values, errors, field, value, pool);
        return;
    default:
        if (!json_is_string(value)) {
            mpcms_fields_add_error(errors, field->name, pool,
                                   "expected a string");
            return;
        }
        apr_table_setn(values, field->name,
                       apr_pstrdup(pool, json_string_value(value)));
        return;
    }
}

/*
 * Returns the column of a jansson error counted from 1: jansson reports 0
 * for an empty text.
 */
static int json_error_column(const json_error_t *parse_error)
{
    return parse_error->column > 0 ? parse_error->column : 1;
}

/* Returns jansson's error text, in the API's words where jansson names a flag. */
static const char *json_error_text(const json_error_t *parse_error)
{
    if (strstr(parse_error->text, "JSON_ALLOW_NUL") != NULL) {
        return "\\u0000 (NUL) is not allowed in strings";
    }
    return parse_error->text;
}

/* Returns nonzero when text contains only JSON white space. */
static int is_blank(const char *text, apr_size_t length)
{
    apr_size_t i;

    for (i = 0; i < length; i++) {
        if (text[i] != ' ' && text[i] != '\t' && text[i] != '\r'
            && text[i] != '\n') {
            return 0;
        }
    }
    return 1;
}

apr_status_t mpcms_fields_from_json(apr_table_t **values,
                                    apr_array_header_t **errors,
                                    const mpcms_field_t *fields,
                                    const char *text, apr_size_t length,
                                    mpcms_error_t **error, apr_pool_t *pool)
{
    json_error_t parse_error;
    apr_table_t *read;
    const char *name;
    json_t *root;
    json_t *value;

    *values = NULL;
    *errors = NULL;
    if (is_blank(text, length)) {
        *error = mpcms_error_make(NULL, 1, 1, pool,
                                  "invalid request body: it is empty, but a "
                                  "JSON object was expected");
        return MPCMS_EBADREQUEST;
    }
    /* Without JSON_ALLOW_NUL, jansson rejects "\u0000" in strings. */
    root = json_loadb(text, length, JSON_REJECT_DUPLICATES, &parse_error);
    if (root == NULL) {
        *error = mpcms_error_make(
            NULL, parse_error.line, json_error_column(&parse_error), pool,
            "invalid JSON at line %d, column %d "
            "(byte %d): %s",
            parse_error.line, json_error_column(&parse_error),
            parse_error.position, json_error_text(&parse_error));
        return MPCMS_EBADREQUEST;
    }
    if (!json_is_object(root)) {
        json_decref(root);
        *error = mpcms_error_make(NULL, 1, 1, pool,
                                  "invalid request body: expected a JSON "
                                  "object");
        return MPCMS_EBADREQUEST;
    }

    read = apr_table_make(pool, 16);
    json_object_foreach(root, name, value)
    {
        const mpcms_field_t *field = mpcms_fields_find(fields, name);

        if (field == NULL) {
            mpcms_fields_add_error(errors, apr_pstrdup(pool, name), pool,
                                   "unknown field");
            continue;
        }
        read_json_value(read, errors, field, value, pool);
    }
    json_decref(root);

    *values = read;
    return *errors != NULL ? MPCMS_EINVALID : APR_SUCCESS;
}

apr_table_t *mpcms_fields_merge(const mpcms_field_t *fields,
                                const apr_table_t *base,
                                const apr_table_t *update, apr_pool_t *pool)
{
    apr_table_t *merged = apr_table_make(pool, 16);

    for (; fields->name != NULL; fields++) {
        const apr_table_t *source =
            apr_table_get(update, fields->name) != NULL ? update : base;
        const apr_array_header_t *entries = apr_table_elts(source);
        const apr_table_entry_t *elts =
            (const apr_table_entry_t *)entries->elts;
        int i;

        for (i = 0; i < entries->nelts; i++) {
            if (elts[i].key != NULL
                && strcasecmp(elts[i].key, fields->name) == 0) {
                apr_table_addn(merged, fields->name, elts[i].val);
            }
        }
    }
    return merged;
}

/* ---- checks ---- */

static int is_language_tag(const char *s)
{
    apr_size_t length = strlen(s);
    apr_size_t i = 0;
    apr_size_t part;

    if (length < 2 || length > LANGUAGE_MAX) {
        return 0;
    }
    /* Primary subtag: 2 or 3 lower-case letters. */
    while (apr_islower(s[i])) {
        i++;
    }
    if (i < 2 || i > 3) {
        return 0;
    }
    while (s[i] == '-') {
        i++;
        part = 0;
        while (apr_isalnum(s[i]) && apr_isascii(s[i])) {
            i++;
            part++;
        }
        if (part < 1 || part > 8) {
            return 0;
        }
    }
    return s[i] == '\0';
}

static int is_email(const char *s)
{
    const char *at = strchr(s, '@');
    const char *p;

    if (at == NULL || at == s || strchr(at + 1, '@') != NULL
        || strlen(s) > EMAIL_MAX) {
        return 0;
    }
    for (p = s; *p != '\0'; p++) {
        if ((unsigned char)*p <= 0x20 || *p == '"' || *p == '<' || *p == '>'
            || *p == '(' || *p == ')' || *p == ',' || *p == ';' || *p == '\\') {
            return 0;
        }
    }
    /* The domain: at least two labels, no empty label. */
    return strchr(at + 1, '.') != NULL && at[1] != '.'
           && s[strlen(s) - 1] != '.' && strstr(at, "..") == NULL;
}

/* Returns nonzero when the last label of name is all digits. */
static int ends_in_number(const char *name)
{
    const char *last = strrchr(name, '.');

    for (last = last != NULL ? last + 1 : name; *last != '\0'; last++) {
        if (!apr_isdigit(*last)) {
            return 0;
        }
    }
    return 1;
}

/*
 * Returns what is wrong with text as a platform's or a vendor's domain,
 * or NULL when it is fine; *lower gets the lower-cased name. Besides the
 * DNS syntax, a domain has the 4 to 253 characters that vendor_domains'
 * CHECK demands on both backends. The last label must not be all digits,
 * which rejects IPv4 addresses and forms such as 999.1.1.1 that would
 * route the server's own address to a vendor.
 */
static const char *domain_problem(const char *text, const char **lower,
                                  apr_pool_t *pool)
{
    apr_size_t length = strlen(text);
    int colons = 0;
    const char *p;

    for (p = text; *p != '\0'; p++) {
        colons += *p == ':';
    }
    if (strstr(text, "://") != NULL) {
        return "write it without a scheme such as https://";
    }
    if (text[0] == '[' || colons > 1) {
        return "an IP address is not a domain; use a DNS name such as oms.lu";
    }
    if (colons == 1) {
        return "write it without a port";
    }
    if (text[length - 1] == '.') {
        return "write it without the trailing dot";
    }
    if (length < 4) {
        return "it is too short; a domain has at least 4 characters";
    }
    if (length > MPCMS_HOST_MAX) {
        return apr_psprintf(pool,
                            "it is too long; a domain has at most %d "
                            "characters",
                            MPCMS_HOST_MAX);
    }
    *lower = mpcms_host_normalize(text, pool);
    if (*lower == NULL) {
        return apr_psprintf(pool,
                            "each label between dots needs 1 to %d "
                            "letters, digits or '-', and no '-' at its "
                            "start or end",
                            MPCMS_LABEL_MAX);
    }
    if (ends_in_number(*lower)) {
        return "an IP address is not a domain, and the last label must not "
               "be all digits";
    }
    if (strchr(*lower, '.') == NULL) {
        return "it needs at least two labels, such as oms.lu";
    }
    return NULL;
}

static int is_url(const char *s)
{
    const char *p;

    if (strncmp(s, "https://", 8) == 0) {
        p = s + 8;
    }
    else if (strncmp(s, "http://", 7) == 0) {
        p = s + 7;
    }
    else if (s[0] == '/' && s[1] != '/' && s[1] != '\\') {
        p = s + 1;
    }
    else {
        return 0;
    }
    if (p != s + 1 && (*p == '\0' || *p == '/')) {
        return 0; /* no host */
    }
    for (; *p != '\0'; p++) {
        if ((unsigned char)*p <= 0x20 || *p == '"' || *p == '<' || *p == '>'
            || *p == '\\' || *p == '`') {
            return 0;
        }
    }
    return 1;
}

/*
 * Parses text as JSON for a form field. Returns NULL and adds an error
 * with the line and column to errors when it is not JSON.
 */
static json_t *parse_field_json(apr_array_header_t **errors, const char *field,
                                const char *text, apr_pool_t *pool)
{
    json_error_t parse_error;
    json_t *root = json_loads(text, JSON_REJECT_DUPLICATES | JSON_DECODE_ANY,
                              &parse_error);
    mpcms_error_t *error;

    if (root != NULL) {
        return root;
    }
    mpcms_fields_add_error(errors, field, pool,
                           "invalid JSON at line %d, column %d (byte %d): %s",
                           parse_error.line, json_error_column(&parse_error),
                           parse_error.position, json_error_text(&parse_error));
    error = APR_ARRAY_IDX(*errors, (*errors)->nelts - 1, mpcms_error_t *);
    error->line = parse_error.line;
    error->column = json_error_column(&parse_error);
    return NULL;
}

static const char *check_languages(apr_array_header_t **errors,
                                   const char *field, const char *text,
                                   apr_pool_t *pool)
{
    json_t *root = parse_field_json(errors, field, text, pool);
    const char *clean;
    size_t index;
    size_t other;
    json_t *item;

    if (root == NULL) {
        return NULL;
    }
    if (!json_is_array(root) || json_array_size(root) == 0) {
        mpcms_fields_add_error(errors, field, pool,
                               "expected a JSON array of language tags, such "
                               "as [\"en\", \"fr\"]");
        json_decref(root);
        return NULL;
    }
    json_array_foreach(root, index, item)
    {
        if (!json_is_string(item)
            || !is_language_tag(json_string_value(item))) {
            mpcms_fields_add_error(errors, field, pool,
                                   "item %lu is not a language tag such as "
                                   "\"en\" or \"pt-BR\"",
                                   (unsigned long)index + 1);
            json_decref(root);
            return NULL;
        }
        for (other = 0; other < index; other++) {
            if (strcmp(json_string_value(json_array_get(root, other)),
                       json_string_value(item))
                == 0) {
                mpcms_fields_add_error(errors, field, pool,
                                       "\"%s\" is listed twice",
                                       json_string_value(item));
                json_decref(root);
                return NULL;
            }
        }
    }
    clean = dump_json(root, pool);
    json_decref(root);
    return clean;
}

/*
 * Checks the keys of a theme_config object that templates write into a
 * style sheet: each that is present must be a colour that
 * mpcms_palette_color_is_valid accepts. Other keys are free-form.
 */
static int theme_colors_are_valid(apr_array_header_t **errors,
                                  const char *field, json_t *theme,
                                  apr_pool_t *pool)
{
    static const char *const color_keys[] = { "primary_color", "accent_color",
                                              NULL };
    const char *const *key;
    int valid = 1;

    for (key = color_keys; *key != NULL; key++) {
        json_t *value = json_object_get(theme, *key);

        if (value != NULL
            && !mpcms_palette_color_is_valid(json_string_value(value))) {
            mpcms_fields_add_error(errors, field, pool,
                                   "invalid \"%s\": expected a colour "
                                   "written as #rgb or #rrggbb, such as "
                                   "\"#0f766e\"",
                                   *key);
            valid = 0;
        }
    }
    return valid;
}

static const char *check_json(apr_array_header_t **errors,
                              const mpcms_field_t *field, const char *text,
                              apr_pool_t *pool)
{
    json_t *root;
    const char *clean;

    if (field->check == MPCMS_CHECK_LANGUAGES) {
        return check_languages(errors, field->name, text, pool);
    }
    root = parse_field_json(errors, field->name, text, pool);
    if (root == NULL) {
        return NULL;
    }
    if ((field->check == MPCMS_CHECK_JSON_OBJECT
         || field->check == MPCMS_CHECK_THEME)
        && !json_is_object(root)) {
        mpcms_fields_add_error(errors, field->name, pool,
                               "expected a JSON object, such as {}");
        json_decref(root);
        return NULL;
    }
    if (field->check == MPCMS_CHECK_THEME
        && !theme_colors_are_valid(errors, field->name, root, pool)) {
        json_decref(root);
        return NULL;
    }
    clean = dump_json(root, pool);
    json_decref(root);
    return clean;
}

static const char *check_number(apr_array_header_t **errors,
                                const mpcms_field_t *field, const char *text,
                                apr_pool_t *pool)
{
    char *end;
    long number;

    errno = 0;
    number = strtol(text, &end, 10);
    if (errno != 0 || end == text || *end != '\0' || number < field->min
        || number > field->max) {
        mpcms_fields_add_error(errors, field->name, pool,
                               "expected a whole number from %ld to %ld",
                               field->min, field->max);
        return NULL;
    }
    return apr_ltoa(pool, number);
}

static int is_option(const mpcms_option_t *options, const char *value)
{
    for (; options->value != NULL; options++) {
        if (strcmp(options->value, value) == 0) {
            return 1;
        }
    }
    return 0;
}

static const char *check_checkbox(apr_array_header_t **errors,
                                  const mpcms_field_t *field, const char *text,
                                  apr_pool_t *pool)
{
    if (strcmp(text, "1") == 0 || strcmp(text, "on") == 0
        || strcmp(text, "true") == 0) {
        return "1";
    }
    if (text[0] == '\0' || strcmp(text, "0") == 0
        || strcmp(text, "false") == 0) {
        return "0";
    }
    mpcms_fields_add_error(errors, field->name, pool,
                           "expected 1 or 0 (checked or not)");
    return NULL;
}

/* Checks the format of a non-empty one-line value; returns it as stored. */
static const char *check_format(apr_array_header_t **errors,
                                const mpcms_field_t *field, const char *text,
                                apr_pool_t *pool)
{
    const char *lower = NULL;
    const char *problem;
    mpcms_error_t *error = NULL;

    switch (field->check) {
    case MPCMS_CHECK_SLUG:
        if (!mpcms_slug_is_valid(text)) {
            mpcms_fields_add_error(errors, field->name, pool,
                                   "invalid slug '%s': use 1 to %d lower-case "
                                   "letters, digits, '-' or '_'",
                                   text, MPCMS_SLUG_MAX);
            return NULL;
        }
        return text;
    case MPCMS_CHECK_CODE:
        if (!mpcms_code_is_valid(text)) {
            mpcms_fields_add_error(errors, field->name, pool,
                                   "invalid code '%s': use 1 to %d lower-case "
                                   "letters, digits, '-' or '_'",
                                   text, MPCMS_CODE_MAX);
            return NULL;
        }
        return text;
    case MPCMS_CHECK_DOMAIN:
        problem = domain_problem(text, &lower, pool);
        if (problem != NULL) {
            mpcms_fields_add_error(errors, field->name, pool,
                                   "invalid domain '%s': %s", text, problem);
            return NULL;
        }
        return lower;
    case MPCMS_CHECK_PATH_PREFIX:
        if (!mpcms_path_prefix_is_valid(text)) {
            mpcms_fields_add_error(
                errors, field->name, pool,
                "invalid path prefix '%s': expected '/' followed by path "
                "segments of lower-case letters, digits, '-' or '_', with no "
                "trailing slash (for example /oms)",
                text);
            return NULL;
        }
        return text;
    case MPCMS_CHECK_EMAIL:
        lower = mpcms_text_lower(text, pool);
        if (!is_email(lower)) {
            mpcms_fields_add_error(errors, field->name, pool,
                                   "invalid e-mail address '%s'", text);
            return NULL;
        }
        return lower;
    case MPCMS_CHECK_LANGUAGE:
        if (!is_language_tag(text)) {
            mpcms_fields_add_error(errors, field->name, pool,
                                   "invalid language tag '%s': expected a "
                                   "tag such as en, fr or pt-BR",
                                   text);
            return NULL;
        }
        return text;
    case MPCMS_CHECK_TIMEZONE:
        /* The zone must exist in the tz database, so that the dashboard
         * can convert publish times in it. */
        if (mpcms_timezone_validate(text, &error, pool) != APR_SUCCESS) {
            mpcms_fields_add_error(errors, field->name, pool, "%s",
                                   error->message);
            return NULL;
        }
        return text;
    case MPCMS_CHECK_URL:
        if (!is_url(text)) {
            mpcms_fields_add_error(errors, field->name, pool,
                                   "invalid URL '%s': expected an http:// or "
                                   "https:// URL or a path starting with /",
                                   text);
            return NULL;
        }
        return text;
    case MPCMS_CHECK_LABEL:
        lower = mpcms_text_lower(text, pool);
        if (!mpcms_label_is_valid(lower, strlen(lower))) {
            mpcms_fields_add_error(errors, field->name, pool,
                                   "invalid subdomain '%s': use 1 to %d "
                                   "letters, digits or inner '-'",
                                   text, MPCMS_LABEL_MAX);
            return NULL;
        }
        return lower;
    case MPCMS_CHECK_PASSWORD:
        if (mpcms_auth_password_check(text, &error, pool) != APR_SUCCESS) {
            mpcms_fields_add_error(errors, field->name, pool, "%s",
                                   error->message);
            return NULL;
        }
        return text;
    default:
        return text;
    }
}

static int is_multiline(const mpcms_field_t *field)
{
    return field->input == MPCMS_INPUT_TEXTAREA
           || field->input == MPCMS_INPUT_HTML
           || field->input == MPCMS_INPUT_JSON;
}

/* Checks the choices of field and adds them, without repeats, to clean. */
static void check_choices(apr_table_t *clean, apr_array_header_t **errors,
                          const mpcms_field_t *field, const apr_table_t *values,
                          apr_pool_t *pool)
{
    const apr_array_header_t *entries = apr_table_elts(values);
    const apr_table_entry_t *elts = (const apr_table_entry_t *)entries->elts;
    apr_table_t *seen = apr_table_make(pool, 8);
    int i;

    for (i = 0; i < entries->nelts; i++) {
        const char *choice;

        if (elts[i].key == NULL || strcasecmp(elts[i].key, field->name) != 0
            || elts[i].val[0] == '\0') {
            continue;
        }
        choice = elts[i].val;
        if (field->options != NULL && !is_option(field->options, choice)) {
            mpcms_fields_add_error(errors, field->name, pool,
                                   "unknown choice '%s'", choice);
            continue;
        }
        if (apr_table_get(seen, choice) == NULL) {
            apr_table_setn(seen, choice, "1");
            apr_table_addn(clean, field->name, choice);
        }
    }
}

/* Checks one single-valued field; returns its stored form or NULL. */
static const char *check_field(apr_array_header_t **errors,
                               const mpcms_field_t *field, const char *value,
                               apr_pool_t *pool)
{
    const char *text = value != NULL ? value : "";

    if (!mpcms_utf8_is_valid(text)) {
        mpcms_fields_add_error(errors, field->name, pool,
                               "the value is not valid UTF-8");
        return NULL;
    }
    if (mpcms_text_has_control(text, is_multiline(field))) {
        mpcms_fields_add_error(errors, field->name, pool,
                               "the value contains control characters");
        return NULL;
    }
    if (field->input == MPCMS_INPUT_CHECKBOX) {
        return check_checkbox(errors, field, text, pool);
    }
    if (!is_multiline(field) && field->input != MPCMS_INPUT_PASSWORD) {
        text = mpcms_text_trim(text, pool);
    }

    if (text[0] == '\0') {
        if (field->flags & MPCMS_FIELD_REQUIRED) {
            mpcms_fields_add_error(errors, field->name, pool, "is required");
            return NULL;
        }
        return "";
    }
    if (field->max_length > 0
        && mpcms_utf8_length(text) > (apr_size_t)field->max_length) {
        mpcms_fields_add_error(errors, field->name, pool,
                               "is too long: at most %d characters",
                               field->max_length);
        return NULL;
    }

    switch (field->input) {
    case MPCMS_INPUT_NUMBER:
        return check_number(errors, field, text, pool);
    case MPCMS_INPUT_JSON:
        return check_json(errors, field, text, pool);
    case MPCMS_INPUT_SELECT:
        if (field->options != NULL && !is_option(field->options, text)) {
            mpcms_fields_add_error(errors, field->name, pool,
                                   "unknown choice '%s'", text);
            return NULL;
        }
        return text;
    default:
        return check_format(errors, field, text, pool);
    }
}

apr_status_t mpcms_fields_validate(apr_table_t **clean,
                                   apr_array_header_t **errors,
                                   const mpcms_field_t *fields,
                                   const apr_table_t *values, apr_pool_t *pool)
{
    apr_table_t *out = apr_table_make(pool, 16);

    *errors = NULL;
    for (; fields->name != NULL; fields++) {
        const char *value;

        if (fields->input == MPCMS_INPUT_CHOICES) {
            check_choices(out, errors, fields, values, pool);
            continue;
        }
        value = check_field(errors, fields, apr_table_get(values, fields->name),
                            pool);
        if (value == NULL) {
            /* Keep what was typed, so that the form shows it again. */
            value = apr_table_get(values, fields->name);
        }
        apr_table_setn(out, fields->name, value != NULL ? value : "");
    }
    *clean = out;
    return *errors != NULL ? MPCMS_EINVALID : APR_SUCCESS;
}
