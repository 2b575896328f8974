//! `buzon shelter invite|list|revoke`: enrolment codes and volunteers of intermediary shelters.

use std::path::Path;

use anyhow::Context;

use crate::config::Settings;
use crate::domain::{Day, OrgId};

/// Loads the app and checks that `org_id` is an intermediary shelter of the routing file.
async fn shelter(config: &Path, org_id: &str) -> anyhow::Result<(crate::service::App, OrgId)> {
    let (settings, _) = Settings::load(config)?;
    let (app, _) = crate::startup::load_app(settings).await?;
    let org = OrgId::parse(org_id).context("org id")?;
    match app.routing.org(&org) {
        None => anyhow::bail!("no org {org} in the routing file (see `buzon org list`)"),
        Some(o) if !o.intermediary => anyhow::bail!(
            "{org} is not a shelter that files for people: set `intermediary = true` on it in \
             the routing file (civil_society orgs only)"
        ),
        Some(_) => Ok((app, org)),
    }
}

pub async fn invite(config: &Path, org_id: &str) -> anyhow::Result<()> {
    let (app, org) = shelter(config, org_id).await?;
    let code = crate::service::shelter::invite(&app, &org).await?;
    app.store.close().await;
    println!("{}", code.as_str());
    eprintln!(
        "One-time code for a volunteer of {org}, valid 24 hours. They send `ALBERGUE <code>` by \
         SMS or `/shelter <code>` to the Telegram bot."
    );
    Ok(())
}

pub async fn list(config: &Path, org_id: Option<&str>) -> anyhow::Result<()> {
    let (settings, _) = Settings::load(config)?;
    let (app, _) = crate::startup::load_app(settings).await?;
    let org = org_id.map(OrgId::parse).transpose().context("org id")?;
    let list = app.store.list_volunteers(org.as_ref()).await?;
    app.store.close().await;
    if list.is_empty() {
        println!("no volunteers enrolled");
    }
    for v in list {
        println!(
            "{}\t{}\tenrolled {}",
            v.volunteer_id, v.org_id, v.enrolled_on
        );
    }
    Ok(())
}

pub async fn revoke(config: &Path, volunteer_id: &str) -> anyhow::Result<()> {
    let (settings, _) = Settings::load(config)?;
    let (app, _) = crate::startup::load_app(settings).await?;
    let revoked = app
        .store
        .revoke_volunteer(volunteer_id.trim(), Day::today())
        .await?;
    app.store.close().await;
    match revoked {
        Some(org) => {
            println!("revoked {volunteer_id} of {org}");
            eprintln!(
                "Their unfinished assisted complaint is refused from their next message; running \
                 servers apply the ordinary rate limit within one sweep period."
            );
            Ok(())
        }
        None => anyhow::bail!("no volunteer {volunteer_id} (see `buzon shelter list`)"),
    }
}
