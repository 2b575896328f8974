//! Shelter-assisted filing over SMS: a volunteer enrols with a one-time code, files for two
//! people in a row, and each body's inbox holds exactly what each person chose.

use std::path::Path;

use crate::both_databases;
use crate::helpers::*;

const VOLUNTEER: &str = "+5219611000001";

fn cli(app: &TestApp, args: &[&str]) -> String {
    let mut all: Vec<&std::ffi::OsStr> = args.iter().map(|a| a.as_ref()).collect();
    all.push("--config".as_ref());
    all.push(app.config.as_os_str());
    run_ok(&all)
}

/// `buzon shelter invite albergue`: the one-time code it prints.
fn invite(app: &TestApp) -> String {
    let code = cli(app, &["shelter", "invite", "albergue"]);
    assert_eq!(code.len(), 11, "a grouped code: {code}");
    code
}

/// Sends each message from `from`; returns the last answer.
async fn say(app: &TestApp, from: &str, messages: &[&str]) -> SmsReply {
    let mut last = None;
    for m in messages {
        let r = app.sms(from, m).await;
        assert_eq!(r.status, 200, "{m:?}: {}", r.body);
        last = Some(r);
    }
    last.expect("a message")
}

/// Every case `buzon inbox pull` wrote, keyed by the receipt-free case id.
fn complaints(out: &Path) -> Vec<serde_json::Value> {
    let mut all: Vec<serde_json::Value> = std::fs::read_dir(out)
        .map(|d| {
            d.flatten()
                .filter_map(|e| std::fs::read_to_string(e.path().join("complaint.json")).ok())
                .map(|t| serde_json::from_str(&t).expect("json"))
                .collect()
        })
        .unwrap_or_default();
    all.sort_by_key(|c| c["narrative"][0].as_str().unwrap_or_default().to_owned());
    all
}

/// A volunteer's answers for a person who was present, spoke the language at `lang_key` of the
/// menu, was interpreted for, told `story` (a violation of papers by INM agents, sent to every
/// routed body), wants a copy for the shelter, and gives her identity: `identity` holds name,
/// nationality, age, contact and whether the shelter's copy carries them.
fn with_identity<'a>(story: &'a str, lang_key: &'a str, identity: [&'a str; 5]) -> Vec<&'a str> {
    let mut all = vec![
        "NUEVA", "1", lang_key, "1", story, "1", "10", "1", "1", "1", "1", "1", "1",
    ];
    all.extend(identity);
    all
}

const STORY_ANA: &str = "Ana: agentes del INM le quitaron sus papeles en la estación de Tapachula";
const STORY_LUIS: &str = "Luis: en el retén de Huixtla los agentes le cobraron 500 pesos";

