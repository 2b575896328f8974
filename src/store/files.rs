//! Sealed per-sender blobs of the Telegram channel: files of an unfinished draft
//! (`draft_files`) and the message ids of a conversation (`chat_trail`). This module stores
//! and returns ciphertext only; `service::attachments` and `service::telegram` seal and open.

use sqlx::Row;

use super::{Store, StoreError};
use crate::crypto::Pseudonym;

/// The two tables, so the queries below are written once.
#[derive(Clone, Copy)]
pub enum Blobs {
    DraftFiles,
    ChatTrail,
}

impl Blobs {
    fn table(self) -> &'static str {
        match self {
            Blobs::DraftFiles => "draft_files",
            Blobs::ChatTrail => "chat_trail",
        }
    }
}

/// One blob to insert, as it waits in the group committer's queue ([`super::write::Write::Blob`]).
pub(super) struct BlobRow {
    pub(super) which: Blobs,
    pub(super) pseudonym: Vec<u8>,
    pub(super) id: Vec<u8>,
    pub(super) sealed: Vec<u8>,
    pub(super) expires_at: i64,
}

impl Store {
    /// Stores a sealed blob through the group committer, like a conversation step. (On SQLite
    /// a message trail, a few hundred bytes after every reply, took SQLite's write lock from
    /// another connection and waited seconds in the busy handler under load; a file, up to
    /// 20 MB, is bound as it is, never parsed.)
    pub async fn put_blob(
        &self,
        which: Blobs,
        pseudonym: &Pseudonym,
        id: &[u8],
        sealed: Vec<u8>,
        expires_at: i64,
    ) -> Result<(), StoreError> {
        let row = BlobRow {
            which,
            pseudonym: pseudonym.as_bytes().to_vec(),
            id: id.to_vec(),
            sealed,
            expires_at,
        };
        self.group.commit_blob(row).await
    }

    /// Every unexpired blob of a sender: `(id, sealed)`.
    pub async fn blobs(
        &self,
        which: Blobs,
        pseudonym: &Pseudonym,
        now: i64,
    ) -> Result<Vec<(Vec<u8>, Vec<u8>)>, StoreError> {
        let sql = format!(
            "SELECT id, sealed FROM {} WHERE pseudonym = $1 AND expires_at > $2",
            which.table()
        );
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(pseudonym.as_bytes().to_vec())
            .bind(now)
            .fetch_all(&self.pool)
            .await?;
        Ok(rows
            .into_iter()
            .map(|r| (r.get::<Vec<u8>, _>(0), r.get::<Vec<u8>, _>(1)))
            .collect())
    }

    /// One sealed draft file of a sender, whatever its grace expiry: a file lives as long as
    /// the draft that names it (see [`Self::sweep_blobs`]).
    pub async fn draft_file(
        &self,
        pseudonym: &Pseudonym,
        id: &[u8],
    ) -> Result<Option<Vec<u8>>, StoreError> {
        let row = sqlx::query("SELECT sealed FROM draft_files WHERE pseudonym = $1 AND id = $2")
            .bind(pseudonym.as_bytes().to_vec())
            .bind(id.to_vec())
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.map(|r| r.get::<Vec<u8>, _>(0)))
    }

    /// Deletes every blob of a sender.
    pub async fn delete_blobs(
        &self,
        which: Blobs,
        pseudonym: &Pseudonym,
    ) -> Result<(), StoreError> {
        let sql = format!("DELETE FROM {} WHERE pseudonym = $1", which.table());
        sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(pseudonym.as_bytes().to_vec())
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Deletes expired message trails, and draft files whose grace period (from their arrival)
    /// has passed and whose sender has no live draft; returns how many went. A draft file's
    /// expiry is never pushed back (that rewrote every file row at every message).
    pub async fn sweep_blobs(&self, now: i64) -> Result<u64, StoreError> {
        let trail = sqlx::query("DELETE FROM chat_trail WHERE expires_at <= $1")
            .bind(now)
            .execute(&self.pool)
            .await?
            .rows_affected();
        let files = sqlx::query(
            "DELETE FROM draft_files WHERE expires_at <= $1 AND NOT EXISTS \
             (SELECT 1 FROM drafts d WHERE d.pseudonym = draft_files.pseudonym \
             AND d.expires_at > $1)",
        )
        .bind(now)
        .execute(&self.pool)
        .await?
        .rows_affected();
        Ok(trail + files)
    }
}
