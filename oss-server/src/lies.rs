//! Answers that break the protocol on purpose (fault kinds `garbage`, `garbage_headers`,
//! `length`, `range`, `html`, `huge_header`): a client must turn each into a clear error,
//! never a crash, a hang or a wrong file. They act on the bytes of a response head after it
//! was built, so everything else about the answer (body, counters) stays as it was; the
//! connection is closed after any of them, since its framing can no longer be trusted.

/// The lies one answer tells; several rules may add to it.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Lies {
    /// Send seeded random bytes instead of an HTTP answer, then close.
    pub garbage_response: bool,
    /// Put lines that are not headers (binary, NUL, no colon, empty name, non-UTF-8)
    /// between the status line and the real headers.
    pub garbage_headers: bool,
    /// Replace the `Content-Length` value (the body sent is unchanged).
    pub content_length: Option<u64>,
    /// Move both ends of `Content-Range` by this many bytes (the body is unchanged).
    pub content_range_shift: Option<i64>,
    /// Answer with this status and an HTML body (no OSS error XML, no `x-oss-err`).
    pub html_error: Option<u16>,
    /// Add a header whose line is this many bytes long (capped at 64 MiB).
    pub huge_header: Option<u64>,
}

const MAX_HUGE_HEADER: u64 = 64 << 20;
const GARBAGE_LEN: usize = 4096;

/// Lines that are not headers; curl and friends must survive every one.
const GARBAGE_LINES: &[&[u8]] = &[
    b"\x00\x01\x02 binary\xff\xfe",
    b"NoColonOnThisLine",
    b": a value without a name",
    b"X-Not-Utf8: \xff\xfe\xc3\x28\x80",
    b"X-Control: a\x07b\x1bc",
    b"Content-Type",
];

impl Lies {
    pub fn any(&self) -> bool {
        *self != Lies::default()
    }

    /// Rewrites a response head (`status line\r\n headers \r\n\r\n`).
    pub fn rewrite_head(&self, head: &[u8], seed: u64) -> Vec<u8> {
        if self.garbage_response {
            return garbage(seed, GARBAGE_LEN);
        }
        let body_start = head.len() - head.ends_with(b"\r\n\r\n") as usize * 4;
        let mut lines: Vec<Vec<u8>> =
            head[..body_start].split(|&b| b == b'\n').map(|l| l.strip_suffix(b"\r").unwrap_or(l).to_vec()).collect();
        for line in lines.iter_mut().skip(1) {
            let (name, value) = split_header(line);
            if name.eq_ignore_ascii_case(b"content-length") {
                if let Some(n) = self.content_length {
                    *line = format!("Content-Length: {n}").into_bytes();
                }
            } else if name.eq_ignore_ascii_case(b"content-range") {
                if let (Some(shift), Some(range)) = (self.content_range_shift, parse_range(value)) {
                    let (a, b, size) = range;
                    let moved = |v: u64| (i128::from(v) + i128::from(shift)).max(0);
                    *line = format!("Content-Range: bytes {}-{}/{size}", moved(a), moved(b)).into_bytes();
                }
            }
        }
        if self.garbage_headers {
            for (i, junk) in GARBAGE_LINES.iter().enumerate() {
                lines.insert(1 + i, junk.to_vec());
            }
        }
        if let Some(n) = self.huge_header {
            let mut line = b"X-Oss-Padding: ".to_vec();
            line.resize(n.clamp(16, MAX_HUGE_HEADER) as usize, b'a');
            lines.push(line);
        }
        let mut out = lines.join(&b"\r\n"[..]);
        out.extend_from_slice(b"\r\n\r\n");
        out
    }
}

fn split_header(line: &[u8]) -> (&[u8], &[u8]) {
    match line.iter().position(|&b| b == b':') {
        Some(i) => (line[..i].trim_ascii(), line[i + 1..].trim_ascii()),
        None => (line, b""),
    }
}

/// `bytes a-b/size` -> (a, b, size).
fn parse_range(value: &[u8]) -> Option<(u64, u64, String)> {
    let text = std::str::from_utf8(value).ok()?.strip_prefix("bytes ")?;
    let (span, size) = text.split_once('/')?;
    let (a, b) = span.split_once('-')?;
    Some((a.parse().ok()?, b.parse().ok()?, size.to_string()))
}

/// An HTML error page, as a proxy or load balancer would send instead of OSS's XML.
pub fn html_error_body(status: u16) -> Vec<u8> {
    format!("<html>\r\n<head><title>{status} Bad Gateway</title></head>\r\n<body><center><h1>{status} Bad Gateway</h1></center><hr><center>nginx</center></body>\r\n</html>\r\n").into_bytes()
}

/// `len` seeded bytes that do not start like an HTTP answer.
fn garbage(seed: u64, len: usize) -> Vec<u8> {
    let mut out = b"\x00\xffNOT-HTTP ".to_vec();
    let mut rng = crate::splitmix::SplitMix64::new(seed);
    while out.len() < len {
        out.extend_from_slice(&rng.next_u64().to_le_bytes());
    }
    out.truncate(len);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEAD: &[u8] = b"HTTP/1.1 206 Partial Content\r\nContent-Range: bytes 100-199/1000\r\nETag: \"X\"\r\nContent-Length: 100\r\nConnection: keep-alive\r\n\r\n";

    #[test]
    fn no_lie_changes_nothing() {
        assert_eq!(Lies::default().rewrite_head(HEAD, 1), HEAD);
        assert!(!Lies::default().any());
    }

    #[test]
    fn length_and_range_are_replaced() {
        let lies = Lies { content_length: Some(1 << 63), content_range_shift: Some(-150), ..Lies::default() };
        let out = String::from_utf8(lies.rewrite_head(HEAD, 1)).unwrap();
        assert!(out.contains("\r\nContent-Length: 9223372036854775808\r\n"), "{out}");
        assert!(out.contains("\r\nContent-Range: bytes 0-49/1000\r\n"), "{out}");
        assert!(out.starts_with("HTTP/1.1 206 Partial Content\r\n") && out.ends_with("\r\n\r\n"));
    }

    #[test]
    fn garbage_headers_huge_header_and_garbage() {
        let lies = Lies { garbage_headers: true, huge_header: Some(10 << 20), ..Lies::default() };
        let out = lies.rewrite_head(HEAD, 1);
        assert!(out.len() > 10 << 20);
        assert!(out.windows(17).any(|w| w == b"NoColonOnThisLine"));
        assert!(out.starts_with(b"HTTP/1.1 206") && out.ends_with(b"\r\n\r\n"));
        let g = Lies { garbage_response: true, ..Lies::default() };
        assert_eq!(g.rewrite_head(HEAD, 7), g.rewrite_head(HEAD, 7));
        assert_ne!(g.rewrite_head(HEAD, 7), g.rewrite_head(HEAD, 8));
        assert!(!g.rewrite_head(HEAD, 7).starts_with(b"HTTP/"));
    }
}
