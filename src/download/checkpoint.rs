//! The checkpoint: a journal that survives a crash at any instant.
//!
//! Layout (text, one record per line):
//! ```text
//! OSSCP1 <identity JSON> <crc64 of the JSON, 16 hex>\n
//! P <index> <len> <part crc64, 16 hex> <crc64 of "P <index> <len> <crc>", 16 hex>\n
//! ...
//! ```
//! The header is written once, to a temp file renamed into place, so a
//! journal either has a whole header or does not exist. Each part record is
//! one `write` appended after that part's bytes were written to the temp
//! file, and carries its own checksum. I/O is linear in the number of parts:
//! nothing is ever rewritten.
//!
//! Reading trusts nothing: a header that does not parse or check, or whose
//! identity differs from this download's (another object, version, size,
//! ETag, Last-Modified, range, part size or target) discards the journal. A
//! torn final record (a crash mid-append) is dropped and cut off; a bad
//! record anywhere else discards the journal.
//!
//! Where the journal lives: the caller names a file, or a directory (an
//! existing one, or any path ending in `/`), in which case [`locate`] names
//! the file after the download, so that downloads sharing a directory never
//! share a journal.

use crate::crc64;
use crate::error::{codes, ClientCode, Error, Result};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::fs::{self, File, OpenOptions};
use std::io::Write;
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};

const MAGIC: &str = "OSSCP1";

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
        path.as_os_str().as_bytes().iter().map(|b| format!("{b:02x}")).collect()
    }
}

/// Where the journal lives when the caller turns checkpointing on without
/// naming a place: `<target>.cp`, beside the file, as in the official SDK.
pub fn default_path(target: &Path) -> PathBuf {
    crate::transfer::finish::suffixed(target, ".cp")
}

/// The journal's path. `requested` names the file itself, or a directory
/// (it exists, or ends in `/`): then the file inside it is named from a
/// SHA-256 of `source` (endpoint, bucket, key, version) and the absolute
/// `target` path, so two downloads sharing a directory never collide and
/// the same download finds its journal again. A directory that ends in `/`
/// but does not exist is an error, never a file of that name.
pub fn locate(requested: &Path, source: &str, target: &Path) -> Result<PathBuf> {
    let names_directory = requested.as_os_str().as_bytes().ends_with(b"/");
    if !names_directory && !requested.is_dir() {
        return Ok(requested.to_path_buf());
    }
    if !requested.is_dir() {
        return Err(Error::file(
            ClientCode::OpenFileError,
            codes::OPEN_FILE,
            format!("cannot create a checkpoint in {}: no such directory", requested.display()),
        ));
    }
    let target = std::path::absolute(target).unwrap_or_else(|_| target.to_path_buf());
    let mut hash = Sha256::new();
    hash.update(source.as_bytes());
    hash.update(b"\n");
    hash.update(target.as_os_str().as_bytes());
    let digest: String = hash.finalize()[..16].iter().map(|b| format!("{b:02x}")).collect();
    Ok(requested.join(format!("oss-download-{digest}.cp")))
}

/// A completed part as recorded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PartRecord {
    pub len: u64,
    pub crc: u64,
}

/// The result of reading a journal's bytes.
#[derive(Debug, PartialEq, Eq)]
pub struct Parsed {
    pub identity: Identity,
    pub parts: BTreeMap<u32, PartRecord>,
    /// Bytes up to the end of the last good record; anything after is torn.
    pub valid_len: usize,
}

fn record_body(index: u32, rec: PartRecord) -> String {
    format!("P {index} {} {:016x}", rec.len, rec.crc)
}

fn header_line(identity: &Identity) -> String {
    let json = serde_json::to_string(identity).expect("identity serialises");
    format!("{MAGIC} {json} {:016x}\n", crc64::checksum(json.as_bytes()))
}

fn parse_header(line: &str) -> Option<Identity> {
    let rest = line.strip_prefix(MAGIC)?.strip_prefix(' ')?;
    let (json, sum) = rest.rsplit_once(' ')?;
    if sum.len() != 16 || u64::from_str_radix(sum, 16).ok()? != crc64::checksum(json.as_bytes()) {
        return None;
    }
    serde_json::from_str(json).ok()
}

fn parse_record(line: &str) -> Option<(u32, PartRecord)> {
    let (body, sum) = line.rsplit_once(' ')?;
    if sum.len() != 16 || u64::from_str_radix(sum, 16).ok()? != crc64::checksum(body.as_bytes()) {
        return None;
    }
    let mut fields = body.split(' ');
    if fields.next()? != "P" {
        return None;
    }
    let index = fields.next()?.parse().ok()?;
    let len = fields.next()?.parse().ok()?;
    let crc = fields.next().filter(|c| c.len() == 16).and_then(|c| u64::from_str_radix(c, 16).ok())?;
    if fields.next().is_some() {
        return None;
    }
    Some((index, PartRecord { len, crc }))
}

