/*
 * Directives of mod_mpcms: per-server configuration, validated in each
 * setter so that a wrong value fails the configuration test with the
 * directive and the value in the message.
 *
 * All directives are server and VirtualHost scope only: detection runs in
 * post_read_request, before per-directory configuration is merged.
 */
#include <apr_file_info.h>
#include <apr_strings.h>
#include <httpd.h>
#include <http_config.h>
#include <http_log.h>
#include <libxml/parser.h>
#include <stdlib.h>

#include "admin.h"
#include "host.h"
#include "mod_mpcms.h"
#include "names.h"
#include "render.h"

APLOG_USE_MODULE(mpcms);

void *mpcms_create_server_config(apr_pool_t *pool, server_rec *server)
{
    return mpcms_settings_make(pool);
}

void *mpcms_merge_server_config(apr_pool_t *pool, void *base, void *add)
{
    return mpcms_settings_merge(base, add, pool);
}

mpcms_settings_t *mpcms_server_settings(const server_rec *server)
{
    return ap_get_module_config(server->module_config, &mpcms_module);
}

static mpcms_settings_t *settings_of(cmd_parms *cmd)
{
    return mpcms_server_settings(cmd->server);
}

static const char *check_scope(cmd_parms *cmd)
{
    return ap_check_cmd_context(cmd, NOT_IN_DIR_CONTEXT);
}

static const char *invalid_prefix(cmd_parms *cmd, const char *value,
                                  const char *example)
{
    return apr_psprintf(
        cmd->pool,
        "%s: invalid path prefix '%s': expected '/' followed by "
        "path segments of lower-case letters, digits, '-' or "
        "'_', with no trailing slash (for example %s)",
        cmd->cmd->name, value, example);
}

static const char *check_platform_code(cmd_parms *cmd, const char *code)
{
    if (!mpcms_code_is_valid(code)) {
        return apr_psprintf(
            cmd->pool,
            "%s: invalid platform code '%s': use 1 to %d lower-case "
            "letters, digits, '-' or '_'",
            cmd->cmd->name, code, MPCMS_CODE_MAX);
    }
    return NULL;
}

const char *mpcms_set_engine(cmd_parms *cmd, void *dummy, int on)
{
    const char *error = check_scope(cmd);

    if (error != NULL) {
        return error;
    }
    settings_of(cmd)->engine = on;
    return NULL;
}

const char *mpcms_set_explain(cmd_parms *cmd, void *dummy, int on)
{
    const char *error = check_scope(cmd);

    if (error != NULL) {
        return error;
    }
    settings_of(cmd)->explain = on;
    return NULL;
}

const char *mpcms_add_platform_prefix(cmd_parms *cmd, void *dummy,
                                      const char *prefix, const char *code)
{
    mpcms_settings_t *settings = settings_of(cmd);
    const mpcms_prefix_rule_t *rules;
    mpcms_prefix_rule_t *rule;
    const char *error;
    int i;

    if ((error = check_scope(cmd)) != NULL
        || (error = check_platform_code(cmd, code)) != NULL) {
        return error;
    }
    if (!mpcms_path_prefix_is_valid(prefix)) {
        return invalid_prefix(cmd, prefix, "/oms");
    }

    if (settings->routing.prefixes == NULL) {
        settings->routing.prefixes =
            apr_array_make(cmd->pool, 4, sizeof(mpcms_prefix_rule_t));
    }
    rules = (const mpcms_prefix_rule_t *)settings->routing.prefixes->elts;
    for (i = 0; i < settings->routing.prefixes->nelts; i++) {
        if (strcmp(rules[i].prefix, prefix) == 0) {
            return apr_psprintf(cmd->pool,
                                "%s: path prefix '%s' is already mapped to "
                                "platform '%s' in this server",
                                cmd->cmd->name, prefix, rules[i].platform);
        }
    }

    rule = apr_array_push(settings->routing.prefixes);
    rule->prefix = prefix;
    rule->platform = code;
    return NULL;
}

const char *mpcms_add_platform_domain(cmd_parms *cmd, void *dummy,
                                      const char *domain, const char *code)
{
    mpcms_settings_t *settings = settings_of(cmd);
    const mpcms_domain_rule_t *rules;
    mpcms_domain_rule_t *rule;
    const char *error;
    const char *normalized;
    int i;

    if ((error = check_scope(cmd)) != NULL
        || (error = check_platform_code(cmd, code)) != NULL) {
        return error;
    }
    normalized = mpcms_host_normalize(domain, cmd->pool);
    if (normalized == NULL || strchr(domain, ':') != NULL
        || !mpcms_domain_is_valid(normalized)) {
        return apr_psprintf(
            cmd->pool,
            "%s: invalid domain '%s': expected a DNS name such as "
            "oms.lu, without scheme, port or wildcard (a domain "
            "covers its subdomains already)",
            cmd->cmd->name, domain);
    }

    if (settings->routing.domains == NULL) {
        settings->routing.domains =
            apr_array_make(cmd->pool, 4, sizeof(mpcms_domain_rule_t));
    }
    rules = (const mpcms_domain_rule_t *)settings->routing.domains->elts;
    for (i = 0; i < settings->routing.domains->nelts; i++) {
        if (strcmp(rules[i].domain, normalized) == 0) {
            return apr_psprintf(cmd->pool,
                                "%s: domain '%s' is already mapped to "
                                "platform '%s' in this server",
                                cmd->cmd->name, domain, rules[i].platform);
        }
    }

    rule = apr_array_push(settings->routing.domains);
    rule->domain = normalized;
    rule->platform = code;
    return NULL;
}

