/*
 * Templates of the admin area and the views that fill them. Every admin
 * template compiles against one slot table, and the layout wraps each
 * page's own template, whose output it writes as {{{body}}}.
 */
#include <apr_lib.h>
#include <apr_strings.h>
#include <string.h>

#include "admin_app.h"
#include "auth.h"
#include "form.h"

static const char *const template_files[MPCMS_ADMIN_TEMPLATES] = {
    [MPCMS_ADMIN_LOGIN] = "login",     [MPCMS_ADMIN_DASHBOARD] = "dashboard",
    [MPCMS_ADMIN_LIST] = "list",       [MPCMS_ADMIN_FORM] = "form",
    [MPCMS_ADMIN_CONFIRM] = "confirm", [MPCMS_ADMIN_MESSAGE] = "message",
};

struct mpcms_admin_ui {
    const mpcms_template_t *layout;
    const mpcms_template_t *pages[MPCMS_ADMIN_TEMPLATES];
};

/* ---- slots ---- */

static const mpcms_slot_t link_slots[] = {
    { "href", MPCMS_SLOT_TEXT, NULL },
    { "label", MPCMS_SLOT_TEXT, NULL },
    { "is_current", MPCMS_SLOT_TEXT, NULL },
    { NULL, MPCMS_SLOT_TEXT, NULL },
};

static const mpcms_slot_t option_slots[] = {
    { "value", MPCMS_SLOT_TEXT, NULL },
    { "label", MPCMS_SLOT_TEXT, NULL },
    { "selected", MPCMS_SLOT_TEXT, NULL },
    { NULL, MPCMS_SLOT_TEXT, NULL },
};

static const mpcms_slot_t total_slots[] = {
    { "label", MPCMS_SLOT_TEXT, NULL },
    { "value", MPCMS_SLOT_TEXT, NULL },
    { NULL, MPCMS_SLOT_TEXT, NULL },
};

static const mpcms_slot_t platform_slots[] = {
    { "code", MPCMS_SLOT_TEXT, NULL },
    { "name", MPCMS_SLOT_TEXT, NULL },
    { "status", MPCMS_SLOT_TEXT, NULL },
    { "marketing_pages", MPCMS_SLOT_TEXT, NULL },
    { "default_pages", MPCMS_SLOT_TEXT, NULL },
    { "vendor_pages", MPCMS_SLOT_TEXT, NULL },
    { "vendors", MPCMS_SLOT_TEXT, NULL },
    { "tiers", MPCMS_SLOT_TEXT, NULL },
    { "edit_href", MPCMS_SLOT_TEXT, NULL },
    { "pages_href", MPCMS_SLOT_TEXT, NULL },
    { "defaults_href", MPCMS_SLOT_TEXT, NULL },
    { "tiers_href", MPCMS_SLOT_TEXT, NULL },
    { NULL, MPCMS_SLOT_TEXT, NULL },
};

static const mpcms_slot_t filter_slots[] = {
    { "name", MPCMS_SLOT_TEXT, NULL },
    { "label", MPCMS_SLOT_TEXT, NULL },
    { "value", MPCMS_SLOT_TEXT, NULL },
    { "is_select", MPCMS_SLOT_TEXT, NULL },
    { "options", MPCMS_SLOT_LIST, option_slots },
    { NULL, MPCMS_SLOT_TEXT, NULL },
};

static const mpcms_slot_t column_slots[] = {
    { "label", MPCMS_SLOT_TEXT, NULL },
    { NULL, MPCMS_SLOT_TEXT, NULL },
};

static const mpcms_slot_t cell_slots[] = {
    { "text", MPCMS_SLOT_TEXT, NULL },
    { "href", MPCMS_SLOT_TEXT, NULL },
    { "detail", MPCMS_SLOT_TEXT, NULL },
    { NULL, MPCMS_SLOT_TEXT, NULL },
};

