//! Signature V1: `Authorization: OSS ak:base64(HMAC-SHA1(secret, string-to-sign))`, and the
//! same signature in a presigned URL (`OSSAccessKeyId`, `Expires`, `Signature`).

use base64::Engine;
use hmac::{Hmac, Mac};
use sha1::Sha1;

/// The query parameters OSS includes in the V1 canonical resource.
pub const SIGNED_SUBRESOURCES: &[&str] = &[
    "acl",
    "append",
    "asyncFetch",
    "bucketInfo",
    "callback",
    "callback-var",
    "cname",
    "comp",
    "continuation-token",
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
    "qosInfo",
    "referer",
    "replication",
    "replicationLocation",
    "replicationProgress",
    "requestPayment",
    "resourceGroup",
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
    "udf",
    "udfApplication",
    "udfApplicationLog",
    "udfId",
    "udfImage",
    "udfImageDesc",
    "udfName",
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
    "x-oss-ac-forward-allow",
    "x-oss-ac-source-ip",
    "x-oss-ac-subnet-mask",
    "x-oss-ac-vpc-id",
    "x-oss-async-process",
    "x-oss-enable-md5",
    "x-oss-enable-sha1",
    "x-oss-enable-sha256",
    "x-oss-hash-ctx",
    "x-oss-md5-ctx",
    "x-oss-process",
    "x-oss-request-payer",
    "x-oss-traffic-limit",
    "x-oss-write-get-object-response",
];

/// The resource path (`/bucket/key`, `/bucket/`, `/bucket` or `/`, see
/// [`super::resource_paths`]), then the signed sub-resources sorted by name.
pub fn canonical_resource(path: &str, query: &[(String, String)]) -> String {
    let mut resource = path.to_string();
    let mut signed: Vec<&(String, String)> =
        query.iter().filter(|(k, _)| SIGNED_SUBRESOURCES.contains(&k.as_str())).collect();
    signed.sort_by(|a, b| a.0.cmp(&b.0));
    for (i, (name, value)) in signed.iter().enumerate() {
        resource.push(if i == 0 { '?' } else { '&' });
        resource.push_str(name);
        if !value.is_empty() {
            resource.push('=');
            resource.push_str(value);
        }
    }
    resource
}

/// `x-oss-*` headers lower-cased, values trimmed, sorted, `name:value\n` each (repeated headers
/// joined with `,`).
pub fn canonical_oss_headers(headers: &[(String, String)]) -> String {
    super::canonical_headers(headers, |name| name.starts_with("x-oss-"))
}

fn header<'a>(headers: &'a [(String, String)], name: &str) -> &'a str {
    headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.trim()).unwrap_or("")
}

/// The V1 string to sign. `date_line` is the `Date` (or `x-oss-date`) header for a signed
/// header, or the `Expires` value for a presigned URL; `path` the resource path.
pub fn string_to_sign(
    method: &str,
    headers: &[(String, String)],
    date_line: &str,
    path: &str,
    query: &[(String, String)],
) -> String {
    format!(
        "{method}\n{}\n{}\n{date_line}\n{}{}",
        header(headers, "content-md5"),
        header(headers, "content-type"),
        canonical_oss_headers(headers),
        canonical_resource(path, query)
    )
}

pub fn signature(secret: &str, string_to_sign: &str) -> String {
    let mut mac = Hmac::<Sha1>::new_from_slice(secret.as_bytes()).expect("HMAC takes any key length");
    mac.update(string_to_sign.as_bytes());
    base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes())
}

/// Splits `OSS ak:signature`.
pub fn parse_authorization(value: &str) -> Option<(&str, &str)> {
    let rest = value.trim().strip_prefix("OSS ")?;
    let (ak, sig) = rest.trim().split_once(':')?;
    (!ak.is_empty() && !sig.is_empty()).then_some((ak, sig))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::auth::owned;

    /// A V1 vector (key `ak`, secret `sk`) that the official SDKs' signers reproduce.
    #[test]
    fn published_vector() {
        let headers = owned(&[
            ("Date", "Sat, 16 Dec 2023 16:20:57 GMT"),
            ("Content-Type", "text/plain"),
            ("X-Oss-Meta-A", "one"),
            ("x-oss-meta-B", "two"),
        ]);
        let query = owned(&[("versionId", "CAEQ"), ("acl", "")]);
        let sts = string_to_sign("GET", &headers, "Sat, 16 Dec 2023 16:20:57 GMT", "/bucket/dir/a b.txt", &query);
        assert_eq!(
            sts,
            "GET\n\ntext/plain\nSat, 16 Dec 2023 16:20:57 GMT\nx-oss-meta-a:one\nx-oss-meta-b:two\n/bucket/dir/a b.txt?acl&versionId=CAEQ"
        );
        assert_eq!(signature("sk", &sts), "hJwC66PXcDS4gcsJZfDRgmuJO1I=");
    }

    #[test]
    fn only_signed_subresources_are_in_the_resource() {
        let query = owned(&[
            ("prefix", "a"),
            ("response-content-type", "text/html"),
            ("objectMeta", ""),
            ("max-keys", "3"),
            ("partNumber", "2"),
            ("uploadId", "X"),
        ]);
        assert_eq!(
            canonical_resource("/b/k", &query),
            "/b/k?objectMeta&partNumber=2&response-content-type=text/html&uploadId=X"
        );
        assert_eq!(canonical_resource("/b/", &owned(&[("prefix", "a")])), "/b/");
        assert_eq!(canonical_resource("/", &[]), "/");
        assert_eq!(canonical_resource("/b", &owned(&[("acl", "")])), "/b?acl");
    }

    #[test]
    fn sts_token_is_signed_as_an_oss_header() {
        let headers = owned(&[("Date", "D"), ("x-oss-security-token", " tok "), ("Content-MD5", "md5")]);
        assert_eq!(string_to_sign("PUT", &headers, "D", "/b/k", &[]), "PUT\nmd5\n\nD\nx-oss-security-token:tok\n/b/k");
    }

    #[test]
    fn authorization_header() {
        assert_eq!(parse_authorization("OSS ak:sig="), Some(("ak", "sig=")));
        assert_eq!(parse_authorization("OSS ak"), None);
        assert_eq!(parse_authorization("Bearer x"), None);
    }
}
