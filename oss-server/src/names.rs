//! Which bucket names and object keys are acceptable, so that nothing ever escapes the root.
//!
//! A key maps one-to-one onto a relative path (`a/b c.txt` → `a/b c.txt`), so every segment
//! must be a plain file name: no empty segment (leading, trailing or doubled `/`), no `.` or
//! `..`, no NUL. Everything else (spaces, unicode, `%`, `?`, `#`, `+`) is allowed.

use crate::errors::OssError;

/// OSS's own limit on key length, in bytes.
pub const MAX_KEY_BYTES: usize = 1023;
/// Most file systems refuse longer file names.
const MAX_SEGMENT_BYTES: usize = 255;

/// Bucket names as OSS accepts them: 3–63 of `a-z0-9-`, not starting or ending with `-`.
/// Because a name can never start with `-` or `.`, `/-/admin/` and the hidden storage trees
/// can never collide with a bucket.
pub fn is_valid_bucket(name: &str) -> bool {
    let bytes = name.as_bytes();
    (3..=63).contains(&bytes.len())
        && bytes.iter().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || *b == b'-')
        && bytes[0] != b'-'
        && bytes[bytes.len() - 1] != b'-'
}

pub fn check_bucket(name: &str) -> Result<(), OssError> {
    if is_valid_bucket(name) {
        Ok(())
    } else {
        Err(OssError::new(400, "InvalidBucketName", format!("The specified bucket is not valid: {name:?}")))
    }
}

pub fn check_key(key: &str) -> Result<(), OssError> {
    if key.is_empty() {
        return Err(OssError::invalid_object_name("The object key is empty."));
    }
    if key.len() > MAX_KEY_BYTES {
        return Err(OssError::new(400, "KeyTooLong", "The object key is longer than 1023 bytes."));
    }
    if key.contains('\0') {
        return Err(OssError::invalid_object_name("The object key contains a NUL byte."));
    }
    if key.starts_with('/') || key.starts_with('\\') {
        return Err(OssError::invalid_object_name("The object key must not start with a slash."));
    }
    for segment in key.split('/') {
        if segment.is_empty() {
            return Err(OssError::invalid_object_name(
                "This server stores keys as files: empty path segments (a trailing or doubled '/') are not supported.",
            ));
        }
        if segment == "." || segment == ".." {
            return Err(OssError::invalid_object_name("The object key contains a '.' or '..' segment."));
        }
        if segment.len() > MAX_SEGMENT_BYTES {
            return Err(OssError::invalid_object_name("A segment of the object key is longer than 255 bytes."));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buckets() {
        assert!(is_valid_bucket("my-bucket-01"));
        for bad in ["ab", "-ab", "ab-", "Abc", "a_b", ".ab", "a/b", &"a".repeat(64)] {
            assert!(!is_valid_bucket(bad), "{bad}");
        }
    }

    #[test]
    fn keys() {
        for good in ["a", "dir/a b.txt", "€/%?#+", "a..b", ".hidden", "x/.y/z"] {
            assert!(check_key(good).is_ok(), "{good}");
        }
        for bad in ["", "/a", "a//b", "a/", "..", "a/../b", "./a", "a/.", "a\0b", &"k".repeat(1024), &"s".repeat(256)] {
            assert!(check_key(bad).is_err(), "{bad:?}");
        }
    }
}
