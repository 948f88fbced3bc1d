//! Which bucket names and object keys OSS accepts.
//!
//! Keys are never file paths here (the store names data files by id), so any key OSS allows
//! is storable: 1–1023 bytes of UTF-8 not starting with `/` or `\` (the OSS documentation's
//! object naming conventions, help.aliyun.com). Trailing slashes, `.`/`..` segments, doubled
//! slashes and a key `a` beside `a/b` are all ordinary keys.

use crate::errors::OssError;

/// OSS's own limit on key length, in bytes.
pub const MAX_KEY_BYTES: usize = 1023;

/// Bucket names as OSS accepts them: 3–63 of `a-z0-9-`, not starting or ending with `-`.
/// Because a name can never start with `-` or `.`, `/-/admin/` and the store's hidden files
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

/// Whether a key starts like a path OSS refuses (`/` or `\`). Reads of such a key answer 404
/// (no object can have it); writes answer 400 InvalidObjectName.
pub fn has_leading_slash(key: &str) -> bool {
    key.starts_with('/') || key.starts_with('\\')
}

pub fn check_key(key: &str) -> Result<(), OssError> {
    if key.is_empty() {
        return Err(OssError::invalid_object_name("The object key is empty."));
    }
    if key.len() > MAX_KEY_BYTES {
        return Err(OssError::invalid_object_name("The length of the object name must be 1 to 1023 bytes.")
            .with_ec("0016-00000003"));
    }
    if has_leading_slash(key) {
        return Err(OssError::invalid_object_name("The object name must not start with '/' or '\\'."));
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
        let long = "k".repeat(1023);
        for good in ["a", "dir/a b.txt", "€/%?#+", "a..b", ".hidden", "x/.y/z", "a//b", "a/", "..", "a/../b", "./a"] {
            assert!(check_key(good).is_ok(), "{good}");
        }
        assert!(check_key(&long).is_ok());
        for bad in ["", "/a", "\\a", &"k".repeat(1024)] {
            assert!(check_key(bad).is_err(), "{bad:?}");
        }
        assert_eq!(check_key(&"k".repeat(1024)).unwrap_err().ec(), "0016-00000003");
    }
}