async fn two_people_two_choices(db: Db) {
    let app = spawn_app(db).await;
    let code = invite(&app);
    let r = say(&app, VOLUNTEER, &[&format!("ALBERGUE {code}")]).await;
    assert!(
        r.shows("voluntario v-") && r.shows("Albergue"),
        "{}",
        r.text()
    );
    // The code is spent: another phone cannot use it.
    let again = app.sms("+5219611000002", &format!("albergue {code}")).await;
    assert!(again.shows("Ese código no sirve"), "{}", again.text());

    // Ana speaks English through the volunteer, gives her identity to the CNDH only, and the
    // shelter keeps a copy without it.
    let done = say(
        &app,
        VOLUNTEER,
        &with_identity(STORY_ANA, "2", ["Ana Pérez", "Honduras", "29", "0", "2"]),
    )
    .await;
    assert!(done.shows("Datos solo a: CNDH"), "{}", done.text());
    let filed = app.sms(VOLUNTEER, "1").await;
    let messages = buzon::cli::twiml_messages(&filed.body);
    assert_eq!(messages.len(), 2, "the receipt travels alone: {messages:?}");
    assert!(
        shows(&messages[0], "recibo de la persona"),
        "{}",
        messages[0]
    );
    assert!(
        messages[1].starts_with("Complaint receipt:") && messages[1].contains("STATUS "),
        "in Ana's language: {}",
        messages[1]
    );
    let ana = receipt_in(&messages[1]).expect("Ana's receipt");

    // Luis speaks Spanish, stays anonymous, and does not want the shelter to have a copy.
    let filed = say(
        &app,
        VOLUNTEER,
        &[
            "NUEVA", "1", "1", "2", STORY_LUIS, "1", "2", "1", "1", "1", "1", "2", "2", "1",
        ],
    )
    .await;
    let messages = buzon::cli::twiml_messages(&filed.body);
    assert!(messages[1].contains("ESTADO "), "{}", messages[1]);
    let luis = receipt_in(&messages[1]).expect("Luis's receipt");
    assert_ne!(ana, luis);
    // Nothing of either person is left in the volunteer's conversation.
    let r = app.sms(VOLUNTEER, "1").await;
    assert!(!r.shows("Qué:"), "{}", r.text());

    // The CNDH has both cases; only Ana's carries her identity.
    let cndh = app.dir.path().join("cndh-inbox");
    app.inbox_pull("cndh", &app.token_for("cndh"), &cndh);
    let got = complaints(&cndh);
    assert_eq!(got.len(), 2);
    let (a, l) = (&got[0], &got[1]);
    assert_eq!(a["identity"]["name"], "Ana Pérez");
    assert_eq!(a["identity"]["nationality"], "Honduras");
    assert_eq!(a["identity"]["age"], "29");
    assert_eq!(a["identity_given_to"][0]["id"], "cndh");
    assert_eq!(a["assisted"]["shelter"]["id"], "albergue");
    assert_eq!(a["assisted"]["person_language"], "en");
    assert_eq!(a["assisted"]["interpreted"], true);
    assert_eq!(a["assisted"]["shelter_copy"], true);
    assert!(l.get("identity").is_none(), "Luis chose to stay anonymous");
    assert_eq!(l["assisted"]["interpreted"], false);
    assert_eq!(l["assisted"]["shelter_copy"], false);
    let md = std::fs::read_dir(&cndh)
        .expect("cases")
        .flatten()
        .map(|e| std::fs::read_to_string(e.path().join("complaint.md")).unwrap_or_default())
        .collect::<String>();
    assert!(md.contains("Ana Pérez") && md.contains("Identidad"), "{md}");

    // The OIC has both, and no identity in either.
    let oic = app.dir.path().join("oic-inbox");
    app.inbox_pull("oic", &app.token_for("oic"), &oic);
    let got = complaints(&oic);
    assert_eq!(got.len(), 2);
    assert!(got.iter().all(|c| c.get("identity").is_none()), "{got:?}");

    // The shelter has Ana's copy only, without her identity.
    let shelter_token = app.token_for("albergue");
    let albergue = app.dir.path().join("albergue-inbox");
    app.inbox_pull("albergue", &shelter_token, &albergue);
    let got = complaints(&albergue);
    assert_eq!(got.len(), 1, "Luis did not want a copy");
    assert_eq!(got[0]["narrative"][0], STORY_ANA);
    assert!(got[0].get("identity").is_none(), "not chosen for the copy");

    // The clear metadata says only that the cases were assisted.
    let listed = app.case_list(&app.token_for("oic")).await;
    assert!(listed.iter().all(|c| c["assisted"] == true), "{listed:?}");

    // The shelter sees both cases' delivery, body by body, and not their content.
    let r = app.api_get("/api/v1/assisted", &shelter_token).await;
    assert_eq!(r.status(), 200);
    let body: serde_json::Value = r.json().await.expect("json");
    let cases = body["cases"].as_array().expect("cases");
    assert_eq!(cases.len(), 2);
    let text = body.to_string();
    assert!(!text.contains("Ana") && !text.contains("Huixtla"), "{text}");
    let acked: Vec<bool> = cases
        .iter()
        .flat_map(|c| c["deliveries"].as_array().cloned().unwrap_or_default())
        .filter(|d| d["org_id"] == "cndh")
        .map(|d| !d["acked_on"].is_null())
        .collect();
    assert_eq!(acked, [true, true], "the CNDH downloaded both");
    let token_file = app.dir.path().join("albergue.token");
    std::fs::write(&token_file, &shelter_token).expect("token file");
    let status = run_ok(&[
        "inbox".as_ref(),
        "status".as_ref(),
        "--server".as_ref(),
        app.address.as_ref(),
        "--token-file".as_ref(),
        token_file.as_os_str(),
    ]);
    assert_eq!(status.matches("case ").count(), 2, "{status}");
    assert!(status.contains("CNDH: delivered"), "{status}");
    assert_eq!(
        status.matches("the shelter has a copy").count(),
        1,
        "{status}"
    );
    // Only a shelter that files for people may ask.
    let r = app
        .api_get("/api/v1/assisted", &app.token_for("cndh"))
        .await;
    assert_eq!(r.status(), 403);

    // Ana (or the volunteer for her) checks her case from any phone, in her language.
    let r = app.sms("+5219611000099", &format!("ESTADO {ana}")).await;
    assert!(r.shows("CNDH") && r.shows("Your complaint"), "{}", r.text());
}
both_databases!(two_people_two_choices);

