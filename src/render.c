/* Page views, template choice and ETags. */
#include <apr_strings.h>
#include <string.h>

#include "digest.h"
#include "palette.h"
#include "render.h"

static const mpcms_slot_t navigation_item_slots[] = {
    { "href", MPCMS_SLOT_TEXT, NULL },
    { "label", MPCMS_SLOT_TEXT, NULL },
    { "is_current", MPCMS_SLOT_TEXT, NULL },
    { NULL, MPCMS_SLOT_TEXT, NULL },
};

const mpcms_slot_t mpcms_page_slots[] = {
    { "lang", MPCMS_SLOT_TEXT, NULL },
    { "platform.code", MPCMS_SLOT_TEXT, NULL },
    { "platform.name", MPCMS_SLOT_TEXT, NULL },
    { "platform.home", MPCMS_SLOT_TEXT, NULL },
    { "theme.primary_color", MPCMS_SLOT_TEXT, NULL },
    { "theme.accent_color", MPCMS_SLOT_TEXT, NULL },
    { "page.title", MPCMS_SLOT_TEXT, NULL },
    { "page.slug", MPCMS_SLOT_TEXT, NULL },
    { "page.meta_description", MPCMS_SLOT_TEXT, NULL },
    { "page.meta_keywords", MPCMS_SLOT_TEXT, NULL },
    { "page.content", MPCMS_SLOT_HTML, NULL },
    { "canonical_url", MPCMS_SLOT_TEXT, NULL },
    { "vendor.code", MPCMS_SLOT_TEXT, NULL },
    { "vendor.name", MPCMS_SLOT_TEXT, NULL },
    { "vendor.home", MPCMS_SLOT_TEXT, NULL },
    { "nav", MPCMS_SLOT_LIST, navigation_item_slots },
    { NULL, MPCMS_SLOT_TEXT, NULL },
};

/* Language of pages whose platform is unknown. */
#define FALLBACK_LANGUAGE "en"

static int is_root_slug(const char *slug)
{
    return strcmp(slug, MPCMS_SLUG_HOME) == 0
           || strcmp(slug, MPCMS_SLUG_PLATFORM_HOME) == 0;
}

static void add_navigation(mpcms_view_t *view,
                           const apr_array_header_t *navigation,
                           const char *area_base, const mpcms_page_t *current,
                           apr_pool_t *pool)
{
    const mpcms_page_t *const *entries =
        (const mpcms_page_t *const *)navigation->elts;
    int i;

    for (i = 0; i < navigation->nelts; i++) {
        const mpcms_page_t *entry = entries[i];
        mpcms_view_t *item = mpcms_view_add_item(view, "nav");
        const char *href =
            is_root_slug(entry->slug)
                ? apr_pstrcat(pool, area_base, "/", NULL)
                : apr_pstrcat(pool, area_base, "/", entry->slug, NULL);

        mpcms_view_set(item, "href", href);
        mpcms_view_set(item, "label", entry->title);
        if (current != NULL && strcmp(current->slug, entry->slug) == 0) {
            mpcms_view_set(item, "is_current", "1");
        }
    }
}

static void set_page(mpcms_view_t *view, const mpcms_page_t *page)
{
    if (page == NULL) {
        mpcms_view_set(view, "page.title", "Page not found");
        return;
    }
    mpcms_view_set(view, "page.title", page->title);
    mpcms_view_set(view, "page.slug", page->slug);
    mpcms_view_set(view, "page.content", page->content);
    mpcms_view_set(view, "page.meta_description", page->meta_description);
    mpcms_view_set(view, "page.meta_keywords", page->meta_keywords);
}

static mpcms_view_t *build_view(const mpcms_resolution_t *resolution,
                                const mpcms_route_t *route,
                                const apr_array_header_t *navigation,
                                const char *canonical_url, apr_pool_t *pool)
{
    mpcms_view_t *view = mpcms_view_make(pool);
    const mpcms_platform_t *platform = resolution->platform;
    const mpcms_vendor_t *vendor = resolution->vendor;
    mpcms_palette_t palette;

    mpcms_view_set(view, "lang",
                   platform ? platform->default_language : FALLBACK_LANGUAGE);
    if (platform != NULL) {
        mpcms_view_set(view, "platform.code", platform->code);
        mpcms_view_set(view, "platform.name", platform->name);
        mpcms_view_set(view, "platform.home",
                       apr_pstrcat(pool, route->platform_base, "/", NULL));
        mpcms_palette_read(&palette, platform->theme_config, pool);
        mpcms_view_set(view, "theme.primary_color", palette.primary_color);
        mpcms_view_set(view, "theme.accent_color", palette.accent_color);
    }
    if (vendor != NULL) {
        mpcms_view_set(view, "vendor.code", vendor->code);
        mpcms_view_set(view, "vendor.name", vendor->name);
        mpcms_view_set(view, "vendor.home",
                       apr_pstrcat(pool, route->area_base, "/", NULL));
    }

    set_page(view, resolution->page);
    if (resolution->page != NULL) {
        mpcms_view_set(view, "canonical_url", canonical_url);
    }
    add_navigation(view, navigation, route->area_base, resolution->page, pool);
    return view;
}

