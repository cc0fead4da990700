/*
 * The dashboard (counts per platform) and the audit log of every change
 * made through the admin area, the API and mpcms-admin.
 */
#include <apr_lib.h>
#include <apr_strings.h>
#include <string.h>

#include "admin_app.h"
#include "form.h"
#include "record.h"
#include "timestamp.h"

/* Entities the audit log records, for its filter. */
static const mpcms_option_t entity_options[] = {
    { "", "any" },
    { "platform", "platform" },
    { "marketing_page", "marketing page" },
    { "default_page", "vendor default page" },
    { "tier", "tier" },
    { "vendor", "vendor" },
    { "membership", "membership" },
    { "domain", "custom domain" },
    { "user", "user" },
    { "api_token", "API token" },
    { "vendor_page", "vendor page (dashboard)" },
    { "hidden_page", "hidden default (dashboard)" },
    { NULL, NULL },
};

/*
 * Actions the audit log records: those of the admin area, mpcms-admin and
 * the vendor dashboards (src/vendor_pages.c). A filter on any other
 * action is rejected with 400 instead of returning an empty list.
 */
static const char *const audit_actions[] = {
    "create",         "update",   "delete",     "publish", "unpublish",
    "verify",         "activate", "deactivate", "enable",  "disable",
    "reset_password", "revoke",   "override",   "revert",  "hide",
    "show",           NULL,
};

/* Names and labels of MPCMS_SQL_TOTALS, in column order. */
static const char *const total_names[] = { "platforms", "vendors", "users",
                                           "pages" };
static const char *const total_labels[] = { "Platforms", "Vendors", "Users",
                                            "Pages" };

static apr_status_t show_dashboard(mpcms_admin_ctx_t *ctx)
{
    mpcms_rows_t *platforms;
    mpcms_rows_t *totals;
    mpcms_view_t *view;
    int row;
    int i;

    if (mpcms_admin_select(&platforms, ctx, MPCMS_SQL_DASHBOARD, NULL)
            != APR_SUCCESS
        || mpcms_admin_select(&totals, ctx, MPCMS_SQL_TOTALS, NULL)
               != APR_SUCCESS) {
        return ctx->result->status;
    }
    if (ctx->is_api) {
        json_t *root = json_object();
        json_t *counts = json_object();

        for (i = 0; i < 4; i++) {
            json_object_set_new(counts, total_names[i],
                                json_integer(mpcms_rows_int(totals, 0, i)));
        }
        json_object_set_new(root, "totals", counts);
        json_object_set_new(
            root, "platforms",
            mpcms_record_json_array(platforms, mpcms_dashboard_columns));
        return mpcms_admin_json(ctx, root);
    }

    view = mpcms_admin_view(ctx);
    mpcms_admin_add_action(view, mpcms_admin_url(ctx, "/platforms/new"),
                           "New platform");
    mpcms_admin_add_action(view, mpcms_admin_url(ctx, "/vendors/new"),
                           "New vendor");
    mpcms_admin_add_action(view, mpcms_admin_url(ctx, "/audit"),
                           "Recent changes");
    for (i = 0; i < 4; i++) {
        mpcms_view_t *total = mpcms_view_add_item(view, "totals");

        mpcms_view_set(total, "label", total_labels[i]);
        mpcms_view_set(total, "value", mpcms_rows_get(totals, 0, i));
    }
    for (row = 0; row < platforms->count; row++) {
        const char *code = mpcms_rows_get(platforms, row, 0);
        mpcms_view_t *item = mpcms_view_add_item(view, "platforms");

        mpcms_view_set(item, "code", code);
        mpcms_view_set(item, "name", mpcms_rows_get(platforms, row, 1));
        mpcms_view_set(item, "status",
                       mpcms_rows_bool(platforms, row, 2) ? "yes" : "no");
        mpcms_view_set(item, "marketing_pages",
                       mpcms_rows_get(platforms, row, 3));
        mpcms_view_set(item, "default_pages",
                       mpcms_rows_get(platforms, row, 4));
        mpcms_view_set(item, "vendor_pages", mpcms_rows_get(platforms, row, 5));
        mpcms_view_set(item, "vendors", mpcms_rows_get(platforms, row, 6));
        mpcms_view_set(item, "tiers", mpcms_rows_get(platforms, row, 7));
        mpcms_view_set(item, "edit_href",
                       mpcms_admin_url(ctx, "/platforms/%s", code));
        mpcms_view_set(item, "pages_href",
                       mpcms_admin_url(ctx, "/platforms/%s/pages", code));
        mpcms_view_set(item, "defaults_href",
                       mpcms_admin_url(ctx, "/platforms/%s/defaults", code));
        mpcms_view_set(item, "tiers_href",
                       mpcms_admin_url(ctx, "/platforms/%s/tiers", code));
    }
    return mpcms_admin_render(ctx, MPCMS_ADMIN_DASHBOARD, view, "Dashboard");
}

