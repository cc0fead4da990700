/* Dashboard operations on a vendor's pages, each in one transaction. */
#include <apr_strings.h>
#include <glib.h>
#include <stdarg.h>
#include <string.h>

#include "names.h"
#include "record.h"
#include "sanitize.h"
#include "timezone.h"
#include "vendor_pages.h"

/* Sorted; see mpcms_slug_is_reserved. */
static const char *const reserved_slugs[] = {
    "admin", "api",    "assets", "login",   "logout", "platform_homepage",
    "shop",  "static", "vendor", "vendors",
};

/* Audit entities of the dashboard's changes. */
#define AUDIT_VENDOR_PAGE "vendor_page"
#define AUDIT_HIDDEN_PAGE "hidden_page"

/* Column order of MPCMS_SQL_VENDOR_PAGE. */
enum {
    VENDOR_PAGE_ID,
    VENDOR_PAGE_TITLE,
    VENDOR_PAGE_CONTENT,
    VENDOR_PAGE_META_DESCRIPTION,
    VENDOR_PAGE_META_KEYWORDS,
    VENDOR_PAGE_IS_PUBLISHED,
    VENDOR_PAGE_PUBLISH_AT,
    VENDOR_PAGE_TEMPLATE,
    VENDOR_PAGE_IS_OVERRIDE
};

/* MPCMS_SQL_VENDOR_PAGE as the audit log records a page. */
static const mpcms_column_t vendor_page_columns[] = {
    { "id", MPCMS_COLUMN_INT },
    { "title", MPCMS_COLUMN_TEXT },
    { "content", MPCMS_COLUMN_TEXT },
    { "meta_description", MPCMS_COLUMN_TEXT },
    { "meta_keywords", MPCMS_COLUMN_TEXT },
    { "is_published", MPCMS_COLUMN_BOOL },
    { "publish_at", MPCMS_COLUMN_TIME },
    { "template", MPCMS_COLUMN_TEXT },
    { "is_override", MPCMS_COLUMN_BOOL },
    { NULL, MPCMS_COLUMN_TEXT },
};

static apr_status_t refuse(mpcms_refusal_t **refusal, apr_status_t status,
                           const char *field, apr_pool_t *pool, const char *fmt,
                           ...) __attribute__((format(printf, 5, 6)));

static apr_status_t refuse(mpcms_refusal_t **refusal, apr_status_t status,
                           const char *field, apr_pool_t *pool, const char *fmt,
                           ...)
{
    mpcms_refusal_t *record = apr_pcalloc(pool, sizeof(*record));
    va_list args;

    va_start(args, fmt);
    record->error.message = apr_pvsprintf(pool, fmt, args);
    va_end(args);
    record->error.source = field;
    *refusal = record;
    return status;
}

/* Reports a database failure, which the caller logs rather than shows. */
static apr_status_t fail(mpcms_refusal_t **refusal, apr_status_t status,
                         const mpcms_error_t *error, apr_pool_t *pool)
{
    mpcms_refusal_t *record = apr_pcalloc(pool, sizeof(*record));

    if (error != NULL) {
        record->error = *error;
    }
    else {
        record->error.message = "database failure";
    }
    *refusal = record;
    return status;
}

int mpcms_slug_is_reserved(const char *slug)
{
    size_t i;

    for (i = 0; i < sizeof(reserved_slugs) / sizeof(reserved_slugs[0]); i++) {
        if (strcmp(slug, reserved_slugs[i]) == 0) {
            return 1;
        }
    }
    return 0;
}

apr_status_t mpcms_vendor_slug_check(const char *slug,
                                     mpcms_refusal_t **refusal,
                                     apr_pool_t *pool)
{
    if (slug == NULL || !mpcms_slug_is_valid(slug)) {
        return refuse(refusal, MPCMS_EINVALID, "slug", pool,
                      "invalid slug '%s': use 1 to %d characters a-z, 0-9, "
                      "'_' and '-'",
                      slug ? slug : "", MPCMS_SLUG_MAX);
    }
    if (mpcms_slug_is_reserved(slug)) {
        return refuse(refusal, MPCMS_EINVALID, "slug", pool,
                      "the slug '%s' is reserved for other parts of the "
                      "site; choose another one",
                      slug);
    }
    return APR_SUCCESS;
}

/* Returns 1 when text contains a control character other than tab. */
static int has_control_character(const char *text)
{
    for (; *text != '\0'; text++) {
        unsigned char c = (unsigned char)*text;

        if ((c < 0x20 && c != '\t') || c == 0x7f) {
            return 1;
        }
    }
    return 0;
}

static int is_blank(const char *text)
{
    for (; *text != '\0'; text++) {
        if (*text != ' ' && *text != '\t') {
            return 0;
        }
    }
    return 1;
}

/*
 * Checks a one-line text field: valid UTF-8, no control character, at
 * most max characters.
 */
static apr_status_t check_text(const char *text, const char *field,
                               const char *label, int max,
                               mpcms_refusal_t **refusal, apr_pool_t *pool)
{
    if (!g_utf8_validate(text, -1, NULL)) {
        return refuse(refusal, MPCMS_EINVALID, field, pool,
                      "the %s is not valid UTF-8 text", label);
    }
    if (has_control_character(text)) {
        return refuse(refusal, MPCMS_EINVALID, field, pool,
                      "the %s contains a line break or another control "
                      "character; write it on one line",
                      label);
    }
    if (g_utf8_strlen(text, -1) > max) {
        return refuse(refusal, MPCMS_EINVALID, field, pool,
                      "the %s is too long: at most %d characters", label, max);
    }
    return APR_SUCCESS;
}

