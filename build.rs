//! Build script: generates `include/oss_api.h` from the C layer (`src/ffi`) with cbindgen, and
//! gives the shared library its SONAME.
//!
//! The header is checked in. It is rewritten only when its content changes, so its mtime (and
//! every C build depending on it) stays put otherwise, and atomically (temporary file + rename),
//! so builds running side by side with different target directories never see half a header.
//! `.ci/check-header.sh` fails when the checked-in copy differs from a fresh generation.

use std::fs;
use std::path::{Path, PathBuf};

fn main() {
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));

    // Only the C layer and the generator's settings shape the header.
    println!("cargo:rerun-if-changed=src/ffi");
    println!("cargo:rerun-if-changed=cbindgen.toml");
    println!("cargo:rerun-if-changed=build.rs");
    // A hand-edited (or stale, checked-out) header is regenerated too, so `.ci/check-header.sh`
    // sees the difference even when src/ffi did not change. Rewriting it with the same content
    // is skipped, so this settles after one run.
    println!("cargo:rerun-if-changed=include/oss_api.h");

    // The SONAME carries the ABI major version; CMake installs liboss_c_sdk.so.0 -> .so.0.x.y.
    println!("cargo:rustc-cdylib-link-arg=-Wl,-soname,liboss_c_sdk.so.0");

    let config = cbindgen::Config::from_file(root.join("cbindgen.toml")).expect("cbindgen.toml is readable and valid");
    // Parse `src/ffi` as if it were the crate: cbindgen then sees the C layer only, and pub
    // constants of the safe core never leak into the header.
    let bindings = cbindgen::Builder::new()
        .with_config(config)
        .with_src(root.join("src/ffi/mod.rs"))
        .generate()
        .unwrap_or_else(|e| panic!("cbindgen could not generate include/oss_api.h: {e}"));
    let mut text = Vec::new();
    bindings.write(&mut text);
    write_if_changed(&root.join("include/oss_api.h"), &text);
}

fn write_if_changed(path: &Path, text: &[u8]) {
    if fs::read(path).is_ok_and(|old| old == text) {
        return;
    }
    let tmp = path.with_extension(format!("h.tmp{}", std::process::id()));
    fs::write(&tmp, text).unwrap_or_else(|e| panic!("cannot write {}: {e}", tmp.display()));
    fs::rename(&tmp, path).unwrap_or_else(|e| panic!("cannot replace {}: {e}", path.display()));
}
