/* HTML escaping of text values. */
#include <string.h>

#include <apr_pools.h>

#include "html.h"

/*
 * Bytes that each input byte adds to the output when escaped: "&amp;" is
 * 5 bytes in place of 1, so '&' adds 4. Zero for bytes copied unchanged.
 */
static const unsigned char escape_extra_length[256] = {
    ['&'] = 4, ['<'] = 3, ['>'] = 3, ['"'] = 5, ['\''] = 4,
};

apr_size_t mpcms_html_escaped_length(const char *text)
{
    const unsigned char *p = (const unsigned char *)text;
    apr_size_t length = 0;

    if (p == NULL) {
        return 0;
    }
    for (; *p != '\0'; p++) {
        length += 1 + escape_extra_length[*p];
    }
    return length;
}

char *mpcms_html_escape_to(char *out, const char *text)
{
    const char *p = text;

    if (p == NULL) {
        return out;
    }
    for (; *p != '\0'; p++) {
        switch (*p) {
        case '&':
            memcpy(out, "&amp;", 5);
            out += 5;
            break;
        case '<':
            memcpy(out, "&lt;", 4);
            out += 4;
            break;
        case '>':
            memcpy(out, "&gt;", 4);
            out += 4;
            break;
        case '"':
            memcpy(out, "&quot;", 6);
            out += 6;
            break;
        case '\'':
            memcpy(out, "&#39;", 5);
            out += 5;
            break;
        default:
            *out++ = *p;
            break;
        }
    }
    return out;
}

const char *mpcms_html_escape(const char *text, apr_pool_t *pool)
{
    apr_size_t escaped_length;
    char *copy;
    char *end;

    if (text == NULL) {
        return "";
    }

    escaped_length = mpcms_html_escaped_length(text);
    if (escaped_length == strlen(text)) {
        return text;
    }

    copy = apr_palloc(pool, escaped_length + 1);
    end = mpcms_html_escape_to(copy, text);
    *end = '\0';
    return copy;
}
