/*
 * The lookup cache of each child process and the generation counter that
 * all children share.
 *
 * The counter lives in an anonymous shared memory segment made by the
 * parent before it forks, so every child reads the same word. A change
 * made through any child bumps it (mpcms_cache_invalidate), which makes
 * every cached lookup in every child stale at once. A change made directly
 * in the database shows when entries expire (MpcmsCacheTTL).
 */
#include <httpd.h>
#include <http_config.h>
#include <http_log.h>
#include <apr_atomic.h>
#include <apr_shm.h>

#include "mod_mpcms.h"

APLOG_USE_MODULE(mpcms);

static volatile apr_uint32_t *shared_generation;
static mpcms_cache_t *child_cache;

int mpcms_cache_post_config(apr_pool_t *pconf, server_rec *server)
{
    apr_shm_t *shm;
    apr_status_t rv;

    rv = apr_shm_create(&shm, sizeof(apr_uint32_t), NULL, pconf);
    if (rv != APR_SUCCESS) {
        ap_log_error(APLOG_MARK, APLOG_CRIT, rv, server,
                     "MPCMS00007: creating the shared cache generation counter "
                     "failed");
        return HTTP_INTERNAL_SERVER_ERROR;
    }
    shared_generation = apr_shm_baseaddr_get(shm);
    apr_atomic_set32(shared_generation, 0);
    return OK;
}

void mpcms_cache_child_init(apr_pool_t *pchild, server_rec *server)
{
    const mpcms_settings_t *settings = mpcms_server_settings(server);
    apr_status_t rv;

    rv = mpcms_cache_create(&child_cache, (apr_size_t)settings->cache_entries,
                            settings->cache_ttl, shared_generation, pchild);
    if (rv != APR_SUCCESS) {
        /* Lookups still work, uncached. */
        child_cache = NULL;
        ap_log_error(APLOG_MARK, APLOG_ERR, rv, server,
                     "MPCMS00008: creating the lookup cache failed; every "
                     "request reads platforms and vendors from the database");
    }
}

mpcms_cache_t *mpcms_child_cache(void)
{
    return child_cache;
}

void mpcms_cache_invalidate(void)
{
    if (shared_generation != NULL) {
        apr_atomic_inc32(shared_generation);
    }
}
