#!/usr/bin/env bash
# Compiles one official SDK sample file, unchanged, the way a user builds it against our headers
# (-std=gnu99 -Wall, no extra defines, -I include plus the sample's own directory), compile only.
# Fails if the compiler fails or reports any diagnostic located in our include directory: warnings
# from the sample's own code are allowed, warnings caused by our headers are not.
# Usage: compile_sample.sh <cc> <our include dir> <sample.c> <output.o>
set -euo pipefail
cc=$1 include=$2 src=$3 out=$4

include=$(cd "$include" && pwd)
log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
"$cc" -std=gnu99 -Wall -I "$include" -I "$(dirname "$src")" -c "$src" -o "$out" 2>"$log" || status=$?
cat "$log" >&2
if [[ $status -ne 0 ]]; then
    echo "FAIL: $(basename "$src") does not compile against $include" >&2
    exit 1
fi
if grep -E "^$include/[^:]+:[0-9]+(:[0-9]+)?: (warning|error)" "$log" >&2; then
    echo "FAIL: our headers cause the diagnostics above while compiling $(basename "$src")" >&2
    exit 1
fi
echo "PASS: $(basename "$src") compiles"
