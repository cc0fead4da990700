/*
 * Platforms and their subscription tiers in the admin area and the API.
 */
#include <apr_strings.h>
#include <string.h>

#include "admin_app.h"
#include "form.h"
#include "record.h"
#include "route.h"

/*
 * Platform codes the area cannot use: "admin" and "shared" are template
 * folders, and "new" is the address of the creation form.
 */
static const char *const reserved_platform_codes[] = { "admin", "shared", "new",
                                                       NULL };

static const mpcms_field_t platform_fields[] = {
    { "code", "Code", MPCMS_INPUT_TEXT, MPCMS_CHECK_CODE, MPCMS_FIELD_REQUIRED,
      50, 0, 0, NULL, NULL,
      "Lower-case letters, digits, '-' and '_'. Configuration directives, "
      "the theme folder and API URLs use it, so change it with care." },
    { "name", "Name", MPCMS_INPUT_TEXT, MPCMS_CHECK_NONE, MPCMS_FIELD_REQUIRED,
      200, 0, 0, NULL, NULL, NULL },
    { "description", "Description", MPCMS_INPUT_TEXTAREA, MPCMS_CHECK_NONE,
      MPCMS_FIELD_NULLABLE, 2000, 0, 0, NULL, NULL, NULL },
    { "domain", "Domain", MPCMS_INPUT_TEXT, MPCMS_CHECK_DOMAIN,
      MPCMS_FIELD_NULLABLE, 253, 0, 0, NULL, NULL,
      "The production domain, such as oms.lu; empty for none." },
    { "path_prefix", "Path prefix", MPCMS_INPUT_TEXT, MPCMS_CHECK_PATH_PREFIX,
      MPCMS_FIELD_NULLABLE, 100, 0, 0, NULL, NULL,
      "The development prefix, such as /oms; empty for none." },
    { "logo", "Logo URL", MPCMS_INPUT_TEXT, MPCMS_CHECK_URL,
      MPCMS_FIELD_NULLABLE, 500, 0, 0, NULL, NULL,
      "An https:// URL or a path starting with /." },
    { "theme_config", "Theme settings (JSON object)", MPCMS_INPUT_JSON,
      MPCMS_CHECK_THEME, MPCMS_FIELD_REQUIRED, 20000, 0, 0, NULL, "{}",
      "For example {\"primary_color\": \"#1d4ed8\"}; primary_color and "
      "accent_color take #rgb or #rrggbb." },
    { "is_active", "Active (served to visitors)", MPCMS_INPUT_CHECKBOX,
      MPCMS_CHECK_NONE, 0, 0, 0, 0, NULL, "1", NULL },
    { "default_language", "Default language", MPCMS_INPUT_TEXT,
      MPCMS_CHECK_LANGUAGE, MPCMS_FIELD_REQUIRED, 35, 0, 0, NULL, "en",
      "A language tag such as en, fr or pt-BR." },
    { "supported_languages", "Supported languages (JSON array)",
      MPCMS_INPUT_JSON, MPCMS_CHECK_LANGUAGES, MPCMS_FIELD_REQUIRED, 2000, 0, 0,
      NULL, "[\"en\"]",
      "For example [\"en\", \"fr\", \"de\"]; it must list the default "
      "language." },
    { "timezone", "Time zone", MPCMS_INPUT_TEXT, MPCMS_CHECK_TIMEZONE,
      MPCMS_FIELD_REQUIRED, 64, 0, 0, NULL, "UTC",
      "UTC or an IANA name such as Europe/Luxembourg." },
    { NULL, NULL, 0, 0, 0, 0, 0, 0, NULL, NULL, NULL },
};

static const mpcms_option_t feature_options[] = {
    { "cms_basic", "cms_basic: pages" },
    { "cms_custom_pages", "cms_custom_pages: pages of their own" },
    { "cms_seo", "cms_seo: SEO fields" },
    { "cms_templates", "cms_templates: page templates" },
    { "cms_unlimited_pages", "cms_unlimited_pages" },
    { "cms_scheduling", "cms_scheduling: scheduled publishing" },
    { NULL, NULL },
};

