//! Client configuration as C sees it: `oss_config_t`, `oss_request_options_t`, the HTTP
//! controller and its request options, their create functions, and [`read_request_options`],
//! which turns them into a plain [`crate::config::Config`] for the safe core.
//!
//! Controllers point at a process-wide default `aos_http_request_options_t` unless the caller
//! gives them their own (`aos_http_request_options_create`); `oss_config_resolve` copies those
//! defaults before writing proxy settings, so one client's proxy never leaks into another's.

use std::cell::UnsafeCell;
use std::ffi::{c_char, c_int, c_void};
use std::path::PathBuf;
use std::ptr;
use std::sync::atomic::{AtomicPtr, Ordering};
use std::time::Duration;

use super::boundary::{c_str, entry, try_mut, try_ref};
use super::pool::{aos_pool_t, apr_pool_t};
use super::string::aos_string_t;
use crate::config::{
    self, Config, ConfigError, Credentials, Proxy, SignatureVersion, TransferOptions, DEFAULT_CONNECT_TIMEOUT_SECS,
    DEFAULT_DNS_CACHE_TIMEOUT_SECS, DEFAULT_MAX_MEMORY_SIZE, DEFAULT_RECEIVE_BUFFER, DEFAULT_SEND_BUFFER,
    DEFAULT_SPEED_LIMIT, DEFAULT_SPEED_TIME_SECS,
};

/// Endpoint, credentials and signing settings of a client. Create it zeroed with
/// `oss_config_create` and fill the strings with `aos_str_set` (they are not copied: the text
/// must outlive the requests).
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct oss_config_t {
    /// e.g. "oss-cn-hangzhou.aliyuncs.com" or "http://127.0.0.1:8080"; "https://" selects TLS.
    pub endpoint: aos_string_t,
    pub access_key_id: aos_string_t,
    pub access_key_secret: aos_string_t,
    /// STS security token, or the null string.
    pub sts_token: aos_string_t,
    /// Non-zero: the endpoint is the bucket's own domain (CNAME).
    pub is_cname: c_int,
    /// HTTP proxy host (applied by `oss_config_resolve` and by every request).
    pub proxy_host: aos_string_t,
    /// Proxy port, 0 for the default.
    pub proxy_port: c_int,
    pub proxy_user: aos_string_t,
    pub proxy_passwd: aos_string_t,
    /// 1 (also when 0) for OSS signature V1, 4 for V4 (needs `region`).
    pub signature_version: c_int,
    /// Region for V4 signing, e.g. "cn-hangzhou".
    pub region: aos_string_t,
    /// CloudBox id for V4 signing against CloudBox, or the null string.
    pub cloudbox_id: aos_string_t,
}

/// Per-request transfer settings. Defaults: speed_limit 1024 B/s and speed_time 15 s (a transfer
/// slower than that for that long fails), dns_cache_timeout 60 s, connect_timeout 10 s,
/// max_memory_size 1 GiB, enable_crc, verify_ssl and verify_object_strict true, the strings NULL.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct aos_http_request_options_s {
    /// Bytes per second below which a transfer counts as stalled.
    pub speed_limit: c_int,
    /// Seconds a transfer may stay below `speed_limit`.
    pub speed_time: c_int,
    /// Seconds resolved names are cached.
    pub dns_cache_timeout: c_int,
    /// Seconds allowed to connect.
    pub connect_timeout: c_int,
    /// Cap on memory for in-memory bodies.
    pub max_memory_size: i64,
    /// Verify CRC-64 of downloaded data.
    pub enable_crc: c_int,
    /// "host" or "host:port" of an HTTP proxy, or NULL.
    pub proxy_host: *mut c_char,
    /// "user:password" for the proxy, or NULL.
    pub proxy_auth: *mut c_char,
    /// Verify the server's TLS certificate.
    pub verify_ssl: c_int,
    /// CA certificate directory, or NULL for the system's.
    pub ca_path: *mut c_char,
    /// CA bundle file, or NULL for the system's.
    pub ca_file: *mut c_char,
    /// Refuse object names the official SDK refuses in strict mode.
    pub verify_object_strict: c_int,
}

