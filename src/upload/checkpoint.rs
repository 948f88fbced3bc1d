//! The upload's checkpoint: the shared journal (`transfer::journal`) with an upload's identity
//! and part records:
//! ```text
//! OSSUP1 <identity JSON> <crc64 of the JSON, 16 hex>
//! P <number> <len> <part crc64, 16 hex, or -> <ETag, hex of its bytes> <crc64 of the line, 16 hex>
//! ```
//! The identity names the upload (endpoint, bucket, key, upload id) and the local file as it was
//! (size, modification time, inode, path) with the part size: a file that changed since, or
//! another upload's journal, is not resumed.

use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::Result;
use crate::transfer::journal::{self, hex_u64, Kind};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Identity {
    pub endpoint: String,
    pub bucket: String,
    pub key: String,
    pub upload_id: String,
    pub size: u64,
    pub mtime_ns: i128,
    pub inode: u64,
    pub part_size: u64,
    /// The local file's path, hex-encoded bytes.
    pub path_hex: String,
}

/// What the local file is now: size, modification time (ns) and inode.
pub fn file_state(meta: &std::fs::Metadata) -> (u64, i128, u64) {
    (meta.len(), i128::from(meta.mtime()) * 1_000_000_000 + i128::from(meta.mtime_nsec()), meta.ino())
}

impl Identity {
    /// Whether `self` describes the same transfer as `other`, whatever their upload ids.
    pub fn same_transfer(&self, other: &Identity) -> bool {
        Identity { upload_id: String::new(), ..self.clone() } == Identity { upload_id: String::new(), ..other.clone() }
    }

    pub fn encode_path(path: &Path) -> String {
        journal::hex_path(path)
    }
}

/// A part the server stored: its length, CRC-64 (when the server reported one) and ETag.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PartRecord {
    pub len: u64,
    pub crc: Option<u64>,
    pub etag: String,
}

pub struct UploadJournal;

impl Kind for UploadJournal {
    const MAGIC: &'static str = "OSSUP1";
    type Identity = Identity;
    type Record = PartRecord;

    fn fields(rec: &PartRecord) -> String {
        let crc = rec.crc.map_or_else(|| "-".to_string(), |c| format!("{c:016x}"));
        let etag: String = rec.etag.bytes().map(|b| format!("{b:02x}")).collect();
        format!("{} {crc} {etag}", rec.len)
    }

    fn parse_fields(fields: &mut std::str::Split<'_, char>) -> Option<PartRecord> {
        let len = fields.next()?.parse().ok()?;
        let crc = match fields.next()? {
            "-" => None,
            hex => Some(hex_u64(Some(hex))?),
        };
        let hex = fields.next()?;
        let bytes: Option<Vec<u8>> =
            (0..hex.len() / 2).map(|i| u8::from_str_radix(hex.get(2 * i..2 * i + 2)?, 16).ok()).collect();
        let etag = String::from_utf8(bytes?).ok().filter(|e| !e.is_empty() && hex.len() % 2 == 0)?;
        Some(PartRecord { len, crc, etag })
    }
}

pub type Journal = journal::Journal<UploadJournal>;

/// `<file>.ucp`, the official name of an upload's checkpoint.
pub fn default_path(file: &Path) -> PathBuf {
    crate::transfer::finish::suffixed(file, ".ucp")
}

/// The journal's path: `requested` itself, or a file named after the upload inside the
/// directory it names.
pub fn locate(requested: &Path, source: &str, file: &Path) -> Result<PathBuf> {
    journal::locate(requested, source, file, "oss-upload", ".ucp")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_round_trip_and_a_torn_tail_is_dropped() {
        let id = Identity {
            endpoint: "e".into(),
            bucket: "b".into(),
            key: "k y".into(),
            upload_id: "U".into(),
            size: 10,
            mtime_ns: -5,
            inode: 7,
            part_size: 5,
            path_hex: "2f".into(),
        };
        let a = PartRecord { len: 5, crc: Some(u64::MAX), etag: "\"AB CD\"".into() };
        let b = PartRecord { len: 5, crc: None, etag: "E".into() };
        let mut bytes = journal::header_line::<UploadJournal>(&id);
        bytes.push_str(&journal::record_line::<UploadJournal>(1, &a));
        bytes.push_str(&journal::record_line::<UploadJournal>(2, &b));
        let parsed = journal::parse::<UploadJournal>(bytes.as_bytes()).unwrap();
        assert_eq!((parsed.identity, parsed.parts[&1].clone(), parsed.parts[&2].clone()), (id.clone(), a, b));
        let torn = &bytes.as_bytes()[..bytes.len() - 3];
        assert_eq!(journal::parse::<UploadJournal>(torn).unwrap().parts.len(), 1);
        let other = Identity { upload_id: "V".into(), ..id.clone() };
        assert!(other.same_transfer(&id) && other != id);
        assert!(!Identity { size: 11, ..id.clone() }.same_transfer(&id));
        assert!(journal::parse::<crate::download::checkpoint::DownloadJournal>(bytes.as_bytes()).is_none());
    }
}
