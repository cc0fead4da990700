/*
 * Rows of the admin queries as JSON objects (API responses, audit data)
 * and as form values (edit forms). A column list names the columns of a
 * query in order and gives the type that each is read as.
 */
#ifndef MPCMS_RECORD_H
#define MPCMS_RECORD_H

#include <apr_tables.h>
#include <jansson.h>

#include "store.h"

typedef enum {
    MPCMS_COLUMN_TEXT,
    MPCMS_COLUMN_INT,
    MPCMS_COLUMN_BOOL, /* "1"/"0" (SQLite) or "t"/"f" (PostgreSQL) */
    MPCMS_COLUMN_JSON, /* JSON text, embedded as a value */
    MPCMS_COLUMN_TIME, /* a stored time, written as 2026-01-31T12:00:00Z */
    MPCMS_COLUMN_KEY   /* an internal id: read by the code, never shown */
} mpcms_column_type_e;

typedef struct mpcms_column {
    const char *name; /* NULL ends a list */
    mpcms_column_type_e type;
} mpcms_column_t;

/* Returns the index of the column called name, or -1. */
int mpcms_record_index(const mpcms_column_t *columns, const char *name);

/* Returns the cell of column name in row, or NULL (also for SQL NULL). */
const char *mpcms_record_get(const mpcms_rows_t *rows, int row,
                             const mpcms_column_t *columns, const char *name);

/*
 * Builds a JSON object of row: SQL NULL is null, booleans true or false,
 * integers numbers, JSON columns their value, times normalized. KEY
 * columns are left out. The caller owns the reference.
 */
json_t *mpcms_record_json(const mpcms_rows_t *rows, int row,
                          const mpcms_column_t *columns);

/* Builds a JSON array of every row, as mpcms_record_json does. */
json_t *mpcms_record_json_array(const mpcms_rows_t *rows,
                                const mpcms_column_t *columns);

/*
 * Builds form values of row: SQL NULL is "", booleans "1" or "0", JSON
 * indented by two spaces, times normalized.
 */
apr_table_t *mpcms_record_values(const mpcms_rows_t *rows, int row,
                                 const mpcms_column_t *columns,
                                 apr_pool_t *pool);

/* Returns a JSON value as text allocated from pool (compact, or indented). */
const char *mpcms_json_text(const json_t *value, int indent, apr_pool_t *pool);

/* Column lists of the admin queries (statements_admin.c). */
extern const mpcms_column_t mpcms_platform_columns[];
extern const mpcms_column_t mpcms_page_columns[];
extern const mpcms_column_t mpcms_content_columns[];
extern const mpcms_column_t mpcms_vendor_columns[];
extern const mpcms_column_t mpcms_membership_columns[];
extern const mpcms_column_t mpcms_domain_columns[];
extern const mpcms_column_t mpcms_tier_columns[];
extern const mpcms_column_t mpcms_user_columns[];
extern const mpcms_column_t mpcms_token_columns[];
extern const mpcms_column_t mpcms_audit_columns[];
extern const mpcms_column_t mpcms_dashboard_columns[];

#endif /* MPCMS_RECORD_H */
