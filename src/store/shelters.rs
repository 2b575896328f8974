//! Shelter enrolment codes, enrolled volunteers (by a keyed hash of their pseudonym only), and
//! the delivery status of assisted cases.

use sqlx::Row;

use super::cases::{day, opt_day};
use super::{Store, StoreError};
use crate::crypto::{InviteHash, VolunteerKey};
use crate::domain::{CaseId, Day, OrgId};

/// An enrolled volunteer as `buzon shelter list` shows one: no identity, only a random id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Volunteer {
    pub volunteer_id: String,
    pub org_id: OrgId,
    pub enrolled_on: Day,
}

/// What a redeemed code did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Redeemed {
    /// Enrolled (or moved) to this shelter, under this volunteer id.
    Enrolled { org_id: OrgId, volunteer_id: String },
    /// Unknown, already used, or expired: the three look the same to the sender.
    Refused,
}

/// One assisted case with its tag and per-body delivery, for the shelter's status view.
#[derive(Debug, Clone)]
pub struct AssistedRow {
    pub case_id: CaseId,
    pub tag: Vec<u8>,
    pub filed_on: Day,
    pub withdrawn_on: Option<Day>,
    /// (org, delivered_on, acked_on); empty when every envelope went with a withdrawal.
    pub envelopes: Vec<(OrgId, Day, Option<Day>)>,
}

fn org(s: String) -> Result<OrgId, StoreError> {
    OrgId::parse(&s).map_err(|_| StoreError::Corrupt("org id"))
}

