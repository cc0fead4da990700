/* The bounded lookup cache: expiry, generations, eviction, copies. */
#include <apr_strings.h>
#include <string.h>

#include "cache.h"
#include "unit.h"

static mpcms_rows_t *one_row(const char *first, const char *second)
{
    mpcms_rows_t *rows = apr_pcalloc(unit_pool, sizeof(*rows));

    rows->count = 1;
    rows->columns = 2;
    rows->cells = apr_pcalloc(unit_pool, 2 * sizeof(char *));
    rows->cells[0] = first;
    rows->cells[1] = second;
    return rows;
}

static mpcms_cache_t *make_cache(apr_size_t entries, apr_uint32_t *generation)
{
    mpcms_cache_t *cache;

    ck_assert_int_eq(mpcms_cache_create(&cache, entries, apr_time_from_sec(10),
                                        generation, unit_pool),
                     APR_SUCCESS);
    return cache;
}

START_TEST(get_returns_stored_rows)
{
    mpcms_cache_t *cache = make_cache(10, NULL);
    mpcms_rows_t *rows;

    mpcms_cache_put(cache, "k", one_row("oms", NULL), 0, 1000);

    ck_assert_int_eq(mpcms_cache_get(&rows, cache, "k", 2000, unit_pool), 1);
    ck_assert_int_eq(rows->count, 1);
    ck_assert_int_eq(rows->columns, 2);
    ck_assert_str_eq(rows->cells[0], "oms");
    ck_assert_ptr_null(rows->cells[1]);
}
END_TEST

START_TEST(get_of_unknown_key_misses)
{
    mpcms_cache_t *cache = make_cache(10, NULL);
    mpcms_rows_t *rows;

    ck_assert_int_eq(mpcms_cache_get(&rows, cache, "nothing", 0, unit_pool), 0);
    ck_assert_ptr_null(rows);
}
END_TEST

START_TEST(stored_rows_are_copies)
{
    mpcms_cache_t *cache = make_cache(10, NULL);
    char value[] = "before";
    mpcms_rows_t *rows;

    mpcms_cache_put(cache, "k", one_row(value, "x"), 0, 0);
    strcpy(value, "after!");

    ck_assert_int_eq(mpcms_cache_get(&rows, cache, "k", 1, unit_pool), 1);
    ck_assert_str_eq(rows->cells[0], "before");
}
END_TEST

START_TEST(empty_result_is_cached)
{
    mpcms_cache_t *cache = make_cache(10, NULL);
    mpcms_rows_t empty = { 0, 3, NULL };
    mpcms_rows_t *rows;

    mpcms_cache_put(cache, "miss", &empty, 0, 0);

    ck_assert_int_eq(mpcms_cache_get(&rows, cache, "miss", 1, unit_pool), 1);
    ck_assert_int_eq(rows->count, 0);
    ck_assert_int_eq(rows->columns, 3);
}
END_TEST

START_TEST(entry_expires_after_ttl)
{
    mpcms_cache_t *cache = make_cache(10, NULL);
    apr_time_t start = apr_time_from_sec(100);
    mpcms_rows_t *rows;

    mpcms_cache_put(cache, "k", one_row("a", "b"), 0, start);

    ck_assert_int_eq(mpcms_cache_get(&rows, cache, "k",
                                     start + apr_time_from_sec(9), unit_pool),
                     1);
    ck_assert_int_eq(mpcms_cache_get(&rows, cache, "k",
                                     start + apr_time_from_sec(10), unit_pool),
                     0);
    ck_assert_uint_eq(mpcms_cache_count(cache), 0);
}
END_TEST

START_TEST(generation_change_makes_stale)
{
    apr_uint32_t generation = 7;
    mpcms_cache_t *cache = make_cache(10, &generation);
    mpcms_rows_t *rows;

    ck_assert_uint_eq(mpcms_cache_generation(cache), 7);
    mpcms_cache_put(cache, "k", one_row("a", "b"),
                    mpcms_cache_generation(cache), 0);
    ck_assert_int_eq(mpcms_cache_get(&rows, cache, "k", 1, unit_pool), 1);

    generation++;
    ck_assert_int_eq(mpcms_cache_get(&rows, cache, "k", 1, unit_pool), 0);
}
END_TEST

