/*
 * The schema version this build of mod_mpcms reads, and how to find the
 * version of a database.
 *
 * Each file sql/{sqlite,pgsql}/migrations/NNNN_name.sql moves the schema
 * to version NNNN, and mpcms-admin records it in schema_migrations. A unit
 * test checks that MPCMS_SCHEMA_VERSION equals the highest migration
 * number of both drivers.
 */
#ifndef MPCMS_SCHEMA_H
#define MPCMS_SCHEMA_H

#include "error.h"
#include "store.h"

#define MPCMS_SCHEMA_VERSION 5

/* What a database contains, as far as migrations are concerned. */
typedef enum {
    MPCMS_SCHEMA_EMPTY,     /* no table of mod_mpcms */
    MPCMS_SCHEMA_SINGLE,    /* the single-platform tables, no migrations */
    MPCMS_SCHEMA_VERSIONED, /* schema_migrations exists */
    MPCMS_SCHEMA_UNKNOWN    /* tables of mod_mpcms but no schema_migrations */
} mpcms_schema_kind_e;

/*
 * Reads what the database contains and, for a versioned database, the
 * highest applied migration into *version (0 otherwise).
 */
apr_status_t mpcms_schema_inspect(mpcms_schema_kind_e *kind, int *version,
                                  mpcms_db_t *db, mpcms_error_t **error,
                                  apr_pool_t *pool);

/*
 * Reads the schema version of the database into *found: 0 when it has no
 * schema_migrations table. Returns APR_SUCCESS when the version could be
 * read, whatever it is; compare it with MPCMS_SCHEMA_VERSION.
 */
apr_status_t mpcms_schema_version(int *found, mpcms_db_t *db,
                                  mpcms_error_t **error, apr_pool_t *pool);

/* Status of a database whose schema version is not MPCMS_SCHEMA_VERSION. */
#define MPCMS_ESCHEMA (APR_OS_START_USERERR + 2)

/*
 * Checks that the database's schema version equals MPCMS_SCHEMA_VERSION,
 * once per connection: a current result is kept in the connection's hash
 * until the store recovers the connection after a failure. Returns
 * MPCMS_ESCHEMA with the version in *found on a mismatch (checked again
 * on the next call, so a migration takes effect without a restart), or
 * the store's status when the version could not be read.
 */
apr_status_t mpcms_schema_check(int *found, mpcms_db_t *db,
                                mpcms_error_t **error, apr_pool_t *pool);

#endif /* MPCMS_SCHEMA_H */
