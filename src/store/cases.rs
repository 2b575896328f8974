//! Cases and their envelopes: filing, status by receipt, and the recipient API's queries.

use sqlx::{AnyConnection, Row};

use super::write::Write;
use super::{Store, StoreError};
use crate::crypto::{AssistedTag, ReceiptHash, WrappedKey};
use crate::domain::{CaseId, Channel, Day, Lang, OrgId, Perpetrator, StateAnswer, Violation};

/// A case ready to be stored: clear metadata, receipt hash, wrapped reporter key, and one
/// envelope per org.
#[derive(Clone)]
pub struct NewCase {
    pub id: CaseId,
    pub filed_on: Day,
    pub channel: Channel,
    pub language: Lang,
    pub violation: Violation,
    pub perpetrator: Perpetrator,
    pub state: StateAnswer,
    pub receipt_hash: ReceiptHash,
    pub reply_recipient: String,
    pub reporter_key: WrappedKey,
    pub envelopes: Vec<(OrgId, Vec<u8>)>,
    /// Set for a case a shelter volunteer filed: the keyed (shelter, case) tag.
    pub assisted_tag: Option<AssistedTag>,
    /// The case's files, each sealed once to every org whose envelope references it.
    pub files: Vec<super::CaseFile>,
}

/// What an org may see of one of its cases without decrypting it.
#[derive(Debug, Clone, serde::Serialize)]
pub struct CaseMeta {
    pub case_id: CaseId,
    pub filed_on: Day,
    pub channel: Channel,
    pub language: Lang,
    pub violation: u8,
    pub perpetrator: u8,
    pub state: String,
    pub delivered_on: Day,
    pub acked_on: Option<Day>,
    /// Set when the reporter withdrew the case after this org had downloaded it.
    pub withdrawn_on: Option<Day>,
    /// A shelter volunteer filed it with the person (which shelter is in the envelope).
    pub assisted: bool,
}

/// An envelope lookup: present, deleted under the org's retention, or not the org's at all.
pub enum EnvelopeFetch {
    Found(Vec<u8>),
    Purged,
    Missing,
}

/// What a withdrawal did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Withdrawal {
    /// Envelopes deleted before any org downloaded them.
    pub deleted: u64,
    /// Envelopes already downloaded, now marked withdrawn for their orgs.
    pub marked: u64,
}

/// Per-org delivery of one case, for `ESTADO <receipt>`.
#[derive(Debug, Clone)]
pub struct EnvelopeStatus {
    pub org_id: OrgId,
    pub delivered_on: Day,
    pub acked_on: Option<Day>,
}

impl NewCase {
    /// The rows of a new case, in order: the case, its envelopes, its files with the orgs that
    /// may read each, and the day's count of filings.
    pub(super) fn writes(&self) -> Vec<Write<'_>> {
        let mut writes = vec![Write::Case(self)];
        writes.extend(
            self.envelopes
                .iter()
                .map(|(org, envelope)| Write::Envelope {
                    case: self,
                    org,
                    envelope,
                }),
        );
        for file in &self.files {
            let case = &self.id;
            writes.push(Write::CaseFile { case, file });
            writes.extend(
                file.orgs
                    .iter()
                    .map(|org| Write::CaseFileOrg { case, file, org }),
            );
        }
        // No case id: a growing audit id next to it would reveal the order cases were filed in.
        writes.push(Write::Audit {
            day: self.filed_on,
            kind: "case.filed",
            org: None,
        });
        writes
    }
}

/// Counts one event in the day's audit counts (see [`Write::Audit`]). Shared by every store
/// module that records an event outside a step.
pub(super) async fn audit(
    tx: &mut AnyConnection,
    day: Day,
    kind: &str,
    org: Option<&OrgId>,
) -> Result<(), StoreError> {
    super::write::run(tx, &Write::Audit { day, kind, org }).await?;
    Ok(())
}

pub(super) fn day(s: &str) -> Result<Day, StoreError> {
    Day::parse(s).map_err(|_| StoreError::Corrupt("day"))
}

pub(super) fn opt_day(s: Option<String>) -> Result<Option<Day>, StoreError> {
    s.as_deref().map(day).transpose()
}

impl Store {
    /// Files a case in its own transaction, once per dedupe key: the shelters' web form sends
    /// a random id with each form, so a double submit files one case. Fails with
    /// [`StoreError::Duplicate`] (nothing written) when the key was already used.
    pub async fn file_case(
        &self,
        key: &crate::crypto::DedupeKey,
        key_expires_at: i64,
        case: NewCase,
    ) -> Result<(), StoreError> {
        // Rounded up to a day boundary: this row is written with the case, and nothing next
        // to a case may carry a time finer than a day (invariant 2).
        let expires_at = (key_expires_at / 86_400 + 1) * 86_400;
        self.commit(super::step::Step::filing(key, expires_at, case))
            .await
    }

