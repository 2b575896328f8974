//! The conversation, step by step, through the public `step` function.

use proptest::prelude::*;

use super::*;
use crate::i18n::Catalog;
use crate::intake::input::classify;
use crate::intake::{Draft, clean_text};

pub(crate) fn routing() -> Routing {
    let key = |_| age::x25519::Identity::generate().to_public().to_string();
    let text = format!(
        r#"
[[org]]
id = "oic"
name = "OIC"
kind = "internal_oversight"
recipients = ["{}"]
[[org]]
id = "cndh"
name = "CNDH"
kind = "human_rights_commission"
recipients = ["{}"]
[[org]]
id = "albergue"
name = "Albergue"
kind = "civil_society"
intermediary = true
recipients = ["{}"]
[[rule]]
perpetrator = [1]
to = ["oic", "cndh"]
[[rule]]
to = ["albergue"]
[fallback]
to = ["cndh"]
"#,
        key(1),
        key(2),
        key(3)
    );
    Routing::parse(&text, "test").expect("test routing")
}

fn langs() -> Vec<Lang> {
    vec![Lang::spanish(), Lang::parse("en").expect("en")]
}

pub(super) struct Chat {
    pub routing: Routing,
    pub langs: Vec<Lang>,
    pub draft: Option<Draft>,
    /// The shelter the sender volunteers for, as the service would look it up.
    pub volunteer: Option<OrgId>,
}

impl Chat {
    pub fn new() -> Self {
        Self {
            routing: routing(),
            langs: langs(),
            draft: None,
            volunteer: None,
        }
    }

    pub fn send(&mut self, text: &str) -> Outcome {
        let ctx = Context {
            languages: &self.langs,
            greeting_only: &[],
            routing: &self.routing,
            hint: None,
            volunteer: self.volunteer.as_ref(),
        };
        let out = step(self.draft.take(), classify(&clean_text(text)), &ctx);
        self.draft = out.draft.clone();
        out
    }

    pub fn step_now(&self) -> Option<Step> {
        self.draft.as_ref().map(|d| d.step)
    }
}

pub(super) fn ids(out: &Outcome) -> Vec<String> {
    out.replies.iter().flat_map(|r| r.message_ids()).collect()
}

pub(super) const STORY: &str =
    "Los agentes de migración me quitaron todo mi dinero en el retén de Huixtla";

#[test]
fn answering_1_to_every_menu_after_the_story_reaches_a_submission() {
    let mut chat = Chat::new();
    let out = chat.send(STORY);
    assert_eq!(out.lang, Lang::spanish());
    assert_eq!(chat.step_now(), Some(Step::Consent));
    let mut last = None;
    for _ in 0..8 {
        let out = chat.send("1");
        if let Effect::Submit(s) = &out.effect {
            last = Some((**s).clone());
            break;
        }
    }
    let s = last.expect("a submission");
    assert_eq!(s.story, vec![STORY.to_owned()]);
    assert_eq!(s.violation.code(), 1);
    assert_eq!(s.perpetrator.code(), 1);
    assert_eq!(s.state.code(), "CHP");
    assert_eq!(s.when.code(), 1);
    assert_eq!(
        s.recipients.iter().map(|o| o.as_str()).collect::<Vec<_>>(),
        ["oic", "cndh", "albergue"]
    );
    assert!(chat.draft.is_none(), "the draft is erased once submitted");
}

#[test]
fn a_long_first_message_is_kept_as_the_story_and_acknowledged() {
    let mut chat = Chat::new();
    chat.send(STORY);
    let out = chat.send("1");
    assert!(ids(&out).contains(&"story-have".to_owned()));
    let out = chat.send("Y también me golpearon");
    assert!(ids(&out).contains(&"story-more".to_owned()));
    assert_eq!(chat.draft.as_ref().map(|d| d.story.len()), Some(2));
}

#[test]
fn a_short_first_message_gets_the_language_menu_and_the_choice_sticks() {
    let mut chat = Chat::new();
    let out = chat.send("hola");
    assert_eq!(chat.step_now(), Some(Step::Language));
    assert!(ids(&out).contains(&"language-prompt".to_owned()));
    assert!(chat.draft.as_ref().is_some_and(|d| d.story.is_empty()));
    let out = chat.send("2");
    assert_eq!(out.lang.as_str(), "en");
    assert_eq!(chat.step_now(), Some(Step::Consent));
}

#[test]
fn an_unexpected_answer_re_asks_the_same_step_and_keeps_the_draft() {
    let mut chat = Chat::new();
    chat.send(STORY);
    chat.send("1");
    chat.send("1");
    assert_eq!(chat.step_now(), Some(Step::Violation));
    let before = chat.draft.clone();
    for bad in ["99", "banana", "🙏", "٩٩", "", "-1", "1.5", "2a", "2 o 3"] {
        let out = chat.send(bad);
        assert_eq!(chat.step_now(), Some(Step::Violation), "after {bad:?}");
        assert!(ids(&out).contains(&"violation-prompt".to_owned()));
        assert!(chat.draft == before, "draft unchanged after {bad:?}");
    }
}