static mpcms_template_kind_e template_kind(const mpcms_resolution_t *resolution)
{
    if (resolution->page == NULL) {
        return MPCMS_TEMPLATE_NOT_FOUND;
    }
    return resolution->vendor != NULL ? MPCMS_TEMPLATE_STOREFRONT
                                      : MPCMS_TEMPLATE_PLATFORM;
}

/* One letter per chain step, for the readable part of an ETag. */
static char step_letter(mpcms_step_e step)
{
    switch (step) {
    case MPCMS_STEP_VENDOR_PAGE:
        return 'v';
    case MPCMS_STEP_PLATFORM_DEFAULT:
        return 'd';
    case MPCMS_STEP_PLATFORM_PAGE:
        return 'p';
    case MPCMS_STEP_NONE:
        break;
    }
    return 'n';
}

const char *mpcms_etag_make(const mpcms_resolution_t *resolution,
                            const apr_array_header_t *navigation,
                            apr_uint64_t theme_generation,
                            const char *canonical_url, apr_pool_t *pool)
{
    const mpcms_page_t *const *entries =
        (const mpcms_page_t *const *)navigation->elts;
    const mpcms_page_t *page = resolution->page;
    apr_uint64_t digest = MPCMS_DIGEST_INIT;
    int i;

    digest = mpcms_digest_int(digest, resolution->step);
    digest = mpcms_digest_string(digest, canonical_url);
    digest = mpcms_digest_int(digest, (apr_int64_t)theme_generation);
    digest = mpcms_digest_int(digest, resolution->platform->id);
    digest = mpcms_digest_int(digest, resolution->platform->version);
    if (resolution->vendor != NULL) {
        digest = mpcms_digest_int(digest, resolution->vendor->id);
        digest = mpcms_digest_int(digest, resolution->vendor->version);
    }
    for (i = 0; i < navigation->nelts; i++) {
        digest = mpcms_digest_int(digest, entries[i]->id);
        digest = mpcms_digest_int(digest, entries[i]->version);
    }

    /* Readable parts first, so an ETag in a log says which row answered. */
    return apr_psprintf(pool,
                        "\"%" APR_INT64_T_FMT "-%" APR_INT64_T_FMT
                        "-%c-%016" APR_UINT64_T_HEX_FMT "\"",
                        page->id, page->version, step_letter(resolution->step),
                        digest);
}

apr_status_t mpcms_render(mpcms_response_t *response,
                          const mpcms_themes_t *themes,
                          const mpcms_resolution_t *resolution,
                          const mpcms_route_t *route, const char *canonical_url,
                          mpcms_error_t **error, apr_pool_t *pool)
{
    const mpcms_theme_t *theme = mpcms_themes_for(
        themes, resolution->platform ? resolution->platform->code : NULL);
    mpcms_template_kind_e kind = template_kind(resolution);
    const mpcms_template_t *template;
    apr_array_header_t *navigation;
    mpcms_view_t *view;
    apr_status_t rv;

    memset(response, 0, sizeof(*response));
    navigation = mpcms_chain_navigation(resolution->pages,
                                        resolution->vendor != NULL, pool);
    view = build_view(resolution, route, navigation, canonical_url, pool);

    if (kind == MPCMS_TEMPLATE_STOREFRONT) {
        template = mpcms_theme_storefront(theme, resolution->page->template);
    }
    else {
        template = theme->templates[kind];
    }
    rv = mpcms_template_render(&response->body, &response->length, template,
                               view, pool);
    if (rv != APR_SUCCESS) {
        *error = mpcms_error_make(mpcms_template_source(template), 0, 0, pool,
                                  "rendering failed");
        return rv;
    }

    response->status = resolution->page != NULL ? 200 : 404;
    if (resolution->page != NULL) {
        response->etag = mpcms_etag_make(
            resolution, navigation, theme->generation, canonical_url, pool);
    }
    return APR_SUCCESS;
}
