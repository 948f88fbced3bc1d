#!/usr/bin/env bash
# Checks that the shared library exports only the public C API: every dynamic symbol it defines
# must be declared in the header (as a function, or `extern` for data), and it must carry the
# expected SONAME.
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
declared_functions=$(grep -v '^\s*#' "$header" | grep -v '^\s*\*' | grep -oE '\b[A-Za-z_][A-Za-z0-9_]*\(' | tr -d '(')
# ... and data objects declared `extern` (the exported constants: `extern const char NAME[15];`).
declared_data=$(grep -E '^extern [^(]*;' "$header" | sed -E 's/\[[^]]*\]//g; s/;.*//' | awk '{ print $NF }' | tr -d '*')
declared=$(printf '%s\n%s\n' "$declared_functions" "$declared_data" | sort -u)

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
