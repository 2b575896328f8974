//! Drafts and the one transaction that records a handled message: dedupe key, draft change,
//! and (on confirmation) the new case with its envelopes.

use sqlx::Row;

use super::files::BlobRow;
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

/// A [`StepCommit`] that owns its data, so it can wait in the group committer's queue.
pub(super) struct OwnedStep {
    dedupe: Option<(DedupeKey, i64)>,
    pseudonym: Pseudonym,
    expected_version: Option<i64>,
    draft: DraftWrite,
    case: Option<NewCase>,
    files: FileRows,
    /// A sealed blob written with the step (alone, for a Telegram message trail).
    blob: Option<BlobRow>,
}

impl From<StepCommit<'_>> for OwnedStep {
    fn from(c: StepCommit<'_>) -> Self {
        Self {
            dedupe: c.dedupe.map(|(k, e)| (k.clone(), e)),
            pseudonym: c.pseudonym.clone(),
            expected_version: c.expected_version,
            draft: c.draft,
            case: c.case,
            files: c.files,
            blob: None,
        }
    }
}

impl OwnedStep {
    /// An empty step, left behind when a queued step is taken out to be applied.
    pub(super) fn placeholder() -> Self {
        Self {
            dedupe: None,
            pseudonym: Pseudonym([0; 32]),
            expected_version: None,
            draft: DraftWrite::Erase,
            case: None,
            files: FileRows::Untouched,
            blob: None,
        }
    }

    /// A step that only inserts a blob: no message recorded, no draft changed.
    pub(super) fn blob_only(row: BlobRow) -> Self {
        Self {
            blob: Some(row),
            ..Self::placeholder()
        }
    }

    /// Whether the step files a case (the group committer then empties the WAL soon after).
    pub(super) fn files_case(&self) -> bool {
        self.case.is_some()
    }

    /// Whether the group committer may run the step in a batch (see
    /// [`Self::append_batch_sql`]): every step but those that delete draft files or file a
    /// case with files (megabytes as SQL literals would be copied and parsed on the
    /// committer's one thread; those go with bound parameters).
    pub(super) fn is_batchable(&self) -> bool {
        matches!(self.files, FileRows::Untouched)
            && self.case.as_ref().is_none_or(|c| c.files.is_empty())
    }

    /// Appends this step's statements to `sql`, the same writes as [`Self::apply`] with the
    /// values written as literals ([`super::literal`]), so that a run of batchable steps
    /// reaches SQLite's worker thread as one command instead of a round trip per statement.
    /// Each statement after the first is guarded by `changes() = 1`: it only happens if the
    /// one before it changed its row, so a duplicate or a conflict writes nothing after the
    /// point where it was found. SQLite only.
    pub(super) fn append_batch_sql(&self, sql: &mut String) -> BatchShape {
        use super::literal::blob;
        use std::fmt::Write;
        let mut shape = BatchShape {
            dedupe: false,
            draft: true,
            case: 0,
            blob: false,
        };
        if let Some((key, expires_at)) = &self.dedupe {
            let _ = write!(
                sql,
                "INSERT INTO seen_messages (key, expires_at) VALUES ({}, {expires_at}) \
                 ON CONFLICT (key) DO NOTHING;",
                blob(key.as_bytes())
            );
            shape.dedupe = true;
        }
        let guard = if shape.dedupe {
            " AND changes() = 1"
        } else {
            ""
        };
        let who = blob(self.pseudonym.as_bytes());
        let _ = match (&self.draft, self.expected_version) {
            (DraftWrite::Keep { sealed, expires_at }, Some(v)) => write!(
                sql,
                "UPDATE drafts SET version = {}, sealed = {}, expires_at = {expires_at} \
                 WHERE pseudonym = {who} AND version = {v}{guard};",
                v + 1,
                blob(&sealed.0),
            ),
            (DraftWrite::Keep { sealed, expires_at }, None) => write!(
                sql,
                "INSERT INTO drafts (pseudonym, version, sealed, expires_at) \
                 SELECT {who}, 1, {}, {expires_at} WHERE 1 = 1{guard} \
                 ON CONFLICT (pseudonym) DO NOTHING;",
                blob(&sealed.0),
            ),
            (DraftWrite::Erase, Some(v)) => write!(
                sql,
                "DELETE FROM drafts WHERE pseudonym = {who} AND version = {v}{guard};"
            ),
            (DraftWrite::Erase, None) => {
                shape.draft = false;
                Ok(())
            }
        };
        if let Some(case) = &self.case {
            shape.case = case.append_insert_sql(sql, shape.dedupe || shape.draft);
        }
        if let Some(blob) = &self.blob {
            blob.append_sql(sql);
            shape.blob = true;
        }
        shape
    }

