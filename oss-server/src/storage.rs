//! Objects on disk: data at `ROOT/bucket/key`, metadata sidecars at `ROOT/.oss-meta/bucket/key`
//! (the same relative path in a tree no key can reach, since bucket names never start with
//! `.`), uploads staged in `ROOT/.oss-tmp/` and renamed into place.
//!
//! A per-object lock (striped) makes "open data + read metadata" atomic against "rename data +
//! write metadata": a GET racing a PUT sees either the old object or the new one, never a
//! mix. The opened file descriptor stays valid after a rename, so the lock is held only for
//! the open, not for the transfer.

use std::collections::hash_map::DefaultHasher;
use std::fs::{self, File};
use std::hash::{Hash, Hasher};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{RwLock, RwLockReadGuard, RwLockWriteGuard};
use std::time::{SystemTime, UNIX_EPOCH};

use md5::{Digest, Md5};

use crate::errors::OssError;
use crate::names::{check_bucket, check_key};
use crate::object_meta::{ObjectMeta, DEFAULT_CONTENT_TYPE};

const META_DIR: &str = ".oss-meta";
const TMP_DIR: &str = ".oss-tmp";
const LOCK_STRIPES: usize = 64;
const COPY_BUFFER: usize = 256 * 1024;

pub struct Storage {
    root: PathBuf,
    locks: Vec<RwLock<()>>,
    temp_sequence: AtomicU64,
}

/// What a PUT says about the object besides its bytes.
#[derive(Debug, Default, Clone)]
pub struct PutOptions {
    pub content_type: Option<String>,
    pub user_meta: Vec<(String, String)>,
    /// The decoded `Content-MD5`, checked against the received bytes.
    pub content_md5: Option<[u8; 16]>,
    /// `x-oss-forbid-overwrite: true`: refuse to replace an existing object.
    pub forbid_overwrite: bool,
}

impl Storage {
    pub fn open(root: &Path) -> io::Result<Storage> {
        fs::create_dir_all(root.join(META_DIR))?;
        fs::create_dir_all(root.join(TMP_DIR))?;
        Ok(Storage {
            root: root.to_path_buf(),
            locks: (0..LOCK_STRIPES).map(|_| RwLock::new(())).collect(),
            temp_sequence: AtomicU64::new(0),
        })
    }

    /// Removes leftovers of uploads interrupted by a crash (a starting server does this; the
    /// offline `put-object` command does not, as a server may be using the same root).
    pub fn clean_temp(&self) -> io::Result<()> {
        let tmp = self.root.join(TMP_DIR);
        let _ = fs::remove_dir_all(&tmp);
        fs::create_dir_all(&tmp)
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    fn bucket_dir(&self, bucket: &str) -> PathBuf {
        self.root.join(bucket)
    }

    fn data_path(&self, bucket: &str, key: &str) -> PathBuf {
        self.root.join(bucket).join(key)
    }

    fn meta_path(&self, bucket: &str, key: &str) -> PathBuf {
        self.root.join(META_DIR).join(bucket).join(key)
    }

    fn temp_path(&self) -> PathBuf {
        let n = self.temp_sequence.fetch_add(1, Ordering::Relaxed);
        self.root.join(TMP_DIR).join(format!("{}-{n}", std::process::id()))
    }

    fn stripe(&self, bucket: &str, key: &str) -> &RwLock<()> {
        let mut h = DefaultHasher::new();
        (bucket, key).hash(&mut h);
        &self.locks[(h.finish() % LOCK_STRIPES as u64) as usize]
    }

    fn read_lock(&self, bucket: &str, key: &str) -> RwLockReadGuard<'_, ()> {
        self.stripe(bucket, key).read().unwrap_or_else(|e| e.into_inner())
    }

