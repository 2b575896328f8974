//! The assisted flow: a volunteer files with a person, and every choice is the person's.

use super::tests::{Chat, STORY, ids};
use super::*;
use crate::intake::AssistedChoices;

fn org(id: &str) -> OrgId {
    OrgId::parse(id).expect("org id")
}

fn volunteer() -> Chat {
    let mut chat = Chat::new();
    chat.volunteer = Some(org("albergue"));
    chat
}

/// Sends each message; returns the last outcome.
fn run(chat: &mut Chat, messages: &[&str]) -> Outcome {
    let mut last = None;
    for m in messages {
        last = Some(chat.send(m));
    }
    last.expect("at least one message")
}

/// NUEVA, present, English, interpreted, the story, the four menus and all recipients.
const OPENING: &[&str] = &["NUEVA", "1", "2", "1", STORY, "1", "1", "1", "1", "1", "1"];

fn submitted(out: &Outcome) -> (Vec<String>, AssistedChoices) {
    match &out.effect {
        Effect::Submit(s) => (
            s.recipients.iter().map(|o| o.as_str().to_owned()).collect(),
            s.assisted.clone().expect("an assisted submission"),
        ),
        _ => panic!("no submission; replies {:?}", ids(out)),
    }
}

#[test]
fn nueva_from_someone_not_enrolled_says_how_to_enrol_and_keeps_nothing() {
    let mut chat = Chat::new();
    let out = chat.send("NUEVA");
    assert_eq!(ids(&out), ["assist-not-enrolled"]);
    assert!(chat.draft.is_none());
    // In the middle of her own story, the word is just a word.
    chat.send("Los agentes me quitaron el dinero en el retén de la carretera ayer");
    chat.send("1");
    let out = chat.send("NUEVA");
    assert!(!ids(&out).contains(&"assist-not-enrolled".to_owned()));
    assert!(chat.draft.as_ref().is_some_and(|d| d.assist.is_none()));
}

#[test]
fn identity_for_the_commission_only_and_a_shelter_copy_without_it() {
    let mut chat = volunteer();
    let out = run(&mut chat, OPENING);
    assert_eq!(chat.step_now(), Some(Step::ShelterCopy), "{:?}", ids(&out));
    let out = run(&mut chat, &["1"]);
    assert!(ids(&out).contains(&"identity-prompt".to_owned()));
    let out = run(&mut chat, &["1", "María López", "Honduras", "34", "0", "2"]);
    assert_eq!(chat.step_now(), Some(Step::Confirm));
    assert!(ids(&out).contains(&"confirm-identity".to_owned()));
    let out = chat.send("1");
    let (to, a) = submitted(&out);
    assert_eq!(to, ["oic", "cndh", "albergue"]);
    assert_eq!(a.shelter.as_str(), "albergue");
    assert_eq!(a.person_lang.as_ref().map(Lang::as_str), Some("en"));
    assert!(a.interpreted && a.shelter_copy);
    let (who, given) = a.identity.expect("identity chosen");
    assert_eq!(who.name, "María López");
    assert_eq!(who.nationality, "Honduras");
    assert_eq!(who.age, "34");
    assert_eq!(who.contact, "");
    assert_eq!(
        given,
        [org("cndh")],
        "the shelter's copy was chosen without it"
    );
    assert!(
        chat.draft.is_none(),
        "nothing of this person stays on the phone's draft"
    );
}

#[test]
fn anonymous_and_no_copy_leaves_the_shelter_out() {
    let mut chat = volunteer();
    run(&mut chat, OPENING);
    let out = run(&mut chat, &["2", "2"]);
    assert!(ids(&out).contains(&"confirm-anonymous".to_owned()));
    let (to, a) = submitted(&chat.send("1"));
    assert_eq!(to, ["oic", "cndh"], "no copy for the shelter");
    assert!(!a.shelter_copy);
    assert!(a.identity.is_none());
}

