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

/// Whether a POST may come from where it says. A browser names where a form came from in
/// `Sec-Fetch-Site`: only `same-origin` passes, or `none` for the person's own action. One
/// without it sends `Origin`, which must be this server, as the public URL or as the host the
/// request was sent to. Under `Referrer-Policy: no-referrer` browsers send `Origin: null` with
/// a form, so `null` alone decides nothing: the CSRF token still has to match. A client that
/// sends neither is not a browser a site could steer.
pub(super) fn same_origin(app: &App, headers: &HeaderMap) -> bool {
    if let Some(site) = headers.get("sec-fetch-site") {
        // `none`: the person did it themselves (a reload resubmitting the form), never a site.
        return site
            .to_str()
            .is_ok_and(|s| s == "same-origin" || s == "none");
    }
    let Some(origin) = headers.get(header::ORIGIN) else {
        return true;
    };
    let Ok(origin) = origin.to_str() else {
        return false;
    };
    if origin == "null" {
        return true;
    }
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
