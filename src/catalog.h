/*
 * Platforms and vendors as pages need them: looked up by code, active
 * ones only, so that an inactive platform, vendor or membership looks
 * exactly like a missing one.
 */
#ifndef MPCMS_CATALOG_H
#define MPCMS_CATALOG_H

#include "error.h"
#include "route.h"
#include "store.h"

typedef struct mpcms_platform {
    apr_int64_t id;
    const char *code;
    const char *name;
    const char *default_language;
    apr_int64_t version;
    const char *domain;       /* production domain, or NULL */
    const char *theme_config; /* JSON object text, or NULL */
} mpcms_platform_t;

typedef struct mpcms_vendor {
    apr_int64_t id;
    const char *code;
    const char *name;
    apr_int64_t version;
    const char *custom_subdomain; /* label on the platform domain, or NULL */
    const char *custom_domain;    /* verified, active, primary first; or NULL */
} mpcms_vendor_t;

/*
 * Looks up an active platform by code and, when vendor_code is not NULL,
 * an active vendor with an active membership on that platform, in one
 * query. *platform and *vendor are NULL when there is no such row; the
 * return value is not APR_SUCCESS only when the query failed.
 */
apr_status_t mpcms_catalog_lookup(const mpcms_platform_t **platform,
                                  const mpcms_vendor_t **vendor,
                                  mpcms_store_t *store,
                                  const char *platform_code,
                                  const char *vendor_code,
                                  mpcms_error_t **error, apr_pool_t *pool);

/*
 * Finds the code of the active vendor behind a subdomain label on a
 * platform: the membership with that custom subdomain, else the vendor
 * with that code. *vendor_code is NULL when there is none. Cached.
 */
apr_status_t
mpcms_catalog_subdomain_vendor(const char **vendor_code, mpcms_store_t *store,
                               const char *platform_code, const char *label,
                               mpcms_error_t **error, apr_pool_t *pool);

/* A vendor's custom domain as routing needs it. */
typedef struct mpcms_custom_domain {
    const char *domain; /* as registered */
    const char *platform;
    const char *vendor;
    /* 0 while the vendor, its membership or the platform is inactive: the
     * domain then serves a 404, not the default platform. */
    int is_served;
} mpcms_custom_domain_t;

/*
 * Finds the verified, active custom domain for host: the host itself, or
 * for "www." + name, the name (the caller then redirects). *found is NULL
 * when there is none. Cached, misses included.
 */
apr_status_t mpcms_catalog_custom_domain(const mpcms_custom_domain_t **found,
                                         mpcms_store_t *store, const char *host,
                                         mpcms_error_t **error,
                                         apr_pool_t *pool);

/*
 * Builds prefix and domain rules from the platforms table for the active
 * platforms that configured has no rule for, skipping values that are not
 * valid prefixes or domains. Cached.
 */
apr_status_t mpcms_catalog_routes(mpcms_routing_t **routing,
                                  mpcms_store_t *store,
                                  const mpcms_routing_t *configured,
                                  mpcms_error_t **error, apr_pool_t *pool);

#endif /* MPCMS_CATALOG_H */