    fn write_lock(&self, bucket: &str, key: &str) -> RwLockWriteGuard<'_, ()> {
        self.stripe(bucket, key).write().unwrap_or_else(|e| e.into_inner())
    }

    pub fn bucket_exists(&self, bucket: &str) -> bool {
        crate::names::is_valid_bucket(bucket) && self.bucket_dir(bucket).is_dir()
    }

    fn require_bucket(&self, bucket: &str) -> Result<(), OssError> {
        check_bucket(bucket)?;
        if self.bucket_dir(bucket).is_dir() {
            Ok(())
        } else {
            Err(OssError::no_such_bucket())
        }
    }

    /// PutBucket: creating an existing bucket succeeds, as it does for its owner on OSS.
    pub fn create_bucket(&self, bucket: &str) -> Result<(), OssError> {
        check_bucket(bucket)?;
        fs::create_dir_all(self.bucket_dir(bucket)).map_err(io_error)?;
        fs::create_dir_all(self.root.join(META_DIR).join(bucket)).map_err(io_error)
    }

    pub fn list_buckets(&self) -> Result<Vec<String>, OssError> {
        let mut names = Vec::new();
        for entry in fs::read_dir(&self.root).map_err(io_error)? {
            let entry = entry.map_err(io_error)?;
            if let Some(name) = entry.file_name().to_str() {
                if crate::names::is_valid_bucket(name) && entry.path().is_dir() {
                    names.push(name.to_string());
                }
            }
        }
        names.sort();
        Ok(names)
    }

    /// Opens an object for reading: the file and its matching metadata.
    pub fn open_object(&self, bucket: &str, key: &str) -> Result<(File, ObjectMeta), OssError> {
        self.require_bucket(bucket)?;
        check_key(key)?;
        let _guard = self.read_lock(bucket, key);
        let file = open_data_file(&self.data_path(bucket, key))?;
        let meta = self.current_meta(bucket, key, &file)?;
        Ok((file, meta))
    }

    pub fn object_meta(&self, bucket: &str, key: &str) -> Result<ObjectMeta, OssError> {
        self.open_object(bucket, key).map(|(_, meta)| meta)
    }

    /// The sidecar's metadata, or metadata computed from the data when the sidecar is missing
    /// or does not describe this file (a file dropped into the root by hand).
    fn current_meta(&self, bucket: &str, key: &str, file: &File) -> Result<ObjectMeta, OssError> {
        let len = file.metadata().map_err(io_error)?.len();
        let meta_path = self.meta_path(bucket, key);
        if let Ok(text) = fs::read_to_string(&meta_path) {
            if let Some(meta) = ObjectMeta::from_sidecar(&text) {
                if meta.size == len {
                    return Ok(meta);
                }
            }
        }
        let mut reader = file;
        let modified = file.metadata().and_then(|m| m.modified()).unwrap_or_else(|_| SystemTime::now());
        let (size, md5, crc64) = digest_copy(&mut reader, &mut io::sink()).map_err(io_error)?;
        let meta = ObjectMeta {
            size,
            etag: ObjectMeta::etag_from_md5(&md5),
            crc64,
            last_modified: unix_seconds(modified),
            content_type: DEFAULT_CONTENT_TYPE.to_string(),
            user_meta: Vec::new(),
        };
        // Best effort: another reader may be writing the same sidecar; both write the same text.
        let _ = self.write_sidecar(&meta_path, &meta);
        Ok(meta)
    }

    fn write_sidecar(&self, meta_path: &Path, meta: &ObjectMeta) -> io::Result<()> {
        let temp = self.temp_path();
        fs::write(&temp, meta.to_sidecar())?;
        if let Some(parent) = meta_path.parent() {
            fs::create_dir_all(parent)?;
        }
        fs::rename(&temp, meta_path).inspect_err(|_| {
            let _ = fs::remove_file(&temp);
        })
    }

    /// PutObject: streams `body` to a temporary file while hashing it, checks Content-MD5, then
    /// renames data and metadata into place under the object's lock.
    pub fn put_object(
        &self,
        bucket: &str,
        key: &str,
        body: &mut dyn Read,
        options: &PutOptions,
    ) -> Result<ObjectMeta, OssError> {
        self.require_bucket(bucket)?;
        check_key(key)?;
        let temp = self.temp_path();
        let result = self.put_from_temp(bucket, key, body, options, &temp);
        let _ = fs::remove_file(&temp);
        result
    }

    fn put_from_temp(
        &self,
        bucket: &str,
        key: &str,
        body: &mut dyn Read,
        options: &PutOptions,
        temp: &Path,
    ) -> Result<ObjectMeta, OssError> {
        let mut file = File::create(temp).map_err(io_error)?;
        let (size, md5, crc64) = digest_copy(body, &mut file).map_err(|e| {
            OssError::new(400, "IncompleteBody", format!("The request body could not be read completely: {e}"))
        })?;
        if let Some(expected) = options.content_md5 {
            if expected != md5 {
                return Err(OssError::new(
                    400,
                    "BadDigest",
                    "The Content-MD5 you specified did not match what was received.",
                ));
            }
        }
        drop(file);
        let meta = ObjectMeta {
            size,
            etag: ObjectMeta::etag_from_md5(&md5),
            crc64,
            last_modified: unix_seconds(SystemTime::now()),
            content_type: options.content_type.clone().unwrap_or_else(|| DEFAULT_CONTENT_TYPE.to_string()),
            user_meta: options.user_meta.clone(),
        };
        let data_path = self.data_path(bucket, key);
        let meta_path = self.meta_path(bucket, key);
        let _guard = self.write_lock(bucket, key);
        if options.forbid_overwrite && data_path.is_file() {
            return Err(OssError::new(
                409,
                "FileAlreadyExists",
                "The object you specified already exists and can not be overwritten.",
            ));
        }
        if data_path.is_dir() {
            return Err(key_conflict(key));
        }
        // A concurrent delete may prune the freshly made parent directory: retry a few times.
        let mut attempts = 0;
        loop {
            attempts += 1;
            if let Some(parent) = data_path.parent() {
                fs::create_dir_all(parent).map_err(|e| conflict_or_io(key, e))?;
            }
            match fs::rename(temp, &data_path) {
                Ok(()) => break,
                Err(e) if e.kind() == io::ErrorKind::NotFound && attempts < 5 => continue,
                Err(e) => return Err(conflict_or_io(key, e)),
            }
        }
        self.write_sidecar(&meta_path, &meta).map_err(|e| conflict_or_io(key, e))?;
        Ok(meta)
    }

    /// DeleteObject: deleting a missing object succeeds, as on OSS. Empty parent directories are
    /// pruned so that `a/b` can later be replaced by a plain `a`.
    pub fn delete_object(&self, bucket: &str, key: &str) -> Result<(), OssError> {
        self.require_bucket(bucket)?;
        check_key(key)?;
        let _guard = self.write_lock(bucket, key);
        let data_path = self.data_path(bucket, key);
        if data_path.is_dir() {
            return Ok(());
        }
        match fs::remove_file(&data_path) {
            Ok(()) => {}
            Err(e) if e.kind() == io::ErrorKind::NotFound || e.raw_os_error() == Some(libc::ENOTDIR) => return Ok(()),
            Err(e) => return Err(io_error(e)),
        }
        let _ = fs::remove_file(self.meta_path(bucket, key));
        prune_empty_parents(&data_path, &self.bucket_dir(bucket));
        prune_empty_parents(&self.meta_path(bucket, key), &self.root.join(META_DIR).join(bucket));
        Ok(())
    }

    /// Every key of a bucket with its metadata, sorted by key bytes (OSS's listing order).
    pub fn list_objects(&self, bucket: &str, prefix: &str) -> Result<Vec<(String, ObjectMeta)>, OssError> {
        self.require_bucket(bucket)?;
        let mut keys = Vec::new();
        collect_keys(&self.bucket_dir(bucket), "", &mut keys).map_err(io_error)?;
        keys.retain(|k| k.starts_with(prefix));
        keys.sort();
        let mut out = Vec::with_capacity(keys.len());
        for key in keys {
            // An object deleted while listing simply drops out.
            if let Ok(meta) = self.object_meta(bucket, &key) {
                out.push((key, meta));
            }
        }
        Ok(out)
    }
}

