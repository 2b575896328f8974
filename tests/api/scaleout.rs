//! Several `buzon serve` instances on one PostgreSQL database.

use std::sync::Arc;

use crate::helpers::{Db, bin, spawn_app};

const FROM: &str = "+5215556667777";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_instances_share_drafts_dedupe_and_the_recipient_api() {
    let a = Arc::new(spawn_app(Db::Postgres).await);
    let b = Arc::new(a.second_instance().await);
    assert_ne!(a.address, b.address);

    // One sender whose messages alternate between instances keeps one draft.
    let story = "Los agentes de migración nos bajaron del autobús en Tabasco y nos pidieron dinero";
    a.sms(FROM, story).await;
    let r = b.sms(FROM, "1").await;
    assert!(
        r.shows("Ya tenemos su mensaje"),
        "instance B continues A's draft: {}",
        r.text()
    );

    // Concurrent story parts spread over both instances: none lost, none duplicated.
    let mut tasks = Vec::new();
    for i in 0..10 {
        let inst = if i % 2 == 0 {
            Arc::clone(&a)
        } else {
            Arc::clone(&b)
        };
        tasks.push(tokio::spawn(async move {
            inst.sms(FROM, &format!("parte {i}")).await.status
        }));
    }
    for t in tasks {
        assert_eq!(t.await.expect("join"), 200);
    }

    // A provider retry that lands on the other instance is still recognised.
    let sid = "SMcross0000000000000000000000001";
    let first = a.sms_with_sid(FROM, "otra parte", sid).await;
    assert!(first.shows("Recibido"), "{}", first.text());
    let retry = b.sms_with_sid(FROM, "otra parte", sid).await;
    assert_eq!(retry.status, 200);
    assert!(retry.body.contains("<Response/>"), "{}", retry.body);

    let mut last = String::new();
    for (i, answer) in ["1", "1", "1", "1", "1", "1", "1"].iter().enumerate() {
        let inst = if i % 2 == 0 { &a } else { &b };
        last = inst.sms(FROM, answer).await.text();
    }
    assert!(crate::helpers::receipt_in(&last).is_some(), "{last}");
    assert_eq!(a.counts().await.cases, 1);

    // A token issued once works on both instances; B serves the case A filed.
    let token = a.token_for("oic");
    let out = a.dir.path().join("inbox");
    let printed = b.inbox_pull("oic", &token, &out);
    assert!(printed.starts_with("1 new case(s)"), "{printed}");
    let c = crate::helpers::only_complaint(&out);
    let narrative = c["narrative"].as_array().expect("narrative");
    assert_eq!(
        narrative.len(),
        12,
        "story, ten parts, and one retried part once: {narrative:?}"
    );
    for i in 0..10 {
        assert_eq!(
            narrative
                .iter()
                .filter(|m| *m == &format!("parte {i}"))
                .count(),
            1,
            "part {i}"
        );
    }
}

#[test]
fn instances_can_share_the_server_secret_through_the_environment() {
    let dir = tempfile::tempdir().expect("tempdir");
    let token = crate::helpers::random_token();
    let db = format!("sqlite://{}", dir.path().join("db/buzon.db").display());
    let (config, _) = crate::helpers::write_config(dir.path(), &db, &token);
    use base64::Engine;
    let secret = base64::engine::general_purpose::STANDARD.encode([7u8; 32]);
    let run = |value: &str| {
        std::process::Command::new(bin())
            .args(["org", "token", "oic", "--config"])
            .arg(&config)
            .env("BUZON_SERVER_SECRET", value)
            .output()
            .expect("runs")
    };
    let ok = run(&secret);
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    assert!(
        !dir.path().join("data/server.secret").exists(),
        "no secret file when it comes from the environment"
    );
    let bad = run("too-short");
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("BUZON_SERVER_SECRET"));
}
