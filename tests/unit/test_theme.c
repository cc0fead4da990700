/*
 * Themes and their layout variants: the repository's templates/ folder,
 * and small folders that each test writes under /tmp.
 */
#include <apr_file_io.h>
#include <apr_strings.h>
#include <stdlib.h>
#include <string.h>

#include "palette.h"
#include "render.h"
#include "theme.h"
#include "unit.h"

/* The runner starts in tests/unit. */
#define TEMPLATE_DIR "../../templates"

static const char *scratch_dir;

static void setup(void)
{
    char *path;

    unit_setup();
    path = apr_pstrdup(unit_pool, "/tmp/mpcms-theme-XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(path));
    scratch_dir = path;
}

static void teardown(void)
{
    char command[256];

    snprintf(command, sizeof(command), "rm -rf '%s'", scratch_dir);
    ck_assert_int_eq(system(command), 0);
    unit_teardown();
}

static void write_file(const char *relative, const char *text)
{
    const char *path = apr_pstrcat(unit_pool, scratch_dir, "/", relative, NULL);
    char *folder = apr_pstrdup(unit_pool, path);
    apr_file_t *file;
    apr_size_t written;

    *strrchr(folder, '/') = '\0';
    ck_assert_int_eq(apr_dir_make_recursive(folder, APR_OS_DEFAULT, unit_pool),
                     APR_SUCCESS);
    ck_assert_int_eq(
        apr_file_open(&file, path,
                      APR_FOPEN_CREATE | APR_FOPEN_WRITE | APR_FOPEN_TRUNCATE,
                      APR_OS_DEFAULT, unit_pool),
        APR_SUCCESS);
    ck_assert_int_eq(apr_file_write_full(file, text, strlen(text), &written),
                     APR_SUCCESS);
    apr_file_close(file);
}

/* A shared folder with the three required templates. */
static void write_shared(void)
{
    write_file("shared/platform.html", "platform");
    write_file("shared/storefront.html", "storefront");
    write_file("shared/not_found.html", "not found");
}

static mpcms_themes_t *load_ok(const char *directory)
{
    mpcms_themes_t *themes = NULL;
    mpcms_error_t *error = NULL;

    ck_assert_msg(mpcms_themes_load(&themes, directory, mpcms_page_slots,
                                    &error, unit_pool)
                      == APR_SUCCESS,
                  "%s", mpcms_error_format(error, unit_pool));
    return themes;
}

static const char *variant_list(const mpcms_theme_t *theme)
{
    apr_array_header_t *names = mpcms_theme_variants(theme, unit_pool);

    return apr_array_pstrcat(unit_pool, names, ',');
}

static int source_ends_with(const mpcms_template_t *template,
                            const char *suffix)
{
    const char *source = mpcms_template_source(template);
    size_t length = strlen(source);

    return length >= strlen(suffix)
           && strcmp(source + length - strlen(suffix), suffix) == 0;
}

START_TEST(repository_themes_offer_wide)
{
    mpcms_themes_t *themes = load_ok(TEMPLATE_DIR);

    ck_assert_str_eq(variant_list(themes->shared), "wide");
    ck_assert_str_eq(variant_list(mpcms_themes_for(themes, "oms")), "wide");
    ck_assert_str_eq(variant_list(mpcms_themes_for(themes, "loyalty")), "wide");
}
END_TEST

START_TEST(storefront_picks_variant)
{
    mpcms_themes_t *themes = load_ok(TEMPLATE_DIR);
    const mpcms_theme_t *oms = mpcms_themes_for(themes, "oms");
    const mpcms_theme_t *loyalty = mpcms_themes_for(themes, "loyalty");

    ck_assert(source_ends_with(mpcms_theme_storefront(oms, "wide"),
                               "/oms/storefront-wide.html"));
    /* loyalty has no wide layout of its own, so the shared one serves. */
    ck_assert(source_ends_with(mpcms_theme_storefront(loyalty, "wide"),
                               "/shared/storefront-wide.html"));
}
END_TEST

START_TEST(storefront_falls_back_to_default)
{
    mpcms_themes_t *themes = load_ok(TEMPLATE_DIR);
    const mpcms_theme_t *oms = mpcms_themes_for(themes, "oms");

    ck_assert_ptr_eq(mpcms_theme_storefront(oms, NULL),
                     oms->templates[MPCMS_TEMPLATE_STOREFRONT]);
    ck_assert_ptr_eq(mpcms_theme_storefront(oms, "narrow"),
                     oms->templates[MPCMS_TEMPLATE_STOREFRONT]);
    ck_assert(source_ends_with(mpcms_theme_storefront(oms, "narrow"),
                               "/oms/storefront.html"));
}
END_TEST

START_TEST(platform_variant_adds_to_shared)
{
    mpcms_themes_t *themes;

    write_shared();
    write_file("shared/storefront-wide.html", "shared wide");
    write_file("oms/storefront-two_column.html", "oms two columns");
    write_file("oms/storefront-wide.html", "oms wide");
    themes = load_ok(scratch_dir);

    ck_assert_str_eq(variant_list(themes->shared), "wide");
    ck_assert_str_eq(variant_list(mpcms_themes_for(themes, "oms")),
                     "two_column,wide");
    ck_assert_str_eq(variant_list(mpcms_themes_for(themes, "loyalty")), "wide");
}
END_TEST

START_TEST(variant_changes_generation)
{
    apr_uint64_t without;
    apr_uint64_t with;

    write_shared();
    without = load_ok(scratch_dir)->shared->generation;
    write_file("shared/storefront-wide.html", "wide");
    with = load_ok(scratch_dir)->shared->generation;

    ck_assert(without != with);
}
END_TEST

START_TEST(invalid_variant_file_rejected)
{
    static const char *const names[] = {
        "storefront-.html",
        "storefront-Wide.html",
        "storefront-wide.page.html",
        "platform-wide.html",
        "storefront-"
        "a23456789012345678901234567890123456789012345678901.html",
    };
    size_t i;

    for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
        mpcms_themes_t *themes = NULL;
        mpcms_error_t *error = NULL;
        const char *path = apr_pstrcat(unit_pool, "oms/", names[i], NULL);

        write_shared();
        write_file(path, "x");
        ck_assert_int_ne(mpcms_themes_load(&themes, scratch_dir,
                                           mpcms_page_slots, &error, unit_pool),
                         APR_SUCCESS);
        ck_assert_ptr_nonnull(strstr(error->source, names[i]));
        ck_assert_ptr_nonnull(strstr(error->message, "storefront-{variant}"));
        apr_file_remove(apr_pstrcat(unit_pool, scratch_dir, "/", path, NULL),
                        unit_pool);
    }
}
END_TEST

