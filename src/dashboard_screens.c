/*
 * The screens of the vendor dashboard: the vendor's home with its plan
 * and usage, the content pages list with its actions, the page forms,
 * the confirmations and the preview. They run in the admin area's
 * dispatcher (admin_app.c), which has already checked the membership,
 * the session, the user's right to act for the vendor and, for a POST,
 * the CSRF token. Every change is one operation of vendor_pages.h, which
 * enforces the tier's limits and features again in its transaction.
 */
#include <apr_strings.h>
#include <string.h>

#include "admin_app.h"
#include "canonical.h"
#include "form.h"
#include "names.h"
#include "render.h"
#include "vendor_pages.h"

/*
 * Content-Security-Policy of a preview. The storefront themes carry an
 * inline style block and page bodies may show images from anywhere, but
 * the sanitizer leaves no script in a body, so none is allowed.
 */
#define PREVIEW_POLICY                                                         \
    "default-src 'none'; style-src 'unsafe-inline'; img-src * data:; "         \
    "frame-ancestors 'none'; base-uri 'none'; form-action 'none'"

/* Fields of the page forms, in the order shown. */
static const mpcms_field_t slug_field = {
    "slug",
    "Slug",
    MPCMS_INPUT_TEXT,
    MPCMS_CHECK_SLUG,
    MPCMS_FIELD_REQUIRED,
    MPCMS_SLUG_MAX,
    0,
    0,
    NULL,
    NULL,
    "The last part of the page's URL: 1 to 100 lower-case letters, digits, "
    "'-' or '_'."
};
static const mpcms_field_t title_field = { "title",
                                           "Title",
                                           MPCMS_INPUT_TEXT,
                                           MPCMS_CHECK_NONE,
                                           MPCMS_FIELD_REQUIRED,
                                           MPCMS_TITLE_MAX,
                                           0,
                                           0,
                                           NULL,
                                           NULL,
                                           NULL };
static const mpcms_field_t content_field = {
    "content",
    "Content (HTML)",
    MPCMS_INPUT_HTML,
    MPCMS_CHECK_NONE,
    0,
    0,
    0,
    0,
    NULL,
    "",
    "Scripts, styles, event handlers and unsafe links are removed when the "
    "page is saved."
};
static const mpcms_field_t description_field = { "meta_description",
                                                 "Meta description",
                                                 MPCMS_INPUT_TEXTAREA,
                                                 MPCMS_CHECK_NONE,
                                                 MPCMS_FIELD_NULLABLE,
                                                 MPCMS_META_MAX,
                                                 0,
                                                 0,
                                                 NULL,
                                                 NULL,
                                                 NULL };
static const mpcms_field_t keywords_field = { "meta_keywords",
                                              "Meta keywords",
                                              MPCMS_INPUT_TEXT,
                                              MPCMS_CHECK_NONE,
                                              MPCMS_FIELD_NULLABLE,
                                              MPCMS_META_MAX,
                                              0,
                                              0,
                                              NULL,
                                              NULL,
                                              NULL };
static const mpcms_field_t template_field = {
    "template",
    "Layout",
    MPCMS_INPUT_SELECT,
    MPCMS_CHECK_NONE,
    MPCMS_FIELD_NULLABLE,
    0,
    0,
    0,
    NULL,
    NULL,
    "A layout variant of the platform's theme."
};
static const mpcms_field_t publish_at_field = { "publish_at",
                                                "Publish at",
                                                MPCMS_INPUT_DATETIME,
                                                MPCMS_CHECK_NONE,
                                                MPCMS_FIELD_NULLABLE,
                                                19,
                                                0,
                                                0,
                                                NULL,
                                                NULL,
                                                NULL };
static const mpcms_field_t published_field = { "is_published",
                                               "Published",
                                               MPCMS_INPUT_CHECKBOX,
                                               MPCMS_CHECK_NONE,
                                               0,
                                               0,
                                               0,
                                               0,
                                               NULL,
                                               "0",
                                               NULL };

/* ---- helpers ---- */

/* Returns the slug of path parameter 0, or NULL when it is no valid slug. */
static const char *slug_param(const mpcms_admin_ctx_t *ctx)
{
    const char *slug = ctx->params[0];

    return slug != NULL && mpcms_slug_is_valid(slug) ? slug : NULL;
}

static apr_status_t no_such_page(mpcms_admin_ctx_t *ctx)
{
    return mpcms_admin_fail_with(ctx, MPCMS_ENOTFOUND, NULL,
                                 "this storefront has no such page");
}

static const char *pages_url(const mpcms_admin_ctx_t *ctx, const char *slug,
                             const char *action)
{
    if (slug == NULL) {
        return mpcms_admin_url(ctx, "/content-pages");
    }
    return mpcms_admin_url(ctx, "/content-pages/%s%s%s", slug,
                           action ? "/" : "", action ? action : "");
}

/*
 * Turns the status of a refused operation into the area's statuses: a
 * missing feature is 422 when a form field needs it and 403 when the
 * action does, and a reached limit is a conflict (409).
 */
