/*
 * The admin area's dispatcher: finds the route, authenticates the
 * request (session cookie for pages, bearer token for the API), checks
 * the CSRF token of every HTML POST, runs the handler, and turns a
 * failure into an error page or a JSON error. Login and logout live here
 * too, because they are part of the session handling.
 */
#include <apr_lib.h>
#include <apr_strings.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "admin_app.h"
#include "auth.h"
#include "form.h"
#include "names.h"
#include "record.h"
#include "text.h"

/* Path of the JSON API inside the area. */
#define API_PREFIX "/api/v1"

/* The login form's token lives this long, in seconds. */
#define LOGIN_COOKIE_SECONDS 3600

/* ---- small helpers ---- */

const char *mpcms_admin_id_text(apr_int64_t id, apr_pool_t *pool)
{
    return apr_psprintf(pool, "%" APR_INT64_T_FMT, id);
}

const char *mpcms_admin_home(const mpcms_admin_ctx_t *ctx)
{
    return apr_pstrcat(ctx->pool, ctx->request->base,
                       ctx->request->vendor != NULL ? "/dashboard" : "/", NULL);
}

const char *mpcms_admin_url(const mpcms_admin_ctx_t *ctx, const char *fmt, ...)
{
    const char *path;
    va_list args;

    va_start(args, fmt);
    path = apr_pvsprintf(ctx->pool, fmt, args);
    va_end(args);
    return apr_pstrcat(ctx->pool, ctx->request->base, path, NULL);
}

int mpcms_admin_is_api(const mpcms_admin_request_t *request)
{
    apr_size_t length = sizeof(API_PREFIX) - 1;

    return strncmp(request->path, API_PREFIX, length) == 0
           && (request->path[length] == '\0' || request->path[length] == '/');
}

const char *mpcms_admin_filter(const mpcms_admin_ctx_t *ctx, const char *name)
{
    const char *value = mpcms_form_get(ctx->query, name);

    return value != NULL && value[0] != '\0' ? value : NULL;
}

const char *mpcms_admin_param_code(const mpcms_admin_ctx_t *ctx, int index)
{
    const char *value = ctx->params[index];

    return mpcms_code_is_valid(value) ? value : NULL;
}

apr_int64_t mpcms_admin_param_id(const mpcms_admin_ctx_t *ctx, int index)
{
    const char *value = ctx->params[index];
    const char *p;

    if (value == NULL || value[0] == '\0' || strlen(value) > 18) {
        return 0;
    }
    for (p = value; *p != '\0'; p++) {
        if (!apr_isdigit(*p)) {
            return 0;
        }
    }
    return apr_atoi64(value);
}

/* Finds the record of entity whose code is path parameter 0. */
static apr_status_t find_ref(mpcms_admin_ref_t *ref, mpcms_admin_ctx_t *ctx,
                             mpcms_sql_e lock_id, const char *entity)
{
    const char *args[] = { mpcms_admin_param_code(ctx, 0) };
    mpcms_rows_t *rows;

    memset(ref, 0, sizeof(*ref));
    if (args[0] != NULL) {
        if (mpcms_admin_select(&rows, ctx, lock_id, args) != APR_SUCCESS) {
            return ctx->result->status;
        }
        ref->id = rows->count > 0 ? mpcms_rows_int(rows, 0, 0) : 0;
    }
    if (ref->id == 0) {
        return mpcms_admin_fail_with(ctx, MPCMS_ENOTFOUND, NULL,
                                     "no %s with code '%s'", entity,
                                     ctx->params[0]);
    }
    ref->code = args[0];
    ref->id_text = mpcms_admin_id_text(ref->id, ctx->pool);
    return APR_SUCCESS;
}

apr_status_t mpcms_admin_find_platform(mpcms_admin_ref_t *platform,
                                       mpcms_admin_ctx_t *ctx)
{
    return find_ref(platform, ctx, MPCMS_SQL_ADMIN_PLATFORM_LOCK, "platform");
}

apr_status_t mpcms_admin_find_vendor(mpcms_admin_ref_t *vendor,
                                     mpcms_admin_ctx_t *ctx)
{
    return find_ref(vendor, ctx, MPCMS_SQL_ADMIN_VENDOR_LOCK, "vendor");
}

/*
 * Reads ?page= (1 by default) into *page. Returns MPCMS_EBADREQUEST for a
 * value that is not a whole number from 1 to 1000000.
 */
static apr_status_t read_page_number(mpcms_admin_ctx_t *ctx, int *page)
{
    const char *value = mpcms_admin_filter(ctx, "page");
    char *end;
    long number;

    *page = 1;
    if (value == NULL) {
        return APR_SUCCESS;
    }
    number = strtol(value, &end, 10);
    if (*end != '\0' || number < 1 || number > 1000000) {
        return mpcms_admin_fail_with(ctx, MPCMS_EBADREQUEST, "page",
                                     "invalid page number '%s': expected a "
                                     "whole number from 1 to 1000000",
                                     value);
    }
    *page = (int)number;
    return APR_SUCCESS;
}

/*
 * Reads the API's ?per_page= into ctx->page_size: MPCMS_ADMIN_PAGE_SIZE
 * by default, and always on HTML pages, whose pager assumes it. Returns
 * MPCMS_EBADREQUEST for a value that is not a whole number from 1 to
 * MPCMS_ADMIN_MAX_PAGE_SIZE.
 */
