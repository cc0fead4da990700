/* Prepared statements on pooled apr_dbd connections. */
#include <apr_strings.h>
#include <apr_tables.h>
#include <pthread.h>
#include <string.h>

#include "cache.h"
#include "store.h"

/*
 * Key under which a connection's hash records that the per-connection
 * settings ran. It shares the hash with the prepared statements, so it
 * uses a character no statement label contains.
 */
static const char ready_key[] = "mpcms:connection-ready";

/*
 * Runs a PRAGMA and returns its last output value in *value (NULL when it
 * has none). Some PRAGMAs that set a value also return a row, which
 * apr_dbd_query treats as a failure, so every PRAGMA runs as a select.
 */
static apr_status_t run_pragma(const char **value, mpcms_db_t *db,
                               const char *pragma, mpcms_error_t **error,
                               apr_pool_t *pool)
{
    apr_dbd_results_t *results = NULL;
    apr_dbd_row_t *row = NULL;
    int rv;

    *value = NULL;
    rv = apr_dbd_select(db->driver, pool, db->handle, &results, pragma, 1);
    if (rv != 0) {
        *error = mpcms_error_make(pragma, 0, 0, pool, "failed: %s",
                                  apr_dbd_error(db->driver, db->handle, rv));
        return APR_EGENERAL;
    }
    while (apr_dbd_get_row(db->driver, pool, results, &row, -1) == 0) {
        *value = apr_dbd_get_entry(db->driver, row, 0);
    }
    return APR_SUCCESS;
}

static apr_status_t configure_sqlite(mpcms_db_t *db, mpcms_error_t **error,
                                     apr_pool_t *pool)
{
    const char *value;
    apr_status_t rv;

    rv = run_pragma(&value, db, "PRAGMA busy_timeout = 5000", error, pool);
    if (rv == APR_SUCCESS) {
        rv = run_pragma(&value, db, "PRAGMA foreign_keys = ON", error, pool);
    }
    if (rv == APR_SUCCESS) {
        rv = run_pragma(&value, db, "PRAGMA foreign_keys", error, pool);
    }
    if (rv != APR_SUCCESS) {
        return rv;
    }

    /* SQLite ignores a PRAGMA it cannot apply, so read the setting back. */
    if (value == NULL || strcmp(value, "1") != 0) {
        *error =
            mpcms_error_make("PRAGMA foreign_keys", 0, 0, pool,
                             "foreign keys could not be turned on for this "
                             "SQLite connection (value %s)",
                             value ? value : "missing");
        return APR_EGENERAL;
    }
    return APR_SUCCESS;
}

apr_status_t mpcms_db_attach(mpcms_db_t *db, apr_dbd_t *handle,
                             const apr_dbd_driver_t *driver,
                             apr_hash_t *prepared, mpcms_error_t **error,
                             apr_pool_t *connection_pool)
{
    apr_status_t rv = APR_SUCCESS;

    db->handle = handle;
    db->driver = driver;
    db->driver_name = apr_dbd_name(driver);
    db->prepared = prepared;
    db->pool = connection_pool;

    if (apr_hash_get(prepared, ready_key, APR_HASH_KEY_STRING) != NULL) {
        return APR_SUCCESS;
    }
    if (strcmp(db->driver_name, "sqlite3") == 0) {
        rv = configure_sqlite(db, error, connection_pool);
    }
    if (rv == APR_SUCCESS) {
        apr_hash_set(prepared, ready_key, APR_HASH_KEY_STRING, ready_key);
    }
    return rv;
}

static apr_status_t prepare(apr_dbd_prepared_t **statement, mpcms_db_t *db,
                            const mpcms_statement_t *def, mpcms_error_t **error,
                            apr_pool_t *pool)
{
    const char *sql = mpcms_statement_text(def, db->driver_name);
    int rv;

    *statement = NULL;
    rv = apr_dbd_prepare(db->driver, db->pool, db->handle, sql, def->label,
                         statement);
    if (rv != 0) {
        *error = mpcms_error_make(def->label, 0, 0, pool, "prepare failed: %s",
                                  apr_dbd_error(db->driver, db->handle, rv));
        return APR_EGENERAL;
    }
    apr_hash_set(db->prepared, def->label, APR_HASH_KEY_STRING, *statement);
    return APR_SUCCESS;
}

static apr_status_t get_prepared(apr_dbd_prepared_t **statement, mpcms_db_t *db,
                                 const mpcms_statement_t *def,
                                 mpcms_error_t **error, apr_pool_t *pool)
{
    *statement = apr_hash_get(db->prepared, def->label, APR_HASH_KEY_STRING);
    if (*statement != NULL) {
        return APR_SUCCESS;
    }
    return prepare(statement, db, def, error, pool);
}

