/* Merging of per-server settings: every field survives the merge. */
#include <apr_strings.h>

#include "settings.h"
#include "unit.h"

static mpcms_settings_t *
make_full_settings(const char *platform, const char *prefix, const char *domain)
{
    mpcms_settings_t *settings = mpcms_settings_make(unit_pool);
    mpcms_prefix_rule_t *prefix_rule;
    mpcms_domain_rule_t *domain_rule;

    settings->engine = 1;
    settings->explain = 1;
    settings->routing.prefixes =
        apr_array_make(unit_pool, 1, sizeof(mpcms_prefix_rule_t));
    prefix_rule = apr_array_push(settings->routing.prefixes);
    prefix_rule->prefix = prefix;
    prefix_rule->platform = platform;
    settings->routing.domains =
        apr_array_make(unit_pool, 1, sizeof(mpcms_domain_rule_t));
    domain_rule = apr_array_push(settings->routing.domains);
    domain_rule->domain = domain;
    domain_rule->platform = platform;
    settings->routing.default_platform = platform;
    settings->template_dir =
        apr_pstrcat(unit_pool, "/templates/", platform, NULL);
    settings->themes = apr_pcalloc(unit_pool, sizeof(mpcms_themes_t));
    settings->pass_through = apr_array_make(unit_pool, 1, sizeof(const char *));
    APR_ARRAY_PUSH(settings->pass_through, const char *) = prefix;
    settings->health_path = apr_pstrcat(unit_pool, prefix, "/health", NULL);
    settings->routing.admin_host =
        apr_pstrcat(unit_pool, "admin.", domain, NULL);
    settings->routing.admin_path =
        apr_pstrcat(unit_pool, prefix, "/admin", NULL);
    settings->routing.reserved_subdomains =
        apr_array_make(unit_pool, 1, sizeof(const char *));
    APR_ARRAY_PUSH(settings->routing.reserved_subdomains, const char *) =
        platform;
    settings->route_by_database = 1;
    settings->cache_ttl = apr_time_from_sec(30);
    settings->cache_entries = 500;
    return settings;
}

START_TEST(merge_keeps_base_when_unset)
{
    mpcms_settings_t *base = make_full_settings("oms", "/oms", "oms.lu");
    mpcms_settings_t *add = mpcms_settings_make(unit_pool);
    mpcms_settings_t *merged = mpcms_settings_merge(base, add, unit_pool);

    ck_assert_int_eq(merged->engine, 1);
    ck_assert_int_eq(merged->explain, 1);
    ck_assert_int_eq(merged->routing.prefixes->nelts, 1);
    ck_assert_int_eq(merged->routing.domains->nelts, 1);
    ck_assert_str_eq(merged->routing.default_platform, "oms");
    ck_assert_str_eq(merged->template_dir, "/templates/oms");
    ck_assert_ptr_eq(merged->themes, base->themes);
    ck_assert_ptr_eq(merged->pass_through, base->pass_through);
    ck_assert_str_eq(merged->health_path, "/oms/health");
}
END_TEST

START_TEST(merge_takes_add_when_set)
{
    mpcms_settings_t *base = make_full_settings("oms", "/oms", "oms.lu");
    mpcms_settings_t *add =
        make_full_settings("loyalty", "/loyalty", "loyalty.lu");
    mpcms_settings_t *merged;

    add->engine = 0;
    add->explain = 0;
    merged = mpcms_settings_merge(base, add, unit_pool);

    ck_assert_int_eq(merged->engine, 0);
    ck_assert_int_eq(merged->explain, 0);
    ck_assert_str_eq(merged->routing.default_platform, "loyalty");
    ck_assert_str_eq(merged->template_dir, "/templates/loyalty");
    ck_assert_ptr_eq(merged->themes, add->themes);
    ck_assert_ptr_eq(merged->pass_through, add->pass_through);
    ck_assert_str_eq(merged->health_path, "/loyalty/health");
}
END_TEST

START_TEST(health_path_off_and_unset)
{
    mpcms_settings_t *settings = mpcms_settings_make(unit_pool);

    ck_assert_ptr_null(mpcms_settings_health_path(settings));
    settings->health_path = "";
    ck_assert_ptr_null(mpcms_settings_health_path(settings));
    settings->health_path = "/-/health";
    ck_assert_str_eq(mpcms_settings_health_path(settings), "/-/health");
}
END_TEST

