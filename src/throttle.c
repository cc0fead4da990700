/* Waiting times after failed logins. */
#include "throttle.h"

long mpcms_throttle_wait(const apr_time_t *recent, int count, int limit,
                         apr_interval_time_t window, apr_time_t now)
{
    apr_time_t oldest_counted;
    apr_interval_time_t remaining;
    long seconds;

    if (limit <= 0 || count < limit) {
        return 0;
    }

    /* Below the limit again once the limit-th newest failure is too old. */
    oldest_counted = recent[limit - 1];
    remaining = oldest_counted + window - now;
    if (remaining <= 0) {
        return 0;
    }
    seconds = (long)((remaining + APR_USEC_PER_SEC - 1) / APR_USEC_PER_SEC);
    return seconds > 0 ? seconds : 1;
}
