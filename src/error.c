/* Error records shared by the core and the Apache glue. */
#include <apr_strings.h>

#include "error.h"

mpcms_error_t *mpcms_error_make(const char *source, int line, int column,
                                apr_pool_t *pool, const char *fmt, ...)
{
    mpcms_error_t *error = apr_pcalloc(pool, sizeof(*error));
    va_list args;

    va_start(args, fmt);
    error->message = apr_pvsprintf(pool, fmt, args);
    va_end(args);

    error->source = source ? apr_pstrdup(pool, source) : NULL;
    error->line = line;
    error->column = column;
    return error;
}

const char *mpcms_error_format(const mpcms_error_t *error, apr_pool_t *pool)
{
    if (error == NULL) {
        return "unknown error";
    }
    if (error->source == NULL) {
        return error->message;
    }
    if (error->line == 0) {
        return apr_psprintf(pool, "%s: %s", error->source, error->message);
    }
    if (error->column == 0) {
        return apr_psprintf(pool, "%s:%d: %s", error->source, error->line,
                            error->message);
    }
    return apr_psprintf(pool, "%s:%d:%d: %s", error->source, error->line,
                        error->column, error->message);
}
