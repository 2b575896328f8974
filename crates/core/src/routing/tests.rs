//! Loading and applying routing files.

use super::*;

fn key() -> String {
    age::x25519::Identity::generate().to_public().to_string()
}

fn org(id: &str, name: &str, kind: &str) -> String {
    format!(
        "[[org]]\nid = \"{id}\"\nname = \"{name}\"\nkind = \"{kind}\"\nrecipients = [\"{}\"]\n",
        key()
    )
}

fn err(text: &str) -> String {
    match Routing::parse(text, "config/routing.toml") {
        Ok(_) => panic!("expected the routing file to be refused"),
        Err(e) => e.to_string(),
    }
}

#[test]
fn a_migration_authority_is_refused_by_kind_id_or_name() {
    let fallback = "[fallback]\nto = [\"x\"]\n";
    let by_kind = err(&format!(
        "{}{fallback}",
        org("x", "Delegación", "migration_authority")
    ));
    assert!(
        by_kind.starts_with("config/routing.toml: org 1 (\"x\"): kind"),
        "{by_kind}"
    );
    assert!(by_kind.contains("migration authority"));
    let by_name = err(&format!(
        "{}{fallback}",
        org(
            "x",
            "Instituto Nacional de Migración, Chiapas",
            "civil_society"
        )
    ));
    assert!(by_name.contains("migration authority"), "{by_name}");
    let by_id = err(&format!(
        "{}{fallback}",
        org("inm-tapachula", "Oficina", "prosecutor")
    ));
    assert!(by_id.contains("migration authority"), "{by_id}");
    let disguised = err(&format!(
        "{}{fallback}",
        org(
            "oic-chiapas",
            "Delegación del INM en Chiapas (enlace OIC)",
            "prosecutor"
        )
    ));
    assert!(disguised.contains("migration authority"), "{disguised}");
}

#[test]
fn only_a_civil_society_org_can_be_an_intermediary() {
    let with_flag = |kind: &str| {
        org("a", "A", kind).replace("recipients", "intermediary = true\nrecipients")
            + "[fallback]\nto = [\"a\"]\n"
    };
    let e = err(&with_flag("human_rights_commission"));
    assert!(e.contains("intermediary"), "{e}");
    let r = Routing::parse(&with_flag("civil_society"), "t").expect("a shelter loads");
    assert!(r.orgs().all(|o| o.intermediary));
    let plain = Routing::parse(
        &(org("a", "A", "civil_society") + "[fallback]\nto = [\"a\"]\n"),
        "t",
    )
    .expect("loads");
    assert!(plain.orgs().all(|o| !o.intermediary), "off unless set");
}

#[test]
fn identity_goes_only_to_human_rights_commissions_among_the_recipients() {
    let text = format!(
        "{}{}{}[fallback]\nto = [\"oic\"]\n",
        org("oic", "OIC", "internal_oversight"),
        org("cndh", "CNDH", "human_rights_commission"),
        org("albergue", "Albergue", "civil_society"),
    );
    let r = Routing::parse(&text, "t").expect("loads");
    let ids = |list: &[&str]| -> Vec<OrgId> {
        list.iter().map(|i| OrgId::parse(i).expect("id")).collect()
    };
    assert_eq!(
        r.identity_bodies(&ids(&["oic", "cndh", "albergue"])),
        ids(&["cndh"])
    );
    assert!(r.identity_bodies(&ids(&["oic", "albergue"])).is_empty());
}

