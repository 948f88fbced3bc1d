//! `aos_log_set_output`: the official way to send log lines to an `apr_file_t` (the other
//! redirections, `aos_log_set_print` and `aos_log_set_output_file`, are in `log.rs`).
#![deny(unsafe_op_in_unsafe_fn)]

use std::sync::Arc;

use super::apr_file::apr_file_t;
use super::boundary::entry;
use crate::log;

/// An open file the caller keeps alive while it is the log output.
struct LogFile(*mut apr_file_t);
// SAFETY: apr_file_t serialises its own access (a mutex); the caller keeps the file open while
// it is set, as `aos_log_set_output` documents.
unsafe impl Send for LogFile {}
// SAFETY: as above.
unsafe impl Sync for LogFile {}

impl LogFile {
    /// The handle (a method, so closures capture the whole Send + Sync wrapper).
    fn handle(&self) -> *mut apr_file_t {
        self.0
    }
}

/// Writes log lines to `output` (an `apr_file_t` opened for writing) instead of stderr; NULL
/// restores stderr. The file must stay open (and its pool alive) until another output, or NULL,
/// is set. A later `aos_log_set_print` or `aos_log_set_output_file` replaces it.
#[no_mangle]
pub unsafe extern "C" fn aos_log_set_output(output: *mut apr_file_t) {
    entry("aos_log_set_output", || {
        if output.is_null() {
            log::set_sink(None);
            return;
        }
        let file = LogFile(output);
        log::set_sink(Some(Arc::new(move |text: &str| {
            // SAFETY: the caller keeps the file alive while it is the output.
            if let Some(f) = unsafe { file.handle().as_ref() } {
                f.write_all(text.as_bytes());
            }
        })));
    })
}
