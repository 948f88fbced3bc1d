//! Disk full. Where the test may mount (root, as on the project's machines),
//! the target lives on a tmpfs smaller than the object, so writes fail with
//! ENOSPC part-way; then the tmpfs is grown (remount) and the download
//! resumed. Elsewhere a child process (this test binary again, running only
//! `disk_full_child`) downloads under `setrlimit(RLIMIT_FSIZE)` below the
//! object's size, and the parent resumes without the limit.

use crate::common::*;
use crate::harness::{Case, IterationResult, Outcome, Results, Rng};
use std::ffi::CString;
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};
use std::process::Command;

/// A tmpfs mounted on a temp directory, unmounted on drop.
pub struct Tmpfs {
    dir: tempfile::TempDir,
}

fn c_path(path: &Path) -> CString {
    CString::new(path.as_os_str().as_bytes()).expect("no NUL in a temp path")
}

fn mount_tmpfs(path: &Path, size: u64, remount: bool) -> bool {
    let options = CString::new(format!("size={size},mode=0700")).unwrap();
    let flags = if remount { libc::MS_REMOUNT } else { 0 };
    // SAFETY: valid NUL-terminated strings that outlive the call.
    unsafe {
        libc::mount(c"tmpfs".as_ptr(), c_path(path).as_ptr(), c"tmpfs".as_ptr(), flags, options.as_ptr().cast()) == 0
    }
}

impl Tmpfs {
    /// `None` when this process may not mount (not root, or no mount namespace rights),
    /// or when `OSS_MATRIX_NO_TMPFS` asks for the fallback.
    pub fn mount(size: u64) -> Option<Tmpfs> {
        if std::env::var_os("OSS_MATRIX_NO_TMPFS").is_some() {
            return None;
        }
        let dir = tempfile::tempdir().ok()?;
        mount_tmpfs(dir.path(), size, false).then_some(Tmpfs { dir })
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn resize(&self, size: u64) {
        assert!(mount_tmpfs(self.path(), size, true), "remount: {}", std::io::Error::last_os_error());
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        // SAFETY: a valid path; MNT_DETACH never blocks on busy files.
        unsafe { libc::umount2(c_path(self.path()).as_ptr(), libc::MNT_DETACH) };
    }
}

/// Whether this machine lets the test mount a tmpfs (decides the row's name).
pub fn tmpfs_available() -> bool {
    Tmpfs::mount(1 << 20).is_some()
}

/// Row 0: the run that fills the disk; row 1: the resume once there is room.
pub fn disk_full(fx: &Fixture, rng: &mut Rng, n: usize) -> Results {
    let probe = Case::new(fx, rng, n, None);
    let room = rng.range(4 << 10, probe.size() / 2);
    match Tmpfs::mount(room) {
        Some(fs) => {
            let mut case = probe;
            case.dest = fs.path().join("out.bin");
            let first = case.run(&fx.client());
            fs.resize(case.size() * 3 + (1 << 20));
            let second = case.run(&fx.client());
            let refetched = (second == Outcome::Correct).then(|| case.fetched(fx).saturating_sub(case.size()));
            vec![
                (0, IterationResult { outcome: first, refetched: None }),
                (1, IterationResult { outcome: second, refetched }),
            ]
        }
        None => {
            let dir = tempfile::tempdir().unwrap();
            let mut case = probe;
            case.dest = dir.path().join("out.bin");
            let first = in_limited_child(fx, &case, room);
            let second = case.run(&fx.client());
            let refetched = (second == Outcome::Correct).then(|| case.fetched(fx).saturating_sub(case.size()));
            vec![
                (0, IterationResult { outcome: first, refetched: None }),
                (1, IterationResult { outcome: second, refetched }),
            ]
        }
    }
}

const CHILD_ENV: &str = "OSS_MATRIX_DISK_FULL_CHILD";

/// Runs the download in a child process whose files may not grow past `limit`.
fn in_limited_child(fx: &Fixture, case: &Case, limit: u64) -> Outcome {
    let spec = format!(
        "{}\n{}\n{}\n{}\n{}\n{limit}",
        fx.server.endpoint(),
        case.key,
        case.dest.display(),
        case.part_size,
        case.threads
    );
    let out = Command::new(std::env::current_exe().unwrap())
        .args(["--exact", "disk_full_child", "--nocapture", "--test-threads=1"])
        .env(CHILD_ENV, spec)
        .output()
        .expect("run the child");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let line = stdout
        .lines()
        .find_map(|l| l.split_once("CHILD-OUTCOME ").map(|(_, rest)| rest))
        .unwrap_or_else(|| panic!("child said nothing: {stdout}"));
    let mut words = line.split(' ');
    let code: i32 = words.next().unwrap().parse().unwrap();
    let error_code = words.next().unwrap_or("").to_string();
    let at_target = case.dest.exists();
    match (code, at_target) {
        (0, true) if std::fs::read(&case.dest).unwrap() == case.data => Outcome::Correct,
        (0, _) => Outcome::Wrong("the child succeeded but the file is wrong or absent".into()),
        (_, true) => Outcome::Wrong(format!("the child failed ({code} {error_code}) but left a file at the target")),
        (_, false) => Outcome::ClearError { code, error_code },
    }
}

/// The child's side: only does something when the parent set `CHILD_ENV`.
pub fn child_main() {
    let Ok(spec) = std::env::var(CHILD_ENV) else { return };
    let f: Vec<&str> = spec.split('\n').collect();
    let limit: u64 = f[5].parse().unwrap();
    // SAFETY: plain system calls on this process; SIGXFSZ ignored so a write past the
    // limit fails with EFBIG instead of killing the process.
    unsafe {
        libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
        let rl = libc::rlimit { rlim_cur: limit, rlim_max: limit };
        assert_eq!(libc::setrlimit(libc::RLIMIT_FSIZE, &rl), 0);
    }
    let creds = oss_c_sdk::config::Credentials {
        access_key_id: oss_server::DEFAULT_ACCESS_KEY_ID.into(),
        access_key_secret: oss_server::DEFAULT_ACCESS_KEY_SECRET.into(),
        security_token: None,
    };
    let client =
        oss_c_sdk::client::Client::new(oss_c_sdk::config::Config::new(&format!("http://{}", f[0]), creds)).unwrap();
    let dest = PathBuf::from(f[2]);
    let d = oss_c_sdk::download::Download {
        object: object(f[1]),
        path: dest.clone(),
        part_size: f[3].parse().unwrap(),
        threads: f[4].parse().unwrap(),
        checkpoint: Some(oss_c_sdk::download::checkpoint::default_path(&dest)),
        enable_crc: true,
        retry: crate::harness::quick_retry(),
    };
    match oss_c_sdk::download::run(&client, &d, None, None) {
        Ok(_) => println!("CHILD-OUTCOME 0 ok"),
        Err(e) => println!("CHILD-OUTCOME {} {}", e.error.code(), e.error.error_code()),
    }
}
