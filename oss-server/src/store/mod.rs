//! The store: object bytes as files named by id (`data.rs`), everything else in an embedded
//! SQLite database (`db.rs`), and a read-only by-key mirror for shell and C tests
//! (`key_view.rs`).
//!
//! Layout under the root: `.oss-store.db` (+ `-wal`, `-shm`), `.oss-data/xx/<id>`,
//! `.oss-tmp/`, `.oss-lock`, and the mirror (`<bucket>/<key>`, `.oss-meta/<bucket>/<key>`).
//! Bucket names never start with `.`, so nothing a client names collides with these.
//!
//! Extending it: multipart uploads keep their rows in `uploads` and `parts` (schema v1 already
//! has them; parts stage their bytes with `DataFiles::stage` like objects, and the startup sweep
//! already keeps data files that `parts` names); completing an upload is one `Store::commit`
//! of a record whose data file is the parts joined. Bucket configurations are documents in
//! `bucket_configs` (`Store::bucket_config` / `set_bucket_config`); live channels are rows of
//! `live_channels` (schema v2, `live.rs`). Anything else new gets a
//! migration step in `db.rs` (bump `SCHEMA_VERSION`).
//!
//! Every change is one database transaction, made after the bytes it names are durable: a GET
//! racing a PUT reads the old row or the new one and opens the file that row names (retrying
//! if the row was replaced and its file removed in between), so it sees one object, whole.

pub mod buckets;
mod complete;
mod compose;
mod data;
mod db;
mod digest;
mod fast_md5;
mod key_view;
pub mod live;
mod objects;
pub mod record;
mod uploads;

use std::collections::hash_map::DefaultHasher;
use std::collections::HashSet;
use std::fs::{File, OpenOptions};
use std::hash::{Hash, Hasher};
use std::io;
use std::os::fd::AsRawFd;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};
use std::time::{SystemTime, UNIX_EPOCH};

pub use data::{DataFiles, Durability};
pub use objects::{bad_digest, PutOptions, Scan};
pub use record::{ObjectAttrs, ObjectRecord, Restore};
pub use uploads::{no_such_upload, PartRecord, UploadCursor, UploadRecord, MAX_PART_NUMBER};

use crate::errors::OssError;

const DB_FILE: &str = ".oss-store.db";
const LOCK_FILE: &str = ".oss-lock";
const KEY_LOCK_STRIPES: usize = 64;

pub struct Store {
    root: PathBuf,
    db: db::Pool,
    data: DataFiles,
    /// Serialises writers of one key (striped), so the mirror follows the database's order.
    key_locks: Vec<Mutex<()>>,
    /// Held shared for the store's life: a starting server sweeps only when it can take it
    /// exclusively, i.e. when no other process is writing into this root.
    _root_lock: File,
}

pub fn io_error(e: io::Error) -> OssError {
    OssError::internal(format!("storage error: {e}"))
}

pub fn unix_now() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0)
}

fn flock(file: &File, operation: libc::c_int) -> io::Result<()> {
    // SAFETY: flock on a descriptor we own; no memory is passed.
    if unsafe { libc::flock(file.as_raw_fd(), operation) } == 0 {
        Ok(())
    } else {
        Err(io::Error::last_os_error())
    }
}

impl Store {
    /// Opens (creating) the store for a writer that may share the root with a running server
    /// (the offline `put-object` command): no recovery sweep.
    pub fn open(root: &Path) -> Result<Store, OssError> {
        Store::open_with(root, false)
    }

    /// Opens the store for a starting server: when no other process uses the root, removes
    /// what a crash left behind (temp files, data files no metadata names).
    pub fn open_and_recover(root: &Path) -> Result<Store, OssError> {
        Store::open_with(root, true)
    }

    fn open_with(root: &Path, recover: bool) -> Result<Store, OssError> {
        std::fs::create_dir_all(root).map_err(io_error)?;
        let lock =
            OpenOptions::new().create(true).truncate(false).write(true).open(root.join(LOCK_FILE)).map_err(io_error)?;
        let exclusive = recover && flock(&lock, libc::LOCK_EX | libc::LOCK_NB).is_ok();
        let store = Store {
            root: root.to_path_buf(),
            db: db::Pool::open(&root.join(DB_FILE))?,
            data: DataFiles::open(root).map_err(io_error)?,
            key_locks: (0..KEY_LOCK_STRIPES).map(|_| Mutex::new(())).collect(),
            _root_lock: lock,
        };
        if exclusive {
            store.sweep()?;
        }
        flock(&store._root_lock, libc::LOCK_SH).map_err(io_error)?;
        Ok(store)
    }

    fn sweep(&self) -> Result<usize, OssError> {
        let conn = self.db.get()?;
        let mut referenced = HashSet::new();
        for sql in ["SELECT data_id FROM objects", "SELECT data_id FROM parts"] {
            let mut statement = conn.prepare(sql).map_err(db::db_error)?;
            let ids = statement.query_map([], |row| row.get::<_, String>(0)).map_err(db::db_error)?;
            for id in ids {
                referenced.insert(id.map_err(db::db_error)?);
            }
        }
        self.data.sweep(&referenced).map_err(io_error)
    }

    #[cfg(test)]
    pub fn data(&self) -> &DataFiles {
        &self.data
    }

    fn key_lock(&self, bucket: &str, key: &str) -> MutexGuard<'_, ()> {
        let mut h = DefaultHasher::new();
        (bucket, key).hash(&mut h);
        self.key_locks[(h.finish() % KEY_LOCK_STRIPES as u64) as usize].lock().unwrap_or_else(|e| e.into_inner())
    }
}

#[cfg(test)]
mod tests;
