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
