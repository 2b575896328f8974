//! Keyed hashes derived from the server secret: sender pseudonyms, receipt and token lookups,
//! provider-message dedupe keys, and per-sender draft keys.
//!
//! Each purpose has its own subkey, so a value computed for one purpose is useless for another.

use hmac::{Hmac, Mac};
use secrecy::{ExposeSecret, SecretString};
use sha2::Sha256;
use zeroize::Zeroizing;

use super::ServerSecret;
use crate::domain::{Channel, Receipt};

pub(crate) fn hmac256(key: &[u8], parts: &[&[u8]]) -> [u8; 32] {
    // HMAC accepts keys of any length; `new_from_slice` cannot fail for it.
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(key).unwrap_or_else(|_| unreachable!());
    for p in parts {
        // Length-prefix each part so that ("ab","c") and ("a","bc") differ.
        mac.update(&(p.len() as u64).to_be_bytes());
        mac.update(p);
    }
    mac.finalize().into_bytes().into()
}

/// A sender's identity on a channel (a phone number, a Telegram chat id). It exists only while
/// one request is handled: no `Debug`, no `Serialize`, zeroized on drop.
pub struct SenderId {
    channel: Channel,
    id: SecretString,
}

impl SenderId {
    pub fn new(channel: Channel, id: &str) -> Self {
        Self {
            channel,
            id: SecretString::from(id.trim().to_owned()),
        }
    }

    pub fn channel(&self) -> Channel {
        self.channel
    }
}

macro_rules! hash_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, PartialEq, Eq)]
        pub struct $name(pub(crate) [u8; 32]);

        impl $name {
            pub fn as_bytes(&self) -> &[u8] {
                &self.0
            }
        }

        impl std::fmt::Debug for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(concat!(stringify!($name), "(..)"))
            }
        }
    };
}

hash_type!(
    /// Keyed hash of a channel identity: the only key drafts are stored under.
    Pseudonym
);
hash_type!(
    /// Keyed hash of a receipt: how a case is found from the digits a reporter types.
    ReceiptHash
);
hash_type!(
    /// Keyed hash of an org's API token.
    TokenHash
);
hash_type!(
    /// Keyed hash of a shelter web session's random nonce: what the `web_sessions` table keeps,
    /// so a copy of the database cannot be turned into a live cookie.
    SessionHash
);
hash_type!(
    /// Keyed hash of a provider's message id (Twilio `MessageSid`, Telegram `update_id`): the
    /// raw ids are linkable to a phone number at the provider, so they are not stored.
    DedupeKey
);

hash_type!(
    /// Keyed hash of a shelter enrolment code: the code itself is shown once and never stored.
    InviteHash
);
hash_type!(
    /// Keyed hash of a volunteer's pseudonym: what the `volunteers` table keeps, so that a
    /// reader of the database alone cannot match an enrolled volunteer to a draft's pseudonym
    /// (or to a case filed in the same transaction as a draft was erased).
    VolunteerKey
);
hash_type!(
    /// Keyed hash of (shelter, case): how a shelter finds the cases it filed, while the
    /// database alone cannot tell which shelter filed an assisted case.
    AssistedTag
);

/// The subkeys, derived once at start.
pub struct Keys {
    pseudonym: Zeroizing<[u8; 32]>,
    draft: Zeroizing<[u8; 32]>,
    receipt: Zeroizing<[u8; 32]>,
    token: Zeroizing<[u8; 32]>,
    dedupe: Zeroizing<[u8; 32]>,
    invite: Zeroizing<[u8; 32]>,
    assisted: Zeroizing<[u8; 32]>,
    volunteer: Zeroizing<[u8; 32]>,
    /// The shelters' web form: session cookies and the CSRF tokens bound to them.
    web_session: Zeroizing<[u8; 32]>,
    /// Argon2's secret input for reporter keys wrapped before version 2 (only unwrapped).
    pub(crate) wrap_pepper: Zeroizing<[u8; 32]>,
    /// The HMAC key that wraps reporter keys under a receipt (see `crypto::reporter`).
    pub(crate) wrap: Zeroizing<[u8; 32]>,
}

