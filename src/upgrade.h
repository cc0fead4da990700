/*
 * The upgrade from the single-platform schema (vendors, global tiers and
 * pages without a platform, no schema_migrations) to schema version 1.
 *
 * Everything runs in one transaction. The old tables are staged out of
 * the way, and invalid and duplicate slugs are resolved. Then the version
 * 1 schema is created, the rows are copied with every backfill, and page
 * bodies pass the HTML sanitizer. Last, the counts before and after are
 * compared. Any failure, a failed comparison included, rolls the whole
 * upgrade back.
 * docs/OPERATIONS.md lists each rule.
 */
#ifndef MPCMS_UPGRADE_H
#define MPCMS_UPGRADE_H

#include <apr_tables.h>

#include "error.h"
#include "store.h"

/* A page whose slug the upgrade changed. */
typedef struct mpcms_upgrade_rename {
    apr_int64_t id;
    const char *vendor; /* vendor code; NULL for a vendor-NULL page */
    const char *from;
    const char *to;
} mpcms_upgrade_rename_t;

/* A slug served both as a platform page and as a vendor default. */
typedef struct mpcms_upgrade_pair {
    const char *slug;
    apr_int64_t platform_page_id;
    apr_int64_t default_page_id;
} mpcms_upgrade_pair_t;

/* Row counts that the upgrade compares before it commits. */
typedef struct mpcms_upgrade_counts {
    apr_int64_t vendors;          /* before: vendors */
    apr_int64_t vendor_pages;     /* before: pages with a vendor */
    apr_int64_t vendor_null;      /* before: pages without a vendor */
    apr_int64_t tiers;            /* before: tiers */
    apr_int64_t memberships;      /* after: vendor memberships on oms */
    apr_int64_t vendor_pages_now; /* after: pages with a vendor */
    apr_int64_t platform_pages;   /* after: platform pages */
    apr_int64_t defaults;         /* after: defaults for vendors */
    apr_int64_t tiers_now;        /* after: tiers */
} mpcms_upgrade_counts_t;

typedef struct mpcms_upgrade_report {
    apr_array_header_t *normalized; /* mpcms_upgrade_rename_t: invalid slugs */
    apr_array_header_t *duplicates; /* mpcms_upgrade_rename_t: renamed and
                                       unpublished duplicates */
    apr_array_header_t *pairs;      /* mpcms_upgrade_pair_t */
    int sanitized;                  /* page bodies the sanitizer changed */
    mpcms_upgrade_counts_t counts;
} mpcms_upgrade_report_t;

/*
 * Upgrades a single-platform database to schema version 1 and fills
 * *report (from pool). sql_dir is the sql/ folder with the driver's
 * upgrades/ and migrations/ files. On failure the database is as before
 * and *error names the step that failed.
 */
apr_status_t mpcms_upgrade_single_platform(mpcms_upgrade_report_t **report,
                                           mpcms_db_t *db, const char *sql_dir,
                                           mpcms_error_t **error,
                                           apr_pool_t *pool);

/*
 * Runs only the first step: moves the single-platform tables out of the
 * way (SQLite: legacy_ prefix; PostgreSQL: schema mpcms_legacy), in the
 * current transaction. For tests of the statements that read them.
 */
apr_status_t mpcms_upgrade_stage(mpcms_db_t *db, const char *sql_dir,
                                 mpcms_error_t **error, apr_pool_t *pool);

#endif /* MPCMS_UPGRADE_H */
