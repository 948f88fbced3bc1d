#!/usr/bin/env bash
# One command for the benchmarks, ours against the official C SDK in the same run:
#  - installs what is missing (nginx, aria2, gnuplot, GNU time; and Debian's APR, APR-util, mxml and
#    libcurl headers that the official SDK builds with),
#  - builds our release library and oss-server,
#  - builds the official SDK from its source tree with its own CMake (Release) into
#    target/bench/official/ (never inside the source tree): OSS_C_SDK_OFFICIAL_SRC, defaulting to
#    ../shared/reference/official-c-sdk-3.11.2 beside the repository; without a source tree the
#    official columns are skipped, and this says so,
#  - compiles bench/oss_bench.c twice, against each library,
#  - runs bench/bench.py (see its header: BENCH_RUNS, BENCH_SIZE_MIB, BENCH_QUICK, ...).
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
scripts/install-deps.sh

target_dir=${CARGO_TARGET_DIR:-$repo/target}
out=$target_dir/bench
official_src=${OSS_C_SDK_OFFICIAL_SRC:-}
if [ -z "$official_src" ] && [ -d "$repo/../shared/reference/official-c-sdk-3.11.2" ]; then
    official_src=$(cd "$repo/../shared/reference/official-c-sdk-3.11.2" && pwd)
fi
have_official=0
if [ -n "$official_src" ] && [ -f "$official_src/CMakeLists.txt" ] && [ -f "$official_src/oss_c_sdk/oss_api.h" ]; then
    have_official=1
fi

packages=(nginx-light aria2 gnuplot-nox time python3)
((have_official)) && packages+=(libapr1-dev libaprutil1-dev libmxml-dev libcurl4-openssl-dev)
missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep "install ok installed" >/dev/null || missing+=("$p")
done
if ((${#missing[@]})); then
    echo "installing: ${missing[*]}"
    SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    $SUDO apt-get update -qq
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null </dev/null
fi

echo "building our release library and oss-server"
cargo build --release -j2 -p oss_c_sdk --lib
cargo build --release -j2 -p oss-server --bin oss-server
mkdir -p "$out"
cc=${CC:-cc}
cflags=(-std=gnu99 -O2 -Wall -Wextra)
# The library under its SONAME (as CMake installs it), in a directory of its own: the official
# library has the same file name.
ours_lib=$out/ours-lib
mkdir -p "$ours_lib"
cp -f "$target_dir/release/liboss_c_sdk.so" "$ours_lib/liboss_c_sdk.so.0"
ln -sf liboss_c_sdk.so.0 "$ours_lib/liboss_c_sdk.so"
"$cc" "${cflags[@]}" bench/raw_heads.c -o "$out/raw_heads"
"$cc" "${cflags[@]}" -I"$repo/include" bench/oss_bench.c -o "$out/oss_bench_ours" \
    -L"$ours_lib" -loss_c_sdk -Wl,-rpath,"$ours_lib"
official_bin=""
if ((have_official)); then
    echo "building the official SDK from $official_src (its own CMake, Release) in $out/official"
    # Its CMakeLists.txt names a test directory the source tree lacks: the hook file (passed on the
    # command line, nothing in the source tree is changed) skips a missing subdirectory.
    cmake -S "$official_src" -B "$out/official" -DCMAKE_BUILD_TYPE=Release -Wno-dev \
        -DCMAKE_PROJECT_INCLUDE="$repo/bench/official_cmake_hooks.cmake" >"$out/official-cmake.log"
    cmake --build "$out/official" -j2 --target oss_c_sdk >>"$out/official-cmake.log"
    official_lib=$out/official/build/Release/lib
    # shellcheck disable=SC2046 # the *-config tools print several flags
    "$cc" "${cflags[@]}" -I"$official_src/oss_c_sdk" $(apr-1-config --includes --cppflags) \
        $(apu-1-config --includes) bench/oss_bench.c -o "$out/oss_bench_official" \
        -L"$official_lib" -loss_c_sdk -Wl,-rpath,"$official_lib" \
        $(apu-1-config --link-ld) $(apr-1-config --link-ld --libs) -lmxml -lcurl -lpthread
    official_bin=$out/oss_bench_official
    echo "official SDK: $(cd "$official_src" && pwd) -> $official_lib/liboss_c_sdk.so"
else
    echo "NO official SDK source (set OSS_C_SDK_OFFICIAL_SRC to the official 3.11.2 source tree," \
         "or place it at ../shared/reference/official-c-sdk-3.11.2): the official columns are skipped"
fi
BENCH_OURS="$out/oss_bench_ours" BENCH_OFFICIAL="$official_bin" BENCH_OFFICIAL_SRC="${official_src}" \
    exec python3 bench/bench.py
