-- mod_mpcms schema for SQLite 3.38 or later (JSON functions built in).
--
-- Booleans are INTEGER 0/1 and timestamps are UTC text in ISO 8601 form
-- (2026-01-31T12:00:00Z). Every table that feeds a rendered page carries a
-- version that a trigger bumps on each update, so ETags change with content
-- even when a row is edited directly in the database.
--
-- mpcms-admin runs this file in one transaction and records the version
-- in schema_migrations itself.

CREATE TABLE schema_migrations (
    version     INTEGER PRIMARY KEY,
    name        TEXT NOT NULL,
    applied_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);

CREATE TABLE platforms (
    id                  INTEGER PRIMARY KEY,
    code                TEXT NOT NULL UNIQUE
                        CHECK (length(code) BETWEEN 1 AND 50
                               AND code NOT GLOB '*[^a-z0-9_-]*'),
    name                TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    description         TEXT,
    domain              TEXT UNIQUE CHECK (domain = lower(domain)),
    path_prefix         TEXT UNIQUE
                        CHECK (path_prefix GLOB '/?*'
                               AND path_prefix NOT GLOB '*[^a-z0-9_/-]*'
                               AND path_prefix NOT GLOB '*/'),
    logo                TEXT,
    theme_config        TEXT NOT NULL DEFAULT '{}'
                        CHECK (json_valid(theme_config)
                               AND json_type(theme_config) = 'object'),
    is_active           INTEGER NOT NULL DEFAULT 1 CHECK (is_active IN (0, 1)),
    default_language    TEXT NOT NULL DEFAULT 'en'
                        CHECK (length(default_language) BETWEEN 2 AND 35),
    supported_languages TEXT NOT NULL DEFAULT '["en"]'
                        CHECK (json_valid(supported_languages)
                               AND json_type(supported_languages) = 'array'),
    timezone            TEXT NOT NULL DEFAULT 'UTC',
    version             INTEGER NOT NULL DEFAULT 1,
    created_at          TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at          TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);

