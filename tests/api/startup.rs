//! Starting the server as a new user does, and refusing to start on a dangerous routing file.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use crate::helpers::{Db, PUBLIC_URL, bin, keygen, random_token, receipt_in, spawn_app};

fn serve_fails_with(routing: &str) -> String {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("routing.toml"), routing).expect("routing");
    let config = dir.path().join("buzon.toml");
    let locales = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("locales");
    std::fs::write(
        &config,
        format!(
            "listen = \"127.0.0.1:0\"\ndatabase_url = \"sqlite://{}/db.sqlite\"\ndata_dir = \"{}\"\n\
             routing = \"{}\"\nlocales = \"{}\"\n[sms]\nenabled = true\nauth_token = \"x\"\n",
            dir.path().display(),
            dir.path().join("data").display(),
            dir.path().join("routing.toml").display(),
            locales.display()
        ),
    )
    .expect("config");
    let o = Command::new(bin())
        .args(["serve", "--config"])
        .arg(&config)
        .output()
        .expect("runs");
    assert!(!o.status.success(), "serve must refuse to start");
    assert!(!String::from_utf8_lossy(&o.stdout).contains("listening"));
    String::from_utf8(o.stderr).expect("utf8")
}

#[test]
fn a_routing_file_naming_a_migration_authority_or_a_bad_key_stops_the_start() {
    let dir = tempfile::tempdir().expect("tempdir");
    let key = keygen(&dir.path().join("k.key"));
    let inm = serve_fails_with(&format!(
        "[[org]]\nid = \"inm-chiapas\"\nname = \"INM Chiapas\"\nkind = \"migration_authority\"\n\
         recipients = [\"{key}\"]\n[fallback]\nto = [\"inm-chiapas\"]\n"
    ));
    assert!(
        inm.contains("routing.toml: org 1 (\"inm-chiapas\")"),
        "{inm}"
    );
    assert!(crate::helpers::shows(&inm, "migration authority"), "{inm}");
    assert_eq!(inm.trim().lines().count(), 1, "one clear line: {inm}");

    let bad = serve_fails_with(
        "[[org]]\nid = \"cndh\"\nname = \"CNDH\"\nkind = \"human_rights_commission\"\n\
         recipients = [\"age1notakey\"]\n[fallback]\nto = [\"cndh\"]\n",
    );
    assert!(
        bad.contains("org 1 (\"cndh\"): recipient 1 is not a valid age"),
        "{bad}"
    );
}

/// The spellings an outside review got past the loader: look-alike letters, invisible and
/// doubled spaces, dotted acronyms, Portuguese and French, concatenated ids, and a delegation
/// declared as the oversight kind. Each one stops `buzon serve` with one line.
#[test]
fn a_disguised_migration_authority_stops_the_start_however_it_is_spelled() {
    let dir = tempfile::tempdir().expect("tempdir");
    let key = keygen(&dir.path().join("k.key"));
    let cases = [
        (
            "chiapas",
            "I.N.M. Delegaci\\u00f3n Chiapas",
            "civil_society",
        ),
        (
            "chiapas",
            "IN\\u200bM Delegaci\\u00f3n Chiapas",
            "prosecutor",
        ),
        ("chiapas", "\\u0406NM Chiapas", "civil_society"),
        (
            "siglo-xxi",
            "Estaci\\u00f3n  Migratoria Siglo XXI",
            "civil_society",
        ),
        (
            "siglo-xxi",
            "Estaci\\u00f3n\\u00a0Migratoria Siglo XXI",
            "human_rights_commission",
        ),
        (
            "brasil",
            "Instituto Nacional de Migra\\u00e7\\u00e3o",
            "civil_society",
        ),
        (
            "francia",
            "Institut national des migrations",
            "civil_society",
        ),
        ("inmchiapas", "Oficina Chiapas", "prosecutor"),
        ("i-n-m-tapachula", "Oficina Tapachula", "prosecutor"),
        (
            "oic-chiapas",
            "OIC, Delegaci\\u00f3n del INM en Chiapas",
            "internal_oversight",
        ),
    ];
    for (id, name, kind) in cases {
        let refused = serve_fails_with(&format!(
            "[[org]]\nid = \"{id}\"\nname = \"{name}\"\nkind = \"{kind}\"\n\
             recipients = [\"{key}\"]\n[fallback]\nto = [\"{id}\"]\n"
        ));
        assert!(
            crate::helpers::shows(&refused, "migration authority"),
            "{id} / {name} / {kind}: {refused}"
        );
        assert_eq!(
            refused.trim().lines().count(),
            1,
            "one clear line: {refused}"
        );
    }
}

