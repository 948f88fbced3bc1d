//! Everything a server is started with, and the documented defaults the demo and tests use.

use std::fmt;
use std::io;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::time::Duration;

pub const DEFAULT_ACCESS_KEY_ID: &str = "LTAI5tLocalTestKey";
pub const DEFAULT_ACCESS_KEY_SECRET: &str = "LocalTestSecret0123456789abcdef";
pub const DEFAULT_REGION: &str = "cn-hangzhou";
pub const DEFAULT_MAX_CONNECTIONS: usize = 512;
pub const DEFAULT_IDLE_TIMEOUT: Duration = Duration::from_secs(60);
pub const DEFAULT_RESTORE_DELAY: Duration = Duration::from_secs(1);
/// OSS gives a callback server 5 seconds to answer.
pub const DEFAULT_CALLBACK_TIMEOUT: Duration = Duration::from_secs(5);

/// The one key pair the server accepts, and the STS token it then requires (if any).
#[derive(Clone, PartialEq, Eq)]
pub struct Credentials {
    pub access_key_id: String,
    pub access_key_secret: String,
    /// When set, every signed request must carry `x-oss-security-token` with this value.
    pub security_token: Option<String>,
}

impl Default for Credentials {
    fn default() -> Credentials {
        Credentials {
            access_key_id: DEFAULT_ACCESS_KEY_ID.to_string(),
            access_key_secret: DEFAULT_ACCESS_KEY_SECRET.to_string(),
            security_token: None,
        }
    }
}

impl fmt::Debug for Credentials {
    // Never print the secret or the token, even in a test failure.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("access_key_id", &self.access_key_id)
            .field("access_key_secret", &"<redacted>")
            .field("security_token", &self.security_token.as_ref().map(|_| "<redacted>"))
            .finish()
    }
}

/// A PEM certificate chain (leaf first) and its PEM private key.
#[derive(Clone)]
pub struct TlsConfig {
    pub cert_chain_pem: Vec<u8>,
    pub private_key_pem: Vec<u8>,
}

impl TlsConfig {
    pub fn from_files(cert: &Path, key: &Path) -> io::Result<TlsConfig> {
        Ok(TlsConfig { cert_chain_pem: std::fs::read(cert)?, private_key_pem: std::fs::read(key)? })
    }
}

impl fmt::Debug for TlsConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("TlsConfig { .. }")
    }
}

#[derive(Clone, Debug)]
pub struct Config {
    /// Where to listen; port 0 picks a free port.
    pub listen: SocketAddr,
    /// Storage root: objects are files under `root/bucket/key`.
    pub root: PathBuf,
    pub credentials: Credentials,
    /// The region V4 signatures must name.
    pub region: String,
    /// Accept requests without any signature (signed ones are still verified).
    pub anonymous: bool,
    /// Allow listening on a non-loopback address.
    pub allow_non_loopback: bool,
    /// Serve TLS too (on the same port: a connection starting with a TLS handshake gets TLS).
    pub tls: Option<TlsConfig>,
    /// Seed of the fault injector's random choices.
    pub seed: u64,
    /// One line per request on stderr.
    pub verbose: bool,
    /// Connections beyond this many are closed at once.
    pub max_connections: usize,
    /// How long an idle keep-alive connection, or a stalled read or write, is kept.
    pub idle_timeout: Duration,
    /// How long RestoreObject takes before an Archive object becomes readable (OSS: minutes to
    /// hours; here short, so tests can wait for it).
    pub restore_delay: Duration,
    /// How long an upload callback (`x-oss-callback`) may take, connecting and answering
    /// included, before the upload answers 203 CallbackFailed.
    pub callback_timeout: Duration,
}

impl Config {
    /// Defaults: `127.0.0.1:0`, the default credentials and region, signatures required.
    pub fn new(root: impl Into<PathBuf>) -> Config {
        Config {
            listen: SocketAddr::from(([127, 0, 0, 1], 0)),
            root: root.into(),
            credentials: Credentials::default(),
            region: DEFAULT_REGION.to_string(),
            anonymous: false,
            allow_non_loopback: false,
            tls: None,
            seed: 0,
            verbose: false,
            max_connections: DEFAULT_MAX_CONNECTIONS,
            idle_timeout: DEFAULT_IDLE_TIMEOUT,
            restore_delay: DEFAULT_RESTORE_DELAY,
            callback_timeout: DEFAULT_CALLBACK_TIMEOUT,
        }
    }

    /// The same defaults, named for what tests use them for.
    pub fn for_tests(root: impl Into<PathBuf>) -> Config {
        Config::new(root)
    }
}