const char *mpcms_set_default_platform(cmd_parms *cmd, void *dummy,
                                       const char *code)
{
    const char *error;

    if ((error = check_scope(cmd)) != NULL
        || (error = check_platform_code(cmd, code)) != NULL) {
        return error;
    }
    settings_of(cmd)->routing.default_platform = code;
    return NULL;
}

/*
 * Loads the admin area's templates from the folder "admin" of directory,
 * when there is one. Whether a server with an admin area has them is
 * checked once the configuration is complete (check_servers).
 */
static apr_status_t load_admin_templates(mpcms_settings_t *settings,
                                         const char *directory,
                                         mpcms_error_t **error,
                                         apr_pool_t *pool)
{
    const char *folder = apr_pstrcat(pool, directory, "/admin", NULL);
    apr_finfo_t info;

    settings->admin_ui = NULL;
    if (apr_stat(&info, folder, APR_FINFO_TYPE, pool) != APR_SUCCESS
        || info.filetype != APR_DIR) {
        return APR_SUCCESS;
    }
    return mpcms_admin_ui_load((mpcms_admin_ui_t **)&settings->admin_ui, folder,
                               error, pool);
}

/*
 * Loads the themes right here, so that a template error fails the
 * configuration test (apachectl configtest) and not the first request.
 */
const char *mpcms_set_template_dir(cmd_parms *cmd, void *dummy,
                                   const char *path)
{
    mpcms_settings_t *settings = settings_of(cmd);
    const char *directory;
    mpcms_error_t *load_error = NULL;
    const char *error;
    apr_status_t rv;

    if ((error = check_scope(cmd)) != NULL) {
        return error;
    }
    directory = ap_server_root_relative(cmd->pool, path);
    if (directory == NULL) {
        return apr_psprintf(cmd->pool, "%s: invalid path '%s'", cmd->cmd->name,
                            path);
    }

    rv = mpcms_themes_load((mpcms_themes_t **)&settings->themes, directory,
                           mpcms_page_slots, &load_error, cmd->pool);
    if (rv == APR_SUCCESS) {
        rv = load_admin_templates(settings, directory, &load_error, cmd->pool);
    }
    if (rv != APR_SUCCESS) {
        return apr_psprintf(cmd->pool, "%s %s: %s", cmd->cmd->name, path,
                            mpcms_error_format(load_error, cmd->temp_pool));
    }
    settings->template_dir = directory;
    return NULL;
}

const char *mpcms_add_pass_through(cmd_parms *cmd, void *dummy,
                                   const char *prefix)
{
    mpcms_settings_t *settings = settings_of(cmd);
    const char *error;

    if ((error = check_scope(cmd)) != NULL) {
        return error;
    }
    if (!mpcms_path_prefix_is_valid(prefix)) {
        return invalid_prefix(cmd, prefix, "/shop");
    }
    if (settings->pass_through == NULL) {
        settings->pass_through =
            apr_array_make(cmd->pool, 4, sizeof(const char *));
    }
    APR_ARRAY_PUSH(settings->pass_through, const char *) = prefix;
    return NULL;
}

const char *mpcms_set_route_by_database(cmd_parms *cmd, void *dummy, int on)
{
    const char *error = check_scope(cmd);

    if (error != NULL) {
        return error;
    }
    settings_of(cmd)->route_by_database = on;
    return NULL;
}

const char *mpcms_set_admin_host(cmd_parms *cmd, void *dummy, const char *host)
{
    const char *error = check_scope(cmd);
    const char *normalized;

    if (error != NULL) {
        return error;
    }
    normalized = mpcms_host_normalize(host, cmd->pool);
    if (normalized == NULL || strchr(host, ':') != NULL
        || !mpcms_domain_is_valid(normalized)) {
        return apr_psprintf(
            cmd->pool,
            "%s: invalid host '%s': expected a DNS name such as "
            "admin.wizamart.lu, without scheme or port",
            cmd->cmd->name, host);
    }
    settings_of(cmd)->routing.admin_host = normalized;
    return NULL;
}

const char *mpcms_set_admin_path(cmd_parms *cmd, void *dummy, const char *path)
{
    const char *error = check_scope(cmd);

    if (error != NULL) {
        return error;
    }
    if (!mpcms_path_prefix_is_valid(path)) {
        return invalid_prefix(cmd, path, "/admin");
    }
    settings_of(cmd)->routing.admin_path = path;
    return NULL;
}

