//! The application core: shared state, and the work done for one inbound message (load the
//! draft, run the pure flow, seal, commit, answer). Channels call in; nothing here renders.

pub mod attachments;
mod drafts;
pub(crate) mod filing;
mod intake;
pub mod limits;
pub mod shelter;
pub mod telegram;
pub mod web_form;

use crate::config::Settings;
use crate::crypto::{DedupeKey, Keys};
use crate::domain::Channel;
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
    pub limits: limits::Limits,
    /// Concurrent seals (age) on the blocking pool: a burst of confirmations, each perhaps with
    /// megabytes of attachments, must not starve the machine.
    pub seal_permits: tokio::sync::Semaphore,
    /// Telegram files being downloaded, per sender, held against the draft's caps.
    pub uploads: attachments::InFlight,
    /// The Telegram bot, when `[telegram] enabled`.
    pub telegram: Option<crate::channels::telegram::send::Telegram>,
}

/// One sweep: expired drafts, dedupe keys and web sessions, and the ciphertext of envelopes acknowledged
/// longer ago than their org's `retain_days_after_ack`. Returns the rows touched.
pub async fn sweep_once(app: &App) -> Result<u64, crate::store::StoreError> {
    app.limits.shrink();
    shelter::refresh_volunteers(app).await?;
    let mut n = app.store.sweep(unix_now()).await?;
    n += app.store.sweep_sessions(unix_now()).await?;
    let today = crate::domain::Day::today();
    for org in app.routing.orgs() {
        if let Some(days) = org.retain_days_after_ack {
            n += app
                .store
                .purge_acked(&org.id, today.minus_days(days), today)
                .await?;
        }
    }
    Ok(n)
}

/// The dedupe key of a provider's message id: the one way it is built, whether the intake
/// records the message or a channel records one it does not pass on (a Telegram update that
/// is ignored, a refused file).
pub(crate) fn dedupe_key(app: &App, channel: Channel, provider_id: &str) -> DedupeKey {
    app.keys.dedupe_key(channel.as_str(), provider_id)
}

/// Seconds since the Unix epoch, for draft and dedupe expiry (never stored next to a case).
pub fn unix_now() -> i64 {
    time::OffsetDateTime::now_utc().unix_timestamp()
}
