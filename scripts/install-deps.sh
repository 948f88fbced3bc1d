#!/usr/bin/env bash
# Installs what a fresh Debian machine lacks to build and test liboss_c_sdk:
# cmake, a C toolchain, pkg-config, libcurl's headers, valgrind.
# Idempotent: does nothing when everything is present.
set -euo pipefail

packages=(cmake make gcc g++ pkg-config libcurl4-openssl-dev libssl-dev valgrind curl binutils openssl)
missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep "install ok installed" >/dev/null || missing+=("$p")
done
if ((${#missing[@]})); then
    echo "installing: ${missing[*]}"
    SUDO=""
    [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi
command -v cargo >/dev/null || { echo "cargo not found: install Rust (rustup) first" >&2; exit 1; }
