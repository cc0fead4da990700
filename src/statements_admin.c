/*
 * SQL of the admin area and its accounts, with the column lists that
 * read each query's rows (record.h). A column list and the SELECT it
 * reads share a macro, so they cannot drift apart.
 *
 * PostgreSQL texts differ from the SQLite ones only where PostgreSQL
 * needs it: apr_dbd declares %s parameters as varchar, so a parameter
 * stored as BOOLEAN, JSONB or TIMESTAMPTZ gets a cast; rows that a write
 * depends on are locked with FOR UPDATE (SQLite's BEGIN IMMEDIATE already
 * keeps other writers out); and "now" is now() rather than strftime.
 * Times the module compares are passed in as 2026-01-31T12:00:00Z, which
 * SQLite compares as text. "%%" is a literal '%' for apr_dbd.
 */
#include <stddef.h>

#include "record.h"
#include "statements.h"

#define SQLITE_NOW "strftime('%%Y-%%m-%%dT%%H:%%M:%%SZ', 'now')"
#define PGSQL_NOW  "now()"

#define ADMIN(id) [(id)-MPCMS_SQL_ADMIN_FIRST]

/* ---- column lists ---- */

#define PLATFORM_SELECT                                                        \
    "SELECT p.id, p.code, p.name, p.description, p.domain, p.path_prefix,"     \
    "       p.logo, p.theme_config, p.is_active, p.default_language,"          \
    "       p.supported_languages, p.timezone, p.version, p.created_at,"       \
    "       p.updated_at"                                                      \
    "  FROM platforms p"

const mpcms_column_t mpcms_platform_columns[] = {
    { "id", MPCMS_COLUMN_INT },
    { "code", MPCMS_COLUMN_TEXT },
    { "name", MPCMS_COLUMN_TEXT },
    { "description", MPCMS_COLUMN_TEXT },
    { "domain", MPCMS_COLUMN_TEXT },
    { "path_prefix", MPCMS_COLUMN_TEXT },
    { "logo", MPCMS_COLUMN_TEXT },
    { "theme_config", MPCMS_COLUMN_JSON },
    { "is_active", MPCMS_COLUMN_BOOL },
    { "default_language", MPCMS_COLUMN_TEXT },
    { "supported_languages", MPCMS_COLUMN_JSON },
    { "timezone", MPCMS_COLUMN_TEXT },
    { "version", MPCMS_COLUMN_INT },
    { "created_at", MPCMS_COLUMN_TIME },
    { "updated_at", MPCMS_COLUMN_TIME },
    { NULL, MPCMS_COLUMN_TEXT },
};

/* content is the body in a single page, NULL in lists. */
#define PAGE_SELECT(content)                                                   \
    "SELECT cp.id, p.code, v.code, cp.slug, cp.title, " content ","            \
    "       cp.meta_description, cp.meta_keywords, cp.is_platform_page,"       \
    "       cp.is_published, cp.show_in_nav, cp.sort_order, cp.version,"       \
    "       cp.created_at, cp.updated_at"                                      \
    "  FROM content_pages cp"                                                  \
    "  JOIN platforms p ON p.id = cp.platform_id"                              \
    "  LEFT JOIN vendors v ON v.id = cp.vendor_id"

const mpcms_column_t mpcms_page_columns[] = {
    { "id", MPCMS_COLUMN_INT },
    { "platform", MPCMS_COLUMN_TEXT },
    { "vendor", MPCMS_COLUMN_TEXT },
    { "slug", MPCMS_COLUMN_TEXT },
    { "title", MPCMS_COLUMN_TEXT },
    { "content", MPCMS_COLUMN_TEXT },
    { "meta_description", MPCMS_COLUMN_TEXT },
    { "meta_keywords", MPCMS_COLUMN_TEXT },
    { "is_platform_page", MPCMS_COLUMN_BOOL },
    { "is_published", MPCMS_COLUMN_BOOL },
    { "show_in_nav", MPCMS_COLUMN_BOOL },
    { "sort_order", MPCMS_COLUMN_INT },
    { "version", MPCMS_COLUMN_INT },
    { "created_at", MPCMS_COLUMN_TIME },
    { "updated_at", MPCMS_COLUMN_TIME },
    { NULL, MPCMS_COLUMN_TEXT },
};

/*
 * Every page with its source: "platform" (a marketing page), "default" (a
 * default for vendors), "override" (a vendor's page whose slug has a
 * default on the same platform) or "custom" (any other vendor page).
 * Filters bound as NULL match everything.
 */
#define CONTENT_FROM                                                           \
    "  FROM (SELECT cp.id, p.code AS platform, v.code AS vendor, cp.slug,"     \
    "               cp.title,"                                                 \
    "               CASE WHEN cp.vendor_id IS NULL AND cp.is_platform_page"    \
    "                    THEN 'platform'"                                      \
    "                    WHEN cp.vendor_id IS NULL THEN 'default'"             \
    "                    WHEN EXISTS (SELECT 1 FROM content_pages d"           \
    "                                  WHERE d.platform_id = cp.platform_id"   \
    "                                    AND d.vendor_id IS NULL"              \
    "                                    AND NOT d.is_platform_page"           \
    "                                    AND d.slug = cp.slug)"                \
    "                    THEN 'override'"                                      \
    "                    ELSE 'custom' END AS source,"                         \
    "               cp.is_published, cp.updated_at"                            \
    "          FROM content_pages cp"                                          \
    "          JOIN platforms p ON p.id = cp.platform_id"                      \
    "          LEFT JOIN vendors v ON v.id = cp.vendor_id) x"                  \
    " WHERE (%s IS NULL OR x.platform = %s)"                                   \
    "   AND (%s IS NULL OR x.vendor = %s)"                                     \
    "   AND (%s IS NULL OR x.source = %s)"

const mpcms_column_t mpcms_content_columns[] = {
    { "id", MPCMS_COLUMN_INT },
    { "platform", MPCMS_COLUMN_TEXT },
    { "vendor", MPCMS_COLUMN_TEXT },
    { "slug", MPCMS_COLUMN_TEXT },
    { "title", MPCMS_COLUMN_TEXT },
    { "source", MPCMS_COLUMN_TEXT },
    { "is_published", MPCMS_COLUMN_BOOL },
    { "updated_at", MPCMS_COLUMN_TIME },
    { NULL, MPCMS_COLUMN_TEXT },
};

