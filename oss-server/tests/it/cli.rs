//! The `oss-server` binary: first stdout line, refusal of non-loopback addresses, the offline
//! `put-object` command and `--create-object`.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use crate::client::Request;
use crate::sign::{sign_v1, Keys};
use crate::support::TempDir;

const BINARY: &str = env!("CARGO_BIN_EXE_oss-server");

#[test]
fn prints_its_address_and_serves_created_objects() {
    let root = TempDir::new("cli");
    let file = root.path().join("upload.txt");
    std::fs::write(&file, b"offline upload").unwrap();
    let stored_root = root.path().join("store");
    let put = Command::new(BINARY)
        .args(["put-object", "--root"])
        .arg(&stored_root)
        .args(["cli-bucket", "dir/file.txt"])
        .arg(&file)
        .output()
        .unwrap();
    assert!(put.status.success(), "{}", String::from_utf8_lossy(&put.stderr));
    assert!(String::from_utf8_lossy(&put.stdout).contains("size=14"));

    let mut child = Command::new(BINARY)
        .args(["--listen", "127.0.0.1:0", "--root"])
        .arg(&stored_root)
        .args(["--create-object", "cli-bucket/gen.bin=4096", "--seed", "5"])
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
    let addr: std::net::SocketAddr = line.trim().parse().expect("the first line is the address");
    assert!(addr.ip().is_loopback() && addr.port() != 0);

    let keys = Keys::default_test();
    let send = |request: Request| {
        let mut conn = crate::client::Conn::connect(addr);
        conn.send(&sign_v1(request, &keys).to_bytes(&addr.to_string())).unwrap();
        conn.read_response(false).unwrap()
    };
    assert_eq!(send(Request::new("GET", "cli-bucket", "dir/file.txt")).body, b"offline upload");
    let generated = send(Request::new("GET", "cli-bucket", "gen.bin"));
    assert_eq!(generated.body.len(), 4096);
    // Unsigned requests are refused by default.
    let mut conn = crate::client::Conn::connect(addr);
    conn.send(&Request::new("GET", "cli-bucket", "gen.bin").to_bytes("x")).unwrap();
    assert_eq!(conn.read_response(false).unwrap().status, 403);

    child.kill().unwrap();
    child.wait().unwrap();
}

#[test]
fn refuses_non_loopback_addresses_and_bad_options() {
    let root = TempDir::new("cli-refuse");
    let refused = Command::new(BINARY).args(["--listen", "0.0.0.0:0", "--root"]).arg(root.path()).output().unwrap();
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("non-loopback"));
    let unknown = Command::new(BINARY).args(["--root"]).arg(root.path()).arg("--frobnicate").output().unwrap();
    assert!(!unknown.status.success());
    let no_root = Command::new(BINARY).output().unwrap();
    assert!(!no_root.status.success());
}