/* Writes a stored JSON value indented, or "-" for none. */
static const char *pretty_json(const char *text, apr_pool_t *pool)
{
    json_t *value;
    const char *pretty;

    if (text == NULL) {
        return "-";
    }
    value = json_loads(text, JSON_DECODE_ANY, NULL);
    if (value == NULL) {
        return text;
    }
    pretty = mpcms_json_text(value, 1, pool);
    json_decref(value);
    return pretty;
}

static int is_audit_entity(const char *entity)
{
    const mpcms_option_t *option;

    for (option = entity_options; option->value != NULL; option++) {
        if (option->value[0] != '\0' && strcmp(option->value, entity) == 0) {
            return 1;
        }
    }
    return 0;
}

static int is_audit_action(const char *action)
{
    const char *const *known;

    for (known = audit_actions; *known != NULL; known++) {
        if (strcmp(*known, action) == 0) {
            return 1;
        }
    }
    return 0;
}

/*
 * Reads the filters of the audit log. The actor is lower-cased because
 * e-mail addresses are stored lower-case. Returns MPCMS_EBADREQUEST for
 * an entity or action that the log never records.
 */
static apr_status_t read_audit_filters(mpcms_admin_ctx_t *ctx,
                                       const char **entity, const char **actor,
                                       const char **action, const char **key)
{
    *entity = mpcms_admin_filter(ctx, "entity");
    *actor = mpcms_admin_filter(ctx, "actor");
    *action = mpcms_admin_filter(ctx, "action");
    *key = mpcms_admin_filter(ctx, "key");

    if (*actor != NULL) {
        char *lower = apr_pstrdup(ctx->pool, *actor);
        char *p;

        for (p = lower; *p != '\0'; p++) {
            *p = (char)apr_tolower(*p);
        }
        *actor = lower;
    }
    if (*entity != NULL && !is_audit_entity(*entity)) {
        return mpcms_admin_fail_with(ctx, MPCMS_EBADREQUEST, "entity",
                                     "invalid entity '%s': expected one of "
                                     "the entities the audit log records, "
                                     "such as platform or vendor_page",
                                     *entity);
    }
    if (*action != NULL && !is_audit_action(*action)) {
        return mpcms_admin_fail_with(ctx, MPCMS_EBADREQUEST, "action",
                                     "invalid action '%s': expected one of "
                                     "the actions the audit log records, "
                                     "such as create, update or delete",
                                     *action);
    }
    return APR_SUCCESS;
}

