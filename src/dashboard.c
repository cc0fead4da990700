/* The vendor dashboard's membership, page list and preview. */
#include <apr_strings.h>
#include <stdlib.h>
#include <string.h>

#include "dashboard.h"
#include "pages.h"
#include "timezone.h"

/* Column order of MPCMS_SQL_PLATFORM_TIERS. */
enum {
    TIER_ID,
    TIER_CODE,
    TIER_NAME,
    TIER_SORT_ORDER,
    TIER_PAGES_LIMIT,
    TIER_CUSTOM_PAGES_LIMIT,
    TIER_IS_ACTIVE,
    TIER_OF_PLATFORM,
    TIER_FEATURE
};

/* Column order of MPCMS_SQL_DASHBOARD_PAGES. */
enum {
    PAGE_ID,
    PAGE_SLUG,
    PAGE_TITLE,
    PAGE_IS_VENDOR_PAGE,
    PAGE_IS_PUBLISHED,
    PAGE_PUBLISH_AT,
    PAGE_IS_SCHEDULED,
    PAGE_TEMPLATE,
    PAGE_SORT_ORDER,
    PAGE_SHOW_IN_NAV,
    PAGE_IS_HIDDEN
};

static int read_limit(const mpcms_rows_t *rows, int row, int column)
{
    if (mpcms_rows_get(rows, row, column) == NULL) {
        return MPCMS_UNLIMITED;
    }
    return (int)mpcms_rows_int(rows, row, column);
}

/*
 * Reads the tier rows (one per feature) into the platform's active tiers
 * and the membership's own tier, which may be inactive or global.
 */
static void read_tiers(mpcms_membership_t *membership, const mpcms_rows_t *rows,
                       apr_int64_t tier_id, apr_pool_t *pool)
{
    mpcms_tier_t *all =
        apr_pcalloc(pool, sizeof(mpcms_tier_t) * (apr_size_t)(rows->count + 1));
    mpcms_tier_t *offered =
        apr_pcalloc(pool, sizeof(mpcms_tier_t) * (apr_size_t)(rows->count + 1));
    int *is_offered =
        apr_pcalloc(pool, sizeof(int) * (apr_size_t)(rows->count + 1));
    int count = 0;
    int offered_count = 0;
    int row;
    int i;

    for (row = 0; row < rows->count; row++) {
        apr_int64_t id = mpcms_rows_int(rows, row, TIER_ID);
        mpcms_tier_t *tier = count > 0 ? &all[count - 1] : NULL;

        /* Rows of one tier are adjacent: the query orders by id within a
         * sort_order. */
        if (tier == NULL || tier->id != id) {
            tier = &all[count];
            tier->id = id;
            tier->code = mpcms_rows_get(rows, row, TIER_CODE);
            tier->name = mpcms_rows_get(rows, row, TIER_NAME);
            tier->sort_order = (int)mpcms_rows_int(rows, row, TIER_SORT_ORDER);
            tier->pages_limit = read_limit(rows, row, TIER_PAGES_LIMIT);
            tier->custom_pages_limit =
                read_limit(rows, row, TIER_CUSTOM_PAGES_LIMIT);
            is_offered[count] = mpcms_rows_bool(rows, row, TIER_IS_ACTIVE)
                                && mpcms_rows_bool(rows, row, TIER_OF_PLATFORM);
            count++;
        }
        tier->features |=
            mpcms_feature_from_name(mpcms_rows_get(rows, row, TIER_FEATURE));
    }

    membership->tier = NULL;
    for (i = 0; i < count; i++) {
        if (all[i].id == tier_id) {
            membership->tier = &all[i];
        }
        if (is_offered[i]) {
            offered[offered_count++] = all[i];
        }
    }
    membership->tiers = offered;
    membership->tier_count = offered_count;
}

apr_status_t mpcms_membership_read(mpcms_membership_t *membership,
                                   mpcms_db_t *db, int lock,
                                   mpcms_error_t **error, apr_pool_t *pool)
{
    const char *vendor = apr_ltoa(pool, (long)membership->vendor->id);
    const char *platform = apr_ltoa(pool, (long)membership->platform->id);
    const char *membership_args[] = { vendor, platform };
    const char *tier_args[3];
    mpcms_rows_t *rows;
    apr_status_t rv;

    rv = mpcms_db_select(
        &rows, db, lock ? MPCMS_SQL_MEMBERSHIP_LOCK : MPCMS_SQL_MEMBERSHIP_TIER,
        membership_args, error, pool);
    if (rv != APR_SUCCESS) {
        return rv;
    }
    if (rows->count == 0) {
        return APR_ENOENT;
    }
    membership->timezone = mpcms_rows_get(rows, 0, 1);

    tier_args[0] = platform;
    tier_args[1] = platform;
    tier_args[2] = mpcms_rows_get(rows, 0, 0);
    rv = mpcms_db_select(&rows, db, MPCMS_SQL_PLATFORM_TIERS, tier_args, error,
                         pool);
    if (rv != APR_SUCCESS) {
        return rv;
    }
    read_tiers(membership, rows,
               tier_args[2] != NULL ? apr_atoi64(tier_args[2]) : -1, pool);
    return APR_SUCCESS;
}

