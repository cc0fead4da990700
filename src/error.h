/*
 * Error records of the mod_mpcms core.
 *
 * Core functions return an apr_status_t and, on failure, may fill an
 * mpcms_error_t so that the caller can show the reason to a person: a
 * hosting provider reading a configuration error, an admin reading a form
 * error. Only the Apache glue maps errors to HTTP statuses.
 */
#ifndef MPCMS_ERROR_H
#define MPCMS_ERROR_H

#include <apr_errno.h>
#include <apr_pools.h>

/*
 * Statuses of failures that the glue reports to clients, each with the
 * HTTP status it maps to. They start well above MPCMS_EUNAVAILABLE
 * (store.h) to leave room for statuses of other parts.
 */
#define MPCMS_EBADREQUEST   (APR_OS_START_USERERR + 20) /* 400 malformed */
#define MPCMS_EUNAUTHORIZED (APR_OS_START_USERERR + 21) /* 401 */
#define MPCMS_EFORBIDDEN    (APR_OS_START_USERERR + 22) /* 403 */
#define MPCMS_ENOTFOUND     (APR_OS_START_USERERR + 23) /* 404 */
#define MPCMS_EMETHOD       (APR_OS_START_USERERR + 24) /* 405 */
#define MPCMS_ECONFLICT     (APR_OS_START_USERERR + 25) /* 409 */
#define MPCMS_ETOOLARGE     (APR_OS_START_USERERR + 26) /* 413 */
#define MPCMS_EMEDIATYPE    (APR_OS_START_USERERR + 27) /* 415 */
#define MPCMS_EINVALID      (APR_OS_START_USERERR + 28) /* 422 a field */
#define MPCMS_ETHROTTLED    (APR_OS_START_USERERR + 29) /* 429 */

typedef struct mpcms_error {
    const char *message; /* what failed, naming the value involved */
    const char *source;  /* file, statement label or form field; may be NULL */
    int line;            /* 1-based position in source; 0 when none */
    int column;
} mpcms_error_t;

/*
 * Allocates an error record from pool. source may be NULL, and line and
 * column 0 when the error has no position. The message is formatted with
 * apr_pvsprintf.
 */
mpcms_error_t *mpcms_error_make(const char *source, int line, int column,
                                apr_pool_t *pool, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

/*
 * Formats an error as "source:line:column: message", leaving out the parts
 * that are not set. The string is allocated from pool.
 */
const char *mpcms_error_format(const mpcms_error_t *error, apr_pool_t *pool);

#endif /* MPCMS_ERROR_H */
