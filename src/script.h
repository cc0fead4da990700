/*
 * Running files of SQL statements (migrations, the upgrade steps, demo
 * data) on an apr_dbd connection.
 *
 * apr_dbd runs one statement per call, while a migration contains many,
 * including trigger bodies and PL/pgSQL functions whose semicolons a
 * simple splitter would cut. So a script goes whole to the driver's own
 * multi-statement call: sqlite3_exec for SQLite, PQexec for PostgreSQL,
 * on the native handle of the same connection. Only mpcms-admin and the
 * tests link this file (with libsqlite3 and libpq); the module does not.
 */
#ifndef MPCMS_SCRIPT_H
#define MPCMS_SCRIPT_H

#include "error.h"
#include "store.h"

/*
 * Reads a whole file into *text (NUL-terminated, from pool). On failure
 * *error names the file.
 */
apr_status_t mpcms_script_read(const char **text, const char *path,
                               mpcms_error_t **error, apr_pool_t *pool);

/*
 * Runs every statement of sql in order and stops at the first failure,
 * with *error naming source (a file name for messages) and, where the
 * driver reports it, the line. Statements run in the connection's
 * current transaction, if any.
 */
apr_status_t mpcms_script_run(mpcms_db_t *db, const char *sql,
                              const char *source, mpcms_error_t **error,
                              apr_pool_t *pool);

/*
 * SQLite only: runs PRAGMA foreign_key_check and stores the number of
 * rows that break a foreign key in *violations. Always 0 on PostgreSQL,
 * which checks foreign keys on every statement.
 */
apr_status_t mpcms_script_foreign_key_check(int *violations, mpcms_db_t *db,
                                            mpcms_error_t **error,
                                            apr_pool_t *pool);

#endif /* MPCMS_SCRIPT_H */
