//! `aos_crc64`, `aos_crc64_combine` and `aos_crc32` of the official `aos_crc64.h`, over the safe
//! core's CRC-64/XZ (ECMA-182, what OSS reports in `x-oss-hash-crc64ecma`) and CRC-32.
#![deny(unsafe_op_in_unsafe_fn)]

use std::ffi::c_void;

use super::boundary::entry_or;
use crate::{codec, crc64};

/// The bytes at `buf`, empty for NULL or a zero length.
///
/// # Safety
/// `buf` is NULL or points to `len` readable bytes.
unsafe fn bytes<'a>(buf: *const c_void, len: usize) -> &'a [u8] {
    if buf.is_null() || len == 0 {
        &[]
    } else {
        // SAFETY: the caller promises `len` readable bytes.
        unsafe { std::slice::from_raw_parts(buf as *const u8, len) }
    }
}

/// The CRC-64 (ECMA-182, as OSS computes it) of `len` bytes at `buf`, continuing from `crc` (0
/// to start). A NULL `buf` leaves `crc` unchanged.
#[no_mangle]
pub unsafe extern "C" fn aos_crc64(crc: u64, buf: *mut c_void, len: usize) -> u64 {
    entry_or("aos_crc64", crc, || {
        // SAFETY: `len` readable bytes at `buf` (the function's contract).
        let data = unsafe { bytes(buf, len) };
        // Continuing from `crc` is combining it with the CRC of the new bytes.
        crc64::combine(crc, crc64::checksum(data), data.len() as u64)
    })
}

/// The CRC-64 of A followed by B, from the CRC-64 of A, that of B, and B's length.
#[no_mangle]
pub extern "C" fn aos_crc64_combine(crc1: u64, crc2: u64, len2: usize) -> u64 {
    entry_or("aos_crc64_combine", 0, || crc64::combine(crc1, crc2, len2 as u64))
}

/// The CRC-32 (IEEE 802.3, as zlib computes it) of `bufLen` bytes at `buf`, continuing from
/// `crc` (0 to start). A NULL `buf` leaves `crc` unchanged.
#[no_mangle]
#[allow(non_snake_case)]
pub unsafe extern "C" fn aos_crc32(crc: u32, buf: *const c_void, bufLen: usize) -> u32 {
    // SAFETY: `bufLen` readable bytes at `buf` (the function's contract).
    entry_or("aos_crc32", crc, || codec::crc32(crc, unsafe { bytes(buf, bufLen) }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc64_continues_and_combines() {
        let data = b"123456789";
        unsafe {
            // CRC-64/XZ check value.
            assert_eq!(aos_crc64(0, data.as_ptr() as *mut c_void, 9), 0x995D_C9BB_DF19_39FA);
            let a = aos_crc64(0, data.as_ptr() as *mut c_void, 4);
            let whole = aos_crc64(a, data[4..].as_ptr() as *mut c_void, 5);
            assert_eq!(whole, 0x995D_C9BB_DF19_39FA);
            let b = aos_crc64(0, data[4..].as_ptr() as *mut c_void, 5);
            assert_eq!(aos_crc64_combine(a, b, 5), whole);
            assert_eq!(aos_crc64(7, std::ptr::null_mut(), 10), 7);
            assert_eq!(aos_crc32(0, data.as_ptr().cast(), 9), 0xCBF4_3926);
            assert_eq!(aos_crc32(5, std::ptr::null(), 3), 5);
        }
    }
}
