/*
 * The content handler of the super admin area (MpcmsAdminHost or
 * MpcmsAdminPath) and of the vendor dashboards (/vendor/{code}/... on a
 * platform). It reads the request body within MPCMS_ADMIN_MAX_BODY,
 * hands the request to mpcms_admin_run, and writes the result with the
 * security headers of the area. The admin area itself is in src/admin*.c.
 */
#include <httpd.h>
#include <apr_strings.h>
#include <http_core.h>
#include <http_log.h>
#include <http_protocol.h>
#include <http_request.h>

#include "admin.h"
#include "mod_mpcms.h"

APLOG_USE_MODULE(mpcms);

/* Bytes read from the client at a time. */
#define READ_CHUNK 16384

/*
 * Headers of every admin response, errors included. The pages need no
 * script, frame or font, and their one style block is allowed by a nonce
 * per response (added in write_result).
 */
static void set_security_headers(request_rec *r)
{
    apr_table_t *headers = r->err_headers_out;

    apr_table_setn(headers, "X-Content-Type-Options", "nosniff");
    apr_table_setn(headers, "X-Frame-Options", "DENY");
    apr_table_setn(headers, "Referrer-Policy", "same-origin");
    apr_table_setn(headers, "Cache-Control", "no-store");
    apr_table_setn(headers, "Cross-Origin-Opener-Policy", "same-origin");
    apr_table_setn(headers, "Content-Security-Policy",
                   "default-src 'none'; frame-ancestors 'none'; "
                   "base-uri 'none'; form-action 'self'");
}

static int methods_with_body(const request_rec *r)
{
    return r->method_number == M_POST || r->method_number == M_PUT
           || r->method_number == M_PATCH || r->method_number == M_DELETE;
}

/*
 * Reads the request body into *body. Returns APR_SUCCESS,
 * MPCMS_ETOOLARGE when it is longer than MPCMS_ADMIN_MAX_BODY, or
 * MPCMS_EBADREQUEST when it cannot be read.
 */
static apr_status_t read_body(const char **body, apr_size_t *length,
                              request_rec *r)
{
    apr_size_t capacity = 0;
    char *buffer = NULL;
    long count;

    *body = NULL;
    *length = 0;
    if (ap_setup_client_block(r, REQUEST_CHUNKED_DECHUNK) != OK) {
        return MPCMS_EBADREQUEST;
    }
    if (r->remaining > MPCMS_ADMIN_MAX_BODY) {
        return MPCMS_ETOOLARGE;
    }
    if (!ap_should_client_block(r)) {
        return APR_SUCCESS;
    }

    for (;;) {
        if (capacity - *length < READ_CHUNK) {
            apr_size_t larger = capacity ? capacity * 2 : 4 * READ_CHUNK;
            char *grown;

            if (larger > MPCMS_ADMIN_MAX_BODY + READ_CHUNK + 1) {
                larger = MPCMS_ADMIN_MAX_BODY + READ_CHUNK + 1;
            }
            grown = apr_palloc(r->pool, larger);
            if (*length > 0) {
                memcpy(grown, buffer, *length);
            }
            buffer = grown;
            capacity = larger;
        }
        count = ap_get_client_block(r, buffer + *length, READ_CHUNK);
        if (count < 0) {
            return MPCMS_EBADREQUEST;
        }
        if (count == 0) {
            break;
        }
        *length += (apr_size_t)count;
        if (*length > MPCMS_ADMIN_MAX_BODY) {
            return MPCMS_ETOOLARGE;
        }
    }
    buffer[*length] = '\0';
    *body = buffer;
    return APR_SUCCESS;
}

static int http_status(const mpcms_admin_result_t *result, request_rec *r)
{
    switch (result->status) {
    case APR_SUCCESS:
        if (result->location != NULL) {
            return r->method_number == M_GET ? HTTP_MOVED_TEMPORARILY
                                             : HTTP_SEE_OTHER;
        }
        if (result->no_content) {
            return HTTP_NO_CONTENT;
        }
        return result->created ? HTTP_CREATED : HTTP_OK;
    case MPCMS_EBADREQUEST:
        return HTTP_BAD_REQUEST;
    case MPCMS_EUNAUTHORIZED:
        return HTTP_UNAUTHORIZED;
    case MPCMS_EFORBIDDEN:
        return HTTP_FORBIDDEN;
    case MPCMS_ENOTFOUND:
        return HTTP_NOT_FOUND;
    case MPCMS_EMETHOD:
        return HTTP_METHOD_NOT_ALLOWED;
    case MPCMS_ECONFLICT:
        return HTTP_CONFLICT;
    case MPCMS_ETOOLARGE:
        return HTTP_REQUEST_ENTITY_TOO_LARGE;
    case MPCMS_EMEDIATYPE:
        return HTTP_UNSUPPORTED_MEDIA_TYPE;
    case MPCMS_EINVALID:
        return HTTP_UNPROCESSABLE_ENTITY;
    case MPCMS_ETHROTTLED:
        return HTTP_TOO_MANY_REQUESTS;
    case MPCMS_EUNAVAILABLE:
        return HTTP_SERVICE_UNAVAILABLE;
    default:
        return HTTP_INTERNAL_SERVER_ERROR;
    }
}

/*
 * Logs a login or logout, a server error and a refusal. The vendor
 * dashboard logs under tags of its own (MPCMS004xx), with the vendor.
 */
