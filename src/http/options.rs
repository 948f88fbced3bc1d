//! What the transport needs from the caller's configuration, as plain values.

use std::path::PathBuf;
use std::time::Duration;

/// Connection and TLS settings for one session. Defaults are the official
/// SDK's (`aos_http_request_options_t`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TransportOptions {
    pub connect_timeout: Duration,
    /// A transfer slower than `speed_limit` bytes/s for `speed_time` fails
    /// with `AOSE_REQUEST_TIMEOUT` (curl's low-speed limit: a stall detector).
    pub speed_limit: u32,
    pub speed_time: Duration,
    pub dns_cache_timeout: Duration,
    /// `host[:port]` of an HTTP proxy.
    pub proxy: Option<String>,
    /// `user:password` for the proxy.
    pub proxy_auth: Option<String>,
    pub verify_ssl: bool,
    pub ca_file: Option<PathBuf>,
    pub ca_path: Option<PathBuf>,
    pub user_agent: String,
}

impl Default for TransportOptions {
    fn default() -> Self {
        Self {
            connect_timeout: Duration::from_secs(10),
            speed_limit: 1024,
            speed_time: Duration::from_secs(15),
            dns_cache_timeout: Duration::from_secs(60),
            proxy: None,
            proxy_auth: None,
            verify_ssl: true,
            ca_file: None,
            ca_path: None,
            user_agent: concat!("aliyun-sdk-c/", env!("CARGO_PKG_VERSION"), "(Compatible Unknown)").to_string(),
        }
    }
}
