/*
 * UTC text and time zone conversions, around the 2026 daylight saving
 * changes of Europe/Luxembourg: clocks go from 02:00 CET to 03:00 CEST on
 * 29 March (01:00 UTC) and from 03:00 CEST back to 02:00 CET on 25
 * October (01:00 UTC).
 */
#include <string.h>

#include "timestamp.h"
#include "timezone.h"
#include "unit.h"

static apr_int64_t utc_seconds(const char *text)
{
    apr_time_t t;

    ck_assert_msg(mpcms_utc_parse(&t, text) == APR_SUCCESS, "parse %s", text);
    return apr_time_sec(t);
}

static const char *utc_text(apr_int64_t seconds)
{
    return mpcms_utc_format(apr_time_from_sec(seconds), unit_pool);
}

static mpcms_timezone_t *open_zone(const char *name)
{
    mpcms_timezone_t *zone;
    mpcms_error_t *error = NULL;

    ck_assert_msg(mpcms_timezone_open(&zone, name, &error, unit_pool)
                      == APR_SUCCESS,
                  "open %s", name);
    return zone;
}

START_TEST(utc_format_and_parse)
{
    apr_time_t t;

    ck_assert_int_eq(mpcms_utc_parse(&t, "2026-03-29T01:00:00Z"), APR_SUCCESS);
    ck_assert_int_eq(apr_time_sec(t), 1774746000);
    ck_assert_str_eq(mpcms_utc_format(t, unit_pool), "2026-03-29T01:00:00Z");
    ck_assert_str_eq(mpcms_utc_format(t + 999999, unit_pool),
                     "2026-03-29T01:00:00Z");
    ck_assert_str_eq(mpcms_utc_format(0, unit_pool), "1970-01-01T00:00:00Z");
}
END_TEST

START_TEST(utc_parse_rejects_other_forms)
{
    static const char *const invalid[] = {
        "",
        "2026-03-29",
        "2026-03-29 01:00:00Z",
        "2026-03-29T01:00:00",
        "2026-03-29T01:00:00+00",
        "2026-02-30T12:00:00Z",
        "2026-13-01T12:00:00Z",
        "2026-03-29T24:00:00Z",
        "2026-03-29T01:60:00Z",
        "2026-03-29T01:00:00Zx",
        "20a6-03-29T01:00:00Z",
    };
    apr_time_t t;
    size_t i;

    for (i = 0; i < sizeof(invalid) / sizeof(invalid[0]); i++) {
        ck_assert_msg(mpcms_utc_parse(&t, invalid[i]) == APR_EINVAL,
                      "'%s' was accepted", invalid[i]);
    }
    ck_assert_int_eq(mpcms_utc_parse(&t, NULL), APR_EINVAL);
}
END_TEST

START_TEST(validate_accepts_zone_names)
{
    static const char *const valid[] = {
        "Europe/Luxembourg", "UTC",        "America/Argentina/Buenos_Aires",
        "Etc/GMT-14",        "Asia/Tokyo", "Australia/Lord_Howe",
    };
    mpcms_error_t *error = NULL;
    size_t i;

    for (i = 0; i < sizeof(valid) / sizeof(valid[0]); i++) {
        ck_assert_msg(mpcms_timezone_validate(valid[i], &error, unit_pool)
                          == APR_SUCCESS,
                      "%s was rejected", valid[i]);
    }
}
END_TEST

START_TEST(validate_rejects_other_names)
{
    static const char *const invalid[] = {
        "",
        "Europe/Nowhere",
        "europe/luxembourg",
        "../../../etc/passwd",
        "/etc/localtime",
        "Europe/../Europe/Paris",
        "Europe//Paris",
        "Europe/Paris/",
        "localtime",
        "posixrules",
        "posix/Europe/Paris",
        "right/Europe/Paris",
        "CET-1CEST,M3.5.0,M10.5.0/3",
        "+01:00",
        "Europe",
        "zone.tab",
        "Europe/Luxembourg Europe/Luxembourg Europe/Luxembourg Europe/Lux",
    };
    size_t i;

    for (i = 0; i < sizeof(invalid) / sizeof(invalid[0]); i++) {
        mpcms_error_t *error = NULL;

        ck_assert_msg(mpcms_timezone_validate(invalid[i], &error, unit_pool)
                          == APR_EINVAL,
                      "'%s' was accepted", invalid[i]);
        ck_assert_ptr_nonnull(error);
        ck_assert_str_eq(error->source, "timezone");
    }
}
END_TEST

