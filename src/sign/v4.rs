//! OSS signature V4 (`OSS4-HMAC-SHA256`): a canonical request hashed with
//! SHA-256, signed with a key derived from the secret, the date and the region.

use super::{header, uri_encode, Credentials, SigningInput};
use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};

pub const ALGORITHM: &str = "OSS4-HMAC-SHA256";
pub const UNSIGNED_PAYLOAD: &str = "UNSIGNED-PAYLOAD";

pub fn hmac_sha256(key: &[u8], data: &[u8]) -> [u8; 32] {
    let mut mac = Hmac::<Sha256>::new_from_slice(key).expect("HMAC accepts any key length");
    mac.update(data);
    mac.finalize().into_bytes().into()
}

pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// `/bucket/key` encoded with `/` kept; `/bucket/` or `/` when shorter.
fn canonical_uri(input: &SigningInput<'_>) -> String {
    match (input.bucket, input.key) {
        (Some(b), Some(k)) => format!("/{}/{}", uri_encode(b, true), uri_encode(k, true)),
        (Some(b), None) => format!("/{}/", uri_encode(b, true)),
        _ => "/".to_string(),
    }
}

/// Every query parameter, name and value encoded, sorted, `k=v` or bare `k`.
fn canonical_query(query: &[(String, String)]) -> String {
    let mut encoded: Vec<(String, String)> =
        query.iter().map(|(k, v)| (uri_encode(k, false), uri_encode(v, false))).collect();
    encoded.sort();
    let rendered: Vec<String> =
        encoded.into_iter().map(|(k, v)| if v.is_empty() { k } else { format!("{k}={v}") }).collect();
    rendered.join("&")
}

/// Whether a header is always in the canonical headers.
fn is_default_signed(lower_name: &str) -> bool {
    lower_name == "content-type" || lower_name == "content-md5" || lower_name.starts_with("x-oss-")
}

/// Additional headers actually present, lower-cased, sorted, de-duplicated,
/// minus the ones signed anyway.
fn effective_additional(headers: &[(String, String)], additional: &[&str]) -> Vec<String> {
    let mut names: Vec<String> = additional
        .iter()
        .map(|n| n.to_ascii_lowercase())
        .filter(|n| !is_default_signed(n) && header(headers, n).is_some())
        .collect();
    names.sort();
    names.dedup();
    names
}

pub fn canonical_request(input: &SigningInput<'_>, additional: &[String]) -> String {
    let mut signed: Vec<(String, &str)> = input
        .headers
        .iter()
        .map(|(n, v)| (n.to_ascii_lowercase(), v.trim()))
        .filter(|(n, _)| is_default_signed(n) || additional.contains(n))
        .collect();
    signed.sort_by(|a, b| a.0.cmp(&b.0));
    let canonical_headers: String = signed.iter().map(|(n, v)| format!("{n}:{v}\n")).collect();
    let payload = header(input.headers, "x-oss-content-sha256").unwrap_or(UNSIGNED_PAYLOAD);
    format!(
        "{}\n{}\n{}\n{}\n{}\n{}",
        input.method,
        canonical_uri(input),
        canonical_query(input.query),
        canonical_headers,
        additional.join(";"),
        payload
    )
}

/// `YYYYMMDD/region/oss/aliyun_v4_request`.
pub fn scope(date: &str, region: &str) -> String {
    format!("{date}/{region}/oss/aliyun_v4_request")
}

pub fn string_to_sign(datetime: &str, scope: &str, canonical_request: &str) -> String {
    format!("{ALGORITHM}\n{datetime}\n{scope}\n{}", hex(&Sha256::digest(canonical_request.as_bytes())))
}

/// The HMAC chain: "aliyun_v4"+secret → date → region → "oss" → "aliyun_v4_request".
pub fn signing_key(secret: &str, date: &str, region: &str) -> [u8; 32] {
    let k_date = hmac_sha256(format!("aliyun_v4{secret}").as_bytes(), date.as_bytes());
    let k_region = hmac_sha256(&k_date, region.as_bytes());
    let k_service = hmac_sha256(&k_region, b"oss");
    hmac_sha256(&k_service, b"aliyun_v4_request")
}

