#!/usr/bin/env bash
# Builds the fuzz targets with libFuzzer and coverage instrumentation on the stable toolchain
# (the same rustc flags cargo-fuzz uses, minus the nightly-only sanitizer; debug assertions and
# overflow checks on) and runs them, each for a bounded time, starting from fuzz/corpus/TARGET.
#
#   fuzz/run.sh build                      # build only
#   fuzz/run.sh TARGET SECONDS [ARGS...]   # run one target (answer_xml, checkpoint, error_xml, response_headers, select_frames)
#   fuzz/run.sh all SECONDS                # every target in turn
#
# One input taking over 60 s counts as a hang (the parsers take microseconds; the margin is for a
# machine that stalls a process now and then). New inputs go to a temp directory (removed afterwards), never into the checked-in corpus;
# set FUZZ_KEEP=DIR to keep them there (then `-merge=1` them into fuzz/corpus by hand). A crash
# or a failed assertion ends the run non-zero, with the input in fuzz/artifacts/TARGET/.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
host=$(rustc -vV | sed -n 's/^host: //p')
export CARGO_TARGET_DIR="${FUZZ_TARGET_DIR:-$here/target}"
# --target keeps these flags off build scripts and proc macros (they cannot link sancov).
export RUSTFLAGS="--cfg fuzzing -Cpasses=sancov-module -Cllvm-args=-sanitizer-coverage-level=4 \
-Cllvm-args=-sanitizer-coverage-inline-8bit-counters -Cllvm-args=-sanitizer-coverage-pc-table \
-Cllvm-args=-sanitizer-coverage-trace-compares -Cllvm-args=-sanitizer-coverage-stack-depth \
-Cdebug-assertions -Coverflow-checks"
targets=(answer_xml checkpoint error_xml response_headers select_frames)

build() {
    cargo build --quiet --release --manifest-path "$here/Cargo.toml" --target "$host" --bins
}

run_one() {
    local target=$1 seconds=$2
    shift 2
    local out="${FUZZ_KEEP:-}"
    local tmp=""
    if [ -z "$out" ]; then
        tmp=$(mktemp -d)
        out=$tmp
    fi
    mkdir -p "$here/artifacts/$target" "$out"
    local rc=0
    "$CARGO_TARGET_DIR/$host/release/$target" "$out" "$here/corpus/$target" \
        -max_total_time="$seconds" -timeout=60 -rss_limit_mb=2048 -print_final_stats=1 \
        -artifact_prefix="$here/artifacts/$target/" "$@" 2>"$out.log" || rc=$?
    grep -E '^(#[0-9]+.*DONE|stat::number_of_executed_units|stat::new_units_added)' "$out.log" || true
    if [ $rc -ne 0 ]; then
        tail -n 60 "$out.log" >&2
        echo "FAIL: fuzz target $target (exit $rc)" >&2
    else
        echo "PASS: fuzz target $target, $seconds s, no crash"
    fi
    rm -f "$out.log"
    [ -z "$tmp" ] || rm -rf "$tmp"
    return $rc
}

case "${1:-}" in
    build) build ;;
    all)
        build
        for t in "${targets[@]}"; do run_one "$t" "${2:?seconds}"; done ;;
    answer_xml|checkpoint|error_xml|response_headers|select_frames)
        build
        t=$1 s=${2:?seconds}
        shift 2
        run_one "$t" "$s" "$@" ;;
    *) echo "usage: $0 build | all SECONDS | TARGET SECONDS [libFuzzer args...]" >&2; exit 2 ;;
esac
