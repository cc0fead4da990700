-- Custom domains of vendors. A request for one of these names serves the
-- vendor's storefront on the row's platform, once the domain is verified
-- and while it is active.

CREATE TABLE vendor_domains (
    id           INTEGER PRIMARY KEY,
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
CREATE INDEX vendor_domains_vendor_idx ON vendor_domains (vendor_id, platform_id);
