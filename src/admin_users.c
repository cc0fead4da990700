/*
 * Users of the admin area and the vendor dashboards, and the API tokens
 * of super admins. A password is set by an admin and checked only at
 * login; resetting it or disabling the user ends the user's sessions.
 */
#include <apr_strings.h>
#include <string.h>

#include "admin_app.h"
#include "auth.h"
#include "form.h"
#include "record.h"
#include "timestamp.h"

/* Characters of a token kept in the list, to tell tokens apart. */
#define TOKEN_PREFIX_LENGTH 12

/* API tokens start with this, so that they are easy to recognize. */
#define TOKEN_MARK "mpcms_"

static const mpcms_option_t role_options[] = {
    { MPCMS_ROLE_SUPER_ADMIN, "Super admin (this admin area)" },
    { MPCMS_ROLE_VENDOR_USER, "Vendor user (vendor dashboards)" },
    { NULL, NULL },
};

#define USER_FIELD_EMAIL                                                       \
    {                                                                          \
        "email", "E-mail address", MPCMS_INPUT_EMAIL, MPCMS_CHECK_EMAIL,       \
            MPCMS_FIELD_REQUIRED, 254, 0, 0, NULL, NULL, "The login name."     \
    }
#define USER_FIELD_ROLE                                                        \
    {                                                                          \
        "role", "Role", MPCMS_INPUT_SELECT, MPCMS_CHECK_NONE,                  \
            MPCMS_FIELD_REQUIRED, 20, 0, 0, role_options,                      \
            MPCMS_ROLE_VENDOR_USER, NULL                                       \
    }
#define USER_FIELD_PASSWORD                                                    \
    {                                                                          \
        "password", "Password", MPCMS_INPUT_PASSWORD, MPCMS_CHECK_PASSWORD,    \
            MPCMS_FIELD_REQUIRED, 0, 0, 0, NULL, NULL,                         \
            "At least 12 characters and at most 72 bytes."                     \
    }
#define USER_FIELD_ACTIVE                                                      \
    {                                                                          \
        "is_active", "Active (may log in)", MPCMS_INPUT_CHECKBOX,              \
            MPCMS_CHECK_NONE, 0, 0, 0, 0, NULL, "1", NULL                      \
    }
#define USER_FIELD_VENDORS                                                     \
    {                                                                          \
        "vendors", "Vendors this user manages", MPCMS_INPUT_CHOICES,           \
            MPCMS_CHECK_NONE, 0, 0, 0, 0, NULL, NULL,                          \
            "Only vendor users use these links."                               \
    }
#define FIELDS_END                                                             \
    {                                                                          \
        NULL, NULL, 0, 0, 0, 0, 0, 0, NULL, NULL, NULL                         \
    }

static const mpcms_field_t user_new_fields[] = {
    USER_FIELD_EMAIL,  USER_FIELD_ROLE,    USER_FIELD_PASSWORD,
    USER_FIELD_ACTIVE, USER_FIELD_VENDORS, FIELDS_END,
};

static const mpcms_field_t user_fields[] = {
    USER_FIELD_EMAIL,   USER_FIELD_ROLE, USER_FIELD_ACTIVE,
    USER_FIELD_VENDORS, FIELDS_END,
};

static const mpcms_field_t password_fields[] = {
    USER_FIELD_PASSWORD,
    FIELDS_END,
};

static const mpcms_field_t token_fields[] = {
    { "name", "Name", MPCMS_INPUT_TEXT, MPCMS_CHECK_NONE, MPCMS_FIELD_REQUIRED,
      100, 0, 0, NULL, NULL,
      "What the token is for, such as \"deploy script\"." },
    FIELDS_END,
};

/* ---- users ---- */

static apr_status_t vendor_options(mpcms_option_t **options,
                                   mpcms_admin_ctx_t *ctx)
{
    mpcms_rows_t *rows;

    if (mpcms_admin_select(&rows, ctx, MPCMS_SQL_ADMIN_VENDOR_OPTIONS, NULL)
        != APR_SUCCESS) {
        return ctx->result->status;
    }
    *options = mpcms_admin_options(rows, 0, ctx->pool);
    return APR_SUCCESS;
}

