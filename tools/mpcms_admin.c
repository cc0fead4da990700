/*
 * mpcms-admin: schema migrations of a mod_mpcms database from the command
 * line, on the same core objects as the module.
 *
 *   mpcms-admin migrate --driver sqlite3|pgsql --params PARAMS
 *   mpcms-admin status  --driver sqlite3|pgsql --params PARAMS
 *   mpcms-admin load FILE --driver sqlite3|pgsql --params PARAMS
 *   mpcms-admin create-admin --email ADDRESS --driver ... --params ...
 *   mpcms-admin create-vendor-user --email ADDRESS --vendor CODE ...
 *   mpcms-admin prune-audit --older-than DAYS --driver ... --params ...
 *
 * --driver and --params take the values of mod_dbd's DBDriver and
 * DBDParams. Exit status: 0 success (status: the schema is current),
 * 1 failure, 2 usage error, 3 (status only) migrations are pending.
 *
 * create-admin and create-vendor-user read the password from standard input when that is not a
 * terminal (the first line), and otherwise asks for it twice without
 * echo.
 */
#include <apr_dbd.h>
#include <apr_file_info.h>
#include <apr_general.h>
#include <apr_lib.h>
#include <apr_md5.h>
#include <apr_getopt.h>
#include <apr_hash.h>
#include <apr_strings.h>
#include <libxml/parser.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "accounts.h"
#include "auth.h"
#include "fields.h"
#include "migrate.h"
#include "schema.h"
#include "script.h"
#include "store.h"
#include "timestamp.h"
#include "upgrade.h"

#ifndef MPCMS_SQL_DIR
#define MPCMS_SQL_DIR "sql"
#endif

enum {
    EXIT_USAGE = 2,
    EXIT_PENDING = 3
};

typedef struct options {
    const char *command;
    const char *file;            /* load only */
    const char *email;           /* create-admin, create-vendor-user */
    apr_array_header_t *vendors; /* create-vendor-user: vendor codes */
    const char *driver;
    const char *params;
    const char *sql_dir;
    int older_than_days; /* prune-audit; -1 when not given */
} options_t;

static void print_usage(FILE *out)
{
    fprintf(out,
            "usage: mpcms-admin migrate --driver DRIVER --params PARAMS "
            "[--sql-dir DIR]\n"
            "       mpcms-admin status --driver DRIVER --params PARAMS "
            "[--sql-dir DIR]\n"
            "       mpcms-admin load FILE --driver DRIVER --params PARAMS\n"
            "       mpcms-admin create-admin --email ADDRESS --driver DRIVER "
            "--params PARAMS\n"
            "       mpcms-admin create-vendor-user --email ADDRESS --vendor "
            "CODE [--vendor CODE ...]\n"
            "                   --driver DRIVER --params PARAMS\n"
            "       mpcms-admin prune-audit --older-than DAYS --driver DRIVER "
            "--params PARAMS\n"
            "\n"
            "  migrate   apply the pending migrations, or upgrade a "
            "single-platform database\n"
            "  status    show the applied and pending migrations; exit 3 "
            "when some are pending\n"
            "  load      run the SQL statements of FILE as they are "
            "(demo data)\n"
            "  create-admin  create a super admin of the admin area; the "
            "password\n"
            "            comes from standard input, or is asked for twice "
            "without echo\n"
            "            on a terminal (at least %d characters)\n"
            "  create-vendor-user  create a user of the vendor dashboards "
            "of the\n"
            "            vendors named by --vendor; the password as for "
            "create-admin\n"
            "  prune-audit  delete the audit log rows written more than DAYS "
            "days ago\n"
            "\n"
            "  --driver   sqlite3 or pgsql, as in DBDriver\n"
            "  --params   the DBDParams string: a SQLite file, or a libpq "
            "connection string\n"
            "  --sql-dir  folder with sqlite/ and pgsql/ (default %s)\n"
            "  --email    e-mail address of the new user\n"
            "  --vendor   code of a vendor the new vendor user manages "
            "(repeatable)\n"
            "  --older-than  age in whole days (at least 1) of the audit rows "
            "to delete\n",
            MPCMS_PASSWORD_MIN_CHARACTERS, MPCMS_SQL_DIR);
}

