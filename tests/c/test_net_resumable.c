/* oss_resumable_download_file through the C API against the local OSS server (run by
 * with_server.sh with test-bucket/big (8 MiB + 3), test-bucket/empty (0), test-bucket/slow
 * (6 MiB, throttled by a fault)). */
#include <pthread.h>
#include <time.h>
#include <unistd.h>

#include "net_util.h"
#include "test_util.h"

static aos_status_t *download(oss_request_options_t *options, const char *key, const char *file,
                              oss_resumable_clt_params_t *params, aos_table_t **resp_headers) {
    aos_string_t bucket, object, filepath;
    aos_str_set(&bucket, net_env("OSS_BUCKET"));
    aos_str_set(&object, key);
    aos_str_set(&filepath, file);
    return oss_resumable_download_file(options, &bucket, &object, &filepath, NULL, NULL, params, net_on_progress,
                                       resp_headers);
}

static void downloads(void) {
    aos_pool_t *pool;
    aos_pool_create(&pool, NULL);
    oss_request_options_t *options = net_options(pool, 1);
    aos_table_t *resp_headers = NULL;
    aos_string_t bucket, object, file;

    /* The reference copy, by a plain GET. */
    aos_str_set(&bucket, net_env("OSS_BUCKET"));
    aos_str_set(&object, "big");
    aos_str_set(&file, "reference.bin");
    CHECK_INT(oss_get_object_to_file(options, &bucket, &object, NULL, NULL, &file, &resp_headers)->code, 200);

    /* The seed's parameters: 100 KiB parts, 3 threads, checkpoint on (default path). */
    oss_resumable_clt_params_t *params = oss_create_resumable_clt_params_content(pool, 100 * 1024, 3, AOS_TRUE, NULL);
    net_progress_reset();
    aos_status_t *s = download(options, "big", "big.bin", params, &resp_headers);
    CHECK(aos_status_is_ok(s));
    CHECK_INT(s->code, 200);
    CHECK(resp_headers != NULL && apr_table_get(resp_headers, "ETag") != NULL);
    CHECK(files_equal("big.bin", "reference.bin"));
    CHECK_INT(file_size("big.bin.cp"), -1);
    CHECK_INT(file_size("big.bin.tmp"), -1);
    CHECK_INT(net_progress()->first, 0);
    CHECK_INT(net_progress()->done, 8 * 1024 * 1024 + 3);
    CHECK_INT(net_progress()->total, 8 * 1024 * 1024 + 3);
    CHECK(!net_progress()->went_back && net_progress()->calls > 10 && net_progress()->calls < 200);

    /* NULL params, and thread counts the official SDK turns into 1. */
    CHECK_INT(download(options, "big", "null-params.bin", NULL, &resp_headers)->code, 200);
    CHECK(files_equal("null-params.bin", "reference.bin"));
    params = oss_create_resumable_clt_params_content(pool, 0, 0, AOS_FALSE, "");
    CHECK_INT(download(options, "big", "zero-threads.bin", params, &resp_headers)->code, 200);
    params = oss_create_resumable_clt_params_content(pool, -5, 5000, AOS_TRUE, "custom.checkpoint");
    CHECK_INT(download(options, "big", "many-threads.bin", params, &resp_headers)->code, 200);
    CHECK(files_equal("many-threads.bin", "reference.bin"));
    CHECK_INT(file_size("custom.checkpoint"), -1);

    /* A zero-byte object. */
    net_progress_reset();
    CHECK_INT(download(options, "empty", "empty.bin", NULL, &resp_headers)->code, 200);
    CHECK_INT(file_size("empty.bin"), 0);
    CHECK_INT(net_progress()->done, 0);
    aos_pool_destroy(pool);
}