static const mpcms_field_t tier_fields[] = {
    { "code", "Code", MPCMS_INPUT_TEXT, MPCMS_CHECK_CODE, MPCMS_FIELD_REQUIRED,
      50, 0, 0, NULL, NULL, NULL },
    { "name", "Name", MPCMS_INPUT_TEXT, MPCMS_CHECK_NONE, MPCMS_FIELD_REQUIRED,
      200, 0, 0, NULL, NULL, NULL },
    { "sort_order", "Sort order", MPCMS_INPUT_NUMBER, MPCMS_CHECK_NONE,
      MPCMS_FIELD_REQUIRED, 0, 0, 100000, NULL, "0",
      "Tiers are listed from the lowest number up." },
    { "cms_pages_limit", "Pages limit", MPCMS_INPUT_NUMBER, MPCMS_CHECK_NONE,
      MPCMS_FIELD_NULLABLE, 0, 0, 1000000, NULL, NULL,
      "Pages a vendor may have; empty for no limit." },
    { "cms_custom_pages_limit", "Custom pages limit", MPCMS_INPUT_NUMBER,
      MPCMS_CHECK_NONE, MPCMS_FIELD_NULLABLE, 0, 0, 1000000, NULL, NULL,
      "Pages of their own (not overriding a default); empty for no limit." },
    { "is_active", "Active", MPCMS_INPUT_CHECKBOX, MPCMS_CHECK_NONE, 0, 0, 0, 0,
      NULL, "1", NULL },
    { "features", "Features", MPCMS_INPUT_CHOICES, MPCMS_CHECK_NONE, 0, 0, 0, 0,
      feature_options, NULL, NULL },
    { NULL, NULL, 0, 0, 0, 0, 0, 0, NULL, NULL, NULL },
};

static int is_reserved(const char *const *list, const char *value)
{
    for (; *list != NULL; list++) {
        if (strcmp(*list, value) == 0) {
            return 1;
        }
    }
    return 0;
}

/* ---- platforms ---- */

static const mpcms_admin_form_t *platform_form(mpcms_admin_ctx_t *ctx,
                                               const char *code)
{
    return mpcms_admin_record_form(ctx, platform_fields, "/platforms",
                                   "platform", code);
}

static apr_status_t list_platforms(mpcms_admin_ctx_t *ctx)
{
    mpcms_view_t *view;
    mpcms_rows_t *rows;
    long total;
    int page;
    int row;

    if (mpcms_admin_select_page(&rows, &total, &page, ctx,
                                MPCMS_SQL_ADMIN_PLATFORM_COUNT,
                                MPCMS_SQL_ADMIN_PLATFORM_LIST, NULL, 0)
        != APR_SUCCESS) {
        return ctx->result->status;
    }
    if (ctx->is_api) {
        return mpcms_admin_respond_list(ctx, rows, mpcms_platform_columns, page,
                                        total);
    }

    view = mpcms_admin_view(ctx);
    mpcms_admin_add_action(view, mpcms_admin_url(ctx, "/platforms/new"),
                           "New platform");
    mpcms_admin_add_column(view, "Code");
    mpcms_admin_add_column(view, "Name");
    mpcms_admin_add_column(view, "Domain");
    mpcms_admin_add_column(view, "Path prefix");
    mpcms_admin_add_column(view, "Active");
    for (row = 0; row < rows->count; row++) {
        const char *code =
            mpcms_record_get(rows, row, mpcms_platform_columns, "code");
        mpcms_view_t *line = mpcms_admin_add_row(view);

        mpcms_admin_add_cell(line, code,
                             mpcms_admin_url(ctx, "/platforms/%s", code));
        mpcms_admin_add_cell(
            line, mpcms_record_get(rows, row, mpcms_platform_columns, "name"),
            NULL);
        mpcms_admin_add_cell(
            line, mpcms_record_get(rows, row, mpcms_platform_columns, "domain"),
            NULL);
        mpcms_admin_add_cell(
            line,
            mpcms_record_get(rows, row, mpcms_platform_columns, "path_prefix"),
            NULL);
        mpcms_admin_add_cell(
            line,
            mpcms_admin_yes_no(
                rows, row,
                mpcms_record_index(mpcms_platform_columns, "is_active")),
            NULL);
        mpcms_admin_add_row_link(
            line, mpcms_admin_url(ctx, "/platforms/%s/pages", code),
            "Marketing pages");
        mpcms_admin_add_row_link(
            line, mpcms_admin_url(ctx, "/platforms/%s/defaults", code),
            "Vendor defaults");
        mpcms_admin_add_row_link(
            line, mpcms_admin_url(ctx, "/platforms/%s/tiers", code), "Tiers");
        mpcms_admin_add_row_link(
            line, mpcms_admin_url(ctx, "/platforms/%s", code), "Edit");
    }
    mpcms_view_set(view, "empty", "No platform yet.");
    mpcms_admin_pager(ctx, view, page, total,
                      mpcms_admin_url(ctx, "/platforms"));
    return mpcms_admin_render(ctx, MPCMS_ADMIN_LIST, view, "Platforms");
}

