//! The exported constants of the official `oss_define.h` and `aos_status.h`: header names,
//! sub-resource and parameter names, live-channel defaults and the client-side `error_code`
//! strings, as data symbols with the official values, so programs that print or compare
//! `OSS_CONTENT_LENGTH`, `AOS_OPEN_FILE_ERROR_CODE` ... compile and link unchanged.
//!
//! The official header also declares `OSS_CANNONICALIZED_HEADER_SOURCE` and
//! `OSS_CANNONICALIZED_HEADER_OBJECT`, which its library never defines (a program using them
//! does not link against it either); they are left out here.
//!
//! cbindgen reads these items without expanding macros, so each is written out with its array
//! length; [`c_chars`] makes the compiler check that the length matches the literal.
#![deny(unsafe_op_in_unsafe_fn)]

use std::ffi::{c_char, c_int};

/// A byte-string literal (NUL included) as a `char` array.
const fn c_chars<const N: usize>(bytes: &[u8; N]) -> [c_char; N] {
    let mut out = [0 as c_char; N];
    let mut i = 0;
    while i < N {
        out[i] = bytes[i] as c_char;
        i += 1;
    }
    out
}

// ---- Header names, sub-resources and query parameters of OSS requests and answers ----

#[no_mangle]
pub static OSS_CANNONICALIZED_HEADER_PREFIX: [c_char; 7] = c_chars(b"x-oss-\0");
#[no_mangle]
pub static OSS_CANNONICALIZED_HEADER_DATE: [c_char; 11] = c_chars(b"x-oss-date\0");
#[no_mangle]
pub static OSS_CANNONICALIZED_HEADER_ACL: [c_char; 10] = c_chars(b"x-oss-acl\0");
#[no_mangle]
pub static OSS_CANNONICALIZED_HEADER_STORAGE_CLASS: [c_char; 13] = c_chars(b"StorageClass\0");
#[no_mangle]
pub static OSS_CANNONICALIZED_HEADER_COPY_SOURCE: [c_char; 18] = c_chars(b"x-oss-copy-source\0");
#[no_mangle]
pub static OSS_CANNONICALIZED_HEADER_SYMLINK: [c_char; 21] = c_chars(b"x-oss-symlink-target\0");
#[no_mangle]
pub static OSS_CANNONICALIZED_HEADER_REGION: [c_char; 20] = c_chars(b"x-oss-bucket-region\0");
#[no_mangle]
pub static OSS_CANNONICALIZED_HEADER_OBJECT_ACL: [c_char; 17] = c_chars(b"x-oss-object-acl\0");
#[no_mangle]
pub static OSS_CONTENT_MD5: [c_char; 12] = c_chars(b"Content-MD5\0");
#[no_mangle]
pub static OSS_CONTENT_TYPE: [c_char; 13] = c_chars(b"Content-Type\0");
#[no_mangle]
pub static OSS_CONTENT_LENGTH: [c_char; 15] = c_chars(b"Content-Length\0");
#[no_mangle]
pub static OSS_DATE: [c_char; 5] = c_chars(b"Date\0");
#[no_mangle]
pub static OSS_AUTHORIZATION: [c_char; 14] = c_chars(b"Authorization\0");
#[no_mangle]
pub static OSS_ACCESSKEYID: [c_char; 15] = c_chars(b"OSSAccessKeyId\0");
#[no_mangle]
pub static OSS_EXPECT: [c_char; 7] = c_chars(b"Expect\0");
#[no_mangle]
pub static OSS_EXPIRES: [c_char; 8] = c_chars(b"Expires\0");
#[no_mangle]
pub static OSS_SIGNATURE: [c_char; 10] = c_chars(b"Signature\0");
#[no_mangle]
pub static OSS_ACL: [c_char; 4] = c_chars(b"acl\0");
#[no_mangle]
pub static OSS_LOCATION: [c_char; 9] = c_chars(b"location\0");
#[no_mangle]
pub static OSS_BUCKETINFO: [c_char; 11] = c_chars(b"bucketInfo\0");
#[no_mangle]
pub static OSS_BUCKETSTAT: [c_char; 5] = c_chars(b"stat\0");
#[no_mangle]
pub static OSS_RESTORE: [c_char; 8] = c_chars(b"restore\0");
#[no_mangle]
pub static OSS_SYMLINK: [c_char; 8] = c_chars(b"symlink\0");
#[no_mangle]
pub static OSS_QOS: [c_char; 4] = c_chars(b"qos\0");
#[no_mangle]
pub static OSS_PREFIX: [c_char; 7] = c_chars(b"prefix\0");
#[no_mangle]
pub static OSS_DELIMITER: [c_char; 10] = c_chars(b"delimiter\0");
#[no_mangle]
pub static OSS_MARKER: [c_char; 7] = c_chars(b"marker\0");
#[no_mangle]
pub static OSS_MAX_KEYS: [c_char; 9] = c_chars(b"max-keys\0");
#[no_mangle]
pub static OSS_UPLOADS: [c_char; 8] = c_chars(b"uploads\0");
#[no_mangle]
pub static OSS_UPLOAD_ID: [c_char; 9] = c_chars(b"uploadId\0");
#[no_mangle]
pub static OSS_MAX_PARTS: [c_char; 10] = c_chars(b"max-parts\0");
#[no_mangle]
pub static OSS_PART_NUMBER_MARKER: [c_char; 19] = c_chars(b"part-number-marker\0");
#[no_mangle]
pub static OSS_KEY_MARKER: [c_char; 11] = c_chars(b"key-marker\0");
#[no_mangle]
pub static OSS_UPLOAD_ID_MARKER: [c_char; 17] = c_chars(b"upload-id-marker\0");
#[no_mangle]
pub static OSS_MAX_UPLOADS: [c_char; 12] = c_chars(b"max-uploads\0");
#[no_mangle]
pub static OSS_PARTNUMBER: [c_char; 11] = c_chars(b"partNumber\0");
#[no_mangle]
pub static OSS_APPEND: [c_char; 7] = c_chars(b"append\0");
#[no_mangle]
pub static OSS_POSITION: [c_char; 9] = c_chars(b"position\0");
#[no_mangle]
pub static OSS_MULTIPART_CONTENT_TYPE: [c_char; 34] = c_chars(b"application/x-www-form-urlencoded\0");
#[no_mangle]
pub static OSS_COPY_SOURCE: [c_char; 18] = c_chars(b"x-oss-copy-source\0");
#[no_mangle]
pub static OSS_COPY_SOURCE_RANGE: [c_char; 24] = c_chars(b"x-oss-copy-source-range\0");
#[no_mangle]
pub static OSS_SECURITY_TOKEN: [c_char; 15] = c_chars(b"security-token\0");
#[no_mangle]
pub static OSS_STS_SECURITY_TOKEN: [c_char; 21] = c_chars(b"x-oss-security-token\0");
#[no_mangle]
pub static OSS_OBJECT_TYPE: [c_char; 18] = c_chars(b"x-oss-object-type\0");
#[no_mangle]
pub static OSS_NEXT_APPEND_POSITION: [c_char; 27] = c_chars(b"x-oss-next-append-position\0");
#[no_mangle]
pub static OSS_HASH_CRC64_ECMA: [c_char; 21] = c_chars(b"x-oss-hash-crc64ecma\0");
#[no_mangle]
pub static OSS_CALLBACK: [c_char; 15] = c_chars(b"x-oss-callback\0");
#[no_mangle]
pub static OSS_CALLBACK_VAR: [c_char; 19] = c_chars(b"x-oss-callback-var\0");
#[no_mangle]
pub static OSS_PROCESS: [c_char; 14] = c_chars(b"x-oss-process\0");
#[no_mangle]
pub static OSS_LIFECYCLE: [c_char; 10] = c_chars(b"lifecycle\0");
#[no_mangle]
pub static OSS_REFERER: [c_char; 8] = c_chars(b"referer\0");
#[no_mangle]
pub static OSS_CORS: [c_char; 5] = c_chars(b"cors\0");
#[no_mangle]
pub static OSS_WEBSITE: [c_char; 8] = c_chars(b"website\0");
#[no_mangle]
pub static OSS_LOGGING: [c_char; 8] = c_chars(b"logging\0");
#[no_mangle]
pub static OSS_DELETE: [c_char; 7] = c_chars(b"delete\0");
#[no_mangle]
pub static OSS_YES: [c_char; 4] = c_chars(b"yes\0");
#[no_mangle]
pub static OSS_OBJECT_TYPE_NORMAL: [c_char; 7] = c_chars(b"Normal\0");
#[no_mangle]
pub static OSS_OBJECT_TYPE_APPENDABLE: [c_char; 11] = c_chars(b"Appendable\0");
#[no_mangle]
pub static OSS_LIVE_CHANNEL: [c_char; 5] = c_chars(b"live\0");
#[no_mangle]
pub static OSS_LIVE_CHANNEL_STATUS: [c_char; 7] = c_chars(b"status\0");
#[no_mangle]
pub static OSS_COMP: [c_char; 5] = c_chars(b"comp\0");
#[no_mangle]
pub static OSS_LIVE_CHANNEL_STAT: [c_char; 5] = c_chars(b"stat\0");
#[no_mangle]
pub static OSS_LIVE_CHANNEL_HISTORY: [c_char; 8] = c_chars(b"history\0");
#[no_mangle]
pub static OSS_LIVE_CHANNEL_VOD: [c_char; 4] = c_chars(b"vod\0");
#[no_mangle]
pub static OSS_LIVE_CHANNEL_START_TIME: [c_char; 10] = c_chars(b"startTime\0");
#[no_mangle]
pub static OSS_LIVE_CHANNEL_END_TIME: [c_char; 8] = c_chars(b"endTime\0");
#[no_mangle]
pub static OSS_PLAY_LIST_NAME: [c_char; 13] = c_chars(b"playlistName\0");
#[no_mangle]
pub static OSS_OBJECT_META: [c_char; 11] = c_chars(b"objectMeta\0");
#[no_mangle]
pub static OSS_SELECT_OBJECT_OUTPUT_RAW: [c_char; 24] = c_chars(b"x-oss-select-output-raw\0");
#[no_mangle]
pub static OSS_TAGGING: [c_char; 8] = c_chars(b"tagging\0");
#[no_mangle]
pub static OSS_SIGN_ORIGIN_ONLY: [c_char; 23] = c_chars(b"x-oss-sign-origin-only\0");
#[no_mangle]
pub static OSS_CONTENT_SHA256: [c_char; 21] = c_chars(b"x-oss-content-sha256\0");
#[no_mangle]
pub static OSS_SECURITY_TOKEN_V4: [c_char; 21] = c_chars(b"x-oss-security-token\0");
#[no_mangle]
pub static OSS_SIGNATURE_VERSION: [c_char; 24] = c_chars(b"x-oss-signature-version\0");
#[no_mangle]
pub static OSS_CREDENTIAL: [c_char; 17] = c_chars(b"x-oss-credential\0");
#[no_mangle]
pub static OSS_EXPIRES_V4: [c_char; 14] = c_chars(b"x-oss-expires\0");
#[no_mangle]
pub static OSS_SIGNATURE_V4: [c_char; 16] = c_chars(b"x-oss-signature\0");

