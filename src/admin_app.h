/*
 * Internals of the admin area shared by its files: the request context,
 * the route table entries, and helpers for input, responses and views.
 *
 *   admin_app.c        dispatch, login, sessions, CSRF, responses
 *   admin_write.c      transactions, audit rows and saves of forms
 *   admin_ui.c         templates and the views of lists and forms
 *   admin_platforms.c  platforms and their subscription tiers
 *   admin_pages.c      marketing pages, vendor defaults, all pages
 *   admin_vendors.c    vendors, memberships, custom domains
 *   admin_users.c      users and API tokens
 *   admin_audit.c      the dashboard and the audit log
 *   dashboard_screens.c the vendor dashboard's screens
 */
#ifndef MPCMS_ADMIN_APP_H
#define MPCMS_ADMIN_APP_H

#include <apr_hash.h>
#include <jansson.h>

#include "accounts.h"
#include "admin.h"
#include "dashboard.h"
#include "fields.h"
#include "record.h"
#include "template.h"

/* Rows per page of every list. */
#define MPCMS_ADMIN_PAGE_SIZE 50

/* Largest ?per_page= the API takes. */
#define MPCMS_ADMIN_MAX_PAGE_SIZE 200

/* Path parameters a route captures ("*" segments). */
#define MPCMS_ADMIN_MAX_PARAMS 4

typedef struct mpcms_admin_ctx {
    const mpcms_admin_request_t *request;
    mpcms_admin_result_t *result;
    mpcms_store_t *store;
    const mpcms_admin_ui_t *ui;
    apr_pool_t *pool;
    int is_api;
    const char *params[MPCMS_ADMIN_MAX_PARAMS];
    apr_table_t *query;       /* parsed query string */
    apr_table_t *form;        /* parsed body of an HTML POST */
    mpcms_session_t *session; /* HTML pages */
    mpcms_user_t *user;       /* the signed-in user the request acts as */
    mpcms_actor_t actor;      /* who changes things, for the audit log */
    /* The vendor dashboard's membership (request->vendor on
     * request->platform); NULL in the admin area. */
    const mpcms_membership_t *membership;
    int page_size; /* rows per page of a list: the API's ?per_page= */
} mpcms_admin_ctx_t;

typedef apr_status_t (*mpcms_admin_handler_fn)(mpcms_admin_ctx_t *ctx);

/*
 * One route: the method, whether it is an API route, and the path
 * pattern inside the HTML area or under /api/v1, where "*" matches one
 * segment and captures it into ctx->params.
 */
typedef struct mpcms_admin_route {
    int api;
    const char *method;
    const char *pattern;
    mpcms_admin_handler_fn handler;
} mpcms_admin_route_t;

/* Route tables of each file, each ended by an entry with a NULL pattern. */
extern const mpcms_admin_route_t mpcms_admin_platform_routes[];
extern const mpcms_admin_route_t mpcms_admin_page_routes[];
extern const mpcms_admin_route_t mpcms_admin_vendor_routes[];
extern const mpcms_admin_route_t mpcms_admin_user_routes[];
extern const mpcms_admin_route_t mpcms_admin_audit_routes[];
extern const mpcms_admin_route_t mpcms_dashboard_routes[];

/* ---- responses (admin_app.c) ---- */

/*
 * Returns the home page of the area: "{base}/" in the admin area,
 * "{base}/dashboard" in a vendor dashboard.
 */
const char *mpcms_admin_home(const mpcms_admin_ctx_t *ctx);

