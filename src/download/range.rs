//! A caller's `Range: bytes=...` header on a resumable download, read as
//! "download just these bytes": parsed before any request (a header we could
//! not honour is refused, never silently widened to the whole object), then
//! resolved against the object's size from the HEAD the way OSS's standard
//! range behaviour does (end clamped to the object, suffix ranges allowed).
//!
//! A range the object cannot satisfy is answered with the server's own 416:
//! one ranged GET, pinned to the HEAD's ETag, fetches it, so the caller gets
//! the real `InvalidRange` status, message and request id.

use crate::client::{Client, ObjectRef};
use crate::error::{codes, ClientCode, Error};
use crate::http::{Discard, Method, Response};
use crate::outcome::Failure;
use crate::transfer::plan::Span;

/// What the caller asked for, before the object's size is known.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RangeSpec {
    /// `bytes=a-b`, both inclusive, `a <= b`.
    FromTo(u64, u64),
    /// `bytes=a-`: from `a` to the end.
    From(u64),
    /// `bytes=-n`: the last `n` bytes.
    Suffix(u64),
}

fn malformed(value: &str, why: &str) -> Error {
    Error::invalid_argument(codes::RANGE_INVALID, format!("cannot download the range {value:?}: {why}"))
}

/// Parses a `Range` header value. Accepts one range in the `bytes` unit
/// (case-insensitive, spaces around the numbers tolerated); refuses
/// several ranges (one file cannot hold them), inverted ranges and anything
/// else that is not a byte range.
pub fn parse(value: &str) -> Result<RangeSpec, Error> {
    let trimmed = value.trim();
    let set = trimmed
        .get(..6)
        .filter(|unit| unit.eq_ignore_ascii_case("bytes="))
        .map(|_| &trimmed[6..])
        .ok_or_else(|| malformed(value, "expected bytes=START-END, bytes=START- or bytes=-LENGTH"))?;
    if set.contains(',') {
        return Err(malformed(value, "only one range can be downloaded into a file"));
    }
    let (first, last) = set.split_once('-').ok_or_else(|| malformed(value, "no '-' in the range"))?;
    let number = |s: &str| -> Result<Option<u64>, Error> {
        let s = s.trim();
        if s.is_empty() {
            return Ok(None);
        }
        if !s.bytes().all(|b| b.is_ascii_digit()) {
            return Err(malformed(value, "positions must be decimal numbers"));
        }
        s.parse().map(Some).map_err(|_| malformed(value, "a position is too large"))
    };
    match (number(first)?, number(last)?) {
        (Some(a), Some(b)) if a <= b => Ok(RangeSpec::FromTo(a, b)),
        (Some(_), Some(_)) => Err(malformed(value, "the range ends before it starts")),
        (Some(a), None) => Ok(RangeSpec::From(a)),
        (None, Some(n)) => Ok(RangeSpec::Suffix(n)),
        (None, None) => Err(malformed(value, "no positions")),
    }
}

impl RangeSpec {
    /// The bytes of a `size`-byte object this range covers, as OSS's
    /// standard behaviour serves them; `None` when it covers none (start at
    /// or past the end, an empty suffix, any range of an empty object).
    pub fn resolve(self, size: u64) -> Option<Span> {
        let (start, end) = match self {
            RangeSpec::FromTo(a, b) if a < size => (a, b.min(size - 1)),
            RangeSpec::From(a) if a < size => (a, size - 1),
            RangeSpec::Suffix(n) if n > 0 && size > 0 => (size - n.min(size), size - 1),
            _ => return None,
        };
        Some(Span { start, len: end - start + 1 })
    }
}

/// The failure for a range the object cannot satisfy: the server's answer
/// to that range (416 `InvalidRange`; 412 if the object changed since the
/// HEAD). `object` carries the caller's headers without `Range`.
pub fn unsatisfiable(client: &Client, object: &ObjectRef, head: &Response, value: &str) -> Failure {
    let mut extra =
        vec![("Range".to_string(), value.to_string()), ("x-oss-range-behavior".to_string(), "standard".to_string())];
    if let Some(etag) = head.header("ETag") {
        extra.push(("If-Match".to_string(), etag.to_string()));
    }
    let answer = client
        .object_request(Method::Get, object, &extra, &[])
        .and_then(|request| client.session()?.execute(&request, &mut Discard));
    match answer {
        Err(error) => error.into(),
        Ok(response) => match response.service_error() {
            Some(error) => Failure { error, response: Some(Box::new(response)) },
            // The HEAD said the object is too small for this range; the GET
            // served it anyway. Neither answer can be trusted.
            None => Failure {
                error: Error::Transport {
                    code: ClientCode::ServiceError,
                    message: format!(
                        "the server served range {value:?} of an object its HEAD reported as {} bytes",
                        head.content_length().unwrap_or(0)
                    ),
                    request_id: response.request_id().map(str::to_string),
                },
                response: Some(Box::new(response)),
            },
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_three_forms() {
        assert_eq!(parse("bytes=0-99").unwrap(), RangeSpec::FromTo(0, 99));
        assert_eq!(parse(" Bytes= 5 - 5 ").unwrap(), RangeSpec::FromTo(5, 5));
        assert_eq!(parse("bytes=100-").unwrap(), RangeSpec::From(100));
        assert_eq!(parse("bytes=-42").unwrap(), RangeSpec::Suffix(42));
        assert_eq!(parse("bytes=-0").unwrap(), RangeSpec::Suffix(0));
    }

    #[test]
    fn refuses_what_cannot_be_one_file() {
        for bad in [
            "",
            "bytes",
            "bytes=",
            "bytes=-",
            "items=0-1",
            "bytes=0-1,5-6",
            "bytes=9-3",
            "bytes=a-b",
            "bytes=+1-2",
            "bytes=1",
            "bytes=99999999999999999999999-",
        ] {
            let e = parse(bad).unwrap_err();
            assert_eq!(e.code(), ClientCode::InvalidArgument as i32, "{bad}");
            assert_eq!(e.error_code(), codes::RANGE_INVALID, "{bad}");
        }
    }

    #[test]
    fn resolves_like_the_standard_range_behaviour() {
        let span = |start, len| Some(Span { start, len });
        assert_eq!(RangeSpec::FromTo(0, 99).resolve(1000), span(0, 100));
        assert_eq!(RangeSpec::FromTo(990, 5000).resolve(1000), span(990, 10));
        assert_eq!(RangeSpec::FromTo(999, 999).resolve(1000), span(999, 1));
        assert_eq!(RangeSpec::FromTo(1000, 1001).resolve(1000), None);
        assert_eq!(RangeSpec::From(10).resolve(1000), span(10, 990));
        assert_eq!(RangeSpec::From(1000).resolve(1000), None);
        assert_eq!(RangeSpec::Suffix(10).resolve(1000), span(990, 10));
        assert_eq!(RangeSpec::Suffix(5000).resolve(1000), span(0, 1000));
        assert_eq!(RangeSpec::Suffix(0).resolve(1000), None);
        assert_eq!(RangeSpec::From(0).resolve(0), None);
        assert_eq!(RangeSpec::Suffix(1).resolve(0), None);
    }
}
