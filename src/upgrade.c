/* The upgrade from the single-platform schema, in one transaction. */
#include <apr_strings.h>
#include <string.h>

#include "migrate.h"
#include "names.h"
#include "sanitize.h"
#include "script.h"
#include "upgrade.h"

/* Folder of the driver's upgrade scripts under sql_dir. */
static const char *upgrade_file(const mpcms_db_t *db, const char *sql_dir,
                                const char *name, apr_pool_t *pool)
{
    const char *driver_dir =
        strcmp(db->driver_name, "pgsql") == 0 ? "pgsql" : "sqlite";

    return apr_pstrcat(pool, sql_dir, "/", driver_dir, "/upgrades/", name,
                       NULL);
}

static apr_status_t run_file(mpcms_db_t *db, const char *path,
                             mpcms_error_t **error, apr_pool_t *pool)
{
    const char *sql;
    apr_status_t rv = mpcms_script_read(&sql, path, error, pool);

    if (rv == APR_SUCCESS) {
        rv = mpcms_script_run(db, sql, path, error, pool);
    }
    return rv;
}

apr_status_t mpcms_upgrade_stage(mpcms_db_t *db, const char *sql_dir,
                                 mpcms_error_t **error, apr_pool_t *pool)
{
    return run_file(
        db, upgrade_file(db, sql_dir, "single_platform_stage.sql", pool), error,
        pool);
}

static apr_status_t read_legacy_counts(mpcms_upgrade_counts_t *counts,
                                       mpcms_db_t *db, mpcms_error_t **error,
                                       apr_pool_t *pool)
{
    mpcms_rows_t *rows;
    apr_status_t rv;

    rv = mpcms_db_select(&rows, db, MPCMS_SQL_LEGACY_COUNTS, NULL, error, pool);
    if (rv == APR_SUCCESS) {
        counts->vendors = mpcms_rows_int(rows, 0, 0);
        counts->vendor_pages = mpcms_rows_int(rows, 0, 1);
        counts->vendor_null = mpcms_rows_int(rows, 0, 2);
        counts->tiers = mpcms_rows_int(rows, 0, 3);
    }
    return rv;
}

/* Gives every slug that the new CHECK rejects its normalized form. */
static apr_status_t normalize_slugs(apr_array_header_t *renamed, mpcms_db_t *db,
                                    mpcms_error_t **error, apr_pool_t *pool)
{
    mpcms_rows_t *rows;
    apr_status_t rv;
    int affected;
    int i;

    rv = mpcms_db_select(&rows, db, MPCMS_SQL_LEGACY_SLUGS, NULL, error, pool);
    for (i = 0; rv == APR_SUCCESS && i < rows->count; i++) {
        mpcms_upgrade_rename_t rename;
        const char *args[2];

        rename.id = mpcms_rows_int(rows, i, 0);
        rename.from = mpcms_rows_get(rows, i, 1);
        rename.vendor = mpcms_rows_get(rows, i, 2);
        rename.to = mpcms_slug_normalize(rename.from, rename.id, pool);
        if (rename.to == rename.from) {
            continue;
        }
        args[0] = rename.to;
        args[1] = mpcms_rows_get(rows, i, 0);
        rv = mpcms_db_execute(&affected, db, MPCMS_SQL_LEGACY_SET_SLUG, args,
                              error, pool);
        APR_ARRAY_PUSH(renamed, mpcms_upgrade_rename_t) = rename;
    }
    return rv;
}

/*
 * Renames every page but one of each (vendor, slug) group to
 * "{slug}-{id}" and unpublishes it. Vendor-NULL pages form one group per
 * slug, because the new unique rule treats them as one owner.
 */
