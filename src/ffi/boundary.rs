//! The panic boundary and the argument helpers every entry point is written with.
//!
//! An entry point reads: check, convert, delegate, convert back —
//!
//! ```ignore
//! #[no_mangle]
//! pub unsafe extern "C" fn aos_pstrdup(p: *mut aos_pool_t, s: *const aos_string_t) -> *mut c_char {
//!     entry("aos_pstrdup", || {
//!         let pool = try_ref!(p);
//!         let s = try_ref!(s);
//!         pool.strdup_bytes(s.bytes())
//!     })
//! }
//! ```
//!
//! What it answers when it cannot do its job — its body panicked, or a required pointer is NULL —
//! follows from its return type ([`Answer`]): NULL for pointers, nothing for `()`,
//! `AOSE_INTERNAL_ERROR` for an `int` status. Functions whose `int` means something else (an APR
//! status, a yes/no) name their answer with [`entry_or`] and the `_or` forms of the helpers.
//!
//! Unwinding out of an `extern "C"` function into C is undefined behaviour (and aborts with the
//! current compiler), so every body runs under `catch_unwind`: a panic is logged at ERROR and
//! becomes the failure answer. The host process is never aborted.

use std::ffi::{c_char, c_int, CStr};
use std::panic::{catch_unwind, AssertUnwindSafe};

use crate::error::ClientCode;
use crate::log::{self, Level};

/// The value an entry point returns when it panicked or was given NULL where it needs a value.
pub trait Answer {
    fn failed() -> Self;
}

impl<T> Answer for *mut T {
    fn failed() -> Self {
        std::ptr::null_mut()
    }
}

impl<T> Answer for *const T {
    fn failed() -> Self {
        std::ptr::null()
    }
}

impl Answer for () {
    fn failed() -> Self {}
}

/// An `int` status (`AOSE_*` codes): the client's internal-error code.
impl Answer for c_int {
    fn failed() -> Self {
        ClientCode::InternalError as c_int
    }
}

/// Runs an entry point's `body`; a panic becomes `T::failed()`. `name` is the C function's
/// name, for the log.
pub fn entry<T: Answer>(name: &'static str, body: impl FnOnce() -> T) -> T {
    entry_or(name, T::failed(), body)
}

/// [`entry`] for a function whose failure answer is not its type's usual one (an APR status, a
/// yes/no `int`, an enum).
pub fn entry_or<T>(name: &'static str, on_panic: T, body: impl FnOnce() -> T) -> T {
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
        // SAFETY: non-NULL, and the caller promises a NUL-terminated string living for 'a.
        Some(unsafe { CStr::from_ptr(p) })
    }
}

/// `&T` from a pointer argument; a NULL pointer returns the function's [`Answer`] (or, with a
/// second argument, that value) from the enclosing body.
///
/// Used only on the arguments of an entry point, whose contract (in its doc comment and the
/// header) is that every pointer is NULL or valid for the call.
macro_rules! try_ref {
    ($ptr:expr) => {
        try_ref!($ptr, $crate::ffi::boundary::Answer::failed())
    };
    ($ptr:expr, $on_null:expr) => {
        // SAFETY: an entry point's pointer arguments are NULL or valid for the call.
        match unsafe { $ptr.as_ref() } {
            Some(value) => value,
            None => return $on_null,
        }
    };
}

/// `&mut T` from a pointer argument, as [`try_ref!`].
macro_rules! try_mut {
    ($ptr:expr) => {
        try_mut!($ptr, $crate::ffi::boundary::Answer::failed())
    };
    ($ptr:expr, $on_null:expr) => {
        // SAFETY: an entry point's pointer arguments are NULL or valid and unaliased for the call.
        match unsafe { $ptr.as_mut() } {
            Some(value) => value,
            None => return $on_null,
        }
    };
}

/// `&CStr` from a `const char *` argument, as [`try_ref!`].
macro_rules! try_c_str {
    ($ptr:expr) => {
        try_c_str!($ptr, $crate::ffi::boundary::Answer::failed())
    };
    ($ptr:expr, $on_null:expr) => {
        // SAFETY: an entry point's string arguments are NULL or NUL-terminated for the call.
        match unsafe { $crate::ffi::boundary::c_str($ptr) } {
            Some(value) => value,
            None => return $on_null,
        }
    };
}

/// The value of an `Option`, or the function's [`Answer`] for `None` (an absent value inside an
/// argument: a NULL `data` in an `aos_string_t`, a NULL field of a struct).
macro_rules! try_some {
    ($option:expr) => {
        try_some!($option, $crate::ffi::boundary::Answer::failed())
    };
    ($option:expr, $on_none:expr) => {
        match $option {
            Some(value) => value,
            None => return $on_none,
        }
    };
}

pub(crate) use {try_c_str, try_mut, try_ref, try_some};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn panics_become_the_failure_value() {
        assert_eq!(entry_or("t", -1, || 5), 5);
        assert_eq!(entry_or("t", -1, || -> i32 { panic!("boom") }), -1);
        assert!(entry("t", || -> *mut u8 { panic!("{}", String::from("x")) }).is_null());
        assert_eq!(entry("t", || -> c_int { panic!("boom") }), ClientCode::InternalError as c_int);
    }

    #[test]
    fn null_arguments_answer_by_return_type() {
        fn len(p: *const u8) -> *const u8 {
            let value = try_ref!(p);
            value as *const u8
        }
        fn status(p: *mut u8) -> c_int {
            let _ = try_mut!(p);
            0
        }
        fn yes_no(p: *const c_char) -> c_int {
            try_c_str!(p, 1).to_bytes().len() as c_int
        }
        assert!(len(std::ptr::null()).is_null());
        assert_eq!(status(std::ptr::null_mut()), ClientCode::InternalError as c_int);
        assert_eq!(yes_no(std::ptr::null()), 1);
        assert_eq!(yes_no(c"abc".as_ptr()), 3);
        let mut byte = 7u8;
        assert_eq!(status(&mut byte), 0);
    }

    #[test]
    fn null_c_strings_are_none() {
        assert!(unsafe { c_str(std::ptr::null()) }.is_none());
        let s = c"abc";
        assert_eq!(unsafe { c_str(s.as_ptr()) }.unwrap().to_bytes(), b"abc");
    }
}
