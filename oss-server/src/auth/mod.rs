//! Request authentication exactly as OSS does it: V1 (header or presigned URL), V4 (header),
//! the STS security token, the clock-skew rule, and anonymous access when enabled.

pub mod clock;
pub mod v1;
pub mod v4;

use std::time::SystemTime;

use crate::config::Credentials;
use crate::errors::OssError;

/// The parts of a request a signature covers.
pub struct SignedRequest<'a> {
    pub method: &'a str,
    pub bucket: Option<&'a str>,
    pub key: Option<&'a str>,
    /// Decoded query parameters, in request order.
    pub query: &'a [(String, String)],
    /// Headers as received.
    pub headers: &'a [(String, String)],
}

impl SignedRequest<'_> {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.trim())
    }

    fn query(&self, name: &str) -> Option<&str> {
        self.query.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }

    /// Whether the request tries to authenticate at all (a header or a presigned URL).
    pub fn carries_credentials(&self) -> bool {
        self.header("authorization").is_some()
            || ["OSSAccessKeyId", "Signature", "x-oss-signature-version", "x-oss-credential"]
                .iter()
                .any(|n| self.query(n).is_some())
    }
}

/// The resource paths a signature may cover, preferred form first. Bucket-level requests are
/// signed over `/bucket/` by most clients, but over `/bucket` by the official C SDK when its
/// endpoint is an IP address (`oss_get_bucket_uri` in oss_c_sdk/oss_util.c of
/// github.com/aliyun/aliyun-oss-c-sdk); OSS accepts both, so both are tried.
pub fn resource_paths(bucket: Option<&str>, key: Option<&str>) -> Vec<String> {
    match (bucket, key) {
        (Some(b), Some(k)) => vec![format!("/{b}/{k}")],
        (Some(b), None) => vec![format!("/{b}/"), format!("/{b}")],
        _ => vec!["/".to_string()],
    }
}

/// The longest a V4 presigned URL may live: 7 days.
const MAX_PRESIGNED_V4_SECS: u64 = 7 * 24 * 3600;

pub struct Authenticator {
    pub credentials: Credentials,
    pub region: String,
    pub anonymous: bool,
}

impl Authenticator {
    pub fn check(&self, request: &SignedRequest, now: SystemTime) -> Result<(), OssError> {
        if let Some(authorization) = request.header("authorization") {
            if authorization.starts_with(v4::ALGORITHM) {
                return self.check_v4(request, authorization, now);
            }
            if authorization.starts_with("OSS ") {
                return self.check_v1_header(request, authorization, now);
            }
            return Err(OssError::invalid_argument("Authorization header is invalid."));
        }
        if request.query("OSSAccessKeyId").is_some() || request.query("Signature").is_some() {
            return self.check_v1_presigned(request, now);
        }
        if request.query("x-oss-signature-version").is_some() {
            return self.check_v4_presigned(request, now);
        }
        if self.anonymous {
            return Ok(());
        }
        Err(OssError::access_denied("You have no right to access this object because of bucket acl."))
    }

    fn check_access_key(&self, access_key_id: &str) -> Result<(), OssError> {
        if access_key_id == self.credentials.access_key_id {
            Ok(())
        } else {
            Err(OssError::new(
                403,
                "InvalidAccessKeyId",
                "The OSS Access Key Id you provided does not exist in our records.",
            )
            .with_detail("OSSAccessKeyId", access_key_id))
        }
    }

    /// With STS credentials every request must carry the matching token; with permanent ones a
    /// token is an error too (it would name credentials that do not exist).
    fn check_security_token(&self, sent: Option<&str>) -> Result<(), OssError> {
        match (&self.credentials.security_token, sent) {
            (Some(expected), Some(sent)) if expected == sent => Ok(()),
            (None, None) => Ok(()),
            (Some(_), None) => Err(OssError::new(
                403,
                "InvalidSecurityToken",
                "The request must carry x-oss-security-token: these are temporary (STS) credentials.",
            )),
            _ => Err(OssError::new(403, "InvalidSecurityToken", "The security token you provided is invalid.")),
        }
    }

    fn check_v1_header(&self, request: &SignedRequest, authorization: &str, now: SystemTime) -> Result<(), OssError> {
        let (access_key_id, provided) = v1::parse_authorization(authorization)
            .ok_or_else(|| OssError::invalid_argument("Authorization header is invalid."))?;
        self.check_access_key(access_key_id)?;
        self.check_security_token(request.header("x-oss-security-token"))?;
        // Clients that cannot set `Date` send `x-oss-date`, which then takes its place.
        let date_line = request
            .header("x-oss-date")
            .or_else(|| request.header("date"))
            .ok_or_else(|| OssError::access_denied("The request carries neither Date nor x-oss-date."))?;
        let time = clock::parse_request_date(date_line)
            .ok_or_else(|| OssError::access_denied(format!("Invalid date: {date_line:?}")))?;
        clock::check_skew(time, now)?;
        self.compare_v1(request, access_key_id, provided, date_line)
    }

