//! The Telegram channel end to end: signed webhook updates in, a wiremock stand-in for the
//! Bot API that records every call, `buzon inbox pull` out.

use std::sync::Arc;
use std::sync::atomic::{AtomicI64, AtomicU32, Ordering};

use serde_json::{Value, json};
use wiremock::matchers::{method, path_regex};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

use crate::both_databases;
use crate::helpers::{Db, TestApp, random_token, receipt_in, spawn_app_with};

pub const BOT_TOKEN: &str = "123456789:AAtest-bot-token_never-logged";
pub const CHAT: i64 = 770_123_456_789;
pub const FIRST_NAME: &str = "Yessenia-marker";
pub const USERNAME: &str = "yessenia_handle_4242";
pub const STORY: &str =
    "Un agente del INM en Tapachula me quitó el pasaporte y pidió dinero para devolverlo";

/// A server with Telegram enabled against a fresh Bot API stand-in.
pub struct Tg {
    pub app: TestApp,
    pub api: MockServer,
    pub secret: String,
    next_update: AtomicU32,
}

/// Answers sendMessage like Telegram: the message, with a fresh id, in the request's chat.
struct SentMessage(Arc<AtomicI64>);

impl Respond for SentMessage {
    fn respond(&self, req: &Request) -> ResponseTemplate {
        let body: Value = serde_json::from_slice(&req.body).unwrap_or(Value::Null);
        let id = self.0.fetch_add(1, Ordering::Relaxed);
        ResponseTemplate::new(200).set_body_json(json!({
            "ok": true,
            "result": {
                "message_id": id,
                "date": 1_700_000_000,
                "chat": { "id": body["chat_id"], "type": "private", "first_name": "x" },
                "text": body["text"],
            }
        }))
    }
}

pub fn ok_true() -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(json!({ "ok": true, "result": true }))
}

/// The `[telegram]` section pointing at a stand-in.
pub fn telegram_section(secret: &str, api_url: &str) -> String {
    format!(
        "[telegram]\nenabled = true\nbot_token = \"{BOT_TOKEN}\"\n\
         webhook_secret = \"{secret}\"\napi_url = \"{api_url}\"\n"
    )
}

/// The Bot API methods every test needs: sendMessage (answering with fresh message ids from
/// 1000 on), answerCallbackQuery and deleteMessages.
pub async fn mount_bot_api(api: &MockServer) {
    Mock::given(method("POST"))
        .and(path_regex(r"^/bot[^/]+/SendMessage$"))
        .respond_with(SentMessage(Arc::new(AtomicI64::new(1000))))
        .with_priority(10)
        .mount(api)
        .await;
    Mock::given(method("POST"))
        .and(path_regex(
            r"^/bot[^/]+/(AnswerCallbackQuery|DeleteMessages|DeleteMessage|EditMessageReplyMarkup)$",
        ))
        .respond_with(ok_true())
        .with_priority(10)
        .mount(api)
        .await;
}

impl Tg {
    pub async fn spawn(db: Db) -> Self {
        Self::spawn_with(db, |c| c).await
    }

    /// Like [`Tg::spawn`], with the config text edited before the server starts.
    pub async fn spawn_with(db: Db, edit: impl FnOnce(String) -> String + Send + 'static) -> Self {
        let api = MockServer::start().await;
        mount_bot_api(&api).await;
        let secret = format!("s3cret_{}", random_token());
        let uri = api.uri();
        let s = secret.clone();
        let app = spawn_app_with(db, move |c| {
            edit(format!("{c}\n{}", telegram_section(&s, &uri)))
        })
        .await;
        Self {
            app,
            api,
            secret,
            next_update: AtomicU32::new(1),
        }
    }

    pub fn update_id(&self) -> u32 {
        self.next_update.fetch_add(1, Ordering::Relaxed)
    }

    /// Posts an update with the right secret; returns the status.
    pub async fn post(&self, update: &Value) -> u16 {
        self.post_with(update, Some(&self.secret)).await
    }

    pub async fn post_with(&self, update: &Value, secret: Option<&str>) -> u16 {
        let mut req = self
            .app
            .http
            .post(format!("{}/webhooks/telegram", self.app.address))
            .json(update);
        if let Some(s) = secret {
            req = req.header("X-Telegram-Bot-Api-Secret-Token", s);
        }
        req.send().await.expect("request").status().as_u16()
    }

    /// Sends text from the private chat; returns the texts the bot sent in answer.
    pub async fn say(&self, text: &str) -> Vec<Value> {
        let before = self.sent().await.len();
        let id = self.update_id();
        assert_eq!(
            self.post(&text_update(id, CHAT, "private", text)).await,
            200
        );
        self.sent().await.split_off(before)
    }

