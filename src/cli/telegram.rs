//! `buzon telegram set-webhook`: registers `<public_url>/webhooks/telegram` with the secret
//! token and the update kinds Buzón reads, and the command menu in every shipped language.

use std::path::Path;

use anyhow::{Context, bail};
use secrecy::ExposeSecret;
use teloxide_core::types::BotCommand;

use crate::channels::telegram::Mode;
use crate::channels::telegram::send::Telegram;
use crate::config::Settings;
use crate::domain::Lang;
use crate::i18n::Catalog;
use crate::i18n::ids;

/// The commands of the menu, each with the Fluent id of its description.
pub const COMMANDS: &[(&str, &str)] = &[
    ("start", ids::COMMAND_START),
    ("help", ids::COMMAND_HELP),
    ("language", ids::COMMAND_LANGUAGE),
    ("status", ids::COMMAND_STATUS),
    ("cancel", ids::COMMAND_CANCEL),
    ("delete", ids::COMMAND_DELETE),
];

pub async fn set_webhook(config: &Path) -> anyhow::Result<()> {
    let (settings, _) = Settings::load(config)?;
    let tg = &settings.telegram;
    if !tg.enabled {
        bail!("{}: [telegram] enabled is false", config.display());
    }
    if tg.mode != Mode::Webhook {
        bail!(
            "{}: [telegram] mode is polling: no webhook to set",
            config.display()
        );
    }
    let bot = Telegram::from_settings(tg).context("[telegram] settings are incomplete")?;
    let secret = tg
        .webhook_secret
        .as_ref()
        .context("[telegram] webhook_secret is not set")?;
    let url = reqwest::Url::parse(&settings.public_url_for("/webhooks/telegram"))
        .context("public_url is not a URL")?;
    if url.scheme() != "https" {
        eprintln!("warning: Telegram only calls https:// webhooks; public_url is {url}");
    }
    // Errors name no URL (it holds the token): see channels::telegram::send.
    bot.set_webhook(url.clone(), secret.expose_secret())
        .await
        .context("setWebhook")?;
    let catalog = Catalog::embedded_or(settings.locales.as_deref())?;
    let commands = |lang: &Lang| {
        COMMANDS
            .iter()
            .map(|(c, id)| BotCommand::new(*c, catalog.get(lang, id)))
            .collect::<Vec<_>>()
    };
    bot.set_commands(commands(&Lang::spanish()), None)
        .await
        .context("setMyCommands")?;
    // Telegram knows two-letter codes only; partial locales (K'iche', Mam) show Spanish,
    // which the default menu above already is.
    let menus: Vec<&Lang> = catalog
        .languages()
        .iter()
        .filter(|l| l.as_str().len() == 2 && !catalog.is_partial(l))
        .collect();
    for lang in &menus {
        bot.set_commands(commands(lang), Some(lang.as_str()))
            .await
            .with_context(|| format!("setMyCommands ({lang})"))?;
    }
    println!(
        "webhook set to {url}; commands set for {} language(s)",
        menus.len()
    );
    Ok(())
}
