//! `buzon chat`: a terminal phone. Each line typed is sent as an SMS would be, signed like
//! Twilio signs it; the TwiML answer is printed as the phone would show it.

use std::io::IsTerminal;
use std::path::Path;

use rand::Rng;
use secrecy::ExposeSecret;
use tokio::io::{AsyncBufReadExt, BufReader};

use crate::channels::twilio;
use crate::config::Settings;

const PATH: &str = "/webhooks/sms/twilio";

pub async fn run(server: &str, config: &Path, from: Option<String>) -> anyhow::Result<()> {
    let (settings, _) = Settings::load(config)?;
    let token = settings
        .sms
        .auth_token
        .as_ref()
        .ok_or_else(|| anyhow::anyhow!("{}: sms.auth_token is not set", config.display()))?;
    let signed_url = settings.public_url_for(PATH);
    let post_url = format!("{}{PATH}", super::client::server_base(server)?);
    let from = from
        .unwrap_or_else(|| format!("+1555{:07}", rand::rngs::OsRng.gen_range(0..10_000_000u32)));
    let http = reqwest::Client::new();
    let interactive = std::io::stdin().is_terminal();
    if interactive {
        eprintln!("Texting {post_url} as {from}. Type a message; Ctrl-D to hang up.");
    }
    let mut lines = BufReader::new(tokio::io::stdin()).lines();
    let mut n = 0u32;
    while let Some(line) = lines.next_line().await? {
        n += 1;
        let sid = format!("SMchat{:016x}{n:04}", rand::rngs::OsRng.r#gen::<u64>());
        let params = [
            ("MessageSid", sid.as_str()),
            ("From", from.as_str()),
            ("To", "+15550000000"),
            ("Body", line.as_str()),
            ("NumMedia", "0"),
        ];
        let signature = twilio::sign(token.expose_secret().as_bytes(), &signed_url, &params);
        let resp = http
            .post(&post_url)
            .header("X-Twilio-Signature", signature)
            .form(&params)
            .send()
            .await
            .map_err(super::client::unreachable)?;
        let status = resp.status();
        let body = resp.text().await?;
        let body = crate::domain::strip_controls(&body);
        if status == reqwest::StatusCode::FORBIDDEN && body.contains("Signature") {
            anyhow::bail!(
                "the server refused the signature (403): run buzon chat with the --config the \
                 server uses, so that [sms] auth_token and public_url are the same"
            );
        }
        if status == reqwest::StatusCode::NOT_FOUND {
            anyhow::bail!("the server does not take SMS (404): is [sms] enabled in its config?");
        }
        if !status.is_success() {
            anyhow::bail!("the server answered {status}: {body}");
        }
        // The server's words, printed without control characters.
        match twiml_message(&body) {
            Some(text) => println!("{}\n", crate::domain::strip_controls(&text)),
            None => println!("(no reply)\n"),
        }
    }
    Ok(())
}

/// The text of the `<Message>` in a TwiML answer, unescaped.
pub fn twiml_message(xml: &str) -> Option<String> {
    let all = twiml_messages(xml);
    (!all.is_empty()).then(|| all.join("\n\n"))
}

/// Every `<Message>` of a TwiML answer, unescaped, in order.
pub fn twiml_messages(xml: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = xml;
    while let Some(start) = rest.find("<Message>").map(|i| i + "<Message>".len()) {
        let Some(end) = rest[start..].find("</Message>").map(|i| i + start) else {
            break;
        };
        out.push(
            rest[start..end]
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&apos;", "'")
                .replace("&amp;", "&"),
        );
        rest = &rest[end..];
    }
    out
}
