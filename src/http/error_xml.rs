//! Reading the OSS error document. It is tiny and flat, so a tolerant tag
//! extractor does the job; anything that is not such a document yields
//! `None` and the caller falls back to the status line.

use base64::Engine as _;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ErrorBody {
    pub code: String,
    pub message: String,
    pub request_id: Option<String>,
}

/// Parses `<Error><Code>..</Code><Message>..</Message><RequestId>..</RequestId>...</Error>`.
/// Returns `None` unless there is an `<Error>` element with a non-empty `<Code>`.
pub fn parse_error_body(body: &[u8]) -> Option<ErrorBody> {
    let text = std::str::from_utf8(body).ok()?;
    let inner = element(text, "Error")?;
    let code = element(inner, "Code").map(unescape).filter(|c| !c.is_empty())?;
    Some(ErrorBody {
        code,
        message: element(inner, "Message").map(unescape).unwrap_or_default(),
        request_id: element(inner, "RequestId").map(unescape).filter(|s| !s.is_empty()),
    })
}

/// HEAD answers carry the error document base64-encoded in `x-oss-err`.
pub fn parse_x_oss_err(value: &str) -> Option<ErrorBody> {
    let xml = base64::engine::general_purpose::STANDARD.decode(value.trim()).ok()?;
    parse_error_body(&xml)
}

/// Text between `<tag>` (or `<tag attr..>`) and the next `</tag>`.
fn element<'a>(text: &'a str, tag: &str) -> Option<&'a str> {
    let open = format!("<{tag}");
    let mut from = 0;
    while let Some(pos) = text[from..].find(&open) {
        let after = from + pos + open.len();
        let rest = &text[after..];
        // `<Code>` or `<Code attr>`; not `<CodeX>`.
        match rest.chars().next() {
            Some('>') | Some(' ') | Some('\t') | Some('\r') | Some('\n') => {
                let gt = rest.find('>')?;
                if rest[..gt].ends_with('/') {
                    return Some("");
                }
                let content = &rest[gt + 1..];
                let end = content.find(&format!("</{tag}>"))?;
                return Some(&content[..end]);
            }
            _ => from = after,
        }
    }
    None
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
        .trim()
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_oss_document() {
        let xml = br#"<?xml version="1.0" encoding="UTF-8"?>
<Error>
  <Code>SignatureDoesNotMatch</Code>
  <Message>The request signature we calculated does not match &amp; so on</Message>
  <RequestId>5C3D8D2A0ACA54D87B43C048</RequestId>
  <HostId>b.oss.example.com</HostId>
  <StringToSign>GET&#10;</StringToSign>
  <EC>0002-00000040</EC>
</Error>"#;
        let e = parse_error_body(xml).unwrap();
        assert_eq!(e.code, "SignatureDoesNotMatch");
        assert_eq!(e.message, "The request signature we calculated does not match & so on");
        assert_eq!(e.request_id.as_deref(), Some("5C3D8D2A0ACA54D87B43C048"));
    }

    #[test]
    fn rejects_what_is_not_an_error_document() {
        for body in [
            &b""[..],
            b"not xml",
            b"<Error></Error>",
            b"<Error><Code></Code></Error>",
            b"<ErrorX><Code>A</Code></ErrorX>",
            b"\xff\xfe",
            b"<Error><Code>unterminated",
        ] {
            assert_eq!(parse_error_body(body), None, "{:?}", String::from_utf8_lossy(body));
        }
    }

    #[test]
    fn reads_x_oss_err() {
        let b64 = base64::engine::general_purpose::STANDARD
            .encode("<Error><Code>NoSuchKey</Code><Message>m</Message><RequestId>R</RequestId></Error>");
        let e = parse_x_oss_err(&b64).unwrap();
        assert_eq!((e.code.as_str(), e.request_id.as_deref()), ("NoSuchKey", Some("R")));
        assert_eq!(parse_x_oss_err("%%%"), None);
    }
}
