//! What every connection thread shares: configuration, the store, authentication, faults,
//! counters, TLS, and the live-connection registry.

use std::collections::HashMap;
use std::net::{Shutdown, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use crate::auth::Authenticator;
use crate::callback_hosts::CallbackHosts;
use crate::config::Config;
use crate::counters::Counters;
use crate::faults::Faults;
use crate::request_log::RequestLog;
use crate::store::Store;

pub struct ServerState {
    pub config: Config,
    pub store: Store,
    pub auth: Authenticator,
    pub faults: Faults,
    /// Callback host names mapped to loopback addresses (tests set them at run time).
    pub callback_hosts: CallbackHosts,
    pub counters: Counters,
    /// What clients sent for objects (tests read it through `Server::requests`).
    pub request_log: RequestLog,
    pub tls: Option<Arc<rustls::ServerConfig>>,
    /// Set when the server stops: loops and sleeps check it.
    pub stop: AtomicBool,
    pub connections: ConnectionRegistry,
    /// Connection handlers that panicked (and were contained); tests assert it stays 0.
    pub caught_panics: AtomicU64,
}

impl ServerState {
    pub fn stopping(&self) -> bool {
        self.stop.load(Ordering::Relaxed)
    }
}

/// Live connections, so a stopping server can shut their sockets and wake their threads.
#[derive(Default)]
pub struct ConnectionRegistry {
    sockets: Mutex<HashMap<u64, TcpStream>>,
    next_id: AtomicU64,
}

impl ConnectionRegistry {
    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<u64, TcpStream>> {
        self.sockets.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Registers a connection unless `limit` are already live.
    pub fn register(&self, tcp: &TcpStream, limit: usize) -> Option<u64> {
        let mut sockets = self.lock();
        if sockets.len() >= limit {
            return None;
        }
        let clone = tcp.try_clone().ok()?;
        let id = self.next_id.fetch_add(1, Ordering::Relaxed);
        sockets.insert(id, clone);
        Some(id)
    }

    /// Must happen before the connection's socket is dropped: the registry's duplicate
    /// descriptor would otherwise keep the socket open.
    pub fn unregister(&self, id: u64) {
        self.lock().remove(&id);
    }

    pub fn live(&self) -> usize {
        self.lock().len()
    }

    /// Connections registered since the start (each got the next id).
    pub fn accepted(&self) -> u64 {
        self.next_id.load(Ordering::Relaxed)
    }

    pub fn shutdown_all(&self) {
        for socket in self.lock().values() {
            let _ = socket.shutdown(Shutdown::Both);
        }
    }
}
