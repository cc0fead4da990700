/*
 * Tier limits and upgrade prompts, on the four tiers of the demo data:
 * essential 3 pages and no custom page, professional 10 and 5 with
 * custom pages and SEO, business 30 and 20 with templates too, and
 * enterprise without limits and with scheduling.
 */
#include <string.h>

#include "tiers.h"
#include "unit.h"

#define BASIC      MPCMS_FEATURE_BASIC
#define CUSTOM     MPCMS_FEATURE_CUSTOM_PAGES
#define SEO        MPCMS_FEATURE_SEO
#define TEMPLATES  MPCMS_FEATURE_TEMPLATES
#define UNLIMITED  MPCMS_FEATURE_UNLIMITED_PAGES
#define SCHEDULING MPCMS_FEATURE_SCHEDULING
#define NO_LIMIT   MPCMS_UNLIMITED

/* Listed out of order, so that the upgrade search cannot rely on it. */
static const mpcms_tier_t demo_tiers[] = {
    { 4, "enterprise", "Enterprise", 4, NO_LIMIT, NO_LIMIT,
      BASIC | CUSTOM | SEO | TEMPLATES | UNLIMITED | SCHEDULING },
    { 2, "professional", "Professional", 2, 10, 5, BASIC | CUSTOM | SEO },
    { 1, "essential", "Essential", 1, 3, 0, BASIC },
    { 3, "business", "Business", 3, 30, 20, BASIC | CUSTOM | SEO | TEMPLATES },
};

#define TIER_COUNT ((int)(sizeof(demo_tiers) / sizeof(demo_tiers[0])))

static const mpcms_tier_t *tier_named(const char *code)
{
    int i;

    if (code == NULL) {
        return NULL;
    }
    for (i = 0; i < TIER_COUNT; i++) {
        if (strcmp(demo_tiers[i].code, code) == 0) {
            return &demo_tiers[i];
        }
    }
    ck_abort_msg("no tier %s", code);
    return NULL;
}

static const struct {
    const char *tier; /* NULL: the membership has no tier */
    int pages;
    int custom_pages;
    mpcms_page_action_e action;
    mpcms_limit_e limit;
    const char *upgrade; /* NULL: none */
} check_cases[] = {
    /* Essential: 3 pages, no custom page. */
    { "essential", 0, 0, MPCMS_ACTION_OVERRIDE, MPCMS_LIMIT_NONE, NULL },
    { "essential", 2, 0, MPCMS_ACTION_OVERRIDE, MPCMS_LIMIT_NONE, NULL },
    { "essential", 3, 0, MPCMS_ACTION_OVERRIDE, MPCMS_LIMIT_PAGES,
      "professional" },
    { "essential", 0, 0, MPCMS_ACTION_CREATE_CUSTOM, MPCMS_LIMIT_FEATURE,
      "professional" },
    { "essential", 3, 0, MPCMS_ACTION_CREATE_CUSTOM, MPCMS_LIMIT_FEATURE,
      "professional" },
    /* Professional: 10 and 5. */
    { "professional", 9, 4, MPCMS_ACTION_CREATE_CUSTOM, MPCMS_LIMIT_NONE,
      NULL },
    { "professional", 10, 0, MPCMS_ACTION_OVERRIDE, MPCMS_LIMIT_PAGES,
      "business" },
    { "professional", 9, 5, MPCMS_ACTION_CREATE_CUSTOM,
      MPCMS_LIMIT_CUSTOM_PAGES, "business" },
    { "professional", 9, 5, MPCMS_ACTION_OVERRIDE, MPCMS_LIMIT_NONE, NULL },
    /* Business: 30 and 20. */
    { "business", 30, 20, MPCMS_ACTION_CREATE_CUSTOM, MPCMS_LIMIT_PAGES,
      "enterprise" },
    { "business", 29, 20, MPCMS_ACTION_CREATE_CUSTOM, MPCMS_LIMIT_CUSTOM_PAGES,
      "enterprise" },
    { "business", 29, 19, MPCMS_ACTION_CREATE_CUSTOM, MPCMS_LIMIT_NONE, NULL },
    /* Enterprise: no limit. */
    { "enterprise", 5000, 4000, MPCMS_ACTION_CREATE_CUSTOM, MPCMS_LIMIT_NONE,
      NULL },
    /* Above the limits after a downgrade. */
    { "essential", 5, 2, MPCMS_ACTION_OVERRIDE, MPCMS_LIMIT_PAGES,
      "professional" },
    { "essential", 12, 6, MPCMS_ACTION_CREATE_CUSTOM, MPCMS_LIMIT_FEATURE,
      "business" },
    { "professional", 12, 3, MPCMS_ACTION_OVERRIDE, MPCMS_LIMIT_PAGES,
      "business" },
    { "professional", 8, 7, MPCMS_ACTION_CREATE_CUSTOM,
      MPCMS_LIMIT_CUSTOM_PAGES, "business" },
    { "professional", 40, 25, MPCMS_ACTION_OVERRIDE, MPCMS_LIMIT_PAGES,
      "enterprise" },
    /* No tier at all: every tier is an upgrade. */
    { NULL, 0, 0, MPCMS_ACTION_OVERRIDE, MPCMS_LIMIT_NO_TIER, "essential" },
    { NULL, 0, 0, MPCMS_ACTION_CREATE_CUSTOM, MPCMS_LIMIT_NO_TIER,
      "professional" },
    { NULL, 4, 0, MPCMS_ACTION_OVERRIDE, MPCMS_LIMIT_NO_TIER, "professional" },
};

