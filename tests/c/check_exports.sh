#!/usr/bin/env bash
# Checks that the shared library exports only the public C API: every dynamic symbol it defines
# must be declared as a function in the header, and it must carry the expected SONAME.
# Usage: check_exports.sh <liboss_c_sdk.so> <oss_api.h> <expected soname>
set -euo pipefail
lib=$1 header=$2 soname=$3

actual_soname=$(objdump -p "$lib" | awk '$1 == "SONAME" { print $2 }')
if [[ "$actual_soname" != "$soname" ]]; then
    echo "SONAME is '$actual_soname', expected '$soname'" >&2
    exit 1
fi

# Names declared as functions in the header: an identifier directly followed by "(" on a
# declaration line (not a macro, not a comment).
declared=$(grep -v '^\s*#' "$header" | grep -v '^\s*\*' | grep -oE '\b[A-Za-z_][A-Za-z0-9_]*\(' | tr -d '(' | sort -u)

exported=$(nm -D --defined-only "$lib" | awk '{ print $3 }' | sed 's/@.*//' | sort -u)
count=$(echo "$exported" | grep -c . || true)
if [[ "$count" -eq 0 ]]; then
    echo "no exported symbols found in $lib" >&2
    exit 1
fi

undeclared=$(comm -23 <(echo "$exported") <(echo "$declared"))
if [[ -n "$undeclared" ]]; then
    echo "exported but not declared in $(basename "$header"):" >&2
    echo "$undeclared" >&2
    exit 1
fi
echo "$count exported symbols, all declared in $(basename "$header"); SONAME $actual_soname"
