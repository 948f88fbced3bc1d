//! `aos_global_pool`: the process-wide pool the official SDK creates in `aos_http_io_initialize`
//! and that some programs allocate long-lived values from; and `aos_stderr_file`, standard error
//! as an `apr_file_t` (for `aos_log_set_output`), created at the same time.
//!
//! Here it is created by the first `aos_http_io_initialize` and lives as long as the process:
//! `aos_http_io_deinitialize` may run while other threads still use it (initialise and
//! deinitialise may come in any order, from any thread), so it is never destroyed. Programs must
//! not destroy it either.
#![deny(unsafe_op_in_unsafe_fn)]

use std::ptr;
use std::sync::Once;

use super::apr_file::apr_file_t;
use super::pool::{aos_pool_t, apr_pool_t};

/// The process-wide pool, NULL until the first `aos_http_io_initialize`. Do not destroy it.
#[no_mangle]
pub static mut aos_global_pool: *mut aos_pool_t = ptr::null_mut();

/// Standard error as an `apr_file_t` (a duplicate of file descriptor 2), NULL until the first
/// `aos_http_io_initialize` (or if stderr is closed). Do not close it.
#[no_mangle]
pub static mut aos_stderr_file: *mut apr_file_t = ptr::null_mut();

static CREATE: Once = Once::new();

/// Creates `aos_global_pool` and `aos_stderr_file` once.
pub fn ensure() {
    CREATE.call_once(|| {
        use std::os::fd::AsFd;
        let stderr = std::io::stderr().as_fd().try_clone_to_owned().map(std::fs::File::from);
        let stderr_file = stderr.map_or(ptr::null_mut(), apr_file_t::leaked);
        // SAFETY: the statics are written once, here, before any reader can have been told they
        // are ready (readers run after aos_http_io_initialize returned).
        unsafe {
            ptr::addr_of_mut!(aos_global_pool).write(apr_pool_t::create(ptr::null_mut()));
            ptr::addr_of_mut!(aos_stderr_file).write(stderr_file);
        }
    });
}
