//! `aos_string_t` (a length + pointer string, not NUL-terminated in general) and the pool
//! string copies `aos_pstrdup` / `apr_pstrdup`.
//!
//! The initialiser macros (`aos_string`, `aos_null_string`, `aos_str_set`, `aos_str_null`) and
//! the inline predicates (`aos_is_null_string`, `aos_string_is_empty`) live in the header
//! trailer (cbindgen.toml), as in the official SDK.

use std::ffi::{c_char, c_int};
use std::ptr;

use super::boundary::{entry, try_c_str, try_ref};
use super::pool::{aos_pool_t, apr_pool_t};

/// A string as a length and a pointer: `data` is not NUL-terminated in general and is not owned
/// (`aos_str_set` points it at existing text). `{0, NULL}` is the null string.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct aos_string_t {
    /// Length of `data` in bytes.
    pub len: c_int,
    /// The bytes (not necessarily NUL-terminated), or NULL.
    pub data: *mut c_char,
}

impl Default for aos_string_t {
    fn default() -> Self {
        aos_string_t { len: 0, data: ptr::null_mut() }
    }
}

impl aos_string_t {
    /// The bytes, or `None` for a null/empty string. A negative length counts as empty.
    ///
    /// # Safety
    /// `data` points to at least `len` readable bytes that outlive `'a`.
    pub unsafe fn as_bytes<'a>(&self) -> Option<&'a [u8]> {
        if self.data.is_null() || self.len <= 0 {
            None
        } else {
            // SAFETY: non-NULL with a positive length; the caller promises `len` readable bytes.
            Some(unsafe { std::slice::from_raw_parts(self.data as *const u8, self.len as usize) })
        }
    }

    /// A string pointing at a pool copy of `s` (NUL-terminated too), or the null string if `s`
    /// is too long for an `int` or memory is exhausted.
    pub fn from_pool(pool: &apr_pool_t, s: &str) -> aos_string_t {
        let Ok(len) = c_int::try_from(s.len()) else {
            return aos_string_t::default();
        };
        let data = pool.strdup(s);
        if data.is_null() {
            return aos_string_t::default();
        }
        aos_string_t { len, data }
    }
}

/// Copies `s->len` bytes of `s->data` into the pool as a NUL-terminated string. NULL if `p` or
/// `s` is NULL, or `s->data` is NULL.
#[no_mangle]
pub unsafe extern "C" fn aos_pstrdup(p: *mut aos_pool_t, s: *const aos_string_t) -> *mut c_char {
    entry("aos_pstrdup", || {
        let pool = try_ref!(p);
        let s = try_ref!(s);
        if s.data.is_null() {
            return ptr::null_mut();
        }
        // SAFETY: the caller's string has `len` readable bytes at `data`.
        pool.strdup_bytes(unsafe { s.as_bytes() }.unwrap_or(&[]))
    })
}

/// Copies a NUL-terminated string into the pool. NULL if `p` or `s` is NULL.
#[no_mangle]
pub unsafe extern "C" fn apr_pstrdup(p: *mut apr_pool_t, s: *const c_char) -> *mut c_char {
    entry("apr_pstrdup", || try_ref!(p).strdup_bytes(try_c_str!(s).to_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ffi::CStr;

    #[test]
    fn pstrdup_copies_len_bytes_and_terminates() {
        unsafe {
            let pool = apr_pool_t::create(ptr::null_mut());
            let text = b"hello world";
            let s = aos_string_t { len: 5, data: text.as_ptr() as *mut c_char };
            let copy = aos_pstrdup(pool, &s);
            assert_eq!(CStr::from_ptr(copy).to_bytes(), b"hello");
            let empty = aos_string_t { len: 0, data: text.as_ptr() as *mut c_char };
            assert_eq!(CStr::from_ptr(aos_pstrdup(pool, &empty)).to_bytes(), b"");
            assert!(aos_pstrdup(pool, &aos_string_t::default()).is_null());
            assert!(aos_pstrdup(pool, ptr::null()).is_null());
            assert!(aos_pstrdup(ptr::null_mut(), &s).is_null());
            let c = apr_pstrdup(pool, c"abc".as_ptr());
            assert_eq!(CStr::from_ptr(c).to_bytes(), b"abc");
            assert!(apr_pstrdup(pool, ptr::null()).is_null());
            let owned = aos_string_t::from_pool(&*pool, "xyz");
            assert_eq!(owned.len, 3);
            assert_eq!(owned.as_bytes().unwrap(), b"xyz");
            apr_pool_t::destroy(pool);
        }
    }
}