static apr_status_t new_platform(mpcms_admin_ctx_t *ctx)
{
    return mpcms_admin_render_form(
        ctx, platform_form(ctx, NULL),
        mpcms_fields_defaults(platform_fields, ctx->pool), NULL);
}

/* Reads a platform by code; *rows has no row when there is none. */
static apr_status_t read_platform(mpcms_rows_t **rows, mpcms_admin_ctx_t *ctx,
                                  mpcms_tx_t *tx, const char *code)
{
    const char *args[] = { code };

    if (tx != NULL) {
        return mpcms_admin_tx_select(ctx, tx, rows,
                                     MPCMS_SQL_ADMIN_PLATFORM_GET, args);
    }
    return mpcms_admin_select(rows, ctx, MPCMS_SQL_ADMIN_PLATFORM_GET, args);
}

static apr_status_t show_platform(mpcms_admin_ctx_t *ctx)
{
    const char *code = mpcms_admin_param_code(ctx, 0);
    mpcms_rows_t *rows;

    if (code == NULL || read_platform(&rows, ctx, NULL, code) != APR_SUCCESS
        || rows->count == 0) {
        return ctx->result->status != APR_SUCCESS
                   ? ctx->result->status
                   : mpcms_admin_fail_with(ctx, MPCMS_ENOTFOUND, NULL,
                                           "no platform with code '%s'",
                                           ctx->params[0]);
    }
    if (ctx->is_api) {
        return mpcms_admin_json(
            ctx, mpcms_record_json(rows, 0, mpcms_platform_columns));
    }
    return mpcms_admin_render_form(
        ctx, platform_form(ctx, code),
        mpcms_record_values(rows, 0, mpcms_platform_columns, ctx->pool), NULL);
}

/* Checks what the field rules cannot: reserved codes and related fields. */
static void check_platform(mpcms_admin_ctx_t *ctx, const apr_table_t *clean,
                           apr_array_header_t **errors)
{
    const char *code = apr_table_get(clean, "code");
    const char *prefix = mpcms_fields_sql(clean, "path_prefix");
    const char *languages = apr_table_get(clean, "supported_languages");
    const char *language = apr_table_get(clean, "default_language");
    const char *admin_path = ctx->request->admin_path;

    if (code != NULL && is_reserved(reserved_platform_codes, code)) {
        mpcms_fields_add_error(errors, "code", ctx->pool,
                               "the code '%s' is reserved; choose another",
                               code);
    }
    if (prefix != NULL && admin_path != NULL
        && (mpcms_path_has_prefix(prefix, admin_path)
            || mpcms_path_has_prefix(admin_path, prefix))) {
        mpcms_fields_add_error(errors, "path_prefix", ctx->pool,
                               "the path prefix '%s' overlaps the admin "
                               "area's %s",
                               prefix, admin_path);
    }
    if (languages != NULL && language != NULL
        && mpcms_fields_error_for(*errors, "supported_languages") == NULL
        && strstr(languages, apr_psprintf(ctx->pool, "\"%s\"", language))
               == NULL) {
        mpcms_fields_add_error(errors, "default_language", ctx->pool,
                               "the default language '%s' is not among the "
                               "supported languages",
                               language);
    }
}

/* Args of the platform insert and update, in column order. */
static const char **platform_args(const apr_table_t *clean, apr_pool_t *pool)
{
    const char **args = apr_pcalloc(pool, sizeof(const char *) * 12);

    args[0] = apr_table_get(clean, "code");
    args[1] = apr_table_get(clean, "name");
    args[2] = mpcms_fields_sql(clean, "description");
    args[3] = mpcms_fields_sql(clean, "domain");
    args[4] = mpcms_fields_sql(clean, "path_prefix");
    args[5] = mpcms_fields_sql(clean, "logo");
    args[6] = apr_table_get(clean, "theme_config");
    args[7] = apr_table_get(clean, "is_active");
    args[8] = apr_table_get(clean, "default_language");
    args[9] = apr_table_get(clean, "supported_languages");
    args[10] = apr_table_get(clean, "timezone");
    return args;
}