static apr_status_t list_audit(mpcms_admin_ctx_t *ctx)
{
    const char *entity;
    const char *actor;
    const char *action;
    const char *key;
    mpcms_view_t *view;
    mpcms_rows_t *rows;
    long total;
    int page;
    int row;

    if (read_audit_filters(ctx, &entity, &actor, &action, &key)
        != APR_SUCCESS) {
        return ctx->result->status;
    }

    {
        const char *args[] = { entity, entity, actor, actor,
                               action, action, key,   key };

        if (mpcms_admin_select_page(&rows, &total, &page, ctx,
                                    MPCMS_SQL_AUDIT_COUNT, MPCMS_SQL_AUDIT_LIST,
                                    args, 8)
            != APR_SUCCESS) {
            return ctx->result->status;
        }
    }
    if (ctx->is_api) {
        return mpcms_admin_respond_list(ctx, rows, mpcms_audit_columns, page,
                                        total);
    }

    view = mpcms_admin_view(ctx);
    mpcms_view_set(view, "filter_action", mpcms_admin_url(ctx, "/audit"));
    mpcms_admin_add_filter(ctx, view, "entity", "Entity", entity_options);
    mpcms_admin_add_filter(ctx, view, "key", "Key (oms, oms/12, ...)", NULL);
    mpcms_admin_add_filter(ctx, view, "actor", "Who (e-mail)", NULL);
    mpcms_admin_add_filter(ctx, view, "action", "Action", NULL);
    mpcms_admin_add_column(view, "When (UTC)");
    mpcms_admin_add_column(view, "Who");
    mpcms_admin_add_column(view, "Action");
    mpcms_admin_add_column(view, "Entity");
    mpcms_admin_add_column(view, "Key");
    mpcms_admin_add_column(view, "Before");
    mpcms_admin_add_column(view, "After");
    mpcms_admin_add_column(view, "Client");
    for (row = 0; row < rows->count; row++) {
        mpcms_view_t *line = mpcms_admin_add_row(view);
        const char *before = mpcms_rows_get(rows, row, 6);
        const char *after = mpcms_rows_get(rows, row, 7);

        mpcms_admin_add_cell(
            line,
            mpcms_timestamp_normalize(mpcms_rows_get(rows, row, 1), ctx->pool),
            NULL);
        mpcms_admin_add_cell(line, mpcms_rows_get(rows, row, 2), NULL);
        mpcms_admin_add_cell(line, mpcms_rows_get(rows, row, 3), NULL);
        mpcms_admin_add_cell(line, mpcms_rows_get(rows, row, 4), NULL);
        mpcms_admin_add_cell(line, mpcms_rows_get(rows, row, 5), NULL);
        if (before != NULL) {
            mpcms_admin_add_detail_cell(line, "before",
                                        pretty_json(before, ctx->pool));
        }
        else {
            mpcms_admin_add_cell(line, "-", NULL);
        }
        if (after != NULL) {
            mpcms_admin_add_detail_cell(line, "after",
                                        pretty_json(after, ctx->pool));
        }
        else {
            mpcms_admin_add_cell(line, "-", NULL);
        }
        mpcms_admin_add_cell(line, mpcms_rows_get(rows, row, 8), NULL);
    }
    mpcms_view_set(view, "empty", "No change matches these filters.");
    mpcms_admin_pager(
        ctx, view, page, total,
        apr_pstrcat(
            ctx->pool, mpcms_admin_url(ctx, "/audit"),
            "?entity=", mpcms_form_escape(entity ? entity : "", ctx->pool),
            "&key=", mpcms_form_escape(key ? key : "", ctx->pool),
            "&actor=", mpcms_form_escape(actor ? actor : "", ctx->pool),
            "&action=", mpcms_form_escape(action ? action : "", ctx->pool),
            NULL));
    return mpcms_admin_render(ctx, MPCMS_ADMIN_LIST, view, "Audit log");
}

const mpcms_admin_route_t mpcms_admin_audit_routes[] = {
    { 0, "GET", "/", show_dashboard }, { 0, "GET", "/audit", list_audit },
    { 1, "GET", "/", show_dashboard }, { 1, "GET", "/audit", list_audit },
    { 0, NULL, NULL, NULL },
};