#define VENDOR_SELECT                                                          \
    "SELECT v.id, v.code, v.name, v.contact_email, v.is_active, v.version,"    \
    "       v.created_at, v.updated_at,"                                       \
    "       (SELECT count(*) FROM vendor_platforms vp"                         \
    "         WHERE vp.vendor_id = v.id)"                                      \
    "  FROM vendors v"

const mpcms_column_t mpcms_vendor_columns[] = {
    { "id", MPCMS_COLUMN_INT },          { "code", MPCMS_COLUMN_TEXT },
    { "name", MPCMS_COLUMN_TEXT },       { "contact_email", MPCMS_COLUMN_TEXT },
    { "is_active", MPCMS_COLUMN_BOOL },  { "version", MPCMS_COLUMN_INT },
    { "created_at", MPCMS_COLUMN_TIME }, { "updated_at", MPCMS_COLUMN_TIME },
    { "memberships", MPCMS_COLUMN_INT }, { NULL, MPCMS_COLUMN_TEXT },
};

#define MEMBERSHIP_SELECT                                                      \
    "SELECT vp.id, v.code, p.code, t.code, vp.is_active, vp.is_primary,"       \
    "       vp.custom_subdomain, vp.joined_at, vp.platform_id"                 \
    "  FROM vendor_platforms vp"                                               \
    "  JOIN vendors v ON v.id = vp.vendor_id"                                  \
    "  JOIN platforms p ON p.id = vp.platform_id"                              \
    "  LEFT JOIN subscription_tiers t ON t.id = vp.tier_id"

const mpcms_column_t mpcms_membership_columns[] = {
    { "id", MPCMS_COLUMN_INT },
    { "vendor", MPCMS_COLUMN_TEXT },
    { "platform", MPCMS_COLUMN_TEXT },
    { "tier", MPCMS_COLUMN_TEXT },
    { "is_active", MPCMS_COLUMN_BOOL },
    { "is_primary", MPCMS_COLUMN_BOOL },
    { "custom_subdomain", MPCMS_COLUMN_TEXT },
    { "joined_at", MPCMS_COLUMN_TIME },
    { "platform_id", MPCMS_COLUMN_KEY },
    { NULL, MPCMS_COLUMN_TEXT },
};

#define DOMAIN_SELECT                                                          \
    "SELECT d.id, d.domain, v.code, p.code, d.is_verified, d.is_active,"       \
    "       d.is_primary, d.created_at, d.verified_at"                         \
    "  FROM vendor_domains d"                                                  \
    "  JOIN vendors v ON v.id = d.vendor_id"                                   \
    "  JOIN platforms p ON p.id = d.platform_id"

const mpcms_column_t mpcms_domain_columns[] = {
    { "id", MPCMS_COLUMN_INT },           { "domain", MPCMS_COLUMN_TEXT },
    { "vendor", MPCMS_COLUMN_TEXT },      { "platform", MPCMS_COLUMN_TEXT },
    { "is_verified", MPCMS_COLUMN_BOOL }, { "is_active", MPCMS_COLUMN_BOOL },
    { "is_primary", MPCMS_COLUMN_BOOL },  { "created_at", MPCMS_COLUMN_TIME },
    { "verified_at", MPCMS_COLUMN_TIME }, { NULL, MPCMS_COLUMN_TEXT },
};

#define TIER_SELECT                                                            \
    "SELECT t.id, p.code, t.code, t.name, t.sort_order, t.cms_pages_limit,"    \
    "       t.cms_custom_pages_limit, t.is_active, t.created_at,"              \
    "       t.updated_at"                                                      \
    "  FROM subscription_tiers t"                                              \
    "  JOIN platforms p ON p.id = t.platform_id"

const mpcms_column_t mpcms_tier_columns[] = {
    { "id", MPCMS_COLUMN_INT },
    { "platform", MPCMS_COLUMN_TEXT },
    { "code", MPCMS_COLUMN_TEXT },
    { "name", MPCMS_COLUMN_TEXT },
    { "sort_order", MPCMS_COLUMN_INT },
    { "cms_pages_limit", MPCMS_COLUMN_INT },
    { "cms_custom_pages_limit", MPCMS_COLUMN_INT },
    { "is_active", MPCMS_COLUMN_BOOL },
    { "created_at", MPCMS_COLUMN_TIME },
    { "updated_at", MPCMS_COLUMN_TIME },
    { NULL, MPCMS_COLUMN_TEXT },
};

#define USER_SELECT                                                            \
    "SELECT u.id, u.email, u.role, u.is_active, u.created_at, u.updated_at,"   \
    "       u.last_login_at"                                                   \
    "  FROM users u"

const mpcms_column_t mpcms_user_columns[] = {
    { "id", MPCMS_COLUMN_INT },
    { "email", MPCMS_COLUMN_TEXT },
    { "role", MPCMS_COLUMN_TEXT },
    { "is_active", MPCMS_COLUMN_BOOL },
    { "created_at", MPCMS_COLUMN_TIME },
    { "updated_at", MPCMS_COLUMN_TIME },
    { "last_login_at", MPCMS_COLUMN_TIME },
    { NULL, MPCMS_COLUMN_TEXT },
};

#define TOKEN_SELECT                                                           \
    "SELECT k.id, k.name, k.token_prefix, u.email, k.created_at,"              \
    "       k.last_used_at, k.revoked_at"                                      \
    "  FROM api_tokens k"                                                      \
    "  JOIN users u ON u.id = k.user_id"

const mpcms_column_t mpcms_token_columns[] = {
    { "id", MPCMS_COLUMN_INT },          { "name", MPCMS_COLUMN_TEXT },
    { "prefix", MPCMS_COLUMN_TEXT },     { "owner", MPCMS_COLUMN_TEXT },
    { "created_at", MPCMS_COLUMN_TIME }, { "last_used_at", MPCMS_COLUMN_TIME },
    { "revoked_at", MPCMS_COLUMN_TIME }, { NULL, MPCMS_COLUMN_TEXT },
};

#define AUDIT_SELECT                                                           \
    "SELECT a.id, a.created_at, a.actor, a.action, a.entity, a.entity_key,"    \
    "       a.before_data, a.after_data, a.client_address"                     \
    "  FROM audit_log a"

