//! Turning a confirmed submission into a sealed case, and answering `ESTADO <receipt>`.

use std::sync::Arc;

use zeroize::Zeroizing;

use super::attachments::{FileSource, seal_for_case};
use super::{App, ServiceError};
use crate::crypto::{ReporterKey, seal_envelope};
use crate::domain::{
    Assistance, COMPLAINT_SCHEMA, CaseId, Channel, Coded, Complaint, Day, Identity, Lang, OrgId,
    Receipt, RoutedOrg,
};
use crate::i18n::Text;
use crate::i18n::ids;
use crate::intake::{Holder, Reply, Submission, assisted};
use crate::routing::{Facts, Org};
use crate::store::NewCase;

/// A case ready to commit, and the receipt to give once it is committed.
pub struct Filed {
    pub case: NewCase,
    pub receipt: Receipt,
}

/// Routes, seals one envelope per org, and wraps the reporter key. The crypto (age: one X25519
/// exchange per recipient) runs on the blocking pool, off the async workers.
pub async fn prepare(
    app: &Arc<App>,
    channel: Channel,
    submission: Submission,
    files: FileSource<'_>,
) -> Result<Filed, ServiceError> {
    // At most a few seals at once: a burst of confirmations (each one sealing attachments of
    // up to several MB) must not starve the machine, and the memory a filing holds (see
    // `attachments::seal_for_case`) is bounded by this many times over.
    let _permit = app
        .seal_permits
        .acquire()
        .await
        .map_err(|_| ServiceError::Seal)?;
    let ids = recipients(app, &submission);
    if ids.is_empty() {
        return Err(ServiceError::Seal);
    }
    // Every envelope references every file, so each file is sealed to all the case's orgs.
    let sealed = seal_for_case(app, &ids, &submission.attachments, files).await?;
    let app = Arc::clone(app);
    tokio::task::spawn_blocking(move || seal(&app, channel, submission, ids, sealed))
        .await
        .map_err(|_| ServiceError::Seal)?
}

fn seal(
    app: &App,
    channel: Channel,
    s: Submission,
    ids: Vec<OrgId>,
    (attachments, files): (
        Vec<crate::domain::ComplaintFile>,
        Vec<crate::store::CaseFile>,
    ),
) -> Result<Filed, ServiceError> {
    let orgs: Vec<&Org> = ids.iter().filter_map(|id| app.routing.org(id)).collect();
    // The identity goes to the chosen bodies that are still recipients; if none is, the case
    // is filed without it (never to a body the person did not choose).
    let identity = s.assisted.as_ref().and_then(|a| a.identity_for(&ids));
    let identity_to: &[OrgId] = identity.as_ref().map_or(&[], |(_, to)| to.as_slice());
    let case_id = CaseId::random();
    let filed_on = Day::today();
    let receipt = Receipt::generate();
    let reporter = ReporterKey::generate();
    let es = Lang::spanish();
    let label = |id: String| app.catalog.get(&es, &id);
    let complaint = Complaint {
        schema: COMPLAINT_SCHEMA.to_owned(),
        case_id: case_id.clone(),
        filed_on,
        language: s.lang.clone(),
        channel,
        violation: Coded {
            code: s.violation.code(),
            label: label(s.violation.label_id()),
        },
        perpetrator: Coded {
            code: s.perpetrator.code(),
            label: label(s.perpetrator.label_id()),
        },
        state: Coded {
            code: s.state.code().to_owned(),
            label: label(s.state.label_id()),
        },
        when: Coded {
            code: s.when.code(),
            label: label(s.when.label_id()),
        },
        narrative: s.story.clone(),
        routed_to: orgs
            .iter()
            .map(|o| RoutedOrg {
                id: o.id.clone(),
                name: o.name.clone(),
            })
            .collect(),
        civil_society_only: s.civil_society_only,
        reply_recipient: reporter.recipient(),
        attachments,
        assisted: s.assisted.as_ref().map(|a| Assistance {
            shelter: routed_org(app, &a.shelter),
            person_present_and_agreed: true,
            person_language: a.person_lang.clone(),
            interpreted: a.interpreted,
            shelter_copy: a.shelter_copy,
        }),
        identity: None,
        identity_given_to: identity_to.iter().map(|id| routed_org(app, id)).collect(),
    };
    let identity = identity.as_ref().map(|(who, to)| (*who, to.as_slice()));
    let envelopes = seal_each(&complaint, &orgs, identity)?;
    let wrapped = reporter
        .wrap(&app.keys, &receipt)
        .ok_or(ServiceError::Seal)?;
    let assisted_tag = s
        .assisted
        .as_ref()
        .map(|a| app.keys.assisted_tag(&a.shelter, &case_id));
    let case = NewCase {
        id: case_id,
        filed_on,
        channel,
        // ESTADO answers in the language of the case: the person's own, when Buzón speaks it.
        language: person_lang(app, &s).unwrap_or(s.lang),
        violation: s.violation,
        perpetrator: s.perpetrator,
        state: s.state,
        receipt_hash: app.keys.receipt_hash(&receipt),
        reply_recipient: reporter.recipient(),
        reporter_key: wrapped,
        envelopes,
        assisted_tag,
        files,
    };
    Ok(Filed { case, receipt })
}

