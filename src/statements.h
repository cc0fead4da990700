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
    MPCMS_SQL_MIGRATION_TRY_LOCK,
    MPCMS_SQL_MIGRATION_LOCK,

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

    /*
     * The admin area and its accounts (statements_admin.c). This block
     * stays last; statements.c holds the ones before it.
     */
    MPCMS_SQL_ADMIN_FIRST,
    MPCMS_SQL_USER_BY_EMAIL = MPCMS_SQL_ADMIN_FIRST,
    MPCMS_SQL_USER_GET,
    MPCMS_SQL_USER_COUNT,
    MPCMS_SQL_USER_LIST,
    MPCMS_SQL_USER_EMAIL_TAKEN,
    MPCMS_SQL_USER_INSERT,
    MPCMS_SQL_USER_UPDATE,
    MPCMS_SQL_USER_SET_PASSWORD,
    MPCMS_SQL_USER_SET_ACTIVE,
    MPCMS_SQL_USER_TOUCH_LOGIN,
    MPCMS_SQL_USER_VENDORS,
    MPCMS_SQL_USER_VENDORS_CLEAR,
    MPCMS_SQL_USER_VENDOR_ADD,
    MPCMS_SQL_SUPER_ADMIN_COUNT,
    MPCMS_SQL_SESSION_INSERT,
    MPCMS_SQL_SESSION_GET,
    MPCMS_SQL_SESSION_TOUCH,
    MPCMS_SQL_SESSION_DELETE,
    MPCMS_SQL_SESSION_DELETE_USER,
    MPCMS_SQL_SESSION_PURGE,
    MPCMS_SQL_FAILURES_BY_ACCOUNT,
    MPCMS_SQL_FAILURES_BY_ADDRESS,
    MPCMS_SQL_FAILURE_INSERT,
    MPCMS_SQL_FAILURES_CLEAR_ACCOUNT,
    MPCMS_SQL_FAILURES_PURGE,
    MPCMS_SQL_TOKEN_COUNT,
    MPCMS_SQL_TOKEN_LIST,
    MPCMS_SQL_TOKEN_GET,
    MPCMS_SQL_TOKEN_INSERT,
    MPCMS_SQL_TOKEN_LOOKUP,
    MPCMS_SQL_TOKEN_TOUCH,
    MPCMS_SQL_TOKEN_REVOKE,
    MPCMS_SQL_TOKENS_REVOKE_USER,
    MPCMS_SQL_AUDIT_INSERT,
    MPCMS_SQL_AUDIT_COUNT,
    MPCMS_SQL_AUDIT_LIST,
    MPCMS_SQL_AUDIT_PRUNE,
    MPCMS_SQL_DASHBOARD,
    MPCMS_SQL_TOTALS,
    MPCMS_SQL_ADMIN_PLATFORM_COUNT,
    MPCMS_SQL_ADMIN_PLATFORM_LIST,
    MPCMS_SQL_ADMIN_PLATFORM_GET,
    MPCMS_SQL_ADMIN_PLATFORM_LOCK,
    MPCMS_SQL_ADMIN_PLATFORM_TAKEN,
    MPCMS_SQL_ADMIN_PLATFORM_INSERT,
    MPCMS_SQL_ADMIN_PLATFORM_UPDATE,
    MPCMS_SQL_ADMIN_PAGE_COUNT,
    MPCMS_SQL_ADMIN_PAGE_LIST,
    MPCMS_SQL_ADMIN_PAGE_GET,
    MPCMS_SQL_ADMIN_PAGE_SLUG_TAKEN,
    MPCMS_SQL_ADMIN_PAGE_INSERT,
    MPCMS_SQL_ADMIN_PAGE_UPDATE,
    MPCMS_SQL_ADMIN_PAGE_SET_PUBLISHED,
    MPCMS_SQL_ADMIN_PAGE_DELETE,
    MPCMS_SQL_ADMIN_CONTENT_COUNT,
    MPCMS_SQL_ADMIN_CONTENT_LIST,
    MPCMS_SQL_ADMIN_VENDOR_COUNT,
    MPCMS_SQL_ADMIN_VENDOR_LIST,
    MPCMS_SQL_ADMIN_VENDOR_GET,
    MPCMS_SQL_ADMIN_VENDOR_LOCK,
    MPCMS_SQL_ADMIN_VENDOR_CODE_TAKEN,
    MPCMS_SQL_ADMIN_VENDOR_INSERT,
    MPCMS_SQL_ADMIN_VENDOR_UPDATE,
    MPCMS_SQL_ADMIN_VENDOR_OPTIONS,
    MPCMS_SQL_ADMIN_MEMBERSHIP_LIST,
    MPCMS_SQL_ADMIN_MEMBERSHIP_GET,
    MPCMS_SQL_ADMIN_MEMBERSHIP_INSERT,
    MPCMS_SQL_ADMIN_MEMBERSHIP_UPDATE,
    MPCMS_SQL_ADMIN_MEMBERSHIP_CLEAR_PRIMARY,
    MPCMS_SQL_ADMIN_SUBDOMAIN_TAKEN,
    MPCMS_SQL_ADMIN_DOMAIN_LIST,
    MPCMS_SQL_ADMIN_DOMAIN_GET,
    MPCMS_SQL_ADMIN_DOMAIN_TAKEN,
    MPCMS_SQL_ADMIN_DOMAIN_PLATFORM,
    MPCMS_SQL_ADMIN_DOMAIN_INSERT,
    MPCMS_SQL_ADMIN_DOMAIN_VERIFY,
    MPCMS_SQL_ADMIN_DOMAIN_SET_ACTIVE,
    MPCMS_SQL_ADMIN_TIER_LIST,
    MPCMS_SQL_ADMIN_TIER_GET,
    MPCMS_SQL_ADMIN_TIER_CODE_TAKEN,
    MPCMS_SQL_ADMIN_TIER_INSERT,
    MPCMS_SQL_ADMIN_TIER_UPDATE,
    MPCMS_SQL_ADMIN_TIER_FEATURES,
    MPCMS_SQL_ADMIN_TIER_FEATURES_CLEAR,
    MPCMS_SQL_ADMIN_TIER_FEATURE_ADD,
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

/* Returns an admin statement; id is from MPCMS_SQL_ADMIN_FIRST on. */
const mpcms_statement_t *mpcms_admin_statement_get(mpcms_sql_e id);

/* Returns the text of a statement for a driver named as apr_dbd names it. */
const char *mpcms_statement_text(const mpcms_statement_t *statement,
                                 const char *driver_name);

#endif /* MPCMS_STATEMENTS_H */
