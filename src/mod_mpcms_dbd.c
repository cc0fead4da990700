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

int mpcms_dbd_acquire(mpcms_db_t *db, request_rec *r)
{
    mpcms_error_t *error = NULL;
    ap_dbd_t *dbd;

    dbd = dbd_acquire(r);
    if (dbd == NULL) {
        return 0;
    }
    if (mpcms_db_attach(db, dbd->handle, dbd->driver, dbd->prepared, &error,
                        dbd->pool)
        != APR_SUCCESS) {
        ap_log_rerror(APLOG_MARK, APLOG_ERR, 0, r,
                      "MPCMS00003: setting up database connection failed: %s",
                      mpcms_error_format(error, r->pool));
        return 0;
    }
    return 1;
}
