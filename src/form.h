/*
 * Parsing of application/x-www-form-urlencoded text: request bodies of
 * the admin forms and query strings.
 */
#ifndef MPCMS_FORM_H
#define MPCMS_FORM_H

#include <apr_pools.h>
#include <apr_tables.h>

#include "error.h"

/* Maximum number of name=value pairs in one body or query string. */
#define MPCMS_FORM_MAX_FIELDS 1000

/*
 * Parses length bytes of text into *fields, a table that keeps every pair
 * in order (a name may repeat, as checkboxes of one group do). '+' is a
 * space and %XX a byte; empty pairs ("a=1&&b=2") are skipped, and a pair
 * without '=' has an empty value.
 *
 * Returns APR_EINVAL, with *error naming the field (source) when it is
 * known, for a malformed %-escape, a name or value that is not valid UTF-8
 * or contains a NUL byte, an empty name, or more than
 * MPCMS_FORM_MAX_FIELDS pairs.
 */
apr_status_t mpcms_form_parse(apr_table_t **fields, const char *text,
                              apr_size_t length, mpcms_error_t **error,
                              apr_pool_t *pool);

/*
 * Returns the value of name in fields, or NULL. With several values, the
 * first one.
 */
const char *mpcms_form_get(const apr_table_t *fields, const char *name);

/* Returns every value of name in fields, in order, as const char *. */
apr_array_header_t *mpcms_form_get_all(const apr_table_t *fields,
                                       const char *name, apr_pool_t *pool);

/* Escapes text for a query string value (RFC 3986 unreserved kept). */
const char *mpcms_form_escape(const char *text, apr_pool_t *pool);

#endif /* MPCMS_FORM_H */
