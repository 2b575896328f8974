-- Shelter-assisted filing (issue 7).

-- One-time enrolment codes for a shelter's volunteers; the row goes when the code is used.
CREATE TABLE shelter_invites (
    code_hash  BLOB PRIMARY KEY,   -- keyed hash of the code; the code is shown once
    org_id     TEXT NOT NULL,      -- the shelter (an intermediary org of the routing file)
    expires_at INTEGER NOT NULL    -- unix seconds, 24 hours after it was made
) WITHOUT ROWID;

-- Enrolled volunteers: only a keyed hash of the keyed-hash pseudonym of their phone or chat, so
-- the database alone cannot match a volunteer to a draft (or to a case filed as one was erased).
CREATE TABLE volunteers (
    volunteer_key BLOB PRIMARY KEY, -- keyed hash of the volunteer's pseudonym (not the pseudonym itself)
    volunteer_id TEXT NOT NULL UNIQUE, -- random short id, to list and revoke without an identity
    org_id       TEXT NOT NULL,
    enrolled_on  TEXT NOT NULL     -- YYYY-MM-DD
) WITHOUT ROWID;

-- assisted: a volunteer filed the case with the person (which shelter is only in envelopes).
-- assisted_tag: keyed hash of (shelter, case), so the shelter can list its cases' delivery; the
--               database alone cannot say which shelter it was.
ALTER TABLE cases ADD COLUMN assisted INTEGER NOT NULL DEFAULT 0;
ALTER TABLE cases ADD COLUMN assisted_tag BLOB;
