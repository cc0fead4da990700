/* Platform and vendor lookups. */
#include <apr_strings.h>

#include <string.h>

#include "catalog.h"
#include "host.h"
#include "names.h"

/* Column order of MPCMS_SQL_PLATFORM_AND_VENDOR. */
enum {
    COLUMN_PLATFORM_ID,
    COLUMN_PLATFORM_CODE,
    COLUMN_PLATFORM_NAME,
    COLUMN_PLATFORM_LANGUAGE,
    COLUMN_PLATFORM_VERSION,
    COLUMN_PLATFORM_DOMAIN,
    COLUMN_VENDOR_ID,
    COLUMN_VENDOR_CODE,
    COLUMN_VENDOR_NAME,
    COLUMN_VENDOR_VERSION,
    COLUMN_VENDOR_SUBDOMAIN,
    COLUMN_VENDOR_DOMAIN,
    COLUMN_PLATFORM_THEME
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
    platform->domain = mpcms_rows_get(rows, 0, COLUMN_PLATFORM_DOMAIN);
    platform->theme_config = mpcms_rows_get(rows, 0, COLUMN_PLATFORM_THEME);
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
    vendor->custom_subdomain = mpcms_rows_get(rows, 0, COLUMN_VENDOR_SUBDOMAIN);
    vendor->custom_domain = mpcms_rows_get(rows, 0, COLUMN_VENDOR_DOMAIN);
    return vendor;
}

apr_status_t mpcms_catalog_lookup(const mpcms_platform_t **platform,
                                  const mpcms_vendor_t **vendor,
                                  mpcms_store_t *store,
                                  const char *platform_code,
                                  const char *vendor_code,
                                  mpcms_error_t **error, apr_pool_t *pool)
{
    const char *args[] = { vendor_code, platform_code };
    mpcms_rows_t *rows;
    apr_status_t rv;

    *platform = NULL;
    *vendor = NULL;
    rv = mpcms_store_select(&rows, store, MPCMS_SQL_PLATFORM_AND_VENDOR, args,
                            1, error, pool);
    if (rv != APR_SUCCESS || rows->count == 0) {
        return rv;
    }

    *platform = read_platform(rows, pool);
    if (vendor_code != NULL) {
        *vendor = read_vendor(rows, pool);
    }
    return APR_SUCCESS;
}

apr_status_t
mpcms_catalog_subdomain_vendor(const char **vendor_code, mpcms_store_t *store,
                               const char *platform_code, const char *label,
                               mpcms_error_t **error, apr_pool_t *pool)
{
    const char *args[] = { platform_code, label, label, label };
    mpcms_rows_t *rows;
    apr_status_t rv;

    *vendor_code = NULL;
    rv = mpcms_store_select(&rows, store, MPCMS_SQL_VENDOR_BY_SUBDOMAIN, args,
                            1, error, pool);
    if (rv == APR_SUCCESS && rows->count > 0) {
        *vendor_code = mpcms_rows_get(rows, 0, 0);
    }
    return rv;
}

static apr_status_t find_custom_domain(const mpcms_custom_domain_t **found,
                                       mpcms_store_t *store, const char *name,
                                       mpcms_error_t **error, apr_pool_t *pool)
{
    const char *args[] = { name };
    mpcms_custom_domain_t *domain;
    mpcms_rows_t *rows;
    apr_status_t rv;

    *found = NULL;
    rv = mpcms_store_select(&rows, store, MPCMS_SQL_CUSTOM_DOMAIN, args, 1,
                            error, pool);
    if (rv != APR_SUCCESS || rows->count == 0) {
        return rv;
    }
    domain = apr_pcalloc(pool, sizeof(*domain));
    domain->domain = mpcms_rows_get(rows, 0, 0);
    domain->platform = mpcms_rows_get(rows, 0, 1);
    domain->vendor = mpcms_rows_get(rows, 0, 2);
    domain->is_served = mpcms_rows_int(rows, 0, 3) == 1;
    *found = domain;
    return APR_SUCCESS;
}

/*
 * "www." + a registered domain, when not registered itself, leads to the
 * domain: the caller redirects there, so both names work and one of them
 * is canonical.
 */
apr_status_t mpcms_catalog_custom_domain(const mpcms_custom_domain_t **found,
                                         mpcms_store_t *store, const char *host,
                                         mpcms_error_t **error,
                                         apr_pool_t *pool)
{
    apr_status_t rv = find_custom_domain(found, store, host, error, pool);

    if (rv == APR_SUCCESS && *found == NULL && strncmp(host, "www.", 4) == 0) {
        rv = find_custom_domain(found, store, host + 4, error, pool);
    }
    return rv;
}

apr_status_t mpcms_catalog_routes(mpcms_routing_t **routing,
                                  mpcms_store_t *store,
                                  const mpcms_routing_t *configured,
                                  mpcms_error_t **error, apr_pool_t *pool)
{
    mpcms_routing_t *rules = apr_pcalloc(pool, sizeof(*rules));
    mpcms_rows_t *rows;
    apr_status_t rv;
    int row;

    *routing = NULL;
    rv = mpcms_store_select(&rows, store, MPCMS_SQL_PLATFORM_ROUTES, NULL, 1,
                            error, pool);
    if (rv != APR_SUCCESS) {
        return rv;
    }

    rules->prefixes =
        apr_array_make(pool, rows->count + 1, sizeof(mpcms_prefix_rule_t));
    rules->domains =
        apr_array_make(pool, rows->count + 1, sizeof(mpcms_domain_rule_t));
    for (row = 0; row < rows->count; row++) {
        const char *code = mpcms_rows_get(rows, row, 0);
        const char *domain = mpcms_rows_get(rows, row, 1);
        const char *prefix = mpcms_rows_get(rows, row, 2);

        if (code == NULL || mpcms_routing_names_platform(configured, code)) {
            continue;
        }
        if (prefix != NULL && mpcms_path_prefix_is_valid(prefix)) {
            mpcms_prefix_rule_t *rule = apr_array_push(rules->prefixes);

            rule->prefix = prefix;
            rule->platform = code;
        }
        if (domain != NULL && mpcms_domain_is_valid(domain)) {
            mpcms_domain_rule_t *rule = apr_array_push(rules->domains);

            rule->domain = domain;
            rule->platform = code;
        }
    }
    *routing = rules;
    return APR_SUCCESS;
}
