/*
 * Times of mod_mpcms: the UTC text form that the database stores, and
 * conversions between UTC and the wall-clock time of a platform's time
 * zone (an IANA name such as Europe/Luxembourg).
 *
 * Zone rules come from the system's tz database (/usr/share/zoneinfo, or
 * the folder in the TZDIR environment variable, which Debian's tzdata
 * package keeps up to date) through GLib's GTimeZone. Unlike localtime()
 * with TZ set, a GTimeZone is immutable and safe to share between threads,
 * so conversions need no lock and never touch the process environment.
 */
#ifndef MPCMS_TIMEZONE_H
#define MPCMS_TIMEZONE_H

#include <apr_pools.h>
#include <apr_time.h>

#include "error.h"

/* Length of the stored form "2026-03-29T01:00:00Z", without the NUL. */
#define MPCMS_UTC_TEXT_LENGTH 20

/*
 * First and last wall-clock time that mpcms_timezone_from_local converts,
 * in the form of an HTML datetime-local field. Stored UTC times range
 * from 1970-01-01T00:00:00Z (apr_time_exp_gmt_get rejects earlier years)
 * to 9999-12-31T23:59:59Z (four-digit years). The local range lies one
 * day inside, and every zone's UTC offset is less than a day, so each
 * accepted time can be stored in UTC and converted back for display.
 */
#define MPCMS_LOCAL_FIRST "1970-01-02T00:00"
#define MPCMS_LOCAL_LAST  "9999-12-30T23:59"

/* Maximum length of a time zone name, in bytes. */
#define MPCMS_TIMEZONE_NAME_MAX 64

/*
 * Formats t, truncated to whole seconds, in the stored UTC form
 * "2026-03-29T01:00:00Z". Allocated from pool.
 */
const char *mpcms_utc_format(apr_time_t t, apr_pool_t *pool);

/*
 * Parses the stored UTC form into *t. Returns APR_EINVAL for any other
 * text, including dates that do not exist (2026-02-30) and years before
 * 1970.
 */
apr_status_t mpcms_utc_parse(apr_time_t *t, const char *text);

typedef struct mpcms_timezone mpcms_timezone_t;

/*
 * Checks that name is a time zone of the tz database. The name has 1 to
 * MPCMS_TIMEZONE_NAME_MAX characters of letters, digits and "/_+-" and no
 * empty part, and the zoneinfo folder has a TZif file of that name. Names
 * that depend on the machine or count leap seconds ("localtime",
 * "posixrules", "posix/...", "right/...") are rejected. On failure returns
 * APR_EINVAL with *error naming the field "timezone".
 */
apr_status_t mpcms_timezone_validate(const char *name, mpcms_error_t **error,
                                     apr_pool_t *pool);

/*
 * Opens the zone name, which must pass mpcms_timezone_validate. The zone
 * is released when pool is destroyed.
 */
apr_status_t mpcms_timezone_open(mpcms_timezone_t **zone, const char *name,
                                 mpcms_error_t **error, apr_pool_t *pool);

/* Returns the name the zone was opened with. */
const char *mpcms_timezone_name(const mpcms_timezone_t *zone);

/* A wall-clock time in a zone. */
typedef struct mpcms_local_time {
    int year;
    int month; /* 1-12 */
    int day;   /* 1-31 */
    int hour;
    int minute;
    int second;
    int utc_offset;           /* seconds east of UTC */
    int is_dst;               /* daylight saving time is in effect */
    const char *abbreviation; /* "CET", "CEST"; lives as long as the zone */
} mpcms_local_time_t;

/* Converts seconds since the epoch (UTC) to the zone's wall-clock time. */
void mpcms_timezone_to_local(mpcms_local_time_t *local,
                             const mpcms_timezone_t *zone,
                             apr_int64_t utc_seconds);

/* How a wall-clock time maps to UTC. */
typedef enum {
    MPCMS_LOCAL_UNIQUE,   /* exactly one instant */
    MPCMS_LOCAL_SKIPPED,  /* in a gap: clocks jumped over it */
    MPCMS_LOCAL_REPEATED, /* in an overlap: the clocks showed it twice */
} mpcms_local_kind_e;

/*
 * Converts the wall-clock time year-month-day hour:minute:second in zone
 * to seconds since the epoch (UTC). The utc_offset, is_dst and
 * abbreviation fields of local are not read.
 *
 * A repeated time gives the earlier instant, the one before the clocks
 * went back. A skipped time gives the instant that the offset in force
 * before the gap maps it to, which reads as the same time plus the length
 * of the gap (02:30 becomes 03:30 when clocks go from 02:00 to 03:00).
 * *kind reports which case applied, so a caller can reject skipped times.
 *
 * Returns APR_EINVAL when a field is out of range or the date does not
 * exist (2026-02-30), and APR_ERANGE for a valid time outside
 * MPCMS_LOCAL_FIRST to MPCMS_LOCAL_LAST (seconds included).
 *
 * NOTE: the search compares the offsets in force one day before and one
 * day after the given time, so two offset changes less than a day apart
 * would not both be seen.
 */
apr_status_t mpcms_timezone_from_local(apr_int64_t *utc_seconds,
                                       mpcms_local_kind_e *kind,
                                       const mpcms_timezone_t *zone,
                                       const mpcms_local_time_t *local);

#endif /* MPCMS_TIMEZONE_H */
