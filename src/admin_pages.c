/*
 * A platform's marketing pages and its default pages for vendors, and the
 * list of every page across platforms. Every body saved here passes
 * through mpcms_sanitize_html, and the sanitized copy is what is stored
 * and served.
 */
#include <apr_strings.h>
#include <string.h>

#include "admin_app.h"
#include "form.h"
#include "names.h"
#include "record.h"
#include "sanitize.h"
#include "timestamp.h"
#include "vendor_pages.h"

/* Which pages of a platform a route is about. */
typedef struct page_kind {
    int is_platform_page;
    const char *segment;  /* "pages" or "defaults" */
    const char *singular; /* "marketing page" */
    const char *plural;   /* "Marketing pages" */
    const char *root;     /* the slug of the root page */
    const char *other;    /* the root slug of the other kind, never valid */
    const char *readers;  /* who stops seeing a deleted page */
} page_kind_t;

static const page_kind_t marketing = {
    1,
    "pages",
    "marketing page",
    "Marketing pages",
    "platform_homepage",
    "home",
    "Visitors of the platform's own pages",
};
static const page_kind_t defaults = {
    0,
    "defaults",
    "vendor default page",
    "Vendor default pages",
    "home",
    "platform_homepage",
    "Storefronts that have no page of their own with this slug"
};

/*
 * Slugs that can never be served as marketing pages: the first segments
 * of the vendor areas (vendors, vendor), the admin area and the API, and
 * the paths left to other handlers by default (shop, static). Vendor
 * defaults are served on storefronts and follow the longer list of
 * mpcms_slug_is_reserved, which the vendor dashboard uses too.
 */
static const char *const reserved_slugs[] = { "vendors", "vendor", "admin",
                                              "shop",    "static", "api",
                                              NULL };

static const mpcms_field_t page_fields[] = {
    { "slug", "Slug", MPCMS_INPUT_TEXT, MPCMS_CHECK_SLUG, MPCMS_FIELD_REQUIRED,
      100, 0, 0, NULL, NULL,
      "The last part of the page's URL: 1 to 100 lower-case letters, digits, "
      "'-' or '_'." },
    { "title", "Title", MPCMS_INPUT_TEXT, MPCMS_CHECK_NONE,
      MPCMS_FIELD_REQUIRED, 200, 0, 0, NULL, NULL, NULL },
    { "content", "Content (HTML)", MPCMS_INPUT_HTML, MPCMS_CHECK_NONE, 0, 0, 0,
      0, NULL, "",
      "Scripts, styles, event handlers and unsafe links are removed when the "
      "page is saved." },
    { "meta_description", "Meta description", MPCMS_INPUT_TEXTAREA,
      MPCMS_CHECK_NONE, MPCMS_FIELD_NULLABLE, 500, 0, 0, NULL, NULL, NULL },
    { "meta_keywords", "Meta keywords", MPCMS_INPUT_TEXT, MPCMS_CHECK_NONE,
      MPCMS_FIELD_NULLABLE, 500, 0, 0, NULL, NULL, NULL },
    { "is_published", "Published", MPCMS_INPUT_CHECKBOX, MPCMS_CHECK_NONE, 0, 0,
      0, 0, NULL, "0", NULL },
    { "show_in_nav", "Show in the navigation", MPCMS_INPUT_CHECKBOX,
      MPCMS_CHECK_NONE, 0, 0, 0, 0, NULL, "1", NULL },
    { "sort_order", "Sort order", MPCMS_INPUT_NUMBER, MPCMS_CHECK_NONE,
      MPCMS_FIELD_REQUIRED, 0, 0, 100000, NULL, "0",
      "The navigation lists pages from the lowest number up." },
    { NULL, NULL, 0, 0, 0, 0, 0, 0, NULL, NULL, NULL },
};

static const mpcms_option_t source_options[] = {
    { "", "any" },
    { "platform", "Platform (marketing page)" },
    { "default", "Default (for vendors)" },
    { "override", "Override (vendor page replacing a default)" },
    { "custom", "Custom (vendor page of its own)" },
    { NULL, NULL },
};

static const char *pages_url(mpcms_admin_ctx_t *ctx, const page_kind_t *kind,
                             const char *platform, const char *rest)
{
    return mpcms_admin_url(ctx, "/platforms/%s/%s%s", platform, kind->segment,
                           rest ? rest : "");
}

