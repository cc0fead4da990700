/* Schema version of a database. */
#include <apr_hash.h>

#include "schema.h"

static apr_status_t table_exists(int *exists, mpcms_db_t *db, const char *table,
                                 mpcms_error_t **error, apr_pool_t *pool)
{
    const char *args[] = { table };
    mpcms_rows_t *rows;
    apr_status_t rv;

    *exists = 0;
    rv = mpcms_db_select(&rows, db, MPCMS_SQL_TABLE_EXISTS, args, error, pool);
    if (rv == APR_SUCCESS) {
        *exists = mpcms_rows_int(rows, 0, 0) > 0;
    }
    return rv;
}

apr_status_t mpcms_schema_version(int *found, mpcms_db_t *db,
                                  mpcms_error_t **error, apr_pool_t *pool)
{
    mpcms_rows_t *rows;
    apr_status_t rv;
    int exists;

    *found = 0;
    rv = table_exists(&exists, db, "schema_migrations", error, pool);
    if (rv != APR_SUCCESS || !exists) {
        return rv;
    }
    rv =
        mpcms_db_select(&rows, db, MPCMS_SQL_SCHEMA_VERSION, NULL, error, pool);
    if (rv == APR_SUCCESS) {
        *found = (int)mpcms_rows_int(rows, 0, 0);
    }
    return rv;
}

apr_status_t mpcms_schema_inspect(mpcms_schema_kind_e *kind, int *version,
                                  mpcms_db_t *db, mpcms_error_t **error,
                                  apr_pool_t *pool)
{
    apr_status_t rv;
    int migrations;
    int platforms;
    int pages;

    *kind = MPCMS_SCHEMA_EMPTY;
    *version = 0;
    if ((rv = table_exists(&migrations, db, "schema_migrations", error, pool))
            != APR_SUCCESS
        || (rv = table_exists(&platforms, db, "platforms", error, pool))
               != APR_SUCCESS
        || (rv = table_exists(&pages, db, "content_pages", error, pool))
               != APR_SUCCESS) {
        return rv;
    }

    if (migrations) {
        *kind = MPCMS_SCHEMA_VERSIONED;
        return mpcms_schema_version(version, db, error, pool);
    }
    if (platforms) {
        *kind = MPCMS_SCHEMA_UNKNOWN;
    }
    else if (pages) {
        *kind = MPCMS_SCHEMA_SINGLE;
    }
    return APR_SUCCESS;
}

apr_status_t mpcms_schema_check(int *found, mpcms_db_t *db,
                                mpcms_error_t **error, apr_pool_t *pool)
{
    apr_status_t rv;

    *found = MPCMS_SCHEMA_VERSION;
    if (apr_hash_get(db->prepared, MPCMS_DB_SCHEMA_CHECKED_KEY,
                     APR_HASH_KEY_STRING)
        != NULL) {
        return APR_SUCCESS;
    }

    rv = mpcms_schema_version(found, db, error, pool);
    if (rv != APR_SUCCESS) {
        return rv;
    }
    if (*found != MPCMS_SCHEMA_VERSION) {
        *error = mpcms_error_make(
            "schema_migrations", 0, 0, pool,
            "the database is at schema version %d, but this mod_mpcms needs "
            "version %d",
            *found, MPCMS_SCHEMA_VERSION);
        return MPCMS_ESCHEMA;
    }
    apr_hash_set(db->prepared, MPCMS_DB_SCHEMA_CHECKED_KEY, APR_HASH_KEY_STRING,
                 MPCMS_DB_SCHEMA_CHECKED_KEY);
    return APR_SUCCESS;
}
