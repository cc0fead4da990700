/*
 * The canonical URL of a page, for <link rel="canonical">.
 *
 * Behind production routing (a platform domain, a vendor subdomain or a
 * custom domain) one address of each page is canonical: a platform page
 * on the platform's domain; a storefront page on the vendor's primary
 * custom domain, else on its subdomain of the platform domain
 * (custom_subdomain, else the vendor code). Behind development routing (a
 * path prefix or the default platform) the canonical URL is the requested
 * one in its canonical form.
 */
#ifndef MPCMS_CANONICAL_H
#define MPCMS_CANONICAL_H

#include <apr_network_io.h>

#include "catalog.h"
#include "route.h"

/*
 * Escapes the bytes of a URL path in its encoded form that a URL cannot
 * carry as they are (controls, space, non-ASCII and the like), so it can
 * go into a Location header. Escapes already in path are kept, unlike
 * ap_escape_uri, which would escape their '%' again. Allocated from pool.
 */
const char *mpcms_canonical_escape_path(const char *path, apr_pool_t *pool);

/*
 * Returns "scheme://host", with ":port" when port is not the scheme's
 * default (0 counts as default), and host in brackets when it is an IPv6
 * address. Allocated from pool.
 */
const char *mpcms_canonical_origin(const char *scheme, const char *host,
                                   apr_port_t port, apr_pool_t *pool);

/*
 * Builds the canonical URL of the page at page_path ("/" or "/slug")
 * inside route's area. scheme, host and port are the request's; the port
 * is written when it is not the scheme's default. vendor may be NULL.
 * Allocated from pool.
 */
const char *mpcms_canonical_url(const mpcms_route_t *route,
                                const mpcms_vendor_t *vendor,
                                const char *page_path, const char *scheme,
                                const char *host, apr_port_t port,
                                apr_pool_t *pool);

#endif /* MPCMS_CANONICAL_H */
