//! The shelter's login session. The cookie is `token_id.nonce.mac`: the id of the
//! shelter-form token typed at login, a random nonce (which the CSRF token is bound to), and an
//! HMAC of both under the web-session subkey. The server keeps a record per session (a keyed
//! hash of the nonce, the token id, the expiry), so a session ends at logout, and with its
//! token when that is revoked, at once and on every instance. The token itself is checked once
//! at login and never kept.

use axum::http::{HeaderMap, HeaderValue, header};
use rand::RngCore;
use subtle::ConstantTimeEq;

use crate::domain::{OrgId, TokenId};
use crate::service::{App, unix_now};
use crate::store::StoreError;

const COOKIE: &str = "buzon_shelter";
/// A session lasts one working day at most.
const LIFETIME_SECONDS: i64 = 8 * 60 * 60;

/// A shelter logged in to the form. No `Debug`: its nonce keys the CSRF token.
pub(super) struct Session {
    pub org: OrgId,
    token: TokenId,
    nonce: String,
}

pub(super) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// 16 random bytes as hex: a session nonce, a form id.
pub(super) fn random_id() -> String {
    let mut b = [0u8; 16];
    rand::rngs::OsRng.fill_bytes(&mut b);
    hex(&b)
}

impl Session {
    /// A fresh session for a shelter whose shelter-form token was just checked, recorded so
    /// that logout and revocation can end it.
    pub async fn start(app: &App, org: OrgId, token: TokenId) -> Result<Self, StoreError> {
        let session = Self {
            org,
            token,
            nonce: random_id(),
        };
        app.store
            .start_session(
                &app.keys.session_hash(&session.nonce),
                &session.token,
                unix_now() + LIFETIME_SECONDS,
            )
            .await?;
        Ok(session)
    }

    /// Ends this session (logout): its record is deleted, so the cookie no longer opens it.
    pub async fn end(&self, app: &App) -> Result<(), StoreError> {
        app.store
            .end_session(&app.keys.session_hash(&self.nonce))
            .await
    }

    pub fn nonce(&self) -> &str {
        &self.nonce
    }

    fn mac(app: &App, token: &str, nonce: &str) -> String {
        hex(&app
            .keys
            .web_mac("session", &[token.as_bytes(), nonce.as_bytes()]))
    }

    /// The session of a request: a cookie whose MAC verifies (constant time), whose record
    /// exists and has not expired, opened with a shelter-form token that still exists, of a
    /// shelter the routing file still lists as an intermediary. `Ok(None)` for anything else;
    /// `Err` only when the database cannot answer.
    pub async fn from_headers(app: &App, headers: &HeaderMap) -> Result<Option<Self>, StoreError> {
        let Some((token, nonce)) = cookie_parts(app, headers) else {
            return Ok(None);
        };
        let Some(org) = app
            .store
            .session_org(&app.keys.session_hash(&nonce), &token, unix_now())
            .await?
        else {
            return Ok(None);
        };
        let shelter = app.routing.org(&org).is_some_and(|o| o.intermediary);
        Ok(shelter.then_some(Self { org, token, nonce }))
    }

    /// `Set-Cookie` for this session: HttpOnly, SameSite=Strict, only under `/shelter`, Secure
    /// when the public URL is https.
    pub fn set_cookie(&self, app: &App) -> HeaderValue {
        let value = format!(
            "{}.{}.{}",
            self.token,
            self.nonce,
            Self::mac(app, self.token.as_str(), &self.nonce)
        );
        cookie(app, &value, LIFETIME_SECONDS)
    }

    /// `Set-Cookie` that removes the session.
    pub fn clear_cookie(app: &App) -> HeaderValue {
        cookie(app, "", 0)
    }
}

/// The token id and nonce of a session cookie whose MAC verifies; a forged or altered cookie
/// is refused here, before any database read.
fn cookie_parts(app: &App, headers: &HeaderMap) -> Option<(TokenId, String)> {
    let value = headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|c| c.trim().split_once('='))
        .find(|(name, _)| *name == COOKIE)
        .map(|(_, v)| v)?;
    let mut parts = value.split('.');
    let (token, nonce, mac) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() {
        return None;
    }
    let token = TokenId::parse(token).ok()?;
    let good: bool = Session::mac(app, token.as_str(), nonce)
        .as_bytes()
        .ct_eq(mac.as_bytes())
        .into();
    good.then(|| (token, nonce.to_owned()))
}

fn cookie(app: &App, value: &str, max_age: i64) -> HeaderValue {
    let secure = if app.settings.public_url.starts_with("https://") {
        "; Secure"
    } else {
        ""
    };
    let text = format!(
        "{COOKIE}={value}; Max-Age={max_age}; Path=/shelter; HttpOnly; SameSite=Strict{secure}"
    );
    // Built from a token id and hex only.
    HeaderValue::from_str(&text).unwrap_or_else(|_| HeaderValue::from_static("buzon_shelter="))
}