    /// Presses the button `key` on the last menu the bot sent; returns the messages the bot
    /// sent in answer.
    pub async fn press(&self, key: &str) -> Vec<Value> {
        let sent = self.sent().await;
        let data = sent
            .iter()
            .rev()
            .flat_map(all_data)
            .find(|d| d == key || d.split('#').next() == Some(key))
            .unwrap_or_else(|| panic!("no button {key} on any menu"));
        self.press_data(&data).await
    }

    /// Presses a button with exactly this callback data.
    pub async fn press_data(&self, data: &str) -> Vec<Value> {
        let before = self.sent().await.len();
        let id = self.update_id();
        assert_eq!(self.post(&button_update(id, CHAT, data)).await, 200);
        self.sent().await.split_off(before)
    }

    /// Bodies of every request to a Bot API method, in order.
    pub async fn calls(&self, method_name: &str) -> Vec<Value> {
        let suffix = format!("/{method_name}");
        self.api
            .received_requests()
            .await
            .unwrap_or_default()
            .into_iter()
            .filter(|r| r.url.path().ends_with(&suffix))
            .map(|r| serde_json::from_slice(&r.body).unwrap_or(Value::Null))
            .collect()
    }

    pub async fn sent(&self) -> Vec<Value> {
        self.calls("SendMessage").await
    }
}

fn user(chat: i64) -> Value {
    json!({
        "id": chat, "is_bot": false, "first_name": FIRST_NAME, "username": USERNAME,
        "language_code": "es"
    })
}

fn chat_json(chat: i64, kind: &str) -> Value {
    if kind == "private" {
        json!({ "id": chat, "type": "private", "first_name": FIRST_NAME, "username": USERNAME })
    } else {
        json!({ "id": chat, "type": kind, "title": "Grupo de prueba" })
    }
}

pub fn message(chat: i64, kind: &str, extra: Value) -> Value {
    let mut m = json!({
        "message_id": 7,
        "date": 1_700_000_000,
        "chat": chat_json(chat, kind),
        "from": user(chat),
    });
    if let (Some(m), Some(extra)) = (m.as_object_mut(), extra.as_object()) {
        for (k, v) in extra {
            m.insert(k.clone(), v.clone());
        }
    }
    m
}

pub fn text_update(id: u32, chat: i64, kind: &str, text: &str) -> Value {
    json!({ "update_id": id, "message": message(chat, kind, json!({ "text": text })) })
}

pub fn button_update(id: u32, chat: i64, data: &str) -> Value {
    json!({
        "update_id": id,
        "callback_query": {
            "id": format!("cb{id}"),
            "from": user(chat),
            "chat_instance": "42",
            "data": data,
            "message": message(chat, "private", json!({ "text": "menu" })),
        }
    })
}

pub fn text_of(v: &Value) -> String {
    v["text"].as_str().unwrap_or_default().to_owned()
}

