-- Revocable, scoped API tokens and server-side web sessions (issue 12, item 8).

-- org_tokens gains a random public id (to list and revoke a token by, never derived from the
-- token nor from anything about a case), a scope, and an optional operator's label. Tokens
-- issued before this migration keep working, as inbox-scoped, under a fresh random id (16 hex
-- digits of the MD5 of a random UUID: random, not secret).
ALTER TABLE org_tokens ADD COLUMN token_id TEXT;
UPDATE org_tokens SET token_id = substr(md5(gen_random_uuid()::text), 1, 16);
ALTER TABLE org_tokens ALTER COLUMN token_id SET NOT NULL;
ALTER TABLE org_tokens ADD CONSTRAINT org_tokens_token_id_key UNIQUE (token_id);
ALTER TABLE org_tokens ADD COLUMN scope TEXT NOT NULL DEFAULT 'inbox';  -- inbox | shelter-form
ALTER TABLE org_tokens ALTER COLUMN scope DROP DEFAULT;
ALTER TABLE org_tokens ADD COLUMN label TEXT;  -- operator's note, 1-64 characters, or NULL
CREATE INDEX org_tokens_by_org ON org_tokens (org_id);

-- A shelter's web login, so that logging out or revoking its token ends it at once on every
-- instance. Only a keyed hash of the cookie's random nonce, the token it was opened with, and
-- when it ends; nothing about what was filed in it.
CREATE TABLE web_sessions (
    session_hash BYTEA PRIMARY KEY,   -- keyed hash of the cookie's nonce (the cookie is not kept)
    token_id     TEXT NOT NULL REFERENCES org_tokens (token_id) ON DELETE CASCADE,
    expires_at   BIGINT NOT NULL      -- unix seconds, 8 hours after login; swept after
);
CREATE INDEX web_sessions_by_token ON web_sessions (token_id);
