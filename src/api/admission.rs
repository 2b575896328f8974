//! Admission: which class a request belongs to, the capacity each class keeps for itself, and
//! the deadline for its body — so one class of routes cannot starve another, and a slow body
//! cannot hold anything for long (invariant 7).
//!
//! - Each class (webhooks, recipient API, web form, health and the rest) has its own
//!   `max_in_flight`; past it, that class alone answers 503 at once.
//! - A body must arrive whole within the class's `body_timeout_ms`, plus one second for every
//!   `body_min_rate` bytes that have arrived: a large body sent at least that fast gets the time
//!   it needs; one dribbled slower runs out of time and is answered 408.
//! - A webhook takes its slot when its body has arrived whole, not before: the provider's
//!   signature can only be checked over the whole body, so anyone can start one, and a body
//!   still arriving holds only its connection (capped per client address in the accept loop)
//!   and at most 64 KiB, for at most the deadline. Every other class takes its slot at once:
//!   their handlers check the caller (token, session, origin) before they read a body.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicU8, Ordering};
use std::task::{Context, Poll};
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use futures_util::Stream;
use serde::Deserialize;
use tokio::sync::{OwnedSemaphorePermit, Semaphore};
use tokio::time::{Instant, Sleep};

use super::ApiError;

/// The classes of routes, each with capacity of its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    /// `/webhooks/…`: SMS and Telegram providers.
    Webhooks,
    /// `/api/…`: the recipient API.
    Api,
    /// `/shelter…`: the shelters' web form.
    WebForm,
    /// `/healthz`, `/livez`, and any path that is none of the above (404s read nothing).
    Health,
}

impl Class {
    pub fn of(path: &str) -> Self {
        if path.starts_with("/webhooks/") {
            Class::Webhooks
        } else if path.starts_with("/api/") {
            Class::Api
        } else if path == "/shelter" || path.starts_with("/shelter/") {
            Class::WebForm
        } else {
            Class::Health
        }
    }

    fn index(self) -> usize {
        self as usize
    }
}

/// One class's settings (`[http.<class>]`); a key left out takes the class's default.
#[derive(Deserialize, Default, Clone, Copy)]
pub struct ClassSettings {
    /// Requests of this class handled at once; past it, 503 at once.
    pub max_in_flight: Option<usize>,
    /// Milliseconds for a whole request body, before [`ClassSettings::body_min_rate`] adds time.
    pub body_timeout_ms: Option<u64>,
    /// Bytes per second: each that many bytes received add one second to the body's deadline.
    pub body_min_rate: Option<u64>,
}

/// `[http]`: the edge's limits per client address and per class of routes.
#[derive(Deserialize, Clone, Copy)]
pub struct HttpSettings {
    /// Connections one client address (an IPv6 /64) may hold open at once; 0 turns the cap off
    /// (behind a reverse proxy, where every connection comes from the proxy: the proxy must cap
    /// them per client then).
    #[serde(default = "default_per_address")]
    pub max_connections_per_address: usize,
    #[serde(default)]
    pub webhooks: ClassSettings,
    #[serde(default)]
    pub api: ClassSettings,
    #[serde(default)]
    pub web_form: ClassSettings,
    #[serde(default)]
    pub health: ClassSettings,
}

impl Default for HttpSettings {
    fn default() -> Self {
        Self {
            max_connections_per_address: default_per_address(),
            webhooks: ClassSettings::default(),
            api: ClassSettings::default(),
            web_form: ClassSettings::default(),
            health: ClassSettings::default(),
        }
    }
}

fn default_per_address() -> usize {
    256
}

/// A class's limits with the defaults filled in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClassLimits {
    pub max_in_flight: usize,
    pub body_timeout: Duration,
    pub body_min_rate: u64,
}

