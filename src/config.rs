//! Settings: a TOML file plus `BUZON_<KEY>` / `BUZON_<SECTION>__<KEY>` environment overrides.
//!
//! Secrets are typed [`SecretString`] and come only from the file or the environment. With no
//! file at the default path, a development config with fresh random secrets is written there.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use base64::Engine;
use rand::RngCore;
use secrecy::SecretString;
use serde::Deserialize;

pub const DEFAULT_CONFIG: &str = "config/buzon.toml";

#[derive(Deserialize)]
pub struct Settings {
    /// Address to listen on; port 0 picks a free port (tests).
    #[serde(default = "default_listen")]
    pub listen: SocketAddr,
    /// The base URL providers call. Signatures are checked against it, never against `Host`.
    #[serde(default = "default_public_url")]
    pub public_url: String,
    #[serde(default = "default_database_url")]
    pub database_url: String,
    /// Server secret, demo keys.
    #[serde(default = "default_data_dir")]
    pub data_dir: PathBuf,
    /// The routing file; when missing, `serve` runs in demo mode.
    #[serde(default = "default_routing")]
    pub routing: PathBuf,
    /// A folder of translations used instead of the ones compiled into the binary.
    #[serde(default)]
    pub locales: Option<PathBuf>,
    /// Minutes an idle draft is kept.
    #[serde(default = "default_draft_ttl")]
    pub draft_ttl_minutes: u64,
    /// No longer read: each class of routes has its own (`[http.<class>] max_in_flight`).
    /// Kept so an older config still loads; `serve` warns when it is set.
    #[serde(default)]
    pub max_in_flight: Option<usize>,
    /// Connections per client address, and capacity and body deadlines per class of routes.
    #[serde(default)]
    pub http: crate::api::admission::HttpSettings,
    /// Milliseconds a client has to send complete request headers (on a new connection, or on
    /// a kept-alive one once it waits for the next request); then the connection is closed, so
    /// slow clients cannot hold connections open by dribbling bytes.
    #[serde(default = "default_header_read_timeout_ms")]
    pub header_read_timeout_ms: u64,
    /// Seconds between sweeps of expired drafts, dedupe keys and envelopes past retention.
    #[serde(default = "default_sweep_interval")]
    pub sweep_interval_seconds: u64,
    #[serde(default)]
    pub limits: crate::service::limits::LimitSettings,
    #[serde(default)]
    pub sms: SmsSettings,
    #[serde(default)]
    pub telegram: crate::channels::telegram::TelegramSettings,
    /// Where a reporter sends `ESTADO`: shown on every receipt.
    #[serde(default)]
    pub contact: ContactSettings,
}

/// `[contact]`: the addresses a receipt names, so that the person knows where to ask about it.
#[derive(Deserialize, Default)]
pub struct ContactSettings {
    /// The SMS number reporters write to, as they would dial it (`+52 55 1234 5678`).
    pub sms_number: Option<String>,
    /// The Telegram bot's username (`@BuzonBot`).
    pub telegram_bot: Option<String>,
}

impl ContactSettings {
    fn check(&self) -> Result<(), &'static str> {
        if let Some(n) = &self.sms_number {
            let digits = n.chars().filter(char::is_ascii_digit).count();
            let shape = n.chars().all(|c| c.is_ascii_digit() || " +-".contains(c));
            if !shape || !(6..=15).contains(&digits) {
                return Err("sms_number must be a phone number: digits, spaces, + and - only");
            }
        }
        if let Some(b) = &self.telegram_bot {
            let name = b.strip_prefix('@').unwrap_or_default();
            let shape = name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
            if !shape || !(5..=32).contains(&name.len()) {
                return Err("telegram_bot must be the bot's @username (5-32 letters, digits, _)");
            }
        }
        Ok(())
    }

    /// "Buzón", or "Buzón (SMS +52 55 1234 5678, Telegram @BuzonBot)": where a receipt says to
    /// send `ESTADO`. Proper names and the operator's addresses only, so it reads in any language.
    pub fn receipt_where(&self) -> String {
        let places: Vec<String> = [
            self.sms_number
                .as_ref()
                .map(|n| format!("SMS {}", n.trim())),
            self.telegram_bot
                .as_ref()
                .map(|b| format!("Telegram {}", b.trim())),
        ]
        .into_iter()
        .flatten()
        .collect();
        if places.is_empty() {
            "Buzón".to_owned()
        } else {
            format!("Buzón ({})", places.join(", "))
        }
    }
}

