//! libcurl failures -> the `AOSE_*` codes the official SDK's users check.
//! One deliberate difference: a transfer cut short (`CURLE_PARTIAL_FILE`) is
//! an error here; the official SDK maps it to success and keeps a torn file.

use crate::error::{ClientCode, Error};

pub(crate) fn client_code(err: &curl::Error) -> ClientCode {
    if err.is_out_of_memory() {
        ClientCode::OutMemory
    } else if err.is_couldnt_resolve_host() || err.is_couldnt_resolve_proxy() {
        ClientCode::NameLookupError
    } else if err.is_couldnt_connect() {
        ClientCode::FailedConnect
    } else if err.is_operation_timedout() {
        ClientCode::RequestTimeout
    } else if err.is_partial_file() {
        ClientCode::ReadBodyError
    } else if err.is_peer_failed_verification()
        || err.is_ssl_cacert()
        || err.is_ssl_cacert_badfile()
        || err.is_ssl_certproblem()
    {
        ClientCode::FailedVerification
    } else if err.is_aborted_by_callback() {
        ClientCode::AbortCallback
    } else if err.is_recv_error() || err.is_send_error() || err.is_got_nothing() || err.is_ssl_connect_error() {
        ClientCode::ConnectionFailed
    } else {
        ClientCode::InternalError
    }
}

/// The transport error for a libcurl failure, with curl's own words.
pub(crate) fn to_error(err: &curl::Error, request_id: Option<&str>) -> Error {
    let mut message = err.description().to_string();
    if let Some(extra) = err.extra_description() {
        message.push_str(": ");
        message.push_str(extra);
    }
    Error::Transport { code: client_code(err), message, request_id: request_id.map(str::to_string) }
}
