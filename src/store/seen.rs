//! Provider message ids handled outside a draft step (an update Buzón cannot use), so that a
//! provider retry of it changes nothing either.

use super::{Store, StoreError};
use crate::crypto::DedupeKey;

impl Store {
    /// Records a dedupe key; `false` if it was already there (the message was handled).
    pub async fn remember(&self, key: &DedupeKey, expires_at: i64) -> Result<bool, StoreError> {
        let done = sqlx::query(
            "INSERT INTO seen_messages (key, expires_at) VALUES ($1, $2) \
             ON CONFLICT (key) DO NOTHING",
        )
        .bind(key.as_bytes().to_vec())
        .bind(expires_at)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }
}