static const mpcms_admin_form_t *page_form(mpcms_admin_ctx_t *ctx,
                                           const page_kind_t *kind,
                                           const char *platform, apr_int64_t id)
{
    mpcms_admin_form_t *form = apr_pcalloc(ctx->pool, sizeof(*form));

    form->fields = page_fields;
    form->cancel = pages_url(ctx, kind, platform, NULL);
    if (id == 0) {
        form->title =
            apr_psprintf(ctx->pool, "New %s of %s", kind->singular, platform);
        form->action = pages_url(ctx, kind, platform, NULL);
        form->submit = "Create page";
    }
    else {
        form->title =
            apr_psprintf(ctx->pool, "Edit %s %" APR_INT64_T_FMT " of %s",
                         kind->singular, id, platform);
        form->action =
            pages_url(ctx, kind, platform,
                      apr_psprintf(ctx->pool, "/%" APR_INT64_T_FMT, id));
        form->submit = "Save page";
    }
    return form;
}

/* ---- reading ---- */

static apr_status_t read_page(mpcms_rows_t **rows, mpcms_admin_ctx_t *ctx,
                              mpcms_tx_t *tx, const page_kind_t *kind,
                              const mpcms_admin_ref_t *platform, apr_int64_t id)
{
    const char *args[] = { mpcms_admin_id_text(id, ctx->pool),
                           platform->id_text,
                           kind->is_platform_page ? "1" : "0" };

    if (tx != NULL) {
        return mpcms_admin_tx_select(ctx, tx, rows, MPCMS_SQL_ADMIN_PAGE_GET,
                                     args);
    }
    return mpcms_admin_select(rows, ctx, MPCMS_SQL_ADMIN_PAGE_GET, args);
}

static apr_status_t page_not_found(mpcms_admin_ctx_t *ctx,
                                   const page_kind_t *kind)
{
    return mpcms_admin_fail_with(ctx, MPCMS_ENOTFOUND, NULL,
                                 "no %s %s on platform '%s'", kind->singular,
                                 ctx->params[1], ctx->params[0]);
}

/* Finds the platform and the page of a route; *rows contains the page. */
static apr_status_t find_page(mpcms_rows_t **rows, mpcms_admin_ref_t *platform,
                              apr_int64_t *id, mpcms_admin_ctx_t *ctx,
                              const page_kind_t *kind)
{
    if (mpcms_admin_find_platform(platform, ctx) != APR_SUCCESS) {
        return ctx->result->status;
    }
    *id = mpcms_admin_param_id(ctx, 1);
    if (*id == 0) {
        return page_not_found(ctx, kind);
    }
    if (read_page(rows, ctx, NULL, kind, platform, *id) != APR_SUCCESS) {
        return ctx->result->status;
    }
    if ((*rows)->count == 0) {
        return page_not_found(ctx, kind);
    }
    return APR_SUCCESS;
}

static apr_status_t list_pages(mpcms_admin_ctx_t *ctx, const page_kind_t *kind)
{
    mpcms_admin_ref_t platform;
    const char *kind_arg = kind->is_platform_page ? "1" : "0";
    mpcms_view_t *view;
    mpcms_rows_t *rows;
    long total;
    int page;
    int row;

    if (mpcms_admin_find_platform(&platform, ctx) != APR_SUCCESS) {
        return ctx->result->status;
    }
    {
        const char *args[] = { platform.id_text, kind_arg };

        if (mpcms_admin_select_page(&rows, &total, &page, ctx,
                                    MPCMS_SQL_ADMIN_PAGE_COUNT,
                                    MPCMS_SQL_ADMIN_PAGE_LIST, args, 2)
            != APR_SUCCESS) {
            return ctx->result->status;
        }
    }
    if (ctx->is_api) {
        return mpcms_admin_respond_list(ctx, rows, mpcms_page_columns, page,
                                        total);
    }

    view = mpcms_admin_view(ctx);
    mpcms_admin_add_action(view, pages_url(ctx, kind, platform.code, "/new"),
                           apr_psprintf(ctx->pool, "New %s", kind->singular));
    mpcms_admin_add_action(
        view,
        pages_url(ctx, kind == &marketing ? &defaults : &marketing,
                  platform.code, NULL),
        kind == &marketing ? "Vendor default pages" : "Marketing pages");
    mpcms_admin_add_column(view, "Slug");
    mpcms_admin_add_column(view, "Title");
    mpcms_admin_add_column(view, "Published");
    mpcms_admin_add_column(view, "In navigation");
    mpcms_admin_add_column(view, "Sort order");
    mpcms_admin_add_column(view, "Updated");
    for (row = 0; row < rows->count; row++) {
        const char *id = mpcms_rows_get(rows, row, 0);
        const char *href = pages_url(ctx, kind, platform.code,
                                     apr_pstrcat(ctx->pool, "/", id, NULL));
        mpcms_view_t *line = mpcms_admin_add_row(view);
        int published = mpcms_rows_bool(
            rows, row, mpcms_record_index(mpcms_page_columns, "is_published"));

        mpcms_admin_add_cell(
            line, mpcms_record_get(rows, row, mpcms_page_columns, "slug"),
            href);
        mpcms_admin_add_cell(
            line, mpcms_record_get(rows, row, mpcms_page_columns, "title"),
            NULL);
        mpcms_admin_add_cell(line, published ? "yes" : "no", NULL);
        mpcms_admin_add_cell(
            line,
            mpcms_admin_yes_no(
                rows, row,
                mpcms_record_index(mpcms_page_columns, "show_in_nav")),
            NULL);
        mpcms_admin_add_cell(
            line, mpcms_record_get(rows, row, mpcms_page_columns, "sort_order"),
            NULL);
        mpcms_admin_add_cell(
            line,
            mpcms_timestamp_normalize(
                mpcms_record_get(rows, row, mpcms_page_columns, "updated_at"),
                ctx->pool),
            NULL);
        mpcms_admin_add_row_link(line, href, "Edit");
        mpcms_admin_add_row_button(
            line,
            apr_pstrcat(ctx->pool, href, published ? "/unpublish" : "/publish",
                        NULL),
            published ? "Unpublish" : "Publish");
        mpcms_admin_add_row_link(
            line, apr_pstrcat(ctx->pool, href, "/delete", NULL), "Delete");
    }
    mpcms_view_set(view, "empty",
                   apr_psprintf(ctx->pool, "Platform %s has no %s yet.",
                                platform.code, kind->singular));
    mpcms_admin_pager(ctx, view, page, total,
                      pages_url(ctx, kind, platform.code, NULL));
    return mpcms_admin_render(
        ctx, MPCMS_ADMIN_LIST, view,
        apr_psprintf(ctx->pool, "%s of %s", kind->plural, platform.code));
}

