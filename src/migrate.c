/* Versioned migrations in one transaction each. */
#include <apr_file_info.h>
#include <apr_lib.h>
#include <apr_strings.h>
#include <stdlib.h>
#include <string.h>

#include "migrate.h"
#include "schema.h"
#include "script.h"

const char *mpcms_migration_directory(const char *sql_dir,
                                      const char *driver_name, apr_pool_t *pool)
{
    if (strcmp(driver_name, "sqlite3") == 0) {
        return apr_pstrcat(pool, sql_dir, "/sqlite/migrations", NULL);
    }
    if (strcmp(driver_name, "pgsql") == 0) {
        return apr_pstrcat(pool, sql_dir, "/pgsql/migrations", NULL);
    }
    return NULL;
}

/* Parses "NNNN_name.sql"; returns 0 when the name has another form. */
static int parse_file_name(mpcms_migration_t *migration, const char *file,
                           apr_pool_t *pool)
{
    apr_size_t length = strlen(file);
    const char *name = file + 5;
    apr_size_t name_length;
    int i;

    if (length < 10 || file[4] != '_' || strcmp(file + length - 4, ".sql")) {
        return 0;
    }
    for (i = 0; i < 4; i++) {
        if (!apr_isdigit(file[i])) {
            return 0;
        }
    }
    name_length = length - 9;
    for (i = 0; i < (int)name_length; i++) {
        if (!apr_islower(name[i]) && !apr_isdigit(name[i]) && name[i] != '_') {
            return 0;
        }
    }
    migration->version = atoi(apr_pstrndup(pool, file, 4));
    migration->name = apr_pstrndup(pool, name, name_length);
    return migration->version > 0;
}

static int compare_versions(const void *a, const void *b)
{
    return ((const mpcms_migration_t *)a)->version
           - ((const mpcms_migration_t *)b)->version;
}

apr_status_t mpcms_migration_list(apr_array_header_t **migrations,
                                  const char *directory, mpcms_error_t **error,
                                  apr_pool_t *pool)
{
    apr_array_header_t *found =
        apr_array_make(pool, 8, sizeof(mpcms_migration_t));
    mpcms_migration_t *list;
    apr_finfo_t entry;
    apr_dir_t *dir;
    apr_status_t rv;
    char reason[256];
    int i;

    *migrations = NULL;
    rv = apr_dir_open(&dir, directory, pool);
    if (rv != APR_SUCCESS) {
        *error = mpcms_error_make(directory, 0, 0, pool,
                                  "cannot open migration folder: %s",
                                  apr_strerror(rv, reason, sizeof(reason)));
        return rv;
    }
    while (apr_dir_read(&entry, APR_FINFO_NAME | APR_FINFO_TYPE, dir)
           == APR_SUCCESS) {
        mpcms_migration_t migration;

        if (entry.filetype != APR_REG) {
            continue;
        }
        if (!parse_file_name(&migration, entry.name, pool)) {
            apr_dir_close(dir);
            *error = mpcms_error_make(
                apr_pstrcat(pool, directory, "/", entry.name, NULL), 0, 0, pool,
                "invalid migration file name: expected NNNN_name.sql with a "
                "number from 0001 and a name of [a-z0-9_]");
            return APR_EINVAL;
        }
        migration.path = apr_pstrcat(pool, directory, "/", entry.name, NULL);
        APR_ARRAY_PUSH(found, mpcms_migration_t) = migration;
    }
    apr_dir_close(dir);

    qsort(found->elts, (size_t)found->nelts, sizeof(mpcms_migration_t),
          compare_versions);
    list = (mpcms_migration_t *)found->elts;
    for (i = 0; i < found->nelts; i++) {
        if (list[i].version != i + 1) {
            *error = mpcms_error_make(
                list[i].path, 0, 0, pool,
                "migration numbers must run 0001, 0002, ... without gaps or "
                "repeats, but this file has number %d where %d was expected",
                list[i].version, i + 1);
            return APR_EINVAL;
        }
    }
    *migrations = found;
    return APR_SUCCESS;
}

