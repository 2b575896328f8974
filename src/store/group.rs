//! Group commit for SQLite: concurrent requests' steps are applied in one transaction (sent to
//! SQLite as one batch of statements, see [`run_batch`]) and made durable by one fsync. A request is answered only after the
//! group holding its step has committed, so a receipt is never given for a case that is not on
//! disk. With `synchronous = FULL` one commit costs one fsync (milliseconds on ordinary disks);
//! grouping is what lets a durable gateway serve thousands of messages per second.
//!
//! The committer also empties the write-ahead log on a schedule ([`WAL_WINDOW`]): the WAL is a
//! history, and in it the commit that erased a sender's draft (keyed by her pseudonym) is the
//! one that inserted her case. Once the log is copied back and truncated, the database file
//! holds only the present: the erased draft overwritten with zeros (`secure_delete`), the case
//! with nothing beside it that names who filed it.

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
    /// Becomes `true` once the committer thread has closed its connection.
    finished: tokio::sync::watch::Receiver<bool>,
}

impl GroupCommitter {
    /// Starts the committer on a dedicated connection to `url`, on a thread of its own.
    ///
    /// The committer is the one serial stage every message passes through, and it awaits
    /// SQLite's worker thread once per statement. On the shared runtime each of those awaits
    /// would queue behind every request being handled, so a group took as long as the whole
    /// run queue; on its own single-threaded runtime it is woken at once.
    pub(super) async fn start(url: String) -> Result<Self, StoreError> {
        let (tx, rx) = mpsc::channel(4 * MAX_GROUP);
        let (ready, opened) = oneshot::channel();
        let (finish, finished) = tokio::sync::watch::channel(false);
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|_| StoreError::Closed)?;
        std::thread::Builder::new()
            .name("group-commit".into())
            .spawn(move || {
                runtime.block_on(async move {
                    match open(&url).await {
                        Ok(conn) => {
                            let _ = ready.send(Ok(()));
                            // Stops with the runtime, when `run` returns.
                            let lock = std::sync::Arc::new(tokio::sync::Mutex::new(()));
                            tokio::spawn(checkpoint(url.clone(), lock.clone()));
                            run(url, conn, rx, lock).await;
                        }
                        Err(e) => {
                            let _ = ready.send(Err(e));
                        }
                    }
                });
                let _ = finish.send(true);
            })
            .map_err(|_| StoreError::Closed)?;
        opened.await.map_err(|_| StoreError::Closed)??;
        Ok(Self { tx, finished })
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

    /// Stops the committer: steps queued before this are committed, later ones fail. Returns
    /// once the committer's connection is closed.
    pub(super) async fn close(&self) {
        let _ = self
            .tx
            .send(Job {
                step: OwnedStep::placeholder(),
                done: None,
            })
            .await;
        let _ = self.finished.clone().wait_for(|done| *done).await;
    }
}

async fn open(url: &str) -> Result<AnyConnection, StoreError> {
    use sqlx::ConnectOptions;
    use std::str::FromStr;
    // Never log this connection's statements, not even slow ones: its batches carry their
    // values as literals, so the text would put a sender's pseudonym beside a case.
    let options = sqlx::any::AnyConnectOptions::from_str(url)?.disable_statement_logging();
    let mut conn = AnyConnection::connect_with(&options).await?;
    // A 32 MiB page cache (SQLite's default is 2 MiB): the committer writes into indexes keyed
    // by random hashes, and with a small cache every step re-reads its pages from the OS.
    // Checkpoints are [`checkpoint`]'s job; the committer takes one itself only as a backstop,
    // when the WAL passes 16 MiB (4 KiB pages): by then a background pass has copied most
    // of it, so the committer copies only the last few frames, and the WAL can start over.
    conn.execute(super::SQLITE_PRAGMAS).await?;
    conn.execute("PRAGMA wal_autocheckpoint = 4096; PRAGMA cache_size = -32768;")
        .await?;
    Ok(conn)
}

/// How often the WAL is copied back into the database file.
const CHECKPOINT_EVERY: Duration = Duration::from_millis(100);