/* Reads exactly count digits at text into *value. */
static int read_digits(int *value, const char *text, int count)
{
    int i;

    *value = 0;
    for (i = 0; i < count; i++) {
        if (text[i] < '0' || text[i] > '9') {
            return 0;
        }
        *value = *value * 10 + (text[i] - '0');
    }
    return 1;
}

/* Parses "YYYY-MM-DDTHH:MM" or "YYYY-MM-DDTHH:MM:SS". */
static int parse_local(mpcms_local_time_t *local, const char *text)
{
    apr_size_t length = strlen(text);

    memset(local, 0, sizeof(*local));
    if (length != 16 && length != 19) {
        return 0;
    }
    if (!read_digits(&local->year, text, 4) || text[4] != '-'
        || !read_digits(&local->month, text + 5, 2) || text[7] != '-'
        || !read_digits(&local->day, text + 8, 2) || text[10] != 'T'
        || !read_digits(&local->hour, text + 11, 2) || text[13] != ':'
        || !read_digits(&local->minute, text + 14, 2)) {
        return 0;
    }
    if (length == 19
        && (text[16] != ':' || !read_digits(&local->second, text + 17, 2))) {
        return 0;
    }
    return 1;
}

apr_status_t mpcms_vendor_publish_time(const char **utc, const char *local,
                                       const char *zone_name,
                                       mpcms_refusal_t **refusal,
                                       apr_pool_t *pool)
{
    mpcms_local_time_t parts;
    mpcms_local_kind_e kind;
    mpcms_timezone_t *zone;
    mpcms_error_t *error = NULL;
    apr_int64_t seconds;
    apr_status_t rv;

    *utc = NULL;
    if (mpcms_timezone_open(&zone, zone_name, &error, pool) != APR_SUCCESS) {
        return refuse(refusal, MPCMS_EINVALID, "publish_at", pool,
                      "scheduling is not possible: the platform's time zone "
                      "'%s' is unknown; ask the platform administrator to "
                      "correct it",
                      zone_name ? zone_name : "");
    }
    rv = parse_local(&parts, local)
             ? mpcms_timezone_from_local(&seconds, &kind, zone, &parts)
             : APR_EINVAL;
    if (rv == APR_ERANGE) {
        return refuse(refusal, MPCMS_EINVALID, "publish_at", pool,
                      "the publish time %s is out of range: choose a time "
                      "from " MPCMS_LOCAL_FIRST " to " MPCMS_LOCAL_LAST,
                      local);
    }
    if (rv != APR_SUCCESS) {
        return refuse(refusal, MPCMS_EINVALID, "publish_at", pool,
                      "invalid publish time '%s': expected a date and time "
                      "such as 2026-03-29T08:00",
                      local);
    }
    if (kind == MPCMS_LOCAL_SKIPPED) {
        return refuse(refusal, MPCMS_EINVALID, "publish_at", pool,
                      "the time %s does not exist in %s because the clocks "
                      "move forward then; choose a time after the change",
                      local, zone_name);
    }
    *utc = mpcms_utc_format(apr_time_from_sec(seconds), pool);
    return APR_SUCCESS;
}

/* Rejects a field present in input (not NULL) whose feature the tier lacks. */
static apr_status_t check_feature(const mpcms_membership_t *membership,
                                  const char *value, unsigned feature,
                                  const char *field, mpcms_refusal_t **refusal,
                                  apr_pool_t *pool)
{
    const mpcms_tier_t *upgrade;
    const char *plan;
    apr_status_t rv;

    if (value == NULL || mpcms_membership_has(membership, feature)) {
        return APR_SUCCESS;
    }
    upgrade = mpcms_tiers_feature_upgrade(
        membership->tier, feature, membership->tiers, membership->tier_count);
    plan = membership->tier != NULL
               ? apr_psprintf(pool, "the %s plan", membership->tier->name)
               : "a membership without a plan";
    if (upgrade != NULL) {
        rv = refuse(refusal, MPCMS_EFEATURE, field, pool,
                    "the field %s needs the %s feature, which %s does not "
                    "include; upgrade to %s to use it",
                    field, mpcms_feature_name(feature), plan, upgrade->name);
    }
    else {
        rv = refuse(refusal, MPCMS_EFEATURE, field, pool,
                    "the field %s needs the %s feature, which %s does not "
                    "include",
                    field, mpcms_feature_name(feature), plan);
    }
    (*refusal)->feature = feature;
    (*refusal)->upgrade = upgrade;
    return rv;
}

/*
 * Rejects the fields of input whose feature the tier lacks. publish_at is
 * checked only when check_schedule is set, because an edit compares it
 * with the stored time instead (check_kept_schedule).
 */
static apr_status_t check_features(const mpcms_membership_t *membership,
                                   const mpcms_page_input_t *input,
                                   int check_schedule,
                                   mpcms_refusal_t **refusal, apr_pool_t *pool)
{
    apr_status_t rv;

    rv = check_feature(membership, input->meta_description, MPCMS_FEATURE_SEO,
                       "meta_description", refusal, pool);
    if (rv == APR_SUCCESS) {
        rv = check_feature(membership, input->meta_keywords, MPCMS_FEATURE_SEO,
                           "meta_keywords", refusal, pool);
    }
    if (rv == APR_SUCCESS) {
        rv = check_feature(membership, input->template, MPCMS_FEATURE_TEMPLATES,
                           "template", refusal, pool);
    }
    if (rv == APR_SUCCESS && check_schedule) {
        rv = check_feature(membership, input->publish_at,
                           MPCMS_FEATURE_SCHEDULING, "publish_at", refusal,
                           pool);
    }
    return rv;
}

