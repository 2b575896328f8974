//! `buzon org token` and `buzon org list`.

use std::path::Path;

use anyhow::Context;
use base64::Engine;
use rand::RngCore;

use crate::config::Settings;
use crate::domain::{Day, OrgId};

pub async fn token(config: &Path, org_id: &str) -> anyhow::Result<()> {
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
    app.store
        .add_token(&app.keys.token_hash(&token), &org, Day::today())
        .await?;
    app.store.close().await;
    println!("{token}");
    eprintln!("This token is shown once. Give it to {org} over a safe channel.");
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
