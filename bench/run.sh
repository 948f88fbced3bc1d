#!/usr/bin/env bash
# One command for the download benchmarks: installs nginx, aria2, gnuplot and GNU time when
# missing, builds the release library, oss-server and the oss_download CLI, then runs
# bench/bench.py (see its header for BENCH_RUNS, BENCH_SIZE_MIB, BENCH_BIG).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
missing=()
for p in nginx-light aria2 gnuplot-nox time python3; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep "install ok installed" >/dev/null || missing+=("$p")
done
if ((${#missing[@]})); then
    SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi
cmake -S . -B build -DOSS_C_SDK_CARGO_PROFILE=release >/dev/null
cmake --build build -j2 --target oss_download >/dev/null
exec python3 bench/bench.py
