//! Org API tokens (stored only as keyed hashes, with a random public id, a scope and a label)
//! and the shelters' web sessions opened with them. Every check reads the database, so a
//! revocation or a logout holds at once on every instance.

use sqlx::Row;

use super::cases::day;
use super::{Store, StoreError};
use crate::crypto::{SessionHash, TokenHash};
use crate::domain::{Day, OrgId, TokenId, TokenLabel, TokenScope};

/// A token about to be stored. The token itself is not here: only its keyed hash.
pub struct NewToken<'a> {
    pub hash: &'a TokenHash,
    pub id: &'a TokenId,
    pub org: &'a OrgId,
    pub scope: TokenScope,
    pub label: Option<&'a TokenLabel>,
}

/// Who a valid token speaks for, and what it may do.
#[derive(Debug, Clone)]
pub struct TokenGrant {
    pub id: TokenId,
    pub org: OrgId,
    pub scope: TokenScope,
}

/// One token as `buzon org tokens` lists it: never the token, never its hash.
#[derive(Debug, Clone)]
pub struct TokenRow {
    pub id: TokenId,
    pub scope: TokenScope,
    pub label: Option<TokenLabel>,
    pub created_on: Day,
}

fn org(s: String) -> Result<OrgId, StoreError> {
    OrgId::parse(&s).map_err(|_| StoreError::Corrupt("org id"))
}

fn token_id(s: String) -> Result<TokenId, StoreError> {
    TokenId::parse(&s).map_err(|_| StoreError::Corrupt("token id"))
}

fn scope(s: String) -> Result<TokenScope, StoreError> {
    TokenScope::parse(&s).map_err(|_| StoreError::Corrupt("token scope"))
}

impl Store {
    pub async fn add_token(&self, token: NewToken<'_>, today: Day) -> Result<(), StoreError> {
        let mut tx = self.writer.begin().await?;
        sqlx::query(
            "INSERT INTO org_tokens (token_hash, token_id, org_id, scope, label, created_on) \
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(token.hash.as_bytes().to_vec())
        .bind(token.id.as_str().to_owned())
        .bind(token.org.as_str().to_owned())
        .bind(token.scope.as_str())
        .bind(token.label.map(|l| l.as_str().to_owned()))
        .bind(today.to_string())
        .execute(&mut *tx)
        .await?;
        super::cases::audit(&mut tx, today, "token.created", Some(token.org)).await?;
        tx.commit().await?;
        Ok(())
    }

    /// What a token may do, if it exists (was issued and not revoked). The lookup is by keyed
    /// hash, so its timing says nothing about the token itself.
    pub async fn token_grant(&self, hash: &TokenHash) -> Result<Option<TokenGrant>, StoreError> {
        let row =
            sqlx::query("SELECT token_id, org_id, scope FROM org_tokens WHERE token_hash = $1")
                .bind(hash.as_bytes().to_vec())
                .fetch_optional(&self.pool)
                .await?;
        row.map(|r| {
            Ok(TokenGrant {
                id: token_id(r.get(0))?,
                org: org(r.get(1))?,
                scope: scope(r.get(2))?,
            })
        })
        .transpose()
    }

    /// An org's tokens, oldest first.
    pub async fn list_tokens(&self, org_id: &OrgId) -> Result<Vec<TokenRow>, StoreError> {
        let rows = sqlx::query(
            "SELECT token_id, scope, label, created_on FROM org_tokens WHERE org_id = $1 \
             ORDER BY created_on, token_id",
        )
        .bind(org_id.as_str().to_owned())
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter()
            .map(|r| {
                let label = r
                    .get::<Option<String>, _>(2)
                    .map(|l| TokenLabel::parse(&l).map_err(|_| StoreError::Corrupt("token label")))
                    .transpose()?;
                Ok(TokenRow {
                    id: token_id(r.get(0))?,
                    scope: scope(r.get(1))?,
                    label,
                    created_on: day(&r.get::<String, _>(3))?,
                })
            })
            .collect()
    }

    /// Revokes a token and ends every web session opened with it, in one transaction; returns
    /// the org it belonged to, if it existed.
    pub async fn revoke_token(
        &self,
        id: &TokenId,
        today: Day,
    ) -> Result<Option<OrgId>, StoreError> {
        let mut tx = self.writer.begin().await?;
        sqlx::query("DELETE FROM web_sessions WHERE token_id = $1")
            .bind(id.as_str().to_owned())
            .execute(&mut *tx)
            .await?;
        let row = sqlx::query("DELETE FROM org_tokens WHERE token_id = $1 RETURNING org_id")
            .bind(id.as_str().to_owned())
            .fetch_optional(&mut *tx)
            .await?;
        let Some(row) = row else {
            return Ok(None);
        };
        let org_id = org(row.get(0))?;
        super::cases::audit(&mut tx, today, "token.revoked", Some(&org_id)).await?;
        tx.commit().await?;
        Ok(Some(org_id))
    }

    /// Records a web session opened with a token.
    pub async fn start_session(
        &self,
        hash: &SessionHash,
        token: &TokenId,
        expires_at: i64,
    ) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO web_sessions (session_hash, token_id, expires_at) VALUES ($1, $2, $3)",
        )
        .bind(hash.as_bytes().to_vec())
        .bind(token.as_str().to_owned())
        .bind(expires_at)
        .execute(&self.writer)
        .await?;
        Ok(())
    }

    /// The org of a live web session: recorded, opened with `token`, not expired, and its token
    /// still a shelter-form token that exists (not revoked).
    pub async fn session_org(
        &self,
        hash: &SessionHash,
        token: &TokenId,
        now: i64,
    ) -> Result<Option<OrgId>, StoreError> {
        let row = sqlx::query(
            "SELECT t.org_id FROM web_sessions s JOIN org_tokens t ON t.token_id = s.token_id \
             WHERE s.session_hash = $1 AND s.token_id = $2 AND s.expires_at > $3 \
             AND t.scope = $4",
        )
        .bind(hash.as_bytes().to_vec())
        .bind(token.as_str().to_owned())
        .bind(now)
        .bind(TokenScope::ShelterForm.as_str())
        .fetch_optional(&self.pool)
        .await?;
        row.map(|r| org(r.get(0))).transpose()
    }

    /// Ends a web session (logout). Ending one that is already gone is not an error.
    pub async fn end_session(&self, hash: &SessionHash) -> Result<(), StoreError> {
        sqlx::query("DELETE FROM web_sessions WHERE session_hash = $1")
            .bind(hash.as_bytes().to_vec())
            .execute(&self.writer)
            .await?;
        Ok(())
    }

    /// Deletes expired web sessions; returns how many went.
    pub async fn sweep_sessions(&self, now: i64) -> Result<u64, StoreError> {
        Ok(
            sqlx::query("DELETE FROM web_sessions WHERE expires_at <= $1")
                .bind(now)
                .execute(&self.writer)
                .await?
                .rows_affected(),
        )
    }
}