/// The `Authorization` header. The input's headers must already hold
/// `x-oss-date`; `additional` names further headers to sign.
pub fn authorization(credentials: &Credentials, region: &str, input: &SigningInput<'_>, additional: &[&str]) -> String {
    let datetime = header(input.headers, "x-oss-date").unwrap_or("");
    let date = datetime.get(..8).unwrap_or("");
    let additional = effective_additional(input.headers, additional);
    let scope = scope(date, region);
    let to_sign = string_to_sign(datetime, &scope, &canonical_request(input, &additional));
    let signature = hex(&hmac_sha256(&signing_key(&credentials.access_key_secret, date, region), to_sign.as_bytes()));
    let mut out = format!("{ALGORITHM} Credential={}/{scope}", credentials.access_key_id);
    if !additional.is_empty() {
        out.push_str(",AdditionalHeaders=");
        out.push_str(&additional.join(";"));
    }
    out.push_str(",Signature=");
    out.push_str(&signature);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sign::owned;

    /// The published vector: test `SignerV4` in the official C++ SDK
    /// (aliyun/aliyun-oss-cpp-sdk, test/src/Other/SignerTest.cc).
    #[test]
    fn published_vector() {
        let headers = owned(&[
            ("x-oss-head1", "value"),
            ("abc", "value"),
            ("ZAbc", "value"),
            ("XYZ", "value"),
            ("content-type", "text/plain"),
            ("x-oss-content-sha256", "UNSIGNED-PAYLOAD"),
            ("x-oss-date", "20231216T162057Z"),
        ]);
        let query = owned(&[
            ("param1", "value1"),
            ("|param1", "value4"),
            ("+param1", "value3"),
            ("+param2", ""),
            ("|param2", ""),
            ("param2", ""),
        ]);
        let input = SigningInput {
            method: "PUT",
            bucket: Some("bucket"),
            key: Some("1234+-/123/1.txt"),
            query: &query,
            headers: &headers,
        };
        let creds = Credentials { access_key_id: "ak".into(), access_key_secret: "sk".into(), security_token: None };
        assert_eq!(
            authorization(&creds, "cn-hangzhou", &input, &[]),
            "OSS4-HMAC-SHA256 Credential=ak/20231216/cn-hangzhou/oss/aliyun_v4_request,\
             Signature=e21d18daa82167720f9b1047ae7e7f1ce7cb77a31e8203a7d5f4624fa0284afe"
        );
    }

    #[test]
    fn canonical_request_shape() {
        let headers = owned(&[("x-oss-date", "20231216T162057Z"), ("Range", "bytes=0-9"), ("Host", "h")]);
        let query = owned(&[("versionId", "v 1"), ("objectMeta", "")]);
        let input =
            SigningInput { method: "GET", bucket: Some("b"), key: Some("a b/c+d"), query: &query, headers: &headers };
        assert_eq!(
            canonical_request(&input, &[]),
            "GET\n/b/a%20b/c%2Bd\nobjectMeta&versionId=v%201\nx-oss-date:20231216T162057Z\n\n\nUNSIGNED-PAYLOAD"
        );
        let extra = effective_additional(&headers, &["Range", "missing", "x-oss-date"]);
        assert_eq!(extra, ["range"]);
        assert!(canonical_request(&input, &extra).contains("range:bytes=0-9\nx-oss-date"));
    }

    #[test]
    fn additional_headers_appear_in_authorization() {
        let headers = owned(&[("x-oss-date", "20231216T162057Z"), ("Host", "b.example.com")]);
        let input = SigningInput { method: "GET", bucket: Some("b"), key: None, query: &[], headers: &headers };
        let creds = Credentials { access_key_id: "ak".into(), access_key_secret: "sk".into(), security_token: None };
        let auth = authorization(&creds, "r", &input, &["host"]);
        assert!(auth.contains(",AdditionalHeaders=host,Signature="), "{auth}");
    }
}
