/*
 * A demo database for tests of the admin core, on SQLite or on the
 * PostgreSQL test server (testdb.h): the migrations, sql/demo.sql, and a
 * store that hands out the one connection.
 */
#ifndef MPCMS_ADMIN_DB_H
#define MPCMS_ADMIN_DB_H

#include "store.h"
#include "testdb.h"

typedef struct admin_db {
    unit_db_t unit;
    mpcms_store_t store;
} admin_db_t;

/* Creates the demo database for driver ("sqlite3" or "pgsql"). */
void admin_db_open(admin_db_t *test_db, const char *driver);

/* Closes the connection and removes the SQLite file. */
void admin_db_close(admin_db_t *test_db);

/* Runs portable SQL text directly, failing the test when it fails. */
void admin_db_run(admin_db_t *test_db, const char *sql);

/* Returns the integer in the first column of the first row of a query. */
long admin_db_number(admin_db_t *test_db, const char *sql);

/* Returns the text of the first column of the first row, or NULL. */
const char *admin_db_text(admin_db_t *test_db, const char *sql);

#endif /* MPCMS_ADMIN_DB_H */
