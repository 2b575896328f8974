//! Cross-site request forgery: every POST carries a token bound to the session (an HMAC of its
//! nonce), compared in constant time, and a browser's `Origin`, when sent, must be this site.

use axum::http::{HeaderMap, header};
use subtle::ConstantTimeEq;

use super::session::{Session, hex};
use crate::service::App;

/// The token the session's forms carry in their `csrf` field.
pub(super) fn token(app: &App, session: &Session) -> String {
    hex(&app.keys.web_mac("csrf", &[session.nonce().as_bytes()]))
}

/// Whether a posted token is the session's own.
pub(super) fn verify(app: &App, session: &Session, posted: Option<&str>) -> bool {
    let Some(posted) = posted else { return false };
    token(app, session)
        .as_bytes()
        .ct_eq(posted.as_bytes())
        .into()
}

/// Whether a POST may come from where it says: a browser sends `Origin` (and
/// `Sec-Fetch-Site`) with a form; they must name this server, as the public URL or as the host
/// the request was sent to. A client that sends neither is not a browser a site could steer.
pub(super) fn same_origin(app: &App, headers: &HeaderMap) -> bool {
    if headers
        .get("sec-fetch-site")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v == "cross-site" || v == "same-site")
    {
        return false;
    }
    let Some(origin) = headers.get(header::ORIGIN) else {
        return true;
    };
    let Ok(origin) = origin.to_str() else {
        return false;
    };
    let public = app.settings.public_url.trim_end_matches('/');
    if origin.eq_ignore_ascii_case(public) {
        return true;
    }
    let host = headers.get(header::HOST).and_then(|h| h.to_str().ok());
    let authority = origin
        .strip_prefix("http://")
        .or_else(|| origin.strip_prefix("https://"));
    matches!((authority, host), (Some(a), Some(h)) if a.eq_ignore_ascii_case(h))
}