/// Who gets the case. The routing file may have changed since the reporter saw the list: keep
/// the chosen orgs that still exist, and route afresh if none do. An assisted person's shelter
/// is handled apart: its copy alone never counts as a filing, and it gets one exactly when the
/// person chose so.
fn recipients(app: &App, s: &Submission) -> Vec<OrgId> {
    let shelter = s.assisted.as_ref().map(|a| &a.shelter);
    let not_shelter = |id: &&OrgId| shelter != Some(*id);
    let mut ids: Vec<OrgId> = s
        .recipients
        .iter()
        .filter(not_shelter)
        .filter(|id| app.routing.org(id).is_some())
        .cloned()
        .collect();
    let only_copy = s.assisted.as_ref().is_some_and(|a| a.shelter_copy)
        && s.civil_society_only
        && ids.is_empty()
        && s.recipients.iter().any(|id| shelter == Some(id));
    if ids.is_empty() && !only_copy {
        let facts = Facts {
            violation: Some(s.violation),
            perpetrator: Some(s.perpetrator),
            state: Some(s.state),
        };
        let mut routed = app.routing.route(&facts);
        // Her choice of civil society alone holds whatever the routing file became.
        if s.civil_society_only {
            routed = app.routing.civil_society(&routed);
        }
        ids = routed.iter().filter(not_shelter).cloned().collect();
    }
    match &s.assisted {
        Some(a) => {
            let copy = a.shelter_copy && app.routing.org(&a.shelter).is_some();
            assisted::with_shelter_copy(ids, &a.shelter, copy)
        }
        None => ids,
    }
}

fn routed_org(app: &App, id: &OrgId) -> RoutedOrg {
    RoutedOrg {
        id: id.clone(),
        name: app
            .routing
            .org(id)
            .map(|o| o.name.clone())
            .unwrap_or_else(|| id.to_string()),
    }
}

/// One envelope per org. The identity of an assisted person goes only into the envelopes of
/// the bodies the person chose for it; every other org's envelope is sealed from a copy
/// without it.
fn seal_each(
    complaint: &Complaint,
    orgs: &[&Org],
    identity: Option<(&Identity, &[OrgId])>,
) -> Result<Vec<(OrgId, Vec<u8>)>, ServiceError> {
    let json = |c: &Complaint| {
        serde_json::to_vec_pretty(c)
            .map(Zeroizing::new)
            .map_err(|_| ServiceError::Seal)
    };
    let plain = json(complaint)?;
    let identified = match identity {
        Some((who, _)) => {
            let mut c = complaint.clone();
            c.identity = Some(who.clone());
            Some(json(&c)?)
        }
        None => None,
    };
    orgs.iter()
        .map(|o| {
            let chosen = identity.is_some_and(|(_, to)| to.contains(&o.id));
            let body = match (&identified, chosen) {
                (Some(with), true) => with,
                _ => &plain,
            };
            seal_envelope(body, &o.recipients)
                .map(|e| (o.id.clone(), e))
                .map_err(|_| ServiceError::Seal)
        })
        .collect()
}

