//! Multipart uploads where oss2 cannot look: an upload across a server restart, the leftovers
//! of a crash between a part's bytes and its metadata, a server process killed in the middle of
//! a part, and readers racing a completion.

use std::io::{self, BufRead, BufReader};
use std::net::SocketAddr;
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use oss_server::{Config, Server};

use crate::client::{xml_element, Conn, RawResponse, Request};
use crate::persistence::files_under;
use crate::sign::{sign_v1, Keys};
use crate::support::{crc64, TempDir, TestServer, BUCKET};

/// OSS's smallest part but the last.
pub const MIN_PART: usize = 100 * 1024;

/// Multipart requests to one server (in-process or a child process), signed with V1.
pub struct Mp<'a> {
    pub addr: SocketAddr,
    pub keys: &'a Keys,
}

impl<'a> Mp<'a> {
    pub fn of(t: &'a TestServer) -> Mp<'a> {
        Mp { addr: t.addr(), keys: &t.keys }
    }

    pub fn at(server: &Server, keys: &'a Keys) -> Mp<'a> {
        Mp { addr: server.addr(), keys }
    }

    /// Sends on a new connection; an error when no answer came (a cut or lost response).
    pub fn try_send(&self, request: Request) -> io::Result<RawResponse> {
        let mut conn = Conn::connect(self.addr);
        // The server may close while the body is still being written: the answer (or its
        // absence) is what counts.
        let _ = conn.send(&sign_v1(request, self.keys).to_bytes(&self.addr.to_string()));
        conn.read_response(false)
    }

    pub fn send(&self, request: Request) -> RawResponse {
        self.try_send(request).expect("an answer")
    }

    pub fn initiate(&self, key: &str) -> String {
        let answer = self.send(Request::new("POST", BUCKET, key).query("uploads", "").header("x-oss-meta-kept", "yes"));
        assert_eq!(answer.status, 200, "{}", answer.text());
        xml_element(&answer.text(), "UploadId").expect("an UploadId")
    }

    pub fn part(&self, key: &str, upload_id: &str, number: u32, data: &[u8]) -> Request {
        Request::new("PUT", BUCKET, key)
            .query("partNumber", &number.to_string())
            .query("uploadId", upload_id)
            .body(data)
    }

    /// Uploads a part and returns its ETag.
    pub fn upload_part(&self, key: &str, upload_id: &str, number: u32, data: &[u8]) -> String {
        let answer = self.send(self.part(key, upload_id, number, data));
        assert_eq!(answer.status, 200, "{}", answer.text());
        assert_eq!(answer.header("x-oss-hash-crc64ecma"), Some(crc64(data).to_string().as_str()));
        answer.header("ETag").expect("an ETag").to_string()
    }

    pub fn complete_request(&self, key: &str, upload_id: &str, parts: &[(u32, String)]) -> Request {
        let listed: String = parts
            .iter()
            .map(|(n, etag)| format!("<Part><PartNumber>{n}</PartNumber><ETag>{etag}</ETag></Part>"))
            .collect();
        let document = format!("<CompleteMultipartUpload>{listed}</CompleteMultipartUpload>");
        Request::new("POST", BUCKET, key).query("uploadId", upload_id).body(document.as_bytes())
    }

    pub fn complete(&self, key: &str, upload_id: &str, parts: &[(u32, String)]) -> RawResponse {
        self.send(self.complete_request(key, upload_id, parts))
    }

    pub fn get(&self, key: &str) -> RawResponse {
        self.send(Request::new("GET", BUCKET, key))
    }
}

#[test]
fn an_upload_survives_a_restart_and_crash_leftovers_are_swept() {
    let root = TempDir::new("mp-restart");
    let keys = Keys::default_test();
    let data = oss_server::generate_content(5, 2 * MIN_PART + 10);
    let (upload_id, first) = {
        let server = Server::start(Config::for_tests(root.path())).unwrap();
        server.create_bucket(BUCKET).unwrap();
        let mp = Mp::at(&server, &keys);
        let upload_id = mp.initiate("k");
        let first = mp.upload_part("k", &upload_id, 1, &data[..MIN_PART]);
        (upload_id, first)
    };
    // A crash after a part's bytes were renamed into place but before its row was committed
    // leaves a data file no row names; a crash mid-receive leaves a temp file.
    let data_dir = root.path().join(".oss-data");
    assert_eq!(files_under(&data_dir), 1, "part 1");
    std::fs::create_dir_all(data_dir.join("zz")).unwrap();
    std::fs::write(data_dir.join("zz/00000000orphanpart0000000000zz"), b"orphan part").unwrap();
    std::fs::write(root.path().join(".oss-tmp/partial.tmp"), b"partial part").unwrap();

    let server = Server::start(Config::for_tests(root.path())).unwrap();
    assert_eq!(files_under(&data_dir), 1, "the orphan was swept, part 1 kept");
    assert_eq!(files_under(&root.path().join(".oss-tmp")), 0);
    let mp = Mp::at(&server, &keys);
    let second = mp.upload_part("k", &upload_id, 2, &data[MIN_PART..2 * MIN_PART]);
    let third = mp.upload_part("k", &upload_id, 3, &data[2 * MIN_PART..]);
    let listed = mp.send(Request::new("GET", BUCKET, "k").query("uploadId", &upload_id)).text();
    assert_eq!(listed.matches("<Part>").count(), 3, "{listed}");
    let done = mp.complete("k", &upload_id, &[(1, first), (2, second), (3, third)]);
    assert_eq!(done.status, 200, "{}", done.text());
    let get = mp.get("k");
    assert_eq!(get.body, data);
    assert_eq!(get.header("x-oss-meta-kept"), Some("yes"), "initiation metadata survived the restart");
    assert_eq!(get.header("x-oss-hash-crc64ecma"), Some(crc64(&data).to_string().as_str()));
    assert_eq!(files_under(&data_dir), 1, "one file for the object; the parts' files are gone");
}

#[test]
fn completion_racing_readers_gives_the_old_object_or_the_new_one_never_a_mix() {
    let t = TestServer::start();
    let mp = Mp::of(&t);
    // Same size, different bytes: a mix would not show in the length.
    let old = oss_server::generate_content(1, 3 * MIN_PART);
    let new = oss_server::generate_content(2, 3 * MIN_PART);
    t.put_object("race", &old);
    let upload_id = mp.initiate("race");
    let parts: Vec<(u32, String)> = new
        .chunks(MIN_PART)
        .zip(1..)
        .map(|(chunk, number)| (number, mp.upload_part("race", &upload_id, number, chunk)))
        .collect();

    let stop = AtomicBool::new(false);
    let (saw_old, saw_new, reads) = (AtomicUsize::new(0), AtomicUsize::new(0), AtomicUsize::new(0));
    std::thread::scope(|scope| {
        for _ in 0..3 {
            scope.spawn(|| {
                let deadline = Instant::now() + Duration::from_secs(30);
                while !stop.load(Ordering::Relaxed) && Instant::now() < deadline {
                    let body = mp.get("race").body;
                    if body == old {
                        saw_old.fetch_add(1, Ordering::Relaxed);
                    } else if body == new {
                        saw_new.fetch_add(1, Ordering::Relaxed);
                    } else {
                        panic!("a reader got {} bytes that are neither object", body.len());
                    }
                    reads.fetch_add(1, Ordering::Relaxed);
                }
            });
        }
        let wait_for = |counter: &AtomicUsize, at_least: usize| {
            let deadline = Instant::now() + Duration::from_secs(20);
            while counter.load(Ordering::Relaxed) < at_least && Instant::now() < deadline {
                std::thread::sleep(Duration::from_millis(2));
            }
        };
        wait_for(&reads, 3);
        let done = mp.complete("race", &upload_id, &parts);
        assert_eq!(done.status, 200, "{}", done.text());
        wait_for(&saw_new, 3);
        stop.store(true, Ordering::Relaxed);
    });
    assert!(saw_old.load(Ordering::Relaxed) > 0 && saw_new.load(Ordering::Relaxed) > 0);
    assert_eq!(t.server.caught_panics(), 0);
}

#[test]
fn upload_ids_belong_to_their_bucket_and_key_and_a_bucket_with_uploads_is_not_empty() {
    let t = TestServer::start();
    let mp = Mp::of(&t);
    let upload_id = mp.initiate("k");
    let elsewhere = mp.send(mp.part("other", &upload_id, 1, b"x"));
    assert_eq!((elsewhere.status, elsewhere.error_code().as_str()), (404, "NoSuchUpload"));
    assert_eq!(xml_element(&elsewhere.text(), "UploadId").as_deref(), Some(upload_id.as_str()));
    let delete = mp.send(Request::new("DELETE", BUCKET, ""));
    assert_eq!((delete.status, delete.error_code().as_str()), (409, "BucketNotEmpty"));
    let abort = mp.send(Request::new("DELETE", BUCKET, "k").query("uploadId", &upload_id));
    assert_eq!(abort.status, 204);
    assert_eq!(mp.send(Request::new("DELETE", BUCKET, "")).status, 204);
}

#[test]
fn a_part_or_put_object_over_5_gib_is_refused_before_its_body() {
    let t = TestServer::start();
    let mp = Mp::of(&t);
    let upload_id = mp.initiate("k");
    for request in [mp.part("k", &upload_id, 1, b""), Request::new("PUT", BUCKET, "big").body(b"")] {
        let head = String::from_utf8(sign_v1(request, &t.keys).to_bytes(&t.server.endpoint())).unwrap();
        assert!(head.contains("Content-Length: 0\r\n"));
        // Only the head is sent: the answer must not wait for 5 GiB.
        let head = head.replace("Content-Length: 0\r\n", &format!("Content-Length: {}\r\n", (5u64 << 30) + 1));
        let mut conn = Conn::connect(t.addr());
        conn.send(head.as_bytes()).unwrap();
        let answer = conn.read_response(false).unwrap();
        assert_eq!((answer.status, answer.error_code().as_str()), (400, "EntityTooLarge"), "{head:.40}");
    }
    assert_eq!(t.get("big").status, 404, "nothing was stored");
}

/// A server process that is killed when the test ends, however it ends.
struct Killed(std::process::Child);

impl Drop for Killed {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[test]
fn a_server_killed_while_receiving_a_part_loses_only_that_part() {
    let root = TempDir::new("mp-kill");
    let keys = Keys::default_test();
    let data = oss_server::generate_content(9, 3 * MIN_PART);
    let mut child = Killed(
        Command::new(env!("CARGO_BIN_EXE_oss-server"))
            .args(["--listen", "127.0.0.1:0", "--root"])
            .arg(root.path())
            .args(["--create-bucket", BUCKET])
            .stdout(Stdio::piped())
            .spawn()
            .unwrap(),
    );
    let mut line = String::new();
    BufReader::new(child.0.stdout.take().unwrap()).read_line(&mut line).unwrap();
    let mp = Mp { addr: line.trim().parse().expect("the address line"), keys: &keys };
    let upload_id = mp.initiate("k");
    let first = mp.upload_part("k", &upload_id, 1, &data[..MIN_PART]);
    // Part 2 stalls after 50,000 bytes until its client goes away: the kill finds it mid-body.
    let mut rule = Request::new("POST", BUCKET, "");
    (rule.bucket, rule.raw_path) = (None, Some("/-/admin/faults?kind=stall&after=50000&on=request&part=2".into()));
    assert_eq!(mp.try_send(rule).unwrap().status, 200);
    let tmp = root.path().join(".oss-tmp");
    std::thread::scope(|scope| {
        let sender = scope.spawn(|| mp.try_send(mp.part("k", &upload_id, 2, &data[MIN_PART..2 * MIN_PART])));
        let deadline = Instant::now() + Duration::from_secs(20);
        while files_under(&tmp) == 0 && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(5));
        }
        assert_eq!(files_under(&tmp), 1, "part 2 is being received");
        child.0.kill().unwrap();
        child.0.wait().unwrap();
        assert!(sender.join().unwrap().is_err(), "part 2 got no answer");
    });

    let server = Server::start(Config::for_tests(root.path())).unwrap();
    assert_eq!(files_under(&tmp), 0, "the half-received part was swept");
    assert_eq!(files_under(&root.path().join(".oss-data")), 1, "part 1 survived");
    let mp = Mp::at(&server, &keys);
    let second = mp.upload_part("k", &upload_id, 2, &data[MIN_PART..2 * MIN_PART]);
    let third = mp.upload_part("k", &upload_id, 3, &data[2 * MIN_PART..]);
    assert_eq!(mp.complete("k", &upload_id, &[(1, first), (2, second), (3, third)]).status, 200);
    assert_eq!(mp.get("k").body, data);
}
