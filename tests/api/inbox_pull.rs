//! `buzon inbox pull` and `buzon inbox status` facing a hostile or busy server: a wiremock
//! stand-in for Buzón serves real age envelopes (sealed to a key made by `buzon keygen`) with
//! planted file names, purged cases, a bogus withdrawal day, rate limits and escape sequences,
//! and the real binary is run against it as an analyst types it.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::str::FromStr;
use std::time::{Duration, Instant};

use base64::Engine;
use serde_json::{Value, json};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::helpers::{bin, keygen};

const A: &str = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
const B: &str = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";
const C: &str = "cccccccccccccccccccccccccccccccc";
const ESC_TEXT: &str = "\u{1b}]0;pwned\u{7}\u{1b}[2J\u{1b}[31mred";

/// A complaint as Buzón seals it, with the given attachment names (one byte each).
fn complaint(id: &str, attachments: &[&str]) -> Value {
    let files: Vec<Value> = attachments
        .iter()
        .map(|name| {
            json!({
                "name": name, "kind": "document", "role": "file",
                "media_type": "application/pdf", "size": 1,
                "sha256": "00", "data": base64::engine::general_purpose::STANDARD.encode(name),
            })
        })
        .collect();
    json!({
        "schema": "buzon.complaint.v1", "case_id": id, "filed_on": "2026-01-05",
        "language": "es", "channel": "sms",
        "violation": {"code": 2, "label": "x"}, "perpetrator": {"code": 1, "label": "x"},
        "state": {"code": "CHP", "label": "x"}, "when": {"code": 1, "label": "x"},
        "narrative": [format!("Me robaron {ESC_TEXT}")],
        "routed_to": [{"id": "cndh", "name": "CNDH"}], "civil_society_only": false,
        "reply_recipient": "age1x", "attachments": files,
    })
}

fn seal(recipient: &str, v: &Value) -> Vec<u8> {
    let r = age::x25519::Recipient::from_str(recipient).expect("recipient");
    buzon::crypto::seal_envelope(&serde_json::to_vec(v).expect("json"), &[r]).expect("seal")
}

struct Analyst {
    dir: tempfile::TempDir,
    identity: PathBuf,
    recipient: String,
}

impl Analyst {
    fn new() -> Self {
        let dir = tempfile::tempdir().expect("tempdir");
        let identity = dir.path().join("me.key");
        let recipient = keygen(&identity);
        std::fs::write(dir.path().join("token"), "t0ken").expect("token");
        Self {
            dir,
            identity,
            recipient,
        }
    }

    fn out(&self) -> PathBuf {
        self.dir.path().join("inbox")
    }