/// Parses journal bytes; `None` when nothing in them can be trusted.
pub fn parse(bytes: &[u8]) -> Option<Parsed> {
    let header_end = bytes.iter().position(|&b| b == b'\n')?;
    let identity = parse_header(std::str::from_utf8(&bytes[..header_end]).ok()?)?;
    let mut parts = BTreeMap::new();
    let mut pos = header_end + 1;
    while pos < bytes.len() {
        let rest = &bytes[pos..];
        let Some(nl) = rest.iter().position(|&b| b == b'\n') else {
            break; // torn final record: no newline yet
        };
        let parsed = std::str::from_utf8(&rest[..nl]).ok().and_then(parse_record);
        match parsed {
            Some((index, rec)) => {
                parts.insert(index, rec);
                pos += nl + 1;
            }
            // A bad line is tolerable only as the very last thing written.
            None if pos + nl + 1 == bytes.len() => break,
            None => return None,
        }
    }
    Some(Parsed { identity, parts, valid_len: pos })
}

fn open_error(path: &Path, e: &std::io::Error) -> Error {
    Error::io(ClientCode::OpenFileError, codes::OPEN_FILE, "cannot write checkpoint", path, e)
}

/// An open journal, appended to as parts complete. Records are buffered
/// and written by `flush`, so a burst of completed parts costs one `write`.
pub struct Journal {
    file: File,
    path: PathBuf,
    pending: String,
    pending_records: usize,
}

/// `flush` is due after this many buffered records even mid-burst, so a
/// crash can lose at most this many records (their parts are fetched again).
pub const MAX_PENDING_RECORDS: usize = 16;

impl Journal {
    /// Starts a new journal: the header goes to `<path>.new`, is synced and
    /// renamed over `path`, so a half-written header is never seen.
    pub fn create(path: &Path, identity: &Identity) -> Result<Self> {
        let mut staging = path.as_os_str().to_owned();
        staging.push(".new");
        let staging = PathBuf::from(staging);
        let result = (|| {
            let mut f = OpenOptions::new().write(true).create(true).truncate(true).open(&staging)?;
            f.write_all(header_line(identity).as_bytes())?;
            f.sync_data()?;
            fs::rename(&staging, path)
        })();
        if let Err(e) = result {
            let _ = fs::remove_file(&staging);
            return Err(open_error(path, &e));
        }
        Self::open_append(path, None)
    }

    /// Reads the journal at `path` if it belongs to `identity`; cuts off a
    /// torn tail so new records follow good ones. `None` if absent or not
    /// trustworthy (the caller then starts clean).
    pub fn resume(path: &Path, identity: &Identity) -> Option<(Self, BTreeMap<u32, PartRecord>)> {
        let bytes = fs::read(path).ok()?;
        let parsed = parse(&bytes)?;
        if parsed.identity != *identity {
            return None;
        }
        let journal = Self::open_append(path, Some(parsed.valid_len as u64)).ok()?;
        Some((journal, parsed.parts))
    }

    fn open_append(path: &Path, truncate_to: Option<u64>) -> Result<Self> {
        let file = OpenOptions::new().append(true).open(path).map_err(|e| open_error(path, &e))?;
        if let Some(len) = truncate_to {
            file.set_len(len).map_err(|e| open_error(path, &e))?;
        }
        Ok(Self { file, path: path.to_path_buf(), pending: String::new(), pending_records: 0 })
    }

    /// Buffers one part record; writes the buffer once it holds
    /// `MAX_PENDING_RECORDS`. Call only after the part's bytes are written.
    pub fn record(&mut self, index: u32, rec: PartRecord) -> Result<()> {
        let body = record_body(index, rec);
        self.pending.push_str(&format!("{body} {:016x}\n", crc64::checksum(body.as_bytes())));
        self.pending_records += 1;
        if self.pending_records >= MAX_PENDING_RECORDS {
            self.flush()?;
        }
        Ok(())
    }

    /// Appends the buffered records in a single write.
    pub fn flush(&mut self) -> Result<()> {
        if self.pending.is_empty() {
            return Ok(());
        }
        let result = self.file.write_all(self.pending.as_bytes());
        self.pending.clear();
        self.pending_records = 0;
        result.map_err(|e| {
            Error::io(ClientCode::FileWriteError, codes::WRITE_FILE, "cannot append to checkpoint", &self.path, &e)
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        j.record(0, PartRecord { len: 10, crc: 5 }).unwrap();
        j.record(1, PartRecord { len: 10, crc: 6 }).unwrap();
        assert_eq!(fs::read(&path).unwrap().len(), header_line(&identity()).len(), "buffered until flush");
        j.flush().unwrap();
        drop(j);
        // Tear the last record, as a crash mid-write would.
        let len = fs::metadata(&path).unwrap().len();
        OpenOptions::new().write(true).open(&path).unwrap().set_len(len - 7).unwrap();
        let (mut j, parts) = Journal::resume(&path, &identity()).unwrap();
        assert_eq!(parts.keys().copied().collect::<Vec<_>>(), [0]);
        j.record(2, PartRecord { len: 10, crc: 7 }).unwrap();
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