apr_status_t mpcms_dashboard_membership(const mpcms_membership_t **membership,
                                        mpcms_store_t *store,
                                        const char *platform_code,
                                        const char *vendor_code,
                                        const mpcms_themes_t *themes,
                                        mpcms_error_t **error, apr_pool_t *pool)
{
    mpcms_membership_t *loaded = apr_pcalloc(pool, sizeof(*loaded));
    mpcms_db_t *db;
    apr_status_t rv;

    *membership = NULL;
    rv = mpcms_catalog_lookup(&loaded->platform, &loaded->vendor, store,
                              platform_code, vendor_code, error, pool);
    if (rv != APR_SUCCESS || loaded->platform == NULL
        || loaded->vendor == NULL) {
        return rv;
    }

    rv = mpcms_store_db(&db, store, error);
    if (rv == APR_SUCCESS) {
        rv = mpcms_membership_read(loaded, db, 0, error, pool);
    }
    if (rv == APR_ENOENT) {
        return APR_SUCCESS;
    }
    if (rv != APR_SUCCESS) {
        return rv;
    }

    if (themes != NULL) {
        loaded->variants = mpcms_theme_variants(
            mpcms_themes_for(themes, loaded->platform->code), pool);
    }
    *membership = loaded;
    return APR_SUCCESS;
}

int mpcms_membership_has(const mpcms_membership_t *membership, unsigned feature)
{
    return membership->tier != NULL
           && (membership->tier->features & feature) == feature;
}

static mpcms_content_page_t *find_entry(apr_array_header_t *entries,
                                        const char *slug)
{
    int i;

    for (i = 0; i < entries->nelts; i++) {
        mpcms_content_page_t *entry =
            &APR_ARRAY_IDX(entries, i, mpcms_content_page_t);

        if (strcmp(entry->slug, slug) == 0) {
            return entry;
        }
    }
    return NULL;
}

static void read_entry(mpcms_content_page_t *entry, const mpcms_rows_t *rows,
                       int row)
{
    entry->id = mpcms_rows_int(rows, row, PAGE_ID);
    entry->slug = mpcms_rows_get(rows, row, PAGE_SLUG);
    entry->title = mpcms_rows_get(rows, row, PAGE_TITLE);
    entry->is_published = mpcms_rows_bool(rows, row, PAGE_IS_PUBLISHED);
    entry->publish_at = mpcms_rows_get(rows, row, PAGE_PUBLISH_AT);
    entry->is_scheduled =
        entry->is_published && mpcms_rows_bool(rows, row, PAGE_IS_SCHEDULED);
    entry->template = mpcms_rows_get(rows, row, PAGE_TEMPLATE);
    entry->sort_order = (int)mpcms_rows_int(rows, row, PAGE_SORT_ORDER);
    entry->show_in_nav = mpcms_rows_bool(rows, row, PAGE_SHOW_IN_NAV);
    entry->is_live = entry->is_published && !entry->is_scheduled;
}

static int compare_entries(const void *a, const void *b)
{
    const mpcms_content_page_t *left = a;
    const mpcms_content_page_t *right = b;

    if (left->sort_order != right->sort_order) {
        return left->sort_order < right->sort_order ? -1 : 1;
    }
    return strcmp(left->slug, right->slug);
}

static void describe_usage(mpcms_dashboard_usage_t *usage,
                           const mpcms_membership_t *membership,
                           apr_pool_t *pool)
{
    const mpcms_tier_t *tier = membership->tier;

    usage->pages_limit = tier ? mpcms_tier_pages_limit(tier) : 0;
    usage->custom_pages_limit = tier ? mpcms_tier_custom_pages_limit(tier) : 0;
    usage->pages_text = mpcms_tiers_describe(usage->used.pages,
                                             usage->pages_limit, "pages", pool);
    usage->custom_pages_text =
        mpcms_tiers_describe(usage->used.custom_pages,
                             usage->custom_pages_limit, "custom pages", pool);
}

