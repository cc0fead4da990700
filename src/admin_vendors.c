/*
 * Vendors, their memberships of platforms (tier, active, primary, custom
 * subdomain) and their custom domains, in the admin area and the API.
 * Every change here can change routing, so it makes the lookup caches of
 * every child process stale (result->invalidate_cache).
 */
#include <apr_strings.h>
#include <string.h>

#include "admin_app.h"
#include "form.h"
#include "record.h"
#include "timestamp.h"

/*
 * Vendor codes and subdomains the area does not accept: "www" and
 * "admin" are reserved subdomains, and "new" is the address of the
 * creation form.
 */
static const char *const reserved_vendor_codes[] = { "www", "admin", "new",
                                                     NULL };
static const char *const reserved_subdomains[] = { "www", "admin", NULL };

static const mpcms_field_t vendor_fields[] = {
    { "code", "Code", MPCMS_INPUT_TEXT, MPCMS_CHECK_CODE, MPCMS_FIELD_REQUIRED,
      50, 0, 0, NULL, NULL,
      "Lower-case letters, digits, '-' and '_'. Storefront URLs use it: "
      "/vendors/{code}/ and {code}.oms.lu." },
    { "name", "Name", MPCMS_INPUT_TEXT, MPCMS_CHECK_NONE, MPCMS_FIELD_REQUIRED,
      200, 0, 0, NULL, NULL, NULL },
    { "contact_email", "Contact e-mail", MPCMS_INPUT_EMAIL, MPCMS_CHECK_EMAIL,
      MPCMS_FIELD_NULLABLE, 254, 0, 0, NULL, NULL, NULL },
    { "is_active", "Active (storefronts served)", MPCMS_INPUT_CHECKBOX,
      MPCMS_CHECK_NONE, 0, 0, 0, 0, NULL, "1", NULL },
    { NULL, NULL, 0, 0, 0, 0, 0, 0, NULL, NULL, NULL },
};

#define MEMBERSHIP_COMMON_FIELDS                                               \
    { "tier",                                                                  \
      "Subscription tier",                                                     \
      MPCMS_INPUT_SELECT,                                                      \
      MPCMS_CHECK_NONE,                                                        \
      MPCMS_FIELD_NULLABLE,                                                    \
      50,                                                                      \
      0,                                                                       \
      0,                                                                       \
      NULL,                                                                    \
      "",                                                                      \
      "A tier of the platform; (none) for no tier." },                         \
        { "is_active",                                                         \
          "Active on this platform",                                           \
          MPCMS_INPUT_CHECKBOX,                                                \
          MPCMS_CHECK_NONE,                                                    \
          0,                                                                   \
          0,                                                                   \
          0,                                                                   \
          0,                                                                   \
          NULL,                                                                \
          "1",                                                                 \
          NULL },                                                              \
        { "is_primary",                                                        \
          "Primary platform of the vendor",                                    \
          MPCMS_INPUT_CHECKBOX,                                                \
          MPCMS_CHECK_NONE,                                                    \
          0,                                                                   \
          0,                                                                   \
          0,                                                                   \
          0,                                                                   \
          NULL,                                                                \
          "0",                                                                 \
          "A vendor has one primary platform; choosing this one clears the "   \
          "others." },                                                         \
        { "custom_subdomain",                                                  \
          "Custom subdomain",                                                  \
          MPCMS_INPUT_TEXT,                                                    \
          MPCMS_CHECK_LABEL,                                                   \
          MPCMS_FIELD_NULLABLE,                                                \
          63,                                                                  \
          0,                                                                   \
          0,                                                                   \
          NULL,                                                                \
          NULL,                                                                \
          "A label below the platform's domain, such as garden for "           \
          "garden.oms.lu; empty to use the vendor code." },                    \
    {                                                                          \
        NULL, NULL, 0, 0, 0, 0, 0, 0, NULL, NULL, NULL                         \
    }

static const mpcms_field_t membership_new_fields[] = {
    { "platform", "Platform", MPCMS_INPUT_SELECT, MPCMS_CHECK_CODE,
      MPCMS_FIELD_REQUIRED, 50, 0, 0, NULL, NULL, NULL },
    MEMBERSHIP_COMMON_FIELDS,
};

static const mpcms_field_t membership_fields[] = {
    MEMBERSHIP_COMMON_FIELDS,
};

static const mpcms_field_t domain_fields[] = {
    { "domain", "Domain", MPCMS_INPUT_TEXT, MPCMS_CHECK_DOMAIN,
      MPCMS_FIELD_REQUIRED, 253, 0, 0, NULL, NULL,
      "The vendor's own domain, such as wizamart.lu. It serves the "
      "storefront once it is marked verified." },
    { "platform", "Platform", MPCMS_INPUT_SELECT, MPCMS_CHECK_CODE,
      MPCMS_FIELD_REQUIRED, 50, 0, 0, NULL, NULL,
      "The storefront of this platform is served on the domain." },
    { "is_primary", "Primary (canonical links name it)", MPCMS_INPUT_CHECKBOX,
      MPCMS_CHECK_NONE, 0, 0, 0, 0, NULL, "0", NULL },
    { NULL, NULL, 0, 0, 0, 0, 0, 0, NULL, NULL, NULL },
};

static int in_list(const char *const *list, const char *value)
{
    for (; *list != NULL; list++) {
        if (strcmp(*list, value) == 0) {
            return 1;
        }
    }
    return 0;
}

/* Locks the vendor row in tx, so that its changes happen one at a time. */
static apr_status_t lock_vendor(mpcms_admin_ctx_t *ctx, mpcms_tx_t *tx,
                                const char *code)
{
    const char *args[] = { code };
    mpcms_rows_t *rows;

    return mpcms_admin_tx_select(ctx, tx, &rows, MPCMS_SQL_ADMIN_VENDOR_LOCK,
                                 args);
}

/* ---- vendors ---- */

static const mpcms_admin_form_t *vendor_form(mpcms_admin_ctx_t *ctx,
                                             const char *code)
{
    return mpcms_admin_record_form(ctx, vendor_fields, "/vendors", "vendor",
                                   code);
}

