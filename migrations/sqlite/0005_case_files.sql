-- Files of filed cases (issue 12). Until now each file travelled base64 inside every org's
-- envelope (a picture twice, once per receiving org). Now each file is stored once per case,
-- sealed with age to every member key of every org whose envelope references it (one stanza
-- per key in the file's header); the envelopes carry only the file's id and SHA-256. Listed in
-- the README's "What is kept" table.

CREATE TABLE case_files (
    case_id TEXT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    id      TEXT NOT NULL,   -- random 128-bit id, hex: no order, no time
    sealed  BLOB NOT NULL,   -- age binary format, to every member key of each org in case_file_orgs
    PRIMARY KEY (case_id, id)
) WITHOUT ROWID;

-- The orgs whose envelope references a file: only they may download it (and only while their
-- envelope is there and not purged). A file with no row left here is deleted.
CREATE TABLE case_file_orgs (
    case_id TEXT NOT NULL,
    file_id TEXT NOT NULL,
    org_id  TEXT NOT NULL,
    PRIMARY KEY (case_id, file_id, org_id),
    FOREIGN KEY (case_id, file_id) REFERENCES case_files (case_id, id) ON DELETE CASCADE
) WITHOUT ROWID;
CREATE INDEX case_file_orgs_by_org ON case_file_orgs (org_id, case_id);

-- draft_files keeps its shape, but expires_at no longer follows the draft (which rewrote every
-- file row at every message): it is set once, a grace period from the file's arrival, and a
-- file is swept once that has passed and its sender has no live draft.
