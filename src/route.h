/*
 * Detection of the platform and vendor a request is for.
 *
 * Detection works on the host and the decoded URL path only, so it runs in
 * post_read_request before any database access. Its result, the route, is
 * what the content handler and other handlers work from.
 */
#ifndef MPCMS_ROUTE_H
#define MPCMS_ROUTE_H

#include <apr_pools.h>
#include <apr_tables.h>

typedef enum {
    MPCMS_PLATFORM_VIA_NONE = 0,
    MPCMS_PLATFORM_VIA_PREFIX,
    MPCMS_PLATFORM_VIA_DOMAIN,
    MPCMS_PLATFORM_VIA_DATABASE,
    MPCMS_PLATFORM_VIA_DEFAULT
} mpcms_platform_via_e;

typedef enum {
    MPCMS_VENDOR_VIA_NONE = 0,
    MPCMS_VENDOR_VIA_PATH,
    MPCMS_VENDOR_VIA_SUBDOMAIN,
    MPCMS_VENDOR_VIA_CUSTOM_DOMAIN
} mpcms_vendor_via_e;

/* Which part of a platform's URL space a request is in. */
typedef enum {
    MPCMS_AREA_NONE = 0,   /* no platform detected */
    MPCMS_AREA_PLATFORM,   /* marketing pages: /{p}/pricing */
    MPCMS_AREA_STOREFRONT, /* /{p}/vendors/{code}/... */
    MPCMS_AREA_DASHBOARD   /* /{p}/vendor/{code}/... */
} mpcms_area_e;

/* "/oms" routes /oms and /oms/... to platform "oms". */
typedef struct mpcms_prefix_rule {
    const char *prefix; /* starts with '/', no trailing '/' */
    const char *platform;
} mpcms_prefix_rule_t;

/* "oms.lu" routes oms.lu and every name below it to platform "oms". */
typedef struct mpcms_domain_rule {
    const char *domain; /* normalized, see mpcms_domain_is_valid */
    const char *platform;
} mpcms_domain_rule_t;

typedef struct mpcms_routing {
    apr_array_header_t *prefixes; /* of mpcms_prefix_rule_t; may be NULL */
    apr_array_header_t *domains;  /* of mpcms_domain_rule_t; may be NULL */
    const char *default_platform; /* may be NULL */
} mpcms_routing_t;

typedef struct mpcms_route {
    const char *platform; /* code; NULL when no platform was detected */
    mpcms_platform_via_e platform_via;
    const char *platform_base; /* URL path of the platform root without
                                  its trailing slash: "/oms" or "" */
    const char *path;          /* clean path: the URL path after
                                  platform_base, "" for a bare prefix */
    mpcms_area_e area;
    const char *vendor; /* code, or NULL */
    mpcms_vendor_via_e vendor_via;
    const char *area_base; /* URL path of the area root without its
                              trailing slash ("/oms/vendors/wizamart") */
    const char *subpath;   /* path inside the area: "/about", "/" or "" */
    const char *subdomain; /* part of the host below the platform domain
                              ("wizamart" in wizamart.oms.lu), or NULL */
} mpcms_route_t;

/*
 * Detects the platform, then the area and vendor, of a request. host is
 * normalized (see mpcms_host_normalize) or NULL when the request had none;
 * path is the decoded URL path. Without a matching rule and without a
 * default platform, route->platform is NULL and route->area
 * MPCMS_AREA_NONE. Strings in route point into path or host, or are
 * allocated from pool.
 */
void mpcms_route_detect(mpcms_route_t *route, const mpcms_routing_t *routing,
                        const char *host, const char *path, apr_pool_t *pool);

/*
 * Finds the longest prefix rule whose prefix is made of whole leading
 * segments of path: "/oms" matches "/oms" and "/oms/x" but not "/omsx".
 * Returns NULL when none matches.
 */
const mpcms_prefix_rule_t *
mpcms_route_match_prefix(const mpcms_routing_t *routing, const char *path);

/*
 * Returns 1 when prefix is a whole leading part of path: "/shop" matches
 * "/shop" and "/shop/cart" but not "/shopping".
 */
int mpcms_path_has_prefix(const char *path, const char *prefix);

/* Names used in MPCMS_PLATFORM_VIA and MPCMS_VENDOR_VIA: "prefix", "path"... */
const char *mpcms_platform_via_name(mpcms_platform_via_e via);
const char *mpcms_vendor_via_name(mpcms_vendor_via_e via);

#endif /* MPCMS_ROUTE_H */