static apr_status_t read_page_size(mpcms_admin_ctx_t *ctx)
{
    const char *value =
        ctx->is_api ? mpcms_admin_filter(ctx, "per_page") : NULL;
    char *end;
    long number;

    ctx->page_size = MPCMS_ADMIN_PAGE_SIZE;
    if (value == NULL) {
        return APR_SUCCESS;
    }
    number = strtol(value, &end, 10);
    if (*end != '\0' || number < 1 || number > MPCMS_ADMIN_MAX_PAGE_SIZE) {
        return mpcms_admin_fail_with(ctx, MPCMS_EBADREQUEST, "per_page",
                                     "invalid per_page '%s': expected a whole "
                                     "number from 1 to %d",
                                     value, MPCMS_ADMIN_MAX_PAGE_SIZE);
    }
    ctx->page_size = (int)number;
    return APR_SUCCESS;
}

apr_status_t mpcms_admin_select(mpcms_rows_t **rows, mpcms_admin_ctx_t *ctx,
                                mpcms_sql_e id, const char *const *args)
{
    mpcms_error_t *error = NULL;
    mpcms_db_t *db;
    apr_status_t rv;

    rv = mpcms_store_db(&db, ctx->store, &error);
    if (rv == APR_SUCCESS) {
        rv = mpcms_db_select(rows, db, id, args, &error, ctx->pool);
    }
    if (rv != APR_SUCCESS) {
        return mpcms_admin_fail_error(ctx, rv, error);
    }
    return APR_SUCCESS;
}

/* Reads a count (the first cell of the first row) of a statement. */
static apr_status_t select_count(long *count, mpcms_admin_ctx_t *ctx,
                                 mpcms_sql_e id, const char *const *args)
{
    mpcms_rows_t *rows;
    apr_status_t rv = mpcms_admin_select(&rows, ctx, id, args);

    *count = rv == APR_SUCCESS ? (long)mpcms_rows_int(rows, 0, 0) : 0;
    return rv;
}

apr_status_t mpcms_admin_select_page(mpcms_rows_t **rows, long *total,
                                     int *page, mpcms_admin_ctx_t *ctx,
                                     mpcms_sql_e count_id, mpcms_sql_e list_id,
                                     const char *const *args, int arg_count)
{
    const char **list_args =
        apr_pcalloc(ctx->pool, sizeof(*list_args) * (arg_count + 2));
    int i;

    if (read_page_number(ctx, page) != APR_SUCCESS
        || read_page_size(ctx) != APR_SUCCESS) {
        return ctx->result->status;
    }
    for (i = 0; i < arg_count; i++) {
        list_args[i] = args[i];
    }
    list_args[arg_count] = apr_itoa(ctx->pool, ctx->page_size);
    list_args[arg_count + 1] =
        apr_ltoa(ctx->pool, (long)(*page - 1) * ctx->page_size);
    if (select_count(total, ctx, count_id, arg_count > 0 ? args : NULL)
        != APR_SUCCESS) {
        return ctx->result->status;
    }
    return mpcms_admin_select(rows, ctx, list_id, list_args);
}

/* ---- responses ---- */

apr_status_t mpcms_admin_fail_error(mpcms_admin_ctx_t *ctx, apr_status_t status,
                                    mpcms_error_t *error)
{
    ctx->result->status = status;
    ctx->result->error = error;
    return status;
}

apr_status_t mpcms_admin_fail_with(mpcms_admin_ctx_t *ctx, apr_status_t status,
                                   const char *field, const char *fmt, ...)
{
    const char *message;
    va_list args;

    va_start(args, fmt);
    message = apr_pvsprintf(ctx->pool, fmt, args);
    va_end(args);
    return mpcms_admin_fail_error(
        ctx, status, mpcms_error_make(field, 0, 0, ctx->pool, "%s", message));
}

/*
 * Notices that a page shows without a session, such as the login form
 * after a logout. The redirect carries only the code, so that no link can
 * put words of its own into such a page.
 */
static const struct {
    const char *code;
    const char *text;
} fixed_notices[] = {
    { "logged-out", "You are logged out." },
};

/* Returns the ?notice= query part of a redirect, or NULL for none. */
static const char *notice_query(const mpcms_admin_ctx_t *ctx,
                                const char *notice)
{
    const char *mac;
    apr_size_t i;

    for (i = 0; i < sizeof(fixed_notices) / sizeof(fixed_notices[0]); i++) {
        if (strcmp(notice, fixed_notices[i].text) == 0) {
            return apr_pstrcat(ctx->pool, "notice=", fixed_notices[i].code,
                               NULL);
        }
    }
    /* Any other notice is for the same session's next page, signed with
     * its CSRF token, which only that session's pages contain. */
    if (ctx->session == NULL) {
        return NULL;
    }
    mac = mpcms_auth_mac(ctx->session->csrf_token, notice, ctx->pool);
    if (mac == NULL) {
        return NULL;
    }
    return apr_pstrcat(ctx->pool,
                       "notice=", mpcms_form_escape(notice, ctx->pool),
                       "&notice_mac=", mac, NULL);
}

const char *mpcms_admin_notice(const mpcms_admin_ctx_t *ctx)
{
    const char *notice = mpcms_admin_filter(ctx, "notice");
    const char *mac = mpcms_admin_filter(ctx, "notice_mac");
    apr_size_t i;

    if (notice == NULL) {
        return NULL;
    }
    if (mac == NULL) {
        for (i = 0; i < sizeof(fixed_notices) / sizeof(fixed_notices[0]); i++) {
            if (strcmp(notice, fixed_notices[i].code) == 0) {
                return fixed_notices[i].text;
            }
        }
        return NULL;
    }
    if (ctx->session == NULL
        || !mpcms_auth_secret_equal(
            mac, mpcms_auth_mac(ctx->session->csrf_token, notice, ctx->pool))) {
        return NULL;
    }
    return notice;
}

apr_status_t mpcms_admin_redirect(mpcms_admin_ctx_t *ctx, const char *location,
                                  const char *notice)
{
    const char *query = notice != NULL ? notice_query(ctx, notice) : NULL;

    if (query != NULL) {
        location = apr_pstrcat(ctx->pool, location,
                               strchr(location, '?') ? "&" : "?", query, NULL);
    }
    ctx->result->location = location;
    ctx->result->status = APR_SUCCESS;
    return APR_SUCCESS;
}