static int is_sqlite(const mpcms_db_t *db)
{
    return strcmp(db->driver_name, "sqlite3") == 0;
}

apr_status_t mpcms_migration_begin(mpcms_db_t *db, mpcms_error_t **error,
                                   apr_pool_t *pool)
{
    /*
     * PRAGMA foreign_keys is a no-op inside a transaction, so it comes
     * first. BEGIN IMMEDIATE takes the write lock at once, so that a
     * second mpcms-admin waits instead of failing halfway.
     */
    if (is_sqlite(db)) {
        return mpcms_script_run(db,
                                "PRAGMA foreign_keys = OFF; BEGIN IMMEDIATE",
                                "begin migration", error, pool);
    }
    return mpcms_script_run(db, "BEGIN", "begin migration", error, pool);
}

void mpcms_migration_rollback(mpcms_db_t *db, apr_pool_t *pool)
{
    mpcms_error_t *ignored;

    mpcms_script_run(db, "ROLLBACK", "rollback", &ignored, pool);
    if (is_sqlite(db)) {
        mpcms_script_run(db, "PRAGMA foreign_keys = ON", "rollback", &ignored,
                         pool);
    }
}

apr_status_t mpcms_migration_commit(mpcms_db_t *db, int version,
                                    const char *name, mpcms_error_t **error,
                                    apr_pool_t *pool)
{
    const char *args[] = { apr_itoa(pool, version), name };
    apr_status_t rv;
    int violations;
    int affected;

    rv = mpcms_db_execute(&affected, db, MPCMS_SQL_MIGRATION_RECORD, args,
                          error, pool);
    if (rv == APR_SUCCESS) {
        rv = mpcms_script_foreign_key_check(&violations, db, error, pool);
    }
    if (rv == APR_SUCCESS && violations > 0) {
        *error = mpcms_error_make("PRAGMA foreign_key_check", 0, 0, pool,
                                  "%d rows would break a foreign key after "
                                  "migration %04d",
                                  violations, version);
        rv = APR_EGENERAL;
    }
    if (rv == APR_SUCCESS) {
        rv = mpcms_script_run(db, "COMMIT", "commit migration", error, pool);
    }
    if (rv != APR_SUCCESS) {
        mpcms_migration_rollback(db, pool);
        return rv;
    }
    if (is_sqlite(db)) {
        rv = mpcms_script_run(db, "PRAGMA foreign_keys = ON", "after migration",
                              error, pool);
    }
    return rv;
}

apr_status_t mpcms_migration_lock(int *waited, mpcms_db_t *db,
                                  mpcms_error_t **error, apr_pool_t *pool)
{
    mpcms_rows_t *rows;
    apr_status_t rv;

    *waited = 0;
    rv = mpcms_db_select(&rows, db, MPCMS_SQL_MIGRATION_TRY_LOCK, NULL, error,
                         pool);
    if (rv != APR_SUCCESS || mpcms_rows_bool(rows, 0, 0)) {
        return rv;
    }
    *waited = 1;
    return mpcms_db_select(&rows, db, MPCMS_SQL_MIGRATION_LOCK, NULL, error,
                           pool);
}

apr_status_t mpcms_migration_apply(mpcms_db_t *db,
                                   const mpcms_migration_t *migration,
                                   mpcms_error_t **error, apr_pool_t *pool)
{
    const char *sql;
    apr_status_t rv;
    int current;

    rv = mpcms_script_read(&sql, migration->path, error, pool);
    if (rv != APR_SUCCESS) {
        return rv;
    }
    rv = mpcms_migration_begin(db, error, pool);
    if (rv != APR_SUCCESS) {
        return rv;
    }
    rv = mpcms_schema_version(&current, db, error, pool);
    if (rv == APR_SUCCESS && current >= migration->version) {
        rv = MPCMS_EAPPLIED;
    }
    if (rv == APR_SUCCESS) {
        rv = mpcms_script_run(db, sql, migration->path, error, pool);
    }
    if (rv != APR_SUCCESS) {
        mpcms_migration_rollback(db, pool);
        return rv;
    }
    return mpcms_migration_commit(db, migration->version, migration->name,
                                  error, pool);
}
