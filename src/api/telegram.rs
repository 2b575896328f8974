//! `POST /webhooks/telegram`: check the secret token, then parse, handle, answer 200.
//!
//! Telegram redelivers an update on any non-2xx answer, so once an update is authentic the
//! answer is 200 whatever it held (a sticker, a group message, something unreadable); only a
//! storage failure before anything was committed answers 503, so the update comes back later.

use std::sync::Arc;

use axum::Json;
use axum::body::to_bytes;
use axum::extract::{FromRequest, Request, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use secrecy::ExposeSecret;
use serde_json::json;
use teloxide_core::types::Update;

use super::{ApiError, MAX_BODY_BYTES};
use crate::channels::telegram::{self, Mode};
use crate::crypto::ct_eq;
use crate::service::App;

pub const SECRET_HEADER: &str = "x-telegram-bot-api-secret-token";

/// An authentic Telegram request: the secret header matched before the body was read. `None`
/// when the body was not an update this version can read.
pub struct VerifiedTelegram(Option<Update>);

/// Why a request was refused: a bad secret is 401, the rest as elsewhere.
pub enum Rejection {
    Secret,
    Api(ApiError),
}

impl IntoResponse for Rejection {
    fn into_response(self) -> Response {
        match self {
            Rejection::Secret => (
                StatusCode::UNAUTHORIZED,
                Json(json!({
                    "error": "unauthorized",
                    "message": "missing or invalid X-Telegram-Bot-Api-Secret-Token",
                })),
            )
                .into_response(),
            Rejection::Api(e) => e.into_response(),
        }
    }
}

impl FromRequest<Arc<App>> for VerifiedTelegram {
    type Rejection = Rejection;

    async fn from_request(req: Request, app: &Arc<App>) -> Result<Self, Rejection> {
        let settings = &app.settings.telegram;
        let secret = match &settings.webhook_secret {
            Some(s) if settings.enabled && settings.mode == Mode::Webhook => s,
            _ => return Err(Rejection::Api(ApiError::NotFound)),
        };
        let given = req
            .headers()
            .get(SECRET_HEADER)
            .map(|v| v.as_bytes())
            .unwrap_or_default();
        if !ct_eq(given, secret.expose_secret().as_bytes()) {
            return Err(Rejection::Secret);
        }
        if super::declares_too_much(req.headers()) {
            return Err(Rejection::Api(ApiError::PayloadTooLarge));
        }
        let bytes = to_bytes(req.into_body(), MAX_BODY_BYTES)
            .await
            .map_err(|_| Rejection::Api(ApiError::PayloadTooLarge))?;
        // The parse error would quote the update (names, text): it is dropped, not logged.
        let update = serde_json::from_slice::<Update>(&bytes).ok();
        Ok(Self(update))
    }
}

pub async fn webhook(
    State(app): State<Arc<App>>,
    VerifiedTelegram(update): VerifiedTelegram,
) -> Result<Response, ApiError> {
    match update {
        Some(update) => {
            crate::service::telegram::handle_update(&app, telegram::parse(update))
                .await
                .map_err(|e| ApiError::Unavailable(anyhow::Error::new(e)))?;
        }
        None => tracing::warn!("an authentic Telegram request held no readable update"),
    }
    Ok(Json(json!({ "ok": true })).into_response())
}
