//! Logging core (levels, sink, formatting, redaction); knows nothing of C.
//!
//! The rest of the library logs through two calls:
//!
//! ```ignore
//! if crate::log::enabled(crate::log::Level::Debug) {
//!     crate::log::write(crate::log::Level::Debug, file!(), line!(), &format!("GET {url}"));
//! }
//! ```
//!
//! or the [`log_at!`](crate::log_at) macro, which does exactly that. `enabled` is one atomic load,
//! so checking it first keeps disabled logging free of formatting work.
//!
//! A line looks like `[2024-05-01T12:00:00.123Z] [WARN] [src/http/mod.rs:42] message` and goes
//! to stderr unless a sink was installed with [`set_sink`] (the C layer installs sinks for
//! `aos_log_set_print` and `aos_log_set_output_file`). The default level is [`Level::Warn`], and
//! the library logs nothing at WARN or above during a successful run.
//!
//! The library's own lines come from three places: `crate::call_log` (INFO or ERROR once per
//! call), `http::exchange_log` (DEBUG and TRACE per request) and
//! `transfer::retry::RetryPolicy::before_retry` (WARN per retry).
//!
//! Every line passes through [`redact`] before it reaches any sink, so credentials that end up
//! in a message (an `Authorization` header, a security token, a signed URL's `Signature`, an
//! access key secret) are masked at every level.

use std::borrow::Cow;
use std::io::Write;
use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::{Arc, RwLock};
use std::time::SystemTime;

/// Log levels, numbered as the C SDK's `aos_log_level_e` (OFF = 1 ... ALL = 8).
///
/// Setting the threshold to `Off` prints nothing, `All` prints everything. A message is written
/// when its level is between `Fatal` and the threshold.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[repr(u8)]
pub enum Level {
    Off = 1,
    Fatal = 2,
    Error = 3,
    Warn = 4,
    Info = 5,
    Debug = 6,
    Trace = 7,
    All = 8,
}

impl Level {
    /// The level with the C SDK's number, or `None` outside 1..=8.
    pub fn from_number(n: i64) -> Option<Level> {
        Some(match n {
            1 => Level::Off,
            2 => Level::Fatal,
            3 => Level::Error,
            4 => Level::Warn,
            5 => Level::Info,
            6 => Level::Debug,
            7 => Level::Trace,
            8 => Level::All,
            _ => return None,
        })
    }

    /// The upper-case name printed in log lines.
    pub fn name(self) -> &'static str {
        match self {
            Level::Off => "OFF",
            Level::Fatal => "FATAL",
            Level::Error => "ERROR",
            Level::Warn => "WARN",
            Level::Info => "INFO",
            Level::Debug => "DEBUG",
            Level::Trace => "TRACE",
            Level::All => "ALL",
        }
    }
}

/// A destination for finished log lines (each ends with `'\n'` and is already redacted).
pub type Sink = Arc<dyn Fn(&str) + Send + Sync>;

static THRESHOLD: AtomicU8 = AtomicU8::new(Level::Warn as u8);
/// `None` means stderr. Readers clone the `Arc` and call it outside the lock, so a sink that
/// itself logs, or replaces the sink, cannot deadlock.
static SINK: RwLock<Option<Sink>> = RwLock::new(None);

/// Sets the threshold: messages at this level and more severe ones are written.
pub fn set_level(level: Level) {
    THRESHOLD.store(level as u8, Ordering::Relaxed);
}

/// The current threshold.
pub fn level() -> Level {
    Level::from_number(i64::from(THRESHOLD.load(Ordering::Relaxed))).unwrap_or(Level::Warn)
}

/// Whether a message at `level` would be written now. `Off` messages never are; `All` counts as
/// `Trace`.
pub fn enabled(level: Level) -> bool {
    let level = if level == Level::All { Level::Trace } else { level };
    level >= Level::Fatal && (level as u8) <= THRESHOLD.load(Ordering::Relaxed)
}

/// Replaces the sink; `None` restores stderr.
pub fn set_sink(sink: Option<Sink>) {
    let mut guard = SINK.write().unwrap_or_else(|poisoned| poisoned.into_inner());
    *guard = sink;
}

/// Writes one message if `level` is enabled: formats the line (time, level, `file:line`),
/// redacts secrets and hands it to the sink. Never panics on I/O errors.
pub fn write(level: Level, file: &str, line: u32, message: &str) {
    if !enabled(level) {
        return;
    }
    let text = format_line(SystemTime::now(), level, file, line, message);
    emit(&text);
}

/// Hands an already formatted text to the sink after redaction (used for raw messages the C
/// side passes to `aos_log_print_default`).
pub fn emit(text: &str) {
    let text = redact(text);
    let sink = {
        let guard = SINK.read().unwrap_or_else(|poisoned| poisoned.into_inner());
        guard.clone()
    };
    match sink {
        Some(sink) => sink(&text),
        None => write_stderr(&text),
    }
}

