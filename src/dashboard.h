/*
 * The core of the vendor dashboard: a vendor's membership on a platform
 * (tier, limits, features, time zone), the list of its storefront's
 * pages, and the operations on them (vendor_pages.h).
 *
 * Every function here acts for one membership, and every statement it
 * runs is restricted to that vendor and platform, so a page of another
 * vendor is never found. Deciding which user may act for which vendor is
 * the caller's job (sessions and vendor_users).
 */
#ifndef MPCMS_DASHBOARD_H
#define MPCMS_DASHBOARD_H

#include "catalog.h"
#include "resolve.h"
#include "store.h"
#include "theme.h"
#include "tiers.h"

/*
 * Statuses of refused dashboard operations, with the HTTP status the glue
 * maps each to. MPCMS_ENOTFOUND, MPCMS_ECONFLICT and MPCMS_EINVALID have
 * the values that the admin area's statuses use in error.h, so both
 * definitions may meet in one file.
 */
#define MPCMS_ENOTFOUND (APR_OS_START_USERERR + 23) /* 404 */
#define MPCMS_ECONFLICT (APR_OS_START_USERERR + 25) /* 409 */
#define MPCMS_EINVALID  (APR_OS_START_USERERR + 28) /* 422 naming a field */
/* The tier lacks a feature: 403, or 422 naming the field. */
#define MPCMS_EFEATURE (APR_OS_START_USERERR + 30)
/* A tier limit is reached: 409 with the upgrade tier. */
#define MPCMS_ELIMIT (APR_OS_START_USERERR + 31)

/*
 * Why an operation failed. error.message is a sentence for the vendor
 * (or, after a database failure, for the log), and error.source names the
 * form field involved, or the statement that failed, or is NULL.
 */
typedef struct mpcms_refusal {
    mpcms_error_t error;
    unsigned feature;            /* missing feature, for MPCMS_EFEATURE */
    mpcms_limit_e limit;         /* what was reached, for MPCMS_ELIMIT */
    const mpcms_tier_t *upgrade; /* lowest tier that allows the action, for
                                    MPCMS_EFEATURE and MPCMS_ELIMIT; NULL
                                    when no tier does */
} mpcms_refusal_t;

/* A vendor's active membership on an active platform. */
typedef struct mpcms_membership {
    const mpcms_platform_t *platform;
    const mpcms_vendor_t *vendor;
    const char *timezone;      /* the platform's IANA time zone name */
    const mpcms_tier_t *tier;  /* NULL when the membership has no tier */
    const mpcms_tier_t *tiers; /* the platform's active tiers, by sort_order */
    int tier_count;
    /* Layout variants of the platform's theme (const char *, sorted), or
     * NULL when no themes were given: then any valid name is accepted. */
    const apr_array_header_t *variants;
} mpcms_membership_t;

/*
 * Loads the membership of vendor_code on platform_code. *membership is
 * NULL when the platform, the vendor or the membership is unknown or
 * inactive (the dashboard then responds 404). themes may be NULL. Returns a
 * status other than APR_SUCCESS only when a query failed.
 */
apr_status_t mpcms_dashboard_membership(
    const mpcms_membership_t **membership, mpcms_store_t *store,
    const char *platform_code, const char *vendor_code,
    const mpcms_themes_t *themes, mpcms_error_t **error, apr_pool_t *pool);

/*
 * Reads the membership's time zone and tiers again from db into
 * membership, whose platform and vendor must be set. With lock set, the
 * membership row stays locked on PostgreSQL until the transaction ends;
 * write operations call it first thing in their transaction. Returns
 * APR_ENOENT when the membership is gone or inactive.
 */
apr_status_t mpcms_membership_read(mpcms_membership_t *membership,
                                   mpcms_db_t *db, int lock,
                                   mpcms_error_t **error, apr_pool_t *pool);

/* Returns 1 when the membership's tier has feature. */
int mpcms_membership_has(const mpcms_membership_t *membership,
                         unsigned feature);

/* Where a slug of the storefront comes from. */
typedef enum {
    MPCMS_SOURCE_DEFAULT,  /* the platform's default page */
    MPCMS_SOURCE_OVERRIDE, /* the vendor's copy of a default */
    MPCMS_SOURCE_CUSTOM    /* the vendor's page with a slug of its own */
} mpcms_page_source_e;

/* One slug of the content pages list. */
typedef struct mpcms_content_page {
    const char *slug;
    mpcms_page_source_e source;
    apr_int64_t id;         /* the vendor's page, or the default */
    const char *title;      /* of the same page */
    int is_published;       /* the flag as stored */
    const char *publish_at; /* stored UTC text, or NULL */
    int is_scheduled;       /* published, with publish_at still ahead */
    int is_hidden;          /* a default the vendor hid; also set on overrides
                           whose default is hidden */
    int is_live;            /* the storefront serves this page now */
    const char *template;   /* layout variant, or NULL */
    int sort_order;
    int show_in_nav;
    int default_is_live; /* for an override: the default would be served
                            if the override went away */
} mpcms_content_page_t;

/* Page counts and the limits that apply to them. */
typedef struct mpcms_dashboard_usage {
    mpcms_usage_t used;
    int pages_limit;        /* MPCMS_UNLIMITED for none; 0 without a tier */
    int custom_pages_limit; /* likewise */
    const char *pages_text; /* "4 of 10 pages used" */
    const char *custom_pages_text; /* "1 of 5 custom pages used" */
} mpcms_dashboard_usage_t;

/*
 * Loads the content pages list: every slug the storefront has on the
 * platform (defaults, overrides, custom pages and hidden defaults) as an
 * array of mpcms_content_page_t, ordered by sort_order and slug, and the
 * usage figures. now decides which scheduled pages are live.
 */
apr_status_t mpcms_dashboard_pages(apr_array_header_t **pages,
                                   mpcms_dashboard_usage_t *usage,
                                   mpcms_store_t *store,
                                   const mpcms_membership_t *membership,
                                   apr_time_t now, mpcms_error_t **error,
                                   apr_pool_t *pool);

/*
 * Resolves slug for a preview: the vendor's page under that slug whether
 * published or not, else the default (even unpublished, scheduled or
 * hidden). The resolution renders with mpcms_render like a storefront
 * page (navigation as the storefront shows it at now). Returns
 * MPCMS_ENOTFOUND when the storefront has no such slug at all.
 *
 * The caller must keep previews out of caches and search engines
 * (Cache-Control: no-store, X-Robots-Tag: noindex).
 */
apr_status_t mpcms_dashboard_preview(mpcms_resolution_t *resolution,
                                     mpcms_store_t *store,
                                     const mpcms_membership_t *membership,
                                     const char *slug, apr_time_t now,
                                     mpcms_refusal_t **refusal,
                                     apr_pool_t *pool);

/*
 * Formats a stored UTC publish time for the dashboard in the platform's
 * time zone: *local gets "2026-03-29T03:00" (the value of an HTML
 * datetime-local field), with seconds ("2026-03-29T03:00:30") when they
 * are not zero, so that a form posted back keeps the stored time, and
 * *abbreviation gets "CEST". Returns APR_EINVAL for text that is not in
 * the stored form.
 */
apr_status_t mpcms_dashboard_publish_time(const char **local,
                                          const char **abbreviation,
                                          const mpcms_membership_t *membership,
                                          const char *utc,
                                          mpcms_error_t **error,
                                          apr_pool_t *pool);

#endif /* MPCMS_DASHBOARD_H */