apr_status_t mpcms_admin_json(mpcms_admin_ctx_t *ctx, json_t *value)
{
    const char *text = mpcms_json_text(value, 1, ctx->pool);

    json_decref(value);
    ctx->result->content_type = "application/json";
    ctx->result->body =
        apr_pstrcat(ctx->pool, text ? text : "null", "\n", NULL);
    ctx->result->length = strlen(ctx->result->body);
    return APR_SUCCESS;
}

apr_status_t mpcms_admin_respond_list(mpcms_admin_ctx_t *ctx,
                                      const mpcms_rows_t *rows,
                                      const mpcms_column_t *columns, int page,
                                      long total)
{
    json_t *root = json_object();

    json_object_set_new(root, "items", mpcms_record_json_array(rows, columns));
    if (page > 0) {
        json_object_set_new(root, "page", json_integer(page));
        json_object_set_new(root, "per_page",
                            json_integer(ctx->page_size > 0
                                             ? ctx->page_size
                                             : MPCMS_ADMIN_PAGE_SIZE));
        json_object_set_new(root, "total", json_integer(total));
    }
    return mpcms_admin_json(ctx, root);
}

static json_t *error_json(const mpcms_error_t *error)
{
    json_t *object = json_object();

    json_object_set_new(object, "message", json_string(error->message));
    if (error->source != NULL) {
        json_object_set_new(object, "field", json_string(error->source));
    }
    if (error->line > 0) {
        json_object_set_new(object, "line", json_integer(error->line));
        json_object_set_new(object, "column", json_integer(error->column));
    }
    return object;
}

/* Writes the JSON error response of ctx's failure, with every field error. */
static void respond_json_error(mpcms_admin_ctx_t *ctx,
                               const apr_array_header_t *errors)
{
    mpcms_error_t *error = ctx->result->error;
    json_t *root = json_object();
    int i;

    if (error == NULL) {
        error = mpcms_error_make(NULL, 0, 0, ctx->pool, "request failed");
    }
    json_object_set_new(root, "error", error_json(error));
    if (errors != NULL && errors->nelts > 0) {
        json_t *list = json_array();

        for (i = 0; i < errors->nelts; i++) {
            json_array_append_new(
                list, error_json(APR_ARRAY_IDX(errors, i, mpcms_error_t *)));
        }
        json_object_set_new(root, "errors", list);
    }
    mpcms_admin_json(ctx, root);
}

static const char *status_title(apr_status_t status)
{
    switch (status) {
    case MPCMS_EBADREQUEST:
        return "Bad request";
    case MPCMS_EUNAUTHORIZED:
        return "Login required";
    case MPCMS_EFORBIDDEN:
        return "Forbidden";
    case MPCMS_ENOTFOUND:
        return "Not found";
    case MPCMS_EMETHOD:
        return "Method not allowed";
    case MPCMS_ECONFLICT:
        return "Conflict";
    case MPCMS_ETOOLARGE:
        return "Request too large";
    case MPCMS_EMEDIATYPE:
        return "Unsupported content type";
    case MPCMS_EINVALID:
        return "Invalid input";
    case MPCMS_ETHROTTLED:
        return "Too many requests";
    case MPCMS_EUNAVAILABLE:
        return "Database unavailable";
    default:
        return "Internal error";
    }
}

/* Message shown for a failure; details of server errors go to the log. */
static const char *public_message(const mpcms_admin_ctx_t *ctx)
{
    apr_status_t status = ctx->result->status;

    if (status == MPCMS_EUNAVAILABLE) {
        return "the database is unavailable; try again in a moment";
    }
    if (ctx->result->error == NULL || status == APR_EGENERAL
        || status < MPCMS_EBADREQUEST || status > MPCMS_ETHROTTLED) {
        return "the request failed; the error log has the details";
    }
    return ctx->result->error->message;
}

/* Renders the error page or JSON error of a failure without a body. */
static void respond_failure(mpcms_admin_ctx_t *ctx)
{
    mpcms_admin_result_t *result = ctx->result;
    mpcms_error_t *logged = result->error;
    mpcms_view_t *view;

    if (ctx->is_api) {
        result->error = mpcms_error_make(
            logged && result->status != APR_EGENERAL ? logged->source : NULL,
            logged ? logged->line : 0, logged ? logged->column : 0, ctx->pool,
            "%s", public_message(ctx));
        respond_json_error(ctx, NULL);
        result->error = logged;
        return;
    }
    view = mpcms_admin_view(ctx);
    mpcms_view_set(view, "intro", public_message(ctx));
    if (ctx->session != NULL) {
        mpcms_admin_add_action(view, mpcms_admin_home(ctx),
                               "Back to the dashboard");
    }
    result->error = NULL;
    mpcms_admin_render(ctx, MPCMS_ADMIN_MESSAGE, view,
                       status_title(result->status));
    result->error = logged;
}

/* ---- input ---- */

/* Returns 1 when a Content-Type header names media_type. */
static int has_media_type(const char *header, const char *media_type)
{
    apr_size_t length = strlen(media_type);

    if (header == NULL) {
        return 0;
    }
    while (*header == ' ') {
        header++;
    }
    return strncasecmp(header, media_type, length) == 0
           && (header[length] == '\0' || header[length] == ';'
               || header[length] == ' ');
}

