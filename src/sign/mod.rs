//! Request signing, as pure functions: a description of the request in, the
//! headers that authenticate it out. Nothing here does I/O or reads a clock;
//! the caller passes the time, so every case is unit-testable with vectors.

mod encode;
pub mod presign;
pub mod rtmp;
mod time;
pub mod v1;
pub mod v4;

pub use encode::{percent_decode, uri_encode};
pub use time::{http_date, iso8601_basic};

use std::time::SystemTime;

pub use crate::config::Credentials;

/// Which signature algorithm, with what V4 needs beyond the credentials.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Version {
    V1,
    V4 { region: String },
}

/// What a signature covers: method, resource, query and headers. The key is
/// the raw (decoded) object name; query values are raw too.
#[derive(Clone, Debug)]
pub struct SigningInput<'a> {
    pub method: &'a str,
    pub bucket: Option<&'a str>,
    pub key: Option<&'a str>,
    /// Query parameters; an empty value is rendered as a bare name.
    pub query: &'a [(String, String)],
    /// Every header that will be sent (names in any case).
    pub headers: &'a [(String, String)],
}

/// Owned header or query pairs from literals (tests).
#[cfg(test)]
pub(crate) fn owned(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect()
}

/// First value of a header, by case-insensitive name.
pub(crate) fn header<'h>(headers: &'h [(String, String)], name: &str) -> Option<&'h str> {
    headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
}

/// Signs a request: returns the headers to add to it (the date header, the
/// STS token and V4's content hash when not already present, then
/// `Authorization`). Headers the caller already set are left alone.
pub fn sign(
    credentials: &Credentials,
    version: &Version,
    input: &SigningInput<'_>,
    now: SystemTime,
) -> Vec<(String, String)> {
    let mut all: Vec<(String, String)> = input.headers.to_vec();
    let mut added = Vec::new();
    let mut add = |name: &str, value: String, all: &mut Vec<(String, String)>| {
        if header(all, name).is_none() {
            all.push((name.to_string(), value.clone()));
            added.push((name.to_string(), value));
        }
    };
    if let Some(token) = &credentials.security_token {
        add("x-oss-security-token", token.clone(), &mut all);
    }
    let authorization = match version {
        Version::V1 => {
            add("Date", http_date(now), &mut all);
            v1::authorization(credentials, &SigningInput { headers: &all, ..input.clone() })
        }
        Version::V4 { region } => {
            add("x-oss-date", iso8601_basic(now), &mut all);
            add("x-oss-content-sha256", v4::UNSIGNED_PAYLOAD.to_string(), &mut all);
            v4::authorization(credentials, region, &SigningInput { headers: &all, ..input.clone() }, &[])
        }
    };
    added.push(("Authorization".to_string(), authorization));
    added
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, UNIX_EPOCH};

    fn creds(token: Option<&str>) -> Credentials {
        Credentials {
            access_key_id: "ak".into(),
            access_key_secret: "sk".into(),
            security_token: token.map(Into::into),
        }
    }

    #[test]
    fn v1_adds_date_token_and_authorization() {
        let now = UNIX_EPOCH + Duration::from_secs(1_702_743_657);
        let input = SigningInput { method: "GET", bucket: Some("b"), key: Some("k"), query: &[], headers: &[] };
        let added = sign(&creds(Some("tok")), &Version::V1, &input, now);
        let names: Vec<&str> = added.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["x-oss-security-token", "Date", "Authorization"]);
        assert_eq!(added[1].1, "Sat, 16 Dec 2023 16:20:57 GMT");
        // The token is signed as an x-oss- header: a different token, a different signature.
        let other = sign(&creds(Some("tok2")), &Version::V1, &input, now);
        assert_ne!(added[2].1, other[2].1);
    }

    #[test]
    fn v4_adds_date_and_content_hash() {
        let now = UNIX_EPOCH + Duration::from_secs(1_702_743_657);
        let input = SigningInput { method: "GET", bucket: Some("b"), key: Some("k"), query: &[], headers: &[] };
        let added = sign(&creds(None), &Version::V4 { region: "cn-hangzhou".into() }, &input, now);
        assert_eq!(added[0], ("x-oss-date".to_string(), "20231216T162057Z".to_string()));
        assert_eq!(added[1], ("x-oss-content-sha256".to_string(), "UNSIGNED-PAYLOAD".to_string()));
        assert!(added[2]
            .1
            .starts_with("OSS4-HMAC-SHA256 Credential=ak/20231216/cn-hangzhou/oss/aliyun_v4_request,Signature="));
    }
}
