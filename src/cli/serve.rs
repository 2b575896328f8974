//! `buzon serve`: starts the server and tells the operator, before it listens, what it loaded
//! and what to do next (the webhook addresses to give Twilio and Telegram).

use std::fmt::Write as _;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use crate::config::Settings;
use crate::service::App;

pub(super) async fn run(config: PathBuf, listen: Option<SocketAddr>) -> anyhow::Result<()> {
    crate::telemetry::init();
    let (mut settings, created) = Settings::load(&config)?;
    if let Some(listen) = listen {
        settings.listen = listen;
    }
    if created {
        println!(
            "wrote a development config with fresh secrets to {}",
            config.display()
        );
    }
    let app = crate::startup::Application::build(settings).await?;
    print!("{}", summary(&app.app(), app.demo(), &config));
    let addr = app.app().settings.listen;
    println!("listening on http://{}:{}", addr.ip(), app.port());
    app.run().await
}

/// What was loaded, and where each provider must send its messages.
fn summary(app: &App, demo: bool, config: &Path) -> String {
    let s = &app.settings;
    let mut out = String::new();
    let data = s.data_dir.display();
    if demo {
        let _ = writeln!(
            out,
            "DEMO MODE: no routing file; demo orgs and their keys are in {data}/demo/ (not for real complaints)"
        );
    } else {
        let _ = writeln!(out, "routing: {}", s.routing.display());
    }
    let orgs: Vec<&str> = app.routing.orgs().map(|o| o.name.as_str()).collect();
    let _ = writeln!(
        out,
        "  {} orgs ({}), {} rules, fallback: {}",
        orgs.len(),
        orgs.join(", "),
        app.routing.rule_count(),
        app.routing.names(app.routing.fallback()),
    );
    let _ = writeln!(out, "database: {}", redacted(&s.database_url));
    let _ = writeln!(
        out,
        "server secret: {data}/server.secret (back it up: without it receipts and drafts cannot be used)"
    );
    let _ = writeln!(
        out,
        "translations: {}",
        s.locales.as_ref().map_or_else(
            || "built in".to_owned(),
            |dir| format!("{} (instead of the built-in ones)", dir.display())
        )
    );
    if s.sms.enabled {
        let _ = writeln!(
            out,
            "SMS: in Twilio, set the number's incoming-message webhook (HTTP POST) to {}",
            s.public_url_for("/webhooks/sms/twilio")
        );
    } else {
        let _ = writeln!(out, "SMS: off (config: [sms] enabled = false)");
    }
    if s.telegram.enabled {
        let _ = writeln!(
            out,
            "Telegram: run `buzon telegram set-webhook --config {}` once; Telegram then posts to {}",
            config.display(),
            s.public_url_for("/webhooks/telegram")
        );
    } else {
        let _ = writeln!(out, "Telegram: off (config: [telegram] enabled = false)");
    }
    let _ = writeln!(out, "shelters' web form: {}", s.public_url_for("/shelter"));
    if is_loopback_url(&s.public_url) {
        let _ = writeln!(
            out,
            "note: public_url is {}; Twilio and Telegram cannot reach it. Set it to the https \
             address they can reach.",
            s.public_url
        );
    }
    out
}

/// A database URL without its password.
fn redacted(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_owned();
    };
    let Some((userinfo, host)) = rest.rsplit_once('@') else {
        return url.to_owned();
    };
    match userinfo.split_once(':') {
        Some((user, _)) => format!("{scheme}://{user}:***@{host}"),
        None => url.to_owned(),
    }
}

fn is_loopback_url(url: &str) -> bool {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    let host = rest.split(['/', ':']).next().unwrap_or("");
    host == "localhost" || host.starts_with("127.") || rest.starts_with("[::1]")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_database_password_is_never_printed() {
        assert_eq!(
            redacted("postgres://buzon:s3cr3t@db.example:5432/buzon"),
            "postgres://buzon:***@db.example:5432/buzon"
        );
        assert_eq!(
            redacted("postgres://buzon:p@ss@db/buzon"),
            "postgres://buzon:***@db/buzon"
        );
        assert_eq!(redacted("sqlite://data/buzon.db"), "sqlite://data/buzon.db");
        assert_eq!(redacted("postgres://db/buzon"), "postgres://db/buzon");
    }

    #[test]
    fn a_loopback_public_url_is_noticed() {
        assert!(is_loopback_url("http://127.0.0.1:8080"));
        assert!(is_loopback_url("http://localhost/x"));
        assert!(is_loopback_url("http://[::1]:8080/"));
        assert!(!is_loopback_url("https://buzon.example.org"));
    }
}