/* Maximum age that --older-than accepts: about 100 years. */
#define MAX_DAYS 36500

/* Returns the whole number of days in text, or -1 when it is not one. */
static int parse_days(const char *text)
{
    char *end;
    long days;

    if (!apr_isdigit(text[0])) {
        return -1;
    }
    days = strtol(text, &end, 10);
    if (*end != '\0' || days > MAX_DAYS) {
        return -1;
    }
    return (int)days;
}

static int options_are_complete(const options_t *options, int extra);

static int parse_options(options_t *options, int argc, const char *const *argv,
                         apr_pool_t *pool)
{
    static const apr_getopt_option_t known[] = {
        { "driver", 'd', 1, "sqlite3 or pgsql" },
        { "params", 'p', 1, "DBDParams string" },
        { "sql-dir", 's', 1, "folder of the SQL files" },
        { "email", 'e', 1, "e-mail address of the new user" },
        { "vendor", 'v', 1, "code of a vendor the new vendor user manages" },
        { "older-than", 'o', 1, "age in days of the audit rows to delete" },
        { "help", 'h', 0, "show this help" },
        { NULL, 0, 0, NULL }
    };
    apr_getopt_t *parser;
    const char *value;
    int option;
    apr_status_t rv;

    memset(options, 0, sizeof(*options));
    options->sql_dir = MPCMS_SQL_DIR;
    options->vendors = apr_array_make(pool, 2, sizeof(const char *));
    options->older_than_days = -1;
    apr_getopt_init(&parser, pool, argc, argv);
    parser->interleave = 1;
    while ((rv = apr_getopt_long(parser, known, &option, &value))
           == APR_SUCCESS) {
        switch (option) {
        case 'd':
            options->driver = value;
            break;
        case 'p':
            options->params = value;
            break;
        case 's':
            options->sql_dir = value;
            break;
        case 'e':
            options->email = value;
            break;
        case 'v':
            APR_ARRAY_PUSH(options->vendors, const char *) = value;
            break;
        case 'o':
            options->older_than_days = parse_days(value);
            if (options->older_than_days < 1) {
                fprintf(stderr,
                        "mpcms-admin: invalid --older-than '%s': expected "
                        "a whole number of days from 1 to %d\n",
                        value, MAX_DAYS);
                return 0;
            }
            break;
        case 'h':
            print_usage(stdout);
            exit(EXIT_SUCCESS);
        }
    }
    if (rv != APR_EOF) {
        /* apr_getopt_long has printed what was wrong. */
        fprintf(stderr, "see mpcms-admin --help\n");
        return 0;
    }

    if (parser->ind < argc) {
        options->command = parser->argv[parser->ind++];
    }
    if (options->command != NULL && strcmp(options->command, "load") == 0
        && parser->ind < argc) {
        options->file = parser->argv[parser->ind++];
    }
    return options_are_complete(options, parser->ind < argc);
}

/* Prints why a command line cannot run and returns 0. */
static int usage_error(const char *message, const char *command)
{
    fprintf(stderr, "mpcms-admin: %s%s%s; see mpcms-admin --help\n",
            command ? command : "", command ? ": " : "", message);
    return 0;
}

/*
 * Returns 1 when options name a known command with every option it needs
 * and none it does not take. Otherwise it prints what is wrong and
 * returns 0. extra is nonzero when words follow the command and the file
 * of a load.
 */
