//! Issue 12, items 5 and 6: what a copy of the stored data can link or order.
//!
//! - A copy of the SQLite data folder (database, `-wal`, `-shm`) cannot tie a case to the
//!   pseudonym of the sender who filed it: not right after the receipt, not ever after the
//!   WAL window.
//! - No id, row id, sequence or scan order in any table orders cases by filing.

use std::collections::HashMap;
use std::path::PathBuf;

use sqlx::{Connection, Row};

use crate::helpers::{Db, TestApp, spawn_app};

const ANSWERS: [&str; 9] = ["1", "3", "1", "1", "1", "1", "1", "1", "1"];

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

/// The raw 32 bytes the store keys a sender's draft by, computed with the server secret the
/// test server wrote, through the crate's own pseudonym function.
fn pseudonym(t: &TestApp, from: &str) -> Vec<u8> {
    t.app
        .keys
        .pseudonym(&buzon::crypto::SenderId::new(
            buzon::domain::Channel::Sms,
            from,
        ))
        .as_bytes()
        .to_vec()
}

/// Copies the database, its WAL and its shared-memory index as a thief would: file by file,
/// while the server runs. Returns each file's name and bytes (a missing `-wal` is empty).
fn copy_data_folder(t: &TestApp) -> Vec<(String, Vec<u8>)> {
    let db = t.dir.path().join("db");
    ["buzon.db", "buzon.db-wal", "buzon.db-shm"]
        .iter()
        .map(|name| {
            let path: PathBuf = db.join(name);
            ((*name).to_owned(), std::fs::read(&path).unwrap_or_default())
        })
        .collect()
}

/// Asserts that no file of `copy` that holds the case holds the pseudonym too.
fn no_file_links(copy: &[(String, Vec<u8>)], case_id: &str, pseudonym: &[u8], when: &str) {
    for (name, bytes) in copy {
        if contains(bytes, case_id.as_bytes()) {
            assert!(
                !contains(bytes, pseudonym),
                "{when}: {name} holds both the case and the pseudonym that filed it"
            );
        }
    }
}

/// The case ids an org lists now.
async fn case_ids(t: &TestApp, token: &str) -> Vec<String> {
    t.case_list(token)
        .await
        .iter()
        .map(|c| c["case_id"].as_str().expect("case id").to_owned())
        .collect()
}

/// Item 5. A reporter files by SMS while another sender's conversation is half-way. A copy of
/// the data folder taken the moment the receipt arrives holds the case but not the filer's
/// pseudonym (the WAL that held her draft beside the case was emptied before the answer);
/// the other sender's draft is there, so the search would find a pseudonym that is stored.
/// Two filings a moment apart (the second within the window, so it waits for the scheduled
/// truncation): after the window no file holds either filer's pseudonym.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_copy_of_the_data_folder_cannot_tie_a_case_to_the_pseudonym_that_filed_it() {
    let t = spawn_app(Db::Sqlite).await;
    let token = t.token_for("oic");
    let (first, second, waiting) = ("+5215550101010", "+5215550202020", "+5215550303030");
    t.sms(waiting, "Me quitaron mis papeles en el retén").await;

    t.file_complaint(first, &["Nos golpearon en la estación"], &ANSWERS)
        .await;
    let right_after = copy_data_folder(&t);
    let filed = case_ids(&t, &token).await;
    assert_eq!(filed.len(), 1);
    let first_case = &filed[0];
    let filer = pseudonym(&t, first);

    let all: Vec<u8> = right_after.iter().flat_map(|(_, b)| b.clone()).collect();
    assert!(
        contains(&all, first_case.as_bytes()),
        "the copy holds the case"
    );
    assert!(
        contains(&all, &pseudonym(&t, waiting)),
        "the copy holds the draft still open, keyed by its pseudonym"
    );
    no_file_links(&right_after, first_case, &filer, "right after the receipt");
    assert!(
        !contains(&all, &filer),
        "right after the receipt the filer's pseudonym is nowhere in the copy"
    );

    // A second filing at once: the WAL may hold it beside its draft, for the window only.
    t.file_complaint(second, &["Me pidieron dinero para pasar"], &ANSWERS)
        .await;
    tokio::time::sleep(buzon::store::WAL_WINDOW + std::time::Duration::from_millis(700)).await;
    let later = copy_data_folder(&t);
    let filed = case_ids(&t, &token).await;
    assert_eq!(filed.len(), 2);
    let all: Vec<u8> = later.iter().flat_map(|(_, b)| b.clone()).collect();
    for case in &filed {
        assert!(contains(&all, case.as_bytes()), "the copy holds every case");
    }
    for from in [first, second] {
        assert!(
            !contains(&all, &pseudonym(&t, from)),
            "after the window no file holds a filer's pseudonym"
        );
    }
    assert!(contains(&all, &pseudonym(&t, waiting)));
    assert_eq!(
        later[1].1.len(),
        0,
        "the WAL is empty once the window has passed"
    );
}

