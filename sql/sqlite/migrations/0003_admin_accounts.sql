-- Accounts of the admin area and the vendor dashboards: users, their
-- links to vendors, server-side sessions, API tokens, the audit log and
-- the failed logins that throttling counts.
--
-- Secrets are never stored: sessions and API tokens keep the SHA-256 of
-- the random value the client holds (64 lower-case hex digits), and
-- passwords are bcrypt hashes ($2y$). Times written by the module are UTC
-- text in the form 2026-01-31T12:00:00Z, so they compare as text.
--
-- mpcms-admin runs this file in one transaction and records the version
-- in schema_migrations itself.

CREATE TABLE users (
    id             INTEGER PRIMARY KEY,
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

CREATE TABLE vendor_users (
    user_id     INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    vendor_id   INTEGER NOT NULL REFERENCES vendors (id) ON DELETE CASCADE,
    created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    PRIMARY KEY (user_id, vendor_id)
);
CREATE INDEX vendor_users_vendor_idx ON vendor_users (vendor_id);

-- A session ends at expires_at, or earlier when last_seen_at is older than
-- the idle limit, or when its row is deleted (logout, password reset,
-- account disabled).
CREATE TABLE sessions (
    id              INTEGER PRIMARY KEY,
    token_hash      TEXT NOT NULL UNIQUE CHECK (length(token_hash) = 64),
    user_id         INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    csrf_token      TEXT NOT NULL CHECK (length(csrf_token) >= 32),
    client_address  TEXT,
    created_at      TEXT NOT NULL,
    last_seen_at    TEXT NOT NULL,
    expires_at      TEXT NOT NULL
);
CREATE INDEX sessions_user_idx ON sessions (user_id);
CREATE INDEX sessions_expires_idx ON sessions (expires_at);

-- Bearer tokens of the JSON API. token_prefix is the start of the token,
-- shown in lists so that a person can tell tokens apart.
CREATE TABLE api_tokens (
    id            INTEGER PRIMARY KEY,
    user_id       INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name          TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    token_hash    TEXT NOT NULL UNIQUE CHECK (length(token_hash) = 64),
    token_prefix  TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    last_used_at  TEXT,
    revoked_at    TEXT
);
CREATE INDEX api_tokens_user_idx ON api_tokens (user_id);

-- One row per change made through the admin area, the API or
-- mpcms-admin. before_data and after_data are JSON objects of the row as
-- it was and as it became (NULL for a create or a delete respectively).
-- actor keeps the e-mail address even when the user is deleted later.
CREATE TABLE audit_log (
    id              INTEGER PRIMARY KEY,
    created_at      TEXT NOT NULL,
    user_id         INTEGER REFERENCES users (id) ON DELETE SET NULL,
    actor           TEXT NOT NULL,
    action          TEXT NOT NULL CHECK (length(action) BETWEEN 1 AND 50),
    entity          TEXT NOT NULL CHECK (length(entity) BETWEEN 1 AND 50),
    entity_key      TEXT NOT NULL,
    before_data     TEXT CHECK (before_data IS NULL OR json_valid(before_data)),
    after_data      TEXT CHECK (after_data IS NULL OR json_valid(after_data)),
    client_address  TEXT
);
CREATE INDEX audit_log_created_idx ON audit_log (created_at);
CREATE INDEX audit_log_entity_idx ON audit_log (entity, entity_key);

-- Failed logins, kept for the throttling window. account is the e-mail
-- address as typed (lower-cased), whether or not such a user exists.
CREATE TABLE login_failures (
    id              INTEGER PRIMARY KEY,
    account         TEXT NOT NULL,
    client_address  TEXT NOT NULL,
    failed_at       TEXT NOT NULL
);
CREATE INDEX login_failures_account_idx ON login_failures (account, failed_at);
CREATE INDEX login_failures_address_idx ON login_failures (client_address, failed_at);