#[test]
fn bad_keys_missing_keys_and_unknown_orgs_are_refused_with_one_line() {
    let bad_key = err(
        "[[org]]\nid = \"a\"\nname = \"A\"\nkind = \"prosecutor\"\nrecipients = [\"age1nope\"]\n\
         [fallback]\nto = [\"a\"]\n",
    );
    assert!(
        bad_key.contains("org 1 (\"a\"): recipient 1 is not a valid age"),
        "{bad_key}"
    );
    assert_eq!(bad_key.lines().count(), 1);
    let no_keys = err(
        "[[org]]\nid = \"a\"\nname = \"A\"\nkind = \"prosecutor\"\nrecipients = []\n\
         [fallback]\nto = [\"a\"]\n",
    );
    assert!(no_keys.contains("has no recipients"), "{no_keys}");
    let unknown = err(&format!(
        "{}[[rule]]\nto = [\"ghost\"]\n[fallback]\nto = [\"a\"]\n",
        org("a", "A", "prosecutor")
    ));
    assert!(
        unknown.contains("rule 1: unknown org \"ghost\""),
        "{unknown}"
    );
    let no_fallback = err(&org("a", "A", "prosecutor"));
    assert!(no_fallback.contains("fallback"), "{no_fallback}");
    let typo = err(&format!(
        "{}[fallback]\nto = [\"a\"]\nextra = 1\n",
        org("a", "A", "prosecutor")
    ));
    assert!(typo.contains("file"), "{typo}");
}

