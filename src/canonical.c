/* Canonical URLs of pages. */
#include <apr_lib.h>
#include <apr_strings.h>
#include <string.h>

#include "canonical.h"

/* Unreserved and reserved characters of RFC 3986, and '%' of escapes. */
static int is_url_character(unsigned char c)
{
    return apr_isalnum(c)
           || (c != '\0' && strchr("-._~:/?#[]@!$&'()*+,;=%", c));
}

const char *mpcms_canonical_escape_path(const char *path, apr_pool_t *pool)
{
    static const char hex[] = "0123456789ABCDEF";
    apr_size_t length = strlen(path);
    char *escaped = apr_palloc(pool, 3 * length + 1);
    char *out = escaped;
    const unsigned char *in;

    for (in = (const unsigned char *)path; *in != '\0'; in++) {
        if (is_url_character(*in)) {
            *out++ = (char)*in;
            continue;
        }
        *out++ = '%';
        *out++ = hex[*in >> 4];
        *out++ = hex[*in & 0x0f];
    }
    *out = '\0';
    return escaped;
}

const char *mpcms_canonical_origin(const char *scheme, const char *host,
                                   apr_port_t port, apr_pool_t *pool)
{
    int is_default = (strcmp(scheme, "https") == 0 && port == 443)
                     || (strcmp(scheme, "http") == 0 && port == 80)
                     || port == 0;

    /* httpd passes an IPv6 literal host without the brackets a URL needs. */
    if (host[0] != '[' && strchr(host, ':') != NULL) {
        host = apr_pstrcat(pool, "[", host, "]", NULL);
    }
    if (is_default) {
        return apr_pstrcat(pool, scheme, "://", host, NULL);
    }
    return apr_psprintf(pool, "%s://%s:%u", scheme, host, (unsigned)port);
}

/* The host a storefront is canonical on, or NULL to keep the request's. */
static const char *storefront_host(const mpcms_route_t *route,
                                   const mpcms_vendor_t *vendor,
                                   apr_pool_t *pool)
{
    if (vendor == NULL) {
        return NULL;
    }
    if (vendor->custom_domain != NULL) {
        return vendor->custom_domain;
    }
    if (route->domain != NULL) {
        const char *label =
            vendor->custom_subdomain ? vendor->custom_subdomain : vendor->code;

        return apr_pstrcat(pool, label, ".", route->domain, NULL);
    }
    return NULL;
}

const char *mpcms_canonical_url(const mpcms_route_t *route,
                                const mpcms_vendor_t *vendor,
                                const char *page_path, const char *scheme,
                                const char *host, apr_port_t port,
                                apr_pool_t *pool)
{
    int production = route->domain != NULL || route->custom_domain != NULL;
    const char *canonical_host = NULL;

    if (production && route->area == MPCMS_AREA_STOREFRONT) {
        canonical_host = storefront_host(route, vendor, pool);
    }
    else if (production && route->domain != NULL) {
        canonical_host = route->domain;
    }

    if (canonical_host != NULL) {
        return apr_pstrcat(
            pool, mpcms_canonical_origin(scheme, canonical_host, port, pool),
            page_path, NULL);
    }
    return apr_pstrcat(
        pool,
        mpcms_canonical_origin(scheme, host ? host : "localhost", port, pool),
        route->area_base, page_path, NULL);
}