/* Names the unique field another platform already has. */
static apr_status_t check_platform_taken(mpcms_admin_ctx_t *ctx, mpcms_tx_t *tx,
                                         const apr_table_t *clean,
                                         apr_int64_t id,
                                         apr_array_header_t **errors)
{
    const char *args[] = {
        apr_table_get(clean, "code"),
        mpcms_fields_sql(clean, "domain"),
        apr_table_get(clean, "code"),
        mpcms_fields_sql(clean, "domain"),
        mpcms_fields_sql(clean, "path_prefix"),
        mpcms_admin_id_text(id, ctx->pool),
    };
    const char *field;
    mpcms_rows_t *rows;
    apr_status_t rv;

    rv = mpcms_admin_tx_select(ctx, tx, &rows, MPCMS_SQL_ADMIN_PLATFORM_TAKEN,
                               args);
    if (rv != APR_SUCCESS || rows->count == 0) {
        return rv;
    }
    field = mpcms_rows_get(rows, 0, 0);
    mpcms_fields_add_error(
        errors, field, ctx->pool, "another platform already has %s '%s'",
        strcmp(field, "path_prefix") == 0 ? "path prefix" : field,
        apr_table_get(clean, field));
    return MPCMS_ECONFLICT;
}

/*
 * Rejects a platform domain that equals a vendor's custom domain or lies
 * above or below one, the rule that custom domains follow towards
 * platform domains. A platform domain matches its subdomains before any
 * custom domain does, so it would take such a name from the vendor.
 */
static apr_status_t check_platform_domain(mpcms_admin_ctx_t *ctx,
                                          mpcms_tx_t *tx, const char *domain,
                                          apr_array_header_t **errors)
{
    const char *args[] = { domain, domain, domain };
    mpcms_rows_t *rows;
    apr_status_t rv;

    rv = mpcms_admin_tx_select(ctx, tx, &rows,
                               MPCMS_SQL_ADMIN_DOMAIN_WRITE_LOCK, NULL);
    if (rv == APR_SUCCESS) {
        rv = mpcms_admin_tx_select(
            ctx, tx, &rows, MPCMS_SQL_ADMIN_PLATFORM_DOMAIN_CUSTOM, args);
    }
    if (rv != APR_SUCCESS || rows->count == 0) {
        return rv;
    }
    mpcms_fields_add_error(errors, "domain", ctx->pool,
                           "the domain '%s' conflicts with the custom domain "
                           "'%s' of vendor '%s': a platform's domain may not "
                           "equal a custom domain or lie above or below it",
                           domain, mpcms_rows_get(rows, 0, 0),
                           mpcms_rows_get(rows, 0, 1));
    return MPCMS_ECONFLICT;
}

/*
 * Creates (code NULL) or updates a platform from the submitted values, in
 * one transaction with its audit row.
 */
static apr_status_t write_platform(mpcms_admin_write_t *write,
                                   mpcms_admin_ctx_t *ctx, const char *code)
{
    const apr_table_t *base = NULL;
    const char *domain;
    const char *stored_domain;
    apr_table_t *clean;
    mpcms_rows_t *rows;
    apr_int64_t id = 0;
    apr_status_t rv;
    int affected;

    rv = mpcms_admin_write_begin(write, ctx, platform_fields);
    if (rv != APR_SUCCESS) {
        return rv;
    }
    if (code != NULL) {
        const char *lock_args[] = { code };

        rv = mpcms_admin_tx_select(ctx, write->tx, &rows,
                                   MPCMS_SQL_ADMIN_PLATFORM_LOCK, lock_args);
        if (rv == APR_SUCCESS) {
            rv = read_platform(&rows, ctx, write->tx, code);
        }
        if (rv != APR_SUCCESS) {
            return rv;
        }
        if (rows->count == 0) {
            mpcms_tx_rollback(write->tx);
            return mpcms_admin_fail_with(ctx, MPCMS_ENOTFOUND, NULL,
                                         "no platform with code '%s'", code);
        }
        id = mpcms_rows_int(rows, 0, 0);
        write->before = mpcms_record_json(rows, 0, mpcms_platform_columns);
        base = mpcms_record_values(rows, 0, mpcms_platform_columns, ctx->pool);
    }

    clean = mpcms_admin_write_validate(write, ctx, base);
    check_platform(ctx, clean, &write->errors);
    if (write->errors != NULL) {
        return mpcms_admin_write_fail(write, MPCMS_EINVALID);
    }
    rv = check_platform_taken(ctx, write->tx, clean, id, &write->errors);
    if (rv != APR_SUCCESS) {
        return mpcms_admin_write_fail(write, rv);
    }
    /* A domain kept as stored is not checked again, so that an old
     * conflict does not block edits of the other fields. */
    domain = mpcms_fields_sql(clean, "domain");
    stored_domain = base != NULL ? mpcms_fields_sql(base, "domain") : NULL;
    if (domain != NULL
        && (stored_domain == NULL || strcmp(domain, stored_domain) != 0)) {
        rv = check_platform_domain(ctx, write->tx, domain, &write->errors);
        if (rv != APR_SUCCESS) {
            return mpcms_admin_write_fail(write, rv);
        }
    }

    if (code == NULL) {
        rv = mpcms_admin_tx_select(ctx, write->tx, &rows,
                                   MPCMS_SQL_ADMIN_PLATFORM_INSERT,
                                   platform_args(clean, ctx->pool));
    }
    else {
        const char **args = platform_args(clean, ctx->pool);

        args[11] = mpcms_admin_id_text(id, ctx->pool);
        rv = mpcms_admin_tx_execute(ctx, write->tx, &affected,
                                    MPCMS_SQL_ADMIN_PLATFORM_UPDATE, args);
    }
    if (rv == APR_SUCCESS) {
        rv = read_platform(&rows, ctx, write->tx, apr_table_get(clean, "code"));
    }
    if (rv != APR_SUCCESS) {
        return mpcms_admin_write_fail(write, rv);
    }
    write->after = mpcms_record_json(rows, 0, mpcms_platform_columns);
    rv = mpcms_admin_write_commit(write, ctx, code ? "update" : "create",
                                  "platform", apr_table_get(clean, "code"));
    if (rv == APR_SUCCESS) {
        ctx->result->invalidate_cache = 1;
    }
    return rv;
}

