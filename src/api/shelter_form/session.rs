//! The shelter's login session: a stateless cookie `org.expires.nonce.mac`, where `mac` is an
//! HMAC under the web-session subkey. The API token typed at login is checked once and never
//! kept; the cookie names only the shelter, an expiry and a random nonce (which the CSRF token
//! is bound to).

use axum::http::{HeaderMap, HeaderValue, header};
use rand::RngCore;
use subtle::ConstantTimeEq;

use crate::domain::OrgId;
use crate::service::{App, unix_now};

const COOKIE: &str = "buzon_shelter";
/// A session lasts one working day at most.
const LIFETIME_SECONDS: i64 = 8 * 60 * 60;

/// A shelter logged in to the form. No `Debug`: its nonce keys the CSRF token.
pub(super) struct Session {
    pub org: OrgId,
    expires: i64,
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
    /// A fresh session for a shelter whose token was just checked.
    pub fn start(org: OrgId) -> Self {
        Self {
            org,
            expires: unix_now() + LIFETIME_SECONDS,
            nonce: random_id(),
        }
    }

    pub fn nonce(&self) -> &str {
        &self.nonce
    }

    fn mac(&self, app: &App) -> String {
        hex(&app.keys.web_mac(
            "session",
            &[
                self.org.as_str().as_bytes(),
                self.expires.to_string().as_bytes(),
                self.nonce.as_bytes(),
            ],
        ))
    }

    /// The session of a request: a cookie whose MAC verifies (constant time), not expired,
    /// for a shelter the routing file still lists as an intermediary.
    pub fn from_headers(app: &App, headers: &HeaderMap) -> Option<Self> {
        let value = headers
            .get_all(header::COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(';'))
            .filter_map(|c| c.trim().split_once('='))
            .find(|(name, _)| *name == COOKIE)
            .map(|(_, v)| v)?;
        let mut parts = value.split('.');
        let (org, expires, nonce, mac) =
            (parts.next()?, parts.next()?, parts.next()?, parts.next()?);
        if parts.next().is_some() {
            return None;
        }
        let session = Self {
            org: OrgId::parse(org).ok()?,
            expires: expires.parse().ok()?,
            nonce: nonce.to_owned(),
        };
        let good: bool = session.mac(app).as_bytes().ct_eq(mac.as_bytes()).into();
        let shelter = app
            .routing
            .org(&session.org)
            .is_some_and(|o| o.intermediary);
        (good && session.expires > unix_now() && shelter).then_some(session)
    }

    /// `Set-Cookie` for this session: HttpOnly, SameSite=Strict, only under `/shelter`, Secure
    /// when the public URL is https.
    pub fn set_cookie(&self, app: &App) -> HeaderValue {
        let value = format!(
            "{}.{}.{}.{}",
            self.org.as_str(),
            self.expires,
            self.nonce,
            self.mac(app)
        );
        cookie(app, &value, LIFETIME_SECONDS)
    }

    /// `Set-Cookie` that removes the session.
    pub fn clear_cookie(app: &App) -> HeaderValue {
        cookie(app, "", 0)
    }
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
    // Built from an org id (a-z, 0-9, '-'), digits and hex only.
    HeaderValue::from_str(&text).unwrap_or_else(|_| HeaderValue::from_static("buzon_shelter="))
}
