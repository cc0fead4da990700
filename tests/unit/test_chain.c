/* The fallback chain on rows already read. */
#include <string.h>

#include "chain.h"
#include "unit.h"

/* Kinds of rows in a candidate set. */
enum {
    VENDOR,
    DEFAULT,
    PLATFORM
};

static apr_array_header_t *pages;

static mpcms_page_t *add_page(int kind, const char *slug, int published)
{
    mpcms_page_t *page = apr_array_push(pages);

    memset(page, 0, sizeof(*page));
    page->id = pages->nelts;
    page->version = 1;
    page->slug = slug;
    page->title = slug;
    page->is_vendor_page = kind == VENDOR;
    page->is_platform_page = kind == PLATFORM;
    page->is_published = published;
    page->show_in_nav = 1;
    return page;
}

static void setup(void)
{
    unit_setup();
    pages = apr_array_make(unit_pool, 8, sizeof(mpcms_page_t));
}

START_TEST(vendor_page_beats_default)
{
    mpcms_step_e step;
    const mpcms_page_t *page;

    add_page(DEFAULT, "about", 1);
    add_page(VENDOR, "about", 1);
    page = mpcms_chain_resolve(pages, "about", 1, &step);

    ck_assert_ptr_nonnull(page);
    ck_assert_int_eq(page->is_vendor_page, 1);
    ck_assert_int_eq(step, MPCMS_STEP_VENDOR_PAGE);
}
END_TEST

START_TEST(default_when_no_vendor_page)
{
    mpcms_step_e step;
    const mpcms_page_t *page;

    add_page(DEFAULT, "shipping", 1);
    page = mpcms_chain_resolve(pages, "shipping", 1, &step);

    ck_assert_ptr_nonnull(page);
    ck_assert_int_eq(page->is_vendor_page, 0);
    ck_assert_int_eq(step, MPCMS_STEP_PLATFORM_DEFAULT);
}
END_TEST

START_TEST(unpublished_vendor_page_falls_back)
{
    mpcms_step_e step;
    const mpcms_page_t *page;

    add_page(VENDOR, "shipping", 0);
    add_page(DEFAULT, "shipping", 1);
    page = mpcms_chain_resolve(pages, "shipping", 1, &step);

    ck_assert_ptr_nonnull(page);
    ck_assert_int_eq(step, MPCMS_STEP_PLATFORM_DEFAULT);
}
END_TEST

START_TEST(unpublished_default_is_missing)
{
    mpcms_step_e step;

    add_page(DEFAULT, "warranty", 0);

    ck_assert_ptr_null(mpcms_chain_resolve(pages, "warranty", 1, &step));
    ck_assert_int_eq(step, MPCMS_STEP_NONE);
}
END_TEST

START_TEST(hidden_default_is_missing)
{
    mpcms_step_e step;

    add_page(DEFAULT, "returns", 1)->is_hidden = 1;

    ck_assert_ptr_null(mpcms_chain_resolve(pages, "returns", 1, &step));
    ck_assert_int_eq(step, MPCMS_STEP_NONE);
}
END_TEST

START_TEST(vendor_page_beats_hidden_default)
{
    mpcms_step_e step;

    add_page(DEFAULT, "returns", 1)->is_hidden = 1;
    add_page(VENDOR, "returns", 1);

    ck_assert_ptr_nonnull(mpcms_chain_resolve(pages, "returns", 1, &step));
    ck_assert_int_eq(step, MPCMS_STEP_VENDOR_PAGE);
}
END_TEST

START_TEST(platform_page_never_serves_storefront)
{
    mpcms_step_e step;

    add_page(PLATFORM, "pricing", 1);

    ck_assert_ptr_null(mpcms_chain_resolve(pages, "pricing", 1, &step));
}
END_TEST

START_TEST(platform_chain_takes_platform_pages)
{
    mpcms_step_e step;
    const mpcms_page_t *page;

    add_page(DEFAULT, "about", 1);
    add_page(PLATFORM, "about", 1);
    page = mpcms_chain_resolve(pages, "about", 0, &step);

    ck_assert_ptr_nonnull(page);
    ck_assert_int_eq(page->is_platform_page, 1);
    ck_assert_int_eq(step, MPCMS_STEP_PLATFORM_PAGE);
}
END_TEST