/*
 * Returns MPCMS_ECONFLICT or MPCMS_EINVALID when a driver's message reports
 * that a constraint rejected the statement, else APR_EGENERAL. The
 * messages are those of SQLite 3 and PostgreSQL in English (lc_messages
 * "C" or "en").
 */
static apr_status_t classify_failure(const char *message)
{
    static const struct {
        const char *text;
        apr_status_t status;
    } constraints[] = {
        { "UNIQUE constraint failed", MPCMS_ECONFLICT },
        { "FOREIGN KEY constraint failed", MPCMS_ECONFLICT },
        { "CHECK constraint failed", MPCMS_EINVALID },
        { "violates unique constraint", MPCMS_ECONFLICT },
        { "violates foreign key constraint", MPCMS_ECONFLICT },
        { "violates check constraint", MPCMS_EINVALID },
    };
    apr_size_t i;

    if (message == NULL) {
        return APR_EGENERAL;
    }
    for (i = 0; i < sizeof(constraints) / sizeof(constraints[0]); i++) {
        if (strstr(message, constraints[i].text) != NULL) {
            return constraints[i].status;
        }
    }
    return APR_EGENERAL;
}

/*
 * Decides after a failed statement whether to prepare it again and run it
 * once more. PostgreSQL loses statements behind a live connection: after
 * a server restart the connection is reset and the server-side statements
 * are gone. Preparing under the same label fails while the old statement
 * exists, so a statement that failed for another reason is not run twice.
 * The sqlite3 driver of apr-util 1.6 prepares with the legacy
 * sqlite3_prepare(), whose statements keep failing once the schema
 * changed (a migration while httpd runs, or a COMMIT of new tables), so
 * SQLite statements are always prepared again, up to twice: the first
 * statement run after another connection changed the schema fails, and
 * the copy prepared again fails once more with SQLITE_SCHEMA before SQLite
 * reloads the connection's schema (apr-util 1.6.3, SQLite 3.40). Either
 * way the connection's schema check runs again on its next use.
 * NOTE: the replaced SQLite statement stays allocated until the
 * connection closes; that costs one statement per schema change.
 */
static apr_status_t recover(apr_dbd_prepared_t **statement, mpcms_db_t *db,
                            const mpcms_statement_t *def, mpcms_error_t **error,
                            apr_pool_t *pool)
{
    mpcms_error_t *ignored;

    apr_hash_set(db->prepared, MPCMS_DB_SCHEMA_CHECKED_KEY, APR_HASH_KEY_STRING,
                 NULL);
    if (apr_dbd_check_conn(db->driver, pool, db->handle) != APR_SUCCESS) {
        return MPCMS_EUNAVAILABLE;
    }
    if (strcmp(db->driver_name, "pgsql") != 0
        && strcmp(db->driver_name, "sqlite3") != 0) {
        return APR_EGENERAL;
    }
    if (prepare(statement, db, def, &ignored, pool) != APR_SUCCESS) {
        return APR_EGENERAL;
    }
    return APR_SUCCESS;
}

/*
 * Runs a prepared statement: a SELECT when results is not NULL, otherwise
 * a statement whose row count goes to *affected.
 */
static apr_status_t run(apr_dbd_results_t **results, int *affected,
                        mpcms_db_t *db, const mpcms_statement_t *def,
                        const char *const *args, mpcms_error_t **error,
                        apr_pool_t *pool)
{
    apr_dbd_prepared_t *statement;
    const char *message;
    apr_status_t rv;
    int attempts;
    int attempt;
    int status;

    rv = get_prepared(&statement, db, def, error, pool);
    if (rv != APR_SUCCESS) {
        /*
         * A pooled PostgreSQL connection whose server restarted while it
         * sat idle fails its first prepare; checking it reconnects
         * (PQreset), after which the prepare can work.
         */
        if (apr_dbd_check_conn(db->driver, pool, db->handle) != APR_SUCCESS) {
            return MPCMS_EUNAVAILABLE;
        }
        rv = get_prepared(&statement, db, def, error, pool);
        if (rv != APR_SUCCESS) {
            return rv;
        }
    }

    attempts = strcmp(db->driver_name, "sqlite3") == 0 ? 3 : 2;
    for (attempt = 0; attempt < attempts; attempt++) {
        if (results != NULL) {
            *results = NULL;
            /* Random access (seek 1): the pgsql driver loses errors otherwise. */
            status =
                apr_dbd_pselect(db->driver, pool, db->handle, results,
                                statement, 1, def->nargs, (const char **)args);
        }
        else {
            status = apr_dbd_pquery(db->driver, pool, db->handle, affected,
                                    statement, def->nargs, (const char **)args);
        }
        if (status == 0) {
            return APR_SUCCESS;
        }

        message = apr_dbd_error(db->driver, db->handle, status);
        *error = mpcms_error_make(def->label, 0, 0, pool,
                                  "statement failed: %s", message);
        rv = classify_failure(message);
        if (rv != APR_EGENERAL) {
            return rv;
        }
        if (attempt + 1 < attempts) {
            rv = recover(&statement, db, def, error, pool);
            if (rv != APR_SUCCESS) {
                return rv;
            }
        }
    }
    return APR_EGENERAL;
}