static apr_status_t show_page(mpcms_admin_ctx_t *ctx, const page_kind_t *kind)
{
    mpcms_admin_ref_t platform;
    mpcms_rows_t *rows;
    apr_int64_t id;

    if (find_page(&rows, &platform, &id, ctx, kind) != APR_SUCCESS) {
        return ctx->result->status;
    }
    if (ctx->is_api) {
        return mpcms_admin_json(ctx,
                                mpcms_record_json(rows, 0, mpcms_page_columns));
    }
    return mpcms_admin_render_form(
        ctx, page_form(ctx, kind, platform.code, id),
        mpcms_record_values(rows, 0, mpcms_page_columns, ctx->pool), NULL);
}

static apr_status_t new_page(mpcms_admin_ctx_t *ctx, const page_kind_t *kind)
{
    mpcms_admin_ref_t platform;

    if (mpcms_admin_find_platform(&platform, ctx) != APR_SUCCESS) {
        return ctx->result->status;
    }
    return mpcms_admin_render_form(
        ctx, page_form(ctx, kind, platform.code, 0),
        mpcms_fields_defaults(page_fields, ctx->pool), NULL);
}

/* ---- writing ---- */

static int is_reserved_slug(const page_kind_t *kind, const char *slug)
{
    const char *const *p;

    if (!kind->is_platform_page && mpcms_slug_is_reserved(slug)) {
        return 1;
    }
    for (p = reserved_slugs; *p != NULL; p++) {
        if (strcmp(*p, slug) == 0) {
            return 1;
        }
    }
    return 0;
}

/*
 * Checks the slug against the reserved names of the kind and replaces the
 * content of clean with its sanitized copy. *report gets what the
 * sanitizer removed.
 */
static void check_page(mpcms_admin_ctx_t *ctx, const page_kind_t *kind,
                       apr_table_t *clean, apr_array_header_t **errors,
                       mpcms_sanitize_report_t *report)
{
    const char *slug = apr_table_get(clean, "slug");
    const char *content = apr_table_get(clean, "content");
    mpcms_error_t *error = NULL;
    const char *sanitized;

    if (slug != NULL && mpcms_fields_error_for(*errors, "slug") == NULL) {
        if (is_reserved_slug(kind, slug) || strcmp(slug, kind->other) == 0) {
            if (strcmp(slug, kind->other) == 0) {
                mpcms_fields_add_error(
                    errors, "slug", ctx->pool,
                    "the slug '%s' is reserved for the root page of %s; the "
                    "root %s has the slug '%s'",
                    slug,
                    kind->is_platform_page ? "vendor storefronts"
                                           : "a platform's marketing pages",
                    kind->singular, kind->root);
            }
            else {
                mpcms_fields_add_error(errors, "slug", ctx->pool,
                                       "the slug '%s' is reserved for other "
                                       "parts of the site; choose another",
                                       slug);
            }
        }
    }
    if (content == NULL || mpcms_fields_error_for(*errors, "content") != NULL) {
        return;
    }
    if (mpcms_sanitize_html(&sanitized, report, content, strlen(content),
                            &error, ctx->pool)
        != APR_SUCCESS) {
        mpcms_fields_add_error(errors, "content", ctx->pool, "%s",
                               error->message);
        if (*errors != NULL) {
            mpcms_error_t *added =
                APR_ARRAY_IDX(*errors, (*errors)->nelts - 1, mpcms_error_t *);

            added->line = error->line;
            added->column = error->column;
        }
        return;
    }
    apr_table_setn(clean, "content", sanitized);
}