START_TEST(variant_compile_error_names_file)
{
    mpcms_themes_t *themes = NULL;
    mpcms_error_t *error = NULL;

    write_shared();
    write_file("oms/storefront-wide.html", "<p>{{page.titel}}</p>");

    ck_assert_int_ne(mpcms_themes_load(&themes, scratch_dir, mpcms_page_slots,
                                       &error, unit_pool),
                     APR_SUCCESS);
    ck_assert_ptr_nonnull(strstr(error->source, "oms/storefront-wide.html"));
    ck_assert_int_eq(error->line, 1);
}
END_TEST

START_TEST(variant_name_rules)
{
    ck_assert(mpcms_variant_name_is_valid("wide"));
    ck_assert(mpcms_variant_name_is_valid("two-column_2"));
    ck_assert(!mpcms_variant_name_is_valid(""));
    ck_assert(!mpcms_variant_name_is_valid("Wide"));
    ck_assert(!mpcms_variant_name_is_valid("wide.html"));
    ck_assert(!mpcms_variant_name_is_valid("../wide"));
    ck_assert(mpcms_variant_name_is_valid(
        "a2345678901234567890123456789012345678901234567890"));
    ck_assert(!mpcms_variant_name_is_valid(
        "a23456789012345678901234567890123456789012345678901"));
}
END_TEST

/* Renders a storefront page whose template column is variant. */
static const char *render_storefront(const char *variant)
{
    mpcms_themes_t *themes = load_ok(TEMPLATE_DIR);
    mpcms_platform_t platform = {
        1, "oms", "Wizamart OMS", "en", 1, NULL, NULL
    };
    mpcms_vendor_t vendor = { 2, "wizamart", "Wizamart", 1, NULL, NULL };
    mpcms_resolution_t resolution;
    mpcms_response_t response;
    mpcms_route_t route;
    mpcms_page_t *page;
    mpcms_error_t *error = NULL;

    memset(&resolution, 0, sizeof(resolution));
    memset(&route, 0, sizeof(route));
    route.platform = "oms";
    route.platform_base = "/oms";
    route.area = MPCMS_AREA_STOREFRONT;
    route.area_base = "/oms/vendors/wizamart";
    resolution.platform = &platform;
    resolution.vendor = &vendor;
    resolution.pages = apr_array_make(unit_pool, 1, sizeof(mpcms_page_t));
    page = apr_array_push(resolution.pages);
    memset(page, 0, sizeof(*page));
    page->id = 7;
    page->version = 1;
    page->slug = "gift-cards";
    page->title = "Gift cards";
    page->content = "<p>Cards.</p>";
    page->is_vendor_page = 1;
    page->is_published = 1;
    page->template = variant;
    resolution.page = page;
    resolution.step = MPCMS_STEP_VENDOR_PAGE;

    ck_assert_int_eq(mpcms_render(&response, themes, &resolution, &route,
                                  "https://wizamart.lu/gift-cards", &error,
                                  unit_pool),
                     APR_SUCCESS);
    ck_assert_int_eq(response.status, 200);
    return response.body;
}

