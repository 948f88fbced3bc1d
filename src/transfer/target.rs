//! The temp file a download writes into (`<filepath>.tmp`), held under the transfer lock
//! (`lock.rs`) for the whole download so that a second download of the same target gets a clear
//! error instead of interleaving its bytes.

use super::{finish, lock};
use crate::error::{codes, ClientCode, Error, Result};
use std::fs::{File, OpenOptions};
use std::path::{Path, PathBuf};

pub struct TempTarget {
    pub file: File,
    pub path: PathBuf,
    /// Whether this run created the file (so an early failure removes it).
    pub created: bool,
}

impl TempTarget {
    /// Opens (creating if needed, never truncating) and locks the temp file.
    pub fn open_locked(path: PathBuf) -> Result<Self> {
        let open_err =
            |e: &std::io::Error| Error::io(ClientCode::OpenFileError, codes::OPEN_FILE, "cannot open", &path, e);
        let existed = path.exists();
        let file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .map_err(|e| open_err(&e))?;
        lock::exclusive(&file, &path, "another download to this target")?;
        Ok(Self { file, path, created: !existed })
    }

    pub fn size(&self) -> Result<u64> {
        self.file
            .metadata()
            .map(|m| m.len())
            .map_err(|e| Error::io(ClientCode::FileInfoError, codes::OPEN_FILE, "cannot stat", &self.path, &e))
    }

    /// Empties the file and gives it its final size (sparse until written).
    pub fn reset(&self, size: u64) -> Result<()> {
        let trunc =
            |e: &std::io::Error| Error::io(ClientCode::FileTruncError, codes::WRITE_FILE, "cannot size", &self.path, e);
        self.file.set_len(0).map_err(|e| trunc(&e))?;
        self.file.set_len(size).map_err(|e| trunc(&e))
    }

    /// Makes the bytes durable and moves the file onto `target`.
    pub fn commit(self, target: &Path) -> Result<()> {
        finish::commit(&self.file, &self.path, target)
    }

    pub fn remove(self) {
        finish::remove_temp(&self.path);
    }
}