static apr_status_t save_platform(mpcms_admin_ctx_t *ctx, const char *code)
{
    mpcms_admin_write_t write;
    apr_status_t rv = write_platform(&write, ctx, code);
    const char *saved =
        write.after ? json_string_value(json_object_get(write.after, "code"))
                    : NULL;

    return mpcms_admin_saved(
        ctx, rv, platform_form(ctx, code), write.values, write.errors,
        write.after,
        ctx->is_api ? mpcms_admin_url(ctx, "/api/v1/platforms/%s", saved)
                    : mpcms_admin_url(ctx, "/platforms"),
        apr_psprintf(ctx->pool, "Platform %s saved.", saved), code == NULL);
}

static apr_status_t create_platform(mpcms_admin_ctx_t *ctx)
{
    return save_platform(ctx, NULL);
}

static apr_status_t update_platform(mpcms_admin_ctx_t *ctx)
{
    const char *code = mpcms_admin_param_code(ctx, 0);

    if (code == NULL) {
        return mpcms_admin_fail_with(ctx, MPCMS_ENOTFOUND, NULL,
                                     "no platform with code '%s'",
                                     ctx->params[0]);
    }
    return save_platform(ctx, code);
}

/* ---- tiers ---- */

static const mpcms_admin_form_t *
tier_form(mpcms_admin_ctx_t *ctx, const char *platform, const char *code)
{
    mpcms_admin_form_t *form = apr_pcalloc(ctx->pool, sizeof(*form));

    form->fields = tier_fields;
    form->cancel = mpcms_admin_url(ctx, "/platforms/%s/tiers", platform);
    if (code == NULL) {
        form->title = apr_psprintf(ctx->pool, "New tier of %s", platform);
        form->action = mpcms_admin_url(ctx, "/platforms/%s/tiers", platform);
        form->submit = "Create tier";
    }
    else {
        form->title = apr_psprintf(ctx->pool, "Tier %s of %s", code, platform);
        form->action =
            mpcms_admin_url(ctx, "/platforms/%s/tiers/%s", platform, code);
        form->submit = "Save tier";
    }
    return form;
}

/* Reads a tier as JSON (with its features) and as form values. */
static apr_status_t read_tier(json_t **record, apr_table_t **values,
                              apr_int64_t *tier_id, mpcms_admin_ctx_t *ctx,
                              mpcms_tx_t *tx, const mpcms_admin_ref_t *platform,
                              const char *code)
{
    const char *args[] = { platform->id_text, code };
    const char *feature_args[] = { NULL };
    mpcms_rows_t *rows;
    mpcms_rows_t *features;
    json_t *list;
    apr_status_t rv;
    int row;

    *record = NULL;
    rv = tx ? mpcms_admin_tx_select(ctx, tx, &rows, MPCMS_SQL_ADMIN_TIER_GET,
                                    args)
            : mpcms_admin_select(&rows, ctx, MPCMS_SQL_ADMIN_TIER_GET, args);
    if (rv != APR_SUCCESS || rows->count == 0) {
        return rv;
    }
    *tier_id = mpcms_rows_int(rows, 0, 0);
    feature_args[0] = mpcms_admin_id_text(*tier_id, ctx->pool);
    rv = tx ? mpcms_admin_tx_select(ctx, tx, &features,
                                    MPCMS_SQL_ADMIN_TIER_FEATURES, feature_args)
            : mpcms_admin_select(&features, ctx, MPCMS_SQL_ADMIN_TIER_FEATURES,
                                 feature_args);
    if (rv != APR_SUCCESS) {
        return rv;
    }

    *record = mpcms_record_json(rows, 0, mpcms_tier_columns);
    *values = mpcms_record_values(rows, 0, mpcms_tier_columns, ctx->pool);
    list = json_array();
    for (row = 0; row < features->count; row++) {
        const char *feature = mpcms_rows_get(features, row, 0);

        json_array_append_new(list, json_string(feature));
        apr_table_addn(*values, "features", feature);
    }
    json_object_set_new(*record, "features", list);
    return APR_SUCCESS;
}

