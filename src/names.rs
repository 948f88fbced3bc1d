//! Bucket and object names: the rules OSS applies, checked before anything
//! is sent so that bad input gets the official errors. Both the C layer
//! (arguments as bytes) and `Client` (every request) check here.

use crate::error::{codes, Error, Result};

/// Bucket names: 3–63 of `[a-z0-9-]`, not starting or ending with `-`.
pub fn validate_bucket(bucket: &str) -> Result<()> {
    let ok = (3..=63).contains(&bucket.len())
        && bucket.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !bucket.starts_with('-')
        && !bucket.ends_with('-');
    if ok {
        Ok(())
    } else {
        Err(Error::invalid_argument(codes::BUCKET_NAME_INVALID, format!("invalid bucket name {bucket:?}")))
    }
}

/// Object names: non-empty, at most 1023 bytes; with `strict` (the official
/// `verify_object_strict` default) a name may not start with `?`, which
/// OSS's V1 signing cannot tell from a query.
pub fn validate_object(key: &str, strict: bool) -> Result<()> {
    let why = if key.is_empty() {
        "the object name is empty"
    } else if key.len() > 1023 {
        "the object name is longer than 1023 bytes"
    } else if strict && key.starts_with('?') {
        "the object name starts with '?'"
    } else {
        return Ok(());
    };
    Err(Error::invalid_argument(codes::OBJECT_NAME_INVALID, why))
}

/// Checks a bucket and an object name, the bucket first.
pub fn check(bucket: &str, key: &str, strict: bool) -> Result<()> {
    validate_bucket(bucket)?;
    validate_object(key, strict)
}

/// Bucket and object names as the C caller passes them (bytes): each must
/// be UTF-8 (OSS names are) and valid; the bucket is checked entirely
/// before the key. `?`-leading keys are left to the request (`strict`
/// depends on the configuration).
pub fn from_bytes(bucket: &[u8], key: &[u8]) -> Result<(String, String)> {
    let bucket = utf8(bucket, codes::BUCKET_NAME_INVALID, "bucket")?;
    validate_bucket(&bucket)?;
    let key = utf8(key, codes::OBJECT_NAME_INVALID, "object")?;
    validate_object(&key, false)?;
    Ok((bucket, key))
}

/// A bucket name as the C caller passes it (bytes): UTF-8 and valid.
pub fn bucket_from_bytes(bucket: &[u8]) -> Result<String> {
    let bucket = utf8(bucket, codes::BUCKET_NAME_INVALID, "bucket")?;
    validate_bucket(&bucket)?;
    Ok(bucket)
}

fn utf8(raw: &[u8], error_code: &'static str, what: &str) -> Result<String> {
    String::from_utf8(raw.to_vec())
        .map_err(|_| Error::invalid_argument(error_code, format!("the {what} name is not valid UTF-8")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bucket_names() {
        for good in ["abc", "a-b-c", "0123456789", &"a".repeat(63)] {
            assert!(validate_bucket(good).is_ok(), "{good}");
        }
        for bad in ["ab", "-abc", "abc-", "ABC", "a_b", "a.b", &"a".repeat(64), ""] {
            let e = validate_bucket(bad).unwrap_err();
            assert_eq!((e.code(), e.error_code()), (-994, "BucketNameInvalidError"), "{bad}");
        }
    }

    #[test]
    fn object_names() {
        assert!(validate_object("a", true).is_ok());
        assert!(validate_object("?a", false).is_ok());
        for (bad, strict) in [("", false), ("?a", true), (&"k".repeat(1024) as &str, false)] {
            assert_eq!(validate_object(bad, strict).unwrap_err().error_code(), "ObjectNameInvalidError");
        }
    }

    #[test]
    fn names_from_bytes_check_the_bucket_first() {
        assert_eq!(from_bytes(b"bkt", b"k").unwrap(), ("bkt".to_string(), "k".to_string()));
        assert_eq!(from_bytes(b"B", b"\xff").unwrap_err().error_code(), "BucketNameInvalidError");
        assert_eq!(from_bytes(b"\xff", b"k").unwrap_err().error_code(), "BucketNameInvalidError");
        assert_eq!(from_bytes(b"bkt", b"\xff").unwrap_err().error_code(), "ObjectNameInvalidError");
        assert!(from_bytes(b"bkt", b"?k").is_ok());
    }
}
