/*
 * Versioned migrations: files sql/{sqlite,pgsql}/migrations/NNNN_name.sql,
 * applied in order, each in one transaction together with its row in
 * schema_migrations. Migrations are forward-only; to go back, restore a
 * backup taken before migrating.
 */
#ifndef MPCMS_MIGRATE_H
#define MPCMS_MIGRATE_H

#include <apr_tables.h>

#include "error.h"
#include "store.h"

typedef struct mpcms_migration {
    int version;      /* NNNN of the file name */
    const char *name; /* the part after NNNN_, without .sql */
    const char *path;
} mpcms_migration_t;

/*
 * Returns the folder of a driver's migrations under sql_dir (the sql/
 * folder of the source tree or of an installation), or NULL for a driver
 * without migrations.
 */
const char *mpcms_migration_directory(const char *sql_dir,
                                      const char *driver_name,
                                      apr_pool_t *pool);

/*
 * Lists the migrations in directory into *migrations (mpcms_migration_t,
 * by version). A file whose name is not NNNN_name.sql, two files with one
 * number, or a gap in the numbers is an error: applying the rest would
 * leave a schema that no release has.
 */
apr_status_t mpcms_migration_list(apr_array_header_t **migrations,
                                  const char *directory, mpcms_error_t **error,
                                  apr_pool_t *pool);

/*
 * Starts the transaction of a migration. On SQLite, foreign keys are
 * turned off first, because a table rebuild would otherwise cascade
 * deletes; mpcms_migration_commit checks them before it commits.
 */
apr_status_t mpcms_migration_begin(mpcms_db_t *db, mpcms_error_t **error,
                                   apr_pool_t *pool);

/*
 * Records version and name in schema_migrations, checks foreign keys on
 * SQLite and commits. Rolls back and fails when a check fails.
 */
apr_status_t mpcms_migration_commit(mpcms_db_t *db, int version,
                                    const char *name, mpcms_error_t **error,
                                    apr_pool_t *pool);

/* Rolls the transaction back; SQLite gets its foreign keys back on. */
void mpcms_migration_rollback(mpcms_db_t *db, apr_pool_t *pool);

/*
 * Status of mpcms_migration_apply when another mpcms-admin run applied the
 * migration first.
 */
#define MPCMS_EAPPLIED (APR_OS_START_USERERR + 3)

/*
 * Takes the lock that serializes migration runs on a PostgreSQL database,
 * held until the connection closes. Sets *waited when another run held it
 * at first; does nothing on SQLite.
 */
apr_status_t mpcms_migration_lock(int *waited, mpcms_db_t *db,
                                  mpcms_error_t **error, apr_pool_t *pool);

/*
 * Runs one migration file in a transaction of its own and records it.
 * Returns MPCMS_EAPPLIED, with the database unchanged, when the version is
 * recorded already.
 */
apr_status_t mpcms_migration_apply(mpcms_db_t *db,
                                   const mpcms_migration_t *migration,
                                   mpcms_error_t **error, apr_pool_t *pool);

#endif /* MPCMS_MIGRATE_H */
