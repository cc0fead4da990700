/* 64-bit FNV-1a. */
#include <string.h>

#include "digest.h"

#define FNV_PRIME APR_UINT64_C(0x100000001b3)

apr_uint64_t mpcms_digest_bytes(apr_uint64_t digest, const void *data,
                                apr_size_t length)
{
    const unsigned char *bytes = data;
    apr_size_t i;

    for (i = 0; i < length; i++) {
        digest ^= bytes[i];
        digest *= FNV_PRIME;
    }
    return digest;
}

apr_uint64_t mpcms_digest_string(apr_uint64_t digest, const char *text)
{
    if (text == NULL) {
        text = "";
    }
    /* Including the NUL keeps ("ab", "c") apart from ("a", "bc"). */
    return mpcms_digest_bytes(digest, text, strlen(text) + 1);
}

apr_uint64_t mpcms_digest_int(apr_uint64_t digest, apr_int64_t value)
{
    apr_uint64_t bits = (apr_uint64_t)value;
    unsigned char bytes[8];
    int i;

    for (i = 0; i < 8; i++) {
        bytes[i] = (unsigned char)(bits >> (8 * i));
    }
    return mpcms_digest_bytes(digest, bytes, sizeof(bytes));
}
