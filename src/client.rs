//! A `Client` is everything needed to turn "this method on this object" into
//! a signed `http::Request`: the caller's `Config`, with the endpoint parsed
//! and the signature version settled once. It holds no connection; sessions
//! do.

use crate::call_log::{self, CallLog};
use crate::config::{Config, SignatureVersion};
use crate::error::{codes, Error, Result};
use crate::http::{Method, Request, Session};
use crate::names;
use crate::sign::{self, SigningInput, Version};
use crate::url::{self, Endpoint};
use std::sync::atomic::AtomicBool;
use std::sync::Arc;
use std::time::SystemTime;

#[derive(Clone, Debug)]
pub struct Client {
    pub config: Config,
    pub endpoint: Endpoint,
    pub version: Version,
    /// Once set, every transfer of every session this client makes stops (the caller cancelled
    /// the call: `aos_http_controller_cancel`).
    pub stop: Option<Arc<AtomicBool>>,
    /// The call this client was made in (see `call_log`): its sessions count into it, also on
    /// other threads.
    pub call: Option<Arc<CallLog>>,
}

/// Which object, with the caller's extra headers and query parameters
/// (Range, If-Match, x-oss-traffic-limit, versionId, response-* ...): they
/// are sent and signed on every request made for it.
#[derive(Clone, Debug, Default)]
pub struct ObjectRef {
    pub bucket: String,
    pub key: String,
    pub headers: Vec<(String, String)>,
    pub query: Vec<(String, String)>,
}

impl Client {
    /// Checks what can be checked before any request: the configuration is
    /// complete (V4 has a region) and the endpoint parses.
    pub fn new(config: Config) -> Result<Self> {
        config.validate().map_err(|e| Error::invalid_argument(codes::CLIENT, e.to_string()))?;
        let endpoint = Endpoint::parse(&config.endpoint)?;
        let version = match config.signature_version {
            SignatureVersion::V1 => Version::V1,
            SignatureVersion::V4 => Version::V4 { region: config.region.clone().unwrap_or_default() },
        };
        Ok(Self { config, endpoint, version, stop: None, call: call_log::current() })
    }

    /// A new connection-owning session with this client's transport settings (and its stop flag).
    pub fn session(&self) -> Result<Session> {
        let mut session = Session::new(&self.config)?.in_call(self.the_call());
        if let Some(stop) = &self.stop {
            session.stop_on(stop.clone());
        }
        Ok(session)
    }

    /// The call this client works for: the one it was made in, else the thread's.
    fn the_call(&self) -> Option<Arc<CallLog>> {
        self.call.clone().or_else(call_log::current)
    }

    /// Validates the names and builds a signed request for `object`, with
    /// `extra_headers` (replacing the caller's of the same name) and
    /// `extra_query` added to the object's own.
    pub fn object_request(
        &self,
        method: Method,
        object: &ObjectRef,
        extra_headers: &[(String, String)],
        extra_query: &[(String, String)],
    ) -> Result<Request> {
        names::check(&object.bucket, &object.key, self.config.transfer.verify_object_strict)?;
        let mut query = object.query.clone();
        query.extend(extra_query.iter().cloned());
        self.signed(method, &object.bucket, Some(&object.key), &object.headers, extra_headers, query)
    }

    /// A presigned URL for `method` on `object`, valid until `expires_at` (seconds since the
    /// epoch): the object's query parameters and the headers the request will carry (its
    /// `headers`: Content-Type, Content-MD5, x-oss-*) are signed with it.
    pub fn signed_url(&self, method: Method, object: &ObjectRef, expires_at: u64) -> Result<String> {
        names::check(&object.bucket, &object.key, self.config.transfer.verify_object_strict)?;
        for (name, value) in &object.headers {
            validate_header(name, value)?;
        }
        let input = SigningInput {
            method: method.as_str(),
            bucket: Some(&object.bucket),
            key: Some(&object.key),
            query: &object.query,
            headers: &object.headers,
        };
        let added =
            sign::presign::presign(&self.config.credentials, &self.version, &input, expires_at, SystemTime::now());
        let query: Vec<(String, String)> = object.query.iter().cloned().chain(added).collect();
        Ok(url::object_target(&self.endpoint, self.config.is_cname, &object.bucket, Some(&object.key), &query).url)
    }

    /// A signed request for a bucket-level resource (listing, DeleteMultipleObjects, bucket
    /// configuration): `headers` and `query` as given.
    pub fn bucket_request(
        &self,
        method: Method,
        bucket: &str,
        headers: &[(String, String)],
        query: Vec<(String, String)>,
    ) -> Result<Request> {
        names::validate_bucket(bucket)?;
        self.signed(method, bucket, None, headers, &[], query)
    }

