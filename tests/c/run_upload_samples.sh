#!/usr/bin/env bash
# Runs the official multipart and resumable samples, unchanged but for the placeholders of their
# oss_config.c, against the local server (run through with_server.sh): oss_multipart_upload_sample.c
# (parts from buffers and from a file, list, complete, abort) and oss_resumable_sample.c (resumable
# upload with and without checkpoint, then resumable download of both objects). Linked with
# -loss_c_sdk alone. Every step must print "succeeded" and none "failed"; the downloaded files must
# equal the uploaded one.
# Usage: run_upload_samples.sh <cc> <include dir> <samples dir> <library dir>
set -euo pipefail
cc=$1 include=$2 samples=$3 libdir=$4

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
sed -e "s|<your endpoint>|$OSS_ENDPOINT|" -e "s|<your access key id>|$OSS_ACCESS_KEY_ID|" \
    -e "s|<your access key secret>|$OSS_ACCESS_KEY_SECRET|" -e "s|<your bucket name>|$OSS_BUCKET|" \
    -e "s|<your object key>|sample/object.bin|" -e "s|<your local file>|multipart_file.bin|" \
    "$samples/oss_config.c" > "$work/oss_config.c"
cat > "$work/run.c" <<'C'
#include <stdio.h>
#include "aos_http_io.h"
void multipart_object_sample(void);
void resumable_upload_sample(void);
void resumable_download_sample(void);
int main(void) {
    if (aos_http_io_initialize(NULL, 0) != AOSE_OK) return 1;
    multipart_object_sample();
    resumable_upload_sample();
    resumable_download_sample();
    aos_http_io_deinitialize();
    return 0;
}
C
for src in oss_multipart_upload_sample.c oss_resumable_sample.c oss_sample_util.c; do
    "$cc" -std=gnu99 -w -I "$include" -I "$samples" -c "$samples/$src" -o "$work/${src%.c}.o"
done
"$cc" -std=gnu99 -w -I "$include" -I "$samples" -c "$work/oss_config.c" -o "$work/oss_config.o"
"$cc" -std=gnu99 -w -I "$include" -c "$work/run.c" -o "$work/run.o"
"$cc" -o "$work/samples" "$work"/*.o -L "$libdir" -loss_c_sdk -Wl,-rpath,"$libdir"

cd "$work"
head -c 1300000 /dev/urandom > multipart_file.bin
head -c 3000017 /dev/urandom > local_big_file.zip
./samples > out.txt 2>&1 || { cat out.txt; echo "FAIL: the samples exited with an error"; exit 1; }
cat out.txt
if grep -qi "failed" out.txt; then
    echo "FAIL: a sample step failed"
    exit 1
fi
ok=$(grep -c "succeeded" out.txt || true)
[[ $ok -ge 12 ]] || { echo "FAIL: only $ok steps succeeded"; exit 1; }
cmp local_big_file.zip local_big_file_1.zip && cmp local_big_file.zip local_big_file_2.zip
echo "PASS: the official multipart and resumable samples ran ($ok steps succeeded)"
