/*
 * The super admin area: HTML pages under the admin base (/admin in
 * development, the root of MpcmsAdminHost in production) and the JSON
 * API under {base}/api/v1.
 *
 * The glue describes a request (mpcms_admin_request_t: method, path,
 * query, body, cookies, bearer token, client address), calls
 * mpcms_admin_run, and writes the result: a status, headers, cookies and
 * a body. Everything between (sessions, CSRF checks, validation, the
 * writes and their audit rows, rendering) happens here, so it runs in
 * unit tests without httpd.
 *
 * HTML pages need a session cookie of a super admin; without one they
 * redirect to the login form, and a vendor user gets 403. Every request
 * that changes something is a POST carrying the session's CSRF token.
 * The API takes a bearer token in the Authorization header, ignores
 * cookies, and responds 401 without a valid token.
 *
 * The vendor dashboard (/vendor/{code}/... on a platform) runs on the
 * same code: the same login, sessions, cookies, CSRF checks and
 * templates, with its own screens (dashboard_screens.c). A request is a
 * dashboard request when it names a vendor.
 */
#ifndef MPCMS_ADMIN_H
#define MPCMS_ADMIN_H

#include <apr_network_io.h>
#include <apr_tables.h>
#include <apr_time.h>

#include "error.h"
#include "route.h"
#include "store.h"
#include "theme.h"

/* Largest request body, form or JSON, in bytes. */
#define MPCMS_ADMIN_MAX_BODY (4 * 1024 * 1024)

/* Cookie names. Under TLS the session cookie gets the __Host- prefix. */
#define MPCMS_SESSION_COOKIE        "mpcms_session"
#define MPCMS_SESSION_COOKIE_SECURE "__Host-mpcms_session"
#define MPCMS_LOGIN_COOKIE          "mpcms_login"
#define MPCMS_LOGIN_COOKIE_SECURE   "__Host-mpcms_login"

/* Compiled templates of the admin area (templates/admin/). */
typedef struct mpcms_admin_ui mpcms_admin_ui_t;

typedef struct mpcms_admin_request {
    const char *method; /* "GET", "POST", ... */
    const char
        *base; /* URL path of the area root without '/': "/admin" or "" */
    const char *path;  /* path inside the area: "/platforms", "/" or "" */
    const char *query; /* raw query string, or NULL */
    const char *content_type; /* Content-Type header, or NULL */
    const char *body;         /* request body, or NULL */
    apr_size_t body_length;
    const char *cookie_header;        /* Cookie header, or NULL */
    const char *authorization_header; /* Authorization header, or NULL */
    const char *client_address;       /* useragent IP */
    int secure;                       /* the request came over TLS */
    const char *admin_path; /* MpcmsAdminPath, to keep platforms off it */
    apr_time_t now;
    /* The vendor dashboard: the platform and vendor codes of the URL, or
     * NULL for the admin area. */
    const char *platform;
    const char *vendor;
    /* The dashboard's themes (layout variants, previews) and the
     * detected route, host and port, for the links of a preview. */
    const mpcms_themes_t *themes;
    const mpcms_route_t *route;
    const char *host;
    apr_port_t port;
} mpcms_admin_request_t;

typedef struct mpcms_admin_result {
    /*
     * APR_SUCCESS, or the MPCMS_E* status of the failure (error.h and
     * MPCMS_EUNAVAILABLE), which the glue maps to the HTTP status.
     */
    apr_status_t status;
    int created;          /* a successful API create: 201 */
    int no_content;       /* a successful API delete: 204 */
    const char *location; /* redirect target: 303 after a POST, else 302 */
    const char *content_type;
    const char *body;
    apr_size_t length;
    apr_table_t *headers; /* more response headers (Retry-After, Allow) */
    apr_array_header_t *cookies; /* Set-Cookie values (const char *) */
    const char *csp_nonce;       /* for style-src in Content-Security-Policy */
    int invalidate_cache;        /* platforms, vendors or domains changed */
    mpcms_error_t *error;        /* what failed, for the error log */
    mpcms_error_t *cause;        /* the driver's error behind error, or NULL */
    const char *log_event;       /* a login or logout to log, or NULL */
} mpcms_admin_result_t;

/*
 * Loads the admin templates of directory (layout.html, login.html, ...).
 * A template error names the file, line and column.
 */
apr_status_t mpcms_admin_ui_load(mpcms_admin_ui_t **ui, const char *directory,
                                 mpcms_error_t **error, apr_pool_t *pool);

/* Serves one request of the admin area into *result. */
void mpcms_admin_run(mpcms_admin_result_t *result,
                     const mpcms_admin_request_t *request, mpcms_store_t *store,
                     const mpcms_admin_ui_t *ui, apr_pool_t *pool);

/*
 * Fills *result with the error page or JSON error of status, for failures
 * the glue finds before mpcms_admin_run (a body over MPCMS_ADMIN_MAX_BODY).
 */
void mpcms_admin_fail(mpcms_admin_result_t *result,
                      const mpcms_admin_request_t *request,
                      const mpcms_admin_ui_t *ui, apr_status_t status,
                      mpcms_error_t *error, apr_pool_t *pool);

/* Returns 1 when the request is for the admin area's JSON API. */
int mpcms_admin_is_api(const mpcms_admin_request_t *request);

#endif /* MPCMS_ADMIN_H */