#[derive(Deserialize, Default)]
pub struct SmsSettings {
    #[serde(default)]
    pub enabled: bool,
    /// Twilio's auth token: the HMAC key of `X-Twilio-Signature`.
    pub auth_token: Option<SecretString>,
}

fn default_listen() -> SocketAddr {
    SocketAddr::from(([127, 0, 0, 1], 8080))
}
fn default_public_url() -> String {
    "http://127.0.0.1:8080".into()
}
fn default_database_url() -> String {
    "sqlite://data/buzon.db".into()
}
fn default_data_dir() -> PathBuf {
    "data".into()
}
fn default_routing() -> PathBuf {
    "config/routing.toml".into()
}
fn default_draft_ttl() -> u64 {
    120
}
fn default_header_read_timeout_ms() -> u64 {
    10_000
}
fn default_sweep_interval() -> u64 {
    300
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("config {0}: not found")]
    Missing(PathBuf),
    #[error("config {0}: {1}")]
    Invalid(PathBuf, String),
    #[error("config {0}: cannot write a development config: {1}")]
    Write(PathBuf, std::io::Error),
    #[error("config: sms.enabled is true but sms.auth_token is not set")]
    NoSmsToken,
    #[error("config: public_url must start with http:// or https://")]
    PublicUrl,
    #[error("config: telegram: {0}")]
    Telegram(&'static str),
    #[error("config: contact: {0}")]
    Contact(&'static str),
}

impl Settings {
    /// Loads `path` with environment overrides. At the default path, a missing file is created
    /// as a development config (the returned flag says so); elsewhere it is an error.
    pub fn load(path: &Path) -> Result<(Self, bool), ConfigError> {
        let mut created = false;
        if !path.exists() {
            if path != Path::new(DEFAULT_CONFIG) {
                return Err(ConfigError::Missing(path.into()));
            }
            write_dev_config(path)?;
            created = true;
        }
        let invalid = |e: config::ConfigError| ConfigError::Invalid(path.into(), e.to_string());
        let settings: Settings = config::Config::builder()
            .add_source(config::File::from(path).format(config::FileFormat::Toml))
            .add_source(
                config::Environment::with_prefix("BUZON")
                    .prefix_separator("_")
                    .separator("__")
                    .try_parsing(true),
            )
            .build()
            .map_err(invalid)?
            .try_deserialize()
            .map_err(invalid)?;
        settings.check()?;
        Ok((settings, created))
    }

    fn check(&self) -> Result<(), ConfigError> {
        if self.sms.enabled && self.sms.auth_token.is_none() {
            return Err(ConfigError::NoSmsToken);
        }
        if !(self.public_url.starts_with("http://") || self.public_url.starts_with("https://")) {
            return Err(ConfigError::PublicUrl);
        }
        self.telegram.check().map_err(ConfigError::Telegram)?;
        self.contact.check().map_err(ConfigError::Contact)?;
        Ok(())
    }

    /// The URL a provider signs for `path_and_query` (e.g. `/webhooks/sms/twilio`).
    pub fn public_url_for(&self, path_and_query: &str) -> String {
        format!(
            "{}{}",
            self.public_url.trim_end_matches('/'),
            path_and_query
        )
    }
}

fn write_dev_config(path: &Path) -> Result<(), ConfigError> {
    let mut token = [0u8; 24];
    rand::rngs::OsRng.fill_bytes(&mut token);
    let token = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(token);
    let mut secret = [0u8; 24];
    rand::rngs::OsRng.fill_bytes(&mut secret);
    // URL-safe base64 is exactly the alphabet Telegram allows for a webhook secret.
    let secret = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(secret);
    let text = include_str!("../config/buzon.example.toml")
        .replace(
            "auth_token = \"change-me\"",
            &format!("auth_token = \"{token}\""),
        )
        .replace(
            "webhook_secret = \"change-me\"",
            &format!("webhook_secret = \"{secret}\""),
        );
    let write = || -> std::io::Result<()> {
        if let Some(dir) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)?;
        }
        let mut f = crate::crypto::create_private_file(path)?;
        std::io::Write::write_all(&mut f, text.as_bytes())
    };
    write().map_err(|e| ConfigError::Write(path.into(), e))
}