#[test]
fn exit_words_leave_from_any_step_and_erase_the_draft() {
    for word in ["SALIR", "exit", "Salir"] {
        let mut chat = Chat::new();
        chat.send(STORY);
        chat.send("1");
        let out = chat.send(word);
        assert!(chat.draft.is_none());
        assert_eq!(ids(&out), ["bye"]);
    }
}

#[test]
fn zero_means_dont_know_where_the_menu_offers_it_and_leave_elsewhere() {
    let mut chat = Chat::new();
    chat.send(STORY);
    chat.send("1");
    chat.send("1");
    chat.send("3");
    let out = chat.send("0");
    assert_eq!(chat.step_now(), Some(Step::State));
    assert!(!ids(&out).contains(&"bye".to_owned()));
    chat.send("0");
    assert_eq!(
        chat.draft.as_ref().and_then(|d| d.state),
        Some(StateAnswer::Unknown)
    );
    assert_eq!(chat.step_now(), Some(Step::When));
    // One step earlier 0 meant "don't know": here a bare 0 asks before it erases the story.
    let out = chat.send("0");
    assert_eq!(ids(&out), ["erase-confirm"]);
    assert_eq!(chat.step_now(), Some(Step::When));
    assert!(chat.draft.as_ref().is_some_and(|d| !d.story.is_empty()));
    chat.send("0");
    assert!(chat.draft.is_none(), "a second 0 erases");
}

/// The trap of the review: 0 was "don't know" one step earlier. A bare 0 that would erase a
/// story asks first; any other answer clears the question; EXIT still erases at once.
#[test]
fn a_bare_zero_never_erases_a_story_without_asking_again() {
    let mut chat = Chat::new();
    chat.send(STORY);
    chat.send("1");
    chat.send("1");
    assert_eq!(chat.step_now(), Some(Step::Violation));
    assert_eq!(ids(&chat.send("0")), ["erase-confirm"]);
    // She meant something else: the answer counts, and the next 0 asks again.
    chat.send("2");
    assert_eq!(chat.step_now(), Some(Step::Perpetrator));
    chat.send("1");
    chat.send("1");
    assert_eq!(chat.step_now(), Some(Step::When));
    assert_eq!(ids(&chat.send("0")), ["erase-confirm"]);
    assert!(chat.draft.is_some());
    chat.send("AYUDA");
    assert_eq!(
        ids(&chat.send("0")),
        ["erase-confirm"],
        "help clears the question"
    );
    chat.send("٠");
    assert!(chat.draft.is_none(), "0 twice, in any digits, erases");
    // Nothing to lose yet (no story): 0 leaves at once, as before.
    let mut fresh = Chat::new();
    fresh.send("hola");
    fresh.send("1");
    let out = fresh.send("0");
    assert!(fresh.draft.is_none());
    assert_eq!(ids(&out), ["bye"]);
    // EXIT erases at once, story or not.
    let mut danger = Chat::new();
    danger.send(STORY);
    danger.send("SALIR");
    assert!(danger.draft.is_none());
}

#[test]
fn a_state_can_be_written_in_words() {
    let mut chat = Chat::new();
    chat.send(STORY);
    for a in ["1", "1", "2", "1"] {
        chat.send(a);
    }
    chat.send("en Veracrúz");
    assert_eq!(
        chat.draft.as_ref().and_then(|d| d.state).map(|s| s.code()),
        Some("VER")
    );
}

#[test]
fn switching_language_mid_flow_keeps_the_story_and_answers() {
    let mut chat = Chat::new();
    chat.send(STORY);
    for a in ["1", "1", "5"] {
        chat.send(a);
    }
    assert_eq!(chat.step_now(), Some(Step::Perpetrator));
    chat.send("IDIOMA");
    assert_eq!(chat.step_now(), Some(Step::Language));
    let out = chat.send("2");
    assert_eq!(out.lang.as_str(), "en");
    assert_eq!(chat.step_now(), Some(Step::Perpetrator));
    let d = chat.draft.as_ref().expect("draft");
    assert_eq!(d.story, vec![STORY.to_owned()]);
    assert_eq!(d.violation.map(|v| v.code()), Some(5));
}

#[test]
fn status_and_help_change_nothing() {
    let mut chat = Chat::new();
    chat.send(STORY);
    chat.send("1");
    let before = chat.draft.clone();
    let out = chat.send("ESTADO 1234 5678 9012 3456");
    assert!(matches!(out.effect, Effect::Status(Some(_))));
    assert!(chat.draft == before);
    let out = chat.send("AYUDA");
    assert!(ids(&out).contains(&"help-story".to_owned()));
    assert!(chat.draft == before);
    // With no draft, a status query makes none and answers in the keyword's language.
    let mut fresh = Chat::new();
    let out = fresh.send("STATUS 1234567890123456");
    assert!(fresh.draft.is_none());
    assert_eq!(out.lang.as_str(), "en");
}

