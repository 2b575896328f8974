//! Storage: one code path over SQLite (default) and PostgreSQL through sqlx's `Any` driver.
//!
//! Placeholders are `$1…$N`, integers are `i64`, bytes are `Vec<u8>`, times are unix seconds or
//! `YYYY-MM-DD` days. No sqlx type leaves this module: callers get domain types and
//! [`StoreError`].

mod case_files;
mod cases;
mod commit;
mod drafts;
mod files;
mod group;
mod pg_group;
mod readers;
mod seen;
mod shelters;
mod sqlite;
mod step;
mod tokens;
mod write;

use std::path::Path;

use sqlx::any::{AnyPoolOptions, install_default_drivers};
use sqlx::{AnyPool, Executor};

pub use case_files::{CaseFile, FileFetch};
pub use cases::{CaseMeta, EnvelopeFetch, EnvelopeStatus, NewCase, Withdrawal};

pub use drafts::{DRAFT_VACUUM_EVERY, DraftWrite, FileRows, StepCommit, StoredDraft};
pub use files::Blobs;
pub use group::WAL_WINDOW;
pub use shelters::{AssistedRow, Redeemed, Volunteer};
pub use tokens::{NewToken, TokenGrant, TokenRow};

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The draft changed between load and commit (another message from the same sender).
    #[error("the draft changed concurrently")]
    Conflict,
    /// The provider message was already handled.
    #[error("message already handled")]
    Duplicate,
    #[error("the database is closed or its connection was lost")]
    Closed,
    #[error("database_url must start with sqlite: or postgres://")]
    UnknownBackend,
    #[error("cannot prepare the database file {0} and its folder: {1}")]
    Folder(String, std::io::Error),
    #[error("database error")]
    Database(#[from] sqlx::Error),
    #[error("database migration failed")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("stored data is malformed: {0}")]
    Corrupt(&'static str),
    #[error(
        "buzon backup copies SQLite databases; for PostgreSQL use pg_dump (and keep the server \
         secret with it)"
    )]
    BackupUnsupported,
    #[error("cannot create the backup file {0}: {1}")]
    Backup(std::path::PathBuf, std::io::Error),
}

