//! `buzon loadtest`: drives complete, authentic conversations (signed Twilio SMS webhooks, or
//! Telegram updates with the webhook secret) against a running server and measures them;
//! optionally with attack traffic alongside (`--attack`), or the bare HTTP ceiling of the same
//! server (`--ceiling`: the same number of requests to `/livez`).
//!
//! Telegram replies leave the server through the Bot API, so for `--channel telegram` the
//! server's `[telegram] api_url` must be a loopback address: the generator stands in for the
//! Bot API there ([`sink`]) and counts the receipts it is sent.
//!
//! Loopback only by intent: point it at a server on this machine.

mod sink;

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use anyhow::bail;
use secrecy::ExposeSecret;
use serde::Serialize;

use crate::channels::twilio;
use crate::config::Settings;

const PATH: &str = "/webhooks/sms/twilio";
const TELEGRAM_PATH: &str = "/webhooks/telegram";
/// The messages of one conversation: a story the detector reads as Spanish, then 1 to every
/// menu (consent, end of story, violation, perpetrator, state, when, recipients, confirm).
pub const SCRIPT: &[&str] = &[
    "Los agentes de migracion me quitaron el dinero en el reten de Huixtla ayer en la noche",
    "1",
    "1",
    "1",
    "1",
    "1",
    "1",
    "1",
    "1",
];

/// Which webhook the conversations arrive through.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Channel {
    Sms,
    Telegram,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Attack {
    /// Requests with a wrong signature (or Telegram secret), as fast as they go.
    Forged,
    /// One signed sender flooding.
    OneSender,
    /// Many signed senders, one message each.
    ManySenders,
}

#[derive(Serialize, Default)]
pub struct Report {
    pub mode: String,
    pub channel: String,
    pub conversations: u64,
    pub concurrency: usize,
    pub messages: u64,
    pub duration_s: f64,
    pub messages_per_s: f64,
    pub complaints_per_s: f64,
    pub p50_ms: f64,
    pub p95_ms: f64,
    pub p99_ms: f64,
    pub max_ms: f64,
    pub errors: BTreeMap<String, u64>,
    pub receipts: u64,
    pub attack_requests: u64,
    pub attack_per_s: f64,
    /// Attack requests per second of each kind, when several ran at once.
    pub attack_per_s_by_kind: BTreeMap<String, f64>,
}

pub struct Options<'a> {
    pub server: &'a str,
    pub config: &'a Path,
    pub conversations: u64,
    pub concurrency: usize,
    pub channel: Channel,
    pub attack: Vec<Attack>,
    pub ceiling: bool,
    pub json: Option<&'a Path>,
}

/// Builds authentic (or, for `--attack forged`, deliberately wrong) webhook requests.
struct Target {
    channel: Channel,
    /// Twilio's auth token, or Telegram's webhook secret.
    secret: Vec<u8>,
    /// The URL Twilio signs (the server's public URL for the webhook).
    signed_url: String,
    /// One webhook URL per server; messages go round-robin, as behind a load balancer.
    post_urls: Vec<String>,
    /// Telegram update ids: unique across the run (the server deduplicates on them).
    next_update: std::sync::atomic::AtomicU32,
}

impl Target {
    /// The request carrying `text` from sender number `sender`, with message id `msg_id`.
    fn request(
        &self,
        http: &reqwest::Client,
        server: usize,
        sender: u64,
        msg_id: &str,
        text: &str,
        forged: bool,
    ) -> reqwest::RequestBuilder {
        let url = &self.post_urls[server % self.post_urls.len()];
        match self.channel {
            Channel::Sms => {
                let from = format!("+{sender}");
                let params = [
                    ("MessageSid", msg_id),
                    ("From", from.as_str()),
                    ("To", "+15550000000"),
                    ("Body", text),
                ];
                let key: &[u8] = if forged {
                    b"not-the-token"
                } else {
                    &self.secret
                };
                let sig = twilio::sign(key, &self.signed_url, &params);
                http.post(url)
                    .header("X-Twilio-Signature", sig)
                    .form(&params)
            }
            Channel::Telegram => {
                let update_id = self.next_update.fetch_add(1, Ordering::Relaxed);
                let chat = i64::try_from(sender).unwrap_or(i64::MAX);
                let secret = if forged {
                    b"not-the-secret".to_vec()
                } else {
                    self.secret.clone()
                };
                let update = serde_json::json!({
                    "update_id": update_id,
                    "message": {
                        "message_id": update_id % 1_000_000,
                        "date": 1_700_000_000,
                        "chat": { "id": chat, "type": "private", "first_name": "load" },
                        "from": { "id": chat, "is_bot": false, "first_name": "load",
                                  "language_code": "es" },
                        "text": text,
                    }
                });
                http.post(url)
                    .header(
                        "X-Telegram-Bot-Api-Secret-Token",
                        String::from_utf8_lossy(&secret).into_owned(),
                    )
                    .json(&update)
            }
        }
    }
}

