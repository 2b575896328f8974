//! Slow clients (slowloris): a connection that never finishes its request headers is closed
//! after `header_read_timeout_ms`, while ordinary requests go on being answered.

use std::time::{Duration, Instant};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use crate::helpers::{random_token, start_server, write_config};

/// How long the test server gives a client for its headers.
const TIMEOUT_MS: u64 = 600;

/// Opens a connection, sends the request line and then one header line every 100 ms (never the
/// blank line that ends the headers) while reading; returns how long until the server closed
/// the connection (or `None` if it was still open after 5 s) and what it answered.
async fn dribble(address: &str, send_nothing: bool) -> (Option<Duration>, Vec<u8>) {
    let host = address.trim_start_matches("http://");
    let mut stream = TcpStream::connect(host).await.expect("connects");
    let started = Instant::now();
    if !send_nothing {
        stream
            .write_all(b"POST /webhooks/sms/twilio HTTP/1.1\r\nHost: buzon.test\r\n")
            .await
            .expect("request line");
    }
    let (mut read, mut write) = stream.into_split();
    let reader = tokio::spawn(async move {
        let mut answered = Vec::new();
        let mut buf = [0u8; 1024];
        loop {
            match read.read(&mut buf).await {
                Ok(0) | Err(_) => return (started.elapsed(), answered),
                Ok(n) => answered.extend_from_slice(&buf[..n]),
            }
        }
    });
    for i in 0..50 {
        if reader.is_finished() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
        if !send_nothing {
            // A write may fail once the server has closed: that is the point.
            let _ = write
                .write_all(format!("X-Slow-{i}: a\r\n").as_bytes())
                .await;
        }
    }
    if !reader.is_finished() {
        reader.abort();
        return (None, Vec::new());
    }
    let (closed_after, answered) = reader.await.expect("reader");
    (Some(closed_after), answered)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_client_that_dribbles_its_headers_is_cut_off_while_normal_requests_are_answered() {
    let dir = tempfile::tempdir().expect("tempdir");
    let url = format!("sqlite://{}", dir.path().join("db/buzon.db").display());
    let (config, _orgs) = write_config(dir.path(), &url, &random_token());
    let text = std::fs::read_to_string(&config).expect("config");
    std::fs::write(
        &config,
        format!("header_read_timeout_ms = {TIMEOUT_MS}\n{text}"),
    )
    .expect("config");
    let mut server = start_server(&config, &dir.path().join("server.log"));
    let address = server.address.clone();
    let http = reqwest::Client::new();

    // Two slow clients at once (one dribbling header lines, one silent), and ordinary requests
    // while they hang on.
    let slow = tokio::spawn({
        let a = address.clone();
        async move { dribble(&a, false).await }
    });
    let silent = tokio::spawn({
        let a = address.clone();
        async move { dribble(&a, true).await }
    });
    for _ in 0..5 {
        let r = http
            .get(format!("{address}/healthz"))
            .send()
            .await
            .expect("healthz answers while slow clients hang on");
        assert_eq!(r.status(), 200);
        tokio::time::sleep(Duration::from_millis(100)).await;
    }

    for (what, task) in [("dribbling", slow), ("silent", silent)] {
        let (closed_after, answered) = task.await.expect("slow client");
        let closed_after =
            closed_after.unwrap_or_else(|| panic!("the {what} client was never cut off"));
        assert!(
            closed_after >= Duration::from_millis(TIMEOUT_MS - 100),
            "the {what} client was cut off before its time: {closed_after:?}"
        );
        assert!(
            closed_after < Duration::from_millis(TIMEOUT_MS + 2000),
            "the {what} client held its connection for {closed_after:?}"
        );
        let answered = String::from_utf8_lossy(&answered);
        assert!(
            !answered.contains("200 OK"),
            "the {what} client's request was served: {answered}"
        );
    }

    // And the server still serves, on a fresh connection.
    let r = reqwest::Client::new()
        .get(format!("{address}/healthz"))
        .send()
        .await
        .expect("healthz after");
    assert_eq!(r.status(), 200);
    let _ = server.child.kill();
    let _ = server.child.wait();
}
