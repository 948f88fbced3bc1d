#!/usr/bin/env bash
# Runs the seed's C++ program inside with_server.sh (with the object
# test-bucket/exampledir/exampleobject.txt) and checks what the seed promises.
#
#   with_server.sh SERVER --object test-bucket/exampledir/exampleobject.txt=SIZE \
#       -- seed_check.sh [--kill-first] COMMAND...
#
# Plain: COMMAND exits 0, $OSS_WORK_DIR/examplefile.txt equals the server's object byte for byte,
# and the checkpoint directory (the work directory) holds nothing else: the checkpoint file was
# removed, no temp file is left.
# --kill-first (with a throttle fault on the object): the first run is killed with SIGKILL once
# its checkpoint file (oss-download-*.cp in the work directory) records a part; a second run
# resumes, and the server's byte counter must show that it fetched exactly the parts the
# checkpoint did not record.
set -euo pipefail
kill_first=0
if [ "${1:-}" = --kill-first ]; then kill_first=1; shift; fi
bucket=$OSS_BUCKET
key=exampledir/exampleobject.txt
object="$OSS_SERVER_ROOT/$bucket/$key"
target="$OSS_WORK_DIR/examplefile.txt"
size=$(stat -c %s "$object")
admin=$OSS_ADMIN
. "$(dirname "${BASH_SOURCE[0]}")/../common/admin.sh"
# Bytes the checkpoint records as done: the <len> field of its "P <index> <len> ..." lines.
recorded() { cat "$OSS_WORK_DIR"/oss-download-*.cp 2>/dev/null | awk '$1 == "P" { n += $3 } END { print n + 0 }'; }

if [ "$kill_first" = 1 ]; then
    "$@" >/dev/null 2>&1 &
    pid=$!
    for _ in $(seq 1 600); do
        [ "$(recorded)" -gt 0 ] && break
        sleep 0.05
    done
    kill -KILL $pid 2>/dev/null || true
    wait $pid 2>/dev/null || true
    done_before=$(recorded)
    [ "$done_before" -gt 0 ] || { echo "FAIL: no part was recorded before the kill"; exit 1; }
    [ ! -e "$target" ] || { echo "FAIL: the target exists after the kill"; exit 1; }
    ls "$OSS_WORK_DIR"/oss-download-*.cp >/dev/null || { echo "FAIL: no checkpoint in the directory"; exit 1; }
    curl -fsS -X DELETE "$OSS_ADMIN/faults" >/dev/null
    sleep 0.3 # the killed run's connections close before the counters are zeroed
    curl -fsS -X DELETE "$OSS_ADMIN/counters" >/dev/null
    echo "killed part-way with $done_before of $size bytes recorded in the checkpoint"
fi

set +e
"$@"
status=$?
set -e
[ "$status" = 0 ] || { echo "FAIL: the program exited with status $status"; exit 1; }
cmp "$object" "$target" || { echo "FAIL: the downloaded file differs from the server's object"; exit 1; }
left=$(ls -A "$OSS_WORK_DIR")
[ "$left" = examplefile.txt ] || { echo "FAIL: the work directory holds more than the file: $left"; exit 1; }
if [ "$kill_first" = 1 ]; then
    got=$(fetched)
    [ "$got" = $((size - done_before)) ] || { echo "FAIL: the resumed run fetched $got bytes, expected $((size - done_before))"; exit 1; }
    echo "PASS: resumed from the checkpoint directory, fetched $got of $size bytes, file identical to the server's object"
else
    echo "PASS: downloaded $size bytes identical to the server's object; no checkpoint or temp file left"
fi
