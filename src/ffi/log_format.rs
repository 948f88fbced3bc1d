//! `aos_log_set_format`: a program's own formatter for the `aos_*_log` macros.
//!
//! The formatter is a C variadic function (`aos_log_format_pt`), which Rust can store but not
//! define or forward a `va_list` to. So the header's inline `aos_log_set_format` hands the
//! pointer here as a plain `void (*)(void)`, and the inline logging helper, once it has formatted
//! a message, reads it back and calls it as `formatter(level, file, line, "", "%s", message)`.
//! `aos_log_format_default` is the header's inline default formatter.
#![deny(unsafe_op_in_unsafe_fn)]

use std::sync::Mutex;

use super::boundary::entry;

/// A C function pointer of any type, as stored (the header casts it back to
/// `aos_log_format_pt`).
pub type oss_c_sdk_any_fn = Option<unsafe extern "C" fn()>;

static FORMATTER: Mutex<oss_c_sdk_any_fn> = Mutex::new(None);

/// Stores the formatter `aos_log_set_format` was given (NULL restores the default). Called by
/// the header's inline `aos_log_set_format`; not for direct use.
#[no_mangle]
pub extern "C" fn aos_log_format_hook_set(formatter: oss_c_sdk_any_fn) {
    entry("aos_log_format_hook_set", || *FORMATTER.lock().unwrap_or_else(|p| p.into_inner()) = formatter)
}

/// The formatter set with `aos_log_set_format`, or NULL. Called by the header's inline logging
/// helper; not for direct use.
#[no_mangle]
pub extern "C" fn aos_log_format_hook() -> oss_c_sdk_any_fn {
    entry_none(|| *FORMATTER.lock().unwrap_or_else(|p| p.into_inner()))
}

/// Runs `body`; a panic answers `None`.
fn entry_none(body: impl FnOnce() -> oss_c_sdk_any_fn) -> oss_c_sdk_any_fn {
    super::boundary::entry_or("aos_log_format_hook", None, body)
}

#[cfg(test)]
mod tests {
    use super::*;

    unsafe extern "C" fn marker() {}

    #[test]
    fn stores_and_clears() {
        aos_log_format_hook_set(Some(marker));
        assert_eq!(aos_log_format_hook().map(|f| f as usize), Some(marker as *const () as usize));
        aos_log_format_hook_set(None);
        assert!(aos_log_format_hook().is_none());
    }
}
