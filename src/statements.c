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

/*
 * publish_at as the dashboard reads and writes it. SQLite stores the UTC
 * text itself. PostgreSQL stores a timestamptz, which these expressions
 * convert to and from that text, so that the result does not depend on
 * the session's TimeZone setting.
 */
#define PUBLISH_AT_SQLITE "cp.publish_at"
#define PUBLISH_AT_PGSQL                                                       \
    "to_char(cp.publish_at AT TIME ZONE 'UTC', "                               \
    "'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"
#define TIMESTAMP_PARAM_SQLITE "%s"
#define TIMESTAMP_PARAM_PGSQL  "%s::timestamptz"

/*
 * The tier and time zone of a membership, while the membership, its
 * vendor and its platform are active.
 */
#define MEMBERSHIP_TIER                                                        \
    "SELECT vp.tier_id, p.timezone"                                            \
    "  FROM vendor_platforms vp"                                               \
    "  JOIN platforms p ON p.id = vp.platform_id"                              \
    "  JOIN vendors v ON v.id = vp.vendor_id"                                  \
    " WHERE vp.vendor_id = %ld AND vp.platform_id = %ld AND vp.is_active"      \
    "   AND v.is_active AND p.is_active"

/* A default page for vendors of slug on the platform of cp. */
#define DEFAULT_OF_CP                                                          \
    "SELECT 1 FROM content_pages d"                                            \
    " WHERE d.platform_id = cp.platform_id AND d.vendor_id IS NULL"            \
    "   AND NOT d.is_platform_page AND d.slug = cp.slug"

/*
 * Every page the dashboard lists: the vendor's own and the platform's
 * defaults, with the publish state at the request time and the hidden
 * flag of defaults.
 */
#define DASHBOARD_PAGES(publish_at, request_time)                              \
    "WITH w (vendor_id, request_time) AS (SELECT %ld, " request_time ") "      \
    "SELECT cp.id, cp.slug, cp.title, cp.vendor_id IS NOT NULL,"               \
    "       cp.is_published, " publish_at ","                                  \
    "       cp.publish_at IS NOT NULL AND cp.publish_at > w.request_time,"     \
    "       cp.template, cp.sort_order, cp.show_in_nav,"                       \
    "       cp.vendor_id IS NULL AND EXISTS ("                                 \
    "           SELECT 1 FROM vendor_hidden_pages h"                           \
    "            WHERE h.platform_id = cp.platform_id"                         \
    "              AND h.vendor_id = w.vendor_id AND h.slug = cp.slug)"        \
    "  FROM content_pages cp CROSS JOIN w"                                     \
    " WHERE cp.platform_id = %ld"                                              \
    "   AND (cp.vendor_id = w.vendor_id"                                       \
    "        OR (cp.vendor_id IS NULL AND NOT cp.is_platform_page))"           \
    " ORDER BY cp.sort_order, cp.slug, cp.vendor_id"

#define VENDOR_PAGE(publish_at)                                                \
    "SELECT cp.id, cp.title, cp.content, cp.meta_description,"                 \
    "       cp.meta_keywords, cp.is_published, " publish_at ","                \
    "       cp.template, EXISTS (" DEFAULT_OF_CP ")"                           \
    "  FROM content_pages cp"                                                  \
    " WHERE cp.vendor_id = %ld AND cp.platform_id = %ld AND cp.slug = %s"

/*
 * The published flag of a page write, from a "1" or "0" parameter. The
 * sqlite3 driver binds every parameter as text, and SQLite compares text
 * as greater than any number, so the parameter is cast before the
 * comparison. PostgreSQL gets a boolean for its boolean column.
 */
#define PUBLISHED_PARAM "CAST(%d AS INTEGER) <> 0"

#define CUSTOM_PAGE_INSERT(timestamp)                                          \
    "INSERT INTO content_pages (platform_id, vendor_id, slug, title, content," \
    "    meta_description, meta_keywords, is_platform_page, is_published,"     \
    "    publish_at, template)"                                                \
    " VALUES (%ld, %ld, %s, %s, %s, %s, %s, 1 = 0, " PUBLISHED_PARAM           \
    ", " timestamp ", %s)"

