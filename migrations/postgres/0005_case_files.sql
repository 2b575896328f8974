-- Files of filed cases (issue 12). Same tables and meaning as migrations/sqlite/0005_case_files.sql:
-- each file stored once per case, sealed with age to every member key of every org whose
-- envelope references it; envelopes carry only its id and SHA-256.

CREATE TABLE case_files (
    case_id TEXT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    id      TEXT NOT NULL,
    sealed  BYTEA NOT NULL,
    PRIMARY KEY (case_id, id)
);

CREATE TABLE case_file_orgs (
    case_id TEXT NOT NULL,
    file_id TEXT NOT NULL,
    org_id  TEXT NOT NULL,
    PRIMARY KEY (case_id, file_id, org_id),
    FOREIGN KEY (case_id, file_id) REFERENCES case_files (case_id, id) ON DELETE CASCADE
);
CREATE INDEX case_file_orgs_by_org ON case_file_orgs (org_id, case_id);

-- draft_files.expires_at is now a grace period from the file's arrival, set once (see SQLite).
