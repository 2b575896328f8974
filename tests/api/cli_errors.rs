//! What an operator or analyst reads when a command goes wrong: the problem and what to do,
//! never a raw error chain. Each test runs the binary as a person types it.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

use crate::helpers::{Db, bin, keygen, spawn_app};

/// Runs `buzon ARGS`, which must fail; returns what it printed on stderr.
fn fails(args: &[&str]) -> String {
    let o = Command::new(bin()).args(args).output().expect("runs");
    assert!(!o.status.success(), "{args:?} must fail");
    String::from_utf8(o.stderr).expect("utf8")
}

/// `inbox pull` with these paths.
fn pull(server: &str, token: &Path, identity: &Path, out: &Path) -> String {
    fails(&[
        "inbox",
        "pull",
        "--server",
        server,
        "--token-file",
        &token.display().to_string(),
        "--identity",
        &identity.display().to_string(),
        "--out",
        &out.display().to_string(),
    ])
}

/// A port nothing listens on.
fn closed_port() -> u16 {
    let l = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    l.local_addr().expect("addr").port()
}

#[test]
fn each_mistake_with_inbox_pull_says_what_to_do() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let token = d.join("oic.token");
    std::fs::write(&token, "0123456789abcdef.token\n").expect("token");
    let identity = d.join("me.key");
    let public = keygen(&identity);
    let out = d.join("inbox");

    // An address without its scheme.
    let e = pull("127.0.0.1:8080", &token, &identity, &out);
    assert!(
        e.contains("--server 127.0.0.1:8080: give the whole address with http://"),
        "{e}"
    );
    assert!(!e.contains("builder error"), "{e}");

    // An empty token file is not "a refused token".
    let empty = d.join("empty.token");
    std::fs::write(&empty, "\n").expect("empty");
    let e = pull("http://127.0.0.1:1", &empty, &identity, &out);
    assert!(e.contains("the token file is empty"), "{e}");
    assert!(e.contains(&empty.display().to_string()), "{e}");

    // The public key where the private identity belongs.
    let pubfile = d.join("me.pub");
    std::fs::write(&pubfile, format!("{}\n", public.trim())).expect("pub");
    let e = pull("http://127.0.0.1:1", &token, &pubfile, &out);
    assert!(e.contains("this is a public key (age1"), "{e}");
    assert!(e.contains("buzon keygen"), "{e}");

    // A folder that cannot be made, named.
    let file = d.join("a-file");
    std::fs::write(&file, "x").expect("file");
    let blocked = file.join("inbox");
    let e = pull("http://127.0.0.1:1", &token, &identity, &blocked);
    assert!(e.contains(&blocked.display().to_string()), "{e}");
    assert!(e.contains("cannot create"), "{e}");

    // The server is not there.
    let port = closed_port();
    let e = pull(&format!("http://127.0.0.1:{port}"), &token, &identity, &out);
    assert!(
        e.contains(&format!(
            "cannot reach http://127.0.0.1:{port}: nothing answered there. Is the server running"
        )),
        "{e}"
    );
    assert!(!e.contains("error sending request"), "{e}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn buzon_chat_with_another_config_is_told_to_use_the_servers() {
    let app = spawn_app(Db::Sqlite).await;
    let other = app.dir.path().join("other.toml");
    let text = std::fs::read_to_string(&app.config).expect("config");
    std::fs::write(
        &other,
        text.replace(&app.auth_token, "not-the-servers-token"),
    )
    .expect("other");
    let mut child = Command::new(bin())
        .args(["chat", "--server", &app.address, "--config"])
        .arg(&other)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("chat starts");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(b"hola\n")
        .expect("types");
    let o = tokio::task::spawn_blocking(move || child.wait_with_output())
        .await
        .expect("joins")
        .expect("waits");
    assert!(!o.status.success());
    let e = String::from_utf8(o.stderr).expect("utf8");
    assert!(
        e.contains("the server refused the signature (403): run buzon chat with the --config"),
        "{e}"
    );
}

/// `inbox pull --out .` into a folder the analyst already has leaves its mode alone; the case
/// folders the pull creates are hers alone (0700).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_pull_into_an_existing_folder_keeps_its_mode() {
    use std::os::unix::fs::PermissionsExt;
    let app = spawn_app(Db::Sqlite).await;
    let token = app.token_for("oic");
    let out = app.dir.path().join("shared-folder");
    std::fs::create_dir(&out).expect("mkdir");
    std::fs::set_permissions(&out, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    let printed = app.inbox_pull("oic", &token, &out);
    assert!(printed.starts_with("0 new case(s)"), "{printed}");
    let mode = std::fs::metadata(&out).expect("meta").permissions().mode() & 0o777;
    assert_eq!(mode, 0o755, "the analyst's folder keeps its mode");
    let fresh = app.dir.path().join("new-inbox");
    app.inbox_pull("oic", &token, &fresh);
    let mode = std::fs::metadata(&fresh)
        .expect("meta")
        .permissions()
        .mode()
        & 0o777;
    assert_eq!(mode, 0o700, "a folder the pull makes is private");
}