/// The SDK's name for `aos_http_request_options_s`.
pub type aos_http_request_options_t = aos_http_request_options_s;

/// Per-client HTTP state: the request options in use and timing of the last request.
///
/// The official header declares `uint32_t owner:1;`. cbindgen cannot emit bit-fields, so `owner`
/// is a whole `uint32_t`: same offset, size and alignment on every ABI we target (a lone
/// one-bit field occupies its own `uint32_t` unit), only the stored value is not truncated to one
/// bit.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct aos_http_controller_s {
    /// Transfer settings; the process-wide defaults unless set by the caller.
    pub options: *mut aos_http_request_options_t,
    /// Pool the controller (and values of its requests) live in.
    pub pool: *mut aos_pool_t,
    /// Times of the last request, microseconds since the epoch (0 if none).
    pub start_time: i64,
    pub first_byte_time: i64,
    pub finish_time: i64,
    /// Whether the controller owns its pool (kept for compatibility).
    pub owner: u32,
    /// Free for the caller's use.
    pub user_data: *mut c_void,
}

/// The SDK's name for `aos_http_controller_s`.
pub type aos_http_controller_t = aos_http_controller_s;

/// A controller with the SDK's private tail; `aos_http_controller_create` allocates this, so
/// `aos_http_controller_get_reason` may read `reason` (the last transport error's text, or NULL).
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct aos_http_controller_ex_s {
    pub options: *mut aos_http_request_options_t,
    pub pool: *mut aos_pool_t,
    pub start_time: i64,
    pub first_byte_time: i64,
    pub finish_time: i64,
    pub owner: u32,
    pub user_data: *mut c_void,
    /// The last transport error code (internal).
    pub error_code: c_int,
    /// The last transport error's text, in the controller's pool, or NULL.
    pub reason: *mut c_char,
}

/// The SDK's name for `aos_http_controller_ex_s`.
pub type aos_http_controller_ex_t = aos_http_controller_ex_s;

/// What every request function takes: configuration, controller and the pool results go into.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct oss_request_options_t {
    /// Endpoint and credentials (`oss_config_create`).
    pub config: *mut oss_config_t,
    /// HTTP controller (`aos_http_controller_create`).
    pub ctl: *mut aos_http_controller_t,
    /// Pool for the results of requests made with these options.
    pub pool: *mut aos_pool_t,
}

const BUILTIN_DEFAULTS: aos_http_request_options_t = aos_http_request_options_s {
    speed_limit: DEFAULT_SPEED_LIMIT as c_int,
    speed_time: DEFAULT_SPEED_TIME_SECS as c_int,
    dns_cache_timeout: DEFAULT_DNS_CACHE_TIMEOUT_SECS as c_int,
    connect_timeout: DEFAULT_CONNECT_TIMEOUT_SECS as c_int,
    max_memory_size: DEFAULT_MAX_MEMORY_SIZE as i64,
    enable_crc: 1,
    proxy_host: ptr::null_mut(),
    proxy_auth: ptr::null_mut(),
    verify_ssl: 1,
    ca_path: ptr::null_mut(),
    ca_file: ptr::null_mut(),
    verify_object_strict: 1,
};

/// The built-in process-wide options. C may write through `ctl->options` (as with the official
/// SDK, that changes every controller sharing them), so they live in an `UnsafeCell`.
struct SharedOptions(UnsafeCell<aos_http_request_options_t>);
// SAFETY: Rust never writes it; C programs that mutate it take on the official SDK's (absent)
// synchronisation, exactly as before.
unsafe impl Sync for SharedOptions {}

static BUILTIN: SharedOptions = SharedOptions(UnsafeCell::new(BUILTIN_DEFAULTS));
/// The options new controllers point at; null means [`BUILTIN`].
static CURRENT_DEFAULT: AtomicPtr<aos_http_request_options_t> = AtomicPtr::new(ptr::null_mut());

/// The caller's pool, or a new root pool (the caller destroys it through the value's `pool` field).
fn given_or_new_pool(p: *mut aos_pool_t) -> *mut aos_pool_t {
    if p.is_null() {
        // SAFETY: a root pool (NULL parent).
        unsafe { apr_pool_t::create(ptr::null_mut()) }
    } else {
        p
    }
}