/*
 * Lets an edit without cms_scheduling clear the stored publish time or
 * send it again unchanged, so that a page that kept a time from an
 * earlier plan can still be saved and published. utc is the converted
 * input (NULL when it clears the time), stored the page's time.
 */
static apr_status_t check_kept_schedule(const mpcms_membership_t *membership,
                                        const mpcms_page_input_t *input,
                                        const char *utc, const char *stored,
                                        mpcms_refusal_t **refusal,
                                        apr_pool_t *pool)
{
    if (input->publish_at == NULL || utc == NULL
        || (stored != NULL && strcmp(utc, stored) == 0)) {
        return APR_SUCCESS;
    }
    return check_feature(membership, input->publish_at,
                         MPCMS_FEATURE_SCHEDULING, "publish_at", refusal, pool);
}

static int is_offered_variant(const mpcms_membership_t *membership,
                              const char *name)
{
    int i;

    if (membership->variants == NULL) {
        return 1;
    }
    for (i = 0; i < membership->variants->nelts; i++) {
        if (strcmp(APR_ARRAY_IDX(membership->variants, i, const char *), name)
            == 0) {
            return 1;
        }
    }
    return 0;
}

/* Input after validation, ready for the statements. */
typedef struct page_values {
    const char *title;
    const char *content;
    const char *meta_description;
    const char *meta_keywords;
    const char *template;
    const char *publish_at; /* UTC text */
    int is_published;
} page_values_t;

/* An empty optional field clears the column. */
static const char *optional(const char *value)
{
    return value != NULL && value[0] == '\0' ? NULL : value;
}

/*
 * Validates the fields present in input and writes them over values,
 * which contains the page as stored (or the defaults of a new page).
 * *removed gets what the sanitizer removed from the content.
 */
static apr_status_t apply_input(page_values_t *values,
                                mpcms_sanitize_report_t *removed,
                                const mpcms_membership_t *membership,
                                const mpcms_page_input_t *input,
                                mpcms_refusal_t **refusal, apr_pool_t *pool)
{
    apr_status_t rv;

    if (input->title != NULL) {
        if (is_blank(input->title)) {
            return refuse(refusal, MPCMS_EINVALID, "title", pool,
                          "the title is missing");
        }
        rv = check_text(input->title, "title", "title", MPCMS_TITLE_MAX,
                        refusal, pool);
        if (rv != APR_SUCCESS) {
            return rv;
        }
        values->title = input->title;
    }

    if (input->content != NULL) {
        mpcms_error_t *error = NULL;
        const char *clean;

        rv = mpcms_sanitize_html(&clean, removed, input->content,
                                 strlen(input->content), &error, pool);
        if (rv != APR_SUCCESS) {
            return refuse(refusal, MPCMS_EINVALID, "content", pool,
                          "the content cannot be saved: %s",
                          error ? error->message : "the HTML is invalid");
        }
        values->content = clean;
    }

    if (input->meta_description != NULL) {
        rv = check_text(input->meta_description, "meta_description",
                        "description", MPCMS_META_MAX, refusal, pool);
        if (rv != APR_SUCCESS) {
            return rv;
        }
        values->meta_description = optional(input->meta_description);
    }
    if (input->meta_keywords != NULL) {
        rv = check_text(input->meta_keywords, "meta_keywords", "keywords",
                        MPCMS_META_MAX, refusal, pool);
        if (rv != APR_SUCCESS) {
            return rv;
        }
        values->meta_keywords = optional(input->meta_keywords);
    }

    if (input->template != NULL) {
        const char *name = optional(input->template);

        if (name != NULL
            && (!mpcms_variant_name_is_valid(name)
                || !is_offered_variant(membership, name))) {
            return refuse(refusal, MPCMS_EINVALID, "template", pool,
                          "unknown layout '%s' for this platform's theme",
                          name);
        }
        values->template = name;
    }

    if (input->publish_at != NULL) {
        values->publish_at = NULL;
        if (input->publish_at[0] != '\0') {
            rv = mpcms_vendor_publish_time(&values->publish_at,
                                           input->publish_at,
                                           membership->timezone, refusal, pool);
            if (rv != APR_SUCCESS) {
                return rv;
            }
        }
    }

    if (input->is_published == 0 || input->is_published == 1) {
        values->is_published = input->is_published;
    }
    return APR_SUCCESS;
}

/* One write operation: its connection, transaction and fresh tier. */
typedef struct write_context {
    mpcms_tx_t *tx;
    mpcms_db_t *db;
    const mpcms_actor_t *actor; /* for the audit row */
    mpcms_membership_t fresh;   /* tier and time zone read inside it */
    const char *vendor_id;
    const char *platform_id;
    int unchanged; /* the write changed nothing: roll it back */
} write_context_t;

static apr_status_t begin_write(write_context_t *context, mpcms_store_t *store,
                                const mpcms_membership_t *membership,
                                const mpcms_actor_t *actor,
                                mpcms_refusal_t **refusal, apr_pool_t *pool)
{
    mpcms_error_t *error = NULL;
    apr_status_t rv;

    memset(context, 0, sizeof(*context));
    context->actor = actor;
    context->fresh = *membership;
    context->vendor_id = apr_ltoa(pool, (long)membership->vendor->id);
    context->platform_id = apr_ltoa(pool, (long)membership->platform->id);

    rv = mpcms_tx_begin(&context->tx, store, &error, pool);
    if (rv != APR_SUCCESS) {
        return fail(refusal, rv, error, pool);
    }
    context->db = mpcms_tx_db(context->tx);

    rv = mpcms_membership_read(&context->fresh, context->db, 1, &error, pool);
    if (rv == APR_ENOENT) {
        return refuse(refusal, MPCMS_ENOTFOUND, NULL, pool,
                      "the membership of %s on %s is no longer active",
                      membership->vendor->code, membership->platform->code);
    }
    if (rv != APR_SUCCESS) {
        return fail(refusal, rv, error, pool);
    }
    return APR_SUCCESS;
}

