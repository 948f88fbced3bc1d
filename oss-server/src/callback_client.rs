//! The one outgoing HTTP request this server makes: an upload callback's POST, over plain TCP
//! to a loopback address, everything (connect, send, answer) within one deadline and the
//! answer bounded in size, so a callback server that hangs or floods cannot hold a request.

use std::io::{self, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::Instant;

/// The largest callback answer (head and body) accepted.
pub const MAX_ANSWER: usize = 1024 * 1024;
const MAX_HEADERS: usize = 64;

pub struct Answer {
    pub status: u16,
    pub content_type: Option<String>,
    pub body: Vec<u8>,
}

pub struct Post<'a> {
    pub addr: SocketAddr,
    /// The `Host` header (callbackHost, or the URL's authority).
    pub host: &'a str,
    /// Path and query of the callback URL.
    pub path: &'a str,
    pub content_type: &'a str,
    pub body: &'a [u8],
}

fn remaining(deadline: Instant) -> io::Result<std::time::Duration> {
    let left = deadline.saturating_duration_since(Instant::now());
    if left.is_zero() {
        return Err(io::Error::new(io::ErrorKind::TimedOut, "the callback server did not answer in time"));
    }
    Ok(left)
}

/// Sends the POST and reads the answer, all before `deadline`.
pub fn post(request: &Post, deadline: Instant) -> io::Result<Answer> {
    let mut stream = TcpStream::connect_timeout(&request.addr, remaining(deadline)?)?;
    stream.set_write_timeout(Some(remaining(deadline)?))?;
    let head = format!(
        "POST {} HTTP/1.1\r\nHost: {}\r\nContent-Type: {}\r\nContent-Length: {}\r\nUser-Agent: oss-server-callback\r\nConnection: close\r\n\r\n",
        request.path,
        request.host,
        request.content_type,
        request.body.len()
    );
    stream.write_all(head.as_bytes())?;
    stream.write_all(request.body)?;
    stream.flush()?;
    let mut received = Vec::new();
    let mut chunk = [0u8; 16 * 1024];
    loop {
        if let Some(answer) = parse(&received)? {
            return Ok(answer);
        }
        stream.set_read_timeout(Some(remaining(deadline)?))?;
        let n = match stream.read(&mut chunk) {
            Ok(0) => return parse_at_eof(&received),
            Ok(n) => n,
            Err(e) if matches!(e.kind(), io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut) => {
                return Err(io::Error::new(io::ErrorKind::TimedOut, "the callback server did not answer in time"))
            }
            Err(e) => return Err(e),
        };
        if received.len() + n > MAX_ANSWER {
            return Err(io::Error::new(io::ErrorKind::InvalidData, "the callback answer is too large"));
        }
        received.extend_from_slice(&chunk[..n]);
    }
}

fn invalid(message: &str) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, message.to_string())
}

enum Framing {
    Length(usize),
    Chunked,
    UntilClose,
}

/// The answer once `data` holds all of it (`None`: read on).
fn parse(data: &[u8]) -> io::Result<Option<Answer>> {
    let mut headers = [httparse::EMPTY_HEADER; MAX_HEADERS];
    let mut response = httparse::Response::new(&mut headers);
    let head_len = match response.parse(data).map_err(|e| invalid(&format!("bad callback answer: {e}")))? {
        httparse::Status::Complete(n) => n,
        httparse::Status::Partial => return Ok(None),
    };
    let header = |name: &str| header_value(response.headers, name);
    let framing = if header("transfer-encoding").is_some_and(|v| v.eq_ignore_ascii_case("chunked")) {
        Framing::Chunked
    } else if let Some(length) = header("content-length") {
        Framing::Length(length.parse().map_err(|_| invalid("bad Content-Length in the callback answer"))?)
    } else {
        Framing::UntilClose
    };
    let rest = &data[head_len..];
    let body = match framing {
        Framing::Length(n) if rest.len() >= n => rest[..n].to_vec(),
        Framing::Chunked => match dechunk(rest)? {
            Some(body) => body,
            None => return Ok(None),
        },
        _ => return Ok(None),
    };
    Ok(Some(Answer { status: response.code.unwrap_or(0), content_type: header("content-type"), body }))
}

/// At end of stream: an answer framed by the close is complete; any other is cut short.
fn parse_at_eof(data: &[u8]) -> io::Result<Answer> {
    if let Some(answer) = parse(data)? {
        return Ok(answer);
    }
    let mut headers = [httparse::EMPTY_HEADER; MAX_HEADERS];
    let mut response = httparse::Response::new(&mut headers);
    match response.parse(data) {
        Ok(httparse::Status::Complete(head_len)) => {
            let framed =
                ["content-length", "transfer-encoding"].iter().any(|n| header_value(response.headers, n).is_some());
            if framed {
                return Err(invalid("the callback server closed the connection in the middle of its answer"));
            }
            let content_type = header_value(response.headers, "content-type");
            Ok(Answer { status: response.code.unwrap_or(0), content_type, body: data[head_len..].to_vec() })
        }
        _ => Err(invalid("the callback server closed the connection without an answer")),
    }
}

fn header_value(headers: &[httparse::Header], name: &str) -> Option<String> {
    let found = headers.iter().find(|h| h.name.eq_ignore_ascii_case(name));
    found.map(|h| String::from_utf8_lossy(h.value).trim().to_string())
}

/// A chunked body once its last chunk is there.
fn dechunk(mut data: &[u8]) -> io::Result<Option<Vec<u8>>> {
    let mut body = Vec::new();
    loop {
        let Some(line_end) = data.windows(2).position(|w| w == b"\r\n") else {
            return Ok(None);
        };
        let size_text = String::from_utf8_lossy(&data[..line_end]);
        let size_text = size_text.split(';').next().unwrap_or("").trim();
        let size =
            usize::from_str_radix(size_text, 16).map_err(|_| invalid("bad chunk size in the callback answer"))?;
        data = &data[line_end + 2..];
        if size == 0 {
            // Trailers are not expected; the answer is complete once the final CRLF is there.
            return Ok(data.windows(2).any(|w| w == b"\r\n").then_some(body));
        }
        if data.len() < size + 2 {
            return Ok(None);
        }
        body.extend_from_slice(&data[..size]);
        data = &data[size + 2..];
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn framings() {
        let answer =
            parse(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Type: application/json\r\n\r\n{}").unwrap();
        let answer = answer.unwrap();
        assert_eq!((answer.status, answer.body.as_slice()), (200, &b"{}"[..]));
        assert!(parse(b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n{}").unwrap().is_none());
        let chunked = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{\"\r\n3\r\na\":\r\n0\r\n\r\n";
        assert_eq!(parse(chunked).unwrap().unwrap().body, b"{\"a\":");
        assert!(parse(&chunked[..chunked.len() - 2]).unwrap().is_none());
        let closed = parse_at_eof(b"HTTP/1.0 200 OK\r\n\r\n{\"ok\":1}").unwrap();
        assert_eq!(closed.body, b"{\"ok\":1}");
        assert!(parse_at_eof(b"HTTP/1.1 200 OK\r\nContent-Length: 9\r\n\r\n{}").is_err());
        assert!(parse_at_eof(b"").is_err());
    }
}
