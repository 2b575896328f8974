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
fn open(path: &str) -> Result<Connection, StoreError> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::crypto::{DedupeKey, Pseudonym, SealedDraft};
    use crate::store::step::Step;
    use crate::store::{DraftWrite, StepCommit, Store};

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
    /// and exactly the writes of the successful steps remain.
    #[tokio::test]
    async fn a_batch_of_steps_keeps_each_steps_outcome_apart() {
        let dir = tempfile::tempdir().expect("tempdir");
        let url = format!("sqlite://{}/b.db", dir.path().display());
        let store = Store::connect(&url).await.expect("store");
        let mut conn = open(sqlite::path_of(&url)).expect("conn");
        let setup = vec![
            step(Some(1), 1, None, keep("one")).0,
            step(None, 3, None, keep("three")).0,
            step(None, 4, None, keep("four")).0,
        ];
        let setup = commit(&mut conn, &setup).await.expect("setup");
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
        let results = commit(&mut conn, &jobs).await.expect("group");
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
        let results = commit(&mut conn, &jobs).await.expect("group");
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
