//! A complaint by SMS, from the first message to an analyst's decrypted copy.

use crate::both_databases;
use crate::helpers::{Db, spawn_app};

const FROM: &str = "+5215551234567";
const STORY_1: &str =
    "El agente Pérez del INM me pidió 5000 pesos en la garita de Huixtla para dejarme pasar";
const STORY_2: &str =
    "Cuando dije que no tenía, me quitó el teléfono 🙏 y dijo: «مرحبا» — no vuelvas";

/// The whole intake slice: signed SMS → sealed case → `buzon inbox pull` with a key made by
/// `buzon keygen` → the story verbatim in complaint.json; status by receipt before and after.
async fn a_complaint_by_sms_reaches_its_orgs_and_only_them(db: Db) {
    let app = spawn_app(db).await;
    // Story first (detected as Spanish), consent, a second story message, then the menus:
    // finish story, 2 extortion, 1 INM agents, 1 Chiapas, 2 this week, 1 send to them, 1 confirm.
    let receipt = app
        .file_complaint(
            FROM,
            &[STORY_1, STORY_2],
            &["1", "2", "1", "1", "2", "1", "1"],
        )
        .await;
    assert_eq!(app.counts().await.cases, 1);
    assert_eq!(
        app.counts().await.drafts,
        0,
        "the draft is erased once the case is filed"
    );

    let status = app.sms(FROM, &format!("ESTADO {receipt}")).await.text();
    assert!(
        crate::helpers::shows(&status, "OIC en el INM: entregada el"),
        "{status}"
    );
    assert!(
        crate::helpers::shows(&status, "CNDH: entregada el"),
        "{status}"
    );

    for org in ["oic", "cndh"] {
        let out = app.dir.path().join(format!("inbox-{org}"));
        let token = app.token_for(org);
        let printed = app.inbox_pull(org, &token, &out);
        assert!(printed.starts_with("1 new case(s)"), "{printed}");
        let case_dirs: Vec<_> = std::fs::read_dir(&out).expect("out").flatten().collect();
        assert_eq!(case_dirs.len(), 1);
        let json =
            std::fs::read_to_string(case_dirs[0].path().join("complaint.json")).expect("json");
        let c: serde_json::Value = serde_json::from_str(&json).expect("valid json");
        assert_eq!(c["schema"], "buzon.complaint.v1");
        assert_eq!(c["narrative"], serde_json::json!([STORY_1, STORY_2]));
        assert_eq!(c["language"], "es");
        assert_eq!(c["channel"], "sms");
        assert_eq!(c["violation"]["code"], 2);
        assert_eq!(c["perpetrator"]["code"], 1);
        assert_eq!(c["state"]["code"], "CHP");
        assert_eq!(c["when"]["code"], 2);
        let routed: Vec<&str> = c["routed_to"]
            .as_array()
            .expect("routed_to")
            .iter()
            .filter_map(|o| o["id"].as_str())
            .collect();
        assert_eq!(routed, ["oic", "cndh"]);
        assert!(
            c["filed_on"].as_str().is_some_and(|d| d.len() == 10),
            "a day, nothing finer"
        );
        let md = std::fs::read_to_string(case_dirs[0].path().join("complaint.md")).expect("md");
        assert!(
            crate::helpers::shows(&md, "```text\nEl agente Pérez del INM"),
            "{md}"
        );
        // A second pull finds nothing new and writes nothing again.
        let again = app.inbox_pull(org, &token, &out);
        assert!(again.starts_with("0 new case(s)"), "{again}");
    }
    for org in ["fgr", "albergue"] {
        let out = app.dir.path().join(format!("inbox-{org}"));
        let printed = app.inbox_pull(org, &app.token_for(org), &out);
        assert!(
            printed.starts_with("0 new case(s)"),
            "{org} must get nothing: {printed}"
        );
    }

    let status = app.sms(FROM, &format!("ESTADO {receipt}")).await.text();
    assert!(
        crate::helpers::shows(&status, "OIC en el INM: la recibió el"),
        "{status}"
    );
    assert!(
        crate::helpers::shows(&status, "CNDH: la recibió el"),
        "{status}"
    );
}
both_databases!(a_complaint_by_sms_reaches_its_orgs_and_only_them);

