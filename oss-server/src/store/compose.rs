//! Writes made from existing objects: AppendObject (the old bytes plus the new ones, in a new
//! data file, so readers of the old version are never disturbed), CopyObject (a hard link: no
//! byte is copied) and symlinks (an empty data file and a target).

use std::io::Read;

use super::data::Durability;
use super::digest::Md5Reader;
use super::objects::{bad_digest, new_record, overwrite_check};
use super::record::{ObjectAttrs, ObjectRecord, TYPE_APPENDABLE, TYPE_NORMAL, TYPE_SYMLINK};
use super::{io_error, unix_now, Store};
use crate::errors::OssError;
use crate::names::check_key;

fn position_error(next: u64) -> OssError {
    OssError::new(409, "PositionNotEqualToLength", "Position is not equal to file length")
        .with_header("x-oss-next-append-position", next.to_string())
}

fn not_appendable() -> OssError {
    OssError::new(409, "ObjectNotAppendable", "The object is not appendable")
}

impl Store {
    /// AppendObject at `position`: creates an Appendable object at 0 (with `attrs`), or extends
    /// one whose size is `position`; the CRC-64 and MD5 cover the whole object, `content_md5`
    /// the appended bytes.
    pub fn append_object(
        &self,
        bucket: &str,
        key: &str,
        position: u64,
        body: &mut dyn Read,
        attrs: ObjectAttrs,
        content_md5: Option<[u8; 16]>,
    ) -> Result<ObjectRecord, OssError> {
        self.require_bucket(bucket)?;
        check_key(key)?;
        let old = self.object(bucket, key)?;
        let attrs = match &old {
            Some(old) if old.object_type != TYPE_APPENDABLE => return Err(not_appendable()),
            Some(old) if old.size != position => return Err(position_error(old.size)),
            Some(old) => old.attrs.clone(),
            None if position != 0 => return Err(position_error(0)),
            None => attrs,
        };
        let prefix = old.as_ref().map(|o| (o.data_id.as_str(), o.size));
        let mut appended = Md5Reader::new(body);
        let staged = self.data.stage_after(prefix, &mut appended, Durability::Synced).map_err(|e| {
            OssError::new(400, "IncompleteBody", format!("The request body could not be read completely: {e}"))
        })?;
        if content_md5.is_some_and(|md5| md5 != appended.finish()) {
            return Err(bad_digest());
        }
        let digests = staged.digests;
        let data_id = staged.publish().map_err(io_error)?;
        let mut record = new_record(key, data_id, &digests, TYPE_APPENDABLE, attrs);
        record.restore = None;
        let expected = old.map(|o| o.data_id);
        // Another append may have won the race since `old` was read.
        self.commit(bucket, record, &|current| match current {
            Some(c) if Some(&c.data_id) != expected.as_ref() => Err(position_error(c.size)),
            None if expected.is_some() => Err(position_error(0)),
            _ => Ok(()),
        })
    }

    /// CopyObject: `dst_key` gets the bytes of `source` (another name for the same file) and
    /// `attrs`.
    pub fn copy_object(
        &self,
        source: &ObjectRecord,
        bucket: &str,
        key: &str,
        attrs: ObjectAttrs,
        forbid_overwrite: bool,
    ) -> Result<ObjectRecord, OssError> {
        self.require_bucket(bucket)?;
        check_key(key)?;
        let data_id = self.data.link(&source.data_id).map_err(|e| {
            if e.kind() == std::io::ErrorKind::NotFound {
                OssError::no_such_key() // the source was replaced or deleted meanwhile
            } else {
                io_error(e)
            }
        })?;
        let object_type = if source.object_type == TYPE_APPENDABLE { TYPE_APPENDABLE } else { TYPE_NORMAL };
        let record = ObjectRecord {
            key: key.to_string(),
            data_id,
            size: source.size,
            etag: source.etag.clone(),
            crc64: source.crc64,
            last_modified: unix_now(),
            object_type: object_type.to_string(),
            attrs,
            symlink_target: None,
            restore: None,
        };
        self.commit(bucket, record, &overwrite_check(forbid_overwrite))
    }

    /// PutSymlink: `key` names `target` (which need not exist yet).
    pub fn put_symlink(
        &self,
        bucket: &str,
        key: &str,
        target: &str,
        attrs: ObjectAttrs,
        forbid_overwrite: bool,
    ) -> Result<ObjectRecord, OssError> {
        self.require_bucket(bucket)?;
        check_key(key)?;
        let staged = self.data.stage(&mut std::io::empty(), Durability::Synced).map_err(io_error)?;
        let digests = staged.digests;
        let data_id = staged.publish().map_err(io_error)?;
        let mut record = new_record(key, data_id, &digests, TYPE_SYMLINK, attrs);
        record.symlink_target = Some(target.to_string());
        self.commit(bucket, record, &overwrite_check(forbid_overwrite))
    }
}
