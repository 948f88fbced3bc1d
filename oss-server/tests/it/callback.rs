//! Upload callbacks where oss2 cannot look: a URL that is not loopback is refused before
//! anything is written, and a callback server that hangs or floods costs the upload at most
//! the configured bound before it answers 203 CallbackFailed (the object written).

use std::io::{Read, Write};
use std::net::TcpListener;
use std::sync::mpsc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use base64::Engine;

use crate::client::Request;
use crate::support::{TestServer, BUCKET};

const BOUND: Duration = Duration::from_millis(1500);

fn callback_header(url: &str) -> String {
    let params = format!(r#"{{"callbackUrl":"{url}","callbackBody":"object=${{object}}"}}"#);
    base64::engine::general_purpose::STANDARD.encode(params)
}

fn put_with_callback(server: &TestServer, key: &str, url: &str) -> crate::client::RawResponse {
    server.send(Request::new("PUT", BUCKET, key).header("x-oss-callback", &callback_header(url)).body(b"data"))
}

/// The first connection to `listener`, waiting at most 10 s (a test must not hang when the
/// server never calls back).
fn accept_within(listener: &TcpListener) -> std::net::TcpStream {
    listener.set_nonblocking(true).unwrap();
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        match listener.accept() {
            Ok((stream, _)) => {
                stream.set_nonblocking(false).unwrap();
                stream.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
                return stream;
            }
            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock && Instant::now() < deadline => {
                std::thread::sleep(Duration::from_millis(10))
            }
            Err(e) => panic!("no callback arrived: {e}"),
        }
    }
}

/// A callback server on 127.0.0.1 that reads the request and then does `misbehave` with the
/// connection; it lets go when the test sends on the returned channel (or after 20 s).
fn bad_callback_server(misbehave: fn(&mut std::net::TcpStream)) -> (String, mpsc::Sender<()>, JoinHandle<()>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/cb", listener.local_addr().unwrap());
    let (done, wait) = mpsc::channel();
    let thread = std::thread::spawn(move || {
        let mut stream = accept_within(&listener);
        let mut request = [0u8; 4096];
        let _ = stream.read(&mut request);
        misbehave(&mut stream);
        let _ = wait.recv_timeout(Duration::from_secs(20));
    });
    (url, done, thread)
}

#[test]
fn a_callback_to_a_non_loopback_address_is_refused_and_nothing_is_written() {
    let server = TestServer::start();
    for url in ["http://192.0.2.1/cb", "http://example.com:8080/cb", "http://[2001:db8::1]/cb", "https://127.0.0.1/"] {
        let put = put_with_callback(&server, "k", url);
        assert_eq!((put.status, put.error_code()), (400, "InvalidArgument".to_string()), "{url}");
        assert_eq!(server.get("k").status, 404, "nothing written for {url}");
    }
}

#[test]
fn a_hanging_callback_server_gives_203_within_the_bound() {
    let server = TestServer::start_with(|config| config.callback_timeout = BOUND);
    let (url, done, thread) = bad_callback_server(|_| {});
    let started = Instant::now();
    let put = put_with_callback(&server, "k", &url);
    let took = started.elapsed();
    assert_eq!((put.status, put.error_code()), (203, "CallbackFailed".to_string()), "{}", put.text());
    assert!(took >= BOUND - Duration::from_millis(100), "answered before the bound: {took:?}");
    assert!(took < BOUND + Duration::from_secs(3), "took {took:?}");
    assert!(put.header("ETag").is_some());
    assert_eq!(server.get("k").body, b"data", "the object is written all the same");
    done.send(()).unwrap();
    thread.join().unwrap();
}