/// The callback data of every button of a message.
fn all_data(v: &Value) -> Vec<String> {
    v["reply_markup"]["inline_keyboard"]
        .as_array()
        .map(|rows| {
            rows.iter()
                .flat_map(|r| r.as_array().cloned().unwrap_or_default())
                .filter_map(|b| b["callback_data"].as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

/// The menu keys of a message's buttons.
fn buttons(v: &Value) -> Vec<String> {
    all_data(v)
        .iter()
        .map(|d| d.split('#').next().unwrap_or_default().to_owned())
        .collect()
}

/// A small JPEG whose EXIF holds a GPS position (tag 0x8825 → GPSLatitudeRef, GPSLatitude):
/// real pixels (64 × 48, encoded here with the `image` crate), and the EXIF segment built by
/// hand and put right after SOI, where a camera writes it.
pub fn jpeg_with_gps() -> Vec<u8> {
    fn segment(marker: u8, payload: &[u8]) -> Vec<u8> {
        let mut s = vec![0xFF, marker];
        s.extend_from_slice(
            &u16::try_from(payload.len() + 2)
                .expect("small")
                .to_be_bytes(),
        );
        s.extend_from_slice(payload);
        s
    }
    let mut tiff = b"MM\0\x2a\0\0\0\x08".to_vec();
    // IFD0 at 8: one entry, GPSInfo (0x8825, LONG, 1) pointing at the GPS IFD at 26.
    tiff.extend_from_slice(&[0, 1, 0x88, 0x25, 0, 4, 0, 0, 0, 1, 0, 0, 0, 26, 0, 0, 0, 0]);
    // GPS IFD at 26: LatitudeRef "N", Latitude three rationals at 56.
    tiff.extend_from_slice(&[0, 2]);
    tiff.extend_from_slice(&[0, 1, 0, 2, 0, 0, 0, 2, b'N', 0, 0, 0]);
    tiff.extend_from_slice(&[0, 2, 0, 5, 0, 0, 0, 3, 0, 0, 0, 56]);
    tiff.extend_from_slice(&[0, 0, 0, 0]);
    for (n, d) in [(14u32, 1u32), (54, 1), (3000, 100)] {
        tiff.extend_from_slice(&n.to_be_bytes());
        tiff.extend_from_slice(&d.to_be_bytes());
    }
    let mut exif = b"Exif\0\0".to_vec();
    exif.extend(tiff);
    let mut plain = Vec::new();
    image::RgbImage::from_fn(64, 48, |x, y| {
        image::Rgb([
            u8::try_from(x * 4).expect("small"),
            u8::try_from(y * 5).expect("small"),
            128,
        ])
    })
    .write_with_encoder(image::codecs::jpeg::JpegEncoder::new_with_quality(
        &mut plain, 90,
    ))
    .expect("encode");
    let mut jpeg = plain[..2].to_vec();
    jpeg.extend(segment(0xE1, &exif));
    jpeg.extend_from_slice(&plain[2..]);
    jpeg
}

/// The GPSInfo entry of IFD0, as it appears in the file.
pub const GPS_TAG: &[u8] = &[0x88, 0x25, 0, 4];

pub fn has(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

impl Tg {
    /// Serves a file through getFile and the file path, as the Bot API does.
    pub async fn serve_file(&self, file_id: &str, bytes: Vec<u8>) {
        let file_path = format!("{file_id}.bin");
        Mock::given(method("POST"))
            .and(path_regex(r"^/bot[^/]+/GetFile$"))
            .and(wiremock::matchers::body_partial_json(
                json!({ "file_id": file_id }),
            ))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({
                "ok": true,
                "result": { "file_id": file_id, "file_unique_id": format!("u-{file_id}"),
                            "file_size": bytes.len(), "file_path": file_path }
            })))
            .mount(&self.api)
            .await;
        Mock::given(method("GET"))
            .and(path_regex(format!(r"^/file/bot[^/]+/{file_id}\.bin$")))
            .respond_with(ResponseTemplate::new(200).set_body_bytes(bytes))
            .mount(&self.api)
            .await;
    }

    /// Sends a message with a file (`{"voice": {...}}`, `{"photo": [...]}`, …).
    pub async fn send_media(&self, media: Value) -> Vec<Value> {
        let before = self.sent().await.len();
        let id = self.update_id();
        let u = json!({ "update_id": id, "message": message(CHAT, "private", media) });
        assert_eq!(self.post(&u).await, 200);
        self.sent().await.split_off(before)
    }
}

/// A whole conversation with buttons and typed numbers, a voice note and a photo, then the
/// analyst's copy, then the conversation erased from the phone except the receipt.
async fn a_telegram_complaint_with_buttons_and_typed_numbers_reaches_its_orgs(db: Db) {
    let tg = Tg::spawn(db).await;
    // /start: Telegram says the phone is in Spanish, so consent comes in Spanish, with a
    // button to change language.
    let r = tg.say("/start").await;
    assert_eq!(r.len(), 1, "{r:?}");
    assert!(text_of(&r[0]).contains("Buzón envía su denuncia"), "{r:?}");
    assert_eq!(buttons(&r[0]), ["1", "2", "0"]);
    assert_eq!(r[0]["chat_id"], json!(CHAT));
    let r = tg.press("1").await;
    assert!(text_of(&r[0]).contains("Cuente qué pasó"), "{r:?}");
    tg.say(STORY).await;
    let voice = b"OggS\0voice-note-bytes".repeat(50);
    tg.serve_file("voice-1", voice.clone()).await;
    let r = tg
        .send_media(
            json!({ "voice": { "file_id": "voice-1", "file_unique_id": "uv1",
            "duration": 4, "mime_type": "audio/ogg", "file_size": voice.len() } }),
        )
        .await;
    assert!(text_of(&r[0]).contains("nota de voz"), "{r:?}");
    let photo = jpeg_with_gps();
    tg.serve_file("photo-big", photo.clone()).await;
    let r = tg
        .send_media(json!({ "caption": "La foto de la garita", "photo": [
            { "file_id": "photo-small", "file_unique_id": "ups", "width": 90, "height": 90,
              "file_size": 10 },
            { "file_id": "photo-big", "file_unique_id": "upb", "width": 1280, "height": 960,
              "file_size": photo.len() } ] }))
        .await;
    assert!(text_of(&r[0]).contains("foto"), "{r:?}");
    // Typed numbers work as well as buttons.
    let r = tg.say("1").await;
    assert_eq!(buttons(&r[0]).len(), 15, "violation menu as buttons: {r:?}");
    tg.press("2").await; // extortion
    tg.press("1").await; // INM agents
    tg.say("1").await; // Chiapas
    tg.press("2").await; // this week
    let r = tg.press("1").await; // send to the routed bodies
    let summary = text_of(&r[0]);
    assert!(summary.starts_with("Qué: Extorsión"), "{r:?}");
    // Labelled fields she can check one by one.
    assert!(
        summary.contains("Quién: Agentes de Migración (INM). Dónde: Chiapas. Cuándo: Esta semana."),
        "{summary}"
    );
    assert!(
        summary.contains("nota de voz") && summary.contains("foto"),
        "{summary}"
    );
    let before = tg.sent().await.len();
    let r = tg.press("1").await; // confirm
    let last = r.iter().map(text_of).collect::<Vec<_>>().join("\n");
    let receipt = receipt_in(&last).unwrap_or_else(|| panic!("no receipt: {last}"));
    let receipt_msg = 1000
        + i64::try_from(
            before
                + r.iter()
                    .position(|m| text_of(m).contains(&receipt))
                    .expect("receipt"),
        )
        .expect("small");
    let offer = r.last().expect("the erase offer");
    assert_eq!(
        buttons(offer),
        ["erase:keep-receipt", "erase:all", "erase:no"]
    );
    assert_eq!(tg.app.counts().await.cases, 1);
    assert_eq!(tg.app.counts().await.drafts, 0);
    // Every button press was answered, so no spinner is left turning.
    assert_eq!(tg.calls("AnswerCallbackQuery").await.len(), 6);
    // …and each pressed menu lost its buttons, so it cannot answer a later question.
    assert_eq!(tg.calls("EditMessageReplyMarkup").await.len(), 6);

    let r = tg.say(&format!("/status {receipt}")).await;
    assert!(text_of(&r[0]).contains("CNDH: entregada el"), "{r:?}");

    let out = tg.app.dir.path().join("inbox-oic");
    let printed = tg.app.inbox_pull("oic", &tg.app.token_for("oic"), &out);
    assert!(printed.starts_with("1 new case(s)"), "{printed}");
    let case = std::fs::read_dir(&out)
        .expect("out")
        .flatten()
        .next()
        .expect("a case")
        .path();
    let c: Value =
        serde_json::from_slice(&std::fs::read(case.join("complaint.json")).expect("json"))
            .expect("valid");
    assert_eq!(c["channel"], "telegram");
    assert_eq!(c["narrative"], json!([STORY, "La foto de la garita"]));
    assert_eq!(c["violation"]["code"], 2);
    assert_eq!(c["state"]["code"], "CHP");
    let files: Vec<(String, String)> = c["attachments"]
        .as_array()
        .expect("attachments")
        .iter()
        .map(|f| {
            (
                f["name"].as_str().unwrap_or_default().to_owned(),
                f["role"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect();
    assert_eq!(
        files,
        [
            ("01-voice.ogg".to_owned(), "file".to_owned()),
            ("02-photo.jpg".to_owned(), "working_copy".to_owned()),
            (
                "02-photo.original.jpg".to_owned(),
                "original_evidence".to_owned()
            ),
        ]
    );
    assert!(
        c["attachments"][0].get("data").is_none(),
        "bytes are in the files, not the JSON"
    );
    assert_eq!(
        std::fs::read(case.join("01-voice.ogg")).expect("voice"),
        voice
    );
    let original = std::fs::read(case.join("02-photo.original.jpg")).expect("original");
    assert_eq!(original, photo, "the evidence is untouched");
    assert!(has(&original, GPS_TAG) && has(&original, b"Exif"));
    let working = std::fs::read(case.join("02-photo.jpg")).expect("working copy");
    assert!(
        !has(&working, GPS_TAG) && !has(&working, b"Exif"),
        "GPS is gone"
    );
    assert!(working.starts_with(&[0xFF, 0xD8]) && working.ends_with(&[0xFF, 0xD9]));
    let md = std::fs::read_to_string(case.join("complaint.md")).expect("md");
    assert!(md.contains("02-photo.original.jpg"), "{md}");

    // Clean phone: everything but the receipt goes.
    tg.press("erase:keep-receipt").await;
    let deletes = tg.calls("DeleteMessages").await;
    assert_eq!(deletes.len(), 1, "{deletes:?}");
    assert_eq!(deletes[0]["chat_id"], json!(CHAT));
    let ids: Vec<i64> = deletes[0]["message_ids"]
        .as_array()
        .expect("ids")
        .iter()
        .filter_map(Value::as_i64)
        .collect();
    assert!(!ids.contains(&receipt_msg), "the receipt stays: {ids:?}");
    assert!(
        ids.contains(&1000) && ids.contains(&7),
        "the bot's and the reporter's: {ids:?}"
    );
    assert!(
        ids.contains(&(receipt_msg + 1)),
        "the offer itself goes: {ids:?}"
    );
}
both_databases!(a_telegram_complaint_with_buttons_and_typed_numbers_reaches_its_orgs);

/// Invariant 5: a wrong or missing secret is 401 and changes nothing.
#[tokio::test]
async fn a_telegram_update_with_a_wrong_or_missing_secret_is_rejected_and_nothing_is_stored() {
    let tg = Tg::spawn(Db::Sqlite).await;
    let before = tg.app.counts().await;
    let u = text_update(1, CHAT, "private", STORY);
    assert_eq!(tg.post_with(&u, None).await, 401);
    assert_eq!(tg.post_with(&u, Some("wrong")).await, 401);
    let almost = format!("{}x", tg.secret);
    assert_eq!(tg.post_with(&u, Some(&almost)).await, 401);
    assert_eq!(tg.app.counts().await, before);
    assert!(tg.sent().await.is_empty());
    // The same update with the right secret is taken.
    assert_eq!(tg.post(&u).await, 200);
    assert_eq!(tg.app.counts().await.drafts, 1);
}

/// A redelivered update id changes nothing and sends nothing.
async fn a_duplicate_update_id_changes_nothing(db: Db) {
    let tg = Tg::spawn(db).await;
    let u = text_update(500, CHAT, "private", STORY);
    assert_eq!(tg.post(&u).await, 200);
    let before = tg.app.counts().await;
    let sent = tg.sent().await.len();
    assert_eq!(tg.post(&u).await, 200);
    assert_eq!(tg.app.counts().await, before);
    assert_eq!(tg.sent().await.len(), sent);
    // An unusable update is remembered too: its notice is sent once.
    let sticker = json!({ "update_id": 501, "message": message(CHAT, "private", json!({
        "sticker": { "file_id": "st1", "file_unique_id": "u1", "type": "regular",
                     "width": 512, "height": 512, "is_animated": false, "is_video": false }
    }))});
    assert_eq!(tg.post(&sticker).await, 200);
    assert_eq!(tg.post(&sticker).await, 200);
    assert_eq!(tg.sent().await.len(), sent + 1);
}
both_databases!(a_duplicate_update_id_changes_nothing);

#[tokio::test]
async fn updates_from_a_group_chat_are_ignored_silently() {
    let tg = Tg::spawn(Db::Sqlite).await;
    let before = tg.app.counts().await;
    for kind in ["group", "supergroup"] {
        let u = text_update(tg.update_id(), -100_987_654, kind, STORY);
        assert_eq!(tg.post(&u).await, 200);
    }
    let post = json!({ "update_id": tg.update_id(), "channel_post": {
        "message_id": 1, "date": 1_700_000_000,
        "chat": { "id": -100_555, "type": "channel", "title": "c" }, "text": STORY
    }});
    assert_eq!(tg.post(&post).await, 200);
    assert_eq!(tg.app.counts().await.drafts, before.drafts);
    assert_eq!(tg.app.counts().await.cases, 0);
    assert!(tg.sent().await.is_empty(), "nothing is said in a group");
}

#[tokio::test]
async fn unsupported_updates_get_200_and_a_short_reply_in_a_private_chat() {
    let tg = Tg::spawn(Db::Sqlite).await;
    let location = json!({ "update_id": tg.update_id(), "message": message(CHAT, "private",
        json!({ "location": { "latitude": 14.9, "longitude": -92.26 } })) });
    assert_eq!(tg.post(&location).await, 200);
    let edited = json!({ "update_id": tg.update_id(), "edited_message": message(CHAT, "private",
        json!({ "text": "corrección", "edit_date": 1_700_000_100 })) });
    assert_eq!(tg.post(&edited).await, 200);
    let unknown = json!({ "update_id": tg.update_id(), "some_future_kind": { "x": 1 } });
    assert_eq!(tg.post(&unknown).await, 200);
    let garbage = json!({ "not": "an update" });
    assert_eq!(tg.post(&garbage).await, 200);
    let sent: Vec<String> = tg.sent().await.iter().map(text_of).collect();
    assert_eq!(sent.len(), 2, "{sent:?}");
    assert!(sent[0].contains("notas de voz"), "{sent:?}");
    assert!(sent[1].contains("editados"), "{sent:?}");
    assert_eq!(tg.app.counts().await.drafts, 0);
}

/// A 429 is waited out (retry_after) and the reply arrives; the case is never at risk.
#[tokio::test]
async fn a_429_from_the_bot_api_is_retried_after_the_wait_it_asks_for() {
    let tg = Tg::spawn(Db::Sqlite).await;
    Mock::given(method("POST"))
        .and(path_regex(r"^/bot[^/]+/SendMessage$"))
        .respond_with(ResponseTemplate::new(429).set_body_json(json!({
            "ok": false, "error_code": 429, "description": "Too Many Requests: retry after 1",
            "parameters": { "retry_after": 1 }
        })))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&tg.api)
        .await;
    let started = std::time::Instant::now();
    let r = tg.say("/start").await;
    assert!(started.elapsed() >= std::time::Duration::from_secs(1));
    assert_eq!(r.len(), 2, "one refused attempt, then the reply: {r:?}");
    assert_eq!(text_of(&r[0]), text_of(&r[1]));
}

/// A 500 from sendMessage after the case is committed: the webhook still answers 200, the
/// case is kept, the redelivered update changes nothing, and the receipt goes out on a later
/// attempt.
#[tokio::test]
async fn a_500_from_the_bot_api_loses_no_case_and_is_not_a_webhook_error() {
    let tg = Tg::spawn(Db::Sqlite).await;
    tg.say("/start").await;
    tg.press("1").await;
    tg.say(STORY).await;
    tg.say("1").await;
    for a in ["2", "1", "1", "2", "1"] {
        tg.press(a).await;
    }
    Mock::given(method("POST"))
        .and(path_regex(r"^/bot[^/]+/SendMessage$"))
        .respond_with(ResponseTemplate::new(500).set_body_json(json!({
            "ok": false, "error_code": 500, "description": "Internal Server Error"
        })))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&tg.api)
        .await;
    let before = tg.sent().await.len();
    let confirm = button_update(9000, CHAT, "1");
    assert_eq!(tg.post(&confirm).await, 200);
    assert_eq!(tg.app.counts().await.cases, 1, "the case is committed");
    assert_eq!(tg.post(&confirm).await, 200);
    assert_eq!(
        tg.app.counts().await.cases,
        1,
        "a redelivery files nothing twice"
    );
    // The receipt is retried in the background until Telegram takes it: the refused attempt
    // and a later one both carry it (the stand-in records both).
    let mut attempts = 0;
    for _ in 0..80 {
        attempts = tg.sent().await[before..]
            .iter()
            .filter(|m| receipt_in(&text_of(m)).is_some())
            .count();
        if attempts >= 2 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(250)).await;
    }
    assert_eq!(attempts, 2, "the receipt reached the reporter after all");
}

#[tokio::test]
async fn telegram_enabled_without_a_valid_secret_refuses_to_start() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = format!("sqlite://{}", dir.path().join("db.sqlite").display());
    let (config, _) = crate::helpers::write_config(dir.path(), &db, "tok");
    let base = std::fs::read_to_string(&config).expect("config");
    for (section, expect) in [
        ("bot_token = \"1:a\"\n", "webhook_secret is not set"),
        (
            "bot_token = \"1:a\"\nwebhook_secret = \"has space\"\n",
            "webhook_secret must be",
        ),
        (
            &format!(
                "bot_token = \"1:a\"\nwebhook_secret = \"{}\"\n",
                "a".repeat(257)
            ),
            "webhook_secret must be",
        ),
        ("webhook_secret = \"abc\"\n", "bot_token is not set"),
    ] {
        std::fs::write(
            &config,
            format!("{base}[telegram]\nenabled = true\n{section}"),
        )
        .expect("write");
        let o = std::process::Command::new(crate::helpers::bin())
            .args(["serve", "--config"])
            .arg(&config)
            .output()
            .expect("runs");
        assert!(!o.status.success());
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.contains(expect), "{err}");
        assert_eq!(err.trim().lines().count(), 1, "one clear line: {err}");
    }
}

/// Files over 20 MB and types Buzón does not take are refused politely, before downloading.
#[tokio::test]
async fn an_oversized_or_unsupported_file_is_refused_in_the_reporters_language() {
    let tg = Tg::spawn(Db::Sqlite).await;
    let r = tg
        .send_media(
            json!({ "voice": { "file_id": "huge", "file_unique_id": "uh",
            "duration": 900, "mime_type": "audio/ogg", "file_size": 25_000_000 } }),
        )
        .await;
    assert!(text_of(&r[0]).contains("20 MB"), "{r:?}");
    let r = tg
        .send_media(
            json!({ "document": { "file_id": "zip", "file_unique_id": "uz",
            "file_name": "x.zip", "mime_type": "application/zip", "file_size": 100 } }),
        )
        .await;
    assert!(text_of(&r[0]).contains("tipo de archivo"), "{r:?}");
    // A document that claims to be a picture but is not one is refused after download.
    tg.serve_file("fake", b"MZ-not-an-image".to_vec()).await;
    let r = tg
        .send_media(
            json!({ "document": { "file_id": "fake", "file_unique_id": "uf",
            "file_name": "x.jpg", "mime_type": "image/jpeg", "file_size": 15 } }),
        )
        .await;
    assert!(text_of(&r[0]).contains("tipo de archivo"), "{r:?}");
    assert_eq!(
        tg.calls("GetFile").await.len(),
        1,
        "only the plausible file is fetched"
    );
    assert_eq!(tg.app.counts().await.drafts, 0);
}

/// `/delete` erases the draft and the conversation in the chat, and says nothing after.
#[tokio::test]
async fn delete_erases_the_draft_and_the_chat() {
    let tg = Tg::spawn(Db::Sqlite).await;
    tg.say("/start").await;
    tg.press("1").await;
    tg.say(STORY).await;
    assert_eq!(tg.app.counts().await.drafts, 1);
    let sent = tg.sent().await.len();
    let r = tg.say("/delete").await;
    assert!(r.is_empty(), "nothing is left behind: {r:?}");
    assert_eq!(tg.app.counts().await.drafts, 0);
    let deletes = tg.calls("DeleteMessages").await;
    assert_eq!(deletes.len(), 1);
    let ids = deletes[0]["message_ids"].as_array().expect("ids").len();
    assert_eq!(
        ids,
        sent + 1,
        "every bot message and the reporter's: {deletes:?}"
    );
}

/// `buzon telegram set-webhook` registers the webhook with its secret and update kinds, and
/// the command menu for the default and each shipped language.
#[tokio::test]
async fn set_webhook_registers_the_secret_the_update_kinds_and_the_commands() {
    let tg = Tg::spawn(Db::Sqlite).await;
    Mock::given(method("POST"))
        .and(path_regex(r"^/bot[^/]+/(SetWebhook|SetMyCommands)$"))
        .respond_with(ok_true())
        .mount(&tg.api)
        .await;
    let o = std::process::Command::new(crate::helpers::bin())
        .args(["telegram", "set-webhook", "--config"])
        .arg(&tg.app.config)
        .output()
        .expect("runs");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    // setWebhook goes as multipart/form-data (it may carry a certificate).
    let hook: Vec<String> = tg
        .api
        .received_requests()
        .await
        .unwrap_or_default()
        .into_iter()
        .filter(|r| r.url.path().ends_with("/SetWebhook"))
        .map(|r| String::from_utf8_lossy(&r.body).into_owned())
        .collect();
    assert_eq!(hook.len(), 1);
    let field = |name: &str| {
        let at = hook[0]
            .find(&format!("name=\"{name}\""))
            .unwrap_or_else(|| panic!("{name} in {}", hook[0]));
        hook[0][at..]
            .split("\r\n\r\n")
            .nth(1)
            .and_then(|v| v.split("\r\n").next())
            .unwrap_or_default()
            .to_owned()
    };
    assert_eq!(field("url"), "https://buzon.test/webhooks/telegram");
    assert_eq!(field("secret_token"), tg.secret);
    assert_eq!(
        field("allowed_updates"),
        r#"["message","edited_message","callback_query"]"#
    );
    let commands = tg.calls("SetMyCommands").await;
    let langs: Vec<&str> = commands
        .iter()
        .map(|c| c["language_code"].as_str().unwrap_or("default"))
        .collect();
    let cat = buzon::i18n::Catalog::load(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("locales"),
    )
    .expect("locales");
    let mut expected = vec!["default"];
    expected.extend(
        cat.languages()
            .iter()
            .filter(|l| l.as_str().len() == 2 && !cat.is_partial(l))
            .map(|l| l.as_str()),
    );
    assert_eq!(langs, expected);
    assert!(
        !langs.contains(&"quc"),
        "Telegram takes two-letter codes only"
    );
    let names: Vec<&str> = commands[0]["commands"]
        .as_array()
        .expect("commands")
        .iter()
        .filter_map(|c| c["command"].as_str())
        .collect();
    assert_eq!(
        names,
        ["start", "help", "language", "status", "cancel", "delete"]
    );
    let printed = String::from_utf8_lossy(&o.stdout);
    assert!(!printed.contains(BOT_TOKEN.split(':').nth(1).expect("token")));
}

/// `mode = "polling"`: the server asks getUpdates and handles what comes like a webhook call;
/// the webhook route is closed.
#[tokio::test]
async fn polling_mode_handles_updates_without_a_webhook() {
    let api = MockServer::start().await;
    mount_bot_api(&api).await;
    Mock::given(method("POST"))
        .and(path_regex(r"^/bot[^/]+/DeleteWebhook$"))
        .respond_with(ok_true())
        .mount(&api)
        .await;
    Mock::given(method("POST"))
        .and(path_regex(r"^/bot[^/]+/GetUpdates$"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "ok": true, "result": [ text_update(41, CHAT, "private", STORY) ]
        })))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&api)
        .await;
    Mock::given(method("POST"))
        .and(path_regex(r"^/bot[^/]+/GetUpdates$"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({ "ok": true, "result": [] })))
        .with_priority(5)
        .mount(&api)
        .await;
    let uri = api.uri();
    let app = spawn_app_with(Db::Sqlite, move |c| {
        format!(
            "{c}\n[telegram]\nenabled = true\nmode = \"polling\"\nbot_token = \"{BOT_TOKEN}\"\n\
             api_url = \"{uri}\"\n"
        )
    })
    .await;
    let mut sent = Vec::new();
    for _ in 0..50 {
        sent = api
            .received_requests()
            .await
            .unwrap_or_default()
            .into_iter()
            .filter(|r| r.url.path().ends_with("/SendMessage"))
            .collect();
        if !sent.is_empty() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(sent.len(), 1, "the polled update was answered");
    assert_eq!(app.counts().await.drafts, 1);
    let polls: Vec<Value> = api
        .received_requests()
        .await
        .unwrap_or_default()
        .into_iter()
        .filter(|r| r.url.path().ends_with("/GetUpdates"))
        .map(|r| serde_json::from_slice(&r.body).unwrap_or(Value::Null))
        .collect();
    assert!(polls.len() >= 2);
    assert_eq!(
        polls[1]["offset"], 42,
        "the offset moves past the handled update"
    );
    let status = app
        .http
        .post(format!("{}/webhooks/telegram", app.address))
        .json(&json!({}))
        .send()
        .await
        .expect("request")
        .status();
    assert_eq!(status, 404);
}

