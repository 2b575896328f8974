//! Everything secret: the server secret and the keyed hashes derived from it, sealed drafts,
//! age envelopes, and the reporter key wrapped by a receipt.
//!
//! Secret values here have no `Debug`, `Display` or `Serialize`, are zeroized when dropped, and
//! are compared in constant time. Nothing in this module logs.

mod envelope;
mod keys;
mod reporter;
mod sealbox;
mod secret;

pub use envelope::{SealError, open_envelope, seal_envelope};
mod invite;

pub use invite::invite_code;
pub use keys::{
    AssistedTag, DedupeKey, InviteHash, Keys, Pseudonym, ReceiptHash, SenderId, SessionHash,
    TokenHash, VolunteerKey,
};
pub use reporter::{ReporterKey, WrappedKey};
pub use sealbox::SealedDraft;
pub use secret::{SecretError, ServerSecret, create_private_file};

/// Constant-time equality for secrets of any length (length itself is not secret here).
pub fn ct_eq(a: &[u8], b: &[u8]) -> bool {
    use subtle::ConstantTimeEq;
    a.len() == b.len() && bool::from(a.ct_eq(b))
}
