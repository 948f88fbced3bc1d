//! The `oss-server` command: serve a storage root over HTTP(S), or store an object offline.
//! See README.md for every option.

use std::io::Write;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use oss_server::{Config, Server, TlsConfig};

const USAGE: &str = "\
usage:
  oss-server --root DIR [--listen 127.0.0.1:0] [--access-key-id ID] [--access-key-secret SECRET]
             [--sts-token TOKEN] [--region REGION] [--anonymous] [--allow-non-loopback]
             [--tls-cert PEM --tls-key PEM] [--seed N] [--verbose] [--max-connections N]
             [--restore-delay-ms MS] [--callback-timeout-ms MS]
             [--create-bucket NAME]... [--create-object BUCKET/KEY=SIZE]...
  oss-server put-object --root DIR BUCKET KEY FILE

Prints the bound address as its first stdout line once ready. Defaults: --listen 127.0.0.1:0,
--access-key-id LTAI5tLocalTestKey, --access-key-secret LocalTestSecret0123456789abcdef,
--region cn-hangzhou, no STS token, signatures required, --seed 0.";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("put-object") => put_object(&args[1..]),
        Some("-h" | "--help" | "help") => {
            println!("{USAGE}");
            Ok(())
        }
        _ => serve(&args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("oss-server: {message}");
            ExitCode::from(2)
        }
    }
}

fn put_object(args: &[String]) -> Result<(), String> {
    let mut root = None;
    let mut positional = Vec::new();
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--root" => root = Some(PathBuf::from(it.next().ok_or("--root needs a value")?)),
            _ => positional.push(arg.clone()),
        }
    }
    let root = root.ok_or(format!("--root is required\n{USAGE}"))?;
    let [bucket, key, file] = positional.as_slice() else {
        return Err(format!("put-object needs BUCKET KEY FILE\n{USAGE}"));
    };
    let mut content = std::fs::File::open(file).map_err(|e| format!("{file}: {e}"))?;
    let meta = oss_server::store_object(&root, bucket, key, &mut content).map_err(|e| e.to_string())?;
    println!("{bucket}/{key} size={} etag={} crc64={}", meta.size, meta.etag, meta.crc64);
    Ok(())
}

/// Seeds the content of `--create-object` from the server seed and the object's name, so
/// different objects differ and the same command always creates the same bytes.
fn object_seed(seed: u64, name: &str) -> u64 {
    name.bytes().fold(0xCBF2_9CE4_8422_2325u64 ^ seed, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01B3))
}

fn serve(args: &[String]) -> Result<(), String> {
    let mut config = Config::new(PathBuf::new());
    let mut root = None;
    let (mut tls_cert, mut tls_key) = (None, None);
    let mut create_buckets = Vec::new();
    let mut create_objects = Vec::new();
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let mut value = || it.next().cloned().ok_or(format!("{arg} needs a value"));
        match arg.as_str() {
            "--listen" => config.listen = value()?.parse::<SocketAddr>().map_err(|e| format!("--listen: {e}"))?,
            "--root" => root = Some(PathBuf::from(value()?)),
            "--access-key-id" => config.credentials.access_key_id = value()?,
            "--access-key-secret" => config.credentials.access_key_secret = value()?,
            "--sts-token" => config.credentials.security_token = Some(value()?),
            "--region" => config.region = value()?,
            "--anonymous" => config.anonymous = true,
            "--allow-non-loopback" => config.allow_non_loopback = true,
            "--tls-cert" => tls_cert = Some(PathBuf::from(value()?)),
            "--tls-key" => tls_key = Some(PathBuf::from(value()?)),
            "--seed" => config.seed = value()?.parse().map_err(|e| format!("--seed: {e}"))?,
            "--verbose" => config.verbose = true,
            "--max-connections" => {
                config.max_connections = value()?.parse().map_err(|e| format!("--max-connections: {e}"))?
            }
            "--restore-delay-ms" => {
                let ms = value()?.parse().map_err(|e| format!("--restore-delay-ms: {e}"))?;
                config.restore_delay = std::time::Duration::from_millis(ms);
            }
            "--callback-timeout-ms" => {
                let ms = value()?.parse().map_err(|e| format!("--callback-timeout-ms: {e}"))?;
                config.callback_timeout = std::time::Duration::from_millis(ms);
            }
            "--create-bucket" => create_buckets.push(value()?),
            "--create-object" => create_objects.push(value()?),
            other => return Err(format!("unknown option {other:?}\n{USAGE}")),
        }
    }
    config.root = root.ok_or(format!("--root is required\n{USAGE}"))?;
    config.tls = match (tls_cert, tls_key) {
        (Some(cert), Some(key)) => Some(TlsConfig::from_files(&cert, &key).map_err(|e| format!("TLS files: {e}"))?),
        (None, None) => None,
        _ => return Err("--tls-cert and --tls-key go together".into()),
    };

    let server = Server::start(config).map_err(|e| e.to_string())?;
    for bucket in &create_buckets {
        server.create_bucket(bucket).map_err(|e| format!("--create-bucket {bucket}: {e}"))?;
    }
    for spec in &create_objects {
        create_object(&server, spec)?;
    }
    let mut stdout = std::io::stdout();
    writeln!(stdout, "{}", server.addr()).and_then(|()| stdout.flush()).map_err(|e| e.to_string())?;
    // Serve until killed.
    loop {
        std::thread::park();
    }
}

/// `--create-object BUCKET/KEY=SIZE`: deterministic content, kept when an object of that size
/// already exists (so restarting on the same root is quick).
fn create_object(server: &Server, spec: &str) -> Result<(), String> {
    let bad = || format!("--create-object wants BUCKET/KEY=SIZE, not {spec:?}");
    let (name, size) = spec.rsplit_once('=').ok_or_else(bad)?;
    let (bucket, key) = name.split_once('/').ok_or_else(bad)?;
    let size: u64 = size.parse().map_err(|_| bad())?;
    if server.object_meta(bucket, key).is_ok_and(|m| m.size == size) {
        return Ok(());
    }
    let root = server.config().root.clone();
    let seed = object_seed(server.config().seed, name);
    oss_server::store_generated_object(&root, bucket, key, seed, size)
        .map_err(|e| format!("--create-object {spec}: {e}"))?;
    Ok(())
}