static const mpcms_slot_t button_slots[] = {
    { "action", MPCMS_SLOT_TEXT, NULL }, { "label", MPCMS_SLOT_TEXT, NULL },
    { "id", MPCMS_SLOT_TEXT, NULL },     { "disabled", MPCMS_SLOT_TEXT, NULL },
    { "note", MPCMS_SLOT_TEXT, NULL },   { NULL, MPCMS_SLOT_TEXT, NULL },
};

static const mpcms_slot_t note_slots[] = {
    { "kind", MPCMS_SLOT_TEXT, NULL },
    { "text", MPCMS_SLOT_TEXT, NULL },
    { NULL, MPCMS_SLOT_TEXT, NULL },
};

static const mpcms_slot_t row_slots[] = {
    { "cells", MPCMS_SLOT_LIST, cell_slots },
    { "links", MPCMS_SLOT_LIST, link_slots },
    { "buttons", MPCMS_SLOT_LIST, button_slots },
    { NULL, MPCMS_SLOT_TEXT, NULL },
};

static const mpcms_slot_t error_slots[] = {
    { "label", MPCMS_SLOT_TEXT, NULL },
    { "message", MPCMS_SLOT_TEXT, NULL },
    { "control_id", MPCMS_SLOT_TEXT, NULL },
    { NULL, MPCMS_SLOT_TEXT, NULL },
};

static const mpcms_slot_t field_slots[] = {
    { "name", MPCMS_SLOT_TEXT, NULL },
    { "label", MPCMS_SLOT_TEXT, NULL },
    { "control_id", MPCMS_SLOT_TEXT, NULL },
    { "value", MPCMS_SLOT_TEXT, NULL },
    { "error", MPCMS_SLOT_TEXT, NULL },
    { "hint", MPCMS_SLOT_TEXT, NULL },
    { "required", MPCMS_SLOT_TEXT, NULL },
    { "is_checkbox", MPCMS_SLOT_TEXT, NULL },
    { "checked", MPCMS_SLOT_TEXT, NULL },
    { "is_choices", MPCMS_SLOT_TEXT, NULL },
    { "is_input", MPCMS_SLOT_TEXT, NULL },
    { "input_type", MPCMS_SLOT_TEXT, NULL },
    { "is_textarea", MPCMS_SLOT_TEXT, NULL },
    { "rows", MPCMS_SLOT_TEXT, NULL },
    { "css_class", MPCMS_SLOT_TEXT, NULL },
    { "is_select", MPCMS_SLOT_TEXT, NULL },
    { "options", MPCMS_SLOT_LIST, option_slots },
    { NULL, MPCMS_SLOT_TEXT, NULL },
};

