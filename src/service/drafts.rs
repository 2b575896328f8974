//! A sender's draft at rest: sealed under a key derived from the sender's channel identity,
//! stored under the sender's pseudonym. One way to seal, open and look one up, for the intake
//! and for the channels that need to know where a conversation stands.

use zeroize::Zeroizing;

use super::{App, unix_now};
use crate::crypto::{SealedDraft, SenderId};
use crate::intake::Draft;

/// Seals a draft for storage.
pub(super) fn seal(app: &App, sender: &SenderId, draft: &Draft) -> SealedDraft {
    let json = Zeroizing::new(serde_json::to_vec(draft).unwrap_or_default());
    app.keys.seal_draft(sender, &json)
}

/// Opens a stored draft; `None` when it was sealed under another server secret or by an
/// incompatible version.
pub(super) fn open(app: &App, sender: &SenderId, sealed: &SealedDraft) -> Option<Draft> {
    let json = app.keys.open_draft(sender, sealed)?;
    serde_json::from_slice::<Draft>(&json).ok()
}

/// The sender's unexpired draft, opened, if there is one (read-only; a storage error or a
/// draft that cannot be opened reads as none).
pub(super) async fn current(app: &App, sender: &SenderId) -> Option<Draft> {
    let pseudonym = app.keys.pseudonym(sender);
    let stored = app
        .store
        .load_draft(&pseudonym, unix_now())
        .await
        .ok()
        .flatten()
        .filter(|s| !s.expired)?;
    open(app, sender, &stored.sealed)
}
