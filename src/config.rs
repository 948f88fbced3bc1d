//! Client configuration as plain Rust values: endpoint, credentials, proxy, signing, transfer
//! limits, TLS, and the process-wide user agent. Knows nothing of C; `ffi::config` fills a
//! [`Config`] from the C SDK's `oss_request_options_t`.

use std::fmt;
use std::path::PathBuf;
use std::sync::RwLock;
use std::time::Duration;

/// The interface version this library matches, as the official `AOS_VERSION`.
pub const SDK_VERSION: &str = "3.11.2";
/// The product name at the start of the user agent, as the official `AOS_VER`.
pub const SDK_NAME: &str = "aliyun-sdk-c";

/// How requests are signed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum SignatureVersion {
    /// OSS signature V1 (`Authorization: OSS ak:signature`), the default.
    #[default]
    V1,
    /// OSS signature V4 (`OSS4-HMAC-SHA256`), needs a region.
    V4,
}

/// Access credentials. `Debug` never prints the secret or the token.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Credentials {
    pub access_key_id: String,
    pub access_key_secret: String,
    /// STS security token, sent as `x-oss-security-token`.
    pub security_token: Option<String>,
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("access_key_id", &self.access_key_id)
            .field("access_key_secret", &"***")
            .field("security_token", &self.security_token.as_ref().map(|_| "***"))
            .finish()
    }
}

/// An HTTP proxy. `Debug` never prints the credentials.
#[derive(Clone, PartialEq, Eq)]
pub struct Proxy {
    /// `host` or `host:port`, as curl's CURLOPT_PROXY takes it.
    pub address: String,
    /// `user:password`, as curl's CURLOPT_PROXYUSERPWD takes it.
    pub auth: Option<String>,
}

impl fmt::Debug for Proxy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Proxy")
            .field("address", &self.address)
            .field("auth", &self.auth.as_ref().map(|_| "***"))
            .finish()
    }
}

/// Transfer limits and TLS settings (the C SDK's `aos_http_request_options_t`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TransferOptions {
    /// Time allowed to connect; zero means curl's default.
    pub connect_timeout: Duration,
    /// How long resolved names are cached; zero disables the cache.
    pub dns_cache_timeout: Duration,
    /// A transfer slower than `speed_limit` bytes/s for `speed_time` fails (curl's low-speed
    /// limit). Either being zero disables the check.
    pub speed_limit: u32,
    pub speed_time: Duration,
    /// The C SDK's cap on memory used for in-memory bodies.
    pub max_memory_size: u64,
    /// Verify CRC-64 checksums of downloaded data.
    pub enable_crc: bool,
    /// Verify the server's TLS certificate and host name.
    pub verify_ssl: bool,
    /// CA certificate directory / bundle file for TLS verification.
    pub ca_path: Option<PathBuf>,
    pub ca_file: Option<PathBuf>,
    /// The C SDK's strict object-name check (accepted and carried, no effect on downloads).
    pub verify_object_strict: bool,
    /// libcurl's receive buffer per connection, bytes (see [`TransferOptions::share_receive_buffer`]).
    pub receive_buffer: usize,
    /// libcurl's upload buffer per connection, bytes: how much of a request body one read takes.
    pub send_buffer: usize,
}

/// Default speed limit, bytes per second (`AOS_MIN_SPEED_LIMIT`).
pub const DEFAULT_SPEED_LIMIT: u32 = 1024;
/// Default low-speed window, seconds (`AOS_MIN_SPEED_TIME`).
pub const DEFAULT_SPEED_TIME_SECS: u64 = 15;
/// Default DNS cache lifetime, seconds (`AOS_DNS_CACHE_TIMOUT`).
pub const DEFAULT_DNS_CACHE_TIMEOUT_SECS: u64 = 60;
/// Default connect timeout, seconds (`AOS_CONNECT_TIMEOUT`).
pub const DEFAULT_CONNECT_TIMEOUT_SECS: u64 = 10;
/// Default memory cap, bytes (`AOS_MAX_MEMORY_SIZE`, 1 GiB).
pub const DEFAULT_MAX_MEMORY_SIZE: u64 = 1 << 30;
/// libcurl's receive buffer for a connection of its own: larger buffers mean fewer callbacks,
/// `recv`s and wake-ups (512 KiB used ~12% less CPU than 64-128 KiB for a 1 GiB download).
pub const DEFAULT_RECEIVE_BUFFER: usize = 512 * 1024;
/// The largest share of one of a parallel transfer's connections. Measured on a 1 GiB download,
/// 3 threads, into tmpfs, client CPU: 512 KiB 0.91 s, 256 KiB 0.93 s, 128 KiB 1.16 s, 16 KiB
/// 1.15 s. libcurl allocates the buffer anew for every request and the worker's malloc arena keeps
/// what was freed around it, so each costs about twice its size resident (`/proc/PID/smaps`: a
/// worker's heap 1,184 KiB with 512 KiB, 672 KiB with 256 KiB): half the default costs nothing
/// measurable in CPU and saves about 1.5 MiB at 3 threads.
const MAX_PARALLEL_SHARE: usize = 256 * 1024;
/// libcurl's own upload buffer (`CURLOPT_UPLOAD_BUFFERSIZE`).
pub const DEFAULT_SEND_BUFFER: usize = 64 * 1024;
/// What the receive buffers of one parallel transfer take together at most: three connections'
/// worth, the default thread count's. Each buffer is touched whole, so without a budget peak RSS
/// grew by the full buffer per thread (27 MiB at 16 threads against 15 MiB at 3).
const PARALLEL_RECEIVE_BUDGET: usize = 3 * MAX_PARALLEL_SHARE;
/// The smallest share: below this the per-callback cost dominates.
const MIN_RECEIVE_BUFFER: usize = 64 * 1024;