/* Adds a conflict error when another page of the kind has the slug. */
static apr_status_t check_slug_taken(mpcms_admin_ctx_t *ctx, mpcms_tx_t *tx,
                                     const page_kind_t *kind,
                                     const mpcms_admin_ref_t *platform,
                                     const char *slug, apr_int64_t id,
                                     apr_array_header_t **errors)
{
    const char *args[] = { platform->id_text, slug,
                           kind->is_platform_page ? "1" : "0",
                           mpcms_admin_id_text(id, ctx->pool) };
    mpcms_rows_t *rows;
    apr_status_t rv;

    rv = mpcms_admin_tx_select(ctx, tx, &rows, MPCMS_SQL_ADMIN_PAGE_SLUG_TAKEN,
                               args);
    if (rv != APR_SUCCESS || rows->count == 0) {
        return rv;
    }
    mpcms_fields_add_error(errors, "slug", ctx->pool,
                           "a %s with slug '%s' already exists on platform "
                           "'%s'",
                           kind->singular, slug, platform->code);
    return MPCMS_ECONFLICT;
}

static const char *removal_notice(mpcms_admin_ctx_t *ctx, const char *slug,
                                  const mpcms_sanitize_report_t *report)
{
    if (report->removed_elements == 0 && report->removed_attributes == 0) {
        return apr_psprintf(ctx->pool, "Page %s saved.", slug);
    }
    return apr_psprintf(ctx->pool,
                        "Page %s saved. The HTML sanitizer removed %d "
                        "element(s) and %d attribute(s) from the content.",
                        slug, report->removed_elements,
                        report->removed_attributes);
}

/* Creates (id 0) or updates a page in one transaction with its audit row. */
static apr_status_t write_page(mpcms_admin_write_t *write,
                               mpcms_admin_ctx_t *ctx, const page_kind_t *kind,
                               const mpcms_admin_ref_t *platform,
                               apr_int64_t id, mpcms_sanitize_report_t *report)
{
    const char *lock_args[] = { platform->code };
    const apr_table_t *base = NULL;
    apr_table_t *clean;
    mpcms_rows_t *rows;
    apr_status_t rv;
    int affected;

    rv = mpcms_admin_write_begin(write, ctx, page_fields);
    /* The platform row is the lock that orders writers of its pages. */
    if (rv == APR_SUCCESS) {
        rv = mpcms_admin_tx_select(ctx, write->tx, &rows,
                                   MPCMS_SQL_ADMIN_PLATFORM_LOCK, lock_args);
    }
    if (rv != APR_SUCCESS) {
        return rv;
    }
    if (id != 0) {
        rv = read_page(&rows, ctx, write->tx, kind, platform, id);
        if (rv != APR_SUCCESS) {
            return rv;
        }
        if (rows->count == 0) {
            mpcms_tx_rollback(write->tx);
            return page_not_found(ctx, kind);
        }
        write->before = mpcms_record_json(rows, 0, mpcms_page_columns);
        base = mpcms_record_values(rows, 0, mpcms_page_columns, ctx->pool);
    }

    clean = mpcms_admin_write_validate(write, ctx, base);
    check_page(ctx, kind, clean, &write->errors, report);
    if (write->errors != NULL) {
        return mpcms_admin_write_fail(write, MPCMS_EINVALID);
    }
    rv = check_slug_taken(ctx, write->tx, kind, platform,
                          apr_table_get(clean, "slug"), id, &write->errors);
    if (rv != APR_SUCCESS) {
        return mpcms_admin_write_fail(write, rv);
    }

    if (id == 0) {
        const char *args[] = {
            platform->id_text,
            apr_table_get(clean, "slug"),
            apr_table_get(clean, "title"),
            apr_table_get(clean, "content"),
            mpcms_fields_sql(clean, "meta_description"),
            mpcms_fields_sql(clean, "meta_keywords"),
            kind->is_platform_page ? "1" : "0",
            apr_table_get(clean, "is_published"),
            apr_table_get(clean, "show_in_nav"),
            apr_table_get(clean, "sort_order"),
        };

        rv = mpcms_admin_tx_select(ctx, write->tx, &rows,
                                   MPCMS_SQL_ADMIN_PAGE_INSERT, args);
        if (rv == APR_SUCCESS) {
            id = mpcms_rows_int(rows, 0, 0);
        }
    }
    else {
        const char *args[] = {
            apr_table_get(clean, "slug"),
            apr_table_get(clean, "title"),
            apr_table_get(clean, "content"),
            mpcms_fields_sql(clean, "meta_description"),
            mpcms_fields_sql(clean, "meta_keywords"),
            apr_table_get(clean, "is_published"),
            apr_table_get(clean, "show_in_nav"),
            apr_table_get(clean, "sort_order"),
            mpcms_admin_id_text(id, ctx->pool),
        };

        rv = mpcms_admin_tx_execute(ctx, write->tx, &affected,
                                    MPCMS_SQL_ADMIN_PAGE_UPDATE, args);
    }
    if (rv == APR_SUCCESS) {
        rv = read_page(&rows, ctx, write->tx, kind, platform, id);
    }
    if (rv != APR_SUCCESS) {
        return mpcms_admin_write_fail(write, rv);
    }
    write->after = mpcms_record_json(rows, 0, mpcms_page_columns);
    return mpcms_admin_write_commit(
        write, ctx, write->before ? "update" : "create",
        kind->is_platform_page ? "marketing_page" : "default_page",
        apr_psprintf(ctx->pool, "%s/%" APR_INT64_T_FMT, platform->code, id));
}

