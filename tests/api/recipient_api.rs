//! The recipient API: each org sees its own cases and nothing else.

use crate::both_databases;
use crate::helpers::{Db, TestApp, spawn_app};

async fn one_case_for_the_inm_oversight(app: &TestApp) -> String {
    app.file_complaint(
        "+5215557654321",
        &["Un agente de migración me golpeó en la estación y me quitó mis papeles"],
        &["1", "3", "1", "1", "1", "1", "1"],
    )
    .await
}

async fn case_id_for(app: &TestApp, token: &str) -> String {
    let cases = app.case_list(token).await;
    cases[0]["case_id"].as_str().expect("a case").to_owned()
}

/// An org that was not routed a case cannot list, fetch or ack it: 404, as if it did not exist.
async fn an_org_not_routed_a_case_cannot_see_it(db: Db) {
    let app = spawn_app(db).await;
    one_case_for_the_inm_oversight(&app).await;
    let oic = app.token_for("oic");
    let fgr = app.token_for("fgr");
    let id = case_id_for(&app, &oic).await;

    let list: serde_json::Value = app
        .api_get("/api/v1/cases", &fgr)
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(list["cases"], serde_json::json!([]));
    let fetch = app
        .api_get(&format!("/api/v1/cases/{id}/envelope"), &fgr)
        .await;
    assert_eq!(fetch.status(), 404);
    let ack = app.api_post(&format!("/api/v1/cases/{id}/ack"), &fgr).await;
    assert_eq!(ack.status(), 404);
    let missing = app
        .api_get(
            "/api/v1/cases/00000000000000000000000000000000/envelope",
            &fgr,
        )
        .await;
    assert_eq!(missing.status(), 404);
    let (a, b) = (
        fetch_body(&app, &id, &fgr).await,
        fetch_body(&app, "00000000000000000000000000000000", &fgr).await,
    );
    assert_eq!(a, b, "a case of another org looks exactly like no case");

    // The routed org's envelope is standard age, opens with its identity and no other.
    let resp = app
        .api_get(&format!("/api/v1/cases/{id}/envelope"), &oic)
        .await;
    assert_eq!(resp.status(), 200);
    let envelope = resp.bytes().await.expect("bytes");
    assert!(envelope.starts_with(b"age-encryption.org/v1\n"));
    let plain = app.decrypt_with("oic", &envelope).expect("oic decrypts");
    assert!(String::from_utf8_lossy(&plain).contains("me quitó mis papeles"));
    assert!(
        app.decrypt_with("cndh", &envelope).is_none(),
        "each org has its own envelope"
    );
    assert!(app.decrypt_with("fgr", &envelope).is_none());
    assert!(app.decrypt_with("albergue", &envelope).is_none());

    let ack = app.api_post(&format!("/api/v1/cases/{id}/ack"), &oic).await;
    assert_eq!(ack.status(), 200);
    let again = app.api_post(&format!("/api/v1/cases/{id}/ack"), &oic).await;
    assert_eq!(again.status(), 200, "ack is idempotent");
}
both_databases!(an_org_not_routed_a_case_cannot_see_it);

async fn fetch_body(app: &TestApp, id: &str, token: &str) -> String {
    app.api_get(&format!("/api/v1/cases/{id}/envelope"), token)
        .await
        .text()
        .await
        .expect("text")
}

async fn a_bad_token_gets_401_with_no_hint_whether_the_case_exists(db: Db) {
    let app = spawn_app(db).await;
    one_case_for_the_inm_oversight(&app).await;
    let oic = app.token_for("oic");
    let id = case_id_for(&app, &oic).await;
    let mut bodies = Vec::new();
    for (path, token) in [
        (format!("/api/v1/cases/{id}/envelope"), "bzn_wrong"),
        (
            "/api/v1/cases/00000000000000000000000000000000/envelope".to_owned(),
            "bzn_wrong",
        ),
        ("/api/v1/cases".to_owned(), ""),
        ("/api/v1/cases".to_owned(), "bzn_wrong"),
    ] {
        let resp = app.api_get(&path, token).await;
        assert_eq!(resp.status(), 401, "{path}");
        bodies.push(resp.text().await.expect("body"));
    }
    let resp = app
        .http
        .get(format!("{}/api/v1/cases", app.address))
        .send()
        .await
        .expect("req");
    assert_eq!(resp.status(), 401);
    bodies.push(resp.text().await.expect("body"));
    assert!(bodies.windows(2).all(|w| w[0] == w[1]), "{bodies:?}");
    let json: serde_json::Value = serde_json::from_str(&bodies[0]).expect("json error");
    assert_eq!(json["error"], "unauthorized");
}
crate::both_databases!(a_bad_token_gets_401_with_no_hint_whether_the_case_exists);

async fn the_case_list_shows_clear_metadata_only(db: Db) {
    let app = spawn_app(db).await;
    one_case_for_the_inm_oversight(&app).await;
    let oic = app.token_for("oic");
    let list: serde_json::Value = app
        .api_get("/api/v1/cases", &oic)
        .await
        .json()
        .await
        .expect("json");
    let case = &list["cases"][0];
    let mut keys: Vec<&str> = case
        .as_object()
        .expect("object")
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort_unstable();
    assert_eq!(
        keys,
        [
            "acked_on",
            "assisted",
            "case_id",
            "channel",
            "delivered_on",
            "filed_on",
            "language",
            "perpetrator",
            "state",
            "violation",
            "withdrawn_on"
        ]
    );
    assert!(!list.to_string().contains("golpeó"));
}
crate::both_databases!(the_case_list_shows_clear_metadata_only);

async fn a_malformed_query_gets_a_json_400(db: Db) {
    let app = spawn_app(db).await;
    let oic = app.token_for("oic");
    for q in ["?limit=abc", "?limit=99999999999", "?after=../../etc"] {
        let resp = app.api_get(&format!("/api/v1/cases{q}"), &oic).await;
        assert_eq!(resp.status(), 400, "{q}");
        let json: serde_json::Value = resp.json().await.expect("json body");
        assert_eq!(json["error"], "bad_request");
    }
}
both_databases!(a_malformed_query_gets_a_json_400);

async fn the_recipient_api_limits_each_token_and_failed_logins(db: Db) {
    let app = crate::helpers::spawn_app_with(db, |c| {
        c.replace(
            "[sms]",
            "[limits]\ntoken_per_minute = 3\nfailed_auth_per_minute = 2\n\n[sms]",
        )
    })
    .await;
    let oic = app.token_for("oic");
    for _ in 0..3 {
        assert_eq!(app.api_get("/api/v1/cases", &oic).await.status(), 200);
    }
    let limited = app.api_get("/api/v1/cases", &oic).await;
    assert_eq!(limited.status(), 429);
    assert!(limited.headers().contains_key("retry-after"));
    let json: serde_json::Value = limited.json().await.expect("json");
    assert_eq!(json["error"], "too_many_requests");
    // Another org's token is not affected by the first one's limit.
    let cndh = app.token_for("cndh");
    assert_eq!(app.api_get("/api/v1/cases", &cndh).await.status(), 200);
    // Guessing tokens: a few 401s, then 429.
    let statuses: Vec<u16> = {
        let mut v = Vec::new();
        for i in 0..4 {
            v.push(
                app.api_get("/api/v1/cases", &format!("bzn_guess{i}"))
                    .await
                    .status()
                    .as_u16(),
            );
        }
        v
    };
    assert_eq!(statuses, [401, 401, 429, 429]);
}
both_databases!(the_recipient_api_limits_each_token_and_failed_logins);