static apr_status_t user_form(const mpcms_admin_form_t **form,
                              mpcms_admin_ctx_t *ctx, apr_int64_t id)
{
    mpcms_admin_form_t *new_form;
    mpcms_option_t *vendors = NULL;

    if (vendor_options(&vendors, ctx) != APR_SUCCESS) {
        return ctx->result->status;
    }
    new_form = mpcms_admin_record_form(
        ctx, id == 0 ? user_new_fields : user_fields, "/users", "user",
        id == 0 ? NULL : mpcms_admin_id_text(id, ctx->pool));
    new_form->options = apr_hash_make(ctx->pool);
    apr_hash_set(new_form->options, "vendors", APR_HASH_KEY_STRING, vendors);
    *form = new_form;
    return APR_SUCCESS;
}

static apr_status_t list_users(mpcms_admin_ctx_t *ctx)
{
    mpcms_view_t *view;
    mpcms_rows_t *rows;
    long total;
    int page;
    int row;

    if (mpcms_admin_select_page(&rows, &total, &page, ctx, MPCMS_SQL_USER_COUNT,
                                MPCMS_SQL_USER_LIST, NULL, 0)
        != APR_SUCCESS) {
        return ctx->result->status;
    }
    if (ctx->is_api) {
        return mpcms_admin_respond_list(ctx, rows, mpcms_user_columns, page,
                                        total);
    }

    view = mpcms_admin_view(ctx);
    mpcms_admin_add_action(view, mpcms_admin_url(ctx, "/users/new"),
                           "New user");
    mpcms_admin_add_column(view, "E-mail");
    mpcms_admin_add_column(view, "Role");
    mpcms_admin_add_column(view, "Active");
    mpcms_admin_add_column(view, "Last login");
    for (row = 0; row < rows->count; row++) {
        const char *id = mpcms_rows_get(rows, row, 0);
        const char *href = mpcms_admin_url(ctx, "/users/%s", id);
        int active = mpcms_rows_bool(rows, row, 3);
        mpcms_view_t *line = mpcms_admin_add_row(view);

        mpcms_admin_add_cell(line, mpcms_rows_get(rows, row, 1), href);
        mpcms_admin_add_cell(line, mpcms_rows_get(rows, row, 2), NULL);
        mpcms_admin_add_cell(line, active ? "yes" : "no", NULL);
        mpcms_admin_add_cell(
            line,
            mpcms_timestamp_normalize(mpcms_rows_get(rows, row, 6), ctx->pool),
            NULL);
        mpcms_admin_add_row_link(line, href, "Edit");
        mpcms_admin_add_row_link(
            line, apr_pstrcat(ctx->pool, href, "/password", NULL),
            "Reset password");
        mpcms_admin_add_row_button(
            line,
            apr_pstrcat(ctx->pool, href, active ? "/disable" : "/enable", NULL),
            active ? "Disable" : "Enable");
    }
    mpcms_view_set(view, "empty", "No user yet.");
    mpcms_admin_pager(ctx, view, page, total, mpcms_admin_url(ctx, "/users"));
    return mpcms_admin_render(ctx, MPCMS_ADMIN_LIST, view, "Users");
}

static apr_status_t new_user(mpcms_admin_ctx_t *ctx)
{
    const mpcms_admin_form_t *form;

    if (user_form(&form, ctx, 0) != APR_SUCCESS) {
        return ctx->result->status;
    }
    return mpcms_admin_render_form(
        ctx, form, mpcms_fields_defaults(user_new_fields, ctx->pool), NULL);
}

/* Reads a user as JSON and as form values (vendor codes repeated). */
static apr_status_t read_user(json_t **record, apr_table_t **values,
                              mpcms_admin_ctx_t *ctx, mpcms_db_t *db,
                              apr_int64_t id)
{
    mpcms_error_t *error = NULL;
    json_t *vendors;
    size_t index;
    json_t *code;
    apr_status_t rv;

    rv = mpcms_account_user_json(record, db, id, &error, ctx->pool);
    if (rv != APR_SUCCESS) {
        return mpcms_admin_fail_error(ctx, rv, error);
    }
    if (*record == NULL || values == NULL) {
        return APR_SUCCESS;
    }
    *values = apr_table_make(ctx->pool, 8);
    apr_table_setn(*values, "email",
                   apr_pstrdup(ctx->pool, json_string_value(json_object_get(
                                              *record, "email"))));
    apr_table_setn(*values, "role",
                   apr_pstrdup(ctx->pool, json_string_value(json_object_get(
                                              *record, "role"))));
    apr_table_setn(*values, "is_active",
                   json_is_true(json_object_get(*record, "is_active")) ? "1"
                                                                       : "0");
    vendors = json_object_get(*record, "vendors");
    json_array_foreach(vendors, index, code)
    {
        apr_table_addn(*values, "vendors",
                       apr_pstrdup(ctx->pool, json_string_value(code)));
    }
    return APR_SUCCESS;
}