static int options_are_complete(const options_t *options, int extra)
{
    const char *command = options->command;
    int creates_user;

    if (command == NULL) {
        return usage_error("no command given", NULL);
    }
    creates_user = strcmp(command, "create-admin") == 0
                   || strcmp(command, "create-vendor-user") == 0;
    if (!creates_user && strcmp(command, "migrate") != 0
        && strcmp(command, "status") != 0 && strcmp(command, "load") != 0
        && strcmp(command, "prune-audit") != 0) {
        return usage_error("unknown command", command);
    }
    if (extra) {
        return usage_error("unexpected words after the command", command);
    }
    if (options->driver == NULL || options->params == NULL) {
        return usage_error("--driver and --params are required", command);
    }
    if (strcmp(command, "load") == 0 && options->file == NULL) {
        return usage_error("the SQL file to load is missing", command);
    }
    if (creates_user != (options->email != NULL)) {
        return usage_error(creates_user ? "--email is required"
                                        : "--email is not an option of it",
                           command);
    }
    if ((strcmp(command, "create-vendor-user") == 0)
        != (options->vendors->nelts > 0)) {
        return usage_error(options->vendors->nelts > 0
                               ? "--vendor is not an option of it"
                               : "--vendor is required",
                           command);
    }
    if ((strcmp(command, "prune-audit") == 0)
        != (options->older_than_days > 0)) {
        return usage_error(options->older_than_days > 0
                               ? "--older-than is not an option of it"
                               : "--older-than DAYS is required",
                           command);
    }
    return 1;
}

/*
 * Returns 0, with a message, when a command other than migrate names a
 * SQLite file that does not exist: SQLite would create an empty one, and
 * the advice to migrate it would hide a mistyped path.
 */
static int sqlite_file_expected(const options_t *options, apr_pool_t *pool)
{
    apr_finfo_t info;

    if (strcmp(options->driver, "sqlite3") != 0
        || strcmp(options->command, "migrate") == 0
        || strcmp(options->params, ":memory:") == 0
        || strncmp(options->params, "file:", 5) == 0
        || apr_stat(&info, options->params, APR_FINFO_TYPE, pool)
               == APR_SUCCESS) {
        return 1;
    }
    fprintf(stderr,
            "mpcms-admin: %s: no SQLite database at %s; check --params, or "
            "create the database with mpcms-admin migrate\n",
            options->command, options->params);
    return 0;
}

/* Opens a connection; the message never repeats the parameters. */
static int open_database(mpcms_db_t *db, const options_t *options,
                         apr_pool_t *pool)
{
    const apr_dbd_driver_t *driver;
    mpcms_error_t *error = NULL;
    const char *open_error = NULL;
    apr_dbd_t *handle;
    apr_status_t rv;

    apr_dbd_init(pool);
    rv = apr_dbd_get_driver(pool, options->driver, &driver);
    if (rv != APR_SUCCESS) {
        fprintf(stderr,
                "mpcms-admin: database driver '%s' could not be loaded: use "
                "sqlite3 or pgsql, and install libaprutil1-dbd-sqlite3 or "
                "libaprutil1-dbd-pgsql\n",
                options->driver);
        return 0;
    }
    if (!sqlite_file_expected(options, pool)) {
        return 0;
    }
    rv = apr_dbd_open_ex(driver, pool, options->params, &handle, &open_error);
    if (rv != APR_SUCCESS) {
        fprintf(stderr, "mpcms-admin: cannot connect to the %s database: %s\n",
                options->driver, open_error ? open_error : "no reason given");
        return 0;
    }
    rv = mpcms_db_attach(db, handle, driver, apr_hash_make(pool), &error, pool);
    if (rv != APR_SUCCESS) {
        fprintf(stderr, "mpcms-admin: %s\n", mpcms_error_format(error, pool));
        return 0;
    }
    return 1;
}

static int fail(const mpcms_error_t *error, apr_pool_t *pool)
{
    fprintf(stderr, "mpcms-admin: %s\n", mpcms_error_format(error, pool));
    return EXIT_FAILURE;
}

/* Prints platforms, memberships and pages by platform and kind. */
static int print_figures(mpcms_db_t *db, apr_pool_t *pool)
{
    mpcms_error_t *error = NULL;
    mpcms_rows_t *rows;
    int i;

    if (mpcms_db_select(&rows, db, MPCMS_SQL_FIGURES_MEMBERSHIPS, NULL, &error,
                        pool)
        != APR_SUCCESS) {
        return fail(error, pool);
    }
    printf("figures:\n  platforms: %d\n", rows->count);
    for (i = 0; i < rows->count; i++) {
        printf("  vendor memberships on %s: %s\n", mpcms_rows_get(rows, i, 0),
               mpcms_rows_get(rows, i, 1));
    }

    if (mpcms_db_select(&rows, db, MPCMS_SQL_FIGURES_PAGES, NULL, &error, pool)
        != APR_SUCCESS) {
        return fail(error, pool);
    }
    for (i = 0; i < rows->count; i++) {
        printf("  pages on %s, %s: %s\n", mpcms_rows_get(rows, i, 0),
               mpcms_rows_get(rows, i, 1), mpcms_rows_get(rows, i, 2));
    }
    return EXIT_SUCCESS;
}

