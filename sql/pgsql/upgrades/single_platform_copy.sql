-- Single-platform upgrade, step 2 of 2 (PostgreSQL): copies the staged rows
-- into the version 1 schema with every backfill, then drops the old
-- tables. Before this step, in the same transaction, mpcms-admin made
-- every slug valid and unique and created the version 1 schema. After
-- it, mpcms-admin sanitizes the bodies and compares the counts.
-- docs/OPERATIONS.md explains each rule; keep the SQLite file in step.
-- Old timestamps contain UTC without a time zone, so AT TIME ZONE 'UTC'
-- reads them as UTC.

-- The default platform. Everything of the single-platform database
-- belongs to it.
INSERT INTO platforms (code, name, description, path_prefix)
VALUES ('oms', 'OMS', 'Order management: the platform of the single-platform installation.', '/oms');

-- Tiers keep their ids and move onto oms. The four standard codes get
-- their CMS limits (NULL: no limit); any other code gets no limits.
INSERT INTO subscription_tiers (id, platform_id, code, name, sort_order, cms_pages_limit,
                                cms_custom_pages_limit, is_active, created_at, updated_at)
SELECT t.id, p.id, t.code, t.name, t.sort_order,
       CASE t.code WHEN 'essential' THEN 3 WHEN 'professional' THEN 10 WHEN 'business' THEN 30 END,
       CASE t.code WHEN 'essential' THEN 0 WHEN 'professional' THEN 5 WHEN 'business' THEN 20 END,
       t.is_active,
       t.created_at AT TIME ZONE 'UTC',
       t.updated_at AT TIME ZONE 'UTC'
  FROM mpcms_legacy.subscription_tiers t CROSS JOIN platforms p
 WHERE p.code = 'oms'
 ORDER BY t.id;

WITH tier_feature (tier_code, feature) AS (VALUES
    ('essential',    'cms_basic'),
    ('professional', 'cms_basic'),
    ('professional', 'cms_custom_pages'),
    ('professional', 'cms_seo'),
    ('business',     'cms_basic'),
    ('business',     'cms_custom_pages'),
    ('business',     'cms_seo'),
    ('business',     'cms_templates'),
    ('enterprise',   'cms_basic'),
    ('enterprise',   'cms_custom_pages'),
    ('enterprise',   'cms_seo'),
    ('enterprise',   'cms_templates'),
    ('enterprise',   'cms_unlimited_pages'),
    ('enterprise',   'cms_scheduling')
)
INSERT INTO tier_features (tier_id, feature)
SELECT t.id, f.feature
  FROM subscription_tiers t JOIN tier_feature f ON f.tier_code = t.code
UNION ALL
SELECT t.id, 'cms_basic'
  FROM subscription_tiers t
 WHERE t.code NOT IN ('essential', 'professional', 'business', 'enterprise');

INSERT INTO vendors (id, code, name, contact_email, is_active, created_at, updated_at)
SELECT id, code, name, contact_email, is_active,
       created_at AT TIME ZONE 'UTC',
       updated_at AT TIME ZONE 'UTC'
  FROM mpcms_legacy.vendors
 ORDER BY id;

-- Every vendor joins oms with its tier, active as the vendor was, and
-- oms as its primary platform.
INSERT INTO vendor_platforms (vendor_id, platform_id, tier_id, is_active, is_primary, joined_at)
SELECT v.id, p.id, v.tier_id, v.is_active, TRUE, v.created_at AT TIME ZONE 'UTC'
  FROM mpcms_legacy.vendors v CROSS JOIN platforms p
 WHERE p.code = 'oms'
 ORDER BY v.id;

-- Pages keep their ids. Vendor-NULL pages were the defaults that every
-- storefront served, so they stay defaults.
INSERT INTO content_pages (id, platform_id, vendor_id, slug, title, content, meta_description,
                           meta_keywords, is_platform_page, is_published, show_in_nav,
                           sort_order, created_at, updated_at)
SELECT cp.id, p.id, cp.vendor_id, cp.slug, cp.title, cp.content, cp.meta_description,
       cp.meta_keywords, FALSE, cp.is_published, cp.show_in_nav, cp.sort_order,
       cp.created_at AT TIME ZONE 'UTC',
       cp.updated_at AT TIME ZONE 'UTC'
  FROM mpcms_legacy.content_pages cp CROSS JOIN platforms p
 WHERE p.code = 'oms'
 ORDER BY cp.id;

-- Identity columns count on from the highest copied id.
SELECT setval(pg_get_serial_sequence('subscription_tiers', 'id'), max(id)) FROM subscription_tiers;
SELECT setval(pg_get_serial_sequence('vendors', 'id'), max(id)) FROM vendors;
SELECT setval(pg_get_serial_sequence('content_pages', 'id'), max(id)) FROM content_pages;

-- A vendor-NULL page with a marketing slug also becomes a platform page,
-- a copy with a new id, so the platform's own site shows it while every
-- storefront still serves the default it served before.
INSERT INTO content_pages (platform_id, vendor_id, slug, title, content, meta_description,
                           meta_keywords, is_platform_page, is_published, show_in_nav,
                           sort_order, created_at, updated_at)
SELECT platform_id, NULL, slug, title, content, meta_description, meta_keywords, TRUE,
       is_published, show_in_nav, sort_order, created_at, updated_at
  FROM content_pages
 WHERE vendor_id IS NULL
   AND slug IN ('platform_homepage', 'home', 'pricing', 'about', 'contact', 'faq',
                'terms', 'privacy', 'features', 'integrations')
 ORDER BY id;

DROP SCHEMA mpcms_legacy CASCADE;