// ---- Live channel status names and defaults ----

#[no_mangle]
pub static LIVE_CHANNEL_STATUS_DISABLED: [c_char; 9] = c_chars(b"disabled\0");
#[no_mangle]
pub static LIVE_CHANNEL_STATUS_ENABLED: [c_char; 8] = c_chars(b"enabled\0");
#[no_mangle]
pub static LIVE_CHANNEL_STATUS_IDLE: [c_char; 5] = c_chars(b"idle\0");
#[no_mangle]
pub static LIVE_CHANNEL_STATUS_LIVE: [c_char; 5] = c_chars(b"live\0");
#[no_mangle]
pub static LIVE_CHANNEL_DEFAULT_TYPE: [c_char; 4] = c_chars(b"HLS\0");
#[no_mangle]
pub static LIVE_CHANNEL_DEFAULT_PLAYLIST: [c_char; 14] = c_chars(b"playlist.m3u8\0");

// ---- The `error_code` strings of client-side failures (`aos_status_t.error_code`) ----

#[no_mangle]
pub static AOS_XML_PARSE_ERROR_CODE: [c_char; 14] = c_chars(b"ParseXmlError\0");
#[no_mangle]
pub static AOS_OPEN_FILE_ERROR_CODE: [c_char; 13] = c_chars(b"OpenFileFail\0");
#[no_mangle]
pub static AOS_WRITE_FILE_ERROR_CODE: [c_char; 14] = c_chars(b"WriteFileFail\0");
#[no_mangle]
pub static AOS_RENAME_FILE_ERROR_CODE: [c_char; 15] = c_chars(b"RenameFileFail\0");
#[no_mangle]
pub static AOS_HTTP_IO_ERROR_CODE: [c_char; 12] = c_chars(b"HttpIoError\0");
#[no_mangle]
pub static AOS_UNKNOWN_ERROR_CODE: [c_char; 13] = c_chars(b"UnknownError\0");
#[no_mangle]
pub static AOS_CLIENT_ERROR_CODE: [c_char; 12] = c_chars(b"ClientError\0");
#[no_mangle]
pub static AOS_SERVER_ERROR_CODE: [c_char; 12] = c_chars(b"ServerError\0");
#[no_mangle]
pub static AOS_UTF8_ENCODE_ERROR_CODE: [c_char; 15] = c_chars(b"Utf8EncodeFail\0");
#[no_mangle]
pub static AOS_URL_ENCODE_ERROR_CODE: [c_char; 14] = c_chars(b"UrlEncodeFail\0");
#[no_mangle]
pub static AOS_INCONSISTENT_ERROR_CODE: [c_char; 18] = c_chars(b"InconsistentError\0");
#[no_mangle]
pub static AOS_CREATE_QUEUE_ERROR_CODE: [c_char; 16] = c_chars(b"CreateQueueFail\0");
#[no_mangle]
pub static AOS_CREATE_THREAD_POOL_ERROR_CODE: [c_char; 21] = c_chars(b"CreateThreadPoolFail\0");
#[no_mangle]
pub static AOS_EMPTY_STRING_ERROR: [c_char; 17] = c_chars(b"EmptyStringError\0");
#[no_mangle]
pub static AOS_SELECT_OBJECT_ERROR: [c_char; 18] = c_chars(b"SelectObjectError\0");
#[no_mangle]
pub static AOS_SELECT_OBJECT_CRC_ERROR: [c_char; 21] = c_chars(b"SelectObjectCRCError\0");
#[no_mangle]
pub static AOS_CREATE_SELECT_OBJECT_META_ERROR: [c_char; 28] = c_chars(b"CreateSelectObjectMetaError\0");
#[no_mangle]
pub static AOS_BUCKET_NAME_INVALID_ERROR: [c_char; 23] = c_chars(b"BucketNameInvalidError\0");
#[no_mangle]
pub static AOS_OBJECT_NAME_INVALID_ERROR: [c_char; 23] = c_chars(b"ObjectNameInvalidError\0");

