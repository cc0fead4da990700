/* Demo databases for the admin core's tests. */
#include <apr_strings.h>
#include <stdlib.h>
#include <string.h>

#include "admin_db.h"
#include "unit.h"

static apr_status_t connect_test_db(mpcms_db_t *target, void *baton,
                                    mpcms_error_t **error)
{
    const admin_db_t *test_db = baton;

    *target = test_db->unit.db;
    return APR_SUCCESS;
}

void admin_db_open(admin_db_t *test_db, const char *driver)
{
    memset(test_db, 0, sizeof(*test_db));
    unit_db_open(&test_db->unit, driver);
    unit_db_migrate(&test_db->unit);
    unit_db_load(&test_db->unit, UNIT_SQL_DIR "/demo.sql");
    test_db->store.connect = connect_test_db;
    test_db->store.baton = test_db;
}

void admin_db_close(admin_db_t *test_db)
{
    unit_db_close(&test_db->unit);
}

void admin_db_run(admin_db_t *test_db, const char *sql)
{
    int affected;
    int status;

    status = apr_dbd_query(test_db->unit.db.driver, test_db->unit.db.handle,
                           &affected, sql);
    ck_assert_msg(status == 0, "%s: %s", sql,
                  apr_dbd_error(test_db->unit.db.driver,
                                test_db->unit.db.handle, status));
}

const char *admin_db_text(admin_db_t *test_db, const char *sql)
{
    apr_dbd_results_t *results = NULL;
    apr_dbd_row_t *row = NULL;
    const char *value = NULL;
    int status;

    status = apr_dbd_select(test_db->unit.db.driver, unit_pool,
                            test_db->unit.db.handle, &results, sql, 0);
    ck_assert_msg(status == 0, "%s: %s", sql,
                  apr_dbd_error(test_db->unit.db.driver,
                                test_db->unit.db.handle, status));
    if (apr_dbd_get_row(test_db->unit.db.driver, unit_pool, results, &row, -1)
        == 0) {
        value = apr_pstrdup(unit_pool,
                            apr_dbd_get_entry(test_db->unit.db.driver, row, 0));
        while (apr_dbd_get_row(test_db->unit.db.driver, unit_pool, results,
                               &row, -1)
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
