//! Process-wide start-up and tear-down: `aos_http_io_initialize` / `aos_http_io_deinitialize`.
//!
//! Both are safe to call from any thread, more than once and in any order: initialising libcurl
//! happens once per process (`curl::init`, which is idempotent and thread-safe) and libcurl is
//! deliberately never globally cleaned up, because `curl_global_cleanup` is not thread-safe and
//! a careless program calling it while another thread still transfers would crash. What
//! initialise/deinitialise change is the user agent only.

use std::ffi::{c_char, c_int};

use super::boundary::{c_str, entry};
use super::define::aos_error_code_e;
use crate::config;

/// Prepares the library for requests: initialises libcurl (once per process) and sets the user
/// agent to "aliyun-sdk-c/3.11.2(Compatible <user_agent_info>)" ("Unknown" if NULL or empty).
/// `flags` is accepted for compatibility and ignored. Returns AOSE_OK, AOSE_INTERNAL_ERROR if
/// libcurl cannot be initialised, or AOSE_FAILED_INITIALIZE (logged) if Apache's libapr-1 is
/// loaded in the process, which this library cannot share a process with (see README). Calling
/// it again only changes the user agent.
#[no_mangle]
pub unsafe extern "C" fn aos_http_io_initialize(user_agent_info: *const c_char, flags: c_int) -> c_int {
    let _ = flags;
    entry("aos_http_io_initialize", || {
        if super::apr_guard::refuse_foreign_apr() {
            return aos_error_code_e::AOSE_FAILED_INITIALIZE as c_int;
        }
        curl::init();
        super::global_pool::ensure();
        // SAFETY: NULL or NUL-terminated (this function's contract).
        let info = unsafe { c_str(user_agent_info) }.map(|s| s.to_string_lossy());
        config::set_user_agent_info(info.as_deref());
        aos_error_code_e::AOSE_OK as c_int
    })
}

/// Releases what `aos_http_io_initialize` set up: the user agent returns to the default and the
/// idle connections kept for reuse are closed.
/// Harmless without a prior initialise, when called twice, or from another thread; a later
/// `aos_http_io_initialize` works again.
#[no_mangle]
pub unsafe extern "C" fn aos_http_io_deinitialize() {
    entry("aos_http_io_deinitialize", || {
        config::set_user_agent_info(None);
        crate::http::pool::clear();
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn init_and_deinit_in_any_order() {
        unsafe {
            aos_http_io_deinitialize();
            assert_eq!(aos_http_io_initialize(c"tests".as_ptr(), 0), 0);
            assert_eq!(aos_http_io_initialize(std::ptr::null(), 0), 0);
            let threads: Vec<_> = (0..4)
                .map(|_| {
                    std::thread::spawn(|| {
                        assert_eq!(aos_http_io_initialize(std::ptr::null(), 0), 0);
                        aos_http_io_deinitialize();
                    })
                })
                .collect();
            for t in threads {
                t.join().unwrap();
            }
            aos_http_io_deinitialize();
            aos_http_io_deinitialize();
        }
    }
}