// ---- Numbers ----

/// Default fragment duration of a live channel's HLS target, seconds.
#[no_mangle]
pub static LIVE_CHANNEL_DEFAULT_FRAG_DURATION: c_int = 5;
/// Default fragment count of a live channel's HLS playlist.
#[no_mangle]
pub static LIVE_CHANNEL_DEFAULT_FRAG_COUNT: c_int = 3;
/// The most parts a multipart upload may have.
#[no_mangle]
pub static OSS_MAX_PART_NUM: c_int = 10000;
/// The most entries one listing answer returns.
#[no_mangle]
pub static OSS_PER_RET_NUM: c_int = 1000;
/// The longest file-name suffix looked up for a content type.
#[no_mangle]
pub static MAX_SUFFIX_LEN: c_int = 1024;

#[cfg(test)]
mod tests {
    use super::*;
    use std::ffi::CStr;

    fn text(chars: &[c_char]) -> &str {
        // SAFETY: c_char and u8 have the same size and alignment.
        let bytes = unsafe { std::slice::from_raw_parts(chars.as_ptr() as *const u8, chars.len()) };
        CStr::from_bytes_with_nul(bytes).expect("one NUL, at the end").to_str().unwrap()
    }

    #[test]
    fn constants_are_nul_terminated_with_their_values() {
        assert_eq!(text(&OSS_CONTENT_LENGTH), "Content-Length");
        assert_eq!(text(&OSS_MULTIPART_CONTENT_TYPE), "application/x-www-form-urlencoded");
        assert_eq!(text(&OSS_HASH_CRC64_ECMA), "x-oss-hash-crc64ecma");
        assert_eq!(text(&LIVE_CHANNEL_DEFAULT_PLAYLIST), "playlist.m3u8");
        assert_eq!(text(&AOS_OPEN_FILE_ERROR_CODE), "OpenFileFail");
        let all: &[&[c_char]] = &[
            &OSS_CANNONICALIZED_HEADER_PREFIX,
            &OSS_CANNONICALIZED_HEADER_DATE,
            &OSS_CANNONICALIZED_HEADER_ACL,
            &OSS_CANNONICALIZED_HEADER_STORAGE_CLASS,
            &OSS_CANNONICALIZED_HEADER_COPY_SOURCE,
            &OSS_CANNONICALIZED_HEADER_SYMLINK,
            &OSS_CANNONICALIZED_HEADER_REGION,
            &OSS_CANNONICALIZED_HEADER_OBJECT_ACL,
            &OSS_CONTENT_MD5,
            &OSS_CONTENT_TYPE,
            &OSS_CONTENT_LENGTH,
            &OSS_DATE,
            &OSS_AUTHORIZATION,
            &OSS_ACCESSKEYID,
            &OSS_EXPECT,
            &OSS_EXPIRES,
            &OSS_SIGNATURE,
            &OSS_ACL,
            &OSS_LOCATION,
            &OSS_BUCKETINFO,
            &OSS_BUCKETSTAT,
            &OSS_RESTORE,
            &OSS_SYMLINK,
            &OSS_QOS,
            &OSS_PREFIX,
            &OSS_DELIMITER,
            &OSS_MARKER,
            &OSS_MAX_KEYS,
            &OSS_UPLOADS,
            &OSS_UPLOAD_ID,
            &OSS_MAX_PARTS,
            &OSS_PART_NUMBER_MARKER,
            &OSS_KEY_MARKER,
            &OSS_UPLOAD_ID_MARKER,
            &OSS_MAX_UPLOADS,
            &OSS_PARTNUMBER,
            &OSS_APPEND,
            &OSS_POSITION,
            &OSS_MULTIPART_CONTENT_TYPE,
            &OSS_COPY_SOURCE,
            &OSS_COPY_SOURCE_RANGE,
            &OSS_SECURITY_TOKEN,
            &OSS_STS_SECURITY_TOKEN,
            &OSS_OBJECT_TYPE,
            &OSS_NEXT_APPEND_POSITION,
            &OSS_HASH_CRC64_ECMA,
            &OSS_CALLBACK,
            &OSS_CALLBACK_VAR,
            &OSS_PROCESS,
            &OSS_LIFECYCLE,
            &OSS_REFERER,
            &OSS_CORS,
            &OSS_WEBSITE,
            &OSS_LOGGING,
            &OSS_DELETE,
            &OSS_YES,
            &OSS_OBJECT_TYPE_NORMAL,
            &OSS_OBJECT_TYPE_APPENDABLE,
            &OSS_LIVE_CHANNEL,
            &OSS_LIVE_CHANNEL_STATUS,
            &OSS_COMP,
            &OSS_LIVE_CHANNEL_STAT,
            &OSS_LIVE_CHANNEL_HISTORY,
            &OSS_LIVE_CHANNEL_VOD,
            &OSS_LIVE_CHANNEL_START_TIME,
            &OSS_LIVE_CHANNEL_END_TIME,
            &OSS_PLAY_LIST_NAME,
            &OSS_OBJECT_META,
            &OSS_SELECT_OBJECT_OUTPUT_RAW,
            &OSS_TAGGING,
            &OSS_SIGN_ORIGIN_ONLY,
            &OSS_CONTENT_SHA256,
            &OSS_SECURITY_TOKEN_V4,
            &OSS_SIGNATURE_VERSION,
            &OSS_CREDENTIAL,
            &OSS_EXPIRES_V4,
            &OSS_SIGNATURE_V4,
            &LIVE_CHANNEL_STATUS_DISABLED,
            &LIVE_CHANNEL_STATUS_ENABLED,
            &LIVE_CHANNEL_STATUS_IDLE,
            &LIVE_CHANNEL_STATUS_LIVE,
            &LIVE_CHANNEL_DEFAULT_TYPE,
            &LIVE_CHANNEL_DEFAULT_PLAYLIST,
            &AOS_XML_PARSE_ERROR_CODE,
            &AOS_OPEN_FILE_ERROR_CODE,
            &AOS_WRITE_FILE_ERROR_CODE,
            &AOS_RENAME_FILE_ERROR_CODE,
            &AOS_HTTP_IO_ERROR_CODE,
            &AOS_UNKNOWN_ERROR_CODE,
            &AOS_CLIENT_ERROR_CODE,
            &AOS_SERVER_ERROR_CODE,
            &AOS_UTF8_ENCODE_ERROR_CODE,
            &AOS_URL_ENCODE_ERROR_CODE,
            &AOS_INCONSISTENT_ERROR_CODE,
            &AOS_CREATE_QUEUE_ERROR_CODE,
            &AOS_CREATE_THREAD_POOL_ERROR_CODE,
            &AOS_EMPTY_STRING_ERROR,
            &AOS_SELECT_OBJECT_ERROR,
            &AOS_SELECT_OBJECT_CRC_ERROR,
            &AOS_CREATE_SELECT_OBJECT_META_ERROR,
            &AOS_BUCKET_NAME_INVALID_ERROR,
            &AOS_OBJECT_NAME_INVALID_ERROR,
        ];
        assert_eq!(all.len(), 102);
        assert!(all.iter().all(|c| !text(c).is_empty()));
    }