static apr_status_t area_status(apr_status_t rv, const mpcms_refusal_t *refusal)
{
    if (rv == MPCMS_EFEATURE) {
        return refusal != NULL && refusal->error.source != NULL
                   ? MPCMS_EINVALID
                   : MPCMS_EFORBIDDEN;
    }
    if (rv == MPCMS_ELIMIT) {
        return MPCMS_ECONFLICT;
    }
    return rv;
}

/* Records a refused or failed operation in ctx and returns its status. */
static apr_status_t refused(mpcms_admin_ctx_t *ctx, apr_status_t rv,
                            mpcms_refusal_t *refusal)
{
    mpcms_error_t *error = refusal != NULL ? &refusal->error : NULL;

    return mpcms_admin_fail_error(ctx, area_status(rv, refusal), error);
}

/* The content pages list with one vendor's figures and tier checks. */
typedef struct content_list {
    apr_array_header_t *pages; /* mpcms_content_page_t */
    mpcms_dashboard_usage_t usage;
    mpcms_limit_check_t override_check;
    mpcms_limit_check_t create_check;
} content_list_t;

static apr_status_t load_list(content_list_t *list, mpcms_admin_ctx_t *ctx)
{
    const mpcms_membership_t *membership = ctx->membership;
    mpcms_error_t *error = NULL;
    apr_status_t rv;

    rv =
        mpcms_dashboard_pages(&list->pages, &list->usage, ctx->store,
                              membership, ctx->request->now, &error, ctx->pool);
    if (rv != APR_SUCCESS) {
        return mpcms_admin_fail_error(ctx, rv, error);
    }
    mpcms_tiers_check(&list->override_check, membership->tier,
                      &list->usage.used, MPCMS_ACTION_OVERRIDE,
                      membership->tiers, membership->tier_count);
    mpcms_tiers_check(&list->create_check, membership->tier, &list->usage.used,
                      MPCMS_ACTION_CREATE_CUSTOM, membership->tiers,
                      membership->tier_count);
    return APR_SUCCESS;
}

static const mpcms_content_page_t *find_entry(const content_list_t *list,
                                              const char *slug)
{
    int i;

    for (i = 0; i < list->pages->nelts; i++) {
        const mpcms_content_page_t *entry =
            &APR_ARRAY_IDX(list->pages, i, mpcms_content_page_t);

        if (strcmp(entry->slug, slug) == 0) {
            return entry;
        }
    }
    return NULL;
}

/*
 * Says why a check refuses an action, and what would allow it: "Upgrade
 * to Professional to add pages." Returns NULL when the action is allowed.
 */
static const char *blocked_note(const mpcms_admin_ctx_t *ctx,
                                const mpcms_limit_check_t *check,
                                const char *what)
{
    const char *reason;

    switch (check->limit) {
    case MPCMS_LIMIT_NONE:
        return NULL;
    case MPCMS_LIMIT_NO_TIER:
        reason = "Your membership on this platform has no plan.";
        break;
    case MPCMS_LIMIT_FEATURE:
        reason = "Custom pages are not part of your plan.";
        break;
    case MPCMS_LIMIT_CUSTOM_PAGES:
        reason = "Your plan's custom page limit is reached.";
        break;
    default:
        reason = "Your plan's page limit is reached.";
        break;
    }
    if (check->upgrade != NULL) {
        return apr_psprintf(ctx->pool, "%s Upgrade to %s to %s.", reason,
                            check->upgrade->name, what);
    }
    if (check->limit == MPCMS_LIMIT_FEATURE) {
        return reason;
    }
    return apr_psprintf(ctx->pool,
                        "%s No plan allows more; delete a page to %s.", reason,
                        what);
}

/* Formats a stored publish time in the platform's zone: "2026-03-29T08:00
 * CEST". Returns the stored text when it cannot be converted. */
static const char *local_time(const mpcms_admin_ctx_t *ctx, const char *utc,
                              const char **value)
{
    const char *local;
    const char *abbreviation;
    mpcms_error_t *error = NULL;

    if (mpcms_dashboard_publish_time(&local, &abbreviation, ctx->membership,
                                     utc, &error, ctx->pool)
        != APR_SUCCESS) {
        if (value != NULL) {
            *value = "";
        }
        return utc;
    }
    if (value != NULL) {
        *value = local;
    }
    return apr_psprintf(ctx->pool, "%s %s", local, abbreviation);
}

static const char *source_name(mpcms_page_source_e source)
{
    switch (source) {
    case MPCMS_SOURCE_OVERRIDE:
        return "Override";
    case MPCMS_SOURCE_CUSTOM:
        return "Custom";
    default:
        return "Default";
    }
}

/* What the storefront does with a page now. */
static const char *status_text(const mpcms_admin_ctx_t *ctx,
                               const mpcms_content_page_t *entry)
{
    if (entry->source == MPCMS_SOURCE_DEFAULT && entry->is_hidden) {
        return "Hidden";
    }
    if (!entry->is_published) {
        return entry->source == MPCMS_SOURCE_DEFAULT ? "Not published"
                                                     : "Draft";
    }
    if (entry->is_scheduled) {
        return apr_pstrcat(ctx->pool, "Scheduled for ",
                           local_time(ctx, entry->publish_at, NULL), NULL);
    }
    return "Live";
}

