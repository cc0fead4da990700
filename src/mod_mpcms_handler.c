/*
 * The content handler of CMS pages. It redirects to canonical URL forms,
 * resolves the page through the fallback chain, renders it with the
 * platform's theme, and replies 304 to conditional requests that match
 * its ETag.
 */
#include <httpd.h>
#include <apr_atomic.h>
#include <apr_strings.h>
#include <http_core.h>
#include <http_log.h>
#include <http_protocol.h>
#include <http_request.h>

#include "canonical.h"
#include "mod_mpcms.h"
#include "render.h"
#include "store.h"

APLOG_USE_MODULE(mpcms);

/* Seconds a client is asked to wait when the database is unavailable. */
#define RETRY_AFTER_SECONDS "30"

/*
 * While the database is down every request fails the same way. Each child
 * process logs the first failure, then at most one line per interval with
 * the number of failures it did not log.
 */
#define OUTAGE_LOG_INTERVAL_SECONDS 10

static apr_uint32_t outage_last_logged; /* seconds since the epoch, truncated */
static apr_uint32_t outage_unlogged;

static void log_database_failure(request_rec *r, const char *reason)
{
    apr_uint32_t now = (apr_uint32_t)apr_time_sec(r->request_time);
    apr_uint32_t last = apr_atomic_read32(&outage_last_logged);
    apr_uint32_t unlogged;

    if (now - last < OUTAGE_LOG_INTERVAL_SECONDS
        || apr_atomic_cas32(&outage_last_logged, now, last) != last) {
        apr_atomic_inc32(&outage_unlogged);
        return;
    }
    unlogged = apr_atomic_xchg32(&outage_unlogged, 0);
    ap_log_rerror(APLOG_MARK, APLOG_ERR, 0, r,
                  "MPCMS00005: database unavailable, answering 503: %s "
                  "(%u more failures in this process since the last report)",
                  reason, unlogged);
}

int mpcms_answer_unavailable(request_rec *r, const char *reason)
{
    log_database_failure(r, reason);
    apr_table_setn(r->err_headers_out, "Retry-After", RETRY_AFTER_SECONDS);
    return HTTP_SERVICE_UNAVAILABLE;
}

/*
 * Redirects to location on this host, or on target->host when set. The
 * location is a URL path in its encoded form, as the request sent it.
 */
static int answer_redirect(request_rec *r, const mpcms_target_t *target)
{
    const char *path = mpcms_canonical_escape_path(target->location, r->pool);
    const char *url;

    if (target->host != NULL) {
        url = mpcms_canonical_origin(ap_http_scheme(r), target->host,
                                     ap_get_server_port(r), r->pool);
        url = apr_pstrcat(r->pool, url, path, NULL);
    }
    else {
        url = ap_construct_url(r->pool, path, r);
    }

    if (r->args != NULL) {
        url = apr_pstrcat(r->pool, url, "?", r->args, NULL);
    }
    apr_table_setn(r->headers_out, "Location", url);
    return HTTP_MOVED_PERMANENTLY;
}

static void add_explanation(request_rec *r, const mpcms_route_t *route,
                            const mpcms_resolution_t *resolution)
{
    const char *page_id =
        resolution->page
            ? apr_psprintf(r->pool, "%" APR_INT64_T_FMT, resolution->page->id)
            : "-";

    apr_table_setn(
        r->headers_out, "X-Mpcms-Resolution",
        apr_psprintf(r->pool,
                     "platform=%s; platform-via=%s; vendor=%s; vendor-via=%s; "
                     "step=%s; page=%s",
                     route->platform ? route->platform : "-",
                     mpcms_platform_via_name(route->platform_via),
                     route->vendor ? route->vendor : "-",
                     mpcms_vendor_via_name(route->vendor_via),
                     mpcms_step_name(resolution->step), page_id));
}

static int write_response(request_rec *r, const mpcms_response_t *response)
{
    int status;

    ap_set_content_type(r, "text/html; charset=utf-8");
    apr_table_setn(r->headers_out, "Cache-Control", "no-cache");

    if (response->etag != NULL) {
        apr_table_setn(r->headers_out, "ETag", response->etag);
        status = ap_meets_conditions(r);
        if (status == HTTP_NOT_MODIFIED) {
            return HTTP_NOT_MODIFIED;
        }
        /*
         * Pages have no modification date, so httpd compares
         * If-Unmodified-Since with the current time. RFC 9110 requires
         * ignoring that header then, so only a failed If-Match counts.
         */
        if (status == HTTP_PRECONDITION_FAILED
            && apr_table_get(r->headers_in, "If-Match") != NULL) {
            return HTTP_PRECONDITION_FAILED;
        }
    }

    r->status = response->status;
    ap_set_content_length(r, (apr_off_t)response->length);
    if (!r->header_only) {
        ap_rwrite(response->body, (int)response->length, r);
    }
    return OK;
}

int mpcms_page_handler(request_rec *r)
{
    mpcms_request_context_t *context = mpcms_request_context(r);
    const mpcms_settings_t *settings = mpcms_server_settings(r->server);
    mpcms_target_t target;
    mpcms_resolution_t resolution;
    mpcms_response_t response;
    mpcms_error_t *error = NULL;
    const char *canonical;
    apr_status_t rv;

    if (r->handler == NULL || strcmp(r->handler, MPCMS_PAGE_HANDLER) != 0
        || context == NULL) {
        return DECLINED;
    }
    ap_allow_standard_methods(r, REPLACE_ALLOW, M_GET, -1);
    if (r->method_number != M_GET) {
        return HTTP_METHOD_NOT_ALLOWED;
    }

    if (context->target.kind == MPCMS_TARGET_REDIRECT
        && !context->target.needs_page) {
        return answer_redirect(r, &context->target);
    }

    /* A URL that can be no page still gets the platform's 404 page. */
    target = context->target;
    if (target.needs_page) {
        target.kind = MPCMS_TARGET_PAGE;
    }
    else if (target.kind != MPCMS_TARGET_PAGE) {
        target.slug = "";
        target.is_root = 0;
    }

    rv = mpcms_resolve(&resolution, &context->store, &context->route, &target,
                       r->request_time, &error, r->pool);
    if (rv != APR_SUCCESS) {
        return mpcms_answer_unavailable(r, mpcms_error_format(error, r->pool));
    }
    if (target.needs_page && resolution.page != NULL) {
        return answer_redirect(r, &context->target);
    }

    canonical = mpcms_canonical_url(
        &context->route, resolution.vendor,
        target.is_root ? "/" : apr_pstrcat(r->pool, "/", target.slug, NULL),
        ap_http_scheme(r), r->hostname, ap_get_server_port(r), r->pool);
    rv = mpcms_render(&response, settings->themes, &resolution, &context->route,
                      canonical, &error, r->pool);
    if (rv != APR_SUCCESS) {
        ap_log_rerror(APLOG_MARK, APLOG_ERR, rv, r, "MPCMS00006: %s",
                      mpcms_error_format(error, r->pool));
        return HTTP_INTERNAL_SERVER_ERROR;
    }

    if (mpcms_settings_explain_on(settings)) {
        add_explanation(r, &context->route, &resolution);
    }
    return write_response(r, &response);
}
