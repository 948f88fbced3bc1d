//! The server handle: binding, the accept loop (a thread per connection, bounded), the Rust
//! API tests use, and shutdown on drop.

use std::io;
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use crate::auth::Authenticator;
use crate::config::Config;
use crate::connection;
use crate::counters::{CounterSnapshot, Counters};
use crate::errors::to_io;
use crate::faults::Faults;
use crate::object_meta::ObjectMeta;
use crate::state::{ConnectionRegistry, ServerState};
use crate::store::{PutOptions, Store};
use crate::tls;

const CONNECTION_STACK: usize = 1024 * 1024;
/// How long dropping a server waits for its connection threads to finish.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(5);

/// A running server. Dropping it stops accepting, closes the listener and every connection,
/// and waits (briefly) for connection threads to end.
pub struct Server {
    state: Arc<ServerState>,
    addr: SocketAddr,
    acceptor: Option<JoinHandle<()>>,
}

impl Server {
    /// Binds `config.listen` (refusing non-loopback addresses unless allowed), opens the
    /// storage root, and starts accepting.
    pub fn start(config: Config) -> io::Result<Server> {
        if !config.allow_non_loopback && !config.listen.ip().is_loopback() {
            return Err(io::Error::new(
                io::ErrorKind::PermissionDenied,
                format!("refusing to listen on non-loopback address {} (use --allow-non-loopback)", config.listen),
            ));
        }
        let tls = config.tls.as_ref().map(tls::server_config).transpose()?;
        let store = Store::open_and_recover(&config.root).map_err(to_io)?;
        let listener = TcpListener::bind(config.listen)?;
        let addr = listener.local_addr()?;
        let state = Arc::new(ServerState {
            auth: Authenticator {
                credentials: config.credentials.clone(),
                region: config.region.clone(),
                anonymous: config.anonymous,
            },
            faults: Faults::new(config.seed),
            callback_hosts: Default::default(),
            counters: Counters::default(),
            request_log: Default::default(),
            store,
            tls,
            stop: Default::default(),
            connections: ConnectionRegistry::default(),
            caught_panics: Default::default(),
            config,
        });
        let accept_state = state.clone();
        let acceptor =
            std::thread::Builder::new().name("oss-accept".into()).spawn(move || accept_loop(listener, accept_state))?;
        Ok(Server { state, addr, acceptor: Some(acceptor) })
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `127.0.0.1:PORT` (what a client puts in its endpoint).
    pub fn endpoint(&self) -> String {
        self.addr.to_string()
    }

    pub fn config(&self) -> &Config {
        &self.state.config
    }

    /// The fault injector: add, list, remove and clear rules at run time.
    pub fn faults(&self) -> &Faults {
        &self.state.faults
    }

    /// Requests and body bytes served for one object since start (or the last reset).
    pub fn counters(&self, bucket: &str, key: &str) -> CounterSnapshot {
        self.state.counters.get(bucket, key)
    }

    /// Requests and request-body bytes received for one multipart upload, in total and per
    /// part number, since start (or the last reset).
    pub fn upload_counters(&self, upload_id: &str) -> crate::UploadCounters {
        self.state.counters.get_upload(upload_id)
    }

    /// Makes upload callbacks to `host` (`name` or `name:port`, port 80 by default) go to `addr`,
    /// a loopback address: a callback URL that names a real host reaches the test's receiver.
    pub fn map_callback_host(&self, host: &str, addr: SocketAddr) -> Result<(), String> {
        self.state.callback_hosts.map(host, addr)
    }

    pub fn reset_counters(&self) {
        self.state.counters.reset()
    }

    /// The requests received for one object (newest 20,000 kept), oldest first, with their
    /// query parameters and headers (never `Authorization`): what a client really sent.
    pub fn requests(&self, bucket: &str, key: &str) -> Vec<crate::RecordedRequest> {
        self.state.request_log.for_object(bucket, key)
    }

    /// Forgets the recorded requests.
    pub fn clear_requests(&self) {
        self.state.request_log.clear()
    }

    /// How many connection handlers panicked so far. Panics are contained (the connection is
    /// closed, the server keeps serving), but there should never be any: tests assert 0.
    pub fn caught_panics(&self) -> u64 {
        self.state.caught_panics.load(Ordering::Relaxed)
    }

    /// How many client connections were accepted since the start (a client that reuses its
    /// connections makes few).
    pub fn accepted_connections(&self) -> u64 {
        self.state.connections.accepted()
    }

    /// How many client connections are open right now.
    pub fn live_connections(&self) -> usize {
        self.state.connections.live()
    }

    pub fn create_bucket(&self, bucket: &str) -> io::Result<()> {
        self.state.store.ensure_bucket(bucket).map_err(to_io)
    }

    /// Stores an object directly (no HTTP, no signature), creating its bucket if needed.
    pub fn put_object(&self, bucket: &str, key: &str, data: &[u8]) -> io::Result<ObjectMeta> {
        self.create_bucket(bucket)?;
        let record = self.state.store.put_object(bucket, key, &mut &data[..], &PutOptions::default()).map_err(to_io)?;
        Ok(record.meta())
    }

    pub fn object_meta(&self, bucket: &str, key: &str) -> io::Result<ObjectMeta> {
        self.state.store.object_meta(bucket, key).map_err(to_io)
    }

    /// Same as dropping the server.
    pub fn shutdown(self) {}
}

impl Drop for Server {
    fn drop(&mut self) {
        self.state.stop.store(true, Ordering::SeqCst);
        // Wake the acceptor blocked in accept().
        let mut wake = self.addr;
        if wake.ip().is_unspecified() {
            wake.set_ip(if wake.is_ipv4() { [127, 0, 0, 1].into() } else { std::net::Ipv6Addr::LOCALHOST.into() });
        }
        let _ = TcpStream::connect_timeout(&wake, Duration::from_secs(1));
        if let Some(acceptor) = self.acceptor.take() {
            let _ = acceptor.join();
        }
        let deadline = Instant::now() + SHUTDOWN_GRACE;
        while self.state.connections.live() > 0 && Instant::now() < deadline {
            self.state.connections.shutdown_all();
            std::thread::sleep(Duration::from_millis(5));
        }
        // A connection thread unregisters itself a moment before it lets go of the state; the
        // state holds the store's root lock, which a server started next on the same root must
        // find free to sweep leftovers. Wait (bounded) until this is the last reference.
        while Arc::strong_count(&self.state) > 1 && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(5));
        }
    }
}

