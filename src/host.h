/*
 * Host names as they arrive in requests and as they are configured.
 */
#ifndef MPCMS_HOST_H
#define MPCMS_HOST_H

#include <apr_pools.h>

#define MPCMS_HOST_MAX 253

/*
 * Normalizes a Host header value: removes a port, lower-cases, and removes
 * one trailing dot. Returns a copy allocated from pool, or NULL when the
 * value is not a DNS name made of valid labels (A-labels such as
 * "xn--bcher-kva.lu" are valid; raw UTF-8 is not) nor an IP literal. An
 * IPv6 literal may come with brackets ("[::1]", "[::1]:80") or without,
 * as httpd passes it ("::1"). It keeps the form it came in.
 */
const char *mpcms_host_normalize(const char *host, apr_pool_t *pool);

/*
 * Returns 1 when name is a normalized domain name: lower-case labels of
 * [a-z0-9-], at least two labels, no port and no trailing dot.
 */
int mpcms_domain_is_valid(const char *name);

/*
 * Returns 1 when host is domain itself or a name below it. For a name below
 * it, *subdomain points into host at the part before ".domain" (it may hold
 * several labels) and *subdomain_length is its length; for domain itself
 * *subdomain is NULL. Both arguments must be normalized.
 */
int mpcms_host_in_domain(const char *host, const char *domain,
                         const char **subdomain, apr_size_t *subdomain_length);

#endif /* MPCMS_HOST_H */