fn open_data_file(path: &Path) -> Result<File, OssError> {
    match File::open(path) {
        Ok(file) => {
            if file.metadata().map_err(io_error)?.is_dir() {
                Err(OssError::no_such_key())
            } else {
                Ok(file)
            }
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound || e.raw_os_error() == Some(libc::ENOTDIR) => {
            Err(OssError::no_such_key())
        }
        Err(e) => Err(io_error(e)),
    }
}

fn collect_keys(dir: &Path, prefix: &str, keys: &mut Vec<String>) -> io::Result<()> {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(e),
    };
    for entry in entries {
        let entry = entry?;
        // Names that are not UTF-8 cannot be keys (we never write them).
        let Some(name) = entry.file_name().to_str().map(str::to_string) else {
            continue;
        };
        let key = format!("{prefix}{name}");
        let file_type = entry.file_type()?;
        if file_type.is_dir() {
            collect_keys(&entry.path(), &format!("{key}/"), keys)?;
        } else if file_type.is_file() {
            keys.push(key);
        }
    }
    Ok(())
}

fn prune_empty_parents(path: &Path, stop: &Path) {
    let mut dir = path.parent();
    while let Some(d) = dir {
        if d == stop || !d.starts_with(stop) || fs::remove_dir(d).is_err() {
            break;
        }
        dir = d.parent();
    }
}