START_TEST(render_uses_page_variant)
{
    ck_assert_ptr_nonnull(strstr(render_storefront("wide"),
                                 "data-template=\"oms/storefront-wide\""));
    ck_assert_ptr_nonnull(
        strstr(render_storefront(NULL), "data-template=\"oms/storefront\""));
    ck_assert_ptr_nonnull(strstr(render_storefront("narrow"),
                                 "data-template=\"oms/storefront\""));
}
END_TEST

START_TEST(palette_reads_valid_colors)
{
    mpcms_palette_t palette;

    mpcms_palette_read(&palette,
                       "{\"primary_color\": \"#0f766e\", "
                       "\"accent_color\": \"#FA0\", \"other\": 1}",
                       unit_pool);
    ck_assert_str_eq(palette.primary_color, "#0f766e");
    ck_assert_str_eq(palette.accent_color, "#FA0");
}
END_TEST

START_TEST(palette_ignores_invalid_colors)
{
    static const char *const configs[] = {
        NULL,
        "",
        "not json",
        "[\"#123456\"]",
        "{\"primary_color\": 123456}",
        "{\"primary_color\": \"red\"}",
        "{\"primary_color\": \"#12345\"}",
        "{\"primary_color\": \"#1234567\"}",
        "{\"primary_color\": \"#12g\"}",
        "{\"primary_color\": \"#123; } body { display: none\"}",
        "{\"primary_color\": \"#123</style>\"}",
    };
    mpcms_palette_t palette;
    apr_size_t i;

    for (i = 0; i < sizeof(configs) / sizeof(configs[0]); i++) {
        mpcms_palette_read(&palette, configs[i], unit_pool);
        ck_assert_msg(palette.primary_color == NULL, "config %d", (int)i);
        ck_assert_msg(palette.accent_color == NULL, "config %d", (int)i);
    }
}
END_TEST

START_TEST(render_writes_theme_colors)
{
    mpcms_platform_t platform = {
        1, "oms", "OMS", "en", 1, NULL, "{\"primary_color\": \"#0f766e\"}"
    };
    mpcms_resolution_t resolution;
    mpcms_response_t response;
    mpcms_route_t route;
    mpcms_page_t page;
    mpcms_themes_t *themes = load_ok(TEMPLATE_DIR);
    mpcms_error_t *error = NULL;

    memset(&resolution, 0, sizeof(resolution));
    memset(&route, 0, sizeof(route));
    memset(&page, 0, sizeof(page));
    route.platform = "oms";
    route.platform_base = "/oms";
    page.id = 3;
    page.version = 1;
    page.slug = "pricing";
    page.title = "Pricing";
    page.content = "<p>Plans.</p>";
    page.is_published = 1;
    resolution.platform = &platform;
    resolution.pages = apr_array_make(unit_pool, 1, sizeof(mpcms_page_t));
    *(mpcms_page_t *)apr_array_push(resolution.pages) = page;
    resolution.page = &page;
    resolution.step = MPCMS_STEP_PLATFORM_PAGE;

    ck_assert_int_eq(mpcms_render(&response, themes, &resolution, &route,
                                  "https://oms.lu/pricing", &error, unit_pool),
                     APR_SUCCESS);
    ck_assert_ptr_nonnull(strstr(response.body, ":root { --brand: #0f766e; }"));
    ck_assert_ptr_null(strstr(response.body, "--accent: ;"));
}
END_TEST

Suite *theme_suite(void)
{
    Suite *suite = suite_create("theme");
    TCase *variants = tcase_create("variants");
    TCase *palette = tcase_create("palette");

    tcase_add_checked_fixture(variants, setup, teardown);
    tcase_add_test(variants, repository_themes_offer_wide);
    tcase_add_test(variants, storefront_picks_variant);
    tcase_add_test(variants, storefront_falls_back_to_default);
    tcase_add_test(variants, platform_variant_adds_to_shared);
    tcase_add_test(variants, variant_changes_generation);
    tcase_add_test(variants, invalid_variant_file_rejected);
    tcase_add_test(variants, variant_compile_error_names_file);
    tcase_add_test(variants, variant_name_rules);
    tcase_add_test(variants, render_uses_page_variant);
    suite_add_tcase(suite, variants);

    tcase_add_checked_fixture(palette, unit_setup, unit_teardown);
    tcase_add_test(palette, palette_reads_valid_colors);
    tcase_add_test(palette, palette_ignores_invalid_colors);
    tcase_add_test(palette, render_writes_theme_colors);
    suite_add_tcase(suite, palette);
    return suite;
}
