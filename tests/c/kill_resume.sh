#!/usr/bin/env bash
# A download SIGKILLed part-way and run again fetches only what is missing. Runs inside
# with_server.sh, with a 64 MiB object test-bucket/kill/object.bin throttled by a fault so that
# a kill lands part-way:
#
#   with_server.sh SERVER --object test-bucket/kill/object.bin=67108864 \
#       --fault 'kind=throttle&bytes_per_sec=4000000&bucket=test-bucket&key=kill/object.bin' \
#       -- kill_resume.sh OSS_DOWNLOAD_BIN [KILLS]
#
# Runs the oss_download CLI (4 threads, 1 MiB parts, checkpoint on), kills it with SIGKILL once
# its checkpoint records a number of parts that grows with each round, and runs it again. The
# server's byte counter must show that each run fetched at most the missing bytes plus one part
# per thread (the parts in flight at the kill), that all runs together fetched at most
# size + runs x threads x part size, and the final file must match the object.
set -euo pipefail
cli=$1
kills=${2:-3}
size=$((64 * 1024 * 1024))
part=$((1024 * 1024))
threads=4
bucket=$OSS_BUCKET
key=kill/object.bin
admin=$OSS_ADMIN
fetched() { curl -fsS "$admin/counters?bucket=$bucket&key=$key" | sed 's/.*"body_bytes":\([0-9]*\).*/\1/'; }
# Parts recorded in the checkpoint: one line per part after the header line.
recorded() { if [ -f "$target.cp" ]; then echo $(( $(wc -l < "$target.cp") - 1 )); else echo 0; fi; }
# Checks one run against the bound: at most what was missing plus the parts in flight.
check_run() {
    local got=$1 done_before=$2
    local bound=$(( size - done_before * part + threads * part ))
    [ "$got" -le "$bound" ] || { echo "FAIL: run fetched $got bytes, bound $bound"; exit 1; }
}

target="$OSS_WORK_DIR/out.bin"
total=0
for round in $(seq 1 "$kills"); do
    done_before=$(recorded)
    curl -fsS -X DELETE "$admin/counters" >/dev/null
    "$cli" -t $threads -p $part "$bucket" "$key" "$target" 2>/dev/null >/dev/null &
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
    echo "round $round: checkpoint had $done_before parts, the run fetched $got bytes, now $(recorded) parts"
    check_run "$got" "$done_before"
    [ ! -e "$target" ] || { echo "FAIL: target exists after a kill"; exit 1; }
done

curl -fsS -X DELETE "$admin/faults" >/dev/null
curl -fsS -X DELETE "$admin/counters" >/dev/null
done_before=$(recorded)
"$cli" -t $threads -p $part "$bucket" "$key" "$target" 2>/dev/null >/dev/null
got=$(fetched)
total=$((total + got))
echo "final run: checkpoint had $done_before parts, fetched $got bytes"
check_run "$got" "$done_before"
[ "$total" -le $(( size + (kills + 1) * threads * part )) ] || { echo "FAIL: total $total over bound"; exit 1; }
[ ! -e "$target.cp" ] && [ ! -e "$target.tmp" ] || { echo "FAIL: checkpoint or temp left behind"; exit 1; }
want=$(sha256sum "$OSS_SERVER_ROOT/$bucket/$key" | cut -d' ' -f1)
have=$(sha256sum "$target" | cut -d' ' -f1)
[ "$want" = "$have" ] || { echo "FAIL: sha256 differs"; exit 1; }
echo "PASS: $kills kills, $total bytes fetched in all for a $size-byte object, sha256 matches"
