//! The APR file calls SDK programs make directly (`apr_file_open` / `read` / `write` / `seek` /
//! `gets` / `close`, `apr_file_info_get`, `apr_stat`, `apr_file_remove` / `rename`,
//! `apr_dir_make(_recursive)`), on our own pools and `std::fs`, with APR's flag values and status
//! codes (an `errno` value on failure, `APR_EOF` at the end of a file), as Apache APR 1.x
//! defines them in `apr_file_io.h` / `apr_file_info.h`.
//!
//! An `apr_file_t` belongs to the pool it was opened with: destroying the pool closes it (as in
//! APR), `apr_file_close` closes it earlier. The flag and permission constants are macros in the
//! header trailer (cbindgen.toml).
#![deny(unsafe_op_in_unsafe_fn)]

use std::ffi::{c_char, c_int, c_void, CStr};
use std::fs::{self, File, OpenOptions};
use std::io::{Read, Seek, SeekFrom, Write};
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::{DirBuilderExt, MetadataExt, OpenOptionsExt, PermissionsExt};
use std::path::Path;
use std::ptr;
use std::sync::{Mutex, MutexGuard};

use super::apr_time::{apr_time_t, USEC_PER_SEC};
use super::boundary::{entry_or, try_c_str, try_mut, try_ref};
use super::pool::apr_pool_t;

/// APR's status type: 0 (`APR_SUCCESS`), an `errno` value, or an APR code such as `APR_EOF`.
pub type apr_status_t = c_int;
/// A file offset or size.
pub type apr_off_t = i64;
/// APR permission bits (`APR_FPROT_*`).
pub type apr_fileperms_t = i32;

/// `APR_EOF`: the end of the file was reached (APR_OS_START_STATUS + 14).
pub const APR_EOF: apr_status_t = 70014;
/// `APR_INCOMPLETE`: only some of the wanted `apr_finfo_t` fields could be filled.
pub const APR_INCOMPLETE: apr_status_t = 70008;

// The open flags (`APR_FOPEN_*`), as APR numbers them.
const FOPEN_READ: i32 = 0x1;
const FOPEN_WRITE: i32 = 0x2;
const FOPEN_CREATE: i32 = 0x4;
const FOPEN_APPEND: i32 = 0x8;
const FOPEN_TRUNCATE: i32 = 0x10;
const FOPEN_EXCL: i32 = 0x40;
const FOPEN_DELONCLOSE: i32 = 0x100;
/// `APR_FPROT_OS_DEFAULT`: let the operating system (umask) decide, i.e. 0666 for files.
const FPROT_OS_DEFAULT: i32 = 0x0FFF;

/// The kinds of file `apr_finfo_t.filetype` reports.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum apr_filetype_e {
    APR_NOFILE = 0,
    APR_REG,
    APR_DIR,
    APR_CHR,
    APR_BLK,
    APR_PIPE,
    APR_LNK,
    APR_SOCK,
    APR_UNKFILE = 127,
}

/// An open file. Opaque: open it with `apr_file_open`, close it with `apr_file_close` (or let its
/// pool close it).
pub struct apr_file_t {
    state: Mutex<FileState>,
}

struct FileState {
    /// `None` once closed.
    file: Option<File>,
    /// Path to remove at close (`APR_FOPEN_DELONCLOSE`).
    delete_on_close: Option<std::path::PathBuf>,
}

impl apr_file_t {
    fn lock(&self) -> MutexGuard<'_, FileState> {
        self.state.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn close(&self) -> apr_status_t {
        let mut state = self.lock();
        let Some(file) = state.file.take() else {
            return libc::EBADF;
        };
        drop(file);
        if let Some(path) = state.delete_on_close.take() {
            let _ = fs::remove_file(path);
        }
        0
    }
}

impl apr_file_t {
    /// A handle over `file` that no pool owns: it lives as long as the process (for
    /// `aos_stderr_file`).
    pub fn leaked(file: File) -> *mut apr_file_t {
        Box::into_raw(Box::new(apr_file_t { state: Mutex::new(FileState { file: Some(file), delete_on_close: None }) }))
    }

    /// Writes all of `bytes` (for the log sink); false if closed or on an I/O error.
    pub fn write_all(&self, bytes: &[u8]) -> bool {
        let mut state = self.lock();
        state.file.as_mut().is_some_and(|f| f.write_all(bytes).is_ok())
    }
}