START_TEST(validate_message_names_value)
{
    mpcms_error_t *error = NULL;

    ck_assert_int_eq(
        mpcms_timezone_validate("Europe/Nowhere", &error, unit_pool),
        APR_EINVAL);
    ck_assert_ptr_nonnull(strstr(error->message, "'Europe/Nowhere'"));
    ck_assert_ptr_nonnull(strstr(error->message, "Europe/Luxembourg"));
}
END_TEST

static const struct {
    const char *utc;
    int year, month, day, hour, minute, second;
    int offset;
    int is_dst;
    const char *abbreviation;
} to_local_cases[] = {
    { "2026-03-29T00:59:59Z", 2026, 3, 29, 1, 59, 59, 3600, 0, "CET" },
    { "2026-03-29T01:00:00Z", 2026, 3, 29, 3, 0, 0, 7200, 1, "CEST" },
    { "2026-10-25T00:59:59Z", 2026, 10, 25, 2, 59, 59, 7200, 1, "CEST" },
    { "2026-10-25T01:00:00Z", 2026, 10, 25, 2, 0, 0, 3600, 0, "CET" },
    { "2026-12-31T23:30:00Z", 2027, 1, 1, 0, 30, 0, 3600, 0, "CET" },
    /* Past the last transition in the file: the zone's rule string. */
    { "2099-07-01T12:00:00Z", 2099, 7, 1, 14, 0, 0, 7200, 1, "CEST" },
};

START_TEST(to_local_by_table)
{
    mpcms_timezone_t *zone = open_zone("Europe/Luxembourg");
    mpcms_local_time_t local;

    mpcms_timezone_to_local(&local, zone, utc_seconds(to_local_cases[_i].utc));
    ck_assert_int_eq(local.year, to_local_cases[_i].year);
    ck_assert_int_eq(local.month, to_local_cases[_i].month);
    ck_assert_int_eq(local.day, to_local_cases[_i].day);
    ck_assert_int_eq(local.hour, to_local_cases[_i].hour);
    ck_assert_int_eq(local.minute, to_local_cases[_i].minute);
    ck_assert_int_eq(local.second, to_local_cases[_i].second);
    ck_assert_int_eq(local.utc_offset, to_local_cases[_i].offset);
    ck_assert_int_eq(local.is_dst, to_local_cases[_i].is_dst);
    ck_assert_str_eq(local.abbreviation, to_local_cases[_i].abbreviation);
}
END_TEST

