//! What is kept and for how long: withdrawal, per-org retention, backup and restore.

use crate::both_databases;
use crate::helpers::{Db, TestApp, bin, shows, spawn_app, spawn_app_edited};

const FROM: &str = "+5215554443333";
const STORY: &str = "Un agente del INM me golpeó y me quitó el pasaporte en la estación migratoria";

async fn file(app: &TestApp) -> String {
    app.file_complaint(FROM, &[STORY], &["1", "3", "1", "1", "1", "1", "1"])
        .await
}

/// BORRAR <receipt>: what no org downloaded is deleted, what one did is marked, the receipt dies.
async fn a_reporter_can_withdraw_her_case(db: Db) {
    let app = spawn_app(db).await;
    let receipt = file(&app).await;
    let (oic, cndh) = (app.token_for("oic"), app.token_for("cndh"));
    let out = app.dir.path().join("inbox-oic");
    app.inbox_pull("oic", &oic, &out);

    let r = app.sms(FROM, &format!("BORRAR {receipt}")).await;
    assert!(r.shows("Retiramos su denuncia"), "{}", r.text());
    assert!(
        app.case_list(&cndh).await.is_empty(),
        "the undownloaded envelope is gone"
    );
    let oic_cases = app.case_list(&oic).await;
    assert_eq!(oic_cases.len(), 1);
    assert!(oic_cases[0]["withdrawn_on"].is_string(), "{oic_cases:?}");
    app.inbox_pull("oic", &oic, &out);
    let case_dir = std::fs::read_dir(&out)
        .expect("out")
        .flatten()
        .next()
        .expect("case")
        .path();
    let note = std::fs::read_to_string(case_dir.join("WITHDRAWN.md")).expect("withdrawn note");
    assert!(note.contains("retiró"), "{note}");

    let status = app.sms(FROM, &format!("ESTADO {receipt}")).await.text();
    assert!(
        shows(&status, "No encontramos ese recibo"),
        "the receipt stops working: {status}"
    );
    let again = app.sms(FROM, &format!("BORRAR {receipt}")).await.text();
    assert!(shows(&again, "No encontramos ese recibo"), "{again}");
}
both_databases!(a_reporter_can_withdraw_her_case);

async fn a_case_nobody_downloaded_is_withdrawn_whole(db: Db) {
    let app = spawn_app(db).await;
    let receipt = file(&app).await;
    assert_eq!(app.counts().await.envelopes, 2);
    let r = app.sms(FROM, &format!("BORRAR {receipt}")).await;
    assert!(r.shows("Retiramos su denuncia"), "{}", r.text());
    let c = app.counts().await;
    assert_eq!((c.cases, c.envelopes), (0, 0), "nothing of it is left");
    let bad = app.sms(FROM, "BORRAR 12").await;
    assert!(bad.shows("BORRAR y los 16"), "{}", bad.text());
}
both_databases!(a_case_nobody_downloaded_is_withdrawn_whole);

/// An org with `retain_days_after_ack = 0` loses the ciphertext at the first sweep after its
/// ack; other orgs keep theirs; the status still says it was received.
async fn an_orgs_retention_setting_is_enforced_by_the_sweeper(db: Db) {
    let app = spawn_app_edited(
        db,
        |c| c,
        |r| {
            r.replacen(
                "kind = \"internal_oversight\"\n",
                "kind = \"internal_oversight\"\nretain_days_after_ack = 0\n",
                1,
            )
        },
    )
    .await;
    let receipt = file(&app).await;
    let (oic, cndh) = (app.token_for("oic"), app.token_for("cndh"));
    let id = app.case_list(&oic).await[0]["case_id"]
        .as_str()
        .expect("id")
        .to_owned();
    let envelope = format!("/api/v1/cases/{id}/envelope");
    buzon::service::sweep_once(&app.app).await.expect("sweep");
    assert_eq!(
        app.api_get(&envelope, &oic).await.status(),
        200,
        "not acked yet: kept"
    );
    app.api_post(&format!("/api/v1/cases/{id}/ack"), &oic).await;
    buzon::service::sweep_once(&app.app).await.expect("sweep");
    let gone = app.api_get(&envelope, &oic).await;
    assert_eq!(gone.status(), 410);
    let json: serde_json::Value = gone.json().await.expect("json");
    assert_eq!(json["error"], "gone");
    assert_eq!(
        app.api_get(&envelope, &cndh).await.status(),
        200,
        "the CNDH keeps its copy"
    );
    let status = app.sms(FROM, &format!("ESTADO {receipt}")).await.text();
    assert!(shows(&status, "OIC en el INM: la recibió el"), "{status}");
}
both_databases!(an_orgs_retention_setting_is_enforced_by_the_sweeper);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backup_of_the_live_database_restores_receipts_and_the_inbox() {
    let app = spawn_app(Db::Sqlite).await;
    let receipt = file(&app).await;
    let token = app.token_for("oic");
    let backup = app.dir.path().join("backup.db");
    let o = backup_to(&app, &backup);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    // It says what the README says: back the secret up too, and keep it apart.
    let said = String::from_utf8_lossy(&o.stderr);
    assert!(
        said.contains("server.secret) too, and store it apart from this file"),
        "{said}"
    );
    // Restore: the backup file becomes the database of a new server with the same secret.
    let restored_db = app.dir.path().join("restored/buzon.db");
    std::fs::create_dir_all(restored_db.parent().expect("parent")).expect("dir");
    std::fs::copy(&backup, &restored_db).expect("copy");
    let config = std::fs::read_to_string(&app.config).expect("config");
    let old_url = config
        .lines()
        .find(|l| l.starts_with("database_url"))
        .expect("url")
        .to_owned();
    let restored_config = app.dir.path().join("restored.toml");
    std::fs::write(
        &restored_config,
        config.replace(
            &old_url,
            &format!("database_url = \"sqlite://{}\"", restored_db.display()),
        ),
    )
    .expect("config");
    let (settings, _) = buzon::config::Settings::load(&restored_config).expect("settings");
    let application = buzon::startup::Application::build(settings)
        .await
        .expect("restored app");
    let address = format!("http://127.0.0.1:{}", application.port());
    let restored_app = application.app();
    tokio::spawn(application.run_until(std::future::pending()));
    let restored = TestApp::for_running(
        address,
        restored_config,
        app.auth_token.clone(),
        app.orgs
            .iter()
            .map(|(k, v)| {
                (
                    *k,
                    crate::helpers::TestOrg {
                        identity: v.identity.clone(),
                    },
                )
            })
            .collect(),
        tempfile::tempdir().expect("tempdir"),
        restored_app,
    );
    restored
        .next_sid
        .store(1_000_000, std::sync::atomic::Ordering::Relaxed);
    let status = restored
        .sms(FROM, &format!("ESTADO {receipt}"))
        .await
        .text();
    assert!(shows(&status, "OIC en el INM: entregada el"), "{status}");
    let out = restored.dir.path().join("inbox");
    let printed = restored.inbox_pull("oic", &token, &out);
    assert!(
        printed.starts_with("1 new case(s)"),
        "the old token and case survive: {printed}"
    );
    // A second backup to the same file is refused.
    let o = backup_to(&app, &backup);
    assert!(!o.status.success());
}

/// Runs `buzon backup --out FILE` against the app's config.
fn backup_to(app: &TestApp, out: &std::path::Path) -> std::process::Output {
    std::process::Command::new(bin())
        .args(["backup", "--out"])
        .arg(out)
        .arg("--config")
        .arg(&app.config)
        .output()
        .expect("backup runs")
}
