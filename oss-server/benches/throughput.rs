//! Throughput and memory benchmark of the oss-server binary (run: `cargo bench -p oss-server`).
//!
//! Starts the server as a separate process on a fresh root with a 1 GiB pseudo-random object
//! (`--create-object`), then:
//! 1. fetches it as 8 concurrent ranged GETs (one per connection) with a minimal std client
//!    that discards the bytes, 5 times, and reports the median MB/s (sendfile path);
//! 2. the same with a fault rule active that forces the read/write copy path;
//! 3. in a fresh server process, 16 concurrent GETs of `bytes=0-` (16 × 1 GiB) and that
//!    process's peak RSS (VmHWM from /proc/<pid>/status).
//!
//! `OSS_BENCH_SIZE_MIB` changes the object size (default 1024).

mod common;

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::PathBuf;
use std::time::{Duration, Instant};

use common::ServerProcess;

const RUNS: usize = 5;
const PARTS: u64 = 8;
const WIDE: u64 = 16;

/// GETs `bytes=start-end` and discards the body; returns the body length.
fn fetch_range(addr: SocketAddr, start: u64, end: Option<u64>) -> u64 {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(120))).unwrap();
    let range = end.map_or(format!("bytes={start}-"), |end| format!("bytes={start}-{end}"));
    write!(
        stream,
        "GET /bench/big HTTP/1.1\r\nHost: {addr}\r\nRange: {range}\r\nx-oss-range-behavior: standard\r\n\r\n"
    )
    .unwrap();
    let mut buffer = vec![0u8; 256 * 1024];
    let mut filled = 0;
    let head_end = loop {
        let n = stream.read(&mut buffer[filled..]).unwrap();
        assert!(n > 0, "connection closed before the head");
        filled += n;
        if let Some(at) = buffer[..filled].windows(4).position(|w| w == b"\r\n\r\n") {
            break at + 4;
        }
    };
    let head = String::from_utf8_lossy(&buffer[..head_end]).to_string();
    assert!(head.starts_with("HTTP/1.1 206"), "{head}");
    let length: u64 = head
        .lines()
        .find_map(|l| l.strip_prefix("Content-Length: "))
        .and_then(|v| v.trim().parse().ok())
        .expect("Content-Length");
    let mut received = (filled - head_end) as u64;
    while received < length {
        let n = stream.read(&mut buffer).unwrap();
        assert!(n > 0, "short body");
        received += n as u64;
    }
    assert_eq!(received, length);
    received
}

/// Fetches the object as `parts` concurrent ranges; returns MB/s (10^6 bytes per second).
fn parallel_run(addr: SocketAddr, size: u64, parts: u64) -> f64 {
    let part = size.div_ceil(parts);
    let started = Instant::now();
    let total: u64 = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..parts)
            .map(|i| {
                let start = i * part;
                let end = ((i + 1) * part).min(size) - 1;
                scope.spawn(move || fetch_range(addr, start, Some(end)))
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).sum()
    });
    assert_eq!(total, size);
    total as f64 / started.elapsed().as_secs_f64() / 1e6
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(|a, b| a.partial_cmp(b).unwrap());
    values[values.len() / 2]
}

fn runs(label: &str, addr: SocketAddr, size: u64) -> f64 {
    parallel_run(addr, size, PARTS); // warm-up: page cache and connections
    let speeds: Vec<f64> = (0..RUNS).map(|_| parallel_run(addr, size, PARTS)).collect();
    let shown: Vec<String> = speeds.iter().map(|s| format!("{s:.0}")).collect();
    let m = median(speeds);
    println!("{label}: {PARTS} concurrent ranged GETs, runs [{}] MB/s, median {m:.0} MB/s", shown.join(", "));
    m
}

fn main() {
    // `cargo bench` passes `--bench`; `cargo test --benches` passes nothing: skip the long run there.
    if !std::env::args().any(|a| a == "--bench") {
        println!("throughput benchmark: run with `cargo bench -p oss-server --bench throughput`");
        return;
    }
    let size_mib: u64 = std::env::var("OSS_BENCH_SIZE_MIB").ok().and_then(|v| v.parse().ok()).unwrap_or(1024);
    let size = size_mib * 1024 * 1024;
    let root: PathBuf = std::env::temp_dir().join(format!("oss-server-bench-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);

    let created = Instant::now();
    let server = ServerProcess::start(&root, Some(format!("bench/big={size}")));
    println!(
        "object: {size} bytes ({size_mib} MiB) created in {:.1} s; server pid {}",
        created.elapsed().as_secs_f64(),
        server.child.id()
    );

    runs("sendfile path", server.addr, size);
    println!("  server VmHWM after the runs: {:.1} MiB", server.vm_hwm_kib() as f64 / 1024.0);

    // A flip at an offset past the object changes no byte but forces the copy loop.
    server.admin("POST", &format!("/-/admin/faults?kind=flip&offset={}", size + 1));
    runs("copy path (fault rule active)", server.addr, size);
    println!("  server VmHWM after the runs: {:.1} MiB", server.vm_hwm_kib() as f64 / 1024.0);
    drop(server);

    // Memory bound: a fresh process serving 16 whole-object ranges at once.
    let server = ServerProcess::start(&root, None);
    let started = Instant::now();
    let total: u64 = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..WIDE).map(|_| scope.spawn(|| fetch_range(server.addr, 0, None))).collect();
        handles.into_iter().map(|h| h.join().unwrap()).sum()
    });
    let secs = started.elapsed().as_secs_f64();
    println!(
        "{WIDE} concurrent GETs of bytes=0- ({:.1} GiB in all) in {secs:.1} s ({:.0} MB/s); server VmHWM {:.1} MiB",
        total as f64 / (1u64 << 30) as f64,
        total as f64 / secs / 1e6,
        server.vm_hwm_kib() as f64 / 1024.0
    );
    drop(server);
    let _ = std::fs::remove_dir_all(&root);
}
