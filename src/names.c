/* Validation of slugs, codes and DNS labels. */
#include <apr_strings.h>
#include <string.h>

#include "names.h"

static int is_slug_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'
           || c == '_';
}

static int has_only_slug_chars(const char *s, apr_size_t length)
{
    apr_size_t i;

    for (i = 0; i < length; i++) {
        if (!is_slug_char(s[i])) {
            return 0;
        }
    }
    return 1;
}

int mpcms_slug_is_valid_n(const char *s, apr_size_t length)
{
    return s != NULL && length >= 1 && length <= MPCMS_SLUG_MAX
           && has_only_slug_chars(s, length);
}

int mpcms_slug_is_valid(const char *s)
{
    return s != NULL && mpcms_slug_is_valid_n(s, strlen(s));
}

int mpcms_code_is_valid(const char *s)
{
    apr_size_t length;

    if (s == NULL) {
        return 0;
    }
    length = strlen(s);
    return length >= 1 && length <= MPCMS_CODE_MAX
           && has_only_slug_chars(s, length);
}

int mpcms_label_is_valid(const char *s, apr_size_t length)
{
    apr_size_t i;

    if (s == NULL || length < 1 || length > MPCMS_LABEL_MAX) {
        return 0;
    }
    if (s[0] == '-' || s[length - 1] == '-') {
        return 0;
    }
    for (i = 0; i < length; i++) {
        char c = s[i];

        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
            return 0;
        }
    }
    return 1;
}

const char *mpcms_slug_normalize(const char *slug, apr_int64_t id,
                                 apr_pool_t *pool)
{
    apr_size_t length = strlen(slug);
    char *out;
    apr_size_t used = 0;
    apr_size_t i;

    if (mpcms_slug_is_valid(slug)) {
        return slug;
    }

    out = apr_palloc(pool, length + 1);
    for (i = 0; i < length; i++) {
        char c = slug[i];

        if (c >= 'A' && c <= 'Z') {
            c = (char)(c - 'A' + 'a');
        }
        if (is_slug_char(c)) {
            out[used++] = c;
        }
        else if (used > 0 && out[used - 1] != '-') {
            out[used++] = '-';
        }
    }
    if (used > MPCMS_SLUG_MAX) {
        used = MPCMS_SLUG_MAX;
    }
    while (used > 0 && out[used - 1] == '-') {
        used--;
    }
    out[used] = '\0';
    while (*out == '-') {
        out++;
    }

    if (*out == '\0') {
        return apr_psprintf(pool, "page-%" APR_INT64_T_FMT, id);
    }
    return out;
}

const char *mpcms_slug_with_id(const char *slug, apr_int64_t id,
                               apr_pool_t *pool)
{
    const char *suffix = apr_psprintf(pool, "-%" APR_INT64_T_FMT, id);
    apr_size_t room = MPCMS_SLUG_MAX - strlen(suffix);

    return apr_pstrcat(pool, apr_pstrndup(pool, slug, room), suffix, NULL);
}

int mpcms_path_prefix_is_valid(const char *s)
{
    const char *p;

    if (s == NULL || s[0] != '/' || s[1] == '\0') {
        return 0;
    }
    for (p = s + 1; *p != '\0'; p++) {
        if (*p == '/') {
            if (p[-1] == '/' || p[1] == '\0') {
                return 0;
            }
        }
        else if (!is_slug_char(*p)) {
            return 0;
        }
    }
    return 1;
}
