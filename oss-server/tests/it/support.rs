//! Test fixtures: a temporary storage root that removes itself, and a server started on it
//! with helpers to send signed requests.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use oss_server::{Config, Server};

use crate::client::{Conn, RawResponse, Request};
use crate::sign::{sign_v1, sign_v4, Keys};

pub const BUCKET: &str = "test-bucket";

pub struct TempDir(PathBuf);

impl TempDir {
    pub fn new(tag: &str) -> TempDir {
        static NEXT: AtomicU64 = AtomicU64::new(0);
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let dir = std::env::temp_dir().join(format!("oss-server-it-{}-{tag}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }

    pub fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

pub struct TestServer {
    // Field order matters: the server stops before its root is removed.
    pub server: Server,
    pub keys: Keys,
    pub root: TempDir,
}

impl TestServer {
    pub fn start() -> TestServer {
        TestServer::start_with(|_| {})
    }

    pub fn start_with(adjust: impl FnOnce(&mut Config)) -> TestServer {
        let root = TempDir::new("root");
        let mut config = Config::for_tests(root.path());
        adjust(&mut config);
        let keys = Keys {
            id: config.credentials.access_key_id.clone(),
            secret: config.credentials.access_key_secret.clone(),
            token: config.credentials.security_token.clone(),
            region: config.region.clone(),
        };
        let server = Server::start(config).expect("server starts");
        server.create_bucket(BUCKET).unwrap();
        TestServer { server, keys, root }
    }

    pub fn addr(&self) -> SocketAddr {
        self.server.addr()
    }

    pub fn connect(&self) -> Conn {
        Conn::connect(self.addr())
    }

    /// Sends a request as is, on a new connection.
    pub fn send_raw(&self, request: &Request) -> RawResponse {
        let mut conn = self.connect();
        conn.send(&request.to_bytes(&self.server.endpoint())).unwrap();
        conn.read_response(request.method == "HEAD").expect("a response")
    }

    /// Signs with V1 and the server's keys, then sends.
    pub fn send(&self, request: Request) -> RawResponse {
        self.send_raw(&sign_v1(request, &self.keys))
    }

    pub fn send_v4(&self, request: Request) -> RawResponse {
        self.send_raw(&sign_v4(request, &self.keys))
    }

    pub fn get(&self, key: &str) -> RawResponse {
        self.send(Request::new("GET", BUCKET, key))
    }

    pub fn put_object(&self, key: &str, data: &[u8]) -> oss_server::ObjectMeta {
        self.server.put_object(BUCKET, key, data).unwrap()
    }

    /// Waits (bounded) until the server has no open connection left.
    pub fn wait_for_no_connections(&self, limit: Duration) -> bool {
        let deadline = Instant::now() + limit;
        while Instant::now() < deadline {
            if self.server.live_connections() == 0 {
                return true;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        false
    }
}

pub fn md5_hex_upper(data: &[u8]) -> String {
    use md5::Digest;
    md5::Md5::digest(data).iter().map(|b| format!("{b:02X}")).collect()
}

pub fn crc64(data: &[u8]) -> u64 {
    let mut digest = crc64fast::Digest::new();
    digest.write(data);
    digest.sum64()
}
