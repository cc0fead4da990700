/*
 * Input fields of the admin forms and the JSON API, described once per
 * record type: how each field is entered, what it must look like, and how
 * it is stored.
 *
 * Values travel in an apr_table_t of strings, whichever way they came: a
 * form, a JSON body, or a row read back for editing. Checkboxes are "1" or
 * "0", an empty string is an empty field (stored as NULL when the field is
 * MPCMS_FIELD_NULLABLE), and a field with several choices repeats its
 * name. Table keys compare without case, as in every APR table; the JSON
 * reader rejects names that are not exactly those of the fields.
 */
#ifndef MPCMS_FIELDS_H
#define MPCMS_FIELDS_H

#include <apr_pools.h>
#include <apr_tables.h>

#include "error.h"

/* How a field is entered, and which HTML control shows it. */
typedef enum {
    MPCMS_INPUT_TEXT,     /* one line */
    MPCMS_INPUT_EMAIL,    /* one line, an e-mail address */
    MPCMS_INPUT_TEXTAREA, /* several lines */
    MPCMS_INPUT_HTML,     /* a page body, sanitized when saved */
    MPCMS_INPUT_JSON,     /* JSON text in a form; any JSON value in the API */
    MPCMS_INPUT_CHECKBOX, /* "1" or "0"; true or false in JSON */
    MPCMS_INPUT_NUMBER,   /* a whole number */
    MPCMS_INPUT_SELECT,   /* one of a list of values */
    MPCMS_INPUT_CHOICES,  /* any subset of a list of values */
    MPCMS_INPUT_PASSWORD, /* never shown back */
    MPCMS_INPUT_DATETIME  /* a wall-clock time: "2026-03-29T08:00" */
} mpcms_input_e;

/* What the value must look like, beyond its input kind. */
typedef enum {
    MPCMS_CHECK_NONE,
    MPCMS_CHECK_SLUG,        /* 1 to 100 of [a-z0-9_-] */
    MPCMS_CHECK_CODE,        /* 1 to 50 of [a-z0-9_-] */
    MPCMS_CHECK_DOMAIN,      /* a DNS name, lower-cased */
    MPCMS_CHECK_PATH_PREFIX, /* "/oms", "/p/oms" */
    MPCMS_CHECK_EMAIL,       /* local@domain, lower-cased */
    MPCMS_CHECK_LANGUAGE,    /* a language tag: en, fr, pt-BR */
    MPCMS_CHECK_LANGUAGES,   /* a JSON array of language tags */
    MPCMS_CHECK_TIMEZONE,    /* UTC or an IANA name: Europe/Luxembourg */
    MPCMS_CHECK_URL,         /* http(s) URL or a path starting with "/" */
    MPCMS_CHECK_LABEL,       /* a DNS label, lower-cased */
    MPCMS_CHECK_JSON_OBJECT, /* a JSON object */
    MPCMS_CHECK_THEME,       /* a JSON object whose colour keys hold colours */
    MPCMS_CHECK_PASSWORD     /* the password policy of auth.h */
} mpcms_check_e;

/* Flags of a field. */
#define MPCMS_FIELD_REQUIRED 0x1 /* must not be empty */
#define MPCMS_FIELD_NULLABLE 0x2 /* empty is stored as NULL */

typedef struct mpcms_option {
    const char *value; /* NULL ends an array */
    const char *label;
} mpcms_option_t;

typedef struct mpcms_field {
    const char *name; /* form and JSON name; NULL ends an array */
    const char *label;
    mpcms_input_e input;
    mpcms_check_e check;
    unsigned flags;
    int max_length;                /* characters; 0: no limit of its own */
    long min;                      /* MPCMS_INPUT_NUMBER: smallest value */
    long max;                      /* MPCMS_INPUT_NUMBER: largest value */
    const mpcms_option_t *options; /* fixed choices; NULL: set at run time */
    const char *default_value;     /* of a new record; NULL: empty */
    const char *hint;              /* shown under the control; may be NULL */
} mpcms_field_t;

/* Returns the field called name, or NULL. */
const mpcms_field_t *mpcms_fields_find(const mpcms_field_t *fields,
                                       const char *name);

/* Returns the values of a new record: every field's default_value. */
apr_table_t *mpcms_fields_defaults(const mpcms_field_t *fields,
                                   apr_pool_t *pool);

/*
 * Takes the values of fields out of parsed form data. An unchecked
 * checkbox is absent from form data, so it becomes "0". Other names in
 * the form (the CSRF token, buttons) are ignored.
 */
apr_table_t *mpcms_fields_from_form(const mpcms_field_t *fields,
                                    const apr_table_t *form, apr_pool_t *pool);

/*
 * Reads a JSON object of length bytes into *values, keeping only the
 * names present (a partial record). Returns MPCMS_EBADREQUEST, with the
 * line, column and byte position in *error, for text that is not JSON or
 * not an object. Returns MPCMS_EINVALID with one error per field in
 * *errors for an unknown name or a value of the wrong JSON type.
 */
apr_status_t mpcms_fields_from_json(apr_table_t **values,
                                    apr_array_header_t **errors,
                                    const mpcms_field_t *fields,
                                    const char *text, apr_size_t length,
                                    mpcms_error_t **error, apr_pool_t *pool);

/*
 * Copies the values of update over those of base (the record as stored),
 * replacing every value of a name that update has.
 */
apr_table_t *mpcms_fields_merge(const mpcms_field_t *fields,
                                const apr_table_t *base,
                                const apr_table_t *update, apr_pool_t *pool);

/*
 * Checks every field of values and writes the stored form to *clean:
 * trimmed one-line text, lower-cased e-mail addresses, domains and
 * labels, "1"/"0" checkboxes, numbers without leading zeros, compact JSON,
 * choices without repeats. Returns MPCMS_EINVALID with one error per
 * invalid field (source: the field's name) in *errors; *clean is then
 * still filled with what could be read, to show the form again.
 */
apr_status_t mpcms_fields_validate(apr_table_t **clean,
                                   apr_array_header_t **errors,
                                   const mpcms_field_t *fields,
                                   const apr_table_t *values, apr_pool_t *pool);

/*
 * Appends an error for field to *errors, creating the array when it is
 * NULL. The message is formatted with apr_pvsprintf.
 */
void mpcms_fields_add_error(apr_array_header_t **errors, const char *field,
                            apr_pool_t *pool, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/*
 * Returns the errors of reading a JSON body (body_errors: unknown fields,
 * wrong JSON types) followed by those of errors whose field body_errors
 * does not name, so that a rejected record lists every problem once.
 * Returns NULL when both are NULL. The result may be either array.
 */
apr_array_header_t *mpcms_fields_join_errors(apr_array_header_t *body_errors,
                                             apr_array_header_t *errors,
                                             apr_pool_t *pool);

/* Returns the first error of errors about field, or NULL. */
const mpcms_error_t *mpcms_fields_error_for(const apr_array_header_t *errors,
                                            const char *field);

/* Returns 1 when the value is absent or empty. */
int mpcms_fields_is_empty(const apr_table_t *values, const char *name);

/* Returns the value of name, or NULL when it is empty (SQL NULL). */
const char *mpcms_fields_sql(const apr_table_t *values, const char *name);

#endif /* MPCMS_FIELDS_H */
