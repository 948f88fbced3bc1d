//! Signature V4: `OSS4-HMAC-SHA256 Credential=ak/date/region/oss/aliyun_v4_request,
//! [AdditionalHeaders=a;b,] Signature=hex`.

use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};

use crate::percent::encode;

pub const ALGORITHM: &str = "OSS4-HMAC-SHA256";
pub const REQUEST_TYPE: &str = "aliyun_v4_request";

#[derive(Debug, PartialEq, Eq)]
pub struct V4Authorization {
    pub access_key_id: String,
    pub date: String,
    pub region: String,
    pub service: String,
    pub additional_headers: Vec<String>,
    pub signature: String,
}

/// Parses the header; fields may be separated by `,` with optional spaces.
pub fn parse_authorization(value: &str) -> Option<V4Authorization> {
    let rest = value.trim().strip_prefix(ALGORITHM)?.trim_start();
    let (mut credential, mut additional, mut signature) = (None, None, None);
    for field in rest.split(',') {
        let (name, value) = field.trim().split_once('=')?;
        match name {
            "Credential" => credential = Some(value),
            "AdditionalHeaders" => additional = Some(value),
            "Signature" => signature = Some(value),
            _ => return None,
        }
    }
    let mut scope = credential?.split('/');
    let auth = V4Authorization {
        access_key_id: scope.next()?.to_string(),
        date: scope.next()?.to_string(),
        region: scope.next()?.to_string(),
        service: scope.next()?.to_string(),
        additional_headers: additional
            .map(|a| a.split(';').map(|h| h.trim().to_ascii_lowercase()).filter(|h| !h.is_empty()).collect())
            .unwrap_or_default(),
        signature: signature?.to_string(),
    };
    if scope.next()? != REQUEST_TYPE || scope.next().is_some() || auth.access_key_id.is_empty() {
        return None;
    }
    Some(auth)
}

/// The credential of a presigned URL (`ak/date/region/oss/aliyun_v4_request`), with its
/// additional headers and signature, in the shape of an Authorization header.
pub fn parse_query_credential(credential: &str, additional: Option<&str>, signature: &str) -> Option<V4Authorization> {
    let mut header = format!("{ALGORITHM} Credential={credential},");
    if let Some(additional) = additional {
        header.push_str(&format!("AdditionalHeaders={additional},"));
    }
    header.push_str(&format!("Signature={signature}"));
    parse_authorization(&header)
}

/// The canonical request: verb, encoded URI (the resource path, see
/// [`super::resource_paths`]), sorted encoded query, canonical headers, the additional header
/// names, and the payload hash (the `x-oss-content-sha256` value).
pub fn canonical_request(
    method: &str,
    path: &str,
    query: &[(String, String)],
    headers: &[(String, String)],
    additional_headers: &[String],
) -> String {
    let uri = encode(path, true);
    let mut params: Vec<(String, String)> = query.iter().map(|(k, v)| (encode(k, false), encode(v, false))).collect();
    params.sort();
    let query = params
        .iter()
        .map(|(k, v)| if v.is_empty() { k.clone() } else { format!("{k}={v}") })
        .collect::<Vec<_>>()
        .join("&");

    let canonical_headers = super::canonical_headers(headers, |name| {
        name == "content-type"
            || name == "content-md5"
            || name.starts_with("x-oss-")
            || additional_headers.iter().any(|a| a == name)
    });
    let mut additional: Vec<&str> = additional_headers.iter().map(String::as_str).collect();
    additional.sort();
    let payload = headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case("x-oss-content-sha256"))
        .map_or("UNSIGNED-PAYLOAD", |(_, v)| v.trim());
    format!("{method}\n{uri}\n{query}\n{canonical_headers}\n{}\n{payload}", additional.join(";"))
}

pub fn scope(date: &str, region: &str) -> String {
    format!("{date}/{region}/oss/{REQUEST_TYPE}")
}

pub fn string_to_sign(datetime: &str, scope: &str, canonical_request: &str) -> String {
    format!("{ALGORITHM}\n{datetime}\n{scope}\n{}", hex(&Sha256::digest(canonical_request.as_bytes())))
}