apr_status_t mpcms_db_select(mpcms_rows_t **rows, mpcms_db_t *db,
                             mpcms_sql_e id, const char *const *args,
                             mpcms_error_t **error, apr_pool_t *pool)
{
    const mpcms_statement_t *def = mpcms_statement_get(id);
    apr_dbd_results_t *results;
    apr_dbd_row_t *row = NULL;
    apr_array_header_t *cells;
    mpcms_rows_t *out;
    apr_status_t rv;
    int column;

    *rows = NULL;
    rv = run(&results, NULL, db, def, args, error, pool);
    if (rv != APR_SUCCESS) {
        return rv;
    }

    out = apr_pcalloc(pool, sizeof(*out));
    out->columns = apr_dbd_num_cols(db->driver, results);
    cells = apr_array_make(pool, 16 * out->columns, sizeof(const char *));

    /*
     * Read to the end even past the expected rows: a driver frees a result
     * only once it has returned its last row.
     */
    while (apr_dbd_get_row(db->driver, pool, results, &row, -1) == 0) {
        for (column = 0; column < out->columns; column++) {
            const char *value = NULL;

            if (apr_dbd_datum_get(db->driver, row, column, APR_DBD_TYPE_STRING,
                                  &value)
                != APR_SUCCESS) {
                value = NULL; /* APR_ENOENT: SQL NULL */
            }
            /*
             * The pgsql driver's strings point into its result, which it
             * frees once the last row has been read, so keep a copy.
             */
            APR_ARRAY_PUSH(cells, const char *) =
                value != NULL ? apr_pstrdup(pool, value) : NULL;
        }
        out->count++;
    }

    out->cells = (const char **)cells->elts;
    *rows = out;
    return APR_SUCCESS;
}

apr_status_t mpcms_db_execute(int *affected, mpcms_db_t *db, mpcms_sql_e id,
                              const char *const *args, mpcms_error_t **error,
                              apr_pool_t *pool)
{
    *affected = 0;
    return run(NULL, affected, db, mpcms_statement_get(id), args, error, pool);
}

apr_status_t mpcms_store_db(mpcms_db_t **db, mpcms_store_t *store,
                            mpcms_error_t **error)
{
    apr_status_t rv;

    *db = NULL;
    if (!store->connected) {
        rv = store->connect(&store->db, store->baton, error);
        if (rv != APR_SUCCESS) {
            return rv;
        }
        store->connected = 1;
    }
    *db = &store->db;
    return APR_SUCCESS;
}

/* Joins the label and arguments with separators no argument contains. */
static const char *cache_key(const mpcms_statement_t *def,
                             const char *const *args, apr_pool_t *pool)
{
    apr_size_t length = strlen(def->label) + 1;
    char *key;
    char *end;
    int i;

    for (i = 0; i < def->nargs; i++) {
        length += (args[i] ? strlen(args[i]) : 0) + 2;
    }
    key = apr_palloc(pool, length);
    end = apr_cpystrn(key, def->label, length);
    for (i = 0; i < def->nargs; i++) {
        *end++ = '\x1f';
        if (args[i] == NULL) {
            *end++ = '\x1e'; /* NULL differs from "" */
        }
        else {
            end = apr_cpystrn(end, args[i], length - (apr_size_t)(end - key));
        }
    }
    *end = '\0';
    return key;
}

apr_status_t mpcms_store_select(mpcms_rows_t **rows, mpcms_store_t *store,
                                mpcms_sql_e id, const char *const *args,
                                int cached, mpcms_error_t **error,
                                apr_pool_t *pool)
{
    const mpcms_statement_t *def = mpcms_statement_get(id);
    const char *key = NULL;
    apr_uint32_t generation = 0;
    mpcms_db_t *db;
    apr_status_t rv;

    if (cached && store->cache != NULL) {
        key = cache_key(def, args, pool);
        if (mpcms_cache_get(rows, store->cache, key, apr_time_now(), pool)) {
            return APR_SUCCESS;
        }
        /* Read before the query: a change during it makes the entry stale. */
        generation = mpcms_cache_generation(store->cache);
    }

    rv = mpcms_store_db(&db, store, error);
    if (rv == APR_SUCCESS) {
        rv = mpcms_db_select(rows, db, id, args, error, pool);
    }
    if (rv == APR_SUCCESS && key != NULL) {
        mpcms_cache_put(store->cache, key, *rows, generation, apr_time_now());
    }
    return rv;
}