/*
 * Adds the usage figures and any upgrade prompt above a list. A plan
 * without cms_custom_pages gets no "0 of 0 custom pages used" figure but
 * the prompt for the lowest tier that has them, also when the page limit
 * has a prompt of its own.
 */
static void add_usage(mpcms_admin_ctx_t *ctx, mpcms_view_t *view,
                      const content_list_t *list)
{
    const mpcms_membership_t *membership = ctx->membership;
    const char *override_note =
        blocked_note(ctx, &list->override_check, "add pages");
    const char *create_note =
        blocked_note(ctx, &list->create_check, "add custom pages");

    if (membership->tier == NULL) {
        /* Without a plan every limit is 0, and "0 of 0" explains nothing. */
        mpcms_admin_add_note(view, "upgrade",
                             "This storefront has no plan yet, so it cannot "
                             "add pages; the platform's administrators "
                             "assign plans.");
        return;
    }
    mpcms_admin_add_note(view, "usage", list->usage.pages_text);
    if (!mpcms_membership_has(membership, MPCMS_FEATURE_CUSTOM_PAGES)) {
        mpcms_limit_check_t feature_check;

        feature_check.limit = MPCMS_LIMIT_FEATURE;
        feature_check.upgrade = mpcms_tiers_feature_upgrade(
            membership->tier, MPCMS_FEATURE_CUSTOM_PAGES, membership->tiers,
            membership->tier_count);
        if (list->usage.used.custom_pages > 0) {
            /* Kept after a downgrade. */
            mpcms_admin_add_note(view, "usage", list->usage.custom_pages_text);
        }
        mpcms_admin_add_note(
            view, "upgrade",
            blocked_note(ctx, &feature_check, "add custom pages"));
        if (override_note != NULL) {
            mpcms_admin_add_note(view, "upgrade", override_note);
        }
        return;
    }
    mpcms_admin_add_note(view, "usage", list->usage.custom_pages_text);
    if (override_note != NULL) {
        mpcms_admin_add_note(view, "upgrade", override_note);
    }
    else if (create_note != NULL) {
        mpcms_admin_add_note(view, "upgrade", create_note);
    }
}

/* ---- the vendor's home ---- */

static const struct {
    unsigned feature;
    const char *label;
} feature_rows[] = {
    { MPCMS_FEATURE_CUSTOM_PAGES, "Custom pages" },
    { MPCMS_FEATURE_SEO, "SEO fields (meta description and keywords)" },
    { MPCMS_FEATURE_TEMPLATES, "Layout choice per page" },
    { MPCMS_FEATURE_SCHEDULING, "Scheduled publishing" },
    { MPCMS_FEATURE_UNLIMITED_PAGES, "No page limit" },
};

static apr_status_t show_home(mpcms_admin_ctx_t *ctx)
{
    const mpcms_membership_t *membership = ctx->membership;
    mpcms_view_t *view = mpcms_admin_view(ctx);
    content_list_t list;
    apr_size_t i;

    if (load_list(&list, ctx) != APR_SUCCESS) {
        return ctx->result->status;
    }
    mpcms_admin_add_note(
        view, "usage",
        apr_psprintf(ctx->pool, "Plan: %s",
                     membership->tier ? membership->tier->name : "none"));
    add_usage(ctx, view, &list);
    mpcms_admin_add_action(view, pages_url(ctx, NULL, NULL),
                           "Manage content pages");

    mpcms_admin_add_column(view, "Feature");
    mpcms_admin_add_column(view, "In your plan");
    for (i = 0; i < sizeof(feature_rows) / sizeof(feature_rows[0]); i++) {
        mpcms_view_t *row = mpcms_admin_add_row(view);
        const mpcms_tier_t *upgrade;

        mpcms_admin_add_cell(row, feature_rows[i].label, NULL);
        if (mpcms_membership_has(membership, feature_rows[i].feature)) {
            mpcms_admin_add_cell(row, "yes", NULL);
            continue;
        }
        upgrade = mpcms_tiers_feature_upgrade(
            membership->tier, feature_rows[i].feature, membership->tiers,
            membership->tier_count);
        mpcms_admin_add_cell(row,
                             upgrade ? apr_psprintf(
                                 ctx->pool, "no: upgrade to %s", upgrade->name)
                                     : "no",
                             NULL);
    }
    return mpcms_admin_render(ctx, MPCMS_ADMIN_LIST, view, "Dashboard");
}

static apr_status_t redirect_home(mpcms_admin_ctx_t *ctx)
{
    ctx->result->location = mpcms_admin_home(ctx);
    return APR_SUCCESS;
}

/* ---- the content pages list ---- */

