/* From a route and a target to the page that answers it. */
#include <string.h>

#include "pages.h"

#include "resolve.h"

/* The root of a platform serves platform_homepage, or "home" as its alias. */
static const char *alias_of(const mpcms_target_t *target, int with_vendor)
{
    if (target->is_root && !with_vendor) {
        return MPCMS_SLUG_HOME;
    }
    return target->slug;
}

apr_status_t mpcms_resolve(mpcms_resolution_t *resolution, mpcms_store_t *store,
                           const mpcms_route_t *route,
                           const mpcms_target_t *target, apr_time_t now,
                           mpcms_error_t **error, apr_pool_t *pool)
{
    int with_vendor = route->area == MPCMS_AREA_STOREFRONT;
    const char *alias = alias_of(target, with_vendor);
    apr_status_t rv;

    memset(resolution, 0, sizeof(*resolution));
    resolution->pages = apr_array_make(pool, 1, sizeof(mpcms_page_t));
    if (route->platform == NULL) {
        return APR_SUCCESS;
    }

    rv = mpcms_catalog_lookup(&resolution->platform, &resolution->vendor, store,
                              route->platform,
                              with_vendor ? route->vendor : NULL, error, pool);
    if (rv != APR_SUCCESS || resolution->platform == NULL
        || (with_vendor && resolution->vendor == NULL)) {
        return rv;
    }

    rv = mpcms_pages_load(&resolution->pages, store, resolution->platform->id,
                          with_vendor ? resolution->vendor->id : 0,
                          target->slug, alias, now, error, pool);
    if (rv != APR_SUCCESS) {
        return rv;
    }

    resolution->page = mpcms_chain_resolve(resolution->pages, target->slug,
                                           with_vendor, &resolution->step);
    if (resolution->page == NULL && alias != target->slug) {
        resolution->page = mpcms_chain_resolve(resolution->pages, alias,
                                               with_vendor, &resolution->step);
    }
    return APR_SUCCESS;
}