static apr_status_t list_tiers(mpcms_admin_ctx_t *ctx)
{
    const char *platform = ctx->params[0];
    mpcms_admin_ref_t platform_ref;
    mpcms_view_t *view;
    mpcms_rows_t *rows;
    const char *args[] = { NULL };
    int row;

    if (mpcms_admin_find_platform(&platform_ref, ctx) != APR_SUCCESS) {
        return ctx->result->status;
    }
    args[0] = platform_ref.id_text;
    if (mpcms_admin_select(&rows, ctx, MPCMS_SQL_ADMIN_TIER_LIST, args)
        != APR_SUCCESS) {
        return ctx->result->status;
    }
    if (ctx->is_api) {
        json_t *items = json_array();

        for (row = 0; row < rows->count; row++) {
            json_t *record = NULL;
            apr_table_t *values;
            apr_int64_t tier_id;

            if (read_tier(&record, &values, &tier_id, ctx, NULL, &platform_ref,
                          mpcms_rows_get(rows, row, 2))
                != APR_SUCCESS) {
                json_decref(items);
                return ctx->result->status;
            }
            json_array_append_new(items, record);
        }
        return mpcms_admin_json(ctx, json_pack("{s:o}", "items", items));
    }

    view = mpcms_admin_view(ctx);
    mpcms_admin_add_action(
        view, mpcms_admin_url(ctx, "/platforms/%s/tiers/new", platform),
        "New tier");
    mpcms_admin_add_column(view, "Code");
    mpcms_admin_add_column(view, "Name");
    mpcms_admin_add_column(view, "Sort order");
    mpcms_admin_add_column(view, "Pages limit");
    mpcms_admin_add_column(view, "Custom pages limit");
    mpcms_admin_add_column(view, "Active");
    for (row = 0; row < rows->count; row++) {
        const char *code = mpcms_rows_get(rows, row, 2);
        mpcms_view_t *line = mpcms_admin_add_row(view);
        const char *href =
            mpcms_admin_url(ctx, "/platforms/%s/tiers/%s", platform, code);

        mpcms_admin_add_cell(line, code, href);
        mpcms_admin_add_cell(line, mpcms_rows_get(rows, row, 3), NULL);
        mpcms_admin_add_cell(line, mpcms_rows_get(rows, row, 4), NULL);
        mpcms_admin_add_cell(line,
                             mpcms_rows_get(rows, row, 5)
                                 ? mpcms_rows_get(rows, row, 5)
                                 : "unlimited",
                             NULL);
        mpcms_admin_add_cell(line,
                             mpcms_rows_get(rows, row, 6)
                                 ? mpcms_rows_get(rows, row, 6)
                                 : "unlimited",
                             NULL);
        mpcms_admin_add_cell(line, mpcms_admin_yes_no(rows, row, 7), NULL);
        mpcms_admin_add_row_link(line, href, "Edit");
    }
    mpcms_view_set(view, "empty", "This platform has no tier yet.");
    return mpcms_admin_render(
        ctx, MPCMS_ADMIN_LIST, view,
        apr_psprintf(ctx->pool, "Subscription tiers of %s", platform));
}

static apr_status_t new_tier(mpcms_admin_ctx_t *ctx)
{
    mpcms_admin_ref_t platform;

    if (mpcms_admin_find_platform(&platform, ctx) != APR_SUCCESS) {
        return ctx->result->status;
    }
    return mpcms_admin_render_form(
        ctx, tier_form(ctx, ctx->params[0], NULL),
        mpcms_fields_defaults(tier_fields, ctx->pool), NULL);
}