fn default_options() -> *mut aos_http_request_options_t {
    let current = CURRENT_DEFAULT.load(Ordering::Acquire);
    if current.is_null() {
        BUILTIN.0.get()
    } else {
        current
    }
}

/// Allocates a zeroed `oss_config_t` in the pool (signature version 0 means V1). NULL if `p` is
/// NULL.
#[no_mangle]
pub unsafe extern "C" fn oss_config_create(p: *mut aos_pool_t) -> *mut oss_config_t {
    entry("oss_config_create", || try_ref!(p).calloc(std::mem::size_of::<oss_config_t>()) as *mut oss_config_t)
}

/// Allocates request options in `p` with `config` and `ctl` NULL and `pool` set to `p`. If `p`
/// is NULL a new root pool is created and stored in `pool`; the caller destroys it. NULL if
/// memory is exhausted.
#[no_mangle]
pub unsafe extern "C" fn oss_request_options_create(p: *mut aos_pool_t) -> *mut oss_request_options_t {
    entry("oss_request_options_create", || {
        let pool = given_or_new_pool(p);
        // SAFETY: the caller's pool or the live root pool just created.
        let allocator = unsafe { &*pool };
        allocator.alloc_value(oss_request_options_t { config: ptr::null_mut(), ctl: ptr::null_mut(), pool })
    })
}

/// Allocates request options in the pool, set to the defaults (see `aos_http_request_options_t`).
/// Assign it to `ctl->options` to give one controller its own settings. NULL if `p` is NULL.
#[no_mangle]
pub unsafe extern "C" fn aos_http_request_options_create(p: *mut aos_pool_t) -> *mut aos_http_request_options_t {
    entry("aos_http_request_options_create", || try_ref!(p).alloc_value(BUILTIN_DEFAULTS))
}

/// Makes `op` the options that controllers created from now on point at; NULL restores the
/// built-in defaults. `op` must outlive those controllers.
#[no_mangle]
pub unsafe extern "C" fn aos_set_default_request_options(op: *mut aos_http_request_options_t) {
    entry("aos_set_default_request_options", || CURRENT_DEFAULT.store(op, Ordering::Release))
}

/// Allocates a controller in `p` (a new root pool if `p` is NULL) pointing at the process-wide
/// default request options, with times 0 and `owner` stored. NULL if memory is exhausted.
#[no_mangle]
pub unsafe extern "C" fn aos_http_controller_create(p: *mut aos_pool_t, owner: c_int) -> *mut aos_http_controller_t {
    entry("aos_http_controller_create", || {
        let pool = given_or_new_pool(p);
        // SAFETY: the caller's pool or the live root pool just created.
        let allocator = unsafe { &*pool };
        let ctl = allocator.alloc_value(aos_http_controller_ex_s {
            options: default_options(),
            pool,
            start_time: 0,
            first_byte_time: 0,
            finish_time: 0,
            owner: u32::from(owner != 0),
            user_data: ptr::null_mut(),
            error_code: 0,
            reason: ptr::null_mut(),
        });
        ctl as *mut aos_http_controller_t
    })
}

/// Applies the proxy settings of `config` to `ctl->options`: `proxy_host` becomes "host" or
/// "host:port", and `proxy_user`/`proxy_passwd` become "user:password" when both are set.
/// If `ctl` still points at the shared defaults, it first gets its own copy (allocated in
/// `pool`), so other controllers are unaffected. Does nothing if an argument is NULL or no proxy
/// host is set.
#[no_mangle]
pub unsafe extern "C" fn oss_config_resolve(
    pool: *mut aos_pool_t,
    config: *mut oss_config_t,
    ctl: *mut aos_http_controller_t,
) {
    entry("oss_config_resolve", || {
        let (pool, config, ctl) = (try_ref!(pool), try_ref!(config), try_mut!(ctl));
        // SAFETY: the caller's config is valid, its strings included.
        let Ok(Some(proxy)) = (unsafe { proxy_from_config(config) }) else {
            return;
        };
        if ctl.options.is_null() || ctl.options == BUILTIN.0.get() || ctl.options == default_options() {
            // SAFETY: `options` is NULL or points at live request options (the caller's or ours).
            let base = unsafe { ctl.options.as_ref() }.copied().unwrap_or(BUILTIN_DEFAULTS);
            let own = pool.alloc_value(base);
            if own.is_null() {
                return;
            }
            ctl.options = own;
        }
        // SAFETY: checked above: the controller's own options, or the copy just allocated.
        let options = unsafe { &mut *ctl.options };
        options.proxy_host = pool.strdup(&proxy.address);
        if let Some(auth) = &proxy.auth {
            options.proxy_auth = pool.strdup(auth);
        }
    })
}