/* Filters bound as NULL match everything. */
#define AUDIT_WHERE                                                            \
    " WHERE (%s IS NULL OR a.entity = %s)"                                     \
    "   AND (%s IS NULL OR a.actor = %s)"                                      \
    "   AND (%s IS NULL OR a.action = %s)"                                     \
    "   AND (%s IS NULL OR a.entity_key = %s)"

const mpcms_column_t mpcms_audit_columns[] = {
    { "id", MPCMS_COLUMN_INT },
    { "created_at", MPCMS_COLUMN_TIME },
    { "actor", MPCMS_COLUMN_TEXT },
    { "action", MPCMS_COLUMN_TEXT },
    { "entity", MPCMS_COLUMN_TEXT },
    { "entity_key", MPCMS_COLUMN_TEXT },
    { "before", MPCMS_COLUMN_JSON },
    { "after", MPCMS_COLUMN_JSON },
    { "client_address", MPCMS_COLUMN_TEXT },
    { NULL, MPCMS_COLUMN_TEXT },
};

const mpcms_column_t mpcms_dashboard_columns[] = {
    { "code", MPCMS_COLUMN_TEXT },
    { "name", MPCMS_COLUMN_TEXT },
    { "is_active", MPCMS_COLUMN_BOOL },
    { "marketing_pages", MPCMS_COLUMN_INT },
    { "default_pages", MPCMS_COLUMN_INT },
    { "vendor_pages", MPCMS_COLUMN_INT },
    { "vendors", MPCMS_COLUMN_INT },
    { "tiers", MPCMS_COLUMN_INT },
    { NULL, MPCMS_COLUMN_TEXT },
};

/* ---- statements ---- */