/// Kendall's tau between the filing order and the order a key gives (pairs tied on the key
/// count for neither side); `None` when fewer than two cases have distinct keys.
fn tau(filing: &HashMap<String, usize>, keyed: &[(i64, String)]) -> Option<f64> {
    // The first key each case appears with.
    let mut first: HashMap<&str, i64> = HashMap::new();
    for (k, case) in keyed {
        let slot = first.entry(case.as_str()).or_insert(*k);
        *slot = (*slot).min(*k);
    }
    let points: Vec<(usize, i64)> = first
        .iter()
        .filter_map(|(case, k)| filing.get(*case).map(|i| (*i, *k)))
        .collect();
    let (mut agree, mut disagree) = (0i64, 0i64);
    for (i, a) in points.iter().enumerate() {
        for b in &points[i + 1..] {
            let s = (a.0 as i64 - b.0 as i64).signum() * (a.1 - b.1).signum();
            match s {
                1 => agree += 1,
                -1 => disagree += 1,
                _ => {}
            }
        }
    }
    let n = agree + disagree;
    (n > 0 && points.len() >= 2).then(|| (agree - disagree) as f64 / n as f64)
}

/// Every table and its columns, with whether a column holds integers, from the catalogue; and
/// the (table, column) pairs that hold bytes.
async fn schema(
    conn: &mut sqlx::AnyConnection,
    db: Db,
) -> (Vec<(String, Vec<(String, bool)>)>, Vec<(String, String)>) {
    let rows = match db {
        Db::Sqlite => sqlx::query(
            "SELECT m.name, p.name, p.type FROM sqlite_master m, pragma_table_info(m.name) p \
             WHERE m.type = 'table' ORDER BY m.name, p.cid",
        ),
        Db::Postgres => sqlx::query(
            "SELECT CAST(table_name AS TEXT), CAST(column_name AS TEXT), \
             CAST(data_type AS TEXT) FROM information_schema.columns \
             WHERE table_schema = 'public' ORDER BY table_name, ordinal_position",
        ),
    }
    .fetch_all(&mut *conn)
    .await
    .expect("catalogue");
    let mut tables: Vec<(String, Vec<(String, bool)>)> = Vec::new();
    let mut binary = Vec::new();
    for r in rows {
        let (table, column, kind) = (
            r.get::<String, _>(0),
            r.get::<String, _>(1),
            r.get::<String, _>(2).to_ascii_lowercase(),
        );
        let integer = kind.contains("int");
        if kind.contains("blob") || kind.contains("bytea") {
            binary.push((table.clone(), column.clone()));
        }
        match tables.last_mut() {
            Some((t, cols)) if *t == table => cols.push((column, integer)),
            _ => tables.push((table, vec![(column, integer)])),
        }
    }
    (tables, binary)
}

