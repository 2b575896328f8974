//! Telegram files under attack (issue 12, item 1): every limit is decided before a download,
//! the download is bounded while it streams, and a filed case stores each file once, sealed
//! to every receiving org and served by the recipient API.

use std::io::{Read, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use sha2::{Digest, Sha256};
use wiremock::matchers::{method, path_regex};
use wiremock::{Mock, ResponseTemplate};

use crate::helpers::{Db, random_token, receipt_in, spawn_app_with};
use crate::telegram::{CHAT, Tg, jpeg_with_gps, message, telegram_section};

const MB: usize = 1024 * 1024;

fn texts(r: &[Value]) -> String {
    r.iter()
        .map(|m| m["text"].as_str().unwrap_or_default().to_owned())
        .collect::<Vec<_>>()
        .join("\n")
}

fn pdf(size: usize) -> Vec<u8> {
    let mut b = b"%PDF-1.4\n".to_vec();
    b.resize(size, b'0');
    b
}

fn document(id: &str, declared: Option<usize>) -> Value {
    let mut d = json!({ "file_id": id, "file_unique_id": format!("u-{id}"),
                        "file_name": "x.pdf", "mime_type": "application/pdf" });
    if let Some(n) = declared {
        d["file_size"] = json!(n);
    }
    json!({ "document": d })
}

/// Serves every file id through getFile and one body for every download path.
async fn serve_any(tg: &Tg, body: Vec<u8>) {
    Mock::given(method("POST"))
        .and(path_regex(r"^/bot[^/]+/GetFile$"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "ok": true,
            "result": { "file_id": "any", "file_unique_id": "u-any",
                        "file_size": body.len(), "file_path": "docs/any.bin" }
        })))
        .mount(&tg.api)
        .await;
    Mock::given(method("GET"))
        .and(path_regex(r"^/file/bot[^/]+/.*any\.bin$"))
        .respond_with(ResponseTemplate::new(200).set_body_bytes(body))
        .mount(&tg.api)
        .await;
}

async fn downloads(tg: &Tg) -> usize {
    tg.api
        .received_requests()
        .await
        .unwrap_or_default()
        .iter()
        .filter(|r| r.url.path().starts_with("/file/"))
        .count()
}

async fn draft_file_rows(tg: &Tg) -> i64 {
    use sqlx::Row;
    sqlx::query("SELECT COUNT(*) FROM draft_files")
        .fetch_one(&mut tg.app.sqlite().await)
        .await
        .expect("count")
        .get::<i64, _>(0)
}

/// The attack of the review: one chat sends 40 documents of 2 MB. The rate limit (here 20 a
/// day, so that a slow machine does not see the quota refill mid-test) and the draft's cap (10
/// files) are decided before any download: the stand-in Bot API sees exactly 10 getFile calls
/// and 10 downloads, and the draft holds 10 files.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn forty_documents_from_one_chat_are_not_downloaded_past_the_caps_or_the_rate_limit() {
    let tg = Tg::spawn_with(Db::Sqlite, |c| {
        c.replace(
            "[sms]",
            "[limits]\nsender_per_minute = 1000\nsender_per_day = 20\n\n[sms]",
        )
    })
    .await;
    serve_any(&tg, pdf(2 * MB)).await;
    let mut answers = Vec::new();
    for i in 0..40 {
        answers.push(texts(
            &tg.send_media(document(&format!("doc{i}"), Some(2 * MB)))
                .await,
        ));
    }
    assert_eq!(tg.calls("GetFile").await.len(), 10, "{answers:#?}");
    assert_eq!(downloads(&tg).await, 10);
    assert_eq!(
        draft_file_rows(&tg).await,
        10,
        "the draft holds the cap, no more"
    );
    assert!(
        answers[..10]
            .iter()
            .all(|a| a.contains("Recibido: documento")),
        "{answers:#?}"
    );
    assert!(
        answers[10].contains("Ya tenemos todos los archivos"),
        "past the cap, a polite refusal: {answers:#?}"
    );
    // The 21st message is over the quota: one notice, then nothing.
    let notice = answers
        .iter()
        .position(|a| a.contains("Recibimos muchos mensajes"))
        .unwrap_or_else(|| panic!("past the rate limit, one notice: {answers:#?}"));
    assert_eq!(notice, 20, "{answers:#?}");
    assert!(
        answers[notice + 1..].iter().all(String::is_empty),
        "then silence: {answers:#?}"
    );
}

