//! The lock that keeps two transfers off the same files: an exclusive advisory `flock`, tried
//! once, held for the whole transfer. A second transfer of the same files — another thread or
//! another process — gets a clear `OpenFileFail` naming what holds it instead of interleaving its
//! bytes or sharing an upload id. The lock dies with the process, so a killed transfer never
//! leaves a stale lock behind. A download locks its temp file itself (`target.rs`); an upload,
//! whose source file is the caller's, locks `<checkpoint>.lock` ([`LockFile`]).

use crate::error::{codes, ClientCode, Error, Result};
use crate::sys;
use std::fs::{File, OpenOptions};
use std::path::{Path, PathBuf};

/// Takes the lock on `file` (open at `path`); `holder` says who has it when it is taken already
/// ("another download to this target").
pub fn exclusive(file: &File, path: &Path, holder: &str) -> Result<()> {
    sys::try_lock_exclusive(file).map_err(|e| {
        if sys::is_lock_contended(&e) {
            Error::file(
                ClientCode::OpenFileError,
                codes::OPEN_FILE,
                format!("{} is locked: {holder} is in progress", path.display()),
            )
        } else {
            Error::io(ClientCode::OpenFileError, codes::OPEN_FILE, "cannot lock", path, &e)
        }
    })
}

/// A file that exists only to be locked, removed when the lock is let go (a killed transfer
/// leaves an empty, unlocked one behind, which the next run reuses).
pub struct LockFile {
    path: PathBuf,
    _file: File,
}

impl LockFile {
    pub fn take(path: PathBuf, holder: &str) -> Result<LockFile> {
        let file = OpenOptions::new().write(true).create(true).truncate(false).open(&path);
        let file =
            file.map_err(|e| Error::io(ClientCode::OpenFileError, codes::OPEN_FILE, "cannot lock", &path, &e))?;
        exclusive(&file, &path, holder)?;
        Ok(LockFile { path, _file: file })
    }
}

impl Drop for LockFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_holder_is_refused_until_the_first_lets_go() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.lock");
        let first = LockFile::take(path.clone(), "another test").unwrap();
        let refused = LockFile::take(path.clone(), "another test").err().expect("refused");
        assert_eq!(refused.error_code(), codes::OPEN_FILE);
        assert!(refused.to_string().contains("is locked: another test is in progress"), "{refused}");
        drop(first);
        assert!(!path.exists(), "removed with the lock");
        drop(LockFile::take(path, "another test").unwrap());
    }
}
