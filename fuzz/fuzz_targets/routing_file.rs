//! The routing loader over any text, as an operator (or an attacker with write access to the
//! config) could leave it.
//!
//! Checks: nothing panics; a file that loads names no migration authority anywhere, every org
//! has a recipient key, and every case routes to a non-empty set of orgs the file defines.
#![no_main]

use buzon_core::domain::{MxState, Perpetrator, StateAnswer, Violation, names_migration_authority};
use buzon_core::routing::{Facts, Routing};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(routing) = Routing::parse(text, "fuzz.toml") else {
        return;
    };
    for org in routing.orgs() {
        assert!(!org.recipients.is_empty(), "an org without keys loaded");
        assert!(!names_migration_authority(org.id.as_str(), org.kind));
        assert!(!names_migration_authority(&org.name, org.kind));
    }
    // Each fact alone, and none: cheap enough to run on every input that loads.
    let mut cases = vec![Facts::default()];
    cases.extend(Violation::all().map(|v| Facts {
        violation: Some(v),
        ..Facts::default()
    }));
    cases.extend(Perpetrator::all().map(|p| Facts {
        perpetrator: Some(p),
        ..Facts::default()
    }));
    cases.extend(
        MxState::all()
            .map(StateAnswer::Known)
            .chain([StateAnswer::Unknown])
            .map(|s| Facts {
                state: Some(s),
                ..Facts::default()
            }),
    );
    for facts in &cases {
        let to = routing.route(facts);
        assert!(!to.is_empty(), "a case routed nowhere");
        assert!(to.iter().all(|id| routing.org(id).is_some()));
    }
});
