/* Canonical URL forms of platform and storefront pages. */
#include <apr_strings.h>
#include <string.h>

#include "names.h"
#include "target.h"

static int is_pass_through(const char *subpath,
                           const apr_array_header_t *pass_through)
{
    const char *const *prefixes;
    int i;

    if (pass_through == NULL) {
        return 0;
    }
    prefixes = (const char *const *)pass_through->elts;
    for (i = 0; i < pass_through->nelts; i++) {
        if (mpcms_path_has_prefix(subpath, prefixes[i])) {
            return 1;
        }
    }
    return 0;
}

/* Slugs that name the root page and are redirected to the root. */
static int is_root_alias(const char *slug, mpcms_area_e area)
{
    if (strcmp(slug, MPCMS_SLUG_HOME) == 0) {
        return 1;
    }
    return area == MPCMS_AREA_PLATFORM
           && strcmp(slug, MPCMS_SLUG_PLATFORM_HOME) == 0;
}

/*
 * First path segments of the platform area that belong to the vendor areas;
 * they are never marketing slugs.
 */
static int is_reserved_slug(const char *slug, mpcms_area_e area)
{
    return area == MPCMS_AREA_PLATFORM
           && (strcmp(slug, "vendors") == 0 || strcmp(slug, "vendor") == 0);
}

static void set_redirect(mpcms_target_t *target, const mpcms_route_t *route,
                         const char *subpath, apr_pool_t *pool)
{
    target->kind = MPCMS_TARGET_REDIRECT;
    target->location = apr_pstrcat(pool, route->area_base, subpath, NULL);
}

void mpcms_target_parse(mpcms_target_t *target, const mpcms_route_t *route,
                        const apr_array_header_t *pass_through,
                        apr_pool_t *pool)
{
    const char *subpath = route->subpath;
    const char *slug;
    apr_size_t length;
    int trailing_slash;

    memset(target, 0, sizeof(*target));

    if (route->redirect_host != NULL) {
        target->kind = MPCMS_TARGET_REDIRECT;
        target->host = route->redirect_host;
        target->location = route->path[0] != '\0' ? route->path : "/";
        return;
    }
    if (route->area != MPCMS_AREA_PLATFORM
        && route->area != MPCMS_AREA_STOREFRONT) {
        target->kind = MPCMS_TARGET_NOT_FOUND;
        return;
    }
    if (subpath[0] == '\0') {
        set_redirect(target, route, "/", pool);
        return;
    }
    if (is_pass_through(subpath, pass_through)) {
        target->kind = MPCMS_TARGET_PASS;
        return;
    }
    if (strcmp(subpath, "/") == 0) {
        target->kind = MPCMS_TARGET_PAGE;
        target->is_root = 1;
        target->slug = route->area == MPCMS_AREA_STOREFRONT
                           ? MPCMS_SLUG_HOME
                           : MPCMS_SLUG_PLATFORM_HOME;
        return;
    }

    slug = subpath + 1;
    length = strlen(slug);
    trailing_slash = slug[length - 1] == '/';
    if (trailing_slash) {
        length--;
    }
    if (!mpcms_slug_is_valid_n(slug, length)) {
        target->kind = MPCMS_TARGET_NOT_FOUND;
        return;
    }

    slug = apr_pstrmemdup(pool, slug, length);
    if (is_reserved_slug(slug, route->area)) {
        target->kind = MPCMS_TARGET_NOT_FOUND;
    }
    else if (is_root_alias(slug, route->area)) {
        set_redirect(target, route, "/", pool);
    }
    else if (trailing_slash) {
        set_redirect(target, route, apr_pstrcat(pool, "/", slug, NULL), pool);
        target->slug = slug;
        target->needs_page = 1;
    }
    else {
        target->kind = MPCMS_TARGET_PAGE;
        target->slug = slug;
    }
}
