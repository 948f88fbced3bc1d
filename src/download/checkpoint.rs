//! The download's checkpoint: the shared journal (`transfer::journal`, where its layout and its
//! guarantees are described) with a download's identity and part records:
//! ```text
//! OSSCP1 <identity JSON> <crc64 of the JSON, 16 hex>
//! P <index> <len> <part crc64, 16 hex> <crc64 of "P <index> <len> <crc>", 16 hex>
//! ```
//! A header whose identity differs from this download's (another object, version, size, ETag,
//! Last-Modified, range, part size or target) discards the journal.
//!
//! Where the journal lives: the caller names a file, or a directory (an existing one, or any path
//! ending in `/`), in which case [`locate`] names the file after the download, so that downloads
//! sharing a directory never share a journal.

use crate::error::Result;
use crate::transfer::journal::{self, hex_u64, Kind};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// What makes two runs the same download.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Identity {
    pub endpoint: String,
    pub bucket: String,
    pub key: String,
    pub version_id: Option<String>,
    pub size: u64,
    pub etag: String,
    pub last_modified: String,
    pub part_size: u64,
    /// The temp file's path, hex-encoded bytes (paths need not be UTF-8).
    pub temp_path_hex: String,
    /// The caller's byte range as resolved against the object, `[first,
    /// last]`; absent for a whole-object download (so journals written
    /// before ranges existed still match).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub range: Option<[u64; 2]>,
}

impl Identity {
    pub fn encode_path(path: &Path) -> String {
        journal::hex_path(path)
    }
}

/// Where the journal lives when the caller turns checkpointing on without
/// naming a place: `<target>.cp`, beside the file, as in the official SDK.
pub fn default_path(target: &Path) -> PathBuf {
    crate::transfer::finish::suffixed(target, ".cp")
}

/// The journal's path: `requested` itself, or a file named after the download inside the
/// directory it names (see `transfer::journal::locate`).
pub fn locate(requested: &Path, source: &str, target: &Path) -> Result<PathBuf> {
    journal::locate(requested, source, target, "oss-download", ".cp")
}

/// A completed part as recorded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PartRecord {
    pub len: u64,
    pub crc: u64,
}

/// The download's journal kind.
pub struct DownloadJournal;

impl Kind for DownloadJournal {
    const MAGIC: &'static str = "OSSCP1";
    type Identity = Identity;
    type Record = PartRecord;

    fn fields(rec: &PartRecord) -> String {
        format!("{} {:016x}", rec.len, rec.crc)
    }

    fn parse_fields(fields: &mut std::str::Split<'_, char>) -> Option<PartRecord> {
        let len = fields.next()?.parse().ok()?;
        Some(PartRecord { len, crc: hex_u64(fields.next())? })
    }
}

pub type Journal = journal::Journal<DownloadJournal>;
pub type Parsed = journal::Parsed<Identity, PartRecord>;
pub use journal::MAX_PENDING_RECORDS;

/// Parses journal bytes; `None` when nothing in them can be trusted.
pub fn parse(bytes: &[u8]) -> Option<Parsed> {
    journal::parse::<DownloadJournal>(bytes)
}

#[cfg(test)]
fn header_line(identity: &Identity) -> String {
    journal::header_line::<DownloadJournal>(identity)
}