impl HttpSettings {
    /// The limits of `class`: the configured keys over the class's defaults.
    pub fn limits(&self, class: Class) -> ClassLimits {
        // (max_in_flight, body_timeout_ms, body_min_rate): webhooks keep the old global
        // capacity; a provider's body is ~1 KB and comes in one packet.
        let (set, default) = match class {
            Class::Webhooks => (&self.webhooks, (1024, 5_000, 16 * 1024)),
            Class::Api => (&self.api, (256, 5_000, 16 * 1024)),
            // Files of up to 50 MB from a shelter's line: 64 KiB/s keeps them coming.
            Class::WebForm => (&self.web_form, (128, 10_000, 64 * 1024)),
            Class::Health => (&self.health, (256, 2_000, 16 * 1024)),
        };
        ClassLimits {
            max_in_flight: set.max_in_flight.unwrap_or(default.0).max(1),
            body_timeout: Duration::from_millis(set.body_timeout_ms.unwrap_or(default.1).max(1)),
            body_min_rate: set.body_min_rate.unwrap_or(default.2).max(1),
        }
    }
}

/// The per-class gates of one server.
pub struct Admission {
    classes: [(ClassLimits, Arc<Semaphore>); 4],
}

impl Admission {
    pub fn new(settings: &HttpSettings) -> Arc<Self> {
        let gate = |class| {
            let limits = settings.limits(class);
            (limits, Arc::new(Semaphore::new(limits.max_in_flight)))
        };
        Arc::new(Self {
            classes: [
                gate(Class::Webhooks),
                gate(Class::Api),
                gate(Class::WebForm),
                gate(Class::Health),
            ],
        })
    }
}

/// What happened to a request's body, shared between the body and the middleware.
const BODY_OK: u8 = 0;
const BODY_TIMED_OUT: u8 = 1;
const BODY_NO_SLOT: u8 = 2;

/// The middleware: a slot of the request's class (at once, or when a webhook's body is
/// whole), the body's deadline, and the answers when either fails.
pub async fn admit(State(gates): State<Arc<Admission>>, req: Request, next: Next) -> Response {
    let class = Class::of(req.uri().path());
    let (limits, semaphore) = &gates.classes[class.index()];
    let has_body = !axum::body::HttpBody::is_end_stream(req.body());
    let overloaded = || {
        ApiError::Unavailable(anyhow::anyhow!("overloaded: too many requests in flight"))
            .into_response()
    };
    let outcome = Arc::new(AtomicU8::new(BODY_OK));
    let slot = Arc::new(std::sync::Mutex::new(None::<OwnedSemaphorePermit>));
    let late = class == Class::Webhooks && has_body;
    if !late {
        let Ok(permit) = Arc::clone(semaphore).try_acquire_owned() else {
            return overloaded();
        };
        *lock(&slot) = Some(permit);
    }
    let req = if has_body {
        let declared = req
            .headers()
            .get(axum::http::header::CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse::<u64>().ok());
        req.map(|body| {
            Body::from_stream(Deadline {
                inner: body.into_data_stream(),
                sleep: Box::pin(tokio::time::sleep(limits.body_timeout)),
                deadline: Instant::now() + limits.body_timeout,
                min_rate: limits.body_min_rate,
                received: 0,
                declared,
                outcome: Arc::clone(&outcome),
                late: late.then(|| (Arc::clone(semaphore), Arc::clone(&slot))),
                done: false,
            })
        })
    } else {
        req
    };
    let resp = next.run(req).await;
    drop(lock(&slot).take());
    match outcome.load(Ordering::SeqCst) {
        BODY_TIMED_OUT => {
            tracing::info!(class = ?class, "a request body did not arrive in time");
            let mut resp = ApiError::RequestTimeout.into_response();
            resp.headers_mut().insert(
                axum::http::header::CONNECTION,
                axum::http::HeaderValue::from_static("close"),
            );
            resp
        }
        BODY_NO_SLOT => overloaded(),
        _ => resp,
    }
}

