//! Multipart uploads in progress: their rows (`uploads`, with the attributes given at
//! initiation, which the completed object gets), their parts (`parts`; bytes in data files by
//! id, exactly like objects'), listing, and abort. Completion is in `complete.rs`.
//!
//! A part is written like an object: staged and synced, renamed to a fresh id, then its row
//! is committed (replacing a re-sent part's row, whose file is removed afterwards). A crash
//! leaves at worst a data file no row names, which a starting server sweeps.

use std::io::Read;

use rusqlite::{params, OptionalExtension};

use super::data::Durability;
use super::db::{db_error, pairs_from_json, u64_from_sql, u64_to_sql};
use super::objects::{bad_digest, overwrite_check};
use super::record::ObjectAttrs;
use super::{io_error, unix_now, Store};
use crate::errors::OssError;
use crate::names::check_key;
use crate::object_meta::ObjectMeta;

/// OSS's part numbers: 1 to 10,000.
pub const MAX_PART_NUMBER: u32 = 10_000;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UploadRecord {
    pub upload_id: String,
    pub key: String,
    /// Unix seconds.
    pub initiated: u64,
    pub attrs: ObjectAttrs,
    /// `x-oss-forbid-overwrite: true` at initiation: completion must not replace an object.
    pub forbid_overwrite: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartRecord {
    pub part_number: u32,
    pub data_id: String,
    pub size: u64,
    /// Quoted upper-case hex MD5 of the part's bytes.
    pub etag: String,
    pub crc64: u64,
    pub last_modified: u64,
}

/// Where a listing of uploads starts: after `key` (all of its uploads), or, with an upload id,
/// after that upload of `key` (later uploads of the same key come next).
#[derive(Debug, Clone, Copy)]
pub struct UploadCursor<'a> {
    pub key: &'a [u8],
    pub upload_id: Option<&'a str>,
}

pub fn no_such_upload(upload_id: &str) -> OssError {
    OssError::new(
        404,
        "NoSuchUpload",
        "The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.",
    )
    .with_detail("UploadId", upload_id)
    .with_ec("0042-00000002")
}

const UPLOAD_COLUMNS: &str = "upload_id, key, initiated, attrs";
const PART_COLUMNS: &str = "part_number, data_id, size, etag, crc64, last_modified";

fn upload_from_row(row: &rusqlite::Row) -> rusqlite::Result<UploadRecord> {
    let key: Vec<u8> = row.get(1)?;
    let (attrs, forbid_overwrite) = attrs_from_json(&row.get::<_, String>(3)?);
    Ok(UploadRecord {
        upload_id: row.get(0)?,
        key: String::from_utf8_lossy(&key).into_owned(),
        initiated: row.get::<_, i64>(2)? as u64,
        attrs,
        forbid_overwrite,
    })
}

pub(super) fn part_from_row(row: &rusqlite::Row) -> rusqlite::Result<PartRecord> {
    Ok(PartRecord {
        part_number: row.get::<_, i64>(0)? as u32,
        data_id: row.get(1)?,
        size: row.get::<_, i64>(2)? as u64,
        etag: row.get(3)?,
        crc64: u64_from_sql(row.get(4)?),
        last_modified: row.get::<_, i64>(5)? as u64,
    })
}

/// The initiation's attributes as the `attrs` column's JSON object.
fn attrs_to_json(attrs: &ObjectAttrs, forbid_overwrite: bool) -> String {
    serde_json::json!({
        "content_type": attrs.content_type,
        "headers": attrs.headers,
        "user_meta": attrs.user_meta,
        "storage_class": attrs.storage_class,
        "acl": attrs.acl,
        "tags": attrs.tags,
        "forbid_overwrite": forbid_overwrite,
    })
    .to_string()
}

fn attrs_from_json(text: &str) -> (ObjectAttrs, bool) {
    let value: serde_json::Value = serde_json::from_str(text).unwrap_or_default();
    let string = |name: &str, default: String| value[name].as_str().map(str::to_string).unwrap_or(default);
    let pairs = |name: &str| pairs_from_json(&value[name].to_string());
    let defaults = ObjectAttrs::default();
    let attrs = ObjectAttrs {
        content_type: string("content_type", defaults.content_type),
        headers: pairs("headers"),
        user_meta: pairs("user_meta"),
        storage_class: string("storage_class", defaults.storage_class),
        acl: string("acl", defaults.acl),
        tags: pairs("tags"),
    };
    (attrs, value["forbid_overwrite"].as_bool().unwrap_or(false))
}