static void log_result(request_rec *r, const mpcms_admin_request_t *request,
                       const mpcms_admin_result_t *result, int status)
{
    const char *reason = mpcms_error_format(
        result->cause ? result->cause : result->error, r->pool);
    const char *vendor = request->vendor;

    if (result->log_event != NULL && vendor != NULL) {
        ap_log_rerror(APLOG_MARK, APLOG_INFO, 0, r,
                      "MPCMS00401: %s from %s in the dashboard of %s on %s",
                      result->log_event, r->useragent_ip, vendor,
                      request->platform);
    }
    else if (result->log_event != NULL) {
        ap_log_rerror(APLOG_MARK, APLOG_INFO, 0, r, "MPCMS00201: %s from %s",
                      result->log_event, r->useragent_ip);
    }
    if (status == HTTP_SERVICE_UNAVAILABLE) {
        /* Logs at most once per interval; sets Retry-After. */
        mpcms_answer_unavailable(r, reason);
    }
    else if (status == HTTP_INTERNAL_SERVER_ERROR && vendor != NULL) {
        ap_log_rerror(APLOG_MARK, APLOG_ERR, 0, r,
                      "MPCMS00400: dashboard request of %s on %s failed: %s",
                      vendor, request->platform, reason);
    }
    else if (status == HTTP_INTERNAL_SERVER_ERROR) {
        ap_log_rerror(APLOG_MARK, APLOG_ERR, 0, r,
                      "MPCMS00200: admin request failed: %s", reason);
    }
    else if (status >= 400 && vendor != NULL) {
        ap_log_rerror(APLOG_MARK, APLOG_DEBUG, 0, r,
                      "MPCMS00402: dashboard request of %s on %s refused "
                      "with %d: %s",
                      vendor, request->platform, status, reason);
    }
    else if (status >= 400) {
        ap_log_rerror(APLOG_MARK, APLOG_DEBUG, 0, r,
                      "MPCMS00202: admin request refused with %d: %s", status,
                      reason);
    }
}

static int write_result(request_rec *r, const mpcms_admin_request_t *request,
                        const mpcms_admin_result_t *result)
{
    int status = http_status(result, r);
    const apr_array_header_t *headers = apr_table_elts(result->headers);
    const apr_table_entry_t *entries = (const apr_table_entry_t *)headers->elts;
    int i;

    log_result(r, request, result, status);
    for (i = 0; i < headers->nelts; i++) {
        apr_table_setn(r->err_headers_out, entries[i].key, entries[i].val);
    }
    for (i = 0; i < result->cookies->nelts; i++) {
        apr_table_addn(r->err_headers_out, "Set-Cookie",
                       APR_ARRAY_IDX(result->cookies, i, const char *));
    }
    if (result->csp_nonce != NULL) {
        apr_table_setn(r->err_headers_out, "Content-Security-Policy",
                       apr_psprintf(r->pool,
                                    "default-src 'none'; style-src "
                                    "'nonce-%s'; img-src 'self'; "
                                    "frame-ancestors 'none'; base-uri 'none'; "
                                    "form-action 'self'",
                                    result->csp_nonce));
    }
    if (result->location != NULL) {
        apr_table_setn(r->err_headers_out, "Location",
                       ap_construct_url(r->pool, result->location, r));
    }

    r->status = status;
    if (status == HTTP_NO_CONTENT || result->body == NULL) {
        ap_set_content_length(r, 0);
        return OK;
    }
    ap_set_content_type(r, result->content_type);
    ap_set_content_length(r, (apr_off_t)result->length);
    if (!r->header_only) {
        ap_rwrite(result->body, (int)result->length, r);
    }
    return OK;
}

int mpcms_admin_handler(request_rec *r)
{
    mpcms_request_context_t *context = mpcms_request_context(r);
    const mpcms_settings_t *settings = mpcms_server_settings(r->server);
    mpcms_admin_request_t request;
    mpcms_admin_result_t result;
    apr_status_t rv;

    if (r->handler == NULL || strcmp(r->handler, MPCMS_ADMIN_HANDLER) != 0
        || context == NULL || settings->admin_ui == NULL) {
        return DECLINED;
    }
    set_security_headers(r);

    memset(&request, 0, sizeof(request));
    request.method = r->method;
    request.base = context->route.area_base;
    request.path = context->route.subpath;
    request.query = r->args;
    request.content_type = apr_table_get(r->headers_in, "Content-Type");
    request.cookie_header = apr_table_get(r->headers_in, "Cookie");
    request.authorization_header =
        apr_table_get(r->headers_in, "Authorization");
    request.client_address = r->useragent_ip;
    request.secure = strcmp(ap_http_scheme(r), "https") == 0;
    request.admin_path = settings->routing.admin_path;
    request.now = r->request_time;
    if (context->route.area == MPCMS_AREA_DASHBOARD) {
        request.platform = context->route.platform;
        request.vendor = context->route.vendor;
        request.themes = settings->themes;
        request.route = &context->route;
        request.host = r->hostname;
        request.port = ap_get_server_port(r);
    }

    rv = methods_with_body(r)
             ? read_body(&request.body, &request.body_length, r)
             : APR_SUCCESS;
    if (rv != APR_SUCCESS) {
        /* Do not read the rest of a body that is too large. */
        r->connection->keepalive = AP_CONN_CLOSE;
        mpcms_admin_fail(
            &result, &request, settings->admin_ui, rv,
            mpcms_error_make(NULL, 0, 0, r->pool,
                             rv == MPCMS_ETOOLARGE
                                 ? "the request body is larger than %d bytes"
                                 : "the request body could not be read "
                                   "(%d bytes at most)",
                             MPCMS_ADMIN_MAX_BODY),
            r->pool);
        return write_result(r, &request, &result);
    }

    mpcms_admin_run(&result, &request, &context->store, settings->admin_ui,
                    r->pool);
    if (result.invalidate_cache) {
        mpcms_cache_invalidate();
    }
    return write_result(r, &request, &result);
}
