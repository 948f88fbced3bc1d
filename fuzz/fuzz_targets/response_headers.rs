//! Response header lines as libcurl hands them over (one callback per line),
//! then everything the engine reads from a head: status, headers, length,
//! request id, and the error derived from it (x-oss-err included).
#![no_main]

use libfuzzer_sys::fuzz_target;
use oss_c_sdk::http::Response;

fuzz_target!(|data: &[u8]| {
    let mut response = Response::default();
    for line in data.split_inclusive(|&b| b == b'\n') {
        response.absorb_header_line(line);
    }
    let _ = response.content_length();
    let _ = response.request_id();
    let _ = response.header("Content-Range");
    let _ = response.server_crc64();
    if let Some(error) = response.service_error() {
        assert!(!error.error_code().is_empty());
        assert_eq!(error.code(), i32::from(response.status));
    }
});
