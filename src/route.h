/*
 * Detection of the platform and vendor a request is for.
 *
 * mpcms_route_detect works on the host and the URL path with the
 * configured rules only. What needs the database (a vendor's custom
 * domain, the vendor behind a subdomain label) is marked in the route,
 * looked up by the caller, and applied with the mpcms_route_apply_*
 * functions. The result, the route, is what the content handler and other
 * handlers work from.
 */
#ifndef MPCMS_ROUTE_H
#define MPCMS_ROUTE_H

#include <apr_pools.h>
#include <apr_tables.h>

typedef enum {
    MPCMS_PLATFORM_VIA_NONE = 0,
    MPCMS_PLATFORM_VIA_PREFIX,
    MPCMS_PLATFORM_VIA_DOMAIN,
    MPCMS_PLATFORM_VIA_DATABASE, /* platforms columns, or a custom domain */
    MPCMS_PLATFORM_VIA_DEFAULT
} mpcms_platform_via_e;

typedef enum {
    MPCMS_VENDOR_VIA_NONE = 0,
    MPCMS_VENDOR_VIA_PATH,
    MPCMS_VENDOR_VIA_SUBDOMAIN,
    MPCMS_VENDOR_VIA_CUSTOM_DOMAIN
} mpcms_vendor_via_e;

/* Which part of the URL space a request is in. */
typedef enum {
    MPCMS_AREA_NONE = 0,   /* nothing the module serves (may have a platform) */
    MPCMS_AREA_PLATFORM,   /* marketing pages: /{p}/pricing */
    MPCMS_AREA_STOREFRONT, /* /{p}/vendors/{code}/..., {vendor}.oms.lu/... */
    MPCMS_AREA_DASHBOARD,  /* /{p}/vendor/{code}/... */
    MPCMS_AREA_ADMIN       /* the super admin's area */
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
    const char *admin_host;       /* host of the admin area; may be NULL */
    const char *admin_path; /* path prefix of the admin area; may be NULL */
    /* Subdomain labels that are never vendors (const char *); may be NULL. */
    apr_array_header_t *reserved_subdomains;
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
    const char *area_base;     /* URL path of the area root without its
                              trailing slash ("/oms/vendors/wizamart") */
    const char *subpath;       /* path inside the area: "/about", "/" or "" */
    const char *domain;        /* platform domain that matched, or NULL */
    const char *subdomain;     /* part of the host below that domain
                              ("wizamart" in wizamart.oms.lu), or NULL */
    const char *custom_domain; /* vendor's domain that matched, or NULL */
    /* Set when the request belongs at another host (www.oms.lu goes to
     * oms.lu): the handler redirects there with the same path. */
    const char *redirect_host;
    /* Set when no rule matched a host: the caller looks it up as a custom
     * domain, then calls mpcms_route_apply_custom_domain or
     * mpcms_route_apply_default. */
    int needs_custom_domain;
    /* Set when a subdomain label names the vendor: the caller looks up the
     * vendor code behind route->subdomain on route->platform, then calls
     * mpcms_route_apply_subdomain_vendor. */
    int needs_subdomain_vendor;
} mpcms_route_t;

/*
 * Detects what the configured rules say about a request. host is
 * normalized (see mpcms_host_normalize) or NULL when the request had none;
 * path is the URL path in its encoded form, without dot segments or
 * escapes of unreserved characters. The route's strings then match what
 * httpd routes, because no prefix, code or slug contains the reserved or
 * non-ASCII bytes that escapes may still encode. database contains the prefix
 * and domain rules read from the platforms table (routed "via database");
 * it may be NULL.
 *
 * The order: the admin host and admin path; a path prefix (configured,
 * then from the database); a domain (configured, then from the database);
 * a custom domain (marked for lookup); the default platform. Strings in
 * route point into path or host, or are allocated from pool.
 */
void mpcms_route_detect(mpcms_route_t *route, const mpcms_routing_t *routing,
                        const mpcms_routing_t *database, const char *host,
                        const char *path, apr_pool_t *pool);

/*
 * Applies a custom domain found for the host: the platform and vendor of
 * the domain's row, a storefront at the root of the host. domain is the
 * name on the row; when it differs from the host (the request came to
 * "www." + domain), the route redirects to domain.
 */
void mpcms_route_apply_custom_domain(mpcms_route_t *route, const char *domain,
                                     const char *platform, const char *vendor,
                                     const char *host, apr_pool_t *pool);

/*
 * Applies the default platform after a host was not a custom domain, and
 * looks for a vendor in the path.
 */
void mpcms_route_apply_default(mpcms_route_t *route,
                               const mpcms_routing_t *routing,
                               apr_pool_t *pool);

/*
 * Applies the vendor code found behind a subdomain label, or NULL when the
 * label names no vendor (the request then serves nothing).
 */
void mpcms_route_apply_subdomain_vendor(mpcms_route_t *route,
                                        const char *vendor);

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

/*
 * Returns 1 when a request for host (normalized, may be NULL) and path is
 * for the admin area, as mpcms_route_detect would find first.
 */
int mpcms_route_is_admin(const mpcms_routing_t *routing, const char *host,
                         const char *path);

/* Returns 1 when routing's rules name the platform code. */
int mpcms_routing_names_platform(const mpcms_routing_t *routing,
                                 const char *code);

/* Names used in MPCMS_PLATFORM_VIA and MPCMS_VENDOR_VIA: "prefix", "path"... */
const char *mpcms_platform_via_name(mpcms_platform_via_e via);
const char *mpcms_vendor_via_name(mpcms_vendor_via_e via);

#endif /* MPCMS_ROUTE_H */
