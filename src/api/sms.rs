//! `POST /webhooks/sms/twilio`: authenticate, parse, handle, answer in TwiML.

use std::sync::Arc;

use axum::body::{Body, to_bytes};
use axum::extract::{FromRequest, Request, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};

use super::{ApiError, MAX_BODY_BYTES};
use crate::channels::{sms, twilio};
use crate::service::{self, App, Handled};

/// A Twilio request whose signature checked out. Authentication happens before the form is
/// interpreted, so a forged request changes nothing and costs no database work.
pub struct VerifiedTwilio(twilio::RawForm);

impl FromRequest<Arc<App>> for VerifiedTwilio {
    type Rejection = ApiError;

    async fn from_request(req: Request, app: &Arc<App>) -> Result<Self, ApiError> {
        let token = match (&app.settings.sms.auth_token, app.settings.sms.enabled) {
            (Some(token), true) => token,
            _ => return Err(ApiError::NotFound),
        };
        let signature = req
            .headers()
            .get("x-twilio-signature")
            .and_then(|v| v.to_str().ok())
            .and_then(twilio::TwilioSignature::parse)
            .ok_or(ApiError::Forbidden(
                "missing or malformed X-Twilio-Signature",
            ))?;
        if super::declares_too_much(req.headers()) {
            return Err(ApiError::PayloadTooLarge);
        }
        let path = req
            .uri()
            .path_and_query()
            .map(|p| p.as_str().to_owned())
            .unwrap_or_default();
        let body: Body = req.into_body();
        let bytes = to_bytes(body, MAX_BODY_BYTES)
            .await
            .map_err(|_| ApiError::PayloadTooLarge)?;
        let form = twilio::RawForm::parse(&bytes);
        let url = app.settings.public_url_for(&path);
        use secrecy::ExposeSecret;
        if !twilio::verify(token.expose_secret().as_bytes(), &url, &form, &signature) {
            return Err(ApiError::Forbidden("X-Twilio-Signature does not match"));
        }
        Ok(Self(form))
    }
}

pub async fn twilio(
    State(app): State<Arc<App>>,
    VerifiedTwilio(form): VerifiedTwilio,
) -> Result<Response, ApiError> {
    let inbound = twilio::inbound(&form).map_err(|e| match e {
        twilio::FormError::NoMessageSid => ApiError::BadRequest("the form has no MessageSid"),
        twilio::FormError::NoFrom => ApiError::BadRequest("the form has no From"),
        twilio::FormError::NoBody => ApiError::BadRequest("the form has no Body"),
    })?;
    let handled = service::handle(&app, inbound)
        .await
        .map_err(|e| ApiError::Unavailable(anyhow::Error::new(e)))?;
    let messages = match handled {
        Handled::Duplicate | Handled::Silent => Vec::new(),
        Handled::Replied { lang, replies } => sms::render_messages(&app.catalog, &lang, &replies),
    };
    Ok((
        [(header::CONTENT_TYPE, "text/xml; charset=utf-8")],
        twilio::twiml(&messages),
    )
        .into_response())
}