impl StoreError {
    /// Whether the database could not be reached or written (the caller answers 503).
    pub fn is_unavailable(&self) -> bool {
        matches!(self, StoreError::Database(_) | StoreError::Closed)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// Every SQLite connection's settings: WAL for concurrent readers, FULL so a commit survives
/// power loss, secure_delete so erased drafts are overwritten, not left in free pages.
const SQLITE_PRAGMAS: &str = "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; \
     PRAGMA busy_timeout = 5000; PRAGMA foreign_keys = ON; PRAGMA secure_delete = ON;";

/// Pools over either database.
#[derive(Clone)]
pub struct Store {
    /// Reads (and, on PostgreSQL, writes too).
    pool: AnyPool,
    /// Writes. On SQLite a single connection: SQLite takes one writer at a time anyway, and
    /// queueing in the pool is far cheaper than its busy-wait backoff under contention.
    writer: AnyPool,
    /// The group committer every handled message's writes go through (SQLite: one thread of
    /// its own; PostgreSQL: a few connections of their own).
    group: commit::GroupCommitter,
    /// SQLite only: connections for the reads of every message.
    readers: Option<std::sync::Arc<readers::Readers>>,
    backend: Backend,
}

impl Store {
    /// Connects, creating a SQLite file and its folder if needed, and runs migrations.
    pub async fn connect(url: &str) -> Result<Self, StoreError> {
        install_default_drivers();
        let (backend, url) = if let Some(rest) = url.strip_prefix("sqlite:") {
            (Backend::Sqlite, sqlite_url(rest)?)
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            (Backend::Postgres, url.to_owned())
        } else {
            return Err(StoreError::UnknownBackend);
        };
        let options = |max: u32| {
            AnyPoolOptions::new()
                .max_connections(max)
                // No ping before each use: it is a round trip (to SQLite's worker thread or to
                // the server) per query. A broken connection fails its query instead, which is
                // answered 503 and retried by the provider; the pool then replaces it.
                .test_before_acquire(false)
                .after_connect(move |conn, _| {
                    Box::pin(async move {
                        if backend == Backend::Sqlite {
                            conn.execute(SQLITE_PRAGMAS).await?;
                        }
                        Ok(())
                    })
                })
        };
        let readers = (backend == Backend::Sqlite)
            .then(|| std::sync::Arc::new(readers::Readers::new(&url, 4)));
        let (pool, writer, group) = match backend {
            Backend::Sqlite => {
                let writer = options(1).connect(&url).await?;
                sqlx::migrate!("migrations/sqlite").run(&writer).await?;
                let group = group::start(sqlite::path_of(&url).to_owned()).await?;
                (options(4).connect(&url).await?, writer, group)
            }
            Backend::Postgres => {
                let pool = options(16).connect(&url).await?;
                sqlx::migrate!("migrations/postgres").run(&pool).await?;
                (pool.clone(), pool, pg_group::start(&url))
            }
        };
        Ok(Self {
            pool,
            writer,
            group,
            readers,
            backend,
        })
    }

    /// Runs one of the reads every message makes: on SQLite on a [`readers::Readers`]
    /// connection, on PostgreSQL from the pool.
    async fn hot_read(
        &self,
        query: sqlx::query::Query<'_, sqlx::Any, sqlx::any::AnyArguments>,
    ) -> Result<Option<sqlx::any::AnyRow>, StoreError> {
        let Some(readers) = &self.readers else {
            return Ok(query.fetch_optional(&self.pool).await?);
        };
        let mut reader = readers.get().await?;
        let row = query.fetch_optional(reader.conn()?).await;
        if row.is_err() {
            reader.broken();
        }
        Ok(row?)
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Whether the database answers (for `/healthz`).
    pub async fn ping(&self) -> bool {
        sqlx::query("SELECT 1").execute(&self.pool).await.is_ok()
    }

    /// A consistent copy of a live SQLite database in a new file (`VACUUM INTO`), safe while
    /// the server writes. The copy is useless without the server secret.
    pub async fn backup(&self, out: &Path) -> Result<(), StoreError> {
        if self.backend != Backend::Sqlite {
            return Err(StoreError::BackupUnsupported);
        }
        // VACUUM INTO fills an empty file as it is: created first, so the copy is 0600.
        crate::crypto::create_private_file(out).map_err(|e| StoreError::Backup(out.into(), e))?;
        let copied = sqlx::query("VACUUM INTO $1")
            .bind(out.display().to_string())
            .execute(&self.pool)
            .await;
        if let Err(e) = copied {
            let _ = std::fs::remove_file(out);
            return Err(e.into());
        }
        Ok(())
    }

    pub async fn close(&self) {
        self.group.close().await;
        if let Some(readers) = &self.readers {
            readers.close().await;
        }
        self.pool.close().await;
        self.writer.close().await;
    }
}

/// `sqlite://data/buzon.db` → the same URL with `mode=rwc`, after creating `data/` (0700) and
/// the file (0600).
fn sqlite_url(rest: &str) -> Result<String, StoreError> {
    let path_part = rest.trim_start_matches("//");
    let (path, query) = match path_part.split_once('?') {
        Some((p, q)) => (p, Some(q)),
        None => (path_part, None),
    };
    if !path.is_empty() && path != ":memory:" {
        // The folder 0700, the file (and so its -wal and -shm) 0600, before SQLite opens it.
        crate::private_files::prepare_sqlite_file(Path::new(path))
            .map_err(|e| StoreError::Folder(path.to_owned(), e))?;
    }
    let query = match query {
        Some(q) if q.contains("mode=") => q.to_owned(),
        Some(q) => format!("{q}&mode=rwc"),
        None => "mode=rwc".to_owned(),
    };
    Ok(format!("sqlite://{path}?{query}"))
}

/// Row counts, for `/healthz`-style checks, tests and operators. No content, no identities.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Counts {
    pub drafts: i64,
    pub seen_messages: i64,
    pub cases: i64,
    pub envelopes: i64,
}

impl Store {
    pub async fn counts(&self) -> Result<Counts, StoreError> {
        use sqlx::Row;
        let row = sqlx::query(
            "SELECT (SELECT COUNT(*) FROM drafts), (SELECT COUNT(*) FROM seen_messages), \
             (SELECT COUNT(*) FROM cases), (SELECT COUNT(*) FROM envelopes)",
        )
        .fetch_one(&self.pool)
        .await?;
        Ok(Counts {
            drafts: row.get::<i64, _>(0),
            seen_messages: row.get::<i64, _>(1),
            cases: row.get::<i64, _>(2),
            envelopes: row.get::<i64, _>(3),
        })
    }
}