    fn check_v1_presigned(&self, request: &SignedRequest, now: SystemTime) -> Result<(), OssError> {
        let access_key_id = request.query("OSSAccessKeyId").unwrap_or("");
        let provided =
            request.query("Signature").ok_or_else(|| OssError::access_denied("The presigned URL has no Signature."))?;
        let expires =
            request.query("Expires").ok_or_else(|| OssError::access_denied("The presigned URL has no Expires."))?;
        self.check_access_key(access_key_id)?;
        self.check_security_token(request.query("security-token"))?;
        let expires_at: u64 = expires.parse().map_err(|_| OssError::access_denied("Expires is not a number."))?;
        let now_secs = now.duration_since(SystemTime::UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0);
        if now_secs > expires_at {
            return Err(OssError::access_denied("Request has expired.")
                .with_detail("Expires", expires)
                .with_detail("ServerTime", httpdate::fmt_http_date(now)));
        }
        self.compare_v1(request, access_key_id, provided, expires)
    }

    /// Checks `provided` against every acceptable resource path; the error describes the
    /// preferred one.
    fn compare_v1(
        &self,
        request: &SignedRequest,
        access_key_id: &str,
        provided: &str,
        date_line: &str,
    ) -> Result<(), OssError> {
        let paths = resource_paths(request.bucket, request.key);
        let string_to_sign =
            |path: &str| v1::string_to_sign(request.method, request.headers, date_line, path, request.query);
        for path in &paths {
            let expected = v1::signature(&self.credentials.access_key_secret, &string_to_sign(path));
            if constant_time_eq(expected.as_bytes(), provided.as_bytes()) {
                return Ok(());
            }
        }
        let string_to_sign = string_to_sign(&paths[0]);
        Err(OssError::new(403, "SignatureDoesNotMatch", "The request signature we calculated does not match the signature you provided. Check your key and signing method.")
            .with_detail("StringToSign", string_to_sign.clone())
            .with_detail("SignatureProvided", provided)
            .with_detail("StringToSignBytes", spaced_hex(string_to_sign.as_bytes()))
            .with_detail("OSSAccessKeyId", access_key_id))
    }

    fn check_v4(&self, request: &SignedRequest, authorization: &str, now: SystemTime) -> Result<(), OssError> {
        let auth = v4::parse_authorization(authorization)
            .ok_or_else(|| OssError::invalid_argument("Authorization header is invalid."))?;
        self.check_access_key(&auth.access_key_id)?;
        self.check_security_token(request.header("x-oss-security-token"))?;
        self.check_v4_scope(&auth)?;
        let datetime = request
            .header("x-oss-date")
            .ok_or_else(|| OssError::access_denied("V4 requests must carry x-oss-date."))?;
        let time = clock::parse_iso8601_basic(datetime)
            .ok_or_else(|| OssError::access_denied(format!("Invalid x-oss-date: {datetime:?}")))?;
        clock::check_skew(time, now)?;
        if !datetime.starts_with(&auth.date) || auth.date.len() != 8 {
            return Err(OssError::invalid_argument("Invalid signing date in Authorization header."));
        }
        if request.header("x-oss-content-sha256").is_none() {
            return Err(OssError::invalid_argument("V4 requests must carry x-oss-content-sha256."));
        }
        self.compare_v4(request, request.query, &auth, datetime)
    }

    fn check_v4_scope(&self, auth: &v4::V4Authorization) -> Result<(), OssError> {
        if auth.service != "oss" {
            return Err(OssError::invalid_argument(format!("Invalid signing product: {:?}.", auth.service)));
        }
        if auth.region != self.region {
            return Err(OssError::invalid_argument(format!(
                "Invalid signing region: {:?}; this server is {:?}.",
                auth.region, self.region
            )));
        }
        Ok(())
    }

