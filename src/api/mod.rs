//! The HTTP edge: provider webhooks, the recipient API for orgs, health. Every error is JSON
//! with a stable code; 5xx bodies never carry internal detail.

pub mod admission;
mod assisted;
mod cases;
mod error;
mod health;
mod shelter_form;
mod sms;
mod telegram;

use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::MatchedPath;
use axum::http::Request;
use axum::routing::{get, post};
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

pub use error::ApiError;

use crate::service::App;

/// Largest request body any route accepts.
pub const MAX_BODY_BYTES: usize = 64 * 1024;

/// Whether a request declares a body over [`MAX_BODY_BYTES`] (refused before it is read).
pub(crate) fn declares_too_much(headers: &axum::http::HeaderMap) -> bool {
    headers
        .get(axum::http::header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok())
        .is_some_and(|n| n > MAX_BODY_BYTES)
}

async fn timeout_as_json(resp: axum::response::Response) -> axum::response::Response {
    use axum::response::IntoResponse;
    let empty = resp
        .headers()
        .get(axum::http::header::CONTENT_TYPE)
        .is_none();
    if resp.status() == axum::http::StatusCode::SERVICE_UNAVAILABLE && empty {
        return ApiError::Unavailable(anyhow::anyhow!("request timed out")).into_response();
    }
    resp
}

/// All routes. Tests call it with `oneshot`; `serve` binds it to a socket.
pub fn router(app: Arc<App>) -> Router {
    Router::new()
        .route("/healthz", get(health::healthz))
        .route("/livez", get(health::livez))
        .route("/webhooks/sms/twilio", post(sms::twilio))
        .route("/webhooks/telegram", post(telegram::webhook))
        .route("/api/v1/cases", get(cases::list))
        .route("/api/v1/cases/{id}/envelope", get(cases::envelope))
        .route("/api/v1/cases/{id}/files/{file}", get(cases::file))
        .route("/api/v1/cases/{id}/ack", post(cases::ack))
        .route("/api/v1/assisted", get(assisted::list))
        .merge(shelter_form::routes())
        .fallback(|| async { ApiError::NotFound })
        .method_not_allowed_fallback(|| async { ApiError::MethodNotAllowed })
        .layer(
            // Spans name the route pattern, never the concrete URI: case ids stay out of logs.
            TraceLayer::new_for_http().make_span_with(|req: &Request<_>| {
                let route = req
                    .extensions()
                    .get::<MatchedPath>()
                    .map(|p| p.as_str().to_owned())
                    .unwrap_or_else(|| "unmatched".into());
                tracing::info_span!("http", method = %req.method(), route = %route)
            }),
        )
        // A request that takes too long is answered 503 with Retry-After (JSON, like every
        // error), so a provider retries it later.
        .layer(TimeoutLayer::with_status_code(
            axum::http::StatusCode::SERVICE_UNAVAILABLE,
            Duration::from_secs(30),
        ))
        .layer(axum::middleware::map_response(timeout_as_json))
        // Each class of routes has its own capacity (past it, an immediate 503 rather than a
        // queue), and every body a deadline: see `admission`.
        .layer(axum::middleware::from_fn_with_state(
            admission::Admission::new(&app.settings.http),
            admission::admit,
        ))
        .with_state(app)
}
