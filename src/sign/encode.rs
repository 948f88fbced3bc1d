//! Percent-encoding as OSS signs and addresses it: only `A-Za-z0-9-_.~` stay
//! bare, every other byte of the UTF-8 string becomes `%XX` (upper-case).

fn is_unreserved(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~')
}

/// Percent-encodes `s`; with `keep_slash`, `/` stays bare (paths).
pub fn uri_encode(s: &str, keep_slash: bool) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = String::with_capacity(s.len() + s.len() / 2);
    for &b in s.as_bytes() {
        if is_unreserved(b) || (keep_slash && b == b'/') {
            out.push(b as char);
        } else {
            out.push('%');
            out.push(HEX[usize::from(b >> 4)] as char);
            out.push(HEX[usize::from(b & 15)] as char);
        }
    }
    out
}

/// Decodes `%XX` escapes (the inverse of [`uri_encode`]; `+` stays a plus, as OSS encodes a
/// space as `%20`). `None` for a broken escape or a result that is not UTF-8.
pub fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::{percent_decode, uri_encode};

    #[test]
    fn decodes_what_it_encodes_and_refuses_broken_escapes() {
        for s in ["a b+c/d?e#f%g~h", "中/文", ""] {
            assert_eq!(percent_decode(&uri_encode(s, false)).as_deref(), Some(s));
        }
        assert_eq!(percent_decode("a+b%2f").as_deref(), Some("a+b/"));
        for bad in ["%", "%4", "%zz", "%ff"] {
            assert_eq!(percent_decode(bad), None, "{bad}");
        }
    }

    #[test]
    fn encodes_everything_but_unreserved() {
        assert_eq!(uri_encode("a b+c/d?e#f%g~h", false), "a%20b%2Bc%2Fd%3Fe%23f%25g~h");
        assert_eq!(uri_encode("a b+c/d", true), "a%20b%2Bc/d");
        assert_eq!(uri_encode("中", true), "%E4%B8%AD");
    }
}