static void print_renames(const char *heading, const apr_array_header_t *list)
{
    const mpcms_upgrade_rename_t *renames =
        (const mpcms_upgrade_rename_t *)list->elts;
    int i;

    printf("%s: %d\n", heading, list->nelts);
    for (i = 0; i < list->nelts; i++) {
        printf("  page %" APR_INT64_T_FMT " (%s): '%s' -> '%s'\n",
               renames[i].id,
               renames[i].vendor ? renames[i].vendor : "no vendor",
               renames[i].from, renames[i].to);
    }
}

static void print_upgrade_report(const mpcms_upgrade_report_t *report)
{
    const mpcms_upgrade_pair_t *pairs =
        (const mpcms_upgrade_pair_t *)report->pairs->elts;
    const mpcms_upgrade_counts_t *counts = &report->counts;
    int i;

    printf("upgraded the single-platform schema to version 1\n");
    print_renames("slugs made valid", report->normalized);
    print_renames("duplicate slugs renamed and unpublished",
                  report->duplicates);
    printf("marketing pages now both platform page and vendor default: %d\n",
           report->pairs->nelts);
    for (i = 0; i < report->pairs->nelts; i++) {
        printf("  %s: platform page %" APR_INT64_T_FMT
               ", default %" APR_INT64_T_FMT "\n",
               pairs[i].slug, pairs[i].platform_page_id,
               pairs[i].default_page_id);
    }
    printf("page bodies changed by the HTML sanitizer: %d\n",
           report->sanitized);
    printf("verified: vendors %" APR_INT64_T_FMT
           " = memberships on oms %" APR_INT64_T_FMT "\n",
           counts->vendors, counts->memberships);
    printf("verified: vendor pages %" APR_INT64_T_FMT
           " before = %" APR_INT64_T_FMT " after\n",
           counts->vendor_pages, counts->vendor_pages_now);
    printf("verified: vendor-NULL pages %" APR_INT64_T_FMT " + pairs %d"
           " = platform pages %" APR_INT64_T_FMT " + defaults %" APR_INT64_T_FMT
           "\n",
           counts->vendor_null, report->pairs->nelts, counts->platform_pages,
           counts->defaults);
    printf("verified: tiers %" APR_INT64_T_FMT " before = %" APR_INT64_T_FMT
           " after\n",
           counts->tiers, counts->tiers_now);
}

static int list_migrations(apr_array_header_t **migrations, mpcms_db_t *db,
                           const options_t *options, apr_pool_t *pool)
{
    mpcms_error_t *error = NULL;
    const char *directory =
        mpcms_migration_directory(options->sql_dir, db->driver_name, pool);

    if (directory == NULL) {
        fprintf(stderr,
                "mpcms-admin: driver %s has no migrations; use "
                "sqlite3 or pgsql\n",
                db->driver_name);
        return 0;
    }
    if (mpcms_migration_list(migrations, directory, &error, pool)
        != APR_SUCCESS) {
        fail(error, pool);
        return 0;
    }
    return 1;
}