fn accept_loop(listener: TcpListener, state: Arc<ServerState>) {
    for incoming in listener.incoming() {
        if state.stopping() {
            break;
        }
        let tcp = match incoming {
            Ok(tcp) => tcp,
            Err(_) => {
                // Out of descriptors or a connection reset before accept: try again shortly.
                std::thread::sleep(Duration::from_millis(10));
                continue;
            }
        };
        let Ok(peer) = tcp.peer_addr() else { continue };
        // Beyond the limit the socket is simply closed.
        let Some(id) = state.connections.register(&tcp, state.config.max_connections) else {
            continue;
        };
        let thread_state = state.clone();
        let spawned =
            std::thread::Builder::new().name("oss-conn".into()).stack_size(CONNECTION_STACK).spawn(move || {
                // Unauthenticated bytes must never take the server down: a panic ends only this
                // connection.
                let result = catch_unwind(AssertUnwindSafe(|| connection::serve(&thread_state, tcp, peer, id)));
                thread_state.connections.unregister(id);
                if result.is_err() {
                    thread_state.caught_panics.fetch_add(1, Ordering::Relaxed);
                    if thread_state.config.verbose {
                        eprintln!("{peer}: connection handler panicked; connection closed");
                    }
                }
            });
        if spawned.is_err() {
            state.connections.unregister(id);
        }
    }
}
