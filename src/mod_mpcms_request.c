/*
 * Per-request detection. post_read_request finds the platform and vendor,
 * keeps them in the request and exports them. translate_name and
 * map_to_storage then claim the URLs that are CMS pages, so that httpd does
 * not look for them on disk.
 */
#include <httpd.h>
#include <apr_lib.h>
#include <apr_strings.h>
#include <http_core.h>
#include <http_log.h>
#include <http_protocol.h>
#include <http_request.h>

#include "catalog.h"
#include "host.h"
#include "mod_mpcms.h"

APLOG_USE_MODULE(mpcms);

/* Prefix of r->filename for claimed requests; it has no file extension. */
#define CLAIMED_FILENAME "mpcms:"

/* Request headers the module sets; a client's copies are removed first. */
#define HEADER_PREFIX "x-mpcms-"

mpcms_request_context_t *mpcms_request_context(const request_rec *r)
{
    return ap_get_module_config(r->request_config, &mpcms_module);
}

/*
 * Returns 1 when a header name is ours in any spelling a server or a
 * backend may fold to the same name: any case, and '_' for '-' (CGI and
 * several application servers turn both into the same variable).
 */
static int is_context_header(const char *name)
{
    const char *expected = HEADER_PREFIX;

    for (; *expected != '\0'; expected++, name++) {
        char c = (char)apr_tolower(*name);

        if (c == '_') {
            c = '-';
        }
        if (c != *expected) {
            return 0;
        }
    }
    return 1;
}

static void remove_client_context_headers(request_rec *r)
{
    const apr_array_header_t *fields = apr_table_elts(r->headers_in);
    const apr_table_entry_t *entries = (const apr_table_entry_t *)fields->elts;
    apr_table_t *filtered = NULL;
    int i;

    for (i = 0; i < fields->nelts; i++) {
        if (entries[i].key != NULL && is_context_header(entries[i].key)) {
            filtered = apr_table_make(r->pool, fields->nelts);
            break;
        }
    }
    if (filtered == NULL) {
        return;
    }

    for (i = 0; i < fields->nelts; i++) {
        if (entries[i].key == NULL) {
            continue;
        }
        if (is_context_header(entries[i].key)) {
            ap_log_rerror(
                APLOG_MARK, APLOG_DEBUG, 0, r,
                "MPCMS00004: removed request header %s sent by the client",
                entries[i].key);
            continue;
        }
        apr_table_addn(filtered, entries[i].key, entries[i].val);
    }
    r->headers_in = filtered;
}

static void export_context(request_rec *r, const mpcms_route_t *route)
{
    apr_table_t *env = r->subprocess_env;

    if (route->platform != NULL) {
        apr_table_setn(env, "MPCMS_PLATFORM", route->platform);
        apr_table_setn(env, "MPCMS_PLATFORM_VIA",
                       mpcms_platform_via_name(route->platform_via));
        apr_table_setn(r->headers_in, "X-Mpcms-Platform", route->platform);
    }
    if (route->path != NULL) {
        apr_table_setn(env, "MPCMS_PATH", route->path);
        apr_table_setn(r->headers_in, "X-Mpcms-Path", route->path);
    }
    if (route->vendor != NULL) {
        apr_table_setn(env, "MPCMS_VENDOR", route->vendor);
        apr_table_setn(env, "MPCMS_VENDOR_VIA",
                       mpcms_vendor_via_name(route->vendor_via));
        apr_table_setn(r->headers_in, "X-Mpcms-Vendor", route->vendor);
    }
}

/*
 * Completes detection with what only the database knows: the custom
 * domains of vendors and the vendors behind subdomain labels. Both come
 * from the lookup cache when they can.
 */
static apr_status_t complete_route(mpcms_request_context_t *context,
                                   const mpcms_settings_t *settings,
                                   const char *host, mpcms_error_t **error,
                                   apr_pool_t *pool)
{
    mpcms_route_t *route = &context->route;
    apr_status_t rv;

    if (route->needs_custom_domain) {
        const mpcms_custom_domain_t *found;

        rv = mpcms_catalog_custom_domain(&found, &context->store, host, error,
                                         pool);
        if (rv != APR_SUCCESS) {
            return rv;
        }
        if (found != NULL) {
            mpcms_route_apply_custom_domain(route, found->domain,
                                            found->platform, found->vendor,
                                            host, pool);
        }
        else {
            mpcms_route_apply_default(route, &settings->routing, pool);
        }
    }

    if (route->needs_subdomain_vendor) {
        const char *vendor;

        rv = mpcms_catalog_subdomain_vendor(&vendor, &context->store,
                                            route->platform, route->subdomain,
                                            error, pool);
        if (rv != APR_SUCCESS) {
            return rv;
        }
        mpcms_route_apply_subdomain_vendor(route, vendor);
    }
    return APR_SUCCESS;
}