START_TEST(merge_puts_add_rules_first)
{
    mpcms_settings_t *base = make_full_settings("oms", "/oms", "oms.lu");
    mpcms_settings_t *add =
        make_full_settings("loyalty", "/loyalty", "loyalty.lu");
    mpcms_settings_t *merged = mpcms_settings_merge(base, add, unit_pool);
    const mpcms_prefix_rule_t *prefixes;
    const mpcms_domain_rule_t *domains;

    prefixes = (const mpcms_prefix_rule_t *)merged->routing.prefixes->elts;
    domains = (const mpcms_domain_rule_t *)merged->routing.domains->elts;
    ck_assert_int_eq(merged->routing.prefixes->nelts, 2);
    ck_assert_str_eq(prefixes[0].prefix, "/loyalty");
    ck_assert_str_eq(prefixes[1].prefix, "/oms");
    ck_assert_int_eq(merged->routing.domains->nelts, 2);
    ck_assert_str_eq(domains[0].domain, "loyalty.lu");
    ck_assert_str_eq(domains[1].domain, "oms.lu");
}
END_TEST

START_TEST(merge_of_unset_stays_unset)
{
    mpcms_settings_t *merged =
        mpcms_settings_merge(mpcms_settings_make(unit_pool),
                             mpcms_settings_make(unit_pool), unit_pool);

    ck_assert_int_eq(merged->engine, MPCMS_UNSET);
    ck_assert_int_eq(merged->explain, MPCMS_UNSET);
    ck_assert_ptr_null(merged->routing.prefixes);
    ck_assert_ptr_null(merged->routing.domains);
    ck_assert_ptr_null(merged->routing.default_platform);
    ck_assert_ptr_null(merged->template_dir);
    ck_assert_ptr_null(merged->themes);
    ck_assert_ptr_null(merged->pass_through);
    ck_assert_ptr_null(merged->health_path);
    ck_assert_int_eq(mpcms_settings_engine_on(merged), 0);
    ck_assert_int_eq(mpcms_settings_explain_on(merged), 0);
}
END_TEST

/*
 * Byte comparisons catch a field added to mpcms_settings_t but forgotten
 * in the merge: against an unset side, the merge must copy the set side
 * whole.
 */
START_TEST(merge_over_unset_copies_every_field)
{
    mpcms_settings_t *add =
        make_full_settings("loyalty", "/loyalty", "loyalty.lu");
    mpcms_settings_t *merged =
        mpcms_settings_merge(mpcms_settings_make(unit_pool), add, unit_pool);

    ck_assert_mem_eq(merged, add, sizeof(*merged));
}
END_TEST

START_TEST(merge_under_unset_copies_every_field)
{
    mpcms_settings_t *base = make_full_settings("oms", "/oms", "oms.lu");
    mpcms_settings_t *merged =
        mpcms_settings_merge(base, mpcms_settings_make(unit_pool), unit_pool);

    ck_assert_mem_eq(merged, base, sizeof(*merged));
}
END_TEST

START_TEST(finalize_sets_pass_through_default)
{
    mpcms_settings_t *settings = mpcms_settings_make(unit_pool);

    mpcms_settings_finalize(settings, unit_pool);

    ck_assert_int_eq(settings->pass_through->nelts, 2);
    ck_assert_str_eq(APR_ARRAY_IDX(settings->pass_through, 0, const char *),
                     "/shop");
    ck_assert_str_eq(APR_ARRAY_IDX(settings->pass_through, 1, const char *),
                     "/static");
}
END_TEST

START_TEST(finalize_keeps_configured_pass_through)
{
    mpcms_settings_t *settings = make_full_settings("oms", "/cart", "oms.lu");

    mpcms_settings_finalize(settings, unit_pool);

    ck_assert_int_eq(settings->pass_through->nelts, 1);
    ck_assert_str_eq(APR_ARRAY_IDX(settings->pass_through, 0, const char *),
                     "/cart");
}
END_TEST

Suite *settings_suite(void)
{
    Suite *suite = suite_create("settings");
    TCase *tc = tcase_create("merge");

    tcase_add_checked_fixture(tc, unit_setup, unit_teardown);
    tcase_add_test(tc, merge_keeps_base_when_unset);
    tcase_add_test(tc, merge_takes_add_when_set);
    tcase_add_test(tc, merge_puts_add_rules_first);
    tcase_add_test(tc, merge_of_unset_stays_unset);
    tcase_add_test(tc, merge_over_unset_copies_every_field);
    tcase_add_test(tc, merge_under_unset_copies_every_field);
    tcase_add_test(tc, finalize_sets_pass_through_default);
    tcase_add_test(tc, finalize_keeps_configured_pass_through);
    tcase_add_test(tc, health_path_off_and_unset);
    suite_add_tcase(suite, tc);
    return suite;
}
