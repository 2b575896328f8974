//! Slow clients: a connection that never finishes its request headers is closed after
//! `header_read_timeout_ms` (slowloris); a body that does not arrive in time is answered 408;
//! each class of routes keeps capacity of its own; one client address holds a bounded number
//! of connections; the shelter login reads its small form only after the cheap checks.

use std::sync::Arc;
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

// ---- Slow bodies, per-class capacity and per-address caps (issue 12, item 2). ----

/// A well-formed (not valid) `X-Twilio-Signature`: 20 bytes in base64. It takes a request as far
/// as reading its body, where the signature is checked.
const FORGED_SIGNATURE: &str = "AAAAAAAAAAAAAAAAAAAAAAAAAAA=";

fn server_addr(address: &str) -> std::net::SocketAddr {
    address
        .trim_start_matches("http://")
        .parse()
        .expect("a socket address")
}

/// A TCP connection to `server` from the loopback address `127.0.0.<last>` (every 127.0.0.0/8
/// address is this machine on Linux), so a test can be several client addresses.
async fn connect_from(last: u8, server: std::net::SocketAddr) -> std::io::Result<TcpStream> {
    let socket = tokio::net::TcpSocket::new_v4()?;
    socket.bind(std::net::SocketAddr::from(([127, 0, 0, last], 0)))?;
    socket.connect(server).await
}

/// The soft limit on open files of this process (Linux), if it can be read.
fn open_files_limit() -> Option<usize> {
    let limits = std::fs::read_to_string("/proc/self/limits").ok()?;
    let line = limits.lines().find(|l| l.starts_with("Max open files"))?;
    line.split_whitespace().nth(3)?.parse().ok()
}

async fn within_a_second<T>(what: &str, fut: impl std::future::Future<Output = T>) -> T {
    tokio::time::timeout(Duration::from_secs(1), fut)
        .await
        .unwrap_or_else(|_| panic!("{what} took more than a second"))
}

/// What the slow-body attack saw: connections open now, and for each connection the server
/// closed, how long after its headers and what it answered.
#[derive(Default)]
struct Attack {
    open: std::sync::atomic::AtomicUsize,
    stop: std::sync::atomic::AtomicBool,
    cut: std::sync::Mutex<Vec<(Duration, String)>>,
}

/// One attacker connection after another, from `127.0.0.<last>`: headers of a signed-looking
/// SMS webhook declaring a 4,000-byte body, then one body byte every 500 ms, until the server
/// closes; then again, until told to stop.
async fn slow_body_loop(last: u8, server: std::net::SocketAddr, attack: Arc<Attack>) {
    use std::sync::atomic::Ordering::SeqCst;
    // Spread over the body deadline, so the server's cut-offs do not all fall at once.
    let spread = rand::random::<u64>() % 3000;
    tokio::time::sleep(Duration::from_millis(spread)).await;
    while !attack.stop.load(SeqCst) {
        let Ok(stream) = connect_from(last, server).await else {
            tokio::time::sleep(Duration::from_millis(200)).await;
            continue;
        };
        let (mut read, mut write) = stream.into_split();
        let head = format!(
            "POST /webhooks/sms/twilio HTTP/1.1\r\nHost: buzon.test\r\n\
             Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 4000\r\n\
             X-Twilio-Signature: {FORGED_SIGNATURE}\r\n\r\nBody="
        );
        if write.write_all(head.as_bytes()).await.is_err() {
            continue;
        }
        let sent = Instant::now();
        attack.open.fetch_add(1, SeqCst);
        let reader = tokio::spawn(async move {
            let mut answered = Vec::new();
            let mut buf = [0u8; 1024];
            while let Ok(n) = read.read(&mut buf).await {
                if n == 0 {
                    break;
                }
                answered.extend_from_slice(&buf[..n]);
            }
            (
                sent.elapsed(),
                String::from_utf8_lossy(&answered).into_owned(),
            )
        });
        while !reader.is_finished() && !attack.stop.load(SeqCst) {
            tokio::time::sleep(Duration::from_millis(500)).await;
            let _ = write.write_all(b"x").await;
        }
        attack.open.fetch_sub(1, SeqCst);
        if reader.is_finished()
            && let Ok(seen) = reader.await
        {
            attack.cut.lock().expect("lock").push(seen);
        }
    }
}