/*
 * Commits when rv is APR_SUCCESS and the write changed something, else
 * rolls back; returns the outcome.
 */
static apr_status_t end_write(write_context_t *context, apr_status_t rv,
                              mpcms_refusal_t **refusal, apr_pool_t *pool)
{
    mpcms_error_t *error = NULL;
    apr_status_t committed;

    if (context->tx == NULL) {
        return rv;
    }
    if (rv != APR_SUCCESS || context->unchanged) {
        /* The rollback also undoes the version bump of an UPDATE. */
        mpcms_tx_rollback(context->tx);
        return rv;
    }
    committed = mpcms_tx_commit(context->tx, &error);
    return committed == APR_SUCCESS ? rv
                                    : fail(refusal, committed, error, pool);
}

/* Runs a SELECT inside the write; a failure fills *refusal. */
static apr_status_t select_rows(mpcms_rows_t **rows, write_context_t *context,
                                mpcms_sql_e id, const char *const *args,
                                mpcms_refusal_t **refusal, apr_pool_t *pool)
{
    mpcms_error_t *error = NULL;
    apr_status_t rv =
        mpcms_db_select(rows, context->db, id, args, &error, pool);

    return rv == APR_SUCCESS ? rv : fail(refusal, rv, error, pool);
}

static apr_status_t execute(int *affected, write_context_t *context,
                            mpcms_sql_e id, const char *const *args,
                            mpcms_refusal_t **refusal, apr_pool_t *pool)
{
    mpcms_error_t *error = NULL;
    apr_status_t rv =
        mpcms_db_execute(affected, context->db, id, args, &error, pool);

    return rv == APR_SUCCESS ? rv : fail(refusal, rv, error, pool);
}

/*
 * Writes the audit row of a change inside the write. before and after are
 * MPCMS_SQL_VENDOR_PAGE rows of the page as it was and became (NULL or no
 * row: none).
 */
static apr_status_t audit(write_context_t *context, const char *action,
                          const char *entity, const char *slug,
                          const mpcms_rows_t *before, const mpcms_rows_t *after,
                          mpcms_refusal_t **refusal, apr_pool_t *pool)
{
    const char *key =
        apr_psprintf(pool, "%s/%s/%s", context->fresh.platform->code,
                     context->fresh.vendor->code, slug);
    json_t *before_json =
        before != NULL && before->count > 0
            ? mpcms_record_json(before, 0, vendor_page_columns)
            : NULL;
    json_t *after_json = after != NULL && after->count > 0
                             ? mpcms_record_json(after, 0, vendor_page_columns)
                             : NULL;
    mpcms_error_t *error = NULL;
    apr_status_t rv;

    rv = mpcms_audit_write(context->db, context->actor, action, entity, key,
                           before_json, after_json, &error, pool);
    json_decref(before_json);
    json_decref(after_json);
    return rv == APR_SUCCESS ? rv : fail(refusal, rv, error, pool);
}

static apr_status_t find_default(int *found, write_context_t *context,
                                 const char *slug, mpcms_refusal_t **refusal,
                                 apr_pool_t *pool)
{
    const char *args[] = { context->platform_id, slug };
    mpcms_rows_t *rows;
    apr_status_t rv;

    rv = select_rows(&rows, context, MPCMS_SQL_DEFAULT_PAGE, args, refusal,
                     pool);
    *found = rv == APR_SUCCESS && rows->count > 0;
    return rv;
}

/* Reads the vendor's page under slug; (*rows)->count is 0 without one. */
static apr_status_t find_vendor_page(mpcms_rows_t **rows,
                                     write_context_t *context, const char *slug,
                                     mpcms_refusal_t **refusal,
                                     apr_pool_t *pool)
{
    const char *args[] = { context->vendor_id, context->platform_id, slug };

    return select_rows(rows, context, MPCMS_SQL_VENDOR_PAGE, args, refusal,
                       pool);
}

static const char *limit_sentence(const mpcms_tier_t *tier,
                                  const mpcms_usage_t *usage,
                                  mpcms_limit_e limit, apr_pool_t *pool)
{
    switch (limit) {
    case MPCMS_LIMIT_NO_TIER:
        return "your membership on this platform has no plan, so pages "
               "cannot be added";
    case MPCMS_LIMIT_FEATURE:
        return apr_psprintf(pool, "custom pages are not part of the %s plan",
                            tier->name);
    case MPCMS_LIMIT_PAGES:
        return apr_psprintf(pool, "%s: the %s plan allows %d pages",
                            mpcms_tiers_describe(usage->pages,
                                                 mpcms_tier_pages_limit(tier),
                                                 "pages", pool),
                            tier->name, mpcms_tier_pages_limit(tier));
    case MPCMS_LIMIT_CUSTOM_PAGES:
        return apr_psprintf(
            pool, "%s: the %s plan allows %d custom pages",
            mpcms_tiers_describe(usage->custom_pages,
                                 mpcms_tier_custom_pages_limit(tier),
                                 "custom pages", pool),
            tier->name, mpcms_tier_custom_pages_limit(tier));
    case MPCMS_LIMIT_NONE:
        break;
    }
    return "";
}