    /// Runs `buzon inbox ARGS --server URL --token-file …` off the async runtime.
    async fn run(&self, args: &[&str], server: &str) -> std::process::Output {
        let mut cmd = Command::new(bin());
        cmd.arg("inbox")
            .args(args)
            .args(["--server", server, "--token-file"])
            .arg(self.dir.path().join("token"));
        if args[0] == "pull" {
            cmd.arg("--identity")
                .arg(&self.identity)
                .arg("--out")
                .arg(self.out());
        }
        tokio::task::spawn_blocking(move || cmd.output().expect("buzon runs"))
            .await
            .expect("join")
    }
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("dir")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn no_escape(o: &std::process::Output) {
    for (what, bytes) in [("stdout", &o.stdout), ("stderr", &o.stderr)] {
        assert!(
            !bytes.contains(&0x1b) && !bytes.contains(&0x07),
            "{what} carries a control character: {:?}",
            String::from_utf8_lossy(bytes)
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_hostile_or_busy_server_cannot_stop_the_pull_plant_files_or_reach_the_terminal() {
    let me = Analyst::new();
    let server = MockServer::start().await;
    // The list: first "too many requests, come back in 1 s", then three cases.
    Mock::given(method("GET"))
        .and(path("/api/v1/cases"))
        .respond_with(ResponseTemplate::new(429).insert_header("retry-after", "1"))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/api/v1/cases"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "cases": [
                {"case_id": A, "acked_on": null, "withdrawn_on": null},
                {"case_id": B, "acked_on": null, "withdrawn_on": null},
                {"case_id": C, "acked_on": null, "withdrawn_on": format!("../../x {ESC_TEXT}")},
            ],
            "next_after": null,
        })))
        .mount(&server)
        .await;
    // A: attachment names that try to leave the folder, pose as Buzón's files, or hide.
    let planted = [
        "WITHDRAWN.md",
        "withdrawn.MD",
        "../evil",
        "/etc/evil2",
        "complaint.json",
        "Complaint.md",
        ".hidden",
        "..",
        "x.tmp",
        "ok.pdf",
        "ok.pdf",
    ];
    Mock::given(method("GET"))
        .and(path(format!("/api/v1/cases/{A}/envelope")))
        .respond_with(
            ResponseTemplate::new(200).set_body_bytes(seal(&me.recipient, &complaint(A, &planted))),
        )
        .mount(&server)
        .await;
    // B: purged on the server, in the middle of the list.
    Mock::given(method("GET"))
        .and(path(format!("/api/v1/cases/{B}/envelope")))
        .respond_with(ResponseTemplate::new(410).set_body_json(json!({
            "error": "gone", "message": format!("purged {ESC_TEXT}"),
        })))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(format!("/api/v1/cases/{C}/envelope")))
        .respond_with(
            ResponseTemplate::new(200).set_body_bytes(seal(&me.recipient, &complaint(C, &[]))),
        )
        .mount(&server)
        .await;
    // The first ack meets an overloaded server (503, Retry-After 1), then acks succeed.
    Mock::given(method("POST"))
        .and(path(format!("/api/v1/cases/{A}/ack")))
        .respond_with(ResponseTemplate::new(503).insert_header("retry-after", "1"))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"acked_on": "2026-01-06"})))
        .mount(&server)
        .await;

    let started = Instant::now();
    let o = me.run(&["pull"], &server.uri()).await;
    let took = started.elapsed();
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(
        o.status.success(),
        "the pull completes: {stdout} {}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(
        took >= Duration::from_secs(2),
        "it waited as told: {took:?}"
    );
    assert!(took < Duration::from_secs(20), "and not longer: {took:?}");
    let requests = server.received_requests().await.expect("recorded");
    let lists = requests
        .iter()
        .filter(|r| r.url.path() == "/api/v1/cases")
        .count();
    assert_eq!(lists, 2, "the list was asked again after the 429");
    no_escape(&o);

    // The purged case is reported; the others are written.
    assert!(stdout.starts_with("2 new case(s)"), "{stdout}");
    assert!(stdout.contains(&format!("case {B}: purged")), "{stdout}");
    let out = me.out();
    assert_eq!(files_in(&out), [A, C]);
    // Every planted name is written inside A's folder, under a safe name of its own.
    let a_files = files_in(&out.join(A));
    assert_eq!(
        a_files,
        [
            "2-attachment-withdrawn.MD",
            "2-ok.pdf",
            "attachment",
            "attachment-Complaint.md",
            "attachment-WITHDRAWN.md",
            "attachment-complaint.json",
            "complaint.json",
            "complaint.md",
            "evil",
            "evil2",
            "hidden",
            "ok.pdf",
            "x.tmp",
        ]
    );
    assert!(!me.dir.path().join("evil").exists());
    assert!(!out.join("evil").exists());
    assert_eq!(
        std::fs::read(out.join(A).join("attachment-WITHDRAWN.md")).expect("file"),
        b"WITHDRAWN.md"
    );
    // complaint.json names the files as written.
    let json: Value = serde_json::from_str(
        &std::fs::read_to_string(out.join(A).join("complaint.json")).expect("json"),
    )
    .expect("valid");
    let names: Vec<&str> = json["attachments"]
        .as_array()
        .expect("attachments")
        .iter()
        .filter_map(|f| f["name"].as_str())
        .collect();
    assert!(names.contains(&"attachment-WITHDRAWN.md") && names.contains(&"evil"));
    for case in [A, C] {
        let md = std::fs::read_to_string(out.join(case).join("complaint.md")).expect("md");
        assert!(!md.contains('\u{1b}') && !md.contains('\u{7}'), "{md:?}");
    }
    // A withdrawal "day" that is not a day is not written.
    assert!(!out.join(C).join("WITHDRAWN.md").exists());
    assert!(!out.join(A).join("WITHDRAWN.md").exists());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn server_words_reach_the_terminal_without_escape_sequences() {
    let me = Analyst::new();
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/v1/assisted"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "cases": [{
                "case_id": A, "filed_on": format!("2026-01-05{ESC_TEXT}"),
                "withdrawn_on": ESC_TEXT, "shelter_copy": true,
                "deliveries": [{
                    "org_name": format!("CNDH{ESC_TEXT}"),
                    "delivered_on": ESC_TEXT, "acked_on": ESC_TEXT,
                }],
            }],
        })))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/api/v1/cases"))
        .respond_with(ResponseTemplate::new(500).set_body_string(format!("oops {ESC_TEXT}")))
        .mount(&server)
        .await;

    let status = me.run(&["status"], &server.uri()).await;
    assert!(status.status.success());
    assert!(String::from_utf8_lossy(&status.stdout).contains("CNDH]0;pwned"));
    no_escape(&status);

    let pull = me.run(&["pull"], &server.uri()).await;
    assert!(!pull.status.success());
    assert!(String::from_utf8_lossy(&pull.stderr).contains("500"));
    no_escape(&pull);
}
