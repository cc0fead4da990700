/*
 * The SQL of mod_mpcms: one entry per statement, with a text per driver
 * where the drivers differ.
 *
 * Placeholders follow apr_dbd: %s for text, %d for int, %ld for bigint
 * (ids). Booleans in results come back as "1"/"0" from SQLite and
 * "t"/"f" from PostgreSQL; read them with mpcms_rows_bool.
 */
#ifndef MPCMS_STATEMENTS_H
#define MPCMS_STATEMENTS_H

typedef enum {
    /* Page serving (the module). */
    MPCMS_SQL_PLATFORM_AND_VENDOR,
    MPCMS_SQL_VENDOR_BY_SUBDOMAIN,
    MPCMS_SQL_CUSTOM_DOMAIN,
    MPCMS_SQL_PLATFORM_ROUTES,
    MPCMS_SQL_STOREFRONT_PAGES,
    MPCMS_SQL_PLATFORM_PAGES,

    /* Schema versions (the module's schema check and mpcms-admin). */
    MPCMS_SQL_TABLE_EXISTS,
    MPCMS_SQL_SCHEMA_VERSION,
    MPCMS_SQL_MIGRATION_LIST,
    MPCMS_SQL_MIGRATION_RECORD,

    /* Figures that mpcms-admin prints after a migration. */
    MPCMS_SQL_FIGURES_MEMBERSHIPS,
    MPCMS_SQL_FIGURES_PAGES,

    /* The single-platform upgrade, on the staged legacy tables. */
    MPCMS_SQL_LEGACY_COUNTS,
    MPCMS_SQL_LEGACY_SLUGS,
    MPCMS_SQL_LEGACY_SET_SLUG,
    MPCMS_SQL_LEGACY_DUPLICATES,
    MPCMS_SQL_LEGACY_RENAME_DUPLICATE,

    /* The single-platform upgrade, on the new tables. */
    MPCMS_SQL_UPGRADE_COUNTS,
    MPCMS_SQL_UPGRADE_MARKETING_PAIRS,
    MPCMS_SQL_PAGE_BODIES,
    MPCMS_SQL_PAGE_SET_BODY,

    /* The vendor dashboard. */
    MPCMS_SQL_MEMBERSHIP_TIER,
    MPCMS_SQL_MEMBERSHIP_LOCK,
    MPCMS_SQL_PLATFORM_TIERS,
    MPCMS_SQL_VENDOR_USAGE,
    MPCMS_SQL_DASHBOARD_PAGES,
    MPCMS_SQL_VENDOR_PAGE,
    MPCMS_SQL_DEFAULT_PAGE,
    MPCMS_SQL_OVERRIDE_INSERT,
    MPCMS_SQL_CUSTOM_PAGE_INSERT,
    MPCMS_SQL_VENDOR_PAGE_UPDATE,
    MPCMS_SQL_VENDOR_PAGE_DELETE,
    MPCMS_SQL_HIDDEN_PAGE_INSERT,
    MPCMS_SQL_HIDDEN_PAGE_DELETE,

    MPCMS_SQL_COUNT
} mpcms_sql_e;

/* Tables a statement needs, so that a test can run each one. */
typedef enum {
    MPCMS_SCHEMA_CURRENT, /* the schema at MPCMS_SCHEMA_VERSION */
    MPCMS_SCHEMA_STAGED   /* the single-platform tables, staged for upgrade */
} mpcms_schema_e;

typedef struct mpcms_statement {
    const char *label; /* name of the prepared statement, unique */
    int nargs;         /* number of placeholders */
    const char *sqlite3;
    const char *pgsql; /* NULL when the SQLite text serves PostgreSQL too */
    mpcms_schema_e schema;
} mpcms_statement_t;

/* Returns the statement with this id; id must be below MPCMS_SQL_COUNT. */
const mpcms_statement_t *mpcms_statement_get(mpcms_sql_e id);

/* Returns the text of a statement for a driver named as apr_dbd names it. */
const char *mpcms_statement_text(const mpcms_statement_t *statement,
                                 const char *driver_name);

#endif /* MPCMS_STATEMENTS_H */
