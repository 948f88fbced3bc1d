//! Percent-decoding of request paths and queries, and the percent-encoding V4 signing uses.

/// Decodes `%XX` escapes. `+` stays a plus (OSS paths and signed queries treat it literally).
/// Fails on a truncated or non-hex escape, or when the decoded bytes are not UTF-8.
pub fn decode(text: &str) -> Result<String, ()> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hi = bytes.get(i + 1).and_then(|b| hex_value(*b)).ok_or(())?;
            let lo = bytes.get(i + 2).and_then(|b| hex_value(*b)).ok_or(())?;
            out.push(hi << 4 | lo);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).map_err(|_| ())
}

fn hex_value(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

/// Encodes everything except `A-Za-z0-9-_.~` (and `/` when `keep_slash`), upper-case hex:
/// the encoding of the V4 canonical request.
pub fn encode(text: &str, keep_slash: bool) -> String {
    let mut out = String::with_capacity(text.len() * 3 / 2);
    for &b in text.as_bytes() {
        let bare = b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') || (keep_slash && b == b'/');
        if bare {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_escapes_and_keeps_plus() {
        assert_eq!(decode("a%2Fb+c%20d%e2%82%AC").unwrap(), "a/b+c d€");
    }

    #[test]
    fn rejects_bad_escapes() {
        assert!(decode("%").is_err());
        assert!(decode("%4").is_err());
        assert!(decode("%zz").is_err());
        assert!(decode("%ff").is_err(), "not UTF-8");
    }

    #[test]
    fn encodes_like_v4() {
        assert_eq!(encode("1234+-/123/1.txt", true), "1234%2B-/123/1.txt");
        assert_eq!(encode("|param1", false), "%7Cparam1");
        assert_eq!(encode("a b/€", false), "a%20b%2F%E2%82%AC");
    }
}
