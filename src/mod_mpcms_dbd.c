/*
 * Database connections from mod_dbd's pool. mod_dbd's functions are
 * fetched as optional functions, so that a missing mod_dbd is a clear
 * startup error rather than an unresolved symbol.
 */
#include <httpd.h>
#include <http_log.h>
#include <apr_dbd.h>
#include <mod_dbd.h>

#include "mod_mpcms.h"
#include "store.h"

APLOG_USE_MODULE(mpcms);

static APR_OPTIONAL_FN_TYPE(ap_dbd_acquire) * dbd_acquire;

const char *mpcms_dbd_bind(void)
{
    dbd_acquire = APR_RETRIEVE_OPTIONAL_FN(ap_dbd_acquire);
    if (dbd_acquire == NULL) {
        return "mod_dbd is not loaded, but mod_mpcms reads pages through it: "
               "add LoadModule dbd_module and the DBDriver and DBDParams "
               "directives";
    }
    return NULL;
}

/*
 * Connects a store to the request's pooled connection. mod_dbd releases
 * the connection when the request's pool goes, and returns the same one
 * to every call within a request.
 */
static apr_status_t connect_request(mpcms_db_t *db, void *baton,
                                    mpcms_error_t **error)
{
    request_rec *r = baton;
    ap_dbd_t *dbd;
    apr_status_t rv;

    dbd = dbd_acquire(r);
    if (dbd == NULL) {
        *error =
            mpcms_error_make(NULL, 0, 0, r->pool, "no connection from mod_dbd");
        return MPCMS_EUNAVAILABLE;
    }
    rv = mpcms_db_attach(db, dbd->handle, dbd->driver, dbd->prepared, error,
                         dbd->pool);
    if (rv != APR_SUCCESS) {
        ap_log_rerror(APLOG_MARK, APLOG_ERR, 0, r,
                      "MPCMS00003: setting up database connection failed: %s",
                      mpcms_error_format(*error, r->pool));
        return MPCMS_EUNAVAILABLE;
    }
    return APR_SUCCESS;
}

void mpcms_dbd_store_init(mpcms_store_t *store, request_rec *r)
{
    memset(store, 0, sizeof(*store));
    store->connect = connect_request;
    store->baton = r;
    store->cache = mpcms_child_cache();
}
