//! Hints and files in the flow: `/start`, `/cancel`, a channel's language hint, attachments.

use super::*;
use crate::intake::input::classify;
use crate::intake::{AttachmentKind, AttachmentNote, Draft, clean_text};

fn ctx<'a>(routing: &'a Routing, langs: &'a [Lang], hint: Option<&'a Lang>) -> Context<'a> {
    Context {
        languages: langs,
        greeting_only: &[],
        routing,
        hint,
        volunteer: None,
    }
}

fn note(kind: AttachmentKind, bytes: u64) -> Input {
    Input::Attachment {
        note: AttachmentNote {
            id: "00".repeat(16),
            kind,
            media_type: "audio/ogg".into(),
            bytes,
        },
        caption: None,
    }
}

fn ids(out: &Outcome) -> Vec<String> {
    out.replies.iter().flat_map(|r| r.message_ids()).collect()
}

fn say(d: Option<Draft>, text: &str, c: &Context<'_>) -> Outcome {
    step(d, classify(&clean_text(text)), c)
}

#[test]
fn the_language_hint_is_used_only_when_the_words_say_nothing_and_can_be_changed() {
    let routing = super::tests::routing();
    let langs = [Lang::spanish(), Lang::parse("en").expect("en")];
    let en = Lang::parse("en").expect("en");
    let c = ctx(&routing, &langs, Some(&en));
    // /start: no words to read, so the hint picks English and consent offers "change language".
    let out = say(None, "/start", &c);
    assert_eq!(out.lang, en);
    assert!(ids(&out).contains(&"consent-language".to_owned()));
    // Words in Spanish win over an English phone.
    let out = say(
        None,
        "Los agentes de migración me quitaron todo mi dinero en el retén",
        &c,
    );
    assert_eq!(out.lang, Lang::spanish());
    // A hint we do not ship is ignored: the language menu comes.
    let fr = Lang::parse("fr").expect("fr");
    let out = say(None, "/start", &ctx(&routing, &langs, Some(&fr)));
    assert!(ids(&out).contains(&"language-prompt".to_owned()));
}

#[test]
fn start_drops_the_draft_and_cancel_leaves() {
    let routing = super::tests::routing();
    let langs = [Lang::spanish()];
    let c = ctx(&routing, &langs, None);
    let mid = Draft {
        lang: Some(Lang::spanish()),
        step: Step::Violation,
        story: vec!["algo".into()],
        ..Draft::default()
    };
    let out = say(Some(mid.clone()), "/start", &c);
    let d = out.draft.expect("a fresh draft");
    assert!(d.story.is_empty());
    let out = say(Some(mid), "/cancel", &c);
    assert!(out.draft.is_none());
    assert!(ids(&out).contains(&"bye".to_owned()));
}

#[test]
fn a_voice_note_alone_is_a_story_and_the_summary_lists_the_files() {
    let routing = super::tests::routing();
    let langs = [Lang::spanish()];
    let c = ctx(&routing, &langs, Some(&langs[0]));
    // A first message that is a file starts the conversation.
    let out = step(None, note(AttachmentKind::Voice, 10), &c);
    assert!(ids(&out).contains(&"attachment-received".to_owned()));
    assert!(ids(&out).contains(&"attachment-kind-voice".to_owned()));
    let mut d = out.draft;
    for answer in ["1", "1", "2", "1", "1", "2", "1"] {
        let out = say(d.take(), answer, &c);
        if out.draft.as_ref().is_some_and(|d| d.step == Step::Confirm) {
            assert!(ids(&out).contains(&"confirm-attachments".to_owned()));
        }
        d = out.draft;
    }
    assert_eq!(d.as_ref().map(|d| d.step), Some(Step::Confirm));
    let out = say(d, "1", &c);
    match out.effect {
        Effect::Submit(s) => {
            assert!(s.story.is_empty());
            assert_eq!(s.attachments.len(), 1);
        }
        _ => panic!("a voice note alone can be filed"),
    }
}

#[test]
fn files_beyond_the_limit_are_refused_and_the_draft_kept() {
    let routing = super::tests::routing();
    let langs = [Lang::spanish()];
    let c = ctx(&routing, &langs, Some(&langs[0]));
    let mut d = None;
    for _ in 0..MAX_ATTACHMENTS {
        d = step(d, note(AttachmentKind::Photo, 1), &c).draft;
    }
    let out = step(d, note(AttachmentKind::Photo, 1), &c);
    assert!(ids(&out).contains(&"attachment-full".to_owned()));
    assert_eq!(
        out.draft.map(|d| d.attachments.len()),
        Some(MAX_ATTACHMENTS)
    );
    let out = step(
        None,
        note(AttachmentKind::Video, MAX_ATTACHMENT_BYTES + 1),
        &c,
    );
    assert!(ids(&out).contains(&"attachment-full".to_owned()));
}