/* Every value an admin template may use; see docs/ADMIN.md. */
static const mpcms_slot_t admin_slots[] = {
    /* The layout. */
    { "title", MPCMS_SLOT_TEXT, NULL },
    { "heading", MPCMS_SLOT_TEXT, NULL },
    { "brand", MPCMS_SLOT_TEXT, NULL },
    { "home", MPCMS_SLOT_TEXT, NULL },
    { "template", MPCMS_SLOT_TEXT, NULL },
    { "csp_nonce", MPCMS_SLOT_TEXT, NULL },
    { "base", MPCMS_SLOT_TEXT, NULL },
    { "user_email", MPCMS_SLOT_TEXT, NULL },
    { "csrf_token", MPCMS_SLOT_TEXT, NULL },
    { "nav", MPCMS_SLOT_LIST, link_slots },
    { "notice", MPCMS_SLOT_TEXT, NULL },
    { "error_message", MPCMS_SLOT_TEXT, NULL },
    { "body", MPCMS_SLOT_HTML, NULL },
    /* Pages. */
    { "form_action", MPCMS_SLOT_TEXT, NULL },
    { "login_token", MPCMS_SLOT_TEXT, NULL },
    { "email", MPCMS_SLOT_TEXT, NULL },
    { "next", MPCMS_SLOT_TEXT, NULL },
    { "totals", MPCMS_SLOT_LIST, total_slots },
    { "platforms", MPCMS_SLOT_LIST, platform_slots },
    { "notes", MPCMS_SLOT_LIST, note_slots },
    { "has_actions", MPCMS_SLOT_TEXT, NULL },
    { "actions", MPCMS_SLOT_LIST, link_slots },
    { "has_filters", MPCMS_SLOT_TEXT, NULL },
    { "filter_action", MPCMS_SLOT_TEXT, NULL },
    { "filters", MPCMS_SLOT_LIST, filter_slots },
    { "columns", MPCMS_SLOT_LIST, column_slots },
    { "has_rows", MPCMS_SLOT_TEXT, NULL },
    { "rows", MPCMS_SLOT_LIST, row_slots },
    { "empty", MPCMS_SLOT_TEXT, NULL },
    { "prev_href", MPCMS_SLOT_TEXT, NULL },
    { "next_href", MPCMS_SLOT_TEXT, NULL },
    { "page_summary", MPCMS_SLOT_TEXT, NULL },
    { "has_errors", MPCMS_SLOT_TEXT, NULL },
    { "errors", MPCMS_SLOT_LIST, error_slots },
    { "fields", MPCMS_SLOT_LIST, field_slots },
    { "submit_label", MPCMS_SLOT_TEXT, NULL },
    { "cancel_href", MPCMS_SLOT_TEXT, NULL },
    { "intro", MPCMS_SLOT_TEXT, NULL },
    { "secret", MPCMS_SLOT_TEXT, NULL },
    { NULL, MPCMS_SLOT_TEXT, NULL },
};

apr_status_t mpcms_admin_ui_load(mpcms_admin_ui_t **ui, const char *directory,
                                 mpcms_error_t **error, apr_pool_t *pool)
{
    mpcms_admin_ui_t *loaded = apr_pcalloc(pool, sizeof(*loaded));
    apr_status_t rv;
    int kind;

    *ui = NULL;
    rv = mpcms_template_load((mpcms_template_t **)&loaded->layout,
                             apr_pstrcat(pool, directory, "/layout.html", NULL),
                             admin_slots, error, pool);
    for (kind = 0; rv == APR_SUCCESS && kind < MPCMS_ADMIN_TEMPLATES; kind++) {
        rv = mpcms_template_load((mpcms_template_t **)&loaded->pages[kind],
                                 apr_pstrcat(pool, directory, "/",
                                             template_files[kind], ".html",
                                             NULL),
                                 admin_slots, error, pool);
    }
    if (rv == APR_SUCCESS) {
        *ui = loaded;
    }
    return rv;
}

/* ---- the layout ---- */

mpcms_view_t *mpcms_admin_view(mpcms_admin_ctx_t *ctx)
{
    return mpcms_view_make(ctx->pool);
}

typedef struct nav_entry {
    const char *path; /* NULL ends a list */
    const char *label;
} nav_entry_t;

static const nav_entry_t admin_nav[] = {
    { "/", "Dashboard" },      { "/platforms", "Platforms" },
    { "/pages", "Pages" },     { "/vendors", "Vendors" },
    { "/users", "Users" },     { "/tokens", "API tokens" },
    { "/audit", "Audit log" }, { NULL, NULL },
};

static const nav_entry_t dashboard_nav[] = {
    { "/dashboard", "Dashboard" },
    { "/content-pages", "Content pages" },
    { NULL, NULL },
};

static void add_navigation(mpcms_admin_ctx_t *ctx, mpcms_view_t *layout)
{
    const nav_entry_t *entries =
        ctx->request->vendor != NULL ? dashboard_nav : admin_nav;
    const char *path = ctx->request->path[0] != '\0' ? ctx->request->path : "/";
    apr_size_t i;

    for (i = 0; entries[i].path != NULL; i++) {
        apr_size_t length = strlen(entries[i].path);
        int current =
            strcmp(entries[i].path, "/") == 0
                ? strcmp(path, "/") == 0
                : strncmp(path, entries[i].path, length) == 0
                      && (path[length] == '\0' || path[length] == '/');
        mpcms_view_t *item = mpcms_view_add_item(layout, "nav");

        mpcms_view_set(item, "href",
                       mpcms_admin_url(ctx, "%s", entries[i].path));
        mpcms_view_set(item, "label", entries[i].label);
        if (current) {
            mpcms_view_set(item, "is_current", "1");
        }
    }
}