/// A provider retry of a handled message changes nothing and gets an empty 200.
async fn a_retried_message_changes_nothing(db: Db) {
    let app = spawn_app(db).await;
    let first = app.sms_with_sid(FROM, "hola", "SMretry0001").await;
    assert_eq!(first.status, 200);
    assert!(first.shows("Elija su idioma"), "{}", first.text());
    let before = app.counts().await;
    let retry = app.sms_with_sid(FROM, "hola", "SMretry0001").await;
    assert_eq!(retry.status, 200);
    assert!(retry.body.contains("<Response/>"), "{}", retry.body);
    assert_eq!(app.counts().await, before);
    // The same text under a new id is a new message: "1" picks Spanish.
    let next = app.sms(FROM, "1").await.text();
    assert!(
        crate::helpers::shows(&next, "Buzón envía su denuncia"),
        "{next}"
    );
}
both_databases!(a_retried_message_changes_nothing);

/// Two senders at once never see each other's drafts.
async fn drafts_are_per_sender(db: Db) {
    let app = spawn_app(db).await;
    app.sms("+5215550000001", STORY_1).await;
    let other = app.sms("+5215550000002", "1").await.text();
    assert!(
        crate::helpers::shows(&other, "Elija su idioma"),
        "a new sender starts afresh: {other}"
    );
    let first = app.sms("+5215550000001", "1").await.text();
    assert!(
        crate::helpers::shows(&first, "Ya tenemos su mensaje"),
        "{first}"
    );
}
both_databases!(drafts_are_per_sender);

async fn an_english_speaker_is_answered_in_english_throughout(db: Db) {
    let app = spawn_app(db).await;
    let r = app
        .sms(
            "+15550001111",
            "The migration agents took my money and my passport at the checkpoint",
        )
        .await
        .text();
    assert!(
        crate::helpers::shows(&r, "Buzón sends your complaint"),
        "{r}"
    );
    let receipt = app
        .file_complaint(
            "+15550001112",
            &["The soldiers beat my brother near the train tracks in Oaxaca"],
            &["1", "3", "3", "3", "1", "1", "1"],
        )
        .await;
    let status = app
        .sms("+15550001112", &format!("STATUS {receipt}"))
        .await
        .text();
    assert!(
        crate::helpers::shows(&status, "Your complaint:"),
        "{status}"
    );
    assert!(
        crate::helpers::shows(&status, "CNDH: delivered on"),
        "{status}"
    );
}
crate::both_databases!(an_english_speaker_is_answered_in_english_throughout);

async fn a_wrong_or_unknown_receipt_gets_a_short_answer_and_no_hint(db: Db) {
    let app = spawn_app(db).await;
    let unknown = app.sms(FROM, "ESTADO 0000 0000 0000 0000").await.text();
    assert!(
        crate::helpers::shows(&unknown, "No encontramos ese recibo"),
        "{unknown}"
    );
    let malformed = app.sms(FROM, "ESTADO 12345").await.text();
    assert!(
        crate::helpers::shows(&malformed, "16 números"),
        "{malformed}"
    );
    assert_eq!(
        app.counts().await.drafts,
        0,
        "a status query creates no draft"
    );
}
crate::both_databases!(a_wrong_or_unknown_receipt_gets_a_short_answer_and_no_hint);

/// Messages from one sender arriving at once each land in the story: none is lost to a race.
async fn concurrent_messages_from_one_sender_lose_nothing(db: Db) {
    let app = std::sync::Arc::new(spawn_app(db).await);
    app.sms(FROM, STORY_1).await;
    app.sms(FROM, "1").await;
    let mut tasks = Vec::new();
    for i in 0..8 {
        let app = std::sync::Arc::clone(&app);
        tasks.push(tokio::spawn(async move {
            app.sms(FROM, &format!("parte {i} del relato")).await.status
        }));
    }
    for t in tasks {
        assert_eq!(t.await.expect("join"), 200);
    }
    let receipt = app
        .file_complaint(FROM, &[], &["1", "1", "1", "1", "1", "1", "1"])
        .await;
    assert_eq!(receipt.len(), 16);
    let out = app.dir.path().join("inbox");
    app.inbox_pull("oic", &app.token_for("oic"), &out);
    let c = crate::helpers::only_complaint(&out);
    let narrative = c["narrative"].as_array().expect("narrative");
    assert_eq!(
        narrative.len(),
        9,
        "the first message and all eight parts: {narrative:?}"
    );
    for i in 0..8 {
        assert!(
            narrative
                .iter()
                .any(|m| m == &format!("parte {i} del relato")),
            "part {i} lost"
        );
    }
}
both_databases!(concurrent_messages_from_one_sender_lose_nothing);