/*
 * Counts the vendor's pages and checks action against the fresh tier,
 * inside the transaction that will insert the page.
 */
static apr_status_t check_limits(write_context_t *context,
                                 mpcms_page_action_e action,
                                 mpcms_refusal_t **refusal, apr_pool_t *pool)
{
    const char *args[] = { context->vendor_id, context->platform_id };
    const mpcms_membership_t *fresh = &context->fresh;
    mpcms_limit_check_t check;
    mpcms_usage_t usage;
    mpcms_rows_t *rows;
    const char *reason;
    apr_status_t rv;

    rv = select_rows(&rows, context, MPCMS_SQL_VENDOR_USAGE, args, refusal,
                     pool);
    if (rv != APR_SUCCESS) {
        return rv;
    }
    usage.pages = (int)mpcms_rows_int(rows, 0, 0);
    usage.custom_pages = (int)mpcms_rows_int(rows, 0, 1);

    mpcms_tiers_check(&check, fresh->tier, &usage, action, fresh->tiers,
                      fresh->tier_count);
    if (check.limit == MPCMS_LIMIT_NONE) {
        return APR_SUCCESS;
    }

    reason = limit_sentence(fresh->tier, &usage, check.limit, pool);
    rv = check.limit == MPCMS_LIMIT_FEATURE ? MPCMS_EFEATURE : MPCMS_ELIMIT;
    if (check.upgrade != NULL) {
        refuse(refusal, rv, NULL, pool, "%s. Upgrade to %s to add this page.",
               reason, check.upgrade->name);
    }
    else {
        refuse(refusal, rv, NULL, pool,
               "%s. No plan allows more; delete a page first.", reason);
    }
    (*refusal)->limit = check.limit;
    (*refusal)->upgrade = check.upgrade;
    if (check.limit == MPCMS_LIMIT_FEATURE) {
        (*refusal)->feature = MPCMS_FEATURE_CUSTOM_PAGES;
    }
    return rv;
}

/* Reads back the page a write added, for its id and the audit row. */
static apr_status_t audit_new_page(apr_int64_t *page_id,
                                   write_context_t *context, const char *action,
                                   const char *slug, mpcms_refusal_t **refusal,
                                   apr_pool_t *pool)
{
    mpcms_rows_t *rows;
    apr_status_t rv = find_vendor_page(&rows, context, slug, refusal, pool);

    if (rv != APR_SUCCESS) {
        return rv;
    }
    *page_id = mpcms_rows_int(rows, 0, VENDOR_PAGE_ID);
    return audit(context, action, AUDIT_VENDOR_PAGE, slug, NULL, rows, refusal,
                 pool);
}

static apr_status_t override_in(apr_int64_t *page_id, write_context_t *context,
                                const char *slug, mpcms_refusal_t **refusal,
                                apr_pool_t *pool)
{
    const char *args[] = { context->vendor_id, context->platform_id, slug };
    mpcms_rows_t *rows;
    int has_default;
    int affected;
    apr_status_t rv;

    rv = find_default(&has_default, context, slug, refusal, pool);
    if (rv != APR_SUCCESS) {
        return rv;
    }
    if (!has_default) {
        return refuse(refusal, MPCMS_ENOTFOUND, "slug", pool,
                      "there is no default page '%s' to override", slug);
    }
    rv = find_vendor_page(&rows, context, slug, refusal, pool);
    if (rv != APR_SUCCESS) {
        return rv;
    }
    if (rows->count > 0) {
        return refuse(refusal, MPCMS_ECONFLICT, "slug", pool,
                      "'%s' is already overridden; edit your version instead",
                      slug);
    }

    rv = check_limits(context, MPCMS_ACTION_OVERRIDE, refusal, pool);
    if (rv == APR_SUCCESS) {
        rv = execute(&affected, context, MPCMS_SQL_OVERRIDE_INSERT, args,
                     refusal, pool);
    }
    if (rv == APR_SUCCESS) {
        rv = audit_new_page(page_id, context, "override", slug, refusal, pool);
    }
    return rv;
}

apr_status_t
mpcms_vendor_page_override(apr_int64_t *page_id, mpcms_store_t *store,
                           const mpcms_membership_t *membership,
                           const mpcms_actor_t *actor, const char *slug,
                           mpcms_refusal_t **refusal, apr_pool_t *pool)
{
    write_context_t context;
    apr_status_t rv;

    *page_id = 0;
    rv = begin_write(&context, store, membership, actor, refusal, pool);
    if (rv == APR_SUCCESS) {
        rv = override_in(page_id, &context, slug, refusal, pool);
    }
    return end_write(&context, rv, refusal, pool);
}

static void read_values(page_values_t *values, const mpcms_rows_t *rows)
{
    values->title = mpcms_rows_get(rows, 0, VENDOR_PAGE_TITLE);
    values->content = mpcms_rows_get(rows, 0, VENDOR_PAGE_CONTENT);
    values->meta_description =
        mpcms_rows_get(rows, 0, VENDOR_PAGE_META_DESCRIPTION);
    values->meta_keywords = mpcms_rows_get(rows, 0, VENDOR_PAGE_META_KEYWORDS);
    values->is_published = mpcms_rows_bool(rows, 0, VENDOR_PAGE_IS_PUBLISHED);
    values->publish_at = mpcms_rows_get(rows, 0, VENDOR_PAGE_PUBLISH_AT);
    values->template = mpcms_rows_get(rows, 0, VENDOR_PAGE_TEMPLATE);
}

