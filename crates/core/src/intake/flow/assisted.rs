//! The steps only an assisted filing has: the person's presence and consent, their language,
//! interpretation, and the person's own choices (the shelter's copy, identity for the
//! human-rights commissions). The volunteer answers; every choice is the person's.

use super::{Context, Outcome, advance, leave, num, number, reask};
use crate::domain::{Identity, OrgId};
use crate::i18n::Text;
use crate::i18n::ids;
use crate::intake::assisted::{self as rules, GivenIdentity};
use crate::intake::draft::{Assist, AssistedChoices, Draft, Step};
use crate::intake::reply::Reply;

/// An answer to one of the assisted steps.
pub(super) fn answer(mut d: Draft, text: String, ctx: &Context<'_>) -> Outcome {
    let Some(mut a) = d.assist.take() else {
        // Not an assisted draft (cannot happen through `NUEVA`): start the ordinary way.
        return advance(d, Step::Consent, ctx);
    };
    let n = number(&text);
    let next = match (d.step, n) {
        (Step::AssistConsent, Some(1)) => Step::PersonLanguage,
        (Step::AssistConsent, Some(0 | 2)) => {
            let mut out = leave(d);
            out.replies = vec![Reply::msg(ids::ASSIST_DECLINED)];
            return out;
        }
        (Step::PersonLanguage, Some(0)) => {
            a.person_lang = None;
            Step::Interpreted
        }
        (Step::PersonLanguage, Some(k)) => {
            match usize::from(k)
                .checked_sub(1)
                .and_then(|i| ctx.languages.get(i))
            {
                Some(lang) => {
                    a.person_lang = Some(lang.clone());
                    Step::Interpreted
                }
                None => return put_back(d, a, ids::INVALID, ctx),
            }
        }
        (Step::Interpreted, Some(k @ (1 | 2))) => {
            a.interpreted = Some(k == 1);
            Step::Story
        }
        (Step::ShelterCopy, Some(2)) if rules::reaches_no_one(&d.recipients, &a.shelter, false) => {
            // Civil society alone, and the shelter is the only one: without its copy the case
            // would reach no one. Say so and ask again whom to send it to.
            d.assist = Some(a);
            d.step = Step::Recipients;
            return reask(d, ids::ASSIST_NO_RECIPIENTS, ctx);
        }
        (Step::ShelterCopy, Some(k @ (1 | 2))) => {
            a.shelter_copy = Some(k == 1);
            d.recipients =
                rules::with_shelter_copy(std::mem::take(&mut d.recipients), &a.shelter, k == 1);
            // A new answer here re-asks what depends on it.
            a.identity_in_copy = None;
            if ctx.routing.identity_bodies(&d.recipients).is_empty() {
                a.identity_consent = Some(false);
                Step::Confirm
            } else {
                Step::IdentityConsent
            }
        }
        (Step::IdentityConsent, Some(1)) => {
            a.identity_consent = Some(true);
            Step::IdentityName
        }
        (Step::IdentityConsent, Some(2)) => {
            a.identity_consent = Some(false);
            a.identity = Identity::default();
            Step::Confirm
        }
        (Step::IdentityName, None) => match words(&text) {
            Some(w) => {
                a.identity.name = w;
                Step::IdentityNationality
            }
            None => return put_back(d, a, ids::INVALID, ctx),
        },
        (Step::IdentityNationality, None) => match words(&text) {
            Some(w) => {
                a.identity.nationality = w;
                Step::IdentityAge
            }
            None => return put_back(d, a, ids::INVALID, ctx),
        },
        (Step::IdentityAge, Some(0)) => {
            a.identity.age = String::new();
            Step::IdentityContact
        }
        (Step::IdentityAge, Some(age)) if rules::is_age(age) => {
            a.identity.age = num(age);
            Step::IdentityContact
        }
        (Step::IdentityContact, Some(0)) => {
            a.identity.contact = String::new();
            after_contact(&a)
        }
        (Step::IdentityContact, _) => match words(&text) {
            Some(w) => {
                a.identity.contact = w;
                after_contact(&a)
            }
            None => return put_back(d, a, ids::INVALID, ctx),
        },
        (Step::IdentityInCopy, Some(k @ (1 | 2))) => {
            a.identity_in_copy = Some(k == 1);
            Step::Confirm
        }
        _ => {
            return put_back(d, a, ids::INVALID, ctx);
        }
    };
    d.assist = Some(a);
    advance(d, next, ctx)
}

fn after_contact(a: &Assist) -> Step {
    if a.shelter_copy == Some(true) {
        Step::IdentityInCopy
    } else {
        Step::Confirm
    }
}

/// Free text for an identity field: one line within the identity's limits, not a bare menu
/// number.
fn words(text: &str) -> Option<String> {
    let t = rules::identity_line(text);
    (rules::identity_fits(&t) && number(&t).is_none()).then_some(t)
}

fn put_back(mut d: Draft, a: Assist, why: &str, ctx: &Context<'_>) -> Outcome {
    d.assist = Some(a);
    reask(d, why, ctx)
}