static apr_status_t resolve_duplicates(apr_array_header_t *renamed,
                                       mpcms_db_t *db, mpcms_error_t **error,
                                       apr_pool_t *pool)
{
    mpcms_rows_t *rows;
    apr_status_t rv;
    int affected;
    int i;

    rv = mpcms_db_select(&rows, db, MPCMS_SQL_LEGACY_DUPLICATES, NULL, error,
                         pool);
    for (i = 0; rv == APR_SUCCESS && i < rows->count; i++) {
        mpcms_upgrade_rename_t rename;
        const char *args[2];

        rename.id = mpcms_rows_int(rows, i, 0);
        rename.from = mpcms_rows_get(rows, i, 1);
        rename.vendor = mpcms_rows_get(rows, i, 2);
        rename.to = mpcms_slug_with_id(rename.from, rename.id, pool);
        args[0] = rename.to;
        args[1] = mpcms_rows_get(rows, i, 0);
        rv = mpcms_db_execute(&affected, db, MPCMS_SQL_LEGACY_RENAME_DUPLICATE,
                              args, error, pool);
        APR_ARRAY_PUSH(renamed, mpcms_upgrade_rename_t) = rename;
    }
    return rv;
}

static apr_status_t read_pairs(apr_array_header_t *pairs, mpcms_db_t *db,
                               mpcms_error_t **error, apr_pool_t *pool)
{
    mpcms_rows_t *rows;
    apr_status_t rv;
    int i;

    rv = mpcms_db_select(&rows, db, MPCMS_SQL_UPGRADE_MARKETING_PAIRS, NULL,
                         error, pool);
    for (i = 0; rv == APR_SUCCESS && i < rows->count; i++) {
        mpcms_upgrade_pair_t *pair = apr_array_push(pairs);

        pair->slug = mpcms_rows_get(rows, i, 1);
        pair->platform_page_id = mpcms_rows_int(rows, i, 2);
        pair->default_page_id = mpcms_rows_int(rows, i, 3);
    }
    return rv;
}

/* Passes every page body through the sanitizer and counts the changes. */
static apr_status_t sanitize_bodies(int *changed, mpcms_db_t *db,
                                    mpcms_error_t **error, apr_pool_t *pool)
{
    mpcms_rows_t *rows;
    apr_status_t rv;
    int affected;
    int i;

    *changed = 0;
    rv = mpcms_db_select(&rows, db, MPCMS_SQL_PAGE_BODIES, NULL, error, pool);
    for (i = 0; rv == APR_SUCCESS && i < rows->count; i++) {
        const char *body = mpcms_rows_get(rows, i, 1);
        const char *clean;
        const char *args[2];

        rv = mpcms_sanitize_html(&clean, NULL, body, strlen(body), error, pool);
        if (rv != APR_SUCCESS || strcmp(clean, body) == 0) {
            continue;
        }
        args[0] = clean;
        args[1] = mpcms_rows_get(rows, i, 0);
        rv = mpcms_db_execute(&affected, db, MPCMS_SQL_PAGE_SET_BODY, args,
                              error, pool);
        (*changed)++;
    }
    return rv;
}

