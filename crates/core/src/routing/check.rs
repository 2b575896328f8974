//! What an operator checks before going live: where sample cases go, and the rules or the
//! fallback that can never take part (`buzon routing check`).

use std::collections::BTreeSet;

use super::{Facts, Routing, Rule};
use crate::domain::{MxState, OrgId, Perpetrator, StateAnswer, Violation};

/// One destination, with how many of the sampled cases reach it and the first of them.
pub struct SampleRoute {
    pub to: Vec<OrgId>,
    pub cases: usize,
    pub example: (Violation, Perpetrator, StateAnswer),
}

impl Routing {
    /// Every violation × every perpetrator × "state unknown" and each state a rule names,
    /// grouped by where they go, the most common destination first.
    pub fn sample_routes(&self) -> Vec<SampleRoute> {
        let mut states = vec![StateAnswer::Unknown];
        let named: BTreeSet<&String> = self
            .rules
            .iter()
            .flat_map(|r| r.state.iter().flatten())
            .collect();
        states.extend(
            named
                .into_iter()
                .filter_map(|code| MxState::parse_code(code).ok())
                .map(StateAnswer::Known),
        );
        let mut routes: Vec<SampleRoute> = Vec::new();
        for violation in Violation::all() {
            for perpetrator in Perpetrator::menu() {
                for state in &states {
                    let to = self.route(&Facts {
                        violation: Some(violation),
                        perpetrator: Some(perpetrator),
                        state: Some(*state),
                    });
                    match routes.iter_mut().find(|r| r.to == to) {
                        Some(r) => r.cases += 1,
                        None => routes.push(SampleRoute {
                            to,
                            cases: 1,
                            example: (violation, perpetrator, *state),
                        }),
                    }
                }
            }
        }
        routes.sort_by_key(|r| std::cmp::Reverse(r.cases));
        routes
    }

    /// Rules that can never fire, and a fallback that can never be used, each said as what to
    /// change.
    pub fn warnings(&self) -> Vec<String> {
        let mut out = Vec::new();
        for (i, rule) in self.rules.iter().enumerate() {
            for (field, empty) in [
                (
                    "violation",
                    rule.violation.as_ref().is_some_and(BTreeSet::is_empty),
                ),
                (
                    "perpetrator",
                    rule.perpetrator.as_ref().is_some_and(BTreeSet::is_empty),
                ),
                ("state", rule.state.as_ref().is_some_and(BTreeSet::is_empty)),
            ] {
                if empty {
                    out.push(format!(
                        "rule {}: `{field} = []` lists nothing, so the rule never fires; \
                         leave the line out to match every {field}",
                        i + 1
                    ));
                }
            }
        }
        if let Some((i, rule)) = self.rules.iter().enumerate().find(|(_, r)| {
            matches_everything(r) && r.to.iter().any(|id| !self.is_civil_society(id))
        }) {
            out.push(format!(
                "the fallback is never used: rule {} sends every case to {}",
                i + 1,
                self.names(&rule.to)
            ));
        }
        out
    }
}

fn matches_everything(rule: &Rule) -> bool {
    rule.violation.is_none() && rule.perpetrator.is_none() && rule.state.is_none()
}