impl Store {
    /// InitiateMultipartUpload: a new upload id (32 upper-case hex digits, time first, so ids
    /// sort roughly by initiation as OSS lists them); with `forbid_overwrite`, 409
    /// FileAlreadyExists when the object exists already.
    pub fn initiate_upload(
        &self,
        bucket: &str,
        key: &str,
        attrs: &ObjectAttrs,
        forbid_overwrite: bool,
    ) -> Result<UploadRecord, OssError> {
        self.require_bucket(bucket)?;
        check_key(key)?;
        // Checked again at completion, which is when an object would be replaced.
        overwrite_check(forbid_overwrite)(self.object(bucket, key)?.as_ref())?;
        let upload = UploadRecord {
            upload_id: crate::request_id::unique_name().to_ascii_uppercase(),
            key: key.to_string(),
            initiated: unix_now(),
            attrs: attrs.clone(),
            forbid_overwrite,
        };
        let conn = self.db.get()?;
        conn.execute(
            "INSERT INTO uploads (upload_id, bucket, key, initiated, attrs) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![
                upload.upload_id,
                bucket,
                key.as_bytes(),
                upload.initiated as i64,
                attrs_to_json(attrs, forbid_overwrite)
            ],
        )
        .map_err(db_error)?;
        Ok(upload)
    }

    /// The upload `upload_id` of this object, or NoSuchBucket / NoSuchUpload.
    pub fn upload(&self, bucket: &str, key: &str, upload_id: &str) -> Result<UploadRecord, OssError> {
        self.require_bucket(bucket)?;
        let conn = self.db.get()?;
        read_upload(&conn, bucket, key, upload_id)?.ok_or_else(|| no_such_upload(upload_id))
    }

    /// UploadPart (and the copy form, whose `body` reads the source range): stores the bytes as
    /// part `part_number`, replacing a part uploaded before under that number.
    pub fn put_part(
        &self,
        bucket: &str,
        key: &str,
        upload_id: &str,
        part_number: u32,
        body: &mut dyn Read,
        content_md5: Option<[u8; 16]>,
    ) -> Result<PartRecord, OssError> {
        self.upload(bucket, key, upload_id)?;
        let staged = self.data.stage(body, Durability::Synced).map_err(|e| {
            OssError::new(400, "IncompleteBody", format!("The request body could not be read completely: {e}"))
        })?;
        if content_md5.is_some_and(|md5| md5 != staged.digests.md5) {
            return Err(bad_digest());
        }
        let digests = staged.digests;
        let part = PartRecord {
            part_number,
            data_id: staged.publish().map_err(io_error)?,
            size: digests.size,
            etag: ObjectMeta::etag_from_md5(&digests.md5),
            crc64: digests.crc64,
            last_modified: unix_now(),
        };
        match self.commit_part(bucket, key, upload_id, &part) {
            Ok(replaced) => {
                if let Some(old) = replaced {
                    self.data.remove(&old);
                }
                Ok(part)
            }
            Err(e) => {
                self.data.remove(&part.data_id);
                Err(e)
            }
        }
    }

    /// Writes a part's row (under the key's lock, so completion and abort see whole uploads);
    /// returns the data id of the part it replaced.
    fn commit_part(
        &self,
        bucket: &str,
        key: &str,
        upload_id: &str,
        part: &PartRecord,
    ) -> Result<Option<String>, OssError> {
        let _guard = self.key_lock(bucket, key);
        let mut conn = self.db.get()?;
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate).map_err(db_error)?;
        if read_upload(&tx, bucket, key, upload_id)?.is_none() {
            return Err(no_such_upload(upload_id)); // aborted or completed while the part arrived
        }
        let old: Option<String> = tx
            .query_row(
                "SELECT data_id FROM parts WHERE upload_id = ?1 AND part_number = ?2",
                params![upload_id, part.part_number],
                |row| row.get(0),
            )
            .optional()
            .map_err(db_error)?;
        tx.execute(
            "INSERT OR REPLACE INTO parts (upload_id, part_number, data_id, size, etag, crc64, last_modified)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                upload_id,
                part.part_number,
                part.data_id,
                part.size as i64,
                part.etag,
                u64_to_sql(part.crc64),
                part.last_modified as i64
            ],
        )
        .map_err(db_error)?;
        tx.commit().map_err(db_error)?;
        Ok(old)
    }

    /// Up to `limit` parts numbered above `after`, in part-number order.
    pub fn parts(&self, upload_id: &str, after: u32, limit: usize) -> Result<Vec<PartRecord>, OssError> {
        let conn = self.db.get()?;
        let mut statement = conn
            .prepare_cached(&format!(
                "SELECT {PART_COLUMNS} FROM parts WHERE upload_id = ?1 AND part_number > ?2 ORDER BY part_number LIMIT ?3"
            ))
            .map_err(db_error)?;
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let rows = statement.query_map(params![upload_id, after, limit], part_from_row).map_err(db_error)?;
        rows.collect::<Result<Vec<_>, _>>().map_err(db_error)
    }

    /// Up to `limit` uploads of the bucket whose keys start with `prefix`, after `cursor`, in
    /// (key bytes, upload id) order.
    pub fn uploads(
        &self,
        bucket: &str,
        prefix: &str,
        cursor: UploadCursor,
        limit: usize,
    ) -> Result<Vec<UploadRecord>, OssError> {
        self.require_bucket(bucket)?;
        // Start no earlier than the prefix itself (all of its uploads).
        let cursor = if cursor.key < prefix.as_bytes() {
            UploadCursor { key: prefix.as_bytes(), upload_id: Some("") }
        } else {
            cursor
        };
        let conn = self.db.get()?;
        let mut statement = conn
            .prepare_cached(&format!(
                "SELECT {UPLOAD_COLUMNS} FROM uploads WHERE bucket = ?1
                   AND (key > ?2 OR (?3 IS NOT NULL AND key = ?2 AND upload_id > ?3))
                   AND substr(key, 1, ?4) = ?5
                 ORDER BY key, upload_id LIMIT ?6"
            ))
            .map_err(db_error)?;
        let (prefix_len, prefix) = (prefix.len() as i64, prefix.as_bytes());
        let args = params![bucket, cursor.key, cursor.upload_id, prefix_len, prefix, limit as i64];
        let rows = statement.query_map(args, upload_from_row).map_err(db_error)?;
        rows.collect::<Result<Vec<_>, _>>().map_err(db_error)
    }

    /// AbortMultipartUpload: forgets the upload and removes its parts' bytes.
    pub fn abort_upload(&self, bucket: &str, key: &str, upload_id: &str) -> Result<(), OssError> {
        self.require_bucket(bucket)?;
        let guard = self.key_lock(bucket, key);
        let mut conn = self.db.get()?;
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate).map_err(db_error)?;
        if read_upload(&tx, bucket, key, upload_id)?.is_none() {
            return Err(no_such_upload(upload_id));
        }
        let files = delete_upload_rows(&tx, upload_id)?;
        tx.commit().map_err(db_error)?;
        drop(conn);
        drop(guard);
        for id in files {
            self.data.remove(&id);
        }
        Ok(())
    }
}