/* Returns 1 when two results have the same cells, NULL equal to NULL. */
static int rows_equal(const mpcms_rows_t *a, const mpcms_rows_t *b)
{
    int i;

    if (a->count != b->count || a->columns != b->columns) {
        return 0;
    }
    for (i = 0; i < a->count * a->columns; i++) {
        const char *x = a->cells[i];
        const char *y = b->cells[i];

        if ((x == NULL) != (y == NULL) || (x != NULL && strcmp(x, y) != 0)) {
            return 0;
        }
    }
    return 1;
}

static apr_status_t edit_in(write_context_t *context, const char *slug,
                            const page_values_t *changes,
                            const mpcms_page_input_t *input,
                            mpcms_refusal_t **refusal, apr_pool_t *pool)
{
    page_values_t values;
    mpcms_rows_t *rows;
    int affected;
    apr_status_t rv;

    /* The tier may have changed since the form was checked. */
    rv = check_features(&context->fresh, input, 0, refusal, pool);
    if (rv == APR_SUCCESS) {
        rv = find_vendor_page(&rows, context, slug, refusal, pool);
    }
    if (rv != APR_SUCCESS) {
        return rv;
    }
    if (rows->count == 0) {
        return refuse(refusal, MPCMS_ENOTFOUND, "slug", pool,
                      "you have no page '%s'; override the default or "
                      "create the page first",
                      slug);
    }
    rv = check_kept_schedule(&context->fresh, input, changes->publish_at,
                             mpcms_rows_get(rows, 0, VENDOR_PAGE_PUBLISH_AT),
                             refusal, pool);
    if (rv != APR_SUCCESS) {
        return rv;
    }

    read_values(&values, rows);
    if (input->title != NULL) {
        values.title = changes->title;
    }
    if (input->content != NULL) {
        values.content = changes->content;
    }
    if (input->meta_description != NULL) {
        values.meta_description = changes->meta_description;
    }
    if (input->meta_keywords != NULL) {
        values.meta_keywords = changes->meta_keywords;
    }
    if (input->template != NULL) {
        values.template = changes->template;
    }
    if (input->publish_at != NULL) {
        values.publish_at = changes->publish_at;
    }
    if (input->is_published == 0 || input->is_published == 1) {
        values.is_published = input->is_published;
    }

    {
        const char *args[] = { values.title,
                               values.content,
                               values.meta_description,
                               values.meta_keywords,
                               values.is_published ? "1" : "0",
                               values.publish_at,
                               values.template,
                               context->vendor_id,
                               context->platform_id,
                               slug };

        mpcms_rows_t *after;

        rv = execute(&affected, context, MPCMS_SQL_VENDOR_PAGE_UPDATE, args,
                     refusal, pool);
        if (rv == APR_SUCCESS) {
            rv = find_vendor_page(&after, context, slug, refusal, pool);
        }
        if (rv != APR_SUCCESS) {
            return rv;
        }
        /* Compared as the database stores the page, so that a value that
         * differs only in form (a time, a boolean) counts as equal. */
        if (rows_equal(rows, after)) {
            context->unchanged = 1;
            return APR_SUCCESS;
        }
        return audit(context, "update", AUDIT_VENDOR_PAGE, slug, rows, after,
                     refusal, pool);
    }
}

apr_status_t mpcms_vendor_page_edit(mpcms_page_outcome_t *outcome,
                                    mpcms_store_t *store,
                                    const mpcms_membership_t *membership,
                                    const mpcms_actor_t *actor,
                                    const char *slug,
                                    const mpcms_page_input_t *input,
                                    mpcms_refusal_t **refusal, apr_pool_t *pool)
{
    write_context_t context;
    page_values_t changes;
    mpcms_sanitize_report_t removed;
    apr_status_t rv;

    memset(&removed, 0, sizeof(removed));
    if (outcome != NULL) {
        memset(outcome, 0, sizeof(*outcome));
    }
    /* Checked before the transaction, so that sanitizing a large body
     * does not hold the write lock. */
    memset(&changes, 0, sizeof(changes));
    rv = check_features(membership, input, 0, refusal, pool);
    if (rv == APR_SUCCESS) {
        rv = apply_input(&changes, &removed, membership, input, refusal, pool);
    }
    if (rv != APR_SUCCESS) {
        return rv;
    }

    rv = begin_write(&context, store, membership, actor, refusal, pool);
    if (rv == APR_SUCCESS) {
        rv = edit_in(&context, slug, &changes, input, refusal, pool);
    }
    rv = end_write(&context, rv, refusal, pool);
    if (rv == APR_SUCCESS && outcome != NULL) {
        outcome->changed = !context.unchanged;
        outcome->removed = removed;
    }
    return rv;
}

apr_status_t mpcms_vendor_removal_check(const char *slug, int is_override,
                                        int want_override,
                                        mpcms_refusal_t **refusal,
                                        apr_pool_t *pool)
{
    if (want_override && !is_override) {
        return refuse(refusal, MPCMS_ECONFLICT, "slug", pool,
                      "'%s' is a custom page with no default to return to; "
                      "delete it instead",
                      slug);
    }
    if (!want_override && is_override) {
        return refuse(refusal, MPCMS_ECONFLICT, "slug", pool,
                      "'%s' overrides a default page; revert it to the "
                      "default instead",
                      slug);
    }
    return APR_SUCCESS;
}

/*
 * Deletes the vendor's page under slug when it is an override (want
 * override set) or a custom page (want override clear).
 */