/// File information, laid out as APR's `apr_finfo_t`. `valid` says which fields were filled
/// (`APR_FINFO_*` bits).
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct apr_finfo_t {
    /// The pool passed to `apr_stat` (NULL from `apr_file_info_get`).
    pub pool: *mut apr_pool_t,
    /// The `APR_FINFO_*` bits of the fields filled in.
    pub valid: i32,
    /// Permission bits (`APR_FPROT_*`).
    pub protection: apr_fileperms_t,
    pub filetype: apr_filetype_e,
    pub user: u32,
    pub group: u32,
    pub inode: u64,
    pub device: u64,
    pub nlink: i32,
    /// Size in bytes.
    pub size: apr_off_t,
    /// Bytes of storage used.
    pub csize: apr_off_t,
    /// Access, modification and status-change times, microseconds since the epoch.
    pub atime: apr_time_t,
    pub mtime: apr_time_t,
    pub ctime: apr_time_t,
    /// The name given to `apr_stat` (NULL from `apr_file_info_get`).
    pub fname: *const c_char,
    pub name: *const c_char,
    pub filehand: *mut apr_file_t,
}

/// The `errno` of an I/O error (EIO when there is none).
fn errno(e: &std::io::Error) -> apr_status_t {
    e.raw_os_error().unwrap_or(libc::EIO)
}

/// APR permission bits to a Unix mode (`APR_FPROT_OS_DEFAULT`: `default`).
fn unix_mode(perm: apr_fileperms_t, default: u32) -> u32 {
    if perm == FPROT_OS_DEFAULT || perm < 0 {
        return default;
    }
    let perm = perm as u32;
    let user = (perm >> 8) & 0o7;
    let group = (perm >> 4) & 0o7;
    let setid = ((perm >> 15) & 1) << 11 | ((perm >> 14) & 1) << 10 | ((perm >> 13) & 1) << 9;
    setid | user << 6 | group << 3 | (perm & 0o7)
}

/// A Unix mode to APR permission bits.
fn apr_perms(mode: u32) -> apr_fileperms_t {
    (((mode >> 6) & 0o7) << 8 | ((mode >> 3) & 0o7) << 4 | (mode & 0o7)) as apr_fileperms_t
}

fn open_options(flag: i32, perm: apr_fileperms_t) -> OpenOptions {
    let mut options = OpenOptions::new();
    let write = flag & (FOPEN_WRITE | FOPEN_APPEND) != 0;
    options
        .read(flag & FOPEN_READ != 0)
        .write(write)
        .append(flag & FOPEN_APPEND != 0)
        .truncate(flag & FOPEN_TRUNCATE != 0 && write)
        .mode(unix_mode(perm, 0o666));
    if flag & FOPEN_CREATE != 0 && flag & FOPEN_EXCL != 0 {
        options.create_new(true);
    } else if flag & FOPEN_CREATE != 0 {
        options.create(true);
    }
    options
}

fn path_of(s: &CStr) -> &Path {
    Path::new(std::ffi::OsStr::from_bytes(s.to_bytes()))
}

/// Opens `fname` with `APR_FOPEN_*` flags (READ, WRITE, CREATE, APPEND, TRUNCATE, EXCL,
/// DELONCLOSE; BINARY and BUFFERED are accepted and change nothing) and, for a new file,
/// `APR_FPROT_*` permissions. On success `*newf` is the file, closed with `pool` at the latest.
/// Returns APR_SUCCESS, an `errno` value, or EINVAL for a NULL argument or no READ/WRITE flag.
#[no_mangle]
pub unsafe extern "C" fn apr_file_open(
    newf: *mut *mut apr_file_t,
    fname: *const c_char,
    flag: i32,
    perm: apr_fileperms_t,
    pool: *mut apr_pool_t,
) -> apr_status_t {
    entry_or("apr_file_open", libc::EINVAL, || {
        let newf = try_mut!(newf, libc::EINVAL);
        let name = try_c_str!(fname, libc::EINVAL);
        let pool = try_ref!(pool, libc::EINVAL);
        if flag & (FOPEN_READ | FOPEN_WRITE | FOPEN_APPEND) == 0 {
            return libc::EINVAL;
        }
        let file = match open_options(flag, perm).open(path_of(name)) {
            Ok(file) => file,
            Err(e) => return errno(&e),
        };
        let delete_on_close = (flag & FOPEN_DELONCLOSE != 0).then(|| path_of(name).to_path_buf());
        let handle =
            Box::into_raw(Box::new(apr_file_t { state: Mutex::new(FileState { file: Some(file), delete_on_close }) }));
        let owned = OwnedFile(handle);
        pool.register_cleanup(move || owned.release());
        *newf = handle;
        0
    })
}

