/*
 * SQL text of every prepared statement. Page queries return the columns
 * that mpcms_pages_read expects, in this order:
 *   id, version, slug, title, is_vendor_page, is_platform_page,
 *   is_published, show_in_nav, sort_order, template, is_hidden,
 *   content, meta_description, meta_keywords
 * The last three are only filled for the requested slug (and its alias),
 * so a storefront with many pages transfers one body per request.
 * is_published is false for a page whose publish_at is later than the
 * request time, which the caller passes in the stored UTC form.
 */
#include <string.h>

#include "statements.h"

#define PAGE_COLUMNS                                                           \
    "cp.id, cp.version, cp.slug, cp.title, cp.vendor_id IS NOT NULL, "         \
    "cp.is_platform_page, "                                                    \
    "cp.is_published AND (cp.publish_at IS NULL"                               \
    "                     OR cp.publish_at <= w.request_time), "               \
    "cp.show_in_nav, cp.sort_order, cp.template, "

/*
 * The request time as a page query compares it with publish_at: stored
 * UTC text on SQLite, a timestamptz on PostgreSQL.
 */
#define REQUEST_TIME_SQLITE "%s"
#define REQUEST_TIME_PGSQL  "%s::timestamptz"

#define PAGE_BODY_COLUMNS                                                      \
    "CASE WHEN cp.slug IN (w.slug, w.alias) THEN cp.content END, "             \
    "CASE WHEN cp.slug IN (w.slug, w.alias) THEN cp.meta_description END, "    \
    "CASE WHEN cp.slug IN (w.slug, w.alias) THEN cp.meta_keywords END "

#define STOREFRONT_PAGES(request_time)                                         \
    "WITH w (slug, alias, vendor_id, request_time) AS ("                       \
    "    SELECT %s, %s, %ld, " request_time ") "                               \
    "SELECT " PAGE_COLUMNS "       cp.vendor_id IS NULL AND EXISTS ("          \
    "           SELECT 1 FROM vendor_hidden_pages h"                           \
    "            WHERE h.platform_id = cp.platform_id"                         \
    "              AND h.vendor_id = w.vendor_id AND h.slug = "                \
    "cp.slug), " PAGE_BODY_COLUMNS "  FROM content_pages cp CROSS JOIN w"      \
    " WHERE cp.platform_id = %ld"                                              \
    "   AND (cp.vendor_id = w.vendor_id"                                       \
    "        OR (cp.vendor_id IS NULL AND NOT cp.is_platform_page))"

#define PLATFORM_PAGES(request_time)                                           \
    "WITH w (slug, alias, request_time) AS ("                                  \
    "    SELECT %s, %s, " request_time ") "                                    \
    "SELECT " PAGE_COLUMNS "       0 = 1, " PAGE_BODY_COLUMNS                  \
    "  FROM content_pages cp CROSS JOIN w"                                     \
    " WHERE cp.platform_id = %ld"                                              \
    "   AND cp.vendor_id IS NULL AND cp.is_platform_page"

static const mpcms_statement_t statements[MPCMS_SQL_COUNT] = {
    /*
     * An active platform and, when a vendor code is given, the active
     * vendor with an active membership on it: one row, vendor columns NULL
     * when there is no such vendor.
     */
    [MPCMS_SQL_PLATFORM_AND_VENDOR] = {
        "mpcms_platform_and_vendor", 2,
        "SELECT p.id, p.code, p.name, p.default_language, p.version, p.domain,"
        "       m.id, m.code, m.name, m.version, m.custom_subdomain,"
        "       (SELECT d.domain FROM vendor_domains d"
        "         WHERE d.vendor_id = m.id AND d.platform_id = p.id"
        "           AND d.is_verified AND d.is_active"
        "         ORDER BY d.is_primary DESC, d.id LIMIT 1)"
        "  FROM platforms p"
        "  LEFT JOIN (SELECT v.id, v.code, v.name, v.version, vp.platform_id,"
        "                    vp.custom_subdomain"
        "               FROM vendors v"
        "               JOIN vendor_platforms vp ON vp.vendor_id = v.id"
        "              WHERE v.code = %s AND v.is_active AND vp.is_active) m"
        "         ON m.platform_id = p.id"
        " WHERE p.code = %s AND p.is_active",
        NULL,
    },
    /*
     * The active vendor behind a subdomain label on a platform: the
     * membership with that custom_subdomain, else the vendor with that code.
     */
    [MPCMS_SQL_VENDOR_BY_SUBDOMAIN] = {
        "mpcms_vendor_by_subdomain", 4,
        "SELECT v.code"
        "  FROM vendor_platforms vp"
        "  JOIN vendors v ON v.id = vp.vendor_id"
        "  JOIN platforms p ON p.id = vp.platform_id"
        " WHERE p.code = %s AND v.is_active AND vp.is_active"
        "   AND (vp.custom_subdomain = %s OR v.code = %s)"
        " ORDER BY CASE WHEN vp.custom_subdomain = %s THEN 0 ELSE 1 END"
        " LIMIT 1",
        NULL,
    },
    /*
     * A verified, active custom domain of an active vendor with an active
     * membership on an active platform: any other domain looks unknown.
     */
    [MPCMS_SQL_CUSTOM_DOMAIN] = {
        "mpcms_custom_domain", 1,
        "SELECT d.domain, p.code, v.code"
        "  FROM vendor_domains d"
        "  JOIN platforms p ON p.id = d.platform_id"
        "  JOIN vendors v ON v.id = d.vendor_id"
        "  JOIN vendor_platforms vp"
        "    ON vp.vendor_id = d.vendor_id AND vp.platform_id = d.platform_id"
        " WHERE d.domain = %s AND d.is_verified AND d.is_active"
        "   AND p.is_active AND v.is_active AND vp.is_active",
        NULL,
    },
    /* Routing by the platforms table, for servers that opt in. */
    [MPCMS_SQL_PLATFORM_ROUTES] = {
        "mpcms_platform_routes", 0,
        "SELECT code, domain, path_prefix FROM platforms"
        " WHERE is_active ORDER BY code",
        NULL,
    },
    /* A vendor's own pages and the platform's defaults for vendors. */
    [MPCMS_SQL_STOREFRONT_PAGES] = {
        "mpcms_storefront_pages", 5,
        STOREFRONT_PAGES(REQUEST_TIME_SQLITE),
        STOREFRONT_PAGES(REQUEST_TIME_PGSQL),
    },
    /* A platform's marketing pages. */
    [MPCMS_SQL_PLATFORM_PAGES] = {
        "mpcms_platform_pages", 4,
        PLATFORM_PAGES(REQUEST_TIME_SQLITE),
        PLATFORM_PAGES(REQUEST_TIME_PGSQL),
    },
};

const mpcms_statement_t *mpcms_statement_get(mpcms_sql_e id)
{
    return &statements[id];
}

const char *mpcms_statement_text(const mpcms_statement_t *statement,
                                 const char *driver_name)
{
    if (statement->pgsql != NULL && strcmp(driver_name, "pgsql") == 0) {
        return statement->pgsql;
    }
    return statement->sqlite3;
}