#[test]
fn every_firing_rule_adds_its_orgs_and_the_fallback_catches_the_rest() {
    let text = format!(
        "{}{}{}[[rule]]\nperpetrator = [1]\nto = [\"oic\", \"cndh\"]\n\
         [[rule]]\nviolation = [4]\nstate = [\"CHP\"]\nto = [\"fgr\"]\n[fallback]\nto = [\"cndh\"]\n",
        org("oic", "OIC", "internal_oversight"),
        org("cndh", "CNDH", "human_rights_commission"),
        org("fgr", "FGR", "prosecutor"),
    );
    let r = Routing::parse(&text, "t").expect("valid");
    let facts = |v: u8, p: u8, s: &str| Facts {
        violation: Violation::try_from(v).ok(),
        perpetrator: Perpetrator::try_from(p).ok(),
        state: StateAnswer::parse(s).ok(),
    };
    let ids = |f| {
        r.route(&f)
            .iter()
            .map(|o| o.to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(ids(facts(4, 1, "CHP")), ["oic", "cndh", "fgr"]);
    assert_eq!(ids(facts(4, 8, "OAX")), ["cndh"]);
    assert_eq!(ids(facts(4, 8, "CHP")), ["fgr"]);
    // No civil-society org routed and none configured: the choice is not offered.
    assert!(r.civil_society(&r.route(&facts(1, 1, "CHP"))).is_empty());
}

#[test]
fn the_shipped_example_loads_once_its_placeholders_are_real_keys() {
    let path = crate::repo_root().join("config/routing.example.toml");
    let text = std::fs::read_to_string(path).expect("example exists");
    assert!(
        Routing::parse(&text, "example").is_err(),
        "placeholders must not load"
    );
    let mut real = String::new();
    for line in text.lines() {
        if line.starts_with("recipients = [\"age1PLACEHOLDER") {
            real.push_str(&format!("recipients = [\"{}\"]\n", key()));
        } else {
            real.push_str(line);
            real.push('\n');
        }
    }
    let r = Routing::parse(&real, "example").expect("example with keys");
    assert!(
        r.orgs()
            .all(|o| !crate::domain::names_migration_authority(&o.name, o.kind))
    );
    assert!(r.orgs().any(|o| o.kind == OrgKind::CivilSociety));
}

mod properties {
    use proptest::prelude::*;

    use super::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        /// Arbitrary text never panics the loader, and whatever it accepts names no migration
        /// authority and routes every case somewhere.
        #[test]
        fn the_loader_never_panics_and_never_accepts_a_migration_authority(text in "\\PC{0,400}") {
            if let Ok(r) = Routing::parse(&text, "fuzz") {
                prop_assert!(r.orgs().all(|o| !crate::domain::names_migration_authority(&o.name, o.kind)));
                prop_assert!(!r.route(&Facts::default()).is_empty());
            }
        }

        #[test]
        fn mutated_valid_files_never_panic(cut in 0usize..600, insert in "[\\[\\]=\"a-z0-9_ \\n]{0,20}") {
            let base = format!(
                "[[org]]\nid = \"a\"\nname = \"A\"\nkind = \"prosecutor\"\nrecipients = [\"{}\"]\n\
                 [[rule]]\nperpetrator = [1]\nto = [\"a\"]\n[fallback]\nto = [\"a\"]\n",
                key()
            );
            let cut = cut.min(base.len());
            let cut = (0..=cut).rev().find(|i| base.is_char_boundary(*i)).unwrap_or(0);
            let text = format!("{}{}{}", &base[..cut], insert, &base[cut..]);
            let _ = Routing::parse(&text, "fuzz");
        }
    }
}

/// A rule that always offers the shelter does not keep a case from the fallback's body; a
/// rule that names an official body does.
#[test]
fn a_catch_all_shelter_rule_leaves_the_fallback_in_place() {
    let text = format!(
        "{}{}{}[[rule]]\nperpetrator = [1]\nto = [\"oic\"]\n[[rule]]\nto = [\"albergue\"]\n\
         [fallback]\nto = [\"cndh\"]\n",
        org("oic", "OIC", "internal_oversight"),
        org("cndh", "CNDH", "human_rights_commission"),
        org("albergue", "Albergue", "civil_society"),
    );
    let r = Routing::parse(&text, "t").expect("routing");
    let facts = |p: u8| Facts {
        violation: Violation::try_from(1).ok(),
        perpetrator: Perpetrator::try_from(p).ok(),
        state: Some(StateAnswer::Unknown),
    };
    let ids = |v: Vec<OrgId>| v.iter().map(|o| o.as_str().to_owned()).collect::<Vec<_>>();
    assert_eq!(ids(r.route(&facts(8))), ["cndh", "albergue"]);
    assert_eq!(ids(r.route(&facts(1))), ["oic", "albergue"]);
    assert!(r.warnings().is_empty(), "{:?}", r.warnings());
    assert!(
        r.sample_routes()
            .iter()
            .all(|s| s.to.iter().any(|id| id.as_str() != "albergue"))
    );
}

#[test]
fn rules_and_a_fallback_that_can_never_take_part_are_warned_about() {
    let text = format!(
        "{}{}[[rule]]\nviolation = []\nto = [\"oic\"]\n[[rule]]\nto = [\"cndh\"]\n\
         [fallback]\nto = [\"oic\"]\n",
        org("oic", "OIC", "internal_oversight"),
        org("cndh", "CNDH", "human_rights_commission"),
    );
    let r = Routing::parse(&text, "t").expect("routing");
    let w = r.warnings();
    assert_eq!(w.len(), 2, "{w:?}");
    assert!(
        w[0].starts_with("rule 1: `violation = []` lists nothing"),
        "{w:?}"
    );
    assert_eq!(
        w[1],
        "the fallback is never used: rule 2 sends every case to CNDH"
    );
    let routes = r.sample_routes();
    assert_eq!(routes.len(), 1);
    assert_eq!(routes[0].to[0].as_str(), "cndh");
    assert_eq!(
        routes[0].cases,
        Violation::all().count() * Perpetrator::menu().count()
    );
}

/// The shipped example, as written: every sampled case reaches an official body, and nothing
/// in it can never take part.
#[test]
fn the_example_routing_reaches_an_official_body_for_every_case() {
    let text = std::fs::read_to_string(crate::repo_root().join("config/routing.example.toml"))
        .expect("example");
    let real = text
        .replace("age1PLACEHOLDER", "")
        .lines()
        .map(|l| {
            if l.starts_with("recipients = [\"") {
                format!("recipients = [\"{}\"]\n", key())
            } else {
                format!("{l}\n")
            }
        })
        .collect::<String>();
    let r = Routing::parse(&real, "example").expect("example routing");
    assert!(r.warnings().is_empty(), "{:?}", r.warnings());
    for s in r.sample_routes() {
        assert!(
            s.to.iter()
                .any(|id| r.org(id).is_some_and(|o| o.kind != OrgKind::CivilSociety)),
            "{:?} reaches only civil society",
            s.to
        );
    }
}