static apr_status_t list_vendors(mpcms_admin_ctx_t *ctx)
{
    mpcms_view_t *view;
    mpcms_rows_t *rows;
    long total;
    int page;
    int row;

    if (mpcms_admin_select_page(&rows, &total, &page, ctx,
                                MPCMS_SQL_ADMIN_VENDOR_COUNT,
                                MPCMS_SQL_ADMIN_VENDOR_LIST, NULL, 0)
        != APR_SUCCESS) {
        return ctx->result->status;
    }
    if (ctx->is_api) {
        return mpcms_admin_respond_list(ctx, rows, mpcms_vendor_columns, page,
                                        total);
    }

    view = mpcms_admin_view(ctx);
    mpcms_admin_add_action(view, mpcms_admin_url(ctx, "/vendors/new"),
                           "New vendor");
    mpcms_admin_add_column(view, "Code");
    mpcms_admin_add_column(view, "Name");
    mpcms_admin_add_column(view, "Contact");
    mpcms_admin_add_column(view, "Active");
    mpcms_admin_add_column(view, "Platforms");
    for (row = 0; row < rows->count; row++) {
        const char *code = mpcms_rows_get(rows, row, 1);
        mpcms_view_t *line = mpcms_admin_add_row(view);

        mpcms_admin_add_cell(line, code,
                             mpcms_admin_url(ctx, "/vendors/%s", code));
        mpcms_admin_add_cell(line, mpcms_rows_get(rows, row, 2), NULL);
        mpcms_admin_add_cell(line, mpcms_rows_get(rows, row, 3), NULL);
        mpcms_admin_add_cell(line, mpcms_admin_yes_no(rows, row, 4), NULL);
        mpcms_admin_add_cell(line, mpcms_rows_get(rows, row, 8), NULL);
        mpcms_admin_add_row_link(
            line, mpcms_admin_url(ctx, "/vendors/%s", code), "Edit");
        mpcms_admin_add_row_link(
            line, mpcms_admin_url(ctx, "/vendors/%s/platforms", code),
            "Memberships");
        mpcms_admin_add_row_link(
            line, mpcms_admin_url(ctx, "/vendors/%s/domains", code),
            "Custom domains");
    }
    mpcms_view_set(view, "empty", "No vendor yet.");
    mpcms_admin_pager(ctx, view, page, total, mpcms_admin_url(ctx, "/vendors"));
    return mpcms_admin_render(ctx, MPCMS_ADMIN_LIST, view, "Vendors");
}

static apr_status_t new_vendor(mpcms_admin_ctx_t *ctx)
{
    return mpcms_admin_render_form(
        ctx, vendor_form(ctx, NULL),
        mpcms_fields_defaults(vendor_fields, ctx->pool), NULL);
}

static apr_status_t read_vendor(mpcms_rows_t **rows, mpcms_admin_ctx_t *ctx,
                                mpcms_tx_t *tx, const char *code)
{
    const char *args[] = { code };

    return tx ? mpcms_admin_tx_select(ctx, tx, rows, MPCMS_SQL_ADMIN_VENDOR_GET,
                                      args)
              : mpcms_admin_select(rows, ctx, MPCMS_SQL_ADMIN_VENDOR_GET, args);
}

static apr_status_t show_vendor(mpcms_admin_ctx_t *ctx)
{
    const char *code = mpcms_admin_param_code(ctx, 0);
    mpcms_view_t *view;
    mpcms_rows_t *rows;

    if (code == NULL || read_vendor(&rows, ctx, NULL, code) != APR_SUCCESS
        || rows->count == 0) {
        return ctx->result->status != APR_SUCCESS
                   ? ctx->result->status
                   : mpcms_admin_fail_with(ctx, MPCMS_ENOTFOUND, NULL,
                                           "no vendor with code '%s'",
                                           ctx->params[0]);
    }
    if (ctx->is_api) {
        return mpcms_admin_json(
            ctx, mpcms_record_json(rows, 0, mpcms_vendor_columns));
    }
    view = mpcms_admin_view(ctx);
    mpcms_admin_add_action(view,
                           mpcms_admin_url(ctx, "/vendors/%s/platforms", code),
                           "Memberships");
    mpcms_admin_add_action(view,
                           mpcms_admin_url(ctx, "/vendors/%s/domains", code),
                           "Custom domains");
    mpcms_admin_add_action(view, mpcms_admin_url(ctx, "/pages?vendor=%s", code),
                           "Pages");
    mpcms_admin_form_view(
        ctx, view, vendor_form(ctx, code),
        mpcms_record_values(rows, 0, mpcms_vendor_columns, ctx->pool), NULL);
    return mpcms_admin_render(ctx, MPCMS_ADMIN_FORM, view,
                              vendor_form(ctx, code)->title);
}

/*
 * Checks inside the write's transaction that a vendor's new code is no
 * other member's custom subdomain on a platform of the vendor, because
 * the code is a subdomain label there. Locks those platforms first, as
 * membership writes do, so that no such subdomain appears meanwhile.
 */
static apr_status_t check_code_label(mpcms_admin_write_t *write,
                                     mpcms_admin_ctx_t *ctx, apr_int64_t id,
                                     const char *new_code)
{
    const char *id_text = mpcms_admin_id_text(id, ctx->pool);
    const char *lock_args[] = { id_text };
    const char *args[] = { id_text, new_code, id_text };
    mpcms_rows_t *rows;
    apr_status_t rv;

    rv =
        mpcms_admin_tx_select(ctx, write->tx, &rows,
                              MPCMS_SQL_ADMIN_VENDOR_PLATFORMS_LOCK, lock_args);
    if (rv == APR_SUCCESS) {
        rv = mpcms_admin_tx_select(ctx, write->tx, &rows,
                                   MPCMS_SQL_ADMIN_VENDOR_LABEL_TAKEN, args);
    }
    if (rv != APR_SUCCESS) {
        return rv;
    }
    if (rows->count > 0) {
        mpcms_fields_add_error(&write->errors, "code", ctx->pool,
                               "vendor '%s' uses '%s' as its custom "
                               "subdomain on platform '%s', where this "
                               "vendor's code is a subdomain too",
                               mpcms_rows_get(rows, 0, 1), new_code,
                               mpcms_rows_get(rows, 0, 0));
        return MPCMS_ECONFLICT;
    }
    return APR_SUCCESS;
}