/// A file handle the pool frees when destroyed.
struct OwnedFile(*mut apr_file_t);
// SAFETY: apr_file_t's state is behind a mutex; the pointer is only freed once, by the pool.
unsafe impl Send for OwnedFile {}

impl OwnedFile {
    fn release(self) {
        // SAFETY: created by Box::into_raw in apr_file_open; the pool runs this cleanup once.
        let file = unsafe { Box::from_raw(self.0) };
        file.close();
    }
}

/// Closes the file (its handle stays allocated until the pool goes). EBADF if already closed,
/// EINVAL if `file` is NULL.
#[no_mangle]
pub unsafe extern "C" fn apr_file_close(file: *mut apr_file_t) -> apr_status_t {
    entry_or("apr_file_close", libc::EINVAL, || try_ref!(file, libc::EINVAL).close())
}

/// Runs `op` on the open file, or answers EBADF / EINVAL.
fn with_file(file: *mut apr_file_t, op: impl FnOnce(&mut File) -> apr_status_t) -> apr_status_t {
    let file = try_ref!(file, libc::EINVAL);
    let mut state = file.lock();
    match state.file.as_mut() {
        Some(f) => op(f),
        None => libc::EBADF,
    }
}

/// Reads up to `*nbytes` bytes into `buf`; `*nbytes` becomes the number read. At the end of the
/// file: `*nbytes` 0 and `APR_EOF`. EINVAL for NULL arguments.
#[no_mangle]
pub unsafe extern "C" fn apr_file_read(file: *mut apr_file_t, buf: *mut c_void, nbytes: *mut usize) -> apr_status_t {
    entry_or("apr_file_read", libc::EINVAL, || {
        let nbytes = try_mut!(nbytes, libc::EINVAL);
        if buf.is_null() {
            return libc::EINVAL;
        }
        // SAFETY: the caller gives `*nbytes` writable bytes at `buf`.
        let out = unsafe { std::slice::from_raw_parts_mut(buf as *mut u8, *nbytes) };
        let wanted = out.len();
        with_file(file, |f| {
            let mut done = 0;
            while done < wanted {
                match f.read(&mut out[done..]) {
                    Ok(0) => break,
                    Ok(n) => done += n,
                    Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                    Err(e) => {
                        *nbytes = done;
                        return errno(&e);
                    }
                }
            }
            *nbytes = done;
            if done == 0 && wanted > 0 {
                APR_EOF
            } else {
                0
            }
        })
    })
}

/// Writes `*nbytes` bytes from `buf`; `*nbytes` becomes the number written. EINVAL for NULL
/// arguments.
#[no_mangle]
pub unsafe extern "C" fn apr_file_write(file: *mut apr_file_t, buf: *const c_void, nbytes: *mut usize) -> apr_status_t {
    entry_or("apr_file_write", libc::EINVAL, || {
        let nbytes = try_mut!(nbytes, libc::EINVAL);
        if buf.is_null() && *nbytes > 0 {
            return libc::EINVAL;
        }
        // SAFETY: the caller gives `*nbytes` readable bytes at `buf`.
        let data =
            if *nbytes == 0 { &[][..] } else { unsafe { std::slice::from_raw_parts(buf as *const u8, *nbytes) } };
        with_file(file, |f| match f.write_all(data) {
            Ok(()) => 0,
            Err(e) => {
                *nbytes = 0;
                errno(&e)
            }
        })
    })
}

/// Writes a NUL-terminated string. EINVAL for NULL arguments.
#[no_mangle]
pub unsafe extern "C" fn apr_file_puts(str: *const c_char, file: *mut apr_file_t) -> apr_status_t {
    entry_or("apr_file_puts", libc::EINVAL, || {
        let text = try_c_str!(str, libc::EINVAL);
        with_file(file, |f| f.write_all(text.to_bytes()).map_or_else(|e| errno(&e), |()| 0))
    })
}

