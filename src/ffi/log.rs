//! The C logging API over the safe core in `crate::log`: level, redirection to a callback or a
//! `FILE *`, and the non-variadic entry point behind the header's `aos_*_log` macros.
//!
//! Stable Rust cannot define C variadic functions, so the header formats with `vsnprintf` in a
//! `static inline` helper (`aos_log_printf`) and passes the finished text to `aos_log_write`.

use std::ffi::{c_char, c_int};
use std::sync::atomic::{AtomicPtr, Ordering};
use std::sync::{Arc, Mutex};

use super::boundary::{c_str, entry, entry_or};
use crate::log::{self, Level};

/// A log level, `AOS_LOG_OFF` (1) to `AOS_LOG_ALL` (8). In C this is the enum
/// `aos_log_level_e`, declared by hand in the header (cbindgen.toml): a Rust enum parameter
/// would make an out-of-range value from C undefined behaviour, a plain `int` cannot.
#[repr(transparent)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct aos_log_level_e(pub c_int);

/// Receives each finished log line (NUL-terminated; `len` excludes the NUL and includes the
/// trailing newline).
pub type aos_log_print_pt = Option<unsafe extern "C" fn(message: *const c_char, len: c_int)>;

/// The callback set with `aos_log_set_print`, if any.
static PRINT: Mutex<aos_log_print_pt> = Mutex::new(None);
/// The stream set with `aos_log_set_output_file`; null means stderr.
static OUTPUT: AtomicPtr<libc::FILE> = AtomicPtr::new(std::ptr::null_mut());

/// Writes text to the `FILE *` set with `aos_log_set_output_file`, or stderr.
fn print_default(text: &str) {
    let file = OUTPUT.load(Ordering::Acquire);
    if file.is_null() {
        log::write_stderr(text);
    } else {
        // SAFETY: the caller promised the stream stays open while it is set; fwrite locks it.
        unsafe {
            libc::fwrite(text.as_ptr().cast(), 1, text.len(), file);
            libc::fflush(file);
        }
    }
}

/// Points the core's sink at the callback, else the output file, else stderr.
fn install_sink() {
    let print = *PRINT.lock().unwrap_or_else(|p| p.into_inner());
    let sink: Option<log::Sink> = match print {
        Some(callback) => Some(Arc::new(move |text: &str| {
            let mut bytes = Vec::with_capacity(text.len() + 1);
            bytes.extend_from_slice(text.as_bytes());
            bytes.push(0);
            let len = c_int::try_from(text.len()).unwrap_or(c_int::MAX);
            // SAFETY: a valid NUL-terminated buffer of `len` bytes, alive during the call.
            unsafe { callback(bytes.as_ptr().cast(), len) }
        })),
        None if !OUTPUT.load(Ordering::Acquire).is_null() => Some(Arc::new(print_default)),
        None => None,
    };
    log::set_sink(sink);
}

/// Sets the log level: messages at `level` and more severe ones are written. The default is
/// AOS_LOG_WARN. Values outside AOS_LOG_OFF..AOS_LOG_ALL are ignored.
#[no_mangle]
pub extern "C" fn aos_log_set_level(level: aos_log_level_e) {
    entry("aos_log_set_level", || {
        if let Some(level) = Level::from_number(i64::from(level.0)) {
            log::set_level(level);
        }
    })
}

/// The current log level.
#[no_mangle]
pub extern "C" fn aos_log_get_level() -> aos_log_level_e {
    entry_or("aos_log_get_level", aos_log_level_e(Level::Warn as c_int), || aos_log_level_e(log::level() as c_int))
}

/// 1 if a message at `level` (AOS_LOG_FATAL..AOS_LOG_TRACE) would be written now, else 0.
#[no_mangle]
pub extern "C" fn aos_log_enabled(level: c_int) -> c_int {
    entry_or("aos_log_enabled", 0, || c_int::from(Level::from_number(i64::from(level)).is_some_and(log::enabled)))
}

/// Sends log lines to `p` instead of stderr (or the file set with `aos_log_set_output_file`);
/// NULL restores that default. `p` may be called from any thread the library logs on.
#[no_mangle]
pub extern "C" fn aos_log_set_print(p: aos_log_print_pt) {
    entry("aos_log_set_print", || {
        *PRINT.lock().unwrap_or_else(|e| e.into_inner()) = p;
        install_sink();
    })
}

/// Writes log lines to `file` instead of stderr (each line is flushed); NULL restores stderr.
/// The library does not close the stream: set another (or NULL) before closing it.
/// A callback set with `aos_log_set_print` takes precedence.
#[no_mangle]
pub unsafe extern "C" fn aos_log_set_output_file(file: *mut libc::FILE) {
    entry("aos_log_set_output_file", || {
        OUTPUT.store(file, Ordering::Release);
        install_sink();
    })
}

/// Logs `message` at `level` with its source location, if the level is enabled: one line with
/// the time, level and `file:line`, secrets redacted. NULL `file` or `message` are allowed.
/// The `aos_fatal_log` ... `aos_trace_log` macros format their arguments and call this.
#[no_mangle]
pub unsafe extern "C" fn aos_log_write(level: c_int, file: *const c_char, line: c_int, message: *const c_char) {
    entry("aos_log_write", || {
        let Some(level) = Level::from_number(i64::from(level)) else {
            return;
        };
        if !log::enabled(level) {
            return;
        }
        // SAFETY: each NULL or NUL-terminated (this function's contract).
        let (file, message) = unsafe { (c_str(file), c_str(message)) };
        let (file, message) = (file.map(|s| s.to_string_lossy()), message.map(|s| s.to_string_lossy()));
        log::write(
            level,
            file.as_deref().unwrap_or("?"),
            u32::try_from(line).unwrap_or(0),
            message.as_deref().unwrap_or(""),
        );
    })
}

/// Writes `len` bytes of `message` (all of it if `len` is negative) to the default output (the
/// file set with `aos_log_set_output_file`, or stderr), secrets redacted, whatever the level.
#[no_mangle]
pub unsafe extern "C" fn aos_log_print_default(message: *const c_char, len: c_int) {
    entry("aos_log_print_default", || {
        if message.is_null() {
            return;
        }
        // With a length the text need not be NUL-terminated, so only measure it without one.
        // SAFETY: `len` readable bytes, or a NUL-terminated string when `len` is negative
        // (this function's contract).
        let bytes = unsafe {
            match usize::try_from(len) {
                Ok(n) => std::slice::from_raw_parts(message.cast::<u8>(), n),
                Err(_) => std::ffi::CStr::from_ptr(message).to_bytes(),
            }
        };
        print_default(&log::redact(&String::from_utf8_lossy(bytes)));
    })
}