static apr_status_t request_db(mpcms_db_t **db, mpcms_admin_ctx_t *ctx)
{
    mpcms_error_t *error = NULL;
    apr_status_t rv = mpcms_store_db(db, ctx->store, &error);

    return rv == APR_SUCCESS ? rv : mpcms_admin_fail_error(ctx, rv, error);
}

static apr_status_t user_not_found(mpcms_admin_ctx_t *ctx)
{
    return mpcms_admin_fail_with(ctx, MPCMS_ENOTFOUND, NULL, "no user %s",
                                 ctx->params[0]);
}

/*
 * Reads user id inside tx, as read_user does, before changing it. Rolls
 * tx back when that fails or the user does not exist (404).
 */
static apr_status_t read_user_in(json_t **record, apr_table_t **values,
                                 mpcms_admin_ctx_t *ctx, mpcms_tx_t *tx,
                                 apr_int64_t id)
{
    if (read_user(record, values, ctx, mpcms_tx_db(tx), id) != APR_SUCCESS) {
        mpcms_tx_rollback(tx);
        return ctx->result->status;
    }
    if (*record == NULL) {
        mpcms_tx_rollback(tx);
        return user_not_found(ctx);
    }
    return APR_SUCCESS;
}

static apr_status_t show_user(mpcms_admin_ctx_t *ctx)
{
    apr_int64_t id = mpcms_admin_param_id(ctx, 0);
    const mpcms_admin_form_t *form;
    apr_table_t *values = NULL;
    json_t *record = NULL;
    mpcms_db_t *db;

    if (id == 0) {
        return user_not_found(ctx);
    }
    if (request_db(&db, ctx) != APR_SUCCESS
        || read_user(&record, &values, ctx, db, id) != APR_SUCCESS) {
        return ctx->result->status;
    }
    if (record == NULL) {
        return user_not_found(ctx);
    }
    if (ctx->is_api) {
        return mpcms_admin_json(ctx, record);
    }
    json_decref(record);
    if (user_form(&form, ctx, id) != APR_SUCCESS) {
        return ctx->result->status;
    }
    return mpcms_admin_render_form(ctx, form, values, NULL);
}

static apr_status_t create_user(mpcms_admin_ctx_t *ctx)
{
    const mpcms_admin_form_t *form;
    apr_array_header_t *body_errors = NULL;
    apr_array_header_t *errors = NULL;
    apr_table_t *values;
    apr_table_t *input;
    apr_table_t *clean;
    mpcms_error_t *error = NULL;
    json_t *after = NULL;
    apr_int64_t id = 0;
    apr_status_t rv;
    mpcms_db_t *db;

    if (user_form(&form, ctx, 0) != APR_SUCCESS) {
        return ctx->result->status;
    }
    values = mpcms_fields_defaults(user_new_fields, ctx->pool);
    rv = mpcms_admin_input(ctx, user_new_fields, &input, &body_errors);
    if (rv == APR_SUCCESS || rv == MPCMS_EINVALID) {
        values = mpcms_fields_merge(user_new_fields, values, input, ctx->pool);
        mpcms_fields_validate(&clean, &errors, user_new_fields, values,
                              ctx->pool);
        errors = mpcms_fields_join_errors(body_errors, errors, ctx->pool);
        rv = errors != NULL ? MPCMS_EINVALID : APR_SUCCESS;
    }
    if (rv == APR_SUCCESS) {
        rv = mpcms_account_create_user(
            &id, ctx->store, &ctx->actor, apr_table_get(clean, "email"),
            apr_table_get(clean, "password"), apr_table_get(clean, "role"),
            strcmp(apr_table_get(clean, "is_active"), "1") == 0,
            mpcms_form_get_all(clean, "vendors", ctx->pool), MPCMS_BCRYPT_COST,
            &error, ctx->pool);
        if (rv != APR_SUCCESS) {
            mpcms_admin_fail_error(ctx, rv, error);
            if (error != NULL && error->source != NULL) {
                mpcms_fields_add_error(&errors, error->source, ctx->pool, "%s",
                                       error->message);
            }
        }
    }
    if (rv == APR_SUCCESS && request_db(&db, ctx) == APR_SUCCESS) {
        rv = read_user(&after, NULL, ctx, db, id);
    }
    return mpcms_admin_saved(ctx, rv, form, values, errors, after,
                             ctx->is_api ? mpcms_admin_url(
                                 ctx, "/api/v1/users/%" APR_INT64_T_FMT, id)
                                         : mpcms_admin_url(ctx, "/users"),
                             apr_psprintf(ctx->pool, "User %s created.",
                                          apr_table_get(values, "email")),
                             1);
}

