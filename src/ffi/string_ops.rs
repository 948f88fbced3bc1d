//! The `aos_string_t` operations of the official `aos_string.h` that are functions rather than
//! inline helpers: trimming in place (`aos_strip_space`, `aos_trip_space_and_cntrl`,
//! `aos_unquote_str`) and `aos_ends_with`. Trimming moves `data` and shortens `len`; no bytes are
//! changed or copied.
#![deny(unsafe_op_in_unsafe_fn)]

use std::ffi::c_int;

use super::boundary::{entry, entry_or, try_mut, try_ref};
use super::string::aos_string_t;

/// Drops the leading and trailing bytes for which `strip` holds.
fn trim(s: &mut aos_string_t, strip: impl Fn(u8) -> bool) {
    // SAFETY: an entry point's string describes `len` readable bytes.
    let Some(bytes) = (unsafe { s.as_bytes() }) else {
        return;
    };
    let end = bytes.len() - bytes.iter().rev().take_while(|&&b| strip(b)).count();
    let start = bytes[..end].iter().take_while(|&&b| strip(b)).count();
    s.data = s.data.wrapping_add(start);
    s.len = (end - start) as c_int;
}

/// Removes leading and trailing spaces and tabs. Nothing for NULL or an empty string.
#[no_mangle]
pub unsafe extern "C" fn aos_strip_space(str: *mut aos_string_t) {
    entry("aos_strip_space", || trim(try_mut!(str), |b| b == b' ' || b == b'\t'))
}

/// Removes leading and trailing spaces and control characters (bytes up to 0x20). Nothing for
/// NULL or an empty string.
#[no_mangle]
pub unsafe extern "C" fn aos_trip_space_and_cntrl(str: *mut aos_string_t) {
    entry("aos_trip_space_and_cntrl", || trim(try_mut!(str), |b| b <= b' '))
}

/// Removes leading and trailing double quotes (an ETag's). Nothing for NULL or an empty string.
#[no_mangle]
pub unsafe extern "C" fn aos_unquote_str(str: *mut aos_string_t) {
    entry("aos_unquote_str", || trim(try_mut!(str), |b| b == b'"'))
}

/// 1 if `str` ends with `suffix` (an empty suffix always matches), else 0 (also for NULL).
#[no_mangle]
pub unsafe extern "C" fn aos_ends_with(str: *const aos_string_t, suffix: *const aos_string_t) -> c_int {
    entry_or("aos_ends_with", 0, || {
        let (s, suffix) = (try_ref!(str, 0), try_ref!(suffix, 0));
        // SAFETY: both describe `len` readable bytes.
        let (s, suffix) = unsafe { (s.as_bytes().unwrap_or(&[]), suffix.as_bytes().unwrap_or(&[])) };
        c_int::from(s.ends_with(suffix))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ffi::c_char;

    fn string(text: &[u8]) -> aos_string_t {
        aos_string_t { len: text.len() as c_int, data: text.as_ptr() as *mut c_char }
    }

    #[test]
    fn trims_in_place() {
        unsafe {
            let text = b" \t\"etag\"\r\n";
            let mut s = string(text);
            aos_trip_space_and_cntrl(&mut s);
            assert_eq!(s.as_bytes().unwrap(), b"\"etag\"");
            aos_unquote_str(&mut s);
            assert_eq!(s.as_bytes().unwrap(), b"etag");
            let mut blank = string(b"   ");
            aos_strip_space(&mut blank);
            assert_eq!(blank.len, 0);
            aos_strip_space(std::ptr::null_mut());
            assert_eq!(aos_ends_with(&string(b"a.jpg"), &string(b".jpg")), 1);
            assert_eq!(aos_ends_with(&string(b"a.jpg"), &string(b".png")), 0);
            assert_eq!(aos_ends_with(&string(b"g"), &string(b".jpg")), 0);
            assert_eq!(aos_ends_with(std::ptr::null(), &string(b"")), 0);
        }
    }
}
