/* UTF-8 and character checks of submitted text. */
#include <apr_lib.h>
#include <apr_strings.h>
#include <string.h>

#include "text.h"

apr_size_t mpcms_utf8_invalid_offset(const char *text, apr_size_t length)
{
    const unsigned char *s = (const unsigned char *)text;
    apr_size_t i = 0;

    while (i < length) {
        unsigned char c = s[i];
        unsigned char low = 0x80;
        unsigned char high = 0xBF;
        apr_size_t count;
        apr_size_t k;

        if (c < 0x80) {
            i++;
            continue;
        }
        if (c >= 0xC2 && c <= 0xDF) {
            count = 1;
        }
        else if (c >= 0xE0 && c <= 0xEF) {
            count = 2;
            if (c == 0xE0) {
                low = 0xA0; /* no overlong forms */
            }
            else if (c == 0xED) {
                high = 0x9F; /* no surrogates */
            }
        }
        else if (c >= 0xF0 && c <= 0xF4) {
            count = 3;
            if (c == 0xF0) {
                low = 0x90; /* no overlong forms */
            }
            else if (c == 0xF4) {
                high = 0x8F; /* nothing above U+10FFFF */
            }
        }
        else {
            return i;
        }

        /* Only the second byte has a narrower range. */
        for (k = 1; k <= count; k++) {
            if (i + k >= length || s[i + k] < low || s[i + k] > high) {
                return i;
            }
            low = 0x80;
            high = 0xBF;
        }
        i += count + 1;
    }
    return length;
}

int mpcms_utf8_is_valid(const char *text)
{
    apr_size_t length = strlen(text);

    return mpcms_utf8_invalid_offset(text, length) == length;
}

apr_size_t mpcms_utf8_length(const char *text)
{
    apr_size_t count = 0;

    for (; *text != '\0'; text++) {
        if (((unsigned char)*text & 0xC0) != 0x80) {
            count++;
        }
    }
    return count;
}

int mpcms_text_has_control(const char *text, int multiline)
{
    for (; *text != '\0'; text++) {
        unsigned char c = (unsigned char)*text;

        if (multiline && (c == '\t' || c == '\n' || c == '\r')) {
            continue;
        }
        if (c < 0x20 || c == 0x7F) {
            return 1;
        }
    }
    return 0;
}

const char *mpcms_text_trim(const char *text, apr_pool_t *pool)
{
    const char *end;

    while (*text == ' ' || *text == '\t') {
        text++;
    }
    end = text + strlen(text);
    while (end > text && (end[-1] == ' ' || end[-1] == '\t')) {
        end--;
    }
    return apr_pstrmemdup(pool, text, (apr_size_t)(end - text));
}

const char *mpcms_text_lower(const char *text, apr_pool_t *pool)
{
    char *copy = apr_pstrdup(pool, text);
    char *p;

    for (p = copy; *p != '\0'; p++) {
        *p = (char)apr_tolower(*p);
    }
    return copy;
}
