//! The group committer's SQLite connections, outside sqlx: rusqlite on the committer's own
//! threads, linked to the same SQLite library as sqlx. A described write ([`super::write`])
//! runs as a prepared statement from the connection's cache, its values bound, so a group
//! costs no SQL parsing and no hop to another thread per statement. Opened with the same
//! settings as every sqlx connection ([`super::SQLITE_PRAGMAS`]); failures come back as
//! sqlx's database errors, so callers see one error type.

use std::borrow::Cow;

use rusqlite::types::{ToSqlOutput, ValueRef};
use rusqlite::{Connection, OpenFlags, ToSql};

use super::StoreError;
use super::commit::Writer;
use super::write::{Value, Write};

/// Distinct statements the committer keeps prepared: every [`Write`] and then some.
const STATEMENTS: usize = 32;

/// The database file of a `sqlite://path?query` URL as [`super::sqlite_url`] writes it.
pub(super) fn path_of(url: &str) -> &str {
    let rest = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))
        .unwrap_or(url);
    rest.split_once('?').map_or(rest, |(path, _)| path)
}

/// Opens `path` read-write with every connection's settings, and `extra` after them.
pub(super) fn open(path: &str, extra: &str) -> Result<Connection, StoreError> {
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
        | OpenFlags::SQLITE_OPEN_CREATE
        | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(path, flags).map_err(error)?;
    conn.execute_batch(super::SQLITE_PRAGMAS).map_err(error)?;
    conn.execute_batch(extra).map_err(error)?;
    conn.set_prepared_statement_cache_capacity(STATEMENTS);
    Ok(conn)
}

/// Runs one write as a cached prepared statement; returns the rows it changed.
pub(super) fn run(conn: &Connection, write: &Write<'_>) -> Result<u64, StoreError> {
    let (sql, values) = write.statement();
    let mut statement = conn.prepare_cached(sql).map_err(error)?;
    for (i, value) in values.iter().enumerate() {
        statement.raw_bind_parameter(i + 1, value).map_err(error)?;
    }
    let rows = statement.raw_execute().map_err(error)?;
    Ok(u64::try_from(rows).unwrap_or(u64::MAX))
}

impl ToSql for Value<'_> {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(match self {
            Value::Int(i) => ToSqlOutput::from(*i),
            Value::Text(t) => ToSqlOutput::Borrowed(ValueRef::Text(t.as_bytes())),
            Value::Blob(b) | Value::MaybeBlob(Some(b)) => ToSqlOutput::Borrowed(ValueRef::Blob(b)),
            Value::MaybeBlob(None) => ToSqlOutput::Borrowed(ValueRef::Null),
        })
    }
}

/// A rusqlite failure as the sqlx database error it would have been on a sqlx connection.
/// SQLite's messages name tables and constraints, never values.
pub(super) fn error(e: rusqlite::Error) -> StoreError {
    StoreError::Database(sqlx::Error::Database(Box::new(Failure {
        message: e.to_string(),
        extended: e.sqlite_error().map(|f| f.extended_code),
        source: e,
    })))
}

#[derive(Debug, thiserror::Error)]
#[error("{message}")]
struct Failure {
    message: String,
    extended: Option<i32>,
    source: rusqlite::Error,
}

impl sqlx::error::DatabaseError for Failure {
    fn message(&self) -> &str {
        &self.message
    }

    fn code(&self) -> Option<Cow<'_, str>> {
        self.extended.map(|c| Cow::Owned(c.to_string()))
    }

    fn as_error(&self) -> &(dyn std::error::Error + Send + Sync + 'static) {
        self
    }

    fn as_error_mut(&mut self) -> &mut (dyn std::error::Error + Send + Sync + 'static) {
        self
    }

    fn into_error(self: Box<Self>) -> Box<dyn std::error::Error + Send + Sync + 'static> {
        self
    }

    fn kind(&self) -> sqlx::error::ErrorKind {
        use rusqlite::ffi;
        use sqlx::error::ErrorKind;
        match self.extended {
            Some(ffi::SQLITE_CONSTRAINT_UNIQUE | ffi::SQLITE_CONSTRAINT_PRIMARYKEY) => {
                ErrorKind::UniqueViolation
            }
            Some(ffi::SQLITE_CONSTRAINT_FOREIGNKEY) => ErrorKind::ForeignKeyViolation,
            Some(ffi::SQLITE_CONSTRAINT_NOTNULL) => ErrorKind::NotNullViolation,
            Some(ffi::SQLITE_CONSTRAINT_CHECK) => ErrorKind::CheckViolation,
            _ => ErrorKind::Other,
        }
    }
}

impl Writer for Connection {
    /// Takes the write lock at once: no read-to-write upgrade to fail on.
    const BEGIN: &'static str = "BEGIN IMMEDIATE";

    async fn control(&mut self, sql: &'static str) -> Result<(), StoreError> {
        let mut statement = self.prepare_cached(sql).map_err(error)?;
        statement.raw_execute().map_err(error)?;
        Ok(())
    }

    async fn run(&mut self, write: &Write<'_>) -> Result<u64, StoreError> {
        run(self, write)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_url_names_its_file() {
        assert_eq!(path_of("sqlite:///tmp/a/b.db?mode=rwc"), "/tmp/a/b.db");
        assert_eq!(path_of("sqlite://data/buzon.db?mode=rwc"), "data/buzon.db");
        assert_eq!(path_of("sqlite://data/buzon.db"), "data/buzon.db");
    }
}
