//! Buckets: their rows, creation (idempotent for the owner), deletion (only when empty), and
//! their sub-resource documents (`bucket_configs`, one per kind).

use rusqlite::{params, OptionalExtension};

use super::db::db_error;
use super::{key_view, unix_now, Store};
use crate::errors::OssError;
use crate::names::check_bucket;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BucketAttrs {
    pub acl: String,
    pub storage_class: String,
    pub redundancy: String,
}

impl Default for BucketAttrs {
    fn default() -> BucketAttrs {
        BucketAttrs { acl: "private".into(), storage_class: "Standard".into(), redundancy: "LRS".into() }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BucketRecord {
    pub name: String,
    /// Unix seconds.
    pub created: u64,
    pub attrs: BucketAttrs,
}

/// What `create_bucket` did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Created {
    New,
    /// The bucket existed already (with these attributes); nothing changed.
    Existing(BucketRecord),
}

const BUCKET_COLUMNS: &str = "name, created, acl, storage_class, redundancy";

fn bucket_from_row(row: &rusqlite::Row) -> rusqlite::Result<BucketRecord> {
    Ok(BucketRecord {
        name: row.get(0)?,
        created: row.get::<_, i64>(1)? as u64,
        attrs: BucketAttrs { acl: row.get(2)?, storage_class: row.get(3)?, redundancy: row.get(4)? },
    })
}

impl Store {
    pub fn create_bucket(&self, name: &str, attrs: &BucketAttrs) -> Result<Created, OssError> {
        check_bucket(name)?;
        let conn = self.db.get()?;
        let inserted = conn
            .execute(
                "INSERT OR IGNORE INTO buckets (name, created, acl, storage_class, redundancy) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![name, unix_now() as i64, attrs.acl, attrs.storage_class, attrs.redundancy],
            )
            .map_err(db_error)?;
        drop(conn);
        key_view::add_bucket(&self.root, name);
        if inserted == 1 {
            return Ok(Created::New);
        }
        let existing = self.bucket(name)?.ok_or_else(OssError::no_such_bucket)?;
        Ok(Created::Existing(existing))
    }

    /// Creates the bucket with default attributes unless it exists (tests, admin API, CLI).
    pub fn ensure_bucket(&self, name: &str) -> Result<(), OssError> {
        self.create_bucket(name, &BucketAttrs::default()).map(|_| ())
    }

    pub fn bucket(&self, name: &str) -> Result<Option<BucketRecord>, OssError> {
        if check_bucket(name).is_err() {
            return Ok(None);
        }
        let conn = self.db.get()?;
        conn.query_row(&format!("SELECT {BUCKET_COLUMNS} FROM buckets WHERE name = ?1"), [name], bucket_from_row)
            .optional()
            .map_err(db_error)
    }

    pub fn require_bucket(&self, name: &str) -> Result<BucketRecord, OssError> {
        check_bucket(name)?;
        self.bucket(name)?.ok_or_else(OssError::no_such_bucket)
    }

    /// Every bucket, by name.
    pub fn list_buckets(&self) -> Result<Vec<BucketRecord>, OssError> {
        let conn = self.db.get()?;
        let mut statement =
            conn.prepare(&format!("SELECT {BUCKET_COLUMNS} FROM buckets ORDER BY name")).map_err(db_error)?;
        let rows = statement.query_map([], bucket_from_row).map_err(db_error)?;
        rows.collect::<Result<Vec<_>, _>>().map_err(db_error)
    }

    /// DeleteBucket: 409 BucketNotEmpty while objects or multipart uploads remain.
    pub fn delete_bucket(&self, name: &str) -> Result<(), OssError> {
        self.require_bucket(name)?;
        let mut conn = self.db.get()?;
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate).map_err(db_error)?;
        let used: bool = tx
            .query_row(
                "SELECT EXISTS(SELECT 1 FROM objects WHERE bucket = ?1) OR EXISTS(SELECT 1 FROM uploads WHERE bucket = ?1)",
                [name],
                |row| row.get(0),
            )
            .map_err(db_error)?;
        if used {
            return Err(OssError::new(409, "BucketNotEmpty", "The bucket you tried to delete is not empty.")
                .with_detail("BucketName", name));
        }
        tx.execute("DELETE FROM buckets WHERE name = ?1", [name]).map_err(db_error)?;
        tx.commit().map_err(db_error)?;
        key_view::remove_bucket(&self.root, name);
        Ok(())
    }

    /// GetBucketStat's numbers: objects, their total size, multipart uploads in progress.
    pub fn bucket_stat(&self, name: &str) -> Result<(u64, u64, u64), OssError> {
        self.require_bucket(name)?;
        let conn = self.db.get()?;
        conn.query_row(
            "SELECT (SELECT COUNT(*) FROM objects WHERE bucket = ?1),
                    (SELECT COALESCE(SUM(size), 0) FROM objects WHERE bucket = ?1),
                    (SELECT COUNT(*) FROM uploads WHERE bucket = ?1)",
            [name],
            |row| Ok((row.get::<_, i64>(0)? as u64, row.get::<_, i64>(1)? as u64, row.get::<_, i64>(2)? as u64)),
        )
        .map_err(db_error)
    }

    pub fn set_bucket_acl(&self, name: &str, acl: &str) -> Result<(), OssError> {
        let conn = self.db.get()?;
        let changed = conn.execute("UPDATE buckets SET acl = ?2 WHERE name = ?1", [name, acl]).map_err(db_error)?;
        if changed == 0 {
            return Err(OssError::no_such_bucket());
        }
        Ok(())
    }

    /// A bucket sub-resource document (lifecycle, cors, ...), if set.
    pub fn bucket_config(&self, bucket: &str, kind: &str) -> Result<Option<String>, OssError> {
        self.require_bucket(bucket)?;
        let conn = self.db.get()?;
        conn.query_row("SELECT document FROM bucket_configs WHERE bucket = ?1 AND kind = ?2", [bucket, kind], |row| {
            row.get(0)
        })
        .optional()
        .map_err(db_error)
    }

    /// Sets (`Some`) or deletes (`None`) a bucket sub-resource document.
    pub fn set_bucket_config(&self, bucket: &str, kind: &str, document: Option<&str>) -> Result<(), OssError> {
        self.require_bucket(bucket)?;
        let conn = self.db.get()?;
        match document {
            Some(document) => conn.execute(
                "INSERT INTO bucket_configs (bucket, kind, document) VALUES (?1, ?2, ?3)
                 ON CONFLICT (bucket, kind) DO UPDATE SET document = excluded.document",
                [bucket, kind, document],
            ),
            None => conn.execute("DELETE FROM bucket_configs WHERE bucket = ?1 AND kind = ?2", [bucket, kind]),
        }
        .map_err(db_error)?;
        Ok(())
    }
}