static apr_status_t write_vendor(mpcms_admin_write_t *write,
                                 mpcms_admin_ctx_t *ctx, const char *code)
{
    const apr_table_t *base = NULL;
    apr_table_t *clean;
    mpcms_rows_t *rows;
    apr_int64_t id = 0;
    apr_status_t rv;
    int affected;

    rv = mpcms_admin_write_begin(write, ctx, vendor_fields);
    if (rv != APR_SUCCESS) {
        return rv;
    }
    if (code != NULL) {
        rv = lock_vendor(ctx, write->tx, code);
        if (rv == APR_SUCCESS) {
            rv = read_vendor(&rows, ctx, write->tx, code);
        }
        if (rv != APR_SUCCESS) {
            return rv;
        }
        if (rows->count == 0) {
            mpcms_tx_rollback(write->tx);
            return mpcms_admin_fail_with(ctx, MPCMS_ENOTFOUND, NULL,
                                         "no vendor with code '%s'", code);
        }
        id = mpcms_rows_int(rows, 0, 0);
        write->before = mpcms_record_json(rows, 0, mpcms_vendor_columns);
        base = mpcms_record_values(rows, 0, mpcms_vendor_columns, ctx->pool);
    }

    clean = mpcms_admin_write_validate(write, ctx, base);
    if (apr_table_get(clean, "code") != NULL
        && in_list(reserved_vendor_codes, apr_table_get(clean, "code"))) {
        mpcms_fields_add_error(&write->errors, "code", ctx->pool,
                               "the code '%s' is reserved; choose another",
                               apr_table_get(clean, "code"));
    }
    if (write->errors != NULL) {
        return mpcms_admin_write_fail(write, MPCMS_EINVALID);
    }
    {
        const char *args[] = { apr_table_get(clean, "code"),
                               mpcms_admin_id_text(id, ctx->pool) };

        rv = mpcms_admin_tx_select(ctx, write->tx, &rows,
                                   MPCMS_SQL_ADMIN_VENDOR_CODE_TAKEN, args);
        if (rv != APR_SUCCESS) {
            return mpcms_admin_write_fail(write, rv);
        }
        if (rows->count > 0) {
            mpcms_fields_add_error(&write->errors, "code", ctx->pool,
                                   "a vendor with code '%s' already exists",
                                   apr_table_get(clean, "code"));
            return mpcms_admin_write_fail(write, MPCMS_ECONFLICT);
        }
    }
    if (code != NULL && strcmp(code, apr_table_get(clean, "code")) != 0) {
        rv = check_code_label(write, ctx, id, apr_table_get(clean, "code"));
        if (rv != APR_SUCCESS) {
            return mpcms_admin_write_fail(write, rv);
        }
    }

    {
        const char *args[] = {
            apr_table_get(clean, "code"),
            apr_table_get(clean, "name"),
            mpcms_fields_sql(clean, "contact_email"),
            apr_table_get(clean, "is_active"),
            mpcms_admin_id_text(id, ctx->pool),
        };

        rv = code == NULL
                 ? mpcms_admin_tx_select(ctx, write->tx, &rows,
                                         MPCMS_SQL_ADMIN_VENDOR_INSERT, args)
                 : mpcms_admin_tx_execute(ctx, write->tx, &affected,
                                          MPCMS_SQL_ADMIN_VENDOR_UPDATE, args);
    }
    if (rv == APR_SUCCESS) {
        rv = read_vendor(&rows, ctx, write->tx, apr_table_get(clean, "code"));
    }
    if (rv != APR_SUCCESS) {
        return mpcms_admin_write_fail(write, rv);
    }
    write->after = mpcms_record_json(rows, 0, mpcms_vendor_columns);
    rv = mpcms_admin_write_commit(write, ctx, code ? "update" : "create",
                                  "vendor", apr_table_get(clean, "code"));
    if (rv == APR_SUCCESS) {
        ctx->result->invalidate_cache = 1;
    }
    return rv;
}

static apr_status_t save_vendor(mpcms_admin_ctx_t *ctx, const char *code)
{
    mpcms_admin_write_t write;
    apr_status_t rv = write_vendor(&write, ctx, code);
    const char *saved =
        write.after ? json_string_value(json_object_get(write.after, "code"))
                    : NULL;

    return mpcms_admin_saved(
        ctx, rv, vendor_form(ctx, code), write.values, write.errors,
        write.after,
        ctx->is_api ? mpcms_admin_url(ctx, "/api/v1/vendors/%s", saved)
                    : mpcms_admin_url(ctx, "/vendors"),
        apr_psprintf(ctx->pool, "Vendor %s saved.", saved), code == NULL);
}

static apr_status_t create_vendor(mpcms_admin_ctx_t *ctx)
{
    return save_vendor(ctx, NULL);
}

static apr_status_t update_vendor(mpcms_admin_ctx_t *ctx)
{
    const char *code = mpcms_admin_param_code(ctx, 0);

    if (code == NULL) {
        return mpcms_admin_fail_with(ctx, MPCMS_ENOTFOUND, NULL,
                                     "no vendor with code '%s'",
                                     ctx->params[0]);
    }
    return save_vendor(ctx, code);
}

/* ---- memberships ---- */

/* Options of the platform choice: every platform. */
static apr_status_t platform_options(mpcms_option_t **options,
                                     mpcms_admin_ctx_t *ctx)
{
    const char *args[] = { "1000", "0" };
    mpcms_rows_t *rows;
    int row;

    *options = NULL;
    if (mpcms_admin_select(&rows, ctx, MPCMS_SQL_ADMIN_PLATFORM_LIST, args)
        != APR_SUCCESS) {
        return ctx->result->status;
    }
    *options = apr_pcalloc(ctx->pool, sizeof(**options) * (rows->count + 1));
    for (row = 0; row < rows->count; row++) {
        (*options)[row].value = mpcms_rows_get(rows, row, 1);
        (*options)[row].label =
            apr_psprintf(ctx->pool, "%s (%s)", mpcms_rows_get(rows, row, 2),
                         mpcms_rows_get(rows, row, 1));
    }
    return APR_SUCCESS;
}

/*
 * Adds one option per tier of the platform with id platform_id, labelled
 * "Name (code)".
 */
static apr_status_t add_platform_tiers(apr_array_header_t *list,
                                       mpcms_admin_ctx_t *ctx,
                                       apr_int64_t platform_id)
{
    const char *args[] = { mpcms_admin_id_text(platform_id, ctx->pool) };
    mpcms_option_t *option;
    mpcms_rows_t *rows;
    int row;

    if (mpcms_admin_select(&rows, ctx, MPCMS_SQL_ADMIN_TIER_LIST, args)
        != APR_SUCCESS) {
        return ctx->result->status;
    }
    for (row = 0; row < rows->count; row++) {
        option = apr_array_push(list);
        option->value = mpcms_rows_get(rows, row, 2);
        option->label = apr_psprintf(
            ctx->pool, "%s (%s)", mpcms_rows_get(rows, row, 3), option->value);
    }
    return APR_SUCCESS;
}

/*
 * Adds one option per tier code of any platform, labelled with the
 * platforms that offer it ("essential: loyalty, oms"), because a new
 * membership's platform is chosen on the same form.
 */
static apr_status_t add_every_tier_code(apr_array_header_t *list,
                                        mpcms_admin_ctx_t *ctx)
{
    const char *platform_args[] = { "1000", "0" };
    apr_array_header_t *codes = apr_array_make(ctx->pool, 8, sizeof(char *));
    apr_hash_t *offered_by = apr_hash_make(ctx->pool);
    mpcms_rows_t *platforms;
    mpcms_option_t *option;
    int p;
    int i;

    if (mpcms_admin_select(&platforms, ctx, MPCMS_SQL_ADMIN_PLATFORM_LIST,
                           platform_args)
        != APR_SUCCESS) {
        return ctx->result->status;
    }
    for (p = 0; p < platforms->count; p++) {
        const char *args[] = { mpcms_rows_get(platforms, p, 0) };
        const char *platform = mpcms_rows_get(platforms, p, 1);
        mpcms_rows_t *rows;
        int row;

        if (mpcms_admin_select(&rows, ctx, MPCMS_SQL_ADMIN_TIER_LIST, args)
            != APR_SUCCESS) {
            return ctx->result->status;
        }
        for (row = 0; row < rows->count; row++) {
            const char *code = mpcms_rows_get(rows, row, 2);
            const char *names =
                apr_hash_get(offered_by, code, APR_HASH_KEY_STRING);

            if (names == NULL) {
                APR_ARRAY_PUSH(codes, const char *) = code;
                names = platform;
            }
            else {
                names = apr_pstrcat(ctx->pool, names, ", ", platform, NULL);
            }
            apr_hash_set(offered_by, code, APR_HASH_KEY_STRING, names);
        }
    }
    for (i = 0; i < codes->nelts; i++) {
        const char *code = APR_ARRAY_IDX(codes, i, const char *);

        option = apr_array_push(list);
        option->value = code;
        option->label = apr_psprintf(
            ctx->pool, "%s: %s", code,
            (const char *)apr_hash_get(offered_by, code, APR_HASH_KEY_STRING));
    }
    return APR_SUCCESS;
}

