//! `/shelter`: a plain HTML form for shelters with a computer, where a volunteer files with the
//! person present. No JavaScript; the same questions, choices and sealing as the assisted
//! conversation. Nothing is stored before filing: the answers travel in the form's hidden
//! fields between the two steps; the session is a signed cookie with a small server-side record
//! (so logout and token revocation end it).
//!
//! # Layout
//!
//! - [`session`]: the login cookie, HMAC-signed under its own subkey, and its record; the
//!   token is never kept.
//! - [`csrf`]: a token bound to the session, and the `Origin` check, on every POST.
//! - [`lang`]: which complete locale a page is in.
//! - [`fields`]: reading a posted form (URL-encoded or multipart with files), bounded.
//! - [`answers`]: the answers and the person's choices, parsed and checked.
//! - [`pages`]: the HTML, every user-provided string escaped.
//! - [`handlers`]: the routes.

mod answers;
mod csrf;
mod fields;
mod handlers;
mod lang;
mod pages;
mod session;

use std::sync::Arc;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::{HeaderValue, header};
use axum::response::Response;
use axum::routing::{get, post};

use crate::service::App;

/// Files one form may carry, and their bytes together: the same bounds as a Telegram draft.
pub(crate) use crate::intake::{MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS};

/// The largest multipart body: every file plus the text fields.
const MAX_UPLOAD_BYTES: usize = MAX_ATTACHMENT_BYTES as usize + 512 * 1024;

/// What every page may load: its own stylesheet, and forms posted to itself. Nothing else.
const CSP: &str = "default-src 'none'; style-src 'self'; form-action 'self'; \
                   frame-ancestors 'none'; base-uri 'none'";

/// The routes under `/shelter`, each answered with [`security_headers`].
pub(super) fn routes() -> Router<Arc<App>> {
    Router::new()
        .route("/shelter", get(handlers::show))
        .route("/shelter/style.css", get(handlers::style))
        .route("/shelter/login", post(handlers::login))
        .route("/shelter/logout", post(handlers::logout))
        .route("/shelter/review", post(handlers::review))
        // The review page posts multipart, files included, to either of these.
        .route(
            "/shelter/edit",
            post(handlers::edit).layer(DefaultBodyLimit::max(MAX_UPLOAD_BYTES)),
        )
        .route(
            "/shelter/file",
            post(handlers::file).layer(DefaultBodyLimit::max(MAX_UPLOAD_BYTES)),
        )
        .layer(axum::middleware::map_response(security_headers))
}

/// Strict headers on every `/shelter` response: no framing, no sniffing, no referrer, no
/// caching (a shared computer must not keep a person's story), and a CSP that allows only the
/// page's own stylesheet and forms.
async fn security_headers(mut resp: Response) -> Response {
    let h = resp.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CSP),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    resp
}
