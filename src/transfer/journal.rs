//! The checkpoint journal both engines keep: a file that survives a crash at any instant.
//!
//! Layout (text, one record per line):
//! ```text
//! <MAGIC> <identity JSON> <crc64 of the JSON, 16 hex>\n
//! P <index> <fields…> <crc64 of "P <index> <fields…>", 16 hex>\n
//! ...
//! ```
//! The header is written once, to a temp file renamed into place, so a journal either has a whole
//! header or does not exist. Each part record is one appended `write` with its own checksum, so
//! I/O is linear in the number of parts: nothing is ever rewritten.
//!
//! Reading trusts nothing: a header that does not parse or check, or whose identity differs from
//! this transfer's, discards the journal. A torn final record (a crash mid-append) is dropped and
//! cut off; a bad record anywhere else discards the journal. What a record holds, and what the
//! identity is, each engine says through [`Kind`] (download: length and CRC of a part written;
//! upload: length, CRC and ETag of a part the server stored).

use crate::crc64;
use crate::error::{codes, ClientCode, Error, Result};
use serde::{de::DeserializeOwned, Serialize};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::fs::{self, File, OpenOptions};
use std::io::Write;
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};

/// One engine's journal: its magic, identity and part record.
pub trait Kind {
    /// First word of the header; differs between engines, so one never reads the other's.
    const MAGIC: &'static str;
    type Identity: Serialize + DeserializeOwned + PartialEq;
    type Record;
    /// The record's fields after `P <index>`, space-separated, without spaces inside.
    fn fields(record: &Self::Record) -> String;
    /// The record from those fields (all of them: trailing ones are an error).
    fn parse_fields(fields: &mut std::str::Split<'_, char>) -> Option<Self::Record>;
}

/// A 16-hex-digit field.
pub fn hex_u64(field: Option<&str>) -> Option<u64> {
    field.filter(|c| c.len() == 16).and_then(|c| u64::from_str_radix(c, 16).ok())
}

/// A path as an identity holds it: the hex of its bytes (paths need not be UTF-8).
pub fn hex_path(path: &Path) -> String {
    path.as_os_str().as_bytes().iter().map(|b| format!("{b:02x}")).collect()
}

/// The result of reading a journal's bytes.
#[derive(Debug, PartialEq, Eq)]
pub struct Parsed<I, R> {
    pub identity: I,
    pub parts: BTreeMap<u32, R>,
    /// Bytes up to the end of the last good record; anything after is torn.
    pub valid_len: usize,
}

/// What a journal of kind `K` reads as.
pub type ParsedOf<K> = Parsed<<K as Kind>::Identity, <K as Kind>::Record>;

/// A line carrying its own checksum.
fn sealed(body: &str) -> String {
    format!("{body} {:016x}\n", crc64::checksum(body.as_bytes()))
}

/// The body of a sealed line (without its newline), if its checksum holds.
fn unsealed(line: &str) -> Option<&str> {
    let (body, sum) = line.rsplit_once(' ')?;
    (hex_u64(Some(sum))? == crc64::checksum(body.as_bytes())).then_some(body)
}

pub fn header_line<K: Kind>(identity: &K::Identity) -> String {
    let json = serde_json::to_string(identity).expect("identity serialises");
    sealed(&format!("{} {json}", K::MAGIC))
}

pub fn record_line<K: Kind>(index: u32, record: &K::Record) -> String {
    sealed(&format!("P {index} {}", K::fields(record)))
}

fn parse_header<K: Kind>(line: &str) -> Option<K::Identity> {
    let json = unsealed(line)?.strip_prefix(K::MAGIC)?.strip_prefix(' ')?;
    serde_json::from_str(json).ok()
}

fn parse_record<K: Kind>(line: &str) -> Option<(u32, K::Record)> {
    let mut fields = unsealed(line)?.split(' ');
    if fields.next()? != "P" {
        return None;
    }
    let index = fields.next()?.parse().ok()?;
    let record = K::parse_fields(&mut fields)?;
    fields.next().is_none().then_some((index, record))
}

/// Parses journal bytes; `None` when nothing in them can be trusted.
pub fn parse<K: Kind>(bytes: &[u8]) -> Option<ParsedOf<K>> {
    let header_end = bytes.iter().position(|&b| b == b'\n')?;
    let identity = parse_header::<K>(std::str::from_utf8(&bytes[..header_end]).ok()?)?;
    let mut parts = BTreeMap::new();
    let mut pos = header_end + 1;
    while pos < bytes.len() {
        let rest = &bytes[pos..];
        let Some(nl) = rest.iter().position(|&b| b == b'\n') else {
            break; // torn final record: no newline yet
        };
        match std::str::from_utf8(&rest[..nl]).ok().and_then(parse_record::<K>) {
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

/// The journal's path. `requested` names the file itself, or a directory (it exists, or ends in
/// `/`): then the file inside it is `<prefix>-<digest><suffix>`, the digest a SHA-256 of `source`
/// (endpoint, bucket, key, version) and the absolute `local` path, so two transfers sharing a
/// directory never collide and the same transfer finds its journal again. A directory that ends
/// in `/` but does not exist is an error, never a file of that name.
pub fn locate(requested: &Path, source: &str, local: &Path, prefix: &str, suffix: &str) -> Result<PathBuf> {
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
    let local = std::path::absolute(local).unwrap_or_else(|_| local.to_path_buf());
    let mut hash = Sha256::new();
    hash.update(source.as_bytes());
    hash.update(b"\n");
    hash.update(local.as_os_str().as_bytes());
    let digest: String = hash.finalize()[..16].iter().map(|b| format!("{b:02x}")).collect();
    Ok(requested.join(format!("{prefix}-{digest}{suffix}")))
}

fn open_error(path: &Path, e: &std::io::Error) -> Error {
    Error::io(ClientCode::OpenFileError, codes::OPEN_FILE, "cannot write checkpoint", path, e)
}

/// An open journal, appended to as parts complete. Records are buffered and written by `flush`,
/// so a burst of completed parts costs one `write`.
pub struct Journal<K: Kind> {
    file: File,
    path: PathBuf,
    pending: String,
    pending_records: usize,
    kind: std::marker::PhantomData<K>,
}

/// `flush` is due after this many buffered records even mid-burst, so a crash can lose at most
/// this many records (their parts are transferred again).
pub const MAX_PENDING_RECORDS: usize = 16;

impl<K: Kind> Journal<K> {
    /// Starts a new journal: the header goes to `<path>.new`, is synced and renamed over `path`,
    /// so a half-written header is never seen.
    pub fn create(path: &Path, identity: &K::Identity) -> Result<Self> {
        let staging = crate::transfer::finish::suffixed(path, ".new");
        let result = (|| {
            let mut f = OpenOptions::new().write(true).create(true).truncate(true).open(&staging)?;
            f.write_all(header_line::<K>(identity).as_bytes())?;
            f.sync_data()?;
            fs::rename(&staging, path)
        })();
        if let Err(e) = result {
            let _ = fs::remove_file(&staging);
            return Err(open_error(path, &e));
        }
        Self::open_append(path, None)
    }

    /// Reads the journal at `path` if it belongs to `identity`; cuts off a torn tail so new
    /// records follow good ones. `None` if absent or not trustworthy (the caller starts clean).
    pub fn resume(path: &Path, identity: &K::Identity) -> Option<(Self, BTreeMap<u32, K::Record>)> {
        let (journal, parsed) = Self::reopen(path)?;
        (parsed.identity == *identity).then_some((journal, parsed.parts))
    }

    /// Reads whatever trustworthy journal is at `path`, with its identity (the upload engine
    /// needs the old upload id to abort it when the identity no longer matches).
    pub fn reopen(path: &Path) -> Option<(Self, ParsedOf<K>)> {
        let bytes = fs::read(path).ok()?;
        let parsed = parse::<K>(&bytes)?;
        let journal = Self::open_append(path, Some(parsed.valid_len as u64)).ok()?;
        Some((journal, parsed))
    }

    fn open_append(path: &Path, truncate_to: Option<u64>) -> Result<Self> {
        let file = OpenOptions::new().append(true).open(path).map_err(|e| open_error(path, &e))?;
        if let Some(len) = truncate_to {
            file.set_len(len).map_err(|e| open_error(path, &e))?;
        }
        let kind = std::marker::PhantomData;
        Ok(Self { file, path: path.to_path_buf(), pending: String::new(), pending_records: 0, kind })
    }

    /// Buffers one part record; writes the buffer once it holds `MAX_PENDING_RECORDS`. Call only
    /// once the part is safe (written to disk, or stored by the server).
    pub fn record(&mut self, index: u32, rec: &K::Record) -> Result<()> {
        self.pending.push_str(&record_line::<K>(index, rec));
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
