/* A small command-line downloader on oss_resumable_download_file, with a progress bar.
 *
 *   OSS_ENDPOINT=http://127.0.0.1:9000 OSS_ACCESS_KEY_ID=.. OSS_ACCESS_KEY_SECRET=.. [OSS_REGION=..] \
 *       oss_download [-p PART_SIZE] [-t THREADS] [-n] [-C] [-q] BUCKET OBJECT FILE
 *
 * -p part size in bytes (default 8 MiB), -t threads (default 4), -n no checkpoint, -C no CRC-64
 * check, -q no progress bar. With
 * OSS_REGION set, requests are signed with V4. Ctrl-C (SIGINT) or SIGTERM cancels the download
 * cleanly, keeping the checkpoint: run the same command again to resume. Exit status: 0 success,
 * 1 failure, 130 cancelled, 2 usage. */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <signal.h>
#include <time.h>
#include <unistd.h>

#include "aos_http_io.h"
#include "oss_api.h"

static struct timespec started;
/* Bytes already done when this run started (resumed from a checkpoint). */
static int64_t resumed_from = -1;

static double seconds_since_start(void) {
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - started.tv_sec) + (double)(now.tv_nsec - started.tv_nsec) / 1e9;
}

/* Called on the downloading thread, about every 1% or 4 MiB. */
static void show_progress(int64_t done, int64_t total) {
    const int width = 40;
    if (resumed_from < 0) resumed_from = done;
    double fraction = total > 0 ? (double)done / (double)total : 1.0;
    int filled = (int)(fraction * width);
    double elapsed = seconds_since_start();
    char bar[41];
    for (int i = 0; i < width; i++) bar[i] = i < filled ? '#' : '.';
    bar[width] = '\0';
    fprintf(stderr, "\r[%s] %5.1f%%  %8.1f / %.1f MiB  %7.1f MiB/s", bar, fraction * 100.0,
            (double)done / 1048576.0, (double)total / 1048576.0,
            elapsed > 0 ? (double)(done - resumed_from) / 1048576.0 / elapsed : 0.0);
    if (done == total) fputc('\n', stderr);
}

/* Waits for SIGINT/SIGTERM (blocked everywhere else) and cancels the running download. */
static void *cancel_on_signal(void *ctl) {
    sigset_t set;
    int sig;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    if (sigwait(&set, &sig) == 0) {
        fprintf(stderr, "\ncancelling (signal %d); run again to resume\n", sig);
        aos_http_controller_cancel((aos_http_controller_t *)ctl);
    }
    return NULL;
}

int main(int argc, char *argv[]) {
    int64_t part_size = 8 * 1024 * 1024;
    int threads = 4, checkpoint = AOS_TRUE, crc = AOS_TRUE, quiet = 0, opt;
    while ((opt = getopt(argc, argv, "p:t:nCq")) != -1) {
        switch (opt) {
            case 'p': part_size = atoll(optarg); break;
            case 't': threads = atoi(optarg); break;
            case 'n': checkpoint = AOS_FALSE; break;
            case 'C': crc = AOS_FALSE; break;
            case 'q': quiet = 1; break;
            default: optind = argc + 1;
        }
    }
    const char *endpoint = getenv("OSS_ENDPOINT"), *ak = getenv("OSS_ACCESS_KEY_ID"),
               *sk = getenv("OSS_ACCESS_KEY_SECRET"), *region = getenv("OSS_REGION");
    if (argc - optind != 3 || !endpoint || !ak || !sk) {
        fprintf(stderr, "usage: OSS_ENDPOINT=.. OSS_ACCESS_KEY_ID=.. OSS_ACCESS_KEY_SECRET=.. [OSS_REGION=..] "
                        "%s [-p PART_SIZE] [-t THREADS] [-n] [-C] [-q] BUCKET OBJECT FILE\n", argv[0]);
        return 2;
    }
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &set, NULL);

    if (aos_http_io_initialize("oss_download", 0) != AOSE_OK) return 1;
    aos_pool_t *pool;
    aos_pool_create(&pool, NULL);
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
    options->ctl->options->enable_crc = crc;

    pthread_t canceller;
    pthread_create(&canceller, NULL, cancel_on_signal, options->ctl);
    pthread_detach(canceller);

    aos_string_t bucket, object, file;
    aos_str_set(&bucket, argv[optind]);
    aos_str_set(&object, argv[optind + 1]);
    aos_str_set(&file, argv[optind + 2]);
    oss_resumable_clt_params_t *params =
        oss_create_resumable_clt_params_content(pool, part_size, threads, checkpoint, NULL);
    aos_table_t *resp_headers = NULL;
    clock_gettime(CLOCK_MONOTONIC, &started);
    aos_status_t *s = oss_resumable_download_file(options, &bucket, &object, &file, NULL, NULL, params,
                                                  quiet ? NULL : show_progress, &resp_headers);
    int rc;
    if (aos_status_is_ok(s)) {
        printf("downloaded %s/%s to %s in %.2f s\n", argv[optind], argv[optind + 1], argv[optind + 2],
               seconds_since_start());
        rc = 0;
    } else {
        printf("download failed: code %d, %s: %s (request id %s)\n", s->code, s->error_code ? s->error_code : "-",
               s->error_msg ? s->error_msg : "-", s->req_id ? s->req_id : "-");
        rc = s->code == AOSE_ABORT_CALLBACK ? 130 : 1;
    }
    aos_pool_destroy(pool);
    aos_http_io_deinitialize();
    return rc;
}