    /// A V4 presigned URL: `x-oss-signature-version=OSS4-HMAC-SHA256`, `x-oss-credential`,
    /// `x-oss-date`, `x-oss-expires` (seconds), `x-oss-signature`, optional
    /// `x-oss-additional-headers` and `x-oss-security-token`; every other query parameter is
    /// signed, the payload is UNSIGNED-PAYLOAD.
    fn check_v4_presigned(&self, request: &SignedRequest, now: SystemTime) -> Result<(), OssError> {
        if request.query("x-oss-signature-version") != Some(v4::ALGORITHM) {
            return Err(OssError::invalid_argument("x-oss-signature-version must be OSS4-HMAC-SHA256."));
        }
        let required = |name: &str| {
            request.query(name).ok_or_else(|| OssError::access_denied(format!("The presigned URL has no {name}.")))
        };
        let (credential, datetime, expires) =
            (required("x-oss-credential")?, required("x-oss-date")?, required("x-oss-expires")?);
        let auth = v4::parse_query_credential(
            credential,
            request.query("x-oss-additional-headers"),
            required("x-oss-signature")?,
        )
        .ok_or_else(|| OssError::invalid_argument("x-oss-credential is invalid."))?;
        self.check_access_key(&auth.access_key_id)?;
        self.check_security_token(request.query("x-oss-security-token"))?;
        self.check_v4_scope(&auth)?;
        let signed_at = clock::parse_iso8601_basic(datetime)
            .filter(|_| datetime.starts_with(&auth.date))
            .ok_or_else(|| OssError::access_denied(format!("Invalid x-oss-date: {datetime:?}")))?;
        let lifetime: u64 = expires
            .parse()
            .ok()
            .filter(|s| (1..=MAX_PRESIGNED_V4_SECS).contains(s))
            .ok_or_else(|| OssError::invalid_argument("x-oss-expires must be 1 to 604800 seconds."))?;
        if now > signed_at + std::time::Duration::from_secs(lifetime) {
            return Err(OssError::access_denied("Request has expired.")
                .with_detail("Expires", expires)
                .with_detail("ServerTime", httpdate::fmt_http_date(now)));
        }
        let query: Vec<(String, String)> =
            request.query.iter().filter(|(n, _)| n != "x-oss-signature").cloned().collect();
        self.compare_v4(request, &query, &auth, datetime)
    }

    /// Checks a V4 signature over `query` against every acceptable resource path; the error
    /// describes the preferred one.
    fn compare_v4(
        &self,
        request: &SignedRequest,
        query: &[(String, String)],
        auth: &v4::V4Authorization,
        datetime: &str,
    ) -> Result<(), OssError> {
        let scope = v4::scope(&auth.date, &auth.region);
        let sign = |path: &str| {
            let canonical =
                v4::canonical_request(request.method, path, query, request.headers, &auth.additional_headers);
            let string_to_sign = v4::string_to_sign(datetime, &scope, &canonical);
            (canonical, string_to_sign)
        };
        let paths = resource_paths(request.bucket, request.key);
        for path in &paths {
            let (_, string_to_sign) = sign(path);
            let expected =
                v4::signature(&self.credentials.access_key_secret, &auth.date, &auth.region, &string_to_sign);
            if constant_time_eq(expected.as_bytes(), auth.signature.as_bytes()) {
                return Ok(());
            }
        }
        let (canonical, string_to_sign) = sign(&paths[0]);
        Err(OssError::new(403, "SignatureDoesNotMatch", "The request signature we calculated does not match the signature you provided. Check your key and signing method.")
            .with_detail("StringToSign", string_to_sign)
            .with_detail("SignatureProvided", auth.signature.clone())
            .with_detail("CanonicalRequest", canonical)
            .with_detail("OSSAccessKeyId", auth.access_key_id.clone()))
    }
}

/// The signed headers of both versions: the `wanted` ones (by lower-case name), lower-cased,
/// values trimmed, repeated headers joined with `,`, sorted, each `name:value\n`.
fn canonical_headers(headers: &[(String, String)], wanted: impl Fn(&str) -> bool) -> String {
    let mut signed: Vec<(String, String)> = Vec::new();
    for (name, value) in headers {
        let name = name.to_ascii_lowercase();
        if !wanted(&name) {
            continue;
        }
        match signed.iter_mut().find(|(n, _)| *n == name) {
            Some(existing) => {
                existing.1.push(',');
                existing.1.push_str(value.trim());
            }
            None => signed.push((name, value.trim().to_string())),
        }
    }
    signed.sort();
    signed.iter().map(|(n, v)| format!("{n}:{v}\n")).collect()
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

fn spaced_hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02X}")).collect::<Vec<_>>().join(" ")
}

