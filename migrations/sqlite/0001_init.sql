-- Buzón schema v1, SQLite. Every column is listed in the README's "What is kept" table.
-- Nothing here holds a complaint's words in the clear, a phone number, a chat id, or a time
-- finer than a day next to a case. WITHOUT ROWID keeps rows from carrying an insertion order.

-- One unfinished conversation per sender.
CREATE TABLE drafts (
    pseudonym  BLOB PRIMARY KEY,   -- keyed hash of the channel identity (needs the server secret)
    version    INTEGER NOT NULL,   -- bumped on every write: concurrent messages cannot lose a step
    sealed     BLOB NOT NULL,      -- XChaCha20-Poly1305 of the draft; the key needs the sender's id
    expires_at INTEGER NOT NULL    -- unix seconds; an idle draft is gone after this
) WITHOUT ROWID;

-- Provider message ids already handled, so a retry changes nothing.
CREATE TABLE seen_messages (
    key        BLOB PRIMARY KEY,   -- keyed hash of the provider's message id
    expires_at INTEGER NOT NULL    -- unix seconds; providers stop retrying long before
) WITHOUT ROWID;

-- One row per filed case: only what routing and counting need, in the clear.
CREATE TABLE cases (
    id              TEXT PRIMARY KEY,      -- random 128-bit id, hex
    filed_on        TEXT NOT NULL,         -- YYYY-MM-DD, never finer
    channel         TEXT NOT NULL,         -- sms | telegram | web
    language        TEXT NOT NULL,         -- locale code the reporter used
    violation       INTEGER NOT NULL,      -- code list, see domain/codes.rs
    perpetrator     INTEGER NOT NULL,
    state           TEXT NOT NULL,         -- ISO 3166-2:MX code or 'unknown'
    receipt_hash    BLOB NOT NULL UNIQUE,  -- keyed hash of the 16-digit receipt
    reply_recipient TEXT NOT NULL,         -- age1… public key replies to the reporter are sealed to
    reporter_key    BLOB NOT NULL          -- its secret half, wrapped by Argon2id(receipt, pepper)
) WITHOUT ROWID;

-- One age envelope per receiving org, and whether that org has taken it.
CREATE TABLE envelopes (
    case_id      TEXT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    org_id       TEXT NOT NULL,
    envelope     BLOB NOT NULL,   -- age binary format, to every member key of the org
    delivered_on TEXT NOT NULL,   -- day it became available to the org
    acked_on     TEXT,            -- day the org confirmed receipt, NULL until then
    PRIMARY KEY (case_id, org_id)
) WITHOUT ROWID;
CREATE INDEX envelopes_by_org ON envelopes (org_id, case_id);

-- API tokens of the orgs, hashed; the token itself is shown once and never stored.
CREATE TABLE org_tokens (
    token_hash BLOB PRIMARY KEY,
    org_id     TEXT NOT NULL,
    created_on TEXT NOT NULL
) WITHOUT ROWID;

-- What happened, by day: case filed, envelope acknowledged, token issued.
CREATE TABLE audit_events (
    id      INTEGER PRIMARY KEY AUTOINCREMENT,
    day     TEXT NOT NULL,
    kind    TEXT NOT NULL,
    org_id  TEXT,
    case_id TEXT
);