/// Copies committed WAL frames into the database file on a connection of its own, so that the
/// copying (and its fsync) runs beside the committer instead of inside one of its commits —
/// SQLite's automatic checkpoint would run in whichever commit crosses the threshold. PASSIVE
/// never waits for readers or writers; once a pass has copied everything, the next commit
/// starts the WAL over, so it stays small.
///
/// `lock` is shared with the committer's [`truncate_wal`]: two checkpoints at once would make
/// one of them give up (SQLite answers "busy" at once rather than wait for the other).
async fn checkpoint(url: String, lock: std::sync::Arc<tokio::sync::Mutex<()>>) {
    let mut conn = None;
    loop {
        tokio::time::sleep(CHECKPOINT_EVERY).await;
        let _turn = lock.lock().await;
        if conn.is_none() {
            conn = AnyConnection::connect(&url).await.ok();
        }
        let Some(c) = conn.as_mut() else {
            continue;
        };
        if let Err(e) = c.execute("PRAGMA wal_checkpoint(PASSIVE)").await {
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
    due: tokio::time::Instant,
    last_eager: Option<tokio::time::Instant>,
}

impl WalClock {
    /// Whether a group that filed a case should have the WAL truncated before its requests are
    /// answered: at most once per [`WAL_WINDOW`], so a slow trickle of filings (the usual
    /// traffic) leaves no link even for a moment, and a flood pays for one truncation a second.
    fn eager(&mut self) -> bool {
        let now = tokio::time::Instant::now();
        if self.last_eager.is_some_and(|t| now - t < WAL_WINDOW) {
            return false;
        }
        self.last_eager = Some(now);
        true
    }
}

async fn run(
    url: String,
    conn: AnyConnection,
    mut rx: mpsc::Receiver<Job>,
    lock: std::sync::Arc<tokio::sync::Mutex<()>>,
) {
    let mut conn = Some(conn);
    let mut jobs: Vec<Job> = Vec::with_capacity(MAX_GROUP);
    let mut closing = false;
    let mut wal = WalClock {
        due: tokio::time::Instant::now() + WAL_WINDOW,
        last_eager: None,
    };
    while !closing {
        // `recv_many` is cancel safe: a timeout loses no job.
        match tokio::time::timeout_at(wal.due, rx.recv_many(&mut jobs, MAX_GROUP)).await {
            Ok(0) => break,
            Ok(_) => {}
            Err(_) => {
                truncate_wal(&url, &mut conn, &lock, &mut wal).await;
                continue;
            }
        }
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
        match commit(c, &jobs).await {
            Ok(results) => {
                let filed = jobs
                    .iter()
                    .zip(&results)
                    .any(|(job, result)| result.is_ok() && job.step.files_case());
                if filed && wal.eager() {
                    truncate_wal(&url, &mut conn, &lock, &mut wal).await;
                }
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
        if tokio::time::Instant::now() >= wal.due {
            truncate_wal(&url, &mut conn, &lock, &mut wal).await;
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

/// Copies the whole WAL into the database file and truncates the log to zero bytes, on the
/// committer's connection between groups (so no writer of ours is in the way; the few other
/// writers and the readers are waited for by the busy handler). Schedules the next truncation
/// one [`WAL_WINDOW`] on, or a retry soon if SQLite could not finish it.
async fn truncate_wal(
    url: &str,
    conn: &mut Option<AnyConnection>,
    lock: &tokio::sync::Mutex<()>,
    wal: &mut WalClock,
) {
    use sqlx::Row;
    let now = tokio::time::Instant::now();
    wal.due = now + CHECKPOINT_EVERY;
    if conn.is_none() {
        *conn = open(url).await.ok();
    }
    let Some(c) = conn.as_mut() else {
        return;
    };
    let _turn = lock.lock().await;
    match sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
        .fetch_one(&mut *c)
        .await
    {
        // The first column is 1 when SQLite could not finish (a reader held the log).
        Ok(row) if row.try_get::<i64, _>(0).is_ok_and(|busy| busy == 0) => {
            wal.due = now + WAL_WINDOW;
        }
        Ok(_) => tracing::warn!("the WAL could not be truncated yet; trying again"),
        Err(e) => {
            tracing::warn!(error = %e, "WAL truncation failed");
            *conn = None;
        }
    }
}

fn respond(job: Job, result: Result<(), StoreError>) {
    if let Some(done) = job.done {
        let _ = done.send(result);
    }
}

/// Commits a group batched; should that fail, commits it again a step at a time. One bad step
/// (a constraint, a value SQLite refuses) fails its batch whole, so the group is rolled back
/// and applied again with a savepoint per step, and only the bad step fails. (Not done with a
/// savepoint around each batch: SQLite would then copy every page a batch touches into its
/// sub-journal, for every group.)
async fn commit(
    conn: &mut AnyConnection,
    jobs: &[Job],
) -> Result<Vec<Result<(), StoreError>>, StoreError> {
    match commit_group(conn, jobs, true).await {
        Ok(results) => Ok(results),
        Err(e) => {
            tracing::warn!(error = %e, "a group failed; it is applied again step by step");
            commit_group(conn, jobs, false).await
        }
    }
}

/// Applies a group in one transaction: with `batching`, each run of batchable steps (see
/// [`OwnedStep::is_batchable`]) as one batch of statements and every other step in its own
/// savepoint; without, every step in its own savepoint. A step that fails (duplicate,
/// conflict) is undone alone. Returns each step's result once the whole group has committed;
/// on an error nothing of the group was committed.
async fn commit_group(
    conn: &mut AnyConnection,
    jobs: &[Job],
    batching: bool,
) -> Result<Vec<Result<(), StoreError>>, StoreError> {
    let mut tx = conn.begin().await?;
    let mut results = Vec::with_capacity(jobs.len());
    let mut batchable: Vec<&OwnedStep> = Vec::new();
    for job in jobs {
        if batching && job.step.is_batchable() {
            batchable.push(&job.step);
            continue;
        }
        // Steps keep their order: the batchable ones queued before this one go first.
        results.extend(run_batch(&mut tx, &std::mem::take(&mut batchable)).await?);
        results.push(apply_alone(&mut tx, &job.step).await?);
    }
    results.extend(run_batch(&mut tx, &batchable).await?);
    tx.commit().await?;
    Ok(results)
}

/// Applies one step in a savepoint of its own: if it fails, only it is undone.
async fn apply_alone(
    tx: &mut AnyConnection,
    step: &OwnedStep,
) -> Result<Result<(), StoreError>, StoreError> {
    let mut sp = tx.begin().await?;
    Ok(match step.apply(&mut sp).await {
        Ok(()) => {
            sp.commit().await?;
            Ok(())
        }
        Err(e @ (StoreError::Duplicate | StoreError::Conflict)) => {
            sp.rollback().await?;
            Err(e)
        }
        Err(e) => {
            sp.rollback().await?;
            tracing::warn!(error = %e, "a step failed inside a group");
            Err(e)
        }
    })
}

/// Runs batchable steps as one batch and reads each statement's row count: a dedupe insert that
/// changed nothing is a duplicate (its guarded writes did nothing either); a draft write that
/// changed nothing is a conflict (no case was written), whose dedupe row is then deleted
/// again. On any error the caller rolls the group back.
async fn run_batch(
    tx: &mut AnyConnection,
    steps: &[&OwnedStep],
) -> Result<Vec<Result<(), StoreError>>, StoreError> {
    if steps.is_empty() {
        return Ok(Vec::new());
    }
    let mut sql = String::new();
    let shapes: Vec<_> = steps.iter().map(|s| s.append_batch_sql(&mut sql)).collect();
    let statements = shapes
        .iter()
        .map(|s| usize::from(s.dedupe) + usize::from(s.draft) + s.case + usize::from(s.blob))
        .sum::<usize>();
    let mut counts = Vec::with_capacity(statements);
    if statements > 0 {
        use futures_util::TryStreamExt;
        let mut stream = sqlx::raw_sql(sqlx::AssertSqlSafe(sql)).execute_many(&mut *tx);
        while let Some(done) = stream.try_next().await? {
            counts.push(done.rows_affected());
        }
    }
    if counts.len() != statements {
        return Err(StoreError::Corrupt(
            "a batch ran fewer statements than it holds",
        ));
    }
    let mut counts = counts.into_iter();
    let mut undo = Vec::new();
    let mut results = Vec::with_capacity(steps.len());
    for (step, shape) in steps.iter().zip(shapes) {
        let fresh = !shape.dedupe || counts.next() == Some(1);
        let changed = !shape.draft || counts.next() == Some(1);
        let case_rows = counts.by_ref().take(shape.case).filter(|&n| n == 1).count();
        let expected = if fresh && changed { shape.case } else { 0 };
        if case_rows != expected {
            // A guard did not hold as it must: nothing of this group may become durable.
            return Err(StoreError::Corrupt(
                "a batched case was written only in part",
            ));
        }
        if shape.blob && counts.next() != Some(1) {
            return Err(StoreError::Corrupt("a batched blob was not written"));
        }
        results.push(match (fresh, changed) {
            (false, _) => Err(StoreError::Duplicate),
            (true, false) => {
                undo.extend(step.dedupe_key());
                Err(StoreError::Conflict)
            }
            (true, true) => Ok(()),
        });
    }
    // A provider retry batched behind its own original sees the original's dedupe row even
    // if that row is undone here: it is answered as a duplicate while the original, after its
    // conflict, is tried again and answered — the message is handled once either way.
    for key in &undo {
        OwnedStep::undo_dedupe(key, tx).await?;
    }
    Ok(results)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::crypto::{DedupeKey, Pseudonym, SealedDraft};
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
        let job = Job {
            step: OwnedStep::from(commit),
            done: Some(done),
        };
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
        let mut conn = open(&url).await.expect("conn");
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
        .fetch_one(&mut conn)
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