async fn when_the_database_cannot_be_written_the_webhook_answers_503_and_gives_no_receipt(db: Db) {
    let app = spawn_app(db).await;
    app.sms(FROM, STORY_1).await;
    for a in ["1", "1", "1", "1", "1", "1", "1"] {
        app.sms(FROM, a).await;
    }
    app.app.store.close().await;
    let r = app.sms(FROM, "1").await;
    assert_eq!(r.status, 503, "{}", r.body);
    assert!(
        !r.body.contains("ESTADO"),
        "no receipt for a case that was not stored"
    );
    let json: serde_json::Value = serde_json::from_str(&r.body).expect("json");
    assert_eq!(json["error"], "unavailable");
}
crate::both_databases!(
    when_the_database_cannot_be_written_the_webhook_answers_503_and_gives_no_receipt
);

/// Issue #12 item 3: a story carrying an image, a link, HTML, a heading after a bare `\r`, a
/// list and terminal escapes, filed by SMS and pulled with `buzon inbox pull`: complaint.md,
/// read with a real CommonMark parser, shows the words as text and makes none of it markup.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn markdown_and_escapes_in_an_sms_story_stay_inert_in_complaint_md() {
    let app = spawn_app(Db::Sqlite).await;
    let story = "pwned El agente de migración me robó el dinero en la garita \
         ![x](http://127.0.0.1:9/t.png) <img src=http://127.0.0.1:9/i.png> [aquí](http://127.0.0.1:9/)\
         \r# pwned título\n- pwned lista\n\n<http://127.0.0.1:9/>\n    pwned código \
         \u{1b}]8;;http://127.0.0.1:9/\u{7}enlace\u{1b}]8;;\u{7} \u{1b}[2J\u{1b}[31mrojo";
    app.file_complaint(FROM, &[story], &["1", "2", "1", "1", "2", "1", "1"])
        .await;
    let out = app.dir.path().join("inbox-oic");
    let printed = app.inbox_pull("oic", &app.token_for("oic"), &out);
    assert!(printed.starts_with("1 new case(s)"), "{printed}");
    let dirs: Vec<_> = std::fs::read_dir(&out).expect("out").flatten().collect();
    let md = std::fs::read_to_string(dirs[0].path().join("complaint.md")).expect("md");
    crate::helpers::assert_inert_markdown(&md, "pwned");
    assert!(
        md.contains("![x](http://127.0.0.1:9/t.png)"),
        "the words kept: {md}"
    );
}

/// The receipt says where to send ESTADO: the SMS number and the Telegram bot of `[contact]`.
/// A malformed address stops the start with a line that says what is wrong.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_receipt_names_where_to_ask_about_it() {
    let contact =
        "[contact]\nsms_number = \"+52 55 1234 5678\"\ntelegram_bot = \"@BuzonBot\"\n\n[sms]";
    let app =
        crate::helpers::spawn_app_with(Db::Sqlite, move |c| c.replace("[sms]", contact)).await;
    for m in [STORY_1, "1", "1", "2", "1", "1", "2", "1"] {
        app.sms(FROM, m).await;
    }
    let done = app.sms(FROM, "1").await.text();
    assert!(
        crate::helpers::shows(
            &done,
            "Anótelo en papel, sin su nombre. Para saber si la recibieron, envíe a Buzón (SMS +52 55 1234 5678, Telegram @BuzonBot): ESTADO "
        ),
        "{done}"
    );

    let dir = tempfile::tempdir().expect("tempdir");
    let (config, _) = crate::helpers::write_config(dir.path(), "sqlite://x.db", "token");
    let text = std::fs::read_to_string(&config).expect("config");
    std::fs::write(
        &config,
        text.replace(
            "[sms]",
            "[contact]\ntelegram_bot = \"BuzonBot<script>\"\n\n[sms]",
        ),
    )
    .expect("config");
    let o = std::process::Command::new(crate::helpers::bin())
        .args(["routing", "check", "--config"])
        .arg(&config)
        .output()
        .expect("runs");
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("config: contact: telegram_bot must be the bot's @username"),
        "{err}"
    );
}
