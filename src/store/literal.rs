//! SQL literals for the group committer's batches: blobs in hex, text as hex cast to text,
//! integers. Nothing else is ever written into SQL text, so no value can change a statement.

use std::fmt::Write;

/// `X'…'`.
pub(super) fn blob(bytes: &[u8]) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(3 + 2 * bytes.len());
    out.push_str("X'");
    for b in bytes {
        out.push(char::from(HEX[usize::from(b >> 4)]));
        out.push(char::from(HEX[usize::from(b & 15)]));
    }
    out.push('\'');
    out
}

/// Text, as its UTF-8 bytes in hex cast to `TEXT`: quotes and the like stay data.
pub(super) fn text(s: &str) -> String {
    let mut out = blob(s.as_bytes());
    out.insert_str(0, "CAST(");
    out.push_str(" AS TEXT)");
    out
}

/// `NULL` or [`blob`].
pub(super) fn opt_blob(bytes: Option<&[u8]>) -> String {
    bytes.map_or_else(|| "NULL".to_owned(), blob)
}

/// Appends one statement, `INSERT INTO {head} SELECT {values}`, guarded by `changes() = 1`
/// when `guarded`: it only inserts if the statement before it changed exactly one row.
pub(super) fn insert(sql: &mut String, head: &str, values: &[String], guarded: bool) {
    let _ = write!(sql, "INSERT INTO {head} SELECT {}", values.join(", "));
    if guarded {
        sql.push_str(" WHERE changes() = 1");
    }
    sql.push(';');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn literals_come_back_as_the_same_values() {
        use sqlx::{Connection, Row};
        let mut conn = sqlx::SqliteConnection::connect("sqlite::memory:")
            .await
            .expect("sqlite");
        let nasty = "it's \"quoted\"; DROP TABLE cases; -- ñ 😀";
        let bytes = [0u8, 1, 0xfe, 0xff, b'\''];
        let sql = format!(
            "SELECT {}, {}, {}, typeof({})",
            text(nasty),
            blob(&bytes),
            opt_blob(None),
            text("x")
        );
        let row = sqlx::query(sqlx::AssertSqlSafe(sql))
            .fetch_one(&mut conn)
            .await
            .expect("select");
        assert_eq!(row.get::<String, _>(0), nasty);
        assert_eq!(row.get::<Vec<u8>, _>(1), bytes);
        assert_eq!(row.get::<Option<Vec<u8>>, _>(2), None);
        assert_eq!(row.get::<String, _>(3), "text");
    }
}
