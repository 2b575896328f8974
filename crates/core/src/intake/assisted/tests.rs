//! The rules of an assisted filing, alone; the flow, the web form and filing are tested where
//! they use them.

use super::*;
use crate::intake::flow::tests::routing;

fn org(id: &str) -> OrgId {
    OrgId::parse(id).expect("org id")
}

fn orgs(ids: &[&str]) -> Vec<OrgId> {
    ids.iter().map(|id| org(id)).collect()
}

fn answers(shelter_copy: bool, identity: Option<bool>) -> Answers {
    Answers {
        shelter: org("albergue"),
        person_lang: None,
        interpreted: true,
        shelter_copy,
        identity: identity.map(|in_shelter_copy| GivenIdentity {
            identity: Identity {
                name: "María".into(),
                nationality: "Honduras".into(),
                ..Identity::default()
            },
            in_shelter_copy,
        }),
    }
}

fn bodies(c: &AssistedChoices) -> Option<Vec<&str>> {
    c.identity
        .as_ref()
        .map(|(_, to)| to.iter().map(OrgId::as_str).collect())
}

#[test]
fn the_shelter_is_a_recipient_only_as_the_copy_the_person_chose() {
    let shelter = org("albergue");
    let routed = orgs(&["albergue", "oic", "cndh"]);
    assert_eq!(
        with_shelter_copy(routed.clone(), &shelter, false),
        orgs(&["oic", "cndh"])
    );
    assert_eq!(
        with_shelter_copy(routed, &shelter, true),
        orgs(&["oic", "cndh", "albergue"])
    );
    assert!(reaches_no_one(&orgs(&["albergue"]), &shelter, false));
    assert!(reaches_no_one(&[], &shelter, false));
    assert!(!reaches_no_one(&orgs(&["albergue"]), &shelter, true));
    assert!(!reaches_no_one(&orgs(&["cndh"]), &shelter, false));
}

#[test]
fn the_identity_reaches_the_commissions_and_the_shelter_only_as_chosen() {
    let r = routing();
    let to = orgs(&["oic", "cndh", "albergue"]);
    let c = AssistedChoices::decide(&r, &to, answers(true, Some(true)));
    assert_eq!(bodies(&c), Some(vec!["cndh", "albergue"]));
    let c = AssistedChoices::decide(&r, &to, answers(true, Some(false)));
    assert_eq!(bodies(&c), Some(vec!["cndh"]));
    // No copy for the shelter: its permission to carry the identity means nothing.
    let c = AssistedChoices::decide(&r, &orgs(&["oic", "cndh"]), answers(false, Some(true)));
    assert_eq!(bodies(&c), Some(vec!["cndh"]));
    let c = AssistedChoices::decide(&r, &to, answers(true, None));
    assert_eq!(bodies(&c), None);
    // No body that can take an identity: the person stays anonymous.
    let c = AssistedChoices::decide(&r, &orgs(&["oic"]), answers(false, Some(true)));
    assert_eq!(bodies(&c), None);
}

#[test]
fn at_filing_the_identity_goes_only_to_chosen_bodies_still_recipients() {
    let r = routing();
    let c = AssistedChoices::decide(
        &r,
        &orgs(&["oic", "cndh", "albergue"]),
        answers(true, Some(true)),
    );
    let to = |recipients: &[&str]| {
        c.identity_for(&orgs(recipients))
            .map(|(_, to)| to.iter().map(|o| o.as_str().to_owned()).collect::<Vec<_>>())
    };
    assert_eq!(
        to(&["oic", "cndh", "albergue"]),
        Some(vec!["cndh".into(), "albergue".into()])
    );
    assert_eq!(to(&["oic", "albergue"]), Some(vec!["albergue".into()]));
    assert_eq!(to(&["oic"]), None, "no chosen body left: no identity");
}

#[test]
fn identity_answers_are_one_line_within_their_limits() {
    assert_eq!(identity_line("  María \n López\t"), "María López");
    assert!(!identity_fits(&identity_line(" \n ")));
    assert!(identity_fits(&"a".repeat(MAX_IDENTITY_CHARS)));
    assert!(!identity_fits(&"a".repeat(MAX_IDENTITY_CHARS + 1)));
    let ages: Vec<u8> = (0..=u8::MAX).filter(|n| is_age(*n)).collect();
    assert_eq!(ages.first(), Some(&1));
    assert_eq!(ages.last(), Some(&120));
    assert_eq!(ages.len(), 120);
    assert_eq!(AGES.end().to_string().len(), MAX_AGE_CHARS);
}