static const struct {
    const char *zone;
    int year, month, day, hour, minute, second;
    mpcms_local_kind_e kind;
    const char *utc;
} from_local_cases[] = {
    /* Spring: 02:00 to 02:59:59 do not exist. */
    { "Europe/Luxembourg", 2026, 3, 29, 1, 59, 59, MPCMS_LOCAL_UNIQUE,
      "2026-03-29T00:59:59Z" },
    { "Europe/Luxembourg", 2026, 3, 29, 2, 0, 0, MPCMS_LOCAL_SKIPPED,
      "2026-03-29T01:00:00Z" },
    { "Europe/Luxembourg", 2026, 3, 29, 2, 30, 0, MPCMS_LOCAL_SKIPPED,
      "2026-03-29T01:30:00Z" },
    { "Europe/Luxembourg", 2026, 3, 29, 3, 0, 0, MPCMS_LOCAL_UNIQUE,
      "2026-03-29T01:00:00Z" },
    /* Autumn: 02:00 to 02:59:59 happen twice; the CEST one comes first. */
    { "Europe/Luxembourg", 2026, 10, 25, 1, 59, 59, MPCMS_LOCAL_UNIQUE,
      "2026-10-24T23:59:59Z" },
    { "Europe/Luxembourg", 2026, 10, 25, 2, 0, 0, MPCMS_LOCAL_REPEATED,
      "2026-10-25T00:00:00Z" },
    { "Europe/Luxembourg", 2026, 10, 25, 2, 30, 0, MPCMS_LOCAL_REPEATED,
      "2026-10-25T00:30:00Z" },
    { "Europe/Luxembourg", 2026, 10, 25, 2, 59, 59, MPCMS_LOCAL_REPEATED,
      "2026-10-25T00:59:59Z" },
    { "Europe/Luxembourg", 2026, 10, 25, 3, 0, 0, MPCMS_LOCAL_UNIQUE,
      "2026-10-25T02:00:00Z" },
    { "Europe/Luxembourg", 2026, 7, 1, 12, 0, 0, MPCMS_LOCAL_UNIQUE,
      "2026-07-01T10:00:00Z" },
    { "UTC", 2026, 3, 29, 2, 30, 0, MPCMS_LOCAL_UNIQUE,
      "2026-03-29T02:30:00Z" },
    /* Southern hemisphere: DST ends on 5 April 2026 at 03:00 AEDT. */
    { "Australia/Sydney", 2026, 4, 5, 2, 30, 0, MPCMS_LOCAL_REPEATED,
      "2026-04-04T15:30:00Z" },
    /*
     * Lord Howe moves by half an hour, from 02:00 to 02:30 (15:30 UTC), so
     * 02:15 is read as 02:45.
     */
    { "Australia/Lord_Howe", 2026, 10, 4, 2, 15, 0, MPCMS_LOCAL_SKIPPED,
      "2026-10-03T15:45:00Z" },
};

START_TEST(from_local_by_table)
{
    mpcms_timezone_t *zone = open_zone(from_local_cases[_i].zone);
    mpcms_local_time_t local;
    mpcms_local_kind_e kind;
    apr_int64_t seconds;

    memset(&local, 0, sizeof(local));
    local.year = from_local_cases[_i].year;
    local.month = from_local_cases[_i].month;
    local.day = from_local_cases[_i].day;
    local.hour = from_local_cases[_i].hour;
    local.minute = from_local_cases[_i].minute;
    local.second = from_local_cases[_i].second;

    ck_assert_int_eq(mpcms_timezone_from_local(&seconds, &kind, zone, &local),
                     APR_SUCCESS);
    ck_assert_int_eq(kind, from_local_cases[_i].kind);
    ck_assert_str_eq(utc_text(seconds), from_local_cases[_i].utc);
}
END_TEST

START_TEST(from_local_rejects_invalid_dates)
{
    static const int invalid[][6] = {
        { 2026, 2, 29, 12, 0, 0 }, { 2026, 4, 31, 12, 0, 0 },
        { 2026, 13, 1, 12, 0, 0 }, { 2026, 0, 1, 12, 0, 0 },
        { 2026, 3, 29, 24, 0, 0 }, { 2026, 3, 29, 12, 60, 0 },
        { 2026, 6, 31, 12, 0, 0 },
    };
    mpcms_timezone_t *zone = open_zone("Europe/Luxembourg");
    size_t i;

    for (i = 0; i < sizeof(invalid) / sizeof(invalid[0]); i++) {
        mpcms_local_time_t local;
        mpcms_local_kind_e kind;
        apr_int64_t seconds;

        memset(&local, 0, sizeof(local));
        local.year = invalid[i][0];
        local.month = invalid[i][1];
        local.day = invalid[i][2];
        local.hour = invalid[i][3];
        local.minute = invalid[i][4];
        local.second = invalid[i][5];
        ck_assert_msg(mpcms_timezone_from_local(&seconds, &kind, zone, &local)
                          == APR_EINVAL,
                      "case %u was accepted", (unsigned)i);
    }
}
END_TEST

