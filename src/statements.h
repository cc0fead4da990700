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
    MPCMS_SQL_PLATFORM_AND_VENDOR,
    MPCMS_SQL_VENDOR_BY_SUBDOMAIN,
    MPCMS_SQL_CUSTOM_DOMAIN,
    MPCMS_SQL_PLATFORM_ROUTES,
    MPCMS_SQL_STOREFRONT_PAGES,
    MPCMS_SQL_PLATFORM_PAGES,

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

typedef struct mpcms_statement {
    const char *label; /* name of the prepared statement, unique */
    int nargs;         /* number of placeholders */
    const char *sqlite3;
    const char *pgsql; /* NULL when the SQLite text serves PostgreSQL too */
} mpcms_statement_t;

/* Returns the statement with this id; id must be below MPCMS_SQL_COUNT. */
const mpcms_statement_t *mpcms_statement_get(mpcms_sql_e id);

/* Returns the text of a statement for a driver named as apr_dbd names it. */
const char *mpcms_statement_text(const mpcms_statement_t *statement,
                                 const char *driver_name);

#endif /* MPCMS_STATEMENTS_H */