fn lock<T>(m: &std::sync::Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Why a body stopped: the handler's read fails with it, and the middleware answers.
#[derive(Debug, thiserror::Error)]
enum BodyError {
    #[error("the request body did not arrive in time")]
    TimedOut,
    #[error("no slot for the request")]
    NoSlot,
}

type Slot = (
    Arc<Semaphore>,
    Arc<std::sync::Mutex<Option<OwnedSemaphorePermit>>>,
);

/// A body with a deadline that moves out by one second per `min_rate` bytes received, and for
/// a webhook, the class slot taken as its last byte arrives.
struct Deadline {
    inner: axum::body::BodyDataStream,
    sleep: Pin<Box<Sleep>>,
    deadline: Instant,
    min_rate: u64,
    received: u64,
    declared: Option<u64>,
    outcome: Arc<AtomicU8>,
    late: Option<Slot>,
    done: bool,
}

impl Deadline {
    /// Takes the class slot for a webhook whose body is whole; false if none is free.
    fn take_slot(&mut self) -> bool {
        let Some((semaphore, slot)) = self.late.take() else {
            return true;
        };
        match semaphore.try_acquire_owned() {
            Ok(permit) => {
                *lock(&slot) = Some(permit);
                true
            }
            Err(_) => false,
        }
    }

    fn fail(&mut self, why: BodyError) -> Poll<Option<Result<Bytes, axum::BoxError>>> {
        self.done = true;
        let code = match why {
            BodyError::TimedOut => BODY_TIMED_OUT,
            BodyError::NoSlot => BODY_NO_SLOT,
        };
        self.outcome.store(code, Ordering::SeqCst);
        Poll::Ready(Some(Err(why.into())))
    }
}

impl Stream for Deadline {
    type Item = Result<Bytes, axum::BoxError>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        if self.done {
            return Poll::Ready(None);
        }
        match Pin::new(&mut self.inner).poll_next(cx) {
            Poll::Ready(Some(Ok(chunk))) => {
                if Instant::now() > self.deadline {
                    return self.fail(BodyError::TimedOut);
                }
                self.received += chunk.len() as u64;
                let extra = Duration::from_secs_f64(chunk.len() as f64 / self.min_rate as f64);
                self.deadline += extra;
                let at = self.deadline;
                self.sleep.as_mut().reset(at);
                let whole = self.declared.is_some_and(|n| self.received >= n);
                if whole && !self.take_slot() {
                    return self.fail(BodyError::NoSlot);
                }
                Poll::Ready(Some(Ok(chunk)))
            }
            Poll::Ready(Some(Err(e))) => {
                self.done = true;
                Poll::Ready(Some(Err(e.into())))
            }
            Poll::Ready(None) => {
                self.done = true;
                if !self.take_slot() {
                    return self.fail(BodyError::NoSlot);
                }
                Poll::Ready(None)
            }
            Poll::Pending => match self.sleep.as_mut().poll(cx) {
                Poll::Ready(()) => self.fail(BodyError::TimedOut),
                Poll::Pending => Poll::Pending,
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_fall_into_their_class() {
        assert_eq!(Class::of("/webhooks/sms/twilio"), Class::Webhooks);
        assert_eq!(Class::of("/webhooks/telegram"), Class::Webhooks);
        assert_eq!(Class::of("/api/v1/cases/x/envelope"), Class::Api);
        assert_eq!(Class::of("/shelter"), Class::WebForm);
        assert_eq!(Class::of("/shelter/login"), Class::WebForm);
        assert_eq!(Class::of("/shelterx"), Class::Health);
        assert_eq!(Class::of("/healthz"), Class::Health);
        assert_eq!(Class::of("/nothing"), Class::Health);
    }

    #[test]
    fn a_key_left_out_takes_the_class_default() {
        let s: HttpSettings =
            toml::from_str("[webhooks]\nmax_in_flight = 7\n[api]\nbody_timeout_ms = 900\n")
                .expect("toml");
        let w = s.limits(Class::Webhooks);
        assert_eq!(w.max_in_flight, 7);
        assert_eq!(w.body_timeout, Duration::from_secs(5));
        let a = s.limits(Class::Api);
        assert_eq!(a.max_in_flight, 256);
        assert_eq!(a.body_timeout, Duration::from_millis(900));
        assert_eq!(s.max_connections_per_address, 256);
    }
}