/* The name in the page header and the window title. */
static const char *brand_of(const mpcms_admin_ctx_t *ctx)
{
    if (ctx->membership != NULL) {
        return apr_psprintf(ctx->pool, "%s on %s",
                            ctx->membership->vendor->name,
                            ctx->membership->platform->name);
    }
    return ctx->request->vendor != NULL ? "Vendor dashboard"
                                        : "mod_mpcms admin";
}

/* A notice passed in the query string after a redirect. */
static const char *notice_of(const mpcms_admin_ctx_t *ctx)
{
    const char *notice = mpcms_admin_notice(ctx);

    if (notice != NULL && strlen(notice) > 200) {
        return NULL;
    }
    return notice;
}

apr_status_t mpcms_admin_render(mpcms_admin_ctx_t *ctx,
                                mpcms_admin_template_e template,
                                mpcms_view_t *view, const char *title)
{
    mpcms_admin_result_t *result = ctx->result;
    mpcms_view_t *layout = mpcms_view_make(ctx->pool);
    const char *nonce;
    const char *body;
    apr_status_t rv;

    if (mpcms_auth_token_make(&nonce, 16, ctx->pool) != APR_SUCCESS) {
        nonce = NULL;
    }
    if (ctx->session != NULL) {
        mpcms_view_set(view, "csrf_token", ctx->session->csrf_token);
        mpcms_view_set(layout, "csrf_token", ctx->session->csrf_token);
        mpcms_view_set(layout, "user_email", ctx->session->user.email);
        add_navigation(ctx, layout);
    }
    mpcms_view_set(view, "base", ctx->request->base);

    rv = mpcms_template_render(&body, NULL, ctx->ui->pages[template], view,
                               ctx->pool);
    if (rv != APR_SUCCESS) {
        return rv;
    }
    mpcms_view_set(layout, "title", title);
    mpcms_view_set(layout, "heading", title);
    mpcms_view_set(layout, "brand", brand_of(ctx));
    mpcms_view_set(layout, "home", mpcms_admin_home(ctx));
    mpcms_view_set(layout, "template", template_files[template]);
    mpcms_view_set(layout, "csp_nonce", nonce);
    mpcms_view_set(layout, "base", ctx->request->base);
    mpcms_view_set(layout, "body", body);
    if (result->status == APR_SUCCESS) {
        mpcms_view_set(layout, "notice", notice_of(ctx));
    }
    else if (result->error != NULL && result->error->source == NULL) {
        mpcms_view_set(layout, "error_message", result->error->message);
    }

    rv = mpcms_template_render(&result->body, &result->length, ctx->ui->layout,
                               layout, ctx->pool);
    if (rv != APR_SUCCESS) {
        return rv;
    }
    result->content_type = "text/html; charset=utf-8";
    result->csp_nonce = nonce;
    return APR_SUCCESS;
}

/* ---- lists ---- */

void mpcms_admin_add_action(mpcms_view_t *view, const char *href,
                            const char *label)
{
    mpcms_view_t *item = mpcms_view_add_item(view, "actions");

    mpcms_view_set(view, "has_actions", "1");
    mpcms_view_set(item, "href", href);
    mpcms_view_set(item, "label", label);
}

void mpcms_admin_add_column(mpcms_view_t *view, const char *label)
{
    mpcms_view_set(mpcms_view_add_item(view, "columns"), "label", label);
}

mpcms_view_t *mpcms_admin_add_row(mpcms_view_t *view)
{
    mpcms_view_set(view, "has_rows", "1");
    return mpcms_view_add_item(view, "rows");
}

