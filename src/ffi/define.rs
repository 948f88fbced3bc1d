//! The SDK-wide constants of `aos_define.h`: booleans and the client-side error codes.

/// True, as the SDK's `int` flags use it.
pub const AOS_TRUE: i32 = 1;
/// False, as the SDK's `int` flags use it.
pub const AOS_FALSE: i32 = 0;

/// Client-side failure codes. A status whose `code` is negative carries one of these; a positive
/// `code` is an HTTP status from the server.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum aos_error_code_e {
    AOSE_OK = 0,
    AOSE_OUT_MEMORY = -1000,
    AOSE_OVER_MEMORY = -999,
    AOSE_FAILED_CONNECT = -998,
    AOSE_ABORT_CALLBACK = -997,
    AOSE_INTERNAL_ERROR = -996,
    AOSE_REQUEST_TIMEOUT = -995,
    AOSE_INVALID_ARGUMENT = -994,
    AOSE_INVALID_OPERATION = -993,
    AOSE_CONNECTION_FAILED = -992,
    AOSE_FAILED_INITIALIZE = -991,
    AOSE_NAME_LOOKUP_ERROR = -990,
    AOSE_FAILED_VERIFICATION = -989,
    AOSE_WRITE_BODY_ERROR = -988,
    AOSE_READ_BODY_ERROR = -987,
    AOSE_SERVICE_ERROR = -986,
    AOSE_OPEN_FILE_ERROR = -985,
    AOSE_FILE_SEEK_ERROR = -984,
    AOSE_FILE_INFO_ERROR = -983,
    AOSE_FILE_READ_ERROR = -982,
    AOSE_FILE_WRITE_ERROR = -981,
    AOSE_XML_PARSE_ERROR = -980,
    AOSE_UTF8_ENCODE_ERROR = -979,
    AOSE_CRC_INCONSISTENT_ERROR = -978,
    AOSE_FILE_FLUSH_ERROR = -977,
    AOSE_FILE_TRUNC_ERROR = -976,
    AOSE_SELECT_OBJECT_CRC_ERROR = -975,
    AOSE_UNKNOWN_ERROR = -100,
}

/// Accepted by `aos_http_io_initialize` for compatibility (Windows sockets; no effect here).
pub const AOS_INIT_WINSOCK: i32 = 1;
/// Default `connect_timeout` of `aos_http_request_options_t`, seconds.
pub const AOS_CONNECT_TIMEOUT: i32 = 10;
/// Default `dns_cache_timeout` of `aos_http_request_options_t`, seconds (official spelling).
pub const AOS_DNS_CACHE_TIMOUT: i32 = 60;
/// Default `speed_limit` of `aos_http_request_options_t`, bytes per second.
pub const AOS_MIN_SPEED_LIMIT: i32 = 1024;
/// Default `speed_time` of `aos_http_request_options_t`, seconds.
pub const AOS_MIN_SPEED_TIME: i32 = 15;
/// Default `max_memory_size` of `aos_http_request_options_t`, bytes (1 GiB).
pub const AOS_MAX_MEMORY_SIZE: i64 = 1 << 30;