    /// The case's language and per-org delivery for a receipt, or `None` if no case has it.
    pub async fn status_by_receipt(
        &self,
        receipt: &ReceiptHash,
    ) -> Result<Option<(Lang, Vec<EnvelopeStatus>)>, StoreError> {
        let rows = sqlx::query(
            "SELECT e.org_id, e.delivered_on, e.acked_on, c.language FROM envelopes e \
             JOIN cases c ON c.id = e.case_id WHERE c.receipt_hash = $1 ORDER BY e.org_id",
        )
        .bind(receipt.as_bytes().to_vec())
        .fetch_all(&self.pool)
        .await?;
        let Some(first) = rows.first() else {
            return Ok(None);
        };
        let lang =
            Lang::parse(&first.get::<String, _>(3)).map_err(|_| StoreError::Corrupt("language"))?;
        rows.into_iter()
            .map(|r| {
                Ok(EnvelopeStatus {
                    org_id: OrgId::parse(&r.get::<String, _>(0))
                        .map_err(|_| StoreError::Corrupt("org id"))?,
                    delivered_on: day(&r.get::<String, _>(1))?,
                    acked_on: opt_day(r.get::<Option<String>, _>(2))?,
                })
            })
            .collect::<Result<Vec<_>, _>>()
            .map(|list| Some((lang, list)))
    }

    /// An org's cases with ids after `after`, in id order (random, so it reveals no filing
    /// order), at most `limit`.
    pub async fn list_cases(
        &self,
        org: &OrgId,
        after: Option<&CaseId>,
        limit: u32,
    ) -> Result<Vec<CaseMeta>, StoreError> {
        let rows = sqlx::query(
            "SELECT c.id, c.filed_on, c.channel, c.language, c.violation, c.perpetrator, c.state, \
             e.delivered_on, e.acked_on, e.withdrawn_on, c.assisted FROM envelopes e \
             JOIN cases c ON c.id = e.case_id \
             WHERE e.org_id = $1 AND c.id > $2 ORDER BY c.id LIMIT $3",
        )
        .bind(org.as_str().to_owned())
        .bind(after.map(|c| c.as_str().to_owned()).unwrap_or_default())
        .bind(i64::from(limit))
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter()
            .map(|r| {
                Ok(CaseMeta {
                    case_id: CaseId::parse(&r.get::<String, _>(0))
                        .map_err(|_| StoreError::Corrupt("case id"))?,
                    filed_on: day(&r.get::<String, _>(1))?,
                    channel: Channel::parse(&r.get::<String, _>(2))
                        .map_err(|_| StoreError::Corrupt("channel"))?,
                    language: Lang::parse(&r.get::<String, _>(3))
                        .map_err(|_| StoreError::Corrupt("language"))?,
                    violation: u8::try_from(r.get::<i64, _>(4))
                        .map_err(|_| StoreError::Corrupt("violation"))?,
                    perpetrator: u8::try_from(r.get::<i64, _>(5))
                        .map_err(|_| StoreError::Corrupt("perpetrator"))?,
                    state: r.get::<String, _>(6),
                    delivered_on: day(&r.get::<String, _>(7))?,
                    acked_on: opt_day(r.get::<Option<String>, _>(8))?,
                    withdrawn_on: opt_day(r.get::<Option<String>, _>(9))?,
                    assisted: r.get::<i64, _>(10) != 0,
                })
            })
            .collect()
    }

    /// The org's envelope of a case. `Missing` if the case does not exist *or* is not the
    /// org's: the two are indistinguishable to the caller.
    pub async fn envelope(&self, org: &OrgId, case: &CaseId) -> Result<EnvelopeFetch, StoreError> {
        let row = sqlx::query(
            "SELECT envelope, purged_on FROM envelopes WHERE org_id = $1 AND case_id = $2",
        )
        .bind(org.as_str().to_owned())
        .bind(case.as_str().to_owned())
        .fetch_optional(&self.pool)
        .await?;
        Ok(match row {
            None => EnvelopeFetch::Missing,
            Some(r) if r.get::<Option<String>, _>(1).is_some() => EnvelopeFetch::Purged,
            Some(r) => EnvelopeFetch::Found(r.get::<Vec<u8>, _>(0)),
        })
    }