/// The attack: more connections dribbling webhook bodies than the webhook class has
/// slots (1,024 by default), from several addresses so the per-address cap lets them all in.
/// While they are open, `/healthz` and the recipient API answer within a second, a whole SMS
/// conversation reaches its receipt, and the server cuts each slow body off at its deadline.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn while_1100_slow_bodies_are_open_health_the_api_and_a_whole_sms_conversation_are_served() {
    use std::sync::atomic::Ordering::SeqCst;
    // The default capacity of the webhook class is 1,024; scale the attack and the class down
    // together if this process may not open ~2 descriptors per connection (client and server).
    let (connections, webhook_slots) = match open_files_limit() {
        Some(n) if n < 2 * 1100 + 400 => {
            let c = (n.saturating_sub(400) / 2).max(40);
            (c, c * 9 / 10)
        }
        _ => (1100, 1024),
    };
    const BODY_TIMEOUT_MS: u64 = 3000;
    // `buzon serve` in a process of its own, as it runs for real: the attack's 1,100 client
    // tasks do not share its runtime.
    let root = tempfile::tempdir().expect("tempdir");
    let token = random_token();
    let url = format!("sqlite://{}", root.path().join("db/buzon.db").display());
    let (config, orgs) = write_config(root.path(), &url, &token);
    let text = std::fs::read_to_string(&config).expect("config");
    std::fs::write(
        &config,
        format!(
            "{text}\n[http]\nmax_connections_per_address = 256\n\
             [http.webhooks]\nmax_in_flight = {webhook_slots}\nbody_timeout_ms = {BODY_TIMEOUT_MS}\n"
        ),
    )
    .expect("config");
    let mut child = start_server(&config, &root.path().join("server.log"));
    let (settings, _) = buzon::config::Settings::load(&config).expect("settings");
    let (loaded, _) = buzon::startup::load_app(settings).await.expect("app");
    let app = crate::helpers::TestApp::for_running(
        child.address.clone(),
        config.clone(),
        token,
        orgs,
        tempfile::tempdir().expect("tempdir"),
        Arc::new(loaded),
    );
    let token = app.token_for("oic");
    let server = server_addr(&app.address);

    let attack = Arc::new(Attack::default());
    let addresses: Vec<u8> = (2..=6).collect();
    let mut attackers = Vec::new();
    for i in 0..connections {
        let last = addresses[i % addresses.len()];
        attackers.push(tokio::spawn(slow_body_loop(
            last,
            server,
            Arc::clone(&attack),
        )));
    }
    let started = Instant::now();
    while attack.open.load(SeqCst) < connections {
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "only {} of {connections} slow connections opened",
            attack.open.load(SeqCst)
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }

    for _ in 0..3 {
        let health = within_a_second(
            "/healthz",
            app.http.get(format!("{}/healthz", app.address)).send(),
        )
        .await
        .expect("healthz");
        assert_eq!(health.status(), 200, "/healthz under attack");
        let cases =
            within_a_second("the recipient API", app.api_get("/api/v1/cases", &token)).await;
        assert_eq!(cases.status(), 200, "the recipient API under attack");
        tokio::time::sleep(Duration::from_millis(300)).await;
    }
    let receipt = app
        .file_complaint(
            "+5215550007777",
            &["un agente me quitó el dinero en el retén"],
            &["1", "4", "1", "1", "1", "1", "1"],
        )
        .await;
    assert_eq!(receipt.len(), 16);
    assert!(
        attack.open.load(SeqCst) >= connections * 9 / 10,
        "the attack was still at strength after the conversation: {}",
        attack.open.load(SeqCst)
    );

    // The body deadline: slow bodies are answered 408 and closed after about 3 s.
    while attack.cut.lock().expect("lock").len() < 10 {
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "no slow body was ever cut off"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    attack.stop.store(true, SeqCst);
    for a in attackers {
        let _ = a.await;
    }
    let cut = attack.cut.lock().expect("lock").clone();
    for (after, answered) in cut.iter() {
        assert!(
            answered.starts_with("HTTP/1.1 408") || answered.starts_with("HTTP/1.1 503"),
            "a slow body was answered: {answered}"
        );
        assert!(
            *after < Duration::from_millis(BODY_TIMEOUT_MS + 4000),
            "a slow body held its connection for {after:?}"
        );
    }
    assert!(
        cut.iter()
            .any(|(after, answered)| answered.starts_with("HTTP/1.1 408")
                && *after >= Duration::from_millis(BODY_TIMEOUT_MS - 100)),
        "slow bodies are cut at the deadline, with 408"
    );
    assert_eq!(
        app.counts().await.cases,
        1,
        "no forged request reached the database"
    );
    let _ = child.child.kill();
    let _ = child.child.wait();
}

/// The per-address cap: one address holds at most `max_connections_per_address` connections;
/// its next one is closed at once, other addresses are served, and a place frees when one of
/// its connections ends.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_client_address_cannot_hold_more_connections_than_its_cap() {
    const CAP: usize = 16;
    let app = crate::helpers::spawn_app_with(crate::helpers::Db::Sqlite, |c| {
        format!("{c}\n[http]\nmax_connections_per_address = {CAP}\n")
    })
    .await;
    let server = server_addr(&app.address);
    let mut held = Vec::new();
    for _ in 0..CAP {
        held.push(connect_from(7, server).await.expect("connects"));
    }
    // The server closes the next one from the same address without reading a byte.
    let mut over = connect_from(7, server)
        .await
        .expect("the TCP handshake completes");
    let _ = over
        .write_all(b"GET /livez HTTP/1.1\r\nHost: buzon.test\r\n\r\n")
        .await;
    let mut buf = [0u8; 256];
    let read = tokio::time::timeout(Duration::from_secs(2), over.read(&mut buf))
        .await
        .expect("the connection over the cap is closed at once");
    assert!(
        matches!(read, Ok(0) | Err(_)),
        "the connection over the cap was served: {}",
        String::from_utf8_lossy(&buf)
    );

    // Another address is served.
    let other = reqwest::Client::builder()
        .local_address(std::net::IpAddr::from([127, 0, 0, 8]))
        .build()
        .expect("client");
    let r = other
        .get(format!("{}/livez", app.address))
        .send()
        .await
        .expect("another address");
    assert_eq!(r.status(), 200);

    // One of the held connections ends: the address may open one again.
    drop(held.pop());
    tokio::time::sleep(Duration::from_millis(200)).await;
    let same = reqwest::Client::builder()
        .local_address(std::net::IpAddr::from([127, 0, 0, 7]))
        .build()
        .expect("client");
    let r = same
        .get(format!("{}/livez", app.address))
        .send()
        .await
        .expect("a freed place");
    assert_eq!(r.status(), 200);
}