impl Default for TransferOptions {
    fn default() -> Self {
        TransferOptions {
            connect_timeout: Duration::from_secs(DEFAULT_CONNECT_TIMEOUT_SECS),
            dns_cache_timeout: Duration::from_secs(DEFAULT_DNS_CACHE_TIMEOUT_SECS),
            speed_limit: DEFAULT_SPEED_LIMIT,
            speed_time: Duration::from_secs(DEFAULT_SPEED_TIME_SECS),
            max_memory_size: DEFAULT_MAX_MEMORY_SIZE,
            enable_crc: true,
            verify_ssl: true,
            ca_path: None,
            ca_file: None,
            verify_object_strict: true,
            receive_buffer: DEFAULT_RECEIVE_BUFFER,
            send_buffer: DEFAULT_SEND_BUFFER,
        }
    }
}

impl TransferOptions {
    /// Sizes the receive buffer for one of `threads` parallel connections of a transfer: the
    /// budget shared between them, between 64 and 256 KiB. `threads` outside 1..=1024
    /// counts as 1, as the transfer engines normalise it.
    pub fn share_receive_buffer(&mut self, threads: i32) {
        let threads = if (1..=1024).contains(&threads) { threads as usize } else { 1 };
        self.receive_buffer = (PARALLEL_RECEIVE_BUDGET / threads).clamp(MIN_RECEIVE_BUFFER, MAX_PARALLEL_SHARE);
    }
}

/// Everything a request needs to know about the client.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Config {
    /// As the caller gave it, e.g. `oss-cn-hangzhou.aliyuncs.com` or `http://127.0.0.1:9000`.
    pub endpoint: String,
    pub credentials: Credentials,
    /// The endpoint is the bucket's own domain (CNAME): no bucket in the host or path.
    pub is_cname: bool,
    pub proxy: Option<Proxy>,
    pub signature_version: SignatureVersion,
    /// Region for V4 signing (e.g. `cn-hangzhou`).
    pub region: Option<String>,
    /// CloudBox id (V4 signing for CloudBox); carried, not interpreted here.
    pub cloudbox_id: Option<String>,
    pub transfer: TransferOptions,
    /// The `User-Agent` header value (see [`user_agent`]).
    pub user_agent: String,
}

/// Why C configuration values could not be turned into a [`Config`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ConfigError {
    /// A required pointer (`options`, `options->config`) was NULL.
    Missing(&'static str),
    /// A field is not valid (negative length, not UTF-8, unsupported value).
    Invalid { field: &'static str, reason: &'static str },
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ConfigError::Missing(what) => write!(f, "{what} is NULL"),
            ConfigError::Invalid { field, reason } => write!(f, "invalid {field}: {reason}"),
        }
    }
}

impl std::error::Error for ConfigError {}

impl Config {
    /// A configuration with the official defaults for everything but the
    /// endpoint and credentials: V1 signing, no proxy, no CNAME.
    pub fn new(endpoint: &str, credentials: Credentials) -> Config {
        Config {
            endpoint: endpoint.to_string(),
            credentials,
            is_cname: false,
            proxy: None,
            signature_version: SignatureVersion::V1,
            region: None,
            cloudbox_id: None,
            transfer: TransferOptions::default(),
            user_agent: user_agent(),
        }
    }

    /// Checks the combinations a request cannot work without: a non-empty endpoint and, for V4,
    /// a region.
    pub fn validate(&self) -> Result<(), ConfigError> {
        if self.endpoint.trim().is_empty() {
            return Err(ConfigError::Invalid { field: "endpoint", reason: "empty" });
        }
        if self.signature_version == SignatureVersion::V4 && self.region.as_deref().map_or(true, str::is_empty) {
            return Err(ConfigError::Invalid { field: "region", reason: "signature version 4 needs a region" });
        }
        Ok(())
    }
}

