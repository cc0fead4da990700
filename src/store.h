/*
 * Running the prepared statements of statements.c on an apr_dbd
 * connection.
 *
 * Statements are prepared lazily, once per connection, under their label
 * and kept in the connection's own hash, so a pooled connection prepares
 * each statement once in its life (preparing per request leaks on the
 * sqlite3 driver). When a PostgreSQL server restarts, its prepared
 * statements are gone while the connection is reset, and SQLite statements
 * stop working once the schema changes: a failed statement is prepared
 * again and run once more.
 */
#ifndef MPCMS_STORE_H
#define MPCMS_STORE_H

#include <apr_dbd.h>
#include <apr_hash.h>

#include "error.h"
#include "statements.h"

/* Status of a failure that a retry later may cure: the database is down. */
#define MPCMS_EUNAVAILABLE (APR_OS_START_USERERR + 1)

/*
 * Key under which a connection's hash records that its schema version was
 * found current (schema.c). The store removes it when it recovers the
 * connection after a failure, so that the check runs again.
 */
#define MPCMS_DB_SCHEMA_CHECKED_KEY "mpcms:schema-current"

typedef struct mpcms_db {
    apr_dbd_t *handle;
    const apr_dbd_driver_t *driver;
    const char *driver_name; /* "sqlite3", "pgsql", ... */
    apr_hash_t *prepared;    /* label -> apr_dbd_prepared_t *, per connection */
    apr_pool_t *pool;        /* lives as long as the connection */
} mpcms_db_t;

/* Result rows copied out of the driver; NULL cells are SQL NULL. */
typedef struct mpcms_rows {
    int count;
    int columns;
    const char **cells; /* count * columns, row by row */
} mpcms_rows_t;

/*
 * Sets up db for a connection. prepared and connection_pool belong to the
 * connection (mod_dbd's ap_dbd_t provides both); the first use runs the
 * per-connection settings (SQLite: foreign keys on, busy timeout) and
 * checks that they took effect.
 */
apr_status_t mpcms_db_attach(mpcms_db_t *db, apr_dbd_t *handle,
                             const apr_dbd_driver_t *driver,
                             apr_hash_t *prepared, mpcms_error_t **error,
                             apr_pool_t *connection_pool);

/*
 * Runs a SELECT with args (statement->nargs strings; NULL binds SQL NULL)
 * and copies every row into *rows, allocated from pool. On failure returns
 * MPCMS_EUNAVAILABLE when the connection is lost, APR_EGENERAL otherwise,
 * with *error naming the statement and holding the driver's message.
 */
apr_status_t mpcms_db_select(mpcms_rows_t **rows, mpcms_db_t *db,
                             mpcms_sql_e id, const char *const *args,
                             mpcms_error_t **error, apr_pool_t *pool);

/*
 * Runs an INSERT, UPDATE or DELETE; *affected gets the row count.
 *
 * Both mpcms_db_select and mpcms_db_execute return MPCMS_ECONFLICT
 * (error.h) when the statement broke a unique or foreign key constraint,
 * and MPCMS_EINVALID when it broke a CHECK constraint, so that the caller
 * can report a conflict (409) or an invalid value (422) rather than a
 * server error. Inside a transaction, every
 * later statement then fails too, until the transaction ends.
 */
apr_status_t mpcms_db_execute(int *affected, mpcms_db_t *db, mpcms_sql_e id,
                              const char *const *args, mpcms_error_t **error,
                              apr_pool_t *pool);

struct mpcms_cache;

/*
 * What the core reads through: a connection opened on first need, and an
 * optional cache of small results. Lookups that hit the cache never take a
 * connection from the pool.
 */
typedef struct mpcms_store {
    mpcms_db_t db;
    int connected;
    /* Fills db; returns MPCMS_EUNAVAILABLE when no connection can be had. */
    apr_status_t (*connect)(mpcms_db_t *db, void *baton, mpcms_error_t **error);
    void *baton;
    struct mpcms_cache *cache; /* may be NULL */
} mpcms_store_t;

/* Returns the store's connection, opening it on first use. */
apr_status_t mpcms_store_db(mpcms_db_t **db, mpcms_store_t *store,
                            mpcms_error_t **error);

/*
 * Runs a SELECT through the store. With cached set and a cache present,
 * the result is served from and kept in the cache under the statement's
 * label and arguments.
 */
apr_status_t mpcms_store_select(mpcms_rows_t **rows, mpcms_store_t *store,
                                mpcms_sql_e id, const char *const *args,
                                int cached, mpcms_error_t **error,
                                apr_pool_t *pool);

/*
 * A transaction on a store's connection. A write, the checks it depends
 * on and its audit row run in one, so that a failure leaves nothing
 * half-written and parallel requests cannot both pass a check that only
 * one of them may pass.
 */
typedef struct mpcms_tx mpcms_tx_t;

/*
 * Starts a transaction on the store's connection. The sqlite3 driver of
 * apr_dbd begins it with BEGIN IMMEDIATE, which takes the database's
 * write lock at once, so write transactions run one after the other (a
 * second writer waits up to the busy timeout). On PostgreSQL the
 * statements themselves must lock what they read (SELECT ... FOR
 * UPDATE). A cleanup on pool rolls the transaction back if it is still
 * open when the pool is cleared, because mod_dbd hands a connection back
 * without ending its transaction. Returns MPCMS_EUNAVAILABLE when there
 * is no connection or the transaction cannot start.
 */
apr_status_t mpcms_tx_begin(mpcms_tx_t **tx, mpcms_store_t *store,
                            mpcms_error_t **error, apr_pool_t *pool);

/* Returns the connection that tx runs on. */
mpcms_db_t *mpcms_tx_db(const mpcms_tx_t *tx);

/*
 * Commits tx. Call it only when every statement in tx succeeded, because
 * the drivers roll back a transaction with a failed statement and report
 * that as success.
 */
apr_status_t mpcms_tx_commit(mpcms_tx_t *tx, mpcms_error_t **error);

/* Rolls tx back; does nothing when tx is NULL or already ended. */
void mpcms_tx_rollback(mpcms_tx_t *tx);

/* Returns the cell at (row, column), or NULL for SQL NULL. */
const char *mpcms_rows_get(const mpcms_rows_t *rows, int row, int column);

/* Reads a boolean cell: "1", "t" and "true" are true; anything else false. */
int mpcms_rows_bool(const mpcms_rows_t *rows, int row, int column);

/* Reads an integer cell; SQL NULL and text that is not a number give 0. */
apr_int64_t mpcms_rows_int(const mpcms_rows_t *rows, int row, int column);

#endif /* MPCMS_STORE_H */
