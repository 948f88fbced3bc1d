/* A small command-line uploader on oss_resumable_upload_file, with a progress bar: the twin of
 * oss_download.c (what they share is in cli_common.h).
 *
 *   OSS_ENDPOINT=http://127.0.0.1:9000 OSS_ACCESS_KEY_ID=.. OSS_ACCESS_KEY_SECRET=.. [OSS_REGION=..] \
 *       oss_upload [-p PART_SIZE] [-t THREADS] [-n] [-C] [-q] BUCKET OBJECT FILE
 *
 * Uploads FILE as BUCKET/OBJECT (the same argument order as oss_download). -p part size in bytes
 * (default 8 MiB), -t threads (default 4), -n no checkpoint (a failed upload is then aborted on
 * the server), -C no check of the object's CRC-64 (each part's is always checked), -q no progress
 * bar. With OSS_REGION set, requests are signed with V4. Ctrl-C (SIGINT) or SIGTERM cancels the
 * upload cleanly, keeping the checkpoint (FILE.ucp) and the parts on the server: run the same
 * command again to resume. Exit status: 0 success, 1 failure, 130 cancelled, 2 usage. */
#define _POSIX_C_SOURCE 200809L
#include "cli_common.h"

static aos_status_t *upload(oss_request_options_t *options, struct cli_args *a, oss_resumable_clt_params_t *params,
                            oss_progress_callback progress) {
    aos_table_t *resp_headers = NULL;
    return oss_resumable_upload_file(options, &a->bucket, &a->object, &a->file, NULL, NULL, params, progress,
                                     &resp_headers, NULL);
}

int main(int argc, char *argv[]) { return cli_main(argc, argv, "upload", upload); }
