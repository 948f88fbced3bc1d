//! The store over the wire: what a server stored is served again after a restart on the same
//! root, and bytes a crash left without metadata are removed when a server starts.

use oss_server::{Config, Server};

use crate::client::Request;
use crate::sign::{sign_v1, Keys};
use crate::support::{TempDir, BUCKET};

fn send(server: &Server, request: Request) -> crate::client::RawResponse {
    let mut conn = crate::client::Conn::connect(server.addr());
    conn.send(&sign_v1(request, &Keys::default_test()).to_bytes(&server.endpoint())).unwrap();
    conn.read_response(false).unwrap()
}

pub fn files_under(dir: &std::path::Path) -> usize {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries.flatten().map(|e| if e.path().is_dir() { files_under(&e.path()) } else { 1 }).sum::<usize>()
        })
        .unwrap_or(0)
}

#[test]
fn objects_survive_a_restart_and_orphans_are_swept() {
    let root = TempDir::new("restart");
    {
        let server = Server::start(Config::for_tests(root.path())).unwrap();
        server.create_bucket(BUCKET).unwrap();
        let put = send(&server, Request::new("PUT", BUCKET, "dir/").body(b""));
        assert_eq!(put.status, 200);
        let put = send(&server, Request::new("PUT", BUCKET, "a").header("x-oss-meta-who", "me").body(b"bytes"));
        assert_eq!(put.status, 200);
    }
    // What a crash between the data rename and the metadata commit leaves: an unnamed data file.
    let data = root.path().join(".oss-data");
    let before = files_under(&data);
    std::fs::create_dir_all(data.join("zz")).unwrap();
    std::fs::write(data.join("zz/0000orphan0000zz"), b"orphan").unwrap();
    let server = Server::start(Config::for_tests(root.path())).unwrap();
    assert_eq!(files_under(&data), before, "the orphan was removed, nothing else");
    let get = send(&server, Request::new("GET", BUCKET, "a"));
    assert_eq!((get.status, get.body.as_slice()), (200, &b"bytes"[..]));
    assert_eq!(get.header("x-oss-meta-who"), Some("me"));
    let list = send(&server, Request::new("GET", BUCKET, "")).text();
    assert!(list.contains("<Key>a</Key>") && list.contains("<Key>dir/</Key>"), "{list}");
}
