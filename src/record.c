/* Query rows as JSON and as form values. */
#include <apr_strings.h>
#include <stdlib.h>
#include <string.h>

#include "record.h"
#include "timestamp.h"

int mpcms_record_index(const mpcms_column_t *columns, const char *name)
{
    int i;

    for (i = 0; columns[i].name != NULL; i++) {
        if (strcmp(columns[i].name, name) == 0) {
            return i;
        }
    }
    return -1;
}

const char *mpcms_record_get(const mpcms_rows_t *rows, int row,
                             const mpcms_column_t *columns, const char *name)
{
    int column = mpcms_record_index(columns, name);

    return column >= 0 ? mpcms_rows_get(rows, row, column) : NULL;
}

const char *mpcms_json_text(const json_t *value, int indent, apr_pool_t *pool)
{
    size_t flags = JSON_ENCODE_ANY | JSON_PRESERVE_ORDER
                   | (indent ? JSON_INDENT(2) : JSON_COMPACT);
    char *text = json_dumps(value, flags);
    const char *copy;

    if (text == NULL) {
        return NULL;
    }
    copy = apr_pstrdup(pool, text);
    free(text);
    return copy;
}

/* Converts one non-NULL cell; unreadable JSON is kept as a string. */
static json_t *cell_json(const mpcms_rows_t *rows, int row, int column,
                         mpcms_column_type_e type)
{
    const char *value = mpcms_rows_get(rows, row, column);
    apr_time_t t;
    json_t *parsed;

    switch (type) {
    case MPCMS_COLUMN_INT:
        return json_integer((json_int_t)mpcms_rows_int(rows, row, column));
    case MPCMS_COLUMN_BOOL:
        return json_boolean(mpcms_rows_bool(rows, row, column));
    case MPCMS_COLUMN_JSON:
        parsed = json_loads(value, JSON_DECODE_ANY, NULL);
        return parsed != NULL ? parsed : json_string(value);
    case MPCMS_COLUMN_TIME:
        if (mpcms_timestamp_parse(&t, value) == APR_SUCCESS) {
            char text[32];
            apr_time_exp_t parts;

            apr_time_exp_gmt(&parts, t);
            apr_snprintf(text, sizeof(text), "%04d-%02d-%02dT%02d:%02d:%02dZ",
                         parts.tm_year + 1900, parts.tm_mon + 1, parts.tm_mday,
                         parts.tm_hour, parts.tm_min, parts.tm_sec);
            return json_string(text);
        }
        return json_string(value);
    default:
        /* json_string returns NULL for invalid UTF-8; keep the key. */
        parsed = json_string(value);
        return parsed != NULL ? parsed : json_null();
    }
}

json_t *mpcms_record_json(const mpcms_rows_t *rows, int row,
                          const mpcms_column_t *columns)
{
    json_t *object = json_object();
    int i;

    for (i = 0; columns[i].name != NULL; i++) {
        if (columns[i].type == MPCMS_COLUMN_KEY) {
            continue;
        }
        if (mpcms_rows_get(rows, row, i) == NULL) {
            json_object_set_new(object, columns[i].name, json_null());
        }
        else {
            json_object_set_new(object, columns[i].name,
                                cell_json(rows, row, i, columns[i].type));
        }
    }
    return object;
}

json_t *mpcms_record_json_array(const mpcms_rows_t *rows,
                                const mpcms_column_t *columns)
{
    json_t *array = json_array();
    int row;

    for (row = 0; row < rows->count; row++) {
        json_array_append_new(array, mpcms_record_json(rows, row, columns));
    }
    return array;
}

apr_table_t *mpcms_record_values(const mpcms_rows_t *rows, int row,
                                 const mpcms_column_t *columns,
                                 apr_pool_t *pool)
{
    apr_table_t *values = apr_table_make(pool, 16);
    int i;

    for (i = 0; columns[i].name != NULL; i++) {
        const char *value = mpcms_rows_get(rows, row, i);

        if (value == NULL) {
            value = "";
        }
        else if (columns[i].type == MPCMS_COLUMN_BOOL) {
            value = mpcms_rows_bool(rows, row, i) ? "1" : "0";
        }
        else if (columns[i].type == MPCMS_COLUMN_TIME) {
            value = mpcms_timestamp_normalize(value, pool);
        }
        else if (columns[i].type == MPCMS_COLUMN_JSON) {
            json_t *parsed = json_loads(value, JSON_DECODE_ANY, NULL);

            if (parsed != NULL) {
                value = mpcms_json_text(parsed, 1, pool);
                json_decref(parsed);
            }
        }
        apr_table_setn(values, columns[i].name, value);
    }
    return values;
}
