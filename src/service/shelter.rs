//! Shelters: enrolling a volunteer with a one-time code, keeping the limiter's list of
//! volunteers current, and the delivery status of the cases a shelter filed.

use serde::Serialize;

use super::{App, ServiceError, unix_now};
use crate::crypto::Pseudonym;
use crate::domain::{CaseId, Day, OrgId};
use crate::i18n::Text;
use crate::i18n::ids;
use crate::intake::{EnrolCode, Reply};
use crate::store::Redeemed;

/// How long an enrolment code stays valid.
pub const INVITE_SECONDS: i64 = 24 * 3600;

/// A fresh one-time code for an intermediary shelter; only its keyed hash is stored.
pub async fn invite(
    app: &App,
    shelter: &OrgId,
) -> Result<zeroize::Zeroizing<String>, ServiceError> {
    let code = crate::crypto::invite_code();
    app.store
        .add_invite(
            &app.keys.invite_hash(&code),
            shelter,
            unix_now() + INVITE_SECONDS,
            Day::today(),
        )
        .await?;
    Ok(code)
}

/// `ALBERGUE <code>`: enrols the sender for the code's shelter, or says the code is no good
/// (unknown, used and expired look the same). A code of a shelter that is no longer an
/// intermediary in the routing file enrols no one and leaves any enrolment as it was.
pub async fn enrol(
    app: &App,
    pseudonym: &Pseudonym,
    code: &EnrolCode,
) -> Result<Reply, ServiceError> {
    let volunteer_id = volunteer_id();
    let is_shelter = |o: &OrgId| app.routing.org(o).is_some_and(|org| org.intermediary);
    let redeemed = app
        .store
        .redeem_invite(
            &app.keys.invite_hash(&code.0),
            &app.keys.volunteer_key(pseudonym),
            &volunteer_id,
            is_shelter,
            unix_now(),
            Day::today(),
        )
        .await?;
    Ok(match redeemed {
        Redeemed::Enrolled {
            org_id,
            volunteer_id,
        } => {
            app.limits.add_volunteer(&app.keys.volunteer_key(pseudonym));
            let name = app
                .routing
                .org(&org_id)
                .map(|o| o.name.clone())
                .unwrap_or_else(|| org_id.to_string());
            Reply::text(
                Text::msg(ids::SHELTER_ENROLLED)
                    .with_str("shelter", name)
                    .with_str("volunteer", volunteer_id),
            )
        }
        Redeemed::Refused => Reply::msg(ids::SHELTER_CODE_REFUSED),
    })
}

/// The shelter a sender may file for: enrolled, and the org still an intermediary.
pub async fn volunteer_shelter(
    app: &App,
    pseudonym: &Pseudonym,
) -> Result<Option<OrgId>, ServiceError> {
    let org = app
        .store
        .volunteer_org(&app.keys.volunteer_key(pseudonym))
        .await?;
    Ok(org.filter(|o| app.routing.org(o).is_some_and(|org| org.intermediary)))
}

/// Reloads the limiter's list of volunteers (the sweeper calls it, so a revocation made with
/// the CLI or on another instance reaches this one within a sweep period).
pub async fn refresh_volunteers(app: &App) -> Result<(), crate::store::StoreError> {
    let list = app.store.volunteer_keys().await?;
    app.limits.set_volunteers(&list);
    Ok(())
}

/// A short random id a volunteer is listed and revoked by, e.g. `v-7k2m9q`.
fn volunteer_id() -> String {
    use rand::Rng;
    const ALPHABET: &[u8] = b"23456789abcdefghjkmnpqrstuvwxyz";
    let mut rng = rand::rngs::OsRng;
    let tail: String = (0..6)
        .map(|_| char::from(ALPHABET[rng.gen_range(0..ALPHABET.len())]))
        .collect();
    format!("v-{tail}")
}

/// One receiving body's handling of an assisted case.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Delivery {
    pub org_id: OrgId,
    pub org_name: String,
    pub delivered_on: Day,
    pub acked_on: Option<Day>,
}

/// What a shelter sees of a case it filed: delivery and acknowledgement, never the content.
#[derive(Debug, Clone, Serialize)]
pub struct AssistedCase {
    pub case_id: CaseId,
    pub filed_on: Day,
    pub withdrawn_on: Option<Day>,
    /// The shelter received its own envelope (the person chose a copy).
    pub shelter_copy: bool,
    pub deliveries: Vec<Delivery>,
}

/// The cases this shelter's volunteers filed, found by recomputing each assisted case's keyed
/// tag: the database alone cannot say which shelter filed which case.
pub async fn assisted_cases(app: &App, shelter: &OrgId) -> Result<Vec<AssistedCase>, ServiceError> {
    let rows = app.store.assisted_cases().await?;
    Ok(rows
        .into_iter()
        .filter(|r| {
            crate::crypto::ct_eq(
                &r.tag,
                app.keys.assisted_tag(shelter, &r.case_id).as_bytes(),
            )
        })
        .map(|r| AssistedCase {
            shelter_copy: r.envelopes.iter().any(|(o, _, _)| o == shelter),
            deliveries: r
                .envelopes
                .into_iter()
                .map(|(org_id, delivered_on, acked_on)| Delivery {
                    org_name: app
                        .routing
                        .org(&org_id)
                        .map(|o| o.name.clone())
                        .unwrap_or_else(|| org_id.to_string()),
                    org_id,
                    delivered_on,
                    acked_on,
                })
                .collect(),
            case_id: r.case_id,
            filed_on: r.filed_on,
            withdrawn_on: r.withdrawn_on,
        })
        .collect())
}
