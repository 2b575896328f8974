-- Issue 12, item 6: the audit log told the filing order. `audit_events` numbered every event
-- from one AUTOINCREMENT sequence, and `envelope.acked` rows carried the case id, so the ids
-- of acks and filings interleaved into an order of cases (and, for an org that pulls often, a
-- time finer than a day). What is kept now is a count per day, kind and org: no case id, no
-- row id, no sequence. (The envelope row itself says on which day it was acknowledged.)
CREATE TABLE audit_counts (
    day    TEXT NOT NULL,      -- YYYY-MM-DD
    kind   TEXT NOT NULL,      -- case.filed | case.withdrawn | envelope.acked | token.created | shelter.*
    org_id TEXT NOT NULL,      -- the org concerned, '' for none
    n      INTEGER NOT NULL,   -- how many such events that day
    PRIMARY KEY (day, kind, org_id)
) WITHOUT ROWID;

INSERT INTO audit_counts (day, kind, org_id, n)
    SELECT day, kind, COALESCE(org_id, ''), COUNT(*) FROM audit_events
    GROUP BY day, kind, COALESCE(org_id, '');

-- Dropping the table also drops its row of sqlite_sequence; its pages are zeroed as they are
-- freed (secure_delete is on for every connection).
DROP TABLE audit_events;
