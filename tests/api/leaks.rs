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
