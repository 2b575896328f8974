//! Group commit for PostgreSQL: a few committers, each on a connection of its own, take the
//! queued jobs in groups and commit each group in one transaction ([`super::commit`]) — one
//! commit record and one round trip of `BEGIN`/`COMMIT` for many messages, where each message
//! had a transaction of its own. Several committers, so that one group's round trips to the
//! server overlap another's commit. Groups on different connections may touch the same rows
//! only when a sender's messages overlap (her draft row) or a provider retries a message in
//! flight (its dedupe key); the database orders them, and a group it must abort (a deadlock)
//! is applied again a job at a time.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use sqlx::{AnyConnection, Connection};
use tokio::sync::{Mutex, mpsc, watch};

use super::commit::{GroupCommitter, Job, MAX_GROUP, answer, commit, cut_at_stop, fail};

/// Committers, each with its own connection.
const COMMITTERS: usize = 4;

/// Starts the committers on the current runtime, each connecting to `url` when it first has a
/// group to commit.
pub(super) fn start(url: &str) -> GroupCommitter {
    let (tx, rx) = mpsc::channel(4 * MAX_GROUP);
    let (finish, finished) = watch::channel(false);
    let queue = Arc::new(Queue {
        rx: Mutex::new(rx),
        stopped: AtomicBool::new(false),
    });
    let mut committers = tokio::task::JoinSet::new();
    for _ in 0..COMMITTERS {
        committers.spawn(run(url.to_owned(), queue.clone()));
    }
    tokio::spawn(async move {
        committers.join_all().await;
        let _ = finish.send(true);
    });
    GroupCommitter { tx, finished }
}

/// The queue the committers share.
struct Queue {
    rx: Mutex<mpsc::Receiver<Job>>,
    /// Set, under the lock, by the committer that took [`Job::Stop`]: every job after it fails.
    stopped: AtomicBool,
}

impl Queue {
    /// The next group, in queue order, into `jobs` (left empty if all of it came after a
    /// stop); `false` once the queue is stopped and drained.
    async fn next(&self, jobs: &mut Vec<Job>) -> bool {
        let mut rx = self.rx.lock().await;
        if rx.recv_many(jobs, MAX_GROUP).await == 0 {
            return false;
        }
        if self.stopped.load(Ordering::Acquire) {
            fail(jobs);
        } else if cut_at_stop(jobs) {
            self.stopped.store(true, Ordering::Release);
            rx.close();
        }
        true
    }
}

async fn run(url: String, queue: Arc<Queue>) {
    let mut conn: Option<AnyConnection> = None;
    let mut jobs = Vec::with_capacity(MAX_GROUP);
    while queue.next(&mut jobs).await {
        if jobs.is_empty() {
            continue;
        }
        if conn.is_none() {
            conn = AnyConnection::connect(&url).await.ok();
        }
        let Some(c) = conn.as_mut() else {
            fail(&mut jobs);
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
            continue;
        };
        let outcome = commit(c, &jobs).await;
        if !answer(&mut jobs, outcome) {
            conn = None;
        }
    }
    if let Some(c) = conn {
        let _ = c.close().await;
    }
}