apr_status_t mpcms_admin_input(mpcms_admin_ctx_t *ctx,
                               const mpcms_field_t *fields,
                               apr_table_t **values,
                               apr_array_header_t **errors)
{
    const mpcms_admin_request_t *request = ctx->request;
    mpcms_error_t *error = NULL;
    apr_status_t rv;

    *errors = NULL;
    if (!ctx->is_api) {
        *values = mpcms_fields_from_form(fields, ctx->form, ctx->pool);
        return APR_SUCCESS;
    }
    if (!has_media_type(request->content_type, "application/json")) {
        *values = NULL;
        return mpcms_admin_fail_with(ctx, MPCMS_EMEDIATYPE, NULL,
                                     "the request body must be JSON sent as "
                                     "Content-Type: application/json");
    }
    rv = mpcms_fields_from_json(values, errors, fields,
                                request->body ? request->body : "",
                                request->body_length, &error, ctx->pool);
    if (rv == MPCMS_EBADREQUEST) {
        return mpcms_admin_fail_error(ctx, rv, error);
    }
    if (rv == MPCMS_EINVALID) {
        ctx->result->error = APR_ARRAY_IDX(*errors, 0, mpcms_error_t *);
        ctx->result->status = rv;
    }
    return rv;
}

apr_status_t mpcms_admin_reject(mpcms_admin_ctx_t *ctx,
                                const mpcms_admin_form_t *form,
                                const apr_table_t *values,
                                apr_array_header_t *errors, apr_status_t status)
{
    mpcms_admin_result_t *result = ctx->result;

    result->status = status;
    if (errors != NULL && errors->nelts > 0) {
        result->error = APR_ARRAY_IDX(errors, 0, mpcms_error_t *);
    }
    if (ctx->is_api) {
        respond_json_error(ctx, errors);
        return status;
    }
    if (result->error != NULL && result->error->source != NULL
        && mpcms_fields_find(form->fields, result->error->source) == NULL) {
        /* An error about no field of this form shows above it. */
        result->error = mpcms_error_make(NULL, 0, 0, ctx->pool, "%s",
                                         result->error->message);
    }
    mpcms_admin_render_form(ctx, form, values, errors);
    return status;
}

/* ---- cookies ---- */

/* Returns the value of cookie name in a Cookie header, or NULL. */
static const char *cookie_value(const char *header, const char *name,
                                apr_pool_t *pool)
{
    apr_size_t length = strlen(name);
    const char *p = header;

    while (p != NULL && *p != '\0') {
        const char *end;

        while (*p == ' ' || *p == ';') {
            p++;
        }
        end = strchr(p, ';');
        if (strncmp(p, name, length) == 0 && p[length] == '=') {
            p += length + 1;
            return end ? apr_pstrmemdup(pool, p, (apr_size_t)(end - p))
                       : apr_pstrdup(pool, p);
        }
        p = end;
    }
    return NULL;
}

static const char *session_cookie_name(const mpcms_admin_request_t *request)
{
    return request->secure ? MPCMS_SESSION_COOKIE_SECURE : MPCMS_SESSION_COOKIE;
}

static const char *login_cookie_name(const mpcms_admin_request_t *request)
{
    return request->secure ? MPCMS_LOGIN_COOKIE_SECURE : MPCMS_LOGIN_COOKIE;
}

/* Adds a Set-Cookie value; max_age 0 deletes the cookie. */
static void set_cookie(mpcms_admin_ctx_t *ctx, const char *name,
                       const char *value, long max_age)
{
    APR_ARRAY_PUSH(ctx->result->cookies, const char *) = apr_psprintf(
        ctx->pool, "%s=%s; Path=/; Max-Age=%ld; HttpOnly; SameSite=Strict%s",
        name, value, max_age, ctx->request->secure ? "; Secure" : "");
}

/* ---- login and logout ---- */

/*
 * Returns nonzero when text has an escaped dot, slash or backslash, which
 * httpd decodes into a dot segment or a separator before routing.
 */
static int has_escaped_separator(const char *text)
{
    static const char *const escapes[] = { "%2e", "%2f", "%5c" };
    apr_size_t i;
    const char *p;

    for (p = strchr(text, '%'); p != NULL; p = strchr(p + 1, '%')) {
        for (i = 0; i < sizeof(escapes) / sizeof(escapes[0]); i++) {
            if (strncasecmp(p, escapes[i], 3) == 0) {
                return 1;
            }
        }
    }
    return 0;
}

/*
 * Returns the page to go to after login: the "next" value when it is a
 * page of this area, else the dashboard. This keeps the login from
 * redirecting to another site or, through "..", out of the area.
 */
static const char *after_login(const mpcms_admin_ctx_t *ctx, const char *next)
{
    const char *home = mpcms_admin_home(ctx);
    apr_size_t base_length = strlen(ctx->request->base);
    const char *p;

    if (next == NULL || strncmp(next, ctx->request->base, base_length) != 0
        || next[base_length] != '/' || strstr(next, "//") != NULL
        || strstr(next, "/.") != NULL || has_escaped_separator(next)
        || strlen(next) > 1000) {
        return home;
    }
    for (p = next; *p != '\0'; p++) {
        if (!(apr_isalnum(*p) || strchr("/-_.?=&%", *p) != NULL)) {
            return home;
        }
    }
    return next;
}

static apr_status_t render_login(mpcms_admin_ctx_t *ctx, const char *email,
                                 const char *next)
{
    mpcms_view_t *view = mpcms_admin_view(ctx);
    const char *token;

    if (mpcms_auth_token_make(&token, MPCMS_TOKEN_BYTES, ctx->pool)
        != APR_SUCCESS) {
        return mpcms_admin_fail_with(ctx, APR_EGENERAL, NULL,
                                     "no random bytes for the login form");
    }
    set_cookie(ctx, login_cookie_name(ctx->request), token,
               LOGIN_COOKIE_SECONDS);
    mpcms_view_set(view, "form_action", mpcms_admin_url(ctx, "/login"));
    mpcms_view_set(view, "login_token", token);
    mpcms_view_set(view, "email", email);
    mpcms_view_set(view, "next", next);
    return mpcms_admin_render(ctx, MPCMS_ADMIN_LOGIN, view, "Log in");
}