static apr_status_t show_tier(mpcms_admin_ctx_t *ctx)
{
    const char *code = mpcms_admin_param_code(ctx, 1);
    mpcms_admin_ref_t platform;
    apr_int64_t tier_id;
    apr_table_t *values;
    json_t *record = NULL;

    if (mpcms_admin_find_platform(&platform, ctx) != APR_SUCCESS) {
        return ctx->result->status;
    }
    if (code != NULL
        && read_tier(&record, &values, &tier_id, ctx, NULL, &platform, code)
               != APR_SUCCESS) {
        return ctx->result->status;
    }
    if (record == NULL) {
        return mpcms_admin_fail_with(ctx, MPCMS_ENOTFOUND, NULL,
                                     "no tier '%s' on platform '%s'",
                                     ctx->params[1], ctx->params[0]);
    }
    if (ctx->is_api) {
        return mpcms_admin_json(ctx, record);
    }
    json_decref(record);
    return mpcms_admin_render_form(ctx, tier_form(ctx, ctx->params[0], code),
                                   values, NULL);
}

/* Replaces a tier's features with those of clean. */
static apr_status_t write_features(mpcms_admin_ctx_t *ctx, mpcms_tx_t *tx,
                                   apr_int64_t tier_id,
                                   const apr_table_t *clean)
{
    const char *id = mpcms_admin_id_text(tier_id, ctx->pool);
    const char *clear_args[] = { id };
    apr_array_header_t *features =
        mpcms_form_get_all(clean, "features", ctx->pool);
    apr_status_t rv;
    int affected;
    int i;

    rv = mpcms_admin_tx_execute(
        ctx, tx, &affected, MPCMS_SQL_ADMIN_TIER_FEATURES_CLEAR, clear_args);
    for (i = 0; rv == APR_SUCCESS && i < features->nelts; i++) {
        const char *args[] = { id, APR_ARRAY_IDX(features, i, const char *) };

        rv = mpcms_admin_tx_execute(ctx, tx, &affected,
                                    MPCMS_SQL_ADMIN_TIER_FEATURE_ADD, args);
    }
    return rv;
}

static apr_status_t write_tier(mpcms_admin_write_t *write,
                               mpcms_admin_ctx_t *ctx,
                               const mpcms_admin_ref_t *platform,
                               const char *code)
{
    const char *lock_args[] = { platform->code };
    apr_table_t *base = NULL;
    apr_table_t *clean;
    mpcms_rows_t *rows;
    apr_int64_t tier_id = 0;
    apr_status_t rv;
    int affected;

    rv = mpcms_admin_write_begin(write, ctx, tier_fields);
    if (rv == APR_SUCCESS) {
        rv = mpcms_admin_tx_select(ctx, write->tx, &rows,
                                   MPCMS_SQL_ADMIN_PLATFORM_LOCK, lock_args);
    }
    if (rv != APR_SUCCESS) {
        return rv;
    }
    if (code != NULL) {
        rv = read_tier(&write->before, &base, &tier_id, ctx, write->tx,
                       platform, code);
        if (rv != APR_SUCCESS) {
            return rv;
        }
        if (write->before == NULL) {
            mpcms_tx_rollback(write->tx);
            return mpcms_admin_fail_with(ctx, MPCMS_ENOTFOUND, NULL,
                                         "no tier '%s' on platform '%s'", code,
                                         platform->code);
        }
    }

    clean = mpcms_admin_write_validate(write, ctx, base);
    if (apr_table_get(clean, "code") != NULL
        && strcmp(apr_table_get(clean, "code"), "new") == 0) {
        mpcms_fields_add_error(&write->errors, "code", ctx->pool,
                               "the code 'new' is reserved; choose another");
    }
    if (write->errors != NULL) {
        return mpcms_admin_write_fail(write, MPCMS_EINVALID);
    }
    {
        const char *args[] = { platform->id_text, apr_table_get(clean, "code"),
                               mpcms_admin_id_text(tier_id, ctx->pool) };

        rv = mpcms_admin_tx_select(ctx, write->tx, &rows,
                                   MPCMS_SQL_ADMIN_TIER_CODE_TAKEN, args);
        if (rv != APR_SUCCESS) {
            return mpcms_admin_write_fail(write, rv);
        }
        if (rows->count > 0) {
            mpcms_fields_add_error(&write->errors, "code", ctx->pool,
                                   "platform '%s' already has a tier '%s'",
                                   platform->code,
                                   apr_table_get(clean, "code"));
            return mpcms_admin_write_fail(write, MPCMS_ECONFLICT);
        }
    }

    if (code == NULL) {
        const char *args[] = {
            platform->id_text,
            apr_table_get(clean, "code"),
            apr_table_get(clean, "name"),
            apr_table_get(clean, "sort_order"),
            mpcms_fields_sql(clean, "cms_pages_limit"),
            mpcms_fields_sql(clean, "cms_custom_pages_limit"),
            apr_table_get(clean, "is_active"),
        };

        rv = mpcms_admin_tx_select(ctx, write->tx, &rows,
                                   MPCMS_SQL_ADMIN_TIER_INSERT, args);
        if (rv == APR_SUCCESS) {
            tier_id = mpcms_rows_int(rows, 0, 0);
        }
    }
    else {
        const char *args[] = {
            apr_table_get(clean, "code"),
            apr_table_get(clean, "name"),
            apr_table_get(clean, "sort_order"),
            mpcms_fields_sql(clean, "cms_pages_limit"),
            mpcms_fields_sql(clean, "cms_custom_pages_limit"),
            apr_table_get(clean, "is_active"),
            mpcms_admin_id_text(tier_id, ctx->pool),
        };

        rv = mpcms_admin_tx_execute(ctx, write->tx, &affected,
                                    MPCMS_SQL_ADMIN_TIER_UPDATE, args);
    }
    if (rv == APR_SUCCESS) {
        rv = write_features(ctx, write->tx, tier_id, clean);
    }
    if (rv == APR_SUCCESS) {
        apr_table_t *ignored;

        rv = read_tier(&write->after, &ignored, &tier_id, ctx, write->tx,
                       platform, apr_table_get(clean, "code"));
    }
    if (rv != APR_SUCCESS) {
        return mpcms_admin_write_fail(write, rv);
    }
    rv = mpcms_admin_write_commit(
        write, ctx, code ? "update" : "create", "tier",
        apr_psprintf(ctx->pool, "%s/%s", platform->code,
                     apr_table_get(clean, "code")));
    if (rv == APR_SUCCESS) {
        ctx->result->invalidate_cache = 1;
    }
    return rv;
}