/*
 * Options of the tier choice: the tiers of one platform, or with
 * platform_id 0 every tier code of every platform.
 */
static apr_status_t tier_options(mpcms_option_t **options,
                                 mpcms_admin_ctx_t *ctx,
                                 apr_int64_t platform_id)
{
    apr_array_header_t *list =
        apr_array_make(ctx->pool, 8, sizeof(mpcms_option_t));
    mpcms_option_t *option;
    apr_status_t rv;

    option = apr_array_push(list);
    option->value = "";
    option->label = "(none)";
    rv = platform_id == 0 ? add_every_tier_code(list, ctx)
                          : add_platform_tiers(list, ctx, platform_id);
    if (rv != APR_SUCCESS) {
        return rv;
    }
    option = apr_array_push(list);
    option->value = NULL;
    *options = (mpcms_option_t *)list->elts;
    return APR_SUCCESS;
}

static apr_status_t membership_form(const mpcms_admin_form_t **form,
                                    mpcms_admin_ctx_t *ctx, const char *vendor,
                                    const char *platform,
                                    apr_int64_t platform_id)
{
    mpcms_admin_form_t *new_form = apr_pcalloc(ctx->pool, sizeof(*new_form));
    mpcms_option_t *platforms = NULL;
    mpcms_option_t *tiers = NULL;

    new_form->options = apr_hash_make(ctx->pool);
    new_form->cancel = mpcms_admin_url(ctx, "/vendors/%s/platforms", vendor);
    if (tier_options(&tiers, ctx, platform_id) != APR_SUCCESS) {
        return ctx->result->status;
    }
    apr_hash_set(new_form->options, "tier", APR_HASH_KEY_STRING, tiers);
    if (platform == NULL) {
        if (platform_options(&platforms, ctx) != APR_SUCCESS) {
            return ctx->result->status;
        }
        apr_hash_set(new_form->options, "platform", APR_HASH_KEY_STRING,
                     platforms);
        new_form->fields = membership_new_fields;
        new_form->title =
            apr_psprintf(ctx->pool, "Add vendor %s to a platform", vendor);
        new_form->action =
            mpcms_admin_url(ctx, "/vendors/%s/platforms", vendor);
        new_form->submit = "Add membership";
    }
    else {
        new_form->fields = membership_fields;
        new_form->title = apr_psprintf(ctx->pool, "Vendor %s on platform %s",
                                       vendor, platform);
        new_form->action =
            mpcms_admin_url(ctx, "/vendors/%s/platforms/%s", vendor, platform);
        new_form->submit = "Save membership";
    }
    *form = new_form;
    return APR_SUCCESS;
}

static apr_status_t list_memberships(mpcms_admin_ctx_t *ctx)
{
    mpcms_admin_ref_t vendor;
    const char *args[] = { NULL };
    mpcms_view_t *view;
    mpcms_rows_t *rows;
    int row;

    if (mpcms_admin_find_vendor(&vendor, ctx) != APR_SUCCESS) {
        return ctx->result->status;
    }
    args[0] = vendor.id_text;
    if (mpcms_admin_select(&rows, ctx, MPCMS_SQL_ADMIN_MEMBERSHIP_LIST, args)
        != APR_SUCCESS) {
        return ctx->result->status;
    }
    if (ctx->is_api) {
        return mpcms_admin_respond_list(ctx, rows, mpcms_membership_columns, 0,
                                        0);
    }
    view = mpcms_admin_view(ctx);
    mpcms_admin_add_action(
        view, mpcms_admin_url(ctx, "/vendors/%s/platforms/new", vendor.code),
        "Add to a platform");
    mpcms_admin_add_action(view,
                           mpcms_admin_url(ctx, "/vendors/%s", vendor.code),
                           "Vendor details");
    mpcms_admin_add_column(view, "Platform");
    mpcms_admin_add_column(view, "Tier");
    mpcms_admin_add_column(view, "Active");
    mpcms_admin_add_column(view, "Primary");
    mpcms_admin_add_column(view, "Custom subdomain");
    for (row = 0; row < rows->count; row++) {
        const char *platform = mpcms_rows_get(rows, row, 2);
        const char *href = mpcms_admin_url(ctx, "/vendors/%s/platforms/%s",
                                           vendor.code, platform);
        mpcms_view_t *line = mpcms_admin_add_row(view);

        mpcms_admin_add_cell(line, platform, href);
        mpcms_admin_add_cell(line, mpcms_rows_get(rows, row, 3), NULL);
        mpcms_admin_add_cell(line, mpcms_admin_yes_no(rows, row, 4), NULL);
        mpcms_admin_add_cell(line, mpcms_admin_yes_no(rows, row, 5), NULL);
        mpcms_admin_add_cell(line, mpcms_rows_get(rows, row, 6), NULL);
        mpcms_admin_add_row_link(line, href, "Edit");
    }
    mpcms_view_set(view, "empty", "The vendor is on no platform yet.");
    return mpcms_admin_render(
        ctx, MPCMS_ADMIN_LIST, view,
        apr_psprintf(ctx->pool, "Platforms of vendor %s", vendor.code));
}

static apr_status_t new_membership(mpcms_admin_ctx_t *ctx)
{
    const mpcms_admin_form_t *form;
    mpcms_admin_ref_t vendor;

    if (mpcms_admin_find_vendor(&vendor, ctx) != APR_SUCCESS
        || membership_form(&form, ctx, vendor.code, NULL, 0) != APR_SUCCESS) {
        return ctx->result->status;
    }
    return mpcms_admin_render_form(
        ctx, form, mpcms_fields_defaults(membership_new_fields, ctx->pool),
        NULL);
}

static apr_status_t read_membership(mpcms_rows_t **rows, mpcms_admin_ctx_t *ctx,
                                    mpcms_tx_t *tx,
                                    const mpcms_admin_ref_t *vendor,
                                    const char *platform)
{
    const char *args[] = { vendor->id_text, platform };

    return tx ? mpcms_admin_tx_select(ctx, tx, rows,
                                      MPCMS_SQL_ADMIN_MEMBERSHIP_GET, args)
              : mpcms_admin_select(rows, ctx, MPCMS_SQL_ADMIN_MEMBERSHIP_GET,
                                   args);
}

static apr_status_t membership_not_found(mpcms_admin_ctx_t *ctx)
{
    return mpcms_admin_fail_with(ctx, MPCMS_ENOTFOUND, NULL,
                                 "vendor '%s' is not on platform '%s'",
                                 ctx->params[0], ctx->params[1]);
}

