//! The SQLite group committer: concurrent requests' jobs are applied in one transaction
//! ([`super::commit`]) and made durable by one fsync. With `synchronous = FULL` one commit
//! costs one fsync (milliseconds on ordinary disks); grouping is what lets a durable gateway
//! serve thousands of messages per second.
//!
//! The committer runs on a thread of its own with a connection of its own
//! ([`super::sqlite`]): each write of a job ([`super::write`]) is a prepared statement from
//! that connection's cache, bound and run in place — no SQL text per group, no parsing, no
//! hop to another thread per statement.
//!
//! The committer also empties the write-ahead log on a schedule ([`WAL_WINDOW`]): the WAL is a
//! history, and in it the commit that erased a sender's draft (keyed by her pseudonym) is the
//! one that inserted her case. Once the log is copied back and truncated, the database file
//! holds only the present: the erased draft overwritten with zeros (`secure_delete`), the case
//! with nothing beside it that names who filed it.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use rusqlite::Connection;
use tokio::sync::{mpsc, oneshot};

use super::StoreError;
use super::commit::{GroupCommitter, Job, MAX_GROUP, answer, commit, cut_at_stop, fail};
use super::sqlite;

/// Starts the SQLite committer on a thread of its own, with its own connection to `path`.
///
/// The committer is the one serial stage every message passes through; on the shared
/// runtime it would wait behind every request being handled.
pub(super) async fn start(path: String) -> Result<GroupCommitter, StoreError> {
    let (tx, rx) = mpsc::channel(4 * MAX_GROUP);
    let (ready, opened) = oneshot::channel();
    let (finish, finished) = tokio::sync::watch::channel(false);
    // Only to wait for the queue with a deadline; the database work is synchronous.
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()
        .map_err(|_| StoreError::Closed)?;
    std::thread::Builder::new()
        .name("group-commit".into())
        .spawn(move || {
            match open(&path) {
                Ok(conn) => {
                    let _ = ready.send(Ok(()));
                    let lock = Arc::new(Mutex::new(()));
                    let (stop, stopped) = std::sync::mpsc::channel::<()>();
                    let checkpoints = {
                        let (path, lock) = (path.clone(), lock.clone());
                        std::thread::Builder::new()
                            .name("wal-checkpoint".into())
                            .spawn(move || checkpoint(&path, &lock, &stopped))
                    };
                    run(&path, conn, rx, &lock, &runtime);
                    drop(stop);
                    if let Ok(thread) = checkpoints {
                        let _ = thread.join();
                    }
                }
                Err(e) => {
                    let _ = ready.send(Err(e));
                }
            }
            let _ = finish.send(true);
        })
        .map_err(|_| StoreError::Closed)?;
    opened.await.map_err(|_| StoreError::Closed)??;
    Ok(GroupCommitter { tx, finished })
}

/// The committer's connection. A 32 MiB page cache (SQLite's default is 2 MiB): the committer
/// writes into indexes keyed by random hashes, and with a small cache every step re-reads its
/// pages from the OS. Checkpoints are [`checkpoint`]'s job; the committer takes one itself
/// only as a backstop, when the WAL passes 16 MiB (4 KiB pages): by then a background pass has
/// copied most of it, so the committer copies only the last few frames, and the WAL can start
/// over. Nothing on this connection is logged, so no statement puts a sender's pseudonym
/// beside a case.
pub(super) fn open(path: &str) -> Result<Connection, StoreError> {
    sqlite::open(
        path,
        "PRAGMA wal_autocheckpoint = 4096; PRAGMA cache_size = -32768;",
    )
}

/// How often the WAL is copied back into the database file.
const CHECKPOINT_EVERY: Duration = Duration::from_millis(100);

/// Copies committed WAL frames into the database file on a connection of its own, so that the
/// copying (and its fsync) runs beside the committer instead of inside one of its commits —
/// SQLite's automatic checkpoint would run in whichever commit crosses the threshold. PASSIVE
/// never waits for readers or writers; once a pass has copied everything, the next commit
/// starts the WAL over, so it stays small. Stops when `stop`'s sender goes.
///
/// `lock` is shared with the committer's [`truncate_wal`]: two checkpoints at once would make
/// one of them give up (SQLite answers "busy" at once rather than wait for the other).
fn checkpoint(path: &str, lock: &Mutex<()>, stop: &std::sync::mpsc::Receiver<()>) {
    let mut conn = None;
    while let Err(std::sync::mpsc::RecvTimeoutError::Timeout) = stop.recv_timeout(CHECKPOINT_EVERY)
    {
        let _turn = lock
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if conn.is_none() {
            conn = sqlite::open(path, "").ok();
        }
        let Some(c) = conn.as_ref() else {
            continue;
        };
        if let Err(e) = c.execute_batch("PRAGMA wal_checkpoint(PASSIVE)") {
            tracing::warn!(error = %e, "WAL checkpoint failed");
            conn = None;
        }
    }
}

