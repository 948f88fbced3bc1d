//! `aos_http_controller_cancel`: stopping the requests that run with one controller.
//!
//! Every request function registers a cancel flag under its `options->ctl` for as long as it runs
//! ([`Registration`], made by `Call::run`); the flag reaches each HTTP session the call uses (the
//! `Client` carries it), whose transfer stops at libcurl's next progress callback — at least once
//! a second, even when no byte moves — and which sends no new request once it is set; a retry's
//! wait between attempts ends on it too. The resumable engines watch it themselves (their
//! sessions do not stop on it: after a cancel they still abort an upload without checkpoint). A
//! cancel sets the flags of every call running with that controller at that moment.

use std::collections::HashMap;
use std::ffi::c_int;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, OnceLock};

use super::boundary::entry;
use super::config::aos_http_controller_t;
use super::define::aos_error_code_e;

/// Cancel flags of the calls running now, by controller address (several calls, on several
/// threads, may share one controller: a cancel reaches all of them).
fn running() -> MutexGuard<'static, HashMap<usize, Vec<Arc<AtomicBool>>>> {
    static RUNNING: OnceLock<Mutex<HashMap<usize, Vec<Arc<AtomicBool>>>>> = OnceLock::new();
    // Every change is one push or one removal: a panic while holding the lock leaves a valid map.
    RUNNING.get_or_init(Default::default).lock().unwrap_or_else(|p| p.into_inner())
}

/// A running call's cancel flag, registered under its controller (none for NULL) until dropped.
pub(super) struct Registration {
    key: Option<usize>,
    pub(super) flag: Arc<AtomicBool>,
}

impl Registration {
    pub(super) fn new(ctl: *mut aos_http_controller_t) -> Self {
        let flag = Arc::new(AtomicBool::new(false));
        let key = (!ctl.is_null()).then_some(ctl as usize);
        if let Some(k) = key {
            running().entry(k).or_default().push(flag.clone());
        }
        Self { key, flag }
    }
}

impl Drop for Registration {
    fn drop(&mut self) {
        if let Some(k) = self.key {
            let mut map = running();
            if let Some(flags) = map.get_mut(&k) {
                flags.retain(|f| !Arc::ptr_eq(f, &self.flag));
                if flags.is_empty() {
                    map.remove(&k);
                }
            }
        }
    }
}

/// Stops every request running with controller `ctl` (from any thread; all of them when several
/// share it): a PUT, GET (to a buffer or a file), append, part upload, copy, listing... or a
/// resumable download or upload. Each returns promptly — within about a second, even when the
/// transfer is stalled — with `AOSE_ABORT_CALLBACK`: nothing half-written is left (a GET to a
/// file removes its `<file>.tmp`; a PUT cut short stores no object), and a resumable transfer
/// keeps its checkpoint, so a later call resumes where it stopped. Calls started after the
/// cancel run normally.
/// Returns `AOSE_OK` if a request was running, `AOSE_INVALID_OPERATION` if none was,
/// `AOSE_INVALID_ARGUMENT` for NULL.
#[no_mangle]
pub unsafe extern "C" fn aos_http_controller_cancel(ctl: *mut aos_http_controller_t) -> c_int {
    entry("aos_http_controller_cancel", || {
        if ctl.is_null() {
            return aos_error_code_e::AOSE_INVALID_ARGUMENT as c_int;
        }
        match running().get(&(ctl as usize)) {
            Some(flags) => {
                for flag in flags {
                    flag.store(true, Ordering::Relaxed);
                }
                aos_error_code_e::AOSE_OK as c_int
            }
            None => aos_error_code_e::AOSE_INVALID_OPERATION as c_int,
        }
    })
}