static apr_status_t show_membership(mpcms_admin_ctx_t *ctx)
{
    const char *platform = mpcms_admin_param_code(ctx, 1);
    const mpcms_admin_form_t *form;
    mpcms_admin_ref_t vendor;
    mpcms_rows_t *rows;

    if (mpcms_admin_find_vendor(&vendor, ctx) != APR_SUCCESS) {
        return ctx->result->status;
    }
    if (platform == NULL) {
        return membership_not_found(ctx);
    }
    if (read_membership(&rows, ctx, NULL, &vendor, platform) != APR_SUCCESS) {
        return ctx->result->status;
    }
    if (rows->count == 0) {
        return membership_not_found(ctx);
    }
    if (ctx->is_api) {
        return mpcms_admin_json(
            ctx, mpcms_record_json(rows, 0, mpcms_membership_columns));
    }
    if (membership_form(&form, ctx, vendor.code, platform,
                        mpcms_rows_int(rows, 0, 8))
        != APR_SUCCESS) {
        return ctx->result->status;
    }
    return mpcms_admin_render_form(
        ctx, form,
        mpcms_record_values(rows, 0, mpcms_membership_columns, ctx->pool),
        NULL);
}

/*
 * Finds the vendor, other than vendor, that a subdomain label on a
 * platform already serves: sets *owner to its code, or to NULL.
 */
static apr_status_t label_owner(const char **owner, mpcms_admin_ctx_t *ctx,
                                mpcms_tx_t *tx, apr_int64_t platform_id,
                                const char *label,
                                const mpcms_admin_ref_t *vendor)
{
    const char *args[] = { mpcms_admin_id_text(platform_id, ctx->pool), label,
                           label, vendor->id_text };
    mpcms_rows_t *rows;
    apr_status_t rv;

    *owner = NULL;
    rv = mpcms_admin_tx_select(ctx, tx, &rows, MPCMS_SQL_ADMIN_SUBDOMAIN_TAKEN,
                               args);
    if (rv == APR_SUCCESS && rows->count > 0) {
        *owner = mpcms_rows_get(rows, 0, 0);
    }
    return rv;
}

/*
 * Checks the platform, tier and subdomain of a membership inside tx. Sets
 * *platform_id and *tier_id (0: no tier) and adds field errors; returns
 * MPCMS_ECONFLICT when the subdomain or the membership is taken.
 */
static apr_status_t check_membership(
    mpcms_admin_ctx_t *ctx, mpcms_tx_t *tx, const mpcms_admin_ref_t *vendor,
    const apr_table_t *clean, const char *platform, apr_int64_t membership_id,
    apr_int64_t *platform_id, apr_int64_t *tier_id, apr_array_header_t **errors)
{
    const char *tier = mpcms_fields_sql(clean, "tier");
    const char *subdomain = mpcms_fields_sql(clean, "custom_subdomain");
    const char *platform_args[] = { platform };
    const char *owner;
    mpcms_rows_t *rows;
    apr_status_t rv;

    *tier_id = 0;
    rv = mpcms_admin_tx_select(ctx, tx, &rows, MPCMS_SQL_ADMIN_PLATFORM_LOCK,
                               platform_args);
    if (rv != APR_SUCCESS) {
        return rv;
    }
    if (rows->count == 0) {
        mpcms_fields_add_error(errors, "platform", ctx->pool,
                               "no platform with code '%s'", platform);
        return APR_SUCCESS;
    }
    *platform_id = mpcms_rows_int(rows, 0, 0);

    if (tier != NULL) {
        const char *args[] = { mpcms_admin_id_text(*platform_id, ctx->pool),
                               tier };

        rv = mpcms_admin_tx_select(ctx, tx, &rows, MPCMS_SQL_ADMIN_TIER_GET,
                                   args);
        if (rv != APR_SUCCESS) {
            return rv;
        }
        if (rows->count == 0) {
            mpcms_fields_add_error(errors, "tier", ctx->pool,
                                   "platform '%s' has no tier '%s'", platform,
                                   tier);
        }
        else {
            *tier_id = mpcms_rows_int(rows, 0, 0);
        }
    }
    if (subdomain != NULL && in_list(reserved_subdomains, subdomain)) {
        mpcms_fields_add_error(errors, "custom_subdomain", ctx->pool,
                               "the subdomain '%s' is reserved", subdomain);
    }
    if (*errors != NULL) {
        return APR_SUCCESS;
    }

    if (membership_id == 0) {
        rv = read_membership(&rows, ctx, tx, vendor, platform);
        if (rv != APR_SUCCESS) {
            return rv;
        }
        if (rows->count > 0) {
            mpcms_fields_add_error(errors, "platform", ctx->pool,
                                   "vendor '%s' is already on platform '%s'",
                                   vendor->code, platform);
            return MPCMS_ECONFLICT;
        }
    }
    if (subdomain != NULL) {
        rv = label_owner(&owner, ctx, tx, *platform_id, subdomain, vendor);
        if (rv != APR_SUCCESS) {
            return rv;
        }
        if (owner != NULL) {
            mpcms_fields_add_error(errors, "custom_subdomain", ctx->pool,
                                   "the subdomain '%s' on platform '%s' "
                                   "already serves vendor '%s' (its code or "
                                   "custom subdomain)",
                                   subdomain, platform, owner);
            return MPCMS_ECONFLICT;
        }
    }
    if (membership_id == 0) {
        /* The joining vendor's code becomes a label on the platform too. */
        rv = label_owner(&owner, ctx, tx, *platform_id, vendor->code, vendor);
        if (rv != APR_SUCCESS) {
            return rv;
        }
        if (owner != NULL) {
            mpcms_fields_add_error(errors, "platform", ctx->pool,
                                   "vendor '%s' uses '%s' as its custom "
                                   "subdomain on platform '%s', so vendor "
                                   "'%s' cannot join it under that code",
                                   owner, vendor->code, platform, vendor->code);
            return MPCMS_ECONFLICT;
        }
    }
    return APR_SUCCESS;
}