static apr_status_t save_tier(mpcms_admin_ctx_t *ctx, const char *code)
{
    mpcms_admin_write_t write;
    mpcms_admin_ref_t platform;
    apr_status_t rv;
    const char *saved;

    if (mpcms_admin_find_platform(&platform, ctx) != APR_SUCCESS) {
        return ctx->result->status;
    }
    rv = write_tier(&write, ctx, &platform, code);
    saved = write.after
                ? json_string_value(json_object_get(write.after, "code"))
                : NULL;
    return mpcms_admin_saved(
        ctx, rv, tier_form(ctx, platform.code, code), write.values,
        write.errors, write.after,
        ctx->is_api
            ? mpcms_admin_url(ctx, "/api/v1/platforms/%s/tiers/%s",
                              platform.code, saved)
            : mpcms_admin_url(ctx, "/platforms/%s/tiers", platform.code),
        apr_psprintf(ctx->pool, "Tier %s saved.", saved), code == NULL);
}

static apr_status_t create_tier(mpcms_admin_ctx_t *ctx)
{
    return save_tier(ctx, NULL);
}

static apr_status_t update_tier(mpcms_admin_ctx_t *ctx)
{
    const char *code = mpcms_admin_param_code(ctx, 1);

    if (code == NULL) {
        return mpcms_admin_fail_with(ctx, MPCMS_ENOTFOUND, NULL,
                                     "no tier '%s' on platform '%s'",
                                     ctx->params[1], ctx->params[0]);
    }
    return save_tier(ctx, code);
}

const mpcms_admin_route_t mpcms_admin_platform_routes[] = {
    { 0, "GET", "/platforms", list_platforms },
    { 0, "GET", "/platforms/new", new_platform },
    { 0, "POST", "/platforms", create_platform },
    { 0, "GET", "/platforms/*", show_platform },
    { 0, "POST", "/platforms/*", update_platform },
    { 0, "GET", "/platforms/*/tiers", list_tiers },
    { 0, "GET", "/platforms/*/tiers/new", new_tier },
    { 0, "POST", "/platforms/*/tiers", create_tier },
    { 0, "GET", "/platforms/*/tiers/*", show_tier },
    { 0, "POST", "/platforms/*/tiers/*", update_tier },
    { 1, "GET", "/platforms", list_platforms },
    { 1, "POST", "/platforms", create_platform },
    { 1, "GET", "/platforms/*", show_platform },
    { 1, "PATCH", "/platforms/*", update_platform },
    { 1, "GET", "/platforms/*/tiers", list_tiers },
    { 1, "POST", "/platforms/*/tiers", create_tier },
    { 1, "GET", "/platforms/*/tiers/*", show_tier },
    { 1, "PATCH", "/platforms/*/tiers/*", update_tier },
    { 0, NULL, NULL, NULL },
};
