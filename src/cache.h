/*
 * A bounded cache of query results, one per child process, shared by its
 * threads.
 *
 * Entries expire after a time to live, so a change made directly in the
 * database shows within that bound. Every entry also records the value of
 * a generation counter (kept in shared memory by the glue) as it was when
 * its query started; bumping the counter from any process makes every
 * older entry stale at once. When the cache is full, the least recently
 * used entry goes, so unknown hosts cannot grow it.
 */
#ifndef MPCMS_CACHE_H
#define MPCMS_CACHE_H

#include <apr_pools.h>
#include <apr_time.h>

#include "store.h"

/* Larger result sets are not cached. */
#define MPCMS_CACHE_MAX_VALUE (64 * 1024)

typedef struct mpcms_cache mpcms_cache_t;

/*
 * Creates a cache of at most max_entries results kept at most ttl each.
 * generation may be NULL (no cross-process invalidation). Entries are
 * allocated with malloc and freed on eviction and when pool is cleaned
 * up. Safe to use from several threads at once.
 */
apr_status_t mpcms_cache_create(mpcms_cache_t **cache, apr_size_t max_entries,
                                apr_interval_time_t ttl,
                                volatile apr_uint32_t *generation,
                                apr_pool_t *pool);

/* Returns the current value of the generation counter (0 without one). */
apr_uint32_t mpcms_cache_generation(const mpcms_cache_t *cache);

/*
 * Looks up key. On a fresh hit returns 1 and a copy of the rows allocated
 * from pool; otherwise returns 0 and drops a stale entry.
 */
int mpcms_cache_get(mpcms_rows_t **rows, mpcms_cache_t *cache, const char *key,
                    apr_time_t now, apr_pool_t *pool);

/*
 * Stores a copy of rows under key. generation is the counter's value read
 * before the query ran, so a result that raced with a change is stale on
 * arrival. Results larger than MPCMS_CACHE_MAX_VALUE are not stored.
 */
void mpcms_cache_put(mpcms_cache_t *cache, const char *key,
                     const mpcms_rows_t *rows, apr_uint32_t generation,
                     apr_time_t now);

/* Returns the number of entries. */
apr_size_t mpcms_cache_count(mpcms_cache_t *cache);

#endif /* MPCMS_CACHE_H */