static apr_status_t check_access(mpcms_admin_ctx_t *ctx, int *allowed);

static apr_status_t show_login(mpcms_admin_ctx_t *ctx)
{
    int allowed = 0;

    if (ctx->session != NULL && check_access(ctx, &allowed) != APR_SUCCESS) {
        return ctx->result->status;
    }
    if (allowed) {
        ctx->result->location = mpcms_admin_home(ctx);
        return APR_SUCCESS;
    }
    ctx->session = NULL;
    return render_login(ctx, NULL, mpcms_admin_filter(ctx, "next"));
}

/* Shows the login form again with a message, keeping the failure status. */
static apr_status_t login_failed(mpcms_admin_ctx_t *ctx, apr_status_t status,
                                 mpcms_error_t *error, const char *email,
                                 const char *next)
{
    mpcms_admin_fail_error(
        ctx, status,
        mpcms_error_make(NULL, 0, 0, ctx->pool, "%s", error->message));
    render_login(ctx, email, next);
    return status;
}

static apr_status_t log_in(mpcms_admin_ctx_t *ctx)
{
    const mpcms_admin_request_t *request = ctx->request;
    const char *email = mpcms_form_get(ctx->form, "email");
    const char *password = mpcms_form_get(ctx->form, "password");
    const char *next = mpcms_form_get(ctx->form, "next");
    const char *expected = cookie_value(request->cookie_header,
                                        login_cookie_name(request), ctx->pool);
    const char *old_token = cookie_value(
        request->cookie_header, session_cookie_name(request), ctx->pool);
    mpcms_session_t *session = NULL;
    mpcms_error_t *error = NULL;
    const char *token = NULL;
    long retry_after = 0;
    apr_status_t rv;

    ctx->session = NULL;
    if (!mpcms_auth_secret_equal(mpcms_form_get(ctx->form, "login_token"),
                                 expected)) {
        error = mpcms_error_make(NULL, 0, 0, ctx->pool,
                                 "the login form expired or came from "
                                 "another site; log in again");
        return login_failed(ctx, MPCMS_EFORBIDDEN, error, email, next);
    }

    rv = mpcms_account_login(&token, &session, &retry_after, ctx->store, email,
                             password, request->client_address, old_token,
                             request->vendor, request->now, &error, ctx->pool);
    if (rv == MPCMS_ETHROTTLED) {
        apr_table_setn(ctx->result->headers, "Retry-After",
                       apr_ltoa(ctx->pool, retry_after));
        ctx->result->log_event =
            apr_psprintf(ctx->pool, "login throttled for %s",
                         email ? email : "(no address)");
        return login_failed(ctx, rv, error, email, next);
    }
    if (rv == MPCMS_EUNAUTHORIZED) {
        ctx->result->log_event = apr_psprintf(ctx->pool, "login failed for %s",
                                              email ? email : "(no address)");
        /* 422: the form is fine, but the credentials are not. */
        return login_failed(ctx, MPCMS_EINVALID, error, email, next);
    }
    if (rv == MPCMS_EFORBIDDEN) {
        /* The password was right, so the account may learn this. */
        ctx->result->log_event = apr_psprintf(
            ctx->pool, "login refused for %s: no access to this dashboard",
            email);
        error = mpcms_error_make(NULL, 0, 0, ctx->pool,
                                 "this account has no access to the "
                                 "dashboard of %s on %s; log in with an "
                                 "account of that vendor",
                                 request->vendor, request->platform);
        return login_failed(ctx, rv, error, email, next);
    }
    if (rv != APR_SUCCESS) {
        return mpcms_admin_fail_error(ctx, rv, error);
    }

    set_cookie(ctx, session_cookie_name(request), token,
               (long)apr_time_sec(MPCMS_SESSION_LIFETIME));
    set_cookie(ctx, login_cookie_name(request), "", 0);
    ctx->result->log_event = apr_psprintf(
        ctx->pool, "login of %s (%s)", session->user.email, session->user.role);
    return mpcms_admin_redirect(ctx, after_login(ctx, next), NULL);
}

static apr_status_t log_out(mpcms_admin_ctx_t *ctx)
{
    const mpcms_admin_request_t *request = ctx->request;
    mpcms_error_t *error = NULL;
    apr_status_t rv;

    rv = mpcms_account_logout(ctx->store,
                              cookie_value(request->cookie_header,
                                           session_cookie_name(request),
                                           ctx->pool),
                              &error, ctx->pool);
    if (rv != APR_SUCCESS) {
        return mpcms_admin_fail_error(ctx, rv, error);
    }
    set_cookie(ctx, session_cookie_name(request), "", 0);
    ctx->result->log_event =
        apr_psprintf(ctx->pool, "logout of %s", ctx->session->user.email);
    return mpcms_admin_redirect(ctx, mpcms_admin_url(ctx, "/login"),
                                "You are logged out.");
}

/* ---- routing ---- */

static const mpcms_admin_route_t session_routes[] = {
    { 0, "GET", "/login", show_login },
    { 0, "POST", "/login", log_in },
    { 0, "POST", "/logout", log_out },
    { 0, NULL, NULL, NULL },
};

static const mpcms_admin_route_t *const admin_tables[] = {
    session_routes,
    mpcms_admin_audit_routes,
    mpcms_admin_platform_routes,
    mpcms_admin_page_routes,
    mpcms_admin_vendor_routes,
    mpcms_admin_user_routes,
    NULL,
};

static const mpcms_admin_route_t *const dashboard_tables[] = {
    session_routes,
    mpcms_dashboard_routes,
    NULL,
};

/*
 * Matches path against pattern segment by segment, "*" matching any one
 * non-empty segment. Captured segments go to params.
 */
