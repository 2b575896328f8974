//! The rules of an assisted filing (a shelter volunteer with the person present), written once
//! and used by the conversation (`flow::assisted`), the shelters' web form and filing: the
//! shelter's copy, whom the person's identity may reach, and the identity's limits.
//!
//! Each place keeps its own way of asking (menu numbers, form fields); what an answer may be,
//! and what follows from it, is decided here.

use std::ops::RangeInclusive;

use super::draft::AssistedChoices;
use crate::domain::{Identity, Lang, OrgId};
use crate::routing::Routing;

/// The longest identity answer kept (a name, a nationality, a contact).
pub const MAX_IDENTITY_CHARS: usize = 200;
/// The ages a person may give, in years (not saying is always possible too).
pub const AGES: RangeInclusive<u8> = 1..=120;
/// The longest age answer, in characters (the largest of [`AGES`] written out).
pub const MAX_AGE_CHARS: usize = 3;

/// An identity answer as kept: one line, white space folded to single spaces.
pub fn identity_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether a folded identity answer may be kept as it is: not empty, not too long.
pub fn identity_fits(line: &str) -> bool {
    !line.is_empty() && line.chars().count() <= MAX_IDENTITY_CHARS
}

/// Whether `years` is an age a person may give.
pub fn is_age(years: u8) -> bool {
    AGES.contains(&years)
}

/// The recipients with the shelter where the person put it: never among them, except as the
/// copy of its own the person chose.
pub fn with_shelter_copy(mut recipients: Vec<OrgId>, shelter: &OrgId, copy: bool) -> Vec<OrgId> {
    recipients.retain(|o| o != shelter);
    if copy {
        recipients.push(shelter.clone());
    }
    recipients
}

/// Whether these choices would send the case to no one (the shelter was the only body, and
/// the person wants no copy for it).
pub fn reaches_no_one(recipients: &[OrgId], shelter: &OrgId, copy: bool) -> bool {
    !copy && recipients.iter().all(|o| o == shelter)
}

/// The bodies the identity may reach: the human-rights bodies among the recipients, and the
/// shelter when the person let its copy carry the identity too.
pub fn identity_recipients(
    routing: &Routing,
    recipients: &[OrgId],
    shelter: &OrgId,
    in_shelter_copy: bool,
) -> Vec<OrgId> {
    let mut to = routing.identity_bodies(recipients);
    if in_shelter_copy {
        to.push(shelter.clone());
    }
    to
}

/// The identity the person chose to give, and whether the shelter's copy may carry it.
pub struct GivenIdentity {
    pub identity: Identity,
    pub in_shelter_copy: bool,
}

/// The person's answers, however they were asked, before the rules are applied.
pub struct Answers {
    pub shelter: OrgId,
    pub person_lang: Option<Lang>,
    pub interpreted: bool,
    pub shelter_copy: bool,
    /// `None`: the person stays anonymous.
    pub identity: Option<GivenIdentity>,
}

impl AssistedChoices {
    /// The choices as filing takes them, for a case going to `recipients`. The identity goes
    /// with the shelter's copy only when the person has a copy and allowed it; with no body
    /// left to take it, there is no identity at all.
    pub fn decide(routing: &Routing, recipients: &[OrgId], a: Answers) -> Self {
        let identity = a.identity.and_then(|given| {
            let in_copy = a.shelter_copy && given.in_shelter_copy;
            let to = identity_recipients(routing, recipients, &a.shelter, in_copy);
            (!to.is_empty()).then_some((given.identity, to))
        });
        Self {
            shelter: a.shelter,
            person_lang: a.person_lang,
            interpreted: a.interpreted,
            shelter_copy: a.shelter_copy,
            identity,
        }
    }

    /// The identity and the bodies it goes to, among the case's final `recipients` (the
    /// routing file may have changed since the person chose): never a body the person did not
    /// choose, and `None` when no chosen body is left.
    pub fn identity_for(&self, recipients: &[OrgId]) -> Option<(&Identity, Vec<OrgId>)> {
        let (who, chosen) = self.identity.as_ref()?;
        let to: Vec<OrgId> = chosen
            .iter()
            .filter(|id| recipients.contains(id))
            .cloned()
            .collect();
        (!to.is_empty()).then_some((who, to))
    }
}

#[cfg(test)]
mod tests;
