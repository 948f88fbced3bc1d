#!/usr/bin/env bash
# A download SIGKILLed at random moments and run again each time ends with the exact bytes,
# fetching at most what was missing. Runs inside with_server.sh, with the object throttled by a
# fault so that kills land part-way:
#
#   with_server.sh SERVER --object test-bucket/kill/object.bin=67108864 \
#       --fault 'kind=throttle&bytes_per_sec=4000000&bucket=test-bucket&key=kill/object.bin' \
#       -- kill_resume.sh OSS_DOWNLOAD_BIN [KILLS] [SEED]
#
# The object, part size and threads come from the environment (defaults: KR_KEY=kill/object.bin,
# KR_SIZE=67108864, KR_PART=1048576, KR_THREADS=4); the kill moments (KR_MIN_MS..KR_MAX_MS after
# each start, default 150..1200) from a generator seeded with SEED (default 1), so a run repeats.
# Runs the oss_download CLI (checkpoint on), SIGKILLs it KILLS times, then lets it finish with
# the throttle removed. The server's byte counter (admin API) must show that each run fetched at
# most what its checkpoint lacked plus one part per thread, and all runs together at most
# size + kills x threads x part size; the final file must match the object. The crash-resume
# soak (ctest label `soak`) is this with a 1 GiB object and 30 kills.
set -euo pipefail
default_key=kill/object.bin
. "$(dirname "${BASH_SOURCE[0]}")/../common/kill_rounds.sh" "$@"
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
started=$(date +%s)
for round in $(seq 1 "$kills"); do
    done_before=$(recorded)
    curl -fsS -X DELETE "$admin/counters" >/dev/null
    kill_part_way "$bucket" "$key" "$target" || break
    got=$(fetched)
    total=$((total + got))
    echo "round $round: killed after ${delay_ms} ms; checkpoint had $done_before parts, the run fetched $got bytes, now $(recorded) parts"
    check_run "$got" "$done_before"
    [ ! -e "$target" ] || { echo "FAIL: target exists after a kill"; exit 1; }
done

curl -fsS -X DELETE "$admin/faults" >/dev/null
curl -fsS -X DELETE "$admin/counters" >/dev/null
done_before=$(recorded)
if [ ! -e "$target" ]; then
    "$cli" -t "$threads" -p "$part" "$bucket" "$key" "$target" 2>/dev/null >/dev/null
fi
got=$(fetched)
total=$((total + got))
echo "final run: checkpoint had $done_before parts, fetched $got bytes"
check_run "$got" "$done_before"
bound=$(( size + killed * threads * part ))
[ "$total" -le "$bound" ] || { echo "FAIL: total $total over bound $bound"; exit 1; }
[ ! -e "$target.cp" ] && [ ! -e "$target.tmp" ] || { echo "FAIL: checkpoint or temp left behind"; exit 1; }
want=$(sha256sum "$OSS_SERVER_ROOT/$bucket/$key" | cut -d' ' -f1)
have=$(sha256sum "$target" | cut -d' ' -f1)
[ "$want" = "$have" ] || { echo "FAIL: sha256 differs"; exit 1; }
echo "PASS: $killed kills (seed $seed), $total bytes fetched in all for a $size-byte object" \
     "(bound $bound, $(( total - size )) re-fetched), $(( $(date +%s) - started )) s, sha256 matches"
