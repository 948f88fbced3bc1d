/* A small command-line downloader on oss_resumable_download_file, with a progress bar.
 *
 *   OSS_ENDPOINT=http://127.0.0.1:9000 OSS_ACCESS_KEY_ID=.. OSS_ACCESS_KEY_SECRET=.. [OSS_REGION=..] \
 *       oss_download [-p PART_SIZE] [-t THREADS] [-n] [-C] [-q] BUCKET OBJECT FILE
 *
 * -p part size in bytes (default 8 MiB), -t threads (default 4), -n no checkpoint, -C no CRC-64
 * check, -q no progress bar. With
 * OSS_REGION set, requests are signed with V4. Ctrl-C (SIGINT) or SIGTERM cancels the download
 * cleanly, keeping the checkpoint: run the same command again to resume. Exit status: 0 success,
 * 1 failure, 130 cancelled, 2 usage. The upload twin is oss_upload.c; what they share is in
 * cli_common.h. */
#define _POSIX_C_SOURCE 200809L
#include "cli_common.h"

static aos_status_t *download(oss_request_options_t *options, struct cli_args *a, oss_resumable_clt_params_t *params,
                              oss_progress_callback progress) {
    aos_table_t *resp_headers = NULL;
    return oss_resumable_download_file(options, &a->bucket, &a->object, &a->file, NULL, NULL, params, progress,
                                       &resp_headers);
}

int main(int argc, char *argv[]) { return cli_main(argc, argv, "download", download); }
