/*
 * Test databases for the unit tests: a SQLite file in /tmp, or the
 * PostgreSQL database named by MPCMS_TEST_PGSQL (DBDParams form), emptied
 * for each test. `make test` starts that server through
 * scripts/with-test-pgsql.sh.
 */
#ifndef MPCMS_UNIT_TESTDB_H
#define MPCMS_UNIT_TESTDB_H

#include "store.h"

/* Paths as seen from tests/unit, where the runner starts. */
#define UNIT_SQL_DIR      "../../sql"
#define UNIT_LEGACY_DIR   "../fixtures/legacy"
#define UNIT_PGSQL_PARAMS "MPCMS_TEST_PGSQL"

typedef struct unit_db {
    mpcms_db_t db;
    const char *sqlite_path; /* NULL on PostgreSQL */
} unit_db_t;

/* Returns 1 when MPCMS_TEST_PGSQL names a PostgreSQL test database. */
int unit_pgsql_available(void);

/*
 * Opens an empty database for driver "sqlite3" or "pgsql" on unit_pool,
 * failing the test when that is not possible.
 */
void unit_db_open(unit_db_t *test_db, const char *driver);

/* Applies every migration of the driver (the fresh-install path). */
void unit_db_migrate(unit_db_t *test_db);

/* Runs a SQL file, such as sql/demo.sql, failing the test on an error. */
void unit_db_load(unit_db_t *test_db, const char *path);

/* Closes the connection and removes the SQLite file. */
void unit_db_close(unit_db_t *test_db);

#endif /* MPCMS_UNIT_TESTDB_H */
