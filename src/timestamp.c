/* Formatting and parsing of stored times. */
#include <apr_lib.h>
#include <apr_strings.h>
#include <string.h>

#include "timestamp.h"

const char *mpcms_timestamp_format(apr_time_t t, apr_pool_t *pool)
{
    apr_time_exp_t parts;

    apr_time_exp_gmt(&parts, t);
    return apr_psprintf(pool, "%04d-%02d-%02dT%02d:%02d:%02dZ",
                        parts.tm_year + 1900, parts.tm_mon + 1, parts.tm_mday,
                        parts.tm_hour, parts.tm_min, parts.tm_sec);
}

/* Reads exactly count digits at *text into *value and advances *text. */
static int read_digits(const char **text, int count, int *value)
{
    int i;

    *value = 0;
    for (i = 0; i < count; i++) {
        if (!apr_isdigit((*text)[i])) {
            return 0;
        }
        *value = *value * 10 + ((*text)[i] - '0');
    }
    *text += count;
    return 1;
}

static int expect(const char **text, char c)
{
    if (**text != c) {
        return 0;
    }
    (*text)++;
    return 1;
}

/* Reads "Z", "+HH", "+HHMM" or "+HH:MM" (or "-") into seconds east of UTC. */
static int read_zone(const char **text, int *offset)
{
    int sign;
    int hours;
    int minutes = 0;

    *offset = 0;
    if (**text == '\0') {
        return 1;
    }
    if (expect(text, 'Z')) {
        return 1;
    }
    if (**text != '+' && **text != '-') {
        return 0;
    }
    sign = **text == '-' ? -1 : 1;
    (*text)++;
    if (!read_digits(text, 2, &hours)) {
        return 0;
    }
    if (**text == ':') {
        (*text)++;
    }
    if (apr_isdigit(**text) && !read_digits(text, 2, &minutes)) {
        return 0;
    }
    if (hours > 23 || minutes > 59) {
        return 0;
    }
    *offset = sign * (hours * 3600 + minutes * 60);
    return 1;
}

apr_status_t mpcms_timestamp_parse(apr_time_t *t, const char *text)
{
    apr_time_exp_t parts;
    int year, month, day, hour, minute, second, offset;

    memset(&parts, 0, sizeof(parts));
    if (text == NULL || !read_digits(&text, 4, &year) || !expect(&text, '-')
        || !read_digits(&text, 2, &month) || !expect(&text, '-')
        || !read_digits(&text, 2, &day) || (*text != 'T' && *text != ' ')) {
        return APR_EINVAL;
    }
    text++;
    if (!read_digits(&text, 2, &hour) || !expect(&text, ':')
        || !read_digits(&text, 2, &minute) || !expect(&text, ':')
        || !read_digits(&text, 2, &second)) {
        return APR_EINVAL;
    }
    if (*text == '.') {
        text++;
        while (apr_isdigit(*text)) {
            text++;
        }
    }
    if (!read_zone(&text, &offset) || *text != '\0') {
        return APR_EINVAL;
    }
    if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23
        || minute > 59 || second > 60) {
        return APR_EINVAL;
    }

    parts.tm_year = year - 1900;
    parts.tm_mon = month - 1;
    parts.tm_mday = day;
    parts.tm_hour = hour;
    parts.tm_min = minute;
    parts.tm_sec = second;
    if (apr_time_exp_gmt_get(t, &parts) != APR_SUCCESS) {
        return APR_EINVAL;
    }
    *t -= apr_time_from_sec(offset);
    return APR_SUCCESS;
}

const char *mpcms_timestamp_normalize(const char *text, apr_pool_t *pool)
{
    apr_time_t t;

    if (text == NULL || mpcms_timestamp_parse(&t, text) != APR_SUCCESS) {
        return text;
    }
    return mpcms_timestamp_format(t, pool);
}