static void add_entry_actions(mpcms_admin_ctx_t *ctx, mpcms_view_t *row,
                              const content_list_t *list,
                              const mpcms_content_page_t *entry)
{
    const char *slug = entry->slug;
    const char *note;

    mpcms_admin_add_row_link(row, mpcms_admin_url(ctx, "/preview/%s", slug),
                             "Preview");
    if (entry->source != MPCMS_SOURCE_DEFAULT) {
        mpcms_admin_add_row_link(row, pages_url(ctx, slug, "edit"), "Edit");
    }
    if (entry->source == MPCMS_SOURCE_OVERRIDE) {
        mpcms_admin_add_row_link(row, pages_url(ctx, slug, "revert"),
                                 "Revert to default");
        return;
    }
    if (entry->source == MPCMS_SOURCE_CUSTOM) {
        mpcms_admin_add_row_link(row, pages_url(ctx, slug, "delete"), "Delete");
        return;
    }

    note = blocked_note(ctx, &list->override_check, "add pages");
    if (note != NULL) {
        mpcms_admin_add_row_disabled(row, "Override", note);
    }
    else {
        mpcms_view_set(mpcms_admin_add_row_button(
                           row, pages_url(ctx, slug, "override"), "Override"),
                       "id", apr_pstrcat(ctx->pool, "override-", slug, NULL));
    }
    mpcms_view_set(mpcms_admin_add_row_button(
                       row,
                       pages_url(ctx, slug, entry->is_hidden ? "show" : "hide"),
                       entry->is_hidden ? "Show" : "Hide"),
                   "id",
                   apr_pstrcat(ctx->pool, entry->is_hidden ? "show-" : "hide-",
                               slug, NULL));
}

/*
 * Renders the list. After a rejected action, ctx already contains its
 * status and error, which the layout shows above the list.
 */
static apr_status_t render_list(mpcms_admin_ctx_t *ctx)
{
    mpcms_view_t *view = mpcms_admin_view(ctx);
    apr_status_t refusal = ctx->result->status;
    mpcms_error_t *refusal_error = ctx->result->error;
    content_list_t list;
    const char *create_note;
    int i;

    if (load_list(&list, ctx) != APR_SUCCESS) {
        return ctx->result->status;
    }
    ctx->result->status = refusal;
    ctx->result->error = refusal_error;

    add_usage(ctx, view, &list);
    create_note = blocked_note(ctx, &list.create_check, "add custom pages");
    if (create_note == NULL) {
        mpcms_admin_add_action(view, mpcms_admin_url(ctx, "/content-pages/new"),
                               "New custom page");
    }

    mpcms_admin_add_column(view, "Slug");
    mpcms_admin_add_column(view, "Title");
    mpcms_admin_add_column(view, "Source");
    mpcms_admin_add_column(view, "Status");
    for (i = 0; i < list.pages->nelts; i++) {
        const mpcms_content_page_t *entry =
            &APR_ARRAY_IDX(list.pages, i, mpcms_content_page_t);
        mpcms_view_t *row = mpcms_admin_add_row(view);

        mpcms_admin_add_cell(row, entry->slug, NULL);
        mpcms_admin_add_cell(row, entry->title, NULL);
        mpcms_admin_add_cell(row, source_name(entry->source), NULL);
        mpcms_admin_add_cell(row, status_text(ctx, entry), NULL);
        add_entry_actions(ctx, row, &list, entry);
    }
    mpcms_view_set(view, "empty", "This storefront has no pages yet.");
    return mpcms_admin_render(ctx, MPCMS_ADMIN_LIST, view, "Content pages");
}

static apr_status_t list_content(mpcms_admin_ctx_t *ctx)
{
    return render_list(ctx);
}

/*
 * Responds to an action posted from the list: a redirect to the list with
 * a notice on success, else the list with the reason above it.
 */
static apr_status_t answer_action(mpcms_admin_ctx_t *ctx, apr_status_t rv,
                                  mpcms_refusal_t *refusal, const char *notice)
{
    apr_status_t status;

    if (rv == APR_SUCCESS) {
        return mpcms_admin_redirect(ctx, pages_url(ctx, NULL, NULL), notice);
    }
    status = refused(ctx, rv, refusal);
    if (status == MPCMS_EUNAVAILABLE || status == APR_EGENERAL
        || status == MPCMS_ENOTFOUND) {
        return status;
    }
    /* The list has no form fields: the message shows above it. */
    ctx->result->error =
        mpcms_error_make(NULL, 0, 0, ctx->pool, "%s", refusal->error.message);
    render_list(ctx);
    return status;
}

static apr_status_t override_page(mpcms_admin_ctx_t *ctx)
{
    const char *slug = slug_param(ctx);
    mpcms_refusal_t *refusal = NULL;
    apr_int64_t id;
    apr_status_t rv;

    if (slug == NULL) {
        return no_such_page(ctx);
    }
    rv = mpcms_vendor_page_override(&id, ctx->store, ctx->membership,
                                    &ctx->actor, slug, &refusal, ctx->pool);
    if (rv != APR_SUCCESS) {
        return answer_action(ctx, rv, refusal, NULL);
    }
    return mpcms_admin_redirect(
        ctx, pages_url(ctx, slug, "edit"),
        apr_psprintf(ctx->pool,
                     "Your copy of '%s' is saved; the storefront shows it "
                     "from now on.",
                     slug));
}

