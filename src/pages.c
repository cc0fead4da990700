/* Candidate pages for the fallback chain. */
#include <apr_strings.h>

#include "pages.h"
#include "timezone.h"

/* Column order of the page queries in statements.c. */
enum {
    COLUMN_ID,
    COLUMN_VERSION,
    COLUMN_SLUG,
    COLUMN_TITLE,
    COLUMN_IS_VENDOR_PAGE,
    COLUMN_IS_PLATFORM_PAGE,
    COLUMN_IS_PUBLISHED,
    COLUMN_SHOW_IN_NAV,
    COLUMN_SORT_ORDER,
    COLUMN_TEMPLATE,
    COLUMN_IS_HIDDEN,
    COLUMN_CONTENT,
    COLUMN_META_DESCRIPTION,
    COLUMN_META_KEYWORDS
};

apr_array_header_t *mpcms_pages_read(const mpcms_rows_t *rows, apr_pool_t *pool)
{
    apr_array_header_t *pages = apr_array_make(
        pool, rows->count > 0 ? rows->count : 1, sizeof(mpcms_page_t));
    int row;

    for (row = 0; row < rows->count; row++) {
        mpcms_page_t *page = apr_array_push(pages);

        page->id = mpcms_rows_int(rows, row, COLUMN_ID);
        page->version = mpcms_rows_int(rows, row, COLUMN_VERSION);
        page->slug = mpcms_rows_get(rows, row, COLUMN_SLUG);
        page->title = mpcms_rows_get(rows, row, COLUMN_TITLE);
        page->is_vendor_page =
            mpcms_rows_bool(rows, row, COLUMN_IS_VENDOR_PAGE);
        page->is_platform_page =
            mpcms_rows_bool(rows, row, COLUMN_IS_PLATFORM_PAGE);
        page->is_published = mpcms_rows_bool(rows, row, COLUMN_IS_PUBLISHED);
        page->show_in_nav = mpcms_rows_bool(rows, row, COLUMN_SHOW_IN_NAV);
        page->sort_order = (int)mpcms_rows_int(rows, row, COLUMN_SORT_ORDER);
        page->is_hidden = mpcms_rows_bool(rows, row, COLUMN_IS_HIDDEN);
        page->template = mpcms_rows_get(rows, row, COLUMN_TEMPLATE);
        page->content = mpcms_rows_get(rows, row, COLUMN_CONTENT);
        page->meta_description =
            mpcms_rows_get(rows, row, COLUMN_META_DESCRIPTION);
        page->meta_keywords = mpcms_rows_get(rows, row, COLUMN_META_KEYWORDS);

        if (page->slug == NULL) {
            page->slug = "";
        }
        if (page->title == NULL) {
            page->title = "";
        }
    }
    return pages;
}

apr_status_t mpcms_pages_load(apr_array_header_t **pages, mpcms_store_t *store,
                              apr_int64_t platform_id, apr_int64_t vendor_id,
                              const char *slug, const char *alias,
                              apr_time_t now, mpcms_error_t **error,
                              apr_pool_t *pool)
{
    const char *platform = apr_ltoa(pool, (long)platform_id);
    const char *request_time = mpcms_utc_format(now, pool);
    mpcms_rows_t *rows;
    apr_status_t rv;

    *pages = NULL;
    if (vendor_id > 0) {
        const char *args[] = { slug, alias, apr_ltoa(pool, (long)vendor_id),
                               request_time, platform };

        rv = mpcms_store_select(&rows, store, MPCMS_SQL_STOREFRONT_PAGES, args,
                                0, error, pool);
    }
    else {
        const char *args[] = { slug, alias, request_time, platform };

        rv = mpcms_store_select(&rows, store, MPCMS_SQL_PLATFORM_PAGES, args, 0,
                                error, pool);
    }
    if (rv != APR_SUCCESS) {
        return rv;
    }

    *pages = mpcms_pages_read(rows, pool);
    return APR_SUCCESS;
}
