#!/usr/bin/env bash
# Installs the built library into a temporary prefix, then builds and runs the consumer program
# against that prefix: with CMake's find_package (shared and static targets) and with
# pkg-config (shared and --static). Run by ctest (test `consumer_project`).
# Usage: run.sh <build dir> <work dir> <cmake> <C compiler> <C++ compiler>
set -euo pipefail
build=$1 work=$2 cmake=$3 cc=$4 cxx=$5
src=$(cd "$(dirname "$0")" && pwd)

rm -rf "$work"
mkdir -p "$work"
# On failure, show the logs this script keeps quiet on success.
on_error() {
    local rc=$? line=$1
    echo "consumer project: failed (exit $rc) at line $line" >&2
    for log in "$work"/*.log; do
        [ -f "$log" ] && { echo "---- $log" >&2; tail -n 40 "$log" >&2; }
    done
    exit $rc
}
trap 'on_error $LINENO' ERR
prefix="$work/prefix"
"$cmake" --install "$build" --prefix "$prefix" > "$work/install.log"

pc=$(find "$prefix" -name oss_c_sdk.pc)
libdir=$(dirname "$(dirname "$pc")")
echo "installed into $prefix (libraries in $libdir)"
for f in include/oss_c_sdk/oss_api.h include/oss_c_sdk/aos_http_io.h include/oss_c_sdk/alibabacloud/oss/OssClient.h; do
    test -f "$prefix/$f" || { echo "missing $f" >&2; exit 1; }
done
test -L "$libdir/liboss_c_sdk.so" && test -L "$libdir/liboss_c_sdk.so.0" \
    || { echo "the .so symlink chain was not installed" >&2; exit 1; }
test -f "$libdir/liboss_c_sdk.a" || { echo "missing liboss_c_sdk.a" >&2; exit 1; }
test -f "$(find "$prefix" -name oss_c_sdkConfigVersion.cmake)"

# What a user installs is small: the shared library stripped (no debug or symbol table sections)
# with a .gnu_debuglink naming its debug info, which sits in .debug/ (where gdb looks) and has
# the debug sections; no member of the archive has debug sections or rustc's LLVM bitcode.
so=$(readlink -f "$libdir/liboss_c_sdk.so")
sections() { readelf -S --wide "$1" | awk '{ for (i = 1; i <= NF; i++) if ($i ~ /^\./) print $i }'; }
# (.debug_gdb_scripts is loaded data, a 34-byte reference to pretty-printers, not debug info.)
debug_info='^\.(debug_(info|line|abbrev|str|ranges|rnglists|loclists|aranges)|symtab)$'
if sections "$so" | grep -E "$debug_info" >/dev/null; then
    echo "the installed $so is not stripped:" >&2; sections "$so" >&2; exit 1
fi
link=$(readelf --string-dump=.gnu_debuglink "$so" | sed -n 's/^ *\[ *0\] *//p')
test "$link" = "$(basename "$so").debug" || { echo "$so: debuglink '$link'" >&2; exit 1; }
if [ -d "$libdir/.debug" ]; then
    sections "$libdir/.debug/$link" | grep -x '.debug_line' >/dev/null \
        || { echo "$libdir/.debug/$link has no debug info" >&2; exit 1; }
fi
if sections "$libdir/liboss_c_sdk.a" | grep -E "$debug_info|^\.llvmbc$" | grep -v symtab >/dev/null; then
    echo "the installed liboss_c_sdk.a has debug sections or LLVM bitcode" >&2; exit 1
fi
echo "installed sizes: $(stat -c '%s %n' "$so" "$libdir/liboss_c_sdk.a" | tr '\n' ' ')"

# Uses the installed library, not the build tree's.
# (grep reads all of ldd's output: with -q it could exit first, and under pipefail ldd's SIGPIPE
# would fail the check at random.)
uses_prefix() {
    ldd "$1" | grep "liboss_c_sdk.so.0 => $libdir/" >/dev/null \
        || { echo "$1 does not load liboss_c_sdk from $libdir:" >&2; ldd "$1" >&2; exit 1; }
}

echo "== find_package(oss_c_sdk)"
"$cmake" -S "$src" -B "$work/cmake-build" -DCMAKE_PREFIX_PATH="$prefix" -DCMAKE_C_COMPILER="$cc" \
    -DCMAKE_CXX_COMPILER="$cxx" > "$work/cmake-configure.log"
"$cmake" --build "$work/cmake-build" > "$work/cmake-build.log"
uses_prefix "$work/cmake-build/consumer"
"$work/cmake-build/consumer"
"$work/cmake-build/consumer_static"
uses_prefix "$work/cmake-build/consumer_cpp"
"$work/cmake-build/consumer_cpp"

echo "== pkg-config oss_c_sdk"
export PKG_CONFIG_PATH="$(dirname "$pc")"
pkg-config --exists oss_c_sdk
# shellcheck disable=SC2046 # word splitting of pkg-config output is intended
"$cc" -std=c99 -Wall -Wextra -Werror "$src/main.c" -o "$work/consumer_pc" \
    $(pkg-config --cflags --libs oss_c_sdk) -Wl,-rpath,"$(pkg-config --variable=libdir oss_c_sdk)"
uses_prefix "$work/consumer_pc"
"$work/consumer_pc"
# shellcheck disable=SC2046
"$cc" -std=c99 -Wall -Wextra -Werror "$src/main.c" -o "$work/consumer_pc_static" \
    $(pkg-config --cflags oss_c_sdk) -L"$(pkg-config --variable=libdir oss_c_sdk)" \
    -Wl,-Bstatic -loss_c_sdk -Wl,-Bdynamic $(pkg-config --static --libs-only-l oss_c_sdk | sed 's/-loss_c_sdk//')
"$work/consumer_pc_static"
# shellcheck disable=SC2046
"$cxx" -std=c++11 -Wall -Wextra -Werror "$src/main.cpp" -o "$work/consumer_pc_cpp" \
    $(pkg-config --cflags --libs oss_c_sdk) -Wl,-rpath,"$(pkg-config --variable=libdir oss_c_sdk)"
uses_prefix "$work/consumer_pc_cpp"
"$work/consumer_pc_cpp"
echo "consumer project: find_package and pkg-config both work"