/* Returns the base path of the area followed by the formatted path. */
const char *mpcms_admin_url(const mpcms_admin_ctx_t *ctx, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/*
 * Redirects (303) to location after a successful POST, adding notice for
 * the next page to show: ?notice=text&notice_mac=... signed with the
 * session's CSRF token, or the code of a notice shown without a session
 * ("You are logged out."). Without a session any other notice is dropped.
 */
apr_status_t mpcms_admin_redirect(mpcms_admin_ctx_t *ctx, const char *location,
                                  const char *notice);

/*
 * Returns the notice of the query string when the server made it: its
 * text with a notice_mac that the session's CSRF token signs, or the text
 * of a fixed notice's code. Returns NULL for any other ?notice=, so that
 * no link can show words of its own in the status box.
 */
const char *mpcms_admin_notice(const mpcms_admin_ctx_t *ctx);

/* Sets a JSON value as the response body, taking over the reference. */
apr_status_t mpcms_admin_json(mpcms_admin_ctx_t *ctx, json_t *value);

/*
 * Sets the JSON body of a list as the response: {"items": [...]} with
 * each row as a record of columns and, when page is not 0, the page,
 * per_page and total of a list shown page by page.
 */
apr_status_t mpcms_admin_respond_list(mpcms_admin_ctx_t *ctx,
                                      const mpcms_rows_t *rows,
                                      const mpcms_column_t *columns, int page,
                                      long total);

/*
 * Records a failure: the status and its error for the dispatcher, which
 * renders the error page or JSON error. Returns status.
 */
apr_status_t mpcms_admin_fail_with(mpcms_admin_ctx_t *ctx, apr_status_t status,
                                   const char *field, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* Records a failure whose error already exists. Returns status. */
apr_status_t mpcms_admin_fail_error(mpcms_admin_ctx_t *ctx, apr_status_t status,
                                    mpcms_error_t *error);

/*
 * Reads the submitted values of fields: the parsed form of an HTML POST,
 * or the JSON body of an API request (Content-Type application/json).
 * A JSON body may leave fields out (a partial record). Returns
 * MPCMS_EMEDIATYPE, MPCMS_EBADREQUEST (not JSON), or MPCMS_EINVALID with
 * *errors for names and types that do not fit.
 */
apr_status_t mpcms_admin_input(mpcms_admin_ctx_t *ctx,
                               const mpcms_field_t *fields,
                               apr_table_t **values,
                               apr_array_header_t **errors);

/*
 * Answers a rejected save: the form again with the values entered and
 * each message next to its field (HTML), or the errors as JSON (API).
 * status is MPCMS_EINVALID or MPCMS_ECONFLICT.
 */
typedef struct mpcms_admin_form mpcms_admin_form_t;
apr_status_t mpcms_admin_reject(mpcms_admin_ctx_t *ctx,
                                const mpcms_admin_form_t *form,
                                const apr_table_t *values,
                                apr_array_header_t *errors,
                                apr_status_t status);

/*
 * Returns the filter value name of the query string, or NULL when it is
 * absent or empty.
 */
const char *mpcms_admin_filter(const mpcms_admin_ctx_t *ctx, const char *name);

/* Returns path parameter index when it is a valid code, else NULL. */
const char *mpcms_admin_param_code(const mpcms_admin_ctx_t *ctx, int index);

/* Returns path parameter index as a positive id, else 0. */
apr_int64_t mpcms_admin_param_id(const mpcms_admin_ctx_t *ctx, int index);

/* Writes id as text allocated from pool. */
const char *mpcms_admin_id_text(apr_int64_t id, apr_pool_t *pool);

/* A platform or vendor that path parameter 0 names by its code. */
typedef struct mpcms_admin_ref {
    const char *code;
    apr_int64_t id;
    const char *id_text; /* id as a statement argument */
} mpcms_admin_ref_t;

/*
 * Finds the platform of path parameter 0, or records 404 "no platform
 * with code '...'" and returns MPCMS_ENOTFOUND.
 */
apr_status_t mpcms_admin_find_platform(mpcms_admin_ref_t *platform,
                                       mpcms_admin_ctx_t *ctx);

/* Finds the vendor of path parameter 0, as mpcms_admin_find_platform. */
apr_status_t mpcms_admin_find_vendor(mpcms_admin_ref_t *vendor,
                                     mpcms_admin_ctx_t *ctx);

/* Runs a SELECT on the request's connection. */
apr_status_t mpcms_admin_select(mpcms_rows_t **rows, mpcms_admin_ctx_t *ctx,
                                mpcms_sql_e id, const char *const *args);

/*
 * Reads the page of a list that ?page= names into *page: the number of
 * rows of count_id into *total and the page's rows of list_id into *rows.
 * Both statements take the arg_count args first, and list_id then takes
 * the row limit and offset.
 */
apr_status_t mpcms_admin_select_page(mpcms_rows_t **rows, long *total,
                                     int *page, mpcms_admin_ctx_t *ctx,
                                     mpcms_sql_e count_id, mpcms_sql_e list_id,
                                     const char *const *args, int arg_count);

/* ---- writes (admin_write.c) ---- */

/*
 * Writes the audit row of a change and commits tx. On failure rolls tx
 * back and records the failure in ctx. before and after are not released.
 */
apr_status_t mpcms_admin_commit(mpcms_admin_ctx_t *ctx, mpcms_tx_t *tx,
                                const char *action, const char *entity,
                                const char *key, const json_t *before,
                                const json_t *after);

/*
 * Commits a change like mpcms_admin_commit, unless the record did not
 * change: when before and after are equal apart from version and
 * updated_at, rolls tx back (no write, no version bump, no audit row),
 * copies before into after so that the caller responds with the record as
 * it is, and returns APR_SUCCESS. Only for changes whose JSON shows every
 * column they write, so not for a password reset.
 */
apr_status_t mpcms_admin_commit_change(mpcms_admin_ctx_t *ctx, mpcms_tx_t *tx,
                                       const char *action, const char *entity,
                                       const char *key, const json_t *before,
                                       json_t *after);

/*
 * Ends a failed write: rolls tx back, records the status in ctx (with a
 * field error for conflicts and invalid values) and returns it.
 */
apr_status_t mpcms_admin_abort(mpcms_admin_ctx_t *ctx, mpcms_tx_t *tx,
                               apr_status_t status, mpcms_error_t *error);

/* Starts a transaction, recording a failure in ctx. */
apr_status_t mpcms_admin_begin(mpcms_admin_ctx_t *ctx, mpcms_tx_t **tx);

/* Runs a SELECT in tx; on failure rolls tx back and records it in ctx. */
apr_status_t mpcms_admin_tx_select(mpcms_admin_ctx_t *ctx, mpcms_tx_t *tx,
                                   mpcms_rows_t **rows, mpcms_sql_e id,
                                   const char *const *args);

/* Runs a write in tx; on failure rolls tx back and records it in ctx. */
apr_status_t mpcms_admin_tx_execute(mpcms_admin_ctx_t *ctx, mpcms_tx_t *tx,
                                    int *affected, mpcms_sql_e id,
                                    const char *const *args);

/*
 * Answers the outcome rv of a save. MPCMS_EINVALID and MPCMS_ECONFLICT
 * show the form again (HTML) or the errors (API); other failures are left
 * to the dispatcher. A success responds with after as JSON (API, 201 with
 * Location when created) or redirects to location with notice (HTML).
 * Takes over the reference to after.
 */
apr_status_t mpcms_admin_saved(mpcms_admin_ctx_t *ctx, apr_status_t rv,
                               const mpcms_admin_form_t *form,
                               const apr_table_t *values,
                               apr_array_header_t *errors, json_t *after,
                               const char *location, const char *notice,
                               int created);

/*
 * One save of a form in a transaction: the values submitted, shown again
 * and validated, the errors by field, and the record before and after.
 */
typedef struct mpcms_admin_write {
    const mpcms_field_t *fields;
    mpcms_tx_t *tx;
    apr_table_t *input;  /* the submitted values */
    apr_table_t *values; /* what the form shows again after a rejection */
    apr_table_t *clean;  /* the validated values */
    apr_array_header_t *errors;
    apr_array_header_t *body_errors; /* unknown fields and wrong JSON types
                                        of an API body */
    json_t *before; /* the stored record of an update; the helpers below
                       release it */
    json_t *after;  /* the saved record, for mpcms_admin_saved */
} mpcms_admin_write_t;

/*
 * Starts a save: clears write, takes the defaults of fields as its values,
 * reads the submitted values and begins the transaction. Returns the
 * failure of either step, recorded in ctx. Unknown fields and wrong JSON
 * types of an API body are not a failure here. They are kept in
 * write->body_errors for mpcms_admin_write_validate, so that the
 * response also lists the invalid values.
 */
apr_status_t mpcms_admin_write_begin(mpcms_admin_write_t *write,
                                     mpcms_admin_ctx_t *ctx,
                                     const mpcms_field_t *fields);

/*
 * Merges the submitted values over base (the stored record's values, or
 * NULL for the defaults) and validates them, adding to write->errors
 * after write->body_errors. Returns write->clean.
 */
apr_table_t *mpcms_admin_write_validate(mpcms_admin_write_t *write,
                                        mpcms_admin_ctx_t *ctx,
                                        const apr_table_t *base);

/*
 * Ends a rejected or failed save: rolls tx back unless that happened
 * already, releases write->before and returns status.
 */
apr_status_t mpcms_admin_write_fail(mpcms_admin_write_t *write,
                                    apr_status_t status);

/*
 * Commits a save with its audit row (action on entity key, from
 * write->before to write->after) through mpcms_admin_commit_change, so a
 * save that changes nothing writes nothing, and releases write->before.
 */
apr_status_t mpcms_admin_write_commit(mpcms_admin_write_t *write,
                                      mpcms_admin_ctx_t *ctx,
                                      const char *action, const char *entity,
                                      const char *key);

/* ---- views (admin_ui.c) ---- */

typedef enum {
    MPCMS_ADMIN_LOGIN,
    MPCMS_ADMIN_DASHBOARD,
    MPCMS_ADMIN_LIST,
    MPCMS_ADMIN_FORM,
    MPCMS_ADMIN_CONFIRM,
    MPCMS_ADMIN_MESSAGE,
    MPCMS_ADMIN_TEMPLATES
} mpcms_admin_template_e;

/* A form: its fields and the title, action and links of its page. */
struct mpcms_admin_form {
    const char *title;
    const char *action; /* URL the form posts to */
    const char *submit; /* label of the submit button */
    const char *cancel; /* URL of the cancel link */
    const mpcms_field_t *fields;
    apr_hash_t *options; /* field name -> const mpcms_option_t *, or NULL */
};

/* Returns a view for one page of the area. */
mpcms_view_t *mpcms_admin_view(mpcms_admin_ctx_t *ctx);

/*
 * Renders template with view inside the layout, as the HTML response of
 * ctx, with title in <title> and the heading.
 */
apr_status_t mpcms_admin_render(mpcms_admin_ctx_t *ctx,
                                mpcms_admin_template_e template,
                                mpcms_view_t *view, const char *title);

/* Fills view with a form, the values shown and the errors by field. */
void mpcms_admin_form_view(mpcms_admin_ctx_t *ctx, mpcms_view_t *view,
                           const mpcms_admin_form_t *form,
                           const apr_table_t *values,
                           const apr_array_header_t *errors);

/*
 * Returns the form of a record listed at path, an area path such as
 * "/platforms": of a new record when key is NULL, else of the record at
 * path/key. noun is the record's lower-case name, so the form reads
 * "New platform" and "Create platform", or "Platform oms" and "Save
 * platform".
 */
mpcms_admin_form_t *mpcms_admin_record_form(mpcms_admin_ctx_t *ctx,
                                            const mpcms_field_t *fields,
                                            const char *path, const char *noun,
                                            const char *key);

/* Renders a form page (new, edit, or rejected with errors). */
apr_status_t mpcms_admin_render_form(mpcms_admin_ctx_t *ctx,
                                     const mpcms_admin_form_t *form,
                                     const apr_table_t *values,
                                     const apr_array_header_t *errors);

/* Adds a link above a list or form ("New platform"). */
void mpcms_admin_add_action(mpcms_view_t *view, const char *href,
                            const char *label);

/* Adds a column heading to a list. */
void mpcms_admin_add_column(mpcms_view_t *view, const char *label);

/* Adds a row to a list and returns it. */
mpcms_view_t *mpcms_admin_add_row(mpcms_view_t *view);

/* Adds a cell to a row; href may be NULL. */
void mpcms_admin_add_cell(mpcms_view_t *row, const char *text,
                          const char *href);

/* Adds a cell with a preformatted block behind a summary line. */
void mpcms_admin_add_detail_cell(mpcms_view_t *row, const char *summary,
                                 const char *detail);

/* Adds a link to a row's actions. */
void mpcms_admin_add_row_link(mpcms_view_t *row, const char *href,
                              const char *label);

/*
 * Adds a button that POSTs, with the CSRF token, to action. Returns the
 * button's view, where "id" may be set.
 */
mpcms_view_t *mpcms_admin_add_row_button(mpcms_view_t *row, const char *action,
                                         const char *label);

/*
 * Adds a button that cannot be pressed, with a note that says why
 * ("Upgrade to Professional to add pages").
 */
void mpcms_admin_add_row_disabled(mpcms_view_t *row, const char *label,
                                  const char *note);

/*
 * Adds a paragraph above a list. kind is its CSS class: "usage" for a
 * figure, "upgrade" for an upgrade prompt.
 */
void mpcms_admin_add_note(mpcms_view_t *view, const char *kind,
                          const char *text);

/*
 * Adds a filter control to a list: a text field, or a select when options
 * is not NULL (the empty choice first, meaning any).
 */
void mpcms_admin_add_filter(mpcms_admin_ctx_t *ctx, mpcms_view_t *view,
                            const char *name, const char *label,
                            const mpcms_option_t *options);

/*
 * Adds the links to the previous and next page of a list of total rows
 * shown page by page. href is the list's URL with its filters.
 */
void mpcms_admin_pager(mpcms_admin_ctx_t *ctx, mpcms_view_t *view, int page,
                       long total, const char *href);

/* Returns "yes" or "no" for a boolean cell. */
const char *mpcms_admin_yes_no(const mpcms_rows_t *rows, int row, int column);

/* Returns the options of a query's rows: value column 0, label column 1. */
mpcms_option_t *mpcms_admin_options(const mpcms_rows_t *rows, int with_empty,
                                    apr_pool_t *pool);

#endif /* MPCMS_ADMIN_APP_H */