/// Writes to stderr, ignoring errors (a closed stderr must not break a download).
pub fn write_stderr(text: &str) {
    let _ = std::io::stderr().lock().write_all(text.as_bytes());
}

/// Logs through [`write`] only when the level is enabled, so the message is formatted only then.
///
/// `log_at!(Level::Debug, "GET {} -> {}", url, status)`
#[macro_export]
macro_rules! log_at {
    ($level:expr, $($arg:tt)+) => {{
        let level = $level;
        if $crate::log::enabled(level) {
            $crate::log::write(level, file!(), line!(), &format!($($arg)+));
        }
    }};
}

/// Formats one log line: `[<UTC time>] [<LEVEL>] [<file>:<line>] <message>\n`. Trailing line
/// breaks of the message are dropped and one `'\n'` is added.
pub fn format_line(now: SystemTime, level: Level, file: &str, line: u32, message: &str) -> String {
    let message = message.trim_end_matches(['\r', '\n']);
    format!("[{}] [{}] [{}:{}] {}\n", utc_timestamp(now), level.name(), file, line, message)
}

/// `YYYY-MM-DDTHH:MM:SS.mmmZ` for a system time (times before 1970 print as the epoch).
fn utc_timestamp(now: SystemTime) -> String {
    let u = crate::utc::from_system_time(now);
    format!("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z", u.year, u.month, u.day, u.hour, u.minute, u.second, u.millis)
}

/// What replaces a secret value.
const MASK: &str = "***";

/// Names whose value runs to the end of the line (HTTP header style: the value may hold
/// spaces, e.g. `Authorization: OSS4-HMAC-SHA256 Credential=..., Signature=...`).
const LINE_KEYS: &[&str] = &["authorization", "proxy-authorization", "x-oss-security-token", "security-token"];

/// Names whose value ends at the next delimiter (query strings, key=value, JSON).
const WORD_KEYS: &[&str] = &[
    "signature",
    "x-oss-signature",
    "accesskeysecret",
    "access_key_secret",
    "access-key-secret",
    "secretaccesskey",
    "securitytoken",
    "sts_token",
    "proxy_passwd",
    "proxy_auth",
    "password",
];

/// Masks credentials in a text. For each known name (case-insensitive, not part of a longer
/// word) followed by `:` or `=` (quotes and spaces allowed around it), the value is replaced by
/// `***`: to the end of the line for header-style names (`Authorization`,
/// `x-oss-security-token`) followed by `:`, up to the next `&`, space, quote, `,`, `;` or `}`
/// otherwise (`Signature=`, `AccessKeySecret`, `access_key_secret`, `security-token=` ...).
pub fn redact(text: &str) -> Cow<'_, str> {
    let lower = text.to_ascii_lowercase();
    let bytes = lower.as_bytes();
    let mut ranges: Vec<(usize, usize)> = Vec::new();
    for (keys, to_line_end) in [(LINE_KEYS, true), (WORD_KEYS, false)] {
        for key in keys {
            let mut from = 0;
            while let Some(found) = lower[from..].find(key) {
                let start = from + found;
                from = start + key.len();
                if start > 0 && is_word_byte(bytes[start - 1]) {
                    continue;
                }
                if let Some(range) = value_range(bytes, start + key.len(), to_line_end) {
                    ranges.push(range);
                }
            }
        }
    }
    if ranges.is_empty() {
        return Cow::Borrowed(text);
    }
    ranges.sort_unstable();
    let mut out = String::with_capacity(text.len());
    let mut pos = 0;
    for (start, end) in ranges {
        if start < pos {
            // Overlaps a range already masked (e.g. `Signature=` inside an Authorization line).
            continue;
        }
        out.push_str(&text[pos..start]);
        out.push_str(MASK);
        pos = end;
    }
    out.push_str(&text[pos..]);
    Cow::Owned(out)
}

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'-'
}

