/* Demo databases for the admin core's tests. */
#include <apr_strings.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "admin_db.h"
#include "unit.h"

/* The runner starts in tests/unit. */
#define CREATE_DB "../../scripts/create-db.sh"

static apr_status_t connect_test_db(mpcms_db_t *target, void *baton,
                                    mpcms_error_t **error)
{
    const admin_db_t *test_db = baton;

    *target = test_db->db;
    return APR_SUCCESS;
}

void admin_db_open(admin_db_t *test_db)
{
    char command[256];
    mpcms_error_t *error = NULL;
    int fd;

    memset(test_db, 0, sizeof(*test_db));
    strcpy(test_db->path, "/tmp/mpcms-admin-unit-XXXXXX");
    fd = mkstemp(test_db->path);
    ck_assert_int_ge(fd, 0);
    close(fd);
    remove(test_db->path);

    snprintf(command, sizeof(command), "%s %s 2>/dev/null", CREATE_DB,
             test_db->path);
    ck_assert_int_eq(system(command), 0);

    apr_dbd_init(unit_pool);
    ck_assert_int_eq(apr_dbd_get_driver(unit_pool, "sqlite3", &test_db->driver),
                     APR_SUCCESS);
    ck_assert_int_eq(apr_dbd_open(test_db->driver, unit_pool, test_db->path,
                                  &test_db->handle),
                     APR_SUCCESS);
    ck_assert_int_eq(mpcms_db_attach(&test_db->db, test_db->handle,
                                     test_db->driver, apr_hash_make(unit_pool),
                                     &error, unit_pool),
                     APR_SUCCESS);
    test_db->store.connect = connect_test_db;
    test_db->store.baton = test_db;
}

void admin_db_close(admin_db_t *test_db)
{
    apr_dbd_close(test_db->driver, test_db->handle);
    remove(test_db->path);
    remove(apr_pstrcat(unit_pool, test_db->path, "-wal", NULL));
    remove(apr_pstrcat(unit_pool, test_db->path, "-shm", NULL));
}

void admin_db_run(admin_db_t *test_db, const char *sql)
{
    int affected;
    int status;

    status = apr_dbd_query(test_db->driver, test_db->handle, &affected, sql);
    ck_assert_msg(status == 0, "%s: %s", sql,
                  apr_dbd_error(test_db->driver, test_db->handle, status));
}

const char *admin_db_text(admin_db_t *test_db, const char *sql)
{
    apr_dbd_results_t *results = NULL;
    apr_dbd_row_t *row = NULL;
    const char *value = NULL;
    int status;

    status = apr_dbd_select(test_db->driver, unit_pool, test_db->handle,
                            &results, sql, 0);
    ck_assert_msg(status == 0, "%s: %s", sql,
                  apr_dbd_error(test_db->driver, test_db->handle, status));
    if (apr_dbd_get_row(test_db->driver, unit_pool, results, &row, -1) == 0) {
        value =
            apr_pstrdup(unit_pool, apr_dbd_get_entry(test_db->driver, row, 0));
        while (apr_dbd_get_row(test_db->driver, unit_pool, results, &row, -1)
               == 0) {
        }
    }
    return value;
}

long admin_db_number(admin_db_t *test_db, const char *sql)
{
    const char *value = admin_db_text(test_db, sql);

    ck_assert_msg(value != NULL, "%s returned no row", sql);
    return atol(value);
}