static apr_status_t set_hidden(mpcms_admin_ctx_t *ctx, int hidden)
{
    const char *slug = slug_param(ctx);
    mpcms_refusal_t *refusal = NULL;
    const char *notice;
    int changed;
    apr_status_t rv;

    if (slug == NULL) {
        return no_such_page(ctx);
    }
    rv = mpcms_vendor_page_hide(&changed, ctx->store, ctx->membership,
                                &ctx->actor, slug, hidden, &refusal, ctx->pool);
    if (hidden) {
        notice = changed ? "'%s' is hidden from your storefront."
                         : "'%s' is already hidden from your storefront.";
    }
    else {
        notice = changed ? "'%s' shows on your storefront again."
                         : "'%s' already shows on your storefront.";
    }
    return answer_action(ctx, rv, refusal,
                         apr_psprintf(ctx->pool, notice, slug));
}

static apr_status_t hide_page(mpcms_admin_ctx_t *ctx)
{
    return set_hidden(ctx, 1);
}

static apr_status_t show_page(mpcms_admin_ctx_t *ctx)
{
    return set_hidden(ctx, 0);
}

/* ---- page forms ---- */

/*
 * Builds the fields of a page form for the membership's tier: the fields
 * of features the tier lacks are left out, so the form never offers them.
 * with_kept_schedule adds the publish time without cms_scheduling, for a
 * page that kept one from an earlier plan: the vendor may keep or clear
 * it.
 */
static mpcms_admin_form_t *page_form(mpcms_admin_ctx_t *ctx, int with_slug,
                                     int with_kept_schedule)
{
    const mpcms_membership_t *membership = ctx->membership;
    mpcms_admin_form_t *form = apr_pcalloc(ctx->pool, sizeof(*form));
    mpcms_field_t *fields = apr_pcalloc(ctx->pool, sizeof(*fields) * 9);
    int count = 0;

    if (with_slug) {
        fields[count++] = slug_field;
    }
    fields[count++] = title_field;
    fields[count++] = content_field;
    if (mpcms_membership_has(membership, MPCMS_FEATURE_SEO)) {
        fields[count++] = description_field;
        fields[count++] = keywords_field;
    }
    if (mpcms_membership_has(membership, MPCMS_FEATURE_TEMPLATES)) {
        const apr_array_header_t *variants = membership->variants;
        int total = variants ? variants->nelts : 0;
        mpcms_option_t *options =
            apr_pcalloc(ctx->pool, sizeof(*options) * (apr_size_t)(total + 2));
        int i;

        options[0].value = "";
        options[0].label = "Standard";
        for (i = 0; i < total; i++) {
            options[i + 1].value = APR_ARRAY_IDX(variants, i, const char *);
            options[i + 1].label = options[i + 1].value;
        }
        fields[count] = template_field;
        fields[count++].options = options;
    }
    if (mpcms_membership_has(membership, MPCMS_FEATURE_SCHEDULING)) {
        fields[count] = publish_at_field;
        fields[count++].hint = apr_psprintf(
            ctx->pool,
            "Local time in %s. A published page shows from then on; leave "
            "it empty to publish at once.",
            membership->timezone);
    }
    else if (with_kept_schedule) {
        fields[count] = publish_at_field;
        fields[count++].hint = apr_psprintf(
            ctx->pool,
            "Local time in %s. Your plan does not include scheduled "
            "publishing: keep this time, or clear it to publish the page at "
            "once.",
            membership->timezone);
    }
    fields[count++] = published_field;

    form->fields = fields;
    form->cancel = pages_url(ctx, NULL, NULL);
    return form;
}

/*
 * Reads a page form into input. Every field the form may carry is read,
 * also those the tier lacks, so that the operation rejects them by name.
 */
static void read_input(mpcms_page_input_t *input, const apr_table_t *form)
{
    const char *published = mpcms_form_get(form, "is_published");

    memset(input, 0, sizeof(*input));
    input->title = mpcms_form_get(form, "title");
    input->content = mpcms_form_get(form, "content");
    input->meta_description = mpcms_form_get(form, "meta_description");
    input->meta_keywords = mpcms_form_get(form, "meta_keywords");
    input->template = mpcms_form_get(form, "template");
    input->publish_at = mpcms_form_get(form, "publish_at");
    input->is_published = published != NULL && strcmp(published, "0") != 0;
}

/*
 * Responds to a rejected save: the form again (422, 409) with the message
 * next to its field, or above the form when the form has no such field
 * (a feature the tier lacks), or the error page.
 */
