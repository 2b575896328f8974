//! Item 10 of the hardening issue: nothing the server or the CLI writes is readable by other
//! users. The data folder and the database's folder are 0700; the database, its WAL and SHM,
//! the server secret, backups and token files are 0600 — also after an older version left them
//! with the umask's modes.

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::helpers::{TestApp, random_token, run_ok, start_server, write_config};

fn mode(p: &Path) -> u32 {
    std::fs::symlink_metadata(p)
        .expect("metadata")
        .permissions()
        .mode()
        & 0o7777
}

/// Every folder and file under `dir`, the folder itself included.
fn everything_under(dir: &Path, out: &mut Vec<PathBuf>) {
    out.push(dir.to_path_buf());
    for e in std::fs::read_dir(dir).expect("dir").flatten() {
        let p = e.path();
        if p.is_dir() {
            everything_under(&p, out);
        } else {
            out.push(p);
        }
    }
}

/// Asserts folders 0700 and files 0600 under `dir`; returns the file names seen.
fn assert_private(dir: &Path) -> Vec<String> {
    let mut all = Vec::new();
    everything_under(dir, &mut all);
    let mut names = Vec::new();
    for p in all {
        let want = if p.is_dir() { 0o700 } else { 0o600 };
        assert_eq!(
            mode(&p),
            want,
            "{} is {:o}, not {want:o}",
            p.display(),
            mode(&p)
        );
        if p.is_file() {
            names.push(p.file_name().expect("name").to_string_lossy().into_owned());
        }
    }
    names
}

/// Loosens every folder to 0755 and every file to 0644 under `dir`, as a server that followed
/// the umask left them; the server secret stays 0600 (no version ever wrote it otherwise).
fn loosen(dir: &Path) {
    let mut all = Vec::new();
    everything_under(dir, &mut all);
    // The state folder itself only holds the two folders the server owns.
    for p in all.into_iter().skip(1) {
        let m = if p.is_dir() {
            0o755
        } else if p.ends_with("server.secret") {
            0o600
        } else {
            0o644
        };
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(m)).expect("chmod");
    }
}

/// The config (written by the test) lives apart from the state folder, which holds only what
/// the server and the CLI write: the database folder and the data folder.
fn setup(root: &Path) -> (PathBuf, PathBuf, String) {
    let conf_dir = root.join("conf");
    let state = root.join("state");
    std::fs::create_dir_all(&conf_dir).expect("conf");
    let token = random_token();
    let url = format!("sqlite://{}", state.join("db/buzon.db").display());
    let (config, _) = write_config(&conf_dir, &url, &token);
    let text = std::fs::read_to_string(&config).expect("config");
    let text = text.replace(
        &format!("data_dir = \"{}\"", conf_dir.join("data").display()),
        &format!("data_dir = \"{}\"", state.join("data").display()),
    );
    assert!(text.contains(&state.join("data").display().to_string()));
    std::fs::write(&config, text).expect("config");
    (config, state, token)
}

