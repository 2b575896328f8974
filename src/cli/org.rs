//! `buzon org token` and `buzon org list`.

use std::path::Path;

use anyhow::Context;
use base64::Engine;
use rand::RngCore;

use crate::config::Settings;
use crate::domain::{Day, OrgId};

/// Issues a token for `org_id`: printed on stdout, or written to `out` (a new file, 0600).
pub async fn token(config: &Path, org_id: &str, out: Option<&Path>) -> anyhow::Result<()> {
    if let Some(out) = out.filter(|o| o.exists()) {
        anyhow::bail!("{}: already exists; choose a new file", out.display());
    }
    let (settings, _) = Settings::load(config)?;
    let (app, _) = crate::startup::load_app(settings).await?;
    let org = OrgId::parse(org_id).context("org id")?;
    if app.routing.org(&org).is_none() {
        anyhow::bail!("no org {org} in the routing file (see `buzon org list`)");
    }
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    let token = format!(
        "bzn_{}",
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
    );
    // The file first: a token whose file cannot be written is never issued.
    if let Some(out) = out {
        crate::private_files::write_new_private(out, format!("{token}\n").as_bytes())
            .with_context(|| format!("{}: cannot write the token", out.display()))?;
    }
    let added = app
        .store
        .add_token(&app.keys.token_hash(&token), &org, Day::today())
        .await;
    app.store.close().await;
    if let Err(e) = added {
        if let Some(out) = out {
            let _ = std::fs::remove_file(out);
        }
        return Err(e.into());
    }
    match out {
        Some(out) => eprintln!(
            "Token written to {} (mode 0600). Give it to {org} over a safe channel.",
            out.display()
        ),
        None => {
            println!("{token}");
            eprintln!("This token is shown once. Give it to {org} over a safe channel.");
        }
    }
    Ok(())
}

pub async fn list(config: &Path) -> anyhow::Result<()> {
    let (settings, _) = Settings::load(config)?;
    let (app, demo) = crate::startup::load_app(settings).await?;
    for org in app.routing.orgs() {
        println!(
            "{}\t{:?}\t{} key(s)\t{}",
            org.id,
            org.kind,
            org.recipients.len(),
            org.name
        );
    }
    if demo {
        println!("(demo routing)");
    }
    app.store.close().await;
    Ok(())
}