static apr_status_t save_page(mpcms_admin_ctx_t *ctx, const page_kind_t *kind,
                              apr_int64_t id)
{
    mpcms_sanitize_report_t report = { 0, 0 };
    mpcms_admin_ref_t platform;
    mpcms_admin_write_t write;
    apr_status_t rv;
    const char *slug;
    json_int_t saved_id;

    if (mpcms_admin_find_platform(&platform, ctx) != APR_SUCCESS) {
        return ctx->result->status;
    }
    rv = write_page(&write, ctx, kind, &platform, id, &report);
    slug = write.after ? json_string_value(json_object_get(write.after, "slug"))
                       : NULL;
    saved_id = write.after
                   ? json_integer_value(json_object_get(write.after, "id"))
                   : 0;
    if (write.after != NULL && ctx->is_api) {
        json_object_set_new(
            write.after, "sanitizer",
            json_pack("{s:i,s:i}", "removed_elements", report.removed_elements,
                      "removed_attributes", report.removed_attributes));
    }
    return mpcms_admin_saved(
        ctx, rv, page_form(ctx, kind, platform.code, id), write.values,
        write.errors, write.after,
        ctx->is_api ? mpcms_admin_url(
            ctx, "/api/v1/platforms/%s/%s/%" APR_INT64_T_FMT, platform.code,
            kind->segment, (apr_int64_t)saved_id)
                    : pages_url(ctx, kind, platform.code, NULL),
        removal_notice(ctx, slug, &report), id == 0);
}

/* Publishes, unpublishes or deletes a page, with its audit row. */
static apr_status_t change_page(mpcms_admin_ctx_t *ctx, const page_kind_t *kind,
                                const char *action)
{
    const char *entity =
        kind->is_platform_page ? "marketing_page" : "default_page";
    mpcms_admin_ref_t platform;
    const char *lock_args[] = { NULL };
    json_t *before;
    json_t *after = NULL;
    mpcms_rows_t *rows;
    mpcms_tx_t *tx;
    const char *slug;
    apr_int64_t id;
    apr_status_t rv;
    int affected;

    if (mpcms_admin_find_platform(&platform, ctx) != APR_SUCCESS) {
        return ctx->result->status;
    }
    id = mpcms_admin_param_id(ctx, 1);
    if (id == 0) {
        return page_not_found(ctx, kind);
    }
    lock_args[0] = platform.code;
    if (mpcms_admin_begin(ctx, &tx) != APR_SUCCESS
        || mpcms_admin_tx_select(ctx, tx, &rows, MPCMS_SQL_ADMIN_PLATFORM_LOCK,
                                 lock_args)
               != APR_SUCCESS
        || read_page(&rows, ctx, tx, kind, &platform, id) != APR_SUCCESS) {
        return ctx->result->status;
    }
    if (rows->count == 0) {
        mpcms_tx_rollback(tx);
        return page_not_found(ctx, kind);
    }
    before = mpcms_record_json(rows, 0, mpcms_page_columns);
    slug = apr_pstrdup(ctx->pool,
                       mpcms_record_get(rows, 0, mpcms_page_columns, "slug"));

    if (strcmp(action, "delete") == 0) {
        const char *args[] = { mpcms_admin_id_text(id, ctx->pool) };

        rv = mpcms_admin_tx_execute(ctx, tx, &affected,
                                    MPCMS_SQL_ADMIN_PAGE_DELETE, args);
    }
    else {
        const char *args[] = { strcmp(action, "publish") == 0 ? "1" : "0",
                               mpcms_admin_id_text(id, ctx->pool) };

        rv = mpcms_admin_tx_execute(ctx, tx, &affected,
                                    MPCMS_SQL_ADMIN_PAGE_SET_PUBLISHED, args);
        if (rv == APR_SUCCESS) {
            rv = read_page(&rows, ctx, tx, kind, &platform, id);
        }
        if (rv == APR_SUCCESS) {
            after = mpcms_record_json(rows, 0, mpcms_page_columns);
        }
    }
    if (rv == APR_SUCCESS) {
        rv = mpcms_admin_commit_change(
            ctx, tx, action, entity,
            apr_psprintf(ctx->pool, "%s/%" APR_INT64_T_FMT, platform.code, id),
            before, after);
    }
    json_decref(before);
    if (rv != APR_SUCCESS) {
        json_decref(after);
        return rv;
    }
    if (ctx->is_api) {
        if (after == NULL) {
            ctx->result->no_content = 1;
            return APR_SUCCESS;
        }
        return mpcms_admin_json(ctx, after);
    }
    json_decref(after);
    return mpcms_admin_redirect(
        ctx, pages_url(ctx, kind, platform.code, NULL),
        apr_psprintf(ctx->pool, "Page %s %s.", slug,
                     strcmp(action, "delete") == 0    ? "deleted"
                     : strcmp(action, "publish") == 0 ? "published"
                                                      : "unpublished"));
}

