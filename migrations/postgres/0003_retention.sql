-- Retention and withdrawal (issue 6).
-- purged_on: the day an acknowledged envelope's ciphertext was deleted under the org's
--            retention setting (the row stays so status and counts still work).
-- withdrawn_on: the day the reporter withdrew the case (BORRAR <receipt>); envelopes the org had
--            already downloaded are kept, marked, so the org knows to stop using them.
ALTER TABLE envelopes ADD COLUMN purged_on TEXT;
ALTER TABLE envelopes ADD COLUMN withdrawn_on TEXT;
ALTER TABLE cases ADD COLUMN withdrawn_on TEXT;
