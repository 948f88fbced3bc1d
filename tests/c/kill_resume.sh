#!/usr/bin/env bash
# A download SIGKILLed part-way and run again fetches only what is missing.
#
#   kill_resume.sh OSS_SERVER_BIN OSS_DOWNLOAD_BIN [KILLS]
#
# Starts the local OSS server with a 64 MiB object (throttled so that a kill lands part-way),
# runs the oss_download CLI (4 threads, 1 MiB parts, checkpoint on), kills it with SIGKILL once
# its checkpoint records a number of parts that grows with each round, and runs it again. The
# server's byte counter must show that each restart fetched at most the missing bytes plus one
# part per thread (the parts in flight at the kill), and the final file must match the object.
set -euo pipefail
server_bin=$1
cli=$2
kills=${3:-3}
size=$((64 * 1024 * 1024))
part=$((1024 * 1024))
threads=4
bucket=test-bucket
key=kill/object.bin

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
admin="http://$addr/-/admin"
export OSS_ENDPOINT="http://$addr" OSS_ACCESS_KEY_ID=LTAI5tLocalTestKey OSS_ACCESS_KEY_SECRET=LocalTestSecret0123456789abcdef
curl -fsS -X POST "$admin/faults?kind=throttle&bytes_per_sec=4000000&bucket=$bucket&key=$key" >/dev/null
fetched() { curl -fsS "$admin/counters?bucket=$bucket&key=$key" | sed 's/.*"body_bytes":\([0-9]*\).*/\1/'; }
# Parts recorded in the checkpoint: one line per part after the header line.
recorded() { if [ -f "$target.cp" ]; then echo $(( $(wc -l < "$target.cp") - 1 )); else echo 0; fi; }

target="$work/out.bin"
total=0
for round in $(seq 1 "$kills"); do
    done_before=$(recorded)
    curl -fsS -X DELETE "$admin/counters" >/dev/null
    "$cli" -t $threads -p $part "$bucket" "$key" "$target" 2>/dev/null &
    pid=$!
    want=$(( done_before + 6 + round * 3 ))
    for _ in $(seq 1 400); do
        [ "$(recorded)" -ge "$want" ] && break
        sleep 0.05
    done
    kill -KILL $pid 2>/dev/null || true
    wait $pid 2>/dev/null || true
    got=$(fetched)
    total=$((total + got))
    missing=$(( size - done_before * part ))
    bound=$(( missing + threads * part ))
    echo "round $round: checkpoint had $done_before parts, run fetched $got bytes (bound $bound), now $(recorded) parts"
    [ "$got" -le "$bound" ] || { echo "FAIL: fetched more than missing + threads x part size"; exit 1; }
    [ ! -e "$target" ] || { echo "FAIL: target exists after a kill"; exit 1; }
done

curl -fsS -X DELETE "$admin/faults" >/dev/null
curl -fsS -X DELETE "$admin/counters" >/dev/null
done_before=$(recorded)
"$cli" -t $threads -p $part "$bucket" "$key" "$target" 2>/dev/null >/dev/null
got=$(fetched)
total=$((total + got))
missing=$(( size - done_before * part ))
echo "final run: checkpoint had $done_before parts, fetched $got bytes (missing $missing)"
[ "$got" -le $(( missing + threads * part )) ] || { echo "FAIL: final run fetched too much"; exit 1; }
[ "$total" -le $(( size + (kills + 1) * threads * part )) ] || { echo "FAIL: total $total over bound"; exit 1; }
[ ! -e "$target.cp" ] && [ ! -e "$target.tmp" ] || { echo "FAIL: checkpoint or temp left behind"; exit 1; }
want=$(sha256sum "$root/$bucket/$key" | cut -d' ' -f1)
have=$(sha256sum "$target" | cut -d' ' -f1)
[ "$want" = "$have" ] || { echo "FAIL: sha256 differs"; exit 1; }
echo "PASS: $kills kills, $total bytes fetched in all for a $size-byte object, sha256 matches"
