/*
 * Declarations shared by the Apache-facing files of mod_mpcms (mod_mpcms.c
 * and src/mod_mpcms_*.c). Only these files include httpd headers; the
 * core in src/ does not.
 */
#ifndef MOD_MPCMS_H
#define MOD_MPCMS_H

#include <httpd.h>
#include <http_config.h>

#include "cache.h"
#include "settings.h"
#include "store.h"
#include "target.h"

extern module AP_MODULE_DECLARE_DATA mpcms_module;

/* Values of r->handler for the requests the module serves. */
#define MPCMS_PAGE_HANDLER  "mpcms-page"
#define MPCMS_ADMIN_HANDLER "mpcms-admin"

/* What post_read_request detected, kept for the rest of the request. */
typedef struct mpcms_request_context {
    mpcms_route_t route;
    mpcms_target_t target;
    mpcms_store_t store; /* connection and cache for this request */
    /* The host is a custom domain of an inactive vendor, membership or
     * platform: a 404 rather than the default platform. */
    int domain_is_inactive;
} mpcms_request_context_t;

/* Configuration (mod_mpcms_config.c). */
void *mpcms_create_server_config(apr_pool_t *pool, server_rec *server);
void *mpcms_merge_server_config(apr_pool_t *pool, void *base, void *add);
const char *mpcms_set_engine(cmd_parms *cmd, void *dummy, int on);
const char *mpcms_set_explain(cmd_parms *cmd, void *dummy, int on);
const char *mpcms_add_platform_prefix(cmd_parms *cmd, void *dummy,
                                      const char *prefix, const char *code);
const char *mpcms_add_platform_domain(cmd_parms *cmd, void *dummy,
                                      const char *domain, const char *code);
const char *mpcms_set_default_platform(cmd_parms *cmd, void *dummy,
                                       const char *code);
const char *mpcms_set_template_dir(cmd_parms *cmd, void *dummy,
                                   const char *path);
const char *mpcms_add_pass_through(cmd_parms *cmd, void *dummy,
                                   const char *prefix);
const char *mpcms_set_route_by_database(cmd_parms *cmd, void *dummy, int on);
const char *mpcms_set_admin_host(cmd_parms *cmd, void *dummy, const char *host);
const char *mpcms_set_admin_path(cmd_parms *cmd, void *dummy, const char *path);
const char *mpcms_add_reserved_subdomain(cmd_parms *cmd, void *dummy,
                                         const char *label);
const char *mpcms_set_cache_ttl(cmd_parms *cmd, void *dummy, const char *value);
const char *mpcms_set_cache_entries(cmd_parms *cmd, void *dummy,
                                    const char *value);
mpcms_settings_t *mpcms_server_settings(const server_rec *server);
int mpcms_post_config(apr_pool_t *pconf, apr_pool_t *plog, apr_pool_t *ptemp,
                      server_rec *server);
int mpcms_check_config(apr_pool_t *pconf, apr_pool_t *plog, apr_pool_t *ptemp,
                       server_rec *server);

/* Detection and request mapping (mod_mpcms_request.c). */
int mpcms_post_read_request(request_rec *r);
int mpcms_translate_name(request_rec *r);
int mpcms_map_to_storage(request_rec *r);
mpcms_request_context_t *mpcms_request_context(const request_rec *r);

/* The content handler (mod_mpcms_handler.c). */
int mpcms_page_handler(request_rec *r);

/* The content handler of the admin area (mod_mpcms_admin.c). */
int mpcms_admin_handler(request_rec *r);

/*
 * Returns 503 with Retry-After for a database failure, logging it at most
 * once per interval per child process.
 */
int mpcms_answer_unavailable(request_rec *r, const char *reason);

/* Database connections through mod_dbd (mod_mpcms_dbd.c). */
const char *mpcms_dbd_bind(void);
void mpcms_dbd_store_init(mpcms_store_t *store, request_rec *r);

/*
 * Takes the request's pooled connection into db without the schema check,
 * for the health URL. Returns 0 when mod_dbd has no connection.
 */
int mpcms_dbd_acquire(mpcms_db_t *db, request_rec *r);

/* Lookup caches (mod_mpcms_cache.c). */
int mpcms_cache_post_config(apr_pool_t *pconf, server_rec *server);
void mpcms_cache_child_init(apr_pool_t *pchild, server_rec *server);
mpcms_cache_t *mpcms_child_cache(void);
void mpcms_cache_invalidate(void);

/*
 * Checks at child start, on one connection per server with MpcmsEngine
 * On, that the schema version is the one this build needs, and logs the
 * result once.
 */
void mpcms_dbd_child_init(apr_pool_t *pchild, server_rec *server);

/* Returns the mpcms-admin command that migrates this connection's database. */
const char *mpcms_dbd_migrate_command(const mpcms_db_t *db, apr_pool_t *pool);

/* The health check URL (mod_mpcms_health.c). */
const char *mpcms_set_health_path(cmd_parms *cmd, void *dummy,
                                  const char *path);
int mpcms_health_post_read_request(request_rec *r);

#endif /* MOD_MPCMS_H */
