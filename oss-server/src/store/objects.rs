//! Objects: read (row + open file), write (stage bytes, then one transaction), change
//! attributes, delete, and scan in key byte order.

use std::fs::File;
use std::io::{self, Read};

use rusqlite::{params, OptionalExtension, Transaction};

use super::data::{Digests, Durability};
use super::db::{db_error, pairs_to_json, u64_to_sql};
use super::record::{ObjectAttrs, ObjectRecord, COLUMNS, TYPE_NORMAL};
use super::{io_error, key_view, unix_now, Store};
use crate::errors::OssError;
use crate::names::check_key;
use crate::object_meta::ObjectMeta;

/// How often a reader re-reads a row whose file vanished (replaced by a writer in between).
const OPEN_ATTEMPTS: usize = 8;

/// A PutObject's options besides its bytes.
#[derive(Debug, Default, Clone)]
pub struct PutOptions {
    pub attrs: ObjectAttrs,
    /// The decoded `Content-MD5`, checked against the received bytes.
    pub content_md5: Option<[u8; 16]>,
    /// `x-oss-forbid-overwrite: true`: refuse to replace an existing object.
    pub forbid_overwrite: bool,
    pub durability: Durability,
}

/// Where a scan starts.
#[derive(Debug, Clone, Copy)]
pub enum Scan<'a> {
    /// Keys strictly after this one (a marker, a continuation token).
    After(&'a [u8]),
    /// Keys at or after these bytes (skipping past a common prefix).
    From(&'a [u8]),
}

pub fn bad_digest() -> OssError {
    OssError::new(400, "BadDigest", "The Content-MD5 you specified did not match what was received.")
}

/// The commit check of a write with `x-oss-forbid-overwrite: true` (`forbid`): no object may
/// exist yet (409 FileAlreadyExists).
pub(super) fn overwrite_check(forbid: bool) -> impl Fn(Option<&ObjectRecord>) -> Result<(), OssError> {
    move |old| {
        if forbid && old.is_some() {
            Err(OssError::new(
                409,
                "FileAlreadyExists",
                "The object you specified already exists and can not be overwritten.",
            ))
        } else {
            Ok(())
        }
    }
}

impl Store {
    /// The object's row, if any.
    pub fn object(&self, bucket: &str, key: &str) -> Result<Option<ObjectRecord>, OssError> {
        let conn = self.db.get()?;
        read_row(&conn, bucket, key)
    }

    /// The object's row, or NoSuchBucket / NoSuchKey.
    pub fn require_object(&self, bucket: &str, key: &str) -> Result<ObjectRecord, OssError> {
        self.require_bucket(bucket)?;
        check_key(key)?;
        self.object(bucket, key)?.ok_or_else(OssError::no_such_key)
    }

    /// The object's row and an open descriptor of exactly the bytes that row describes.
    pub fn open_object(&self, bucket: &str, key: &str) -> Result<(File, ObjectRecord), OssError> {
        for _ in 0..OPEN_ATTEMPTS {
            let record = self.require_object(bucket, key)?;
            match self.data.open_file(&record.data_id) {
                Ok(file) => return Ok((file, record)),
                // Replaced (and its old file removed) between the read and the open: read again.
                Err(e) if e.kind() == io::ErrorKind::NotFound => continue,
                Err(e) => return Err(io_error(e)),
            }
        }
        Err(OssError::internal("the object kept changing while it was being opened"))
    }

    pub fn object_meta(&self, bucket: &str, key: &str) -> Result<ObjectMeta, OssError> {
        self.require_object(bucket, key).map(|r| r.meta())
    }

    /// PutObject: streams `body` into a staged file while hashing it, checks Content-MD5,
    /// then commits. Nothing is written if the body is short, the digest is wrong, or the
    /// object may not be overwritten.
    pub fn put_object(
        &self,
        bucket: &str,
        key: &str,
        body: &mut dyn Read,
        options: &PutOptions,
    ) -> Result<ObjectRecord, OssError> {
        self.require_bucket(bucket)?;
        check_key(key)?;
        let staged = self.data.stage(body, options.durability).map_err(|e| {
            OssError::new(400, "IncompleteBody", format!("The request body could not be read completely: {e}"))
        })?;
        if options.content_md5.is_some_and(|md5| md5 != staged.digests.md5) {
            return Err(bad_digest());
        }
        let digests = staged.digests;
        let data_id = staged.publish().map_err(io_error)?;
        let record = new_record(key, data_id, &digests, TYPE_NORMAL, options.attrs.clone());
        self.commit(bucket, record, &overwrite_check(options.forbid_overwrite))
    }

    /// Writes `record` (whose data file is already durable) in one transaction, after `check`
    /// accepted the current row. On refusal the new data file is removed; on success the old
    /// one is.
    pub fn commit(
        &self,
        bucket: &str,
        record: ObjectRecord,
        check: &dyn Fn(Option<&ObjectRecord>) -> Result<(), OssError>,
    ) -> Result<ObjectRecord, OssError> {
        let _guard = self.key_lock(bucket, &record.key);
        let result = self.commit_locked(bucket, &record, check);
        match result {
            Ok(old_data) => {
                if let Some(old) = old_data.filter(|old| *old != record.data_id) {
                    self.data.remove(&old);
                }
                key_view::publish(&self.root, bucket, &record.key, &self.data.path(&record.data_id), &record.meta());
                Ok(record)
            }
            Err(e) => {
                self.data.remove(&record.data_id);
                Err(e)
            }
        }
    }

    fn commit_locked(
        &self,
        bucket: &str,
        record: &ObjectRecord,
        check: &dyn Fn(Option<&ObjectRecord>) -> Result<(), OssError>,
    ) -> Result<Option<String>, OssError> {
        let mut conn = self.db.get()?;
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate).map_err(db_error)?;
        let bucket_exists: bool = tx
            .query_row("SELECT EXISTS(SELECT 1 FROM buckets WHERE name = ?1)", [bucket], |row| row.get(0))
            .map_err(db_error)?;
        if !bucket_exists {
            return Err(OssError::no_such_bucket());
        }
        let old = read_row(&tx, bucket, &record.key)?;
        check(old.as_ref())?;
        write_row(&tx, bucket, record)?;
        tx.commit().map_err(db_error)?;
        Ok(old.map(|o| o.data_id))
    }

    /// Changes an existing object's row without touching its bytes (ACL, tags, restore).
    pub fn update_object(
        &self,
        bucket: &str,
        key: &str,
        change: &dyn Fn(&mut ObjectRecord) -> Result<(), OssError>,
    ) -> Result<ObjectRecord, OssError> {
        self.require_bucket(bucket)?;
        check_key(key)?;
        let _guard = self.key_lock(bucket, key);
        let mut conn = self.db.get()?;
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate).map_err(db_error)?;
        let mut record = read_row(&tx, bucket, key)?.ok_or_else(OssError::no_such_key)?;
        change(&mut record)?;
        write_row(&tx, bucket, &record)?;
        tx.commit().map_err(db_error)?;
        Ok(record)
    }

    /// DeleteObject: deleting a missing object succeeds, as on OSS. Returns whether one existed.
    pub fn delete_object(&self, bucket: &str, key: &str) -> Result<bool, OssError> {
        self.require_bucket(bucket)?;
        check_key(key)?;
        let _guard = self.key_lock(bucket, key);
        let mut conn = self.db.get()?;
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate).map_err(db_error)?;
        let old = read_row(&tx, bucket, key)?;
        tx.execute("DELETE FROM objects WHERE bucket = ?1 AND key = ?2", params![bucket, key.as_bytes()])
            .map_err(db_error)?;
        tx.commit().map_err(db_error)?;
        drop(conn);
        if let Some(old) = &old {
            self.data.remove(&old.data_id);
            key_view::withdraw(&self.root, bucket, key);
        }
        Ok(old.is_some())
    }

    /// Up to `limit` objects whose keys start with `prefix`, from `start`, in key byte order.
    pub fn scan(&self, bucket: &str, prefix: &str, start: Scan, limit: usize) -> Result<Vec<ObjectRecord>, OssError> {
        self.require_bucket(bucket)?;
        let (bound, inclusive) = match start {
            Scan::After(after) if after >= prefix.as_bytes() => (after, false),
            Scan::From(from) if from >= prefix.as_bytes() => (from, true),
            _ => (prefix.as_bytes(), true),
        };
        let op = if inclusive { ">=" } else { ">" };
        let conn = self.db.get()?;
        let mut statement = conn
            .prepare_cached(&format!(
                "SELECT {COLUMNS} FROM objects WHERE bucket = ?1 AND key {op} ?2 ORDER BY key LIMIT ?3"
            ))
            .map_err(db_error)?;
        let rows =
            statement.query_map(params![bucket, bound, limit as i64], ObjectRecord::from_row).map_err(db_error)?;
        let mut out = Vec::new();
        for row in rows {
            let record = row.map_err(db_error)?;
            if !record.key.starts_with(prefix) {
                break; // sorted: no later key has the prefix either
            }
            out.push(record);
        }
        Ok(out)
    }
}