/// A file whose declared size does not fit in what the draft has left is refused without a
/// download, in the reporter's language.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_file_declared_past_the_drafts_byte_cap_is_never_downloaded() {
    let tg = Tg::spawn(Db::Sqlite).await;
    serve_any(&tg, pdf(16 * MB)).await;
    for i in 0..3 {
        let r = texts(
            &tg.send_media(document(&format!("big{i}"), Some(16 * MB)))
                .await,
        );
        assert!(r.contains("Recibido: documento"), "{r}");
    }
    // 48 MB taken of 50: 3 MB more does not fit.
    let r = texts(&tg.send_media(document("one-more", Some(3 * MB))).await);
    assert!(r.contains("Ya tenemos todos los archivos"), "{r}");
    assert_eq!(
        tg.calls("GetFile").await.len(),
        3,
        "the last one is never fetched"
    );
    assert_eq!(downloads(&tg).await, 3);
    assert_eq!(draft_file_rows(&tg).await, 3);
}

/// A Bot API stand-in on a plain socket, so a download can stream without end: getFile
/// announces no size, the file is an endless chunked body; it counts the bytes it sent.
fn endless_bot_api(sent: Arc<AtomicU64>) -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let addr = listener.local_addr().expect("addr");
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let sent = Arc::clone(&sent);
            std::thread::spawn(move || serve_one(stream, &sent));
        }
    });
    format!("http://{addr}")
}

fn serve_one(mut stream: std::net::TcpStream, sent: &AtomicU64) {
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") {
        if stream.read(&mut byte).unwrap_or(0) == 0 {
            return;
        }
        head.push(byte[0]);
    }
    let head = String::from_utf8_lossy(&head).to_string();
    let length: usize = head
        .lines()
        .find_map(|l| {
            l.to_ascii_lowercase()
                .strip_prefix("content-length:")
                .map(|v| v.trim().parse().unwrap_or(0))
        })
        .unwrap_or(0);
    let mut body = vec![0u8; length];
    let _ = stream.read_exact(&mut body);
    let path = head
        .split_whitespace()
        .nth(1)
        .unwrap_or_default()
        .to_owned();
    if path.starts_with("/file/") {
        let _ = stream.write_all(
            b"HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\n\
              Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n",
        );
        let mut chunk = format!("{:x}\r\n", 64 * 1024).into_bytes();
        chunk.extend(pdf(64 * 1024));
        chunk.extend_from_slice(b"\r\n");
        // Without end, until the client stops reading (or ten minutes pass).
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(600) {
            if stream.write_all(&chunk).is_err() {
                return;
            }
            sent.fetch_add(64 * 1024, Ordering::Relaxed);
        }
        return;
    }
    let result = if path.ends_with("/GetFile") {
        json!({ "file_id": "endless", "file_unique_id": "u-endless", "file_path": "docs/endless.pdf" })
    } else {
        let req: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
        json!({ "message_id": 1000, "date": 1_700_000_000,
                "chat": { "id": req["chat_id"], "type": "private", "first_name": "x" },
                "text": req["text"] })
    };
    let body = json!({ "ok": true, "result": result }).to_string();
    let _ = stream.write_all(
        format!(
            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\
             Connection: close\r\n\r\n{body}",
            body.len()
        )
        .as_bytes(),
    );
}

/// A Bot API that announces no size and streams past the cap is cut off while streaming: the
/// reporter is told the file is too large at once, Buzón read no more than the cap and a few
/// chunks, and nothing is stored.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_download_without_a_declared_size_is_cut_off_at_the_cap() {
    let sent = Arc::new(AtomicU64::new(0));
    let api = endless_bot_api(Arc::clone(&sent));
    let secret = format!("s3cret_{}", random_token());
    let s = secret.clone();
    let app = spawn_app_with(Db::Sqlite, move |c| {
        format!("{c}\n{}", telegram_section(&s, &api))
    })
    .await;
    let update =
        json!({ "update_id": 1, "message": message(CHAT, "private", document("endless", None)) });
    let started = Instant::now();
    let status = app
        .http
        .post(format!("{}/webhooks/telegram", app.address))
        .header("X-Telegram-Bot-Api-Secret-Token", &secret)
        .json(&update)
        .timeout(Duration::from_secs(60))
        .send()
        .await
        .expect("the webhook answers")
        .status();
    assert_eq!(status, 200);
    assert!(
        started.elapsed() < Duration::from_secs(20),
        "{:?}",
        started.elapsed()
    );
    let read = sent.load(Ordering::Relaxed);
    assert!(
        read < 48 * MB as u64,
        "the stream was cut off near 20 MB, not read to the end: {read} bytes"
    );
    use sqlx::Row;
    let rows: i64 = sqlx::query("SELECT COUNT(*) FROM draft_files")
        .fetch_one(&mut app.sqlite().await)
        .await
        .expect("count")
        .get(0);
    assert_eq!(rows, 0, "nothing stored");
}