static apr_status_t reject_form(mpcms_admin_ctx_t *ctx,
                                const mpcms_admin_form_t *form, apr_status_t rv,
                                mpcms_refusal_t *refusal)
{
    apr_status_t status = refused(ctx, rv, refusal);
    const char *field = refusal->error.source;
    apr_array_header_t *errors = NULL;

    if (status != MPCMS_EINVALID && status != MPCMS_ECONFLICT) {
        return status;
    }
    /* The error list repeats the message above the form, so a message
     * shows there only when it belongs to a field of the form. */
    if (field != NULL && mpcms_fields_find(form->fields, field) != NULL) {
        errors = apr_array_make(ctx->pool, 1, sizeof(mpcms_error_t *));
        APR_ARRAY_PUSH(errors, mpcms_error_t *) = &refusal->error;
    }
    return mpcms_admin_reject(
        ctx, form, mpcms_fields_from_form(form->fields, ctx->form, ctx->pool),
        errors, status);
}

/* Adds to a save notice what the sanitizer removed from the content. */
static const char *with_removals(mpcms_admin_ctx_t *ctx, const char *notice,
                                 const mpcms_sanitize_report_t *removed)
{
    if (removed->removed_elements == 0 && removed->removed_attributes == 0) {
        return notice;
    }
    return apr_psprintf(ctx->pool,
                        "%s The HTML sanitizer removed %d element(s) and %d "
                        "attribute(s) from the content.",
                        notice, removed->removed_elements,
                        removed->removed_attributes);
}

/* Loads the values of the vendor's page under slug into an edit form. */
static apr_status_t page_values(apr_table_t **values, mpcms_admin_ctx_t *ctx,
                                const char *slug)
{
    mpcms_resolution_t resolution;
    mpcms_refusal_t *refusal = NULL;
    const mpcms_content_page_t *entry;
    const mpcms_page_t *page;
    content_list_t list;
    const char *local = "";
    apr_status_t rv;

    if (load_list(&list, ctx) != APR_SUCCESS) {
        return ctx->result->status;
    }
    entry = find_entry(&list, slug);
    if (entry == NULL || entry->source == MPCMS_SOURCE_DEFAULT) {
        return mpcms_admin_fail_with(
            ctx, MPCMS_ENOTFOUND, NULL,
            "you have no page '%s'; override the default or create the "
            "page first",
            slug);
    }
    rv = mpcms_dashboard_preview(&resolution, ctx->store, ctx->membership, slug,
                                 ctx->request->now, &refusal, ctx->pool);
    if (rv != APR_SUCCESS) {
        return refused(ctx, rv, refusal);
    }
    page = resolution.page;
    if (entry->publish_at != NULL) {
        local_time(ctx, entry->publish_at, &local);
    }

    *values = apr_table_make(ctx->pool, 8);
    apr_table_setn(*values, "title", page->title);
    apr_table_setn(*values, "content", page->content ? page->content : "");
    apr_table_setn(*values, "meta_description",
                   page->meta_description ? page->meta_description : "");
    apr_table_setn(*values, "meta_keywords",
                   page->meta_keywords ? page->meta_keywords : "");
    apr_table_setn(*values, "template", page->template ? page->template : "");
    apr_table_setn(*values, "publish_at", local);
    /* The stored flag, because the resolution's is_published is also clear
     * while publish_at is ahead, and saving that would unpublish the page. */
    apr_table_setn(*values, "is_published", entry->is_published ? "1" : "0");
    return APR_SUCCESS;
}

/* with_kept_schedule: see page_form. */
static mpcms_admin_form_t *edit_form(mpcms_admin_ctx_t *ctx, const char *slug,
                                     int with_kept_schedule)
{
    mpcms_admin_form_t *form = page_form(ctx, 0, with_kept_schedule);

    form->title = apr_psprintf(ctx->pool, "Edit page %s", slug);
    form->action = pages_url(ctx, slug, "edit");
    form->submit = "Save page";
    return form;
}

static apr_status_t show_edit(mpcms_admin_ctx_t *ctx)
{
    const char *slug = slug_param(ctx);
    apr_table_t *values = NULL;

    if (slug == NULL) {
        return no_such_page(ctx);
    }
    if (page_values(&values, ctx, slug) != APR_SUCCESS) {
        return ctx->result->status;
    }
    return mpcms_admin_render_form(
        ctx,
        edit_form(ctx, slug, apr_table_get(values, "publish_at")[0] != '\0'),
        values, NULL);
}

static apr_status_t save_edit(mpcms_admin_ctx_t *ctx)
{
    const char *slug = slug_param(ctx);
    mpcms_refusal_t *refusal = NULL;
    mpcms_page_outcome_t outcome;
    mpcms_page_input_t input;
    apr_status_t rv;

    if (slug == NULL) {
        return no_such_page(ctx);
    }
    read_input(&input, ctx->form);
    rv = mpcms_vendor_page_edit(&outcome, ctx->store, ctx->membership,
                                &ctx->actor, slug, &input, &refusal, ctx->pool);
    if (rv != APR_SUCCESS) {
        /* The form shows a kept publish time again when the request had
         * it, unless the tier rejects that field. */
        int with_kept_schedule = mpcms_form_get(ctx->form, "publish_at") != NULL
                                 && rv != MPCMS_EFEATURE;

        return reject_form(ctx, edit_form(ctx, slug, with_kept_schedule), rv,
                           refusal);
    }
    return mpcms_admin_redirect(
        ctx, pages_url(ctx, NULL, NULL),
        with_removals(ctx,
                      apr_psprintf(ctx->pool,
                                   outcome.changed
                                       ? "Page '%s' saved."
                                       : "Page '%s' already had these "
                                         "values; nothing changed.",
                                   slug),
                      &outcome.removed));
}

