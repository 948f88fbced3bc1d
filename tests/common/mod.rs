//! Shared fixture for integration tests: a local OSS server started
//! in-process on an ephemeral 127.0.0.1 port, over a temp storage root, and
//! clients configured for it.
#![allow(dead_code)]

use oss_c_sdk::client::{Client, ObjectRef};
use oss_c_sdk::config::{Config, Credentials, SignatureVersion};
use oss_c_sdk::download::{self, retry::RetryPolicy, Download};
use oss_c_sdk::http::Response;
use oss_c_sdk::log::{self, Level};
use oss_c_sdk::outcome::Failure;
use oss_server::Server;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Once;
use std::time::Duration;

pub const BUCKET: &str = "test-bucket";

pub struct Fixture {
    pub server: Server,
    pub storage: tempfile::TempDir,
    /// Where tests put downloaded files.
    pub work: tempfile::TempDir,
}

impl Fixture {
    pub fn start() -> Self {
        Self::start_with(|_| {})
    }

    pub fn start_with(adjust: impl FnOnce(&mut oss_server::Config)) -> Self {
        Self::start_in(None, adjust)
    }

    /// With the server's storage in a temp directory under `parent` (default: the system's).
    pub fn start_in(parent: Option<&Path>, adjust: impl FnOnce(&mut oss_server::Config)) -> Self {
        let storage = match parent {
            Some(parent) => tempfile::tempdir_in(parent),
            None => tempfile::tempdir(),
        };
        let storage = storage.expect("temp dir");
        quiet_library_log();
        let mut config = oss_server::Config::for_tests(storage.path());
        adjust(&mut config);
        let server = Server::start(config).expect("server starts");
        server.create_bucket(BUCKET).expect("bucket");
        Self { server, storage, work: tempfile::tempdir().expect("temp dir") }
    }

    pub fn credentials(&self) -> Credentials {
        let c = &self.server.config().credentials;
        Credentials {
            access_key_id: c.access_key_id.clone(),
            access_key_secret: c.access_key_secret.clone(),
            security_token: c.security_token.clone(),
        }
    }

    /// A V1 configuration for this server (path style: an IP endpoint).
    pub fn config(&self) -> Config {
        let mut config = Config::new(&format!("http://{}", self.server.endpoint()), self.credentials());
        // Tests that exercise stalls set their own; keep the rest quick.
        config.transfer.speed_time = Duration::from_secs(5);
        config
    }

    pub fn config_v4(&self) -> Config {
        let mut config = self.config();
        config.signature_version = SignatureVersion::V4;
        config.region = Some(self.server.config().region.clone());
        config
    }

    pub fn client(&self) -> Client {
        Client::new(self.config()).expect("client")
    }

    pub fn put(&self, key: &str, data: &[u8]) {
        self.server.put_object(BUCKET, key, data).expect("put object");
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.work.path().join(name)
    }
}

/// The library logs each retry at WARN, its default level, to stderr: tests that inject faults on
/// purpose would fill their output with them. Turned off once per test process unless
/// `OSS_TEST_LOG` is set or a test already chose a level (`tests/logging.rs` sets its own).
fn quiet_library_log() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        if std::env::var_os("OSS_TEST_LOG").is_none() && log::level() == Level::Warn {
            log::set_level(Level::Off);
        }
    });
}

pub fn object(key: &str) -> ObjectRef {
    ObjectRef { bucket: BUCKET.into(), key: key.into(), ..Default::default() }
}

/// Deterministic test content.
pub fn content(len: usize, seed: u64) -> Vec<u8> {
    oss_server::generate_content(seed, len)
}

pub fn sha256(bytes: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

pub fn sha256_file(path: &Path) -> String {
    sha256(&std::fs::read(path).expect("read file"))
}

/// Names of the files in a directory, sorted.
pub fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> =
        std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    names
}

/// The engine's retry policy with short waits (same attempt limits), so
/// fault tests stay quick.
pub fn quick_retry() -> RetryPolicy {
    RetryPolicy { base: Duration::from_millis(5), cap: Duration::from_millis(50), ..RetryPolicy::default() }
}

/// A download of `obj` into `path` with CRC checking and quick retries.
pub fn download(obj: ObjectRef, path: &Path, part_size: i64, threads: i32, checkpoint: Option<PathBuf>) -> Download {
    Download {
        object: obj,
        path: path.to_path_buf(),
        part_size,
        threads,
        checkpoint,
        enable_crc: true,
        retry: quick_retry(),
    }
}

/// Runs a download without cancel flag or progress callback.
pub fn run(client: &Client, d: &Download) -> Result<Response, Failure> {
    download::run(client, d, None, None)
}

/// `<path>.cp`, the default checkpoint of a download to `path`.
pub fn cp(path: &Path) -> PathBuf {
    PathBuf::from(format!("{}.cp", path.display()))
}

/// Runs `d` with a cancel flag raised as soon as `stop(done, total)`, called
/// with each progress report, says so.
pub fn run_cancelling(
    client: &Client,
    d: &Download,
    stop: &mut dyn FnMut(u64, u64) -> bool,
) -> Result<Response, Failure> {
    let cancel = AtomicBool::new(false);
    let mut progress = |done: u64, total: u64| {
        if stop(done, total) {
            cancel.store(true, Ordering::Relaxed);
        }
    };
    download::run(client, d, Some(&cancel), Some(&mut progress))
}

/// Runs `d`, cancelling it once `stop_at` bytes are reported done (the
/// checkpoint, if any, stays).
pub fn run_cancelled_at(client: &Client, d: &Download, stop_at: u64) -> Result<Response, Failure> {
    run_cancelling(client, d, &mut |done, _| done >= stop_at)
}

/// Waits, at most `polls` times 10 ms, until the server has no open
/// connection: the connections of earlier (aborted) transfers close a little
/// after the client gave up on them.
pub fn wait_idle(fx: &Fixture, polls: u32) {
    // Idle pooled handles keep their connections open on purpose; close them first.
    oss_c_sdk::http::pool::clear();
    for _ in 0..polls {
        if fx.server.live_connections() == 0 {
            return;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// Resets the server's counters once the connections of earlier (aborted)
/// transfers have closed, so their last writes are not counted as the next
/// run's.
pub fn reset_counters_when_idle(fx: &Fixture) {
    wait_idle(fx, 200);
    fx.server.reset_counters();
}
