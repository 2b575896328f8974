//! Org API tokens, stored only as keyed hashes.

use sqlx::Row;

use super::{Store, StoreError};
use crate::crypto::TokenHash;
use crate::domain::{Day, OrgId};

impl Store {
    pub async fn add_token(
        &self,
        hash: &TokenHash,
        org: &OrgId,
        today: Day,
    ) -> Result<(), StoreError> {
        let mut tx = self.writer.begin().await?;
        sqlx::query("INSERT INTO org_tokens (token_hash, org_id, created_on) VALUES ($1, $2, $3)")
            .bind(hash.as_bytes().to_vec())
            .bind(org.as_str().to_owned())
            .bind(today.to_string())
            .execute(&mut *tx)
            .await?;
        super::cases::audit(&mut tx, today, "token.created", Some(org)).await?;
        tx.commit().await?;
        Ok(())
    }

    /// The org a token belongs to. The lookup is by keyed hash, so timing reveals nothing
    /// about the token itself.
    pub async fn token_org(&self, hash: &TokenHash) -> Result<Option<OrgId>, StoreError> {
        let row = sqlx::query("SELECT org_id FROM org_tokens WHERE token_hash = $1")
            .bind(hash.as_bytes().to_vec())
            .fetch_optional(&self.pool)
            .await?;
        row.map(|r| OrgId::parse(&r.get::<String, _>(0)).map_err(|_| StoreError::Corrupt("org id")))
            .transpose()
    }
}