static void bad_input(void) {
    aos_pool_t *pool;
    aos_pool_create(&pool, NULL);
    oss_request_options_t *options = net_options(pool, 0);
    oss_resumable_clt_params_t *params = oss_create_resumable_clt_params_content(pool, 1 << 20, 2, AOS_TRUE, NULL);
    aos_table_t *resp_headers = NULL;
    aos_string_t bucket, object, file;
    aos_str_set(&bucket, net_env("OSS_BUCKET"));
    aos_str_set(&object, "big");
    aos_str_set(&file, "x.bin");
    int before = dir_entries(".");

    aos_status_t *s = oss_resumable_download_file(options, NULL, &object, &file, NULL, NULL, params, NULL, &resp_headers);
    CHECK_INT(s->code, AOSE_INVALID_ARGUMENT);
    CHECK_STR(s->error_code, "BucketNameInvalidError");
    s = oss_resumable_download_file(options, &bucket, NULL, &file, NULL, NULL, params, NULL, &resp_headers);
    CHECK_STR(s->error_code, "ObjectNameInvalidError");
    s = oss_resumable_download_file(options, &bucket, &object, NULL, NULL, NULL, params, NULL, &resp_headers);
    CHECK_INT(s->code, AOSE_OPEN_FILE_ERROR);
    CHECK_STR(s->error_code, "OpenFileFail");
    s = oss_resumable_download_file(NULL, &bucket, &object, &file, NULL, NULL, params, NULL, NULL);
    CHECK(s != NULL && s->code == AOSE_INVALID_ARGUMENT);
    s = download(options, "big", "missing-dir/x.bin", params, &resp_headers);
    CHECK_INT(s->code, AOSE_OPEN_FILE_ERROR);
    CHECK_STR(s->error_code, "OpenFileFail");
    params = oss_create_resumable_clt_params_content(pool, 1 << 20, 2, AOS_TRUE, "missing-dir/x.cp");
    s = download(options, "big", "x.bin", params, &resp_headers);
    CHECK_INT(s->code, AOSE_OPEN_FILE_ERROR);
    params = oss_create_resumable_clt_params_content(pool, 1 << 20, 2, AOS_TRUE, NULL);
    s = download(options, "no-such-object", "x.bin", params, &resp_headers);
    CHECK_INT(s->code, 404);
    CHECK_STR(s->error_code, "NoSuchKey");
    aos_str_set(&bucket, "-bad");
    s = oss_resumable_download_file(options, &bucket, &object, &file, NULL, NULL, params, NULL, &resp_headers);
    CHECK_STR(s->error_code, "BucketNameInvalidError");
    CHECK_INT(dir_entries("."), before);
    aos_pool_destroy(pool);
}

static void *cancel_soon(void *ctl) {
    struct timespec t = {0, 400 * 1000 * 1000};
    nanosleep(&t, NULL);
    CHECK_INT(aos_http_controller_cancel((aos_http_controller_t *)ctl), AOSE_OK);
    return NULL;
}

static void cancel_and_resume(void) {
    aos_pool_t *pool;
    aos_pool_create(&pool, NULL);
    oss_request_options_t *options = net_options(pool, 0);
    oss_resumable_clt_params_t *params = oss_create_resumable_clt_params_content(pool, 256 * 1024, 2, AOS_TRUE, NULL);
    aos_table_t *resp_headers = NULL;
    pthread_t canceller;

    CHECK_INT(aos_http_controller_cancel(options->ctl), AOSE_INVALID_OPERATION);
    pthread_create(&canceller, NULL, cancel_soon, options->ctl);
    net_progress_reset();
    aos_status_t *s = download(options, "slow", "slow.bin", params, &resp_headers);
    pthread_join(canceller, NULL);
    CHECK_INT(s->code, AOSE_ABORT_CALLBACK);
    CHECK_INT(file_size("slow.bin"), -1);
    CHECK(file_size("slow.bin.cp") > 0);
    int64_t stopped_at = net_progress()->done;
    CHECK(stopped_at > 0 && stopped_at < 6 * 1024 * 1024);

    net_progress_reset();
    s = download(options, "slow", "slow.bin", params, &resp_headers);
    CHECK_INT(s->code, 200);
    CHECK_INT(file_size("slow.bin"), 6 * 1024 * 1024);
    CHECK(net_progress()->first > 0); /* resumed: the first report includes the bytes already done */
    CHECK_INT(file_size("slow.bin.cp"), -1);
    aos_pool_destroy(pool);
}

int main(void) {
    CHECK_INT(aos_http_io_initialize("c-tests", 0), AOSE_OK);
    downloads();
    bad_input();
    cancel_and_resume();
    aos_http_io_deinitialize();
    return TEST_DONE();
}