/// The language of the person an assisted case is for, when Buzón has it in full.
fn person_lang(app: &App, s: &Submission) -> Option<Lang> {
    s.assisted
        .as_ref()
        .and_then(|a| a.person_lang.clone())
        .filter(|l| app.catalog.supports(l) && !app.catalog.is_partial(l))
}

/// The replies that carry a receipt. For a reporter: one message with it. For a volunteer
/// filing with a person: a line in the volunteer's language, then the receipt as a message of
/// its own, in the person's language, to be written down or printed for them.
pub fn receipt_replies(app: &App, s: &Submission, receipt: &Receipt, lang: &Lang) -> Vec<Reply> {
    let with_receipt = |t: Text| {
        t.with_str("receipt", receipt.grouped())
            .with_str("receipt_digits", receipt.digits())
            .with_str("where", app.settings.contact.receipt_where())
    };
    if s.assisted.is_none() {
        return vec![Reply::receipt(
            with_receipt(Text::msg(ids::DONE)),
            Holder::Reporter,
        )];
    }
    let person = person_or(app, s, lang);
    vec![
        Reply::msg(ids::ASSISTED_DONE),
        Reply::receipt(
            with_receipt(Text::in_lang(person, ids::ASSISTED_RECEIPT)),
            Holder::Someone,
        )
        .alone(),
    ]
}

/// The language a receipt for an assisted person is written in: theirs when Buzón has it in
/// full, else the volunteer's (`lang`).
pub fn person_or(app: &App, s: &Submission, lang: &Lang) -> Lang {
    person_lang(app, s).unwrap_or_else(|| lang.clone())
}

/// The answer to `ESTADO <receipt>`: per receiving body, delivered and whether (and on which
/// day) it has downloaded the case. An unknown receipt gets the same short answer as a
/// malformed one would, without saying more.
/// Answered in the language the case was filed in when the receipt is found (STATUS is a word
/// of several languages).
pub async fn status(
    app: &App,
    receipt: Option<&Receipt>,
) -> Result<(Reply, Option<Lang>), ServiceError> {
    let Some(receipt) = receipt else {
        return Ok((Reply::msg(ids::STATUS_BAD_RECEIPT), None));
    };
    let Some((lang, list)) = app
        .store
        .status_by_receipt(&app.keys.receipt_hash(receipt))
        .await?
    else {
        return Ok((Reply::msg(ids::STATUS_UNKNOWN), None));
    };
    let mut reply = Reply::msg(ids::STATUS_HEADER);
    for env in list {
        let name = app
            .routing
            .org(&env.org_id)
            .map(|o| o.name.clone())
            .unwrap_or_else(|| env.org_id.to_string());
        let line = match env.acked_on {
            Some(day) => Text::msg(ids::STATUS_RECEIVED)
                .with_str("org", name)
                .with_str("day", day.to_string()),
            None => Text::msg(ids::STATUS_DELIVERED)
                .with_str("org", name)
                .with_str("day", env.delivered_on.to_string()),
        };
        reply = reply.footer(line);
    }
    Ok((reply, Some(lang)))
}

/// `BORRAR <receipt>`: withdraws the case (see [`crate::store::Store::withdraw`]). An unknown
/// receipt gets the same answer as for `ESTADO`.
pub async fn withdraw(app: &App, receipt: Option<&Receipt>) -> Result<Reply, ServiceError> {
    let Some(receipt) = receipt else {
        return Ok(Reply::msg(ids::WITHDRAW_BAD_RECEIPT));
    };
    let hash = app.keys.receipt_hash(receipt);
    Ok(match app.store.withdraw(&hash, Day::today()).await? {
        Some(_) => Reply::msg(ids::WITHDRAW_DONE),
        None => Reply::msg(ids::STATUS_UNKNOWN),
    })
}