#[test]
fn the_identity_may_go_into_the_shelter_copy_only_when_chosen() {
    let mut chat = volunteer();
    run(&mut chat, OPENING);
    run(
        &mut chat,
        &["1", "1", "Ana", "Guatemala", "0", "Albergue, cuarto 3", "1"],
    );
    let (_, a) = submitted(&chat.send("1"));
    let (who, given) = a.identity.expect("identity");
    assert_eq!(who.contact, "Albergue, cuarto 3");
    assert_eq!(given, [org("cndh"), org("albergue")]);
}

#[test]
fn civil_society_only_has_no_identity_question() {
    let mut chat = volunteer();
    let mut opening = OPENING.to_vec();
    opening.pop();
    run(&mut chat, &opening);
    run(&mut chat, &["2", "1"]);
    assert_eq!(chat.step_now(), Some(Step::Confirm));
    let (to, a) = submitted(&chat.send("1"));
    assert_eq!(to, ["albergue"]);
    assert!(a.identity.is_none());
}

#[test]
fn the_person_not_present_or_not_agreeing_files_nothing() {
    let mut chat = volunteer();
    let out = run(&mut chat, &["NUEVA", "0"]);
    assert!(chat.draft.is_none());
    assert_eq!(ids(&out), ["assist-declined"]);
    assert!(matches!(out.effect, Effect::None));
}

#[test]
fn a_second_nueva_drops_the_first_persons_answers() {
    let mut chat = volunteer();
    run(&mut chat, &OPENING[..6]);
    assert!(chat.draft.as_ref().is_some_and(|d| !d.story.is_empty()));
    run(&mut chat, &["NUEVA"]);
    let d = chat.draft.as_ref().expect("a fresh draft");
    assert!(d.story.is_empty() && d.violation.is_none());
    assert_eq!(d.step, Step::AssistConsent);
}

#[test]
fn a_revoked_volunteer_loses_the_unfinished_case() {
    let mut chat = volunteer();
    run(&mut chat, &OPENING[..6]);
    chat.volunteer = None;
    let out = chat.send("1");
    assert_eq!(
        ids(&out).first().map(String::as_str),
        Some("assist-revoked")
    );
    assert!(
        chat.draft
            .as_ref()
            .is_none_or(|d| d.assist.is_none() && d.story.is_empty()),
        "nothing of the assisted case is kept"
    );
    // And NUEVA now starts nothing assisted.
    let out = chat.send("NUEVA");
    assert!(chat.draft.as_ref().is_none_or(|d| d.assist.is_none()));
    assert!(!ids(&out).contains(&"assist-consent".to_owned()));
}

#[test]
fn bad_answers_re_ask_and_keep_everything() {
    let mut chat = volunteer();
    run(&mut chat, OPENING);
    run(&mut chat, &["1", "1"]);
    let before = chat.draft.clone();
    for bad in ["7", "1", &"x".repeat(300)] {
        let out = chat.send(bad);
        assert!(ids(&out).contains(&"invalid".to_owned()), "{bad:?}");
        assert_eq!(chat.step_now(), Some(Step::IdentityName));
    }
    assert!(chat.draft == before, "nothing was lost or changed");
    run(&mut chat, &["Ana", "Guatemala"]);
    let out = chat.send("ciento veinte");
    assert!(ids(&out).contains(&"invalid".to_owned()));
    assert_eq!(chat.step_now(), Some(Step::IdentityAge));
}

#[test]
fn starting_over_at_the_summary_keeps_who_files_and_the_language() {
    let mut chat = volunteer();
    run(&mut chat, OPENING);
    run(&mut chat, &["2", "2", "2"]);
    let d = chat.draft.as_ref().expect("draft");
    assert_eq!(d.step, Step::Story);
    let a = d.assist.as_ref().expect("still assisted");
    assert_eq!(a.person_lang.as_ref().map(Lang::as_str), Some("en"));
    assert_eq!(a.shelter_copy, None, "the person's choices are asked again");
}

#[test]
fn an_enrolment_code_is_an_effect_that_changes_no_draft() {
    let mut chat = Chat::new();
    chat.send(STORY);
    let before = chat.draft.clone();
    let out = chat.send("ALBERGUE 7K2MP-9QXPT");
    assert!(matches!(out.effect, Effect::Enrol(_)));
    assert!(chat.draft == before);
}