/// The user-agent suffix set by `aos_http_io_initialize`; `None` means "Unknown".
static USER_AGENT_INFO: RwLock<Option<String>> = RwLock::new(None);

/// Sets the text shown in the user agent's `(Compatible ...)` part (see [`compose_user_agent`]).
pub fn set_user_agent_info(info: Option<&str>) {
    let info = info.map(sanitise_header_text).filter(|s| !s.trim().is_empty());
    *USER_AGENT_INFO.write().unwrap_or_else(|p| p.into_inner()) = info;
}

/// The user agent for requests made now: `aliyun-sdk-c/3.11.2(Compatible <info or Unknown>)`.
pub fn user_agent() -> String {
    let info = USER_AGENT_INFO.read().unwrap_or_else(|p| p.into_inner());
    compose_user_agent(info.as_deref())
}

/// `aliyun-sdk-c/3.11.2(Compatible <info>)`, with "Unknown" for no or blank info. Control
/// characters become spaces: the value goes into an HTTP header, where CR/LF would inject lines.
pub fn compose_user_agent(info: Option<&str>) -> String {
    let info = info.map(sanitise_header_text).filter(|s| !s.trim().is_empty());
    format!("{SDK_NAME}/{SDK_VERSION}(Compatible {})", info.as_deref().unwrap_or("Unknown"))
}

fn sanitise_header_text(s: &str) -> String {
    s.chars().map(|c| if c.is_control() { ' ' } else { c }).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Config {
        Config {
            endpoint: "oss-cn-hangzhou.aliyuncs.com".into(),
            credentials: Credentials {
                access_key_id: "ak".into(),
                access_key_secret: "topsecret".into(),
                security_token: Some("tok".into()),
            },
            is_cname: false,
            proxy: Some(Proxy { address: "p:8080".into(), auth: Some("u:pw".into()) }),
            signature_version: SignatureVersion::V1,
            region: None,
            cloudbox_id: None,
            transfer: TransferOptions::default(),
            user_agent: user_agent(),
        }
    }

    #[test]
    fn debug_hides_secrets() {
        let text = format!("{:?}", sample());
        assert!(!text.contains("topsecret") && !text.contains("tok\"") && !text.contains("u:pw"), "{text}");
        assert!(text.contains("ak"));
    }

    #[test]
    fn validation() {
        let mut c = sample();
        assert_eq!(c.validate(), Ok(()));
        c.signature_version = SignatureVersion::V4;
        assert!(c.validate().is_err());
        c.region = Some("cn-hangzhou".into());
        assert_eq!(c.validate(), Ok(()));
        c.endpoint = " ".into();
        assert!(c.validate().is_err());
    }

    #[test]
    fn user_agent_format_and_sanitising() {
        assert_eq!(compose_user_agent(Some("demo\r\nX-Evil: 1")), "aliyun-sdk-c/3.11.2(Compatible demo  X-Evil: 1)");
        assert_eq!(compose_user_agent(Some("")), "aliyun-sdk-c/3.11.2(Compatible Unknown)");
        assert_eq!(compose_user_agent(None), "aliyun-sdk-c/3.11.2(Compatible Unknown)");
        assert!(user_agent().starts_with("aliyun-sdk-c/3.11.2(Compatible "));
    }

    #[test]
    fn defaults_match_the_c_sdk() {
        let t = TransferOptions::default();
        assert_eq!(t.speed_limit, 1024);
        assert_eq!(t.speed_time, Duration::from_secs(15));
        assert_eq!(t.connect_timeout, Duration::from_secs(10));
        assert_eq!(t.dns_cache_timeout, Duration::from_secs(60));
        assert!(t.enable_crc && t.verify_ssl && t.verify_object_strict);
    }

    #[test]
    fn parallel_connections_share_the_receive_budget() {
        let shared = |threads| {
            let mut t = TransferOptions::default();
            t.share_receive_buffer(threads);
            t.receive_buffer
        };
        assert_eq!(TransferOptions::default().receive_buffer, 512 * 1024);
        for threads in [1, 2, 3, 0, -5, 1025, i32::MIN, i32::MAX] {
            assert_eq!(shared(threads), 256 * 1024, "{threads} threads");
        }
        assert_eq!(shared(4), 192 * 1024);
        assert_eq!(shared(8), 96 * 1024);
        assert_eq!(shared(12), 64 * 1024);
        assert_eq!(shared(16), 64 * 1024);
        assert_eq!(shared(1024), 64 * 1024);
    }
}
