-- Telegram channel (issue 3). Two tables, both keyed by the sender's pseudonym and holding only
-- ciphertext under the draft key (which needs the sender's chat id as well as the server
-- secret): a stolen database and secret alone open neither. Listed in the README's table.

-- Files sent with an unfinished complaint (voice notes, photos, documents, videos), from their
-- arrival until the draft is filed (then they live only inside the case's envelopes), erased,
-- or expires. The sealed draft names each file by its id.
CREATE TABLE draft_files (
    pseudonym  BLOB NOT NULL,     -- the draft they belong to
    id         BLOB NOT NULL,     -- random 16 bytes, named inside the sealed draft
    sealed     BLOB NOT NULL,     -- XChaCha20-Poly1305 of the file's bytes
    expires_at INTEGER NOT NULL,  -- unix seconds; follows the draft's expiry
    PRIMARY KEY (pseudonym, id)
) WITHOUT ROWID;

-- Message ids of a Telegram conversation, so the bot can erase the chat from the reporter's
-- phone when asked (Telegram lets a bot delete messages for 48 hours). One row per update.
CREATE TABLE chat_trail (
    pseudonym  BLOB NOT NULL,     -- whose chat
    id         BLOB NOT NULL,     -- random 16 bytes (no order, no time)
    sealed     BLOB NOT NULL,     -- XChaCha20-Poly1305 of the message ids
    expires_at INTEGER NOT NULL,  -- unix seconds; 48 hours after the messages were sent
    PRIMARY KEY (pseudonym, id)
) WITHOUT ROWID;