    /// The dedupe key this step records, if any.
    pub(super) fn dedupe_key(&self) -> Option<DedupeKey> {
        self.dedupe.as_ref().map(|(k, _)| k.clone())
    }

    /// Removes the dedupe row a batched step wrote before its draft write found a conflict, so
    /// the provider's retry (or the handler's next attempt) is not taken for a duplicate.
    pub(super) async fn undo_dedupe(
        key: &DedupeKey,
        tx: &mut sqlx::AnyConnection,
    ) -> Result<(), StoreError> {
        sqlx::query("DELETE FROM seen_messages WHERE key = $1")
            .bind(key.as_bytes().to_vec())
            .execute(&mut *tx)
            .await?;
        Ok(())
    }

    /// Applies the step inside `tx` (a transaction or a savepoint of one). On
    /// [`StoreError::Duplicate`] nothing was written; on [`StoreError::Conflict`] at most the
    /// dedupe row was.
    pub(super) async fn apply(&self, tx: &mut sqlx::AnyConnection) -> Result<(), StoreError> {
        // A write first, so SQLite takes its write lock at once (no read-to-write upgrade).
        if let Some((key, expires_at)) = &self.dedupe {
            let done = sqlx::query(
                "INSERT INTO seen_messages (key, expires_at) VALUES ($1, $2) \
                 ON CONFLICT (key) DO NOTHING",
            )
            .bind(key.as_bytes().to_vec())
            .bind(*expires_at)
            .execute(&mut *tx)
            .await?;
            if done.rows_affected() == 0 {
                return Err(StoreError::Duplicate);
            }
        }
        let pseudonym = self.pseudonym.as_bytes().to_vec();
        let changed = match (&self.draft, self.expected_version) {
            (DraftWrite::Keep { sealed, expires_at }, Some(v)) => sqlx::query(
                "UPDATE drafts SET version = $1, sealed = $2, expires_at = $3 \
                 WHERE pseudonym = $4 AND version = $5",
            )
            .bind(v + 1)
            .bind(sealed.0.clone())
            .bind(*expires_at)
            .bind(pseudonym)
            .bind(v)
            .execute(&mut *tx)
            .await?
            .rows_affected(),
            (DraftWrite::Keep { sealed, expires_at }, None) => sqlx::query(
                "INSERT INTO drafts (pseudonym, version, sealed, expires_at) \
                 VALUES ($1, 1, $2, $3) ON CONFLICT (pseudonym) DO NOTHING",
            )
            .bind(pseudonym)
            .bind(sealed.0.clone())
            .bind(expires_at)
            .execute(&mut *tx)
            .await?
            .rows_affected(),
            (DraftWrite::Erase, Some(v)) => {
                sqlx::query("DELETE FROM drafts WHERE pseudonym = $1 AND version = $2")
                    .bind(pseudonym)
                    .bind(v)
                    .execute(&mut *tx)
                    .await?
                    .rows_affected()
            }
            (DraftWrite::Erase, None) => 1,
        };
        if changed != 1 {
            return Err(StoreError::Conflict);
        }
        let owner = self.pseudonym.as_bytes().to_vec();
        match &self.files {
            FileRows::Untouched => {}
            FileRows::Drop(ids) => {
                for id in ids {
                    sqlx::query("DELETE FROM draft_files WHERE pseudonym = $1 AND id = $2")
                        .bind(owner.clone())
                        .bind(id.clone())
                        .execute(&mut *tx)
                        .await?;
                }
            }
            FileRows::DropAll => {
                sqlx::query("DELETE FROM draft_files WHERE pseudonym = $1")
                    .bind(owner)
                    .execute(&mut *tx)
                    .await?;
            }
        }
        if let Some(case) = &self.case {
            case.insert(tx).await?;
        }
        if let Some(blob) = &self.blob {
            blob.insert(&mut *tx).await?;
        }
        Ok(())
    }
}

/// Which statements a step put into a batch, in order: the dedupe insert, the draft write,
/// then the new case's rows.
#[derive(Clone, Copy)]
pub(super) struct BatchShape {
    pub(super) dedupe: bool,
    pub(super) draft: bool,
    /// Statements of the new case (each inserts one row), 0 without one.
    pub(super) case: usize,
    /// An unguarded blob insert, last.
    pub(super) blob: bool,
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
    /// loaded; in both cases nothing was written. On SQLite the commit is grouped with those of
    /// concurrent requests (one fsync for many, see [`super::group`]); it returns only once its
    /// group is durable.
    pub async fn commit_step(&self, commit: StepCommit<'_>) -> Result<(), StoreError> {
        let owned = OwnedStep::from(commit);
        if let Some(group) = &self.group {
            return group.commit(owned).await;
        }
        let mut tx = self.writer.begin().await?;
        owned.apply(&mut tx).await?;
        tx.commit().await?;
        Ok(())
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
