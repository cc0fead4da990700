/*
 * Checks on text that people type into forms and JSON: UTF-8 validity,
 * length in characters, control characters, surrounding spaces.
 */
#ifndef MPCMS_TEXT_H
#define MPCMS_TEXT_H

#include <apr_pools.h>

/*
 * Returns the offset of the first byte of length bytes at text that does
 * not start a valid UTF-8 sequence, or length when all of it is valid.
 * Overlong forms, surrogates and code points above U+10FFFF are invalid.
 */
apr_size_t mpcms_utf8_invalid_offset(const char *text, apr_size_t length);

/* Returns 1 when the NUL-terminated text is valid UTF-8. */
int mpcms_utf8_is_valid(const char *text);

/* Returns the number of characters of valid UTF-8 text. */
apr_size_t mpcms_utf8_length(const char *text);

/*
 * Returns 1 when text contains an ASCII control character or DEL. With
 * multiline set, tab, line feed and carriage return are allowed.
 */
int mpcms_text_has_control(const char *text, int multiline);

/* Returns text without leading and trailing spaces and tabs. */
const char *mpcms_text_trim(const char *text, apr_pool_t *pool);

/* Returns a lower-cased copy of ASCII letters in text. */
const char *mpcms_text_lower(const char *text, apr_pool_t *pool);

#endif /* MPCMS_TEXT_H */