static int match_pattern(const char *pattern, const char *path,
                         const char **params, apr_pool_t *pool)
{
    int count = 0;

    while (*pattern != '\0' && *path != '\0') {
        const char *pattern_end;
        const char *path_end;

        if (*pattern != '/' || *path != '/') {
            return 0;
        }
        pattern++;
        path++;
        pattern_end = strchr(pattern, '/');
        path_end = strchr(path, '/');
        if (pattern_end == NULL) {
            pattern_end = pattern + strlen(pattern);
        }
        if (path_end == NULL) {
            path_end = path + strlen(path);
        }
        if (pattern_end - pattern == 1 && *pattern == '*') {
            if (path_end == path || count == MPCMS_ADMIN_MAX_PARAMS) {
                return 0;
            }
            params[count++] =
                apr_pstrmemdup(pool, path, (apr_size_t)(path_end - path));
        }
        else if (pattern_end - pattern != path_end - path
                 || strncmp(pattern, path, (apr_size_t)(pattern_end - pattern))
                        != 0) {
            return 0;
        }
        pattern = pattern_end;
        path = path_end;
    }
    return *pattern == '\0' && *path == '\0';
}

/*
 * Finds the route of the request. When the path matches routes of other
 * methods only, returns NULL and sets *allow to their methods.
 */
static const mpcms_admin_route_t *find_route(mpcms_admin_ctx_t *ctx,
                                             const char *path,
                                             const char *method,
                                             const char **allow)
{
    const mpcms_admin_route_t *const *tables =
        ctx->request->vendor != NULL ? dashboard_tables : admin_tables;
    const char *params[MPCMS_ADMIN_MAX_PARAMS];
    apr_size_t t;

    *allow = NULL;
    for (t = 0; tables[t] != NULL; t++) {
        const mpcms_admin_route_t *route;

        for (route = tables[t]; route->pattern != NULL; route++) {
            memset(params, 0, sizeof(params));
            if (route->api != ctx->is_api
                || !match_pattern(route->pattern, path, params, ctx->pool)) {
                continue;
            }
            if (strcmp(route->method, method) == 0) {
                memcpy(ctx->params, params, sizeof(params));
                return route;
            }
            *allow = *allow ? apr_pstrcat(ctx->pool, *allow, ", ",
                                          route->method, NULL)
                            : route->method;
            if (strcmp(route->method, "GET") == 0) {
                *allow = apr_pstrcat(ctx->pool, *allow, ", HEAD", NULL);
            }
        }
    }
    return NULL;
}

/* ---- authentication ---- */

/* Reads the token of "Authorization: Bearer <token>", or NULL. */
static const char *bearer_token(const char *header, apr_pool_t *pool)
{
    if (header == NULL || strncasecmp(header, "Bearer ", 7) != 0) {
        return NULL;
    }
    header += 7;
    while (*header == ' ') {
        header++;
    }
    return *header != '\0' ? mpcms_text_trim(header, pool) : NULL;
}

static apr_status_t authenticate_api(mpcms_admin_ctx_t *ctx)
{
    const mpcms_admin_request_t *request = ctx->request;
    const char *token = bearer_token(request->authorization_header, ctx->pool);
    mpcms_error_t *error = NULL;
    apr_status_t rv;

    if (token == NULL) {
        apr_table_setn(ctx->result->headers, "WWW-Authenticate",
                       "Bearer realm=\"mpcms admin API\"");
        return mpcms_admin_fail_with(ctx, MPCMS_EUNAUTHORIZED, NULL,
                                     "an API token is required: send "
                                     "Authorization: Bearer <token>");
    }
    rv = mpcms_account_bearer(&ctx->user, ctx->store, token, request->now,
                              &error, ctx->pool);
    if (rv != APR_SUCCESS) {
        return mpcms_admin_fail_error(ctx, rv, error);
    }
    if (ctx->user == NULL) {
        apr_table_setn(ctx->result->headers, "WWW-Authenticate",
                       "Bearer realm=\"mpcms admin API\", "
                       "error=\"invalid_token\"");
        return mpcms_admin_fail_with(ctx, MPCMS_EUNAUTHORIZED, NULL,
                                     "the API token is unknown or revoked");
    }
    if (!mpcms_user_is_super_admin(ctx->user)) {
        return mpcms_admin_fail_with(ctx, MPCMS_EFORBIDDEN, NULL,
                                     "only super admins may use the admin "
                                     "API");
    }
    return APR_SUCCESS;
}

/* Finds the session of the request's cookie, if any. */
static apr_status_t find_session(mpcms_admin_ctx_t *ctx)
{
    const mpcms_admin_request_t *request = ctx->request;
    const char *token = cookie_value(request->cookie_header,
                                     session_cookie_name(request), ctx->pool);
    mpcms_error_t *error = NULL;
    apr_status_t rv;

    rv = mpcms_account_session(&ctx->session, ctx->store, token, request->now,
                               &error, ctx->pool);
    if (rv != APR_SUCCESS) {
        return mpcms_admin_fail_error(ctx, rv, error);
    }
    return APR_SUCCESS;
}

/* Sends a request without a session to the login form. */
static apr_status_t redirect_to_login(mpcms_admin_ctx_t *ctx)
{
    const char *login = mpcms_admin_url(ctx, "/login");

    if (strcmp(ctx->request->method, "GET") == 0) {
        const char *here = mpcms_admin_url(ctx, "%s", ctx->request->path);

        if (ctx->request->query != NULL) {
            here = apr_pstrcat(ctx->pool, here, "?", ctx->request->query, NULL);
        }
        login = apr_pstrcat(ctx->pool, login,
                            "?next=", mpcms_form_escape(here, ctx->pool), NULL);
    }
    ctx->result->location = login;
    return APR_SUCCESS;
}

