/*
 * Per-server settings of mod_mpcms, as the directives set them, and how a
 * VirtualHost's settings merge over the main server's. Plain data with no
 * httpd types, so the merge is unit-tested.
 */
#ifndef MPCMS_SETTINGS_H
#define MPCMS_SETTINGS_H

#include <apr_pools.h>
#include <apr_tables.h>
#include <apr_time.h>

#include "route.h"
#include "theme.h"

#define MPCMS_UNSET (-1)

/* Defaults of the cache directives. */
#define MPCMS_CACHE_TTL_DEFAULT     apr_time_from_sec(10)
#define MPCMS_CACHE_ENTRIES_DEFAULT 10000

typedef struct mpcms_settings {
    int engine;                   /* MpcmsEngine: 0, 1 or MPCMS_UNSET */
    mpcms_routing_t routing;      /* NULL arrays and strings: unset */
    const char *template_dir;     /* MpcmsTemplateDir; NULL: unset */
    const mpcms_themes_t *themes; /* loaded from template_dir */
    int explain;                  /* MpcmsExplain: 0, 1 or MPCMS_UNSET */
    /* MpcmsPassThrough (const char *); NULL: unset */
    apr_array_header_t *pass_through;
    /* MpcmsRouteByDatabase: 0, 1 or MPCMS_UNSET */
    int route_by_database;
    /* Main server only, because one cache serves every server of a child:
     * MpcmsCacheTTL and MpcmsCacheEntries, MPCMS_UNSET when unset. */
    apr_interval_time_t cache_ttl;
    int cache_entries;
    /* MpcmsHealthPath; "" when turned off, NULL: unset */
    const char *health_path;
} mpcms_settings_t;

/* Allocates settings with every field unset. */
mpcms_settings_t *mpcms_settings_make(apr_pool_t *pool);

/*
 * Merges a VirtualHost's settings (add) over the main server's (base).
 * Single values come from add when it sets them, else from base. Prefix,
 * domain and reserved subdomain lists are concatenated, add's first, so a
 * VirtualHost sees the main server's rules too and its own win on an equal
 * match.
 */
mpcms_settings_t *mpcms_settings_merge(const mpcms_settings_t *base,
                                       const mpcms_settings_t *add,
                                       apr_pool_t *pool);

/* Returns 1 when the module serves this server (unset means off). */
int mpcms_settings_engine_on(const mpcms_settings_t *settings);

/* Returns 1 when the resolution header is on (unset means off). */
int mpcms_settings_explain_on(const mpcms_settings_t *settings);

/* Returns the health check URL path, or NULL when there is none. */
const char *mpcms_settings_health_path(const mpcms_settings_t *settings);

/* Returns 1 when platforms route by their database columns (unset: off). */
int mpcms_settings_route_by_database(const mpcms_settings_t *settings);

/*
 * Fills in the defaults of what is still unset once configuration is read:
 * the pass-through prefixes "/shop" and "/static", the cache defaults, and
 * the reserved subdomains "www" and "admin", which are always reserved.
 */
void mpcms_settings_finalize(mpcms_settings_t *settings, apr_pool_t *pool);

#endif /* MPCMS_SETTINGS_H */
