//! OSS signature V1: HMAC-SHA1 over method, Content-MD5, Content-Type, Date,
//! the canonical `x-oss-*` headers and the canonical resource.

use super::{header, Credentials, SigningInput};
use base64::Engine as _;
use hmac::{Hmac, Mac};
use sha1::Sha1;

/// Query parameters that are part of the V1 canonical resource; any other
/// parameter is sent but not signed.
const SIGNED_SUBRESOURCES: &[&str] = &[
    "acl",
    "append",
    "bucketInfo",
    "cname",
    "comp",
    "cors",
    "delete",
    "encryption",
    "endTime",
    "img",
    "inventory",
    "inventoryId",
    "lifecycle",
    "live",
    "location",
    "logging",
    "objectMeta",
    "partNumber",
    "policy",
    "position",
    "qos",
    "referer",
    "replication",
    "replicationLocation",
    "replicationProgress",
    "requestPayment",
    "response-cache-control",
    "response-content-disposition",
    "response-content-encoding",
    "response-content-language",
    "response-content-type",
    "response-expires",
    "restore",
    "security-token",
    "sequential",
    "startTime",
    "stat",
    "status",
    "style",
    "styleName",
    "symlink",
    "tagging",
    "transferAcceleration",
    "uploadId",
    "uploads",
    "versionId",
    "versioning",
    "versions",
    "vod",
    "website",
    "worm",
    "wormExtend",
    "wormId",
    "x-oss-process",
    "x-oss-traffic-limit",
];

/// Whether a query parameter is signed by V1.
pub fn is_signed_subresource(name: &str) -> bool {
    SIGNED_SUBRESOURCES.contains(&name)
}

/// `/bucket/key`, `/bucket/` or `/`, then `?sub&sub=v` for signed sub-resources.
pub fn canonical_resource(input: &SigningInput<'_>) -> String {
    let mut resource = match (input.bucket, input.key) {
        (Some(b), Some(k)) => format!("/{b}/{k}"),
        (Some(b), None) => format!("/{b}/"),
        _ => "/".to_string(),
    };
    let mut subs: Vec<&(String, String)> = input.query.iter().filter(|(k, _)| is_signed_subresource(k)).collect();
    subs.sort_by(|a, b| a.0.cmp(&b.0));
    for (i, (k, v)) in subs.into_iter().enumerate() {
        resource.push(if i == 0 { '?' } else { '&' });
        resource.push_str(k);
        if !v.is_empty() {
            resource.push('=');
            resource.push_str(v);
        }
    }
    resource
}

/// The `x-oss-*` headers, lower-cased, trimmed, sorted, one `name:value\n` each.
fn canonical_oss_headers(headers: &[(String, String)]) -> String {
    let mut oss: Vec<(String, &str)> = headers
        .iter()
        .map(|(n, v)| (n.to_ascii_lowercase(), v.trim()))
        .filter(|(n, _)| n.starts_with("x-oss-"))
        .collect();
    oss.sort_by(|a, b| a.0.cmp(&b.0));
    oss.iter().map(|(n, v)| format!("{n}:{v}\n")).collect()
}

pub fn string_to_sign(input: &SigningInput<'_>) -> String {
    let h = |name| header(input.headers, name).unwrap_or("");
    format!(
        "{}\n{}\n{}\n{}\n{}{}",
        input.method,
        h("Content-MD5"),
        h("Content-Type"),
        h("Date"),
        canonical_oss_headers(input.headers),
        canonical_resource(input)
    )
}

/// `base64(HMAC-SHA1(secret, string_to_sign))`.
pub fn signature(secret: &str, string_to_sign: &str) -> String {
    let mut mac = Hmac::<Sha1>::new_from_slice(secret.as_bytes()).expect("HMAC accepts any key length");
    mac.update(string_to_sign.as_bytes());
    base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes())
}

/// `OSS <AccessKeyId>:<signature>`.
pub fn authorization(credentials: &Credentials, input: &SigningInput<'_>) -> String {
    let sig = signature(&credentials.access_key_secret, &string_to_sign(input));
    format!("OSS {}:{}", credentials.access_key_id, sig)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sign::owned;

    /// A vector for the V1 algorithm as the OSS documentation describes it
    /// (help.aliyun.com/zh/oss/developer-reference/include-signatures-in-the-authorization-header)
    /// and the official C SDK implements it (aliyun/aliyun-oss-c-sdk, oss_c_sdk/oss_auth.c).
    #[test]
    fn published_vector() {
        let headers = owned(&[
            ("Date", "Sat, 16 Dec 2023 16:20:57 GMT"),
            ("Content-Type", "text/plain"),
            ("X-Oss-Meta-A", "one"),
            ("x-oss-meta-B", "two"),
        ]);
        let query = owned(&[("versionId", "CAEQ"), ("acl", "")]);
        let input = SigningInput {
            method: "GET",
            bucket: Some("bucket"),
            key: Some("dir/a b.txt"),
            query: &query,
            headers: &headers,
        };
        assert_eq!(
            string_to_sign(&input),
            "GET\n\ntext/plain\nSat, 16 Dec 2023 16:20:57 GMT\nx-oss-meta-a:one\nx-oss-meta-b:two\n/bucket/dir/a b.txt?acl&versionId=CAEQ"
        );
        let creds = Credentials { access_key_id: "ak".into(), access_key_secret: "sk".into(), security_token: None };
        assert_eq!(authorization(&creds, &input), "OSS ak:hJwC66PXcDS4gcsJZfDRgmuJO1I=");
    }

    #[test]
    fn unsigned_parameters_are_left_out_and_bucket_level_resources_end_in_slash() {
        let query = owned(&[("max-keys", "10"), ("prefix", "a"), ("response-content-type", "text/html")]);
        let input = SigningInput { method: "GET", bucket: Some("b"), key: None, query: &query, headers: &[] };
        assert_eq!(canonical_resource(&input), "/b/?response-content-type=text/html");
        let input = SigningInput { method: "GET", bucket: None, key: None, query: &[], headers: &[] };
        assert_eq!(canonical_resource(&input), "/");
    }

    #[test]
    fn object_meta_and_special_keys_are_signed_raw() {
        let query = owned(&[("objectMeta", "")]);
        let input =
            SigningInput { method: "HEAD", bucket: Some("b"), key: Some("a+b %/中?#"), query: &query, headers: &[] };
        assert_eq!(canonical_resource(&input), "/b/a+b %/中?#?objectMeta");
        assert_eq!(string_to_sign(&input), "HEAD\n\n\n\n/b/a+b %/中?#?objectMeta");
    }

    #[test]
    fn security_token_and_md5_are_signed() {
        let headers =
            owned(&[("Content-MD5", "1B2M2Y8AsgTpgAmY7PhCfg=="), ("x-oss-security-token", "  tok  "), ("Date", "d")]);
        let input = SigningInput { method: "PUT", bucket: Some("b"), key: Some("k"), query: &[], headers: &headers };
        assert_eq!(string_to_sign(&input), "PUT\n1B2M2Y8AsgTpgAmY7PhCfg==\n\nd\nx-oss-security-token:tok\n/b/k");
    }
}
