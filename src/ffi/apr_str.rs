//! APR's pool string and memory copies that programs call directly (`apr_pstrndup`,
//! `apr_pstrmemdup`, `apr_pmemdup`), `apr_env_get`, and `apr_strerror`. The variadic ones
//! (`apr_psprintf`, `apr_pstrcat`, `apr_snprintf`) are static inline functions in the header
//! trailer (cbindgen.toml): stable Rust cannot define C variadic functions.
#![deny(unsafe_op_in_unsafe_fn)]

use std::ffi::{c_char, c_int, c_void};
use std::ptr;

use super::boundary::{entry, entry_or, try_c_str, try_mut, try_ref};
use super::pool::apr_pool_t;

/// Copies at most `n` bytes of the string `s` (stopping at its NUL) into the pool,
/// NUL-terminated. NULL if `a` or `s` is NULL.
#[no_mangle]
pub unsafe extern "C" fn apr_pstrndup(a: *mut apr_pool_t, s: *const c_char, n: usize) -> *mut c_char {
    entry("apr_pstrndup", || {
        let pool = try_ref!(a);
        if s.is_null() {
            return ptr::null_mut();
        }
        // SAFETY: `s` is readable up to its NUL or `n` bytes, whichever comes first.
        let len = unsafe { libc::strnlen(s, n) };
        // SAFETY: `len` bytes were just found readable.
        pool.strdup_bytes(unsafe { std::slice::from_raw_parts(s as *const u8, len) })
    })
}

/// Copies exactly `n` bytes at `s` into the pool and adds a NUL. NULL if `a` or `s` is NULL.
#[no_mangle]
pub unsafe extern "C" fn apr_pstrmemdup(a: *mut apr_pool_t, s: *const c_char, n: usize) -> *mut c_char {
    entry("apr_pstrmemdup", || {
        let pool = try_ref!(a);
        if s.is_null() {
            return ptr::null_mut();
        }
        // SAFETY: the caller gives `n` readable bytes.
        pool.strdup_bytes(unsafe { std::slice::from_raw_parts(s as *const u8, n) })
    })
}

/// Copies `n` bytes at `m` into the pool. NULL if `a` or `m` is NULL or memory is exhausted.
#[no_mangle]
pub unsafe extern "C" fn apr_pmemdup(a: *mut apr_pool_t, m: *const c_void, n: usize) -> *mut c_void {
    entry("apr_pmemdup", || {
        let pool = try_ref!(a);
        if m.is_null() {
            return ptr::null_mut();
        }
        let copy = pool.alloc(n);
        if !copy.is_null() {
            // SAFETY: the caller gives `n` readable bytes; `copy` has room for them.
            unsafe { ptr::copy_nonoverlapping(m as *const u8, copy, n) };
        }
        copy.cast()
    })
}

/// Looks up the environment variable `envvar`: on success `*value` is a pool copy and the answer
/// APR_SUCCESS; ENOENT if it is not set; EINVAL for NULL arguments.
#[no_mangle]
pub unsafe extern "C" fn apr_env_get(value: *mut *mut c_char, envvar: *const c_char, pool: *mut apr_pool_t) -> c_int {
    entry_or("apr_env_get", libc::EINVAL, || {
        let value = try_mut!(value, libc::EINVAL);
        let name = try_c_str!(envvar, libc::EINVAL);
        let pool = try_ref!(pool, libc::EINVAL);
        let name = std::ffi::OsStr::new(std::str::from_utf8(name.to_bytes()).unwrap_or("\u{0}"));
        match std::env::var_os(name) {
            Some(found) => {
                use std::os::unix::ffi::OsStrExt;
                *value = pool.strdup_bytes(found.as_bytes());
                if value.is_null() {
                    libc::ENOMEM
                } else {
                    0
                }
            }
            None => libc::ENOENT,
        }
    })
}

/// Writes a description of the status `statcode` (an `errno` value, or APR_EOF ...) into `buf`
/// (`bufsize` bytes, NUL-terminated, truncated if needed) and returns `buf` (NULL if `buf` is
/// NULL or `bufsize` is 0).
#[no_mangle]
pub unsafe extern "C" fn apr_strerror(statcode: c_int, buf: *mut c_char, bufsize: usize) -> *mut c_char {
    entry("apr_strerror", || {
        if buf.is_null() || bufsize == 0 {
            return ptr::null_mut();
        }
        let text = match statcode {
            0 => "Success".to_string(),
            super::apr_file::APR_EOF => "End of file found".to_string(),
            super::apr_file::APR_INCOMPLETE => "Partial results are valid but processing is incomplete".to_string(),
            code => std::io::Error::from_raw_os_error(code).to_string(),
        };
        let n = text.len().min(bufsize - 1);
        // SAFETY: `buf` has `bufsize` bytes; `n + 1 <= bufsize`.
        unsafe {
            ptr::copy_nonoverlapping(text.as_ptr(), buf as *mut u8, n);
            *buf.add(n) = 0;
        }
        buf
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ffi::CStr;

    #[test]
    fn copies_and_environment() {
        unsafe {
            let pool = apr_pool_t::create(ptr::null_mut());
            assert_eq!(CStr::from_ptr(apr_pstrndup(pool, c"hello".as_ptr(), 3)).to_bytes(), b"hel");
            assert_eq!(CStr::from_ptr(apr_pstrndup(pool, c"hi".as_ptr(), 10)).to_bytes(), b"hi");
            assert_eq!(CStr::from_ptr(apr_pstrmemdup(pool, c"hello".as_ptr(), 4)).to_bytes(), b"hell");
            let m = apr_pmemdup(pool, b"\x00\x01\x02".as_ptr().cast(), 3) as *const u8;
            assert_eq!(std::slice::from_raw_parts(m, 3), b"\x00\x01\x02");
            assert!(apr_pstrndup(pool, ptr::null(), 3).is_null());
            assert!(apr_pmemdup(ptr::null_mut(), b"x".as_ptr().cast(), 1).is_null());
            let mut value = ptr::null_mut();
            assert_eq!(apr_env_get(&mut value, c"PATH".as_ptr(), pool), 0);
            assert!(!CStr::from_ptr(value).to_bytes().is_empty());
            assert_eq!(apr_env_get(&mut value, c"OSS_C_SDK_SURELY_UNSET_VARIABLE".as_ptr(), pool), libc::ENOENT);
            assert_eq!(apr_env_get(ptr::null_mut(), c"PATH".as_ptr(), pool), libc::EINVAL);
            let mut buf = [0 as c_char; 8];
            apr_strerror(libc::ENOENT, buf.as_mut_ptr(), buf.len());
            assert_eq!(CStr::from_ptr(buf.as_ptr()).to_bytes().len(), 7);
            apr_pool_t::destroy(pool);
        }
    }
}