    /// Withdraws the case behind a receipt: envelopes no org has downloaded are deleted, the
    /// downloaded ones are marked withdrawn, and the receipt stops working (its hash and the
    /// wrapped reporter key are overwritten). A case left with no envelope is deleted whole.
    /// `None` if no case has that receipt.
    pub async fn withdraw(
        &self,
        receipt: &ReceiptHash,
        today: Day,
    ) -> Result<Option<Withdrawal>, StoreError> {
        let mut tx = self.writer.begin().await?;
        // Write first (SQLite takes its write lock at once): mark the case as being withdrawn.
        let found = sqlx::query("UPDATE cases SET withdrawn_on = $1 WHERE receipt_hash = $2")
            .bind(today.to_string())
            .bind(receipt.as_bytes().to_vec())
            .execute(&mut *tx)
            .await?
            .rows_affected();
        if found == 0 {
            return Ok(None);
        }
        let id: String = sqlx::query("SELECT id FROM cases WHERE receipt_hash = $1")
            .bind(receipt.as_bytes().to_vec())
            .fetch_one(&mut *tx)
            .await?
            .get(0);
        let deleted = sqlx::query("DELETE FROM envelopes WHERE case_id = $1 AND acked_on IS NULL")
            .bind(id.clone())
            .execute(&mut *tx)
            .await?
            .rows_affected();
        let marked = sqlx::query("UPDATE envelopes SET withdrawn_on = $1 WHERE case_id = $2")
            .bind(today.to_string())
            .bind(id.clone())
            .execute(&mut *tx)
            .await?
            .rows_affected();
        // Files follow the envelopes: those no remaining org may read are deleted now.
        super::case_files::prune_case(&mut tx, &id).await?;
        if marked == 0 {
            sqlx::query("DELETE FROM cases WHERE id = $1")
                .bind(id)
                .execute(&mut *tx)
                .await?;
        } else {
            use rand::RngCore;
            let mut dead = vec![0u8; 32];
            rand::rngs::OsRng.fill_bytes(&mut dead);
            sqlx::query("UPDATE cases SET receipt_hash = $1, reporter_key = $2 WHERE id = $3")
                .bind(dead)
                .bind(Vec::<u8>::new())
                .bind(id)
                .execute(&mut *tx)
                .await?;
        }
        audit(&mut tx, today, "case.withdrawn", None).await?;
        tx.commit().await?;
        Ok(Some(Withdrawal { deleted, marked }))
    }

    /// Deletes the ciphertext of `org`'s envelopes acknowledged on or before `acked_by`; the
    /// rows stay (status, counts). The org's file references go with them, and so does every
    /// file no org may read any more. Returns how many envelopes were purged.
    pub async fn purge_acked(
        &self,
        org: &OrgId,
        acked_by: Day,
        today: Day,
    ) -> Result<u64, StoreError> {
        let purged = sqlx::query(
            "UPDATE envelopes SET envelope = $1, purged_on = $2 \
             WHERE org_id = $3 AND acked_on IS NOT NULL AND acked_on <= $4 AND purged_on IS NULL",
        )
        .bind(Vec::<u8>::new())
        .bind(today.to_string())
        .bind(org.as_str().to_owned())
        .bind(acked_by.to_string())
        .execute(&self.writer)
        .await?
        .rows_affected();
        self.purge_files_of(org).await?;
        Ok(purged)
    }

    /// Records that the org received the case. Idempotent; returns the day it was first
    /// acknowledged, or `None` if the case is not the org's.
    pub async fn ack(
        &self,
        org: &OrgId,
        case: &CaseId,
        today: Day,
    ) -> Result<Option<Day>, StoreError> {
        let mut tx = self.writer.begin().await?;
        let newly = sqlx::query(
            "UPDATE envelopes SET acked_on = $1 \
             WHERE org_id = $2 AND case_id = $3 AND acked_on IS NULL",
        )
        .bind(today.to_string())
        .bind(org.as_str().to_owned())
        .bind(case.as_str().to_owned())
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if newly == 1 {
            audit(&mut tx, today, "envelope.acked", Some(org)).await?;
            tx.commit().await?;
            return Ok(Some(today));
        }
        let row = sqlx::query("SELECT acked_on FROM envelopes WHERE org_id = $1 AND case_id = $2")
            .bind(org.as_str().to_owned())
            .bind(case.as_str().to_owned())
            .fetch_optional(&mut *tx)
            .await?;
        tx.commit().await?;
        match row {
            None => Ok(None),
            Some(r) => opt_day(r.get::<Option<String>, _>(0)),
        }
    }
}
