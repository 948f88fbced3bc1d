//! From request target and Host to what is addressed: the service, a bucket, an object, or
//! the admin API; and the decoded query.
//!
//! Accepted forms: path style `/bucket/key`, the official C SDK's `/bucket%2Fkey` (the path is
//! decoded before it is split, and bucket names cannot hold `%` or `/`), and virtual-hosted
//! `Host: bucket.<anything>` when the Host is a name (IP literals and `localhost` mean path
//! style). Keys are percent-decoded; `+` stays a plus.

use crate::errors::OssError;
use crate::names::{check_bucket, check_key, has_leading_slash, is_valid_bucket};
use crate::percent::decode;

/// The admin API's path prefix; no bucket name can start with `-`.
pub const ADMIN_PREFIX: &str = "/-/admin";

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    Service,
    Bucket(String),
    Object {
        bucket: String,
        key: String,
    },
    /// The admin path after `/-/admin/`.
    Admin(String),
}

impl Target {
    pub fn bucket(&self) -> Option<&str> {
        match self {
            Target::Bucket(b) | Target::Object { bucket: b, .. } => Some(b),
            _ => None,
        }
    }

    pub fn key(&self) -> Option<&str> {
        match self {
            Target::Object { key, .. } => Some(key),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Routed {
    pub target: Target,
    pub query: Vec<(String, String)>,
    /// The path without its query (for logs).
    pub raw_path: String,
}

fn invalid_uri(what: &str) -> OssError {
    OssError::new(400, "InvalidURI", format!("Couldn't parse the specified URI: {what}"))
}

pub fn parse_query(raw: &str) -> Result<Vec<(String, String)>, OssError> {
    let mut query = Vec::new();
    for pair in raw.split('&').filter(|p| !p.is_empty()) {
        let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
        let name = decode(name).map_err(|_| invalid_uri("bad percent-encoding in the query"))?;
        let value = decode(value).map_err(|_| invalid_uri("bad percent-encoding in the query"))?;
        query.push((name, value));
    }
    Ok(query)
}

/// The bucket a virtual-hosted Host names, if it is one.
fn host_bucket(host: &str) -> Option<&str> {
    let host = host.trim();
    if host.starts_with('[') {
        return None; // IPv6 literal
    }
    let name = match host.rsplit_once(':') {
        Some((name, port)) if port.bytes().all(|b| b.is_ascii_digit()) => name,
        _ => host,
    };
    if name.parse::<std::net::Ipv4Addr>().is_ok() || name.eq_ignore_ascii_case("localhost") {
        return None;
    }
    let (first, rest) = name.split_once('.')?;
    (!rest.is_empty() && is_valid_bucket(first)).then_some(first)
}

pub fn route(raw_target: &str, host: Option<&str>) -> Result<Routed, OssError> {
    // Absolute form (`GET http://host/path`), as proxies send it.
    let (raw_target, host) = match raw_target.strip_prefix("http://").or_else(|| raw_target.strip_prefix("https://")) {
        Some(rest) => {
            let split = rest.find('/').unwrap_or(rest.len());
            let path = if split == rest.len() { "/" } else { &rest[split..] };
            (path, Some(&rest[..split]))
        }
        None => (raw_target, host),
    };
    let (raw_path, raw_query) = raw_target.split_once('?').unwrap_or((raw_target, ""));
    if !raw_path.starts_with('/') {
        return Err(invalid_uri("the path must start with '/'"));
    }
    let query = parse_query(raw_query)?;
    if raw_path == ADMIN_PREFIX || raw_path.starts_with("/-/admin/") {
        let rest = raw_path[ADMIN_PREFIX.len()..].trim_start_matches('/');
        return Ok(Routed { target: Target::Admin(rest.to_string()), query, raw_path: raw_path.to_string() });
    }
    let path = decode(raw_path).map_err(|_| invalid_uri("bad percent-encoding in the path"))?;
    let target = match host.and_then(host_bucket) {
        Some(bucket) => {
            let key = &path[1..];
            if key.is_empty() {
                Target::Bucket(bucket.to_string())
            } else {
                Target::Object { bucket: bucket.to_string(), key: key.to_string() }
            }
        }
        None => {
            let rest = &path[1..];
            match rest.split_once('/') {
                None if rest.is_empty() => Target::Service,
                None => Target::Bucket(rest.to_string()),
                Some((bucket, "")) => Target::Bucket(bucket.to_string()),
                Some((bucket, key)) => Target::Object { bucket: bucket.to_string(), key: key.to_string() },
            }
        }
    };
    if let Some(bucket) = target.bucket() {
        check_bucket(bucket)?;
    }
    // A key starting with '/' is left to the operation: OSS answers reads of it 404.
    if let Some(key) = target.key().filter(|k| !has_leading_slash(k)) {
        check_key(key)?;
    }
    Ok(Routed { target, query, raw_path: raw_path.to_string() })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn object(bucket: &str, key: &str) -> Target {
        Target::Object { bucket: bucket.into(), key: key.into() }
    }

    #[test]
    fn path_style_forms() {
        assert_eq!(route("/b-1/dir/a%20b.txt?acl", None).unwrap().target, object("b-1", "dir/a b.txt"));
        assert_eq!(route("/b-1%2Fdir%2Fa+b", Some("127.0.0.1:80")).unwrap().target, object("b-1", "dir/a+b"));
        assert_eq!(route("/b-1/", None).unwrap().target, Target::Bucket("b-1".into()));
        assert_eq!(route("/b-1", None).unwrap().target, Target::Bucket("b-1".into()));
        assert_eq!(route("/", None).unwrap().target, Target::Service);
        assert_eq!(route("/b-1/%E2%82%AC%3F%23%25", Some("localhost:9000")).unwrap().target, object("b-1", "€?#%"));
        assert_eq!(route("http://127.0.0.1:1/b-1/k", None).unwrap().target, object("b-1", "k"));
    }

    #[test]
    fn virtual_hosted() {
        assert_eq!(route("/dir/k", Some("b-1.oss-cn-hangzhou.aliyuncs.com")).unwrap().target, object("b-1", "dir/k"));
        assert_eq!(route("/", Some("b-1.localhost:8080")).unwrap().target, Target::Bucket("b-1".into()));
        assert_eq!(route("/b-1/k", Some("[::1]:8080")).unwrap().target, object("b-1", "k"));
    }

    #[test]
    fn query_decoding() {
        let routed = route("/b-1/k?versionId=CA%2BEQ&acl&x=", None).unwrap();
        assert_eq!(
            routed.query,
            vec![("versionId".into(), "CA+EQ".into()), ("acl".into(), "".into()), ("x".into(), "".into())]
        );
    }

    #[test]
    fn rejects_bad_encoding_and_bad_names() {
        for bad in ["/b-1/%zz", "/b-1/a?x=%4", "/B/k", "*", &format!("/b-1/{}", "k".repeat(1024))] {
            assert!(route(bad, None).is_err(), "{bad}");
        }
    }

    #[test]
    fn keys_are_not_paths() {
        // Dot segments, doubled and trailing slashes are ordinary key bytes.
        assert_eq!(route("/b-1/../etc/passwd", None).unwrap().target, object("b-1", "../etc/passwd"));
        assert_eq!(route("/b-1/%2e%2e/x", None).unwrap().target, object("b-1", "../x"));
        assert_eq!(route("/b-1/a//b/", None).unwrap().target, object("b-1", "a//b/"));
        assert_eq!(route("/b-1%2F..%2Fx", None).unwrap().target, object("b-1", "../x"));
        assert_eq!(route("/b-1//lead", None).unwrap().target, object("b-1", "/lead"));
    }

    #[test]
    fn admin_prefix_is_raw() {
        assert_eq!(route("/-/admin/faults?kind=cut", None).unwrap().target, Target::Admin("faults".into()));
        assert_eq!(route("/-/admin", None).unwrap().target, Target::Admin(String::new()));
    }
}
