#!/usr/bin/env bash
# The main job, end to end: build the library, the local OSS server and the oss_download and
# oss_upload CLIs; start the server with a generated 300 MiB object; download it with a progress
# bar; kill the download with SIGKILL part-way (a crash, not a polite stop); run the same command
# again, which finishes from the checkpoint; print the bytes the server sent for each run and
# check that the file's sha256 matches the object's. Then the other way: upload a generated file
# of the same size with a progress bar, SIGKILL it part-way, run it again to finish from its
# checkpoint, print the bytes the server received for each run, download the object back and
# check that the three sha256 (file, stored object, downloaded copy) are equal.
#
#   scripts/demo.sh            (DEMO_SIZE=<bytes> to change the object and file size)
set -euo pipefail
cd "$(dirname "$0")/.."
size=${DEMO_SIZE:-314572800}
bucket=demo-bucket
key=videos/big-object.bin

scripts/install-deps.sh
echo "== building (cargo + cmake, release)"
cmake -S . -B build -DOSS_C_SDK_CARGO_PROFILE=release >/dev/null
cmake --build build -j2 --target oss_download oss_upload 2>&1 | grep -E "^(error|warning)" || true
target_dir=${CARGO_TARGET_DIR:-$PWD/target}
server_bin=$target_dir/release/oss-server
cli=build/c_examples/oss_download
up_cli=build/c_examples/oss_upload

work=$(mktemp -d)
server_pid=""
trap '[ -n "$server_pid" ] && kill $server_pid 2>/dev/null; rm -rf "$work"' EXIT
echo "== starting the local OSS server with a $((size / 1048576)) MiB object"
"$server_bin" --listen 127.0.0.1:0 --root "$work/storage" --create-object "$bucket/$key=$size" >"$work/addr" &
server_pid=$!
for _ in $(seq 1 600); do [ -s "$work/addr" ] && break; sleep 0.1; done
addr=$(head -n 1 "$work/addr")
admin="http://$addr/-/admin"
export OSS_ENDPOINT="http://$addr" OSS_ACCESS_KEY_ID=LTAI5tLocalTestKey OSS_ACCESS_KEY_SECRET=LocalTestSecret0123456789abcdef
. tests/common/admin.sh
# The two runs of one half: "$@" (a CLI with its progress bar, 4 threads, 8 MiB parts, checkpoint
# on) SIGKILLed after 3 s — a crash, not a polite stop — then, with the faults and counters
# cleared, the same command again, which finishes from the checkpoint. $1: "" or "upload ";
# $2: the counter to print (fetched: bytes the server sent; received: bytes it received); $3: what
# the counter counts; $4: the pattern of the files left behind in the work directory.
kill_and_resume() {
    local label=$1 counter=$2 what=$3 leftover=$4
    shift 4
    echo "== ${label}run 1: 4 threads, 8 MiB parts, checkpoint on; killed with SIGKILL after 3 s"
    "$@" &
    local pid=$!
    sleep 3
    kill -KILL $pid 2>/dev/null || true
    wait $pid 2>/dev/null || true
    echo
    local run1 run2
    run1=$(settled $counter)
    echo "   killed; left behind: $(ls "$work" | grep -E "$leftover" | tr '\n' ' ')"
    echo "   bytes $what in ${label}run 1: $run1"
    curl -fsS -X DELETE "$admin/faults" >/dev/null
    curl -fsS -X DELETE "$admin/counters" >/dev/null
    echo "== ${label}run 2: the same command resumes from the checkpoint"
    "$@"
    run2=$($counter)
    echo "   bytes $what in ${label}run 2: $run2 (size: $size; run 1 + run 2 = $((run1 + run2)))"
}

# Slow the first run down (per connection) so that it can be killed part-way.
curl -fsS -X POST "$admin/faults?kind=throttle&bytes_per_sec=10000000&bucket=$bucket&key=$key" >/dev/null
target="$work/downloaded.bin"
kill_and_resume "" fetched "sent by the server" downloaded "$cli" -t 4 -p 8388608 "$bucket" "$key" "$target"

want=$(sha256sum "$work/storage/$bucket/$key" | cut -d' ' -f1)
got=$(sha256sum "$target" | cut -d' ' -f1)
echo "== sha256 object:     $want"
echo "   sha256 downloaded: $got"
if [ "$want" = "$got" ]; then echo "   MATCH"; else echo "   MISMATCH"; exit 1; fi

# ---- the upload half ----------------------------------------------------------------------
key=uploads/generated.bin
file="$work/generated.bin"
echo "== generating a $((size / 1048576)) MiB file to upload"
head -c "$size" /dev/urandom >"$file"
curl -fsS -X DELETE "$admin/counters" >/dev/null
curl -fsS -X POST "$admin/faults?kind=throttle&on=request&bytes_per_sec=10000000&bucket=$bucket&key=$key" >/dev/null
kill_and_resume "upload " received "received by the server (parts and the completion document)" generated \
    "$up_cli" -t 4 -p 8388608 "$bucket" "$key" "$file"

echo "== downloading the uploaded object back"
back="$work/downloaded-back.bin"
"$cli" -q -t 4 -p 8388608 "$bucket" "$key" "$back"
want=$(sha256sum "$file" | cut -d' ' -f1)
stored=$(sha256sum "$work/storage/$bucket/$key" | cut -d' ' -f1)
got=$(sha256sum "$back" | cut -d' ' -f1)
echo "== sha256 file:            $want"
echo "   sha256 stored object:   $stored"
echo "   sha256 downloaded back: $got"
if [ "$want" = "$stored" ] && [ "$want" = "$got" ]; then echo "   MATCH"; else echo "   MISMATCH"; exit 1; fi
