//! Drafts at rest: XChaCha20-Poly1305 under a key that needs both the server secret and the
//! sender's identity, bound to the sender's pseudonym.

use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use rand::RngCore;

use super::{Keys, SenderId};

const VERSION: u8 = 1;

/// A sealed draft as stored: version byte, 24-byte nonce, ciphertext with tag.
pub struct SealedDraft(pub Vec<u8>);

impl Keys {
    pub fn seal_draft(&self, sender: &SenderId, plaintext: &[u8]) -> SealedDraft {
        let key = self.draft_key(sender);
        let cipher = XChaCha20Poly1305::new(chacha20poly1305::Key::from_slice(key.as_ref()));
        let mut nonce = [0u8; 24];
        rand::rngs::OsRng.fill_bytes(&mut nonce);
        let aad = self.pseudonym(sender);
        // Encryption with a fresh random nonce and an in-memory buffer cannot fail.
        let ct = cipher
            .encrypt(
                XNonce::from_slice(&nonce),
                Payload {
                    msg: plaintext,
                    aad: aad.as_bytes(),
                },
            )
            .unwrap_or_default();
        let mut out = Vec::with_capacity(1 + 24 + ct.len());
        out.push(VERSION);
        out.extend_from_slice(&nonce);
        out.extend_from_slice(&ct);
        SealedDraft(out)
    }

    /// `None` when the draft was not sealed for this sender, or is damaged.
    pub fn open_draft(
        &self,
        sender: &SenderId,
        sealed: &SealedDraft,
    ) -> Option<zeroize::Zeroizing<Vec<u8>>> {
        let bytes = &sealed.0;
        if bytes.len() < 1 + 24 + 16 || bytes[0] != VERSION {
            return None;
        }
        let key = self.draft_key(sender);
        let cipher = XChaCha20Poly1305::new(chacha20poly1305::Key::from_slice(key.as_ref()));
        let aad = self.pseudonym(sender);
        cipher
            .decrypt(
                XNonce::from_slice(&bytes[1..25]),
                Payload {
                    msg: &bytes[25..],
                    aad: aad.as_bytes(),
                },
            )
            .ok()
            .map(zeroize::Zeroizing::new)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::crypto::ServerSecret;
    use crate::domain::Channel;

    fn keys(dir: &std::path::Path) -> Keys {
        Keys::derive(&ServerSecret::load_or_create(dir).expect("secret"))
    }

    #[test]
    fn a_draft_opens_only_for_its_sender() {
        let dir = tempfile::tempdir().expect("tempdir");
        let keys = keys(dir.path());
        let alice = SenderId::new(Channel::Sms, "+5215550000001");
        let bob = SenderId::new(Channel::Sms, "+5215550000002");
        let sealed = keys.seal_draft(&alice, b"draft");
        assert!(!sealed.0.windows(5).any(|w| w == b"draft"));
        assert_eq!(
            keys.open_draft(&alice, &sealed)
                .as_deref()
                .map(Vec::as_slice),
            Some(&b"draft"[..])
        );
        assert!(keys.open_draft(&bob, &sealed).is_none());
        let other_server = tempfile::tempdir().expect("tempdir");
        assert!(
            self::keys(other_server.path())
                .open_draft(&alice, &sealed)
                .is_none()
        );
    }
}
