/*
 * A fresh demo database for tests of the admin core: a SQLite file made
 * by scripts/create-db.sh, one connection, and a store that hands it out.
 */
#ifndef MPCMS_ADMIN_DB_H
#define MPCMS_ADMIN_DB_H

#include <apr_dbd.h>

#include "store.h"

typedef struct admin_db {
    char path[64];
    const apr_dbd_driver_t *driver;
    apr_dbd_t *handle;
    mpcms_db_t db;
    mpcms_store_t store;
} admin_db_t;

/* Creates the database and connects; call after unit_setup. */
void admin_db_open(admin_db_t *test_db);

/* Closes the connection and deletes the files; call before unit_teardown. */
void admin_db_close(admin_db_t *test_db);

/* Runs SQL text directly, failing the test when it fails. */
void admin_db_run(admin_db_t *test_db, const char *sql);

/* Returns the integer in the first column of the first row of a query. */
long admin_db_number(admin_db_t *test_db, const char *sql);

/* Returns the text of the first column of the first row, or NULL. */
const char *admin_db_text(admin_db_t *test_db, const char *sql);

#endif /* MPCMS_ADMIN_DB_H */
