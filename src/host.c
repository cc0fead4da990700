/* Normalizing and matching host names. */
#include <apr_lib.h>
#include <apr_strings.h>
#include <string.h>

#include "host.h"
#include "names.h"

/* Checks that name is dot-separated valid labels; counts them. */
static int labels_are_valid(const char *name, apr_size_t length, int *count)
{
    apr_size_t start = 0;
    apr_size_t i;

    *count = 0;
    for (i = 0; i <= length; i++) {
        if (i == length || name[i] == '.') {
            if (!mpcms_label_is_valid(name + start, i - start)) {
                return 0;
            }
            (*count)++;
            start = i + 1;
        }
    }
    return 1;
}

/* Checks only the characters, because httpd has parsed the address already. */
static int is_ipv6_address(const char *address, apr_size_t length)
{
    apr_size_t i;

    for (i = 0; i < length; i++) {
        if (!apr_isxdigit(address[i]) && address[i] != ':'
            && address[i] != '.') {
            return 0;
        }
    }
    return length > 0;
}

static int is_ipv6_literal(const char *host, apr_size_t length)
{
    if (length < 3 || host[0] != '[' || host[length - 1] != ']') {
        return 0;
    }
    return is_ipv6_address(host + 1, length - 2);
}

/*
 * httpd passes the host of "Host: [::1]:8080" as "::1": an IPv6 address
 * without brackets or port. Two colons tell it from "name:port".
 */
static int is_bare_ipv6_address(const char *host)
{
    const char *colon = strchr(host, ':');

    return host[0] != '[' && colon != NULL && strchr(colon + 1, ':') != NULL;
}

static void lower_in_place(char *s)
{
    for (; *s != '\0'; s++) {
        *s = (char)apr_tolower(*s);
    }
}

/* Returns the length of host without a ":port" suffix, or -1 if the port is bad. */
static apr_ssize_t length_without_port(const char *host, apr_size_t length)
{
    const char *colon;
    const char *p;

    if (host[0] == '[') {
        colon = memchr(host, ']', length);
        if (colon == NULL) {
            return -1;
        }
        colon++;
        if (colon == host + length) {
            return (apr_ssize_t)length;
        }
        if (*colon != ':') {
            return -1;
        }
    }
    else {
        colon = memchr(host, ':', length);
        if (colon == NULL) {
            return (apr_ssize_t)length;
        }
    }

    for (p = colon + 1; p < host + length; p++) {
        if (!apr_isdigit(*p)) {
            return -1;
        }
    }
    return colon - host;
}

const char *mpcms_host_normalize(const char *host, apr_pool_t *pool)
{
    apr_ssize_t length;
    char *copy;
    int labels;

    if (host == NULL || host[0] == '\0') {
        return NULL;
    }

    if (is_bare_ipv6_address(host)) {
        length = (apr_ssize_t)strlen(host);
        if (!is_ipv6_address(host, (apr_size_t)length)) {
            return NULL;
        }
        copy = apr_pstrmemdup(pool, host, (apr_size_t)length);
        lower_in_place(copy);
        return copy;
    }

    length = length_without_port(host, strlen(host));
    if (length <= 0) {
        return NULL;
    }
    copy = apr_pstrmemdup(pool, host, (apr_size_t)length);
    lower_in_place(copy);

    if (is_ipv6_literal(copy, (apr_size_t)length)) {
        return copy;
    }
    if (copy[length - 1] == '.') {
        copy[--length] = '\0';
    }
    if (length == 0 || length > MPCMS_HOST_MAX) {
        return NULL;
    }
    if (!labels_are_valid(copy, (apr_size_t)length, &labels)) {
        return NULL;
    }
    return copy;
}

int mpcms_domain_is_valid(const char *name)
{
    apr_size_t length;
    int labels;

    if (name == NULL) {
        return 0;
    }
    length = strlen(name);
    if (length == 0 || length > MPCMS_HOST_MAX) {
        return 0;
    }
    return labels_are_valid(name, length, &labels) && labels >= 2;
}

int mpcms_host_in_domain(const char *host, const char *domain,
                         const char **subdomain, apr_size_t *subdomain_length)
{
    apr_size_t host_length = strlen(host);
    apr_size_t domain_length = strlen(domain);
    apr_size_t prefix_length;

    *subdomain = NULL;
    *subdomain_length = 0;

    if (host_length == domain_length) {
        return strcmp(host, domain) == 0;
    }
    if (host_length < domain_length + 2) {
        return 0;
    }

    prefix_length = host_length - domain_length - 1;
    if (host[prefix_length] != '.'
        || strcmp(host + prefix_length + 1, domain) != 0) {
        return 0;
    }
    *subdomain = host;
    *subdomain_length = prefix_length;
    return 1;
}
