//! `buzon loadtest`: drives complete, correctly signed SMS conversations against a running
//! server and measures them; optionally with attack traffic alongside (`--attack`), or the bare
//! HTTP ceiling of the same server (`--ceiling`: the same number of requests to `/livez`).
//!
//! Loopback only by intent: point it at a server on this machine.

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

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Attack {
    /// Requests with a wrong signature, as fast as they go.
    Forged,
    /// One signed sender flooding.
    OneSender,
    /// Many signed senders, one message each.
    ManySenders,
}

#[derive(Serialize, Default)]
pub struct Report {
    pub mode: String,
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
}

pub struct Options<'a> {
    pub server: &'a str,
    pub config: &'a Path,
    pub conversations: u64,
    pub concurrency: usize,
    pub attack: Option<Attack>,
    pub ceiling: bool,
    pub json: Option<&'a Path>,
}

struct Signer {
    token: Vec<u8>,
    signed_url: String,
    /// One webhook URL per server; messages go round-robin, as behind a load balancer.
    post_urls: Vec<String>,
}

impl Signer {
    fn form(
        &self,
        sid: &str,
        from: &str,
        body: &str,
        forged: bool,
    ) -> (String, Vec<(String, String)>) {
        let params = [
            ("MessageSid", sid),
            ("From", from),
            ("To", "+15550000000"),
            ("Body", body),
        ];
        let key: &[u8] = if forged {
            b"not-the-token"
        } else {
            &self.token
        };
        let sig = twilio::sign(key, &self.signed_url, &params);
        (
            sig,
            params
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect(),
        )
    }
}

pub async fn run(o: Options<'_>) -> anyhow::Result<Report> {
    let (settings, _) = Settings::load(o.config)?;
    let Some(token) = settings.sms.auth_token.as_ref() else {
        bail!("{}: sms.auth_token is not set", o.config.display());
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
    let signer = Arc::new(Signer {
        token: token.expose_secret().as_bytes().to_vec(),
        signed_url: settings.public_url_for(PATH),
        post_urls: bases.iter().map(|b| format!("{b}{PATH}")).collect(),
    });
    let bases = Arc::new(bases);
    let http = reqwest::Client::builder()
        .pool_max_idle_per_host(o.concurrency * 2)
        .timeout(Duration::from_secs(30))
        .build()?;
    let run_id: u64 = rand::random::<u32>().into();
    let next = Arc::new(AtomicU64::new(0));
    let stop = Arc::new(AtomicBool::new(false));
    let attack_count = Arc::new(AtomicU64::new(0));

    let mut attackers = Vec::new();
    if let Some(kind) = o.attack {
        for w in 0..o.concurrency {
            let (http, signer, stop, count) = (
                http.clone(),
                Arc::clone(&signer),
                Arc::clone(&stop),
                Arc::clone(&attack_count),
            );
            attackers.push(tokio::spawn(async move {
                let mut i = 0u64;
                while !stop.load(Ordering::Relaxed) {
                    i += 1;
                    let sid = format!("SMatk{run_id:08x}{w:04}{i:012}");
                    let from = match kind {
                        Attack::OneSender => "+19990000000".to_owned(),
                        _ => format!("+1998{:03}{i:07}", w % 1000),
                    };
                    let (sig, form) = signer.form(&sid, &from, "hola", kind == Attack::Forged);
                    let _ = http
                        .post(&signer.post_urls[(i as usize) % signer.post_urls.len()])
                        .header("X-Twilio-Signature", sig)
                        .form(&form)
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
        let (http, signer, next, bases) = (
            http.clone(),
            Arc::clone(&signer),
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
                let from = format!("+1997{:02}{n:08}", run_id % 100);
                for (step, body) in SCRIPT.iter().enumerate() {
                    let target = (n as usize + step) % bases.len();
                    let base = &bases[target];
                    let t = Instant::now();
                    let result = if ceiling {
                        http.get(format!("{base}/livez")).send().await
                    } else {
                        let sid = format!("SMlt{run_id:08x}{w:04}{n:010}{step:02}");
                        let (sig, form) = signer.form(&sid, &from, body, false);
                        http.post(&signer.post_urls[target])
                            .header("X-Twilio-Signature", sig)
                            .form(&form)
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
                            } else if !ceiling && step + 1 == SCRIPT.len() {
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
    report.mode = match (o.ceiling, o.attack) {
        (true, _) => "ceiling".into(),
        (false, Some(a)) => format!("conversations+attack:{a:?}"),
        (false, None) => "conversations".into(),
    };
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
    report.attack_requests = attack_count.load(Ordering::Relaxed);
    report.attack_per_s = report.attack_requests as f64 / elapsed;
    println!(
        "{}: {} messages in {:.1}s = {:.0} msg/s, {:.1} complaints/s; p50 {:.1} ms, p95 {:.1} ms, p99 {:.1} ms, max {:.1} ms; receipts {}; errors {:?}{}",
        report.mode,
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
        if o.attack.is_some() {
            format!("; attack {:.0} req/s", report.attack_per_s)
        } else {
            String::new()
        }
    );
    if let Some(path) = o.json {
        std::fs::write(path, serde_json::to_vec_pretty(&report)?)?;
    }
    Ok(report)
}