#define VENDOR_PAGE_UPDATE(timestamp)                                          \
    "UPDATE content_pages"                                                     \
    "   SET title = %s, content = %s, meta_description = %s,"                  \
    "       meta_keywords = %s, is_published = " PUBLISHED_PARAM ","           \
    "       publish_at = " timestamp ", template = %s"                         \
    " WHERE vendor_id = %ld AND platform_id = %ld AND slug = %s"

static const mpcms_statement_t statements[MPCMS_SQL_ADMIN_FIRST] = {
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
        "         ORDER BY d.is_primary DESC, d.id LIMIT 1),"
        "       p.theme_config"
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
     * A verified, active custom domain, and whether it is served: only
     * while its vendor, the membership and the platform are active. Any
     * other domain looks unknown.
     */
    [MPCMS_SQL_CUSTOM_DOMAIN] = {
        "mpcms_custom_domain", 1,
        "SELECT d.domain, p.code, v.code,"
        "       CASE WHEN p.is_active AND v.is_active AND vp.is_active"
        "            THEN 1 ELSE 0 END"
        "  FROM vendor_domains d"
        "  JOIN platforms p ON p.id = d.platform_id"
        "  JOIN vendors v ON v.id = d.vendor_id"
        "  LEFT JOIN vendor_platforms vp"
        "    ON vp.vendor_id = d.vendor_id AND vp.platform_id = d.platform_id"
        " WHERE d.domain = %s AND d.is_verified AND d.is_active",
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
    /*
     * The membership for the dashboard's display. No row: the membership,
     * its vendor or its platform is gone or inactive.
     */
    [MPCMS_SQL_MEMBERSHIP_TIER] = {
        "mpcms_membership_tier", 2,
        MEMBERSHIP_TIER,
        NULL,
    },
    /*
     * The same inside a write transaction. On PostgreSQL the membership
     * row stays locked until the transaction ends, so writes of one
     * vendor on one platform, and their limit checks, run one at a time.
     * SQLite needs no lock here: BEGIN IMMEDIATE already serializes
     * writers.
     */
    [MPCMS_SQL_MEMBERSHIP_LOCK] = {
        "mpcms_membership_lock", 2,
        MEMBERSHIP_TIER,
        MEMBERSHIP_TIER " FOR UPDATE OF vp",
    },
    /*
     * The tiers of a platform and the membership's own tier (which may be
     * a global one), one row per feature, or one row with a NULL feature
     * for a tier without features.
     */
    [MPCMS_SQL_PLATFORM_TIERS] = {
        "mpcms_platform_tiers", 3,
        "SELECT t.id, t.code, t.name, t.sort_order, t.cms_pages_limit,"
        "       t.cms_custom_pages_limit, t.is_active,"
        "       t.platform_id IS NOT NULL AND t.platform_id = %ld, f.feature"
        "  FROM subscription_tiers t"
        "  LEFT JOIN tier_features f ON f.tier_id = t.id"
        " WHERE t.platform_id = %ld OR t.id = %ld"
        " ORDER BY t.sort_order, t.id, f.feature",
        NULL,
    },
    /* Page counts toward the tier limits: every page, and custom pages. */
    [MPCMS_SQL_VENDOR_USAGE] = {
        "mpcms_vendor_usage", 2,
        "SELECT count(*),"
        "       COALESCE(sum(CASE WHEN EXISTS (" DEFAULT_OF_CP ")"
        "                         THEN 0 ELSE 1 END), 0)"
        "  FROM content_pages cp"
        " WHERE cp.vendor_id = %ld AND cp.platform_id = %ld",
        NULL,
    },
    [MPCMS_SQL_DASHBOARD_PAGES] = {
        "mpcms_dashboard_pages", 3,
        DASHBOARD_PAGES(PUBLISH_AT_SQLITE, TIMESTAMP_PARAM_SQLITE),
        DASHBOARD_PAGES(PUBLISH_AT_PGSQL, TIMESTAMP_PARAM_PGSQL),
    },
    /* One page of a vendor, with whether it overrides a default. */
    [MPCMS_SQL_VENDOR_PAGE] = {
        "mpcms_vendor_page", 3,
        VENDOR_PAGE(PUBLISH_AT_SQLITE),
        VENDOR_PAGE(PUBLISH_AT_PGSQL),
    },
    /* The platform's default page for vendors with a slug. */
    [MPCMS_SQL_DEFAULT_PAGE] = {
        "mpcms_default_page", 2,
        "SELECT id FROM content_pages"
        " WHERE platform_id = %ld AND vendor_id IS NULL"
        "   AND NOT is_platform_page AND slug = %s",
        NULL,
    },
    /*
     * Copies a default into a vendor page: an override. The copy is
     * published at once (no publish_at), whatever the default's state, so
     * that the storefront serves it as the dashboard's notice states.
     */
    [MPCMS_SQL_OVERRIDE_INSERT] = {
        "mpcms_override_insert", 3,
        "INSERT INTO content_pages (platform_id, vendor_id, slug, title,"
        "    content, meta_description, meta_keywords, is_platform_page,"
        "    is_published, show_in_nav, sort_order, template)"
        " SELECT d.platform_id, %ld, d.slug, d.title, d.content,"
        "        d.meta_description, d.meta_keywords, d.is_platform_page,"
        "        1 = 1, d.show_in_nav, d.sort_order, d.template"
        "   FROM content_pages d"
        "  WHERE d.platform_id = %ld AND d.vendor_id IS NULL"
        "    AND NOT d.is_platform_page AND d.slug = %s",
        NULL,
    },
    [MPCMS_SQL_CUSTOM_PAGE_INSERT] = {
        "mpcms_custom_page_insert", 10,
        CUSTOM_PAGE_INSERT(TIMESTAMP_PARAM_SQLITE),
        CUSTOM_PAGE_INSERT(TIMESTAMP_PARAM_PGSQL),
    },
    [MPCMS_SQL_VENDOR_PAGE_UPDATE] = {
        "mpcms_vendor_page_update", 10,
        VENDOR_PAGE_UPDATE(TIMESTAMP_PARAM_SQLITE),
        VENDOR_PAGE_UPDATE(TIMESTAMP_PARAM_PGSQL),
    },
    [MPCMS_SQL_VENDOR_PAGE_DELETE] = {
        "mpcms_vendor_page_delete", 3,
        "DELETE FROM content_pages"
        " WHERE vendor_id = %ld AND platform_id = %ld AND slug = %s",
        NULL,
    },
    /* Hides a default from a storefront; hiding it twice changes nothing. */
    [MPCMS_SQL_HIDDEN_PAGE_INSERT] = {
        "mpcms_hidden_page_insert", 6,
        "INSERT INTO vendor_hidden_pages (platform_id, vendor_id, slug)"
        " SELECT %ld, %ld, %s"
        "  WHERE NOT EXISTS (SELECT 1 FROM vendor_hidden_pages"
        "                     WHERE platform_id = %ld AND vendor_id = %ld"
        "                       AND slug = %s)",
        NULL,
    },
    [MPCMS_SQL_HIDDEN_PAGE_DELETE] = {
        "mpcms_hidden_page_delete", 3,
        "DELETE FROM vendor_hidden_pages"
        " WHERE vendor_id = %ld AND platform_id = %ld AND slug = %s",
        NULL,
    },

    /* 1 when a table of this name exists in the database, else 0. */
    [MPCMS_SQL_TABLE_EXISTS] = {
        "mpcms_table_exists", 1,
        "SELECT count(*) FROM sqlite_master"
        " WHERE type = 'table' AND name = %s",
        "SELECT count(*) FROM pg_catalog.pg_tables"
        " WHERE schemaname = current_schema() AND tablename = %s",
    },
    /* The highest applied migration; prepare it only once the table exists. */
    [MPCMS_SQL_SCHEMA_VERSION] = {
        "mpcms_schema_version", 0,
        "SELECT coalesce(max(version), 0) FROM schema_migrations",
        NULL,
    },
    /* Applied migrations, oldest first, with UTC times in ISO 8601 form. */
    [MPCMS_SQL_MIGRATION_LIST] = {
        "mpcms_migration_list", 0,
        "SELECT version, name, applied_at FROM schema_migrations"
        " ORDER BY version",
        "SELECT version, name,"
        "       to_char(applied_at AT TIME ZONE 'UTC',"
        "               'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"
        "  FROM schema_migrations ORDER BY version",
    },
    [MPCMS_SQL_MIGRATION_RECORD] = {
        "mpcms_migration_record", 2,
        "INSERT INTO schema_migrations (version, name) VALUES (%d, %s)",
        NULL,
    },

    /*
     * A session lock that serializes mpcms-admin migrate runs on one
     * PostgreSQL database; the key is "mpcms" in ASCII. SQLite has no such
     * lock, so its text returns "locked" and each migration checks
     * its version again inside its BEGIN IMMEDIATE transaction.
     */
    [MPCMS_SQL_MIGRATION_TRY_LOCK] = {
        "mpcms_migration_try_lock", 0,
        "SELECT 1",
        "SELECT pg_try_advisory_lock(470036999539)",
    },
    [MPCMS_SQL_MIGRATION_LOCK] = {
        "mpcms_migration_lock", 0,
        "SELECT 1",
        "SELECT pg_advisory_lock(470036999539)",
    },

    /* Each platform's code and its number of vendor memberships. */
    [MPCMS_SQL_FIGURES_MEMBERSHIPS] = {
        "mpcms_figures_memberships", 0,
        "SELECT p.code, count(vp.id)"
        "  FROM platforms p"
        "  LEFT JOIN vendor_platforms vp ON vp.platform_id = p.id"
        " GROUP BY p.code ORDER BY p.code",
        NULL,
    },
    /* Pages per platform and kind: platform, default or vendor. */
    [MPCMS_SQL_FIGURES_PAGES] = {
        "mpcms_figures_pages", 0,
        "SELECT p.code,"
        "       CASE WHEN cp.vendor_id IS NOT NULL THEN 'vendor'"
        "            WHEN cp.is_platform_page THEN 'platform'"
        "            ELSE 'default' END AS kind,"
        "       count(*)"
        "  FROM content_pages cp JOIN platforms p ON p.id = cp.platform_id"
        " GROUP BY p.code, kind ORDER BY p.code, kind",
        NULL,
    },

    /*
     * The single-platform upgrade stages the old tables out of the way
     * before it creates the new ones: SQLite renames them with a legacy_
     * prefix, PostgreSQL moves them into the schema mpcms_legacy.
     */
    /* Vendors, vendor pages, vendor-NULL pages and tiers before the upgrade. */
    [MPCMS_SQL_LEGACY_COUNTS] = {
        "mpcms_legacy_counts", 0,
        "SELECT (SELECT count(*) FROM legacy_vendors),"
        "       (SELECT count(*) FROM legacy_content_pages"
        "         WHERE vendor_id IS NOT NULL),"
        "       (SELECT count(*) FROM legacy_content_pages"
        "         WHERE vendor_id IS NULL),"
        "       (SELECT count(*) FROM legacy_subscription_tiers)",
        "SELECT (SELECT count(*) FROM mpcms_legacy.vendors),"
        "       (SELECT count(*) FROM mpcms_legacy.content_pages"
        "         WHERE vendor_id IS NOT NULL),"
        "       (SELECT count(*) FROM mpcms_legacy.content_pages"
        "         WHERE vendor_id IS NULL),"
        "       (SELECT count(*) FROM mpcms_legacy.subscription_tiers)",
        MPCMS_SCHEMA_STAGED,
    },
    /* Every page: id, slug, vendor code (NULL for vendor-NULL pages). */
    [MPCMS_SQL_LEGACY_SLUGS] = {
        "mpcms_legacy_slugs", 0,
        "SELECT cp.id, cp.slug, v.code"
        "  FROM legacy_content_pages cp"
        "  LEFT JOIN legacy_vendors v ON v.id = cp.vendor_id"
        " ORDER BY cp.id",
        "SELECT cp.id, cp.slug, v.code"
        "  FROM mpcms_legacy.content_pages cp"
        "  LEFT JOIN mpcms_legacy.vendors v ON v.id = cp.vendor_id"
        " ORDER BY cp.id",
        MPCMS_SCHEMA_STAGED,
    },
    [MPCMS_SQL_LEGACY_SET_SLUG] = {
        "mpcms_legacy_set_slug", 2,
        "UPDATE legacy_content_pages SET slug = %s WHERE id = %ld",
        "UPDATE mpcms_legacy.content_pages SET slug = %s WHERE id = %ld",
        MPCMS_SCHEMA_STAGED,
    },
    /*
     * Pages that share a slug with a page of the same vendor (or with
     * another vendor-NULL page), except the one that stays: published
     * first, then the one updated last, then the highest id. Columns: id,
     * slug, vendor code (NULL for vendor-NULL pages).
     */
    [MPCMS_SQL_LEGACY_DUPLICATES] = {
        "mpcms_legacy_duplicates", 0,
        "SELECT r.id, r.slug, v.code"
        "  FROM (SELECT id, vendor_id, slug,"
        "               row_number() OVER ("
        "                   PARTITION BY vendor_id, slug"
        "                   ORDER BY is_published DESC, updated_at DESC,"
        "                            id DESC) AS position"
        "          FROM legacy_content_pages) r"
        "  LEFT JOIN legacy_vendors v ON v.id = r.vendor_id"
        " WHERE r.position > 1 ORDER BY r.id",
        "SELECT r.id, r.slug, v.code"
        "  FROM (SELECT id, vendor_id, slug,"
        "               row_number() OVER ("
        "                   PARTITION BY vendor_id, slug"
        "                   ORDER BY is_published DESC, updated_at DESC,"
        "                            id DESC) AS position"
        "          FROM mpcms_legacy.content_pages) r"
        "  LEFT JOIN mpcms_legacy.vendors v ON v.id = r.vendor_id"
        " WHERE r.position > 1 ORDER BY r.id",
        MPCMS_SCHEMA_STAGED,
    },
    [MPCMS_SQL_LEGACY_RENAME_DUPLICATE] = {
        "mpcms_legacy_rename_duplicate", 2,
        "UPDATE legacy_content_pages SET slug = %s, is_published = FALSE"
        " WHERE id = %ld",
        "UPDATE mpcms_legacy.content_pages"
        "   SET slug = %s, is_published = FALSE WHERE id = %ld",
        MPCMS_SCHEMA_STAGED,
    },

    /*
     * Memberships on oms, vendor pages, platform pages, defaults and tiers
     * after the upgrade copied the rows.
     */
    [MPCMS_SQL_UPGRADE_COUNTS] = {
        "mpcms_upgrade_counts", 0,
        "SELECT (SELECT count(*) FROM vendor_platforms vp"
        "          JOIN platforms p ON p.id = vp.platform_id"
        "         WHERE p.code = 'oms'),"
        "       (SELECT count(*) FROM content_pages"
        "         WHERE vendor_id IS NOT NULL),"
        "       (SELECT count(*) FROM content_pages"
        "         WHERE vendor_id IS NULL AND is_platform_page),"
        "       (SELECT count(*) FROM content_pages"
        "         WHERE vendor_id IS NULL AND NOT is_platform_page),"
        "       (SELECT count(*) FROM subscription_tiers)",
        NULL,
    },
    /* Slugs served both as a platform page and as a vendor default. */
    [MPCMS_SQL_UPGRADE_MARKETING_PAIRS] = {
        "mpcms_upgrade_marketing_pairs", 0,
        "SELECT p.code, pp.slug, pp.id, d.id"
        "  FROM content_pages pp"
        "  JOIN platforms p ON p.id = pp.platform_id"
        "  JOIN content_pages d ON d.platform_id = pp.platform_id"
        "   AND d.slug = pp.slug AND d.vendor_id IS NULL"
        "   AND NOT d.is_platform_page"
        " WHERE pp.vendor_id IS NULL AND pp.is_platform_page"
        " ORDER BY p.code, pp.slug",
        NULL,
    },
    [MPCMS_SQL_PAGE_BODIES] = {
        "mpcms_page_bodies", 0,
        "SELECT id, content FROM content_pages ORDER BY id",
        NULL,
    },
    [MPCMS_SQL_PAGE_SET_BODY] = {
        "mpcms_page_set_body", 2,
        "UPDATE content_pages SET content = %s WHERE id = %ld",
        NULL,
    },
};

const mpcms_statement_t *mpcms_statement_get(mpcms_sql_e id)
{
    if (id >= MPCMS_SQL_ADMIN_FIRST) {
        return mpcms_admin_statement_get(id);
    }
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
