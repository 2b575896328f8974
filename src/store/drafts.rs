//! Drafts and the one transaction that records a handled message: dedupe key, draft change,
//! and (on confirmation) the new case with its envelopes.

use sqlx::Row;

use super::{Store, StoreError, cases::NewCase};
use crate::crypto::{DedupeKey, Pseudonym, SealedDraft};

/// How often PostgreSQL's draft tables are vacuumed: the window in which an erased draft's dead
/// row version still ties its pseudonym to the transaction that filed the case.
pub const DRAFT_VACUUM_EVERY: std::time::Duration = std::time::Duration::from_secs(10);

/// A draft as stored. `expired` drafts are treated as absent but still carry their version, so
/// the next write replaces them.
pub struct StoredDraft {
    pub version: i64,
    pub sealed: SealedDraft,
    pub expired: bool,
}

pub enum DraftWrite {
    Keep {
        sealed: SealedDraft,
        expires_at: i64,
    },
    Erase,
}

/// Everything one handled message changes, committed together or not at all.
pub struct StepCommit<'a> {
    /// `None` for messages without a provider id (the terminal phone never sends one).
    pub dedupe: Option<(&'a DedupeKey, i64)>,
    pub pseudonym: &'a Pseudonym,
    /// The version loaded, `None` if there was no row.
    pub expected_version: Option<i64>,
    pub draft: DraftWrite,
    pub case: Option<NewCase>,
    /// What becomes of the sender's `draft_files` rows.
    pub files: FileRows,
}

/// What a step does to the sender's files in `draft_files`. A step never rewrites them (their
/// expiry does not follow the draft's): it deletes those that left the draft, or all of them
/// when the draft goes, so its cost does not grow with the files that stay.
#[derive(Clone, Default)]
pub enum FileRows {
    #[default]
    Untouched,
    /// Files the draft named before this step and no longer does (a restart, an expired draft
    /// replaced): their random ids.
    Drop(Vec<Vec<u8>>),
    /// The draft is erased or filed: every file of the sender goes.
    DropAll,
}

impl Store {
    pub async fn load_draft(
        &self,
        pseudonym: &Pseudonym,
        now: i64,
    ) -> Result<Option<StoredDraft>, StoreError> {
        let row = self
            .hot_read(
                sqlx::query("SELECT version, sealed, expires_at FROM drafts WHERE pseudonym = $1")
                    .bind(pseudonym.as_bytes().to_vec()),
            )
            .await?;
        Ok(row.map(|r| StoredDraft {
            version: r.get::<i64, _>(0),
            sealed: SealedDraft(r.get::<Vec<u8>, _>(1)),
            expired: r.get::<i64, _>(2) <= now,
        }))
    }

    /// Whether a provider message id was already handled (a fast path; the commit checks too).
    pub async fn seen(&self, key: &DedupeKey) -> Result<bool, StoreError> {
        let row = sqlx::query("SELECT 1 FROM seen_messages WHERE key = $1")
            .bind(key.as_bytes().to_vec())
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.is_some())
    }

    /// [`Self::seen`] and [`Self::load_draft`] in one query: what every message asks first.
    /// `None` when the message was already handled.
    pub async fn load_unseen(
        &self,
        pseudonym: &Pseudonym,
        dedupe: Option<&DedupeKey>,
        now: i64,
    ) -> Result<Option<Option<StoredDraft>>, StoreError> {
        let Some(key) = dedupe else {
            return Ok(Some(self.load_draft(pseudonym, now).await?));
        };
        let row = self
            .hot_read(
                sqlx::query(
                    "SELECT CAST(CASE WHEN EXISTS (SELECT 1 FROM seen_messages WHERE key = $1) \
                     THEN 1 ELSE 0 END AS BIGINT), d.version, d.sealed, d.expires_at \
                     FROM (SELECT 1 AS one) AS o LEFT JOIN drafts AS d ON d.pseudonym = $2",
                )
                .bind(key.as_bytes().to_vec())
                .bind(pseudonym.as_bytes().to_vec()),
            )
            .await?
            .ok_or(StoreError::Corrupt("the draft query returned no row"))?;
        if row.get::<i64, _>(0) != 0 {
            return Ok(None);
        }
        let draft = row.get::<Option<i64>, _>(1).map(|version| StoredDraft {
            version,
            sealed: SealedDraft(row.get::<Vec<u8>, _>(2)),
            expired: row.get::<i64, _>(3) <= now,
        });
        Ok(Some(draft))
    }

    /// Commits one handled message. Fails with [`StoreError::Duplicate`] if its provider id was
    /// handled meanwhile, and with [`StoreError::Conflict`] if the draft changed since it was
    /// loaded; in both cases nothing was written. The commit is grouped with those of concurrent
    /// requests (one fsync for many, see [`super::commit`]); it returns only once its group is
    /// durable.
    pub async fn commit_step(&self, commit: StepCommit<'_>) -> Result<(), StoreError> {
        self.commit(super::step::Step::from(commit)).await
    }

    /// Commits a step through the group committer; returns once its group is durable.
    pub(super) async fn commit(&self, step: super::step::Step) -> Result<(), StoreError> {
        self.group.commit_step(step).await
    }

    /// PostgreSQL: removes the dead row versions of drafts and their files (see
    /// [`DRAFT_VACUUM_EVERY`]). SQLite needs nothing: `secure_delete` zeroes an erased draft and
    /// the group committer empties the WAL. `VACUUM` may not run in a transaction, hence the
    /// plain statement.
    pub async fn vacuum_drafts(&self) -> Result<(), StoreError> {
        if self.backend == super::Backend::Postgres {
            sqlx::raw_sql("VACUUM drafts, draft_files")
                .execute(&self.writer)
                .await?;
        }
        Ok(())
    }

    /// Deletes expired drafts, dedupe keys and enrolment codes; returns how many rows went.
    pub async fn sweep(&self, now: i64) -> Result<u64, StoreError> {
        let drafts = sqlx::query("DELETE FROM drafts WHERE expires_at <= $1")
            .bind(now)
            .execute(&self.writer)
            .await?
            .rows_affected();
        let seen = sqlx::query("DELETE FROM seen_messages WHERE expires_at <= $1")
            .bind(now)
            .execute(&self.writer)
            .await?
            .rows_affected();
        let invites = sqlx::query("DELETE FROM shelter_invites WHERE expires_at <= $1")
            .bind(now)
            .execute(&self.writer)
            .await?
            .rows_affected();
        Ok(drafts + seen + invites + self.sweep_blobs(now).await?)
    }
}
