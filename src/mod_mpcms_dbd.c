/*
 * Database connections from mod_dbd's pool. mod_dbd's functions are
 * fetched as optional functions, so that a missing mod_dbd is a clear
 * startup error rather than an unresolved symbol.
 */
#include <httpd.h>
#include <http_log.h>
#include <apr_dbd.h>
#include <apr_strings.h>
#include <mod_dbd.h>

#include "mod_mpcms.h"
#include "schema.h"
#include "store.h"

APLOG_USE_MODULE(mpcms);

static APR_OPTIONAL_FN_TYPE(ap_dbd_acquire) * dbd_acquire;
static APR_OPTIONAL_FN_TYPE(ap_dbd_open) * dbd_open;
static APR_OPTIONAL_FN_TYPE(ap_dbd_close) * dbd_close;

const char *mpcms_dbd_bind(void)
{
    dbd_acquire = APR_RETRIEVE_OPTIONAL_FN(ap_dbd_acquire);
    dbd_open = APR_RETRIEVE_OPTIONAL_FN(ap_dbd_open);
    dbd_close = APR_RETRIEVE_OPTIONAL_FN(ap_dbd_close);
    if (dbd_acquire == NULL || dbd_open == NULL || dbd_close == NULL) {
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

/*
 * Connects a store to the request's pooled connection and checks its
 * schema version (once per connection, see mpcms_schema_check). mod_dbd
 * releases the connection when the request's pool goes, and returns the
 * same one to every call within a request. A wrong schema version counts
 * as unavailable, so pages get a 503, and the message names the command
 * to run.
 */
static apr_status_t connect_request(mpcms_db_t *db, void *baton,
                                    mpcms_error_t **error)
{
    request_rec *r = baton;
    apr_status_t rv;
    int found;

    if (!mpcms_dbd_acquire(db, r)) {
        *error =
            mpcms_error_make(NULL, 0, 0, r->pool, "no connection from mod_dbd");
        return MPCMS_EUNAVAILABLE;
    }
    rv = mpcms_schema_check(&found, db, error, r->pool);
    if (rv == MPCMS_ESCHEMA) {
        *error = mpcms_error_make(
            NULL, 0, 0, r->pool,
            "the database is at schema version %d but this mod_mpcms needs "
            "version %d; back up the database, then run: %s",
            found, MPCMS_SCHEMA_VERSION,
            mpcms_dbd_migrate_command(db, r->pool));
    }
    return rv == APR_SUCCESS ? APR_SUCCESS : MPCMS_EUNAVAILABLE;
}

void mpcms_dbd_store_init(mpcms_store_t *store, request_rec *r)
{
    memset(store, 0, sizeof(*store));
    store->connect = connect_request;
    store->baton = r;
    store->cache = mpcms_child_cache();
}

const char *mpcms_dbd_migrate_command(const mpcms_db_t *db, apr_pool_t *pool)
{
    /* The DBDParams value may hold a password, so it is never logged. */
    return apr_psprintf(pool,
                        "mpcms-admin migrate --driver %s --params "
                        "'<the DBDParams value>'",
                        db->driver_name);
}

/* Checks the schema version on one connection of server's pool. */
static void check_server_schema(server_rec *server, apr_pool_t *pool)
{
    mpcms_error_t *error = NULL;
    mpcms_db_t db;
    ap_dbd_t *dbd;
    apr_status_t rv;
    int found;

    dbd = dbd_open(pool, server);
    if (dbd == NULL) {
        ap_log_error(APLOG_MARK, APLOG_WARNING, 0, server,
                     "MPCMS00102: schema version not checked at child start: "
                     "no database connection; pages answer 503 until the "
                     "database is reachable, and each connection is checked "
                     "on first use");
        return;
    }

    rv = mpcms_db_attach(&db, dbd->handle, dbd->driver, dbd->prepared, &error,
                         dbd->pool);
    if (rv == APR_SUCCESS) {
        rv = mpcms_schema_check(&found, &db, &error, pool);
    }
    if (rv == MPCMS_ESCHEMA) {
        ap_log_error(APLOG_MARK, APLOG_ERR, 0, server,
                     "MPCMS00101: the database is at schema version %d but "
                     "this mod_mpcms needs version %d, so pages answer 503; "
                     "back up the database, then run: %s",
                     found, MPCMS_SCHEMA_VERSION,
                     mpcms_dbd_migrate_command(&db, pool));
    }
    else if (rv != APR_SUCCESS) {
        ap_log_error(APLOG_MARK, APLOG_WARNING, rv, server,
                     "MPCMS00103: schema version not checked at child start: "
                     "%s",
                     mpcms_error_format(error, pool));
    }
    else {
        ap_log_error(APLOG_MARK, APLOG_INFO, 0, server,
                     "MPCMS00100: database schema version %d is current",
                     found);
    }
    dbd_close(server, dbd);
}

void mpcms_dbd_child_init(apr_pool_t *pchild, server_rec *server)
{
    server_rec *s;

    if (dbd_open == NULL) {
        return;
    }
    for (s = server; s != NULL; s = s->next) {
        if (mpcms_settings_engine_on(mpcms_server_settings(s))) {
            check_server_schema(s, pchild);
        }
    }
}
