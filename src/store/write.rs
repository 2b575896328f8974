//! Every write of a handled message, described once, as data: which statement (one text for
//! SQLite and PostgreSQL, placeholders `$1…$N` in the order they appear) and the values bound
//! to it. Nothing here runs a statement: [`super::sqlite`] runs a write as a prepared, cached
//! statement on the SQLite committer's thread, [`run`] with sqlx's bound parameters (PostgreSQL,
//! and the writes outside a step). No value
//! is ever written into SQL text, and no statement is logged with its values.

use std::borrow::Cow;

use sqlx::AnyConnection;

use super::StoreError;
use super::case_files::CaseFile;
use super::cases::NewCase;
use super::commit::Writer;
use super::files::{BlobRow, Blobs};
use crate::crypto::{DedupeKey, Pseudonym, SealedDraft};
use crate::domain::{CaseId, Day, OrgId};

/// A value bound to one placeholder.
pub(super) enum Value<'a> {
    Int(i64),
    Text(Cow<'a, str>),
    Blob(&'a [u8]),
    /// A blob column that may be `NULL`.
    MaybeBlob(Option<&'a [u8]>),
}

/// One row-level write.
pub(super) enum Write<'a> {
    /// Records a provider message id; changes no row when it was handled already.
    Seen { key: &'a DedupeKey, expires_at: i64 },
    /// Forgets a dedupe key whose step turned out to be a conflict.
    Unseen { key: &'a DedupeKey },
    /// A sender's first draft; changes no row if she has one (another message came first).
    DraftInsert {
        pseudonym: &'a Pseudonym,
        sealed: &'a SealedDraft,
        expires_at: i64,
    },
    /// The next version of a draft; changes no row unless the draft is still at `from`.
    DraftUpdate {
        pseudonym: &'a Pseudonym,
        from: i64,
        sealed: &'a SealedDraft,
        expires_at: i64,
    },
    /// Erases a draft; changes no row unless it is still at `version`.
    DraftDelete {
        pseudonym: &'a Pseudonym,
        version: i64,
    },
    /// One file that left a sender's draft.
    DraftFileDelete {
        pseudonym: &'a Pseudonym,
        id: &'a [u8],
    },
    /// Every file of a sender (her draft is erased or filed).
    DraftFilesDelete { pseudonym: &'a Pseudonym },
    /// A case's clear metadata, receipt hash and wrapped reporter key.
    Case(&'a NewCase),
    /// A case's envelope for one org.
    Envelope {
        case: &'a NewCase,
        org: &'a OrgId,
        envelope: &'a [u8],
    },
    /// A case's sealed file.
    CaseFile {
        case: &'a CaseId,
        file: &'a CaseFile,
    },
    /// An org whose envelope references a case's file.
    CaseFileOrg {
        case: &'a CaseId,
        file: &'a CaseFile,
        org: &'a OrgId,
    },
    /// One more event of a kind in the day's audit counts. No case id and no row id: nothing
    /// in the audit counts can order cases (issue 12).
    Audit {
        day: Day,
        kind: &'a str,
        org: Option<&'a OrgId>,
    },
    /// A sealed blob of the Telegram channel (a draft file or a message trail).
    Blob(&'a BlobRow),
}

impl Write<'_> {
    /// The statement and the values for its placeholders, in order.
    pub(super) fn statement(&self) -> (&'static str, Vec<Value<'_>>) {
        use Value::{Blob, Int, MaybeBlob, Text};
        match self {
            Write::Seen { key, expires_at } => (
                "INSERT INTO seen_messages (key, expires_at) VALUES ($1, $2) \
                 ON CONFLICT (key) DO NOTHING",
                vec![Blob(key.as_bytes()), Int(*expires_at)],
            ),
            Write::Unseen { key } => (
                "DELETE FROM seen_messages WHERE key = $1",
                vec![Blob(key.as_bytes())],
            ),
            Write::DraftInsert {
                pseudonym,
                sealed,
                expires_at,
            } => (
                "INSERT INTO drafts (pseudonym, version, sealed, expires_at) \
                 VALUES ($1, 1, $2, $3) ON CONFLICT (pseudonym) DO NOTHING",
                vec![
                    Blob(pseudonym.as_bytes()),
                    Blob(&sealed.0),
                    Int(*expires_at),
                ],
            ),
            Write::DraftUpdate {
                pseudonym,
                from,
                sealed,
                expires_at,
            } => (
                "UPDATE drafts SET version = $1, sealed = $2, expires_at = $3 \
                 WHERE pseudonym = $4 AND version = $5",
                vec![
                    Int(from + 1),
                    Blob(&sealed.0),
                    Int(*expires_at),
                    Blob(pseudonym.as_bytes()),
                    Int(*from),
                ],
            ),
            Write::DraftDelete { pseudonym, version } => (
                "DELETE FROM drafts WHERE pseudonym = $1 AND version = $2",
                vec![Blob(pseudonym.as_bytes()), Int(*version)],
            ),
            Write::DraftFileDelete { pseudonym, id } => (
                "DELETE FROM draft_files WHERE pseudonym = $1 AND id = $2",
                vec![Blob(pseudonym.as_bytes()), Blob(id)],
            ),
            Write::DraftFilesDelete { pseudonym } => (
                "DELETE FROM draft_files WHERE pseudonym = $1",
                vec![Blob(pseudonym.as_bytes())],
            ),
            Write::Case(c) => (
                "INSERT INTO cases (id, filed_on, channel, language, violation, perpetrator, \
                 state, receipt_hash, reply_recipient, reporter_key, assisted, assisted_tag) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
                vec![
                    Text(Cow::Borrowed(c.id.as_str())),
                    Text(Cow::Owned(c.filed_on.to_string())),
                    Text(Cow::Borrowed(c.channel.as_str())),
                    Text(Cow::Borrowed(c.language.as_str())),
                    Int(i64::from(c.violation.code())),
                    Int(i64::from(c.perpetrator.code())),
                    Text(Cow::Borrowed(c.state.code())),
                    Blob(c.receipt_hash.as_bytes()),
                    Text(Cow::Borrowed(&c.reply_recipient)),
                    Blob(&c.reporter_key.0),
                    Int(i64::from(c.assisted_tag.is_some())),
                    MaybeBlob(c.assisted_tag.as_ref().map(|t| t.as_bytes())),
                ],
            ),
            Write::Envelope {
                case,
                org,
                envelope,
            } => (
                "INSERT INTO envelopes (case_id, org_id, envelope, delivered_on) \
                 VALUES ($1, $2, $3, $4)",
                vec![
                    Text(Cow::Borrowed(case.id.as_str())),
                    Text(Cow::Borrowed(org.as_str())),
                    Blob(envelope),
                    Text(Cow::Owned(case.filed_on.to_string())),
                ],
            ),
            Write::CaseFile { case, file } => (
                "INSERT INTO case_files (case_id, id, sealed) VALUES ($1, $2, $3)",
                vec![
                    Text(Cow::Borrowed(case.as_str())),
                    Text(Cow::Borrowed(&file.id)),
                    Blob(&file.sealed),
                ],
            ),
            Write::CaseFileOrg { case, file, org } => (
                "INSERT INTO case_file_orgs (case_id, file_id, org_id) VALUES ($1, $2, $3)",
                vec![
                    Text(Cow::Borrowed(case.as_str())),
                    Text(Cow::Borrowed(&file.id)),
                    Text(Cow::Borrowed(org.as_str())),
                ],
            ),
            Write::Audit { day, kind, org } => (
                "INSERT INTO audit_counts (day, kind, org_id, n) VALUES ($1, $2, $3, 1) \
                 ON CONFLICT (day, kind, org_id) DO UPDATE SET n = audit_counts.n + 1",
                vec![
                    Text(Cow::Owned(day.to_string())),
                    Text(Cow::Borrowed(kind)),
                    Text(Cow::Borrowed(org.map_or("", |o| o.as_str()))),
                ],
            ),
            Write::Blob(row) => (
                match row.which {
                    Blobs::DraftFiles => {
                        "INSERT INTO draft_files (pseudonym, id, sealed, expires_at) \
                         VALUES ($1, $2, $3, $4)"
                    }
                    Blobs::ChatTrail => {
                        "INSERT INTO chat_trail (pseudonym, id, sealed, expires_at) \
                         VALUES ($1, $2, $3, $4)"
                    }
                },
                vec![
                    Blob(&row.pseudonym),
                    Blob(&row.id),
                    Blob(&row.sealed),
                    Int(row.expires_at),
                ],
            ),
        }
    }
}

/// What a write's row count says about its step.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Expect {
    /// The dedupe insert: no row changed means the message was handled already.
    Fresh,
    /// The draft write under its version check: anything but one row is a conflict.
    Current,
    /// Any count (deletes of what may be gone, inserts that fail loudly if they fail).
    Any,
}

impl Expect {
    /// The step's outcome so far, given the write's row count.
    pub(super) fn judge(self, rows: u64) -> Result<(), StoreError> {
        match self {
            Expect::Fresh if rows == 0 => Err(StoreError::Duplicate),
            Expect::Current if rows != 1 => Err(StoreError::Conflict),
            _ => Ok(()),
        }
    }
}

/// A write and what its row count means.
pub(super) type Planned<'a> = (Write<'a>, Expect);

/// Runs one write with sqlx's bound parameters (PostgreSQL, and SQLite's few writes outside
/// the group committer); returns the rows it changed.
pub(super) async fn run(conn: &mut AnyConnection, write: &Write<'_>) -> Result<u64, StoreError> {
    let (sql, values) = write.statement();
    let mut query = sqlx::query(sql);
    for value in values {
        query = match value {
            Value::Int(i) => query.bind(i),
            Value::Text(Cow::Borrowed(s)) => query.bind(s),
            Value::Text(Cow::Owned(s)) => query.bind(s),
            Value::Blob(b) => query.bind(b),
            Value::MaybeBlob(b) => query.bind(b),
        };
    }
    Ok(query.execute(&mut *conn).await?.rows_affected())
}

impl Writer for AnyConnection {
    const BEGIN: &'static str = "BEGIN";

    async fn control(&mut self, sql: &'static str) -> Result<(), StoreError> {
        sqlx::raw_sql(sql).execute(&mut *self).await?;
        Ok(())
    }

    async fn run(&mut self, write: &Write<'_>) -> Result<u64, StoreError> {
        run(self, write).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::crypto::{AssistedTag, ReceiptHash, WrappedKey};
    use crate::domain::{Channel, Lang, Perpetrator, StateAnswer, Violation};

    /// Every statement binds its values in order: SQLite numbers `$N` placeholders by where
    /// they first appear, so `$1…$N` must appear in that order, once each, as many as values.
    #[tokio::test]
    async fn every_write_binds_its_values_to_its_placeholders_in_order() {
        let dir = tempfile::tempdir().expect("tempdir");
        let url = format!("sqlite://{}/w.db", dir.path().display());
        let _store = super::super::Store::connect(&url).await.expect("store");
        let conn =
            super::super::sqlite::open(super::super::sqlite::path_of(&url), "").expect("conn");
        let (key, who) = (DedupeKey([1; 32]), Pseudonym([2; 32]));
        let sealed = SealedDraft(vec![3; 8]);
        let org = OrgId::parse("oic").expect("org");
        let file = CaseFile {
            id: "f1".into(),
            sealed: vec![4; 8],
            orgs: vec![org.clone()],
        };
        let case = NewCase {
            id: CaseId::random(),
            filed_on: Day::today(),
            channel: Channel::Sms,
            language: Lang::spanish(),
            violation: Violation::try_from(1).expect("code"),
            perpetrator: Perpetrator::try_from(1).expect("code"),
            state: StateAnswer::Unknown,
            receipt_hash: ReceiptHash([5; 32]),
            reply_recipient: "age1x".into(),
            reporter_key: WrappedKey(vec![6; 8]),
            envelopes: vec![(org.clone(), vec![7; 8])],
            assisted_tag: Some(AssistedTag([8; 32])),
            files: vec![],
        };
        let blob = |which| BlobRow {
            which,
            pseudonym: vec![2; 32],
            id: vec![9],
            sealed: vec![10],
            expires_at: 1,
        };
        let (trail, files) = (blob(Blobs::ChatTrail), blob(Blobs::DraftFiles));
        let mut writes = vec![
            Write::Seen {
                key: &key,
                expires_at: 1,
            },
            Write::Unseen { key: &key },
            Write::DraftInsert {
                pseudonym: &who,
                sealed: &sealed,
                expires_at: 1,
            },
            Write::DraftUpdate {
                pseudonym: &who,
                from: 1,
                sealed: &sealed,
                expires_at: 1,
            },
            Write::DraftDelete {
                pseudonym: &who,
                version: 1,
            },
            Write::DraftFileDelete {
                pseudonym: &who,
                id: &[1],
            },
            Write::DraftFilesDelete { pseudonym: &who },
            Write::CaseFile {
                case: &case.id,
                file: &file,
            },
            Write::CaseFileOrg {
                case: &case.id,
                file: &file,
                org: &org,
            },
            Write::Blob(&trail),
            Write::Blob(&files),
        ];
        writes.extend(case.writes());
        for write in &writes {
            let (sql, values) = write.statement();
            let statement = conn.prepare(sql).expect(sql);
            assert_eq!(statement.parameter_count(), values.len(), "{sql}");
            for i in 1..=values.len() {
                assert_eq!(
                    statement.parameter_name(i),
                    Some(format!("${i}").as_str()),
                    "{sql}"
                );
            }
        }
    }
}
