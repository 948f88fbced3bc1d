//! The store on real files in a temp directory: keys that are not paths, refused writes that
//! leave nothing, restarts, crash leftovers, and readers racing writers.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use super::*;
use crate::object_meta::ObjectMeta;
use md5::Digest;

struct Root(PathBuf);

impl Root {
    fn new(name: &str) -> Root {
        let dir = std::env::temp_dir().join(format!("oss-server-store-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        Root(dir)
    }
}

impl Drop for Root {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn put(store: &Store, key: &str, data: &[u8]) -> ObjectRecord {
    store.put_object("bkt", key, &mut &data[..], &PutOptions::default()).unwrap()
}

fn read(store: &Store, key: &str) -> Vec<u8> {
    let (file, record) = store.open_object("bkt", key).unwrap();
    let mut out = Vec::new();
    file.take(record.size).read_to_end(&mut out).unwrap();
    out
}

fn data_files(root: &Path) -> usize {
    let mut n = 0;
    for fan in std::fs::read_dir(root.join(data::DATA_DIR)).unwrap() {
        n += std::fs::read_dir(fan.unwrap().path()).unwrap().count();
    }
    n
}

fn keys(store: &Store, prefix: &str) -> Vec<String> {
    store.scan("bkt", prefix, Scan::After(b""), 1000).unwrap().into_iter().map(|r| r.key).collect()
}

#[test]
fn any_valid_key_is_stored_and_listed_in_byte_order() {
    let root = Root::new("keys");
    let store = Store::open_and_recover(&root.0).unwrap();
    store.ensure_bucket("bkt").unwrap();
    let all = ["a", "a/b", "dir/", "dir/./x", "../up", "a//b", "é", "Z", "in\\ner"];
    for key in all {
        put(&store, key, key.as_bytes());
    }
    for key in all {
        assert_eq!(read(&store, key), key.as_bytes(), "{key}");
    }
    let mut sorted: Vec<&str> = all.to_vec();
    sorted.sort_by(|a, b| a.as_bytes().cmp(b.as_bytes()));
    assert_eq!(keys(&store, ""), sorted);
    assert_eq!(keys(&store, "a"), vec!["a", "a//b", "a/b"]);
    let record = put(&store, "hello", b"hello world");
    assert_eq!(record.etag, "\"5EB63BBBE01EEED093CB22BB8F5ACDC3\"");
    let check = put(&store, "check", b"123456789");
    assert_eq!(check.crc64, 0x995D_C9BB_DF19_39FA, "the CRC-64/XZ check value");
    // The by-key mirror holds representable keys only, and never outside the bucket.
    assert_eq!(std::fs::read(root.0.join("bkt/hello")).unwrap(), b"hello world");
    assert!(!root.0.join("up").exists());
    put(&store, "hello", b"replaced");
    assert_eq!(std::fs::read(root.0.join("bkt/hello")).unwrap(), b"replaced", "the mirror follows");
    let sidecar = std::fs::read_to_string(root.0.join(".oss-meta/bkt/hello")).unwrap();
    assert!(
        sidecar.contains("size 8\n")
            && sidecar.contains(&format!("crc64 {}\n", store.object_meta("bkt", "hello").unwrap().crc64))
    );
    store.delete_object("bkt", "hello").unwrap();
    assert!(!root.0.join("bkt/hello").exists() && !root.0.join(".oss-meta/bkt/hello").exists());
    assert!(store.delete_object("bkt", "a").unwrap());
    assert!(!store.delete_object("bkt", "a").unwrap(), "deleting again succeeds, finding nothing");
    assert_eq!(read(&store, "a/b"), b"a/b");
    assert_eq!(store.open_object("bkt", "a").unwrap_err().code, "NoSuchKey");
    assert_eq!(store.open_object("nobucket", "x").unwrap_err().code, "NoSuchBucket");
}

#[test]
fn refused_writes_leave_nothing() {
    let root = Root::new("refused");
    let store = Store::open_and_recover(&root.0).unwrap();
    store.ensure_bucket("bkt").unwrap();
    put(&store, "kept", b"old");
    let files = data_files(&root.0);
    let wrong_md5 = PutOptions { content_md5: Some([0; 16]), ..PutOptions::default() };
    let err = store.put_object("bkt", "k", &mut &b"data"[..], &wrong_md5).unwrap_err();
    assert_eq!(err.code, "BadDigest");
    let forbid = PutOptions { forbid_overwrite: true, ..PutOptions::default() };
    assert_eq!(store.put_object("bkt", "kept", &mut &b"new"[..], &forbid).unwrap_err().code, "FileAlreadyExists");
    let mut short = std::io::Read::chain(&b"par"[..], FailingReader);
    assert_eq!(store.put_object("bkt", "k", &mut short, &PutOptions::default()).unwrap_err().code, "IncompleteBody");
    assert_eq!(store.object("bkt", "k").unwrap(), None);
    assert_eq!(read(&store, "kept"), b"old");
    assert_eq!(data_files(&root.0), files, "no data file left behind");
    assert_eq!(std::fs::read_dir(root.0.join(data::TMP_DIR)).unwrap().count(), 0, "no temp file left behind");
}

struct FailingReader;

impl Read for FailingReader {
    fn read(&mut self, _: &mut [u8]) -> std::io::Result<usize> {
        Err(std::io::ErrorKind::ConnectionReset.into())
    }
}

#[test]
fn everything_survives_a_restart_and_crash_leftovers_are_swept() {
    let root = Root::new("restart");
    {
        let store = Store::open_and_recover(&root.0).unwrap();
        store.ensure_bucket("bkt").unwrap();
        put(&store, "dir/", b"");
        put(&store, "k", b"content");
        // A crash after the rename but before the metadata commit: bytes no row names ...
        let staged = store.data().stage(&mut &b"orphan"[..], Durability::Synced).unwrap();
        staged.publish().unwrap();
        // ... and a crash mid-upload: a temp file.
        std::fs::write(root.0.join(data::TMP_DIR).join("x.tmp"), b"partial").unwrap();
        assert_eq!(data_files(&root.0), 3);
    }
    {
        // Another process (an offline writer) using the root: a starting server does not sweep.
        let _writer = Store::open(&root.0).unwrap();
        let _server = Store::open_and_recover(&root.0).unwrap();
        assert_eq!(data_files(&root.0), 3);
    }
    let store = Store::open_and_recover(&root.0).unwrap();
    assert_eq!(data_files(&root.0), 2, "the orphan is gone");
    assert_eq!(std::fs::read_dir(root.0.join(data::TMP_DIR)).unwrap().count(), 0);
    assert_eq!(read(&store, "k"), b"content");
    assert_eq!(keys(&store, ""), vec!["dir/", "k"]);
    assert!(store.bucket("bkt").unwrap().is_some());
}

#[test]
fn readers_racing_writers_see_one_whole_object() {
    let root = Root::new("race");
    let store = Arc::new(Store::open_and_recover(&root.0).unwrap());
    store.ensure_bucket("bkt").unwrap();
    put(&store, "k", &[b'a'; 1000]);
    let stop = Arc::new(AtomicBool::new(false));
    let writer = {
        let (store, stop) = (store.clone(), stop.clone());
        std::thread::spawn(move || {
            for i in 0..200usize {
                let fill = if i % 2 == 0 { b'b' } else { b'a' };
                put(&store, "k", &vec![fill; 1000 + i * 37]);
            }
            stop.store(true, Ordering::SeqCst);
        })
    };
    let mut reads = 0;
    while !stop.load(Ordering::SeqCst) && reads < 100_000 {
        let (file, record) = store.open_object("bkt", "k").unwrap();
        let mut bytes = Vec::new();
        file.take(record.size).read_to_end(&mut bytes).unwrap();
        assert_eq!(bytes.len() as u64, record.size);
        assert!(bytes.iter().all(|b| *b == bytes[0]), "a mix of two versions");
        assert_eq!(record.etag, ObjectMeta::etag_from_md5(&md5::Md5::digest(&bytes)));
        reads += 1;
    }
    writer.join().unwrap();
    assert!(reads > 0);
    assert_eq!(data_files(&root.0), 1, "replaced data files are removed");
}
