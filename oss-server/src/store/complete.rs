//! CompleteMultipartUpload: checks the client's part list against the stored parts, writes
//! the parts' bytes one after another into one new data file, then switches the object to it
//! in one transaction that also forgets the upload.
//!
//! Why one new file rather than an object row naming the part files in order: every reader
//! (GET's sendfile and ranges, the by-key mirror's hard link, append, copy) keeps working on
//! one file per object, unchanged; the price is one in-kernel copy at completion. A reader
//! racing completion reads the old row and file or the new ones, never a mix, because the
//! object row changes in a single commit and readers keep the descriptor they opened.

use md5::{Digest, Md5};

use super::data::Digests;
use super::db::db_error;
use super::objects::{overwrite_check, read_row, write_row};
use super::record::{ObjectRecord, TYPE_MULTIPART};
use super::uploads::{delete_upload_rows, no_such_upload, read_upload, PartRecord, UploadRecord};
use super::{io_error, key_view, unix_now, Store};
use crate::crc64_combine::combine;
use crate::errors::OssError;
use crate::names::check_key;

/// Every part but the last must have at least this many bytes (100 KiB).
pub const MIN_PART_SIZE: u64 = 100 * 1024;

fn invalid_part(number: u32) -> OssError {
    OssError::new(
        400,
        "InvalidPart",
        "One or more of the specified parts could not be found or the specified entity tag might not have matched the part's entity tag.",
    )
    .with_detail("PartNumber", number.to_string())
    .with_ec("0042-00000213")
}

fn invalid_part_order() -> OssError {
    OssError::new(
        400,
        "InvalidPartOrder",
        "The list of parts was not in ascending order. The parts list must be specified in order by part number.",
    )
    .with_ec("0042-00000214")
}

fn entity_too_small(number: u32, size: u64) -> OssError {
    OssError::new(400, "EntityTooSmall", "Your proposed upload is smaller than the minimum allowed size.")
        .with_detail("MinSizeAllowed", MIN_PART_SIZE.to_string())
        .with_detail("ProposedSize", size.to_string())
        .with_detail("PartNumber", number.to_string())
        .with_ec("0042-00000215")
}

/// An ETag as a client may send it back: quotes, `&quot;` already decoded, any case.
fn same_etag(listed: &str, stored: &str) -> bool {
    listed.trim().trim_matches('"').eq_ignore_ascii_case(stored.trim_matches('"'))
}

/// The parts the object is made of, in order: the listed ones (`Some`), each existing with a
/// matching ETag and in ascending order, or every stored part (`x-oss-complete-all`).
/// `stored` is in part-number order.
pub fn choose_parts(stored: &[PartRecord], listed: Option<&[(u32, String)]>) -> Result<Vec<PartRecord>, OssError> {
    let chosen = match listed {
        None => stored.to_vec(),
        Some(listed) => {
            if listed.windows(2).any(|pair| pair[0].0 >= pair[1].0) {
                return Err(invalid_part_order());
            }
            let mut chosen = Vec::with_capacity(listed.len());
            for (number, etag) in listed {
                // `stored` is in part-number order (10,000 parts must not cost 10,000² steps).
                let at = stored.binary_search_by_key(number, |p| p.part_number).map_err(|_| invalid_part(*number))?;
                let part = &stored[at];
                if !same_etag(etag, &part.etag) {
                    return Err(invalid_part(*number));
                }
                chosen.push(part.clone());
            }
            chosen
        }
    };
    if chosen.is_empty() {
        return Err(invalid_part(0));
    }
    if let Some(small) = chosen[..chosen.len() - 1].iter().find(|p| p.size < MIN_PART_SIZE) {
        return Err(entity_too_small(small.part_number, small.size));
    }
    Ok(chosen)
}

/// OSS's multipart ETag: the MD5 of the parts' binary MD5s, `-<count>`, quoted upper-case hex.
pub fn composite_etag(parts: &[PartRecord]) -> String {
    let mut md5 = Md5::new();
    for part in parts {
        let hex = part.etag.trim_matches('"');
        let bytes: Vec<u8> =
            (0..hex.len() / 2).filter_map(|i| u8::from_str_radix(&hex[2 * i..2 * i + 2], 16).ok()).collect();
        md5.update(&bytes);
    }
    let digest: String = md5.finalize().iter().map(|b| format!("{b:02X}")).collect();
    format!("\"{digest}-{}\"", parts.len())
}

