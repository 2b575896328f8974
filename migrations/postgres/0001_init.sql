-- Buzón schema v1, PostgreSQL. Same tables and meaning as migrations/sqlite/0001_init.sql;
-- every column is listed in the README's "What is kept" table. Integers are BIGINT so one
-- code path (sqlx Any, i64) serves both databases.

CREATE TABLE drafts (
    pseudonym  BYTEA PRIMARY KEY,
    version    BIGINT NOT NULL,
    sealed     BYTEA NOT NULL,
    expires_at BIGINT NOT NULL
);

CREATE TABLE seen_messages (
    key        BYTEA PRIMARY KEY,
    expires_at BIGINT NOT NULL
);

CREATE TABLE cases (
    id              TEXT PRIMARY KEY,
    filed_on        TEXT NOT NULL,
    channel         TEXT NOT NULL,
    language        TEXT NOT NULL,
    violation       BIGINT NOT NULL,
    perpetrator     BIGINT NOT NULL,
    state           TEXT NOT NULL,
    receipt_hash    BYTEA NOT NULL UNIQUE,
    reply_recipient TEXT NOT NULL,
    reporter_key    BYTEA NOT NULL
);

CREATE TABLE envelopes (
    case_id      TEXT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    org_id       TEXT NOT NULL,
    envelope     BYTEA NOT NULL,
    delivered_on TEXT NOT NULL,
    acked_on     TEXT,
    PRIMARY KEY (case_id, org_id)
);
CREATE INDEX envelopes_by_org ON envelopes (org_id, case_id);

CREATE TABLE org_tokens (
    token_hash BYTEA PRIMARY KEY,
    org_id     TEXT NOT NULL,
    created_on TEXT NOT NULL
);

CREATE TABLE audit_events (
    id      BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    day     TEXT NOT NULL,
    kind    TEXT NOT NULL,
    org_id  TEXT,
    case_id TEXT
);
