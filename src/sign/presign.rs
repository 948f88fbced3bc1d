//! Presigned URLs: the signature goes into the query instead of an `Authorization` header, so the
//! URL alone grants the request until it expires — V1 (`OSSAccessKeyId`, `Expires` as seconds since
//! the epoch, `Signature`) and V4 (`x-oss-signature-version`, `x-oss-credential`, `x-oss-date`,
//! `x-oss-expires` as seconds from now, `x-oss-signature`), with the STS token in the query too.
//! The parameter names and what is signed follow the OSS documentation on signed URLs.

use std::time::{SystemTime, UNIX_EPOCH};

use super::{iso8601_basic, v1, v4, Credentials, SigningInput, Version};

/// The query parameters to append to the request's own for a URL valid until `expires_at`
/// (seconds since the epoch). `input.query` holds the request's own parameters (they are signed
/// too); `input.headers` the headers the request will carry (Content-Type, Content-MD5, x-oss-*).
pub fn presign(
    credentials: &Credentials,
    version: &Version,
    input: &SigningInput<'_>,
    expires_at: u64,
    now: SystemTime,
) -> Vec<(String, String)> {
    match version {
        Version::V1 => presign_v1(credentials, input, expires_at),
        Version::V4 { region } => presign_v4(credentials, region, input, expires_at, now),
    }
}

fn presign_v1(credentials: &Credentials, input: &SigningInput<'_>, expires_at: u64) -> Vec<(String, String)> {
    let mut added = Vec::new();
    if let Some(token) = &credentials.security_token {
        added.push(("security-token".to_string(), token.clone()));
    }
    let query: Vec<(String, String)> = input.query.iter().chain(&added).cloned().collect();
    // V1 signs the expiry where a request signs its Date.
    let mut headers: Vec<(String, String)> =
        input.headers.iter().filter(|(n, _)| !n.eq_ignore_ascii_case("Date")).cloned().collect();
    headers.push(("Date".to_string(), expires_at.to_string()));
    let to_sign = v1::string_to_sign(&SigningInput { query: &query, headers: &headers, ..input.clone() });
    added.push(("OSSAccessKeyId".to_string(), credentials.access_key_id.clone()));
    added.push(("Expires".to_string(), expires_at.to_string()));
    added.push(("Signature".to_string(), v1::signature(&credentials.access_key_secret, &to_sign)));
    added
}

fn presign_v4(
    credentials: &Credentials,
    region: &str,
    input: &SigningInput<'_>,
    expires_at: u64,
    now: SystemTime,
) -> Vec<(String, String)> {
    let datetime = iso8601_basic(now);
    let date = &datetime[..8];
    let scope = v4::scope(date, region);
    let now_secs = now.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
    let mut added = Vec::new();
    if let Some(token) = &credentials.security_token {
        added.push(("x-oss-security-token".to_string(), token.clone()));
    }
    added.push(("x-oss-signature-version".to_string(), v4::ALGORITHM.to_string()));
    added.push(("x-oss-credential".to_string(), format!("{}/{scope}", credentials.access_key_id)));
    added.push(("x-oss-date".to_string(), datetime.clone()));
    added.push(("x-oss-expires".to_string(), expires_at.saturating_sub(now_secs).to_string()));
    let query: Vec<(String, String)> = input.query.iter().chain(&added).cloned().collect();
    let canonical = v4::canonical_request(&SigningInput { query: &query, ..input.clone() }, &[]);
    let to_sign = v4::string_to_sign(&datetime, &scope, &canonical);
    let key = v4::signing_key(&credentials.access_key_secret, date, region);
    added.push(("x-oss-signature".to_string(), v4::hex(&v4::hmac_sha256(&key, to_sign.as_bytes()))));
    added
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sign::owned;
    use std::time::Duration;

    fn credentials(token: Option<&str>) -> Credentials {
        Credentials {
            access_key_id: "ak".into(),
            access_key_secret: "sk".into(),
            security_token: token.map(str::to_string),
        }
    }

    #[test]
    fn v1_signs_the_expiry_and_the_token_as_a_sub_resource() {
        let query = owned(&[("versionId", "v1")]);
        let input = SigningInput { method: "GET", bucket: Some("b"), key: Some("k"), query: &query, headers: &[] };
        let added = presign(&credentials(Some("tok")), &Version::V1, &input, 1_700_000_000, UNIX_EPOCH);
        let names: Vec<&str> = added.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["security-token", "OSSAccessKeyId", "Expires", "Signature"]);
        let expected = v1::signature("sk", "GET\n\n\n1700000000\n/b/k?security-token=tok&versionId=v1");
        assert_eq!(added[3].1, expected);
    }

    #[test]
    fn v4_counts_expiry_from_now_and_signs_its_own_parameters() {
        let input = SigningInput { method: "PUT", bucket: Some("b"), key: Some("k"), query: &[], headers: &[] };
        let now = UNIX_EPOCH + Duration::from_secs(1_700_000_000);
        let added =
            presign(&credentials(None), &Version::V4 { region: "cn-hangzhou".into() }, &input, 1_700_000_060, now);
        let get = |name: &str| added.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str());
        assert_eq!(get("x-oss-expires"), Some("60"));
        assert_eq!(get("x-oss-credential"), Some("ak/20231114/cn-hangzhou/oss/aliyun_v4_request"));
        assert_eq!(get("x-oss-date"), Some("20231114T221320Z"));
        let signature = get("x-oss-signature").unwrap();
        assert_eq!(signature.len(), 64);
        // The signature covers the request: another method signs differently.
        let other = SigningInput { method: "GET", ..input };
        let again =
            presign(&credentials(None), &Version::V4 { region: "cn-hangzhou".into() }, &other, 1_700_000_060, now);
        assert_ne!(again.last().unwrap().1, signature);
    }
}
