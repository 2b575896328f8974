//! SQLite: the connections for the two reads every message makes (was it handled already?
//! where is the draft?), kept outside sqlx's pool. The pool pings every connection it gets
//! back, a second round trip to SQLite's worker thread for each read; these are handed out
//! under a lock and used as they are. A connection whose query failed is opened afresh.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use sqlx::{AnyConnection, Connection, Executor};
use tokio::sync::{Mutex, MutexGuard};

use super::StoreError;

pub(super) struct Readers {
    url: String,
    slots: Vec<Mutex<Option<AnyConnection>>>,
    next: AtomicUsize,
    closed: AtomicBool,
}

/// One reader, held until dropped.
pub(super) struct Reader<'a>(MutexGuard<'a, Option<AnyConnection>>);

impl Readers {
    pub(super) fn new(url: &str, n: usize) -> Self {
        Self {
            url: url.to_owned(),
            slots: (0..n.max(1)).map(|_| Mutex::new(None)).collect(),
            next: AtomicUsize::new(0),
            closed: AtomicBool::new(false),
        }
    }

    /// A free reader if there is one, else the next in turn once it is free.
    pub(super) async fn get(&self) -> Result<Reader<'_>, StoreError> {
        let start = self.next.fetch_add(1, Ordering::Relaxed);
        let n = self.slots.len();
        let free = (0..n).find_map(|i| self.slots[(start + i) % n].try_lock().ok());
        let mut guard = match free {
            Some(guard) => guard,
            None => self.slots[start % n].lock().await,
        };
        if self.closed.load(Ordering::Acquire) {
            return Err(StoreError::Closed);
        }
        if guard.is_none() {
            let mut conn = AnyConnection::connect(&self.url).await?;
            conn.execute(super::SQLITE_PRAGMAS).await?;
            *guard = Some(conn);
        }
        Ok(Reader(guard))
    }

    pub(super) async fn close(&self) {
        self.closed.store(true, Ordering::Release);
        for slot in &self.slots {
            if let Some(conn) = slot.lock().await.take() {
                let _ = conn.close().await;
            }
        }
    }
}

impl Reader<'_> {
    pub(super) fn conn(&mut self) -> Result<&mut AnyConnection, StoreError> {
        self.0.as_mut().ok_or(StoreError::Closed)
    }

    /// Drops a connection whose query failed; the next `get` opens a new one.
    pub(super) fn broken(mut self) {
        *self.0 = None;
    }
}
