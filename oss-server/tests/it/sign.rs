//! An independent signer for the tests (written from the protocol notes, not shared with the
//! server), so a server-side signing bug cannot hide behind the same bug in the client.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use base64::Engine;
use hmac::{Hmac, Mac};
use sha2::Digest;

use crate::client::Request;

pub struct Keys {
    pub id: String,
    pub secret: String,
    pub token: Option<String>,
    pub region: String,
}

impl Keys {
    pub fn default_test() -> Keys {
        Keys {
            id: oss_server::DEFAULT_ACCESS_KEY_ID.into(),
            secret: oss_server::DEFAULT_ACCESS_KEY_SECRET.into(),
            token: None,
            region: oss_server::DEFAULT_REGION.into(),
        }
    }
}

const V1_SUBRESOURCES: &[&str] = &[
    "acl",
    "objectMeta",
    "response-content-type",
    "response-content-disposition",
    "versionId",
    "security-token",
    "x-oss-traffic-limit",
    "partNumber",
    "uploadId",
    "uploads",
    "continuation-token",
    "bucketInfo",
    "location",
    "delete",
    "tagging",
    "symlink",
    "append",
    "position",
    "restore",
    "x-oss-process",
    "lifecycle",
    "cors",
    "referer",
    "website",
    "logging",
    "qos",
    "live",
];

fn header<'a>(request: &'a Request, name: &str) -> &'a str {
    request.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str()).unwrap_or("")
}

pub fn v1_string_to_sign(request: &Request, date: &str) -> String {
    let mut oss: Vec<(String, String)> = request
        .headers
        .iter()
        .filter(|(n, _)| n.to_ascii_lowercase().starts_with("x-oss-"))
        .map(|(n, v)| (n.to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    oss.sort();
    let mut resource = request.resource();
    let mut sub: Vec<&(String, String)> =
        request.query.iter().filter(|(n, _)| V1_SUBRESOURCES.contains(&n.as_str())).collect();
    sub.sort();
    for (i, (n, v)) in sub.iter().enumerate() {
        resource.push_str(if i == 0 { "?" } else { "&" });
        resource.push_str(n);
        if !v.is_empty() {
            resource.push_str(&format!("={v}"));
        }
    }
    let headers: String = oss.iter().map(|(n, v)| format!("{n}:{v}\n")).collect();
    format!(
        "{}\n{}\n{}\n{date}\n{headers}{resource}",
        request.method,
        header(request, "content-md5"),
        header(request, "content-type")
    )
}

pub fn v1_signature(secret: &str, string_to_sign: &str) -> String {
    let mut mac = Hmac::<sha1::Sha1>::new_from_slice(secret.as_bytes()).unwrap();
    mac.update(string_to_sign.as_bytes());
    base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes())
}

/// Adds Date (shifted by `skew_secs`), the STS token, and a V1 Authorization header.
pub fn sign_v1_at(mut request: Request, keys: &Keys, skew_secs: i64) -> Request {
    let time = shifted(skew_secs);
    let date = httpdate::fmt_http_date(time);
    request.headers.push(("Date".into(), date.clone()));
    if let Some(token) = &keys.token {
        request.headers.push(("x-oss-security-token".into(), token.clone()));
    }
    let sts = v1_string_to_sign(&request, &date);
    request.headers.push(("Authorization".into(), format!("OSS {}:{}", keys.id, v1_signature(&keys.secret, &sts))));
    request
}

pub fn sign_v1(request: Request, keys: &Keys) -> Request {
    sign_v1_at(request, keys, 0)
}

fn shifted(skew_secs: i64) -> SystemTime {
    let now = SystemTime::now();
    if skew_secs >= 0 {
        now + Duration::from_secs(skew_secs as u64)
    } else {
        now - Duration::from_secs((-skew_secs) as u64)
    }
}

/// A presigned V1 URL's query (OSSAccessKeyId, Expires, Signature) for `request`.
pub fn presign_v1(mut request: Request, keys: &Keys, expires_in_secs: i64) -> Request {
    let expires = (shifted(expires_in_secs).duration_since(UNIX_EPOCH).unwrap().as_secs()).to_string();
    let sts = v1_string_to_sign(&request, &expires);
    request.query.push(("OSSAccessKeyId".into(), keys.id.clone()));
    request.query.push(("Expires".into(), expires));
    request.query.push(("Signature".into(), v1_signature(&keys.secret, &sts)));
    request
}

fn v4_encode(text: &str, keep_slash: bool) -> String {
    let mut out = String::new();
    for &b in text.as_bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') || (keep_slash && b == b'/') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn hmac256(key: &[u8], data: &str) -> Vec<u8> {
    let mut mac = Hmac::<sha2::Sha256>::new_from_slice(key).unwrap();
    mac.update(data.as_bytes());
    mac.finalize().into_bytes().to_vec()
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Adds x-oss-date, x-oss-content-sha256, the token, and a V4 Authorization header.
pub fn sign_v4_at(mut request: Request, keys: &Keys, skew_secs: i64) -> Request {
    let secs = shifted(skew_secs).duration_since(UNIX_EPOCH).unwrap().as_secs();
    let datetime = iso_basic(secs);
    let date = &datetime[..8];
    request.headers.push(("x-oss-date".into(), datetime.clone()));
    request.headers.push(("x-oss-content-sha256".into(), "UNSIGNED-PAYLOAD".into()));
    if let Some(token) = &keys.token {
        request.headers.push(("x-oss-security-token".into(), token.clone()));
    }
    let uri = v4_encode(&request.resource(), true);
    let mut query: Vec<(String, String)> =
        request.query.iter().map(|(k, v)| (v4_encode(k, false), v4_encode(v, false))).collect();
    query.sort();
    let query: Vec<String> =
        query.iter().map(|(k, v)| if v.is_empty() { k.clone() } else { format!("{k}={v}") }).collect();
    let mut signed: Vec<(String, String)> = request
        .headers
        .iter()
        .map(|(n, v)| (n.to_ascii_lowercase(), v.trim().to_string()))
        .filter(|(n, _)| n == "content-type" || n == "content-md5" || n.starts_with("x-oss-"))
        .collect();
    signed.sort();
    let headers: String = signed.iter().map(|(n, v)| format!("{n}:{v}\n")).collect();
    let canonical = format!("{}\n{uri}\n{}\n{headers}\n\nUNSIGNED-PAYLOAD", request.method, query.join("&"));
    let scope = format!("{date}/{}/oss/aliyun_v4_request", keys.region);
    let sts = format!("OSS4-HMAC-SHA256\n{datetime}\n{scope}\n{}", hex(&sha2::Sha256::digest(canonical.as_bytes())));
    let mut key = hmac256(format!("aliyun_v4{}", keys.secret).as_bytes(), date);
    for part in [keys.region.as_str(), "oss", "aliyun_v4_request"] {
        key = hmac256(&key, part);
    }
    let signature = hex(&hmac256(&key, &sts));
    request.headers.push((
        "Authorization".into(),
        format!("OSS4-HMAC-SHA256 Credential={}/{scope},Signature={signature}", keys.id),
    ));
    request
}

pub fn sign_v4(request: Request, keys: &Keys) -> Request {
    sign_v4_at(request, keys, 0)
}

fn iso_basic(secs: u64) -> String {
    // Via httpdate's parser-free route: format the civil date by hand.
    let days = secs / 86_400;
    let rem = secs % 86_400;
    let z = days as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}{month:02}{day:02}T{:02}{:02}{:02}Z", rem / 3600, rem % 3600 / 60, rem % 60)
}