/* Ends every session of a user and, when revoke_tokens, its API tokens. */
static apr_status_t end_sessions(mpcms_admin_ctx_t *ctx, mpcms_tx_t *tx,
                                 apr_int64_t id, int revoke_tokens)
{
    const char *id_text = mpcms_admin_id_text(id, ctx->pool);
    const char *session_args[] = { id_text };
    const char *token_args[] = {
        mpcms_timestamp_format(ctx->request->now, ctx->pool), id_text
    };
    apr_status_t rv;
    int affected;

    rv = mpcms_admin_tx_execute(ctx, tx, &affected,
                                MPCMS_SQL_SESSION_DELETE_USER, session_args);
    if (rv == APR_SUCCESS && revoke_tokens) {
        rv = mpcms_admin_tx_execute(ctx, tx, &affected,
                                    MPCMS_SQL_TOKENS_REVOKE_USER, token_args);
    }
    return rv;
}

static apr_status_t write_user(mpcms_admin_write_t *write,
                               mpcms_admin_ctx_t *ctx, apr_int64_t id)
{
    apr_table_t *base = NULL;
    apr_table_t *clean;
    mpcms_error_t *error = NULL;
    mpcms_rows_t *rows;
    apr_status_t rv;
    int affected;
    int is_self = ctx->user != NULL && ctx->user->id == id;

    rv = mpcms_admin_write_begin(write, ctx, user_fields);
    if (rv == APR_SUCCESS) {
        rv = read_user_in(&write->before, &base, ctx, write->tx, id);
    }
    if (rv != APR_SUCCESS) {
        return rv;
    }

    clean = mpcms_admin_write_validate(write, ctx, base);
    if (write->errors == NULL && is_self
        && (strcmp(apr_table_get(clean, "is_active"), "1") != 0
            || strcmp(apr_table_get(clean, "role"), MPCMS_ROLE_SUPER_ADMIN)
                   != 0)) {
        mpcms_fields_add_error(&write->errors, "role", ctx->pool,
                               "you cannot disable your own account or take "
                               "away your own super admin role; ask another "
                               "super admin");
        return mpcms_admin_write_fail(write, MPCMS_ECONFLICT);
    }
    if (write->errors != NULL) {
        return mpcms_admin_write_fail(write, MPCMS_EINVALID);
    }
    {
        const char *args[] = { apr_table_get(clean, "email"),
                               mpcms_admin_id_text(id, ctx->pool) };

        rv = mpcms_admin_tx_select(ctx, write->tx, &rows,
                                   MPCMS_SQL_USER_EMAIL_TAKEN, args);
        if (rv != APR_SUCCESS) {
            return mpcms_admin_write_fail(write, rv);
        }
        if (rows->count > 0) {
            mpcms_fields_add_error(&write->errors, "email", ctx->pool,
                                   "a user with e-mail address '%s' already "
                                   "exists",
                                   apr_table_get(clean, "email"));
            return mpcms_admin_write_fail(write, MPCMS_ECONFLICT);
        }
    }

    {
        const char *args[] = { apr_table_get(clean, "email"),
                               apr_table_get(clean, "role"),
                               apr_table_get(clean, "is_active"),
                               mpcms_admin_id_text(id, ctx->pool) };

        rv = mpcms_admin_tx_execute(ctx, write->tx, &affected,
                                    MPCMS_SQL_USER_UPDATE, args);
    }
    if (rv == APR_SUCCESS) {
        rv = mpcms_account_link_vendors(
            mpcms_tx_db(write->tx), id,
            mpcms_form_get_all(clean, "vendors", ctx->pool), &error, ctx->pool);
        if (rv != APR_SUCCESS) {
            mpcms_fields_add_error(&write->errors, "vendors", ctx->pool, "%s",
                                   error->message);
            return mpcms_admin_write_fail(
                write, mpcms_admin_abort(ctx, write->tx, rv, error));
        }
    }
    if (rv == APR_SUCCESS
        && strcmp(apr_table_get(clean, "is_active"), "1") != 0) {
        rv = end_sessions(ctx, write->tx, id, 1);
    }
    if (rv == APR_SUCCESS) {
        rv = read_user(&write->after, NULL, ctx, mpcms_tx_db(write->tx), id);
    }
    if (rv != APR_SUCCESS) {
        return mpcms_admin_write_fail(write, rv);
    }
    return mpcms_admin_write_commit(write, ctx, "update", "user",
                                    apr_table_get(clean, "email"));
}

