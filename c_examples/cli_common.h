/* What the command-line examples oss_download and oss_upload share: the progress bar, the
 * cancel-on-signal thread and the request options built from the environment
 * (OSS_ENDPOINT, OSS_ACCESS_KEY_ID, OSS_ACCESS_KEY_SECRET, OSS_REGION for V4). A header of
 * static functions, so that each example stays one self-contained program. */
#ifndef OSS_C_SDK_CLI_COMMON_H
#define OSS_C_SDK_CLI_COMMON_H

#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "aos_http_io.h"
#include "oss_api.h"

static struct timespec cli_started;
/* Bytes already done when this run started (resumed from a checkpoint). */
static int64_t cli_resumed_from = -1;

static void cli_start_clock(void) { clock_gettime(CLOCK_MONOTONIC, &cli_started); }

static double cli_seconds(void) {
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - cli_started.tv_sec) + (double)(now.tv_nsec - cli_started.tv_nsec) / 1e9;
}

/* Called on the transferring thread, about every 1% or 4 MiB; the speed counts this run's bytes. */
static void cli_show_progress(int64_t done, int64_t total) {
    const int width = 40;
    if (cli_resumed_from < 0) cli_resumed_from = done;
    double fraction = total > 0 ? (double)done / (double)total : 1.0;
    int filled = (int)(fraction * width);
    double elapsed = cli_seconds();
    char bar[41];
    for (int i = 0; i < width; i++) bar[i] = i < filled ? '#' : '.';
    bar[width] = '\0';
    fprintf(stderr, "\r[%s] %5.1f%%  %8.1f / %.1f MiB  %7.1f MiB/s", bar, fraction * 100.0,
            (double)done / 1048576.0, (double)total / 1048576.0,
            elapsed > 0 ? (double)(done - cli_resumed_from) / 1048576.0 / elapsed : 0.0);
    if (done == total) fputc('\n', stderr);
}

static void cli_signal_set(sigset_t *set) {
    sigemptyset(set);
    sigaddset(set, SIGINT);
    sigaddset(set, SIGTERM);
}

/* Waits for SIGINT/SIGTERM (blocked everywhere else) and cancels the running transfer. */
static void *cli_cancel_on_signal(void *ctl) {
    sigset_t set;
    int sig;
    cli_signal_set(&set);
    if (sigwait(&set, &sig) == 0) {
        fprintf(stderr, "\ncancelling (signal %d); run again to resume\n", sig);
        aos_http_controller_cancel((aos_http_controller_t *)ctl);
    }
    return NULL;
}

/* Blocks SIGINT/SIGTERM in every thread and starts the thread that turns them into a cancel of
 * `ctl` (call before the library starts any thread). */
static void cli_cancel_on_signals(aos_http_controller_t *ctl) {
    sigset_t set;
    pthread_t canceller;
    cli_signal_set(&set);
    pthread_sigmask(SIG_BLOCK, &set, NULL);
    pthread_create(&canceller, NULL, cli_cancel_on_signal, ctl);
    pthread_detach(canceller);
}

/* Request options from the environment, or NULL (after a usage line) when a variable is missing. */
static oss_request_options_t *cli_options(aos_pool_t *pool, int enable_crc) {
    const char *endpoint = getenv("OSS_ENDPOINT"), *ak = getenv("OSS_ACCESS_KEY_ID"),
               *sk = getenv("OSS_ACCESS_KEY_SECRET"), *region = getenv("OSS_REGION");
    if (!endpoint || !ak || !sk) return NULL;
    oss_request_options_t *options = oss_request_options_create(pool);
    options->config = oss_config_create(options->pool);
    aos_str_set(&options->config->endpoint, endpoint);
    aos_str_set(&options->config->access_key_id, ak);
    aos_str_set(&options->config->access_key_secret, sk);
    if (region && *region) {
        options->config->signature_version = 4;
        aos_str_set(&options->config->region, region);
    }
    options->ctl = aos_http_controller_create(options->pool, 0);
    options->ctl->options = aos_http_request_options_create(options->pool);
    options->ctl->options->enable_crc = enable_crc;
    return options;
}