static int run_migrate(mpcms_db_t *db, const options_t *options,
                       apr_pool_t *pool)
{
    const mpcms_migration_t *list;
    apr_array_header_t *migrations;
    mpcms_upgrade_report_t *report;
    mpcms_schema_kind_e kind;
    mpcms_error_t *error = NULL;
    apr_status_t status;
    int applied = 0;
    int waited;
    int version;
    int i;

    if (!list_migrations(&migrations, db, options, pool)) {
        return EXIT_FAILURE;
    }
    list = (const mpcms_migration_t *)migrations->elts;
    if (mpcms_migration_lock(&waited, db, &error, pool) != APR_SUCCESS) {
        return fail(error, pool);
    }
    if (waited) {
        printf("waited for another mpcms-admin migrate on this database to "
               "finish\n");
    }
    if (mpcms_schema_inspect(&kind, &version, db, &error, pool)
        != APR_SUCCESS) {
        return fail(error, pool);
    }

    if (kind == MPCMS_SCHEMA_UNKNOWN) {
        fprintf(stderr,
                "mpcms-admin: the database has a platforms table but no "
                "schema_migrations table, so its schema version is unknown; "
                "migrate a backup made before that schema was created, or "
                "record its version by hand\n");
        return EXIT_FAILURE;
    }
    if (version > migrations->nelts) {
        fprintf(stderr,
                "mpcms-admin: the database is at schema version %d, newer "
                "than the %d migrations in %s; use the mpcms-admin of the "
                "release that wrote it\n",
                version, migrations->nelts, options->sql_dir);
        return EXIT_FAILURE;
    }

    if (kind == MPCMS_SCHEMA_SINGLE) {
        if (mpcms_upgrade_single_platform(&report, db, options->sql_dir, &error,
                                          pool)
            != APR_SUCCESS) {
            fprintf(stderr,
                    "mpcms-admin: the single-platform upgrade failed and was "
                    "rolled back; the database is unchanged\n");
            return fail(error, pool);
        }
        print_upgrade_report(report);
        version = 1;
        applied++;
    }

    for (i = version; i < migrations->nelts; i++) {
        status = mpcms_migration_apply(db, &list[i], &error, pool);
        if (status == MPCMS_EAPPLIED) {
            printf("%04d_%s was applied by another mpcms-admin run\n",
                   list[i].version, list[i].name);
            continue;
        }
        if (status != APR_SUCCESS) {
            fprintf(stderr,
                    "mpcms-admin: migration %04d_%s failed and was rolled "
                    "back; the database stays at version %d\n",
                    list[i].version, list[i].name, i);
            return fail(error, pool);
        }
        printf("applied %04d_%s\n", list[i].version, list[i].name);
        applied++;
    }

    if (applied == 0) {
        printf("schema is current at version %d; nothing to do\n", version);
        return EXIT_SUCCESS;
    }
    printf("schema is now at version %d\n", migrations->nelts);
    return print_figures(db, pool);
}

static int run_status(mpcms_db_t *db, const options_t *options,
                      apr_pool_t *pool)
{
    apr_array_header_t *migrations;
    const mpcms_migration_t *list;
    mpcms_schema_kind_e kind;
    mpcms_error_t *error = NULL;
    mpcms_rows_t *rows;
    int version;
    int i;

    if (!list_migrations(&migrations, db, options, pool)) {
        return EXIT_FAILURE;
    }
    list = (const mpcms_migration_t *)migrations->elts;
    if (mpcms_schema_inspect(&kind, &version, db, &error, pool)
        != APR_SUCCESS) {
        return fail(error, pool);
    }

    printf("driver: %s\n", db->driver_name);
    printf("schema version: %d (this build of mod_mpcms needs %d)\n", version,
           MPCMS_SCHEMA_VERSION);
    if (kind == MPCMS_SCHEMA_SINGLE) {
        printf("the database has the single-platform schema; "
               "`mpcms-admin migrate` upgrades it\n");
    }
    if (kind == MPCMS_SCHEMA_UNKNOWN) {
        printf("the database has mod_mpcms tables but no schema_migrations "
               "table\n");
    }
    if (kind == MPCMS_SCHEMA_VERSIONED) {
        if (mpcms_db_select(&rows, db, MPCMS_SQL_MIGRATION_LIST, NULL, &error,
                            pool)
            != APR_SUCCESS) {
            return fail(error, pool);
        }
        for (i = 0; i < rows->count; i++) {
            printf("applied %04d_%s at %s\n", (int)mpcms_rows_int(rows, i, 0),
                   mpcms_rows_get(rows, i, 1), mpcms_rows_get(rows, i, 2));
        }
    }
    for (i = version; i < migrations->nelts; i++) {
        printf("pending %04d_%s\n", list[i].version, list[i].name);
    }

    if (kind == MPCMS_SCHEMA_VERSIONED && version == MPCMS_SCHEMA_VERSION) {
        printf("schema is current\n");
        return EXIT_SUCCESS;
    }
    return EXIT_PENDING;
}

