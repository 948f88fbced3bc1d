#!/usr/bin/env bash
# Fails when the checked-in include/oss_api.h differs from a fresh cbindgen generation.
#
# `cargo build` runs build.rs, which regenerates include/oss_api.h from src/ffi whenever src/ffi,
# cbindgen.toml, build.rs or the header itself changed; a header that is stale or was edited by
# hand therefore comes out different from the committed one, and `git diff` shows it.
# Honours CARGO_TARGET_DIR.
set -euo pipefail
cd "$(dirname "$0")/.."

cargo build -p oss_c_sdk --lib --quiet
if ! git diff --exit-code --stat -- include/oss_api.h; then
    git --no-pager diff -- include/oss_api.h | head -n 60 >&2
    echo "include/oss_api.h is stale: a fresh generation differs from the committed header." >&2
    echo "Build with cargo and commit the regenerated include/oss_api.h." >&2
    exit 1
fi
if [[ -n "$(git status --porcelain -- include/oss_api.h)" ]]; then
    echo "include/oss_api.h is not committed." >&2
    exit 1
fi
echo "include/oss_api.h matches a fresh generation"