static apr_status_t write_membership(mpcms_admin_write_t *write,
                                     mpcms_admin_ctx_t *ctx,
                                     const mpcms_admin_ref_t *vendor,
                                     const char *platform)
{
    const apr_table_t *base = NULL;
    apr_table_t *clean;
    mpcms_rows_t *rows;
    apr_int64_t membership_id = 0;
    apr_int64_t platform_id = 0;
    apr_int64_t tier_id = 0;
    apr_status_t rv;
    int affected;

    rv = mpcms_admin_write_begin(
        write, ctx, platform ? membership_fields : membership_new_fields);
    if (rv == APR_SUCCESS) {
        rv = lock_vendor(ctx, write->tx, vendor->code);
    }
    if (rv != APR_SUCCESS) {
        return rv;
    }
    if (platform != NULL) {
        rv = read_membership(&rows, ctx, write->tx, vendor, platform);
        if (rv != APR_SUCCESS) {
            return rv;
        }
        if (rows->count == 0) {
            mpcms_tx_rollback(write->tx);
            return membership_not_found(ctx);
        }
        membership_id = mpcms_rows_int(rows, 0, 0);
        write->before = mpcms_record_json(rows, 0, mpcms_membership_columns);
        base =
            mpcms_record_values(rows, 0, mpcms_membership_columns, ctx->pool);
    }

    clean = mpcms_admin_write_validate(write, ctx, base);
    if (write->errors == NULL) {
        rv = check_membership(
            ctx, write->tx, vendor, clean,
            platform ? platform : apr_table_get(clean, "platform"),
            membership_id, &platform_id, &tier_id, &write->errors);
        if (rv != APR_SUCCESS && rv != MPCMS_ECONFLICT) {
            return mpcms_admin_write_fail(write, rv);
        }
    }
    if (write->errors != NULL) {
        return mpcms_admin_write_fail(
            write, rv == MPCMS_ECONFLICT ? rv : MPCMS_EINVALID);
    }

    if (strcmp(apr_table_get(clean, "is_primary"), "1") == 0) {
        const char *args[] = { vendor->id_text,
                               mpcms_admin_id_text(membership_id, ctx->pool) };

        rv = mpcms_admin_tx_execute(ctx, write->tx, &affected,
                                    MPCMS_SQL_ADMIN_MEMBERSHIP_CLEAR_PRIMARY,
                                    args);
    }
    if (rv == APR_SUCCESS && membership_id == 0) {
        const char *args[] = {
            vendor->id_text,
            mpcms_admin_id_text(platform_id, ctx->pool),
            tier_id ? mpcms_admin_id_text(tier_id, ctx->pool) : NULL,
            apr_table_get(clean, "is_active"),
            apr_table_get(clean, "is_primary"),
            mpcms_fields_sql(clean, "custom_subdomain"),
        };

        rv = mpcms_admin_tx_select(ctx, write->tx, &rows,
                                   MPCMS_SQL_ADMIN_MEMBERSHIP_INSERT, args);
    }
    else if (rv == APR_SUCCESS) {
        const char *args[] = {
            tier_id ? mpcms_admin_id_text(tier_id, ctx->pool) : NULL,
            apr_table_get(clean, "is_active"),
            apr_table_get(clean, "is_primary"),
            mpcms_fields_sql(clean, "custom_subdomain"),
            mpcms_admin_id_text(membership_id, ctx->pool),
        };

        rv = mpcms_admin_tx_execute(ctx, write->tx, &affected,
                                    MPCMS_SQL_ADMIN_MEMBERSHIP_UPDATE, args);
    }
    platform = platform ? platform : apr_table_get(clean, "platform");
    if (rv == APR_SUCCESS) {
        rv = read_membership(&rows, ctx, write->tx, vendor, platform);
    }
    if (rv != APR_SUCCESS) {
        return mpcms_admin_write_fail(write, rv);
    }
    write->after = mpcms_record_json(rows, 0, mpcms_membership_columns);
    rv = mpcms_admin_write_commit(
        write, ctx, write->before ? "update" : "create", "membership",
        apr_psprintf(ctx->pool, "%s/%s", vendor->code, platform));
    if (rv == APR_SUCCESS) {
        ctx->result->invalidate_cache = 1;
    }
    return rv;
}

static apr_status_t save_membership(mpcms_admin_ctx_t *ctx,
                                    const char *platform)
{
    const mpcms_admin_form_t *form;
    mpcms_admin_write_t write;
    mpcms_admin_ref_t vendor;
    apr_status_t rv;
    const char *saved;

    if (mpcms_admin_find_vendor(&vendor, ctx) != APR_SUCCESS) {
        return ctx->result->status;
    }
    rv = write_membership(&write, ctx, &vendor, platform);
    saved = write.after
                ? json_string_value(json_object_get(write.after, "platform"))
                : NULL;
    if (membership_form(&form, ctx, vendor.code, platform, 0) != APR_SUCCESS) {
        json_decref(write.after);
        return ctx->result->status;
    }
    return mpcms_admin_saved(
        ctx, rv, form, write.values, write.errors, write.after,
        ctx->is_api
            ? mpcms_admin_url(ctx, "/api/v1/vendors/%s/platforms/%s",
                              vendor.code, saved)
            : mpcms_admin_url(ctx, "/vendors/%s/platforms", vendor.code),
        apr_psprintf(ctx->pool, "Membership of %s on %s saved.", vendor.code,
                     saved),
        platform == NULL);
}

static apr_status_t create_membership(mpcms_admin_ctx_t *ctx)
{
    return save_membership(ctx, NULL);
}

static apr_status_t update_membership(mpcms_admin_ctx_t *ctx)
{
    const char *platform = mpcms_admin_param_code(ctx, 1);

    if (platform == NULL) {
        return membership_not_found(ctx);
    }
    return save_membership(ctx, platform);
}

/* ---- custom domains ---- */

/* Options of a domain's platform: the vendor's memberships. */
static apr_status_t member_platform_options(mpcms_option_t **options,
                                            mpcms_admin_ctx_t *ctx,
                                            const mpcms_admin_ref_t *vendor)
{
    const char *args[] = { vendor->id_text };
    mpcms_rows_t *rows;
    int row;

    if (mpcms_admin_select(&rows, ctx, MPCMS_SQL_ADMIN_MEMBERSHIP_LIST, args)
        != APR_SUCCESS) {
        return ctx->result->status;
    }
    *options = apr_pcalloc(ctx->pool, sizeof(**options) * (rows->count + 1));
    for (row = 0; row < rows->count; row++) {
        (*options)[row].value = mpcms_rows_get(rows, row, 2);
        (*options)[row].label = mpcms_rows_get(rows, row, 2);
    }
    return APR_SUCCESS;
}

static apr_status_t domain_form(const mpcms_admin_form_t **form,
                                mpcms_admin_ctx_t *ctx,
                                const mpcms_admin_ref_t *vendor)
{
    mpcms_admin_form_t *new_form = apr_pcalloc(ctx->pool, sizeof(*new_form));
    mpcms_option_t *platforms = NULL;

    if (member_platform_options(&platforms, ctx, vendor) != APR_SUCCESS) {
        return ctx->result->status;
    }
    new_form->options = apr_hash_make(ctx->pool);
    apr_hash_set(new_form->options, "platform", APR_HASH_KEY_STRING, platforms);
    new_form->fields = domain_fields;
    new_form->title =
        apr_psprintf(ctx->pool, "New custom domain of %s", vendor->code);
    new_form->action =
        mpcms_admin_url(ctx, "/vendors/%s/domains", vendor->code);
    new_form->submit = "Add domain";
    new_form->cancel =
        mpcms_admin_url(ctx, "/vendors/%s/domains", vendor->code);
    *form = new_form;
    return APR_SUCCESS;
}