pub async fn run(o: Options<'_>) -> anyhow::Result<Report> {
    let (settings, _) = Settings::load(o.config)?;
    let secret = match o.channel {
        Channel::Sms => settings.sms.auth_token.as_ref(),
        Channel::Telegram => settings.telegram.webhook_secret.as_ref(),
    };
    let Some(secret) = secret else {
        bail!(
            "{}: {} is not set",
            o.config.display(),
            match o.channel {
                Channel::Sms => "sms.auth_token",
                Channel::Telegram => "telegram.webhook_secret",
            }
        );
    };
    // The Bot API stand-in must be up before the first update makes the server reply.
    let sink = match (o.channel, o.ceiling) {
        (Channel::Telegram, false) => Some(sink::Sink::start(&settings.telegram.api_url).await?),
        _ => None,
    };
    let path = match o.channel {
        Channel::Sms => PATH,
        Channel::Telegram => TELEGRAM_PATH,
    };
    let bases: Vec<String> = o
        .server
        .split(',')
        .map(|s| s.trim().trim_end_matches('/').to_owned())
        .filter(|s| !s.is_empty())
        .collect();
    if bases.is_empty() {
        bail!("--server: give at least one URL (several, comma-separated, are used in turn)");
    }
    let target = Arc::new(Target {
        channel: o.channel,
        secret: secret.expose_secret().as_bytes().to_vec(),
        signed_url: settings.public_url_for(path),
        post_urls: bases.iter().map(|b| format!("{b}{path}")).collect(),
        next_update: std::sync::atomic::AtomicU32::new(rand::random::<u32>() >> 1),
    });
    let bases = Arc::new(bases);
    let http = reqwest::Client::builder()
        .pool_max_idle_per_host(o.concurrency * 2)
        .timeout(Duration::from_secs(30))
        .build()?;
    let run_id: u64 = rand::random::<u32>().into();
    let next = Arc::new(AtomicU64::new(0));
    let stop = Arc::new(AtomicBool::new(false));
    let mut kinds = o.attack.clone();
    kinds.sort_unstable_by_key(|k| *k as u8);
    kinds.dedup();
    let attack_counts: Vec<(Attack, Arc<AtomicU64>)> = kinds
        .iter()
        .map(|&kind| (kind, Arc::new(AtomicU64::new(0))))
        .collect();

    let mut attackers = Vec::new();
    for (k, (kind, count)) in attack_counts.iter().enumerate() {
        let kind = *kind;
        for w in 0..o.concurrency {
            // Workers of different kinds never share a sender number.
            let w = w + k * o.concurrency;
            let (http, target, stop, count) = (
                http.clone(),
                Arc::clone(&target),
                Arc::clone(&stop),
                Arc::clone(count),
            );
            attackers.push(tokio::spawn(async move {
                let mut i = 0u64;
                while !stop.load(Ordering::Relaxed) {
                    i += 1;
                    let sid = format!("SMatk{run_id:08x}{w:04}{i:012}");
                    let from = match kind {
                        Attack::OneSender => 19_990_000_000,
                        _ => 19_980_000_000_000 + (w as u64 % 1000) * 10_000_000 + i,
                    };
                    let forged = kind == Attack::Forged;
                    let _ = target
                        .request(&http, i as usize, from, &sid, "hola", forged)
                        .send()
                        .await;
                    count.fetch_add(1, Ordering::Relaxed);
                }
            }));
        }
    }

    let started = Instant::now();
    let mut workers = Vec::new();
    for w in 0..o.concurrency {
        let (http, target, next, bases) = (
            http.clone(),
            Arc::clone(&target),
            Arc::clone(&next),
            Arc::clone(&bases),
        );
        let (total, ceiling) = (o.conversations, o.ceiling);
        workers.push(tokio::spawn(async move {
            let mut lat = Vec::new();
            let mut errors: BTreeMap<String, u64> = BTreeMap::new();
            let mut receipts = 0u64;
            loop {
                let n = next.fetch_add(1, Ordering::Relaxed);
                if n >= total {
                    break;
                }
                let from = 19_970_000_000_000 + (run_id % 100) * 100_000_000 + n;
                for (step, body) in SCRIPT.iter().enumerate() {
                    let server = (n as usize + step) % bases.len();
                    let base = &bases[server];
                    let t = Instant::now();
                    let result = if ceiling {
                        http.get(format!("{base}/livez")).send().await
                    } else {
                        let sid = format!("SMlt{run_id:08x}{w:04}{n:010}{step:02}");
                        target
                            .request(&http, server, from, &sid, body, false)
                            .send()
                            .await
                    };
                    match result {
                        Ok(resp) => {
                            let status = resp.status();
                            let text = resp.text().await.unwrap_or_default();
                            lat.push(t.elapsed().as_secs_f64() * 1000.0);
                            if !status.is_success() {
                                *errors
                                    .entry(format!("status_{}", status.as_u16()))
                                    .or_default() += 1;
                            } else if !ceiling
                                && step + 1 == SCRIPT.len()
                                && target.channel == Channel::Sms
                            {
                                let has_receipt = text
                                    .split(|c: char| !c.is_ascii_digit())
                                    .any(|run| run.len() == 16);
                                if has_receipt {
                                    receipts += 1;
                                } else {
                                    *errors.entry("no_receipt".into()).or_default() += 1;
                                }
                            }
                        }
                        Err(e) => {
                            let kind = if e.is_timeout() {
                                "timeout"
                            } else {
                                "transport"
                            };
                            *errors.entry(kind.into()).or_default() += 1;
                        }
                    }
                }
            }
            (lat, errors, receipts)
        }));
    }
    let mut lat = Vec::new();
    let mut report = Report::default();
    for w in workers {
        let (l, e, r) = w.await?;
        lat.extend(l);
        for (k, v) in e {
            *report.errors.entry(k).or_default() += v;
        }
        report.receipts += r;
    }
    let elapsed = started.elapsed().as_secs_f64();
    stop.store(true, Ordering::Relaxed);
    // Telegram receipts were sent to the Bot API stand-in (inline, before each webhook was
    // answered): every conversation whose chat got none is an error.
    if let Some(sink) = &sink {
        report.receipts = sink.receipts();
        let missing = o.conversations.saturating_sub(report.receipts);
        if missing > 0 {
            *report.errors.entry("no_receipt".into()).or_default() += missing;
        }
    }
    for a in attackers {
        let _ = a.await;
    }
    lat.sort_by(f64::total_cmp);
    let pct = |p: f64| {
        if lat.is_empty() {
            0.0
        } else {
            lat[((lat.len() as f64 - 1.0) * p).round() as usize]
        }
    };
    report.mode = match (o.ceiling, kinds.as_slice()) {
        (true, _) => "ceiling".into(),
        (false, []) => "conversations".into(),
        (false, kinds) => format!(
            "conversations+attack:{}",
            kinds
                .iter()
                .map(|a| format!("{a:?}"))
                .collect::<Vec<_>>()
                .join("+")
        ),
    };
    report.channel = format!("{:?}", o.channel).to_lowercase();
    report.conversations = o.conversations;
    report.concurrency = o.concurrency;
    report.messages = lat.len() as u64;
    report.duration_s = elapsed;
    report.messages_per_s = lat.len() as f64 / elapsed;
    report.complaints_per_s = report.receipts as f64 / elapsed;
    report.p50_ms = pct(0.50);
    report.p95_ms = pct(0.95);
    report.p99_ms = pct(0.99);
    report.max_ms = lat.last().copied().unwrap_or(0.0);
    for (kind, count) in &attack_counts {
        let n = count.load(Ordering::Relaxed);
        report.attack_requests += n;
        report
            .attack_per_s_by_kind
            .insert(format!("{kind:?}"), n as f64 / elapsed);
    }
    report.attack_per_s = report.attack_requests as f64 / elapsed;
    println!(
        "{} ({}): {} messages in {:.1}s = {:.0} msg/s, {:.1} complaints/s; p50 {:.1} ms, p95 {:.1} ms, p99 {:.1} ms, max {:.1} ms; receipts {}; errors {:?}{}",
        report.mode,
        report.channel,
        report.messages,
        elapsed,
        report.messages_per_s,
        report.complaints_per_s,
        report.p50_ms,
        report.p95_ms,
        report.p99_ms,
        report.max_ms,
        report.receipts,
        report.errors,
        if !kinds.is_empty() {
            format!(
                "; attack {:.0} req/s {:.0?}",
                report.attack_per_s, report.attack_per_s_by_kind
            )
        } else {
            String::new()
        }
    );
    if let Some(path) = o.json {
        std::fs::write(path, serde_json::to_vec_pretty(&report)?)?;
    }
    Ok(report)
}