static apr_status_t detect(mpcms_request_context_t *context,
                           const mpcms_settings_t *settings, const char *host,
                           request_rec *r, mpcms_error_t **error)
{
    mpcms_routing_t *database = NULL;
    apr_status_t rv;

    /*
     * The platforms table is read only when it can change the answer: the
     * admin area needs no platform, and a configured prefix beats every
     * rule from the database. Such requests then answer an outage with
     * their own pages rather than with httpd's 503.
     */
    if (mpcms_settings_route_by_database(settings)
        && !mpcms_route_is_admin(&settings->routing, host, r->uri)
        && mpcms_route_match_prefix(&settings->routing, r->uri) == NULL) {
        rv = mpcms_catalog_routes(&database, &context->store,
                                  &settings->routing, error, r->pool);
        if (rv != APR_SUCCESS) {
            return rv;
        }
    }
    mpcms_route_detect(&context->route, &settings->routing, database, host,
                       r->uri, r->pool);
    return complete_route(context, settings, host, error, r->pool);
}

int mpcms_post_read_request(request_rec *r)
{
    const mpcms_settings_t *settings = mpcms_server_settings(r->server);
    mpcms_request_context_t *context;
    mpcms_error_t *error = NULL;
    const char *host = NULL;

    if (!mpcms_settings_engine_on(settings)) {
        return DECLINED;
    }
    remove_client_context_headers(r);

    /*
     * An internal redirect (ErrorDocument, a per-directory rewrite) keeps
     * the context of the request it came from, but its new URL is left to
     * the handlers that own it.
     */
    if (r->prev != NULL) {
        const mpcms_request_context_t *previous =
            mpcms_request_context(r->prev);

        if (previous != NULL) {
            context = apr_pmemdup(r->pool, previous, sizeof(*context));
            context->target.kind = MPCMS_TARGET_PASS;
            ap_set_module_config(r->request_config, &mpcms_module, context);
            export_context(r, &context->route);
        }
        return DECLINED;
    }

    if (r->uri == NULL || r->uri[0] != '/') {
        return DECLINED;
    }

    /* httpd has lower-cased the host and removed its port and final dot. */
    if (r->hostname != NULL) {
        host = mpcms_host_normalize(r->hostname, r->pool);
        if (host == NULL) {
            ap_log_rerror(APLOG_MARK, APLOG_DEBUG, 0, r,
                          "MPCMS00009: invalid host name %s", r->hostname);
            return HTTP_BAD_REQUEST;
        }
    }

    context = apr_pcalloc(r->pool, sizeof(*context));
    mpcms_dbd_store_init(&context->store, r);
    if (detect(context, settings, host, r, &error) != APR_SUCCESS) {
        return mpcms_answer_unavailable(r, mpcms_error_format(error, r->pool));
    }
    if (context->route.platform == NULL
        && context->route.area != MPCMS_AREA_ADMIN) {
        return DECLINED;
    }
    mpcms_target_parse(&context->target, &context->route,
                       settings->pass_through, r->pool);

    ap_set_module_config(r->request_config, &mpcms_module, context);
    export_context(r, &context->route);

    ap_log_rerror(APLOG_MARK, APLOG_TRACE1, 0, r,
                  "platform %s (%s), vendor %s (%s), path %s",
                  context->route.platform ? context->route.platform : "-",
                  mpcms_platform_via_name(context->route.platform_via),
                  context->route.vendor ? context->route.vendor : "-",
                  mpcms_vendor_via_name(context->route.vendor_via),
                  context->route.path ? context->route.path : "-");
    return DECLINED;
}

int mpcms_translate_name(request_rec *r)
{
    const mpcms_request_context_t *context = mpcms_request_context(r);

    if (context == NULL || context->target.kind == MPCMS_TARGET_PASS
        || r->proxyreq != PROXYREQ_NONE || r->main != NULL) {
        return DECLINED;
    }

    if (context->route.area == MPCMS_AREA_ADMIN) {
        r->filename = apr_pstrcat(r->pool, CLAIMED_FILENAME, "admin", NULL);
        r->handler = MPCMS_ADMIN_HANDLER;
        return OK;
    }
    /* The vendor dashboard runs on the admin area's code and templates;
     * without those its URLs stay 404 pages of the platform. */
    if (context->route.area == MPCMS_AREA_DASHBOARD
        && mpcms_server_settings(r->server)->admin_ui != NULL) {
        r->filename = apr_pstrcat(r->pool, CLAIMED_FILENAME, "dashboard", NULL);
        r->handler = MPCMS_ADMIN_HANDLER;
        return OK;
    }
    r->filename =
        apr_pstrcat(r->pool, CLAIMED_FILENAME, context->route.platform, NULL);
    r->handler = MPCMS_PAGE_HANDLER;
    return OK;
}

/*
 * Claimed requests have no file behind them: skip the directory and file
 * walk. <Location> sections still apply (httpd walks them after this
 * hook); <Directory> sections and .htaccess files do not.
 */
int mpcms_map_to_storage(request_rec *r)
{
    if (r->handler == NULL
        || (strcmp(r->handler, MPCMS_PAGE_HANDLER) != 0
            && strcmp(r->handler, MPCMS_ADMIN_HANDLER) != 0)
        || r->filename == NULL
        || strncmp(r->filename, CLAIMED_FILENAME, sizeof(CLAIMED_FILENAME) - 1)
               != 0) {
        return DECLINED;
    }
    return OK;
}
