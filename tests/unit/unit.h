/*
 * Check suites of the mod_mpcms core. Each test file defines one suite
 * constructor; main.c runs them all.
 */
#ifndef MPCMS_UNIT_H
#define MPCMS_UNIT_H

#include <apr_pools.h>
#include <check.h>

Suite *accounts_suite(void);
Suite *admin_suite(void);
Suite *auth_suite(void);
Suite *cache_suite(void);
Suite *canonical_suite(void);
Suite *chain_suite(void);
Suite *dashboard_suite(void);
Suite *dashboard_screens_suite(void);
Suite *error_suite(void);
Suite *fields_suite(void);
Suite *html_suite(void);
Suite *tiers_suite(void);
Suite *route_suite(void);
Suite *sanitize_suite(void);
Suite *settings_suite(void);
Suite *statements_suite(void);
Suite *store_suite(void);
Suite *template_suite(void);
Suite *theme_suite(void);
Suite *timezone_suite(void);

/*
 * Pool for the test that is running. Created by unit_setup and destroyed by
 * unit_teardown, which every suite installs as a checked fixture.
 */
extern apr_pool_t *unit_pool;
void unit_setup(void);
void unit_teardown(void);

#endif /* MPCMS_UNIT_H */