    /// A signed request to the service itself (ListBuckets): no bucket, the endpoint as host.
    pub fn service_request(&self, method: Method, query: Vec<(String, String)>) -> Result<Request> {
        let target = url::service_target(&self.endpoint, &query);
        let input = SigningInput { method: method.as_str(), bucket: None, key: None, query: &query, headers: &[] };
        let headers = sign::sign(&self.config.credentials, &self.version, &input, SystemTime::now());
        Ok(Request { method, url: target.url, headers })
    }

    fn signed(
        &self,
        method: Method,
        bucket: &str,
        key: Option<&str>,
        headers: &[(String, String)],
        extra_headers: &[(String, String)],
        query: Vec<(String, String)>,
    ) -> Result<Request> {
        for (name, value) in headers.iter().chain(extra_headers) {
            validate_header(name, value)?;
        }
        let mut headers = headers.to_vec();
        for (name, value) in extra_headers {
            headers.retain(|(n, _)| !n.eq_ignore_ascii_case(name));
            headers.push((name.clone(), value.clone()));
        }
        if let Some(call) = self.the_call() {
            call.note_target(bucket, key);
        }
        let target = url::object_target(&self.endpoint, self.config.is_cname, bucket, key, &query);
        let input =
            SigningInput { method: method.as_str(), bucket: Some(bucket), key, query: &query, headers: &headers };
        let added = sign::sign(&self.config.credentials, &self.version, &input, SystemTime::now());
        headers.extend(added);
        Ok(Request { method, url: target.url, headers })
    }
}

/// A header the caller gave must be one header line: a token for a name (no
/// spaces, colons or control characters) and a value without CR, LF or NUL.
/// libcurl sends what it is given, so a value with CRLF in it would add
/// headers of the caller's (or an attacker's) choosing to a signed request.
pub(crate) fn validate_header(name: &str, value: &str) -> Result<()> {
    let bad_name = name.is_empty() || name.bytes().any(|b| b <= b' ' || b >= 0x7f || b == b':');
    let bad_value = value.bytes().any(|b| b == b'\r' || b == b'\n' || b == 0);
    if bad_name || bad_value {
        return Err(Error::invalid_argument(
            codes::CLIENT,
            format!("invalid header {name:?}: names are tokens, values may not contain CR, LF or NUL"),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Credentials;

    fn config() -> Config {
        let creds = Credentials { access_key_id: "ak".into(), access_key_secret: "sk".into(), security_token: None };
        Config::new("127.0.0.1:9000", creds)
    }

    #[test]
    fn v4_without_region_and_bad_endpoints_are_refused() {
        let mut c = config();
        c.signature_version = SignatureVersion::V4;
        assert_eq!(Client::new(c).unwrap_err().code(), -994);
        let mut c = config();
        c.endpoint = "ftp://x".into();
        assert_eq!(Client::new(c).unwrap_err().error_code(), "EndpointInvalidError");
    }

    #[test]
    fn requests_carry_caller_headers_and_signature() {
        let c = Client::new(config()).unwrap();
        let obj = ObjectRef {
            bucket: "bkt".into(),
            key: "a b".into(),
            headers: vec![("Range".into(), "bytes=0-1".into())],
            query: vec![("versionId".into(), "v1".into())],
        };
        let req = c.object_request(Method::Get, &obj, &[("range".into(), "bytes=5-9".into())], &[]).unwrap();
        assert_eq!(req.url, "http://127.0.0.1:9000/bkt/a%20b?versionId=v1");
        let ranges: Vec<_> = req.headers.iter().filter(|(n, _)| n.eq_ignore_ascii_case("range")).collect();
        assert_eq!(ranges.len(), 1, "an extra header replaces the caller's");
        assert_eq!(ranges[0].1, "bytes=5-9");
        assert!(req.headers.iter().any(|(n, v)| n == "Authorization" && v.starts_with("OSS ak:")));
    }

    #[test]
    fn bad_names_fail_before_any_request() {
        let c = Client::new(config()).unwrap();
        let bad_bucket = ObjectRef { bucket: "B".into(), key: "k".into(), ..Default::default() };
        assert_eq!(
            c.object_request(Method::Head, &bad_bucket, &[], &[]).unwrap_err().error_code(),
            "BucketNameInvalidError"
        );
        let empty_key = ObjectRef { bucket: "bkt".into(), key: String::new(), ..Default::default() };
        assert_eq!(
            c.object_request(Method::Head, &empty_key, &[], &[]).unwrap_err().error_code(),
            "ObjectNameInvalidError"
        );
    }
}