/// Copies `from` into `to`, returning the length, MD5 and CRC-64/XZ of what was copied.
pub fn digest_copy(from: &mut dyn Read, to: &mut dyn Write) -> io::Result<(u64, [u8; 16], u64)> {
    let mut buffer = vec![0u8; COPY_BUFFER];
    let mut md5 = Md5::new();
    let mut crc = crc64fast::Digest::new();
    let mut size = 0u64;
    loop {
        let n = match from.read(&mut buffer) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        md5.update(&buffer[..n]);
        crc.write(&buffer[..n]);
        to.write_all(&buffer[..n])?;
        size += n as u64;
    }
    Ok((size, md5.finalize().into(), crc.sum64()))
}

fn unix_seconds(t: SystemTime) -> u64 {
    t.duration_since(UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0)
}

fn key_conflict(key: &str) -> OssError {
    OssError::new(
        409,
        "KeyConflict",
        format!("This server stores objects as files: {key:?} conflicts with an existing object or \"directory\" prefix (like a and a/b)."),
    )
}

fn conflict_or_io(key: &str, e: io::Error) -> OssError {
    match e.raw_os_error() {
        Some(libc::ENOTDIR) | Some(libc::EEXIST) | Some(libc::EISDIR) | Some(libc::ENOTEMPTY) => key_conflict(key),
        _ => io_error(e),
    }
}

fn io_error(e: io::Error) -> OssError {
    OssError::internal(format!("storage error: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_root(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("oss-server-storage-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        dir
    }

    #[test]
    fn put_get_list_delete() {
        let root = temp_root("basic");
        let storage = Storage::open(&root).unwrap();
        storage.create_bucket("bkt").unwrap();
        let meta =
            storage.put_object("bkt", "dir/hello world.txt", &mut &b"hello world"[..], &PutOptions::default()).unwrap();
        assert_eq!(meta.etag, "\"5EB63BBBE01EEED093CB22BB8F5ACDC3\"");
        let mut crc = crc64fast::Digest::new();
        crc.write(b"hello world");
        assert_eq!(meta.crc64, crc.sum64());
        assert_eq!(fs::read(root.join("bkt/dir/hello world.txt")).unwrap(), b"hello world");
        let (mut file, again) = storage.open_object("bkt", "dir/hello world.txt").unwrap();
        assert_eq!(again, meta);
        let mut text = String::new();
        file.read_to_string(&mut text).unwrap();
        assert_eq!(text, "hello world");
        assert_eq!(storage.list_objects("bkt", "").unwrap().len(), 1);
        // `dir` is a prefix, so a plain `dir` object conflicts.
        let err = storage.put_object("bkt", "dir", &mut &b"x"[..], &PutOptions::default()).unwrap_err();
        assert_eq!(err.code, "KeyConflict");
        storage.delete_object("bkt", "dir/hello world.txt").unwrap();
        assert_eq!(storage.open_object("bkt", "dir/hello world.txt").unwrap_err().code, "NoSuchKey");
        storage.put_object("bkt", "dir", &mut &b"x"[..], &PutOptions::default()).unwrap();
        assert_eq!(storage.open_object("nobucket", "x").unwrap_err().code, "NoSuchBucket");
        fs::remove_dir_all(&root).unwrap();
    }

    #[test]
    fn bad_digest_leaves_nothing() {
        let root = temp_root("digest");
        let storage = Storage::open(&root).unwrap();
        storage.create_bucket("bkt").unwrap();
        let options = PutOptions { content_md5: Some([0; 16]), ..PutOptions::default() };
        assert_eq!(storage.put_object("bkt", "k", &mut &b"data"[..], &options).unwrap_err().code, "BadDigest");
        assert_eq!(storage.open_object("bkt", "k").unwrap_err().code, "NoSuchKey");
        assert_eq!(fs::read_dir(root.join(TMP_DIR)).unwrap().count(), 0);
        fs::remove_dir_all(&root).unwrap();
    }

    #[test]
    fn files_dropped_in_by_hand_get_metadata() {
        let root = temp_root("byhand");
        let storage = Storage::open(&root).unwrap();
        storage.create_bucket("bkt").unwrap();
        fs::write(root.join("bkt/manual"), b"hello world").unwrap();
        let meta = storage.object_meta("bkt", "manual").unwrap();
        assert_eq!(meta.etag, "\"5EB63BBBE01EEED093CB22BB8F5ACDC3\"");
        assert!(root.join(META_DIR).join("bkt/manual").is_file());
        fs::remove_dir_all(&root).unwrap();
    }
}