void mpcms_admin_add_cell(mpcms_view_t *row, const char *text, const char *href)
{
    mpcms_view_t *cell = mpcms_view_add_item(row, "cells");

    mpcms_view_set(cell, "text", text != NULL ? text : "");
    mpcms_view_set(cell, "href", href);
}

void mpcms_admin_add_detail_cell(mpcms_view_t *row, const char *summary,
                                 const char *detail)
{
    mpcms_view_t *cell = mpcms_view_add_item(row, "cells");

    mpcms_view_set(cell, "text", summary);
    mpcms_view_set(cell, "detail", detail);
}

void mpcms_admin_add_row_link(mpcms_view_t *row, const char *href,
                              const char *label)
{
    mpcms_view_t *link = mpcms_view_add_item(row, "links");

    mpcms_view_set(link, "href", href);
    mpcms_view_set(link, "label", label);
}

mpcms_view_t *mpcms_admin_add_row_button(mpcms_view_t *row, const char *action,
                                         const char *label)
{
    mpcms_view_t *button = mpcms_view_add_item(row, "buttons");

    mpcms_view_set(button, "action", action);
    mpcms_view_set(button, "label", label);
    return button;
}

void mpcms_admin_add_row_disabled(mpcms_view_t *row, const char *label,
                                  const char *note)
{
    mpcms_view_t *button = mpcms_view_add_item(row, "buttons");

    mpcms_view_set(button, "label", label);
    mpcms_view_set(button, "disabled", "1");
    mpcms_view_set(button, "note", note);
}

void mpcms_admin_add_note(mpcms_view_t *view, const char *kind,
                          const char *text)
{
    mpcms_view_t *note = mpcms_view_add_item(view, "notes");

    mpcms_view_set(note, "kind", kind);
    mpcms_view_set(note, "text", text);
}

void mpcms_admin_add_filter(mpcms_admin_ctx_t *ctx, mpcms_view_t *view,
                            const char *name, const char *label,
                            const mpcms_option_t *options)
{
    mpcms_view_t *filter = mpcms_view_add_item(view, "filters");
    const char *value = mpcms_admin_filter(ctx, name);

    mpcms_view_set(view, "has_filters", "1");
    mpcms_view_set(filter, "name", name);
    mpcms_view_set(filter, "label", label);
    mpcms_view_set(filter, "value", value);
    if (options == NULL) {
        return;
    }
    mpcms_view_set(filter, "is_select", "1");
    for (; options->value != NULL; options++) {
        mpcms_view_t *option = mpcms_view_add_item(filter, "options");

        mpcms_view_set(option, "value", options->value);
        mpcms_view_set(option, "label", options->label);
        if (value != NULL && strcmp(value, options->value) == 0) {
            mpcms_view_set(option, "selected", "1");
        }
    }
}

void mpcms_admin_pager(mpcms_admin_ctx_t *ctx, mpcms_view_t *view, int page,
                       long total, const char *href)
{
    long pages = (total + MPCMS_ADMIN_PAGE_SIZE - 1) / MPCMS_ADMIN_PAGE_SIZE;
    const char *separator = strchr(href, '?') != NULL ? "&" : "?";

    if (pages <= 1 && page <= 1) {
        return;
    }
    mpcms_view_set(view, "page_summary",
                   apr_psprintf(ctx->pool, "page %d of %ld (%ld rows)", page,
                                pages > 0 ? pages : 1, total));
    if (page > 1) {
        mpcms_view_set(
            view, "prev_href",
            apr_psprintf(ctx->pool, "%s%spage=%d", href, separator, page - 1));
    }
    if (page < pages) {
        mpcms_view_set(
            view, "next_href",
            apr_psprintf(ctx->pool, "%s%spage=%d", href, separator, page + 1));
    }
}

const char *mpcms_admin_yes_no(const mpcms_rows_t *rows, int row, int column)
{
    return mpcms_rows_bool(rows, row, column) ? "yes" : "no";
}

