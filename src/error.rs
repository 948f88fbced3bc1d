//! The one error type of the safe core, and the single place where an error
//! becomes the four things a caller of the C SDK sees in an `aos_status_t`:
//! a numeric code, an error-code string, a message and a request id.

use std::fmt;

/// Client-side failure codes: the one list the core uses. The numbers are
/// the official `AOSE_*` values (`aos_define.h` of aliyun/aliyun-oss-c-sdk);
/// the C layer's `aos_error_code_e` repeats them for the header, and a test
/// there (`ffi::define`) fails when the two lists differ in any name or
/// number.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ClientCode {
    OutMemory = -1000,
    OverMemory = -999,
    FailedConnect = -998,
    AbortCallback = -997,
    InternalError = -996,
    RequestTimeout = -995,
    InvalidArgument = -994,
    InvalidOperation = -993,
    ConnectionFailed = -992,
    FailedInitialize = -991,
    NameLookupError = -990,
    FailedVerification = -989,
    WriteBodyError = -988,
    ReadBodyError = -987,
    ServiceError = -986,
    OpenFileError = -985,
    FileSeekError = -984,
    FileInfoError = -983,
    FileReadError = -982,
    FileWriteError = -981,
    XmlParseError = -980,
    Utf8EncodeError = -979,
    CrcInconsistentError = -978,
    FileFlushError = -977,
    FileTruncError = -976,
    SelectObjectCrcError = -975,
    UnknownError = -100,
}

impl ClientCode {
    /// Every code, in the official order.
    pub const ALL: [ClientCode; 27] = {
        use ClientCode::*;
        [
            OutMemory,
            OverMemory,
            FailedConnect,
            AbortCallback,
            InternalError,
            RequestTimeout,
            InvalidArgument,
            InvalidOperation,
            ConnectionFailed,
            FailedInitialize,
            NameLookupError,
            FailedVerification,
            WriteBodyError,
            ReadBodyError,
            ServiceError,
            OpenFileError,
            FileSeekError,
            FileInfoError,
            FileReadError,
            FileWriteError,
            XmlParseError,
            Utf8EncodeError,
            CrcInconsistentError,
            FileFlushError,
            FileTruncError,
            SelectObjectCrcError,
            UnknownError,
        ]
    };
}

/// The `error_code` strings the official SDK uses for client-side failures.
pub mod codes {
    pub const PARSE_XML: &str = "ParseXmlError";
    pub const OPEN_FILE: &str = "OpenFileFail";
    pub const WRITE_FILE: &str = "WriteFileFail";
    pub const RENAME_FILE: &str = "RenameFileFail";
    pub const HTTP_IO: &str = "HttpIoError";
    pub const UNKNOWN: &str = "UnknownError";
    pub const CLIENT: &str = "ClientError";
    pub const SERVER: &str = "ServerError";
    pub const INCONSISTENT: &str = "InconsistentError";
    pub const BUCKET_NAME_INVALID: &str = "BucketNameInvalidError";
    pub const OBJECT_NAME_INVALID: &str = "ObjectNameInvalidError";
    /// Not in the official list (it crashes or sends garbage instead); named
    /// in the same style.
    pub const ENDPOINT_INVALID: &str = "EndpointInvalidError";
    /// A `Range` header a resumable download cannot honour (malformed,
    /// inverted, several ranges); named in the same style.
    pub const RANGE_INVALID: &str = "RangeInvalidError";
    /// Our cancellation; the official SDK uses the same code for a progress
    /// callback that asks to stop.
    pub const ABORTED: &str = "AbortedByCaller";
}

