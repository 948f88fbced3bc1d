//! Conditional requests: If-Match / If-Unmodified-Since fail with 412, If-None-Match /
//! If-Modified-Since answer 304, evaluated in the order RFC 9110 gives.

use std::time::SystemTime;

use crate::errors::OssError;
use crate::object_meta::ObjectMeta;

#[derive(Debug, PartialEq, Eq)]
pub enum Condition {
    Proceed,
    NotModified,
}

fn etag_listed(list: &str, etag: &str) -> bool {
    let bare = etag.trim_matches('"');
    list.split(',')
        .map(|t| t.trim())
        .any(|t| t == "*" || t.trim_start_matches("W/").trim_matches('"').eq_ignore_ascii_case(bare))
}

fn header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.trim())
}

/// Dates that do not parse are ignored, as HTTP requires.
fn date(headers: &[(String, String)], name: &str) -> Option<SystemTime> {
    header(headers, name).and_then(|v| httpdate::parse_http_date(v).ok())
}

pub fn evaluate(headers: &[(String, String)], meta: &ObjectMeta) -> Result<Condition, OssError> {
    let modified = meta.last_modified_time();
    let failed = |which: &str| {
        OssError::new(412, "PreconditionFailed", "At least one of the pre-conditions you specified did not hold.")
            .with_detail("Condition", which)
    };
    if let Some(list) = header(headers, "if-match") {
        if !etag_listed(list, &meta.etag) {
            return Err(failed("If-Match"));
        }
    } else if let Some(since) = date(headers, "if-unmodified-since") {
        if modified > since {
            return Err(failed("If-Unmodified-Since"));
        }
    }
    if let Some(list) = header(headers, "if-none-match") {
        if etag_listed(list, &meta.etag) {
            return Ok(Condition::NotModified);
        }
    } else if let Some(since) = date(headers, "if-modified-since") {
        if modified <= since {
            return Ok(Condition::NotModified);
        }
    }
    Ok(Condition::Proceed)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta() -> ObjectMeta {
        ObjectMeta {
            size: 1,
            etag: "\"ABCDEF\"".into(),
            crc64: 0,
            last_modified: 1_702_743_657, // Sat, 16 Dec 2023 16:20:57 GMT
            content_type: String::new(),
            user_meta: Vec::new(),
        }
    }

    fn eval(name: &str, value: &str) -> Result<Condition, u16> {
        evaluate(&[(name.to_string(), value.to_string())], &meta()).map_err(|e| e.status)
    }

    #[test]
    fn each_condition() {
        assert_eq!(eval("If-Match", "\"ABCDEF\""), Ok(Condition::Proceed));
        assert_eq!(eval("If-Match", "\"abcdef\""), Ok(Condition::Proceed), "hex case does not matter");
        assert_eq!(eval("If-Match", "\"X\", \"ABCDEF\""), Ok(Condition::Proceed));
        assert_eq!(eval("If-Match", "*"), Ok(Condition::Proceed));
        assert_eq!(eval("If-Match", "\"OTHER\""), Err(412));
        assert_eq!(eval("If-None-Match", "\"ABCDEF\""), Ok(Condition::NotModified));
        assert_eq!(eval("If-None-Match", "\"OTHER\""), Ok(Condition::Proceed));
        assert_eq!(eval("If-Modified-Since", "Sat, 16 Dec 2023 16:20:57 GMT"), Ok(Condition::NotModified));
        assert_eq!(eval("If-Modified-Since", "Sat, 16 Dec 2023 16:20:56 GMT"), Ok(Condition::Proceed));
        assert_eq!(eval("If-Unmodified-Since", "Sat, 16 Dec 2023 16:20:57 GMT"), Ok(Condition::Proceed));
        assert_eq!(eval("If-Unmodified-Since", "Sat, 16 Dec 2023 16:20:56 GMT"), Err(412));
        assert_eq!(eval("If-Unmodified-Since", "not a date"), Ok(Condition::Proceed));
    }
}
