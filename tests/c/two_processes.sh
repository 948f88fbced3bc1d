#!/usr/bin/env bash
# Two processes downloading to one target at once: the second gets a clear error (the lock on
# <target>.tmp), the first finishes with the exact bytes. Runs inside with_server.sh with a
# 16 MiB object test-bucket/shared.bin, throttled so that the first download is still running:
#
#   with_server.sh SERVER --object test-bucket/shared.bin=16777216 \
#       --fault 'kind=throttle&bytes_per_sec=4000000&bucket=test-bucket&key=shared.bin' \
#       -- two_processes.sh OSS_DOWNLOAD_BIN
set -euo pipefail
cli=$1
bucket=$OSS_BUCKET
key=shared.bin
target="$OSS_WORK_DIR/out.bin"

"$cli" -t 2 -p 1048576 "$bucket" "$key" "$target" >first.log 2>/dev/null &
first=$!
for _ in $(seq 1 200); do [ -e "$target.tmp" ] && break; sleep 0.05; done
set +e
"$cli" -t 2 -p 1048576 "$bucket" "$key" "$target" >second.log 2>/dev/null
second_rc=$?
wait $first
first_rc=$?
set -e
cat second.log
[ $second_rc -eq 1 ] || { echo "FAIL: the second download exited $second_rc"; exit 1; }
grep -q "OpenFileFail" second.log && grep -q "in progress" second.log || { echo "FAIL: no lock error"; exit 1; }
[ $first_rc -eq 0 ] || { echo "FAIL: the first download exited $first_rc"; cat first.log; exit 1; }
want=$(sha256sum "$OSS_SERVER_ROOT/$bucket/$key" | cut -d' ' -f1)
have=$(sha256sum "$target" | cut -d' ' -f1)
[ "$want" = "$have" ] || { echo "FAIL: sha256 differs"; exit 1; }
echo "PASS: the second process was refused, the first produced the exact object"
