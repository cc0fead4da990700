/*
 * The fallback chain that decides which page row answers a slug.
 *
 * On a storefront: the vendor's own published page, else the platform's
 * published default for vendors unless the vendor hid it, else nothing.
 * On a platform: its published marketing page, else nothing. An
 * unpublished vendor page falls through like a missing one, and so does a
 * page whose publish time has not come yet (the page queries report it as
 * unpublished).
 */
#ifndef MPCMS_CHAIN_H
#define MPCMS_CHAIN_H

#include <apr_pools.h>
#include <apr_tables.h>

typedef enum {
    MPCMS_STEP_NONE = 0,
    MPCMS_STEP_VENDOR_PAGE,
    MPCMS_STEP_PLATFORM_DEFAULT,
    MPCMS_STEP_PLATFORM_PAGE
} mpcms_step_e;

/* One content_pages row as the storefront and platform queries return it. */
typedef struct mpcms_page {
    apr_int64_t id;
    apr_int64_t version;
    const char *slug;
    const char *title;
    const char *content;          /* NULL unless this slug was requested */
    const char *meta_description; /* likewise */
    const char *meta_keywords;    /* likewise */
    int is_vendor_page;           /* vendor_id is set */
    int is_platform_page;
    int is_published;
    int show_in_nav;
    int sort_order;
    int is_hidden;        /* a default the vendor hid from its storefront */
    const char *template; /* layout variant of the theme, or NULL */
} mpcms_page_t;

/*
 * Returns the row that answers slug among pages (an array of
 * mpcms_page_t), or NULL, and sets *step to the chain step that answered.
 * with_vendor selects the storefront chain; otherwise the platform chain.
 */
const mpcms_page_t *mpcms_chain_resolve(const apr_array_header_t *pages,
                                        const char *slug, int with_vendor,
                                        mpcms_step_e *step);

/*
 * Returns the rows that answer each slug present in pages and shown in
 * navigation, as an array of const mpcms_page_t *, ordered by sort_order
 * and then slug. Allocated from pool.
 */
apr_array_header_t *mpcms_chain_navigation(const apr_array_header_t *pages,
                                           int with_vendor, apr_pool_t *pool);

/* "vendor_page", "platform_default", "platform_page" or "none". */
const char *mpcms_step_name(mpcms_step_e step);

#endif /* MPCMS_CHAIN_H */
