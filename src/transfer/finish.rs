//! Finishing a downloaded file, the same way for a single GET and for the
//! download engine: the bytes land in `<target>.tmp`; once verified (the
//! CRC-64 against the server's, when it covers those bytes) the temp file is
//! synced and only then renamed onto the target, so a failure never creates
//! or changes the target; a download that failed removes its temp file.

use crate::error::{codes, ClientCode, Error, Result};
use crate::http::Response;
use crate::outcome::{Failure, Outcome};
use std::fs::{self, File};
use std::path::{Path, PathBuf};

/// `path` with `suffix` appended to its file name (`a/b` -> `a/b.tmp`).
pub fn suffixed(path: &Path, suffix: &str) -> PathBuf {
    let mut os = path.as_os_str().to_owned();
    os.push(suffix);
    PathBuf::from(os)
}

/// Refuses a target that is an existing directory before any byte is fetched: the final rename
/// could never put a file there.
pub fn refuse_directory(path: &Path) -> Result<()> {
    if path.is_dir() {
        return Err(Error::file(
            ClientCode::OpenFileError,
            codes::OPEN_FILE,
            format!("cannot download into {}: it is a directory", path.display()),
        ));
    }
    Ok(())
}

/// `<path>.tmp`, where downloads live until verified.
pub fn temp_path(path: &Path) -> PathBuf {
    suffixed(path, ".tmp")
}

/// Compares the CRC-64 of `what` (the bytes received) with the one the
/// server reports in `answer`, if it reports one. A mismatch is a failure
/// that carries the answer; otherwise the answer comes back.
pub fn check_crc(what: &str, actual: u64, answer: Response) -> Outcome {
    match answer.server_crc64() {
        Some(expected) if expected != actual => {
            let error = Error::Inconsistent {
                message: format!("CRC-64 of {what} is {actual}, the server reports {expected}"),
                request_id: answer.request_id().map(str::to_string),
            };
            Err(Failure::answered(error, answer))
        }
        _ => Ok(answer),
    }
}

/// Makes the bytes of `file` (open on `temp`) durable and moves it onto
/// `target`.
pub fn commit(file: &File, temp: &Path, target: &Path) -> Result<()> {
    file.sync_all().map_err(|e| Error::io(ClientCode::FileFlushError, codes::WRITE_FILE, "cannot sync", temp, &e))?;
    fs::rename(temp, target)
        .map_err(|e| Error::io(ClientCode::FileWriteError, codes::RENAME_FILE, "cannot rename onto", target, &e))
}

/// Best effort: the temp file of a failed download is ours and worthless.
pub fn remove_temp(temp: &Path) {
    let _ = fs::remove_file(temp);
}
