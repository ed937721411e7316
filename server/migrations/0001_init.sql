-- vtserver schema, version 1: API keys, sessions, uploads.
-- Timestamps are RFC 3339 UTC text with millisecond precision (`2025-03-14T09:14:31.000Z`), so text
-- order is time order. `seq` columns give a stable newest-first order for cursor pagination
-- (AUTOINCREMENT: never reused, even after deletes).

CREATE TABLE api_keys (
    seq          INTEGER PRIMARY KEY AUTOINCREMENT,
    id           TEXT    NOT NULL UNIQUE,
    name         TEXT    NOT NULL,
    livemode     INTEGER NOT NULL,
    -- sha256 of the full secret; the secret itself is never stored.
    hash         BLOB    NOT NULL UNIQUE,
    last4        TEXT    NOT NULL,
    created_at   TEXT    NOT NULL,
    last_used_at TEXT,
    expires_at   TEXT,
    revoked_at   TEXT
);

CREATE TABLE sessions (
    seq              INTEGER PRIMARY KEY AUTOINCREMENT,
    id               TEXT    NOT NULL UNIQUE,
    livemode         INTEGER NOT NULL,
    name             TEXT    NOT NULL,
    description      TEXT,
    status           TEXT    NOT NULL,
    -- Why the session is in its status, when that is not self-evident (e.g. an upload interrupted
    -- by a restart). Not part of the API.
    status_reason    TEXT,
    language         TEXT,
    duration_seconds REAL,
    metadata         TEXT    NOT NULL DEFAULT '{}',
    -- The current upload (uploads.id), NULL before the first one.
    upload_id        TEXT,
    -- The status before the running upload started, restored when it fails.
    prev_status      TEXT,
    created_at       TEXT    NOT NULL,
    updated_at       TEXT    NOT NULL
);

CREATE INDEX sessions_list ON sessions (livemode, seq);
CREATE INDEX sessions_status ON sessions (livemode, status, seq);

CREATE TABLE uploads (
    id               TEXT    PRIMARY KEY,
    session_id       TEXT    NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    filename         TEXT    NOT NULL,
    content_type     TEXT    NOT NULL,
    size_bytes       INTEGER NOT NULL,
    duration_seconds REAL    NOT NULL,
    checksum_sha256  TEXT    NOT NULL,
    language_hint    TEXT,
    -- Path of the stored file relative to the data directory (`media/<session>/<upload>.<ext>`).
    path             TEXT    NOT NULL,
    created_at       TEXT    NOT NULL
);

CREATE INDEX uploads_session ON uploads (session_id);
