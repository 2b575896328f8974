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

impl Store {
    pub async fn put_blob(
        &self,
        which: Blobs,
        pseudonym: &Pseudonym,
        id: &[u8],
        sealed: Vec<u8>,
        expires_at: i64,
    ) -> Result<(), StoreError> {
        let sql = format!(
            "INSERT INTO {} (pseudonym, id, sealed, expires_at) VALUES ($1, $2, $3, $4)",
            which.table()
        );
        sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(pseudonym.as_bytes().to_vec())
            .bind(id.to_vec())
            .bind(sealed)
            .bind(expires_at)
            .execute(&self.pool)
            .await?;
        Ok(())
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

    /// Deletes expired blobs of both tables; returns how many went.
    pub async fn sweep_blobs(&self, now: i64) -> Result<u64, StoreError> {
        let mut n = 0;
        for which in [Blobs::DraftFiles, Blobs::ChatTrail] {
            let sql = format!("DELETE FROM {} WHERE expires_at <= $1", which.table());
            n += sqlx::query(sqlx::AssertSqlSafe(sql))
                .bind(now)
                .execute(&self.pool)
                .await?
                .rows_affected();
        }
        Ok(n)
    }
}
