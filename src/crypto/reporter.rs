//! The reporter's key pair: made per case, its secret half wrapped by a key derived from the
//! receipt and the server secret. Replies to the reporter are sealed to the public half; only
//! someone holding the receipt *and* the server secret can read them.
//!
//! Why a keyed hash and not a slow KDF: a case is found by `HMAC(secret, receipt)`
//! ([`Keys::receipt_hash`]), so whoever holds the database *and* the secret can already test a
//! guessed receipt against every case at once at HMAC speed. A memory-hard wrap on top adds
//! nothing against that attacker, and without the secret neither hash can be tested at all. The
//! receipt's ~53 bits and the secret are what protect a case; this wrap is version 2. Version 1
//! (Argon2id, 8 MiB) cost about 5 ms per case — a third of the server's CPU under load — and is
//! still read, so cases filed before the change keep working.

use age::secrecy::ExposeSecret;
use argon2::{Algorithm, Argon2, Params, Version};
use chacha20poly1305::aead::{Aead, KeyInit};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use rand::RngCore;
use zeroize::Zeroizing;

use super::Keys;
use super::keys::hmac256;
use crate::domain::Receipt;

/// HMAC-SHA256 under the version-2 wrap subkey of the server secret.
const VERSION: u8 = 2;
/// Argon2id with 8 MiB and one pass, the server secret as Argon2's secret input: only unwrapped.
const VERSION_ARGON2: u8 = 1;
const M_COST_KIB: u32 = 8 * 1024;
const T_COST: u32 = 1;

/// A fresh reporter key pair.
pub struct ReporterKey {
    identity: age::x25519::Identity,
}