fn orgs_of(conf_dir: &Path) -> std::collections::HashMap<&'static str, crate::helpers::TestOrg> {
    crate::helpers::ORGS
        .iter()
        .map(|(id, _, _)| {
            (
                *id,
                crate::helpers::TestOrg {
                    identity: conf_dir.join("keys").join(format!("{id}.key")),
                },
            )
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_database_its_wal_and_shm_the_secret_backups_and_token_files_are_private() {
    let root = tempfile::tempdir().expect("tempdir");
    let (config, state, token) = setup(root.path());
    let logs = root.path().join("server.log");
    let mut server = start_server(&config, &logs);
    let (settings, _) = buzon::config::Settings::load(&config).expect("settings");
    let (app, _) = buzon::startup::load_app(settings).await.expect("app");
    let t = TestApp::for_running(
        server.address.clone(),
        config.clone(),
        token,
        orgs_of(&root.path().join("conf")),
        tempfile::tempdir().expect("tempdir"),
        Arc::new(app),
    );
    t.file_complaint(
        "+5215550001234",
        &["un agente me quitó el dinero en el retén"],
        &["1", "4", "1", "1", "1", "1", "1"],
    )
    .await;

    // While the server runs: the database, its WAL and SHM, the secret.
    let names = assert_private(&state);
    for f in ["buzon.db", "buzon.db-wal", "buzon.db-shm", "server.secret"] {
        assert!(names.iter().any(|n| n == f), "{f} among {names:?}");
    }

    // A backup, as the README says to take one.
    let backup = root.path().join("buzon-backup.db");
    run_ok(&[
        "backup".as_ref(),
        "--out".as_ref(),
        backup.as_os_str(),
        "--config".as_ref(),
        config.as_os_str(),
    ]);
    assert_eq!(mode(&backup), 0o600, "the backup");

    // A token file, as the README says to write one; stdout no longer carries the token.
    let token_file = root.path().join("oic.token");
    let printed = run_ok(&[
        "org".as_ref(),
        "token".as_ref(),
        "oic".as_ref(),
        "--out".as_ref(),
        token_file.as_os_str(),
        "--config".as_ref(),
        config.as_os_str(),
    ]);
    assert_eq!(mode(&token_file), 0o600, "the token file");
    let written = std::fs::read_to_string(&token_file).expect("token");
    assert!(written.trim().starts_with("bzn_"), "a token: {written}");
    assert!(
        !printed.contains(written.trim()),
        "not on stdout: {printed}"
    );
    let out = root.path().join("inbox");
    let o = std::process::Command::new(crate::helpers::bin())
        .args(["inbox", "pull", "--server", &t.address, "--token-file"])
        .arg(&token_file)
        .arg("--identity")
        .arg(&t.orgs["oic"].identity)
        .arg("--out")
        .arg(&out)
        .output()
        .expect("inbox pull runs");
    assert!(
        o.status.success(),
        "the written token works: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    // A second run refuses to overwrite the file.
    let again = std::process::Command::new(crate::helpers::bin())
        .args(["org", "token", "oic", "--out"])
        .arg(&token_file)
        .arg("--config")
        .arg(&config)
        .output()
        .expect("runs");
    assert!(!again.status.success());
    assert_eq!(
        std::fs::read_to_string(&token_file).expect("token"),
        written
    );

    // Everything, once more, after the CLI's runs.
    assert_private(&state);
    let _ = server.child.kill();
    let _ = server.child.wait();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn files_an_older_version_left_readable_are_made_private_at_start() {
    let root = tempfile::tempdir().expect("tempdir");
    let (config, state, token) = setup(root.path());
    let logs = root.path().join("server.log");
    let mut server = start_server(&config, &logs);
    let (settings, _) = buzon::config::Settings::load(&config).expect("settings");
    let (app, _) = buzon::startup::load_app(settings).await.expect("app");
    let t = TestApp::for_running(
        server.address.clone(),
        config.clone(),
        token.clone(),
        orgs_of(&root.path().join("conf")),
        tempfile::tempdir().expect("tempdir"),
        Arc::new(app),
    );
    let r = t.sms("+5215550004321", "hola").await;
    assert_eq!(r.status, 200);
    // SIGKILL, as a crash would: the WAL and SHM stay behind.
    let _ = server.child.kill();
    let _ = server.child.wait();
    loosen(&state);
    assert_eq!(mode(&state.join("db/buzon.db")), 0o644);

    let mut server = start_server(&config, &logs);
    let names = assert_private(&state);
    for f in ["buzon.db", "buzon.db-wal", "buzon.db-shm", "server.secret"] {
        assert!(names.iter().any(|n| n == f), "{f} among {names:?}");
    }
    let _ = server.child.kill();
    let _ = server.child.wait();

    // A server secret someone made readable is not quietly fixed: the start stops and says how.
    let secret = state.join("data/server.secret");
    std::fs::set_permissions(&secret, std::fs::Permissions::from_mode(0o644)).expect("chmod");
    let refused = std::process::Command::new(crate::helpers::bin())
        .args(["serve", "--config"])
        .arg(&config)
        .output()
        .expect("buzon serve runs");
    assert!(!refused.status.success());
    let said = String::from_utf8_lossy(&refused.stderr);
    assert!(said.contains("chmod 600"), "{said}");
}
