/* Test databases on SQLite and PostgreSQL. */
#include <apr_dbd.h>
#include <apr_hash.h>
#include <apr_strings.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "migrate.h"
#include "script.h"
#include "testdb.h"
#include "unit.h"

int unit_pgsql_available(void)
{
    const char *params = getenv(UNIT_PGSQL_PARAMS);

    return params != NULL && *params != '\0';
}

/* Drops everything the previous test left in the PostgreSQL database. */
static void reset_pgsql(mpcms_db_t *db)
{
    mpcms_error_t *error = NULL;

    ck_assert_msg(mpcms_script_run(db,
                                   "DROP SCHEMA IF EXISTS mpcms_legacy CASCADE;"
                                   "DROP SCHEMA public CASCADE;"
                                   "CREATE SCHEMA public;",
                                   "reset", &error, unit_pool)
                      == APR_SUCCESS,
                  "%s", mpcms_error_format(error, unit_pool));
}

void unit_db_open(unit_db_t *test_db, const char *driver_name)
{
    const apr_dbd_driver_t *driver;
    const char *open_error = NULL;
    mpcms_error_t *error = NULL;
    const char *params;
    apr_dbd_t *handle;
    char path[] = "/tmp/mpcms-unit-XXXXXX";
    int fd;

    memset(test_db, 0, sizeof(*test_db));
    apr_dbd_init(unit_pool);
    ck_assert_int_eq(apr_dbd_get_driver(unit_pool, driver_name, &driver),
                     APR_SUCCESS);

    if (strcmp(driver_name, "sqlite3") == 0) {
        fd = mkstemp(path);
        ck_assert_int_ge(fd, 0);
        close(fd);
        test_db->sqlite_path = apr_pstrdup(unit_pool, path);
        params = test_db->sqlite_path;
    }
    else {
        ck_assert_msg(unit_pgsql_available(), "%s is not set",
                      UNIT_PGSQL_PARAMS);
        params = getenv(UNIT_PGSQL_PARAMS);
    }

    ck_assert_msg(
        apr_dbd_open_ex(driver, unit_pool, params, &handle, &open_error)
            == APR_SUCCESS,
        "cannot open %s database: %s", driver_name,
        open_error ? open_error : "no reason given");
    ck_assert_msg(mpcms_db_attach(&test_db->db, handle, driver,
                                  apr_hash_make(unit_pool), &error, unit_pool)
                      == APR_SUCCESS,
                  "%s", mpcms_error_format(error, unit_pool));
    if (test_db->sqlite_path == NULL) {
        reset_pgsql(&test_db->db);
    }
}

void unit_db_migrate(unit_db_t *test_db)
{
    const char *directory = mpcms_migration_directory(
        UNIT_SQL_DIR, test_db->db.driver_name, unit_pool);
    apr_array_header_t *migrations;
    mpcms_error_t *error = NULL;
    int i;

    ck_assert_msg(
        mpcms_migration_list(&migrations, directory, &error, unit_pool)
            == APR_SUCCESS,
        "%s", mpcms_error_format(error, unit_pool));
    for (i = 0; i < migrations->nelts; i++) {
        ck_assert_msg(mpcms_migration_apply(
                          &test_db->db,
                          &APR_ARRAY_IDX(migrations, i, mpcms_migration_t),
                          &error, unit_pool)
                          == APR_SUCCESS,
                      "%s", mpcms_error_format(error, unit_pool));
    }
}

void unit_db_load(unit_db_t *test_db, const char *path)
{
    mpcms_error_t *error = NULL;
    const char *sql;

    ck_assert_msg(mpcms_script_read(&sql, path, &error, unit_pool)
                      == APR_SUCCESS,
                  "%s", mpcms_error_format(error, unit_pool));
    ck_assert_msg(mpcms_script_run(&test_db->db, sql, path, &error, unit_pool)
                      == APR_SUCCESS,
                  "%s", mpcms_error_format(error, unit_pool));
}

void unit_db_close(unit_db_t *test_db)
{
    if (test_db->db.handle != NULL) {
        apr_dbd_close(test_db->db.driver, test_db->db.handle);
        test_db->db.handle = NULL;
    }
    if (test_db->sqlite_path != NULL) {
        remove(test_db->sqlite_path);
        remove(apr_pstrcat(unit_pool, test_db->sqlite_path, "-wal", NULL));
        remove(apr_pstrcat(unit_pool, test_db->sqlite_path, "-shm", NULL));
    }
}
