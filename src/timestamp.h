/*
 * Times as the admin tables store them. The module writes UTC text in the
 * form 2026-01-31T12:00:00Z, which SQLite compares as text and PostgreSQL
 * casts to TIMESTAMPTZ. PostgreSQL returns TIMESTAMPTZ values in its own
 * form (2026-01-31 12:00:00.123+00 with DateStyle ISO), so values read
 * back are parsed in either form.
 */
#ifndef MPCMS_TIMESTAMP_H
#define MPCMS_TIMESTAMP_H

#include <apr_pools.h>
#include <apr_time.h>

/* Formats t, truncated to the second, as 2026-01-31T12:00:00Z. */
const char *mpcms_timestamp_format(apr_time_t t, apr_pool_t *pool);

/*
 * Parses "YYYY-MM-DD[T ]HH:MM:SS", optionally followed by a fraction of a
 * second, then "Z" or an offset ("+00", "+01:00", "-0530"). A missing
 * zone means UTC. Returns APR_EINVAL for anything else, and for years
 * before 1970, which apr_time_exp_gmt_get cannot represent; the fraction
 * is dropped.
 */
apr_status_t mpcms_timestamp_parse(apr_time_t *t, const char *text);

/*
 * Returns text in the form of mpcms_timestamp_format, or text itself when
 * it cannot be parsed; NULL stays NULL.
 */
const char *mpcms_timestamp_normalize(const char *text, apr_pool_t *pool);

#endif /* MPCMS_TIMESTAMP_H */
