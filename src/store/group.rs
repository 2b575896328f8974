//! Group commit for SQLite: concurrent requests' steps are applied in one transaction, each in
//! its own savepoint, and made durable by one fsync. A request is answered only after the
//! group holding its step has committed, so a receipt is never given for a case that is not on
//! disk. With `synchronous = FULL` one commit costs one fsync (milliseconds on ordinary disks);
//! grouping is what lets a durable gateway serve thousands of messages per second.

use std::time::Duration;

use sqlx::{AnyConnection, Connection, Executor};
use tokio::sync::{mpsc, oneshot};

use super::StoreError;
use super::drafts::OwnedStep;

/// Most steps in one group; the queue drains in groups of at most this many.
const MAX_GROUP: usize = 256;

struct Job {
    step: OwnedStep,
    /// `None` asks the committer to stop (after the steps queued before it).
    done: Option<oneshot::Sender<Result<(), StoreError>>>,
}

/// The handle requests use; the committer task owns its own connection.
#[derive(Clone)]
pub(super) struct GroupCommitter {
    tx: mpsc::Sender<Job>,
}

impl GroupCommitter {
    /// Starts the committer on a dedicated connection to `url`.
    pub(super) async fn start(url: String) -> Result<Self, StoreError> {
        let conn = open(&url).await?;
        let (tx, rx) = mpsc::channel(4 * MAX_GROUP);
        tokio::spawn(run(url, conn, rx));
        Ok(Self { tx })
    }

    pub(super) async fn commit(&self, step: OwnedStep) -> Result<(), StoreError> {
        let (done, wait) = oneshot::channel();
        self.tx
            .send(Job {
                step,
                done: Some(done),
            })
            .await
            .map_err(|_| StoreError::Closed)?;
        wait.await.map_err(|_| StoreError::Closed)?
    }

    /// Stops the committer: steps queued before this are committed, later ones fail.
    pub(super) async fn close(&self) {
        let _ = self
            .tx
            .send(Job {
                step: OwnedStep::placeholder(),
                done: None,
            })
            .await;
    }
}

async fn open(url: &str) -> Result<AnyConnection, StoreError> {
    let mut conn = AnyConnection::connect(url).await?;
    conn.execute(
        "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA busy_timeout = 5000; \
         PRAGMA foreign_keys = ON; PRAGMA secure_delete = ON;",
    )
    .await?;
    Ok(conn)
}

async fn run(url: String, conn: AnyConnection, mut rx: mpsc::Receiver<Job>) {
    let mut conn = Some(conn);
    let mut jobs: Vec<Job> = Vec::with_capacity(MAX_GROUP);
    let mut closing = false;
    while !closing && rx.recv_many(&mut jobs, MAX_GROUP).await > 0 {
        if let Some(stop) = jobs.iter().position(|j| j.done.is_none()) {
            closing = true;
            for late in jobs.drain(stop..).skip(1) {
                respond(late, Err(StoreError::Closed));
            }
            if jobs.is_empty() {
                break;
            }
        }
        if conn.is_none() {
            conn = open(&url).await.ok();
        }
        let Some(c) = conn.as_mut() else {
            for job in jobs.drain(..) {
                respond(job, Err(StoreError::Closed));
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
            continue;
        };
        match commit_group(c, &mut jobs).await {
            Ok(results) => {
                for (job, result) in jobs.drain(..).zip(results) {
                    respond(job, result);
                }
            }
            Err(e) => {
                // Nothing of this group is durable: every request hears so (the provider will
                // retry), and the connection is opened afresh for the next group.
                tracing::error!(error = %e, "group commit failed");
                for job in jobs.drain(..) {
                    respond(job, Err(StoreError::Closed));
                }
                conn = None;
            }
        }
    }
    rx.close();
    while let Ok(late) = rx.try_recv() {
        respond(late, Err(StoreError::Closed));
    }
    if let Some(c) = conn {
        let _ = c.close().await;
    }
}

fn respond(job: Job, result: Result<(), StoreError>) {
    if let Some(done) = job.done {
        let _ = done.send(result);
    }
}

/// Applies each step in its own savepoint (a light step, see [`OwnedStep::is_light`], without
/// one): a step that fails (duplicate, conflict) is rolled back alone. Returns each step's
/// result once the whole group has committed.
async fn commit_group(
    conn: &mut AnyConnection,
    jobs: &mut [Job],
) -> Result<Vec<Result<(), StoreError>>, StoreError> {
    let mut tx = conn.begin().await?;
    let mut results = Vec::with_capacity(jobs.len());
    for job in jobs.iter_mut() {
        let step = std::mem::replace(&mut job.step, OwnedStep::placeholder());
        if step.is_light() {
            let key = step.dedupe_key();
            match step.apply(&mut tx).await {
                Ok(()) => results.push(Ok(())),
                // Nothing was written: the dedupe insert is the step's first statement.
                Err(StoreError::Duplicate) => results.push(Err(StoreError::Duplicate)),
                Err(StoreError::Conflict) => {
                    if let Some(key) = &key {
                        OwnedStep::undo_dedupe(key, &mut tx).await?;
                    }
                    results.push(Err(StoreError::Conflict));
                }
                // Without a savepoint the step may be half applied: the whole group fails
                // (nothing of it is durable, every request answers 503 and is retried).
                Err(e) => return Err(e),
            }
            continue;
        }
        let mut sp = tx.begin().await?;
        match step.apply(&mut sp).await {
            Ok(()) => {
                sp.commit().await?;
                results.push(Ok(()));
            }
            Err(e @ (StoreError::Duplicate | StoreError::Conflict)) => {
                sp.rollback().await?;
                results.push(Err(e));
            }
            Err(e) => {
                sp.rollback().await?;
                tracing::warn!(error = %e, "a step failed inside a group");
                results.push(Err(e));
            }
        }
    }
    tx.commit().await?;
    Ok(results)
}