fn hex_sha(b: &[u8]) -> String {
    Sha256::digest(b)
        .iter()
        .map(|x| format!("{x:02x}"))
        .collect()
}

/// Two pictures to two orgs (oic and cndh): each file is stored once (working copy and
/// original apart), sealed to both; each org decrypts every file with its own identity
/// through `GET /api/v1/cases/{id}/files/{file}`, another org gets 404 like for the envelope,
/// `buzon inbox pull` writes them, and a file whose SHA-256 does not match is refused.
async fn pictures_to_several_orgs_are_stored_once_and_served_to_each(db: Db) {
    let tg = Tg::spawn(db).await;
    tg.say("/start").await;
    tg.press("1").await;
    tg.say("Un agente del INM en Tapachula me quitó el pasaporte y pidió dinero")
        .await;
    let photo = jpeg_with_gps();
    let mut second = photo.clone();
    second.truncate(second.len() - 2);
    second.extend_from_slice(&[0x00, 0xFF, 0xD9]);
    for (id, bytes) in [("pic-a", photo.clone()), ("pic-b", second.clone())] {
        tg.serve_file(id, bytes.clone()).await;
        let r = tg
            .send_media(json!({ "photo": [
                { "file_id": id, "file_unique_id": format!("u{id}"), "width": 1280,
                  "height": 960, "file_size": bytes.len() } ] }))
            .await;
        assert!(texts(&r).contains("foto"), "{r:?}");
    }
    tg.say("1").await;
    tg.press("2").await;
    tg.press("1").await;
    tg.say("1").await;
    tg.press("2").await;
    tg.press("1").await;
    let r = tg.press("1").await;
    let receipt = receipt_in(&texts(&r)).expect("a receipt");
    let (rows, bytes) = tg.app.app.store.case_file_totals().await.expect("totals");
    assert_eq!(
        rows, 4,
        "two pictures, each a working copy and an original, once each"
    );
    let plain: usize = 2 * photo.len() + second.len() + photo.len();
    assert!(
        (bytes as usize) < plain + 4 * 1024,
        "one sealed copy of each, not one per org: {bytes} bytes for {plain}"
    );

    let case_id = tg.app.case_list(&tg.app.token_for("oic")).await[0]["case_id"]
        .as_str()
        .expect("id")
        .to_owned();
    let mut refs = Vec::new();
    for org in ["oic", "cndh"] {
        let token = tg.app.token_for(org);
        let env = tg
            .app
            .api_get(&format!("/api/v1/cases/{case_id}/envelope"), &token)
            .await
            .bytes()
            .await
            .expect("envelope");
        assert!(
            env.len() < 8 * 1024,
            "no file bytes in the envelope: {}",
            env.len()
        );
        let c: Value =
            serde_json::from_slice(&tg.app.decrypt_with(org, &env).expect("opens")).expect("json");
        let files = c["attachments"].as_array().expect("attachments").clone();
        assert_eq!(files.len(), 4);
        for f in &files {
            assert!(f.get("data").is_none(), "a reference, not a copy");
            let id = f["file_id"].as_str().expect("file id");
            let resp = tg
                .app
                .api_get(&format!("/api/v1/cases/{case_id}/files/{id}"), &token)
                .await;
            assert_eq!(resp.status(), 200);
            let sealed = resp.bytes().await.expect("file");
            let opened = tg
                .app
                .decrypt_with(org, &sealed)
                .expect("the org's own key opens it");
            assert_eq!(hex_sha(&opened), f["sha256"].as_str().expect("sha"));
        }
        refs = files;
    }
    assert_eq!(
        hex_sha(&photo),
        refs[1]["sha256"].as_str().expect("sha"),
        "the first picture's original is the evidence as sent"
    );
    // An org the case was not routed to: 404 for the files, exactly like the envelope.
    let fgr = tg.app.token_for("fgr");
    let id = refs[0]["file_id"].as_str().expect("file id");
    for path in [
        format!("/api/v1/cases/{case_id}/envelope"),
        format!("/api/v1/cases/{case_id}/files/{id}"),
    ] {
        let resp = tg.app.api_get(&path, &fgr).await;
        assert_eq!(resp.status(), 404, "{path}");
    }

    // `buzon inbox pull` writes the files as before.
    let out = tg.app.dir.path().join("inbox-oic");
    let printed = tg.app.inbox_pull("oic", &tg.app.token_for("oic"), &out);
    assert!(printed.starts_with("1 new case(s)"), "{printed}");
    let case = out.join(&case_id);
    assert_eq!(
        std::fs::read(case.join("01-photo.original.jpg")).expect("original"),
        photo
    );
    assert_eq!(
        std::fs::read(case.join("02-photo.original.jpg")).expect("original"),
        second
    );

    // Withdrawn after oic took it: cndh's envelope and its access to the files go; oic keeps
    // both; the files are still stored once.
    let r = tg.say(&format!("BORRAR {receipt}")).await;
    assert!(!r.is_empty());
    let cndh = tg.app.token_for("cndh");
    let resp = tg
        .app
        .api_get(&format!("/api/v1/cases/{case_id}/files/{id}"), &cndh)
        .await;
    assert_eq!(resp.status(), 404);
    let resp = tg
        .app
        .api_get(
            &format!("/api/v1/cases/{case_id}/files/{id}"),
            &tg.app.token_for("oic"),
        )
        .await;
    assert_eq!(resp.status(), 200);
    assert_eq!(
        tg.app.app.store.case_file_totals().await.expect("totals").0,
        4
    );
}
crate::both_databases!(pictures_to_several_orgs_are_stored_once_and_served_to_each);

