//! Requests to a presigned URL: the URL carries the signature, so nothing is signed here — the
//! caller's headers go as they are (they must be the ones the URL was signed with).

use crate::error::{codes, Error, Result};
use crate::http::{Method, Request};

/// A request for `url` (http or https) with the caller's headers, checked like any header a
/// caller gives (one line each: no header injection).
pub fn url_request(method: Method, url: &str, headers: &[(String, String)]) -> Result<Request> {
    let scheme_ok = url.starts_with("http://") || url.starts_with("https://");
    if !scheme_ok || url.bytes().any(|b| b <= b' ' || b == 0x7f) {
        return Err(Error::invalid_argument(codes::CLIENT, "the signed URL must be an http(s) URL without spaces"));
    }
    for (name, value) in headers {
        crate::client::validate_header(name, value)?;
    }
    Ok(Request { method, url: url.to_string(), headers: headers.to_vec() })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_http_urls_and_one_line_headers() {
        assert!(url_request(Method::Get, "http://127.0.0.1:1/b/k?Signature=x", &[]).is_ok());
        for bad in ["ftp://h/k", "http://h/a b", "/b/k", "http://h/\r\nX: y"] {
            assert!(url_request(Method::Get, bad, &[]).is_err(), "{bad}");
        }
        let injected = [("X-A".to_string(), "v\r\nAuthorization: x".to_string())];
        assert!(url_request(Method::Get, "http://h/k", &injected).is_err());
    }
}
