//! Receiving speed and memory of the oss-server binary (run:
//! `cargo bench -p oss-server --bench upload`).
//!
//! Starts the server as a separate process on a fresh root, then:
//! 1. a 1 GiB PutObject over one connection, 3 times, median MB/s;
//! 2. 8 concurrent UploadParts of 128 MiB each (1 GiB) into one upload, 3 times (a fresh upload
//!    each), median MB/s, and the time CompleteMultipartUpload then takes;
//! 3. the server's peak RSS (VmHWM) after all of it.
//!
//! The server computes MD5 and CRC-64 of every byte and syncs the data to disk before it
//! answers, as for any write; the time is from the first byte sent to the answer read. The
//! client sends one 4 MiB pseudo-random buffer over and over. `OSS_BENCH_SIZE_MIB` changes the
//! total size (default 1024).
//!
//! Each case also prints the CPU seconds per GiB the server and this client used (from
//! `/proc/.../stat`): on a shared machine the wall-clock speed depends on the load, the CPU cost
//! does not, and with the number of cores it gives the speed an idle machine could reach.

mod common;

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::PathBuf;
use std::time::{Duration, Instant};

use common::{cpu_seconds_of, ServerProcess};

const RUNS: usize = 3;
const PARTS: u64 = 8;
const CHUNK: usize = 4 * 1024 * 1024;

/// Sends a request with a `len`-byte body made of `chunk` repeated; returns the answer's head
/// and body as text.
fn send(addr: SocketAddr, request_line: &str, len: u64, chunk: &[u8]) -> String {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(300))).unwrap();
    write!(stream, "{request_line} HTTP/1.1\r\nHost: {addr}\r\nContent-Length: {len}\r\nConnection: close\r\n\r\n")
        .unwrap();
    let mut left = len;
    while left > 0 {
        let n = left.min(chunk.len() as u64) as usize;
        stream.write_all(&chunk[..n]).unwrap();
        left -= n as u64;
    }
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    answer
}

/// CPU seconds per GiB of a run: (server, client).
struct CpuMeter {
    server: f64,
    client: f64,
}

impl CpuMeter {
    fn start(server: &ServerProcess) -> CpuMeter {
        CpuMeter { server: server.cpu_seconds(), client: cpu_seconds_of("/proc/self/stat") }
    }

    fn per_gib(&self, server: &ServerProcess, bytes: u64) -> (f64, f64) {
        let gib = bytes as f64 / (1u64 << 30) as f64;
        ((server.cpu_seconds() - self.server) / gib, (cpu_seconds_of("/proc/self/stat") - self.client) / gib)
    }
}

fn show_cpu(costs: &[(f64, f64)]) -> String {
    let server = median(costs.iter().map(|c| c.0).collect());
    let client = median(costs.iter().map(|c| c.1).collect());
    format!("CPU per GiB (median): server {server:.2} s, client {client:.2} s")
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(|a, b| a.partial_cmp(b).unwrap());
    values[values.len() / 2]
}

fn mb_per_sec(bytes: u64, started: Instant) -> f64 {
    bytes as f64 / started.elapsed().as_secs_f64() / 1e6
}

/// One multipart upload of `size` bytes as `PARTS` concurrent parts; returns (MB/s of the
/// parts, seconds the completion took, CPU per GiB of the parts).
fn multipart_run(server: &ServerProcess, key: &str, size: u64, chunk: &[u8]) -> (f64, f64, (f64, f64)) {
    let addr = server.addr;
    let initiated = send(addr, &format!("POST /bench/{key}?uploads"), 0, chunk);
    let id_at = initiated.find("<UploadId>").expect("an UploadId") + "<UploadId>".len();
    let upload_id = &initiated[id_at..id_at + 32];
    let part = size / PARTS;
    let meter = CpuMeter::start(server);
    let started = Instant::now();
    std::thread::scope(|scope| {
        for number in 1..=PARTS {
            let line = format!("PUT /bench/{key}?partNumber={number}&uploadId={upload_id}");
            scope.spawn(move || send(addr, &line, part, chunk));
        }
    });
    let speed = mb_per_sec(part * PARTS, started);
    let cpu = meter.per_gib(server, part * PARTS);
    let completing = Instant::now();
    let complete = format!(
        "POST /bench/{key}?uploadId={upload_id} HTTP/1.1\r\nHost: {addr}\r\nx-oss-complete-all: yes\r\n\
         Content-Length: 0\r\nConnection: close\r\n\r\n"
    );
    let mut stream = TcpStream::connect(addr).unwrap();
    stream.write_all(complete.as_bytes()).unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    (speed, completing.elapsed().as_secs_f64(), cpu)
}

fn main() {
    // `cargo bench` passes `--bench`; `cargo test --benches` passes nothing: skip the long run there.
    if !std::env::args().any(|a| a == "--bench") {
        println!("upload benchmark: run with `cargo bench -p oss-server --bench upload`");
        return;
    }
    let size_mib: u64 = std::env::var("OSS_BENCH_SIZE_MIB").ok().and_then(|v| v.parse().ok()).unwrap_or(1024);
    let size = size_mib * 1024 * 1024;
    let root: PathBuf = std::env::temp_dir().join(format!("oss-server-upload-bench-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    let chunk = oss_server::generate_content(1, CHUNK);
    let server = ServerProcess::start(&root, None);
    server.admin("PUT", "/-/admin/buckets?bucket=bench");

    let runs: Vec<(f64, (f64, f64))> = (0..RUNS)
        .map(|_| {
            let meter = CpuMeter::start(&server);
            let started = Instant::now();
            send(server.addr, "PUT /bench/put", size, &chunk);
            (mb_per_sec(size, started), meter.per_gib(&server, size))
        })
        .collect();
    let shown: Vec<String> = runs.iter().map(|r| format!("{:.0}", r.0)).collect();
    println!(
        "PutObject of {size_mib} MiB: runs [{}] MB/s, median {:.0} MB/s; {}",
        shown.join(", "),
        median(runs.iter().map(|r| r.0).collect()),
        show_cpu(&runs.iter().map(|r| r.1).collect::<Vec<_>>())
    );

    // One key for every run: each completion replaces the last object, so the root holds about
    // two copies of the data at most (it may be a tmpfs, see README).
    let results: Vec<(f64, f64, (f64, f64))> = (0..RUNS).map(|_| multipart_run(&server, "mp", size, &chunk)).collect();
    let shown: Vec<String> = results.iter().map(|(s, c, _)| format!("{s:.0} (complete {c:.1} s)")).collect();
    println!(
        "{PARTS} concurrent UploadParts of {} MiB: runs [{}] MB/s, median {:.0} MB/s; {}",
        size_mib / PARTS,
        shown.join(", "),
        median(results.iter().map(|r| r.0).collect()),
        show_cpu(&results.iter().map(|r| r.2).collect::<Vec<_>>())
    );
    println!("server VmHWM after all runs: {:.1} MiB", server.vm_hwm_kib() as f64 / 1024.0);
    drop(server);
    let _ = std::fs::remove_dir_all(&root);
}
