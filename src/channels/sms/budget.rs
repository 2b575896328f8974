//! Every SMS reply the conversation can send, in every locale, fits in three segments (and in
//! GSM-7 for the Latin-script locales).

use super::{Encoding, render_messages, segments};
use crate::domain::{Lang, MxState, OrgId, Perpetrator, Receipt, StateAnswer, Violation, When};
use crate::i18n::{Catalog, Text};
use crate::intake::{Assist, Context, Draft, Reply, Step, prompt};
use crate::routing::Routing;

/// Where a receipt says to send `ESTADO`, with both addresses configured and a long bot name.
const WHERE: &str = "Buzón (SMS +52 55 1234 5678, Telegram @BuzonDenunciasMexicoBot)";

/// `locales/`, or the folder in `BUZON_LOCALES_DIR` (a translator checking a draft).
fn catalog() -> Catalog {
    let dir = std::env::var_os("BUZON_LOCALES_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("locales"));
    Catalog::load(&dir).unwrap_or_else(|e| panic!("locales load: {e}"))
}

/// The shipped example routing with real keys: realistic, long org names.
fn routing() -> Routing {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("config/routing.example.toml");
    let text = std::fs::read_to_string(path).expect("example");
    let real: String = text
        .lines()
        .map(|l| {
            if l.starts_with("recipients = [\"age1PLACEHOLDER") {
                format!(
                    "recipients = [\"{}\"]\n",
                    age::x25519::Identity::generate().to_public()
                )
            } else {
                format!("{l}\n")
            }
        })
        .collect();
    Routing::parse(&real, "example").expect("example routing")
}

/// The longest label of a code list, rendered in `lang`, to fill the summary at its worst.
fn longest<T: Copy>(
    cat: &Catalog,
    lang: &Lang,
    all: impl Iterator<Item = T>,
    id: impl Fn(T) -> String,
) -> Option<T> {
    all.max_by_key(|c| cat.get(lang, &id(*c)).chars().count())
}

#[test]
fn every_sms_reply_of_every_locale_fits_in_three_segments() {
    let cat = catalog();
    let routing = routing();
    let ctx = Context {
        languages: cat.languages(),
        greeting_only: cat.greeting_only(),
        routing: &routing,
        hint: None,
        volunteer: None,
    };
    let all_orgs: Vec<OrgId> = routing.orgs().map(|o| o.id.clone()).collect();
    let mut failures = Vec::new();
    for lang in cat.languages() {
        let mut d = Draft {
            lang: Some(lang.clone()),
            story: vec!["x".into()],
            violation: longest(&cat, lang, Violation::all(), Violation::label_id),
            perpetrator: longest(&cat, lang, Perpetrator::menu(), Perpetrator::label_id),
            state: longest(&cat, lang, MxState::all(), MxState::label_id).map(StateAnswer::Known),
            when: longest(&cat, lang, When::all(), When::label_id),
            recipients: all_orgs.clone(),
            ..Draft::default()
        };
        let mut replies: Vec<(String, Vec<Reply>)> = Vec::new();
        let ordinary = Step::ALL
            .into_iter()
            .filter(|s| *s != Step::Start && !s.is_assisted());
        for step in ordinary {
            d.step = step;
            let p = prompt(&d, &ctx);
            let reasons: &[&str] = if step == Step::Story {
                &[
                    "invalid",
                    "unreadable",
                    "too-long",
                    "story-empty",
                    "story-full",
                ]
            } else {
                &["invalid", "unreadable", "too-long"]
            };
            for why in reasons {
                let mut r = vec![Reply::msg(why)];
                r.extend(p.clone());
                replies.push((format!("{why} + {}", step.name()), r));
            }
            replies.push((
                format!("help-{}", step.name()),
                vec![Reply::msg(&format!("help-{}", step.name()))],
            ));
            let mut greeted = vec![Reply::msg("greeting")];
            greeted.extend(p.clone());
            if step == Step::Consent && cat.is_partial(lang) {
                replies.push(("greeting + consent".into(), greeted));
            }
        }
        // The assisted steps, with the person's choices at their longest: a copy for the
        // shelter, identity given to every commission and to the shelter.
        let shelter = routing
            .orgs()
            .find(|o| o.intermediary)
            .map(|o| o.id.clone())
            .expect("the example routing has a shelter");
        let mut a = Assist::new(shelter);
        a.person_lang = Some(lang.clone());
        a.interpreted = Some(true);
        a.shelter_copy = Some(true);
        a.identity_consent = Some(true);
        a.identity.name = "x".into();
        a.identity.nationality = "x".into();
        a.identity_in_copy = Some(true);
        let mut assisted = Draft {
            assist: Some(a),
            ..d.clone()
        };
        let assisted_steps = Step::ALL.into_iter().filter(|s| s.is_assisted());
        for step in assisted_steps.chain([Step::Confirm]) {
            assisted.step = step;
            let p = prompt(&assisted, &ctx);
            let mut reasons = vec!["invalid", "unreadable", "too-long"];
            if step.is_persons_choice() {
                reasons.push("assist-no-files");
            }
            for why in reasons {
                let mut r = vec![Reply::msg(why)];
                r.extend(p.clone());
                replies.push((format!("{why} + assisted {}", step.name()), r));
            }
            replies.push((
                format!("help-{}", step.name()),
                vec![Reply::msg(&format!("help-{}", step.name()))],
            ));
        }
        assisted.step = Step::Recipients;
        let mut r = vec![Reply::msg("assist-no-recipients")];
        r.extend(prompt(&assisted, &ctx));
        replies.push(("assist-no-recipients + recipients".into(), r));
        let receipt = Receipt::generate();
        replies.push((
            "assisted receipt".into(),
            vec![
                Reply::msg("assisted-done"),
                Reply::text(
                    Text::in_lang(lang.clone(), "assisted-receipt")
                        .with_str("receipt", receipt.grouped())
                        .with_str("receipt_digits", receipt.digits())
                        .with_str("where", WHERE),
                )
                .alone(),
            ],
        ));
        replies.push((
            "shelter-enrolled".into(),
            vec![Reply::text(
                Text::msg("shelter-enrolled")
                    .with_str("volunteer", "v-7k2m9q")
                    .with_str("shelter", "Albergue Hermanos en el Camino"),
            )],
        ));
        for id in [
            "shelter-code-refused",
            "assist-declined",
            "assist-revoked",
            "assist-not-enrolled",
        ] {
            replies.push((id.into(), vec![Reply::msg(id)]));
        }
        d.step = Step::Story;
        d.story.clear();
        replies.push(("story-prompt".into(), prompt(&d, &ctx)));
        let receipt = Receipt::generate();
        replies.push((
            "done".into(),
            vec![Reply::text(
                Text::msg("done")
                    .with_str("receipt", receipt.grouped())
                    .with_str("receipt_digits", receipt.digits())
                    .with_str("where", WHERE),
            )],
        ));
        let mut status = Reply::msg("status-header");
        for org in routing.orgs().take(4) {
            status = status.footer(
                Text::msg("status-received")
                    .with_str("org", org.name.clone())
                    .with_str("day", "2026-11-28"),
            );
        }
        replies.push(("status (4 orgs)".into(), vec![status]));
        for id in [
            "bye",
            "erase-confirm",
            "story-more",
            "story-have",
            "status-bad-receipt",
            "status-unknown",
            "help-start",
        ] {
            replies.push((id.into(), vec![Reply::msg(id)]));
        }
        let messages = replies.into_iter().flat_map(|(what, r)| {
            render_messages(&cat, lang, &r)
                .into_iter()
                .map(move |m| (what.clone(), m))
        });
        for (what, text) in messages {
            let seg = segments(&text);
            // The language menu shows each language in its own script (العربية), so it travels
            // as UCS-2 whatever the reader's language; it must still fit in three segments.
            let latin = ["es", "fr", "pt", "ht", "en"].contains(&lang.as_str())
                && !what.ends_with("language");
            if seg.count > 3 || (latin && seg.encoding != Encoding::Gsm7) {
                failures.push(format!(
                    "{lang} {what}: {} segments, {:?}, {} units:\n{text}\n",
                    seg.count, seg.encoding, seg.units
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