/* Refuses the new page form when the tier cannot add a custom page. */
static apr_status_t check_can_create(mpcms_admin_ctx_t *ctx)
{
    content_list_t list;
    const char *note;

    if (load_list(&list, ctx) != APR_SUCCESS) {
        return ctx->result->status;
    }
    note = blocked_note(ctx, &list.create_check, "add custom pages");
    if (note == NULL) {
        return APR_SUCCESS;
    }
    return mpcms_admin_fail_with(ctx,
                                 list.create_check.limit == MPCMS_LIMIT_FEATURE
                                     ? MPCMS_EFORBIDDEN
                                     : MPCMS_ECONFLICT,
                                 NULL, "%s", note);
}

static mpcms_admin_form_t *create_form(mpcms_admin_ctx_t *ctx)
{
    mpcms_admin_form_t *form = page_form(ctx, 1, 0);

    form->title = "New custom page";
    form->action = pages_url(ctx, NULL, NULL);
    form->submit = "Create page";
    return form;
}

static apr_status_t new_custom(mpcms_admin_ctx_t *ctx)
{
    mpcms_admin_form_t *form;

    if (check_can_create(ctx) != APR_SUCCESS) {
        return ctx->result->status;
    }
    form = create_form(ctx);
    return mpcms_admin_render_form(
        ctx, form, mpcms_fields_defaults(form->fields, ctx->pool), NULL);
}

static apr_status_t create_custom(mpcms_admin_ctx_t *ctx)
{
    const char *slug = mpcms_form_get(ctx->form, "slug");
    mpcms_refusal_t *refusal = NULL;
    mpcms_page_outcome_t outcome;
    mpcms_page_input_t input;
    apr_int64_t id;
    apr_status_t rv;

    read_input(&input, ctx->form);
    rv = mpcms_vendor_page_create(&id, &outcome, ctx->store, ctx->membership,
                                  &ctx->actor, slug, &input, &refusal,
                                  ctx->pool);
    if (rv != APR_SUCCESS) {
        return reject_form(ctx, create_form(ctx), rv, refusal);
    }
    return mpcms_admin_redirect(
        ctx, pages_url(ctx, NULL, NULL),
        with_removals(
            ctx, apr_psprintf(ctx->pool, "Custom page '%s' created.", slug),
            &outcome.removed));
}

/* ---- revert and delete, after a confirmation ---- */

static apr_status_t confirm(mpcms_admin_ctx_t *ctx, mpcms_page_source_e source,
                            const char *action, const char *question,
                            const char *submit)
{
    const char *slug = slug_param(ctx);
    const mpcms_content_page_t *entry;
    content_list_t list;
    mpcms_view_t *view;

    if (slug == NULL) {
        return no_such_page(ctx);
    }
    if (load_list(&list, ctx) != APR_SUCCESS) {
        return ctx->result->status;
    }
    entry = find_entry(&list, slug);
    if (entry != NULL && entry->source != source
        && entry->source != MPCMS_SOURCE_DEFAULT) {
        /* The vendor's page of the other kind gets the same 409 as the POST. */
        mpcms_refusal_t *refusal = NULL;
        apr_status_t rv = mpcms_vendor_removal_check(
            slug, entry->source == MPCMS_SOURCE_OVERRIDE,
            source == MPCMS_SOURCE_OVERRIDE, &refusal, ctx->pool);

        return refused(ctx, rv, refusal);
    }
    if (entry == NULL || entry->source != source) {
        return mpcms_admin_fail_with(
            ctx, MPCMS_ENOTFOUND, NULL, "you have no %s page '%s'",
            source == MPCMS_SOURCE_CUSTOM ? "custom" : "overriding", slug);
    }
    view = mpcms_admin_view(ctx);
    mpcms_view_set(view, "intro",
                   apr_psprintf(ctx->pool, question, slug, entry->title));
    mpcms_view_set(view, "form_action", pages_url(ctx, slug, action));
    mpcms_view_set(view, "submit_label", submit);
    mpcms_view_set(view, "cancel_href", pages_url(ctx, NULL, NULL));
    return mpcms_admin_render(ctx, MPCMS_ADMIN_CONFIRM, view,
                              apr_psprintf(ctx->pool, "%s %s", submit, slug));
}

static apr_status_t confirm_revert(mpcms_admin_ctx_t *ctx)
{
    return confirm(ctx, MPCMS_SOURCE_OVERRIDE, "revert",
                   "Revert '%s' (%s) to the platform's default? Your version "
                   "is deleted and the storefront shows the default again.",
                   "Revert");
}