static apr_status_t update_user(mpcms_admin_ctx_t *ctx)
{
    apr_int64_t id = mpcms_admin_param_id(ctx, 0);
    const mpcms_admin_form_t *form;
    mpcms_admin_write_t write;
    apr_status_t rv;

    if (id == 0) {
        return user_not_found(ctx);
    }
    rv = write_user(&write, ctx, id);
    if (user_form(&form, ctx, id) != APR_SUCCESS) {
        json_decref(write.after);
        return ctx->result->status;
    }
    return mpcms_admin_saved(ctx, rv, form, write.values, write.errors,
                             write.after, mpcms_admin_url(ctx, "/users"),
                             apr_psprintf(ctx->pool, "User %s saved.",
                                          apr_table_get(write.values, "email")),
                             0);
}

static const mpcms_admin_form_t *password_form(mpcms_admin_ctx_t *ctx,
                                               apr_int64_t id)
{
    mpcms_admin_form_t *form = apr_pcalloc(ctx->pool, sizeof(*form));

    form->fields = password_fields;
    form->title =
        apr_psprintf(ctx->pool, "New password for user %" APR_INT64_T_FMT, id);
    form->action =
        mpcms_admin_url(ctx, "/users/%" APR_INT64_T_FMT "/password", id);
    form->submit = "Set password";
    form->cancel = mpcms_admin_url(ctx, "/users");
    return form;
}

static apr_status_t show_password_form(mpcms_admin_ctx_t *ctx)
{
    apr_int64_t id = mpcms_admin_param_id(ctx, 0);
    json_t *record = NULL;
    mpcms_db_t *db;

    if (id == 0) {
        return user_not_found(ctx);
    }
    if (request_db(&db, ctx) != APR_SUCCESS
        || read_user(&record, NULL, ctx, db, id) != APR_SUCCESS) {
        return ctx->result->status;
    }
    if (record == NULL) {
        return user_not_found(ctx);
    }
    json_decref(record);
    return mpcms_admin_render_form(ctx, password_form(ctx, id),
                                   apr_table_make(ctx->pool, 1), NULL);
}