#[cfg(test)]
fn record_body(index: u32, rec: PartRecord) -> String {
    format!("P {index} {}", DownloadJournal::fields(&rec))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::crc64;
    use crate::error::codes;
    use std::fs::{self, OpenOptions};

    fn identity() -> Identity {
        Identity {
            endpoint: "127.0.0.1:1".into(),
            bucket: "b".into(),
            key: "k e y".into(),
            version_id: None,
            size: 100,
            etag: "\"ABC\"".into(),
            last_modified: "Sat, 16 Dec 2023 16:20:57 GMT".into(),
            part_size: 10,
            temp_path_hex: Identity::encode_path(Path::new("/t/f.tmp")),
            range: None,
        }
    }

    fn journal_bytes(records: &[(u32, u64, u64)]) -> Vec<u8> {
        let mut out = header_line(&identity()).into_bytes();
        for &(i, len, crc) in records {
            let body = record_body(i, PartRecord { len, crc });
            out.extend(format!("{body} {:016x}\n", crc64::checksum(body.as_bytes())).bytes());
        }
        out
    }

    #[test]
    fn round_trip() {
        let bytes = journal_bytes(&[(0, 10, 1), (3, 10, u64::MAX), (9, 10, 0)]);
        let p = parse(&bytes).unwrap();
        assert_eq!(p.identity, identity());
        assert_eq!(p.parts.len(), 3);
        assert_eq!(p.parts[&3], PartRecord { len: 10, crc: u64::MAX });
        assert_eq!(p.valid_len, bytes.len());
    }

    #[test]
    fn a_torn_last_record_is_dropped_at_every_byte_boundary() {
        let full = journal_bytes(&[(0, 10, 1), (1, 10, 2)]);
        let before_last = journal_bytes(&[(0, 10, 1)]).len();
        for cut in before_last..full.len() {
            let p = parse(&full[..cut]).unwrap_or_else(|| panic!("cut at {cut}"));
            assert_eq!(p.parts.len(), 1, "cut at {cut}");
            assert_eq!(p.valid_len, before_last, "cut at {cut}");
        }
    }

    #[test]
    fn a_torn_or_corrupt_header_discards_everything() {
        let full = journal_bytes(&[(0, 10, 1)]);
        let header_len = header_line(&identity()).len();
        for cut in 0..header_len {
            assert_eq!(parse(&full[..cut]), None, "cut at {cut}");
        }
        let mut flipped = full.clone();
        flipped[20] ^= 1;
        assert_eq!(parse(&flipped), None);
    }

    #[test]
    fn a_bad_record_before_the_end_discards_everything() {
        let mut bytes = journal_bytes(&[(0, 10, 1), (1, 10, 2), (2, 10, 3)]);
        let header_len = header_line(&identity()).len();
        bytes[header_len + 3] ^= 0x04; // inside the first record
        assert_eq!(parse(&bytes), None);
    }

    #[test]
    fn journal_files_resume_and_append() {
        let dir = std::env::temp_dir().join(format!("oss-cp-test-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        let path = dir.join("f.cp");
        let mut j = Journal::create(&path, &identity()).unwrap();
        j.record(0, &PartRecord { len: 10, crc: 5 }).unwrap();
        j.record(1, &PartRecord { len: 10, crc: 6 }).unwrap();
        assert_eq!(fs::read(&path).unwrap().len(), header_line(&identity()).len(), "buffered until flush");
        j.flush().unwrap();
        drop(j);
        // Tear the last record, as a crash mid-write would.
        let len = fs::metadata(&path).unwrap().len();
        OpenOptions::new().write(true).open(&path).unwrap().set_len(len - 7).unwrap();
        let (mut j, parts) = Journal::resume(&path, &identity()).unwrap();
        assert_eq!(parts.keys().copied().collect::<Vec<_>>(), [0]);
        j.record(2, &PartRecord { len: 10, crc: 7 }).unwrap();
        j.flush().unwrap();
        drop(j);
        let (_, parts) = Journal::resume(&path, &identity()).unwrap();
        assert_eq!(parts.keys().copied().collect::<Vec<_>>(), [0, 2]);
        // Another object's download does not get this journal, nor another range's.
        let other = Identity { etag: "\"DEF\"".into(), ..identity() };
        assert!(Journal::resume(&path, &other).is_none());
        let ranged = Identity { range: Some([0, 49]), ..identity() };
        assert!(Journal::resume(&path, &ranged).is_none());
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn whole_object_headers_are_unchanged_by_the_range_field() {
        // A journal written before ranges existed has no "range" key; it
        // must still belong to the same whole-object download.
        assert!(!header_line(&identity()).contains("range"));
        let ranged = Identity { range: Some([5, 9]), ..identity() };
        let line = header_line(&ranged);
        assert!(line.contains("\"range\":[5,9]"));
        assert_eq!(parse(line.as_bytes()).unwrap().identity, ranged);
    }

    #[test]
    fn journals_in_a_directory_are_named_after_the_download() {
        let dir = tempfile_dir("locate");
        let a = locate(&dir, "http://h\nb\nk\n", Path::new("/data/a.bin")).unwrap();
        assert_eq!(a.parent(), Some(dir.as_path()));
        let name = a.file_name().unwrap().to_str().unwrap().to_string();
        assert!(name.starts_with("oss-download-") && name.ends_with(".cp") && name.len() == 13 + 32 + 3, "{name}");
        // Stable for the same download, different for another target or object.
        assert_eq!(locate(&dir, "http://h\nb\nk\n", Path::new("/data/a.bin")).unwrap(), a);
        assert_ne!(locate(&dir, "http://h\nb\nk\n", Path::new("/data/b.bin")).unwrap(), a);
        assert_ne!(locate(&dir, "http://h\nb\nk2\n", Path::new("/data/a.bin")).unwrap(), a);
        // A trailing slash means the same directory.
        let mut slashed = dir.as_os_str().to_owned();
        slashed.push("/");
        assert_eq!(locate(Path::new(&slashed), "http://h\nb\nk\n", Path::new("/data/a.bin")).unwrap(), a);
        // A file path stays a file path; a missing directory is an error.
        assert_eq!(locate(&dir.join("x.cp"), "s", Path::new("/t")).unwrap(), dir.join("x.cp"));
        let missing = format!("{}/missing/", dir.display());
        assert_eq!(locate(Path::new(&missing), "s", Path::new("/t")).unwrap_err().error_code(), codes::OPEN_FILE);
        fs::remove_dir_all(&dir).unwrap();
    }

    fn tempfile_dir(tag: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("oss-cp-{tag}-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        dir
    }
}