mpcms_option_t *mpcms_admin_options(const mpcms_rows_t *rows, int with_empty,
                                    apr_pool_t *pool)
{
    mpcms_option_t *options =
        apr_pcalloc(pool, sizeof(*options) * (rows->count + 2));
    mpcms_option_t *option = options;
    int row;

    if (with_empty) {
        option->value = "";
        option->label = "(none)";
        option++;
    }
    for (row = 0; row < rows->count; row++, option++) {
        option->value = mpcms_rows_get(rows, row, 0);
        option->label =
            rows->columns > 1 && mpcms_rows_get(rows, row, 1) ? apr_psprintf(
                pool, "%s (%s)", mpcms_rows_get(rows, row, 1), option->value)
                                                              : option->value;
    }
    return options;
}

/* ---- forms ---- */

static int is_choice_selected(const apr_table_t *values, const char *name,
                              const char *value, apr_pool_t *pool)
{
    const apr_array_header_t *chosen = mpcms_form_get_all(values, name, pool);
    int i;

    for (i = 0; i < chosen->nelts; i++) {
        if (strcmp(APR_ARRAY_IDX(chosen, i, const char *), value) == 0) {
            return 1;
        }
    }
    return 0;
}

static void add_options(mpcms_view_t *item, const mpcms_option_t *options,
                        const apr_table_t *values, const char *name,
                        apr_pool_t *pool)
{
    const char *value = apr_table_get(values, name);

    for (; options != NULL && options->value != NULL; options++) {
        mpcms_view_t *option = mpcms_view_add_item(item, "options");
        int selected = is_choice_selected(values, name, options->value, pool)
                       || (value == NULL && options->value[0] == '\0');

        mpcms_view_set(option, "value", options->value);
        mpcms_view_set(option, "label", options->label);
        if (selected) {
            mpcms_view_set(option, "selected", "1");
        }
    }
}

/* Sets the control of one field: its kind and attributes. */
static void set_control(mpcms_view_t *item, const mpcms_field_t *field)
{
    switch (field->input) {
    case MPCMS_INPUT_CHECKBOX:
        mpcms_view_set(item, "is_checkbox", "1");
        return;
    case MPCMS_INPUT_CHOICES:
        mpcms_view_set(item, "is_choices", "1");
        return;
    case MPCMS_INPUT_SELECT:
        mpcms_view_set(item, "is_select", "1");
        return;
    case MPCMS_INPUT_TEXTAREA:
        mpcms_view_set(item, "is_textarea", "1");
        mpcms_view_set(item, "rows", "3");
        return;
    case MPCMS_INPUT_HTML:
        mpcms_view_set(item, "is_textarea", "1");
        mpcms_view_set(item, "rows", "16");
        mpcms_view_set(item, "css_class", "code");
        return;
    case MPCMS_INPUT_JSON:
        mpcms_view_set(item, "is_textarea", "1");
        mpcms_view_set(item, "rows", "6");
        mpcms_view_set(item, "css_class", "code");
        return;
    case MPCMS_INPUT_EMAIL:
        mpcms_view_set(item, "is_input", "1");
        mpcms_view_set(item, "input_type", "email");
        return;
    case MPCMS_INPUT_NUMBER:
        mpcms_view_set(item, "is_input", "1");
        mpcms_view_set(item, "input_type", "number");
        return;
    case MPCMS_INPUT_PASSWORD:
        mpcms_view_set(item, "is_input", "1");
        mpcms_view_set(item, "input_type", "password");
        return;
    case MPCMS_INPUT_DATETIME:
        mpcms_view_set(item, "is_input", "1");
        mpcms_view_set(item, "input_type", "datetime-local");
        return;
    default:
        mpcms_view_set(item, "is_input", "1");
        mpcms_view_set(item, "input_type", "text");
        return;
    }
}

