//! Object and part bytes as immutable files named by an id, never by key:
//! `ROOT/.oss-data/<first two characters of the id>/<id>`.
//!
//! A write streams into `ROOT/.oss-tmp/`, hashing as it goes, is synced, and is renamed to its
//! id only when complete; the metadata that names the id is committed after that. A crash can
//! therefore leave a temp file or an unreferenced data file, never metadata naming missing
//! bytes; a starting server removes both (`sweep`). Readers open a file by id and keep the
//! descriptor, so deleting or replacing an object never changes bytes a reader already has.

use std::collections::HashSet;
use std::fs::{self, File, OpenOptions};
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use super::digest::StreamDigest;

pub const DATA_DIR: &str = ".oss-data";
pub const TMP_DIR: &str = ".oss-tmp";

/// What a completed write learned about the bytes.
#[derive(Debug, Clone, Copy)]
pub struct Digests {
    pub size: u64,
    pub md5: [u8; 16],
    pub crc64: u64,
}

/// Whether written bytes are synced to disk before the metadata naming them is committed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Durability {
    /// What OSS promises once it answered 200: the bytes survive a power loss.
    #[default]
    Synced,
    /// Content the caller can make again (seeded test objects at start-up, where syncing a
    /// GiB costs seconds a test waits for): left to the page cache.
    Regenerable,
}

pub struct DataFiles {
    data: PathBuf,
    tmp: PathBuf,
}

/// Bytes written to a temp file and synced, not yet named by an id. Dropping it removes the file.
pub struct Staged<'a> {
    files: &'a DataFiles,
    path: PathBuf,
    pub digests: Digests,
}

impl Drop for Staged<'_> {
    fn drop(&mut self) {
        let _ = fs::remove_file(&self.path);
    }
}

impl<'a> Staged<'a> {
    /// Renames the bytes to a fresh id (synced into its directory) and returns the id.
    pub fn publish(self) -> io::Result<String> {
        let id = self.files.new_id();
        let target = self.files.path(&id);
        let dir = target.parent().expect("data files live in a fan-out directory");
        fs::create_dir_all(dir)?;
        fs::rename(&self.path, &target)?;
        sync_dir(dir)?;
        Ok(id)
    }
}

impl DataFiles {
    pub fn open(root: &Path) -> io::Result<DataFiles> {
        let files = DataFiles { data: root.join(DATA_DIR), tmp: root.join(TMP_DIR) };
        fs::create_dir_all(&files.data)?;
        fs::create_dir_all(&files.tmp)?;
        Ok(files)
    }

    pub fn new_id(&self) -> String {
        crate::request_id::unique_name()
    }

    /// Fanned out by the id's last two characters (its first ones are the clock's seconds).
    pub fn path(&self, id: &str) -> PathBuf {
        self.data.join(&id[id.len().saturating_sub(2)..]).join(id)
    }

    fn temp_path(&self) -> PathBuf {
        self.tmp.join(format!("{}.tmp", self.new_id()))
    }

    /// Streams `body` to a temp file, computing size, MD5 and CRC-64, then syncs it (unless
    /// `Durability::Regenerable`).
    pub fn stage(&self, body: &mut dyn Read, durability: Durability) -> io::Result<Staged<'_>> {
        self.stage_after(None, body, durability)
    }

    /// Like `stage`, but the file starts with a copy of the data file `prefix_id` (its first
    /// `len` bytes): appending without touching the bytes readers of the old object hold.
    pub fn stage_after(
        &self,
        prefix: Option<(&str, u64)>,
        body: &mut dyn Read,
        durability: Durability,
    ) -> io::Result<Staged<'_>> {
        let path = self.temp_path();
        let mut staged = Staged { files: self, path, digests: Digests { size: 0, md5: [0; 16], crc64: 0 } };
        let mut file = OpenOptions::new().write(true).create_new(true).open(&staged.path)?;
        let mut digest = StreamDigest::new();
        if let Some((id, len)) = prefix {
            let mut old = File::open(self.path(id))?.take(len);
            digest.copy(&mut old, &mut file)?;
        }
        digest.copy(body, &mut file)?;
        if durability == Durability::Synced {
            file.sync_all()?;
        }
        staged.digests = digest.finish();
        Ok(staged)
    }

    /// The data files `ids` one after another in a new synced temp file (a completed multipart
    /// object). `io::copy` between files lets the kernel copy (copy_file_range), so no byte
    /// passes through user space; `digests` are the caller's, combined from the parts' own.
    pub fn stage_concat(&self, ids: &[&str], digests: Digests) -> io::Result<Staged<'_>> {
        let staged = Staged { files: self, path: self.temp_path(), digests };
        let mut file = OpenOptions::new().write(true).create_new(true).open(&staged.path)?;
        for id in ids {
            io::copy(&mut File::open(self.path(id))?, &mut file)?;
        }
        file.sync_all()?;
        Ok(staged)
    }

    pub fn open_file(&self, id: &str) -> io::Result<File> {
        File::open(self.path(id))
    }

    /// A second name for existing bytes (CopyObject): no byte is copied.
    pub fn link(&self, id: &str) -> io::Result<String> {
        let new_id = self.new_id();
        let target = self.path(&new_id);
        let dir = target.parent().expect("fan-out directory");
        fs::create_dir_all(dir)?;
        fs::hard_link(self.path(id), &target)?;
        sync_dir(dir)?;
        Ok(new_id)
    }

    /// Removes the bytes of a replaced or deleted object (readers with it open keep reading).
    pub fn remove(&self, id: &str) {
        let _ = fs::remove_file(self.path(id));
    }

    /// At start, with no writer running: removes temp files and data files that no metadata
    /// names (left by a crash between the rename and the metadata commit). Returns how many
    /// data files were removed.
    pub fn sweep(&self, referenced: &HashSet<String>) -> io::Result<usize> {
        let _ = fs::remove_dir_all(&self.tmp);
        fs::create_dir_all(&self.tmp)?;
        let mut removed = 0;
        for fan in fs::read_dir(&self.data)? {
            let fan = fan?.path();
            if !fan.is_dir() {
                continue;
            }
            for entry in fs::read_dir(&fan)? {
                let entry = entry?;
                let name = entry.file_name().to_string_lossy().into_owned();
                if !referenced.contains(&name) {
                    fs::remove_file(entry.path())?;
                    removed += 1;
                }
            }
        }
        Ok(removed)
    }
}

fn sync_dir(dir: &Path) -> io::Result<()> {
    File::open(dir)?.sync_all()
}
