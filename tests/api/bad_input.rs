//! Bad input of every shape gets a clear answer and loses nothing.

use crate::helpers::{Db, PUBLIC_URL, SMS_PATH, spawn_app};
use buzon::channels::twilio;

const FROM: &str = "+5215559990000";
const STORY: &str =
    "Los policías municipales me detuvieron y me quitaron mi mochila sin razón alguna";

async fn an_sms_without_a_valid_signature_is_rejected_and_nothing_is_stored(db: Db) {
    let app = spawn_app(db).await;
    let url = format!("{}{SMS_PATH}", app.address);
    let params = [("MessageSid", "SMx1"), ("From", FROM), ("Body", STORY)];
    let unsigned = app.http.post(&url).form(&params).send().await.expect("req");
    assert_eq!(unsigned.status(), 403);
    let json: serde_json::Value = unsigned.json().await.expect("json");
    assert_eq!(json["error"], "forbidden");

    let wrong_key = twilio::sign(
        b"not-the-token",
        &format!("{PUBLIC_URL}{SMS_PATH}"),
        &params,
    );
    let wrong_url = twilio::sign(
        app.auth_token.as_bytes(),
        &format!("{}{SMS_PATH}", app.address),
        &params,
    );
    for sig in [wrong_key.as_str(), wrong_url.as_str(), "garbage", ""] {
        let resp = app
            .http
            .post(&url)
            .header("X-Twilio-Signature", sig)
            .form(&params)
            .send()
            .await
            .expect("req");
        assert_eq!(resp.status(), 403, "signature {sig:?}");
    }
    // A valid signature over other parameters does not cover these.
    let other = twilio::sign(
        app.auth_token.as_bytes(),
        &format!("{PUBLIC_URL}{SMS_PATH}"),
        &[("Body", "x")],
    );
    let resp = app
        .http
        .post(&url)
        .header("X-Twilio-Signature", other)
        .form(&params)
        .send()
        .await
        .expect("req");
    assert_eq!(resp.status(), 403);
    let c = app.counts().await;
    assert_eq!((c.drafts, c.seen_messages, c.cases), (0, 0, 0));
}
crate::both_databases!(an_sms_without_a_valid_signature_is_rejected_and_nothing_is_stored);

async fn authentic_but_unusable_forms_get_400_json(db: Db) {
    let app = spawn_app(db).await;
    for (params, what) in [
        (vec![("From", FROM), ("Body", "x")], "MessageSid"),
        (vec![("MessageSid", "SM1"), ("Body", "x")], "From"),
        (vec![("MessageSid", "SM2"), ("From", FROM)], "Body"),
        (vec![("%%%", "=&=")], "MessageSid"),
    ] {
        let r = app.post_signed(&params).await;
        assert_eq!(r.status, 400, "{what}: {}", r.body);
        let json: serde_json::Value = serde_json::from_str(&r.body).expect("json");
        assert_eq!(json["error"], "bad_request");
        assert!(
            json["message"].as_str().is_some_and(|m| m.contains(what)),
            "{}",
            r.body
        );
    }
}
crate::both_databases!(authentic_but_unusable_forms_get_400_json);

async fn odd_messages_get_a_reply_in_the_reporters_language_and_keep_the_draft(db: Db) {
    let app = spawn_app(db).await;
    app.sms(FROM, STORY).await;
    app.sms(FROM, "1").await;
    let long = "a".repeat(10_000);
    for (body, expect) in [
        ("", "No pudimos leerlo"),
        (long.as_str(), "Muy largo"),
        ("\0\0\0", "No pudimos leerlo"),
    ] {
        let r = app.sms(FROM, body).await;
        assert_eq!(r.status, 200);
        assert!(
            r.shows(expect),
            "{:?}: {}",
            body.chars().take(5).collect::<String>(),
            r.text()
        );
    }
    // Right-to-left text, emoji and a NUL inside words are story like any other.
    for body in ["ضربني الضابط 😢", "me\0 pegaron 👮‍♂️"] {
        let r = app.sms(FROM, body).await;
        assert!(r.shows("Recibido"), "{}", r.text());
    }
    // The draft survived all of it: finishing the story moves on to the violation menu.
    let r = app.sms(FROM, "1").await.text();
    assert!(crate::helpers::shows(&r, "¿Qué pasó?"), "{r}");
}
crate::both_databases!(odd_messages_get_a_reply_in_the_reporters_language_and_keep_the_draft);

