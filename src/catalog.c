/* Platform and vendor lookups. */
#include <apr_strings.h>

#include "catalog.h"

/* Column order of MPCMS_SQL_PLATFORM_AND_VENDOR. */
enum {
    COLUMN_PLATFORM_ID,
    COLUMN_PLATFORM_CODE,
    COLUMN_PLATFORM_NAME,
    COLUMN_PLATFORM_LANGUAGE,
    COLUMN_PLATFORM_VERSION,
    COLUMN_VENDOR_ID,
    COLUMN_VENDOR_CODE,
    COLUMN_VENDOR_NAME,
    COLUMN_VENDOR_VERSION
};

static mpcms_platform_t *read_platform(const mpcms_rows_t *rows,
                                       apr_pool_t *pool)
{
    mpcms_platform_t *platform = apr_pcalloc(pool, sizeof(*platform));

    platform->id = mpcms_rows_int(rows, 0, COLUMN_PLATFORM_ID);
    platform->code = mpcms_rows_get(rows, 0, COLUMN_PLATFORM_CODE);
    platform->name = mpcms_rows_get(rows, 0, COLUMN_PLATFORM_NAME);
    platform->default_language =
        mpcms_rows_get(rows, 0, COLUMN_PLATFORM_LANGUAGE);
    platform->version = mpcms_rows_int(rows, 0, COLUMN_PLATFORM_VERSION);
    return platform;
}

static mpcms_vendor_t *read_vendor(const mpcms_rows_t *rows, apr_pool_t *pool)
{
    mpcms_vendor_t *vendor;

    if (mpcms_rows_get(rows, 0, COLUMN_VENDOR_ID) == NULL) {
        return NULL;
    }
    vendor = apr_pcalloc(pool, sizeof(*vendor));
    vendor->id = mpcms_rows_int(rows, 0, COLUMN_VENDOR_ID);
    vendor->code = mpcms_rows_get(rows, 0, COLUMN_VENDOR_CODE);
    vendor->name = mpcms_rows_get(rows, 0, COLUMN_VENDOR_NAME);
    vendor->version = mpcms_rows_int(rows, 0, COLUMN_VENDOR_VERSION);
    return vendor;
}

apr_status_t mpcms_catalog_lookup(const mpcms_platform_t **platform,
                                  const mpcms_vendor_t **vendor, mpcms_db_t *db,
                                  const char *platform_code,
                                  const char *vendor_code,
                                  mpcms_error_t **error, apr_pool_t *pool)
{
    const char *args[] = { vendor_code, platform_code };
    mpcms_rows_t *rows;
    apr_status_t rv;

    *platform = NULL;
    *vendor = NULL;
    rv = mpcms_db_select(&rows, db, MPCMS_SQL_PLATFORM_AND_VENDOR, args, error,
                         pool);
    if (rv != APR_SUCCESS || rows->count == 0) {
        return rv;
    }

    *platform = read_platform(rows, pool);
    if (vendor_code != NULL) {
        *vendor = read_vendor(rows, pool);
    }
    return APR_SUCCESS;
}