/// After `2` at the summary: who files and in which language stay, the person's answers go.
pub(super) fn restart(a: Assist) -> Assist {
    Assist {
        person_lang: a.person_lang,
        interpreted: a.interpreted,
        ..Assist::new(a.shelter)
    }
}

/// The first unanswered question of the opening (presence, language, interpretation).
pub(super) fn first_missing_header(a: &Assist) -> Option<Step> {
    a.interpreted.is_none().then_some(Step::AssistConsent)
}

/// The first unanswered choice after the recipients, if any.
pub(super) fn first_missing(a: &Assist) -> Option<Step> {
    if a.shelter_copy.is_none() || a.identity_consent.is_none() {
        return Some(Step::ShelterCopy);
    }
    if a.identity_consent == Some(true) {
        if a.identity.name.is_empty() {
            return Some(Step::IdentityName);
        }
        if a.identity.nationality.is_empty() {
            return Some(Step::IdentityNationality);
        }
        if a.shelter_copy == Some(true) && a.identity_in_copy.is_none() {
            return Some(Step::IdentityInCopy);
        }
    }
    None
}

/// The person's choices, once every one has been made.
pub(super) fn choices(
    a: &Assist,
    recipients: &[OrgId],
    ctx: &Context<'_>,
) -> Option<AssistedChoices> {
    if first_missing_header(a).is_some() || first_missing(a).is_some() {
        return None;
    }
    let answers = rules::Answers {
        shelter: a.shelter.clone(),
        person_lang: a.person_lang.clone(),
        interpreted: a.interpreted?,
        shelter_copy: a.shelter_copy?,
        identity: a.identity_consent?.then(|| GivenIdentity {
            identity: a.identity.clone(),
            in_shelter_copy: a.identity_in_copy == Some(true),
        }),
    };
    // The bodies might have left the list since (a new routing file): no one, no identity.
    Some(AssistedChoices::decide(ctx.routing, recipients, answers))
}

fn shelter_name(a: &Assist, ctx: &Context<'_>) -> String {
    ctx.routing.names(std::slice::from_ref(&a.shelter))
}

fn yes_no(r: Reply) -> Reply {
    r.choice("1", Text::msg(ids::ANSWER_YES))
        .choice("2", Text::msg(ids::ANSWER_NO))
}

/// The question of an assisted step.
pub(super) fn prompt(d: &Draft, ctx: &Context<'_>) -> Reply {
    let Some(a) = &d.assist else {
        return Reply::msg(ids::INVALID);
    };
    let shelter = || shelter_name(a, ctx);
    match d.step {
        Step::AssistConsent => {
            Reply::text(Text::msg(ids::ASSIST_CONSENT).with_str("shelter", shelter()))
                .choice("1", Text::msg(ids::ASSIST_CONSENT_YES))
                .choice("0", Text::msg(ids::ASSIST_CONSENT_NO))
        }
        Step::PersonLanguage => {
            let mut r = Reply::msg(ids::PERSON_LANGUAGE_PROMPT);
            for (i, lang) in ctx.languages.iter().enumerate() {
                r = r.choice(num(i + 1), Text::in_lang(lang.clone(), ids::LANGUAGE_NAME));
            }
            r.choice("0", Text::msg(ids::PERSON_LANGUAGE_OTHER))
        }
        Step::Interpreted => yes_no(Reply::msg(ids::INTERPRETED_PROMPT)),
        Step::ShelterCopy => yes_no(Reply::text(
            Text::msg(ids::SHELTER_COPY_PROMPT).with_str("shelter", shelter()),
        )),
        Step::IdentityConsent => {
            let bodies = ctx.routing.identity_bodies(&d.recipients);
            Reply::text(
                Text::msg(ids::IDENTITY_PROMPT).with_str("orgs", ctx.routing.names(&bodies)),
            )
            .choice("1", Text::msg(ids::IDENTITY_GIVE))
            .choice("2", Text::msg(ids::IDENTITY_ANONYMOUS))
        }
        Step::IdentityName => Reply::msg(ids::IDENTITY_NAME_PROMPT),
        Step::IdentityNationality => Reply::msg(ids::IDENTITY_NATIONALITY_PROMPT),
        Step::IdentityAge => Reply::msg(ids::IDENTITY_AGE_PROMPT),
        Step::IdentityContact => Reply::msg(ids::IDENTITY_CONTACT_PROMPT),
        Step::IdentityInCopy => yes_no(Reply::text(
            Text::msg(ids::IDENTITY_IN_COPY_PROMPT).with_str("shelter", shelter()),
        )),
        _ => Reply::msg(ids::INVALID),
    }
}

/// The summary's line about the person's identity. (Whether the shelter keeps a copy shows in
/// the summary's list of recipients, which has the shelter only when the person chose so.)
pub(super) fn confirm_footer(
    reply: Reply,
    a: &Assist,
    recipients: &[OrgId],
    ctx: &Context<'_>,
) -> Reply {
    let identity = match choices(a, recipients, ctx).and_then(|c| c.identity) {
        Some((_, to)) => Text::msg(ids::CONFIRM_IDENTITY).with_str("orgs", ctx.routing.names(&to)),
        None => Text::msg(ids::CONFIRM_ANONYMOUS),
    };
    reply.footer(identity)
}