static apr_status_t reset_password(mpcms_admin_ctx_t *ctx)
{
    apr_int64_t id = mpcms_admin_param_id(ctx, 0);
    apr_array_header_t *body_errors = NULL;
    apr_array_header_t *errors = NULL;
    apr_table_t *input = NULL;
    apr_table_t *clean;
    mpcms_error_t *error = NULL;
    json_t *before = NULL;
    json_t *after = NULL;
    const char *hash;
    mpcms_tx_t *tx;
    apr_status_t rv;
    int affected;

    if (id == 0) {
        return user_not_found(ctx);
    }
    rv = mpcms_admin_input(ctx, password_fields, &input, &body_errors);
    if (rv == APR_SUCCESS || rv == MPCMS_EINVALID) {
        mpcms_fields_validate(&clean, &errors, password_fields, input,
                              ctx->pool);
        errors = mpcms_fields_join_errors(body_errors, errors, ctx->pool);
        rv = errors != NULL ? MPCMS_EINVALID : APR_SUCCESS;
    }
    if (rv == APR_SUCCESS) {
        rv = mpcms_auth_password_hash(&hash, apr_table_get(clean, "password"),
                                      MPCMS_BCRYPT_COST, &error, ctx->pool);
        if (rv != APR_SUCCESS) {
            return mpcms_admin_fail_error(ctx, rv, error);
        }
        if (mpcms_admin_begin(ctx, &tx) != APR_SUCCESS
            || read_user_in(&before, NULL, ctx, tx, id) != APR_SUCCESS) {
            return ctx->result->status;
        }
        {
            const char *args[] = { hash, mpcms_admin_id_text(id, ctx->pool) };

            rv = mpcms_admin_tx_execute(ctx, tx, &affected,
                                        MPCMS_SQL_USER_SET_PASSWORD, args);
        }
        if (rv == APR_SUCCESS) {
            rv = end_sessions(ctx, tx, id, 0);
        }
        if (rv == APR_SUCCESS
            && read_user(&after, NULL, ctx, mpcms_tx_db(tx), id)
                   != APR_SUCCESS) {
            mpcms_tx_rollback(tx);
            rv = ctx->result->status;
        }
        if (rv == APR_SUCCESS) {
            rv = mpcms_admin_commit(
                ctx, tx, "reset_password", "user",
                json_string_value(json_object_get(before, "email")), before,
                after);
        }
        json_decref(before);
    }
    /* The form never shows a password again. */
    return mpcms_admin_saved(
        ctx, rv, password_form(ctx, id), apr_table_make(ctx->pool, 1), errors,
        after, mpcms_admin_url(ctx, "/users"),
        "Password set; the user's sessions have ended.", 0);
}

/* Disables or enables a user; disabling ends its sessions and tokens. */
static apr_status_t set_user_active(mpcms_admin_ctx_t *ctx, int active)
{
    apr_int64_t id = mpcms_admin_param_id(ctx, 0);
    json_t *before = NULL;
    json_t *after = NULL;
    mpcms_tx_t *tx;
    apr_status_t rv;
    int affected;

    if (id == 0) {
        return user_not_found(ctx);
    }
    if (!active && ctx->user != NULL && ctx->user->id == id) {
        return mpcms_admin_fail_with(ctx, MPCMS_ECONFLICT, NULL,
                                     "you cannot disable your own account; "
                                     "ask another super admin");
    }
    if (mpcms_admin_begin(ctx, &tx) != APR_SUCCESS
        || read_user_in(&before, NULL, ctx, tx, id) != APR_SUCCESS) {
        return ctx->result->status;
    }
    {
        const char *args[] = { active ? "1" : "0",
                               mpcms_admin_id_text(id, ctx->pool) };

        rv = mpcms_admin_tx_execute(ctx, tx, &affected,
                                    MPCMS_SQL_USER_SET_ACTIVE, args);
    }
    if (rv == APR_SUCCESS && !active) {
        rv = end_sessions(ctx, tx, id, 1);
    }
    if (rv == APR_SUCCESS
        && read_user(&after, NULL, ctx, mpcms_tx_db(tx), id) != APR_SUCCESS) {
        mpcms_tx_rollback(tx);
        rv = ctx->result->status;
    }
    if (rv == APR_SUCCESS) {
        rv = mpcms_admin_commit_change(
            ctx, tx, active ? "enable" : "disable", "user",
            json_string_value(json_object_get(before, "email")), before, after);
    }
    json_decref(before);
    if (rv != APR_SUCCESS) {
        json_decref(after);
        return rv;
    }
    if (ctx->is_api) {
        return mpcms_admin_json(ctx, after);
    }
    json_decref(after);
    return mpcms_admin_redirect(ctx, mpcms_admin_url(ctx, "/users"),
                                active ? "User enabled."
                                       : "User disabled; its sessions and "
                                         "API tokens have ended.");
}

static apr_status_t disable_user(mpcms_admin_ctx_t *ctx)
{
    return set_user_active(ctx, 0);
}

static apr_status_t enable_user(mpcms_admin_ctx_t *ctx)
{
    return set_user_active(ctx, 1);
}

/* ---- API tokens ---- */

