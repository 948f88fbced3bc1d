//! The metadata database: SQLite (through rusqlite) in WAL mode, a small pool of connections,
//! and the schema.
//!
//! WAL lets GETs read while a PUT commits, and lets a second process (the offline
//! `put-object` command, `store_object` in tests) write into a root a server is using.
//! `synchronous=FULL` makes a committed object survive a power loss, as OSS promises once it
//! answered 200.

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Duration;

use rusqlite::{Connection, OpenFlags};

use crate::errors::OssError;

/// The schema version this code writes (`PRAGMA user_version`). A later change adds a step to
/// `migrate` and bumps it.
const SCHEMA_VERSION: i64 = 2;
/// Idle connections kept for reuse.
const POOL_SIZE: usize = 16;
/// How long a writer waits for another process's or thread's transaction.
const BUSY_TIMEOUT: Duration = Duration::from_secs(30);

/// Version 1. Keys are BLOBs so that SQLite orders them by their bytes (OSS's listing order)
/// and range bounds that are not UTF-8 can be bound. Lists of name/value pairs (headers, user
/// metadata, tags) are JSON arrays of two-element arrays, in the order received.
pub(super) const SCHEMA_V1: &str = "
CREATE TABLE buckets (
    name TEXT PRIMARY KEY,
    created INTEGER NOT NULL,
    acl TEXT NOT NULL,
    storage_class TEXT NOT NULL,
    redundancy TEXT NOT NULL
);
-- A bucket's sub-resource documents (lifecycle, cors, referer, website, logging, ...), one row
-- per kind, stored as the validated document a GET returns.
CREATE TABLE bucket_configs (
    bucket TEXT NOT NULL REFERENCES buckets(name) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    document TEXT NOT NULL,
    PRIMARY KEY (bucket, kind)
) WITHOUT ROWID;
CREATE TABLE objects (
    bucket TEXT NOT NULL REFERENCES buckets(name),
    key BLOB NOT NULL,
    data_id TEXT NOT NULL,
    size INTEGER NOT NULL,
    etag TEXT NOT NULL,
    crc64 INTEGER NOT NULL,        -- the u64, bit for bit
    last_modified INTEGER NOT NULL, -- Unix seconds
    object_type TEXT NOT NULL,     -- Normal, Appendable, Multipart, Symlink
    storage_class TEXT NOT NULL,
    acl TEXT NOT NULL,             -- default, private, public-read, public-read-write
    content_type TEXT NOT NULL,
    headers TEXT NOT NULL,         -- Content-Disposition, Cache-Control, ... as given
    user_meta TEXT NOT NULL,       -- x-oss-meta-* (names lower-cased)
    tags TEXT NOT NULL,
    symlink_target BLOB,
    restore_ready_at INTEGER,      -- Unix ms: an Archive object being (or having been) restored
    restore_expiry INTEGER,
    PRIMARY KEY (bucket, key)
) WITHOUT ROWID;
CREATE INDEX objects_by_data ON objects(data_id);
-- Multipart uploads in progress: the attributes given at initiation (JSON) go to the object.
CREATE TABLE uploads (
    upload_id TEXT PRIMARY KEY,
    bucket TEXT NOT NULL REFERENCES buckets(name),
    key BLOB NOT NULL,
    initiated INTEGER NOT NULL,
    attrs TEXT NOT NULL
);
CREATE INDEX uploads_by_key ON uploads(bucket, key, upload_id);
CREATE TABLE parts (
    upload_id TEXT NOT NULL REFERENCES uploads(upload_id) ON DELETE CASCADE,
    part_number INTEGER NOT NULL,
    data_id TEXT NOT NULL,
    size INTEGER NOT NULL,
    etag TEXT NOT NULL,
    crc64 INTEGER NOT NULL,
    last_modified INTEGER NOT NULL,
    PRIMARY KEY (upload_id, part_number)
) WITHOUT ROWID;
";

