//! Files of filed cases: each stored once per case, sealed with age to every member key of
//! every org whose envelope references it (`case_files`), with the list of those orgs
//! (`case_file_orgs`). An org reads a file only while its own envelope of the case is there
//! and not purged; a file no org may read any more is deleted. Ciphertext only.

use sqlx::{AnyConnection, Row};

use super::{Store, StoreError};
use crate::domain::{CaseId, OrgId};

/// One sealed file of a new case, and the orgs whose envelope references it.
#[derive(Clone)]
pub struct CaseFile {
    /// Random 128-bit id, hex: named in the envelopes, orders nothing.
    pub id: String,
    /// age, to every member key of every org in `orgs`.
    pub sealed: Vec<u8>,
    pub orgs: Vec<OrgId>,
}

/// A file lookup, answered like the envelope lookup it follows.
pub enum FileFetch {
    Found(Vec<u8>),
    /// The org's envelope of the case was purged under its retention: 410.
    Purged,
    /// No such case, not the org's case, or not a file of its envelope: 404, all alike.
    Missing,
}

/// Forgets, for one case, the orgs that no longer hold an envelope of it, then deletes the
/// files no org may read any more. Used by withdrawal.
pub(super) async fn prune_case(tx: &mut AnyConnection, case: &str) -> Result<(), StoreError> {
    sqlx::query(
        "DELETE FROM case_file_orgs WHERE case_id = $1 AND org_id NOT IN \
         (SELECT org_id FROM envelopes WHERE case_id = $1 AND purged_on IS NULL)",
    )
    .bind(case.to_owned())
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "DELETE FROM case_files WHERE case_id = $1 AND NOT EXISTS (SELECT 1 FROM case_file_orgs r \
         WHERE r.case_id = case_files.case_id AND r.file_id = case_files.id)",
    )
    .bind(case.to_owned())
    .execute(&mut *tx)
    .await?;
    Ok(())
}

impl Store {
    /// The org's copy of a file of a case, under the same rule as its envelope.
    pub async fn case_file(
        &self,
        org: &OrgId,
        case: &CaseId,
        file: &str,
    ) -> Result<FileFetch, StoreError> {
        let envelope =
            sqlx::query("SELECT purged_on FROM envelopes WHERE org_id = $1 AND case_id = $2")
                .bind(org.as_str().to_owned())
                .bind(case.as_str().to_owned())
                .fetch_optional(&self.pool)
                .await?;
        match envelope {
            None => return Ok(FileFetch::Missing),
            Some(r) if r.get::<Option<String>, _>(0).is_some() => return Ok(FileFetch::Purged),
            Some(_) => {}
        }
        let row = sqlx::query(
            "SELECT f.sealed FROM case_files f JOIN case_file_orgs r \
             ON r.case_id = f.case_id AND r.file_id = f.id \
             WHERE f.case_id = $1 AND f.id = $2 AND r.org_id = $3",
        )
        .bind(case.as_str().to_owned())
        .bind(file.to_owned())
        .bind(org.as_str().to_owned())
        .fetch_optional(&self.pool)
        .await?;
        Ok(match row {
            Some(r) => FileFetch::Found(r.get::<Vec<u8>, _>(0)),
            None => FileFetch::Missing,
        })
    }

    /// After `org`'s envelopes were purged: its file references go, and so do files no org
    /// may read any more. Returns how many files were deleted.
    pub(super) async fn purge_files_of(&self, org: &OrgId) -> Result<u64, StoreError> {
        let mut tx = self.writer.begin().await?;
        sqlx::query(
            "DELETE FROM case_file_orgs WHERE org_id = $1 AND case_id IN \
             (SELECT case_id FROM envelopes WHERE org_id = $1 AND purged_on IS NOT NULL)",
        )
        .bind(org.as_str().to_owned())
        .execute(&mut *tx)
        .await?;
        let gone = sqlx::query(
            "DELETE FROM case_files WHERE NOT EXISTS (SELECT 1 FROM case_file_orgs r \
             WHERE r.case_id = case_files.case_id AND r.file_id = case_files.id)",
        )
        .execute(&mut *tx)
        .await?
        .rows_affected();
        tx.commit().await?;
        Ok(gone)
    }

    /// Rows and bytes of sealed case files in the database (for tests and the operator).
    pub async fn case_file_totals(&self) -> Result<(i64, i64), StoreError> {
        let row = sqlx::query(
            "SELECT CAST(COUNT(*) AS BIGINT), CAST(COALESCE(SUM(LENGTH(sealed)), 0) AS BIGINT) \
             FROM case_files",
        )
        .fetch_one(&self.pool)
        .await?;
        Ok((row.get::<i64, _>(0), row.get::<i64, _>(1)))
    }
}
