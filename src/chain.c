/* The page fallback chain, on rows already read from the database. */
#include <stdlib.h>
#include <string.h>

#include "chain.h"

static const mpcms_page_t *find(const apr_array_header_t *pages,
                                const char *slug,
                                int (*accept)(const mpcms_page_t *page))
{
    const mpcms_page_t *rows = (const mpcms_page_t *)pages->elts;
    int i;

    for (i = 0; i < pages->nelts; i++) {
        if (strcmp(rows[i].slug, slug) == 0 && accept(&rows[i])) {
            return &rows[i];
        }
    }
    return NULL;
}

static int is_vendor_page(const mpcms_page_t *page)
{
    return page->is_vendor_page && page->is_published;
}

static int is_default(const mpcms_page_t *page)
{
    return !page->is_vendor_page && !page->is_platform_page
           && page->is_published;
}

static int is_platform_page(const mpcms_page_t *page)
{
    return !page->is_vendor_page && page->is_platform_page
           && page->is_published;
}

const mpcms_page_t *mpcms_chain_resolve(const apr_array_header_t *pages,
                                        const char *slug, int with_vendor,
                                        mpcms_step_e *step)
{
    const mpcms_page_t *page;

    *step = MPCMS_STEP_NONE;

    if (!with_vendor) {
        page = find(pages, slug, is_platform_page);
        if (page != NULL) {
            *step = MPCMS_STEP_PLATFORM_PAGE;
        }
        return page;
    }

    page = find(pages, slug, is_vendor_page);
    if (page != NULL) {
        *step = MPCMS_STEP_VENDOR_PAGE;
        return page;
    }

    page = find(pages, slug, is_default);
    if (page == NULL || page->is_hidden) {
        return NULL;
    }
    *step = MPCMS_STEP_PLATFORM_DEFAULT;
    return page;
}

static int compare_navigation(const void *a, const void *b)
{
    const mpcms_page_t *left = *(const mpcms_page_t *const *)a;
    const mpcms_page_t *right = *(const mpcms_page_t *const *)b;

    if (left->sort_order != right->sort_order) {
        return left->sort_order < right->sort_order ? -1 : 1;
    }
    return strcmp(left->slug, right->slug);
}

static int already_listed(const apr_array_header_t *listed, const char *slug)
{
    const mpcms_page_t *const *entries =
        (const mpcms_page_t *const *)listed->elts;
    int i;

    for (i = 0; i < listed->nelts; i++) {
        if (strcmp(entries[i]->slug, slug) == 0) {
            return 1;
        }
    }
    return 0;
}

apr_array_header_t *mpcms_chain_navigation(const apr_array_header_t *pages,
                                           int with_vendor, apr_pool_t *pool)
{
    const mpcms_page_t *rows = (const mpcms_page_t *)pages->elts;
    apr_array_header_t *listed =
        apr_array_make(pool, pages->nelts, sizeof(const mpcms_page_t *));
    int i;

    for (i = 0; i < pages->nelts; i++) {
        const mpcms_page_t *winner;
        mpcms_step_e step;

        if (already_listed(listed, rows[i].slug)) {
            continue;
        }
        winner = mpcms_chain_resolve(pages, rows[i].slug, with_vendor, &step);
        if (winner != NULL && winner->show_in_nav) {
            APR_ARRAY_PUSH(listed, const mpcms_page_t *) = winner;
        }
    }

    qsort(listed->elts, (size_t)listed->nelts, sizeof(const mpcms_page_t *),
          compare_navigation);
    return listed;
}

const char *mpcms_step_name(mpcms_step_e step)
{
    switch (step) {
    case MPCMS_STEP_VENDOR_PAGE:
        return "vendor_page";
    case MPCMS_STEP_PLATFORM_DEFAULT:
        return "platform_default";
    case MPCMS_STEP_PLATFORM_PAGE:
        return "platform_page";
    case MPCMS_STEP_NONE:
        break;
    }
    return "none";
}