/// Version 2 adds live channels (configuration only). Names are BLOBs for byte-order listing.
const SCHEMA_V2: &str = "
CREATE TABLE live_channels (
    bucket TEXT NOT NULL REFERENCES buckets(name) ON DELETE CASCADE,
    name BLOB NOT NULL,
    description TEXT NOT NULL,
    status TEXT NOT NULL,          -- enabled, disabled
    frag_duration INTEGER NOT NULL,
    frag_count INTEGER NOT NULL,
    playlist_name TEXT NOT NULL,
    last_modified INTEGER NOT NULL, -- Unix seconds
    PRIMARY KEY (bucket, name)
) WITHOUT ROWID;
";

pub fn db_error(e: rusqlite::Error) -> OssError {
    OssError::internal(format!("metadata database error: {e}"))
}

pub struct Pool {
    path: PathBuf,
    idle: Mutex<Vec<Connection>>,
}

impl Pool {
    /// Opens (creating if needed) the database and brings its schema up to date.
    pub fn open(path: &Path) -> Result<Pool, OssError> {
        let pool = Pool { path: path.to_path_buf(), idle: Mutex::new(Vec::new()) };
        {
            let mut conn = pool.get()?;
            // Persistent: set once per database file.
            conn.query_row("PRAGMA journal_mode=WAL", [], |_| Ok(())).map_err(db_error)?;
            migrate(&mut conn)?;
        }
        Ok(pool)
    }

    fn connect(&self) -> Result<Connection, OssError> {
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(&self.path, flags).map_err(db_error)?;
        conn.busy_timeout(BUSY_TIMEOUT).map_err(db_error)?;
        conn.execute_batch("PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;").map_err(db_error)?;
        Ok(conn)
    }

    pub fn get(&self) -> Result<Pooled<'_>, OssError> {
        let cached = self.idle.lock().unwrap_or_else(|e| e.into_inner()).pop();
        let conn = match cached {
            Some(conn) => conn,
            None => self.connect()?,
        };
        Ok(Pooled { conn: Some(conn), pool: self })
    }
}

/// A connection borrowed from the pool; returned to it when dropped.
pub struct Pooled<'a> {
    conn: Option<Connection>,
    pool: &'a Pool,
}

impl std::ops::Deref for Pooled<'_> {
    type Target = Connection;
    fn deref(&self) -> &Connection {
        self.conn.as_ref().expect("present until drop")
    }
}

impl std::ops::DerefMut for Pooled<'_> {
    fn deref_mut(&mut self) -> &mut Connection {
        self.conn.as_mut().expect("present until drop")
    }
}

impl Drop for Pooled<'_> {
    fn drop(&mut self) {
        if let Some(conn) = self.conn.take() {
            let mut idle = self.pool.idle.lock().unwrap_or_else(|e| e.into_inner());
            if idle.len() < POOL_SIZE && conn.is_autocommit() {
                idle.push(conn);
            }
        }
    }
}

fn migrate(conn: &mut Connection) -> Result<(), OssError> {
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate).map_err(db_error)?;
    let version: i64 = tx.query_row("PRAGMA user_version", [], |row| row.get(0)).map_err(db_error)?;
    if version > SCHEMA_VERSION {
        return Err(OssError::internal(format!(
            "the metadata database has schema version {version}; this server knows up to {SCHEMA_VERSION}"
        )));
    }
    if version < 1 {
        tx.execute_batch(SCHEMA_V1).map_err(db_error)?;
    }
    if version < 2 {
        tx.execute_batch(SCHEMA_V2).map_err(db_error)?;
    }
    tx.execute_batch(&format!("PRAGMA user_version={SCHEMA_VERSION}")).map_err(db_error)?;
    tx.commit().map_err(db_error)
}

/// A u64 (CRC-64) as SQLite's signed integer, bit for bit, and back.
pub fn u64_to_sql(v: u64) -> i64 {
    v as i64
}

pub fn u64_from_sql(v: i64) -> u64 {
    v as u64
}

/// Name/value pairs as the JSON text stored in a column.
pub fn pairs_to_json(pairs: &[(String, String)]) -> String {
    serde_json::to_string(pairs).unwrap_or_else(|_| "[]".to_string())
}

pub fn pairs_from_json(text: &str) -> Vec<(String, String)> {
    serde_json::from_str(text).unwrap_or_default()
}