async fn revoked_volunteers_and_spent_or_expired_codes(db: Db) {
    let app = spawn_app(db).await;
    // An expired code enrols no one.
    let expired = "ABCDE-23456";
    app.app
        .store
        .add_invite(
            &app.app.keys.invite_hash(expired),
            &buzon::domain::OrgId::parse("albergue").expect("id"),
            buzon::service::unix_now() - 1,
            buzon::domain::Day::today(),
        )
        .await
        .expect("invite");
    let r = app.sms(VOLUNTEER, &format!("ALBERGUE {expired}")).await;
    assert!(r.shows("Ese código no sirve"), "{}", r.text());
    let r = app.sms(VOLUNTEER, "NUEVA").await;
    assert!(!r.shows("Denuncia con"), "not enrolled: {}", r.text());
    app.sms(VOLUNTEER, "SALIR").await;

    // Enrolled, then revoked half way through a case.
    let code = invite(&app);
    let r = app.sms(VOLUNTEER, &format!("/shelter {code}")).await;
    assert!(r.shows("Albergue"), "{}", r.text());
    let list = cli(&app, &["shelter", "list"]);
    let id = list
        .split_whitespace()
        .find(|w| w.starts_with("v-"))
        .expect("a volunteer id")
        .to_owned();
    assert!(list.contains("albergue"), "{list}");
    assert!(!list.contains(VOLUNTEER), "no phone number is kept: {list}");
    say(&app, VOLUNTEER, &["NUEVA", "1", "1", "1", STORY_LUIS]).await;
    let out = cli(&app, &["shelter", "revoke", &id]);
    assert!(out.contains("revoked"), "{out}");
    let r = app.sms(VOLUNTEER, "1").await;
    assert!(r.shows("ya no está registrado"), "{}", r.text());
    // Now an ordinary reporter: NUEVA starts an ordinary conversation.
    let r = app.sms(VOLUNTEER, "NUEVA").await;
    assert!(!r.shows("Denuncia con"), "{}", r.text());
    assert_eq!(
        app.counts().await.cases,
        0,
        "nothing was filed for the shelter"
    );
    let list = cli(&app, &["shelter", "list"]);
    assert!(!list.contains(&id), "{list}");
    // Revoking again says so.
    let o = std::process::Command::new(bin())
        .args(["shelter", "revoke", &id, "--config"])
        .arg(&app.config)
        .output()
        .expect("runs");
    assert!(!o.status.success());
    // A non-intermediary org gets no codes.
    let o = std::process::Command::new(bin())
        .args(["shelter", "invite", "cndh", "--config"])
        .arg(&app.config)
        .output()
        .expect("runs");
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("intermediary"));
}
both_databases!(revoked_volunteers_and_spent_or_expired_codes);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_database_holds_no_identity_no_volunteer_number_and_no_code() {
    let app = spawn_app(Db::Sqlite).await;
    let code = invite(&app);
    say(&app, VOLUNTEER, &[&format!("ALBERGUE {code}")]).await;
    // While the volunteer has a draft, nothing in the database matches it to the enrolment.
    say(&app, VOLUNTEER, &["NUEVA"]).await;
    let at_rest = &app;
    let column = |sql: &'static str| async move {
        use sqlx::Row;
        sqlx::query(sql)
            .fetch_all(&mut at_rest.sqlite().await)
            .await
            .expect("query")
            .iter()
            .map(|r| r.get::<Vec<u8>, _>(0))
            .collect::<Vec<_>>()
    };
    let drafts = column("SELECT pseudonym FROM drafts").await;
    let volunteers = column("SELECT volunteer_key FROM volunteers").await;
    assert_eq!((drafts.len(), volunteers.len()), (1, 1));
    assert_ne!(
        drafts[0], volunteers[0],
        "the volunteer is kept under another keyed hash"
    );
    let mut answers = with_identity(
        STORY_ANA,
        "1",
        ["Zacarías Quintero", "Honduras", "0", "Cuarto 7", "1"],
    );
    answers.push("1"); // confirm
    say(&app, VOLUNTEER, &answers).await;
    assert_eq!(app.counts().await.cases, 1);
    let expiries = app.seen_expiries().await;
    assert!(
        expiries.iter().all(|t| t % 86_400 == 0),
        "dedupe rows carry no time finer than a day: {expiries:?}"
    );
    let mut bytes = Vec::new();
    for entry in std::fs::read_dir(app.dir.path().join("db"))
        .expect("db dir")
        .flatten()
    {
        bytes.extend(std::fs::read(entry.path()).unwrap_or_default());
    }
    let haystack = String::from_utf8_lossy(&bytes);
    for needle in [
        "Zacarías",
        "Zacarias",
        "Quintero",
        "Cuarto 7",
        "9611000001",
        &code,
    ] {
        assert!(!haystack.contains(needle), "{needle:?} is in the database");
    }
    let compact: String = code.chars().filter(|c| *c != '-').collect();
    assert!(!haystack.contains(&compact));
}
