#!/usr/bin/env bash
# Compiles all official sample files (as compile_sample.sh does) and links them into one program
# with -loss_c_sdk alone: every function the samples call must come from the library (no
# undefined reference is allowed).
# Usage: link_samples.sh <cc> <include dir> <samples dir> <library dir>
set -euo pipefail
cc=$1 include=$2 samples=$3 libdir=$4

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for src in "$samples"/*.c; do
    "$cc" -std=gnu99 -w -I "$include" -I "$samples" -c "$src" -o "$work/$(basename "$src" .c).o"
done
status=0
"$cc" -o "$work/samples" "$work"/*.o -L "$libdir" -loss_c_sdk -Wl,-rpath,"$libdir" 2>"$work/link.log" || status=$?
if [[ $status -ne 0 ]]; then
    cat "$work/link.log" >&2
    echo "FAIL: the official samples do not link against -loss_c_sdk alone" >&2
    exit 1
fi
echo "PASS: the official samples link against -loss_c_sdk alone"