/* Compares the counts after the copy with the counts before it. */
static apr_status_t verify_counts(mpcms_upgrade_counts_t *counts,
                                  apr_int64_t pairs, mpcms_db_t *db,
                                  mpcms_error_t **error, apr_pool_t *pool)
{
    mpcms_rows_t *rows;
    apr_status_t rv;

    rv =
        mpcms_db_select(&rows, db, MPCMS_SQL_UPGRADE_COUNTS, NULL, error, pool);
    if (rv != APR_SUCCESS) {
        return rv;
    }
    counts->memberships = mpcms_rows_int(rows, 0, 0);
    counts->vendor_pages_now = mpcms_rows_int(rows, 0, 1);
    counts->platform_pages = mpcms_rows_int(rows, 0, 2);
    counts->defaults = mpcms_rows_int(rows, 0, 3);
    counts->tiers_now = mpcms_rows_int(rows, 0, 4);

    if (counts->memberships != counts->vendors) {
        *error = mpcms_error_make("verification", 0, 0, pool,
                                  "%" APR_INT64_T_FMT
                                  " vendors before but %" APR_INT64_T_FMT
                                  " memberships on oms after",
                                  counts->vendors, counts->memberships);
        return APR_EGENERAL;
    }
    if (counts->vendor_pages_now != counts->vendor_pages) {
        *error = mpcms_error_make(
            "verification", 0, 0, pool,
            "%" APR_INT64_T_FMT " vendor pages before but %" APR_INT64_T_FMT
            " after",
            counts->vendor_pages, counts->vendor_pages_now);
        return APR_EGENERAL;
    }
    if (counts->vendor_null + pairs
        != counts->platform_pages + counts->defaults) {
        *error = mpcms_error_make(
            "verification", 0, 0, pool,
            "%" APR_INT64_T_FMT " vendor-NULL pages and %" APR_INT64_T_FMT
            " marketing pairs before, but %" APR_INT64_T_FMT
            " platform pages and %" APR_INT64_T_FMT " defaults after",
            counts->vendor_null, pairs, counts->platform_pages,
            counts->defaults);
        return APR_EGENERAL;
    }
    if (counts->tiers_now != counts->tiers) {
        *error = mpcms_error_make(
            "verification", 0, 0, pool,
            "%" APR_INT64_T_FMT " tiers before but %" APR_INT64_T_FMT " after",
            counts->tiers, counts->tiers_now);
        return APR_EGENERAL;
    }
    return APR_SUCCESS;
}

/* Runs the steps between begin and commit; the caller rolls back. */
static apr_status_t run_steps(mpcms_upgrade_report_t *report, mpcms_db_t *db,
                              const char *sql_dir, mpcms_error_t **error,
                              apr_pool_t *pool)
{
    const char *schema = apr_pstrcat(
        pool, mpcms_migration_directory(sql_dir, db->driver_name, pool),
        "/0001_multi_platform_schema.sql", NULL);
    apr_status_t rv;

    if ((rv = mpcms_upgrade_stage(db, sql_dir, error, pool)) != APR_SUCCESS
        || (rv = read_legacy_counts(&report->counts, db, error, pool))
               != APR_SUCCESS
        || (rv = normalize_slugs(report->normalized, db, error, pool))
               != APR_SUCCESS
        || (rv = resolve_duplicates(report->duplicates, db, error, pool))
               != APR_SUCCESS
        || (rv = run_file(db, schema, error, pool)) != APR_SUCCESS
        || (rv = run_file(
                db, upgrade_file(db, sql_dir, "single_platform_copy.sql", pool),
                error, pool))
               != APR_SUCCESS
        || (rv = read_pairs(report->pairs, db, error, pool)) != APR_SUCCESS
        || (rv = sanitize_bodies(&report->sanitized, db, error, pool))
               != APR_SUCCESS) {
        return rv;
    }
    return verify_counts(&report->counts, report->pairs->nelts, db, error,
                         pool);
}

apr_status_t mpcms_upgrade_single_platform(mpcms_upgrade_report_t **report,
                                           mpcms_db_t *db, const char *sql_dir,
                                           mpcms_error_t **error,
                                           apr_pool_t *pool)
{
    mpcms_upgrade_report_t *out = apr_pcalloc(pool, sizeof(*out));
    apr_status_t rv;

    *report = NULL;
    out->normalized = apr_array_make(pool, 8, sizeof(mpcms_upgrade_rename_t));
    out->duplicates = apr_array_make(pool, 8, sizeof(mpcms_upgrade_rename_t));
    out->pairs = apr_array_make(pool, 10, sizeof(mpcms_upgrade_pair_t));

    rv = mpcms_migration_begin(db, error, pool);
    if (rv != APR_SUCCESS) {
        return rv;
    }
    rv = run_steps(out, db, sql_dir, error, pool);
    if (rv != APR_SUCCESS) {
        mpcms_migration_rollback(db, pool);
        return rv;
    }
    /* The same version row as a fresh install's first migration. */
    rv = mpcms_migration_commit(db, 1, "multi_platform_schema", error, pool);
    if (rv == APR_SUCCESS) {
        *report = out;
    }
    return rv;
}
