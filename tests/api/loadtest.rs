//! `buzon loadtest` as an operator runs it, against a server on this machine.

use serde_json::Value;

use crate::helpers::{Db, TestApp, bin, random_token, spawn_app, spawn_app_with};
use crate::telegram::telegram_section;

/// A loopback port nobody listens on now (the load generator binds it for its Bot API sink).
fn free_port() -> u16 {
    let l = std::net::TcpListener::bind("127.0.0.1:0").expect("a free port");
    l.local_addr().expect("addr").port()
}

/// Runs `buzon loadtest` against `app` with its config and `args`, as an operator would;
/// returns the JSON report and what it printed.
async fn run_loadtest(app: &TestApp, args: &[&str]) -> (Value, String) {
    let json = app.dir.path().join("run.json");
    let out = tokio::process::Command::new(bin())
        .args(["loadtest", "--server", &app.address, "--config"])
        .arg(&app.config)
        .args(args)
        .arg("--json")
        .arg(&json)
        .output()
        .await
        .expect("loadtest runs");
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "loadtest failed: {stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report =
        serde_json::from_slice(&std::fs::read(&json).expect("json written")).expect("valid json");
    (report, stdout)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_telegram_load_run_files_every_conversation_and_counts_the_receipts_it_was_sent() {
    let secret = format!("s3cret_{}", random_token());
    let api = format!("http://127.0.0.1:{}", free_port());
    let section = telegram_section(&secret, &api);
    let app = spawn_app_with(Db::Sqlite, move |c| format!("{c}\n{section}")).await;
    let (report, stdout) = run_loadtest(
        &app,
        &[
            "--channel",
            "telegram",
            "--conversations",
            "6",
            "--concurrency",
            "3",
        ],
    )
    .await;
    assert_eq!(report["channel"], "telegram", "{report}");
    assert_eq!(report["receipts"], 6, "{report}");
    assert_eq!(report["errors"], serde_json::json!({}), "{report}");
    let messages = 6 * buzon::cli::loadtest::SCRIPT.len() as u64;
    assert_eq!(report["messages"], messages, "{report}");
    for key in [
        "messages_per_s",
        "complaints_per_s",
        "p50_ms",
        "p99_ms",
        "max_ms",
    ] {
        assert!(
            report[key].as_f64().is_some_and(|v| v > 0.0),
            "{key}: {report}"
        );
    }
    assert!(
        report["p99_ms"].as_f64() >= report["p50_ms"].as_f64(),
        "{report}"
    );
    assert!(stdout.contains("receipts 6"), "{stdout}");
    // Every receipt the sink saw stands for a case the server stored; no draft is left over.
    let counts = app.counts().await;
    assert_eq!(counts.cases, 6);
    assert_eq!(counts.drafts, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_telegram_load_run_refuses_a_bot_api_that_is_not_on_this_machine() {
    let secret = format!("s3cret_{}", random_token());
    let section = telegram_section(&secret, "https://api.telegram.org");
    let app = spawn_app_with(Db::Sqlite, move |c| format!("{c}\n{section}")).await;
    let out = tokio::process::Command::new(bin())
        .args(["loadtest", "--server", &app.address, "--config"])
        .arg(&app.config)
        .args(["--channel", "telegram", "--conversations", "1"])
        .output()
        .await
        .expect("loadtest runs");
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("telegram.api_url must be http://127.0.0.1:PORT"),
        "{err}"
    );
    assert_eq!(app.counts().await.cases, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_sms_load_run_completes_beside_forged_requests_and_a_flooding_sender_at_once() {
    let app = spawn_app(Db::Sqlite).await;
    let (report, _) = run_loadtest(
        &app,
        &[
            "--conversations",
            "5",
            "--concurrency",
            "2",
            "--attack",
            "forged,one-sender,forged",
        ],
    )
    .await;
    assert_eq!(report["mode"], "conversations+attack:Forged+OneSender");
    assert_eq!(report["receipts"], 5, "{report}");
    assert_eq!(report["errors"], serde_json::json!({}), "{report}");
    for kind in ["Forged", "OneSender"] {
        assert!(
            report["attack_per_s_by_kind"][kind]
                .as_f64()
                .is_some_and(|v| v > 0.0),
            "{kind}: {report}"
        );
    }
    // The attacks filed nothing: forged requests are refused, the flooding sender only ever
    // said hello (and was then silenced).
    assert_eq!(app.counts().await.cases, 5);
}
