-- Telegram channel (issue 3). Same tables and meaning as migrations/sqlite/0002_telegram.sql.

CREATE TABLE draft_files (
    pseudonym  BYTEA NOT NULL,
    id         BYTEA NOT NULL,
    sealed     BYTEA NOT NULL,
    expires_at BIGINT NOT NULL,
    PRIMARY KEY (pseudonym, id)
);

CREATE TABLE chat_trail (
    pseudonym  BYTEA NOT NULL,
    id         BYTEA NOT NULL,
    sealed     BYTEA NOT NULL,
    expires_at BIGINT NOT NULL,
    PRIMARY KEY (pseudonym, id)
);