#[test]
fn a_callback_answer_that_never_ends_or_floods_gives_203() {
    let server = TestServer::start_with(|config| config.callback_timeout = BOUND);
    let promises_more: fn(&mut std::net::TcpStream) = |stream| {
        let _ = stream.write_all(b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n{\"partial\":");
    };
    let floods: fn(&mut std::net::TcpStream) = |stream| {
        let _ = stream.write_all(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n");
        let block = vec![b' '; 64 * 1024];
        // 4 MiB at most: the server stops reading at its 1 MiB bound and closes.
        for _ in 0..64 {
            if stream.write_all(&block).is_err() {
                break;
            }
        }
    };
    for (i, misbehave) in [promises_more, floods].into_iter().enumerate() {
        let (url, done, thread) = bad_callback_server(misbehave);
        let key = format!("k{i}");
        let put = put_with_callback(&server, &key, &url);
        assert_eq!((put.status, put.error_code()), (203, "CallbackFailed".to_string()), "case {i}: {}", put.text());
        assert_eq!(server.get(&key).status, 200);
        done.send(()).unwrap();
        thread.join().unwrap();
    }
}

#[test]
fn the_object_is_readable_when_the_callback_arrives() {
    let server = TestServer::start();
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/cb", listener.local_addr().unwrap());
    let (addr, endpoint, keys) = (server.addr(), server.server.endpoint(), crate::sign::Keys::default_test());
    // The callback server reads the object back before it answers, as an application would.
    let thread = std::thread::spawn(move || {
        let mut stream = accept_within(&listener);
        let mut request = [0u8; 4096];
        let n = stream.read(&mut request).unwrap();
        let mut conn = crate::client::Conn::connect(addr);
        let get = crate::sign::sign_v1(Request::new("GET", BUCKET, "k"), &keys);
        conn.send(&get.to_bytes(&endpoint)).unwrap();
        let seen = conn.read_response(false).unwrap();
        let body = format!(r#"{{"status":{},"bytes":{}}}"#, seen.status, seen.body.len());
        let answer = format!("HTTP/1.1 200 OK\r\nContent-Length: {}\r\n\r\n{body}", body.len());
        stream.write_all(answer.as_bytes()).unwrap();
        String::from_utf8_lossy(&request[..n]).into_owned()
    });
    let put = put_with_callback(&server, "k", &url);
    let request = thread.join().unwrap();
    assert_eq!((put.status, put.text()), (200, r#"{"status":200,"bytes":4}"#.to_string()));
    assert!(request.starts_with("POST /cb HTTP/1.1\r\n"), "{request}");
    assert!(request.ends_with("\r\n\r\nobject=k"), "{request}");
}

/// A callback URL naming a real host (as the official SDK's sample hard-codes) reaches the
/// loopback receiver the test mapped it to, over the admin API, with that name as `Host`; the
/// mapping refuses a target that is not loopback, and names left unmapped stay refused.
#[test]
fn a_mapped_callback_host_reaches_its_loopback_receiver() {
    let server = TestServer::start();
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let receiver = listener.local_addr().unwrap();
    let map = |query: String| {
        let raw_path = Some(format!("/-/admin/callback-hosts?{query}"));
        server.send_raw(&Request { raw_path, ..Request::new("POST", BUCKET, "") })
    };
    assert_eq!(map("host=callback.example.com:23450&addr=192.0.2.1:80".into()).status, 400);
    assert_eq!(map(format!("host=callback.example.com:23450&addr={receiver}")).status, 200);
    let thread = std::thread::spawn(move || {
        let mut stream = accept_within(&listener);
        let mut request = [0u8; 4096];
        let n = stream.read(&mut request).unwrap();
        stream.write_all(b"HTTP/1.1 200 OK\r\nContent-Length: 11\r\n\r\n{\"ok\":true}").unwrap();
        String::from_utf8_lossy(&request[..n]).into_owned()
    });
    let put = put_with_callback(&server, "k", "http://callback.example.com:23450/cb");
    let request = thread.join().unwrap();
    assert_eq!((put.status, put.text()), (200, r#"{"ok":true}"#.to_string()));
    assert!(request.starts_with("POST /cb HTTP/1.1\r\n"), "{request}");
    assert!(request.to_ascii_lowercase().contains("\r\nhost: callback.example.com:23450\r\n"), "{request}");
    let unmapped = put_with_callback(&server, "k2", "http://other.example.com:23450/cb");
    assert_eq!((unmapped.status, unmapped.error_code()), (400, "InvalidArgument".to_string()));
}
