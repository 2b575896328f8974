//! The server secret: 32 random bytes behind every keyed hash and sealed draft.
//!
//! Created with mode 0600 in `data_dir` on first start, or given base64-encoded in
//! `BUZON_SERVER_SECRET` so that several instances can share it without a shared disk.

use std::io::Write;
use std::path::{Path, PathBuf};

use base64::Engine;
use rand::RngCore;
use secrecy::{ExposeSecret, SecretBox};

const FILE_NAME: &str = "server.secret";

#[derive(Debug, thiserror::Error)]
pub enum SecretError {
    #[error("server secret {0}: {1}")]
    Io(PathBuf, std::io::Error),
    #[error("server secret {0}: must hold exactly 32 bytes")]
    Length(PathBuf),
    #[error("server secret {0}: readable by group or others (mode {1:o}); chmod 600 it")]
    Mode(PathBuf, u32),
    #[error("BUZON_SERVER_SECRET: must be 32 bytes, base64-encoded")]
    Env,
}

/// The server secret. No `Debug`, no `Clone`: there is one, and it is only read through
/// [`ServerSecret::derive`].
pub struct ServerSecret(SecretBox<[u8; 32]>);

impl ServerSecret {
    /// From `BUZON_SERVER_SECRET` if set, else `<data_dir>/server.secret`, created if missing.
    pub fn load_or_create(data_dir: &Path) -> Result<Self, SecretError> {
        if let Ok(b64) = std::env::var("BUZON_SERVER_SECRET") {
            let bytes = base64::engine::general_purpose::STANDARD
                .decode(b64.trim())
                .map_err(|_| SecretError::Env)?;
            return Self::from_slice(&bytes).ok_or(SecretError::Env);
        }
        let path = data_dir.join(FILE_NAME);
        let io = |e| SecretError::Io(path.clone(), e);
        match std::fs::read(&path) {
            Ok(bytes) => {
                check_mode(&path)?;
                Self::from_slice(&bytes).ok_or_else(|| SecretError::Length(path.clone()))
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                crate::private_files::private_dir(data_dir).map_err(io)?;
                let mut bytes = [0u8; 32];
                rand::rngs::OsRng.fill_bytes(&mut bytes);
                let mut file = create_private_file(&path).map_err(io)?;
                file.write_all(&bytes).map_err(io)?;
                file.sync_all().map_err(io)?;
                let secret =
                    Self::from_slice(&bytes).ok_or_else(|| SecretError::Length(path.clone()));
                zeroize::Zeroize::zeroize(&mut bytes);
                secret
            }
            Err(e) => Err(io(e)),
        }
    }

    fn from_slice(bytes: &[u8]) -> Option<Self> {
        let arr: [u8; 32] = bytes.try_into().ok()?;
        Some(Self(SecretBox::new(Box::new(arr))))
    }

    /// A 32-byte subkey for one purpose: HMAC-SHA256(secret, label).
    pub fn derive(&self, label: &str) -> [u8; 32] {
        super::keys::hmac256(self.0.expose_secret(), &[label.as_bytes()])
    }
}

/// Creates a new file readable only by its owner; fails if it exists.
pub fn create_private_file(path: &Path) -> std::io::Result<std::fs::File> {
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    opts.open(path)
}

fn check_mode(path: &Path) -> Result<(), SecretError> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(path)
            .map_err(|e| SecretError::Io(path.into(), e))?
            .permissions()
            .mode();
        if mode & 0o077 != 0 {
            return Err(SecretError::Mode(path.into(), mode & 0o777));
        }
    }
    Ok(())
}