START_TEST(tiers_check_by_table)
{
    mpcms_usage_t usage = { check_cases[_i].pages,
                            check_cases[_i].custom_pages };
    mpcms_limit_check_t check;

    mpcms_tiers_check(&check, tier_named(check_cases[_i].tier), &usage,
                      check_cases[_i].action, demo_tiers, TIER_COUNT);

    ck_assert_int_eq(check.limit, check_cases[_i].limit);
    if (check_cases[_i].upgrade == NULL) {
        ck_assert_ptr_null(check.upgrade);
    }
    else {
        ck_assert_ptr_nonnull(check.upgrade);
        ck_assert_str_eq(check.upgrade->code, check_cases[_i].upgrade);
    }
}
END_TEST

START_TEST(top_tier_has_no_upgrade)
{
    static const mpcms_tier_t capped[] = {
        { 1, "small", "Small", 1, 3, 0, BASIC },
        { 2, "large", "Large", 2, 10, 5, BASIC | CUSTOM },
    };
    mpcms_usage_t usage = { 10, 1 };
    mpcms_limit_check_t check;

    mpcms_tiers_check(&check, &capped[1], &usage, MPCMS_ACTION_OVERRIDE, capped,
                      2);

    ck_assert_int_eq(check.limit, MPCMS_LIMIT_PAGES);
    ck_assert_ptr_null(check.upgrade);
}
END_TEST

START_TEST(lower_tier_is_no_upgrade)
{
    /* A tier below the current one with room left is not offered. */
    static const mpcms_tier_t odd[] = {
        { 1, "roomy", "Roomy", 1, 50, 50, BASIC | CUSTOM },
        { 2, "tight", "Tight", 2, 2, 2, BASIC | CUSTOM },
    };
    mpcms_usage_t usage = { 2, 0 };
    mpcms_limit_check_t check;

    mpcms_tiers_check(&check, &odd[1], &usage, MPCMS_ACTION_OVERRIDE, odd, 2);

    ck_assert_int_eq(check.limit, MPCMS_LIMIT_PAGES);
    ck_assert_ptr_null(check.upgrade);
}
END_TEST

START_TEST(unlimited_feature_lifts_limits)
{
    mpcms_tier_t tier = {
        9, "custom", "Custom", 5, 3, 1, BASIC | CUSTOM | UNLIMITED
    };
    mpcms_usage_t usage = { 100, 50 };

    ck_assert_int_eq(mpcms_tier_pages_limit(&tier), MPCMS_UNLIMITED);
    ck_assert_int_eq(mpcms_tier_custom_pages_limit(&tier), MPCMS_UNLIMITED);
    ck_assert_int_eq(
        mpcms_tiers_blocking(&tier, &usage, MPCMS_ACTION_CREATE_CUSTOM),
        MPCMS_LIMIT_NONE);
}
END_TEST

