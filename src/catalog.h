/*
 * Platforms and vendors as pages need them: looked up by code, active
 * ones only, so that an inactive platform, vendor or membership looks
 * exactly like a missing one.
 */
#ifndef MPCMS_CATALOG_H
#define MPCMS_CATALOG_H

#include "error.h"
#include "store.h"

typedef struct mpcms_platform {
    apr_int64_t id;
    const char *code;
    const char *name;
    const char *default_language;
    apr_int64_t version;
} mpcms_platform_t;

typedef struct mpcms_vendor {
    apr_int64_t id;
    const char *code;
    const char *name;
    apr_int64_t version;
} mpcms_vendor_t;

/*
 * Looks up an active platform by code and, when vendor_code is not NULL,
 * an active vendor with an active membership on that platform, in one
 * query. *platform and *vendor are NULL when there is no such row; the
 * return value is not APR_SUCCESS only when the query failed.
 */
apr_status_t mpcms_catalog_lookup(const mpcms_platform_t **platform,
                                  const mpcms_vendor_t **vendor, mpcms_db_t *db,
                                  const char *platform_code,
                                  const char *vendor_code,
                                  mpcms_error_t **error, apr_pool_t *pool);

#endif /* MPCMS_CATALOG_H */