static apr_status_t list_tokens(mpcms_admin_ctx_t *ctx)
{
    mpcms_view_t *view;
    mpcms_rows_t *rows;
    long total;
    int page;
    int row;

    if (mpcms_admin_select_page(&rows, &total, &page, ctx,
                                MPCMS_SQL_TOKEN_COUNT, MPCMS_SQL_TOKEN_LIST,
                                NULL, 0)
        != APR_SUCCESS) {
        return ctx->result->status;
    }

    view = mpcms_admin_view(ctx);
    mpcms_admin_add_action(view, mpcms_admin_url(ctx, "/tokens/new"),
                           "New API token");
    mpcms_admin_add_column(view, "Name");
    mpcms_admin_add_column(view, "Starts with");
    mpcms_admin_add_column(view, "Owner");
    mpcms_admin_add_column(view, "Created");
    mpcms_admin_add_column(view, "Last used");
    mpcms_admin_add_column(view, "Revoked");
    for (row = 0; row < rows->count; row++) {
        const char *revoked = mpcms_rows_get(rows, row, 6);
        mpcms_view_t *line = mpcms_admin_add_row(view);
        int column;

        for (column = 1; column <= 6; column++) {
            mpcms_admin_add_cell(
                line,
                column >= 4 ? mpcms_timestamp_normalize(
                    mpcms_rows_get(rows, row, column), ctx->pool)
                            : mpcms_rows_get(rows, row, column),
                NULL);
        }
        if (revoked == NULL) {
            mpcms_admin_add_row_button(
                line,
                mpcms_admin_url(ctx, "/tokens/%s/revoke",
                                mpcms_rows_get(rows, row, 0)),
                "Revoke");
        }
    }
    mpcms_view_set(view, "empty", "No API token yet.");
    mpcms_admin_pager(ctx, view, page, total, mpcms_admin_url(ctx, "/tokens"));
    return mpcms_admin_render(ctx, MPCMS_ADMIN_LIST, view, "API tokens");
}

static const mpcms_admin_form_t *token_form(mpcms_admin_ctx_t *ctx)
{
    mpcms_admin_form_t *form = apr_pcalloc(ctx->pool, sizeof(*form));

    form->fields = token_fields;
    form->title = "New API token";
    form->action = mpcms_admin_url(ctx, "/tokens");
    form->submit = "Create token";
    form->cancel = mpcms_admin_url(ctx, "/tokens");
    return form;
}

static apr_status_t new_token(mpcms_admin_ctx_t *ctx)
{
    return mpcms_admin_render_form(ctx, token_form(ctx),
                                   apr_table_make(ctx->pool, 1), NULL);
}

static apr_status_t create_token(mpcms_admin_ctx_t *ctx)
{
    apr_array_header_t *errors = NULL;
    apr_table_t *input;
    apr_table_t *clean;
    mpcms_view_t *view;
    mpcms_rows_t *rows;
    json_t *after;
    const char *random;
    const char *token;
    mpcms_tx_t *tx;
    apr_status_t rv;

    mpcms_admin_input(ctx, token_fields, &input, &errors);
    if (mpcms_fields_validate(&clean, &errors, token_fields, input, ctx->pool)
        != APR_SUCCESS) {
        return mpcms_admin_reject(ctx, token_form(ctx), input, errors,
                                  MPCMS_EINVALID);
    }
    if (mpcms_auth_token_make(&random, MPCMS_TOKEN_BYTES, ctx->pool)
        != APR_SUCCESS) {
        return mpcms_admin_fail_with(ctx, APR_EGENERAL, NULL,
                                     "no random bytes for an API token");
    }
    token = apr_pstrcat(ctx->pool, TOKEN_MARK, random, NULL);
    {
        const char *args[] = {
            mpcms_admin_id_text(ctx->user->id, ctx->pool),
            apr_table_get(clean, "name"),
            mpcms_auth_token_hash(token, ctx->pool),
            apr_pstrndup(ctx->pool, token, TOKEN_PREFIX_LENGTH),
            mpcms_timestamp_format(ctx->request->now, ctx->pool),
        };

        if (mpcms_admin_begin(ctx, &tx) != APR_SUCCESS
            || mpcms_admin_tx_select(ctx, tx, &rows, MPCMS_SQL_TOKEN_INSERT,
                                     args)
                   != APR_SUCCESS) {
            return ctx->result->status;
        }
    }
    {
        const char *args[] = { mpcms_rows_get(rows, 0, 0) };

        if (mpcms_admin_tx_select(ctx, tx, &rows, MPCMS_SQL_TOKEN_GET, args)
            != APR_SUCCESS) {
            return ctx->result->status;
        }
    }
    after = mpcms_record_json(rows, 0, mpcms_token_columns);
    rv = mpcms_admin_commit(ctx, tx, "create", "api_token",
                            apr_table_get(clean, "name"), NULL, after);
    json_decref(after);
    if (rv != APR_SUCCESS) {
        return rv;
    }

    view = mpcms_admin_view(ctx);
    mpcms_view_set(view, "intro",
                   "Copy the token now: it is shown only this once, and the "
                   "server keeps only its SHA-256 digest. Send it as "
                   "Authorization: Bearer <token>.");
    mpcms_view_set(view, "secret", token);
    mpcms_admin_add_action(view, mpcms_admin_url(ctx, "/tokens"),
                           "Back to the API tokens");
    return mpcms_admin_render(ctx, MPCMS_ADMIN_MESSAGE, view,
                              apr_psprintf(ctx->pool, "API token %s created",
                                           apr_table_get(clean, "name")));
}