static const mpcms_statement_t
    admin_statements[MPCMS_SQL_COUNT - MPCMS_SQL_ADMIN_FIRST] = {
        /* Accounts. */
        ADMIN(MPCMS_SQL_USER_BY_EMAIL) = {
            "mpcms_user_by_email", 1,
            "SELECT id, email, password_hash, role, is_active"
            "  FROM users WHERE email = %s",
            NULL,
        },
        ADMIN(MPCMS_SQL_USER_GET) = {
            "mpcms_user_get", 1,
            USER_SELECT " WHERE u.id = %ld",
            NULL,
        },
        ADMIN(MPCMS_SQL_USER_COUNT) = {
            "mpcms_user_count", 0,
            "SELECT count(*) FROM users",
            NULL,
        },
        ADMIN(MPCMS_SQL_USER_LIST) = {
            "mpcms_user_list", 2,
            USER_SELECT " ORDER BY u.email LIMIT %d OFFSET %d",
            NULL,
        },
        ADMIN(MPCMS_SQL_USER_EMAIL_TAKEN) = {
            "mpcms_user_email_taken", 2,
            "SELECT id FROM users WHERE email = %s AND id <> %ld",
            NULL,
        },
        ADMIN(MPCMS_SQL_USER_INSERT) = {
            "mpcms_user_insert", 4,
            "INSERT INTO users (email, password_hash, role, is_active)"
            " VALUES (%s, %s, %s, %s) RETURNING id",
            "INSERT INTO users (email, password_hash, role, is_active)"
            " VALUES (%s, %s, %s, %s::boolean) RETURNING id",
        },
        ADMIN(MPCMS_SQL_USER_UPDATE) = {
            "mpcms_user_update", 4,
            "UPDATE users SET email = %s, role = %s, is_active = %s,"
            "       updated_at = " SQLITE_NOW " WHERE id = %ld",
            "UPDATE users SET email = %s, role = %s, is_active = %s::boolean,"
            "       updated_at = " PGSQL_NOW " WHERE id = %ld",
        },
        ADMIN(MPCMS_SQL_USER_SET_PASSWORD) = {
            "mpcms_user_set_password", 2,
            "UPDATE users SET password_hash = %s,"
            "       updated_at = " SQLITE_NOW " WHERE id = %ld",
            "UPDATE users SET password_hash = %s,"
            "       updated_at = " PGSQL_NOW " WHERE id = %ld",
        },
        ADMIN(MPCMS_SQL_USER_SET_ACTIVE) = {
            "mpcms_user_set_active", 2,
            "UPDATE users SET is_active = %s,"
            "       updated_at = " SQLITE_NOW " WHERE id = %ld",
            "UPDATE users SET is_active = %s::boolean,"
            "       updated_at = " PGSQL_NOW " WHERE id = %ld",
        },
        ADMIN(MPCMS_SQL_USER_TOUCH_LOGIN) = {
            "mpcms_user_touch_login", 2,
            "UPDATE users SET last_login_at = %s WHERE id = %ld",
            "UPDATE users SET last_login_at = %s::timestamptz WHERE id = %ld",
        },
        ADMIN(MPCMS_SQL_USER_VENDORS) = {
            "mpcms_user_vendors", 1,
            "SELECT v.code FROM vendor_users vu"
            "  JOIN vendors v ON v.id = vu.vendor_id"
            " WHERE vu.user_id = %ld ORDER BY v.code",
            NULL,
        },
        ADMIN(MPCMS_SQL_USER_VENDORS_CLEAR) = {
            "mpcms_user_vendors_clear", 1,
            "DELETE FROM vendor_users WHERE user_id = %ld",
            NULL,
        },
        ADMIN(MPCMS_SQL_USER_VENDOR_ADD) = {
            "mpcms_user_vendor_add", 2,
            "INSERT INTO vendor_users (user_id, vendor_id)"
            " SELECT %ld, id FROM vendors WHERE code = %s",
            NULL,
        },
        ADMIN(MPCMS_SQL_SUPER_ADMIN_COUNT) = {
            "mpcms_super_admin_count", 0,
            "SELECT count(*) FROM users"
            " WHERE role = 'super_admin' AND is_active",
            NULL,
        },

        /* Sessions. */
        ADMIN(MPCMS_SQL_SESSION_INSERT) = {
            "mpcms_session_insert", 7,
            "INSERT INTO sessions (token_hash, user_id, csrf_token,"
            "       client_address, created_at, last_seen_at, expires_at)"
            " VALUES (%s, %ld, %s, %s, %s, %s, %s)",
            "INSERT INTO sessions (token_hash, user_id, csrf_token,"
            "       client_address, created_at, last_seen_at, expires_at)"
            " VALUES (%s, %ld, %s, %s, %s::timestamptz, %s::timestamptz,"
            "         %s::timestamptz)",
        },
        /* A live session: not expired, not idle too long, user active. */
        ADMIN(MPCMS_SQL_SESSION_GET) = {
            "mpcms_session_get", 3,
            "SELECT s.id, u.id, u.email, u.role, s.csrf_token, s.last_seen_at"
            "  FROM sessions s JOIN users u ON u.id = s.user_id"
            " WHERE s.token_hash = %s AND s.expires_at > %s"
            "   AND s.last_seen_at > %s AND u.is_active",
            "SELECT s.id, u.id, u.email, u.role, s.csrf_token, s.last_seen_at"
            "  FROM sessions s JOIN users u ON u.id = s.user_id"
            " WHERE s.token_hash = %s AND s.expires_at > %s::timestamptz"
            "   AND s.last_seen_at > %s::timestamptz AND u.is_active",
        },
        ADMIN(MPCMS_SQL_SESSION_TOUCH) = {
            "mpcms_session_touch", 2,
            "UPDATE sessions SET last_seen_at = %s WHERE id = %ld",
            "UPDATE sessions SET last_seen_at = %s::timestamptz"
            " WHERE id = %ld",
        },
        ADMIN(MPCMS_SQL_SESSION_DELETE) = {
            "mpcms_session_delete", 1,
            "DELETE FROM sessions WHERE token_hash = %s",
            NULL,
        },
        ADMIN(MPCMS_SQL_SESSION_DELETE_USER) = {
            "mpcms_session_delete_user", 1,
            "DELETE FROM sessions WHERE user_id = %ld",
            NULL,
        },
        ADMIN(MPCMS_SQL_SESSION_PURGE) = {
            "mpcms_session_purge", 2,
            "DELETE FROM sessions WHERE expires_at <= %s"
            "    OR last_seen_at <= %s",
            "DELETE FROM sessions WHERE expires_at <= %s::timestamptz"
            "    OR last_seen_at <= %s::timestamptz",
        },

        /* Failed logins, newest first, within the window. */
        ADMIN(MPCMS_SQL_FAILURES_BY_ACCOUNT) = {
            "mpcms_failures_by_account", 3,
            "SELECT failed_at FROM login_failures"
            " WHERE account = %s AND failed_at > %s"
            " ORDER BY failed_at DESC LIMIT %d",
            "SELECT failed_at FROM login_failures"
            " WHERE account = %s AND failed_at > %s::timestamptz"
            " ORDER BY failed_at DESC LIMIT %d",
        },
        ADMIN(MPCMS_SQL_FAILURES_BY_ADDRESS) = {
            "mpcms_failures_by_address", 3,
            "SELECT failed_at FROM login_failures"
            " WHERE client_address = %s AND failed_at > %s"
            " ORDER BY failed_at DESC LIMIT %d",
            "SELECT failed_at FROM login_failures"
            " WHERE client_address = %s AND failed_at > %s::timestamptz"
            " ORDER BY failed_at DESC LIMIT %d",
        },
        ADMIN(MPCMS_SQL_FAILURE_INSERT) = {
            "mpcms_failure_insert", 3,
            "INSERT INTO login_failures (account, client_address, failed_at)"
            " VALUES (%s, %s, %s)",
            "INSERT INTO login_failures (account, client_address, failed_at)"
            " VALUES (%s, %s, %s::timestamptz)",
        },
        ADMIN(MPCMS_SQL_FAILURES_CLEAR_ACCOUNT) = {
            "mpcms_failures_clear_account", 1,
            "DELETE FROM login_failures WHERE account = %s",
            NULL,
        },
        ADMIN(MPCMS_SQL_FAILURES_PURGE) = {
            "mpcms_failures_purge", 1,
            "DELETE FROM login_failures WHERE failed_at <= %s",
            "DELETE FROM login_failures WHERE failed_at <= %s::timestamptz",
        },

        /* API tokens. */
        ADMIN(MPCMS_SQL_TOKEN_COUNT) = {
            "mpcms_token_count", 0,
            "SELECT count(*) FROM api_tokens",
            NULL,
        },
        ADMIN(MPCMS_SQL_TOKEN_LIST) = {
            "mpcms_token_list", 2,
            TOKEN_SELECT " ORDER BY k.id DESC LIMIT %d OFFSET %d",
            NULL,
        },
        ADMIN(MPCMS_SQL_TOKEN_GET) = {
            "mpcms_token_get", 1,
            TOKEN_SELECT " WHERE k.id = %ld",
            NULL,
        },
        ADMIN(MPCMS_SQL_TOKEN_INSERT) = {
            "mpcms_token_insert", 5,
            "INSERT INTO api_tokens (user_id, name, token_hash, token_prefix,"
            "       created_at)"
            " VALUES (%ld, %s, %s, %s, %s) RETURNING id",
            "INSERT INTO api_tokens (user_id, name, token_hash, token_prefix,"
            "       created_at)"
            " VALUES (%ld, %s, %s, %s, %s::timestamptz) RETURNING id",
        },
        /* A token that is not revoked, of an active user. */
        ADMIN(MPCMS_SQL_TOKEN_LOOKUP) = {
            "mpcms_token_lookup", 1,
            "SELECT k.id, u.id, u.email, u.role, k.last_used_at"
            "  FROM api_tokens k JOIN users u ON u.id = k.user_id"
            " WHERE k.token_hash = %s AND k.revoked_at IS NULL"
            "   AND u.is_active",
            NULL,
        },
        ADMIN(MPCMS_SQL_TOKEN_TOUCH) = {
            "mpcms_token_touch", 2,
            "UPDATE api_tokens SET last_used_at = %s WHERE id = %ld",
            "UPDATE api_tokens SET last_used_at = %s::timestamptz"
            " WHERE id = %ld",
        },
        ADMIN(MPCMS_SQL_TOKEN_REVOKE) = {
            "mpcms_token_revoke", 2,
            "UPDATE api_tokens SET revoked_at = %s"
            " WHERE id = %ld AND revoked_at IS NULL",
            "UPDATE api_tokens SET revoked_at = %s::timestamptz"
            " WHERE id = %ld AND revoked_at IS NULL",
        },
        ADMIN(MPCMS_SQL_TOKENS_REVOKE_USER) = {
            "mpcms_tokens_revoke_user", 2,
            "UPDATE api_tokens SET revoked_at = %s"
            " WHERE user_id = %ld AND revoked_at IS NULL",
            "UPDATE api_tokens SET revoked_at = %s::timestamptz"
            " WHERE user_id = %ld AND revoked_at IS NULL",
        },

        /* The audit log. */
        ADMIN(MPCMS_SQL_AUDIT_INSERT) = {
            "mpcms_audit_insert", 9,
            "INSERT INTO audit_log (created_at, user_id, actor, action,"
            "       entity, entity_key, before_data, after_data,"
            "       client_address)"
            " VALUES (%s, %ld, %s, %s, %s, %s, %s, %s, %s)",
            "INSERT INTO audit_log (created_at, user_id, actor, action,"
            "       entity, entity_key, before_data, after_data,"
            "       client_address)"
            " VALUES (%s::timestamptz, %ld, %s, %s, %s, %s, %s::jsonb,"
            "         %s::jsonb, %s)",
        },
        ADMIN(MPCMS_SQL_AUDIT_COUNT) = {
            "mpcms_audit_count", 8,
            "SELECT count(*) FROM audit_log a" AUDIT_WHERE,
            NULL,
        },
        ADMIN(MPCMS_SQL_AUDIT_LIST) = {
            "mpcms_audit_list", 10,
            AUDIT_SELECT AUDIT_WHERE " ORDER BY a.id DESC LIMIT %d OFFSET %d",
            NULL,
        },
        /* mpcms-admin prune-audit: rows written before a time. */
        ADMIN(MPCMS_SQL_AUDIT_PRUNE) = {
            "mpcms_audit_prune", 1,
            "DELETE FROM audit_log WHERE created_at < %s",
            "DELETE FROM audit_log WHERE created_at < %s::timestamptz",
        },

        /* The dashboard: one row per platform, then totals. */
        ADMIN(MPCMS_SQL_DASHBOARD) = {
            "mpcms_dashboard", 0,
            "SELECT p.code, p.name, p.is_active,"
            "       (SELECT count(*) FROM content_pages cp"
            "         WHERE cp.platform_id = p.id AND cp.vendor_id IS NULL"
            "           AND cp.is_platform_page),"
            "       (SELECT count(*) FROM content_pages cp"
            "         WHERE cp.platform_id = p.id AND cp.vendor_id IS NULL"
            "           AND NOT cp.is_platform_page),"
            "       (SELECT count(*) FROM content_pages cp"
            "         WHERE cp.platform_id = p.id"
            "           AND cp.vendor_id IS NOT NULL),"
            "       (SELECT count(*) FROM vendor_platforms vp"
            "         WHERE vp.platform_id = p.id AND vp.is_active),"
            "       (SELECT count(*) FROM subscription_tiers t"
            "         WHERE t.platform_id = p.id)"
            "  FROM platforms p ORDER BY p.code",
            NULL,
        },
        ADMIN(MPCMS_SQL_TOTALS) = {
            "mpcms_totals", 0,
            "SELECT (SELECT count(*) FROM platforms),"
            "       (SELECT count(*) FROM vendors),"
            "       (SELECT count(*) FROM users),"
            "       (SELECT count(*) FROM content_pages)",
            NULL,
        },

        /* Platforms. */
        ADMIN(MPCMS_SQL_ADMIN_PLATFORM_COUNT) = {
            "mpcms_admin_platform_count", 0,
            "SELECT count(*) FROM platforms",
            NULL,
        },
        ADMIN(MPCMS_SQL_ADMIN_PLATFORM_LIST) = {
            "mpcms_admin_platform_list", 2,
            PLATFORM_SELECT " ORDER BY p.code LIMIT %d OFFSET %d",
            NULL,
        },
        ADMIN(MPCMS_SQL_ADMIN_PLATFORM_GET) = {
            "mpcms_admin_platform_get", 1,
            PLATFORM_SELECT " WHERE p.code = %s",
            NULL,
        },
        /* Locks a platform while its pages, tiers or row change. */
        ADMIN(MPCMS_SQL_ADMIN_PLATFORM_LOCK) = {
            "mpcms_admin_platform_lock", 1,
            "SELECT id FROM platforms WHERE code = %s",
            "SELECT id FROM platforms WHERE code = %s FOR UPDATE",
        },
        /* Which unique column another platform already has: args are
         * code, domain, path_prefix, then the id to leave out (0: none). */
        ADMIN(MPCMS_SQL_ADMIN_PLATFORM_TAKEN) = {
            "mpcms_admin_platform_taken", 6,
            "SELECT CASE WHEN code = %s THEN 'code'"
            "            WHEN domain = %s THEN 'domain'"
            "            ELSE 'path_prefix' END"
            "  FROM platforms"
            " WHERE (code = %s OR domain = %s OR path_prefix = %s)"
            "   AND id <> %ld"
            " LIMIT 1",
            NULL,
        },
        /*
         * The vendor custom domains that a platform domain would take
         * over or sit below: equal, a name below it, or a name above it.
         * The three args are the domain. Mirrors
         * MPCMS_SQL_ADMIN_DOMAIN_PLATFORM, so both directions agree.
         */
        ADMIN(MPCMS_SQL_ADMIN_PLATFORM_DOMAIN_CUSTOM) = {
            "mpcms_admin_platform_domain_custom", 3,
            "SELECT d.domain, v.code FROM vendor_domains d"
            "  JOIN vendors v ON v.id = d.vendor_id"
            " WHERE d.domain = %s"
            "    OR d.domain LIKE '%%.' || CAST(%s AS TEXT)"
            "    OR %s LIKE '%%.' || d.domain"
            " ORDER BY d.domain",
            NULL,
        },
        /*
         * Orders the writers of platform domains and custom domains until
         * the transaction ends. A platform write locks its platform row
         * and a domain write its vendor row, so without this two writes
         * in opposite directions could both pass the overlap checks. The
         * key is "mpcmsd" in ASCII. SQLite writers are serialized already.
         */
        ADMIN(MPCMS_SQL_ADMIN_DOMAIN_WRITE_LOCK) = {
            "mpcms_admin_domain_write_lock", 0,
            "SELECT 1",
            "SELECT pg_advisory_xact_lock(120329471882084)",
        },
        ADMIN(MPCMS_SQL_ADMIN_PLATFORM_INSERT) = {
            "mpcms_admin_platform_insert", 11,
            "INSERT INTO platforms (code, name, description, domain,"
            "       path_prefix, logo, theme_config, is_active,"
            "       default_language, supported_languages, timezone)"
            " VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)"
            " RETURNING id",
            "INSERT INTO platforms (code, name, description, domain,"
            "       path_prefix, logo, theme_config, is_active,"
            "       default_language, supported_languages, timezone)"
            " VALUES (%s, %s, %s, %s, %s, %s, %s::jsonb, %s::boolean, %s,"
            "         %s::jsonb, %s)"
            " RETURNING id",
        },
        ADMIN(MPCMS_SQL_ADMIN_PLATFORM_UPDATE) = {
            "mpcms_admin_platform_update", 12,
            "UPDATE platforms SET code = %s, name = %s, description = %s,"
            "       domain = %s, path_prefix = %s, logo = %s,"
            "       theme_config = %s, is_active = %s,"
            "       default_language = %s, supported_languages = %s,"
            "       timezone = %s"
            " WHERE id = %ld",
            "UPDATE platforms SET code = %s, name = %s, description = %s,"
            "       domain = %s, path_prefix = %s, logo = %s,"
            "       theme_config = %s::jsonb, is_active = %s::boolean,"
            "       default_language = %s, supported_languages = %s::jsonb,"
            "       timezone = %s"
            " WHERE id = %ld",
        },

        /* A platform's marketing pages or vendor defaults. */
        ADMIN(MPCMS_SQL_ADMIN_PAGE_COUNT) = {
            "mpcms_admin_page_count", 2,
            "SELECT count(*) FROM content_pages"
            " WHERE platform_id = %ld AND vendor_id IS NULL"
            "   AND is_platform_page = %s",
            "SELECT count(*) FROM content_pages"
            " WHERE platform_id = %ld AND vendor_id IS NULL"
            "   AND is_platform_page = %s::boolean",
        },
        ADMIN(MPCMS_SQL_ADMIN_PAGE_LIST) = {
            "mpcms_admin_page_list", 4,
            PAGE_SELECT("NULL")
            " WHERE cp.platform_id = %ld AND cp.vendor_id IS NULL"
            "   AND cp.is_platform_page = %s"
            " ORDER BY cp.sort_order, cp.slug LIMIT %d OFFSET %d",
            PAGE_SELECT("NULL")
            " WHERE cp.platform_id = %ld AND cp.vendor_id IS NULL"
            "   AND cp.is_platform_page = %s::boolean"
            " ORDER BY cp.sort_order, cp.slug LIMIT %d OFFSET %d",
        },
        ADMIN(MPCMS_SQL_ADMIN_PAGE_GET) = {
            "mpcms_admin_page_get", 3,
            PAGE_SELECT("cp.content")
            " WHERE cp.id = %ld AND cp.platform_id = %ld"
            "   AND cp.vendor_id IS NULL AND cp.is_platform_page = %s",
            PAGE_SELECT("cp.content")
            " WHERE cp.id = %ld AND cp.platform_id = %ld"
            "   AND cp.vendor_id IS NULL"
            "   AND cp.is_platform_page = %s::boolean",
        },
        ADMIN(MPCMS_SQL_ADMIN_PAGE_SLUG_TAKEN) = {
            "mpcms_admin_page_slug_taken", 4,
            "SELECT id FROM content_pages"
            " WHERE platform_id = %ld AND vendor_id IS NULL AND slug = %s"
            "   AND is_platform_page = %s AND id <> %ld",
            "SELECT id FROM content_pages"
            " WHERE platform_id = %ld AND vendor_id IS NULL AND slug = %s"
            "   AND is_platform_page = %s::boolean AND id <> %ld",
        },
        ADMIN(MPCMS_SQL_ADMIN_PAGE_INSERT) = {
            "mpcms_admin_page_insert", 10,
            "INSERT INTO content_pages (platform_id, slug, title, content,"
            "       meta_description, meta_keywords, is_platform_page,"
            "       is_published, show_in_nav, sort_order)"
            " VALUES (%ld, %s, %s, %s, %s, %s, %s, %s, %s, %d)"
            " RETURNING id",
            "INSERT INTO content_pages (platform_id, slug, title, content,"
            "       meta_description, meta_keywords, is_platform_page,"
            "       is_published, show_in_nav, sort_order)"
            " VALUES (%ld, %s, %s, %s, %s, %s, %s::boolean, %s::boolean,"
            "         %s::boolean, %d)"
            " RETURNING id",
        },
        ADMIN(MPCMS_SQL_ADMIN_PAGE_UPDATE) = {
            "mpcms_admin_page_update", 9,
            "UPDATE content_pages SET slug = %s, title = %s, content = %s,"
            "       meta_description = %s, meta_keywords = %s,"
            "       is_published = %s, show_in_nav = %s, sort_order = %d"
            " WHERE id = %ld",
            "UPDATE content_pages SET slug = %s, title = %s, content = %s,"
            "       meta_description = %s, meta_keywords = %s,"
            "       is_published = %s::boolean, show_in_nav = %s::boolean,"
            "       sort_order = %d"
            " WHERE id = %ld",
        },
        ADMIN(MPCMS_SQL_ADMIN_PAGE_SET_PUBLISHED) = {
            "mpcms_admin_page_set_published", 2,
            "UPDATE content_pages SET is_published = %s WHERE id = %ld",
            "UPDATE content_pages SET is_published = %s::boolean"
            " WHERE id = %ld",
        },
        ADMIN(MPCMS_SQL_ADMIN_PAGE_DELETE) = {
            "mpcms_admin_page_delete", 1,
            "DELETE FROM content_pages WHERE id = %ld",
            NULL,
        },

        /* Pages of every platform and vendor, filtered. */
        ADMIN(MPCMS_SQL_ADMIN_CONTENT_COUNT) = {
            "mpcms_admin_content_count", 6,
            "SELECT count(*)" CONTENT_FROM,
            NULL,
        },
        ADMIN(MPCMS_SQL_ADMIN_CONTENT_LIST) = {
            "mpcms_admin_content_list", 8,
            "SELECT x.id, x.platform, x.vendor, x.slug, x.title, x.source,"
            "       x.is_published, x.updated_at" CONTENT_FROM
            " ORDER BY x.platform, x.vendor IS NOT NULL, x.vendor, x.slug,"
            "          x.source"
            " LIMIT %d OFFSET %d",
            NULL,
        },

        /* Vendors. */
        ADMIN(MPCMS_SQL_ADMIN_VENDOR_COUNT) = {
            "mpcms_admin_vendor_count", 0,
            "SELECT count(*) FROM vendors",
            NULL,
        },
        ADMIN(MPCMS_SQL_ADMIN_VENDOR_LIST) = {
            "mpcms_admin_vendor_list", 2,
            VENDOR_SELECT " ORDER BY v.code LIMIT %d OFFSET %d",
            NULL,
        },
        ADMIN(MPCMS_SQL_ADMIN_VENDOR_GET) = {
            "mpcms_admin_vendor_get", 1,
            VENDOR_SELECT " WHERE v.code = %s",
            NULL,
        },
        /* Locks a vendor while its row, memberships or domains change. */
        ADMIN(MPCMS_SQL_ADMIN_VENDOR_LOCK) = {
            "mpcms_admin_vendor_lock", 1,
            "SELECT id FROM vendors WHERE code = %s",
            "SELECT id FROM vendors WHERE code = %s FOR UPDATE",
        },
        ADMIN(MPCMS_SQL_ADMIN_VENDOR_CODE_TAKEN) = {
            "mpcms_admin_vendor_code_taken", 2,
            "SELECT id FROM vendors WHERE code = %s AND id <> %ld",
            NULL,
        },
        ADMIN(MPCMS_SQL_ADMIN_VENDOR_INSERT) = {
            "mpcms_admin_vendor_insert", 4,
            "INSERT INTO vendors (code, name, contact_email, is_active)"
            " VALUES (%s, %s, %s, %s) RETURNING id",
            "INSERT INTO vendors (code, name, contact_email, is_active)"
            " VALUES (%s, %s, %s, %s::boolean) RETURNING id",
        },
        ADMIN(MPCMS_SQL_ADMIN_VENDOR_UPDATE) = {
            "mpcms_admin_vendor_update", 5,
            "UPDATE vendors SET code = %s, name = %s, contact_email = %s,"
            "       is_active = %s"
            " WHERE id = %ld",
            "UPDATE vendors SET code = %s, name = %s, contact_email = %s,"
            "       is_active = %s::boolean"
            " WHERE id = %ld",
        },
        /* Codes and names of every vendor, for choices in forms. */
        ADMIN(MPCMS_SQL_ADMIN_VENDOR_OPTIONS) = {
            "mpcms_admin_vendor_options", 0,
            "SELECT code, name FROM vendors ORDER BY code",
            NULL,
        },

        /* Memberships of a vendor on platforms. */
        ADMIN(MPCMS_SQL_ADMIN_MEMBERSHIP_LIST) = {
            "mpcms_admin_membership_list", 1,
            MEMBERSHIP_SELECT " WHERE vp.vendor_id = %ld ORDER BY p.code",
            NULL,
        },
        ADMIN(MPCMS_SQL_ADMIN_MEMBERSHIP_GET) = {
            "mpcms_admin_membership_get", 2,
            MEMBERSHIP_SELECT " WHERE vp.vendor_id = %ld AND p.code = %s",
            NULL,
        },
        ADMIN(MPCMS_SQL_ADMIN_MEMBERSHIP_INSERT) = {
            "mpcms_admin_membership_insert", 6,
            "INSERT INTO vendor_platforms (vendor_id, platform_id, tier_id,"
            "       is_active, is_primary, custom_subdomain)"
            " VALUES (%ld, %ld, %ld, %s, %s, %s) RETURNING id",
            "INSERT INTO vendor_platforms (vendor_id, platform_id, tier_id,"
            "       is_active, is_primary, custom_subdomain)"
            " VALUES (%ld, %ld, %ld, %s::boolean, %s::boolean, %s)"
            " RETURNING id",
        },
        ADMIN(MPCMS_SQL_ADMIN_MEMBERSHIP_UPDATE) = {
            "mpcms_admin_membership_update", 5,
            "UPDATE vendor_platforms SET tier_id = %ld, is_active = %s,"
            "       is_primary = %s, custom_subdomain = %s"
            " WHERE id = %ld",
            "UPDATE vendor_platforms SET tier_id = %ld,"
            "       is_active = %s::boolean, is_primary = %s::boolean,"
            "       custom_subdomain = %s"
            " WHERE id = %ld",
        },
        /* A vendor has one primary platform at most. */
        ADMIN(MPCMS_SQL_ADMIN_MEMBERSHIP_CLEAR_PRIMARY) = {
            "mpcms_admin_membership_clear_primary", 2,
            "UPDATE vendor_platforms SET is_primary = FALSE"
            " WHERE vendor_id = %ld AND id <> %ld AND is_primary",
            NULL,
        },
        /*
         * Another member of a platform that a subdomain label already
         * reaches, because storefronts are served on a member's custom
         * subdomain and on its code (mpcms_vendor_by_subdomain). Args are
         * the platform id, the label twice, and the vendor id to leave out.
         */
        ADMIN(MPCMS_SQL_ADMIN_SUBDOMAIN_TAKEN) = {
            "mpcms_admin_subdomain_taken", 4,
            "SELECT v.code FROM vendor_platforms vp"
            "  JOIN vendors v ON v.id = vp.vendor_id"
            " WHERE vp.platform_id = %ld"
            "   AND (vp.custom_subdomain = %s OR v.code = %s)"
            "   AND vp.vendor_id <> %ld",
            NULL,
        },
        /*
         * Locks every platform a vendor is on, in id order, before its code
         * changes: the code is a subdomain label on each of them.
         */
        ADMIN(MPCMS_SQL_ADMIN_VENDOR_PLATFORMS_LOCK) = {
            "mpcms_admin_vendor_platforms_lock", 1,
            "SELECT platform_id FROM vendor_platforms WHERE vendor_id = %ld",
            "SELECT id FROM platforms"
            " WHERE id IN (SELECT platform_id FROM vendor_platforms"
            "               WHERE vendor_id = %ld)"
            " ORDER BY id FOR UPDATE",
        },
        /*
         * A platform of a vendor where another member uses a label as its
         * custom subdomain: args are the vendor id, the label and the
         * vendor id again.
         */
        ADMIN(MPCMS_SQL_ADMIN_VENDOR_LABEL_TAKEN) = {
            "mpcms_admin_vendor_label_taken", 3,
            "SELECT p.code, v.code FROM vendor_platforms mine"
            "  JOIN vendor_platforms vp ON vp.platform_id = mine.platform_id"
            "  JOIN vendors v ON v.id = vp.vendor_id"
            "  JOIN platforms p ON p.id = vp.platform_id"
            " WHERE mine.vendor_id = %ld AND vp.custom_subdomain = %s"
            "   AND vp.vendor_id <> %ld"
            " ORDER BY p.code",
            NULL,
        },

        /* Custom domains of a vendor. */
        ADMIN(MPCMS_SQL_ADMIN_DOMAIN_LIST) = {
            "mpcms_admin_domain_list", 1,
            DOMAIN_SELECT " WHERE d.vendor_id = %ld ORDER BY d.domain",
            NULL,
        },
        ADMIN(MPCMS_SQL_ADMIN_DOMAIN_GET) = {
            "mpcms_admin_domain_get", 2,
            DOMAIN_SELECT " WHERE d.id = %ld AND d.vendor_id = %ld",
            NULL,
        },
        ADMIN(MPCMS_SQL_ADMIN_DOMAIN_TAKEN) = {
            "mpcms_admin_domain_taken", 1,
            "SELECT v.code FROM vendor_domains d"
            "  JOIN vendors v ON v.id = d.vendor_id WHERE d.domain = %s",
            NULL,
        },
        /*
         * The platforms whose domain is the name, a name above it or a
         * name below it. The three args are the name. Domains contain only
         * letters, digits, '-' and '.', so LIKE finds no wildcard in them.
         */
        ADMIN(MPCMS_SQL_ADMIN_DOMAIN_PLATFORM) = {
            "mpcms_admin_domain_platform", 3,
            "SELECT code, domain FROM platforms"
            " WHERE domain = %s OR %s LIKE '%%.' || domain"
            "    OR domain LIKE '%%.' || CAST(%s AS TEXT)"
            " ORDER BY code",
            NULL,
        },
        ADMIN(MPCMS_SQL_ADMIN_DOMAIN_INSERT) = {
            "mpcms_admin_domain_insert", 4,
            "INSERT INTO vendor_domains (domain, vendor_id, platform_id,"
            "       is_primary)"
            " VALUES (%s, %ld, %ld, %s) RETURNING id",
            "INSERT INTO vendor_domains (domain, vendor_id, platform_id,"
            "       is_primary)"
            " VALUES (%s, %ld, %ld, %s::boolean) RETURNING id",
        },
        ADMIN(MPCMS_SQL_ADMIN_DOMAIN_VERIFY) = {
            "mpcms_admin_domain_verify", 2,
            "UPDATE vendor_domains SET is_verified = TRUE, verified_at = %s"
            " WHERE id = %ld AND NOT is_verified",
            "UPDATE vendor_domains SET is_verified = TRUE,"
            "       verified_at = %s::timestamptz"
            " WHERE id = %ld AND NOT is_verified",
        },
        ADMIN(MPCMS_SQL_ADMIN_DOMAIN_SET_ACTIVE) = {
            "mpcms_admin_domain_set_active", 2,
            "UPDATE vendor_domains SET is_active = %s WHERE id = %ld",
            "UPDATE vendor_domains SET is_active = %s::boolean"
            " WHERE id = %ld",
        },

        /* Subscription tiers of a platform. */
        ADMIN(MPCMS_SQL_ADMIN_TIER_LIST) = {
            "mpcms_admin_tier_list", 1,
            TIER_SELECT " WHERE t.platform_id = %ld"
            " ORDER BY t.sort_order, t.code",
            NULL,
        },
        ADMIN(MPCMS_SQL_ADMIN_TIER_GET) = {
            "mpcms_admin_tier_get", 2,
            TIER_SELECT " WHERE t.platform_id = %ld AND t.code = %s",
            NULL,
        },
        ADMIN(MPCMS_SQL_ADMIN_TIER_CODE_TAKEN) = {
            "mpcms_admin_tier_code_taken", 3,
            "SELECT id FROM subscription_tiers"
            " WHERE platform_id = %ld AND code = %s AND id <> %ld",
            NULL,
        },
        ADMIN(MPCMS_SQL_ADMIN_TIER_INSERT) = {
            "mpcms_admin_tier_insert", 7,
            "INSERT INTO subscription_tiers (platform_id, code, name,"
            "       sort_order, cms_pages_limit, cms_custom_pages_limit,"
            "       is_active)"
            " VALUES (%ld, %s, %s, %d, %d, %d, %s) RETURNING id",
            "INSERT INTO subscription_tiers (platform_id, code, name,"
            "       sort_order, cms_pages_limit, cms_custom_pages_limit,"
            "       is_active)"
            " VALUES (%ld, %s, %s, %d, %d, %d, %s::boolean) RETURNING id",
        },
        ADMIN(MPCMS_SQL_ADMIN_TIER_UPDATE) = {
            "mpcms_admin_tier_update", 7,
            "UPDATE subscription_tiers SET code = %s, name = %s,"
            "       sort_order = %d, cms_pages_limit = %d,"
            "       cms_custom_pages_limit = %d, is_active = %s,"
            "       updated_at = " SQLITE_NOW " WHERE id = %ld",
            "UPDATE subscription_tiers SET code = %s, name = %s,"
            "       sort_order = %d, cms_pages_limit = %d,"
            "       cms_custom_pages_limit = %d, is_active = %s::boolean,"
            "       updated_at = " PGSQL_NOW " WHERE id = %ld",
        },
        ADMIN(MPCMS_SQL_ADMIN_TIER_FEATURES) = {
            "mpcms_admin_tier_features", 1,
            "SELECT feature FROM tier_features WHERE tier_id = %ld"
            " ORDER BY feature",
            NULL,
        },
        ADMIN(MPCMS_SQL_ADMIN_TIER_FEATURES_CLEAR) = {
            "mpcms_admin_tier_features_clear", 1,
            "DELETE FROM tier_features WHERE tier_id = %ld",
            NULL,
        },
        ADMIN(MPCMS_SQL_ADMIN_TIER_FEATURE_ADD) = {
            "mpcms_admin_tier_feature_add", 2,
            "INSERT INTO tier_features (tier_id, feature) VALUES (%ld, %s)",
            NULL,
        },
};

const mpcms_statement_t *mpcms_admin_statement_get(mpcms_sql_e id)
{
    return &admin_statements[id - MPCMS_SQL_ADMIN_FIRST];
}