static apr_status_t list_domains(mpcms_admin_ctx_t *ctx)
{
    mpcms_admin_ref_t vendor;
    const char *args[] = { NULL };
    mpcms_view_t *view;
    mpcms_rows_t *rows;
    int row;

    if (mpcms_admin_find_vendor(&vendor, ctx) != APR_SUCCESS) {
        return ctx->result->status;
    }
    args[0] = vendor.id_text;
    if (mpcms_admin_select(&rows, ctx, MPCMS_SQL_ADMIN_DOMAIN_LIST, args)
        != APR_SUCCESS) {
        return ctx->result->status;
    }
    if (ctx->is_api) {
        return mpcms_admin_respond_list(ctx, rows, mpcms_domain_columns, 0, 0);
    }
    view = mpcms_admin_view(ctx);
    mpcms_admin_add_action(
        view, mpcms_admin_url(ctx, "/vendors/%s/domains/new", vendor.code),
        "Add a domain");
    mpcms_admin_add_action(view,
                           mpcms_admin_url(ctx, "/vendors/%s", vendor.code),
                           "Vendor details");
    mpcms_admin_add_column(view, "Domain");
    mpcms_admin_add_column(view, "Platform");
    mpcms_admin_add_column(view, "Verified");
    mpcms_admin_add_column(view, "Active");
    mpcms_admin_add_column(view, "Primary");
    for (row = 0; row < rows->count; row++) {
        const char *href =
            mpcms_admin_url(ctx, "/vendors/%s/domains/%s", vendor.code,
                            mpcms_rows_get(rows, row, 0));
        mpcms_view_t *line = mpcms_admin_add_row(view);

        mpcms_admin_add_cell(line, mpcms_rows_get(rows, row, 1), NULL);
        mpcms_admin_add_cell(line, mpcms_rows_get(rows, row, 3), NULL);
        mpcms_admin_add_cell(line, mpcms_admin_yes_no(rows, row, 4), NULL);
        mpcms_admin_add_cell(line, mpcms_admin_yes_no(rows, row, 5), NULL);
        mpcms_admin_add_cell(line, mpcms_admin_yes_no(rows, row, 6), NULL);
        if (!mpcms_rows_bool(rows, row, 4)) {
            mpcms_admin_add_row_button(
                line, apr_pstrcat(ctx->pool, href, "/verify", NULL),
                "Mark verified");
        }
        mpcms_admin_add_row_button(
            line,
            apr_pstrcat(ctx->pool, href,
                        mpcms_rows_bool(rows, row, 5) ? "/deactivate"
                                                      : "/activate",
                        NULL),
            mpcms_rows_bool(rows, row, 5) ? "Deactivate" : "Activate");
    }
    mpcms_view_set(view, "empty", "The vendor has no custom domain.");
    return mpcms_admin_render(
        ctx, MPCMS_ADMIN_LIST, view,
        apr_psprintf(ctx->pool, "Custom domains of %s", vendor.code));
}

static apr_status_t new_domain(mpcms_admin_ctx_t *ctx)
{
    const mpcms_admin_form_t *form;
    mpcms_admin_ref_t vendor;

    if (mpcms_admin_find_vendor(&vendor, ctx) != APR_SUCCESS
        || domain_form(&form, ctx, &vendor) != APR_SUCCESS) {
        return ctx->result->status;
    }
    return mpcms_admin_render_form(
        ctx, form, mpcms_fields_defaults(domain_fields, ctx->pool), NULL);
}

static apr_status_t read_domain(mpcms_rows_t **rows, mpcms_admin_ctx_t *ctx,
                                mpcms_tx_t *tx, const mpcms_admin_ref_t *vendor,
                                apr_int64_t id)
{
    const char *args[] = { mpcms_admin_id_text(id, ctx->pool),
                           vendor->id_text };

    return mpcms_admin_tx_select(ctx, tx, rows, MPCMS_SQL_ADMIN_DOMAIN_GET,
                                 args);
}

/* Checks a new domain inside tx; adds field errors, or a conflict. */
static apr_status_t check_domain(mpcms_admin_ctx_t *ctx, mpcms_tx_t *tx,
                                 const mpcms_admin_ref_t *vendor,
                                 const apr_table_t *clean,
                                 apr_int64_t *platform_id,
                                 apr_array_header_t **errors)
{
    const char *domain = apr_table_get(clean, "domain");
    const char *platform = apr_table_get(clean, "platform");
    const char *member_args[] = { vendor->id_text, platform };
    const char *domain_args[] = { domain, domain, domain };
    mpcms_rows_t *rows;
    apr_status_t rv;

    rv = mpcms_admin_tx_select(ctx, tx, &rows, MPCMS_SQL_ADMIN_MEMBERSHIP_GET,
                               member_args);
    if (rv != APR_SUCCESS) {
        return rv;
    }
    if (rows->count == 0) {
        mpcms_fields_add_error(errors, "platform", ctx->pool,
                               "vendor '%s' is not on platform '%s'; add the "
                               "membership first",
                               vendor->code, platform);
        return APR_SUCCESS;
    }
    *platform_id = mpcms_rows_int(rows, 0, 8);

    rv = mpcms_admin_tx_select(ctx, tx, &rows,
                               MPCMS_SQL_ADMIN_DOMAIN_WRITE_LOCK, NULL);
    if (rv != APR_SUCCESS) {
        return rv;
    }
    rv = mpcms_admin_tx_select(ctx, tx, &rows, MPCMS_SQL_ADMIN_DOMAIN_PLATFORM,
                               domain_args);
    if (rv != APR_SUCCESS) {
        return rv;
    }
    if (rows->count > 0) {
        mpcms_fields_add_error(errors, "domain", ctx->pool,
                               "the domain '%s' conflicts with the domain "
                               "'%s' of platform '%s': a custom domain may "
                               "not equal a platform's domain or lie above "
                               "or below it",
                               domain, mpcms_rows_get(rows, 0, 1),
                               mpcms_rows_get(rows, 0, 0));
        return MPCMS_ECONFLICT;
    }

    rv = mpcms_admin_tx_select(ctx, tx, &rows, MPCMS_SQL_ADMIN_DOMAIN_TAKEN,
                               domain_args);
    if (rv != APR_SUCCESS) {
        return rv;
    }
    if (rows->count > 0) {
        mpcms_fields_add_error(errors, "domain", ctx->pool,
                               "the domain '%s' already belongs to vendor "
                               "'%s'",
                               domain, mpcms_rows_get(rows, 0, 0));
        return MPCMS_ECONFLICT;
    }
    return APR_SUCCESS;
}

static apr_status_t write_domain(mpcms_admin_write_t *write,
                                 mpcms_admin_ctx_t *ctx,
                                 const mpcms_admin_ref_t *vendor)
{
    apr_table_t *clean;
    mpcms_rows_t *rows;
    apr_int64_t platform_id = 0;
    apr_status_t rv;

    rv = mpcms_admin_write_begin(write, ctx, domain_fields);
    if (rv == APR_SUCCESS) {
        rv = lock_vendor(ctx, write->tx, vendor->code);
    }
    if (rv != APR_SUCCESS) {
        return rv;
    }

    clean = mpcms_admin_write_validate(write, ctx, NULL);
    if (write->errors == NULL) {
        rv = check_domain(ctx, write->tx, vendor, clean, &platform_id,
                          &write->errors);
        if (rv != APR_SUCCESS && rv != MPCMS_ECONFLICT) {
            return rv;
        }
    }
    if (write->errors != NULL) {
        return mpcms_admin_write_fail(
            write, rv == MPCMS_ECONFLICT ? rv : MPCMS_EINVALID);
    }

    {
        const char *args[] = { apr_table_get(clean, "domain"), vendor->id_text,
                               mpcms_admin_id_text(platform_id, ctx->pool),
                               apr_table_get(clean, "is_primary") };

        rv = mpcms_admin_tx_select(ctx, write->tx, &rows,
                                   MPCMS_SQL_ADMIN_DOMAIN_INSERT, args);
    }
    if (rv == APR_SUCCESS) {
        rv = read_domain(&rows, ctx, write->tx, vendor,
                         mpcms_rows_int(rows, 0, 0));
    }
    if (rv != APR_SUCCESS) {
        return rv;
    }
    write->after = mpcms_record_json(rows, 0, mpcms_domain_columns);
    rv = mpcms_admin_write_commit(write, ctx, "create", "domain",
                                  apr_table_get(clean, "domain"));
    if (rv == APR_SUCCESS) {
        ctx->result->invalidate_cache = 1;
    }
    return rv;
}

