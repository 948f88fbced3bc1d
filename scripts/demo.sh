#!/usr/bin/env bash
# The main job, end to end: build the library, the local OSS server and the oss_download CLI;
# start the server with a generated 300 MiB object; download it with a progress bar; kill the
# download with SIGKILL part-way (a crash, not a polite stop); run the same command again, which
# finishes from the checkpoint; print the bytes the server sent for each run and check that the
# file's sha256 matches the object's.
#
#   scripts/demo.sh            (DEMO_SIZE=<bytes> to change the object size)
set -euo pipefail
cd "$(dirname "$0")/.."
size=${DEMO_SIZE:-314572800}
bucket=demo-bucket
key=videos/big-object.bin

scripts/install-deps.sh
echo "== building (cargo + cmake, release)"
cmake -S . -B build -DOSS_C_SDK_CARGO_PROFILE=release >/dev/null
cmake --build build -j2 --target oss_download 2>&1 | grep -E "^(error|warning)" || true
target_dir=${CARGO_TARGET_DIR:-$PWD/target}
server_bin=$target_dir/release/oss-server
cli=build/c_examples/oss_download

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

# Slow the first run down (per connection) so that it can be killed part-way.
curl -fsS -X POST "$admin/faults?kind=throttle&bytes_per_sec=10000000&bucket=$bucket&key=$key" >/dev/null
target="$work/downloaded.bin"
echo "== run 1: 4 threads, 8 MiB parts, checkpoint on; killed with SIGKILL after 3 s"
"$cli" -t 4 -p 8388608 "$bucket" "$key" "$target" &
pid=$!
sleep 3
kill -KILL $pid 2>/dev/null || true
wait $pid 2>/dev/null || true
echo
run1=$(fetched)
echo "   killed; left behind: $(ls "$work" | grep -E 'downloaded' | tr '\n' ' ')"
echo "   bytes sent by the server in run 1: $run1"

curl -fsS -X DELETE "$admin/faults" >/dev/null
curl -fsS -X DELETE "$admin/counters" >/dev/null
echo "== run 2: the same command resumes from the checkpoint"
"$cli" -t 4 -p 8388608 "$bucket" "$key" "$target"
run2=$(fetched)
echo "   bytes sent by the server in run 2: $run2 (object: $size; run 1 + run 2 = $((run1 + run2)))"

want=$(sha256sum "$work/storage/$bucket/$key" | cut -d' ' -f1)
got=$(sha256sum "$target" | cut -d' ' -f1)
echo "== sha256 object:     $want"
echo "   sha256 downloaded: $got"
if [ "$want" = "$got" ]; then echo "   MATCH"; else echo "   MISMATCH"; exit 1; fi
