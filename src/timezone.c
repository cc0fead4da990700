/* UTC text and time zone conversions through GLib's GTimeZone. */
#include <apr_file_io.h>
#include <apr_strings.h>
#include <glib.h>
#include <stdlib.h>
#include <string.h>

#include "timezone.h"

#define SECONDS_PER_DAY 86400

/* Default folder of the tz database; TZDIR overrides it, as in GLib. */
#define ZONEINFO_DIR "/usr/share/zoneinfo"

struct mpcms_timezone {
    GTimeZone *zone;
    const char *name;
};

const char *mpcms_utc_format(apr_time_t t, apr_pool_t *pool)
{
    apr_time_exp_t parts;

    apr_time_exp_gmt(&parts, t);
    return apr_psprintf(pool, "%04d-%02d-%02dT%02d:%02d:%02dZ",
                        parts.tm_year + 1900, parts.tm_mon + 1, parts.tm_mday,
                        parts.tm_hour, parts.tm_min, parts.tm_sec);
}

/* Reads exactly count digits at text into *value. */
static int read_digits(int *value, const char *text, int count)
{
    int i;

    *value = 0;
    for (i = 0; i < count; i++) {
        if (text[i] < '0' || text[i] > '9') {
            return 0;
        }
        *value = *value * 10 + (text[i] - '0');
    }
    return 1;
}

/* Returns 1 when the fields other than the year are in their ranges. */
static int fields_are_valid(int month, int day, int hour, int minute,
                            int second)
{
    return month >= 1 && month <= 12 && day >= 1 && day <= 31 && hour >= 0
           && hour <= 23 && minute >= 0 && minute <= 59 && second >= 0
           && second <= 59;
}

/*
 * Converts calendar fields read as UTC to seconds since the epoch, and
 * rejects fields out of range or a date that does not exist.
 */
static apr_status_t fields_to_seconds(apr_int64_t *seconds, int year, int month,
                                      int day, int hour, int minute, int second)
{
    apr_time_exp_t parts;
    apr_time_exp_t check;
    apr_time_t t;

    /* apr_time_exp_gmt_get cannot represent years before 1970. */
    if (year < 1970 || year > 9999
        || !fields_are_valid(month, day, hour, minute, second)) {
        return APR_EINVAL;
    }
    memset(&parts, 0, sizeof(parts));
    parts.tm_year = year - 1900;
    parts.tm_mon = month - 1;
    parts.tm_mday = day;
    parts.tm_hour = hour;
    parts.tm_min = minute;
    parts.tm_sec = second;
    if (apr_time_exp_gmt_get(&t, &parts) != APR_SUCCESS) {
        return APR_EINVAL;
    }

    /* apr_time_exp_gmt_get rolls 30 February over into March. */
    apr_time_exp_gmt(&check, t);
    if (check.tm_mday != day || check.tm_mon != month - 1) {
        return APR_EINVAL;
    }
    *seconds = apr_time_sec(t);
    return APR_SUCCESS;
}

apr_status_t mpcms_utc_parse(apr_time_t *t, const char *text)
{
    int year, month, day, hour, minute, second;
    apr_int64_t seconds;
    apr_status_t rv;

    if (text == NULL || strlen(text) != MPCMS_UTC_TEXT_LENGTH
        || !read_digits(&year, text, 4) || text[4] != '-'
        || !read_digits(&month, text + 5, 2) || text[7] != '-'
        || !read_digits(&day, text + 8, 2) || text[10] != 'T'
        || !read_digits(&hour, text + 11, 2) || text[13] != ':'
        || !read_digits(&minute, text + 14, 2) || text[16] != ':'
        || !read_digits(&second, text + 17, 2) || text[19] != 'Z') {
        return APR_EINVAL;
    }
    rv = fields_to_seconds(&seconds, year, month, day, hour, minute, second);
    if (rv == APR_SUCCESS) {
        *t = apr_time_from_sec(seconds);
    }
    return rv;
}

static int name_has_valid_form(const char *name)
{
    apr_size_t length = strlen(name);
    apr_size_t i;

    if (length == 0 || length > MPCMS_TIMEZONE_NAME_MAX || name[0] == '/'
        || name[length - 1] == '/' || strstr(name, "//") != NULL) {
        return 0;
    }
    for (i = 0; i < length; i++) {
        char c = name[i];

        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9') || c == '/' || c == '_' || c == '+'
              || c == '-')) {
            return 0;
        }
    }
    return 1;
}

/*
 * Files of the zoneinfo folder that are no IANA zone name: the machine's
 * own zone, the POSIX default rules, and the copies with and without leap
 * seconds.
 */
static int name_is_excluded(const char *name)
{
    return strcmp(name, "localtime") == 0 || strcmp(name, "posixrules") == 0
           || strncmp(name, "posix/", 6) == 0
           || strncmp(name, "right/", 6) == 0;
}

/* Returns 1 when the zoneinfo folder has a TZif file of that name. */
static int zone_file_exists(const char *name, apr_pool_t *pool)
{
    const char *folder = getenv("TZDIR");
    apr_file_t *file;
    char magic[4];
    apr_size_t length = sizeof(magic);
    apr_status_t rv;

    if (folder == NULL || folder[0] == '\0') {
        folder = ZONEINFO_DIR;
    }
    rv = apr_file_open(&file, apr_pstrcat(pool, folder, "/", name, NULL),
                       APR_FOPEN_READ, APR_OS_DEFAULT, pool);
    if (rv != APR_SUCCESS) {
        return 0;
    }
    rv = apr_file_read_full(file, magic, sizeof(magic), &length);
    apr_file_close(file);
    return rv == APR_SUCCESS && memcmp(magic, "TZif", sizeof(magic)) == 0;
}

