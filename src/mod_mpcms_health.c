/*
 * The health check URL for load balancers (MpcmsHealthPath). It returns
 * 200 with a small JSON body when a database connection works and the
 * schema version is the one this build needs, else 503 with the reason.
 * The body names no host, database or connection parameter.
 *
 * The check runs in post_read_request, before platform detection, and
 * sends the whole response there (returning DONE): detection reads the
 * database too, and its failure must not hide the health answer.
 */
#include <httpd.h>
#include <http_config.h>
#include <http_log.h>
#include <http_protocol.h>
#include <http_request.h>
#include <apr_lib.h>
#include <apr_strings.h>
#include <jansson.h>
#include <stdlib.h>

#include "mod_mpcms.h"
#include "schema.h"
#include "store.h"

APLOG_USE_MODULE(mpcms);

const char *mpcms_set_health_path(cmd_parms *cmd, void *dummy, const char *path)
{
    const char *error = ap_check_cmd_context(cmd, NOT_IN_DIR_CONTEXT);
    mpcms_settings_t *settings = mpcms_server_settings(cmd->server);
    const char *p;

    if (error != NULL) {
        return error;
    }
    if (strcasecmp(path, "off") == 0) {
        settings->health_path = "";
        return NULL;
    }
    for (p = path; *p != '\0'; p++) {
        if (!apr_isgraph(*p) || *p == '?' || *p == '#' || *p == '%') {
            break;
        }
    }
    if (path[0] != '/' || *p != '\0' || strlen(path) > 200) {
        return apr_psprintf(cmd->pool,
                            "%s: invalid URL path '%s': expected a path "
                            "such as /-/health (up to 200 characters, no "
                            "spaces, query or escapes), or Off",
                            cmd->cmd->name, path);
    }
    settings->health_path = path;
    return NULL;
}

/* Sends a JSON object and consumes the reference to it. */
static int write_json(request_rec *r, int status, json_t *body)
{
    char *text = json_dumps(body, JSON_COMPACT);
    apr_size_t length;

    json_decref(body);
    if (text == NULL) {
        return HTTP_INTERNAL_SERVER_ERROR;
    }
    length = strlen(text);

    r->status = status;
    ap_set_content_type(r, "application/json");
    apr_table_setn(r->headers_out, "Cache-Control", "no-store");
    ap_set_content_length(r, (apr_off_t)length);
    if (!r->header_only) {
        ap_rwrite(text, (int)length, r);
    }
    free(text);
    ap_finalize_request_protocol(r);
    return DONE;
}

static int answer_unhealthy(request_rec *r, const char *reason, int found)
{
    json_t *body =
        json_pack("{s:s, s:s, s:i}", "status", "unavailable", "reason", reason,
                  "required_schema_version", MPCMS_SCHEMA_VERSION);

    if (body != NULL && found >= 0) {
        json_object_set_new(body, "schema_version", json_integer(found));
    }
    apr_table_setn(r->err_headers_out, "Retry-After", "10");
    return write_json(r, HTTP_SERVICE_UNAVAILABLE, body);
}

int mpcms_health_post_read_request(request_rec *r)
{
    const mpcms_settings_t *settings = mpcms_server_settings(r->server);
    const char *path = mpcms_settings_health_path(settings);
    mpcms_error_t *error = NULL;
    mpcms_db_t db;
    apr_status_t rv;
    int found;

    if (path == NULL || !mpcms_settings_engine_on(settings) || r->uri == NULL
        || strcmp(r->uri, path) != 0 || r->prev != NULL || r->main != NULL) {
        return DECLINED;
    }
    /* httpd writes the Allow header of a 405 from r->allowed. */
    ap_allow_standard_methods(r, REPLACE_ALLOW, M_GET, -1);
    if (r->method_number != M_GET) {
        return HTTP_METHOD_NOT_ALLOWED;
    }

    /* The version is read on every call, so that the check proves a query. */
    if (!mpcms_dbd_acquire(&db, r)) {
        return answer_unhealthy(r, "database unreachable", -1);
    }
    rv = mpcms_schema_version(&found, &db, &error, r->pool);
    if (rv != APR_SUCCESS) {
        ap_log_rerror(APLOG_MARK, APLOG_DEBUG, rv, r,
                      "MPCMS00104: health check query failed: %s",
                      mpcms_error_format(error, r->pool));
        return answer_unhealthy(r, "database query failed", -1);
    }
    if (found != MPCMS_SCHEMA_VERSION) {
        return answer_unhealthy(
            r,
            found < MPCMS_SCHEMA_VERSION
                ? "schema outdated: run mpcms-admin migrate"
                : "schema newer than this mod_mpcms: upgrade the module",
            found);
    }

    return write_json(
        r, HTTP_OK,
        json_pack("{s:s, s:i, s:i}", "status", "ok", "schema_version", found,
                  "required_schema_version", MPCMS_SCHEMA_VERSION));
}
