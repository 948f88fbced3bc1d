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

#[cfg(test)]
mod tests {
    use super::uri_encode;

    #[test]
    fn encodes_everything_but_unreserved() {
        assert_eq!(uri_encode("a b+c/d?e#f%g~h", false), "a%20b%2Bc%2Fd%3Fe%23f%25g~h");
        assert_eq!(uri_encode("a b+c/d", true), "a%20b%2Bc/d");
        assert_eq!(uri_encode("中", true), "%E4%B8%AD");
    }
}
