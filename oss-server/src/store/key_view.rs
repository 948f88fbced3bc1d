//! A read-only mirror of the store by key, for shell scripts and C/C++ tests that compare a
//! download with "the server's copy": `ROOT/<bucket>/<key>` is a hard link to the object's
//! data file and `ROOT/.oss-meta/<bucket>/<key>` a text sidecar (`size`, `etag`, `crc64`, ...).
//!
//! The server never reads it. It is best effort: keys that cannot be plain relative paths
//! (a trailing `/`, `.` or `..` segments, empty segments, a segment over 255 bytes) and keys
//! that collide with another key's directories (`a` beside `a/b`) are simply not mirrored.

use std::fs;
use std::path::{Path, PathBuf};

use super::data::TMP_DIR;
use crate::object_meta::ObjectMeta;

const META_DIR: &str = ".oss-meta";
/// Longest file name most file systems accept.
const MAX_SEGMENT_BYTES: usize = 255;

/// Whether `key` maps onto a relative path that stays inside its bucket's directory.
pub fn representable(key: &str) -> bool {
    !key.contains('\0')
        && key.split('/').all(|s| !s.is_empty() && s != "." && s != ".." && s.len() <= MAX_SEGMENT_BYTES)
}

fn paths(root: &Path, bucket: &str, key: &str) -> (PathBuf, PathBuf) {
    (root.join(bucket).join(key), root.join(META_DIR).join(bucket).join(key))
}

pub fn add_bucket(root: &Path, bucket: &str) {
    let _ = fs::create_dir_all(root.join(bucket));
    let _ = fs::create_dir_all(root.join(META_DIR).join(bucket));
}

pub fn remove_bucket(root: &Path, bucket: &str) {
    let _ = fs::remove_dir_all(root.join(bucket));
    let _ = fs::remove_dir_all(root.join(META_DIR).join(bucket));
}

/// Points the mirror of `key` at `data` (after a commit, under the key's lock).
pub fn publish(root: &Path, bucket: &str, key: &str, data: &Path, meta: &ObjectMeta) {
    if !representable(key) {
        return;
    }
    let (link, sidecar) = paths(root, bucket, key);
    let temp = root.join(TMP_DIR).join(format!("view-{}", crate::request_id::unique_name()));
    let linked = fs::create_dir_all(link.parent().unwrap_or(root))
        .and_then(|()| fs::hard_link(data, &temp))
        .and_then(|()| fs::rename(&temp, &link));
    let _ = fs::remove_file(&temp);
    if linked.is_err() {
        // Another key's directory is in the way (or the reverse): leave no stale copy behind.
        withdraw(root, bucket, key);
        return;
    }
    let written = fs::create_dir_all(sidecar.parent().unwrap_or(root))
        .and_then(|()| fs::write(&temp, meta.to_sidecar()))
        .and_then(|()| fs::rename(&temp, &sidecar));
    if written.is_err() {
        let _ = fs::remove_file(&temp);
    }
}

/// Removes the mirror of `key` and the directories it leaves empty.
pub fn withdraw(root: &Path, bucket: &str, key: &str) {
    if !representable(key) {
        return;
    }
    let (link, sidecar) = paths(root, bucket, key);
    for (path, top) in [(link, root.join(bucket)), (sidecar, root.join(META_DIR).join(bucket))] {
        if path.is_file() && fs::remove_file(&path).is_ok() {
            prune_empty_parents(&path, &top);
        }
    }
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
