//! Files and folders only the server's own user may read: the data folder and the database's
//! folder are 0700, everything the server writes in them 0600 — also files left with looser
//! modes by an older version, which are tightened at start.
//!
//! SQLite creates a database's `-wal`, `-shm` and `-journal` files with the mode of the database
//! file itself, so the database file is created 0600 before SQLite first opens it.

use std::io;
use std::path::{Path, PathBuf};

/// Creates `dir` (and missing parents) with mode 0700, and tightens it to 0700 if it exists.
/// A folder with the sticky bit (a shared folder such as `/tmp`) is never changed: it is not
/// the server's own.
pub fn private_dir(dir: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
        std::fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(dir)?;
        let mode = std::fs::metadata(dir)?.permissions().mode();
        if mode & 0o1000 != 0 {
            tracing::warn!(
                folder = %dir.display(),
                "a shared folder (sticky bit) holds server files; its mode is left alone"
            );
            return Ok(());
        }
        if mode & 0o077 != 0 {
            std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))?;
        }
        Ok(())
    }
    #[cfg(not(unix))]
    std::fs::create_dir_all(dir)
}

/// Sets an existing file readable and writable by its owner only (0600); a missing file is
/// not an error.
pub fn tighten_file(path: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let meta = match std::fs::symlink_metadata(path) {
            Ok(m) => m,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
            Err(e) => return Err(e),
        };
        // A symlink is followed by chmod: leave links (and anything not a file) alone.
        if meta.is_file() && meta.permissions().mode() & 0o077 != 0 {
            std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))?;
        }
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}

/// Every regular file directly in `dir`, tightened to 0600 (for folders whose every file the
/// server wrote, such as the demo keys).
pub fn tighten_files_in(dir: &Path) -> io::Result<()> {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(e),
    };
    for entry in entries {
        tighten_file(&entry?.path())?;
    }
    Ok(())
}

/// Writes `bytes` to a new file (it must not exist) created with mode 0600.
pub fn write_new_private(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut f = crate::crypto::create_private_file(path)?;
    io::Write::write_all(&mut f, bytes)?;
    f.sync_all()
}

/// Before SQLite opens the database at `path`: its folder 0700, the file created 0600 if
/// missing, and the file and its companions (`-wal`, `-shm`, `-journal`) tightened to 0600.
pub fn prepare_sqlite_file(path: &Path) -> io::Result<()> {
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        private_dir(parent)?;
    }
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create(true).truncate(false);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    drop(opts.open(path)?);
    tighten_file(path)?;
    for suffix in ["-wal", "-shm", "-journal"] {
        let mut companion: PathBuf = path.into();
        companion.as_mut_os_string().push(suffix);
        tighten_file(&companion)?;
    }
    Ok(())
}

#[cfg(all(test, unix))]
mod tests {
    use std::os::unix::fs::PermissionsExt;

    use super::*;

    fn mode(p: &Path) -> u32 {
        std::fs::metadata(p).expect("meta").permissions().mode() & 0o7777
    }

    #[test]
    fn a_loose_folder_and_database_are_tightened_and_a_sticky_folder_is_left_alone() {
        let root = tempfile::tempdir().expect("tempdir");
        let dir = root.path().join("db");
        std::fs::create_dir(&dir).expect("dir");
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).expect("chmod");
        let db = dir.join("b.db");
        for f in ["b.db", "b.db-wal", "b.db-shm"] {
            std::fs::write(dir.join(f), b"x").expect("write");
            std::fs::set_permissions(dir.join(f), std::fs::Permissions::from_mode(0o644))
                .expect("chmod");
        }
        prepare_sqlite_file(&db).expect("prepare");
        assert_eq!(mode(&dir), 0o700);
        for f in ["b.db", "b.db-wal", "b.db-shm"] {
            assert_eq!(mode(&dir.join(f)), 0o600, "{f}");
        }
        assert_eq!(std::fs::read(&db).expect("read"), b"x", "never truncated");

        let shared = root.path().join("shared");
        std::fs::create_dir(&shared).expect("dir");
        std::fs::set_permissions(&shared, std::fs::Permissions::from_mode(0o1777)).expect("chmod");
        private_dir(&shared).expect("private_dir");
        assert_eq!(mode(&shared), 0o1777);
    }
}
