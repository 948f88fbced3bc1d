/* aos_http_controller_cancel on single calls, through the C API against the local OSS server
 * (run by with_server.sh with test-bucket/get.bin (64 MiB) sent at 1 MiB/s and every request body
 * for test-bucket/put.bin read at 1 MiB/s): another thread cancels a PUT from a buffer list, an
 * upload part, a resumable upload without checkpoint, a GET to a file and a GET to a buffer while
 * they crawl. Each returns promptly with AOSE_ABORT_CALLBACK and leaves nothing written: no
 * object, no part, no unfinished upload, no target file, no .tmp. */
#include <pthread.h>
#include <time.h>
#include <unistd.h>

#include "net_util.h"
#include "test_util.h"

#define MIB (1024 * 1024)
/* 64 s at the throttle, far more than loopback socket buffers swallow: a PUT cut short can never
 * have handed the server its whole body. */
#define PIECES 64
/* "Returns promptly", generously (valgrind included); uncancelled, 64 s. */
#define BOUND_SECONDS 20

static char piece[MIB];
static aos_string_t bucket;

typedef struct {
    aos_http_controller_t *ctl;
    int cancelled; /* AOSE_OK once a cancel reached a running call */
} canceller_t;

static void sleep_ms(long ms) {
    struct timespec t = {ms / 1000, (ms % 1000) * 1000 * 1000};
    nanosleep(&t, NULL);
}

/* Cancels once the call is under way: first after 300 ms, then until a call was running to be
 * cancelled (a slow start under valgrind), at most 20 s. */
static void *cancel_soon(void *arg) {
    canceller_t *c = arg;
    sleep_ms(300);
    for (int i = 0; i < 400 && c->cancelled != AOSE_OK; i++) {
        c->cancelled = aos_http_controller_cancel(c->ctl);
        if (c->cancelled != AOSE_OK) sleep_ms(50);
    }
    return NULL;
}

