-- Revocable, scoped API tokens and server-side web sessions (issue 12, item 8).

-- org_tokens gains a random public id (to list and revoke a token by, never derived from the
-- token nor from anything about a case), a scope, and an optional operator's label. SQLite
-- cannot add a NOT NULL UNIQUE column in place, so the table is rebuilt. Tokens issued before
-- this migration keep working, as inbox-scoped, under a fresh random id.
CREATE TABLE org_tokens_scoped (
    token_hash BLOB PRIMARY KEY,      -- keyed hash of the token; the token is shown once
    token_id   TEXT NOT NULL UNIQUE,  -- 16 random hex digits
    org_id     TEXT NOT NULL,
    scope      TEXT NOT NULL,         -- inbox | shelter-form
    label      TEXT,                  -- operator's note, 1-64 characters of plain text, or NULL
    created_on TEXT NOT NULL          -- YYYY-MM-DD
) WITHOUT ROWID;
INSERT INTO org_tokens_scoped (token_hash, token_id, org_id, scope, label, created_on)
    SELECT token_hash, lower(hex(randomblob(8))), org_id, 'inbox', NULL, created_on
    FROM org_tokens;
DROP TABLE org_tokens;
ALTER TABLE org_tokens_scoped RENAME TO org_tokens;
CREATE INDEX org_tokens_by_org ON org_tokens (org_id);

-- A shelter's web login, so that logging out or revoking its token ends it at once on every
-- instance. Only a keyed hash of the cookie's random nonce, the token it was opened with, and
-- when it ends; nothing about what was filed in it.
CREATE TABLE web_sessions (
    session_hash BLOB PRIMARY KEY,    -- keyed hash of the cookie's nonce (the cookie is not kept)
    token_id     TEXT NOT NULL REFERENCES org_tokens (token_id) ON DELETE CASCADE,
    expires_at   INTEGER NOT NULL     -- unix seconds, 8 hours after login; swept after
) WITHOUT ROWID;
CREATE INDEX web_sessions_by_token ON web_sessions (token_id);