/* Parses the form of an HTML POST and checks its CSRF token. */
static apr_status_t read_form(mpcms_admin_ctx_t *ctx, int check_csrf)
{
    const mpcms_admin_request_t *request = ctx->request;
    mpcms_error_t *error = NULL;

    if (request->body_length > 0
        && !has_media_type(request->content_type,
                           "application/x-www-form-urlencoded")) {
        return mpcms_admin_fail_with(
            ctx, MPCMS_EMEDIATYPE, NULL,
            "forms must be sent as application/x-www-form-urlencoded");
    }
    if (mpcms_form_parse(&ctx->form, request->body ? request->body : "",
                         request->body_length, &error, ctx->pool)
        != APR_SUCCESS) {
        return mpcms_admin_fail_error(ctx, MPCMS_EBADREQUEST, error);
    }
    if (check_csrf
        && !mpcms_auth_secret_equal(mpcms_form_get(ctx->form, "csrf_token"),
                                    ctx->session->csrf_token)) {
        return mpcms_admin_fail_with(ctx, MPCMS_EFORBIDDEN, "csrf_token",
                                     "the form's CSRF token is missing or "
                                     "wrong; reload the page and submit "
                                     "again");
    }
    return APR_SUCCESS;
}

/*
 * Decides whether the session's user may use this area: a super admin
 * the admin area, and a super admin or a user linked to the vendor the
 * vendor's dashboard.
 */
static apr_status_t check_access(mpcms_admin_ctx_t *ctx, int *allowed)
{
    mpcms_error_t *error = NULL;
    apr_status_t rv;

    if (ctx->request->vendor == NULL) {
        *allowed = mpcms_user_is_super_admin(&ctx->session->user);
        return APR_SUCCESS;
    }
    rv = mpcms_account_may_manage(allowed, ctx->store, &ctx->session->user,
                                  ctx->request->vendor, &error, ctx->pool);
    if (rv != APR_SUCCESS) {
        return mpcms_admin_fail_error(ctx, rv, error);
    }
    return APR_SUCCESS;
}

/*
 * Loads the membership of a dashboard request. An unknown or inactive
 * platform, vendor or membership gets 404 on every page, the login form
 * included.
 */
static apr_status_t find_membership(mpcms_admin_ctx_t *ctx)
{
    const mpcms_admin_request_t *request = ctx->request;
    mpcms_error_t *error = NULL;
    apr_status_t rv;

    rv = mpcms_dashboard_membership(&ctx->membership, ctx->store,
                                    request->platform, request->vendor,
                                    request->themes, &error, ctx->pool);
    if (rv != APR_SUCCESS) {
        return mpcms_admin_fail_error(ctx, rv, error);
    }
    if (ctx->membership == NULL) {
        return mpcms_admin_fail_with(ctx, MPCMS_ENOTFOUND, NULL,
                                     "there is no vendor dashboard at this "
                                     "address");
    }
    return APR_SUCCESS;
}

/*
 * Checks what an HTML request needs before its handler runs. A dashboard
 * needs an active membership. Every page but the login form needs the
 * session of a user who may use the area, and a POST needs a form with
 * the session's CSRF token.
 */
static apr_status_t guard_html(mpcms_admin_ctx_t *ctx,
                               const mpcms_admin_route_t *route)
{
    int is_post = strcmp(ctx->request->method, "POST") == 0;
    int is_login = route != NULL && route->handler == log_in;
    int is_login_form = route != NULL && route->handler == show_login;
    int allowed = 0;
    apr_status_t rv;

    if (ctx->request->vendor != NULL) {
        rv = find_membership(ctx);
        if (rv != APR_SUCCESS) {
            return rv;
        }
    }
    rv = find_session(ctx);
    if (rv != APR_SUCCESS) {
        return rv;
    }
    if (is_login || is_login_form) {
        return is_post ? read_form(ctx, 0) : APR_SUCCESS;
    }
    if (ctx->session == NULL) {
        return redirect_to_login(ctx);
    }
    if (route != NULL && route->handler == log_out) {
        return read_form(ctx, 1);
    }
    rv = check_access(ctx, &allowed);
    if (rv != APR_SUCCESS) {
        return rv;
    }
    if (!allowed && ctx->request->vendor != NULL) {
        return mpcms_admin_fail_with(
            ctx, MPCMS_EFORBIDDEN, NULL,
            "your account may not manage the vendor %s; log in with an "
            "account of that vendor",
            ctx->request->vendor);
    }
    if (!allowed) {
        return mpcms_admin_fail_with(ctx, MPCMS_EFORBIDDEN, NULL,
                                     "your account may not use the admin "
                                     "area; only super admins may");
    }
    ctx->user = &ctx->session->user;
    return is_post ? read_form(ctx, 1) : APR_SUCCESS;
}

/* ---- entry points ---- */

static void init_context(mpcms_admin_ctx_t *ctx, mpcms_admin_result_t *result,
                         const mpcms_admin_request_t *request,
                         mpcms_store_t *store, const mpcms_admin_ui_t *ui,
                         apr_pool_t *pool)
{
    mpcms_error_t *error = NULL;

    memset(result, 0, sizeof(*result));
    result->headers = apr_table_make(pool, 4);
    result->cookies = apr_array_make(pool, 2, sizeof(const char *));

    memset(ctx, 0, sizeof(*ctx));
    ctx->request = request;
    ctx->result = result;
    ctx->store = store;
    ctx->ui = ui;
    ctx->pool = pool;
    ctx->is_api = request->vendor == NULL && mpcms_admin_is_api(request);
    if (request->query == NULL
        || mpcms_form_parse(&ctx->query, request->query, strlen(request->query),
                            &error, pool)
               != APR_SUCCESS) {
        ctx->query = apr_table_make(pool, 1);
    }
}