/// Reads an `aos_string_t` field as UTF-8; the null string reads as "".
unsafe fn text(s: &aos_string_t, field: &'static str) -> Result<String, ConfigError> {
    if s.len < 0 {
        return Err(ConfigError::Invalid { field, reason: "negative length" });
    }
    // SAFETY: the caller promises `len` readable bytes at `data`.
    match unsafe { s.as_bytes() } {
        None => Ok(String::new()),
        Some(bytes) => std::str::from_utf8(bytes)
            .map(str::to_owned)
            .map_err(|_| ConfigError::Invalid { field, reason: "not UTF-8" }),
    }
}

/// Like [`text`], `None` for the null/empty string.
unsafe fn optional_text(s: &aos_string_t, field: &'static str) -> Result<Option<String>, ConfigError> {
    // SAFETY: as this function's own contract.
    unsafe { text(s, field) }.map(|t| Some(t).filter(|t| !t.is_empty()))
}

/// Reads a NUL-terminated option string; NULL or "" is `None`.
unsafe fn optional_c_text(p: *const c_char, field: &'static str) -> Result<Option<String>, ConfigError> {
    // SAFETY: as this function's own contract: NULL or NUL-terminated.
    match unsafe { c_str(p) } {
        None => Ok(None),
        Some(s) => s
            .to_str()
            .map(|s| Some(s.to_owned()).filter(|s| !s.is_empty()))
            .map_err(|_| ConfigError::Invalid { field, reason: "not UTF-8" }),
    }
}

/// The proxy `config` asks for, if any (what `oss_config_resolve` would apply).
unsafe fn proxy_from_config(config: &oss_config_t) -> Result<Option<Proxy>, ConfigError> {
    // SAFETY: the config's strings are valid, as this function's own contract.
    let Some(host) = (unsafe { optional_text(&config.proxy_host, "proxy_host") })? else {
        return Ok(None);
    };
    let address = if config.proxy_port == 0 { host } else { format!("{host}:{}", config.proxy_port) };
    // SAFETY: as above.
    let (user, password) = unsafe {
        (optional_text(&config.proxy_user, "proxy_user")?, optional_text(&config.proxy_passwd, "proxy_passwd")?)
    };
    let auth = match (user, password) {
        (Some(u), Some(p)) => Some(format!("{u}:{p}")),
        _ => None,
    };
    Ok(Some(Proxy { address, auth }))
}

/// Seconds from an `int` option; negative counts as 0.
fn seconds(v: c_int) -> Duration {
    Duration::from_secs(u64::try_from(v).unwrap_or(0))
}

/// Reads the transfer settings of a request-options struct.
unsafe fn transfer_from(o: &aos_http_request_options_t) -> Result<TransferOptions, ConfigError> {
    // SAFETY: the option strings are NULL or NUL-terminated, as this function's own contract.
    let path = |p, field| unsafe { optional_c_text(p, field) }.map(|s| s.map(PathBuf::from));
    Ok(TransferOptions {
        connect_timeout: seconds(o.connect_timeout),
        dns_cache_timeout: seconds(o.dns_cache_timeout),
        speed_limit: u32::try_from(o.speed_limit).unwrap_or(0),
        speed_time: seconds(o.speed_time),
        max_memory_size: u64::try_from(o.max_memory_size).unwrap_or(0),
        enable_crc: o.enable_crc != 0,
        verify_ssl: o.verify_ssl != 0,
        ca_path: path(o.ca_path, "ca_path")?,
        ca_file: path(o.ca_file, "ca_file")?,
        verify_object_strict: o.verify_object_strict != 0,
        receive_buffer: DEFAULT_RECEIVE_BUFFER,
        send_buffer: DEFAULT_SEND_BUFFER,
    })
}