/// A press on an old menu (the reporter typed instead of pressing, then scrolled back) does
/// not answer the current question.
#[tokio::test]
async fn a_button_on_an_old_menu_changes_nothing() {
    let tg = Tg::spawn(Db::Sqlite).await;
    let r = tg.say("/start").await;
    let consent_yes = all_data(&r[0])[0].clone();
    assert_eq!(consent_yes, "1#consent");
    tg.say("1").await; // typed: now at the story
    tg.say(STORY).await;
    tg.say("1").await; // now at the violation menu
    let r = tg.press_data(&consent_yes).await;
    assert_eq!(r.len(), 1, "{r:?}");
    assert!(text_of(&r[0]).contains("menú"), "{r:?}");
    // The violation question still waits: its "2" is extortion, not "change language".
    let r = tg.press("2").await;
    assert!(text_of(&r[0]).contains("Quién"), "{r:?}");
}

/// A shelter volunteer on Telegram: `/shelter <code>`, `/new`, the person's receipt as a
/// message of its own in the person's language, and an erase offer that keeps nothing.
#[tokio::test]
async fn a_volunteer_files_for_a_person_and_the_phone_keeps_no_receipt() {
    let tg = Tg::spawn(Db::Sqlite).await;
    let code = crate::helpers::run_ok(&[
        "shelter".as_ref(),
        "invite".as_ref(),
        "albergue".as_ref(),
        "--config".as_ref(),
        tg.app.config.as_os_str(),
    ]);
    let r = tg.say(&format!("/shelter {code}")).await;
    assert!(text_of(&r[0]).contains("Albergue"), "{r:?}");
    let r = tg.say("/new").await;
    assert!(text_of(&r[0]).contains("Denuncia con Albergue"), "{r:?}");
    assert_eq!(buttons(&r[0]), ["1", "0"]);
    tg.press("1").await; // present and agrees
    tg.say("4").await; // she spoke French
    tg.press("2").await; // not interpreted
    tg.say(STORY).await;
    for answer in ["1", "2", "1", "1", "1", "1", "2", "2"] {
        tg.say(answer).await;
    }
    let r = tg.press("1").await; // confirm
    let texts: Vec<String> = r.iter().map(text_of).collect();
    let at = texts
        .iter()
        .position(|t| t.starts_with("Reçu de plainte") || t.contains("STATUT"))
        .unwrap_or_else(|| panic!("a receipt in French: {texts:?}"));
    assert!(receipt_in(&texts[at]).is_some(), "{texts:?}");
    assert!(
        receipt_in(&texts[..at].join("\n")).is_none(),
        "the receipt is a message of its own: {texts:?}"
    );
    let offer = r.last().expect("the erase offer");
    assert_eq!(buttons(offer), ["erase:all"], "{offer:?}");
    assert_eq!(tg.app.counts().await.cases, 1);
    assert_eq!(tg.app.counts().await.drafts, 0);
    tg.press("erase:all").await;
    let deletes = tg.calls("DeleteMessages").await;
    let deleted = deletes
        .last()
        .and_then(|d| d["message_ids"].as_array().cloned())
        .unwrap_or_default();
    let receipt_id = 1000
        + i64::try_from(
            tg.sent()
                .await
                .iter()
                .position(|m| text_of(m) == texts[at])
                .expect("sent"),
        )
        .expect("small");
    assert!(
        deleted.contains(&json!(receipt_id)),
        "the receipt goes too: {deleted:?}"
    );
}
