//! One group of jobs in one transaction, the same on either database: each job's writes run in
//! order ([`super::write`]), a duplicate or a conflict ends its own job and no other, and one
//! commit (one fsync) makes the whole group durable. A request is answered only after the group
//! holding its job has committed, so a receipt is never given for a case that is not on disk.
//! The SQLite committer ([`super::group`]) runs groups on a thread of its own over rusqlite,
//! the PostgreSQL committers ([`super::pg_group`]) over sqlx; both behind [`GroupCommitter`].

use tokio::sync::{mpsc, oneshot, watch};

use super::StoreError;
use super::files::BlobRow;
use super::step::Step;
use super::write::{Expect, Planned, Write};
use crate::crypto::DedupeKey;

/// Most jobs in one group; the queue drains in groups of at most this many.
pub(super) const MAX_GROUP: usize = 256;

/// Where a job's result goes.
type Done = oneshot::Sender<Result<(), StoreError>>;

/// What a request asks of a committer.
pub(super) enum Job {
    /// A handled message's writes, all or nothing (boxed: a step with a case is large).
    Step(Box<Step>, Done),
    /// A sealed blob of the Telegram channel: a draft file or a message trail.
    File(BlobRow, Done),
    /// Stop, after the jobs queued before this one; later ones fail.
    Stop,
}

impl Job {
    /// The job's writes in order, each with what its row count means.
    fn writes(&self) -> Vec<Planned<'_>> {
        match self {
            Job::Step(step, _) => step.writes(),
            Job::File(row, _) => vec![(Write::Blob(row), Expect::Any)],
            Job::Stop => Vec::new(),
        }
    }

    /// Whether the job files a case (the SQLite committer then empties the WAL soon after).
    pub(super) fn files_case(&self) -> bool {
        matches!(self, Job::Step(step, _) if step.files_case())
    }

    fn dedupe_key(&self) -> Option<&DedupeKey> {
        match self {
            Job::Step(step, _) => step.dedupe_key(),
            _ => None,
        }
    }

    pub(super) fn respond(self, result: Result<(), StoreError>) {
        if let Job::Step(_, done) | Job::File(_, done) = self {
            let _ = done.send(result);
        }
    }
}

/// Takes the jobs before a [`Job::Stop`] out of a freshly received group, failing those after
/// it; returns whether there was one.
pub(super) fn cut_at_stop(jobs: &mut Vec<Job>) -> bool {
    let Some(stop) = jobs.iter().position(|j| matches!(j, Job::Stop)) else {
        return false;
    };
    let mut late: Vec<Job> = jobs.drain(stop..).skip(1).collect();
    fail(&mut late);
    true
}

/// Answers every job of a group with its result, or, when the group failed whole, with
/// [`StoreError::Closed`]: nothing of it is durable, every request hears so (the provider will
/// retry). Returns `false` then, and the caller opens its connection afresh.
pub(super) fn answer(
    jobs: &mut Vec<Job>,
    outcome: Result<Vec<Result<(), StoreError>>, StoreError>,
) -> bool {
    match outcome {
        Ok(results) => {
            for (job, result) in jobs.drain(..).zip(results) {
                job.respond(result);
            }
            true
        }
        Err(e) => {
            tracing::error!(error = %e, "group commit failed");
            fail(jobs);
            false
        }
    }
}

/// Answers every job of a group that cannot be committed (no connection, or after a stop).
pub(super) fn fail(jobs: &mut Vec<Job>) {
    for job in jobs.drain(..) {
        job.respond(Err(StoreError::Closed));
    }
}

/// The handle requests use; the committers own their connections.
#[derive(Clone)]
pub(super) struct GroupCommitter {
    pub(super) tx: mpsc::Sender<Job>,
    /// Becomes `true` once every committer has closed its connection.
    pub(super) finished: watch::Receiver<bool>,
}

impl GroupCommitter {
    pub(super) async fn commit_step(&self, step: Step) -> Result<(), StoreError> {
        let (done, wait) = oneshot::channel();
        self.send(Job::Step(Box::new(step), done)).await?;
        wait.await.map_err(|_| StoreError::Closed)?
    }

    pub(super) async fn commit_blob(&self, row: BlobRow) -> Result<(), StoreError> {
        let (done, wait) = oneshot::channel();
        self.send(Job::File(row, done)).await?;
        wait.await.map_err(|_| StoreError::Closed)?
    }

    async fn send(&self, job: Job) -> Result<(), StoreError> {
        self.tx.send(job).await.map_err(|_| StoreError::Closed)
    }

    /// Stops the committers: jobs queued before this are committed, later ones fail. Returns
    /// once their connections are closed.
    pub(super) async fn close(&self) {
        let _ = self.send(Job::Stop).await;
        let _ = self.finished.clone().wait_for(|done| *done).await;
    }
}