static apr_status_t confirm_delete(mpcms_admin_ctx_t *ctx)
{
    return confirm(ctx, MPCMS_SOURCE_CUSTOM, "delete",
                   "Delete the custom page '%s' (%s)? Visitors will no "
                   "longer find it. This cannot be undone.",
                   "Delete");
}

/* Deletes the vendor's page: an override (revert set) or a custom page. */
static apr_status_t remove_page(mpcms_admin_ctx_t *ctx, int revert)
{
    const char *slug = slug_param(ctx);
    mpcms_refusal_t *refusal = NULL;
    apr_status_t rv;

    if (slug == NULL) {
        return no_such_page(ctx);
    }
    if (revert) {
        rv = mpcms_vendor_page_revert(ctx->store, ctx->membership, &ctx->actor,
                                      slug, &refusal, ctx->pool);
    }
    else {
        rv = mpcms_vendor_page_delete(ctx->store, ctx->membership, &ctx->actor,
                                      slug, &refusal, ctx->pool);
    }
    return answer_action(
        ctx, rv, refusal,
        apr_psprintf(ctx->pool,
                     revert ? "'%s' is reverted; the storefront shows the "
                              "default."
                            : "Custom page '%s' deleted.",
                     slug));
}

static apr_status_t revert_page(mpcms_admin_ctx_t *ctx)
{
    return remove_page(ctx, 1);
}

static apr_status_t delete_page(mpcms_admin_ctx_t *ctx)
{
    return remove_page(ctx, 0);
}

/* ---- preview ---- */

/*
 * Renders any page of the storefront, published or not, with the
 * storefront's theme and links, as the storefront would serve it.
 */
static apr_status_t preview_page(mpcms_admin_ctx_t *ctx)
{
    const mpcms_admin_request_t *request = ctx->request;
    const char *slug = slug_param(ctx);
    mpcms_refusal_t *refusal = NULL;
    mpcms_resolution_t resolution;
    mpcms_response_t response;
    mpcms_error_t *error = NULL;
    mpcms_route_t route;
    const char *canonical;
    apr_status_t rv;

    if (slug == NULL) {
        return no_such_page(ctx);
    }
    rv = mpcms_dashboard_preview(&resolution, ctx->store, ctx->membership, slug,
                                 request->now, &refusal, ctx->pool);
    if (rv != APR_SUCCESS) {
        return refused(ctx, rv, refusal);
    }

    /* The storefront's own route, so that links lead to the storefront. */
    memset(&route, 0, sizeof(route));
    if (request->route != NULL) {
        route = *request->route;
    }
    if (route.platform_base == NULL) {
        route.platform_base = "";
    }
    route.platform = ctx->membership->platform->code;
    route.vendor = ctx->membership->vendor->code;
    route.vendor_via = MPCMS_VENDOR_VIA_PATH;
    route.area = MPCMS_AREA_STOREFRONT;
    route.area_base = apr_pstrcat(ctx->pool, route.platform_base, "/vendors/",
                                  route.vendor, NULL);
    canonical = mpcms_canonical_url(
        &route, resolution.vendor,
        strcmp(slug, "home") == 0 ? "/"
                                  : apr_pstrcat(ctx->pool, "/", slug, NULL),
        request->secure ? "https" : "http",
        request->host ? request->host : "localhost", request->port, ctx->pool);

    rv = mpcms_render(&response, request->themes, &resolution, &route,
                      canonical, &error, ctx->pool);
    if (rv != APR_SUCCESS) {
        return mpcms_admin_fail_error(ctx, APR_EGENERAL, error);
    }
    ctx->result->content_type = "text/html; charset=utf-8";
    ctx->result->body = response.body;
    ctx->result->length = response.length;
    apr_table_setn(ctx->result->headers, "X-Robots-Tag", "noindex");
    apr_table_setn(ctx->result->headers, "Content-Security-Policy",
                   PREVIEW_POLICY);
    return APR_SUCCESS;
}

const mpcms_admin_route_t mpcms_dashboard_routes[] = {
    { 0, "GET", "/", redirect_home },
    { 0, "GET", "/dashboard", show_home },
    { 0, "GET", "/content-pages", list_content },
    { 0, "POST", "/content-pages", create_custom },
    { 0, "GET", "/content-pages/new", new_custom },
    { 0, "GET", "/content-pages/*/edit", show_edit },
    { 0, "POST", "/content-pages/*/edit", save_edit },
    { 0, "POST", "/content-pages/*/override", override_page },
    { 0, "POST", "/content-pages/*/hide", hide_page },
    { 0, "POST", "/content-pages/*/show", show_page },
    { 0, "GET", "/content-pages/*/revert", confirm_revert },
    { 0, "POST", "/content-pages/*/revert", revert_page },
    { 0, "GET", "/content-pages/*/delete", confirm_delete },
    { 0, "POST", "/content-pages/*/delete", delete_page },
    { 0, "GET", "/preview/*", preview_page },
    { 0, NULL, NULL, NULL },
};
