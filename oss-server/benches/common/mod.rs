//! What the benchmarks share: the oss-server binary started as a separate process on a root,
//! its peak memory, and admin requests to it.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};

pub struct ServerProcess {
    pub child: Child,
    pub addr: SocketAddr,
}

impl ServerProcess {
    pub fn start(root: &Path, create: Option<String>) -> ServerProcess {
        let mut command = Command::new(env!("CARGO_BIN_EXE_oss-server"));
        command.args(["--listen", "127.0.0.1:0", "--root"]).arg(root).arg("--anonymous");
        if let Some(spec) = create {
            command.args(["--create-object", &spec]);
        }
        let mut child = command.stdout(Stdio::piped()).spawn().expect("start oss-server");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).expect("the address line");
        let addr = line.trim().parse().unwrap_or_else(|_| panic!("bad address line {line:?}"));
        ServerProcess { child, addr }
    }

    pub fn vm_hwm_kib(&self) -> u64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).unwrap_or_default();
        status
            .lines()
            .find(|l| l.starts_with("VmHWM:"))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|v| v.parse().ok())
            .unwrap_or(0)
    }

    /// CPU seconds (user + system) the server process has used so far: with other work on
    /// the machine, what a run costs in CPU says more than its wall-clock speed.
    #[allow(dead_code)] // used by the upload bench only
    pub fn cpu_seconds(&self) -> f64 {
        cpu_seconds_of(&format!("/proc/{}/stat", self.child.id()))
    }

    pub fn admin(&self, method: &str, path: &str) {
        let mut stream = TcpStream::connect(self.addr).unwrap();
        write!(stream, "{method} {path} HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
            .unwrap();
        let mut answer = String::new();
        stream.read_to_string(&mut answer).unwrap();
        assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    }
}

impl Drop for ServerProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[allow(dead_code)] // used by the upload bench only
/// utime + stime of a `/proc/.../stat` file, in seconds (clock ticks of 1/100 s, Linux's USER_HZ).
pub fn cpu_seconds_of(stat_path: &str) -> f64 {
    let stat = std::fs::read_to_string(stat_path).unwrap_or_default();
    // The fields after the parenthesised command name; utime and stime are the 14th and 15th.
    let after_name = stat.rsplit_once(')').map(|(_, rest)| rest).unwrap_or("");
    let fields: Vec<u64> = after_name.split_whitespace().skip(11).take(2).filter_map(|f| f.parse().ok()).collect();
    fields.iter().sum::<u64>() as f64 / 100.0
}