static apr_status_t revoke_token(mpcms_admin_ctx_t *ctx)
{
    apr_int64_t id = mpcms_admin_param_id(ctx, 0);
    const char *get_args[] = { mpcms_admin_id_text(id, ctx->pool) };
    const char *revoke_args[] = {
        mpcms_timestamp_format(ctx->request->now, ctx->pool), get_args[0]
    };
    json_t *before;
    json_t *after;
    mpcms_rows_t *rows;
    mpcms_tx_t *tx;
    apr_status_t rv;
    int affected;

    if (id == 0 || mpcms_admin_begin(ctx, &tx) != APR_SUCCESS) {
        return ctx->result->status != APR_SUCCESS
                   ? ctx->result->status
                   : mpcms_admin_fail_with(ctx, MPCMS_ENOTFOUND, NULL,
                                           "no API token %s", ctx->params[0]);
    }
    if (mpcms_admin_tx_select(ctx, tx, &rows, MPCMS_SQL_TOKEN_GET, get_args)
        != APR_SUCCESS) {
        return ctx->result->status;
    }
    if (rows->count == 0) {
        mpcms_tx_rollback(tx);
        return mpcms_admin_fail_with(ctx, MPCMS_ENOTFOUND, NULL,
                                     "no API token %s", ctx->params[0]);
    }
    before = mpcms_record_json(rows, 0, mpcms_token_columns);
    rv = mpcms_admin_tx_execute(ctx, tx, &affected, MPCMS_SQL_TOKEN_REVOKE,
                                revoke_args);
    if (rv == APR_SUCCESS) {
        rv = mpcms_admin_tx_select(ctx, tx, &rows, MPCMS_SQL_TOKEN_GET,
                                   get_args);
    }
    if (rv != APR_SUCCESS) {
        json_decref(before);
        return rv;
    }
    after = mpcms_record_json(rows, 0, mpcms_token_columns);
    rv = mpcms_admin_commit_change(ctx, tx, "revoke", "api_token",
                                   mpcms_rows_get(rows, 0, 1), before, after);
    json_decref(before);
    json_decref(after);
    if (rv != APR_SUCCESS) {
        return rv;
    }
    return mpcms_admin_redirect(ctx, mpcms_admin_url(ctx, "/tokens"),
                                "API token revoked.");
}

const mpcms_admin_route_t mpcms_admin_user_routes[] = {
    { 0, "GET", "/users", list_users },
    { 0, "GET", "/users/new", new_user },
    { 0, "POST", "/users", create_user },
    { 0, "GET", "/users/*", show_user },
    { 0, "POST", "/users/*", update_user },
    { 0, "GET", "/users/*/password", show_password_form },
    { 0, "POST", "/users/*/password", reset_password },
    { 0, "POST", "/users/*/disable", disable_user },
    { 0, "POST", "/users/*/enable", enable_user },
    { 0, "GET", "/tokens", list_tokens },
    { 0, "GET", "/tokens/new", new_token },
    { 0, "POST", "/tokens", create_token },
    { 0, "POST", "/tokens/*/revoke", revoke_token },
    { 1, "GET", "/users", list_users },
    { 1, "POST", "/users", create_user },
    { 1, "GET", "/users/*", show_user },
    { 1, "PATCH", "/users/*", update_user },
    { 1, "POST", "/users/*/password", reset_password },
    { 1, "POST", "/users/*/disable", disable_user },
    { 1, "POST", "/users/*/enable", enable_user },
    { 0, NULL, NULL, NULL },
};