#[test]
fn files_are_refused_where_the_persons_choices_and_identity_are_typed() {
    use crate::intake::{AttachmentKind, AttachmentNote};
    let mut chat = volunteer();
    run(&mut chat, OPENING);
    run(&mut chat, &["1", "1"]);
    let before = chat.draft.clone();
    let ctx = Context {
        languages: &chat.langs,
        greeting_only: &[],
        routing: &chat.routing,
        hint: None,
        volunteer: chat.volunteer.as_ref(),
    };
    let photo = Input::Attachment {
        note: AttachmentNote {
            id: "00".repeat(16),
            kind: AttachmentKind::Photo,
            media_type: "image/jpeg".into(),
            bytes: 1000,
        },
        caption: Some("Ana Pérez, pasaporte".into()),
    };
    let out = step(chat.draft.clone(), photo, &ctx);
    assert!(ids(&out).contains(&"assist-no-files".to_owned()));
    assert!(
        out.draft == before,
        "neither the file nor its caption joined the case"
    );
}

#[test]
fn civil_society_only_without_the_shelters_copy_goes_back_to_whom() {
    let mut chat = Chat::new();
    // A routing where the shelter is the only civil-society org, and not routed by default.
    chat.routing = crate::routing::Routing::parse(
        &format!(
            "[[org]]\nid = \"cndh\"\nname = \"CNDH\"\nkind = \"human_rights_commission\"\n\
             recipients = [\"{}\"]\n[[org]]\nid = \"albergue\"\nname = \"Albergue\"\n\
             kind = \"civil_society\"\nintermediary = true\nrecipients = [\"{}\"]\n\
             [fallback]\nto = [\"cndh\"]\n",
            age::x25519::Identity::generate().to_public(),
            age::x25519::Identity::generate().to_public()
        ),
        "t",
    )
    .expect("routing");
    chat.volunteer = Some(org("albergue"));
    let mut opening = OPENING.to_vec();
    opening.pop();
    run(&mut chat, &opening);
    let out = run(&mut chat, &["2", "2"]);
    assert!(ids(&out).contains(&"assist-no-recipients".to_owned()));
    assert_eq!(chat.step_now(), Some(Step::Recipients));
    // Sending to the routed bodies instead works.
    let out = run(&mut chat, &["1", "2", "2", "1"]);
    let (to, a) = submitted(&out);
    assert_eq!(to, ["cndh"]);
    assert!(!a.shelter_copy);
}

#[test]
fn a_revoked_volunteers_message_is_still_answered() {
    let mut chat = volunteer();
    run(&mut chat, &OPENING[..6]);
    chat.volunteer = None;
    let out = chat.send("ESTADO 1234 5678 9012 3456");
    assert_eq!(
        ids(&out).first().map(String::as_str),
        Some("assist-revoked")
    );
    assert!(
        matches!(out.effect, Effect::Status(_)),
        "the status is still asked"
    );
}

#[test]
fn a_name_that_is_a_command_word_is_a_name() {
    let mut chat = volunteer();
    run(&mut chat, OPENING);
    run(&mut chat, &["1", "1", "Nova"]);
    assert_eq!(chat.step_now(), Some(Step::IdentityNationality));
    let d = chat.draft.as_ref().expect("draft");
    assert_eq!(
        d.assist.as_ref().map(|a| a.identity.name.as_str()),
        Some("Nova")
    );
}

#[test]
fn the_flow_takes_an_age_exactly_when_the_rules_do() {
    for age in [1u8, 17, 120, 121, 200, 255] {
        let mut chat = volunteer();
        run(&mut chat, OPENING);
        run(&mut chat, &["1", "1", "María López", "Honduras"]);
        assert_eq!(chat.step_now(), Some(Step::IdentityAge));
        chat.send(&age.to_string());
        let taken = chat.step_now() == Some(Step::IdentityContact);
        assert_eq!(taken, crate::intake::assisted::is_age(age), "age {age}");
    }
}