/// Owned header or query pairs from literals (the auth tests).
#[cfg(test)]
pub(crate) fn owned(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, UNIX_EPOCH};

    use super::owned;

    fn authenticator(token: Option<&str>) -> Authenticator {
        Authenticator {
            credentials: Credentials {
                access_key_id: "ak".into(),
                access_key_secret: "sk".into(),
                security_token: token.map(str::to_string),
            },
            region: "cn-hangzhou".into(),
            anonymous: false,
        }
    }

    const VECTOR_TIME: u64 = 1_702_743_657;

    fn v1_vector_headers(authorization: &str) -> Vec<(String, String)> {
        owned(&[
            ("Date", "Sat, 16 Dec 2023 16:20:57 GMT"),
            ("Content-Type", "text/plain"),
            ("X-Oss-Meta-A", "one"),
            ("x-oss-meta-B", "two"),
            ("Authorization", authorization),
        ])
    }

    fn v1_vector_request<'a>(query: &'a [(String, String)], headers: &'a [(String, String)]) -> SignedRequest<'a> {
        SignedRequest { method: "GET", bucket: Some("bucket"), key: Some("dir/a b.txt"), query, headers }
    }

    #[test]
    fn v1_vector_verifies_and_tampering_fails() {
        let query = owned(&[("acl", ""), ("versionId", "CAEQ")]);
        let now = UNIX_EPOCH + Duration::from_secs(VECTOR_TIME + 60);
        let headers = v1_vector_headers("OSS ak:hJwC66PXcDS4gcsJZfDRgmuJO1I=");
        let request = v1_vector_request(&query, &headers);
        authenticator(None).check(&request, now).unwrap();

        let other_key = SignedRequest { key: Some("dir/a b.tx"), ..request };
        let err = authenticator(None).check(&other_key, now).unwrap_err();
        assert_eq!(err.code, "SignatureDoesNotMatch");
        assert!(err
            .details
            .iter()
            .any(|(n, v)| *n == "StringToSign" && v.ends_with("/bucket/dir/a b.tx?acl&versionId=CAEQ")));
        assert!(!err.to_xml("r", "h").contains("<Secret"), "the secret is never echoed");

        let fewer_subresources = owned(&[("versionId", "CAEQ")]);
        let request = SignedRequest { query: &fewer_subresources, ..request };
        assert_eq!(authenticator(None).check(&request, now).unwrap_err().code, "SignatureDoesNotMatch");
    }

    #[test]
    fn v1_errors_in_oss_order() {
        let query = owned(&[("acl", ""), ("versionId", "CAEQ")]);
        let headers = v1_vector_headers("OSS nobody:hJwC66PXcDS4gcsJZfDRgmuJO1I=");
        let request = v1_vector_request(&query, &headers);
        let now = UNIX_EPOCH + Duration::from_secs(VECTOR_TIME);
        assert_eq!(authenticator(None).check(&request, now).unwrap_err().code, "InvalidAccessKeyId");
        let headers = v1_vector_headers("OSS ak:hJwC66PXcDS4gcsJZfDRgmuJO1I=");
        let request = SignedRequest { headers: &headers, ..request };
        assert_eq!(authenticator(Some("tok")).check(&request, now).unwrap_err().code, "InvalidSecurityToken");
        let late = now + Duration::from_secs(16 * 60);
        assert_eq!(authenticator(None).check(&request, late).unwrap_err().code, "RequestTimeTooSkewed");
        let no_auth = owned(&[("Date", "Sat, 16 Dec 2023 16:20:57 GMT")]);
        let request = SignedRequest { headers: &no_auth, ..request };
        assert_eq!(authenticator(None).check(&request, now).unwrap_err().code, "AccessDenied");
        let anonymous = Authenticator { anonymous: true, ..authenticator(None) };
        anonymous.check(&request, now).unwrap();
    }

    #[test]
    fn v4_vector_verifies() {
        let (mut headers, query) = v4::tests::vector_headers_and_query();
        headers.push((
            "Authorization".into(),
            format!(
                "{} Credential=ak/20231216/cn-hangzhou/oss/aliyun_v4_request,Signature={}",
                v4::ALGORITHM,
                v4::tests::VECTOR_SIGNATURE
            ),
        ));
        let request = SignedRequest {
            method: "PUT",
            bucket: Some("bucket"),
            key: Some("1234+-/123/1.txt"),
            query: &query,
            headers: &headers,
        };
        let now = UNIX_EPOCH + Duration::from_secs(VECTOR_TIME + 5);
        authenticator(None).check(&request, now).unwrap();
        let as_get = SignedRequest { method: "GET", ..request };
        assert_eq!(authenticator(None).check(&as_get, now).unwrap_err().code, "SignatureDoesNotMatch");
        let other_region = Authenticator { region: "cn-beijing".into(), ..authenticator(None) };
        assert_eq!(other_region.check(&request, now).unwrap_err().status, 400);
    }
}