    #[test]
    fn error_code_strings_agree_with_the_core() {
        use crate::error::codes;
        assert_eq!(text(&AOS_XML_PARSE_ERROR_CODE), codes::PARSE_XML);
        assert_eq!(text(&AOS_OPEN_FILE_ERROR_CODE), codes::OPEN_FILE);
        assert_eq!(text(&AOS_WRITE_FILE_ERROR_CODE), codes::WRITE_FILE);
        assert_eq!(text(&AOS_RENAME_FILE_ERROR_CODE), codes::RENAME_FILE);
        assert_eq!(text(&AOS_HTTP_IO_ERROR_CODE), codes::HTTP_IO);
        assert_eq!(text(&AOS_UNKNOWN_ERROR_CODE), codes::UNKNOWN);
        assert_eq!(text(&AOS_CLIENT_ERROR_CODE), codes::CLIENT);
        assert_eq!(text(&AOS_SERVER_ERROR_CODE), codes::SERVER);
        assert_eq!(text(&AOS_INCONSISTENT_ERROR_CODE), codes::INCONSISTENT);
        assert_eq!(text(&AOS_BUCKET_NAME_INVALID_ERROR), codes::BUCKET_NAME_INVALID);
        assert_eq!(text(&AOS_OBJECT_NAME_INVALID_ERROR), codes::OBJECT_NAME_INVALID);
    }
}