START_TEST(result_racing_a_change_is_stale)
{
    apr_uint32_t generation = 1;
    mpcms_cache_t *cache = make_cache(10, &generation);
    mpcms_rows_t *rows;

    /* The query started at generation 1; a write bumped it meanwhile. */
    generation = 2;
    mpcms_cache_put(cache, "k", one_row("old", "b"), 1, 0);

    ck_assert_int_eq(mpcms_cache_get(&rows, cache, "k", 1, unit_pool), 0);
}
END_TEST

START_TEST(full_cache_evicts_least_recent)
{
    mpcms_cache_t *cache = make_cache(2, NULL);
    mpcms_rows_t *rows;

    mpcms_cache_put(cache, "a", one_row("1", "1"), 0, 0);
    mpcms_cache_put(cache, "b", one_row("2", "2"), 0, 0);
    /* Reading "a" makes "b" the least recently used. */
    ck_assert_int_eq(mpcms_cache_get(&rows, cache, "a", 1, unit_pool), 1);
    mpcms_cache_put(cache, "c", one_row("3", "3"), 0, 0);

    ck_assert_uint_eq(mpcms_cache_count(cache), 2);
    ck_assert_int_eq(mpcms_cache_get(&rows, cache, "b", 1, unit_pool), 0);
    ck_assert_int_eq(mpcms_cache_get(&rows, cache, "a", 1, unit_pool), 1);
    ck_assert_int_eq(mpcms_cache_get(&rows, cache, "c", 1, unit_pool), 1);
}
END_TEST

START_TEST(many_keys_stay_bounded)
{
    mpcms_cache_t *cache = make_cache(50, NULL);
    int i;

    for (i = 0; i < 5000; i++) {
        mpcms_cache_put(cache, apr_psprintf(unit_pool, "host-%d.example", i),
                        one_row("x", NULL), 0, 0);
    }

    ck_assert_uint_eq(mpcms_cache_count(cache), 50);
}
END_TEST

START_TEST(put_replaces_same_key)
{
    mpcms_cache_t *cache = make_cache(10, NULL);
    mpcms_rows_t *rows;

    mpcms_cache_put(cache, "k", one_row("first", "x"), 0, 0);
    mpcms_cache_put(cache, "k", one_row("second", "x"), 0, 0);

    ck_assert_uint_eq(mpcms_cache_count(cache), 1);
    ck_assert_int_eq(mpcms_cache_get(&rows, cache, "k", 1, unit_pool), 1);
    ck_assert_str_eq(rows->cells[0], "second");
}
END_TEST

START_TEST(large_result_is_not_cached)
{
    mpcms_cache_t *cache = make_cache(10, NULL);
    char *large = apr_palloc(unit_pool, MPCMS_CACHE_MAX_VALUE + 1);
    mpcms_rows_t *rows;

    memset(large, 'x', MPCMS_CACHE_MAX_VALUE);
    large[MPCMS_CACHE_MAX_VALUE] = '\0';
    mpcms_cache_put(cache, "big", one_row(large, NULL), 0, 0);

    ck_assert_int_eq(mpcms_cache_get(&rows, cache, "big", 1, unit_pool), 0);
    ck_assert_uint_eq(mpcms_cache_count(cache), 0);
}
END_TEST

Suite *cache_suite(void)
{
    Suite *suite = suite_create("cache");
    TCase *tc = tcase_create("lru");

    tcase_add_checked_fixture(tc, unit_setup, unit_teardown);
    tcase_add_test(tc, get_returns_stored_rows);
    tcase_add_test(tc, get_of_unknown_key_misses);
    tcase_add_test(tc, stored_rows_are_copies);
    tcase_add_test(tc, empty_result_is_cached);
    tcase_add_test(tc, entry_expires_after_ttl);
    tcase_add_test(tc, generation_change_makes_stale);
    tcase_add_test(tc, result_racing_a_change_is_stale);
    tcase_add_test(tc, full_cache_evicts_least_recent);
    tcase_add_test(tc, many_keys_stay_bounded);
    tcase_add_test(tc, put_replaces_same_key);
    tcase_add_test(tc, large_result_is_not_cached);
    suite_add_tcase(suite, tc);
    return suite;
}