void mpcms_admin_fail(mpcms_admin_result_t *result,
                      const mpcms_admin_request_t *request,
                      const mpcms_admin_ui_t *ui, apr_status_t status,
                      mpcms_error_t *error, apr_pool_t *pool)
{
    mpcms_admin_ctx_t ctx;

    init_context(&ctx, result, request, NULL, ui, pool);
    mpcms_admin_fail_error(&ctx, status, error);
    respond_failure(&ctx);
}

/* Returns 1 when name is in the NULL-terminated list, or 0. */
static int is_listed(const char *const *list, const char *name)
{
    for (; list != NULL && *list != NULL; list++) {
        if (strcmp(*list, name) == 0) {
            return 1;
        }
    }
    return 0;
}

/*
 * Rejects an API query parameter that the route does not take, so that a
 * misspelt filter gets 400 rather than an unfiltered list.
 */
static apr_status_t check_api_query(mpcms_admin_ctx_t *ctx,
                                    const mpcms_admin_route_t *route)
{
    static const char *const paging[] = { "page", "per_page", NULL };
    static const char *const audit_filters[] = { "entity", "key", "actor",
                                                 "action", NULL };
    static const char *const page_filters[] = { "platform", "vendor", "source",
                                                NULL };
    const char *const *filters = NULL;
    const apr_array_header_t *fields = apr_table_elts(ctx->query);
    const apr_table_entry_t *entries = (const apr_table_entry_t *)fields->elts;
    const char *const *filter;
    const char *names = "page, per_page";
    int i;

    /* The two lists with filters; every other route takes paging alone. */
    if (strcmp(route->pattern, "/audit") == 0) {
        filters = audit_filters;
    }
    else if (strcmp(route->pattern, "/pages") == 0) {
        filters = page_filters;
    }
    for (filter = filters; filter != NULL && *filter != NULL; filter++) {
        names = apr_pstrcat(ctx->pool, names, ", ", *filter, NULL);
    }
    for (i = 0; i < fields->nelts; i++) {
        const char *name = entries[i].key;

        if (!is_listed(paging, name) && !is_listed(filters, name)) {
            return mpcms_admin_fail_with(ctx, MPCMS_EBADREQUEST, name,
                                         "unknown query parameter '%s'; "
                                         "this address takes %s",
                                         name, names);
        }
        /* A second value would otherwise be dropped without a word. */
        if (mpcms_form_get_all(ctx->query, name, ctx->pool)->nelts > 1) {
            return mpcms_admin_fail_with(ctx, MPCMS_EBADREQUEST, name,
                                         "the query parameter '%s' is given "
                                         "more than once; give it once",
                                         name);
        }
        if (is_listed(paging, name) && entries[i].val[0] == '\0') {
            return mpcms_admin_fail_with(ctx, MPCMS_EBADREQUEST, name,
                                         "the query parameter '%s' is empty; "
                                         "give a whole number or leave it out",
                                         name);
        }
    }
    return APR_SUCCESS;
}

/* Runs the route of the request once it is authenticated. */
/*
 * Sends a page address that ends in "/" to the same address without it,
 * as public pages are, so that a link or a "next" with the slash works.
 */
static void redirect_without_slash(mpcms_admin_ctx_t *ctx, const char *path)
{
    apr_size_t length = strlen(path);
    const char *location;

    while (length > 1 && path[length - 1] == '/') {
        length--;
    }
    location = mpcms_admin_url(ctx, "%.*s", (int)length, path);
    if (ctx->request->query != NULL) {
        location =
            apr_pstrcat(ctx->pool, location, "?", ctx->request->query, NULL);
    }
    ctx->result->location = location;
}

static void dispatch(mpcms_admin_ctx_t *ctx)
{
    const mpcms_admin_request_t *request = ctx->request;
    const char *path = request->path[0] != '\0' ? request->path : "/";
    const char *method =
        strcmp(request->method, "HEAD") == 0 ? "GET" : request->method;
    const mpcms_admin_route_t *route;
    const char *allow;
    apr_status_t rv;

    if (ctx->is_api) {
        path = path + sizeof(API_PREFIX) - 1;
        if (*path == '\0') {
            path = "/";
        }
    }
    if (!ctx->is_api && strcmp(method, "GET") == 0 && strlen(path) > 1
        && path[strlen(path) - 1] == '/') {
        redirect_without_slash(ctx, path);
        return;
    }
    route = find_route(ctx, path, method, &allow);

    rv = ctx->is_api ? authenticate_api(ctx) : guard_html(ctx, route);
    if (rv != APR_SUCCESS || ctx->result->location != NULL) {
        return;
    }
    ctx->actor.user_id = ctx->user ? ctx->user->id : 0;
    ctx->actor.name = ctx->user ? ctx->user->email : NULL;
    ctx->actor.client_address = request->client_address;
    ctx->actor.now = request->now;

    if (route == NULL && allow != NULL) {
        apr_table_setn(ctx->result->headers, "Allow", allow);
        mpcms_admin_fail_with(ctx, MPCMS_EMETHOD, NULL,
                              "method %s is not allowed here; use %s",
                              request->method, allow);
        return;
    }
    if (route == NULL) {
        mpcms_admin_fail_with(ctx, MPCMS_ENOTFOUND, NULL,
                              "there is no page at this address");
        return;
    }
    if (ctx->is_api && check_api_query(ctx, route) != APR_SUCCESS) {
        return;
    }
    route->handler(ctx);
}

void mpcms_admin_run(mpcms_admin_result_t *result,
                     const mpcms_admin_request_t *request, mpcms_store_t *store,
                     const mpcms_admin_ui_t *ui, apr_pool_t *pool)
{
    mpcms_admin_ctx_t ctx;

    init_context(&ctx, result, request, store, ui, pool);
    dispatch(&ctx);
    if (result->status != APR_SUCCESS && result->body == NULL) {
        respond_failure(&ctx);
    }
}
