-- vtserver schema, version 3: responses remembered by Idempotency-Key (24 hours).
CREATE TABLE idempotency (
    -- sha256 of the Authorization header: keys are scoped to the credential that sent them.
    scope        BLOB    NOT NULL,
    key          TEXT    NOT NULL,
    method       TEXT    NOT NULL,
    path         TEXT    NOT NULL,
    -- sha256 of the request body: the same key with another body is a 409.
    body_hash    BLOB    NOT NULL,
    status       INTEGER NOT NULL,
    content_type TEXT,
    location     TEXT,
    body         BLOB    NOT NULL,
    created_at   TEXT    NOT NULL,
    PRIMARY KEY (scope, key)
);

CREATE INDEX idempotency_created ON idempotency (created_at);