/// A connection a group runs on.
pub(super) trait Writer {
    /// What opens the group's transaction.
    const BEGIN: &'static str;
    /// Runs transaction control (`BEGIN`, `COMMIT`, savepoints), which binds nothing.
    async fn control(&mut self, sql: &'static str) -> Result<(), StoreError>;
    /// Runs one write; returns the rows it changed.
    async fn run(&mut self, write: &Write<'_>) -> Result<u64, StoreError>;
}

/// Commits a group in line; should that fail, commits it again a job at a time. One bad step
/// (a constraint, a value the database refuses) fails the group whole, so it is rolled back
/// and applied again with a savepoint per job, and only the bad one fails. (Not done with a
/// savepoint around every job each time: SQLite would then copy every page a job touches into
/// its sub-journal, for every group.)
pub(super) async fn commit<W: Writer>(
    conn: &mut W,
    jobs: &[Job],
) -> Result<Vec<Result<(), StoreError>>, StoreError> {
    match commit_group(conn, jobs, false).await {
        Ok(results) => Ok(results),
        Err(e) => {
            tracing::warn!(error = %e, "a group failed; it is applied again step by step");
            commit_group(conn, jobs, true).await
        }
    }
}

/// Applies a group in one transaction and commits it; on an error nothing of the group was
/// committed.
async fn commit_group<W: Writer>(
    conn: &mut W,
    jobs: &[Job],
    apart: bool,
) -> Result<Vec<Result<(), StoreError>>, StoreError> {
    conn.control(W::BEGIN).await?;
    let results = match apply_group(conn, jobs, apart).await {
        Ok(results) => conn.control("COMMIT").await.map(|()| results),
        Err(e) => Err(e),
    };
    if results.is_err() {
        // Whatever is left of the transaction; none may be (a failed commit can end it).
        let _ = conn.control("ROLLBACK").await;
    }
    results
}

/// Each job's writes in order (see [`Step::writes`]); with `apart`, each job in a savepoint of
/// its own. A duplicate stops at its dedupe insert, having written nothing; a conflict stops at
/// its draft write, and its dedupe row is deleted again once the group's other jobs have run.
async fn apply_group<W: Writer>(
    conn: &mut W,
    jobs: &[Job],
    apart: bool,
) -> Result<Vec<Result<(), StoreError>>, StoreError> {
    let mut results = Vec::with_capacity(jobs.len());
    let mut undo = Vec::new();
    for job in jobs {
        let writes = job.writes();
        let result = if apart {
            apply_alone(conn, &writes).await?
        } else {
            apply(conn, &writes).await?
        };
        // (Apart, a conflict's savepoint took its dedupe row with it.)
        if !apart && matches!(result, Err(StoreError::Conflict)) {
            undo.extend(job.dedupe_key());
        }
        results.push(result);
    }
    // A provider retry in the same group as its own original sees the original's dedupe row
    // even if that row is deleted here: it is answered as a duplicate while the original,
    // after its conflict, is tried again and answered — the message is handled once either way.
    for key in undo {
        conn.run(&Write::Unseen { key }).await?;
    }
    Ok(results)
}

/// Runs a job's writes in order until one ends it: `Ok(Err(_))` for a duplicate or a conflict
/// (found before the job wrote anything else), `Err` for a failed statement, after which the
/// transaction (or the savepoint) must be rolled back.
async fn apply<W: Writer>(
    conn: &mut W,
    writes: &[Planned<'_>],
) -> Result<Result<(), StoreError>, StoreError> {
    for (write, expect) in writes {
        if let Err(e) = expect.judge(conn.run(write).await?) {
            return Ok(Err(e));
        }
    }
    Ok(Ok(()))
}

/// Applies one job in a savepoint of its own: if it fails, only it is undone.
async fn apply_alone<W: Writer>(
    conn: &mut W,
    writes: &[Planned<'_>],
) -> Result<Result<(), StoreError>, StoreError> {
    conn.control("SAVEPOINT job").await?;
    let result = apply(conn, writes).await.and_then(|r| r);
    if let Err(e) = &result {
        conn.control("ROLLBACK TO SAVEPOINT job").await?;
        if !matches!(e, StoreError::Duplicate | StoreError::Conflict) {
            tracing::warn!(error = %e, "a step failed inside a group");
        }
    }
    conn.control("RELEASE SAVEPOINT job").await?;
    Ok(result)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::crypto::{Pseudonym, SealedDraft};
    use crate::store::{DraftWrite, StepCommit, Store, StoreError};

    fn step(
        key: Option<u8>,
        who: u8,
        expected_version: Option<i64>,
        draft: DraftWrite,
    ) -> (Job, oneshot::Receiver<Result<(), StoreError>>) {
        filing(key, who, expected_version, draft, None)
    }

    /// A case whose text fields carry quotes, as a hostile routing file or locale might.
    fn case(receipt: u8) -> crate::store::NewCase {
        use crate::domain::{CaseId, Day, Lang, OrgId, Perpetrator, StateAnswer, Violation};
        crate::store::NewCase {
            id: CaseId::random(),
            filed_on: Day::today(),
            channel: crate::domain::Channel::Sms,
            language: Lang::spanish(),
            violation: Violation::try_from(1).expect("code"),
            perpetrator: Perpetrator::try_from(1).expect("code"),
            state: StateAnswer::Unknown,
            receipt_hash: crate::crypto::ReceiptHash([receipt; 32]),
            reply_recipient: "age1'); DROP TABLE cases; --".into(),
            reporter_key: crate::crypto::WrappedKey(vec![receipt; 80]),
            envelopes: vec![
                (OrgId::parse("oic").expect("org"), vec![1, 2, 3]),
                (OrgId::parse("cndh").expect("org"), vec![b'\''; 5]),
            ],
            assisted_tag: None,
            files: Vec::new(),
        }
    }

    fn filing(
        key: Option<u8>,
        who: u8,
        expected_version: Option<i64>,
        draft: DraftWrite,
        case: Option<crate::store::NewCase>,
    ) -> (Job, oneshot::Receiver<Result<(), StoreError>>) {
        let key = key.map(|k| DedupeKey([k; 32]));
        let who = Pseudonym([who; 32]);
        let commit = StepCommit {
            dedupe: key.as_ref().map(|k| (k, 4_000_000_000)),
            pseudonym: &who,
            expected_version,
            draft,
            case,
            files: crate::store::FileRows::Untouched,
        };
        let (done, wait) = oneshot::channel();
        let job = Job::Step(Box::new(Step::from(commit)), done);
        (job, wait)
    }

    fn keep(text: &str) -> DraftWrite {
        DraftWrite::Keep {
            sealed: SealedDraft(text.as_bytes().to_vec()),
            expires_at: 4_000_000_000,
        }
    }

    /// One group holding every outcome a batched step can have: each is told its own result,
    /// and exactly the writes of the successful steps remain. SQLite, on the committer's kind
    /// of connection.
    #[tokio::test]
    async fn a_batch_of_steps_keeps_each_steps_outcome_apart() {
        let dir = tempfile::tempdir().expect("tempdir");
        let url = format!("sqlite://{}/b.db", dir.path().display());
        let store = Store::connect(&url).await.expect("store");
        let path = super::super::sqlite::path_of(&url);
        let mut conn = super::super::group::open(path).expect("conn");
        outcomes_apart(&store, &mut conn).await;
    }

    /// The same group on PostgreSQL (127.0.0.1:5432, user postgres, or
    /// `BUZON_TEST_POSTGRES`, as the end-to-end suite), on a connection like a committer's.
    #[tokio::test]
    async fn a_batch_of_steps_keeps_each_steps_outcome_apart_on_postgres() {
        use sqlx::Connection;
        let base = std::env::var("BUZON_TEST_POSTGRES")
            .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432".into());
        let name = format!("buzon_group_{}", hex(&rand::random::<[u8; 8]>()));
        let mut admin = sqlx::PgConnection::connect(&format!("{base}/postgres"))
            .await
            .expect("PostgreSQL is needed for this test; .ci/run starts it");
        sqlx::raw_sql(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
            .execute(&mut admin)
            .await
            .expect("create database");
        let url = format!("{base}/{name}");
        let store = Store::connect(&url).await.expect("store");
        let mut conn = sqlx::AnyConnection::connect(&url).await.expect("conn");
        outcomes_apart(&store, &mut conn).await;
        let _ = conn.close().await;
        store.close().await;
        sqlx::raw_sql(sqlx::AssertSqlSafe(format!("DROP DATABASE {name}")))
            .execute(&mut admin)
            .await
            .expect("drop database");
    }

    fn hex(bytes: &[u8]) -> String {
        bytes.iter().map(|b| format!("{b:02x}")).collect()
    }

    async fn outcomes_apart<W: Writer>(store: &Store, conn: &mut W) {
        use crate::crypto::DedupeKey;
        let setup = vec![
            step(Some(1), 1, None, keep("one")).0,
            step(None, 3, None, keep("three")).0,
            step(None, 4, None, keep("four")).0,
        ];
        let setup = commit(conn, &setup).await.expect("setup");
        assert!(setup.iter().all(Result::is_ok));

        let jobs: Vec<Job> = vec![
            // A provider retry of message 1, from another sender: a duplicate.
            step(Some(1), 2, None, keep("two")).0,
            // Sender 1 again, but from a stale read: a conflict.
            step(Some(5), 1, None, keep("stale")).0,
            // Sender 3 moves on from version 1: fine.
            step(Some(6), 3, Some(1), keep("three, later")).0,
            // Sender 4 erased with a wrong version: a conflict.
            step(Some(7), 4, Some(9), DraftWrite::Erase).0,
            // Sender 4 erased properly, in the same group, without a dedupe key: fine.
            step(None, 4, Some(1), DraftWrite::Erase).0,
            // Nothing to change at all.
            step(Some(8), 9, None, DraftWrite::Erase).0,
            // Sender 3 files from a stale version: a conflict, and no case.
            filing(Some(10), 3, Some(1), DraftWrite::Erase, Some(case(10))).0,
            // Sender 3 files from the version just written: the case and its envelopes.
            filing(Some(11), 3, Some(2), DraftWrite::Erase, Some(case(11))).0,
            // A retry of that filing: a duplicate, and no second case.
            filing(Some(11), 3, None, DraftWrite::Erase, Some(case(12))).0,
        ];
        let results = commit(conn, &jobs).await.expect("group");
        let outcome: Vec<&str> = results
            .iter()
            .map(|r| match r {
                Ok(()) => "ok",
                Err(StoreError::Duplicate) => "duplicate",
                Err(StoreError::Conflict) => "conflict",
                Err(_) => "error",
            })
            .collect();
        assert_eq!(
            outcome,
            [
                "duplicate",
                "conflict",
                "ok",
                "conflict",
                "ok",
                "ok",
                "conflict",
                "ok",
                "duplicate"
            ]
        );

        let draft = |who: u8| {
            let store = store.clone();
            async move {
                store
                    .load_draft(&Pseudonym([who; 32]), 0)
                    .await
                    .expect("load")
                    .map(|d| (d.version, String::from_utf8(d.sealed.0).expect("utf8")))
            }
        };
        assert_eq!(draft(1).await, Some((1, "one".to_owned())));
        assert_eq!(draft(2).await, None, "a duplicate writes no draft");
        assert_eq!(draft(3).await, None, "filed, so erased");
        let counts = store.counts().await.expect("counts");
        assert_eq!((counts.cases, counts.envelopes), (1, 2));
        let (recipient, envelope): (String, Vec<u8>) = sqlx::query_as(
            "SELECT c.reply_recipient, e.envelope FROM cases c \
             JOIN envelopes e ON e.case_id = c.id WHERE e.org_id = 'cndh'",
        )
        .fetch_one(&store.pool)
        .await
        .expect("the case");
        assert_eq!(recipient, "age1'); DROP TABLE cases; --");
        assert_eq!(envelope, vec![b'\''; 5]);
        assert_eq!(draft(4).await, None);
        // A Telegram message trail goes through the same committer.
        let who = Pseudonym([5; 32]);
        let trail = crate::store::Blobs::ChatTrail;
        store
            .put_blob(trail, &who, b"id", vec![1, 2], 4_000_000_000)
            .await
            .expect("trail");
        assert_eq!(
            store.blobs(trail, &who, 0).await.expect("blobs"),
            [(b"id".to_vec(), vec![1, 2])]
        );
        for (key, seen) in [
            (1, true),
            (5, false),
            (6, true),
            (7, false),
            (8, true),
            (10, false),
            (11, true),
        ] {
            assert_eq!(
                store.seen(&DedupeKey([key; 32])).await.expect("seen"),
                seen,
                "dedupe key {key}"
            );
        }

        // One bad step (a receipt hash already taken: a UNIQUE constraint) fails alone; the
        // steps batched beside it are written.
        let jobs = vec![
            step(Some(20), 20, None, keep("twenty")).0,
            filing(Some(21), 21, None, DraftWrite::Erase, Some(case(11))).0,
            step(Some(22), 22, None, keep("twenty-two")).0,
        ];
        let results = commit(conn, &jobs).await.expect("group");
        assert!(results[0].is_ok() && results[2].is_ok(), "{results:?}");
        assert!(
            matches!(results[1], Err(StoreError::Database(_))),
            "{results:?}"
        );
        assert_eq!(draft(20).await, Some((1, "twenty".to_owned())));
        assert_eq!(draft(22).await, Some((1, "twenty-two".to_owned())));
        assert_eq!(store.counts().await.expect("counts").cases, 1);
        for (key, seen) in [(20, true), (21, false), (22, true)] {
            assert_eq!(
                store.seen(&DedupeKey([key; 32])).await.expect("seen"),
                seen,
                "dedupe key {key}"
            );
        }
    }
}