/// Per-class capacity: a shelter whose slow uploads hold every slot of the web form class
/// gets 503 for its next page, while health, webhooks and the recipient API are served; the
/// uploads are cut off at the web form's body deadline, and the form answers again.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_class_at_capacity_answers_503_while_the_other_classes_are_served() {
    const BODY_TIMEOUT_MS: u64 = 2000;
    let app = crate::helpers::spawn_app_with(crate::helpers::Db::Sqlite, |c| {
        format!("{c}\n[http.web_form]\nmax_in_flight = 2\nbody_timeout_ms = {BODY_TIMEOUT_MS}\n")
    })
    .await;
    let shelter = app.form_token_for("albergue");
    let oic = app.token_for("oic");
    let login = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client")
        .post(format!("{}/shelter/login", app.address))
        .form(&[("token", shelter.as_str()), ("lang", "es")])
        .send()
        .await
        .expect("login");
    assert_eq!(login.status(), 303);
    let cookie = login
        .headers()
        .get("set-cookie")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .expect("a session cookie")
        .to_owned();

    // Two uploads that never finish, each holding a slot of the web form class.
    let server = server_addr(&app.address);
    let mut uploads = Vec::new();
    for _ in 0..2 {
        let mut s = connect_from(1, server).await.expect("connects");
        s.write_all(
            format!(
                "POST /shelter/review HTTP/1.1\r\nHost: buzon.test\r\nCookie: {cookie}\r\n\
                 Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 5000\r\n\r\nstory="
            )
            .as_bytes(),
        )
        .await
        .expect("headers");
        uploads.push((s, Instant::now()));
    }
    tokio::time::sleep(Duration::from_millis(300)).await;

    let form = app
        .http
        .get(format!("{}/shelter", app.address))
        .send()
        .await
        .expect("form");
    assert_eq!(form.status(), 503, "the web form class is full");
    let health = app
        .http
        .get(format!("{}/healthz", app.address))
        .send()
        .await
        .expect("healthz");
    assert_eq!(health.status(), 200, "health keeps its own capacity");
    assert_eq!(app.api_get("/api/v1/cases", &oic).await.status(), 200);
    let sms = app.sms("+5215550008888", "hola").await;
    assert_eq!(sms.status, 200, "webhooks keep their own capacity");

    // The uploads are answered 408 at the deadline, and the form is served again.
    for (mut s, sent) in uploads {
        let mut answered = Vec::new();
        let _ = tokio::time::timeout(Duration::from_secs(10), s.read_to_end(&mut answered)).await;
        let answered = String::from_utf8_lossy(&answered);
        assert!(answered.starts_with("HTTP/1.1 408"), "{answered}");
        let after = sent.elapsed();
        assert!(
            after >= Duration::from_millis(BODY_TIMEOUT_MS - 100)
                && after < Duration::from_millis(BODY_TIMEOUT_MS + 3000),
            "cut off after {after:?}"
        );
    }
    let form = app
        .http
        .get(format!("{}/shelter", app.address))
        .send()
        .await
        .expect("form");
    assert_eq!(form.status(), 200);
}

/// The shelter login reads its small form only after the cheap checks: a request from another
/// site, or one declaring a body larger than a login form, is answered before a byte of its
/// body is sent.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_shelter_login_answers_a_cross_site_or_oversized_body_before_reading_it() {
    let app = crate::helpers::spawn_app(crate::helpers::Db::Sqlite).await;
    let server = server_addr(&app.address);
    for (origin, status) in [("Origin: https://evil.example\r\n", "403"), ("", "413")] {
        let mut s = connect_from(1, server).await.expect("connects");
        s.write_all(
            format!(
                "POST /shelter/login HTTP/1.1\r\nHost: buzon.test\r\n{origin}\
                 Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 2000000\r\n\r\n"
            )
            .as_bytes(),
        )
        .await
        .expect("headers");
        let mut buf = vec![0u8; 64];
        let n = tokio::time::timeout(Duration::from_secs(1), s.read(&mut buf))
            .await
            .expect("answered before the body is sent")
            .expect("read");
        let answered = String::from_utf8_lossy(&buf[..n]);
        assert!(
            answered.starts_with(&format!("HTTP/1.1 {status}")),
            "{origin:?}: {answered}"
        );
    }
}