static apr_status_t confirm_delete(mpcms_admin_ctx_t *ctx,
                                   const page_kind_t *kind)
{
    mpcms_admin_ref_t platform;
    mpcms_view_t *view;
    mpcms_rows_t *rows;
    apr_int64_t id;
    const char *href;

    if (find_page(&rows, &platform, &id, ctx, kind) != APR_SUCCESS) {
        return ctx->result->status;
    }
    href = pages_url(ctx, kind, platform.code,
                     apr_psprintf(ctx->pool, "/%" APR_INT64_T_FMT, id));
    view = mpcms_admin_view(ctx);
    mpcms_view_set(
        view, "intro",
        apr_psprintf(ctx->pool,
                     "Delete the %s '%s' (%s) of platform %s? %s will no "
                     "longer show it. This cannot be undone, but the audit "
                     "log keeps its content.",
                     kind->singular,
                     mpcms_record_get(rows, 0, mpcms_page_columns, "slug"),
                     mpcms_record_get(rows, 0, mpcms_page_columns, "title"),
                     platform.code, kind->readers));
    mpcms_view_set(view, "form_action",
                   apr_pstrcat(ctx->pool, href, "/delete", NULL));
    mpcms_view_set(view, "submit_label", "Delete page");
    mpcms_view_set(view, "cancel_href",
                   pages_url(ctx, kind, platform.code, NULL));
    return mpcms_admin_render(ctx, MPCMS_ADMIN_CONFIRM, view,
                              apr_psprintf(ctx->pool,
                                           "Delete %s %" APR_INT64_T_FMT,
                                           kind->singular, id));
}

/* ---- all pages ---- */