void mpcms_admin_form_view(mpcms_admin_ctx_t *ctx, mpcms_view_t *view,
                           const mpcms_admin_form_t *form,
                           const apr_table_t *values,
                           const apr_array_header_t *errors)
{
    const mpcms_field_t *field;
    int i;

    mpcms_view_set(view, "form_action", form->action);
    mpcms_view_set(view, "submit_label", form->submit);
    mpcms_view_set(view, "cancel_href", form->cancel);

    for (field = form->fields; field->name != NULL; field++) {
        mpcms_view_t *item = mpcms_view_add_item(view, "fields");
        const mpcms_error_t *error =
            mpcms_fields_error_for(errors, field->name);
        const char *value = apr_table_get(values, field->name);
        const mpcms_option_t *options = field->options;

        mpcms_view_set(item, "name", field->name);
        mpcms_view_set(item, "label", field->label);
        mpcms_view_set(item, "control_id",
                       apr_pstrcat(ctx->pool, "field-", field->name, NULL));
        mpcms_view_set(item, "hint", field->hint);
        if (field->flags & MPCMS_FIELD_REQUIRED) {
            mpcms_view_set(item, "required", "1");
        }
        if (field->input != MPCMS_INPUT_PASSWORD) {
            mpcms_view_set(item, "value", value);
        }
        if (field->input == MPCMS_INPUT_CHECKBOX && value != NULL
            && strcmp(value, "1") == 0) {
            mpcms_view_set(item, "checked", "1");
        }
        if (error != NULL) {
            mpcms_view_set(item, "error", error->message);
        }
        if (form->options != NULL
            && apr_hash_get(form->options, field->name, APR_HASH_KEY_STRING)) {
            options =
                apr_hash_get(form->options, field->name, APR_HASH_KEY_STRING);
        }
        set_control(item, field);
        add_options(item, options, values, field->name, ctx->pool);
    }

    /* Errors without a field show above the form, in the layout. */
    for (i = 0; errors != NULL && i < errors->nelts; i++) {
        const mpcms_error_t *error = APR_ARRAY_IDX(errors, i, mpcms_error_t *);
        const mpcms_field_t *named;
        mpcms_view_t *item;

        if (error->source == NULL) {
            continue;
        }
        named = mpcms_fields_find(form->fields, error->source);
        item = mpcms_view_add_item(view, "errors");
        mpcms_view_set(view, "has_errors", "1");
        mpcms_view_set(item, "label", named ? named->label : error->source);
        mpcms_view_set(item, "message", error->message);
        if (named != NULL) {
            /* Only a field that the form renders can be linked to. */
            mpcms_view_set(
                item, "control_id",
                apr_pstrcat(ctx->pool, "field-", error->source, NULL));
        }
    }
}

mpcms_admin_form_t *mpcms_admin_record_form(mpcms_admin_ctx_t *ctx,
                                            const mpcms_field_t *fields,
                                            const char *path, const char *noun,
                                            const char *key)
{
    mpcms_admin_form_t *form = apr_pcalloc(ctx->pool, sizeof(*form));

    form->fields = fields;
    form->cancel = mpcms_admin_url(ctx, "%s", path);
    if (key == NULL) {
        form->title = apr_pstrcat(ctx->pool, "New ", noun, NULL);
        form->action = mpcms_admin_url(ctx, "%s", path);
        form->submit = apr_pstrcat(ctx->pool, "Create ", noun, NULL);
    }
    else {
        form->title = apr_psprintf(ctx->pool, "%c%s %s", apr_toupper(noun[0]),
                                   noun + 1, key);
        form->action = mpcms_admin_url(ctx, "%s/%s", path, key);
        form->submit = apr_pstrcat(ctx->pool, "Save ", noun, NULL);
    }
    return form;
}

apr_status_t mpcms_admin_render_form(mpcms_admin_ctx_t *ctx,
                                     const mpcms_admin_form_t *form,
                                     const apr_table_t *values,
                                     const apr_array_header_t *errors)
{
    mpcms_view_t *view = mpcms_admin_view(ctx);

    mpcms_admin_form_view(ctx, view, form, values, errors);
    return mpcms_admin_render(ctx, MPCMS_ADMIN_FORM, view, form->title);
}
