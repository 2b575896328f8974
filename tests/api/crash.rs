//! Invariant 4 under SIGKILL: every receipt a reporter received belongs to a case that is on
//! disk and decrypts for every org it was routed to; provider retries after the restart create
//! no duplicate case; an interrupted conversation loses at most its in-flight step.

use std::collections::BTreeSet;
use std::sync::Arc;

use crate::helpers::{TestApp, TestOrg, random_token, receipt_in, start_server, write_config};

const CONVERSATIONS: usize = 24;
/// The load generator's conversation: story, then 1 to every menu (INM agents: routed to oic
/// and cndh).
use buzon::cli::loadtest::SCRIPT;

/// Messages answered so far, to pull the plug half way through.
static ANSWERED: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

fn sid(conv: usize, step: usize) -> String {
    format!("SMcrash{conv:04}{step:02}0000000000000000000")
}

fn from(conv: usize) -> String {
    format!("+1555300{conv:04}")
}

/// Runs conversation `conv` from `start`; returns (next step to send, receipt if any).
/// Stops at the first transport error (the server died under it).
async fn drive(app: &TestApp, conv: usize, start: usize) -> (usize, Option<String>) {
    for (step, body) in SCRIPT.iter().enumerate().skip(start) {
        let result = app
            .http
            .post(format!("{}{}", app.address, crate::helpers::SMS_PATH))
            .header(
                "X-Twilio-Signature",
                buzon::channels::twilio::sign(
                    app.auth_token.as_bytes(),
                    &format!("{}{}", crate::helpers::PUBLIC_URL, crate::helpers::SMS_PATH),
                    &[
                        ("MessageSid", &sid(conv, step)),
                        ("From", &from(conv)),
                        ("Body", *body),
                    ],
                ),
            )
            .form(&[
                ("MessageSid", sid(conv, step)),
                ("From", from(conv)),
                ("Body", (*body).to_owned()),
            ])
            .send()
            .await;
        let Ok(resp) = result else {
            return (step, None);
        };
        if !resp.status().is_success() {
            return (step, None);
        }
        let body = resp.text().await.unwrap_or_default();
        ANSWERED.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        if step + 1 == SCRIPT.len() {
            let text = buzon::cli::twiml_message(&body).unwrap_or_default();
            return (SCRIPT.len(), receipt_in(&text));
        }
    }
    (SCRIPT.len(), None)
}

fn orgs_of(dir: &std::path::Path) -> std::collections::HashMap<&'static str, TestOrg> {
    crate::helpers::ORGS
        .iter()
        .map(|(id, _, _)| {
            (
                *id,
                TestOrg {
                    identity: dir.join("keys").join(format!("{id}.key")),
                },
            )
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sigkill_mid_load_loses_no_acknowledged_case_and_retries_create_no_duplicates() {
    let root = tempfile::tempdir().expect("tempdir");
    let server_dir = root.path().join("server");
    std::fs::create_dir_all(&server_dir).expect("dir");
    let token = random_token();
    let db = format!("sqlite://{}", server_dir.join("db/buzon.db").display());
    let (config, _) = write_config(&server_dir, &db, &token);
    let logs = root.path().join("server.log");
    let mut server = start_server(&config, &logs);
    let (settings, _) = buzon::config::Settings::load(&config).expect("settings");
    let (app, _) = buzon::startup::load_app(settings).await.expect("app");
    let app = Arc::new(app);
    let before = Arc::new(TestApp::for_running(
        server.address.clone(),
        config.clone(),
        token.clone(),
        orgs_of(&server_dir),
        tempfile::tempdir().expect("tempdir"),
        Arc::clone(&app),
    ));

    let mut tasks = Vec::new();
    for conv in 0..CONVERSATIONS {
        let t = Arc::clone(&before);
        tasks.push(tokio::spawn(
            async move { (conv, drive(&t, conv, 0).await) },
        ));
    }
    // Let some conversations finish and others be mid-flight, then kill without warning.
    let half = CONVERSATIONS * SCRIPT.len() / 2;
    while ANSWERED.load(std::sync::atomic::Ordering::SeqCst) < half {
        tokio::time::sleep(std::time::Duration::from_millis(1)).await;
    }
    let _ = server.child.kill();
    let _ = server.child.wait();
    let mut receipts = BTreeSet::new();
    let mut interrupted = Vec::new();
    for t in tasks {
        let (conv, (next, receipt)) = t.await.expect("join");
        match receipt {
            Some(r) => {
                receipts.insert(r);
            }
            None => interrupted.push((conv, next)),
        }
    }
    assert!(
        !interrupted.is_empty(),
        "the kill should interrupt some conversations; raise the load"
    );

    // Restart on the same files; the provider retries each interrupted message with its id.
    let mut server = start_server(&config, &logs);
    let after = TestApp::for_running(
        server.address.clone(),
        config.clone(),
        token,
        orgs_of(&server_dir),
        tempfile::tempdir().expect("tempdir"),
        Arc::clone(&app),
    );
    let mut silent_confirms = 0;
    for (conv, next) in &interrupted {
        let (done, receipt) = drive(&after, *conv, (*next).min(SCRIPT.len() - 1)).await;
        assert_eq!(
            done,
            SCRIPT.len(),
            "conversation {conv} continues after the restart"
        );
        match receipt {
            Some(r) => {
                receipts.insert(r);
            }
            // The confirm had been committed before the kill: the retry is a duplicate and
            // answers nothing, and no second case is made.
            None => silent_confirms += 1,
        }
    }
    let counts = after.counts().await;
    assert_eq!(
        counts.cases as usize,
        receipts.len() + silent_confirms,
        "no duplicate, no loss"
    );
    assert_eq!(counts.cases as usize, CONVERSATIONS);
    for (i, r) in receipts.iter().enumerate() {
        let status = after
            .sms(&format!("+1555400{i:04}"), &format!("ESTADO {r}"))
            .await
            .text();
        assert!(
            crate::helpers::shows(&status, "OIC en el INM: entregada"),
            "{status}"
        );
        assert!(
            crate::helpers::shows(&status, "CNDH: entregada"),
            "{status}"
        );
    }
    // Every case decrypts for both orgs it was routed to (inbox pull fails on any that does not).
    for org in ["oic", "cndh"] {
        let out = root.path().join(format!("inbox-{org}"));
        let printed = after.inbox_pull(org, &after.token_for(org), &out);
        assert!(
            printed.starts_with(&format!("{CONVERSATIONS} new case(s)")),
            "{printed}"
        );
    }
    let _ = server.child.kill();
    let _ = server.child.wait();
}