static apr_status_t list_all_pages(mpcms_admin_ctx_t *ctx)
{
    const char *platform = mpcms_admin_filter(ctx, "platform");
    const char *vendor = mpcms_admin_filter(ctx, "vendor");
    const char *source = mpcms_admin_filter(ctx, "source");
    mpcms_rows_t *platforms;
    mpcms_view_t *view;
    mpcms_rows_t *rows;
    const char *href;
    long total;
    int page;
    int row;

    if (platform != NULL && !mpcms_code_is_valid(platform)) {
        return mpcms_admin_fail_with(ctx, MPCMS_EBADREQUEST, "platform",
                                     "invalid platform code '%s'", platform);
    }
    if (vendor != NULL && !mpcms_code_is_valid(vendor)) {
        return mpcms_admin_fail_with(ctx, MPCMS_EBADREQUEST, "vendor",
                                     "invalid vendor code '%s'", vendor);
    }
    if (source != NULL && strcmp(source, "platform") != 0
        && strcmp(source, "default") != 0 && strcmp(source, "override") != 0
        && strcmp(source, "custom") != 0) {
        return mpcms_admin_fail_with(ctx, MPCMS_EBADREQUEST, "source",
                                     "invalid source '%s': expected platform, "
                                     "default, override or custom",
                                     source);
    }
    {
        const char *args[] = { platform, platform, vendor,
                               vendor,   source,   source };

        if (mpcms_admin_select_page(&rows, &total, &page, ctx,
                                    MPCMS_SQL_ADMIN_CONTENT_COUNT,
                                    MPCMS_SQL_ADMIN_CONTENT_LIST, args, 6)
            != APR_SUCCESS) {
            return ctx->result->status;
        }
    }
    if (ctx->is_api) {
        return mpcms_admin_respond_list(ctx, rows, mpcms_content_columns, page,
                                        total);
    }

    {
        const char *args[] = { "1000", "0" };

        if (mpcms_admin_select(&platforms, ctx, MPCMS_SQL_ADMIN_PLATFORM_LIST,
                               args)
            != APR_SUCCESS) {
            return ctx->result->status;
        }
    }
    view = mpcms_admin_view(ctx);
    href = mpcms_admin_url(ctx, "/pages");
    mpcms_view_set(view, "filter_action", href);
    {
        mpcms_option_t *options =
            apr_pcalloc(ctx->pool, sizeof(*options) * (platforms->count + 2));

        options[0].value = "";
        options[0].label = "any";
        for (row = 0; row < platforms->count; row++) {
            options[row + 1].value = mpcms_rows_get(platforms, row, 1);
            options[row + 1].label = mpcms_rows_get(platforms, row, 1);
        }
        mpcms_admin_add_filter(ctx, view, "platform", "Platform", options);
    }
    mpcms_admin_add_filter(ctx, view, "vendor", "Vendor code", NULL);
    mpcms_admin_add_filter(ctx, view, "source", "Source", source_options);

    mpcms_admin_add_column(view, "Platform");
    mpcms_admin_add_column(view, "Vendor");
    mpcms_admin_add_column(view, "Slug");
    mpcms_admin_add_column(view, "Title");
    mpcms_admin_add_column(view, "Source");
    mpcms_admin_add_column(view, "Published");
    for (row = 0; row < rows->count; row++) {
        const char *code = mpcms_rows_get(rows, row, 1);
        const char *kind_of = mpcms_rows_get(rows, row, 5);
        mpcms_view_t *line = mpcms_admin_add_row(view);

        mpcms_admin_add_cell(line, code, NULL);
        mpcms_admin_add_cell(line, mpcms_rows_get(rows, row, 2), NULL);
        mpcms_admin_add_cell(line, mpcms_rows_get(rows, row, 3), NULL);
        mpcms_admin_add_cell(line, mpcms_rows_get(rows, row, 4), NULL);
        mpcms_admin_add_cell(line, kind_of, NULL);
        mpcms_admin_add_cell(line, mpcms_admin_yes_no(rows, row, 6), NULL);
        if (strcmp(kind_of, "platform") == 0
            || strcmp(kind_of, "default") == 0) {
            mpcms_admin_add_row_link(
                line,
                mpcms_admin_url(ctx, "/platforms/%s/%s/%s", code,
                                strcmp(kind_of, "platform") == 0 ? "pages"
                                                                 : "defaults",
                                mpcms_rows_get(rows, row, 0)),
                "Edit");
        }
        else {
            /* Vendors edit their own pages in their dashboard. */
            mpcms_admin_add_row_link(
                line,
                mpcms_admin_url(ctx, "/vendors/%s",
                                mpcms_rows_get(rows, row, 2)),
                "Vendor");
        }
    }
    mpcms_view_set(view, "empty", "No page matches these filters.");
    {
        const char *query = apr_pstrcat(
            ctx->pool, "?platform=",
            mpcms_form_escape(platform ? platform : "", ctx->pool),
            "&vendor=", mpcms_form_escape(vendor ? vendor : "", ctx->pool),
            "&source=", mpcms_form_escape(source ? source : "", ctx->pool),
            NULL);

        mpcms_admin_pager(ctx, view, page, total,
                          apr_pstrcat(ctx->pool, href, query, NULL));
    }
    return mpcms_admin_render(ctx, MPCMS_ADMIN_LIST, view, "All pages");
}

/* ---- routes: one small handler per kind ---- */

static apr_status_t list_marketing(mpcms_admin_ctx_t *ctx)
{
    return list_pages(ctx, &marketing);
}

static apr_status_t list_defaults(mpcms_admin_ctx_t *ctx)
{
    return list_pages(ctx, &defaults);
}

static apr_status_t new_marketing(mpcms_admin_ctx_t *ctx)
{
    return new_page(ctx, &marketing);
}

static apr_status_t new_default(mpcms_admin_ctx_t *ctx)
{
    return new_page(ctx, &defaults);
}

static apr_status_t create_marketing(mpcms_admin_ctx_t *ctx)
{
    return save_page(ctx, &marketing, 0);
}

static apr_status_t create_default(mpcms_admin_ctx_t *ctx)
{
    return save_page(ctx, &defaults, 0);
}