static int run_load(mpcms_db_t *db, const options_t *options, apr_pool_t *pool)
{
    mpcms_error_t *error = NULL;
    const char *sql;

    if (mpcms_script_read(&sql, options->file, &error, pool) != APR_SUCCESS
        || mpcms_script_run(db, sql, options->file, &error, pool)
               != APR_SUCCESS) {
        return fail(error, pool);
    }
    return EXIT_SUCCESS;
}

/* Maximum length of the password line read from standard input, in bytes. */
#define PASSWORD_LINE_MAX 1024

/*
 * Reads the first line of standard input, without its line break, into
 * buffer. Returns 0 when nothing could be read or the line is too long.
 */
static int read_password_line(char *buffer, apr_size_t size)
{
    apr_size_t length;

    if (fgets(buffer, (int)size, stdin) == NULL) {
        return 0;
    }
    length = strlen(buffer);
    if (length > 0 && buffer[length - 1] == '\n') {
        buffer[--length] = '\0';
    }
    else if (!feof(stdin)) {
        return 0;
    }
    if (length > 0 && buffer[length - 1] == '\r') {
        buffer[--length] = '\0';
    }
    return 1;
}

/* Asks for the password twice on the terminal, without echo. */
static int prompt_password(char *buffer, apr_size_t size)
{
    char again[PASSWORD_LINE_MAX];
    apr_size_t length = size;
    apr_size_t again_length = sizeof(again);
    int same;

    if (apr_password_get("Password of the new super admin: ", buffer, &length)
            != APR_SUCCESS
        || apr_password_get("Same password again: ", again, &again_length)
               != APR_SUCCESS) {
        fprintf(stderr, "mpcms-admin: reading the password failed\n");
        return 0;
    }
    same = strcmp(buffer, again) == 0;
    memset(again, 0, sizeof(again));
    if (!same) {
        fprintf(stderr, "mpcms-admin: the two passwords differ; nothing was "
                        "created\n");
    }
    return same;
}

static apr_status_t connect_tool_db(mpcms_db_t *target, void *baton,
                                    mpcms_error_t **error)
{
    *target = *(const mpcms_db_t *)baton;
    return APR_SUCCESS;
}

/* Checks an e-mail address as the admin area does; returns it lower-cased. */
static const char *checked_email(const char *email, apr_pool_t *pool)
{
    static const mpcms_field_t fields[] = {
        { "email", "E-mail", MPCMS_INPUT_EMAIL, MPCMS_CHECK_EMAIL,
          MPCMS_FIELD_REQUIRED, 254, 0, 0, NULL, NULL, NULL },
        { NULL, NULL, 0, 0, 0, 0, 0, 0, NULL, NULL, NULL },
    };
    apr_table_t *values = apr_table_make(pool, 1);
    apr_array_header_t *errors;
    apr_table_t *clean;

    apr_table_setn(values, "email", email);
    if (mpcms_fields_validate(&clean, &errors, fields, values, pool)
        != APR_SUCCESS) {
        fprintf(stderr, "mpcms-admin: --email: %s\n",
                APR_ARRAY_IDX(errors, 0, mpcms_error_t *)->message);
        return NULL;
    }
    return apr_table_get(clean, "email");
}

