/* application/x-www-form-urlencoded parsing. */
#include <apr_lib.h>
#include <apr_strings.h>
#include <string.h>

#include "form.h"
#include "text.h"

static int hex_value(char c)
{
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return -1;
}

/*
 * Decodes length bytes at text into a NUL-terminated string. Returns NULL
 * for a malformed escape or a decoded NUL byte.
 */
static char *decode(const char *text, apr_size_t length, apr_pool_t *pool)
{
    char *out = apr_palloc(pool, length + 1);
    char *p = out;
    apr_size_t i;

    for (i = 0; i < length; i++) {
        if (text[i] == '+') {
            *p++ = ' ';
        }
        else if (text[i] == '%') {
            int high;
            int low;

            if (i + 2 >= length) {
                return NULL;
            }
            high = hex_value(text[i + 1]);
            low = hex_value(text[i + 2]);
            if (high < 0 || low < 0 || (high == 0 && low == 0)) {
                return NULL;
            }
            *p++ = (char)(high * 16 + low);
            i += 2;
        }
        else {
            *p++ = text[i];
        }
    }
    *p = '\0';
    return out;
}

static apr_status_t fail(mpcms_error_t **error, const char *field,
                         const char *message, apr_pool_t *pool)
{
    *error = mpcms_error_make(field, 0, 0, pool, "%s", message);
    return APR_EINVAL;
}

/* Parses one "name=value" pair of length bytes into fields. */
static apr_status_t add_pair(apr_table_t *fields, const char *pair,
                             apr_size_t length, mpcms_error_t **error,
                             apr_pool_t *pool)
{
    const char *equals = memchr(pair, '=', length);
    apr_size_t name_length =
        equals != NULL ? (apr_size_t)(equals - pair) : length;
    const char *raw_value = equals != NULL ? equals + 1 : pair + length;
    char *name;
    char *value;

    name = decode(pair, name_length, pool);
    if (name == NULL || !mpcms_utf8_is_valid(name)) {
        return fail(error, NULL,
                    "the form data has a field name with an invalid %-escape "
                    "or invalid UTF-8",
                    pool);
    }
    if (name[0] == '\0') {
        return fail(error, NULL, "the form data has a field without a name",
                    pool);
    }
    value = decode(raw_value, (apr_size_t)(pair + length - raw_value), pool);
    if (value == NULL) {
        return fail(error, name,
                    "the value has an invalid %-escape or a NUL byte", pool);
    }
    if (!mpcms_utf8_is_valid(value)) {
        return fail(error, name, "the value is not valid UTF-8", pool);
    }
    apr_table_addn(fields, name, value);
    return APR_SUCCESS;
}

apr_status_t mpcms_form_parse(apr_table_t **fields, const char *text,
                              apr_size_t length, mpcms_error_t **error,
                              apr_pool_t *pool)
{
    apr_table_t *parsed = apr_table_make(pool, 16);
    apr_size_t start = 0;
    int count = 0;

    *fields = NULL;
    while (start < length) {
        const char *amp = memchr(text + start, '&', length - start);
        apr_size_t end = amp != NULL ? (apr_size_t)(amp - text) : length;
        apr_status_t rv;

        if (end > start) {
            if (++count > MPCMS_FORM_MAX_FIELDS) {
                *error = mpcms_error_make(NULL, 0, 0, pool,
                                          "the form data has more than %d "
                                          "fields",
                                          MPCMS_FORM_MAX_FIELDS);
                return APR_EINVAL;
            }
            rv = add_pair(parsed, text + start, end - start, error, pool);
            if (rv != APR_SUCCESS) {
                return rv;
            }
        }
        start = end + 1;
    }
    *fields = parsed;
    return APR_SUCCESS;
}

const char *mpcms_form_get(const apr_table_t *fields, const char *name)
{
    return fields != NULL ? apr_table_get(fields, name) : NULL;
}

apr_array_header_t *mpcms_form_get_all(const apr_table_t *fields,
                                       const char *name, apr_pool_t *pool)
{
    apr_array_header_t *values = apr_array_make(pool, 4, sizeof(const char *));
    const apr_array_header_t *entries;
    const apr_table_entry_t *elts;
    int i;

    if (fields == NULL) {
        return values;
    }
    entries = apr_table_elts(fields);
    elts = (const apr_table_entry_t *)entries->elts;
    for (i = 0; i < entries->nelts; i++) {
        if (elts[i].key != NULL && strcasecmp(elts[i].key, name) == 0) {
            APR_ARRAY_PUSH(values, const char *) = elts[i].val;
        }
    }
    return values;
}

const char *mpcms_form_escape(const char *text, apr_pool_t *pool)
{
    static const char hex[] = "0123456789ABCDEF";
    char *out = apr_palloc(pool, strlen(text) * 3 + 1);
    char *p = out;

    for (; *text != '\0'; text++) {
        unsigned char c = (unsigned char)*text;

        if (apr_isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
            *p++ = (char)c;
        }
        else {
            *p++ = '%';
            *p++ = hex[c >> 4];
            *p++ = hex[c & 0x0F];
        }
    }
    *p = '\0';
    return out;
}