/// A row for newly written bytes.
pub fn new_record(
    key: &str,
    data_id: String,
    digests: &Digests,
    object_type: &str,
    attrs: ObjectAttrs,
) -> ObjectRecord {
    ObjectRecord {
        key: key.to_string(),
        data_id,
        size: digests.size,
        etag: ObjectMeta::etag_from_md5(&digests.md5),
        crc64: digests.crc64,
        last_modified: unix_now(),
        object_type: object_type.to_string(),
        attrs,
        symlink_target: None,
        restore: None,
    }
}

pub(super) fn read_row(conn: &rusqlite::Connection, bucket: &str, key: &str) -> Result<Option<ObjectRecord>, OssError> {
    let mut statement = conn
        .prepare_cached(&format!("SELECT {COLUMNS} FROM objects WHERE bucket = ?1 AND key = ?2"))
        .map_err(db_error)?;
    statement.query_row(params![bucket, key.as_bytes()], ObjectRecord::from_row).optional().map_err(db_error)
}

pub(super) fn write_row(tx: &Transaction, bucket: &str, r: &ObjectRecord) -> Result<(), OssError> {
    tx.execute(
        "INSERT OR REPLACE INTO objects (bucket, key, data_id, size, etag, crc64, last_modified, object_type,
             storage_class, acl, content_type, headers, user_meta, tags, symlink_target, restore_ready_at,
             restore_expiry)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)",
        params![
            bucket,
            r.key.as_bytes(),
            r.data_id,
            r.size as i64,
            r.etag,
            u64_to_sql(r.crc64),
            r.last_modified as i64,
            r.object_type,
            r.attrs.storage_class,
            r.attrs.acl,
            r.attrs.content_type,
            r.headers_json(),
            pairs_to_json(&r.attrs.user_meta),
            pairs_to_json(&r.attrs.tags),
            r.symlink_target.as_ref().map(|t| t.as_bytes()),
            r.restore.map(|x| x.ready_at_ms as i64),
            r.restore.map(|x| x.expiry as i64),
        ],
    )
    .map_err(db_error)?;
    Ok(())
}