/* Creates a user of role; a vendor user manages options->vendors. */
static int run_create_user(mpcms_db_t *db, const options_t *options,
                           const char *role, apr_pool_t *pool)
{
    mpcms_actor_t actor = { 0, "mpcms-admin", NULL, 0 };
    char password[PASSWORD_LINE_MAX];
    mpcms_error_t *error = NULL;
    mpcms_store_t store;
    const char *email;
    apr_status_t rv;
    apr_int64_t id;
    int found;
    int ok;

    email = checked_email(options->email, pool);
    if (email == NULL) {
        return EXIT_USAGE;
    }
    rv = mpcms_schema_check(&found, db, &error, pool);
    if (rv == MPCMS_ESCHEMA) {
        fprintf(stderr,
                "mpcms-admin: the database is at schema version %d, but "
                "accounts need version %d; run `mpcms-admin migrate` first\n",
                found, MPCMS_SCHEMA_VERSION);
        return EXIT_FAILURE;
    }
    if (rv != APR_SUCCESS) {
        return fail(error, pool);
    }

    ok = isatty(STDIN_FILENO) ? prompt_password(password, sizeof(password))
                              : read_password_line(password, sizeof(password));
    if (!ok) {
        if (!isatty(STDIN_FILENO)) {
            fprintf(stderr,
                    "mpcms-admin: no password on standard input (one "
                    "line of at most %d bytes)\n",
                    PASSWORD_LINE_MAX - 2);
        }
        return EXIT_FAILURE;
    }

    memset(&store, 0, sizeof(store));
    store.connect = connect_tool_db;
    store.baton = db;
    actor.now = apr_time_now();
    rv = mpcms_account_create_user(&id, &store, &actor, email, password, role,
                                   1, options->vendors, MPCMS_BCRYPT_COST,
                                   &error, pool);
    memset(password, 0, sizeof(password));
    if (rv != APR_SUCCESS) {
        return fail(error, pool);
    }
    printf("created %s %s (user %" APR_INT64_T_FMT ")\n",
           strcmp(role, MPCMS_ROLE_SUPER_ADMIN) == 0 ? "super admin"
                                                     : "vendor user",
           email, id);
    return EXIT_SUCCESS;
}

static int run_prune_audit(mpcms_db_t *db, const options_t *options,
                           apr_pool_t *pool)
{
    apr_time_t cutoff =
        apr_time_now()
        - apr_time_from_sec((apr_int64_t)options->older_than_days * 24 * 60
                            * 60);
    const char *args[] = { mpcms_timestamp_format(cutoff, pool) };
    mpcms_error_t *error = NULL;
    apr_status_t rv;
    int deleted;
    int found;

    rv = mpcms_schema_check(&found, db, &error, pool);
    if (rv == MPCMS_ESCHEMA) {
        fprintf(stderr,
                "mpcms-admin: the database is at schema version %d, but the "
                "audit log needs version %d; run `mpcms-admin migrate` "
                "first\n",
                found, MPCMS_SCHEMA_VERSION);
        return EXIT_FAILURE;
    }
    if (rv == APR_SUCCESS) {
        rv = mpcms_db_execute(&deleted, db, MPCMS_SQL_AUDIT_PRUNE, args, &error,
                              pool);
    }
    if (rv != APR_SUCCESS) {
        return fail(error, pool);
    }
    printf("deleted %d audit log rows written before %s\n", deleted, args[0]);
    return EXIT_SUCCESS;
}

int main(int argc, const char *const *argv)
{
    options_t options;
    apr_pool_t *pool;
    mpcms_db_t db;
    int status;

    apr_app_initialize(&argc, &argv, NULL);
    atexit(apr_terminate);
    apr_pool_create(&pool, NULL);
    /* The upgrade sanitizes page bodies with libxml2 (src/sanitize.h). */
    xmlInitParser();

    if (!parse_options(&options, argc, argv, pool)) {
        return EXIT_USAGE;
    }
    if (!open_database(&db, &options, pool)) {
        return EXIT_FAILURE;
    }

    if (strcmp(options.command, "migrate") == 0) {
        status = run_migrate(&db, &options, pool);
    }
    else if (strcmp(options.command, "status") == 0) {
        status = run_status(&db, &options, pool);
    }
    else if (strcmp(options.command, "create-admin") == 0) {
        status = run_create_user(&db, &options, MPCMS_ROLE_SUPER_ADMIN, pool);
    }
    else if (strcmp(options.command, "create-vendor-user") == 0) {
        status = run_create_user(&db, &options, MPCMS_ROLE_VENDOR_USER, pool);
    }
    else if (strcmp(options.command, "prune-audit") == 0) {
        status = run_prune_audit(&db, &options, pool);
    }
    else {
        status = run_load(&db, &options, pool);
    }
    apr_dbd_close(db.driver, db.handle);
    return status;
}