/* The command line both examples take: [-p PART_SIZE] [-t THREADS] [-n] [-C] [-q] BUCKET OBJECT FILE. */
struct cli_args {
    int64_t part_size;
    int threads, checkpoint, crc, quiet;
    aos_string_t bucket, object, file;
};

/* Parses the command line; 0, or 2 (after a usage line) when it or the environment is incomplete. */
static int cli_parse(int argc, char *argv[], struct cli_args *a) {
    int opt;
    a->part_size = 8 * 1024 * 1024;
    a->threads = 4;
    a->checkpoint = AOS_TRUE;
    a->crc = AOS_TRUE;
    a->quiet = 0;
    while ((opt = getopt(argc, argv, "p:t:nCq")) != -1) {
        switch (opt) {
            case 'p': a->part_size = atoll(optarg); break;
            case 't': a->threads = atoi(optarg); break;
            case 'n': a->checkpoint = AOS_FALSE; break;
            case 'C': a->crc = AOS_FALSE; break;
            case 'q': a->quiet = 1; break;
            default: optind = argc + 1;
        }
    }
    if (argc - optind != 3 || !getenv("OSS_ENDPOINT") || !getenv("OSS_ACCESS_KEY_ID") ||
        !getenv("OSS_ACCESS_KEY_SECRET")) {
        fprintf(stderr, "usage: OSS_ENDPOINT=.. OSS_ACCESS_KEY_ID=.. OSS_ACCESS_KEY_SECRET=.. [OSS_REGION=..] "
                        "%s [-p PART_SIZE] [-t THREADS] [-n] [-C] [-q] BUCKET OBJECT FILE\n", argv[0]);
        return 2;
    }
    aos_str_set(&a->bucket, argv[optind]);
    aos_str_set(&a->object, argv[optind + 1]);
    aos_str_set(&a->file, argv[optind + 2]);
    return 0;
}

/* Reports a failed transfer (`what`: "download", "upload"); the exit status: 130 cancelled, else 1. */
static int cli_failed(const aos_status_t *s, const char *what) {
    printf("%s failed: code %d, %s: %s (request id %s)\n", what, s->code, s->error_code ? s->error_code : "-",
           s->error_msg ? s->error_msg : "-", s->req_id ? s->req_id : "-");
    return s->code == AOSE_ABORT_CALLBACK ? 130 : 1;
}

/* One transfer of the file: oss_resumable_download_file or oss_resumable_upload_file. */
typedef aos_status_t *(*cli_transfer_fn)(oss_request_options_t *options, struct cli_args *a,
                                         oss_resumable_clt_params_t *params, oss_progress_callback progress);

/* The whole program: parse, set up, run `transfer` (`what`: "download" or "upload"), report. */
static int cli_main(int argc, char *argv[], const char *what, cli_transfer_fn transfer) {
    struct cli_args a;
    int upload = what[0] == 'u';
    if (cli_parse(argc, argv, &a) != 0) return 2;
    if (aos_http_io_initialize(upload ? "oss_upload" : "oss_download", 0) != AOSE_OK) return 1;
    aos_pool_t *pool;
    aos_pool_create(&pool, NULL);
    oss_request_options_t *options = cli_options(pool, a.crc);
    cli_cancel_on_signals(options->ctl);
    oss_resumable_clt_params_t *params =
        oss_create_resumable_clt_params_content(pool, a.part_size, a.threads, a.checkpoint, NULL);
    cli_start_clock();
    aos_status_t *s = transfer(options, &a, params, a.quiet ? NULL : cli_show_progress);
    int rc = 0;
    if (!aos_status_is_ok(s)) {
        rc = cli_failed(s, what);
    } else if (upload) {
        printf("uploaded %s to %s/%s in %.2f s\n", a.file.data, a.bucket.data, a.object.data, cli_seconds());
    } else {
        printf("downloaded %s/%s to %s in %.2f s\n", a.bucket.data, a.object.data, a.file.data, cli_seconds());
    }
    aos_pool_destroy(pool);
    aos_http_io_deinitialize();
    return rc;
}

#endif