#[test]
fn start_again_keeps_the_language_and_clears_the_answers() {
    let mut chat = Chat::new();
    chat.send(STORY);
    for a in ["1", "1", "1", "1", "1", "1", "1"] {
        chat.send(a);
    }
    assert_eq!(chat.step_now(), Some(Step::Confirm));
    let out = chat.send("2");
    assert!(ids(&out).contains(&"story-prompt".to_owned()));
    let d = chat.draft.as_ref().expect("draft");
    assert!(d.story.is_empty() && d.violation.is_none());
    assert_eq!(d.lang, Some(Lang::spanish()));
}

#[test]
fn civil_society_only_is_a_real_choice() {
    let mut chat = Chat::new();
    chat.send(STORY);
    for a in ["1", "1", "1", "1", "1", "1", "2"] {
        chat.send(a);
    }
    assert_eq!(chat.step_now(), Some(Step::Confirm));
    let out = chat.send("1");
    let Effect::Submit(s) = out.effect else {
        panic!("expected a submission")
    };
    assert!(s.civil_society_only);
    assert_eq!(
        s.recipients.iter().map(|o| o.as_str()).collect::<Vec<_>>(),
        ["albergue"]
    );
}

/// The consent says, in every complete locale, the help word — and that word works there.
#[test]
fn every_consent_names_a_help_word_that_works() {
    let cat = catalog();
    for lang in cat.languages().iter().filter(|l| !cat.is_partial(l)) {
        let consent = cat.get(lang, "consent");
        let works = consent
            .split(|c: char| c.is_whitespace() || ".:,".contains(c))
            .filter(|w| !w.is_empty())
            .any(|w| {
                matches!(
                    classify(&clean_text(w)),
                    Input::Command {
                        command: Command::Help,
                        ..
                    }
                )
            });
        assert!(works, "{lang}: no working help word in {consent:?}");
    }
}

fn catalog() -> Catalog {
    Catalog::load(&crate::repo_root().join("locales")).expect("locales load")
}

fn any_message() -> impl Strategy<Value = String> {
    prop_oneof![
        (0u8..20).prop_map(|n| n.to_string()),
        Just("SALIR".to_owned()),
        Just("AYUDA".to_owned()),
        Just("IDIOMA".to_owned()),
        Just("ESTADO 1234".to_owned()),
        Just("chiapas".to_owned()),
        Just(STORY.to_owned()),
        ".{0,40}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Any sequence of messages: never a panic; every reply names messages that exist in every
    /// locale; the draft is only ever dropped by leaving, submitting, or a status query with
    /// no draft; and a story never loses a message except by leaving or starting again.
    #[test]
    fn no_sequence_of_messages_panics_or_loses_a_draft(msgs in prop::collection::vec(any_message(), 1..30)) {
        let cat = catalog();
        let mut chat = Chat::new();
        for m in msgs {
            let had = chat.draft.clone();
            let story_before = had.as_ref().map(|d| d.story.len()).unwrap_or(0);
            let out = chat.send(&m);
            for id in ids(&out) {
                for lang in cat.languages().iter().filter(|l| !cat.is_partial(l)) {
                    let has = cat.message_ids(lang).is_some_and(|s| s.contains(&id));
                    prop_assert!(has, "{} lacks {}", lang, id);
                }
            }
            let left = ids(&out).contains(&"bye".to_owned());
            let submitted = matches!(out.effect, Effect::Submit(_));
            if had.is_some() && !left && !submitted {
                prop_assert!(chat.draft.is_some(), "draft lost after {:?}", m);
                let now = chat.draft.as_ref().map(|d| d.story.len()).unwrap_or(0);
                let restarted = had.as_ref().is_some_and(|d| d.step == Step::Confirm) && m.trim() == "2";
                prop_assert!(now >= story_before || restarted, "story shrank after {:?}", m);
            }
        }
    }
}

/// Numbers as people type them: Arabic-Indic, Persian and fullwidth digits, and a number with
/// a word or a mark after it, answer a menu like the ASCII digit alone.
#[test]
fn a_menu_takes_a_number_in_any_digits_and_with_words_after_it() {
    for (typed, code) in [
        ("٢", 2),
        ("۳", 3),
        ("４", 4),
        ("2.", 2),
        ("5)", 5),
        ("1 robo", 1),
        ("٣ سرقة", 3),
        (" 6 , sí ", 6),
    ] {
        let mut chat = Chat::new();
        chat.send(STORY);
        chat.send("1");
        chat.send("1");
        assert_eq!(chat.step_now(), Some(Step::Violation));
        chat.send(typed);
        assert_eq!(chat.step_now(), Some(Step::Perpetrator), "after {typed:?}");
        let chosen = chat
            .draft
            .as_ref()
            .and_then(|d| d.violation)
            .map(|v| v.code());
        assert_eq!(chosen, Some(code), "after {typed:?}");
    }
}
