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
source "$(dirname "$0")/sample_common.sh"
sample_config "$samples" "$work/oss_config.c" \
    -e "s|<your object key>|sample/object.bin|" -e "s|<your local file>|multipart_file.bin|"
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
sample_build "$cc" "$include" "$samples" "$libdir" "$work" \
    oss_multipart_upload_sample.c oss_resumable_sample.c oss_sample_util.c

cd "$work"
head -c 1300000 /dev/urandom > multipart_file.bin
head -c 3000017 /dev/urandom > local_big_file.zip
ok=$(sample_run)
[[ $ok -ge 12 ]] || { echo "FAIL: only $ok steps succeeded"; exit 1; }
cmp local_big_file.zip local_big_file_1.zip && cmp local_big_file.zip local_big_file_2.zip
echo "PASS: the official multipart and resumable samples ran ($ok steps succeeded)"