START_TEST(platform_chain_ignores_defaults)
{
    mpcms_step_e step;

    add_page(DEFAULT, "shipping", 1);

    ck_assert_ptr_null(mpcms_chain_resolve(pages, "shipping", 0, &step));
    ck_assert_int_eq(step, MPCMS_STEP_NONE);
}
END_TEST

START_TEST(unpublished_platform_page_is_missing)
{
    mpcms_step_e step;

    add_page(PLATFORM, "careers", 0);

    ck_assert_ptr_null(mpcms_chain_resolve(pages, "careers", 0, &step));
}
END_TEST

START_TEST(unknown_slug_is_missing)
{
    mpcms_step_e step;

    add_page(VENDOR, "about", 1);
    add_page(DEFAULT, "about", 1);

    ck_assert_ptr_null(mpcms_chain_resolve(pages, "nothing", 1, &step));
    ck_assert_ptr_null(mpcms_chain_resolve(pages, "", 1, &step));
}
END_TEST

START_TEST(navigation_lists_each_winner_once)
{
    apr_array_header_t *navigation;
    const mpcms_page_t *const *entries;

    add_page(DEFAULT, "about", 1)->sort_order = 2;
    add_page(VENDOR, "about", 1)->sort_order = 2;
    add_page(DEFAULT, "shipping", 1)->sort_order = 1;
    add_page(DEFAULT, "returns", 1)->is_hidden = 1;
    add_page(VENDOR, "sale", 0);
    add_page(DEFAULT, "terms", 1)->show_in_nav = 0;
    add_page(VENDOR, "gift-cards", 1)->sort_order = 2;
    navigation = mpcms_chain_navigation(pages, 1, unit_pool);
    entries = (const mpcms_page_t *const *)navigation->elts;

    ck_assert_int_eq(navigation->nelts, 3);
    ck_assert_str_eq(entries[0]->slug, "shipping");
    ck_assert_str_eq(entries[1]->slug, "about");
    ck_assert_int_eq(entries[1]->is_vendor_page, 1);
    ck_assert_str_eq(entries[2]->slug, "gift-cards");
}
END_TEST

START_TEST(navigation_of_empty_set)
{
    ck_assert_int_eq(mpcms_chain_navigation(pages, 1, unit_pool)->nelts, 0);
}
END_TEST

START_TEST(step_names)
{
    ck_assert_str_eq(mpcms_step_name(MPCMS_STEP_VENDOR_PAGE), "vendor_page");
    ck_assert_str_eq(mpcms_step_name(MPCMS_STEP_PLATFORM_DEFAULT),
                     "platform_default");
    ck_assert_str_eq(mpcms_step_name(MPCMS_STEP_PLATFORM_PAGE),
                     "platform_page");
    ck_assert_str_eq(mpcms_step_name(MPCMS_STEP_NONE), "none");
}
END_TEST

Suite *chain_suite(void)
{
    Suite *suite = suite_create("chain");
    TCase *tc = tcase_create("resolve");

    tcase_add_checked_fixture(tc, setup, unit_teardown);
    tcase_add_test(tc, vendor_page_beats_default);
    tcase_add_test(tc, default_when_no_vendor_page);
    tcase_add_test(tc, unpublished_vendor_page_falls_back);
    tcase_add_test(tc, unpublished_default_is_missing);
    tcase_add_test(tc, hidden_default_is_missing);
    tcase_add_test(tc, vendor_page_beats_hidden_default);
    tcase_add_test(tc, platform_page_never_serves_storefront);
    tcase_add_test(tc, platform_chain_takes_platform_pages);
    tcase_add_test(tc, platform_chain_ignores_defaults);
    tcase_add_test(tc, unpublished_platform_page_is_missing);
    tcase_add_test(tc, unknown_slug_is_missing);
    tcase_add_test(tc, navigation_lists_each_winner_once);
    tcase_add_test(tc, navigation_of_empty_set);
    tcase_add_test(tc, step_names);
    suite_add_tcase(suite, tc);
    return suite;
}
