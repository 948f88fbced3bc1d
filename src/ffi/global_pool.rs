//! `aos_global_pool`: the process-wide pool the official SDK creates in `aos_http_io_initialize`
//! and that some programs allocate long-lived values from.
//!
//! Here it is created by the first `aos_http_io_initialize` and lives as long as the process:
//! `aos_http_io_deinitialize` may run while other threads still use it (initialise and
//! deinitialise may come in any order, from any thread), so it is never destroyed. Programs must
//! not destroy it either.
#![deny(unsafe_op_in_unsafe_fn)]

use std::ptr;
use std::sync::Once;

use super::pool::{aos_pool_t, apr_pool_t};

/// The process-wide pool, NULL until the first `aos_http_io_initialize`. Do not destroy it.
#[no_mangle]
pub static mut aos_global_pool: *mut aos_pool_t = ptr::null_mut();

static CREATE: Once = Once::new();

/// Creates `aos_global_pool` once.
pub fn ensure() {
    CREATE.call_once(|| {
        // SAFETY: a root pool; the static is written once, here, before any reader can have
        // been told it is ready (readers run after aos_http_io_initialize returned).
        unsafe { ptr::addr_of_mut!(aos_global_pool).write(apr_pool_t::create(ptr::null_mut())) };
    });
}