static apr_status_t delete_in(write_context_t *context, const char *slug,
                              int want_override, mpcms_refusal_t **refusal,
                              apr_pool_t *pool)
{
    const char *args[] = { context->vendor_id, context->platform_id, slug };
    mpcms_rows_t *rows;
    int is_override;
    int affected;
    apr_status_t rv;

    rv = find_vendor_page(&rows, context, slug, refusal, pool);
    if (rv != APR_SUCCESS) {
        return rv;
    }
    if (rows->count == 0) {
        return refuse(refusal, MPCMS_ENOTFOUND, "slug", pool,
                      want_override ? "'%s' is not overridden"
                                    : "you have no custom page '%s'",
                      slug);
    }
    is_override = mpcms_rows_bool(rows, 0, VENDOR_PAGE_IS_OVERRIDE);
    rv = mpcms_vendor_removal_check(slug, is_override, want_override, refusal,
                                    pool);
    if (rv != APR_SUCCESS) {
        return rv;
    }
    rv = execute(&affected, context, MPCMS_SQL_VENDOR_PAGE_DELETE, args,
                 refusal, pool);
    if (rv != APR_SUCCESS) {
        return rv;
    }
    return audit(context, want_override ? "revert" : "delete",
                 AUDIT_VENDOR_PAGE, slug, rows, NULL, refusal, pool);
}

static apr_status_t delete_page(mpcms_store_t *store,
                                const mpcms_membership_t *membership,
                                const mpcms_actor_t *actor, const char *slug,
                                int want_override, mpcms_refusal_t **refusal,
                                apr_pool_t *pool)
{
    write_context_t context;
    apr_status_t rv;

    rv = begin_write(&context, store, membership, actor, refusal, pool);
    if (rv == APR_SUCCESS) {
        rv = delete_in(&context, slug, want_override, refusal, pool);
    }
    return end_write(&context, rv, refusal, pool);
}

apr_status_t mpcms_vendor_page_revert(mpcms_store_t *store,
                                      const mpcms_membership_t *membership,
                                      const mpcms_actor_t *actor,
                                      const char *slug,
                                      mpcms_refusal_t **refusal,
                                      apr_pool_t *pool)
{
    return delete_page(store, membership, actor, slug, 1, refusal, pool);
}

apr_status_t mpcms_vendor_page_delete(mpcms_store_t *store,
                                      const mpcms_membership_t *membership,
                                      const mpcms_actor_t *actor,
                                      const char *slug,
                                      mpcms_refusal_t **refusal,
                                      apr_pool_t *pool)
{
    return delete_page(store, membership, actor, slug, 0, refusal, pool);
}

static apr_status_t create_in(apr_int64_t *page_id, write_context_t *context,
                              const char *slug, const page_values_t *values,
                              const mpcms_page_input_t *input,
                              mpcms_refusal_t **refusal, apr_pool_t *pool)
{
    const char *args[] = { context->platform_id,
                           context->vendor_id,
                           slug,
                           values->title,
                           values->content,
                           values->meta_description,
                           values->meta_keywords,
                           values->is_published ? "1" : "0",
                           values->publish_at,
                           values->template };
    mpcms_rows_t *rows;
    int has_default;
    int affected;
    apr_status_t rv;

    rv = check_features(&context->fresh, input, 1, refusal, pool);
    if (rv == APR_SUCCESS) {
        rv = find_vendor_page(&rows, context, slug, refusal, pool);
    }
    if (rv != APR_SUCCESS) {
        return rv;
    }
    if (rows->count > 0) {
        return refuse(refusal, MPCMS_ECONFLICT, "slug", pool,
                      "you already have a page '%s'", slug);
    }
    rv = find_default(&has_default, context, slug, refusal, pool);
    if (rv != APR_SUCCESS) {
        return rv;
    }
    if (has_default) {
        return refuse(refusal, MPCMS_ECONFLICT, "slug", pool,
                      "'%s' is a default page of the platform; override it "
                      "instead",
                      slug);
    }

    rv = check_limits(context, MPCMS_ACTION_CREATE_CUSTOM, refusal, pool);
    if (rv == APR_SUCCESS) {
        rv = execute(&affected, context, MPCMS_SQL_CUSTOM_PAGE_INSERT, args,
                     refusal, pool);
    }
    if (rv == APR_SUCCESS) {
        rv = audit_new_page(page_id, context, "create", slug, refusal, pool);
    }
    return rv;
}

apr_status_t mpcms_vendor_page_create(
    apr_int64_t *page_id, mpcms_page_outcome_t *outcome, mpcms_store_t *store,
    const mpcms_membership_t *membership, const mpcms_actor_t *actor,
    const char *slug, const mpcms_page_input_t *input,
    mpcms_refusal_t **refusal, apr_pool_t *pool)
{
    write_context_t context;
    page_values_t values;
    mpcms_sanitize_report_t removed;
    apr_status_t rv;

    *page_id = 0;
    memset(&removed, 0, sizeof(removed));
    if (outcome != NULL) {
        memset(outcome, 0, sizeof(*outcome));
    }
    memset(&values, 0, sizeof(values));
    values.content = "";
    rv = mpcms_vendor_slug_check(slug, refusal, pool);
    if (rv == APR_SUCCESS) {
        rv = check_features(membership, input, 1, refusal, pool);
    }
    if (rv == APR_SUCCESS && input->title == NULL) {
        rv = refuse(refusal, MPCMS_EINVALID, "title", pool,
                    "the title is missing");
    }
    if (rv == APR_SUCCESS) {
        rv = apply_input(&values, &removed, membership, input, refusal, pool);
    }
    if (rv != APR_SUCCESS) {
        return rv;
    }

    rv = begin_write(&context, store, membership, actor, refusal, pool);
    if (rv == APR_SUCCESS) {
        rv = create_in(page_id, &context, slug, &values, input, refusal, pool);
    }
    rv = end_write(&context, rv, refusal, pool);
    if (rv == APR_SUCCESS && outcome != NULL) {
        outcome->changed = 1;
        outcome->removed = removed;
    }
    return rv;
}