async fn invalid_utf8_is_answered_not_refused(db: Db) {
    let app = spawn_app(db).await;
    app.sms(FROM, STORY).await;
    // Body bytes FF FE are not UTF-8. The signature covers the bytes as sent.
    let body = format!(
        "MessageSid=SMutf8&From={}&Body=%FF%FE",
        FROM.replace('+', "%2B")
    );
    let form = twilio::RawForm::parse(body.as_bytes());
    let sig = {
        use base64::Engine;
        base64::engine::general_purpose::STANDARD.encode(twilio::expected_signature(
            app.auth_token.as_bytes(),
            &format!("{PUBLIC_URL}{SMS_PATH}"),
            &form,
        ))
    };
    let resp = app
        .http
        .post(format!("{}{SMS_PATH}", app.address))
        .header("X-Twilio-Signature", sig)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body(body)
        .send()
        .await
        .expect("req");
    assert_eq!(resp.status(), 200);
    let text = buzon::cli::twiml_message(&resp.text().await.expect("body")).unwrap_or_default();
    assert!(crate::helpers::shows(&text, "No pudimos leerlo"), "{text}");
    assert_eq!(app.counts().await.drafts, 1);
}
crate::both_databases!(invalid_utf8_is_answered_not_refused);

async fn a_body_over_the_limit_gets_413_json(db: Db) {
    let app = spawn_app(db).await;
    let big = "x".repeat(buzon::api::MAX_BODY_BYTES + 1);
    let resp = app
        .http
        .post(format!("{}{SMS_PATH}", app.address))
        .header("X-Twilio-Signature", "AAAAAAAAAAAAAAAAAAAAAAAAAAA=")
        .body(big)
        .send()
        .await
        .expect("req");
    assert_eq!(resp.status(), 413);
    let json: serde_json::Value = resp.json().await.expect("json");
    assert_eq!(json["error"], "payload_too_large");
}
crate::both_databases!(a_body_over_the_limit_gets_413_json);

async fn unknown_routes_and_methods_get_json_errors(db: Db) {
    let app = spawn_app(db).await;
    for (path, status, error) in [
        ("/nope", 404, Some("not_found")),
        (SMS_PATH, 405, Some("method_not_allowed")),
        ("/healthz", 200, None),
    ] {
        let r = app
            .http
            .get(format!("{}{path}", app.address))
            .send()
            .await
            .expect("req");
        assert_eq!(r.status(), status, "{path}");
        if let Some(error) = error {
            let json: serde_json::Value = r.json().await.expect("json");
            assert_eq!(json["error"], error, "{path}");
        }
    }
}
crate::both_databases!(unknown_routes_and_methods_get_json_errors);

async fn sms_replies_stay_within_three_segments(db: Db) {
    let app = spawn_app(db).await;
    let from = "+5215558887777";
    let mut replies = vec![app.sms(from, "hola").await.text()];
    for a in ["1", STORY, "AYUDA", "1", "1", "5", "1", "1", "1", "1"] {
        replies.push(app.sms(from, a).await.text());
    }
    for (i, r) in replies.iter().enumerate() {
        let seg = buzon::channels::sms::segments(r);
        assert!(seg.count <= 3, "{} segments: {r}", seg.count);
        // The language menu names each language in its own script (العربية): UCS-2 by design.
        if i > 0 {
            let gsm = seg.encoding == buzon::channels::sms::Encoding::Gsm7;
            assert!(gsm, "Spanish folds to GSM-7: {r}");
        }
    }
}
crate::both_databases!(sms_replies_stay_within_three_segments);

async fn an_idle_draft_expires_and_the_sweeper_removes_it(db: Db) {
    let app = crate::helpers::spawn_app_with(db, |c| {
        c.replace("draft_ttl_minutes = 120", "draft_ttl_minutes = 0")
    })
    .await;
    app.sms(FROM, STORY).await;
    assert_eq!(app.counts().await.drafts, 1);
    // Expired at once: the next message starts afresh instead of continuing.
    let r = app.sms(FROM, "1").await;
    assert!(r.shows("Elija su idioma"), "{}", r.text());
    let swept = app
        .app
        .store
        .sweep(buzon::service::unix_now() + 1)
        .await
        .expect("sweep");
    assert!(swept >= 1);
    assert_eq!(app.counts().await.drafts, 0);
}
crate::both_databases!(an_idle_draft_expires_and_the_sweeper_removes_it);

async fn a_flooding_sender_gets_one_polite_reply_then_silence_and_the_database_is_untouched(
    db: Db,
) {
    let app = crate::helpers::spawn_app_with(db, |c| {
        c.replace(
            "[sms]",
            "[limits]\nsender_per_minute = 3\nsender_per_day = 100\n\n[sms]",
        )
    })
    .await;
    for _ in 0..3 {
        assert_eq!(app.sms(FROM, "hola").await.status, 200);
    }
    let before = app.counts().await;
    let told = app.sms(FROM, "hola").await;
    assert!(told.shows("Recibimos muchos mensajes"), "{}", told.text());
    for _ in 0..5 {
        let r = app.sms(FROM, "hola").await;
        assert_eq!(r.status, 200);
        assert!(r.body.contains("<Response/>"), "silence: {}", r.body);
    }
    assert_eq!(
        app.counts().await,
        before,
        "the flood never reached the database"
    );
    let other = app.sms("+5215550000000", "hola").await;
    assert!(
        other.shows("Elija su idioma"),
        "another sender is unaffected: {}",
        other.text()
    );
}
crate::both_databases!(
    a_flooding_sender_gets_one_polite_reply_then_silence_and_the_database_is_untouched
);
