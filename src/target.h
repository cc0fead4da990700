/*
 * What a detected route asks the content handler for: a page, a redirect
 * to the canonical URL form, a 404, or nothing (the path belongs to other
 * handlers).
 *
 * URL forms: a root ends with a slash and a page does not, and the other
 * form redirects to it. "home" (and "platform_homepage" on a platform)
 * redirect to the root, which serves that page.
 */
#ifndef MPCMS_TARGET_H
#define MPCMS_TARGET_H

#include <apr_pools.h>
#include <apr_tables.h>

#include "route.h"

/* Slugs the roots serve. */
#define MPCMS_SLUG_HOME          "home"
#define MPCMS_SLUG_PLATFORM_HOME "platform_homepage"

typedef enum {
    MPCMS_TARGET_NOT_FOUND = 0,
    MPCMS_TARGET_PAGE,     /* resolve slug through the fallback chain */
    MPCMS_TARGET_REDIRECT, /* 301 to location */
    MPCMS_TARGET_PASS      /* not a CMS path: leave it to other handlers */
} mpcms_target_kind_e;

typedef struct mpcms_target {
    mpcms_target_kind_e kind;
    const char *slug;     /* PAGE: the slug to resolve */
    int is_root;          /* PAGE: the area root was requested */
    const char *location; /* REDIRECT: URL path, without query string */
    const char *host;     /* REDIRECT: another host, or NULL for this one */
    /* REDIRECT of "/pricing/" to "/pricing": made only when slug resolves
     * to a page, so a missing page, or one of an inactive platform or
     * vendor, is a 404 and no permanent redirect a browser keeps. */
    int needs_page;
} mpcms_target_t;

/*
 * Decides the target of a route. pass_through lists path prefixes
 * (const char *, such as "/shop") that other handlers serve inside a
 * platform or storefront; each matches whole segments only. Strings in
 * target are allocated from pool or point into route.
 */
void mpcms_target_parse(mpcms_target_t *target, const mpcms_route_t *route,
                        const apr_array_header_t *pass_through,
                        apr_pool_t *pool);

#endif /* MPCMS_TARGET_H */