/// A server that hands out a file whose content does not match the SHA-256 in the envelope
/// (here: replaced in the database by another age file to the same org): `buzon inbox pull`
/// refuses it and writes no case.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn inbox_pull_refuses_a_file_whose_sha256_does_not_match() {
    let tg = Tg::spawn(Db::Sqlite).await;
    tg.say("/start").await;
    tg.press("1").await;
    tg.say("Un agente del INM en Tapachula me quitó el pasaporte y pidió dinero")
        .await;
    let voice = b"OggS\0voice-note-bytes".repeat(50);
    tg.serve_file("voice-1", voice.clone()).await;
    tg.send_media(
        json!({ "voice": { "file_id": "voice-1", "file_unique_id": "uv1",
        "duration": 4, "mime_type": "audio/ogg", "file_size": voice.len() } }),
    )
    .await;
    tg.say("1").await;
    tg.press("2").await;
    tg.press("1").await;
    tg.say("1").await;
    tg.press("2").await;
    tg.press("1").await;
    let r = tg.press("1").await;
    receipt_in(&texts(&r)).expect("a receipt");
    // A forged file: well sealed to oic's own key, other bytes.
    let ids = age::IdentityFile::from_file(tg.app.orgs["oic"].identity.display().to_string())
        .expect("identity")
        .into_identities()
        .expect("identities");
    let x25519 = std::fs::read_to_string(&tg.app.orgs["oic"].identity).expect("identity");
    let key: age::x25519::Identity = x25519
        .lines()
        .find(|l| l.starts_with("AGE-SECRET-KEY-"))
        .expect("key")
        .parse()
        .expect("parses");
    let forged =
        buzon::crypto::seal_envelope(b"OggS\0something else", &[key.to_public()]).expect("seal");
    assert!(buzon::crypto::open_envelope(&forged, &ids).is_ok());
    sqlx::query("UPDATE case_files SET sealed = $1")
        .bind(forged)
        .execute(&mut tg.app.sqlite().await)
        .await
        .expect("forge");
    let out = tg.app.dir.path().join("inbox-oic");
    let token_file = tg.app.dir.path().join("oic.token");
    std::fs::write(&token_file, tg.app.token_for("oic")).expect("token");
    let o = std::process::Command::new(crate::helpers::bin())
        .args(["inbox", "pull", "--server", &tg.app.address, "--token-file"])
        .arg(&token_file)
        .arg("--identity")
        .arg(&tg.app.orgs["oic"].identity)
        .arg("--out")
        .arg(&out)
        .output()
        .expect("runs");
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("does not match its SHA-256"), "{err}");
    let written = std::fs::read_dir(&out)
        .map(|d| {
            d.flatten()
                .any(|e| e.path().join("complaint.json").exists())
        })
        .unwrap_or(false);
    assert!(!written, "no case written with a forged file");
    assert!(
        tg.app.case_list(&tg.app.token_for("oic")).await[0]["acked_on"].is_null(),
        "and not acknowledged"
    );
}