const char *mpcms_add_reserved_subdomain(cmd_parms *cmd, void *dummy,
                                         const char *label)
{
    mpcms_routing_t *routing = &settings_of(cmd)->routing;
    const char *error = check_scope(cmd);
    char *lower;

    if (error != NULL) {
        return error;
    }
    lower = apr_pstrdup(cmd->pool, label);
    ap_str_tolower(lower);
    if (!mpcms_label_is_valid(lower, strlen(lower))) {
        return apr_psprintf(cmd->pool,
                            "%s: invalid subdomain label '%s': use 1 to %d "
                            "letters, digits or inner '-'",
                            cmd->cmd->name, label, MPCMS_LABEL_MAX);
    }
    if (routing->reserved_subdomains == NULL) {
        routing->reserved_subdomains =
            apr_array_make(cmd->pool, 4, sizeof(const char *));
    }
    APR_ARRAY_PUSH(routing->reserved_subdomains, const char *) = lower;
    return NULL;
}

/* Reads a whole number within [minimum, maximum] for a global directive. */
static const char *parse_global_number(cmd_parms *cmd, const char *value,
                                       long minimum, long maximum, long *number)
{
    const char *error = ap_check_cmd_context(cmd, GLOBAL_ONLY);
    char *end;

    if (error != NULL) {
        return error;
    }
    *number = strtol(value, &end, 10);
    if (value[0] == '\0' || *end != '\0' || *number < minimum
        || *number > maximum) {
        return apr_psprintf(cmd->pool,
                            "%s: invalid value '%s': expected a whole number "
                            "from %ld to %ld",
                            cmd->cmd->name, value, minimum, maximum);
    }
    return NULL;
}

const char *mpcms_set_cache_ttl(cmd_parms *cmd, void *dummy, const char *value)
{
    long seconds;
    const char *error = parse_global_number(cmd, value, 0, 86400, &seconds);

    if (error != NULL) {
        return error;
    }
    settings_of(cmd)->cache_ttl = apr_time_from_sec(seconds);
    return NULL;
}

const char *mpcms_set_cache_entries(cmd_parms *cmd, void *dummy,
                                    const char *value)
{
    long entries;
    const char *error = parse_global_number(cmd, value, 1, 10000000, &entries);

    if (error != NULL) {
        return error;
    }
    settings_of(cmd)->cache_entries = (int)entries;
    return NULL;
}

/*
 * Checks every server that turns the engine on: it needs templates and
 * mod_dbd. Returns an error message, or NULL when all is well.
 */
static const char *check_servers(server_rec *servers, server_rec **failed)
{
    const char *dbd_error = NULL;
    int dbd_checked = 0;
    server_rec *s;

    for (s = servers; s != NULL; s = s->next) {
        const mpcms_settings_t *settings = mpcms_server_settings(s);

        if (!mpcms_settings_engine_on(settings)) {
            continue;
        }
        *failed = s;
        if (settings->themes == NULL) {
            return "MpcmsEngine is On but MpcmsTemplateDir is not set; add "
                   "MpcmsTemplateDir to this server or VirtualHost";
        }
        if ((settings->routing.admin_host != NULL
             || settings->routing.admin_path != NULL)
            && settings->admin_ui == NULL) {
            return "this server has an admin area (MpcmsAdminHost or "
                   "MpcmsAdminPath) but its MpcmsTemplateDir has no admin "
                   "folder; copy templates/admin of mod_mpcms there";
        }
        if (!dbd_checked) {
            dbd_error = mpcms_dbd_bind();
            dbd_checked = 1;
        }
        if (dbd_error != NULL) {
            return dbd_error;
        }
    }
    return NULL;
}

static void log_check_failure(server_rec *failed, const char *message)
{
    ap_log_error(APLOG_MARK, APLOG_CRIT, 0, failed,
                 "MPCMS00001: %s (server %s:%u)", message,
                 failed->server_hostname ? failed->server_hostname
                                         : "(unnamed)",
                 (unsigned)failed->port);
}

/*
 * Runs after the configuration is read, for a start and for the
 * configuration test alike (post_config does not run for the test).
 */
int mpcms_check_config(apr_pool_t *pconf, apr_pool_t *plog, apr_pool_t *ptemp,
                       server_rec *server)
{
    server_rec *failed = NULL;
    const char *message = check_servers(server, &failed);

    if (message != NULL) {
        log_check_failure(failed, message);
        return HTTP_INTERNAL_SERVER_ERROR;
    }
    return OK;
}

/*
 * Fills in defaults once the configuration is final. libxml2 is set up
 * here, in the parent, so that every child inherits it before any of its
 * threads runs the sanitizer.
 */
int mpcms_post_config(apr_pool_t *pconf, apr_pool_t *plog, apr_pool_t *ptemp,
                      server_rec *server)
{
    server_rec *s;

    xmlInitParser();

    for (s = server; s != NULL; s = s->next) {
        mpcms_settings_finalize(mpcms_server_settings(s), pconf);
    }
    return mpcms_cache_post_config(pconf, server);
}