pub(super) fn read_upload(
    conn: &rusqlite::Connection,
    bucket: &str,
    key: &str,
    upload_id: &str,
) -> Result<Option<UploadRecord>, OssError> {
    conn.query_row(
        &format!("SELECT {UPLOAD_COLUMNS} FROM uploads WHERE upload_id = ?1 AND bucket = ?2 AND key = ?3"),
        params![upload_id, bucket, key.as_bytes()],
        upload_from_row,
    )
    .optional()
    .map_err(db_error)
}

/// Deletes an upload's rows (inside the caller's transaction); returns its parts' data ids,
/// for the caller to remove once the transaction committed.
pub(super) fn delete_upload_rows(tx: &rusqlite::Transaction, upload_id: &str) -> Result<Vec<String>, OssError> {
    let mut statement = tx.prepare_cached("SELECT data_id FROM parts WHERE upload_id = ?1").map_err(db_error)?;
    let files = statement
        .query_map([upload_id], |row| row.get::<_, String>(0))
        .map_err(db_error)?
        .collect::<Result<Vec<_>, _>>()
        .map_err(db_error)?;
    tx.execute("DELETE FROM parts WHERE upload_id = ?1", [upload_id]).map_err(db_error)?;
    tx.execute("DELETE FROM uploads WHERE upload_id = ?1", [upload_id]).map_err(db_error)?;
    Ok(files)
}
