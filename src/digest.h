/*
 * 64-bit FNV-1a digests, for ETags and template generations. They are
 * fast and stable across processes and restarts; they are not meant to
 * resist deliberate collisions.
 */
#ifndef MPCMS_DIGEST_H
#define MPCMS_DIGEST_H

#include <apr.h>

#define MPCMS_DIGEST_INIT APR_UINT64_C(0xcbf29ce484222325)

/* Folds length bytes of data into digest and returns the new digest. */
apr_uint64_t mpcms_digest_bytes(apr_uint64_t digest, const void *data,
                                apr_size_t length);

/* Folds a NUL-terminated string, and its end, into digest. */
apr_uint64_t mpcms_digest_string(apr_uint64_t digest, const char *text);

/* Folds a 64-bit integer into digest, independent of byte order. */
apr_uint64_t mpcms_digest_int(apr_uint64_t digest, apr_int64_t value);

#endif /* MPCMS_DIGEST_H */