/// Item 6. Twenty cases filed one after another, each acknowledged by an org right after it
/// was filed (as an org that pulls often would), then the raw tables are read: no sequence
/// exists, and for every table holding case ids, ordering its rows by any integer column, by
/// SQLite's row id where a table has one, or (on SQLite) by the order a plain scan returns,
/// does not give back the filing order.
async fn nothing_stored_orders_cases_by_filing(db: Db) {
    let t = spawn_app(db).await;
    let token = t.token_for("oic");
    let mut order: Vec<String> = Vec::new();
    for i in 0..20 {
        t.file_complaint(&format!("+52155577700{i:02}"), &["Me detuvieron"], &ANSWERS)
            .await;
        let new: Vec<String> = case_ids(&t, &token)
            .await
            .into_iter()
            .filter(|c| !order.contains(c))
            .collect();
        assert_eq!(new.len(), 1);
        let ack = t
            .api_post(&format!("/api/v1/cases/{}/ack", new[0]), &token)
            .await;
        assert_eq!(ack.status(), 200);
        order.push(new[0].clone());
    }
    let filing: HashMap<String, usize> = order
        .iter()
        .enumerate()
        .map(|(i, c)| (c.clone(), i))
        .collect();

    let mut conn = sqlx::AnyConnection::connect(&t.app.settings.database_url)
        .await
        .expect("raw connection");
    match db {
        Db::Sqlite => {
            let seq =
                sqlx::query("SELECT COUNT(*) FROM sqlite_master WHERE name = 'sqlite_sequence'")
                    .fetch_one(&mut conn)
                    .await
                    .expect("sequence table")
                    .get::<i64, _>(0);
            if seq > 0 {
                let rows = sqlx::query("SELECT COUNT(*) FROM sqlite_sequence")
                    .fetch_one(&mut conn)
                    .await
                    .expect("sequences")
                    .get::<i64, _>(0);
                assert_eq!(rows, 0, "no AUTOINCREMENT sequence is kept");
            }
        }
        Db::Postgres => {
            let sequences = sqlx::query(
                "SELECT CAST(COUNT(*) AS BIGINT) FROM information_schema.columns \
                 WHERE table_schema = 'public' \
                 AND (is_identity = 'YES' OR column_default LIKE 'nextval%')",
            )
            .fetch_one(&mut conn)
            .await
            .expect("identity columns")
            .get::<i64, _>(0);
            assert_eq!(sequences, 0, "no identity or serial column");
        }
    }

    let mut looked = 0;
    let (tables, binary) = schema(&mut conn, db).await;
    for (table, columns) in tables {
        // Ordered keys: integer columns, the row id, the scan order (SQLite: the b-tree order).
        let mut keys: Vec<String> = columns
            .iter()
            .filter(|(_, integer)| *integer)
            .map(|(c, _)| format!("CAST({c} AS BIGINT)"))
            .collect();
        if db == Db::Sqlite {
            let has_rowid = sqlx::query(sqlx::AssertSqlSafe(format!(
                "SELECT rowid FROM {table} LIMIT 1"
            )))
            .fetch_optional(&mut conn)
            .await
            .is_ok();
            if has_rowid {
                keys.push("rowid".into());
            }
            keys.push("scan".into());
        }
        for (column, integer) in &columns {
            // Case ids are text; bytes (hashes, ciphertext) are not read as text.
            if *integer || binary.contains(&(table.clone(), column.clone())) {
                continue;
            }
            let values: Vec<String> = sqlx::query(sqlx::AssertSqlSafe(format!(
                "SELECT CAST({column} AS TEXT) FROM {table}"
            )))
            .fetch_all(&mut conn)
            .await
            .expect("column")
            .iter()
            .filter_map(|r| r.get::<Option<String>, _>(0))
            .collect();
            if !values.iter().any(|v| filing.contains_key(v)) {
                continue;
            }
            for key in &keys {
                let keyed: Vec<(i64, String)> = if key == "scan" {
                    values
                        .iter()
                        .enumerate()
                        .map(|(i, v)| (i as i64, v.clone()))
                        .collect()
                } else {
                    sqlx::query(sqlx::AssertSqlSafe(format!(
                        "SELECT {key}, CAST({column} AS TEXT) FROM {table} \
                         WHERE {column} IS NOT NULL"
                    )))
                    .fetch_all(&mut conn)
                    .await
                    .expect("keyed rows")
                    .iter()
                    .map(|r| (r.get::<Option<i64>, _>(0).unwrap_or(0), r.get(1)))
                    .collect()
                };
                looked += 1;
                if let Some(tau) = tau(&filing, &keyed) {
                    assert!(
                        tau.abs() < 0.7,
                        "{table}.{column} sorted by {key} follows the filing order (tau {tau:.2})"
                    );
                }
            }
        }
    }
    assert!(looked >= 2, "the case ids were found in the tables");
}
crate::both_databases!(nothing_stored_orders_cases_by_filing);
