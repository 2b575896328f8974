//! Who receives a case: the orgs and rules of `config/routing.toml`, checked when loaded.
//!
//! Loading refuses, with one line naming the file, the entry and the reason: an unknown kind or
//! one that names a migration authority, an invalid age recipient, an org with no recipients,
//! a rule naming an unknown org. So a running server can never route to a migration authority.

mod check;
mod load;

use std::collections::{BTreeMap, BTreeSet};

use crate::domain::{OrgId, OrgKind, Perpetrator, StateAnswer, Violation};

pub use check::SampleRoute;
pub use load::RoutingError;

/// A receiving body and the age recipients of its members.
#[derive(Clone)]
pub struct Org {
    pub id: OrgId,
    pub name: String,
    pub kind: OrgKind,
    pub recipients: Vec<age::x25519::Recipient>,
    /// Days an envelope is kept after the org acknowledged it; `None` keeps it.
    pub retain_days_after_ack: Option<u32>,
    /// A shelter whose enrolled volunteers may file on a person's behalf (`intermediary = true`,
    /// civil society only).
    pub intermediary: bool,
}

/// A rule fires when each condition it names holds; an absent condition always holds.
#[derive(Debug, Clone, Default)]
struct Rule {
    violation: Option<BTreeSet<Violation>>,
    perpetrator: Option<BTreeSet<Perpetrator>>,
    /// ISO codes, or `unknown`.
    state: Option<BTreeSet<String>>,
    to: Vec<OrgId>,
}

/// The facts of a case that routing looks at. Absent facts match only rules that do not ask.
#[derive(Debug, Clone, Copy, Default)]
pub struct Facts {
    pub violation: Option<Violation>,
    pub perpetrator: Option<Perpetrator>,
    pub state: Option<StateAnswer>,
}

/// The loaded routing table.
#[derive(Clone)]
pub struct Routing {
    orgs: BTreeMap<OrgId, Org>,
    rules: Vec<Rule>,
    fallback: Vec<OrgId>,
}

impl Routing {
    /// The orgs a case goes to, in the order the rules name them: the union of every rule that fires,
    /// and the fallback too when those name no body other than a civil-society organisation
    /// (a rule that always offers a shelter must not keep a case from every oversight body).
    /// Never empty: the loader requires a fallback.
    pub fn route(&self, facts: &Facts) -> Vec<OrgId> {
        let mut to: Vec<OrgId> = Vec::new();
        let fired = self.rules.iter().filter(|r| r.fires(facts));
        let needs_fallback = |to: &[OrgId]| to.iter().all(|id| self.is_civil_society(id));
        for id in fired.flat_map(|r| &r.to) {
            if !to.contains(id) {
                to.push(id.clone());
            }
        }
        if needs_fallback(&to) {
            // The fallback's bodies first: they are the ones the case could not do without.
            let missing: Vec<OrgId> = self
                .fallback
                .iter()
                .filter(|id| !to.contains(id))
                .cloned()
                .collect();
            to.splice(0..0, missing);
        }
        self.in_file_order(to)
    }

    fn is_civil_society(&self, id: &OrgId) -> bool {
        self.orgs
            .get(id)
            .is_some_and(|o| o.kind == OrgKind::CivilSociety)
    }

    /// The civil-society orgs among `routed`, or every civil-society org when none was routed:
    /// the reporter may always choose civil society alone.
    pub fn civil_society(&self, routed: &[OrgId]) -> Vec<OrgId> {
        let civil = |id: &&OrgId| self.is_civil_society(id);
        let among: Vec<OrgId> = routed.iter().filter(civil).cloned().collect();
        if !among.is_empty() {
            return among;
        }
        self.orgs.keys().filter(civil).cloned().collect()
    }

    /// The bodies among `recipients` that can take a person's identity: the human-rights
    /// commissions, since a formal queja needs an identified complainant.
    pub fn identity_bodies(&self, recipients: &[OrgId]) -> Vec<OrgId> {
        recipients
            .iter()
            .filter(|id| {
                self.orgs
                    .get(*id)
                    .is_some_and(|o| o.kind == OrgKind::HumanRightsCommission)
            })
            .cloned()
            .collect()
    }

    pub fn org(&self, id: &OrgId) -> Option<&Org> {
        self.orgs.get(id)
    }

    pub fn orgs(&self) -> impl Iterator<Item = &Org> {
        self.orgs.values()
    }

    /// How many rules the file holds.
    pub fn rule_count(&self) -> usize {
        self.rules.len()
    }

    /// Where a case goes when no rule fires.
    pub fn fallback(&self) -> &[OrgId] {
        &self.fallback
    }

    /// The orgs' names joined for a reply: "OIC en el INM, CNDH".
    pub fn names(&self, ids: &[OrgId]) -> String {
        ids.iter()
            .filter_map(|id| self.orgs.get(id).map(|o| o.name.as_str()))
            .collect::<Vec<_>>()
            .join(", ")
    }

    fn in_file_order(&self, ids: Vec<OrgId>) -> Vec<OrgId> {
        let mut ids = ids;
        ids.retain(|id| self.orgs.contains_key(id));
        ids
    }
}

impl Rule {
    fn fires(&self, f: &Facts) -> bool {
        holds(&self.violation, f.violation)
            && holds(&self.perpetrator, f.perpetrator)
            && holds(&self.state, f.state.map(|s| s.code().to_owned()))
    }
}

fn holds<T: Ord>(set: &Option<BTreeSet<T>>, value: Option<T>) -> bool {
    match set {
        None => true,
        Some(set) => value.is_some_and(|v| set.contains(&v)),
    }
}

#[cfg(test)]
mod tests;