/// Reads one line (up to and including `\n`, at most `len - 1` bytes) into `str`, NUL-terminated.
/// `APR_EOF` when nothing is left; EINVAL for NULL arguments or `len` < 1.
#[no_mangle]
pub unsafe extern "C" fn apr_file_gets(str: *mut c_char, len: c_int, file: *mut apr_file_t) -> apr_status_t {
    entry_or("apr_file_gets", libc::EINVAL, || {
        if str.is_null() || len < 1 {
            return libc::EINVAL;
        }
        // SAFETY: the caller gives `len` writable bytes at `str`.
        let out = unsafe { std::slice::from_raw_parts_mut(str as *mut u8, len as usize) };
        out[0] = 0;
        with_file(file, |f| {
            let mut n = 0;
            let mut byte = [0u8; 1];
            // Byte by byte, so the file position ends right after the line (APR's unbuffered
            // files behave the same).
            while n + 1 < out.len() {
                match f.read(&mut byte) {
                    Ok(0) => break,
                    Ok(_) => {
                        out[n] = byte[0];
                        n += 1;
                        if byte[0] == b'\n' {
                            break;
                        }
                    }
                    Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                    Err(e) => return errno(&e),
                }
            }
            out[n] = 0;
            if n == 0 && out.len() > 1 {
                APR_EOF
            } else {
                0
            }
        })
    })
}

/// Moves the file position: `where_` is `APR_SET`, `APR_CUR` or `APR_END` (SEEK_SET/CUR/END);
/// `*offset` becomes the new position. EINVAL for NULL arguments or an unknown `where_`.
#[no_mangle]
pub unsafe extern "C" fn apr_file_seek(file: *mut apr_file_t, where_: c_int, offset: *mut apr_off_t) -> apr_status_t {
    entry_or("apr_file_seek", libc::EINVAL, || {
        let offset = try_mut!(offset, libc::EINVAL);
        let target = match where_ {
            libc::SEEK_SET if *offset >= 0 => SeekFrom::Start(*offset as u64),
            libc::SEEK_CUR => SeekFrom::Current(*offset),
            libc::SEEK_END => SeekFrom::End(*offset),
            _ => return libc::EINVAL,
        };
        with_file(file, |f| match f.seek(target) {
            Ok(position) => {
                *offset = position as apr_off_t;
                0
            }
            Err(e) => errno(&e),
        })
    })
}

/// Flushes the file's data to the operating system (there is no user-space buffer; this is a
/// no-op that checks the handle).
#[no_mangle]
pub unsafe extern "C" fn apr_file_flush(file: *mut apr_file_t) -> apr_status_t {
    entry_or("apr_file_flush", libc::EINVAL, || with_file(file, |f| f.flush().map_or_else(|e| errno(&e), |()| 0)))
}

/// Removes the file `path`.
#[no_mangle]
pub unsafe extern "C" fn apr_file_remove(path: *const c_char, pool: *mut apr_pool_t) -> apr_status_t {
    let _ = pool;
    entry_or("apr_file_remove", libc::EINVAL, || {
        fs::remove_file(path_of(try_c_str!(path, libc::EINVAL))).map_or_else(|e| errno(&e), |()| 0)
    })
}

/// Renames `from_path` to `to_path`, replacing an existing `to_path`.
#[no_mangle]
pub unsafe extern "C" fn apr_file_rename(
    from_path: *const c_char,
    to_path: *const c_char,
    pool: *mut apr_pool_t,
) -> apr_status_t {
    let _ = pool;
    entry_or("apr_file_rename", libc::EINVAL, || {
        let from = path_of(try_c_str!(from_path, libc::EINVAL));
        let to = path_of(try_c_str!(to_path, libc::EINVAL));
        fs::rename(from, to).map_or_else(|e| errno(&e), |()| 0)
    })
}

/// Fills an `apr_finfo_t` from metadata; every field we know is filled, whatever was wanted.
fn fill_finfo(finfo: &mut apr_finfo_t, meta: &fs::Metadata) {
    let kind = meta.file_type();
    let filetype = if kind.is_file() {
        apr_filetype_e::APR_REG
    } else if kind.is_dir() {
        apr_filetype_e::APR_DIR
    } else if kind.is_symlink() {
        apr_filetype_e::APR_LNK
    } else {
        apr_filetype_e::APR_UNKFILE
    };
    let time = |secs: i64, nsecs: i64| secs * USEC_PER_SEC + nsecs / 1000;
    *finfo = apr_finfo_t {
        pool: finfo.pool,
        // Everything APR_FINFO_NORM names (type, times, size, ident, owner, protections).
        valid: 0x0073_b370,
        protection: apr_perms(meta.permissions().mode()),
        filetype,
        user: meta.uid(),
        group: meta.gid(),
        inode: meta.ino(),
        device: meta.dev(),
        nlink: meta.nlink() as i32,
        size: meta.size() as apr_off_t,
        csize: (meta.blocks() * 512) as apr_off_t,
        atime: time(meta.atime(), meta.atime_nsec()),
        mtime: time(meta.mtime(), meta.mtime_nsec()),
        ctime: time(meta.ctime(), meta.ctime_nsec()),
        fname: finfo.fname,
        name: ptr::null(),
        filehand: ptr::null_mut(),
    };
}

