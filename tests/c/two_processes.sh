#!/usr/bin/env bash
# Two processes downloading to one target at once: the second gets a clear error (the lock on
# <target>.tmp), the first finishes with the exact bytes.
#
#   two_processes.sh OSS_SERVER_BIN OSS_DOWNLOAD_BIN
set -euo pipefail
server_bin=$1
cli=$2
bucket=test-bucket
key=shared.bin
size=$((16 * 1024 * 1024))
root=$(mktemp -d)
work=$(mktemp -d)
server_pid=""
cleanup() {
    local rc=$?
    [ -n "$server_pid" ] && { kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; }
    rm -rf "$root" "$work"
    exit $rc
}
trap cleanup EXIT
"$server_bin" --listen 127.0.0.1:0 --root "$root" --create-object "$bucket/$key=$size" >"$work/addr" &
server_pid=$!
for _ in $(seq 1 300); do [ -s "$work/addr" ] && break; sleep 0.05; done
addr=$(head -n 1 "$work/addr")
export OSS_ENDPOINT="http://$addr" OSS_ACCESS_KEY_ID=LTAI5tLocalTestKey OSS_ACCESS_KEY_SECRET=LocalTestSecret0123456789abcdef
curl -fsS -X POST "http://$addr/-/admin/faults?kind=throttle&bytes_per_sec=4000000&bucket=$bucket&key=$key" >/dev/null

target="$work/out.bin"
"$cli" -t 2 -p 1048576 "$bucket" "$key" "$target" >"$work/first.log" 2>/dev/null &
first=$!
for _ in $(seq 1 200); do [ -e "$target.tmp" ] && break; sleep 0.05; done
set +e
"$cli" -t 2 -p 1048576 "$bucket" "$key" "$target" >"$work/second.log" 2>/dev/null
second_rc=$?
wait $first
first_rc=$?
set -e
cat "$work/second.log"
[ $second_rc -eq 1 ] || { echo "FAIL: the second download exited $second_rc"; exit 1; }
grep -q "OpenFileFail" "$work/second.log" && grep -q "in progress" "$work/second.log" || { echo "FAIL: no lock error"; exit 1; }
[ $first_rc -eq 0 ] || { echo "FAIL: the first download exited $first_rc"; cat "$work/first.log"; exit 1; }
want=$(sha256sum "$root/$bucket/$key" | cut -d' ' -f1)
have=$(sha256sum "$target" | cut -d' ' -f1)
[ "$want" = "$have" ] || { echo "FAIL: sha256 differs"; exit 1; }
echo "PASS: the second process was refused, the first produced the exact object"
