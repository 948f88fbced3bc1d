#!/usr/bin/env bash
# Runs the official select sample (oss_select_object_sample.c), unchanged but for the placeholders
# of its oss_config.c, against the local server (run through with_server.sh). The sample names its
# own bucket ("oss-select") and object ("city_sample_data.csv"): this harness creates them with the
# library first. Linked with -loss_c_sdk alone. Its three steps (select to a buffer, to a file,
# create the meta) must print "succeeded", none "failed"; the file must hold the first 10 records.
# Usage: run_select_sample.sh <cc> <include dir> <samples dir> <library dir>
set -euo pipefail
cc=$1 include=$2 samples=$3 libdir=$4

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
source "$(dirname "$0")/sample_common.sh"
sample_config "$samples" "$work/oss_config.c"
cat > "$work/run.c" <<'C'
#include <stdio.h>
#include <string.h>
#include "oss_api.h"
#include "aos_http_io.h"
#include "oss_sample_util.h"
void select_object_sample(void);

/* The bucket and CSV object the sample reads: 30 records "city_N,N,province_N%3". */
static int prepare(void) {
    aos_pool_t *p;
    aos_pool_create(&p, NULL);
    oss_request_options_t *options = oss_request_options_create(p);
    init_sample_request_options(options, 0);
    aos_string_t bucket, object;
    aos_table_t *resp_headers = NULL;
    aos_str_set(&bucket, "oss-select");
    aos_str_set(&object, "city_sample_data.csv");
    aos_status_t *s = oss_create_bucket(options, &bucket, OSS_ACL_PRIVATE, &resp_headers);
    int ok = aos_status_is_ok(s);
    aos_list_t body;
    aos_list_init(&body);
    for (int i = 0; i < 30; i++) {
        char *line = apr_psprintf(p, "city_%d,%d,province_%d\n", i, i * 1000, i % 3);
        aos_buf_t *b = aos_buf_pack(p, line, (int)strlen(line));
        aos_list_add_tail(&b->node, &body);
    }
    s = oss_put_object_from_buffer(options, &bucket, &object, &body, NULL, &resp_headers);
    ok = ok && aos_status_is_ok(s);
    aos_pool_destroy(p);
    return ok;
}

int main(void) {
    if (aos_http_io_initialize(NULL, 0) != AOSE_OK) return 1;
    if (!prepare()) { printf("preparing the sample's bucket failed\n"); return 1; }
    select_object_sample();
    aos_http_io_deinitialize();
    return 0;
}
C
sample_build "$cc" "$include" "$samples" "$libdir" "$work" oss_select_object_sample.c oss_sample_util.c

cd "$work"
ok=$(sample_run)
[[ $ok -eq 3 ]] || { echo "FAIL: $ok of 3 steps succeeded"; exit 1; }
expected=$(for i in $(seq 0 9); do echo "city_$i,$((i * 1000)),province_$((i % 3))"; done)
[[ "$(cat city_sample_data_part.csv)" == "$expected" ]] || { echo "FAIL: the selected file differs"; exit 1; }
echo "PASS: the official select sample ran ($ok steps succeeded, 10 records selected to a file)"
