/*
 * Runs every Check suite of the core. Exits non-zero when a test fails or
 * when a CK_RUN_SUITE / CK_RUN_CASE filter matched no test, so that a typo
 * in a filter cannot pass as a green run.
 */
#include <apr_general.h>
#include <libxml/parser.h>
#include <stdio.h>
#include <stdlib.h>

#include "unit.h"

apr_pool_t *unit_pool;

void unit_setup(void)
{
    apr_pool_create(&unit_pool, NULL);
}

void unit_teardown(void)
{
    apr_pool_destroy(unit_pool);
    unit_pool = NULL;
}

int main(void)
{
    SRunner *runner;
    int failed;
    int run;

    apr_initialize();
    atexit(apr_terminate);
    /* libxml2 wants one initialization per process, before any thread. */
    xmlInitParser();

    runner = srunner_create(error_suite());
    srunner_add_suite(runner, html_suite());
    srunner_add_suite(runner, template_suite());
    srunner_add_suite(runner, route_suite());
    srunner_add_suite(runner, chain_suite());
    srunner_add_suite(runner, settings_suite());
    srunner_add_suite(runner, store_suite());
    srunner_add_suite(runner, statements_suite());
    srunner_add_suite(runner, cache_suite());
    srunner_add_suite(runner, canonical_suite());
    srunner_add_suite(runner, sanitize_suite());
    srunner_add_suite(runner, auth_suite());
    srunner_add_suite(runner, fields_suite());
    srunner_add_suite(runner, accounts_suite());
    srunner_add_suite(runner, admin_suite());
    srunner_add_suite(runner, timezone_suite());
    srunner_add_suite(runner, theme_suite());
    srunner_add_suite(runner, tiers_suite());
    srunner_add_suite(runner, dashboard_suite());
    srunner_add_suite(runner, dashboard_screens_suite());

    srunner_run_all(runner, CK_NORMAL);
    failed = srunner_ntests_failed(runner);
    run = srunner_ntests_run(runner);
    srunner_free(runner);

    if (run == 0) {
        fprintf(stderr, "no test matched CK_RUN_SUITE/CK_RUN_CASE\n");
        return EXIT_FAILURE;
    }
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