/// Turns a caller's `oss_request_options_t` into a plain [`Config`] for the safe core.
///
/// - `options` and `options->config` must not be NULL; a NULL `ctl` or `ctl->options` means the
///   process-wide default options.
/// - The proxy comes from `config` when `config->proxy_host` is set (as `oss_config_resolve`
///   would apply it), otherwise from `ctl->options->proxy_host`/`proxy_auth`.
/// - `signature_version` 0 or 1 is V1, 4 is V4; anything else, strings that are not UTF-8 or
///   have a negative length, an empty endpoint, or V4 without a region are errors
///   (callers report them as `AOSE_INVALID_ARGUMENT`).
/// - The user agent is the one `aos_http_io_initialize` set up.
///
/// # Safety
/// `options` is NULL or points to valid options whose non-NULL pointers are valid.
pub unsafe fn read_request_options(options: *const oss_request_options_t) -> Result<Config, ConfigError> {
    // SAFETY: `options` and everything reachable from it are NULL or valid, as this function's
    // own contract; the reads below only follow those pointers and read their strings.
    let config = unsafe {
        let options = options.as_ref().ok_or(ConfigError::Missing("options"))?;
        let c = options.config.as_ref().ok_or(ConfigError::Missing("options->config"))?;
        let http =
            options.ctl.as_ref().and_then(|ctl| ctl.options.as_ref()).copied().unwrap_or_else(|| *default_options());
        Config {
            endpoint: text(&c.endpoint, "endpoint")?,
            credentials: Credentials {
                access_key_id: text(&c.access_key_id, "access_key_id")?,
                access_key_secret: text(&c.access_key_secret, "access_key_secret")?,
                security_token: optional_text(&c.sts_token, "sts_token")?,
            },
            is_cname: c.is_cname != 0,
            proxy: proxy_from(c, &http)?,
            signature_version: signature_version(c.signature_version)?,
            region: optional_text(&c.region, "region")?,
            cloudbox_id: optional_text(&c.cloudbox_id, "cloudbox_id")?,
            transfer: transfer_from(&http)?,
            user_agent: config::user_agent(),
        }
    };
    config.validate()?;
    Ok(config)
}

/// `signature_version` 0 or 1 is V1, 4 is V4.
fn signature_version(number: c_int) -> Result<SignatureVersion, ConfigError> {
    match number {
        0 | 1 => Ok(SignatureVersion::V1),
        4 => Ok(SignatureVersion::V4),
        _ => Err(ConfigError::Invalid { field: "signature_version", reason: "must be 1 or 4" }),
    }
}

