//! A message's side effects happen once, however often its commit is retried.

use std::sync::Arc;

use super::*;
use crate::domain::{Channel, OrgId, Perpetrator, StateAnswer, Violation, When};

/// A server's application state on a temporary SQLite database and the demo routing.
async fn app(dir: &std::path::Path) -> Arc<App> {
    let config = dir.join("buzon.toml");
    let locales = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("locales");
    std::fs::write(
        &config,
        format!(
            "listen = \"127.0.0.1:0\"\npublic_url = \"http://127.0.0.1\"\n\
             database_url = \"sqlite://{db}\"\ndata_dir = \"{data}\"\n\
             routing = \"{routing}\"\nlocales = \"{locales}\"\n",
            db = dir.join("buzon.db").display(),
            data = dir.join("data").display(),
            routing = dir.join("no-routing.toml").display(),
            locales = locales.display(),
        ),
    )
    .expect("config");
    let (settings, _) = crate::config::Settings::load(&config).expect("settings");
    let (app, demo) = crate::startup::load_app(settings).await.expect("app");
    assert!(demo, "no routing file: the demo routing");
    Arc::new(app)
}

fn submission(story: &str) -> Submission {
    Submission {
        lang: Lang::spanish(),
        story: vec![story.to_owned()],
        violation: Violation::try_from(1).expect("code"),
        perpetrator: Perpetrator::try_from(1).expect("code"),
        state: StateAnswer::Unknown,
        when: When::try_from(1).expect("code"),
        recipients: vec![OrgId::parse("demo-cndh").expect("org")],
        civil_society_only: false,
        attachments: Vec::new(),
        assisted: None,
    }
}

fn submit(story: &str) -> Effect {
    Effect::Submit(Box::new(submission(story)))
}

/// The sealed case of `done`: its id and its receipt's digits.
fn sealed(done: &Done) -> (String, String) {
    let (_, filed) = done.filed.as_ref().expect("sealed");
    (filed.case.id.to_string(), filed.receipt.digits().to_owned())
}

#[tokio::test]
async fn a_case_is_sealed_once_however_often_its_commit_is_retried() {
    let dir = tempfile::tempdir().expect("tempdir");
    let app = app(dir.path()).await;
    let msg = Inbound {
        sender: SenderId::new(Channel::Sms, "+5215512345678"),
        provider_id: None,
        text: Some("1".into()),
        lang_hint: None,
        attachment: None,
        rate_checked: false,
    };
    let pseudonym = app.keys.pseudonym(&msg.sender);
    let mut done = Done::default();
    effects(
        &app,
        &msg,
        &pseudonym,
        &submit("me quitaron todo"),
        &mut done,
    )
    .await
    .expect("seal");
    let first = sealed(&done);
    assert!(done.case_for(&submit("me quitaron todo")).is_some());
    assert!(
        done.case_for(&Effect::None).is_none(),
        "no case without a submit"
    );

    // A retry after a conflict, on a draft that submits the same: the same sealed case.
    effects(
        &app,
        &msg,
        &pseudonym,
        &submit("me quitaron todo"),
        &mut done,
    )
    .await
    .expect("again");
    assert_eq!(sealed(&done), first, "sealed once");

    // The draft changed meanwhile (another message added to the story): sealed anew.
    effects(
        &app,
        &msg,
        &pseudonym,
        &submit("me quitaron todo y más"),
        &mut done,
    )
    .await
    .expect("changed");
    let second = sealed(&done);
    assert_ne!(second.0, first.0);
    assert_ne!(second.1, first.1);
}
