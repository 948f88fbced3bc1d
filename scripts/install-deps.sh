#!/usr/bin/env bash
# Installs what a fresh Debian machine lacks to build and test liboss_c_sdk:
# cmake, a C toolchain, pkg-config, libcurl's headers, valgrind, Python 3 with venv;
# and a Python virtual environment at .venv-oss2/ (repository root) holding Alibaba's
# official Python SDK `oss2` and pytest: the independent client of oss-server's oss2 tests.
# Idempotent: does nothing when everything is present. Non-interactive (CI=true, no stdin).
set -euo pipefail

packages=(cmake make gcc g++ pkg-config libcurl4-openssl-dev libssl-dev valgrind curl binutils openssl
          python3 python3-venv)
missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep "install ok installed" >/dev/null || missing+=("$p")
done
if ((${#missing[@]})); then
    echo "installing: ${missing[*]}"
    SUDO=""
    [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    $SUDO apt-get update -qq
    # `env` passes DEBIAN_FRONTEND through sudo, which would drop a plain assignment.
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null </dev/null
fi

# The oss2 venv: created when missing; pip runs only when oss2 or pytest cannot be imported,
# so a second run makes no network request. oss2 2.19.x is the version the tests were written
# against.
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
venv="$repo/.venv-oss2"
if ! "$venv/bin/python" -c 'import oss2, pytest' 2>/dev/null; then
    echo "creating $venv (oss2, pytest)"
    [ -x "$venv/bin/python" ] || { rm -rf "$venv"; python3 -m venv "$venv"; }
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check 'oss2~=2.19.1' 'pytest>=7' </dev/null
fi
command -v cargo >/dev/null || { echo "cargo not found: install Rust (rustup) first" >&2; exit 1; }
