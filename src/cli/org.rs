//! `buzon org token|tokens|revoke|list`: issue, list and revoke an org's API tokens, and list
//! the orgs of the routing file.

use std::path::Path;

use anyhow::Context;
use base64::Engine;
use rand::RngCore;

use crate::config::Settings;
use crate::domain::{Day, OrgId, TokenId, TokenLabel, TokenScope};
use crate::store::NewToken;

/// `--scope`, parsed at the edge.
pub fn parse_scope(s: &str) -> Result<TokenScope, String> {
    TokenScope::parse(s).map_err(|e| e.to_string())
}

/// `--label`, parsed at the edge: bounded plain text.
pub fn parse_label(s: &str) -> Result<TokenLabel, String> {
    TokenLabel::parse(s).map_err(|e| e.to_string())
}

pub async fn token(
    config: &Path,
    org_id: &str,
    scope: TokenScope,
    label: Option<TokenLabel>,
    out: Option<&Path>,
) -> anyhow::Result<()> {
    if let Some(out) = out.filter(|o| o.exists()) {
        anyhow::bail!("{}: already exists; choose a new file", out.display());
    }
    let (settings, _) = Settings::load(config)?;
    let (app, _) = crate::startup::load_app(settings).await?;
    let org = OrgId::parse(org_id).context("org id")?;
    match app.routing.org(&org) {
        None => anyhow::bail!("no org {org} in the routing file (see `buzon org list`)"),
        Some(o) if scope == TokenScope::ShelterForm && !o.intermediary => anyhow::bail!(
            "{org} is not a shelter that files for people: a shelter-form token is only for an \
             org marked `intermediary = true` in the routing file"
        ),
        Some(_) => {}
    }
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    let token = format!(
        "bzn_{}",
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
    );
    zeroize::Zeroize::zeroize(&mut bytes);
    let mut id_bytes = [0u8; TokenId::LEN / 2];
    rand::rngs::OsRng.fill_bytes(&mut id_bytes);
    let id = TokenId::random(id_bytes);
    // The file first: a token whose file cannot be written is never issued.
    if let Some(out) = out {
        crate::private_files::write_new_private(out, format!("{token}\n").as_bytes())
            .with_context(|| format!("{}: cannot write the token", out.display()))?;
    }
    let added = app
        .store
        .add_token(
            NewToken {
                hash: &app.keys.token_hash(&token),
                id: &id,
                org: &org,
                scope,
                label: label.as_ref(),
            },
            Day::today(),
        )
        .await;
    app.store.close().await;
    if let Err(e) = added {
        if let Some(out) = out {
            let _ = std::fs::remove_file(out);
        }
        return Err(e.into());
    }
    let what = match scope {
        TokenScope::Inbox => "the recipient API (`buzon inbox pull`, `buzon inbox status`)",
        TokenScope::ShelterForm => "the shelters' web form only (<public_url>/shelter)",
    };
    match out {
        Some(out) => eprintln!(
            "Token {id} of {org} written to {} (mode 0600).",
            out.display()
        ),
        None => println!("{token}"),
    }
    eprintln!(
        "Token {id} of {org}, scope {scope}: {what}. It is shown once: give it to {org} over a \
         safe channel. Revoke it with `buzon org revoke {id}`."
    );
    Ok(())
}

pub async fn tokens(config: &Path, org_id: &str) -> anyhow::Result<()> {
    let (settings, _) = Settings::load(config)?;
    let (app, _) = crate::startup::load_app(settings).await?;
    let org = OrgId::parse(org_id).context("org id")?;
    let list = app.store.list_tokens(&org).await?;
    app.store.close().await;
    if list.is_empty() {
        println!("no tokens for {org}");
    }
    for t in list {
        println!(
            "{}\tissued {}\t{}\t{}",
            t.id,
            t.created_on,
            t.scope,
            t.label.as_ref().map_or("", TokenLabel::as_str)
        );
    }
    Ok(())
}

pub async fn revoke(config: &Path, token_id: &str) -> anyhow::Result<()> {
    let id = TokenId::parse(token_id.trim()).context("token id (see `buzon org tokens <org>`)")?;
    let (settings, _) = Settings::load(config)?;
    let (app, _) = crate::startup::load_app(settings).await?;
    let revoked = app.store.revoke_token(&id, Day::today()).await?;
    app.store.close().await;
    match revoked {
        Some(org) => {
            println!("revoked token {id} of {org}");
            eprintln!(
                "Every running instance refuses it (401) from its next request, and its web \
                 sessions are over."
            );
            Ok(())
        }
        None => anyhow::bail!("no token {id} (see `buzon org tokens <org>`)"),
    }
}

pub async fn list(config: &Path) -> anyhow::Result<()> {
    let (settings, _) = Settings::load(config)?;
    let (app, demo) = crate::startup::load_app(settings).await?;
    for org in app.routing.orgs() {
        let intermediary = if org.intermediary {
            "\tintermediary (files with people)"
        } else {
            ""
        };
        println!(
            "{}\t{:?}\t{} key(s)\t{}{intermediary}",
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
