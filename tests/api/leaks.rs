//! Invariants 1 and 2: after a whole conversation, nothing the server wrote — database, WAL,
//! data folder, logs — holds the story, the sender's number or the receipt.

use std::path::Path;
use std::process::Command;

use crate::helpers::{TestApp, random_token, start_server as start, write_config};

const FROM: &str = "+5215553141592";
const STORY: &str =
    "Xochitl-marker-7731: el oficial Ramírez me encerró tres días sin comida en la estación";

fn files_under(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for e in std::fs::read_dir(dir).expect("dir").flatten() {
        let p = e.path();
        if p.is_dir() {
            files_under(&p, out);
        } else {
            out.push(p);
        }
    }
}

fn contains(hay: &[u8], needle: &str) -> bool {
    hay.windows(needle.len()).any(|w| w == needle.as_bytes())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn nothing_the_server_wrote_holds_the_story_the_number_or_the_receipt() {
    let root = tempfile::tempdir().expect("tempdir");
    let server_dir = root.path().join("server");
    std::fs::create_dir_all(&server_dir).expect("dir");
    let token = random_token();
    let db = server_dir.join("db/buzon.db");
    let (config, orgs) = write_config(&server_dir, &format!("sqlite://{}", db.display()), &token);
    let logs = root.path().join("server.log");
    let mut server = start(&config, &logs);

    let (settings, _) = buzon::config::Settings::load(&config).expect("settings");
    let (app, _) = buzon::startup::load_app(settings).await.expect("app");
    let t = TestApp::for_running(
        server.address.clone(),
        config.clone(),
        token,
        orgs,
        root,
        std::sync::Arc::new(app),
    );
    let receipt = t
        .file_complaint(
            FROM,
            &[STORY, "Segunda parte del relato con 🙏 y nombres"],
            &["1", "4", "1", "1", "1", "1", "1"],
        )
        .await;
    t.sms(FROM, &format!("ESTADO {receipt}")).await;
    // A half-finished second conversation leaves a draft behind.
    t.sms("+5215552718281", STORY).await;
    let out = t.dir.path().join("inbox-oic");
    let pulled = t.inbox_pull("oic", &t.token_for("oic"), &out);
    assert!(pulled.starts_with("1 new case(s)"));

    let mut files = Vec::new();
    files_under(&server_dir, &mut files);
    files.push(logs.clone());
    let grouped = format!(
        "{} {} {} {}",
        &receipt[0..4],
        &receipt[4..8],
        &receipt[8..12],
        &receipt[12..16]
    );
    let needles = [
        "Xochitl-marker-7731",
        "Ramírez",
        "Segunda parte",
        FROM,
        &FROM[1..],
        &FROM[3..],
        "+5215552718281",
        "5215552718281",
        "TAPACHULA",
        "30700",
        receipt.as_str(),
        grouped.as_str(),
    ];
    let check = |files: &[std::path::PathBuf]| {
        assert!(
            files
                .iter()
                .any(|f| f.extension().is_some_and(|e| e == "db-wal")),
            "WAL scanned"
        );
        for f in files {
            let bytes = std::fs::read(f).expect("read");
            for n in &needles {
                assert!(!contains(&bytes, n), "{} contains {n:?}", f.display());
            }
        }
    };
    check(&files);
    let log_text = std::fs::read_to_string(&logs).expect("logs");
    assert!(
        log_text.contains("DEBUG") || log_text.contains("INFO"),
        "logs were captured: {log_text}"
    );
    // The group committer writes values into its SQL as literals: that text is never logged
    // (it would put a sender's pseudonym beside a case), even at debug level.
    let pseudonym = t.app.keys.pseudonym(&buzon::crypto::SenderId::new(
        buzon::domain::Channel::Sms,
        FROM,
    ));
    let hex: String = pseudonym
        .as_bytes()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert!(!log_text.contains(&hex), "the logs hold a pseudonym");
    assert!(!log_text.contains("X'"), "the logs hold a SQL literal");

    // Graceful stop on SIGTERM, then scan again (the WAL may have been checkpointed).
    let pid = server.child.id().to_string();
    Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .expect("kill");
    let status = server.child.wait().expect("wait");
    assert!(
        status.success(),
        "SIGTERM stops the server cleanly: {status:?}"
    );
    let mut files = Vec::new();
    files_under(&server_dir, &mut files);
    files.push(logs);
    for f in &files {
        let bytes = std::fs::read(f).expect("read");
        for n in &needles {
            assert!(
                !contains(&bytes, n),
                "{} contains {n:?} after shutdown",
                f.display()
            );
        }
    }
    // The analyst's copy, on the analyst's machine, does hold the story.
    let mut analyst = Vec::new();
    files_under(&out, &mut analyst);
    assert!(
        analyst
            .iter()
            .any(|f| contains(&std::fs::read(f).expect("read"), "Xochitl-marker-7731"))
    );
}

/// The same scan after a Telegram conversation (text, buttons, a photo with GPS, an edit, a
/// group message): no chat id, user id, username, first name, story or bot token anywhere the
/// server wrote, logs at debug level included.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn nothing_the_server_wrote_holds_a_telegram_identity_or_the_bot_token() {
    use crate::telegram::{
        BOT_TOKEN, CHAT, FIRST_NAME, USERNAME, button_update, jpeg_with_gps, message,
        mount_bot_api, telegram_section, text_update,
    };
    use serde_json::json;

    let root = tempfile::tempdir().expect("tempdir");
    let server_dir = root.path().join("server");
    std::fs::create_dir_all(&server_dir).expect("dir");
    let db = server_dir.join("db/buzon.db");
    let (config, _) = write_config(
        &server_dir,
        &format!("sqlite://{}", db.display()),
        &random_token(),
    );
    let api = wiremock::MockServer::start().await;
    mount_bot_api(&api).await;
    let photo = jpeg_with_gps();
    let len = photo.len();
    wiremock::Mock::given(wiremock::matchers::path_regex(r"GetFile$"))
        .respond_with(wiremock::ResponseTemplate::new(200).set_body_json(json!({
            "ok": true, "result": { "file_id": "p", "file_unique_id": "u",
                                    "file_size": len, "file_path": "p.bin" }
        })))
        .mount(&api)
        .await;
    wiremock::Mock::given(wiremock::matchers::path_regex(r"p\.bin$"))
        .respond_with(wiremock::ResponseTemplate::new(200).set_body_bytes(photo))
        .mount(&api)
        .await;
    let secret = format!("leak_{}", random_token());
    let mut text = std::fs::read_to_string(&config).expect("config");
    text.push_str(&telegram_section(&secret, &api.uri()));
    std::fs::write(&config, text).expect("config");
    let logs = root.path().join("server.log");
    let mut server = start(&config, &logs);

    let http = reqwest::Client::new();
    let url = format!("{}/webhooks/telegram", server.address);
    let mut id = 0u32;
    let mut post = |update: serde_json::Value| {
        id += 1;
        let mut update = update;
        update["update_id"] = json!(id);
        http.post(&url)
            .header("X-Telegram-Bot-Api-Secret-Token", &secret)
            .json(&update)
            .send()
    };
    let text_msg = |t: &str| text_update(0, CHAT, "private", t);
    for u in [
        text_msg("/start"),
        button_update(0, CHAT, "1"),
        text_msg(STORY),
        json!({ "message": message(CHAT, "private", json!({ "photo": [
            { "file_id": "p", "file_unique_id": "u", "width": 10, "height": 10,
              "file_size": len } ] })) }),
        json!({ "edited_message": message(CHAT, "private",
            json!({ "text": "Ramírez again", "edit_date": 1_700_000_100 })) }),
        text_update(0, -100_777_888_999, "supergroup", STORY),
        text_msg("1"),
        button_update(0, CHAT, "4"),
        button_update(0, CHAT, "1"),
        text_msg("1"),
        button_update(0, CHAT, "1"),
        button_update(0, CHAT, "1"),
        button_update(0, CHAT, "1"),
    ] {
        let status = post(u).await.expect("request").status();
        assert_eq!(status, 200);
    }
    let sent = api.received_requests().await.unwrap_or_default();
    assert!(
        sent.iter()
            .any(|r| String::from_utf8_lossy(&r.body).contains("ESTADO")),
        "the conversation reached a receipt"
    );

    let pid = server.child.id().to_string();
    Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .expect("kill");
    assert!(server.child.wait().expect("wait").success());
    let mut files = Vec::new();
    files_under(&server_dir, &mut files);
    files.push(logs.clone());
    let chat = CHAT.to_string();
    let token_secret = BOT_TOKEN.split(':').nth(1).expect("token");
    let needles = [
        chat.as_str(),
        "100777888999",
        USERNAME,
        FIRST_NAME,
        "Xochitl-marker-7731",
        "Ramírez",
        token_secret,
        secret.as_str(),
    ];
    // The config file holds the token and secret by design; everything else must not.
    for f in files.iter().filter(|f| **f != config) {
        let bytes = std::fs::read(f).expect("read");
        for n in &needles {
            assert!(!contains(&bytes, n), "{} contains {n:?}", f.display());
        }
    }
    let log_text = std::fs::read_to_string(&logs).expect("logs");
    assert!(log_text.contains("DEBUG"), "logs were captured");
}
