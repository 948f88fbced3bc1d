//! What the log says about each HTTP exchange: at DEBUG one line (method, URL, status, request
//! id, time to first byte, total time, body bytes, the call it belongs to), at TRACE the request's
//! and the answer's headers. Secrets never get through: `Authorization`, `x-oss-security-token`
//! and a URL's signature are masked here, and `crate::log` masks every line again.
//! Nothing is formatted unless the level asks for it.

use std::fmt::Write as _;
use std::time::Duration;

use super::request::Request;
use super::response::Response;
use crate::call_log::{CallLog, Fields};
use crate::error::Result;
use crate::log::{self, Level};
use crate::log_at;

/// Header names whose values are credentials.
const SECRET_HEADERS: &[&str] = &["authorization", "proxy-authorization", "x-oss-security-token"];

/// Logs one finished exchange: `sent` request body bytes, `elapsed` since it began.
pub(super) fn exchange_done(
    request: &Request,
    sent: u64,
    elapsed: Duration,
    result: &Result<Response>,
    call: Option<&CallLog>,
) {
    if !log::enabled(Level::Debug) {
        return;
    }
    let method = request.method.as_str();
    let url = log::redact(&request.url);
    let call = call.map_or(String::new(), |c| format!(" ({})", c.operation()));
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    match result {
        Ok(response) => {
            let t = response.timings;
            let first_byte = Duration::from_micros(t.first_byte_us.saturating_sub(t.start_us).max(0) as u64);
            log_at!(
                Level::Debug,
                "{method} {url} -> {} request_id={} ttfb={:.3}ms time={:.3}ms sent={sent} received={}{call}",
                response.status,
                response.request_id().unwrap_or("-"),
                ms(first_byte),
                ms(elapsed),
                response.body_bytes,
            );
            if log::enabled(Level::Trace) {
                log_at!(Level::Trace, "{method} {url} headers:{}", headers(&request.headers, &response.headers));
            }
        }
        Err(error) => {
            log_at!(
                Level::Debug,
                "{method} {url} -> failed: {} time={:.3}ms sent={sent}{call}",
                Fields(error),
                ms(elapsed)
            );
            if log::enabled(Level::Trace) {
                log_at!(Level::Trace, "{method} {url} headers:{}", headers(&request.headers, &[]));
            }
        }
    }
}

/// The request's headers (`> `) and the answer's (`< `), one a line, credentials masked.
fn headers(sent: &[(String, String)], received: &[(String, String)]) -> String {
    let mut text = String::new();
    for (arrow, list) in [('>', sent), ('<', received)] {
        for (name, value) in list {
            let secret = SECRET_HEADERS.iter().any(|s| name.eq_ignore_ascii_case(s));
            let _ = write!(text, "\n  {arrow} {name}: {}", if secret { "***" } else { value.as_str() });
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credentials_are_masked_in_header_dumps() {
        let sent = vec![
            ("Authorization".to_string(), "OSS ak:signature".to_string()),
            ("x-oss-security-token".to_string(), "CAIStoken".to_string()),
            ("Range".to_string(), "bytes=0-9".to_string()),
        ];
        let received = vec![("x-oss-request-id".to_string(), "R1".to_string())];
        let text = headers(&sent, &received);
        assert_eq!(
            text,
            "\n  > Authorization: ***\n  > x-oss-security-token: ***\n  > Range: bytes=0-9\n  < x-oss-request-id: R1"
        );
    }
}