-- Tiers belong to a platform; platform_id NULL marks a global tier (the
-- single-platform schema had only those). NULLs are distinct in a UNIQUE
-- constraint, so each case gets its own partial index.
CREATE TABLE subscription_tiers (
    id                      INTEGER PRIMARY KEY,
    platform_id             INTEGER REFERENCES platforms (id) ON DELETE CASCADE,
    code                    TEXT NOT NULL
                            CHECK (length(code) BETWEEN 1 AND 50
                                   AND code NOT GLOB '*[^a-z0-9_-]*'),
    name                    TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    sort_order              INTEGER NOT NULL DEFAULT 0,
    cms_pages_limit         INTEGER CHECK (cms_pages_limit >= 0),
    cms_custom_pages_limit  INTEGER CHECK (cms_custom_pages_limit >= 0),
    is_active               INTEGER NOT NULL DEFAULT 1 CHECK (is_active IN (0, 1)),
    created_at              TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at              TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE UNIQUE INDEX subscription_tiers_platform_code_key
    ON subscription_tiers (platform_id, code) WHERE platform_id IS NOT NULL;
CREATE UNIQUE INDEX subscription_tiers_global_code_key
    ON subscription_tiers (code) WHERE platform_id IS NULL;

CREATE TABLE tier_features (
    tier_id  INTEGER NOT NULL REFERENCES subscription_tiers (id) ON DELETE CASCADE,
    feature  TEXT NOT NULL
             CHECK (feature IN ('cms_basic', 'cms_custom_pages', 'cms_seo',
                                'cms_templates', 'cms_unlimited_pages',
                                'cms_scheduling')),
    PRIMARY KEY (tier_id, feature)
);

CREATE TABLE vendors (
    id             INTEGER PRIMARY KEY,
    code           TEXT NOT NULL UNIQUE
                   CHECK (length(code) BETWEEN 1 AND 50
                          AND code NOT GLOB '*[^a-z0-9_-]*'),
    name           TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    contact_email  TEXT,
    is_active      INTEGER NOT NULL DEFAULT 1 CHECK (is_active IN (0, 1)),
    version        INTEGER NOT NULL DEFAULT 1,
    created_at     TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at     TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);

-- A subdomain label: letters, digits and inner hyphens, at most 63.
CREATE TABLE vendor_platforms (
    id                INTEGER PRIMARY KEY,
    vendor_id         INTEGER NOT NULL REFERENCES vendors (id) ON DELETE CASCADE,
    platform_id       INTEGER NOT NULL REFERENCES platforms (id) ON DELETE CASCADE,
    tier_id           INTEGER REFERENCES subscription_tiers (id) ON DELETE RESTRICT,
    is_active         INTEGER NOT NULL DEFAULT 1 CHECK (is_active IN (0, 1)),
    is_primary        INTEGER NOT NULL DEFAULT 0 CHECK (is_primary IN (0, 1)),
    custom_subdomain  TEXT
                      CHECK (length(custom_subdomain) BETWEEN 1 AND 63
                             AND custom_subdomain NOT GLOB '*[^a-z0-9-]*'
                             AND custom_subdomain NOT GLOB '-*'
                             AND custom_subdomain NOT GLOB '*-'),
    settings          TEXT NOT NULL DEFAULT '{}'
                      CHECK (json_valid(settings) AND json_type(settings) = 'object'),
    joined_at         TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    UNIQUE (vendor_id, platform_id),
    UNIQUE (platform_id, custom_subdomain)
);
CREATE UNIQUE INDEX vendor_platforms_one_primary_key
    ON vendor_platforms (vendor_id) WHERE is_primary = 1;

-- vendor_id NULL: a platform page (is_platform_page 1) or a default page
-- for the platform's vendors (is_platform_page 0). A vendor's own page must
-- sit on a platform the vendor belongs to.
CREATE TABLE content_pages (
    id                INTEGER PRIMARY KEY,
    platform_id       INTEGER NOT NULL REFERENCES platforms (id) ON DELETE CASCADE,
    vendor_id         INTEGER REFERENCES vendors (id) ON DELETE CASCADE,
    slug              TEXT NOT NULL
                      CHECK (length(slug) BETWEEN 1 AND 100
                             AND slug NOT GLOB '*[^a-z0-9_-]*'),
    title             TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    content           TEXT NOT NULL DEFAULT '',
    meta_description  TEXT,
    meta_keywords     TEXT,
    is_platform_page  INTEGER NOT NULL DEFAULT 0 CHECK (is_platform_page IN (0, 1)),
    is_published      INTEGER NOT NULL DEFAULT 0 CHECK (is_published IN (0, 1)),
    show_in_nav       INTEGER NOT NULL DEFAULT 1 CHECK (show_in_nav IN (0, 1)),
    sort_order        INTEGER NOT NULL DEFAULT 0,
    version           INTEGER NOT NULL DEFAULT 1,
    created_at        TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at        TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    CHECK (vendor_id IS NULL OR is_platform_page = 0),
    FOREIGN KEY (vendor_id, platform_id)
        REFERENCES vendor_platforms (vendor_id, platform_id) ON DELETE CASCADE
);
-- A plain UNIQUE (platform_id, vendor_id, slug) would let two vendor-NULL
-- rows share a slug, so vendor pages and platform rows get separate rules.
-- The platform rule includes is_platform_page: "about" may be both a
-- marketing page and a vendor default.
CREATE UNIQUE INDEX content_pages_vendor_slug_key
    ON content_pages (platform_id, vendor_id, slug) WHERE vendor_id IS NOT NULL;
CREATE UNIQUE INDEX content_pages_platform_slug_key
    ON content_pages (platform_id, slug, is_platform_page) WHERE vendor_id IS NULL;
CREATE INDEX content_pages_vendor_idx ON content_pages (vendor_id);

-- Defaults a vendor hid from its storefront: that slug answers 404 there
-- unless the vendor has a published page of its own under it.
CREATE TABLE vendor_hidden_pages (
    platform_id  INTEGER NOT NULL,
    vendor_id    INTEGER NOT NULL,
    slug         TEXT NOT NULL,
    hidden_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    PRIMARY KEY (platform_id, vendor_id, slug),
    FOREIGN KEY (vendor_id, platform_id)
        REFERENCES vendor_platforms (vendor_id, platform_id) ON DELETE CASCADE
);

-- Version and updated_at move on every update. The WHEN clause keeps the
-- trigger from acting on its own UPDATE.
CREATE TRIGGER platforms_touch AFTER UPDATE ON platforms
FOR EACH ROW WHEN NEW.version = OLD.version
BEGIN
    UPDATE platforms
       SET version = OLD.version + 1,
           updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
     WHERE id = OLD.id;
END;

CREATE TRIGGER vendors_touch AFTER UPDATE ON vendors
FOR EACH ROW WHEN NEW.version = OLD.version
BEGIN
    UPDATE vendors
       SET version = OLD.version + 1,
           updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
     WHERE id = OLD.id;
END;

CREATE TRIGGER content_pages_touch AFTER UPDATE ON content_pages
FOR EACH ROW WHEN NEW.version = OLD.version
BEGIN
    UPDATE content_pages
       SET version = OLD.version + 1,
           updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
     WHERE id = OLD.id;
END;
