//! The conversation engine over arbitrary message sequences.
//!
//! Input: the first byte picks a Telegram-style language hint (or none) and, by its top bit,
//! whether the sender is a shelter volunteer; the rest is split on
//! `\n` into messages, each cleaned and classified as the channels do. Checks, per message:
//! nothing panics; a reporter who had a draft keeps one unless she left (`bye`) or the case was
//! submitted; a draft in progress keeps every story message unless she chose to start again.
#![no_main]

use std::sync::OnceLock;

use buzon_core::domain::{Lang, OrgId};
use buzon_core::intake::{self, Context, Effect, Input, Reply, Step};
use buzon_core::routing::Routing;
use libfuzzer_sys::fuzz_target;

struct World {
    routing: Routing,
    shelter: OrgId,
    languages: Vec<Lang>,
    greeting_only: Vec<Lang>,
}

fn world() -> &'static World {
    static WORLD: OnceLock<World> = OnceLock::new();
    WORLD.get_or_init(|| {
        let key = || age::x25519::Identity::generate().to_public().to_string();
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
            key(),
            key(),
            key()
        );
        let lang = |s| Lang::parse(s).expect("a shipped language");
        World {
            routing: Routing::parse(&text, "fuzz").expect("fuzz routing"),
            shelter: OrgId::parse("albergue").expect("org id"),
            languages: vec![lang("es"), lang("en"), lang("fr"), lang("pt"), lang("ht")],
            greeting_only: vec![lang("mam"), lang("quc")],
        }
    })
}

/// The sender left (`bye`), or the person a volunteer files for did not agree.
fn said_bye(replies: &[Reply]) -> bool {
    replies.iter().any(|r| {
        r.message_ids()
            .iter()
            .any(|id| id == "bye" || id == "assist-declined")
    })
}

fuzz_target!(|data: &[u8]| {
    let w = world();
    let (first, rest) = data.split_first().unwrap_or((&0, &[]));
    let hint = w.languages.get(usize::from(*first) % 8);
    let ctx = Context {
        languages: &w.languages,
        greeting_only: &w.greeting_only,
        routing: &w.routing,
        hint,
        // The first byte's top bit: the sender is a shelter volunteer (NUEVA starts a
        // filing with a person).
        volunteer: (*first >= 0x80).then_some(&w.shelter),
    };
    let mut draft = None;
    for raw in rest.split(|b| *b == b'\n').take(64) {
        let input = match std::str::from_utf8(raw) {
            Ok(text) => intake::classify(&intake::clean_text(text)),
            Err(_) => Input::Unreadable,
        };
        let before: Option<intake::Draft> = draft.clone();
        let out = intake::step(draft.take(), input.clone(), &ctx);
        let left = said_bye(&out.replies);
        let submitted = matches!(out.effect, Effect::Submit(_));
        if let Some(had) = &before {
            if !left && !submitted {
                let now = out
                    .draft
                    .as_ref()
                    .unwrap_or_else(|| panic!("draft lost after {input:?}"));
                let started_again = matches!(
                    input,
                    Input::Command {
                        command: intake::Command::Restart | intake::Command::NewAssisted(_),
                        ..
                    }
                ) || (had.step == Step::Confirm && now.step == Step::Story);
                assert!(
                    now.story.len() >= had.story.len() || started_again,
                    "story shrank after {input:?}"
                );
            }
        }
        if submitted {
            assert!(out.draft.is_none(), "a submitted draft is kept");
        }
        draft = out.draft;
    }
});