/// Longest time a committed frame stays in the WAL: the committer truncates the log at least
/// this often (and retries every [`CHECKPOINT_EVERY`] if a reader held it up). A copy of the
/// data folder can link a case to the pseudonym that filed it only within this window.
pub const WAL_WINDOW: Duration = Duration::from_secs(1);

/// When the WAL is next truncated, and when a filing may last have had it truncated before
/// its answer.
struct WalClock {
    due: Instant,
    last_eager: Option<Instant>,
}

impl WalClock {
    /// Whether a group that filed a case should have the WAL truncated before its requests are
    /// answered: at most once per [`WAL_WINDOW`], so a slow trickle of filings (the usual
    /// traffic) leaves no link even for a moment, and a flood pays for one truncation a second.
    fn eager(&mut self) -> bool {
        let now = Instant::now();
        if self.last_eager.is_some_and(|t| now - t < WAL_WINDOW) {
            return false;
        }
        self.last_eager = Some(now);
        true
    }
}

fn run(
    path: &str,
    conn: Connection,
    mut rx: mpsc::Receiver<Job>,
    lock: &Mutex<()>,
    runtime: &tokio::runtime::Runtime,
) {
    let mut conn = Some(conn);
    let mut jobs: Vec<Job> = Vec::with_capacity(MAX_GROUP);
    let mut closing = false;
    let mut wal = WalClock {
        due: Instant::now() + WAL_WINDOW,
        last_eager: None,
    };
    while !closing {
        // `recv_many` is cancel safe: a timeout loses no job.
        let due = tokio::time::Instant::from_std(wal.due);
        let received = runtime.block_on(async {
            tokio::time::timeout_at(due, rx.recv_many(&mut jobs, MAX_GROUP)).await
        });
        match received {
            Ok(0) => break,
            Ok(_) => {}
            Err(_) => {
                truncate_wal(path, &mut conn, lock, &mut wal);
                continue;
            }
        }
        if cut_at_stop(&mut jobs) {
            closing = true;
            if jobs.is_empty() {
                break;
            }
        }
        if conn.is_none() {
            conn = open(path).ok();
        }
        let Some(c) = conn.as_mut() else {
            fail(&mut jobs);
            std::thread::sleep(Duration::from_millis(100));
            continue;
        };
        let outcome = runtime.block_on(commit(c, &jobs));
        let filed = outcome.as_ref().is_ok_and(|results| {
            jobs.iter()
                .zip(results)
                .any(|(job, result)| result.is_ok() && job.files_case())
        });
        if filed && wal.eager() {
            truncate_wal(path, &mut conn, lock, &mut wal);
        }
        if !answer(&mut jobs, outcome) {
            conn = None;
        }
        if Instant::now() >= wal.due {
            truncate_wal(path, &mut conn, lock, &mut wal);
        }
    }
    rx.close();
    while let Ok(late) = rx.try_recv() {
        late.respond(Err(StoreError::Closed));
    }
    drop(conn);
}

/// Copies the whole WAL into the database file and truncates the log to zero bytes, on the
/// committer's connection between groups (so no writer of ours is in the way; the few other
/// writers and the readers are waited for by the busy handler). Schedules the next truncation
/// one [`WAL_WINDOW`] on, or a retry soon if SQLite could not finish it.
fn truncate_wal(path: &str, conn: &mut Option<Connection>, lock: &Mutex<()>, wal: &mut WalClock) {
    let now = Instant::now();
    wal.due = now + CHECKPOINT_EVERY;
    if conn.is_none() {
        *conn = open(path).ok();
    }
    let Some(c) = conn.as_ref() else {
        return;
    };
    let _turn = lock
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    // The first column is 1 when SQLite could not finish (a reader held the log).
    match c.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |row| {
        row.get::<_, i64>(0)
    }) {
        Ok(0) => wal.due = now + WAL_WINDOW,
        Ok(_) => tracing::warn!("the WAL could not be truncated yet; trying again"),
        Err(e) => {
            tracing::warn!(error = %e, "WAL truncation failed");
            *conn = None;
        }
    }
}
