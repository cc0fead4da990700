/*
 * Platform and vendor detection. The order is fixed: the admin area, a
 * path prefix, the host's domain, a custom domain, then the default
 * platform. A prefix wins over the domain so that development URLs
 * (/oms/...) work on any host.
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

    if (routing == NULL || routing->prefixes == NULL || path == NULL) {
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
    if (routing == NULL || routing->domains == NULL || host == NULL) {
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

int mpcms_routing_names_platform(const mpcms_routing_t *routing,
                                 const char *code)
{
    int i;

    if (routing->prefixes != NULL) {
        for (i = 0; i < routing->prefixes->nelts; i++) {
            if (strcmp(APR_ARRAY_IDX(routing->prefixes, i, mpcms_prefix_rule_t)
                           .platform,
                       code)
                == 0) {
                return 1;
            }
        }
    }
    if (routing->domains != NULL) {
        for (i = 0; i < routing->domains->nelts; i++) {
            if (strcmp(APR_ARRAY_IDX(routing->domains, i, mpcms_domain_rule_t)
                           .platform,
                       code)
                == 0) {
                return 1;
            }
        }
    }
    return 0;
}

static void set_platform_area(mpcms_route_t *route, const char *platform,
                              mpcms_platform_via_e via, const char *base,
                              const char *path)
{
    route->platform = platform;
    route->platform_via = via;
    route->platform_base = base;
    route->path = path;
    route->area = MPCMS_AREA_PLATFORM;
    route->area_base = base;
    route->subpath = path;
}

static int detect_admin(mpcms_route_t *route, const mpcms_routing_t *routing,
                        const char *host, const char *path)
{
    if (routing->admin_host != NULL && host != NULL
        && strcmp(host, routing->admin_host) == 0) {
        route->area_base = "";
        route->subpath = path;
    }
    else if (routing->admin_path != NULL
             && mpcms_path_has_prefix(path, routing->admin_path)) {
        route->area_base = routing->admin_path;
        route->subpath = path + strlen(routing->admin_path);
    }
    else {
        return 0;
    }
    route->area = MPCMS_AREA_ADMIN;
    route->path = path;
    route->platform_base = "";
    return 1;
}

int mpcms_route_is_admin(const mpcms_routing_t *routing, const char *host,
                         const char *path)
{
    mpcms_route_t route;

    memset(&route, 0, sizeof(route));
    return detect_admin(&route, routing, host, path);
}

static int detect_by_prefix(mpcms_route_t *route,
                            const mpcms_routing_t *routing,
                            mpcms_platform_via_e via, const char *path)
{
    const mpcms_prefix_rule_t *rule = mpcms_route_match_prefix(routing, path);

    if (rule == NULL) {
        return 0;
    }
    set_platform_area(route, rule->platform, via, rule->prefix,
                      path + strlen(rule->prefix));
    return 1;
}

static int is_reserved(const mpcms_routing_t *routing, const char *label)
{
    int i;

    if (routing->reserved_subdomains == NULL) {
        return 0;
    }
    for (i = 0; i < routing->reserved_subdomains->nelts; i++) {
        if (strcmp(APR_ARRAY_IDX(routing->reserved_subdomains, i, const char *),
                   label)
            == 0) {
            return 1;
        }
    }
    return 0;
}

/*
 * A name below a platform domain: "www" goes to the domain itself, other
 * reserved labels and names of several labels serve nothing, and any
 * other label names a vendor to look up.
 */
static void detect_subdomain(mpcms_route_t *route,
                             const mpcms_routing_t *routing, const char *label,
                             apr_size_t length, const char *path,
                             apr_pool_t *pool)
{
    route->subdomain = apr_pstrmemdup(pool, label, length);

    if (strcmp(route->subdomain, "www") == 0) {
        route->redirect_host = route->domain;
        return;
    }
    if (is_reserved(routing, route->subdomain)
        || !mpcms_label_is_valid(label, length)) {
        route->area = MPCMS_AREA_NONE;
        return;
    }

    route->area = MPCMS_AREA_STOREFRONT;
    route->vendor_via = MPCMS_VENDOR_VIA_SUBDOMAIN;
    route->area_base = "";
    route->subpath = path;
    route->needs_subdomain_vendor = 1;
}

static int detect_by_domain(mpcms_route_t *route,
                            const mpcms_routing_t *routing,
                            const mpcms_routing_t *rules,
                            mpcms_platform_via_e via, const char *host,
                            const char *path, apr_pool_t *pool)
{
    const mpcms_domain_rule_t *rule;
    const char *subdomain;
    apr_size_t length;

    rule = match_domain(rules, host, &subdomain, &length);
    if (rule == NULL) {
        return 0;
    }

    set_platform_area(route, rule->platform, via, "", path);
    route->domain = rule->domain;
    if (subdomain != NULL) {
        detect_subdomain(route, routing, subdomain, length, path, pool);
    }
    return 1;
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
                        const mpcms_routing_t *database, const char *host,
                        const char *path, apr_pool_t *pool)
{
    memset(route, 0, sizeof(*route));

    if (detect_admin(route, routing, host, path)) {
        return;
    }

    if (!detect_by_prefix(route, routing, MPCMS_PLATFORM_VIA_PREFIX, path)
        && !detect_by_prefix(route, database, MPCMS_PLATFORM_VIA_DATABASE, path)
        && !detect_by_domain(route, routing, routing, MPCMS_PLATFORM_VIA_DOMAIN,
                             host, path, pool)
        && !detect_by_domain(route, routing, database,
                             MPCMS_PLATFORM_VIA_DATABASE, host, path, pool)) {
        route->path = path;
        if (host != NULL) {
            route->needs_custom_domain = 1;
        }
        else {
            mpcms_route_apply_default(route, routing, pool);
        }
        return;
    }

    /* On a vendor's own host the vendor is fixed; paths name no vendor. */
    if (route->area == MPCMS_AREA_PLATFORM) {
        detect_vendor_by_path(route, pool);
    }
}

void mpcms_route_apply_default(mpcms_route_t *route,
                               const mpcms_routing_t *routing, apr_pool_t *pool)
{
    const char *path = route->path;

    route->needs_custom_domain = 0;
    if (routing->default_platform == NULL) {
        return;
    }
    set_platform_area(route, routing->default_platform,
                      MPCMS_PLATFORM_VIA_DEFAULT, "", path);
    detect_vendor_by_path(route, pool);
}

void mpcms_route_apply_custom_domain(mpcms_route_t *route, const char *domain,
                                     const char *platform, const char *vendor,
                                     const char *host, apr_pool_t *pool)
{
    const char *path = route->path;

    route->needs_custom_domain = 0;
    set_platform_area(route, platform, MPCMS_PLATFORM_VIA_DATABASE, "", path);
    route->custom_domain = apr_pstrdup(pool, domain);
    if (host != NULL && strcmp(host, domain) != 0) {
        route->redirect_host = route->custom_domain;
        return;
    }

    route->area = MPCMS_AREA_STOREFRONT;
    route->vendor = apr_pstrdup(pool, vendor);
    route->vendor_via = MPCMS_VENDOR_VIA_CUSTOM_DOMAIN;
}

void mpcms_route_apply_subdomain_vendor(mpcms_route_t *route,
                                        const char *vendor)
{
    route->needs_subdomain_vendor = 0;
    if (vendor == NULL) {
        route->area = MPCMS_AREA_NONE;
        return;
    }
    route->vendor = vendor;
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
