/* Creating and merging per-server settings. */
#include "settings.h"

mpcms_settings_t *mpcms_settings_make(apr_pool_t *pool)
{
    mpcms_settings_t *settings = apr_pcalloc(pool, sizeof(*settings));

    settings->engine = MPCMS_UNSET;
    settings->explain = MPCMS_UNSET;
    settings->route_by_database = MPCMS_UNSET;
    settings->cache_ttl = MPCMS_UNSET;
    settings->cache_entries = MPCMS_UNSET;
    return settings;
}

static apr_array_header_t *concatenate(apr_pool_t *pool,
                                       const apr_array_header_t *first,
                                       const apr_array_header_t *second)
{
    if (first == NULL) {
        return (apr_array_header_t *)second;
    }
    if (second == NULL) {
        return (apr_array_header_t *)first;
    }
    return apr_array_append(pool, first, second);
}

static const char *pick_string(const char *add, const char *base)
{
    return add != NULL ? add : base;
}

static int pick_int(int add, int base)
{
    return add != MPCMS_UNSET ? add : base;
}

mpcms_settings_t *mpcms_settings_merge(const mpcms_settings_t *base,
                                       const mpcms_settings_t *add,
                                       apr_pool_t *pool)
{
    mpcms_settings_t *merged = mpcms_settings_make(pool);
    const mpcms_routing_t *from = &add->routing;
    const mpcms_routing_t *under = &base->routing;

    merged->engine = pick_int(add->engine, base->engine);
    merged->explain = pick_int(add->explain, base->explain);
    merged->route_by_database =
        pick_int(add->route_by_database, base->route_by_database);
    merged->cache_entries = pick_int(add->cache_entries, base->cache_entries);
    merged->cache_ttl =
        add->cache_ttl != MPCMS_UNSET ? add->cache_ttl : base->cache_ttl;

    merged->routing.prefixes =
        concatenate(pool, from->prefixes, under->prefixes);
    merged->routing.domains = concatenate(pool, from->domains, under->domains);
    merged->routing.reserved_subdomains = concatenate(
        pool, from->reserved_subdomains, under->reserved_subdomains);
    merged->routing.default_platform =
        pick_string(from->default_platform, under->default_platform);
    merged->routing.admin_host =
        pick_string(from->admin_host, under->admin_host);
    merged->routing.admin_path =
        pick_string(from->admin_path, under->admin_path);

    /* The directory and the themes loaded from it travel together. */
    if (add->template_dir != NULL) {
        merged->template_dir = add->template_dir;
        merged->themes = add->themes;
    }
    else {
        merged->template_dir = base->template_dir;
        merged->themes = base->themes;
    }

    merged->pass_through =
        add->pass_through ? add->pass_through : base->pass_through;
    merged->health_path =
        add->health_path ? add->health_path : base->health_path;
    return merged;
}

const char *mpcms_settings_health_path(const mpcms_settings_t *settings)
{
    if (settings->health_path == NULL || settings->health_path[0] == '\0') {
        return NULL;
    }
    return settings->health_path;
}

int mpcms_settings_engine_on(const mpcms_settings_t *settings)
{
    return settings->engine == 1;
}

int mpcms_settings_explain_on(const mpcms_settings_t *settings)
{
    return settings->explain == 1;
}

int mpcms_settings_route_by_database(const mpcms_settings_t *settings)
{
    return settings->route_by_database == 1;
}

void mpcms_settings_finalize(mpcms_settings_t *settings, apr_pool_t *pool)
{
    apr_array_header_t *reserved;

    if (settings->pass_through == NULL) {
        settings->pass_through = apr_array_make(pool, 2, sizeof(const char *));
        APR_ARRAY_PUSH(settings->pass_through, const char *) = "/shop";
        APR_ARRAY_PUSH(settings->pass_through, const char *) = "/static";
    }

    /* A copy, so that a list shared with the main server stays as it is. */
    reserved = settings->routing.reserved_subdomains
                   ? apr_array_copy(pool, settings->routing.reserved_subdomains)
                   : apr_array_make(pool, 2, sizeof(const char *));
    APR_ARRAY_PUSH(reserved, const char *) = "www";
    APR_ARRAY_PUSH(reserved, const char *) = "admin";
    settings->routing.reserved_subdomains = reserved;

    if (settings->cache_ttl == MPCMS_UNSET) {
        settings->cache_ttl = MPCMS_CACHE_TTL_DEFAULT;
    }
    if (settings->cache_entries == MPCMS_UNSET) {
        settings->cache_entries = MPCMS_CACHE_ENTRIES_DEFAULT;
    }
}
