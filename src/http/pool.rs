//! Idle libcurl handles kept for the next request, process-wide: a handle keeps its connections
//! (and their TLS sessions and DNS entries) alive, so the next call to the same host skips the
//! TCP and TLS handshakes — the official SDK does the same with its pool of handles. A handle is
//! only ever reused with the settings it was configured with (timeouts, TLS, proxy, user agent):
//! those form its key. Credentials are never part of a handle (every request is signed on its
//! own), so they are not part of the key either.
//!
//! Bounded: at most [`MAX_IDLE`] handles wait here; beyond that the oldest is closed. Taking and
//! giving back are a short critical section under one mutex.

use std::sync::Mutex;

use curl::easy::Easy;

use crate::config::{Config, Proxy, TransferOptions};

/// Enough for a 16-thread transfer plus a few single calls; each idle handle holds one or a few
/// sockets.
const MAX_IDLE: usize = 32;

/// What a handle was configured with.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Key {
    transfer: TransferOptions,
    proxy: Option<Proxy>,
    user_agent: String,
}

impl Key {
    pub fn of(config: &Config) -> Key {
        // Buffer sizes are set whenever a handle is taken (`Session::new`): not part of the key.
        let transfer = TransferOptions { receive_buffer: 0, send_buffer: 0, ..config.transfer.clone() };
        Key { transfer, proxy: config.proxy.clone(), user_agent: config.user_agent.clone() }
    }
}

/// Idle handles, oldest first.
static IDLE: Mutex<Vec<(Key, Easy)>> = Mutex::new(Vec::new());

fn idle() -> std::sync::MutexGuard<'static, Vec<(Key, Easy)>> {
    // A panic while holding the lock leaves a valid list (every change is one push or remove).
    IDLE.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// The most recently returned idle handle configured as `key` (its connection is the warmest).
pub fn take(key: &Key) -> Option<Easy> {
    let mut idle = idle();
    let at = idle.iter().rposition(|(k, _)| k == key)?;
    Some(idle.remove(at).1)
}

/// Keeps `easy` for a later request with the same settings.
pub fn give_back(key: Key, easy: Easy) {
    let oldest = {
        let mut idle = idle();
        idle.push((key, easy));
        (idle.len() > MAX_IDLE).then(|| idle.remove(0))
    };
    // Closing a handle may take a moment (TLS close notify): outside the lock.
    drop(oldest);
}

/// Closes every idle handle and its connections (`aos_http_io_deinitialize`, and tests that want
/// no connection left open).
pub fn clear() {
    let handles = std::mem::take(&mut *idle());
    drop(handles);
}

/// How many handles are waiting (tests).
pub fn idle_count() -> usize {
    idle().len()
}