impl Store {
    pub async fn add_invite(
        &self,
        hash: &InviteHash,
        org_id: &OrgId,
        expires_at: i64,
        today: Day,
    ) -> Result<(), StoreError> {
        let mut tx = self.writer.begin().await?;
        sqlx::query(
            "INSERT INTO shelter_invites (code_hash, org_id, expires_at) VALUES ($1, $2, $3)",
        )
        .bind(hash.as_bytes().to_vec())
        .bind(org_id.as_str().to_owned())
        .bind(expires_at)
        .execute(&mut *tx)
        .await?;
        super::cases::audit(&mut tx, today, "shelter.invite", Some(org_id)).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Uses a code once: the invite row is deleted whether or not it was still valid, and the
    /// sender is enrolled for its shelter (replacing any earlier enrolment).
    /// `is_shelter` says whether the code's org may still enrol volunteers (it is refused, and
    /// any existing enrolment of the sender kept, when it may not).
    pub async fn redeem_invite(
        &self,
        hash: &InviteHash,
        volunteer: &VolunteerKey,
        volunteer_id: &str,
        is_shelter: impl Fn(&OrgId) -> bool,
        now: i64,
        today: Day,
    ) -> Result<Redeemed, StoreError> {
        let mut tx = self.writer.begin().await?;
        let row = sqlx::query(
            "DELETE FROM shelter_invites WHERE code_hash = $1 RETURNING org_id, expires_at",
        )
        .bind(hash.as_bytes().to_vec())
        .fetch_optional(&mut *tx)
        .await?;
        let Some(row) = row else {
            return Ok(Redeemed::Refused);
        };
        if row.get::<i64, _>(1) <= now {
            tx.commit().await?;
            return Ok(Redeemed::Refused);
        }
        let org_id = org(row.get::<String, _>(0))?;
        if !is_shelter(&org_id) {
            tx.commit().await?;
            return Ok(Redeemed::Refused);
        }
        sqlx::query(
            "INSERT INTO volunteers (volunteer_key, volunteer_id, org_id, enrolled_on) \
             VALUES ($1, $2, $3, $4) ON CONFLICT (volunteer_key) DO UPDATE SET \
             volunteer_id = excluded.volunteer_id, org_id = excluded.org_id, \
             enrolled_on = excluded.enrolled_on",
        )
        .bind(volunteer.as_bytes().to_vec())
        .bind(volunteer_id.to_owned())
        .bind(org_id.as_str().to_owned())
        .bind(today.to_string())
        .execute(&mut *tx)
        .await?;
        super::cases::audit(&mut tx, today, "shelter.enrol", Some(&org_id)).await?;
        tx.commit().await?;
        Ok(Redeemed::Enrolled {
            org_id,
            volunteer_id: volunteer_id.to_owned(),
        })
    }

    /// The shelter a sender volunteers for, if enrolled.
    pub async fn volunteer_org(
        &self,
        volunteer: &VolunteerKey,
    ) -> Result<Option<OrgId>, StoreError> {
        let row = sqlx::query("SELECT org_id FROM volunteers WHERE volunteer_key = $1")
            .bind(volunteer.as_bytes().to_vec())
            .fetch_optional(&self.pool)
            .await?;
        row.map(|r| org(r.get::<String, _>(0))).transpose()
    }

    /// Every volunteer's key: the limiter gives them a higher allowance.
    pub async fn volunteer_keys(&self) -> Result<Vec<VolunteerKey>, StoreError> {
        let rows = sqlx::query("SELECT volunteer_key FROM volunteers")
            .fetch_all(&self.pool)
            .await?;
        rows.into_iter()
            .map(|r| {
                let bytes: Vec<u8> = r.get(0);
                <[u8; 32]>::try_from(bytes.as_slice())
                    .map(VolunteerKey)
                    .map_err(|_| StoreError::Corrupt("volunteer key"))
            })
            .collect()
    }

    pub async fn list_volunteers(
        &self,
        org_id: Option<&OrgId>,
    ) -> Result<Vec<Volunteer>, StoreError> {
        let rows = sqlx::query(
            "SELECT volunteer_id, org_id, enrolled_on FROM volunteers \
             WHERE $1 = '' OR org_id = $1 ORDER BY org_id, enrolled_on, volunteer_id",
        )
        .bind(org_id.map(|o| o.as_str().to_owned()).unwrap_or_default())
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter()
            .map(|r| {
                Ok(Volunteer {
                    volunteer_id: r.get::<String, _>(0),
                    org_id: org(r.get::<String, _>(1))?,
                    enrolled_on: day(&r.get::<String, _>(2))?,
                })
            })
            .collect()
    }

    /// Revokes a volunteer; returns the shelter they were enrolled for, if they were.
    pub async fn revoke_volunteer(
        &self,
        volunteer_id: &str,
        today: Day,
    ) -> Result<Option<OrgId>, StoreError> {
        let mut tx = self.writer.begin().await?;
        let row = sqlx::query("DELETE FROM volunteers WHERE volunteer_id = $1 RETURNING org_id")
            .bind(volunteer_id.to_owned())
            .fetch_optional(&mut *tx)
            .await?;
        let Some(row) = row else {
            return Ok(None);
        };
        let org_id = org(row.get::<String, _>(0))?;
        super::cases::audit(&mut tx, today, "shelter.revoke", Some(&org_id)).await?;
        tx.commit().await?;
        Ok(Some(org_id))
    }

    /// Every assisted case with its tag and delivery; the caller keeps the ones whose tag is
    /// its shelter's.
    pub async fn assisted_cases(&self) -> Result<Vec<AssistedRow>, StoreError> {
        let rows = sqlx::query(
            "SELECT c.id, c.assisted_tag, c.filed_on, c.withdrawn_on, \
             e.org_id, e.delivered_on, e.acked_on FROM cases c \
             LEFT JOIN envelopes e ON e.case_id = c.id \
             WHERE c.assisted = 1 ORDER BY c.id, e.org_id",
        )
        .fetch_all(&self.pool)
        .await?;
        let mut out: Vec<AssistedRow> = Vec::new();
        for r in rows {
            let case_id = CaseId::parse(&r.get::<String, _>(0))
                .map_err(|_| StoreError::Corrupt("case id"))?;
            if out.last().is_none_or(|last| last.case_id != case_id) {
                out.push(AssistedRow {
                    case_id: case_id.clone(),
                    tag: r.get::<Option<Vec<u8>>, _>(1).unwrap_or_default(),
                    filed_on: day(&r.get::<String, _>(2))?,
                    withdrawn_on: opt_day(r.get::<Option<String>, _>(3))?,
                    envelopes: Vec::new(),
                });
            }
            if let (Some(o), Some(d)) =
                (r.get::<Option<String>, _>(4), r.get::<Option<String>, _>(5))
                && let Some(last) = out.last_mut()
            {
                last.envelopes
                    .push((org(o)?, day(&d)?, opt_day(r.get::<Option<String>, _>(6))?));
            }
        }
        Ok(out)
    }
}
