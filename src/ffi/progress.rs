//! The C progress callbacks, and how they become the core's progress function
//! (`FnMut(done, total)`, called on the caller's thread).

use std::ffi::c_void;

/// Called with the bytes received so far and the total, as a download
/// progresses (at most about every 1% or 4 MiB; the last call has
/// `consumed_bytes == total_bytes`).
pub type oss_progress_callback = Option<unsafe extern "C" fn(consumed_bytes: i64, total_bytes: i64)>;

/// Called with the bytes downloaded so far, the total, and the `user_data`
/// given to `oss_resumable_download_file_ex`, on the caller's thread (at most
/// about every 1% or 4 MiB; the first call reports the bytes already there
/// when resuming, the last has `consumed_bytes == total_bytes`).
pub type oss_progress_callback_ex =
    Option<unsafe extern "C" fn(consumed_bytes: i64, total_bytes: i64, user_data: *mut c_void)>;

/// A caller's progress callback as the core's progress function, if the caller gave one.
pub struct Progress(Option<Box<dyn FnMut(u64, u64)>>);

impl Progress {
    /// The caller's callback (NULL: none).
    ///
    /// # Safety
    /// `callback` may be called, as its C type says, while the `Progress` lives.
    pub unsafe fn forward(callback: oss_progress_callback) -> Progress {
        // SAFETY: this function's contract.
        Progress(callback.map(|f| Box::new(move |done: u64, total: u64| unsafe { f(done as i64, total as i64) }) as _))
    }

    /// A callback that also receives the caller's `user_data`, passed through untouched.
    ///
    /// # Safety
    /// `callback` may be called with `user_data`, as its C type says, while the `Progress` lives.
    pub unsafe fn forward_with_data(callback: oss_progress_callback_ex, user_data: *mut c_void) -> Progress {
        // SAFETY: this function's contract.
        let forward = move |f: unsafe extern "C" fn(i64, i64, *mut c_void)| {
            Box::new(move |done: u64, total: u64| unsafe { f(done as i64, total as i64, user_data) }) as _
        };
        Progress(callback.map(forward))
    }

    /// What the core takes: the function, or `None`.
    pub fn as_fn(&mut self) -> Option<&mut dyn FnMut(u64, u64)> {
        self.0.as_mut().map(|f| f.as_mut() as &mut dyn FnMut(u64, u64))
    }
}
