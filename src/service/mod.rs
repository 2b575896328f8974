//! The application core: shared state, and the work done for one inbound message (load the
//! draft, run the pure flow, seal, commit, answer). Channels call in; nothing here renders.

pub mod attachments;
mod filing;
mod intake;
pub mod telegram;

use crate::config::Settings;
use crate::crypto::Keys;
use crate::i18n::Catalog;
use crate::routing::Routing;
use crate::store::Store;

pub use intake::{Handled, ServiceError, handle};

/// Everything a request needs, built once at start and shared (`Arc<App>`). No globals.
pub struct App {
    pub settings: Settings,
    pub store: Store,
    pub keys: Keys,
    pub catalog: Catalog,
    pub routing: Routing,
    /// The Telegram bot, when `[telegram] enabled`.
    pub telegram: Option<crate::channels::telegram::send::Telegram>,
}

/// Seconds since the Unix epoch, for draft and dedupe expiry (never stored next to a case).
pub fn unix_now() -> i64 {
    time::OffsetDateTime::now_utc().unix_timestamp()
}
