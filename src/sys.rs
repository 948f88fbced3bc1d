//! The system calls std does not wrap, and so the only `unsafe` outside the
//! C layer (`ffi`): each is a plain call on a descriptor the caller owns.

use std::fs::File;
use std::io;
use std::os::unix::io::AsRawFd;

/// Takes an exclusive advisory lock on `file` without waiting
/// (`flock(LOCK_EX | LOCK_NB)`); another holder gives `EWOULDBLOCK`. The
/// lock lives as long as the descriptor, so it dies with the process.
pub fn try_lock_exclusive(file: &File) -> io::Result<()> {
    // SAFETY: flock on a descriptor `file` owns and keeps open for the call;
    // no memory is passed.
    if unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) } != 0 {
        return Err(io::Error::last_os_error());
    }
    Ok(())
}

/// Whether an error from [`try_lock_exclusive`] means "someone else holds it".
pub fn is_lock_contended(error: &io::Error) -> bool {
    error.raw_os_error() == Some(libc::EWOULDBLOCK)
}

/// Starts write-back of `len` bytes at `offset` without waiting for it
/// (`sync_file_range(SYNC_FILE_RANGE_WRITE)`), so that a final `fsync` does
/// not find the whole file dirty. A hint: errors are ignored (tmpfs and some
/// filesystems do nothing here).
pub fn start_writeback(file: &File, offset: u64, len: u64) {
    // SAFETY: a plain syscall on a descriptor `file` owns and keeps open for
    // the call; no memory is passed.
    unsafe {
        libc::sync_file_range(
            file.as_raw_fd(),
            offset as libc::off64_t,
            len as libc::off64_t,
            libc::SYNC_FILE_RANGE_WRITE,
        );
    }
}