/// The proxy of the config (as `oss_config_resolve` would apply it), else the controller's.
///
/// # Safety
/// The strings of `c` and `http` are valid.
unsafe fn proxy_from(c: &oss_config_t, http: &aos_http_request_options_t) -> Result<Option<Proxy>, ConfigError> {
    // SAFETY: as this function's own contract.
    unsafe {
        if let Some(proxy) = proxy_from_config(c)? {
            return Ok(Some(proxy));
        }
        let Some(address) = optional_c_text(http.proxy_host, "proxy_host")? else {
            return Ok(None);
        };
        Ok(Some(Proxy { address, auth: optional_c_text(http.proxy_auth, "proxy_auth")? }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(text: &'static str) -> aos_string_t {
        aos_string_t { len: text.len() as c_int, data: text.as_ptr() as *mut c_char }
    }

    #[test]
    fn create_functions_set_defaults() {
        unsafe {
            let pool = apr_pool_t::create(ptr::null_mut());
            let cfg = &*oss_config_create(pool);
            assert!(cfg.endpoint.data.is_null() && cfg.signature_version == 0 && cfg.is_cname == 0);
            let ctl = &*aos_http_controller_create(pool, 0);
            assert_eq!(ctl.pool, pool);
            let o = &*ctl.options;
            assert_eq!((o.speed_limit, o.speed_time, o.dns_cache_timeout, o.connect_timeout), (1024, 15, 60, 10));
            assert_eq!(o.max_memory_size, 1 << 30);
            assert!(o.enable_crc == 1 && o.verify_ssl == 1 && o.verify_object_strict == 1);
            let own = &*aos_http_request_options_create(pool);
            assert_eq!(own.speed_limit, 1024);
            let opts = &*oss_request_options_create(pool);
            assert_eq!(opts.pool, pool);
            assert!(opts.config.is_null() && opts.ctl.is_null());
            let made = oss_request_options_create(ptr::null_mut());
            assert!(!(*made).pool.is_null() && (*made).pool != pool);
            apr_pool_t::destroy((*made).pool);
            assert!(oss_config_create(ptr::null_mut()).is_null());
            apr_pool_t::destroy(pool);
        }
    }

    #[test]
    fn resolve_applies_proxy_to_a_private_copy() {
        unsafe {
            let pool = apr_pool_t::create(ptr::null_mut());
            let cfg = &mut *oss_config_create(pool);
            cfg.proxy_host = s("proxy.local");
            cfg.proxy_port = 3128;
            cfg.proxy_user = s("u");
            cfg.proxy_passwd = s("p");
            let ctl = aos_http_controller_create(pool, 0);
            let other = aos_http_controller_create(pool, 0);
            oss_config_resolve(pool, cfg, ctl);
            let o = &*(*ctl).options;
            assert_eq!(c_str(o.proxy_host).unwrap().to_bytes(), b"proxy.local:3128");
            assert_eq!(c_str(o.proxy_auth).unwrap().to_bytes(), b"u:p");
            assert!((*(*other).options).proxy_host.is_null(), "shared defaults were modified");
            oss_config_resolve(ptr::null_mut(), cfg, ctl);
            apr_pool_t::destroy(pool);
        }
    }

    #[test]
    fn reads_options_into_config() {
        unsafe {
            let pool = apr_pool_t::create(ptr::null_mut());
            let opts = &mut *oss_request_options_create(pool);
            assert_eq!(read_request_options(opts).unwrap_err(), ConfigError::Missing("options->config"));
            opts.config = oss_config_create(pool);
            let cfg = &mut *opts.config;
            cfg.endpoint = s("http://127.0.0.1:9000");
            cfg.access_key_id = s("ak");
            cfg.access_key_secret = s("sk");
            let c = read_request_options(opts).unwrap();
            assert_eq!(c.endpoint, "http://127.0.0.1:9000");
            assert_eq!(c.credentials.access_key_secret, "sk");
            assert_eq!(c.credentials.security_token, None);
            assert_eq!(c.signature_version, SignatureVersion::V1);
            assert_eq!(c.transfer, TransferOptions::default());
            assert_eq!(c.proxy, None);

            opts.ctl = aos_http_controller_create(pool, 0);
            let own = aos_http_request_options_create(pool);
            (*own).connect_timeout = 3;
            (*own).verify_ssl = 0;
            (*own).proxy_host = pool.as_ref().unwrap().strdup("px:1");
            (*own).ca_file = pool.as_ref().unwrap().strdup("/etc/ca.pem");
            (*opts.ctl).options = own;
            cfg.signature_version = 4;
            assert!(read_request_options(opts).is_err(), "V4 without region");
            cfg.region = s("cn-hangzhou");
            let c = read_request_options(opts).unwrap();
            assert_eq!(c.signature_version, SignatureVersion::V4);
            assert_eq!(c.region.as_deref(), Some("cn-hangzhou"));
            assert_eq!(c.transfer.connect_timeout, Duration::from_secs(3));
            assert!(!c.transfer.verify_ssl);
            assert_eq!(c.transfer.ca_file, Some(PathBuf::from("/etc/ca.pem")));
            assert_eq!(c.proxy, Some(Proxy { address: "px:1".into(), auth: None }));

            cfg.signature_version = 2;
            assert!(read_request_options(opts).is_err());
            cfg.signature_version = 1;
            cfg.endpoint.len = -1;
            assert!(read_request_options(opts).is_err());
            assert_eq!(read_request_options(ptr::null()).unwrap_err(), ConfigError::Missing("options"));
            apr_pool_t::destroy(pool);
        }
    }
}
