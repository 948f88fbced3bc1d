//! The transport: one `Session` owns one libcurl easy handle (and so one
//! keep-alive connection) and performs requests on it, streaming response
//! bodies into a caller-supplied sink. Failures come back as `crate::Error`
//! with the `AOSE_*` code a C caller expects.

mod body;
mod curl_error;
mod error_xml;
mod exchange_log;
pub mod pool;
mod request;
mod response;
mod session;
mod sink;

pub use body::{Body, Pieces, Source};
pub use error_xml::{parse_error_body, parse_x_oss_err, ErrorBody};
pub use request::{Method, Request};
pub use response::{Response, Timings};
pub use session::Session;
pub use sink::{BodySink, Discard};
