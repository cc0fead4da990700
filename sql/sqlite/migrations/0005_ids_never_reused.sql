-- Ids of deleted rows are never given to new rows.
--
-- Without AUTOINCREMENT, SQLite gives a new row max(id) + 1, so deleting
-- the newest page and creating another reused its id: the audit log mixed
-- both pages under one key, a script holding the old id changed the new
-- page, and a client holding the old page's ETag (built from the page id
-- and version) could get a stale 304 for the new page.
--
-- SQLite cannot add AUTOINCREMENT to a table, so each table whose rows
-- can be deleted and whose ids appear in URLs or the API is rebuilt:
-- content_pages, vendor_domains, api_tokens and users. Each keeps its
-- rows, ids, columns (in their order), checks, indexes and triggers.
-- mpcms-admin runs this file with foreign keys off, in one transaction,
-- and runs PRAGMA foreign_key_check before it commits. Copying the rows
-- sets each table's sqlite_sequence entry to its largest id, so new ids
-- start above every id in the table.

-- ---- content_pages (columns of 0001, then publish_at and template of 0004)

CREATE TABLE content_pages_new (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
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
    publish_at        TEXT
                      CHECK (publish_at GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9]Z'),
    template          TEXT
                      CHECK (length(template) BETWEEN 1 AND 50
                             AND template NOT GLOB '*[^a-z0-9_-]*'),
    CHECK (vendor_id IS NULL OR is_platform_page = 0),
    FOREIGN KEY (vendor_id, platform_id)
        REFERENCES vendor_platforms (vendor_id, platform_id) ON DELETE CASCADE
);
INSERT INTO content_pages_new (id, platform_id, vendor_id, slug, title,
        content, meta_description, meta_keywords, is_platform_page,
        is_published, show_in_nav, sort_order, version, created_at,
        updated_at, publish_at, template)
    SELECT id, platform_id, vendor_id, slug, title, content,
           meta_description, meta_keywords, is_platform_page, is_published,
           show_in_nav, sort_order, version, created_at, updated_at,
           publish_at, template
      FROM content_pages;
DROP TABLE content_pages;
ALTER TABLE content_pages_new RENAME TO content_pages;

CREATE UNIQUE INDEX content_pages_vendor_slug_key
    ON content_pages (platform_id, vendor_id, slug) WHERE vendor_id IS NOT NULL;
CREATE UNIQUE INDEX content_pages_platform_slug_key
    ON content_pages (platform_id, slug, is_platform_page) WHERE vendor_id IS NULL;
CREATE INDEX content_pages_vendor_idx ON content_pages (vendor_id);

CREATE TRIGGER content_pages_touch AFTER UPDATE ON content_pages
FOR EACH ROW WHEN NEW.version = OLD.version
BEGIN
    UPDATE content_pages
       SET version = OLD.version + 1,
           updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
     WHERE id = OLD.id;
END;

-- ---- vendor_domains (0002)

CREATE TABLE vendor_domains_new (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    domain       TEXT NOT NULL UNIQUE
                 CHECK (length(domain) BETWEEN 4 AND 253
                        AND domain NOT GLOB '*[^a-z0-9.-]*'
                        AND domain GLOB '?*.?*'
                        AND domain NOT GLOB '.*' AND domain NOT GLOB '*.'
                        AND domain NOT GLOB '*..*'),
    vendor_id    INTEGER NOT NULL,
    platform_id  INTEGER NOT NULL,
    is_verified  INTEGER NOT NULL DEFAULT 0 CHECK (is_verified IN (0, 1)),
    is_active    INTEGER NOT NULL DEFAULT 1 CHECK (is_active IN (0, 1)),
    -- The domain a vendor's pages name as canonical when it has several.
    is_primary   INTEGER NOT NULL DEFAULT 0 CHECK (is_primary IN (0, 1)),
    created_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    verified_at  TEXT,
    FOREIGN KEY (vendor_id, platform_id)
        REFERENCES vendor_platforms (vendor_id, platform_id) ON DELETE CASCADE
);
INSERT INTO vendor_domains_new (id, domain, vendor_id, platform_id,
        is_verified, is_active, is_primary, created_at, verified_at)
    SELECT id, domain, vendor_id, platform_id, is_verified, is_active,
           is_primary, created_at, verified_at
      FROM vendor_domains;
DROP TABLE vendor_domains;
ALTER TABLE vendor_domains_new RENAME TO vendor_domains;
CREATE INDEX vendor_domains_vendor_idx ON vendor_domains (vendor_id, platform_id);

-- ---- users (0003); vendor_users, sessions, api_tokens and audit_log
-- refer to it by name, so their foreign keys hold after the rename.

CREATE TABLE users_new (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    email          TEXT NOT NULL UNIQUE
                   CHECK (length(email) BETWEEN 3 AND 254
                          AND email = lower(email)
                          AND instr(email, '@') > 1),
    password_hash  TEXT NOT NULL CHECK (password_hash GLOB '$2[aby]$*'),
    -- super_admin enters the admin area; vendor_user only the dashboards
    -- of the vendors linked in vendor_users.
    role           TEXT NOT NULL CHECK (role IN ('super_admin', 'vendor_user')),
    is_active      INTEGER NOT NULL DEFAULT 1 CHECK (is_active IN (0, 1)),
    created_at     TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at     TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    last_login_at  TEXT
);
INSERT INTO users_new (id, email, password_hash, role, is_active,
        created_at, updated_at, last_login_at)
    SELECT id, email, password_hash, role, is_active, created_at,
           updated_at, last_login_at
      FROM users;
DROP TABLE users;
ALTER TABLE users_new RENAME TO users;

-- ---- api_tokens (0003)

CREATE TABLE api_tokens_new (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id       INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name          TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    token_hash    TEXT NOT NULL UNIQUE CHECK (length(token_hash) = 64),
    token_prefix  TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    last_used_at  TEXT,
    revoked_at    TEXT
);
INSERT INTO api_tokens_new (id, user_id, name, token_hash, token_prefix,
        created_at, last_used_at, revoked_at)
    SELECT id, user_id, name, token_hash, token_prefix, created_at,
           last_used_at, revoked_at
      FROM api_tokens;
DROP TABLE api_tokens;
ALTER TABLE api_tokens_new RENAME TO api_tokens;
CREATE INDEX api_tokens_user_idx ON api_tokens (user_id);