static apr_status_t create_domain(mpcms_admin_ctx_t *ctx)
{
    const mpcms_admin_form_t *form;
    mpcms_admin_write_t write;
    mpcms_admin_ref_t vendor;
    apr_status_t rv;

    if (mpcms_admin_find_vendor(&vendor, ctx) != APR_SUCCESS) {
        return ctx->result->status;
    }
    rv = write_domain(&write, ctx, &vendor);
    if (domain_form(&form, ctx, &vendor) != APR_SUCCESS) {
        json_decref(write.after);
        return ctx->result->status;
    }
    return mpcms_admin_saved(
        ctx, rv, form, write.values, write.errors, write.after,
        ctx->is_api
            ? mpcms_admin_url(ctx, "/api/v1/vendors/%s/domains", vendor.code)
            : mpcms_admin_url(ctx, "/vendors/%s/domains", vendor.code),
        apr_psprintf(ctx->pool,
                     "Domain %s added; mark it verified to serve "
                     "it.",
                     apr_table_get(write.values, "domain")),
        1);
}

/* Marks a domain verified, or turns it off or on again. */
static apr_status_t change_domain(mpcms_admin_ctx_t *ctx, const char *action)
{
    apr_int64_t id = mpcms_admin_param_id(ctx, 1);
    mpcms_admin_ref_t vendor;
    json_t *before;
    json_t *after;
    mpcms_rows_t *rows;
    mpcms_tx_t *tx = NULL;
    apr_status_t rv;
    int affected;

    if (mpcms_admin_find_vendor(&vendor, ctx) != APR_SUCCESS) {
        return ctx->result->status;
    }
    if (id == 0 || mpcms_admin_begin(ctx, &tx) != APR_SUCCESS
        || lock_vendor(ctx, tx, vendor.code) != APR_SUCCESS
        || read_domain(&rows, ctx, tx, &vendor, id) != APR_SUCCESS
        || rows->count == 0) {
        if (ctx->result->status != APR_SUCCESS) {
            return ctx->result->status;
        }
        mpcms_tx_rollback(tx);
        return mpcms_admin_fail_with(ctx, MPCMS_ENOTFOUND, NULL,
                                     "vendor '%s' has no domain %s",
                                     vendor.code, ctx->params[1]);
    }
    before = mpcms_record_json(rows, 0, mpcms_domain_columns);
    if (strcmp(action, "verify") == 0) {
        const char *args[] = { mpcms_timestamp_format(ctx->request->now,
                                                      ctx->pool),
                               mpcms_admin_id_text(id, ctx->pool) };

        rv = mpcms_admin_tx_execute(ctx, tx, &affected,
                                    MPCMS_SQL_ADMIN_DOMAIN_VERIFY, args);
    }
    else {
        const char *args[] = { strcmp(action, "activate") == 0 ? "1" : "0",
                               mpcms_admin_id_text(id, ctx->pool) };

        rv = mpcms_admin_tx_execute(ctx, tx, &affected,
                                    MPCMS_SQL_ADMIN_DOMAIN_SET_ACTIVE, args);
    }
    if (rv == APR_SUCCESS) {
        rv = read_domain(&rows, ctx, tx, &vendor, id);
    }
    if (rv != APR_SUCCESS) {
        json_decref(before);
        return rv;
    }
    after = mpcms_record_json(rows, 0, mpcms_domain_columns);
    rv = mpcms_admin_commit_change(ctx, tx, action, "domain",
                                   mpcms_rows_get(rows, 0, 1), before, after);
    json_decref(before);
    if (rv != APR_SUCCESS) {
        json_decref(after);
        return rv;
    }
    ctx->result->invalidate_cache = 1;
    if (ctx->is_api) {
        return mpcms_admin_json(ctx, after);
    }
    json_decref(after);
    return mpcms_admin_redirect(
        ctx, mpcms_admin_url(ctx, "/vendors/%s/domains", vendor.code),
        apr_psprintf(ctx->pool, "Domain %s %s.", mpcms_rows_get(rows, 0, 1),
                     strcmp(action, "verify") == 0     ? "marked verified"
                     : strcmp(action, "activate") == 0 ? "activated"
                                                       : "deactivated"));
}

static apr_status_t verify_domain(mpcms_admin_ctx_t *ctx)
{
    return change_domain(ctx, "verify");
}

static apr_status_t deactivate_domain(mpcms_admin_ctx_t *ctx)
{
    return change_domain(ctx, "deactivate");
}

static apr_status_t activate_domain(mpcms_admin_ctx_t *ctx)
{
    return change_domain(ctx, "activate");
}

const mpcms_admin_route_t mpcms_admin_vendor_routes[] = {
    { 0, "GET", "/vendors", list_vendors },
    { 0, "GET", "/vendors/new", new_vendor },
    { 0, "POST", "/vendors", create_vendor },
    { 0, "GET", "/vendors/*", show_vendor },
    { 0, "POST", "/vendors/*", update_vendor },
    { 0, "GET", "/vendors/*/platforms", list_memberships },
    { 0, "GET", "/vendors/*/platforms/new", new_membership },
    { 0, "POST", "/vendors/*/platforms", create_membership },
    { 0, "GET", "/vendors/*/platforms/*", show_membership },
    { 0, "POST", "/vendors/*/platforms/*", update_membership },
    { 0, "GET", "/vendors/*/domains", list_domains },
    { 0, "GET", "/vendors/*/domains/new", new_domain },
    { 0, "POST", "/vendors/*/domains", create_domain },
    { 0, "POST", "/vendors/*/domains/*/verify", verify_domain },
    { 0, "POST", "/vendors/*/domains/*/deactivate", deactivate_domain },
    { 0, "POST", "/vendors/*/domains/*/activate", activate_domain },
    { 1, "GET", "/vendors", list_vendors },
    { 1, "POST", "/vendors", create_vendor },
    { 1, "GET", "/vendors/*", show_vendor },
    { 1, "PATCH", "/vendors/*", update_vendor },
    { 1, "GET", "/vendors/*/platforms", list_memberships },
    { 1, "POST", "/vendors/*/platforms", create_membership },
    { 1, "GET", "/vendors/*/platforms/*", show_membership },
    { 1, "PATCH", "/vendors/*/platforms/*", update_membership },
    { 1, "GET", "/vendors/*/domains", list_domains },
    { 1, "POST", "/vendors/*/domains", create_domain },
    { 1, "POST", "/vendors/*/domains/*/verify", verify_domain },
    { 1, "POST", "/vendors/*/domains/*/deactivate", deactivate_domain },
    { 1, "POST", "/vendors/*/domains/*/activate", activate_domain },
    { 0, NULL, NULL, NULL },
};