#[test]
fn the_binary_starts_in_an_empty_folder_in_demo_mode_with_a_generated_config() {
    // Nothing of the checkout is there: no `locales/`, no `config/`; the binary carries its
    // translations.
    let dir = tempfile::tempdir().expect("tempdir");
    let logs = tempfile::NamedTempFile::new().expect("log file");
    let mut child = Command::new(bin())
        .args(["serve", "--listen", "127.0.0.1:0"])
        .current_dir(dir.path())
        .env("RUST_LOG", "debug")
        .stdout(Stdio::piped())
        .stderr(std::fs::File::create(logs.path()).expect("log file"))
        .spawn()
        .expect("serve starts");
    let mut lines = BufReader::new(child.stdout.take().expect("stdout")).lines();
    let mut seen = Vec::new();
    while let Some(Ok(line)) = lines.next() {
        let done = line.starts_with("listening on ");
        seen.push(line);
        if done {
            break;
        }
    }
    let _ = child.kill();
    let _ = child.wait();
    let text = seen.join("\n");
    assert!(
        crate::helpers::shows(&text, "wrote a development config"),
        "{text}"
    );
    assert!(crate::helpers::shows(&text, "DEMO MODE"), "{text}");
    // What to do next: where each provider must post, what was loaded, where the secret is.
    for line in [
        "4 orgs (",
        "database: sqlite://data/buzon.db",
        "server secret: data/server.secret",
        "translations: built in",
        "SMS: in Twilio, set the number's incoming-message webhook (HTTP POST) to \
         http://127.0.0.1:8080/webhooks/sms/twilio",
        "Telegram: off",
        "shelters' web form: http://127.0.0.1:8080/shelter",
        "note: public_url is http://127.0.0.1:8080",
    ] {
        assert!(text.contains(line), "{line:?} in:\n{text}");
    }
    let logs = std::fs::read_to_string(logs.path()).expect("logs");
    assert!(!logs.is_empty());
    assert!(
        !logs.contains('\u{1b}'),
        "no colour codes into a file: {logs}"
    );
    assert!(
        crate::helpers::shows(&text, "listening on http://127.0.0.1:"),
        "{text}"
    );
    use std::os::unix::fs::PermissionsExt;
    let mode = |p: &str| {
        std::fs::metadata(dir.path().join(p))
            .expect(p)
            .permissions()
            .mode()
            & 0o777
    };
    assert_eq!(mode("config/buzon.toml"), 0o600);
    assert_eq!(mode("data/server.secret"), 0o600);
    assert_eq!(mode("data/demo/demo-oic.key"), 0o600);
    assert!(dir.path().join("data/buzon.db").exists());
    let config = std::fs::read_to_string(dir.path().join("config/buzon.toml")).expect("config");
    assert!(
        !config.contains("change-me"),
        "the dev config has a fresh secret"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn buzon_chat_is_a_terminal_phone_that_reaches_a_receipt() {
    let app = spawn_app(Db::Sqlite).await;
    let script = "Los agentes del INM me quitaron el dinero y el pasaporte en Tapachula ayer en la noche\n\
                  1\n1\n2\n1\n1\n1\n1\n1\n";
    let mut child = Command::new(bin())
        .args([
            "chat",
            "--server",
            &app.address,
            "--from",
            "+5215550001234",
            "--config",
        ])
        .arg(&app.config)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("chat starts");
    {
        use std::io::Write;
        let mut stdin = child.stdin.take().expect("stdin");
        stdin.write_all(script.as_bytes()).expect("write");
    }
    let o = tokio::task::spawn_blocking(move || child.wait_with_output())
        .await
        .expect("join")
        .expect("chat ends");
    let out = String::from_utf8(o.stdout).expect("utf8");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(
        crate::helpers::shows(&out, "Buzón envía su denuncia"),
        "{out}"
    );
    assert!(receipt_in(&out).is_some(), "{out}");
    assert_eq!(app.counts().await.cases, 1);
    let _ = (PUBLIC_URL, random_token());
}