/// The wrapped secret half as stored: version, 16-byte salt, 24-byte nonce, ciphertext.
#[derive(Clone)]
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

    /// Wraps the secret half under the receipt.
    pub fn wrap(&self, keys: &Keys, receipt: &Receipt) -> Option<WrappedKey> {
        self.wrap_as(VERSION, keys, receipt)
    }

    fn wrap_as(&self, version: u8, keys: &Keys, receipt: &Receipt) -> Option<WrappedKey> {
        let mut salt = [0u8; 16];
        let mut nonce = [0u8; 24];
        rand::rngs::OsRng.fill_bytes(&mut salt);
        rand::rngs::OsRng.fill_bytes(&mut nonce);
        let kek = kek(version, keys, receipt, &salt)?;
        let cipher = XChaCha20Poly1305::new(chacha20poly1305::Key::from_slice(kek.as_ref()));
        let secret = self.identity.to_string();
        let ct = cipher
            .encrypt(
                XNonce::from_slice(&nonce),
                secret.expose_secret().as_bytes(),
            )
            .ok()?;
        let mut out = Vec::with_capacity(1 + 16 + 24 + ct.len());
        out.push(version);
        out.extend_from_slice(&salt);
        out.extend_from_slice(&nonce);
        out.extend_from_slice(&ct);
        Some(WrappedKey(out))
    }

    /// Unwraps with the receipt; `None` for a wrong receipt or a damaged blob.
    pub fn unwrap(keys: &Keys, receipt: &Receipt, wrapped: &WrappedKey) -> Option<Self> {
        let b = &wrapped.0;
        if b.len() < 1 + 16 + 24 + 16 {
            return None;
        }
        let kek = kek(b[0], keys, receipt, &b[1..17])?;
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

fn kek(version: u8, keys: &Keys, receipt: &Receipt, salt: &[u8]) -> Option<Zeroizing<[u8; 32]>> {
    match version {
        VERSION => Some(Zeroizing::new(hmac256(
            keys.wrap.as_ref(),
            &[b"reporter-key-wrap/v2", salt, receipt.digits().as_bytes()],
        ))),
        VERSION_ARGON2 => argon2_kek(keys, receipt, salt),
        _ => None,
    }
}

fn argon2_kek(keys: &Keys, receipt: &Receipt, salt: &[u8]) -> Option<Zeroizing<[u8; 32]>> {
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

    /// Keys from a fresh random server secret (the folder must outlive them).
    fn fresh_keys() -> (tempfile::TempDir, Keys) {
        let dir = tempfile::tempdir().expect("tempdir");
        let keys = Keys::derive(&ServerSecret::load_or_create(dir.path()).expect("secret"));
        (dir, keys)
    }

    /// Wraps a fresh key as `version`; checks that the receipt unwraps it and another does not.
    fn round_trip(keys: &Keys, version: u8) -> (ReporterKey, Receipt) {
        let key = ReporterKey::generate();
        let receipt = Receipt::generate();
        let wrapped = key.wrap_as(version, keys, &receipt).expect("wraps");
        let back = ReporterKey::unwrap(keys, &receipt, &wrapped).expect("unwraps");
        assert_eq!(back.recipient(), key.recipient());
        let wrong = Receipt::parse("0000000000000000").expect("valid");
        assert!(ReporterKey::unwrap(keys, &wrong, &wrapped).is_none());
        (key, receipt)
    }

    #[test]
    fn only_the_right_receipt_unwraps_the_reporter_key() {
        let (_dir, keys) = fresh_keys();
        let (key, receipt) = round_trip(&keys, VERSION);
        assert_eq!(key.wrap(&keys, &receipt).expect("wraps").0[0], VERSION);
    }

    #[test]
    fn keys_wrapped_before_version_2_still_unwrap_and_unknown_versions_do_not() {
        let (_dir, keys) = fresh_keys();
        let (key, receipt) = round_trip(&keys, VERSION_ARGON2);
        let mut unknown = key.wrap(&keys, &receipt).expect("wraps");
        unknown.0[0] = 3;
        assert!(ReporterKey::unwrap(&keys, &receipt, &unknown).is_none());
    }

    /// Keys made from a fixed server secret, as a deployment would have them.
    fn fixed_keys(dir: &std::path::Path) -> Keys {
        use std::io::Write;
        use std::os::unix::fs::OpenOptionsExt;
        let mut file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(dir.join("server.secret"))
            .expect("secret file");
        file.write_all(&[7u8; 32]).expect("write");
        Keys::derive(&ServerSecret::load_or_create(dir).expect("secret"))
    }

    /// A key wrapped by the code before version 2 (commit 6a26dc5: Argon2id), from a fixed
    /// server secret: if the Argon2 path or its parameters ever change, this stops unwrapping.
    #[test]
    fn a_key_wrapped_with_argon2id_before_version_2_still_unwraps() {
        const BLOB: &str = "01f3dfc400e55ed9da0cd3ef604695381eb69c4ba4aa6eace74bf0caa2b99bbb43cd\
            ae05f03c304e509a9e1234904f44db61d3dbdc26d2746034415601786c9e053612db32edfc7aa68f3a8\
            02be0b25fba39883d88257416e82c93cbcbb1cd7132aef6475e52ddb1634f834aa9a2bbd60450ab2eb0\
            7552ecca36c19907669dd8f714a8";
        let dir = tempfile::tempdir().expect("tempdir");
        let keys = fixed_keys(dir.path());
        let bytes: Vec<u8> = (0..BLOB.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&BLOB[i..i + 2], 16).expect("hex"))
            .collect();
        let wrapped = WrappedKey(bytes);
        let receipt = Receipt::parse("1234567890123456").expect("valid");
        let key = ReporterKey::unwrap(&keys, &receipt, &wrapped).expect("unwraps");
        assert_eq!(
            key.recipient(),
            "age1h6cpqh42xw5l46s86u6eyw9pmdrlgt78f5t032xvmuhxrwqekgnsuc9m97"
        );
        let wrong = Receipt::parse("1234567890123457").expect("valid");
        assert!(ReporterKey::unwrap(&keys, &wrong, &wrapped).is_none());
    }

    #[test]
    fn another_server_secret_does_not_unwrap() {
        let ((_a, keys_a), (_b, keys_b)) = (fresh_keys(), fresh_keys());
        let key = ReporterKey::generate();
        let receipt = Receipt::generate();
        let wrapped = key.wrap(&keys_a, &receipt).expect("wraps");
        assert!(ReporterKey::unwrap(&keys_b, &receipt, &wrapped).is_none());
    }
}