START_TEST(zero_limit_blocks_everything)
{
    mpcms_tier_t tier = { 9, "frozen", "Frozen", 1, 0, 0, BASIC | CUSTOM };
    mpcms_usage_t usage = { 0, 0 };

    ck_assert_int_eq(mpcms_tiers_blocking(&tier, &usage, MPCMS_ACTION_OVERRIDE),
                     MPCMS_LIMIT_PAGES);
}
END_TEST

START_TEST(feature_upgrade_finds_lowest)
{
    ck_assert_str_eq(mpcms_tiers_feature_upgrade(tier_named("essential"), SEO,
                                                 demo_tiers, TIER_COUNT)
                         ->code,
                     "professional");
    ck_assert_str_eq(mpcms_tiers_feature_upgrade(tier_named("essential"),
                                                 TEMPLATES, demo_tiers,
                                                 TIER_COUNT)
                         ->code,
                     "business");
    ck_assert_str_eq(mpcms_tiers_feature_upgrade(tier_named("business"),
                                                 SCHEDULING, demo_tiers,
                                                 TIER_COUNT)
                         ->code,
                     "enterprise");
    ck_assert_str_eq(
        mpcms_tiers_feature_upgrade(NULL, BASIC, demo_tiers, TIER_COUNT)->code,
        "essential");
    ck_assert_ptr_null(mpcms_tiers_feature_upgrade(
        tier_named("enterprise"), SCHEDULING, demo_tiers, TIER_COUNT));
}
END_TEST

START_TEST(feature_names_round_trip)
{
    static const char *const names[] = {
        "cms_basic",     "cms_custom_pages",    "cms_seo",
        "cms_templates", "cms_unlimited_pages", "cms_scheduling",
    };
    size_t i;

    for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
        unsigned flag = mpcms_feature_from_name(names[i]);

        ck_assert_uint_ne(flag, 0);
        ck_assert_str_eq(mpcms_feature_name(flag), names[i]);
    }
    ck_assert_uint_eq(mpcms_feature_from_name("cms_everything"), 0);
    ck_assert_uint_eq(mpcms_feature_from_name(NULL), 0);
    ck_assert_ptr_null(mpcms_feature_name(CUSTOM | SEO));
}
END_TEST

START_TEST(describe_usage)
{
    ck_assert_str_eq(mpcms_tiers_describe(4, 10, "pages", unit_pool),
                     "4 of 10 pages used");
    ck_assert_str_eq(mpcms_tiers_describe(1, 5, "custom pages", unit_pool),
                     "1 of 5 custom pages used");
    ck_assert_str_eq(mpcms_tiers_describe(12, 10, "pages", unit_pool),
                     "12 of 10 pages used");
    ck_assert_str_eq(
        mpcms_tiers_describe(4, MPCMS_UNLIMITED, "pages", unit_pool),
        "4 pages used, no limit");
}
END_TEST

#define COUNT(table) ((int)(sizeof(table) / sizeof(table[0])))

Suite *tiers_suite(void)
{
    Suite *suite = suite_create("tiers");
    TCase *tiers = tcase_create("tiers");

    tcase_add_checked_fixture(tiers, unit_setup, unit_teardown);
    tcase_add_loop_test(tiers, tiers_check_by_table, 0, COUNT(check_cases));
    tcase_add_test(tiers, top_tier_has_no_upgrade);
    tcase_add_test(tiers, lower_tier_is_no_upgrade);
    tcase_add_test(tiers, unlimited_feature_lifts_limits);
    tcase_add_test(tiers, zero_limit_blocks_everything);
    tcase_add_test(tiers, feature_upgrade_finds_lowest);
    tcase_add_test(tiers, feature_names_round_trip);
    tcase_add_test(tiers, describe_usage);
    suite_add_tcase(suite, tiers);
    return suite;
}