/// Fills `*finfo` for an open file (`wanted`: `APR_FINFO_*` bits; all known fields are filled and
/// marked in `valid`).
#[no_mangle]
pub unsafe extern "C" fn apr_file_info_get(
    finfo: *mut apr_finfo_t,
    wanted: i32,
    file: *mut apr_file_t,
) -> apr_status_t {
    let _ = wanted;
    entry_or("apr_file_info_get", libc::EINVAL, || {
        let finfo = try_mut!(finfo, libc::EINVAL);
        with_file(file, |f| match f.metadata() {
            Ok(meta) => {
                finfo.pool = ptr::null_mut();
                finfo.fname = ptr::null();
                fill_finfo(finfo, &meta);
                finfo.filehand = file;
                0
            }
            Err(e) => errno(&e),
        })
    })
}

/// Fills `*finfo` for the file named `fname` (following symbolic links unless `wanted` has
/// `APR_FINFO_LINK`). ENOENT and friends as `errno` values.
#[no_mangle]
pub unsafe extern "C" fn apr_stat(
    finfo: *mut apr_finfo_t,
    fname: *const c_char,
    wanted: i32,
    pool: *mut apr_pool_t,
) -> apr_status_t {
    entry_or("apr_stat", libc::EINVAL, || {
        let finfo = try_mut!(finfo, libc::EINVAL);
        let name = try_c_str!(fname, libc::EINVAL);
        let path = path_of(name);
        let meta = if wanted & 0x1 != 0 { fs::symlink_metadata(path) } else { fs::metadata(path) };
        match meta {
            Ok(meta) => {
                finfo.pool = pool;
                finfo.fname = fname;
                fill_finfo(finfo, &meta);
                0
            }
            Err(e) => errno(&e),
        }
    })
}

fn make_dir(path: &Path, perm: apr_fileperms_t, recursive: bool) -> apr_status_t {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(recursive).mode(unix_mode(perm, 0o777));
    match builder.create(path) {
        Ok(()) => 0,
        Err(e) => errno(&e),
    }
}

/// Creates the directory `path` (EEXIST if it exists) with `APR_FPROT_*` permissions.
#[no_mangle]
pub unsafe extern "C" fn apr_dir_make(
    path: *const c_char,
    perm: apr_fileperms_t,
    pool: *mut apr_pool_t,
) -> apr_status_t {
    let _ = pool;
    entry_or("apr_dir_make", libc::EINVAL, || make_dir(path_of(try_c_str!(path, libc::EINVAL)), perm, false))
}

/// Creates the directory `path` and any missing parents; an existing directory is success.
#[no_mangle]
pub unsafe extern "C" fn apr_dir_make_recursive(
    path: *const c_char,
    perm: apr_fileperms_t,
    pool: *mut apr_pool_t,
) -> apr_status_t {
    let _ = pool;
    entry_or("apr_dir_make_recursive", libc::EINVAL, || make_dir(path_of(try_c_str!(path, libc::EINVAL)), perm, true))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn permission_bits_round_trip() {
        assert_eq!(unix_mode(0x0640, 0), 0o640);
        assert_eq!(unix_mode(0x0755, 0), 0o755);
        assert_eq!(unix_mode(FPROT_OS_DEFAULT, 0o666), 0o666);
        assert_eq!(apr_perms(0o640), 0x0640);
    }

    #[test]
    fn null_arguments_are_einval() {
        unsafe {
            assert_eq!(apr_file_open(ptr::null_mut(), c"x".as_ptr(), 1, 0, ptr::null_mut()), libc::EINVAL);
            assert_eq!(apr_file_close(ptr::null_mut()), libc::EINVAL);
            let mut n = 4usize;
            let mut buf = [0u8; 4];
            assert_eq!(apr_file_read(ptr::null_mut(), buf.as_mut_ptr().cast(), &mut n), libc::EINVAL);
            assert_eq!(apr_file_remove(ptr::null(), ptr::null_mut()), libc::EINVAL);
            assert_eq!(apr_dir_make_recursive(ptr::null(), FPROT_OS_DEFAULT, ptr::null_mut()), libc::EINVAL);
        }
    }
}
