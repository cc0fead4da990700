/*
 * Platform and vendor detection. The order is fixed: a path prefix, then
 * the host's domain, then the default platform. A prefix wins over the
 * domain so that development URLs (/oms/...) work on any host.
 */
#include <apr_strings.h>
#include <string.h>

#include "host.h"
#include "names.h"
#include "route.h"

int mpcms_path_has_prefix(const char *path, const char *prefix)
{
    apr_size_t length = strlen(prefix);

    return strncmp(path, prefix, length) == 0
           && (path[length] == '\0' || path[length] == '/');
}

const mpcms_prefix_rule_t *
mpcms_route_match_prefix(const mpcms_routing_t *routing, const char *path)
{
    const mpcms_prefix_rule_t *rules;
    const mpcms_prefix_rule_t *best = NULL;
    int i;

    if (routing->prefixes == NULL || path == NULL) {
        return NULL;
    }

    /* The longest prefix wins, so "/oms/beta" can sit beside "/oms". */
    rules = (const mpcms_prefix_rule_t *)routing->prefixes->elts;
    for (i = 0; i < routing->prefixes->nelts; i++) {
        if (mpcms_path_has_prefix(path, rules[i].prefix)
            && (best == NULL
                || strlen(rules[i].prefix) > strlen(best->prefix))) {
            best = &rules[i];
        }
    }
    return best;
}

static const mpcms_domain_rule_t *match_domain(const mpcms_routing_t *routing,
                                               const char *host,
                                               const char **subdomain,
                                               apr_size_t *subdomain_length)
{
    const mpcms_domain_rule_t *rules;
    const mpcms_domain_rule_t *best = NULL;
    int i;

    *subdomain = NULL;
    *subdomain_length = 0;
    if (routing->domains == NULL || host == NULL) {
        return NULL;
    }

    /* The longest domain wins, so "shop.oms.lu" can sit beside "oms.lu". */
    rules = (const mpcms_domain_rule_t *)routing->domains->elts;
    for (i = 0; i < routing->domains->nelts; i++) {
        const char *candidate;
        apr_size_t candidate_length;

        if (mpcms_host_in_domain(host, rules[i].domain, &candidate,
                                 &candidate_length)
            && (best == NULL
                || strlen(rules[i].domain) > strlen(best->domain))) {
            best = &rules[i];
            *subdomain = candidate;
            *subdomain_length = candidate_length;
        }
    }
    return best;
}

static void detect_platform(mpcms_route_t *route,
                            const mpcms_routing_t *routing, const char *host,
                            const char *path, apr_pool_t *pool)
{
    const mpcms_prefix_rule_t *prefix_rule;
    const mpcms_domain_rule_t *domain_rule;
    const char *subdomain;
    apr_size_t subdomain_length;

    prefix_rule = mpcms_route_match_prefix(routing, path);
    domain_rule = match_domain(routing, host, &subdomain, &subdomain_length);

    if (domain_rule != NULL && subdomain != NULL) {
        route->subdomain = apr_pstrmemdup(pool, subdomain, subdomain_length);
    }

    if (prefix_rule != NULL) {
        apr_size_t length = strlen(prefix_rule->prefix);

        route->platform = prefix_rule->platform;
        route->platform_via = MPCMS_PLATFORM_VIA_PREFIX;
        route->platform_base = prefix_rule->prefix;
        route->path = path + length;
        return;
    }

    route->platform_base = "";
    route->path = path;

    if (domain_rule != NULL) {
        route->platform = domain_rule->platform;
        route->platform_via = MPCMS_PLATFORM_VIA_DOMAIN;
    }
    else if (routing->default_platform != NULL) {
        route->platform = routing->default_platform;
        route->platform_via = MPCMS_PLATFORM_VIA_DEFAULT;
    }
}

/*
 * Splits "/vendors/{code}/rest" (storefront) or "/vendor/{code}/rest"
 * (dashboard) off the clean path. A code that is not valid leaves the
 * request in the platform area, where its path can only be a 404.
 */
static void detect_vendor_by_path(mpcms_route_t *route, apr_pool_t *pool)
{
    static const struct {
        const char *segment;
        mpcms_area_e area;
    } areas[] = {
        { "/vendors/", MPCMS_AREA_STOREFRONT },
        { "/vendor/", MPCMS_AREA_DASHBOARD },
    };
    apr_size_t i;

    for (i = 0; i < sizeof(areas) / sizeof(areas[0]); i++) {
        apr_size_t segment_length = strlen(areas[i].segment);
        const char *code;
        const char *end;
        const char *vendor;

        if (strncmp(route->path, areas[i].segment, segment_length) != 0) {
            continue;
        }

        code = route->path + segment_length;
        end = strchr(code, '/');
        if (end == NULL) {
            end = code + strlen(code);
        }
        vendor = apr_pstrmemdup(pool, code, (apr_size_t)(end - code));
        if (!mpcms_code_is_valid(vendor)) {
            return;
        }

        route->area = areas[i].area;
        route->vendor = vendor;
        route->vendor_via = MPCMS_VENDOR_VIA_PATH;
        route->area_base = apr_pstrcat(
            pool, route->platform_base,
            apr_pstrmemdup(pool, route->path, (apr_size_t)(end - route->path)),
            NULL);
        route->subpath = end;
        return;
    }
}

void mpcms_route_detect(mpcms_route_t *route, const mpcms_routing_t *routing,
                        const char *host, const char *path, apr_pool_t *pool)
{
    memset(route, 0, sizeof(*route));

    detect_platform(route, routing, host, path, pool);
    if (route->platform == NULL) {
        route->platform_base = NULL;
        route->path = NULL;
        return;
    }

    route->area = MPCMS_AREA_PLATFORM;
    route->area_base = route->platform_base;
    route->subpath = route->path;

    detect_vendor_by_path(route, pool);
}

const char *mpcms_platform_via_name(mpcms_platform_via_e via)
{
    switch (via) {
    case MPCMS_PLATFORM_VIA_PREFIX:
        return "prefix";
    case MPCMS_PLATFORM_VIA_DOMAIN:
        return "domain";
    case MPCMS_PLATFORM_VIA_DATABASE:
        return "database";
    case MPCMS_PLATFORM_VIA_DEFAULT:
        return "default";
    case MPCMS_PLATFORM_VIA_NONE:
        break;
    }
    return "none";
}

const char *mpcms_vendor_via_name(mpcms_vendor_via_e via)
{
    switch (via) {
    case MPCMS_VENDOR_VIA_PATH:
        return "path";
    case MPCMS_VENDOR_VIA_SUBDOMAIN:
        return "subdomain";
    case MPCMS_VENDOR_VIA_CUSTOM_DOMAIN:
        return "custom_domain";
    case MPCMS_VENDOR_VIA_NONE:
        break;
    }
    return "none";
}