fn hmac_sha256(key: &[u8], data: &str) -> [u8; 32] {
    let mut mac = Hmac::<Sha256>::new_from_slice(key).expect("HMAC takes any key length");
    mac.update(data.as_bytes());
    mac.finalize().into_bytes().into()
}

pub fn signature(secret: &str, date: &str, region: &str, string_to_sign: &str) -> String {
    let k_date = hmac_sha256(format!("aliyun_v4{secret}").as_bytes(), date);
    let k_region = hmac_sha256(&k_date, region);
    let k_service = hmac_sha256(&k_region, "oss");
    let k_signing = hmac_sha256(&k_service, REQUEST_TYPE);
    hex(&hmac_sha256(&k_signing, string_to_sign))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::auth::owned;

    pub type Pairs = Vec<(String, String)>;

    pub const VECTOR_SIGNATURE: &str = "e21d18daa82167720f9b1047ae7e7f1ce7cb77a31e8203a7d5f4624fa0284afe";

    /// The request of the official C++ SDK's signer test (github.com/aliyun/aliyun-oss-cpp-sdk):
    /// PUT /bucket/1234+-/123/1.txt, region cn-hangzhou, time 1702743657, key `ak`, secret `sk`.
    pub fn vector_headers_and_query() -> (Pairs, Pairs) {
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
        (headers, query)
    }

    #[test]
    fn published_vector() {
        let (headers, query) = vector_headers_and_query();
        let canonical = canonical_request("PUT", "/bucket/1234+-/123/1.txt", &query, &headers, &[]);
        assert_eq!(
            canonical,
            "PUT\n/bucket/1234%2B-/123/1.txt\n%2Bparam1=value3&%2Bparam2&%7Cparam1=value4&%7Cparam2&param1=value1&param2\n\
             content-type:text/plain\nx-oss-content-sha256:UNSIGNED-PAYLOAD\nx-oss-date:20231216T162057Z\nx-oss-head1:value\n\n\nUNSIGNED-PAYLOAD"
        );
        let sts = string_to_sign("20231216T162057Z", &scope("20231216", "cn-hangzhou"), &canonical);
        assert_eq!(signature("sk", "20231216", "cn-hangzhou", &sts), VECTOR_SIGNATURE);
        let header = "OSS4-HMAC-SHA256 Credential=ak/20231216/cn-hangzhou/oss/aliyun_v4_request,Signature=e21d18daa82167720f9b1047ae7e7f1ce7cb77a31e8203a7d5f4624fa0284afe";
        let parsed = parse_authorization(header).unwrap();
        assert_eq!(parsed.access_key_id, "ak");
        assert_eq!(parsed.region, "cn-hangzhou");
        assert!(parsed.additional_headers.is_empty());
    }

    #[test]
    fn additional_headers_are_signed() {
        let headers = owned(&[("Host", "b.example"), ("x-oss-date", "20231216T162057Z"), ("Range", "bytes=0-1")]);
        let canonical = canonical_request("GET", "/b/k", &[], &headers, &["host".into()]);
        assert!(canonical.contains("host:b.example\nx-oss-date:20231216T162057Z\n\nhost\n"), "{canonical}");
        assert!(!canonical.contains("range"));
    }

    #[test]
    fn authorization_forms() {
        let a = parse_authorization("OSS4-HMAC-SHA256 Credential=ak/20231216/cn-hangzhou/oss/aliyun_v4_request, AdditionalHeaders=Host;range, Signature=ab").unwrap();
        assert_eq!(a.additional_headers, vec!["host", "range"]);
        assert_eq!(a.signature, "ab");
        assert!(
            parse_authorization("OSS4-HMAC-SHA256 Credential=ak/20231216/cn-hangzhou/oss/other,Signature=ab").is_none()
        );
        assert!(parse_authorization("OSS4-HMAC-SHA256 Signature=ab").is_none());
        assert!(parse_authorization("OSS ak:sig").is_none());
    }
}
