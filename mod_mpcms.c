/*
 * mod_mpcms: a multi-platform, multi-tenant CMS served by httpd.
 *
 * Per request, post_read_request detects the platform and vendor and
 * exports them. translate_name claims the URLs that are CMS pages, and the
 * content handler resolves the page through the fallback chain and renders
 * it. This file contains the directive table, the hook registration and
 * the module record. The directive setters are in src/mod_mpcms_config.c,
 * and the logic is in src/.
 */
#include <httpd.h>
#include <http_config.h>
#include <http_protocol.h>
#include <http_request.h>

#include "mod_mpcms.h"

/* Setters are in src/mod_mpcms_config.c; docs/CONFIGURATION.md has examples. */
static const command_rec mpcms_directives[] = {
    AP_INIT_FLAG(
        "MpcmsEngine", mpcms_set_engine, NULL, RSRC_CONF,
        "On to serve CMS pages in this server or VirtualHost (default Off)"),
    AP_INIT_TAKE2("MpcmsPlatformPrefix", mpcms_add_platform_prefix, NULL,
                  RSRC_CONF,
                  "URL path prefix and the code of the platform it selects, "
                  "for example: /oms oms"),
    AP_INIT_TAKE2("MpcmsPlatformDomain", mpcms_add_platform_domain, NULL,
                  RSRC_CONF,
                  "Domain and the code of the platform it and its subdomains "
                  "select, for example: oms.lu oms"),
    AP_INIT_TAKE1(
        "MpcmsDefaultPlatform", mpcms_set_default_platform, NULL, RSRC_CONF,
        "Code of the platform for requests no prefix or domain selects"),
    AP_INIT_TAKE1(
        "MpcmsTemplateDir", mpcms_set_template_dir, NULL, RSRC_CONF,
        "Folder of page templates: shared/ plus one folder per platform "
        "code (relative paths are under ServerRoot)"),
    AP_INIT_FLAG(
        "MpcmsExplain", mpcms_set_explain, NULL, RSRC_CONF,
        "On to add an X-Mpcms-Resolution response header that says how "
        "each page was found (default Off; it reveals the site's structure)"),
    AP_INIT_ITERATE(
        "MpcmsPassThrough", mpcms_add_pass_through, NULL, RSRC_CONF,
        "Path prefixes inside a platform or storefront left to other "
        "handlers, such as a proxied shop (default: /shop /static)"),
    AP_INIT_TAKE1("MpcmsHealthPath", mpcms_set_health_path, NULL, RSRC_CONF,
                  "URL path of the health check for load balancers, such as "
                  "/-/health, or Off (default Off)"),
    AP_INIT_FLAG("MpcmsRouteByDatabase", mpcms_set_route_by_database, NULL,
                 RSRC_CONF,
                 "On to also route by the domain and path_prefix columns of "
                 "platforms that no directive of this server names (default "
                 "Off)"),
    AP_INIT_TAKE1("MpcmsAdminHost", mpcms_set_admin_host, NULL, RSRC_CONF,
                  "Host name that serves the super admin area, for example "
                  "admin.wizamart.lu"),
    AP_INIT_TAKE1("MpcmsAdminPath", mpcms_set_admin_path, NULL, RSRC_CONF,
                  "Path prefix that serves the super admin area on any host, "
                  "for example /admin"),
    AP_INIT_ITERATE("MpcmsReservedSubdomains", mpcms_add_reserved_subdomain,
                    NULL, RSRC_CONF,
                    "Subdomain labels of platform domains that are never "
                    "vendors, besides www and admin"),
    AP_INIT_TAKE1("MpcmsCacheTTL", mpcms_set_cache_ttl, NULL, RSRC_CONF,
                  "Seconds a cached platform, vendor or domain lookup is kept; "
                  "a direct database change shows within this time (main "
                  "server only, default 10, 0 turns caching off)"),
    AP_INIT_TAKE1("MpcmsCacheEntries", mpcms_set_cache_entries, NULL, RSRC_CONF,
                  "Maximum number of cached lookups per child process, unknown "
                  "hosts included (main server only, default 10000)"),
    { NULL }
};

static const char *const dbd_module_first[] = { "mod_dbd.c", NULL };

static void mpcms_register_hooks(apr_pool_t *pool)
{
    /*
     * The health URL is answered before detection, which reads the
     * database and would answer a failure with an HTML 503 of its own.
     */
    ap_hook_post_read_request(mpcms_health_post_read_request, NULL, NULL,
                              APR_HOOK_REALLY_FIRST - 1);
    /* First, so that no other module reads a client's X-Mpcms-* copies. */
    ap_hook_post_read_request(mpcms_post_read_request, NULL, NULL,
                              APR_HOOK_REALLY_FIRST);
    ap_hook_post_config(mpcms_post_config, NULL, NULL, APR_HOOK_MIDDLE);
    ap_hook_check_config(mpcms_check_config, NULL, NULL, APR_HOOK_MIDDLE);
    ap_hook_child_init(mpcms_cache_child_init, NULL, NULL, APR_HOOK_MIDDLE);

    /* After mod_dbd has made the child's connection pool. */
    ap_hook_child_init(mpcms_dbd_child_init, dbd_module_first, NULL,
                       APR_HOOK_MIDDLE);

    /* After mod_proxy and mod_rewrite (APR_HOOK_FIRST), so their rules win. */
    ap_hook_translate_name(mpcms_translate_name, NULL, NULL, APR_HOOK_MIDDLE);
    ap_hook_map_to_storage(mpcms_map_to_storage, NULL, NULL, APR_HOOK_FIRST);
    ap_hook_handler(mpcms_page_handler, NULL, NULL, APR_HOOK_MIDDLE);
}

AP_DECLARE_MODULE(mpcms) = {
    STANDARD20_MODULE_STUFF,
    NULL,                       /* per-directory config: none */
    NULL,                       /* merge per-directory config */
    mpcms_create_server_config, /* per-server config */
    mpcms_merge_server_config,  /* merge per-server config */
    mpcms_directives,           /* directive table */
    mpcms_register_hooks,       /* hook registration */
    AP_MODULE_FLAG_NONE         /* flags */
};
