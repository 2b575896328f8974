//! age envelopes: a case's JSON sealed, in the standard binary age format, to every member key
//! of one org. Any age implementation opens it with that org's identity file.

use std::io::{Read, Write};

#[derive(Debug, thiserror::Error)]
pub enum SealError {
    #[error("no recipients to seal to")]
    NoRecipients,
    #[error("age encryption failed")]
    Encrypt,
    #[error("this envelope is not for any of the given identities, or is damaged")]
    Decrypt,
}

/// Seals `plaintext` to all `recipients`. CPU-bound: call it from `spawn_blocking`.
pub fn seal_envelope(
    plaintext: &[u8],
    recipients: &[age::x25519::Recipient],
) -> Result<Vec<u8>, SealError> {
    if recipients.is_empty() {
        return Err(SealError::NoRecipients);
    }
    let encryptor =
        age::Encryptor::with_recipients(recipients.iter().map(|r| r as &dyn age::Recipient))
            .map_err(|_| SealError::Encrypt)?;
    let mut out = Vec::with_capacity(plaintext.len() + 256 + 200 * recipients.len());
    let mut writer = encryptor
        .wrap_output(&mut out)
        .map_err(|_| SealError::Encrypt)?;
    writer
        .write_all(plaintext)
        .map_err(|_| SealError::Encrypt)?;
    writer.finish().map_err(|_| SealError::Encrypt)?;
    Ok(out)
}

/// Opens an envelope with any of `identities`.
pub fn open_envelope(
    ciphertext: &[u8],
    identities: &[Box<dyn age::Identity + Send + Sync>],
) -> Result<Vec<u8>, SealError> {
    let decryptor = age::Decryptor::new(ciphertext).map_err(|_| SealError::Decrypt)?;
    let mut reader = decryptor
        .decrypt(identities.iter().map(|i| i.as_ref() as &dyn age::Identity))
        .map_err(|_| SealError::Decrypt)?;
    let mut out = Vec::new();
    reader
        .read_to_end(&mut out)
        .map_err(|_| SealError::Decrypt)?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_envelope_opens_for_each_member_and_for_nobody_else() {
        let a = age::x25519::Identity::generate();
        let b = age::x25519::Identity::generate();
        let outsider = age::x25519::Identity::generate();
        let sealed = seal_envelope(b"complaint", &[a.to_public(), b.to_public()]).expect("seal");
        assert!(sealed.starts_with(b"age-encryption.org/v1\n"));
        for id in [a, b] {
            let ids: Vec<Box<dyn age::Identity + Send + Sync>> = vec![Box::new(id)];
            assert_eq!(open_envelope(&sealed, &ids).expect("open"), b"complaint");
        }
        let ids: Vec<Box<dyn age::Identity + Send + Sync>> = vec![Box::new(outsider)];
        assert!(open_envelope(&sealed, &ids).is_err());
        assert!(seal_envelope(b"x", &[]).is_err());
    }
}
