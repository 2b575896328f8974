//! `buzon routing check` as an operator runs it before going live.

use std::path::Path;
use std::process::Command;

use crate::helpers::{bin, keygen};

/// Writes a config naming `routing` (which may not exist); returns its path.
fn config(dir: &Path, routing: &Path) -> std::path::PathBuf {
    let path = dir.join("buzon.toml");
    std::fs::write(
        &path,
        format!(
            "routing = \"{}\"\ndata_dir = \"{}\"\n",
            routing.display(),
            dir.join("data").display()
        ),
    )
    .expect("config");
    path
}

fn check(config: &Path) -> (bool, String, String) {
    let o = Command::new(bin())
        .args(["routing", "check", "--config"])
        .arg(config)
        .output()
        .expect("runs");
    (
        o.status.success(),
        String::from_utf8(o.stdout).expect("utf8"),
        String::from_utf8(o.stderr).expect("utf8"),
    )
}

#[test]
fn the_example_routing_checks_clean_and_a_dead_fallback_is_warned_about() {
    let dir = tempfile::tempdir().expect("tempdir");
    let key = keygen(&dir.path().join("member.key"));
    let example = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("config/routing.example.toml"),
    )
    .expect("example");
    let routing = dir.path().join("routing.toml");
    let mut real = String::new();
    for line in example.lines() {
        if line.starts_with("recipients = [\"age1PLACEHOLDER") {
            real.push_str(&format!("recipients = [\"{}\"]\n", key.trim()));
        } else {
            real.push_str(line);
            real.push('\n');
        }
    }
    std::fs::write(&routing, &real).expect("routing");
    let cfg = config(dir.path(), &routing);
    let (ok, out, err) = check(&cfg);
    assert!(ok, "{err}");
    assert!(
        out.contains("6 orgs, 7 rules, fallback: CNDH Quinta Visitaduría"),
        "{out}"
    );
    // A robbery by train security guards: the shelter rule fires, and the CNDH is not lost.
    assert!(
        out.contains(
            "→ CNDH Quinta Visitaduría, Albergue\n        e.g. violation 1 (Robo), perpetrator 7"
        ),
        "{out}"
    );
    assert!(out.ends_with("no warnings\n"), "{out}");
    assert!(!dir.path().join("data").exists(), "a check writes nothing");

    // A rule that sends every case to an official body leaves the fallback without a case.
    std::fs::write(
        &routing,
        real.replace(
            "[[rule]]\nto = [\"albergue\"]",
            "[[rule]]\nto = [\"cndh-5v\"]",
        ),
    )
    .expect("routing");
    let (ok, out, _) = check(&cfg);
    assert!(ok);
    assert!(
        out.contains("warning: the fallback is never used: rule 7 sends every case to CNDH Quinta Visitaduría"),
        "{out}"
    );

    std::fs::remove_file(&routing).expect("rm");
    let (ok, _, err) = check(&cfg);
    assert!(!ok);
    assert!(
        err.contains("no routing file, so `buzon serve` would run in demo mode"),
        "{err}"
    );
}
