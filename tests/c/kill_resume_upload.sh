#!/usr/bin/env bash
# The upload twin of kill_resume.sh: an upload SIGKILLed at random moments and run again each time
# ends with the object exactly the file, sending at most what was missing. Runs inside
# with_server.sh, with the key's request bodies throttled by a fault so that kills land part-way:
#
#   with_server.sh SERVER \
#       --fault 'kind=throttle&on=request&bytes_per_sec=4000000&bucket=test-bucket&key=kill/upload.bin' \
#       -- kill_resume_upload.sh OSS_UPLOAD_BIN [KILLS] [SEED]
#
# The key, file size, part size and threads come from the environment (defaults:
# KR_KEY=kill/upload.bin, KR_SIZE=67108864, KR_PART=1048576, KR_THREADS=4); the kill moments
# (KR_MIN_MS..KR_MAX_MS after each start, default 150..1200) and the file's bytes from SEED
# (default 1), so a run repeats. Runs the oss_upload CLI (checkpoint on), SIGKILLs it KILLS times,
# then lets it finish with the throttle removed. The server's per-part received-byte counters
# (admin API, for the upload id the checkpoint names) must show that each run sent at most what
# its checkpoint lacked plus one part per thread, and all runs together at most
# size + kills x threads x part size; the object must be the file (sha256), and no checkpoint
# may be left. The upload crash-resume soak (ctest label `soak`) is this with a larger file.
set -euo pipefail
default_key=kill/upload.bin
. "$(dirname "${BASH_SOURCE[0]}")/../common/kill_rounds.sh" "$@"

file="$OSS_WORK_DIR/upload.bin"
checkpoint="$file.ucp"
# The file: SEED's AES-CTR key stream (fast, and the same bytes for the same seed).
# (`|| true`: head's early exit ends openssl with SIGPIPE, which pipefail would count.)
{ openssl enc -aes-128-ctr -nosalt -pass "pass:kill-resume-upload-$seed" -pbkdf2 </dev/zero 2>/dev/null || true; } |
    head -c "$size" >"$file"
[ "$(stat -c %s "$file")" = "$size" ] || { echo "FAIL: could not make the $size-byte file"; exit 1; }

# Bytes the checkpoint records as stored (the length field of each part record).
recorded() { if [ -f "$checkpoint" ]; then awk '$1 == "P" { s += $3 } END { print s + 0 }' "$checkpoint"; else echo 0; fi; }
# The upload id the checkpoint's header names (empty without a checkpoint).
upload_id() { [ -f "$checkpoint" ] && head -n 1 "$checkpoint" | sed -n 's/.*"upload_id":"\([^"]*\)".*/\1/p' || true; }
# Part body bytes the server received for upload $1 since the counters were reset.
part_bytes() {
    [ -n "$1" ] || { echo 0; return; }
    curl -fsS "$admin/counters?upload=$1" | grep -o '"received_bytes":[0-9]*' | tail -n +2 |
        awk -F: '{ s += $2 } END { print s + 0 }'
}
# Checks one run against the bound: at most what was missing plus the parts in flight.
check_run() {
    local got=$1 done_before=$2
    local bound=$(( size - done_before + threads * part ))
    [ "$got" -le "$bound" ] || { echo "FAIL: run sent $got bytes, bound $bound"; exit 1; }
}

total=0
finished_id=
started=$(date +%s)
for round in $(seq 1 "$kills"); do
    done_before=$(recorded)
    id_before=$(upload_id)
    curl -fsS -X DELETE "$admin/counters" >/dev/null
    kill_part_way "$bucket" "$key" "$file" || { finished_id=${id_before:-none}; break; }
    id=$(upload_id)
    if [ -z "$id" ] && [ -n "$id_before" ] && [ -f "$OSS_SERVER_ROOT/$bucket/$key" ]; then
        # Killed on its way out: the upload was complete and the checkpoint removed.
        echo "round $round: killed after ${delay_ms} ms, once the upload had finished"
        finished_id=$id_before
        break
    fi
    [ -z "$id_before" ] || [ "$id" = "$id_before" ] || { echo "FAIL: the upload id changed"; exit 1; }
    got=$(settled part_bytes "$id")
    total=$((total + got))
    echo "round $round: killed after ${delay_ms} ms; checkpoint had $done_before bytes, the run sent $got, now $(recorded)"
    check_run "$got" "$done_before"
done

curl -fsS -X DELETE "$admin/faults" >/dev/null
if [ -n "$finished_id" ]; then
    id=$finished_id # the last round's run finished: its bytes are the final run's
else
    curl -fsS -X DELETE "$admin/counters" >/dev/null
    done_before=$(recorded)
    id=$(upload_id)
    "$cli" -q -t "$threads" -p "$part" "$bucket" "$key" "$file" >/dev/null
fi
got=$(part_bytes "$id")
total=$((total + got))
echo "final run: checkpoint had $done_before bytes, sent $got"
check_run "$got" "$done_before"
bound=$(( size + killed * threads * part ))
[ "$total" -le "$bound" ] || { echo "FAIL: total $total over bound $bound"; exit 1; }
if ls "$checkpoint"* >/dev/null 2>&1; then echo "FAIL: checkpoint left behind: $(ls "$checkpoint"*)"; exit 1; fi
want=$(sha256sum "$file" | cut -d' ' -f1)
have=$(sha256sum "$OSS_SERVER_ROOT/$bucket/$key" | cut -d' ' -f1)
[ "$want" = "$have" ] || { echo "FAIL: sha256 differs"; exit 1; }
echo "PASS: $killed kills (seed $seed), $total part bytes received in all for a $size-byte file" \
     "(bound $bound, $(( total - size )) re-sent), $(( $(date +%s) - started )) s, sha256 matches"