static double now_s(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static pthread_t canceller_thread;
static canceller_t canceller;
static double started;

static void start_canceller(oss_request_options_t *options) {
    canceller.ctl = options->ctl;
    canceller.cancelled = -1;
    started = now_s();
    CHECK_INT(pthread_create(&canceller_thread, NULL, cancel_soon, &canceller), 0);
}

/* The call returned `s`: it was cancelled, promptly. */
static void check_cancelled(aos_status_t *s, const char *what) {
    double took = now_s() - started;
    pthread_join(canceller_thread, NULL);
    CHECK_INT(canceller.cancelled, AOSE_OK);
    CHECK_INT(s->code, AOSE_ABORT_CALLBACK);
    printf("%s: cancelled after %.2f s\n", what, took);
    CHECK(took < BOUND_SECONDS);
}

/* The request-body bytes the server received for put.bin so far (admin API counters). */
static long long received_bytes(oss_request_options_t *options) {
    aos_string_t url;
    aos_list_t body;
    char *address = apr_psprintf(options->pool, "%s/counters?bucket=%s&key=put.bin", net_env("OSS_ADMIN"),
                                 net_env("OSS_BUCKET"));
    aos_str_set(&url, address);
    aos_list_init(&body);
    aos_status_t *s = oss_get_object_to_buffer_by_url(options, &url, NULL, NULL, &body, NULL);
    if (s->code != 200) return -1;
    const char *field = strstr(aos_buf_list_content(options->pool, &body), "\"received_bytes\":");
    return field == NULL ? -1 : atoll(field + strlen("\"received_bytes\":"));
}

/* Waits (at most 30 s) until the server stops receiving put.bin bytes: it has read what the
 * aborted transfer left in the socket buffers and dropped the request. */
static void wait_until_received_settles(oss_request_options_t *options) {
    long long before = -2, now = received_bytes(options);
    for (int i = 0; i < 30 && now != before; i++) {
        sleep_ms(1000);
        before = now;
        now = received_bytes(options);
    }
    CHECK(now >= 0 && now == before);
    CHECK(now < (long long)PIECES * MIB);
    printf("the server received %lld bytes of put.bin in all\n", now);
}

static void body_list(oss_request_options_t *options, aos_list_t *list) {
    aos_list_init(list);
    for (int i = 0; i < PIECES; i++) {
        aos_buf_t *b = aos_buf_pack(options->pool, piece, MIB);
        aos_list_add_tail(&b->node, list);
    }
}

static void cancel_put_and_part(oss_request_options_t *options) {
    aos_string_t object, upload_id;
    aos_list_t body;
    aos_table_t *resp_headers = NULL;
    aos_str_set(&object, "put.bin");
    body_list(options, &body);

    /* Nothing is running: nothing to cancel. */
    CHECK_INT(aos_http_controller_cancel(options->ctl), AOSE_INVALID_OPERATION);
    CHECK_INT(aos_http_controller_cancel(NULL), AOSE_INVALID_ARGUMENT);

    start_canceller(options);
    aos_status_t *s = oss_put_object_from_buffer(options, &bucket, &object, &body, NULL, &resp_headers);
    check_cancelled(s, "put");
    wait_until_received_settles(options);
    s = oss_head_object(options, &bucket, &object, NULL, &resp_headers);
    CHECK_INT(s->code, 404);

    s = oss_init_multipart_upload(options, &bucket, &object, &upload_id, NULL, &resp_headers);
    CHECK_INT(s->code, 200);
    body_list(options, &body);
    start_canceller(options);
    s = oss_upload_part_from_buffer(options, &bucket, &object, &upload_id, 1, &body, &resp_headers);
    check_cancelled(s, "upload part");
    wait_until_received_settles(options);
    oss_list_upload_part_params_t *parts = oss_create_list_upload_part_params(options->pool);
    s = oss_list_upload_part(options, &bucket, &object, &upload_id, parts, NULL);
    CHECK_INT(s->code, 200);
    CHECK(aos_list_empty(&parts->part_list));
    s = oss_abort_multipart_upload(options, &bucket, &object, &upload_id, NULL);
    CHECK_INT(s->code, 204);
}

/* A resumable upload without checkpoint, cancelled, still aborts its upload on the server (its
 * clean-up request is not itself cancelled): no upload and no object left. */
static void cancel_resumable_upload(oss_request_options_t *options) {
    aos_string_t object, file;
    aos_table_t *resp_headers = NULL;
    FILE *f = fopen("upload.bin", "wb");
    for (int i = 0; i < 8; i++) fwrite(piece, 1, MIB, f);
    fclose(f);
    aos_str_set(&object, "put.bin");
    aos_str_set(&file, "upload.bin");
    oss_resumable_clt_params_t *params = oss_create_resumable_clt_params_content(options->pool, MIB, 1, 0, NULL);

    start_canceller(options);
    aos_status_t *s = oss_resumable_upload_file(options, &bucket, &object, &file, NULL, NULL, params, NULL,
                                                &resp_headers, NULL);
    check_cancelled(s, "resumable upload");
    CHECK_INT(net_uploads_left(options), 0);
    s = oss_head_object(options, &bucket, &object, NULL, &resp_headers);
    CHECK_INT(s->code, 404);
    unlink("upload.bin");
}

static void cancel_gets(oss_request_options_t *options) {
    aos_string_t object, file;
    aos_list_t buffer;
    aos_table_t *resp_headers = NULL;
    aos_str_set(&object, "get.bin");
    aos_str_set(&file, "target.bin");

    start_canceller(options);
    aos_status_t *s = oss_get_object_to_file(options, &bucket, &object, NULL, NULL, &file, &resp_headers);
    check_cancelled(s, "get to file");
    CHECK_INT(file_size("target.bin"), -1);
    CHECK_INT(file_size("target.bin.tmp"), -1);
    CHECK_INT(dir_entries("."), 0);

    aos_list_init(&buffer);
    start_canceller(options);
    s = oss_get_object_to_buffer(options, &bucket, &object, NULL, NULL, &buffer, &resp_headers);
    check_cancelled(s, "get to buffer");
    CHECK(aos_buf_list_len(&buffer) < (int64_t)PIECES * MIB);

    /* A call after the cancel runs normally. */
    aos_table_t *range = aos_table_make(options->pool, 1);
    apr_table_set(range, "Range", "bytes=0-9");
    s = oss_get_object_to_buffer(options, &bucket, &object, range, NULL, &buffer, &resp_headers);
    CHECK_INT(s->code, 206);
    CHECK_INT(aos_buf_list_len(&buffer), 10);
}

int main(void) {
    CHECK_INT(aos_http_io_initialize("test_net_cancel_calls", 0), AOSE_OK);
    aos_str_set(&bucket, net_env("OSS_BUCKET"));
    for (int i = 0; i < MIB; i++) piece[i] = (char)(i * 131 % 251);
    aos_pool_t *pool;
    aos_pool_create(&pool, NULL);
    oss_request_options_t *options = net_options(pool, 0);
    cancel_put_and_part(options);
    cancel_resumable_upload(options);
    cancel_gets(options);
    aos_pool_destroy(pool);
    aos_http_io_deinitialize();
    return TEST_DONE();
}
