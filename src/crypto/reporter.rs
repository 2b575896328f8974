//! The reporter's key pair: made per case, its secret half wrapped by a key derived (Argon2id,
//! memory-hard) from the receipt and peppered with the server secret. Replies to the reporter
//! are sealed to the public half; only someone holding the receipt *and* the server can read
//! them, and a stolen database alone gives a brute-forcer nothing to test guesses against.

use age::secrecy::ExposeSecret;
use argon2::{Algorithm, Argon2, Params, Version};
use chacha20poly1305::aead::{Aead, KeyInit};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use rand::RngCore;
use zeroize::Zeroizing;

use super::Keys;
use crate::domain::Receipt;

const VERSION: u8 = 1;
/// Argon2id with 8 MiB and one pass (about 5 ms on one core of the reference machine). The
/// receipt has about 53 bits and the server secret is mixed in as Argon2's secret input, so an
/// attacker needs the database *and* the secret and then faces 2^53 Argon2 evaluations of 8 MiB
/// each; the cost stays low enough that filing is not a CPU bottleneck (see README figures).
const M_COST_KIB: u32 = 8 * 1024;
const T_COST: u32 = 1;

/// A fresh reporter key pair.
pub struct ReporterKey {
    identity: age::x25519::Identity,
}

/// The wrapped secret half as stored: version, 16-byte salt, 24-byte nonce, ciphertext.
pub struct WrappedKey(pub Vec<u8>);

impl ReporterKey {
    pub fn generate() -> Self {
        Self {
            identity: age::x25519::Identity::generate(),
        }
    }

    /// The public half, `age1…`.
    pub fn recipient(&self) -> String {
        self.identity.to_public().to_string()
    }

    /// Wraps the secret half under the receipt. CPU- and memory-heavy: use `spawn_blocking`.
    pub fn wrap(&self, keys: &Keys, receipt: &Receipt) -> Option<WrappedKey> {
        let mut salt = [0u8; 16];
        let mut nonce = [0u8; 24];
        rand::rngs::OsRng.fill_bytes(&mut salt);
        rand::rngs::OsRng.fill_bytes(&mut nonce);
        let kek = kek(keys, receipt, &salt)?;
        let cipher = XChaCha20Poly1305::new(chacha20poly1305::Key::from_slice(kek.as_ref()));
        let secret = self.identity.to_string();
        let ct = cipher
            .encrypt(
                XNonce::from_slice(&nonce),
                secret.expose_secret().as_bytes(),
            )
            .ok()?;
        let mut out = Vec::with_capacity(1 + 16 + 24 + ct.len());
        out.push(VERSION);
        out.extend_from_slice(&salt);
        out.extend_from_slice(&nonce);
        out.extend_from_slice(&ct);
        Some(WrappedKey(out))
    }

    /// Unwraps with the receipt; `None` for a wrong receipt or a damaged blob.
    pub fn unwrap(keys: &Keys, receipt: &Receipt, wrapped: &WrappedKey) -> Option<Self> {
        let b = &wrapped.0;
        if b.len() < 1 + 16 + 24 + 16 || b[0] != VERSION {
            return None;
        }
        let kek = kek(keys, receipt, &b[1..17])?;
        let cipher = XChaCha20Poly1305::new(chacha20poly1305::Key::from_slice(kek.as_ref()));
        let plain = Zeroizing::new(
            cipher
                .decrypt(XNonce::from_slice(&b[17..41]), &b[41..])
                .ok()?,
        );
        let text = std::str::from_utf8(&plain).ok()?;
        let identity = text.parse::<age::x25519::Identity>().ok()?;
        Some(Self { identity })
    }
}

fn kek(keys: &Keys, receipt: &Receipt, salt: &[u8]) -> Option<Zeroizing<[u8; 32]>> {
    let mut out = Zeroizing::new([0u8; 32]);
    let params = Params::new(M_COST_KIB, T_COST, 1, Some(32)).ok()?;
    let argon = Argon2::new_with_secret(
        keys.wrap_pepper.as_ref(),
        Algorithm::Argon2id,
        Version::V0x13,
        params,
    )
    .ok()?;
    argon
        .hash_password_into(receipt.digits().as_bytes(), salt, out.as_mut())
        .ok()?;
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::crypto::ServerSecret;

    #[test]
    fn only_the_right_receipt_unwraps_the_reporter_key() {
        let dir = tempfile::tempdir().expect("tempdir");
        let keys = Keys::derive(&ServerSecret::load_or_create(dir.path()).expect("secret"));
        let key = ReporterKey::generate();
        let receipt = Receipt::generate();
        let wrapped = key.wrap(&keys, &receipt).expect("wraps");
        let back = ReporterKey::unwrap(&keys, &receipt, &wrapped).expect("unwraps");
        assert_eq!(back.recipient(), key.recipient());
        let wrong = Receipt::parse("0000000000000000").expect("valid");
        assert!(ReporterKey::unwrap(&keys, &wrong, &wrapped).is_none());
    }
}