/// Everything that can go wrong, grouped by who is to blame.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Error {
    /// The service answered with a non-2xx status; fields come from its
    /// error XML (or `x-oss-err` for HEAD) and `x-oss-request-id`.
    Service { status: u16, code: String, message: String, request_id: String },
    /// A value the caller gave is unusable (bucket name, object name,
    /// endpoint, option).
    InvalidArgument { error_code: &'static str, message: String },
    /// The exchange with the server failed below HTTP, or the answer broke
    /// the protocol (curl error, short body, wrong Content-Range...).
    Transport { code: ClientCode, message: String, request_id: Option<String> },
    /// A local file operation failed.
    File { code: ClientCode, error_code: &'static str, message: String },
    /// The bytes received do not match what the server says the object is.
    Inconsistent { message: String, request_id: Option<String> },
    /// The server's answer is not the document it should be (malformed XML, a missing field).
    Parse { message: String, request_id: Option<String> },
    /// The caller stopped the operation.
    Aborted { message: String },
    /// A broken invariant of ours; reported, never a crash.
    Internal { message: String },
}

impl Error {
    pub fn invalid_argument(error_code: &'static str, message: impl Into<String>) -> Self {
        Error::InvalidArgument { error_code, message: message.into() }
    }

    pub fn transport(code: ClientCode, message: impl Into<String>) -> Self {
        Error::Transport { code, message: message.into(), request_id: None }
    }

    pub fn file(code: ClientCode, error_code: &'static str, message: impl Into<String>) -> Self {
        Error::File { code, error_code, message: message.into() }
    }

    /// A file error carrying the OS error and the path it happened on.
    pub fn io(
        code: ClientCode,
        error_code: &'static str,
        what: &str,
        path: &std::path::Path,
        err: &std::io::Error,
    ) -> Self {
        Error::file(code, error_code, format!("{what} {}: {err}", path.display()))
    }

    /// Bytes that could not be written to `path` (`AOSE_FILE_WRITE_ERROR`, "WriteFileFail").
    pub fn write_failed(path: &std::path::Path, err: &std::io::Error) -> Self {
        Error::io(ClientCode::FileWriteError, codes::WRITE_FILE, "cannot write", path, err)
    }

    pub fn internal(message: impl Into<String>) -> Self {
        Error::Internal { message: message.into() }
    }

    /// `aos_status_t.code`: the HTTP status for service answers, a negative
    /// `AOSE_*` value otherwise.
    pub fn code(&self) -> i32 {
        match self {
            Error::Service { status, .. } => i32::from(*status),
            Error::InvalidArgument { .. } => ClientCode::InvalidArgument as i32,
            Error::Transport { code, .. } | Error::File { code, .. } => *code as i32,
            Error::Inconsistent { .. } => ClientCode::CrcInconsistentError as i32,
            Error::Parse { .. } => ClientCode::XmlParseError as i32,
            Error::Aborted { .. } => ClientCode::AbortCallback as i32,
            Error::Internal { .. } => ClientCode::InternalError as i32,
        }
    }

    /// `aos_status_t.error_code`.
    pub fn error_code(&self) -> &str {
        match self {
            Error::Service { code, .. } => code,
            Error::InvalidArgument { error_code, .. } | Error::File { error_code, .. } => error_code,
            Error::Transport { .. } => codes::HTTP_IO,
            Error::Inconsistent { .. } => codes::INCONSISTENT,
            Error::Parse { .. } => codes::PARSE_XML,
            Error::Aborted { .. } => codes::ABORTED,
            Error::Internal { .. } => codes::UNKNOWN,
        }
    }

    /// `aos_status_t.error_msg`.
    pub fn message(&self) -> &str {
        match self {
            Error::Service { message, .. }
            | Error::InvalidArgument { message, .. }
            | Error::Transport { message, .. }
            | Error::File { message, .. }
            | Error::Inconsistent { message, .. }
            | Error::Parse { message, .. }
            | Error::Aborted { message }
            | Error::Internal { message } => message,
        }
    }

    /// `aos_status_t.req_id`, when a server answer was involved.
    pub fn request_id(&self) -> Option<&str> {
        match self {
            Error::Service { request_id, .. } => Some(request_id),
            Error::Transport { request_id, .. }
            | Error::Inconsistent { request_id, .. }
            | Error::Parse { request_id, .. } => request_id.as_deref(),
            _ => None,
        }
    }

    /// Whether trying the same request again may succeed: connection-level
    /// failures, timeouts, short bodies and 5xx answers.
    pub fn is_transient(&self) -> bool {
        match self {
            Error::Service { status, .. } => *status >= 500,
            Error::Transport { code, .. } => !matches!(
                code,
                ClientCode::InvalidArgument
                    | ClientCode::OverMemory
                    | ClientCode::FailedVerification
                    | ClientCode::ServiceError
                    | ClientCode::AbortCallback
            ),
            _ => false,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({}): {}", self.error_code(), self.code(), self.message())?;
        if let Some(id) = self.request_id() {
            write!(f, " [request id {id}]")?;
        }
        Ok(())
    }
}

impl std::error::Error for Error {}

pub type Result<T> = std::result::Result<T, Error>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn service_errors_carry_http_status_and_server_fields() {
        let e = Error::Service {
            status: 404,
            code: "NoSuchKey".into(),
            message: "The specified key does not exist.".into(),
            request_id: "5C3D9175B6FC201293AD4890".into(),
        };
        assert_eq!(e.code(), 404);
        assert_eq!(e.error_code(), "NoSuchKey");
        assert_eq!(e.request_id(), Some("5C3D9175B6FC201293AD4890"));
        assert!(!e.is_transient());
    }

    #[test]
    fn client_errors_use_official_codes() {
        assert_eq!(Error::invalid_argument(codes::BUCKET_NAME_INVALID, "x").code(), -994);
        assert_eq!(Error::Inconsistent { message: "crc".into(), request_id: None }.error_code(), "InconsistentError");
        assert_eq!(Error::Inconsistent { message: "crc".into(), request_id: None }.code(), -978);
        let t = Error::transport(ClientCode::RequestTimeout, "stalled");
        assert_eq!((t.code(), t.error_code()), (-995, "HttpIoError"));
        assert!(t.is_transient());
        assert_eq!(Error::Aborted { message: String::new() }.code(), -997);
    }

    #[test]
    fn five_hundreds_are_transient_four_hundreds_are_not() {
        let svc =
            |status| Error::Service { status, code: String::new(), message: String::new(), request_id: String::new() };
        assert!(svc(503).is_transient());
        assert!(svc(500).is_transient());
        assert!(!svc(412).is_transient());
        assert!(!svc(403).is_transient());
    }
}
