//! Everything the store keeps about one object besides its bytes, and its row in `objects`.

use rusqlite::Row;

use super::db::{pairs_from_json, pairs_to_json, u64_from_sql};
use crate::object_meta::ObjectMeta;

pub const TYPE_NORMAL: &str = "Normal";
pub const TYPE_APPENDABLE: &str = "Appendable";
#[allow(dead_code)] // written by CompleteMultipartUpload
pub const TYPE_MULTIPART: &str = "Multipart";
pub const TYPE_SYMLINK: &str = "Symlink";
/// An object's ACL when none was set: it inherits the bucket's.
pub const ACL_DEFAULT: &str = "default";
pub const STORAGE_STANDARD: &str = "Standard";
pub const STORAGE_CLASSES: &[&str] = &["Standard", "IA", "Archive", "ColdArchive", "DeepColdArchive"];
/// Classes whose objects must be restored (RestoreObject) before they can be read.
pub const ARCHIVE_CLASSES: &[&str] = &["Archive", "ColdArchive", "DeepColdArchive"];

/// What a writer says about an object besides its bytes (PutObject headers, or what
/// InitiateMultipartUpload, CopyObject with REPLACE, a symlink... were given).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ObjectAttrs {
    pub content_type: String,
    /// Standard headers kept and returned with the object (Content-Disposition,
    /// Content-Encoding, Cache-Control, Expires, Content-Language), as given.
    pub headers: Vec<(String, String)>,
    /// `x-oss-meta-*`, names lower-cased.
    pub user_meta: Vec<(String, String)>,
    pub storage_class: String,
    pub acl: String,
    pub tags: Vec<(String, String)>,
}

impl Default for ObjectAttrs {
    fn default() -> ObjectAttrs {
        ObjectAttrs {
            content_type: crate::object_meta::DEFAULT_CONTENT_TYPE.to_string(),
            headers: Vec::new(),
            user_meta: Vec::new(),
            storage_class: STORAGE_STANDARD.to_string(),
            acl: ACL_DEFAULT.to_string(),
            tags: Vec::new(),
        }
    }
}

/// The restore state of an Archive or ColdArchive object.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Restore {
    /// When the restored copy becomes readable (Unix milliseconds: the configured delay is
    /// short in tests).
    pub ready_at_ms: u64,
    /// When the restored copy expires again (Unix seconds).
    pub expiry: u64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ObjectRecord {
    pub key: String,
    pub data_id: String,
    pub size: u64,
    pub etag: String,
    pub crc64: u64,
    pub last_modified: u64,
    pub object_type: String,
    pub attrs: ObjectAttrs,
    pub symlink_target: Option<String>,
    pub restore: Option<Restore>,
}

/// The columns `from_row` reads, in its order.
pub const COLUMNS: &str = "key, data_id, size, etag, crc64, last_modified, object_type, storage_class, acl, \
     content_type, headers, user_meta, tags, symlink_target, restore_ready_at, restore_expiry";

impl ObjectRecord {
    pub fn from_row(row: &Row) -> rusqlite::Result<ObjectRecord> {
        let key: Vec<u8> = row.get(0)?;
        let target: Option<Vec<u8>> = row.get(13)?;
        let ready: Option<i64> = row.get(14)?;
        let expiry: Option<i64> = row.get(15)?;
        Ok(ObjectRecord {
            key: String::from_utf8_lossy(&key).into_owned(),
            data_id: row.get(1)?,
            size: row.get::<_, i64>(2)? as u64,
            etag: row.get(3)?,
            crc64: u64_from_sql(row.get(4)?),
            last_modified: row.get::<_, i64>(5)? as u64,
            object_type: row.get(6)?,
            attrs: ObjectAttrs {
                storage_class: row.get(7)?,
                acl: row.get(8)?,
                content_type: row.get(9)?,
                headers: pairs_from_json(&row.get::<_, String>(10)?),
                user_meta: pairs_from_json(&row.get::<_, String>(11)?),
                tags: pairs_from_json(&row.get::<_, String>(12)?),
            },
            symlink_target: target.map(|t| String::from_utf8_lossy(&t).into_owned()),
            restore: ready.zip(expiry).map(|(r, e)| Restore { ready_at_ms: r as u64, expiry: e as u64 }),
        })
    }

    /// The public summary (what `Server::object_meta` and `store_object` return).
    pub fn meta(&self) -> ObjectMeta {
        ObjectMeta {
            size: self.size,
            etag: self.etag.clone(),
            crc64: self.crc64,
            last_modified: self.last_modified,
            content_type: self.attrs.content_type.clone(),
            user_meta: self.attrs.user_meta.clone(),
        }
    }

    pub fn headers_json(&self) -> String {
        pairs_to_json(&self.attrs.headers)
    }
}
