//! Refusing to share a process with Apache's libapr-1.
//!
//! This library defines its own `apr_pool_t`, `apr_table_t` and `apr_*` functions (the subset SDK
//! programs call) on its own pools. If the real libapr-1 is loaded too, the dynamic linker binds
//! each `apr_*` name to whichever library comes first: a program's `apr_palloc(pool, n)` may then
//! run libapr's code on one of our pools (or ours on one of libapr's), corrupting memory with no
//! diagnostic. `aos_http_io_initialize` therefore looks for `apr_initialize`, which every libapr-1
//! exports and this library deliberately does not define, and fails clearly when it is there.
#![deny(unsafe_op_in_unsafe_fn)]

use crate::log::{self, Level};

/// A symbol of libapr-1 that this library never defines.
const PROBE: &std::ffi::CStr = c"apr_initialize";

/// Whether a real libapr-1 (or anything else exporting `apr_initialize`) is loaded in this
/// process.
pub fn foreign_apr_loaded() -> bool {
    // SAFETY: dlsym with RTLD_DEFAULT and a NUL-terminated name only looks the symbol up.
    !unsafe { libc::dlsym(libc::RTLD_DEFAULT, PROBE.as_ptr()) }.is_null()
}

/// Logs why start-up is refused when libapr-1 is loaded; `true` if it is.
pub fn refuse_foreign_apr() -> bool {
    if !foreign_apr_loaded() {
        return false;
    }
    log::write(
        Level::Error,
        file!(),
        line!(),
        "aos_http_io_initialize: libapr-1 is loaded in this process (apr_initialize is defined); \
         liboss_c_sdk brings its own apr_* pools and tables and cannot share a process with libapr-1 \
         (the two would be mixed up and corrupt memory). Link only -loss_c_sdk.",
    );
    true
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_library_itself_does_not_define_the_probe() {
        // The Rust test binary links no libapr-1.
        assert!(!super::foreign_apr_loaded());
    }
}
