/*
 * Login throttling: how long a login must wait after repeated failures.
 *
 * Failed logins are recorded per account (the e-mail address typed, known
 * or not) and per client address. A login is refused without a password
 * check while the account has MPCMS_THROTTLE_ACCOUNT_LIMIT failures, or
 * the address MPCMS_THROTTLE_ADDRESS_LIMIT failures, within the last
 * MPCMS_THROTTLE_WINDOW. Refused attempts are not recorded, so a lock ends
 * when enough of the counted failures have left the window.
 */
#ifndef MPCMS_THROTTLE_H
#define MPCMS_THROTTLE_H

#include <apr_time.h>

#define MPCMS_THROTTLE_WINDOW        apr_time_from_sec(15 * 60)
#define MPCMS_THROTTLE_ACCOUNT_LIMIT 5
#define MPCMS_THROTTLE_ADDRESS_LIMIT 20

/*
 * Returns the seconds to wait before the next attempt counts, or 0 when
 * an attempt may go ahead. recent holds the times of the most recent
 * failures within the window, newest first, count of them (the caller
 * reads at most limit). The wait ends when the limit-th newest failure
 * leaves the window; it is rounded up to whole seconds, and at least 1.
 */
long mpcms_throttle_wait(const apr_time_t *recent, int count, int limit,
                         apr_interval_time_t window, apr_time_t now);

#endif /* MPCMS_THROTTLE_H */
