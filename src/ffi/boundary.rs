//! The panic boundary and the pointer checks shared by every entry point.
//!
//! Unwinding out of an `extern "C"` function into C is undefined behaviour (and aborts with the
//! current compiler), so every exported function runs its body through [`guard`]: a panic is
//! caught, logged at ERROR, and turned into the function's documented failure value (NULL, a
//! non-zero code, an `AOSE_INTERNAL_ERROR` status ...). The host process is never aborted.

use std::ffi::{c_char, CStr};
use std::panic::{catch_unwind, AssertUnwindSafe};

use crate::log::{self, Level};

/// Runs `body`, returning `on_panic` if it panics. `name` is the C function's name, for the log.
pub fn guard<T>(name: &'static str, on_panic: T, body: impl FnOnce() -> T) -> T {
    match catch_unwind(AssertUnwindSafe(body)) {
        Ok(value) => value,
        Err(payload) => {
            // Formatting the message must not panic again: only `&str`/`String` payloads are read.
            let what = payload
                .downcast_ref::<&str>()
                .copied()
                .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
                .unwrap_or("non-string panic payload");
            let _ = catch_unwind(AssertUnwindSafe(|| {
                log::write(
                    Level::Error,
                    file!(),
                    line!(),
                    &format!("{name}: internal error caught at the C boundary: {what}"),
                )
            }));
            on_panic
        }
    }
}

/// Borrows a C string, or `None` for NULL.
///
/// # Safety
/// `p` is NULL or points to a NUL-terminated string that outlives `'a`.
pub unsafe fn c_str<'a>(p: *const c_char) -> Option<&'a CStr> {
    if p.is_null() {
        None
    } else {
        Some(CStr::from_ptr(p))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn panics_become_the_failure_value() {
        assert_eq!(guard("t", -1, || 5), 5);
        assert_eq!(guard("t", -1, || -> i32 { panic!("boom") }), -1);
        assert!(guard("t", std::ptr::null_mut::<u8>(), || panic!("{}", String::from("x"))).is_null());
    }

    #[test]
    fn null_c_strings_are_none() {
        assert!(unsafe { c_str(std::ptr::null()) }.is_none());
        let s = c"abc";
        assert_eq!(unsafe { c_str(s.as_ptr()) }.unwrap().to_bytes(), b"abc");
    }
}