/* Builds a wall-clock time from its fields. */
static mpcms_local_time_t local_time(int year, int month, int day, int hour,
                                     int minute, int second)
{
    mpcms_local_time_t local;

    memset(&local, 0, sizeof(local));
    local.year = year;
    local.month = month;
    local.day = day;
    local.hour = hour;
    local.minute = minute;
    local.second = second;
    return local;
}

START_TEST(from_local_range_by_zone)
{
    /* The zones furthest east and west of UTC: +14 and -12 hours. */
    static const char *const zones[] = { "Europe/Luxembourg",
                                         "Pacific/Kiritimati", "Etc/GMT+12" };
    size_t i;

    for (i = 0; i < sizeof(zones) / sizeof(zones[0]); i++) {
        mpcms_timezone_t *zone = open_zone(zones[i]);
        mpcms_local_time_t first = local_time(1970, 1, 2, 0, 0, 0);
        mpcms_local_time_t last = local_time(9999, 12, 30, 23, 59, 59);
        mpcms_local_time_t shown;
        mpcms_local_kind_e kind;
        apr_int64_t seconds;
        apr_time_t parsed;

        ck_assert_int_eq(
            mpcms_timezone_from_local(&seconds, &kind, zone, &first),
            APR_SUCCESS);
        ck_assert_int_eq(mpcms_utc_parse(&parsed, utc_text(seconds)),
                         APR_SUCCESS);
        mpcms_timezone_to_local(&shown, zone, apr_time_sec(parsed));
        ck_assert_msg(shown.year == 1970 && shown.day == 2 && shown.hour == 0,
                      "%s: first time shown as %d-%d %d:00", zones[i],
                      shown.year, shown.day, shown.hour);

        ck_assert_int_eq(
            mpcms_timezone_from_local(&seconds, &kind, zone, &last),
            APR_SUCCESS);
        ck_assert_int_eq(mpcms_utc_parse(&parsed, utc_text(seconds)),
                         APR_SUCCESS);
        mpcms_timezone_to_local(&shown, zone, apr_time_sec(parsed));
        ck_assert_msg(
            shown.year == 9999 && shown.day == 30 && shown.second == 59,
            "%s: last time shown as %d-%d", zones[i], shown.year, shown.day);
    }
}
END_TEST

START_TEST(from_local_rejects_out_of_range)
{
    static const int outside[][6] = {
        { 1970, 1, 1, 23, 59, 59 }, { 1969, 6, 1, 0, 0, 0 },
        { 1, 1, 1, 0, 0, 0 },       { 0, 1, 1, 0, 0, 0 },
        { 9999, 12, 31, 0, 0, 0 },
    };
    mpcms_timezone_t *zone = open_zone("Europe/Luxembourg");
    size_t i;

    for (i = 0; i < sizeof(outside) / sizeof(outside[0]); i++) {
        mpcms_local_time_t local =
            local_time(outside[i][0], outside[i][1], outside[i][2],
                       outside[i][3], outside[i][4], outside[i][5]);
        mpcms_local_kind_e kind;
        apr_int64_t seconds;

        ck_assert_msg(mpcms_timezone_from_local(&seconds, &kind, zone, &local)
                          == APR_ERANGE,
                      "case %u was not out of range", (unsigned)i);
    }
}
END_TEST

START_TEST(utc_parse_range)
{
    apr_time_t t;

    ck_assert_int_eq(mpcms_utc_parse(&t, "1970-01-01T00:00:00Z"), APR_SUCCESS);
    ck_assert_int_eq(mpcms_utc_parse(&t, "9999-12-31T23:59:59Z"), APR_SUCCESS);
    ck_assert_str_eq(mpcms_utc_format(t, unit_pool), "9999-12-31T23:59:59Z");
    ck_assert_int_eq(mpcms_utc_parse(&t, "1969-12-31T23:59:59Z"), APR_EINVAL);
    ck_assert_int_eq(mpcms_utc_parse(&t, "0001-01-01T00:00:00Z"), APR_EINVAL);
}
END_TEST