/*
 * Rejects hiding a slug that the vendor's own page (rows of
 * MPCMS_SQL_VENDOR_PAGE) serves. Hiding applies to defaults only, and the
 * hidden row would stay behind, unseen, until that page is reverted.
 */
static apr_status_t refuse_hiding_own_page(const mpcms_rows_t *rows,
                                           const char *slug,
                                           mpcms_refusal_t **refusal,
                                           apr_pool_t *pool)
{
    if (rows->count == 0) {
        return APR_SUCCESS;
    }
    if (mpcms_rows_bool(rows, 0, VENDOR_PAGE_IS_OVERRIDE)) {
        return refuse(refusal, MPCMS_ECONFLICT, "slug", pool,
                      "'%s' is overridden by your own page, and only "
                      "defaults can be hidden; unpublish your page, or "
                      "revert it to the default and then hide it",
                      slug);
    }
    return refuse(refusal, MPCMS_ECONFLICT, "slug", pool,
                  "'%s' is a custom page, and only defaults can be hidden; "
                  "unpublish or delete it instead",
                  slug);
}

/*
 * Rejects showing a slug that the vendor's own page (rows of
 * MPCMS_SQL_VENDOR_PAGE) serves and that has no hidden row: only a default
 * can be hidden, so there is nothing to show.
 */
static apr_status_t refuse_showing_own_page(const mpcms_rows_t *rows,
                                            const char *slug,
                                            mpcms_refusal_t **refusal,
                                            apr_pool_t *pool)
{
    if (mpcms_rows_bool(rows, 0, VENDOR_PAGE_IS_OVERRIDE)) {
        return refuse(refusal, MPCMS_ECONFLICT, "slug", pool,
                      "'%s' is not hidden: your own page serves it; publish "
                      "your page to show it, or revert it to the default",
                      slug);
    }
    return refuse(refusal, MPCMS_ECONFLICT, "slug", pool,
                  "'%s' is not hidden: it is your custom page; publish it "
                  "to show it",
                  slug);
}

static apr_status_t hide_in(int *changed, write_context_t *context,
                            const char *slug, int hidden,
                            mpcms_refusal_t **refusal, apr_pool_t *pool)
{
    const char *insert_args[] = {
        context->platform_id, context->vendor_id, slug,
        context->platform_id, context->vendor_id, slug
    };
    const char *delete_args[] = { context->vendor_id, context->platform_id,
                                  slug };
    mpcms_rows_t *rows;
    int has_default;
    int affected = 0;
    apr_status_t rv;

    rv = find_vendor_page(&rows, context, slug, refusal, pool);
    if (rv != APR_SUCCESS) {
        return rv;
    }
    if (hidden) {
        rv = refuse_hiding_own_page(rows, slug, refusal, pool);
    }
    else if (rows->count > 0) {
        /* Showing the vendor's own slug only removes a hidden row left
         * from before the page existed. */
        rv = execute(&affected, context, MPCMS_SQL_HIDDEN_PAGE_DELETE,
                     delete_args, refusal, pool);
        if (rv == APR_SUCCESS && affected == 0) {
            rv = refuse_showing_own_page(rows, slug, refusal, pool);
        }
        if (rv == APR_SUCCESS) {
            *changed = 1;
            rv = audit(context, "show", AUDIT_HIDDEN_PAGE, slug, NULL, NULL,
                       refusal, pool);
        }
        return rv;
    }
    if (rv != APR_SUCCESS) {
        return rv;
    }

    rv = find_default(&has_default, context, slug, refusal, pool);
    if (rv != APR_SUCCESS) {
        return rv;
    }
    if (!has_default) {
        return refuse(refusal, MPCMS_ENOTFOUND, "slug", pool,
                      "there is no default page '%s' to %s", slug,
                      hidden ? "hide" : "show");
    }
    if (hidden) {
        rv = execute(&affected, context, MPCMS_SQL_HIDDEN_PAGE_INSERT,
                     insert_args, refusal, pool);
    }
    else {
        rv = execute(&affected, context, MPCMS_SQL_HIDDEN_PAGE_DELETE,
                     delete_args, refusal, pool);
    }
    if (rv != APR_SUCCESS || affected == 0) {
        /* No row added or removed: the default already was so. */
        return rv;
    }
    *changed = 1;
    return audit(context, hidden ? "hide" : "show", AUDIT_HIDDEN_PAGE, slug,
                 NULL, NULL, refusal, pool);
}

apr_status_t mpcms_vendor_page_hide(int *changed, mpcms_store_t *store,
                                    const mpcms_membership_t *membership,
                                    const mpcms_actor_t *actor,
                                    const char *slug, int hidden,
                                    mpcms_refusal_t **refusal, apr_pool_t *pool)
{
    write_context_t context;
    int row_changed = 0;
    apr_status_t rv;

    rv = begin_write(&context, store, membership, actor, refusal, pool);
    if (rv == APR_SUCCESS) {
        rv = hide_in(&row_changed, &context, slug, hidden, refusal, pool);
    }
    rv = end_write(&context, rv, refusal, pool);
    if (changed != NULL) {
        *changed = rv == APR_SUCCESS && row_changed;
    }
    return rv;
}
