/*
 * Validation of the names that appear in URLs and configuration: page
 * slugs, platform and vendor codes, and DNS labels.
 */
#ifndef MPCMS_NAMES_H
#define MPCMS_NAMES_H

#include <apr.h>
#include <apr_pools.h>

#define MPCMS_SLUG_MAX  100
#define MPCMS_CODE_MAX  50
#define MPCMS_LABEL_MAX 63

/* Returns 1 when s is 1 to 100 characters of [a-z0-9_-]. */
int mpcms_slug_is_valid(const char *s);

/* Returns 1 when the first length bytes of s are a valid slug. */
int mpcms_slug_is_valid_n(const char *s, apr_size_t length);

/* Returns 1 when s is a platform or vendor code: 1 to 50 of [a-z0-9_-]. */
int mpcms_code_is_valid(const char *s);

/*
 * Returns 1 when s is a lower-case DNS label: 1 to 63 of [a-z0-9-], not
 * starting or ending with a hyphen.
 */
int mpcms_label_is_valid(const char *s, apr_size_t length);

/*
 * Turns a slug from the single-platform schema, which accepted any text,
 * into a valid one: ASCII letters lower-cased, every run of other
 * characters outside [a-z0-9_-] replaced by one '-', '-' trimmed at both
 * ends, cut to MPCMS_SLUG_MAX. A slug with nothing left becomes
 * "page-{id}". Returns slug itself when it is valid already.
 */
const char *mpcms_slug_normalize(const char *slug, apr_int64_t id,
                                 apr_pool_t *pool);

/*
 * Returns "{slug}-{id}", with slug cut so that the result stays within
 * MPCMS_SLUG_MAX: the new name of a page that lost its slug to another.
 */
const char *mpcms_slug_with_id(const char *slug, apr_int64_t id,
                               apr_pool_t *pool);

/*
 * Returns 1 when s is a path prefix of one or more segments of
 * [a-z0-9_-]: "/oms" or "/p/oms", with no empty segment and no trailing
 * slash.
 */
int mpcms_path_prefix_is_valid(const char *s);

#endif /* MPCMS_NAMES_H */
