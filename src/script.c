/* SQL scripts through the drivers' native multi-statement calls. */
#include <apr_file_io.h>
#include <apr_strings.h>
#include <libpq-fe.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "script.h"

apr_status_t mpcms_script_read(const char **text, const char *path,
                               mpcms_error_t **error, apr_pool_t *pool)
{
    apr_file_t *file;
    apr_finfo_t info;
    apr_size_t length;
    apr_status_t rv;
    char *buffer;
    char reason[256];

    *text = NULL;
    rv = apr_file_open(&file, path, APR_FOPEN_READ | APR_FOPEN_BINARY,
                       APR_FPROT_OS_DEFAULT, pool);
    if (rv == APR_SUCCESS) {
        rv = apr_file_info_get(&info, APR_FINFO_SIZE, file);
    }
    if (rv == APR_SUCCESS) {
        length = (apr_size_t)info.size;
        buffer = apr_palloc(pool, length + 1);
        rv = apr_file_read_full(file, buffer, length, NULL);
        buffer[length] = '\0';
        *text = buffer;
    }
    if (rv != APR_SUCCESS) {
        *error = mpcms_error_make(path, 0, 0, pool, "cannot read file: %s",
                                  apr_strerror(rv, reason, sizeof(reason)));
        return rv;
    }
    return APR_SUCCESS;
}

/* Returns the 1-based line of a 1-based character position in sql. */
static int line_of_position(const char *sql, long position)
{
    int line = 1;
    long i;

    for (i = 0; i < position - 1 && sql[i] != '\0'; i++) {
        if (sql[i] == '\n') {
            line++;
        }
    }
    return line;
}

static apr_status_t run_sqlite(sqlite3 *connection, const char *sql,
                               const char *source, mpcms_error_t **error,
                               apr_pool_t *pool)
{
    char *message = NULL;

    if (sqlite3_exec(connection, sql, NULL, NULL, &message) == SQLITE_OK) {
        return APR_SUCCESS;
    }
    *error = mpcms_error_make(source, 0, 0, pool, "%s",
                              message ? message : sqlite3_errmsg(connection));
    sqlite3_free(message);
    return APR_EGENERAL;
}

static apr_status_t run_pgsql(PGconn *connection, const char *sql,
                              const char *source, mpcms_error_t **error,
                              apr_pool_t *pool)
{
    PGresult *result = PQexec(connection, sql);
    ExecStatusType status = PQresultStatus(result);
    const char *position;
    const char *message;
    int line = 0;

    if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK
        || status == PGRES_EMPTY_QUERY) {
        PQclear(result);
        return APR_SUCCESS;
    }

    /* The position counts characters in the whole script. */
    position = PQresultErrorField(result, PG_DIAG_STATEMENT_POSITION);
    if (position != NULL) {
        line = line_of_position(sql, atol(position));
    }
    message = PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY);
    *error = mpcms_error_make(source, line, 0, pool, "%s",
                              message ? message : PQerrorMessage(connection));
    PQclear(result);
    return APR_EGENERAL;
}

apr_status_t mpcms_script_run(mpcms_db_t *db, const char *sql,
                              const char *source, mpcms_error_t **error,
                              apr_pool_t *pool)
{
    void *native = apr_dbd_native_handle(db->driver, db->handle);

    if (strcmp(db->driver_name, "sqlite3") == 0) {
        return run_sqlite(native, sql, source, error, pool);
    }
    if (strcmp(db->driver_name, "pgsql") == 0) {
        return run_pgsql(native, sql, source, error, pool);
    }
    *error = mpcms_error_make(source, 0, 0, pool,
                              "driver %s is not supported; use sqlite3 or "
                              "pgsql",
                              db->driver_name);
    return APR_ENOTIMPL;
}

static int count_row(void *counter, int columns, char **values, char **names)
{
    (*(int *)counter)++;
    return 0;
}

apr_status_t mpcms_script_foreign_key_check(int *violations, mpcms_db_t *db,
                                            mpcms_error_t **error,
                                            apr_pool_t *pool)
{
    char *message = NULL;
    sqlite3 *connection;

    *violations = 0;
    if (strcmp(db->driver_name, "sqlite3") != 0) {
        return APR_SUCCESS;
    }
    connection = apr_dbd_native_handle(db->driver, db->handle);
    if (sqlite3_exec(connection, "PRAGMA foreign_key_check", count_row,
                     violations, &message)
        != SQLITE_OK) {
        *error = mpcms_error_make("PRAGMA foreign_key_check", 0, 0, pool,
                                  "failed: %s", message);
        sqlite3_free(message);
        return APR_EGENERAL;
    }
    return APR_SUCCESS;
}
