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

/* Decodes each "%2F" (any case) in path in place. Returns 1 if it found one. */
static int decode_encoded_slashes(char *path)
{
    char *out = path;
    const char *in = path;
    int found = 0;

    while (*in != '\0') {
        if (in[0] == '%' && in[1] == '2' && (in[2] == 'f' || in[2] == 'F')) {
            *out++ = '/';
            in += 3;
            found = 1;
        }
        else if (in[0] == '%' && in[1] != '\0' && in[2] != '\0') {
            /* Copies any other escape whole, so "%252F" stays as it is. */
            *out++ = *in++;
            *out++ = *in++;
            *out++ = *in++;
        }
        else {
            *out++ = *in++;
        }
    }
    *out = '\0';
    return found;
}

/*
 * Computes the path as httpd will route it, with the steps of
 * ap_process_request_internal in httpd 2.4: dot segments removed, escapes
 * of unreserved characters decoded, repeated slashes merged unless
 * MergeSlashes is Off, and encoded slashes decoded when AllowEncodedSlashes
 * On decodes them. Returns NULL when the path is invalid: a bad escape, or
 * ".." above the root.
 * httpd takes AllowEncodedSlashes from the VirtualHost at that step, as
 * this hook does.
 */
static char *routed_path(request_rec *r)
{
    const core_server_config *server_core =
        ap_get_core_module_config(r->server->module_config);
    const core_dir_config *dir_core =
        ap_get_core_module_config(r->per_dir_config);
    unsigned int flags = AP_NORMALIZE_NOT_ABOVE_ROOT;
    char *path = apr_pstrdup(r->pool, r->uri);

    if (server_core->merge_slashes != AP_CORE_CONFIG_OFF) {
        flags |= AP_NORMALIZE_MERGE_SLASHES;
    }
    if (!ap_normalize_path(path, flags | AP_NORMALIZE_DECODE_UNRESERVED)) {
        return NULL;
    }
    if (dir_core->allow_encoded_slashes && dir_core->decode_encoded_slashes
        && decode_encoded_slashes(path) && !ap_normalize_path(path, flags)) {
        return NULL;
    }
    return path;
}

/*
 * Redirects a request whose path httpd would route in another form
 * ("/oms/./pricing", "/oms/pric%69ng", "//oms/pricing") to that form.
 * Detection then works on the path that httpd routes: what is left
 * between the two are escapes of reserved and non-ASCII bytes, and no
 * platform prefix, vendor code or slug contains such a byte, encoded or
 * not. Sets *path to a copy of the routed path when no redirect is needed.
 */
static int redirect_to_routed_path(request_rec *r, const char **path)
{
    const char *routed = routed_path(r);
    const char *location;

    if (routed == NULL) {
        ap_log_rerror(APLOG_MARK, APLOG_DEBUG, 0, r,
                      "MPCMS00010: invalid URL path %s (a bad escape, or "
                      "\"..\" above the root); answered 400",
                      r->unparsed_uri);
        return HTTP_BAD_REQUEST;
    }

    /* httpd drops the leading "//" of "//oms/pricing" from r->uri. */
    if (strcmp(routed, r->uri) == 0 && strncmp(r->unparsed_uri, "//", 2) != 0) {
        *path = routed;
        return OK;
    }

    location = ap_construct_url(r->pool, routed, r);
    if (r->args != NULL) {
        location = apr_pstrcat(r->pool, location, "?", r->args, NULL);
    }
    apr_table_setn(r->headers_out, "Location", location);
    ap_log_rerror(APLOG_MARK, APLOG_TRACE1, 0, r,
                  "path %s redirected to its routed form %s", r->unparsed_uri,
                  routed);

    /* A 301 may turn a POST into a GET; a 308 keeps the method and body. */
    return r->method_number == M_GET ? HTTP_MOVED_PERMANENTLY
                                     : HTTP_PERMANENT_REDIRECT;
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
        if (found != NULL && !found->is_served) {
            /* Leaves the route without a platform, and the caller returns 404. */
            route->needs_custom_domain = 0;
            context->domain_is_inactive = 1;
        }
        else if (found != NULL) {
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

/*
 * Detects on path, a copy of r->uri: httpd decodes r->uri in place later,
 * and strings of the route point into path, so the exported context must
 * not share that buffer.
 */
static apr_status_t detect(mpcms_request_context_t *context,
                           const mpcms_settings_t *settings, const char *host,
                           const char *path, request_rec *r,
                           mpcms_error_t **error)
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
        && !mpcms_route_is_admin(&settings->routing, host, path)
        && mpcms_route_match_prefix(&settings->routing, path) == NULL) {
        rv = mpcms_catalog_routes(&database, &context->store,
                                  &settings->routing, error, r->pool);
        if (rv != APR_SUCCESS) {
            return rv;
        }
    }
    mpcms_route_detect(&context->route, &settings->routing, database, host,
                       path, r->pool);
    return complete_route(context, settings, host, error, r->pool);
}

int mpcms_post_read_request(request_rec *r)
{
    const mpcms_settings_t *settings = mpcms_server_settings(r->server);
    mpcms_request_context_t *context;
    mpcms_error_t *error = NULL;
    const char *host = NULL;
    const char *path = NULL;
    int status;

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

    status = redirect_to_routed_path(r, &path);
    if (status != OK) {
        return status;
    }

    context = apr_pcalloc(r->pool, sizeof(*context));
    mpcms_dbd_store_init(&context->store, r);
    if (detect(context, settings, host, path, r, &error) != APR_SUCCESS) {
        return mpcms_answer_unavailable(r, mpcms_error_format(error, r->pool));
    }
    if (context->domain_is_inactive) {
        ap_log_rerror(APLOG_MARK, APLOG_TRACE1, 0, r,
                      "custom domain %s of an inactive vendor, membership or "
                      "platform: 404",
                      host);
        return HTTP_NOT_FOUND;
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
