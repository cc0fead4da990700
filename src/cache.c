/* Bounded least-recently-used cache of query results. */
#include <apr_atomic.h>
#include <apr_hash.h>
#include <apr_strings.h>
#include <apr_thread_mutex.h>
#include <stdlib.h>
#include <string.h>

#include "cache.h"

/*
 * One entry is one malloc'd block: this header, the cell pointers, then
 * the key and the cell strings.
 */
typedef struct entry {
    struct entry *newer;
    struct entry *older;
    const char *key;
    apr_time_t expires;
    apr_uint32_t generation;
    int count;
    int columns;
    const char **cells;
} entry_t;

struct mpcms_cache {
    apr_thread_mutex_t *mutex;
    apr_hash_t *entries; /* key -> entry_t *; keys point into the entries */
    entry_t *newest;
    entry_t *oldest;
    apr_size_t count;
    apr_size_t max_entries;
    apr_interval_time_t ttl;
    volatile apr_uint32_t *generation;
};

static void unlink_entry(mpcms_cache_t *cache, entry_t *entry)
{
    if (entry->newer != NULL) {
        entry->newer->older = entry->older;
    }
    else {
        cache->newest = entry->older;
    }
    if (entry->older != NULL) {
        entry->older->newer = entry->newer;
    }
    else {
        cache->oldest = entry->newer;
    }
    entry->newer = entry->older = NULL;
}

static void link_newest(mpcms_cache_t *cache, entry_t *entry)
{
    entry->older = cache->newest;
    entry->newer = NULL;
    if (cache->newest != NULL) {
        cache->newest->newer = entry;
    }
    cache->newest = entry;
    if (cache->oldest == NULL) {
        cache->oldest = entry;
    }
}

/* Called with the mutex held. */
static void remove_entry(mpcms_cache_t *cache, entry_t *entry)
{
    apr_hash_set(cache->entries, entry->key, APR_HASH_KEY_STRING, NULL);
    unlink_entry(cache, entry);
    cache->count--;
    free(entry);
}

static apr_status_t free_all(void *data)
{
    mpcms_cache_t *cache = data;

    while (cache->oldest != NULL) {
        remove_entry(cache, cache->oldest);
    }
    return APR_SUCCESS;
}

apr_status_t mpcms_cache_create(mpcms_cache_t **cache, apr_size_t max_entries,
                                apr_interval_time_t ttl,
                                volatile apr_uint32_t *generation,
                                apr_pool_t *pool)
{
    mpcms_cache_t *created = apr_pcalloc(pool, sizeof(*created));
    apr_status_t rv;

    rv = apr_thread_mutex_create(&created->mutex, APR_THREAD_MUTEX_DEFAULT,
                                 pool);
    if (rv != APR_SUCCESS) {
        return rv;
    }
    created->entries = apr_hash_make(pool);
    created->max_entries = max_entries > 0 ? max_entries : 1;
    created->ttl = ttl;
    created->generation = generation;

    /* Registered after the mutex, so it runs before the mutex is gone. */
    apr_pool_cleanup_register(pool, created, free_all, apr_pool_cleanup_null);
    *cache = created;
    return APR_SUCCESS;
}

apr_uint32_t mpcms_cache_generation(const mpcms_cache_t *cache)
{
    return cache->generation ? apr_atomic_read32(cache->generation) : 0;
}

static mpcms_rows_t *copy_out(const entry_t *entry, apr_pool_t *pool)
{
    mpcms_rows_t *rows = apr_pcalloc(pool, sizeof(*rows));
    apr_size_t cells = (apr_size_t)entry->count * (apr_size_t)entry->columns;
    apr_size_t i;

    rows->count = entry->count;
    rows->columns = entry->columns;
    rows->cells = apr_pcalloc(pool, sizeof(char *) * (cells + 1));
    for (i = 0; i < cells; i++) {
        rows->cells[i] =
            entry->cells[i] ? apr_pstrdup(pool, entry->cells[i]) : NULL;
    }
    return rows;
}

int mpcms_cache_get(mpcms_rows_t **rows, mpcms_cache_t *cache, const char *key,
                    apr_time_t now, apr_pool_t *pool)
{
    apr_uint32_t generation = mpcms_cache_generation(cache);
    entry_t *entry;
    int hit = 0;

    *rows = NULL;
    apr_thread_mutex_lock(cache->mutex);

    entry = apr_hash_get(cache->entries, key, APR_HASH_KEY_STRING);
    if (entry != NULL) {
        if (now >= entry->expires || entry->generation != generation) {
            remove_entry(cache, entry);
        }
        else {
            unlink_entry(cache, entry);
            link_newest(cache, entry);
            *rows = copy_out(entry, pool);
            hit = 1;
        }
    }

    apr_thread_mutex_unlock(cache->mutex);
    return hit;
}

/* Builds the malloc'd block of an entry, or returns NULL if too large. */
static entry_t *make_entry(const char *key, const mpcms_rows_t *rows)
{
    apr_size_t cells = (apr_size_t)rows->count * (apr_size_t)rows->columns;
    apr_size_t size =
        sizeof(entry_t) + sizeof(char *) * cells + strlen(key) + 1;
    entry_t *entry;
    char *text;
    apr_size_t i;

    for (i = 0; i < cells; i++) {
        if (rows->cells[i] != NULL) {
            size += strlen(rows->cells[i]) + 1;
        }
    }
    if (size > MPCMS_CACHE_MAX_VALUE) {
        return NULL;
    }

    entry = calloc(1, size);
    if (entry == NULL) {
        return NULL;
    }
    entry->count = rows->count;
    entry->columns = rows->columns;
    entry->cells = (const char **)(entry + 1);
    text = (char *)(entry->cells + cells);

    memcpy(text, key, strlen(key) + 1);
    entry->key = text;
    text += strlen(key) + 1;
    for (i = 0; i < cells; i++) {
        if (rows->cells[i] == NULL) {
            continue;
        }
        memcpy(text, rows->cells[i], strlen(rows->cells[i]) + 1);
        entry->cells[i] = text;
        text += strlen(rows->cells[i]) + 1;
    }
    return entry;
}

void mpcms_cache_put(mpcms_cache_t *cache, const char *key,
                     const mpcms_rows_t *rows, apr_uint32_t generation,
                     apr_time_t now)
{
    entry_t *entry = make_entry(key, rows);
    entry_t *old;

    if (entry == NULL) {
        return;
    }
    entry->generation = generation;
    entry->expires = now + cache->ttl;

    apr_thread_mutex_lock(cache->mutex);

    old = apr_hash_get(cache->entries, key, APR_HASH_KEY_STRING);
    if (old != NULL) {
        remove_entry(cache, old);
    }
    while (cache->count >= cache->max_entries && cache->oldest != NULL) {
        remove_entry(cache, cache->oldest);
    }
    apr_hash_set(cache->entries, entry->key, APR_HASH_KEY_STRING, entry);
    link_newest(cache, entry);
    cache->count++;

    apr_thread_mutex_unlock(cache->mutex);
}

apr_size_t mpcms_cache_count(mpcms_cache_t *cache)
{
    apr_size_t count;

    apr_thread_mutex_lock(cache->mutex);
    count = cache->count;
    apr_thread_mutex_unlock(cache->mutex);
    return count;
}
