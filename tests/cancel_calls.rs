//! Cancelling single calls: a client's stop flag — what `aos_http_controller_cancel` raises for
//! every call running with that controller — stops a throttled PUT and a throttled GET (to memory
//! and to a file) from another thread, promptly, with AOSE_ABORT_CALLBACK, leaving nothing
//! written: no object from the PUT, no target file and no `<file>.tmp` from the GET. A client
//! without the flag raised afterwards works as before; a session whose flag is already raised
//! sends nothing.

mod common;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use common::*;
use oss_c_sdk::client::Client;
use oss_c_sdk::http::Source;
use oss_c_sdk::object;
use oss_c_sdk::ops::fetch::{get_object_to_memory, MemorySink};
use oss_c_sdk::ops::upload::{put_object, Upload};
use oss_server::{FaultKind, FaultRule};

/// Bytes per second the server reads the PUT's body at, or sends the GET's body at.
const THROTTLE: u64 = 1 << 20;
/// 64 s at the throttle: far more than loopback socket buffers can swallow (a few MiB), so a PUT
/// cut short can never have handed the server its whole body.
const SIZE: usize = 64 << 20;
/// "Returns promptly", generously: a cancelled call ends within this; uncancelled, 64 s.
const BOUND: Duration = Duration::from_secs(15);
const AOSE_ABORT_CALLBACK: i32 = -997;

/// Raises `stop` from another thread once the call has had time to start sending or receiving.
fn cancel_soon(stop: &Arc<AtomicBool>) -> JoinHandle<()> {
    let stop = stop.clone();
    std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(300));
        stop.store(true, Ordering::Relaxed);
    })
}

fn cancellable(fx: &Fixture) -> (Client, Arc<AtomicBool>) {
    let mut client = fx.client();
    let stop = Arc::new(AtomicBool::new(false));
    client.stop = Some(stop.clone());
    (client, stop)
}

/// Waits (bounded) until the server has no connection left: it has read what the aborted
/// transfer left in the socket buffers and dropped the request.
fn wait_for_no_connections(fx: &Fixture) {
    let deadline = Instant::now() + Duration::from_secs(30);
    while fx.server.live_connections() > 0 && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    assert_eq!(fx.server.live_connections(), 0, "the server still holds the aborted connection");
}

struct Discard(u64);

impl MemorySink for Discard {
    fn reset(&mut self) {
        self.0 = 0;
    }
    fn write(&mut self, bytes: &[u8]) -> oss_c_sdk::error::Result<()> {
        self.0 += bytes.len() as u64;
        Ok(())
    }
}

#[test]
fn a_cancelled_put_returns_promptly_and_creates_no_object() {
    let fx = Fixture::start();
    let throttle = FaultRule::new(FaultKind::Throttle { bytes_per_sec: THROTTLE }).object(BUCKET, "put").on_request();
    fx.server.faults().add(throttle);
    let (client, stop) = cancellable(&fx);
    let data = content(SIZE, 7);
    let buffers = [data.as_slice()];
    let upload = Upload { source: Source::Buffers(&buffers), mime_name: None, enable_crc: true };

    let started = Instant::now();
    let canceller = cancel_soon(&stop);
    let failure = put_object(&client, &mut client.session().unwrap(), &object("put"), upload, None).unwrap_err();
    let took = started.elapsed();
    canceller.join().unwrap();
    assert_eq!(failure.error.code(), AOSE_ABORT_CALLBACK, "{}", failure.error);
    assert!(took < BOUND, "the cancelled PUT took {took:?}");

    wait_for_no_connections(&fx);
    assert!(fx.server.object_meta(BUCKET, "put").is_err(), "a cancelled PUT created the object");

    // A call without the flag raised is not affected.
    fx.server.faults().clear();
    let small = [&data[..1000]];
    let upload = Upload { source: Source::Buffers(&small), mime_name: None, enable_crc: true };
    let fresh = fx.client();
    put_object(&fresh, &mut fresh.session().unwrap(), &object("put"), upload, None).expect("an uncancelled put");
    assert_eq!(fx.server.object_meta(BUCKET, "put").unwrap().size, 1000);
}

#[test]
fn a_cancelled_get_returns_promptly_and_writes_no_file() {
    let fx = Fixture::start();
    fx.put("get", &content(SIZE, 8));
    fx.server.faults().add(FaultRule::new(FaultKind::Throttle { bytes_per_sec: THROTTLE }).object(BUCKET, "get"));
    let target = fx.path("target.bin");

    let (client, stop) = cancellable(&fx);
    let started = Instant::now();
    let canceller = cancel_soon(&stop);
    let failure =
        object::get_object_to_file(&client, &mut client.session().unwrap(), &object("get"), &target, true, None)
            .unwrap_err();
    let took = started.elapsed();
    canceller.join().unwrap();
    assert_eq!(failure.error.code(), AOSE_ABORT_CALLBACK, "{}", failure.error);
    assert!(took < BOUND, "the cancelled GET took {took:?}");
    assert_eq!(listing(fx.work.path()), Vec::<String>::new(), "neither the target nor its .tmp may be left");

    let (client, stop) = cancellable(&fx);
    let mut sink = Discard(0);
    let started = Instant::now();
    let canceller = cancel_soon(&stop);
    let failure =
        get_object_to_memory(&client, &mut client.session().unwrap(), &object("get"), true, 1 << 30, &mut sink, None)
            .unwrap_err();
    let took = started.elapsed();
    canceller.join().unwrap();
    assert_eq!(failure.error.code(), AOSE_ABORT_CALLBACK, "{}", failure.error);
    assert!(took < BOUND, "the cancelled GET to memory took {took:?}");
    assert!(sink.0 < SIZE as u64, "the whole body arrived before the cancel");
}

/// A call cancelled before its request went out (during a retry's wait, say) sends nothing.
#[test]
fn a_session_already_stopped_sends_no_request() {
    let fx = Fixture::start();
    fx.put("small", b"data");
    let (client, stop) = cancellable(&fx);
    stop.store(true, Ordering::Relaxed);
    let mut sink = Discard(0);
    let failure =
        get_object_to_memory(&client, &mut client.session().unwrap(), &object("small"), true, 1 << 20, &mut sink, None)
            .unwrap_err();
    assert_eq!(failure.error.code(), AOSE_ABORT_CALLBACK, "{}", failure.error);
    assert_eq!(fx.server.counters(BUCKET, "small").requests, 0);
}