apr_status_t mpcms_dashboard_pages(apr_array_header_t **pages,
                                   mpcms_dashboard_usage_t *usage,
                                   mpcms_store_t *store,
                                   const mpcms_membership_t *membership,
                                   apr_time_t now, mpcms_error_t **error,
                                   apr_pool_t *pool)
{
    const char *args[] = { apr_ltoa(pool, (long)membership->vendor->id),
                           mpcms_utc_format(now, pool),
                           apr_ltoa(pool, (long)membership->platform->id) };
    apr_array_header_t *entries;
    mpcms_rows_t *rows;
    apr_status_t rv;
    int row;

    *pages = NULL;
    memset(usage, 0, sizeof(*usage));
    rv = mpcms_store_select(&rows, store, MPCMS_SQL_DASHBOARD_PAGES, args, 0,
                            error, pool);
    if (rv != APR_SUCCESS) {
        return rv;
    }
    entries =
        apr_array_make(pool, rows->count + 1, sizeof(mpcms_content_page_t));

    /* Defaults first, so that each vendor page can find its default. */
    for (row = 0; row < rows->count; row++) {
        mpcms_content_page_t *entry;

        if (mpcms_rows_bool(rows, row, PAGE_IS_VENDOR_PAGE)) {
            continue;
        }
        entry = apr_array_push(entries);
        memset(entry, 0, sizeof(*entry));
        read_entry(entry, rows, row);
        entry->source = MPCMS_SOURCE_DEFAULT;
        entry->is_hidden = mpcms_rows_bool(rows, row, PAGE_IS_HIDDEN);
        entry->is_live = entry->is_live && !entry->is_hidden;
    }

    for (row = 0; row < rows->count; row++) {
        const char *slug = mpcms_rows_get(rows, row, PAGE_SLUG);
        mpcms_content_page_t *entry;

        if (!mpcms_rows_bool(rows, row, PAGE_IS_VENDOR_PAGE)) {
            continue;
        }
        usage->used.pages++;
        entry = find_entry(entries, slug);
        if (entry != NULL) {
            entry->default_is_live = entry->is_live;
            read_entry(entry, rows, row);
            entry->source = MPCMS_SOURCE_OVERRIDE;
            continue;
        }
        usage->used.custom_pages++;
        entry = apr_array_push(entries);
        memset(entry, 0, sizeof(*entry));
        read_entry(entry, rows, row);
        entry->source = MPCMS_SOURCE_CUSTOM;
    }

    qsort(entries->elts, (size_t)entries->nelts, sizeof(mpcms_content_page_t),
          compare_entries);
    describe_usage(usage, membership, pool);
    *pages = entries;
    return APR_SUCCESS;
}

apr_status_t mpcms_dashboard_preview(mpcms_resolution_t *resolution,
                                     mpcms_store_t *store,
                                     const mpcms_membership_t *membership,
                                     const char *slug, apr_time_t now,
                                     mpcms_refusal_t **refusal,
                                     apr_pool_t *pool)
{
    const mpcms_page_t *rows;
    const mpcms_page_t *vendor_page = NULL;
    const mpcms_page_t *default_page = NULL;
    mpcms_error_t *error = NULL;
    apr_status_t rv;
    int i;

    memset(resolution, 0, sizeof(*resolution));
    *refusal = apr_pcalloc(pool, sizeof(**refusal));
    rv =
        mpcms_pages_load(&resolution->pages, store, membership->platform->id,
                         membership->vendor->id, slug, slug, now, &error, pool);
    if (rv != APR_SUCCESS) {
        (*refusal)->error = *error;
        return rv;
    }

    rows = (const mpcms_page_t *)resolution->pages->elts;
    for (i = 0; i < resolution->pages->nelts; i++) {
        if (strcmp(rows[i].slug, slug) != 0) {
            continue;
        }
        if (rows[i].is_vendor_page) {
            vendor_page = &rows[i];
        }
        else if (!rows[i].is_platform_page) {
            default_page = &rows[i];
        }
    }

    resolution->platform = membership->platform;
    resolution->vendor = membership->vendor;
    if (vendor_page != NULL) {
        resolution->page = vendor_page;
        resolution->step = MPCMS_STEP_VENDOR_PAGE;
    }
    else if (default_page != NULL) {
        resolution->page = default_page;
        resolution->step = MPCMS_STEP_PLATFORM_DEFAULT;
    }
    else {
        (*refusal)->error.source = "slug";
        (*refusal)->error.message =
            apr_psprintf(pool, "no page '%s' on this storefront", slug);
        return MPCMS_ENOTFOUND;
    }
    *refusal = NULL;
    return APR_SUCCESS;
}

apr_status_t mpcms_dashboard_publish_time(const char **local,
                                          const char **abbreviation,
                                          const mpcms_membership_t *membership,
                                          const char *utc,
                                          mpcms_error_t **error,
                                          apr_pool_t *pool)
{
    mpcms_timezone_t *zone;
    mpcms_local_time_t parts;
    apr_time_t t;
    apr_status_t rv;

    if (mpcms_utc_parse(&t, utc) != APR_SUCCESS) {
        *error = mpcms_error_make("publish_at", 0, 0, pool,
                                  "invalid stored publish time '%s'",
                                  utc ? utc : "");
        return APR_EINVAL;
    }
    rv = mpcms_timezone_open(&zone, membership->timezone, error, pool);
    if (rv != APR_SUCCESS) {
        return rv;
    }
    mpcms_timezone_to_local(&parts, zone, apr_time_sec(t));
    *local = apr_psprintf(pool, "%04d-%02d-%02dT%02d:%02d", parts.year,
                          parts.month, parts.day, parts.hour, parts.minute);
    if (parts.second != 0) {
        *local = apr_psprintf(pool, "%s:%02d", *local, parts.second);
    }
    *abbreviation = apr_pstrdup(pool, parts.abbreviation);
    return APR_SUCCESS;
}