apr_status_t mpcms_timezone_validate(const char *name, mpcms_error_t **error,
                                     apr_pool_t *pool)
{
    if (name == NULL || !name_has_valid_form(name)) {
        *error = mpcms_error_make(
            "timezone", 0, 0, pool,
            "invalid time zone name '%s': expected an IANA name such as "
            "Europe/Luxembourg",
            name ? name : "");
        return APR_EINVAL;
    }
    if (name_is_excluded(name) || !zone_file_exists(name, pool)) {
        *error = mpcms_error_make("timezone", 0, 0, pool,
                                  "unknown time zone '%s': expected an IANA "
                                  "name such as Europe/Luxembourg",
                                  name);
        return APR_EINVAL;
    }
    return APR_SUCCESS;
}

static apr_status_t release_zone(void *data)
{
    mpcms_timezone_t *zone = data;

    g_time_zone_unref(zone->zone);
    return APR_SUCCESS;
}

apr_status_t mpcms_timezone_open(mpcms_timezone_t **zone, const char *name,
                                 mpcms_error_t **error, apr_pool_t *pool)
{
    mpcms_timezone_t *opened;
    GTimeZone *loaded;
    apr_status_t rv;

    *zone = NULL;
    rv = mpcms_timezone_validate(name, error, pool);
    if (rv != APR_SUCCESS) {
        return rv;
    }
    loaded = g_time_zone_new_identifier(name);
    if (loaded == NULL) {
        *error = mpcms_error_make("timezone", 0, 0, pool,
                                  "time zone '%s' could not be loaded from "
                                  "the tz database",
                                  name);
        return APR_EINVAL;
    }

    opened = apr_pcalloc(pool, sizeof(*opened));
    opened->zone = loaded;
    opened->name = apr_pstrdup(pool, name);
    apr_pool_cleanup_register(pool, opened, release_zone,
                              apr_pool_cleanup_null);
    *zone = opened;
    return APR_SUCCESS;
}

const char *mpcms_timezone_name(const mpcms_timezone_t *zone)
{
    return zone->name;
}

/* Offset in seconds east of UTC in force at utc_seconds. */
static int offset_at(const mpcms_timezone_t *zone, apr_int64_t utc_seconds)
{
    gint interval = g_time_zone_find_interval(zone->zone, G_TIME_TYPE_UNIVERSAL,
                                              (gint64)utc_seconds);

    return (int)g_time_zone_get_offset(zone->zone, interval);
}

void mpcms_timezone_to_local(mpcms_local_time_t *local,
                             const mpcms_timezone_t *zone,
                             apr_int64_t utc_seconds)
{
    gint interval = g_time_zone_find_interval(zone->zone, G_TIME_TYPE_UNIVERSAL,
                                              (gint64)utc_seconds);
    int offset = (int)g_time_zone_get_offset(zone->zone, interval);
    apr_time_exp_t parts;

    apr_time_exp_gmt(&parts, apr_time_from_sec(utc_seconds + offset));
    local->year = parts.tm_year + 1900;
    local->month = parts.tm_mon + 1;
    local->day = parts.tm_mday;
    local->hour = parts.tm_hour;
    local->minute = parts.tm_min;
    local->second = parts.tm_sec;
    local->utc_offset = offset;
    local->is_dst = g_time_zone_is_dst(zone->zone, interval) ? 1 : 0;
    local->abbreviation = g_time_zone_get_abbreviation(zone->zone, interval);
}

/*
 * A wall-clock time L (its fields read as if UTC) is the instant L - o for
 * an offset o that is in force at that instant. The only offsets that can
 * qualify are the ones in force shortly before and after, so both are
 * tried: two valid instants mean an overlap, none a gap.
 */
apr_status_t mpcms_timezone_from_local(apr_int64_t *utc_seconds,
                                       mpcms_local_kind_e *kind,
                                       const mpcms_timezone_t *zone,
                                       const mpcms_local_time_t *local)
{
    apr_int64_t wall;
    apr_int64_t by_offset_before;
    apr_int64_t by_offset_after;
    int offset_before;
    int offset_after;
    int before_valid;
    int after_valid;
    apr_status_t rv;

    if (!fields_are_valid(local->month, local->day, local->hour, local->minute,
                          local->second)) {
        return APR_EINVAL;
    }
    if (local->year < 1970 || local->year > 9999
        || (local->year == 1970 && local->month == 1 && local->day == 1)
        || (local->year == 9999 && local->month == 12 && local->day == 31)) {
        return APR_ERANGE;
    }
    rv = fields_to_seconds(&wall, local->year, local->month, local->day,
                           local->hour, local->minute, local->second);
    if (rv != APR_SUCCESS) {
        return rv;
    }

    offset_before = offset_at(zone, wall - SECONDS_PER_DAY);
    offset_after = offset_at(zone, wall + SECONDS_PER_DAY);
    by_offset_before = wall - offset_before;
    by_offset_after = wall - offset_after;
    before_valid = offset_at(zone, by_offset_before) == offset_before;
    after_valid = offset_at(zone, by_offset_after) == offset_after;

    if (offset_before != offset_after && before_valid && after_valid) {
        *kind = MPCMS_LOCAL_REPEATED;
        *utc_seconds = by_offset_before < by_offset_after ? by_offset_before
                                                          : by_offset_after;
    }
    else if (before_valid) {
        *kind = MPCMS_LOCAL_UNIQUE;
        *utc_seconds = by_offset_before;
    }
    else if (after_valid) {
        *kind = MPCMS_LOCAL_UNIQUE;
        *utc_seconds = by_offset_after;
    }
    else {
        *kind = MPCMS_LOCAL_SKIPPED;
        *utc_seconds = by_offset_before;
    }
    return APR_SUCCESS;
}
