//! The error-XML reader and the x-oss-err (base64 XML) reader on arbitrary
//! input: never a panic, and an accepted document always has a code.
#![no_main]

use libfuzzer_sys::fuzz_target;
use oss_c_sdk::http::{parse_error_body, parse_x_oss_err};

fuzz_target!(|data: &[u8]| {
    if let Some(e) = parse_error_body(data) {
        assert!(!e.code.is_empty());
    }
    if let Ok(text) = std::str::from_utf8(data) {
        if let Some(e) = parse_x_oss_err(text) {
            assert!(!e.code.is_empty());
        }
    }
});
