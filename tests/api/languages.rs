//! Every shipped language, end to end by SMS: its menu numbers and its own words.

use buzon::domain::Lang;
use buzon::i18n::Catalog;

use crate::helpers::{Db, receipt_in, shows, spawn_app};

/// The words a reporter of each language types for help and status (see intake/input.rs).
fn words(lang: &str) -> (&'static str, &'static str) {
    match lang {
        "es" => ("AYUDA", "ESTADO"),
        "fr" => ("AIDE", "STATUT"),
        "pt" => ("AJUDA", "STATUS"),
        "ht" => ("ED", "ETA"),
        _ => ("HELP", "STATUS"),
    }
}

fn catalog() -> Catalog {
    Catalog::load(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("locales"))
        .expect("locales")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_whole_sms_conversation_passes_in_every_shipped_language() {
    let app = spawn_app(Db::Sqlite).await;
    let cat = catalog();
    for (i, lang) in cat.languages().iter().enumerate() {
        let from = format!("+52155512300{i:02}");
        let say = |id: &str| cat.get(lang, id);
        let r = app.sms(&from, "hola").await.text();
        assert!(
            shows(&r, &cat.get(lang, "language-name")),
            "{lang} in the menu: {r}"
        );
        let r = app.sms(&from, &(i + 1).to_string()).await.text();
        if cat.is_partial(lang) {
            assert!(shows(&r, &say("greeting")), "{lang} greeting: {r}");
        }
        assert!(shows(&r, &say("consent-continue")), "{lang} consent: {r}");
        let (help, status) = words(lang.as_str());
        app.sms(&from, "1").await;
        let r = app.sms(&from, help).await.text();
        assert!(
            shows(&r, &say("help-story")),
            "{lang} help word {help}: {r}"
        );
        app.sms(&from, "story in any words 🙏").await;
        let mut last = String::new();
        for a in ["1", "2", "1", "1", "1", "1", "1"] {
            last = app.sms(&from, a).await.text();
        }
        let receipt = receipt_in(&last).unwrap_or_else(|| panic!("{lang}: no receipt in {last}"));
        let r = app.sms(&from, &format!("{status} {receipt}")).await.text();
        assert!(
            shows(&r, &say("status-header")),
            "{lang} status word {status}: {r}"
        );
        assert_eq!(app.counts().await.cases as usize, i + 1);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reporter_who_switches_language_mid_flow_keeps_her_story_and_answers() {
    let app = spawn_app(Db::Sqlite).await;
    let cat = catalog();
    let en = Lang::parse("en").expect("en");
    let en_number = cat
        .languages()
        .iter()
        .position(|l| l == &en)
        .expect("en shipped")
        + 1;
    let from = "+5215551239999";
    let story = "Los de migración me quitaron el celular y me amenazaron con deportarme si hablaba";
    app.sms(from, story).await;
    for a in ["1", "1", "8", "1"] {
        app.sms(from, a).await;
    }
    let r = app.sms(from, "IDIOMA").await.text();
    assert!(shows(&r, "English"), "{r}");
    let r = app.sms(from, &en_number.to_string()).await.text();
    assert!(
        shows(&r, &cat.get(&en, "state-prompt")),
        "back at the state step, in English: {r}"
    );
    let mut last = String::new();
    for a in ["Chiapas", "3", "1", "1"] {
        last = app.sms(from, a).await.text();
    }
    assert!(receipt_in(&last).is_some(), "{last}");
    let out = app.dir.path().join("inbox");
    app.inbox_pull("oic", &app.token_for("oic"), &out);
    let c = crate::helpers::only_complaint(&out);
    assert_eq!(c["narrative"], serde_json::json!([story]));
    assert_eq!(c["violation"]["code"], 8);
    assert_eq!(c["perpetrator"]["code"], 1);
    assert_eq!(c["state"]["code"], "CHP");
    assert_eq!(c["language"], "en");
}