const char *mpcms_rows_get(const mpcms_rows_t *rows, int row, int column)
{
    if (row < 0 || row >= rows->count || column < 0
        || column >= rows->columns) {
        return NULL;
    }
    return rows->cells[row * rows->columns + column];
}

int mpcms_rows_bool(const mpcms_rows_t *rows, int row, int column)
{
    const char *value = mpcms_rows_get(rows, row, column);

    if (value == NULL) {
        return 0;
    }
    return strcmp(value, "1") == 0 || strcmp(value, "t") == 0
           || strcmp(value, "true") == 0;
}

apr_int64_t mpcms_rows_int(const mpcms_rows_t *rows, int row, int column)
{
    const char *value = mpcms_rows_get(rows, row, column);

    return value != NULL ? apr_atoi64(value) : 0;
}

/*
 * One SQLite write transaction at a time per process. apr_dbd's sqlite3
 * driver runs every statement under one mutex of the whole process
 * (apr_dbd_mutex_lock), and SQLite's busy timeout waits inside that
 * mutex. A thread waiting in BEGIN IMMEDIATE would then keep the thread
 * that holds the write lock from running its next statement until the
 * timeout expired. Waiting here instead, outside the driver, avoids that.
 * Writers in other processes still wait in SQLite's busy handler.
 */
static pthread_mutex_t sqlite_writer = PTHREAD_MUTEX_INITIALIZER;

struct mpcms_tx {
    mpcms_db_t *db;
    apr_dbd_transaction_t *transaction; /* NULL once ended */
    apr_pool_t *pool;
    int holds_writer; /* sqlite_writer is locked for this transaction */
};

/* Ends the transaction if it is open; returns the driver's status. */
static int finish(mpcms_tx_t *tx, int commit)
{
    apr_dbd_transaction_t *transaction = tx->transaction;
    int status = 0;

    if (transaction != NULL) {
        tx->transaction = NULL;
        if (!commit) {
            apr_dbd_transaction_mode_set(tx->db->driver, transaction,
                                         APR_DBD_TRANSACTION_ROLLBACK);
        }
        status = apr_dbd_transaction_end(tx->db->driver, tx->pool, transaction);
    }
    if (tx->holds_writer) {
        tx->holds_writer = 0;
        pthread_mutex_unlock(&sqlite_writer);
    }
    return status;
}

static apr_status_t roll_back_if_open(void *data)
{
    finish(data, 0);
    return APR_SUCCESS;
}

apr_status_t mpcms_tx_begin(mpcms_tx_t **tx, mpcms_store_t *store,
                            mpcms_error_t **error, apr_pool_t *pool)
{
    mpcms_tx_t *started;
    mpcms_db_t *db;
    apr_status_t rv;
    int status;

    *tx = NULL;
    rv = mpcms_store_db(&db, store, error);
    if (rv != APR_SUCCESS) {
        return rv;
    }

    started = apr_pcalloc(pool, sizeof(*started));
    started->db = db;
    started->pool = pool;
    if (strcmp(db->driver_name, "sqlite3") == 0) {
        pthread_mutex_lock(&sqlite_writer);
        started->holds_writer = 1;
    }
    status = apr_dbd_transaction_start(db->driver, pool, db->handle,
                                       &started->transaction);
    if (status != 0) {
        *error = mpcms_error_make(
            "BEGIN", 0, 0, pool, "starting a transaction failed: %s",
            apr_dbd_error(db->driver, db->handle, status));
        /* The sqlite3 driver marks the handle as in a transaction even
         * when BEGIN failed, so end it to free the handle. */
        finish(started, 0);
        return MPCMS_EUNAVAILABLE;
    }
    apr_pool_cleanup_register(pool, started, roll_back_if_open,
                              apr_pool_cleanup_null);
    *tx = started;
    return APR_SUCCESS;
}

mpcms_db_t *mpcms_tx_db(const mpcms_tx_t *tx)
{
    return tx->db;
}

apr_status_t mpcms_tx_commit(mpcms_tx_t *tx, mpcms_error_t **error)
{
    int status = finish(tx, 1);

    if (status != 0) {
        *error = mpcms_error_make(
            "COMMIT", 0, 0, tx->pool, "committing the transaction failed: %s",
            apr_dbd_error(tx->db->driver, tx->db->handle, status));
        return APR_EGENERAL;
    }
    return APR_SUCCESS;
}

void mpcms_tx_rollback(mpcms_tx_t *tx)
{
    if (tx != NULL) {
        finish(tx, 0);
    }
}
