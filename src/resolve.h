/*
 * Resolution of a page request: the platform, the vendor, the candidate
 * pages and the one the fallback chain picked.
 */
#ifndef MPCMS_RESOLVE_H
#define MPCMS_RESOLVE_H

#include "catalog.h"
#include "chain.h"
#include "route.h"
#include "store.h"
#include "target.h"

typedef struct mpcms_resolution {
    const mpcms_platform_t *platform; /* NULL: unknown or inactive */
    const mpcms_vendor_t *vendor;     /* NULL: none asked for, or unknown or
                                         inactive on this platform */
    apr_array_header_t *pages;        /* candidates (mpcms_page_t); empty when
                                         platform or vendor is missing */
    const mpcms_page_t *page;         /* NULL: the answer is a 404 */
    mpcms_step_e step;
} mpcms_resolution_t;

/*
 * Resolves a MPCMS_TARGET_PAGE target of route at time now (the request
 * time, which decides whether a scheduled page is out yet). A missing
 * platform, vendor or page is not an error: it leaves the field NULL. The
 * return value reports database failures only (see mpcms_db_select).
 */
apr_status_t mpcms_resolve(mpcms_resolution_t *resolution, mpcms_store_t *store,
                           const mpcms_route_t *route,
                           const mpcms_target_t *target, apr_time_t now,
                           mpcms_error_t **error, apr_pool_t *pool);

#endif /* MPCMS_RESOLVE_H */