/// After a key ending at `i`: expects optional quotes/spaces, `:` or `=`, optional
/// quotes/spaces, then a value. Returns the byte range of the value if it is not empty. The
/// range ends on an ASCII byte, so it is always on a char boundary of the original text.
fn value_range(bytes: &[u8], mut i: usize, to_line_end: bool) -> Option<(usize, usize)> {
    while i < bytes.len() && matches!(bytes[i], b' ' | b'\t' | b'"' | b'\'') {
        i += 1;
    }
    if i >= bytes.len() || !matches!(bytes[i], b':' | b'=') {
        return None;
    }
    // `name=value` is a query parameter or a key=value pair even for a header name (a presigned
    // URL's `x-oss-security-token=`): its value ends at the next delimiter, not the line's end.
    let to_line_end = to_line_end && bytes[i] == b':';
    i += 1;
    while i < bytes.len() && matches!(bytes[i], b' ' | b'\t' | b'"' | b'\'') {
        i += 1;
    }
    let start = i;
    while i < bytes.len() {
        let b = bytes[i];
        let stop = if to_line_end {
            b == b'\r' || b == b'\n'
        } else {
            matches!(b, b'&' | b' ' | b'\t' | b'\r' | b'\n' | b'"' | b'\'' | b',' | b';' | b'}' | b')')
        };
        if stop {
            break;
        }
        i += 1;
    }
    // Header-style values keep trailing spaces out of the mask so the line stays readable.
    let mut end = i;
    while to_line_end && end > start && bytes[end - 1] == b' ' {
        end -= 1;
    }
    (end > start).then_some((start, end))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Mutex;
    use std::time::Duration;
    use std::time::UNIX_EPOCH;

    /// The level and sink are process-wide; tests that touch them take this lock.
    static GLOBAL: Mutex<()> = Mutex::new(());

    #[test]
    fn level_numbers_match_the_c_sdk() {
        assert_eq!(Level::Off as u8, 1);
        assert_eq!(Level::All as u8, 8);
        for n in 1..=8 {
            assert_eq!(Level::from_number(n).unwrap() as i64, n);
        }
        assert_eq!(Level::from_number(0), None);
        assert_eq!(Level::from_number(9), None);
    }

    #[test]
    fn threshold_decides_what_is_enabled() {
        let _g = GLOBAL.lock().unwrap();
        set_level(Level::Warn);
        assert!(enabled(Level::Fatal) && enabled(Level::Error) && enabled(Level::Warn));
        assert!(!enabled(Level::Info) && !enabled(Level::Trace));
        assert!(!enabled(Level::Off));
        set_level(Level::Off);
        assert!(!enabled(Level::Fatal));
        set_level(Level::All);
        assert!(enabled(Level::Trace) && enabled(Level::All));
        set_level(Level::Warn);
    }

    #[test]
    fn lines_have_time_level_and_location() {
        let t = UNIX_EPOCH + Duration::from_millis(1_714_564_800_123);
        let line = format_line(t, Level::Error, "src/x.rs", 42, "boom\n");
        assert_eq!(line, "[2024-05-01T12:00:00.123Z] [ERROR] [src/x.rs:42] boom\n");
    }

    #[test]
    fn sink_receives_redacted_lines_only_when_enabled() {
        let _g = GLOBAL.lock().unwrap();
        let seen = Arc::new(Mutex::new(Vec::<String>::new()));
        let seen2 = seen.clone();
        set_sink(Some(Arc::new(move |s: &str| seen2.lock().unwrap().push(s.to_string()))));
        set_level(Level::Warn);
        write(Level::Info, "a.rs", 1, "quiet");
        write(Level::Warn, "a.rs", 2, "Authorization: OSS ak:sig");
        set_sink(None);
        let seen = seen.lock().unwrap();
        assert_eq!(seen.len(), 1);
        assert!(seen[0].ends_with("[WARN] [a.rs:2] Authorization: ***\n"), "{}", seen[0]);
    }

    #[test]
    fn secrets_are_masked() {
        let cases = [
            ("Authorization: OSS LTAIxx:abcdef==", "Authorization: ***"),
            ("authorization:OSS4-HMAC-SHA256 Credential=a/b, Signature=ff\r\nHost: h", "authorization:***\r\nHost: h"),
            ("x-oss-security-token: CAIS12345", "x-oss-security-token: ***"),
            (
                "GET /o?Expires=1&OSSAccessKeyId=ak&Signature=a%2Bb HTTP/1.1",
                "GET /o?Expires=1&OSSAccessKeyId=ak&Signature=*** HTTP/1.1",
            ),
            ("x-oss-signature=abc&x", "x-oss-signature=***&x"),
            ("{\"AccessKeySecret\": \"s3cr3t\", \"n\": 1}", "{\"AccessKeySecret\": \"***\", \"n\": 1}"),
            ("access_key_secret=s3cr3t rest", "access_key_secret=*** rest"),
            ("GET /o?security-token=CAIS1&x=1 -> 200", "GET /o?security-token=***&x=1 -> 200"),
            ("/o?x-oss-security-token=CAIS1 -> 200", "/o?x-oss-security-token=*** -> 200"),
        ];
        for (input, expected) in cases {
            assert_eq!(redact(input), expected, "input: {input}");
        }
    }

    #[test]
    fn harmless_text_is_untouched() {
        for text in [
            "x-oss-signature-version: OSS4",
            "Authorization",
            "no secrets here",
            "MySignature=1",
            "Authorization: ",
            "résumé Signature",
        ] {
            assert!(matches!(redact(text), Cow::Borrowed(_)), "{text}");
        }
    }
}