impl Store {
    /// Completes the upload: the object `key` becomes the chosen parts' bytes, with the
    /// attributes given at initiation. `forbid_overwrite` (or the initiation's) refuses to
    /// replace an existing object.
    pub fn complete_upload(
        &self,
        bucket: &str,
        key: &str,
        upload_id: &str,
        listed: Option<&[(u32, String)]>,
        forbid_overwrite: bool,
    ) -> Result<ObjectRecord, OssError> {
        self.require_bucket(bucket)?;
        check_key(key)?;
        // Held throughout: parts cannot change (UploadPart commits under the same lock) between
        // the check of the list and the switch, and the mirror follows the database's order.
        let _guard = self.key_lock(bucket, key);
        let upload = self.upload(bucket, key, upload_id)?;
        let stored = self.parts(upload_id, 0, usize::MAX)?;
        let chosen = choose_parts(&stored, listed)?;
        let size = chosen.iter().map(|p| p.size).sum();
        let crc64 = chosen.iter().fold(0, |crc, p| combine(crc, p.crc64, p.size));
        let ids: Vec<&str> = chosen.iter().map(|p| p.data_id.as_str()).collect();
        let digests = Digests { size, md5: [0; 16], crc64 };
        let staged = self.data.stage_concat(&ids, digests).map_err(io_error)?;
        let record = ObjectRecord {
            key: key.to_string(),
            data_id: staged.publish().map_err(io_error)?,
            size,
            etag: composite_etag(&chosen),
            crc64,
            last_modified: unix_now(),
            object_type: TYPE_MULTIPART.to_string(),
            attrs: upload.attrs.clone(),
            symlink_target: None,
            restore: None,
        };
        let forbid = forbid_overwrite || upload.forbid_overwrite;
        match self.commit_completion(bucket, &upload, &record, forbid) {
            Ok((old, part_files)) => {
                for id in old.iter().chain(&part_files) {
                    self.data.remove(id);
                }
                key_view::publish(&self.root, bucket, key, &self.data.path(&record.data_id), &record.meta());
                Ok(record)
            }
            Err(e) => {
                self.data.remove(&record.data_id);
                Err(e)
            }
        }
    }

    /// The one transaction of a completion: the object row is written and the upload's rows
    /// deleted together. Returns the replaced object's data id and the parts' data ids.
    fn commit_completion(
        &self,
        bucket: &str,
        upload: &UploadRecord,
        record: &ObjectRecord,
        forbid_overwrite: bool,
    ) -> Result<(Option<String>, Vec<String>), OssError> {
        let mut conn = self.db.get()?;
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate).map_err(db_error)?;
        if read_upload(&tx, bucket, &record.key, &upload.upload_id)?.is_none() {
            return Err(no_such_upload(&upload.upload_id));
        }
        let old = read_row(&tx, bucket, &record.key)?;
        overwrite_check(forbid_overwrite)(old.as_ref())?;
        write_row(&tx, bucket, record)?;
        let part_files = delete_upload_rows(&tx, &upload.upload_id)?;
        tx.commit().map_err(db_error)?;
        Ok((old.map(|o| o.data_id), part_files))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn part(number: u32, size: u64) -> PartRecord {
        PartRecord {
            part_number: number,
            data_id: format!("id{number}"),
            size,
            etag: format!("\"{:032X}\"", u128::from(number) * 0x1234_5678_9ABC),
            crc64: 0,
            last_modified: 0,
        }
    }

    fn listed(parts: &[PartRecord]) -> Vec<(u32, String)> {
        parts.iter().map(|p| (p.part_number, p.etag.to_ascii_lowercase())).collect()
    }

    fn code(stored: &[PartRecord], list: &[(u32, String)]) -> &'static str {
        choose_parts(stored, Some(list)).unwrap_err().code
    }

    #[test]
    fn the_list_is_checked_as_oss_does() {
        let stored = [part(1, MIN_PART_SIZE), part(2, MIN_PART_SIZE), part(3, 5)];
        let chosen = choose_parts(&stored, Some(&listed(&[stored[0].clone(), stored[2].clone()]))).unwrap();
        assert_eq!(chosen.iter().map(|p| p.part_number).collect::<Vec<_>>(), [1, 3], "gaps are fine, case too");
        assert_eq!(choose_parts(&stored, None).unwrap().len(), 3);
        let reversed: Vec<_> = listed(&stored).into_iter().rev().collect();
        assert_eq!(code(&stored, &reversed), "InvalidPartOrder");
        assert_eq!(code(&stored, &[listed(&stored)[0].clone(), listed(&stored)[0].clone()]), "InvalidPartOrder");
        assert_eq!(code(&stored, &[(4, stored[0].etag.clone())]), "InvalidPart");
        assert_eq!(code(&stored, &[(1, stored[1].etag.clone())]), "InvalidPart");
        let small_first = [part(1, MIN_PART_SIZE - 1), part(2, 1)];
        assert_eq!(code(&small_first, &listed(&small_first)), "EntityTooSmall");
        assert_eq!(choose_parts(&[], None).unwrap_err().code, "InvalidPart");
    }

    #[test]
    fn ten_thousand_parts_are_checked_quickly() {
        let stored: Vec<PartRecord> = (1..=10_000).map(|n| part(n, MIN_PART_SIZE)).collect();
        assert_eq!(choose_parts(&stored, Some(&listed(&stored))).unwrap().len(), 10_000);
    }

    #[test]
    fn the_composite_etag_is_the_md5_of_the_binary_md5s() {
        let parts = [part(1, 1), part(2, 1)];
        let mut binary = Vec::new();
        for p in &parts {
            binary.extend(u128::from_str_radix(p.etag.trim_matches('"'), 16).unwrap().to_be_bytes());
        }
        let expected: String = Md5::digest(&binary).iter().map(|b| format!("{b:02X}")).collect();
        assert_eq!(composite_etag(&parts), format!("\"{expected}-2\""));
    }
}