/// Length of an MD5 digest in hex.
pub const AOS_MD5_STRING_LEN: i32 = 32;
/// Limits the official SDK sizes its buffers with: URI, one header, one query argument.
pub const AOS_MAX_URI_LEN: i32 = 2048;
pub const AOS_MAX_HEADER_LEN: i32 = 8192;
pub const AOS_MAX_QUERY_ARG_LEN: i32 = 1024;
/// Size of the date buffers of `aos_get_gmt_str_time` and `aos_get_iso8601_str_time`.
pub const AOS_MAX_GMT_TIME_LEN: i32 = 128;
/// Size of the date buffer of `aos_get_gmt_time_date`.
pub const AOS_MAX_SHORT_TIME_LEN: i32 = 10;
pub const AOS_MAX_XML_NODE_VALUE_LEN: i32 = 1024;
/// Buffer sizes for printing a 64-bit integer.
pub const AOS_MAX_INT64_STRING_LEN: i32 = 64;
pub const AOS_MAX_UINT64_STRING_LEN: i32 = 64;
/// The largest part the official SDK uploads (512 MiB) and its default part size (1 MiB).
pub const AOS_MAX_PART_SIZE: i64 = 512 * 1024 * 1024;
pub const AOS_DEFAULT_PART_SIZE: i64 = 1024 * 1024;
/// Depth of the official transport's cleanup stack (kept for compatibility).
pub const AOS_REQUEST_STACK_SIZE: i32 = 32;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ClientCode;

    /// The C code for each core code. Exhaustive: a core code without a C
    /// one does not compile.
    fn c_code(code: ClientCode) -> aos_error_code_e {
        use aos_error_code_e::*;
        match code {
            ClientCode::OutMemory => AOSE_OUT_MEMORY,
            ClientCode::OverMemory => AOSE_OVER_MEMORY,
            ClientCode::FailedConnect => AOSE_FAILED_CONNECT,
            ClientCode::AbortCallback => AOSE_ABORT_CALLBACK,
            ClientCode::InternalError => AOSE_INTERNAL_ERROR,
            ClientCode::RequestTimeout => AOSE_REQUEST_TIMEOUT,
            ClientCode::InvalidArgument => AOSE_INVALID_ARGUMENT,
            ClientCode::InvalidOperation => AOSE_INVALID_OPERATION,
            ClientCode::ConnectionFailed => AOSE_CONNECTION_FAILED,
            ClientCode::FailedInitialize => AOSE_FAILED_INITIALIZE,
            ClientCode::NameLookupError => AOSE_NAME_LOOKUP_ERROR,
            ClientCode::FailedVerification => AOSE_FAILED_VERIFICATION,
            ClientCode::WriteBodyError => AOSE_WRITE_BODY_ERROR,
            ClientCode::ReadBodyError => AOSE_READ_BODY_ERROR,
            ClientCode::ServiceError => AOSE_SERVICE_ERROR,
            ClientCode::OpenFileError => AOSE_OPEN_FILE_ERROR,
            ClientCode::FileSeekError => AOSE_FILE_SEEK_ERROR,
            ClientCode::FileInfoError => AOSE_FILE_INFO_ERROR,
            ClientCode::FileReadError => AOSE_FILE_READ_ERROR,
            ClientCode::FileWriteError => AOSE_FILE_WRITE_ERROR,
            ClientCode::XmlParseError => AOSE_XML_PARSE_ERROR,
            ClientCode::Utf8EncodeError => AOSE_UTF8_ENCODE_ERROR,
            ClientCode::CrcInconsistentError => AOSE_CRC_INCONSISTENT_ERROR,
            ClientCode::FileFlushError => AOSE_FILE_FLUSH_ERROR,
            ClientCode::FileTruncError => AOSE_FILE_TRUNC_ERROR,
            ClientCode::SelectObjectCrcError => AOSE_SELECT_OBJECT_CRC_ERROR,
            ClientCode::UnknownError => AOSE_UNKNOWN_ERROR,
        }
    }

    /// `NAME = value` for each enumerator of `aos_error_code_e` in the header.
    fn header_error_codes(header: &str) -> Vec<(String, i32)> {
        let start = header.find("typedef enum aos_error_code_e {").expect("the enum is in the header");
        let body = &header[start..];
        let body = &body[body.find('{').unwrap() + 1..body.find('}').unwrap()];
        body.split(',')
            .filter_map(|item| item.split_once('='))
            .map(|(name, value)| (name.trim().to_string(), value.trim().parse().expect("a number")))
            .collect()
    }

    #[test]
    fn error_codes_agree_with_the_core() {
        // Same numbers, variant by variant.
        for code in ClientCode::ALL {
            assert_eq!(c_code(code) as i32, code as i32, "{code:?} / {:?}", c_code(code));
        }
        // The header (what C sees) has exactly AOSE_OK and the core's codes, by name and number:
        // a C code the core does not know, or one missing from `ClientCode::ALL`, fails here.
        let mut expected: Vec<(String, i32)> =
            ClientCode::ALL.iter().map(|&c| (format!("{:?}", c_code(c)), c as i32)).collect();
        expected.push((format!("{:?}", aos_error_code_e::AOSE_OK), 0));
        let mut in_header = header_error_codes(include_str!("../../include/oss_api.h"));
        expected.sort();
        in_header.sort();
        assert_eq!(in_header, expected);
    }

    #[test]
    fn header_constants_agree_with_the_core() {
        // cbindgen cannot emit string constants: AOS_VERSION is written in cbindgen.toml.
        let header = include_str!("../../include/oss_api.h");
        let version = crate::config::SDK_VERSION;
        assert!(header.contains(&format!("#define AOS_VERSION \"{version}\"")));
        assert_eq!(AOS_CONNECT_TIMEOUT as u64, crate::config::DEFAULT_CONNECT_TIMEOUT_SECS);
        assert_eq!(AOS_DNS_CACHE_TIMOUT as u64, crate::config::DEFAULT_DNS_CACHE_TIMEOUT_SECS);
        assert_eq!(AOS_MIN_SPEED_LIMIT as u32, crate::config::DEFAULT_SPEED_LIMIT);
        assert_eq!(AOS_MIN_SPEED_TIME as u64, crate::config::DEFAULT_SPEED_TIME_SECS);
        assert_eq!(AOS_MAX_MEMORY_SIZE as u64, crate::config::DEFAULT_MAX_MEMORY_SIZE);
    }
}