impl Keys {
    pub fn derive(secret: &ServerSecret) -> Self {
        let k = |label| Zeroizing::new(secret.derive(label));
        Self {
            pseudonym: k("buzon/v1/pseudonym"),
            draft: k("buzon/v1/draft"),
            receipt: k("buzon/v1/receipt"),
            token: k("buzon/v1/token"),
            dedupe: k("buzon/v1/dedupe"),
            invite: k("buzon/v1/shelter-invite"),
            assisted: k("buzon/v1/assisted-by"),
            volunteer: k("buzon/v1/volunteer"),
            web_session: k("buzon/v1/web-session"),
            wrap_pepper: k("buzon/v1/receipt-wrap"),
            wrap: k("buzon/v2/receipt-wrap"),
        }
    }

    pub fn pseudonym(&self, sender: &SenderId) -> Pseudonym {
        Pseudonym(hmac256(
            self.pseudonym.as_ref(),
            &[
                sender.channel.as_str().as_bytes(),
                sender.id.expose_secret().as_bytes(),
            ],
        ))
    }

    /// The key a sender's draft is sealed with. It needs the sender's identity as well as the
    /// server secret: a stolen database and secret alone do not open drafts.
    pub(crate) fn draft_key(&self, sender: &SenderId) -> Zeroizing<[u8; 32]> {
        Zeroizing::new(hmac256(
            self.draft.as_ref(),
            &[
                sender.channel.as_str().as_bytes(),
                sender.id.expose_secret().as_bytes(),
            ],
        ))
    }

    pub fn receipt_hash(&self, receipt: &Receipt) -> ReceiptHash {
        ReceiptHash(hmac256(
            self.receipt.as_ref(),
            &[receipt.digits().as_bytes()],
        ))
    }

    pub fn token_hash(&self, token: &str) -> TokenHash {
        TokenHash(hmac256(self.token.as_ref(), &[token.as_bytes()]))
    }

    pub fn dedupe_key(&self, provider: &str, message_id: &str) -> DedupeKey {
        DedupeKey(hmac256(
            self.dedupe.as_ref(),
            &[provider.as_bytes(), message_id.as_bytes()],
        ))
    }

    /// Codes are compared as typed, without case or separators (`k7m2-9qxp` = `K7M29QXP`).
    pub fn invite_hash(&self, code: &str) -> InviteHash {
        let canonical: String = code
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .map(|c| c.to_ascii_uppercase())
            .collect();
        InviteHash(hmac256(self.invite.as_ref(), &[canonical.as_bytes()]))
    }

    pub fn volunteer_key(&self, pseudonym: &Pseudonym) -> VolunteerKey {
        VolunteerKey(hmac256(self.volunteer.as_ref(), &[pseudonym.as_bytes()]))
    }

    pub fn assisted_tag(
        &self,
        shelter: &crate::domain::OrgId,
        case: &crate::domain::CaseId,
    ) -> AssistedTag {
        AssistedTag(hmac256(
            self.assisted.as_ref(),
            &[shelter.as_str().as_bytes(), case.as_str().as_bytes()],
        ))
    }

    /// The stored form of a web session's nonce.
    pub fn session_hash(&self, nonce: &str) -> SessionHash {
        SessionHash(self.web_mac("session-record", &[nonce.as_bytes()]))
    }

    /// HMAC of the shelters' web form (a session cookie, or the CSRF token bound to one).
    /// `purpose` separates the two uses under the one subkey.
    pub(crate) fn web_mac(&self, purpose: &str, parts: &[&[u8]]) -> [u8; 32] {
        let mut all: Vec<&[u8]> = Vec::with_capacity(parts.len() + 1);
        all.push(purpose.as_bytes());
        all.extend_from_slice(parts);
        hmac256(self.web_session.as_ref(), &all)
    }
}
