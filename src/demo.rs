//! Demo mode: with no routing file, `serve` generates demo orgs with their age identities under
//! `<data_dir>/demo/`, so a new user can file and decrypt a complaint at once. Never for real
//! complaints: the identities sit next to the server.

use std::io::Write;
use std::path::{Path, PathBuf};

use age::secrecy::ExposeSecret;

use crate::crypto::create_private_file;

/// (id, name, kind) of the demo orgs.
const DEMO_ORGS: &[(&str, &str, &str)] = &[
    ("demo-oic", "OIC-INM (demo)", "internal_oversight"),
    ("demo-cndh", "CNDH (demo)", "human_rights_commission"),
    ("demo-fiscalia", "Fiscalia migrantes (demo)", "prosecutor"),
    ("demo-albergue", "Albergue (demo)", "civil_society"),
];

/// Rules of the demo routing: the example routing's rules, for the demo orgs.
const DEMO_RULES: &str = r#"
# INM agents: the INM's internal oversight office and the CNDH.
[[rule]]
perpetrator = [1]
to = ["demo-oic", "demo-cndh"]

# Federal forces and other officials: the CNDH.
[[rule]]
perpetrator = [2, 3, 4, 5, 6]
to = ["demo-cndh"]

# Crimes: the prosecutors' unit for crimes against migrants.
[[rule]]
violation = [1, 2, 3, 4, 6, 7, 8, 12, 13, 14]
to = ["demo-fiscalia"]

# Always offered: the shelter.
[[rule]]
to = ["demo-albergue"]

[fallback]
to = ["demo-cndh"]
"#;

/// The routing file to use: the configured one, or the demo one (created if needed). The flag
/// says whether this is demo mode.
pub fn routing_path(configured: &Path, data_dir: &Path) -> std::io::Result<(PathBuf, bool)> {
    if configured.exists() {
        return Ok((configured.to_path_buf(), false));
    }
    let dir = data_dir.join("demo");
    let routing = dir.join("routing.toml");
    if routing.exists() {
        // Written by older versions with the umask's modes.
        crate::private_files::private_dir(&dir)?;
        crate::private_files::tighten_files_in(&dir)?;
        return Ok((routing, true));
    }
    crate::private_files::private_dir(&dir)?;
    let mut toml = String::from(
        "# Demo routing written by `buzon serve` because no routing file was configured.\n\
         # The identities beside this file decrypt the demo orgs' envelopes. Not for real use.\n",
    );
    for (id, name, kind) in DEMO_ORGS {
        let identity = age::x25519::Identity::generate();
        let key_path = dir.join(format!("{id}.key"));
        if !key_path.exists() {
            let mut f = create_private_file(&key_path)?;
            writeln!(
                f,
                "# demo identity of {id}; public key: {}",
                identity.to_public()
            )?;
            writeln!(f, "{}", identity.to_string().expose_secret())?;
        }
        let recipient = read_recipient(&key_path)?;
        // The demo shelter files with people too (`buzon shelter invite demo-albergue`).
        let intermediary = if *kind == "civil_society" {
            "intermediary = true\n"
        } else {
            ""
        };
        toml.push_str(&format!(
            "\n[[org]]\nid = \"{id}\"\nname = \"{name}\"\nkind = \"{kind}\"\n{intermediary}recipients = [\"{recipient}\"]\n"
        ));
    }
    toml.push_str(DEMO_RULES);
    crate::private_files::write_new_private(&routing, toml.as_bytes())?;
    Ok((routing, true))
}

fn read_recipient(key_path: &Path) -> std::io::Result<String> {
    let text = std::fs::read_to_string(key_path)?;
    text.lines()
        .find(|l| l.starts_with("AGE-SECRET-KEY-"))
        .and_then(|l| l.trim().parse::<age::x25519::Identity>().ok())
        .map(|id| id.to_public().to_string())
        .ok_or_else(|| std::io::Error::other(format!("{}: no age identity", key_path.display())))
}