static apr_status_t show_marketing(mpcms_admin_ctx_t *ctx)
{
    return show_page(ctx, &marketing);
}

static apr_status_t show_default(mpcms_admin_ctx_t *ctx)
{
    return show_page(ctx, &defaults);
}

static apr_status_t update_page(mpcms_admin_ctx_t *ctx, const page_kind_t *kind)
{
    apr_int64_t id = mpcms_admin_param_id(ctx, 1);

    if (id == 0) {
        return page_not_found(ctx, kind);
    }
    return save_page(ctx, kind, id);
}

static apr_status_t update_marketing(mpcms_admin_ctx_t *ctx)
{
    return update_page(ctx, &marketing);
}

static apr_status_t update_default(mpcms_admin_ctx_t *ctx)
{
    return update_page(ctx, &defaults);
}

static apr_status_t publish_marketing(mpcms_admin_ctx_t *ctx)
{
    return change_page(ctx, &marketing, "publish");
}

static apr_status_t publish_default(mpcms_admin_ctx_t *ctx)
{
    return change_page(ctx, &defaults, "publish");
}

static apr_status_t unpublish_marketing(mpcms_admin_ctx_t *ctx)
{
    return change_page(ctx, &marketing, "unpublish");
}

static apr_status_t unpublish_default(mpcms_admin_ctx_t *ctx)
{
    return change_page(ctx, &defaults, "unpublish");
}

static apr_status_t delete_marketing(mpcms_admin_ctx_t *ctx)
{
    return change_page(ctx, &marketing, "delete");
}

static apr_status_t delete_default(mpcms_admin_ctx_t *ctx)
{
    return change_page(ctx, &defaults, "delete");
}

static apr_status_t confirm_marketing(mpcms_admin_ctx_t *ctx)
{
    return confirm_delete(ctx, &marketing);
}

static apr_status_t confirm_default(mpcms_admin_ctx_t *ctx)
{
    return confirm_delete(ctx, &defaults);
}

const mpcms_admin_route_t mpcms_admin_page_routes[] = {
    { 0, "GET", "/pages", list_all_pages },
    { 0, "GET", "/platforms/*/pages", list_marketing },
    { 0, "GET", "/platforms/*/pages/new", new_marketing },
    { 0, "POST", "/platforms/*/pages", create_marketing },
    { 0, "GET", "/platforms/*/pages/*", show_marketing },
    { 0, "POST", "/platforms/*/pages/*", update_marketing },
    { 0, "POST", "/platforms/*/pages/*/publish", publish_marketing },
    { 0, "POST", "/platforms/*/pages/*/unpublish", unpublish_marketing },
    { 0, "GET", "/platforms/*/pages/*/delete", confirm_marketing },
    { 0, "POST", "/platforms/*/pages/*/delete", delete_marketing },
    { 0, "GET", "/platforms/*/defaults", list_defaults },
    { 0, "GET", "/platforms/*/defaults/new", new_default },
    { 0, "POST", "/platforms/*/defaults", create_default },
    { 0, "GET", "/platforms/*/defaults/*", show_default },
    { 0, "POST", "/platforms/*/defaults/*", update_default },
    { 0, "POST", "/platforms/*/defaults/*/publish", publish_default },
    { 0, "POST", "/platforms/*/defaults/*/unpublish", unpublish_default },
    { 0, "GET", "/platforms/*/defaults/*/delete", confirm_default },
    { 0, "POST", "/platforms/*/defaults/*/delete", delete_default },
    { 1, "GET", "/pages", list_all_pages },
    { 1, "GET", "/platforms/*/pages", list_marketing },
    { 1, "POST", "/platforms/*/pages", create_marketing },
    { 1, "GET", "/platforms/*/pages/*", show_marketing },
    { 1, "PATCH", "/platforms/*/pages/*", update_marketing },
    { 1, "DELETE", "/platforms/*/pages/*", delete_marketing },
    { 1, "POST", "/platforms/*/pages/*/publish", publish_marketing },
    { 1, "POST", "/platforms/*/pages/*/unpublish", unpublish_marketing },
    { 1, "GET", "/platforms/*/defaults", list_defaults },
    { 1, "POST", "/platforms/*/defaults", create_default },
    { 1, "GET", "/platforms/*/defaults/*", show_default },
    { 1, "PATCH", "/platforms/*/defaults/*", update_default },
    { 1, "DELETE", "/platforms/*/defaults/*", delete_default },
    { 1, "POST", "/platforms/*/defaults/*/publish", publish_default },
    { 1, "POST", "/platforms/*/defaults/*/unpublish", unpublish_default },
    { 0, NULL, NULL, NULL },
};
