//! A stand-in Bot API for `buzon loadtest --channel telegram`: the server under test sends its
//! replies here (its `[telegram] api_url` points at this address), and the sink counts the
//! chats that were sent a receipt. It answers every method as the Bot API would, instantly.
//!
//! It listens on loopback only: the load generator never stands in for a remote host.

use std::collections::HashSet;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{Arc, Mutex};

use anyhow::{Context as _, bail};
use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::Uri;
use serde_json::{Value, json};

#[derive(Default)]
struct Seen {
    /// Chats that were sent a message holding a 16-digit receipt.
    receipts: Mutex<HashSet<i64>>,
    next_message_id: AtomicI64,
}

/// A running sink; it stops when dropped.
pub struct Sink {
    seen: Arc<Seen>,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for Sink {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl Sink {
    /// Binds the address of `api_url` (an `http://` loopback URL) and starts answering.
    pub async fn start(api_url: &str) -> anyhow::Result<Self> {
        let url = reqwest::Url::parse(api_url).context("telegram.api_url")?;
        let host = url.host_str().unwrap_or_default();
        let ip: std::net::IpAddr = host
            .trim_start_matches('[')
            .trim_end_matches(']')
            .parse()
            .ok()
            .filter(|ip: &std::net::IpAddr| ip.is_loopback())
            .with_context(|| {
                format!(
                    "telegram.api_url must be http://127.0.0.1:PORT for a load run (the \
                     generator stands in for the Bot API there), not {host}"
                )
            })?;
        if url.scheme() != "http" {
            bail!("telegram.api_url must be http:// for a load run");
        }
        let port = url.port().unwrap_or(80);
        let addr = SocketAddr::new(ip, port);
        let listener = tokio::net::TcpListener::bind(addr)
            .await
            .with_context(|| format!("cannot listen on {addr} (telegram.api_url)"))?;
        let seen = Arc::new(Seen {
            next_message_id: AtomicI64::new(1),
            ..Seen::default()
        });
        let router = axum::Router::new()
            .fallback(answer)
            .with_state(Arc::clone(&seen));
        let task = tokio::spawn(async move {
            let _ = axum::serve(listener, router).await;
        });
        Ok(Self { seen, task })
    }

    /// How many chats have been sent a receipt so far.
    pub fn receipts(&self) -> u64 {
        self.seen
            .receipts
            .lock()
            .map(|r| r.len() as u64)
            .unwrap_or(0)
    }
}

/// `POST /bot<token>/<Method>`: a sent message for the methods that return one, `true` for
/// the rest (answering a button, deleting messages, …).
async fn answer(State(seen): State<Arc<Seen>>, uri: Uri, body: Bytes) -> Json<Value> {
    let method = uri.path().rsplit('/').next().unwrap_or_default();
    let method = method.to_ascii_lowercase();
    if !(method == "sendmessage" || method.starts_with("editmessage")) {
        return Json(json!({ "ok": true, "result": true }));
    }
    let body: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
    let chat = body["chat_id"].as_i64().unwrap_or_default();
    let text = body["text"].as_str().unwrap_or_default();
    if method == "sendmessage"
        && holds_receipt(text)
        && let Ok(mut r) = seen.receipts.lock()
    {
        r.insert(chat);
    }
    let id = seen.next_message_id.fetch_add(1, Ordering::Relaxed);
    Json(json!({
        "ok": true,
        "result": {
            "message_id": body["message_id"].as_i64().unwrap_or(id),
            "date": 1_700_000_000,
            "chat": { "id": chat, "type": "private", "first_name": "load" },
            "text": text,
        }
    }))
}

/// Whether a message shows a receipt: a run of exactly 16 digits.
pub fn holds_receipt(text: &str) -> bool {
    text.split(|c: char| !c.is_ascii_digit())
        .any(|run| run.len() == 16)
}