START_TEST(timestamp_parse_range)
{
    apr_time_t t;

    ck_assert_int_eq(mpcms_timestamp_parse(&t, "1970-01-01 00:00:00+00"),
                     APR_SUCCESS);
    ck_assert_int_eq(apr_time_sec(t), 0);
    ck_assert_int_eq(mpcms_timestamp_parse(&t, "9999-12-31T23:59:59Z"),
                     APR_SUCCESS);
    ck_assert_str_eq(mpcms_timestamp_format(t, unit_pool),
                     "9999-12-31T23:59:59Z");
    ck_assert_int_eq(mpcms_timestamp_parse(&t, "1969-12-31 23:00:00+00"),
                     APR_EINVAL);
}
END_TEST

/* Every quarter hour of 2026 maps back to itself through UTC. */
START_TEST(local_round_trip_through_year)
{
    mpcms_timezone_t *zone = open_zone("Europe/Luxembourg");
    apr_int64_t start = utc_seconds("2026-01-01T00:00:00Z");
    apr_int64_t end = utc_seconds("2027-01-01T00:00:00Z");
    apr_int64_t t;
    int repeated = 0;

    for (t = start; t < end; t += 900) {
        mpcms_local_time_t local;
        mpcms_local_kind_e kind;
        apr_int64_t back;

        mpcms_timezone_to_local(&local, zone, t);
        ck_assert_int_eq(mpcms_timezone_from_local(&back, &kind, zone, &local),
                         APR_SUCCESS);
        ck_assert_int_ne(kind, MPCMS_LOCAL_SKIPPED);
        if (kind == MPCMS_LOCAL_REPEATED) {
            repeated++;
            /* The second pass of the repeated hour maps to the first. */
            ck_assert_msg(back == t || back == t - 3600, "%s", utc_text(t));
            continue;
        }
        ck_assert_msg(back == t, "%s came back as %s", utc_text(t),
                      utc_text(back));
    }
    /* Four quarter hours, each seen twice. */
    ck_assert_int_eq(repeated, 8);
}
END_TEST

START_TEST(open_keeps_name)
{
    mpcms_timezone_t *zone = open_zone("Europe/Luxembourg");

    ck_assert_str_eq(mpcms_timezone_name(zone), "Europe/Luxembourg");
}
END_TEST

START_TEST(open_rejects_unknown_zone)
{
    mpcms_timezone_t *zone = NULL;
    mpcms_error_t *error = NULL;

    ck_assert_int_eq(
        mpcms_timezone_open(&zone, "Mars/Olympus_Mons", &error, unit_pool),
        APR_EINVAL);
    ck_assert_ptr_null(zone);
    ck_assert_str_eq(error->source, "timezone");
}
END_TEST

#define COUNT(table) ((int)(sizeof(table) / sizeof(table[0])))

Suite *timezone_suite(void)
{
    Suite *suite = suite_create("timezone");
    TCase *utc = tcase_create("utc");
    TCase *zones = tcase_create("zones");

    tcase_add_checked_fixture(utc, unit_setup, unit_teardown);
    tcase_add_test(utc, utc_format_and_parse);
    tcase_add_test(utc, utc_parse_rejects_other_forms);
    tcase_add_test(utc, utc_parse_range);
    tcase_add_test(utc, timestamp_parse_range);
    suite_add_tcase(suite, utc);

    tcase_add_checked_fixture(zones, unit_setup, unit_teardown);
    tcase_add_test(zones, validate_accepts_zone_names);
    tcase_add_test(zones, validate_rejects_other_names);
    tcase_add_test(zones, validate_message_names_value);
    tcase_add_loop_test(zones, to_local_by_table, 0, COUNT(to_local_cases));
    tcase_add_loop_test(zones, from_local_by_table, 0, COUNT(from_local_cases));
    tcase_add_test(zones, from_local_rejects_invalid_dates);
    tcase_add_test(zones, from_local_range_by_zone);
    tcase_add_test(zones, from_local_rejects_out_of_range);
    tcase_add_test(zones, local_round_trip_through_year);
    tcase_add_test(zones, open_keeps_name);
    tcase_add_test(zones, open_rejects_unknown_zone);
    suite_add_tcase(suite, zones);
    return suite;
}
