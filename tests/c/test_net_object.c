/* oss_head_object, oss_get_object_meta, oss_get_object_to_file, oss_do_get_object_to_file
 * through the C API against the local OSS server (run by with_server.sh with objects
 * test-bucket/obj (1 MiB + 7) and test-bucket/dir/a b+c (1000)). */
#include "net_util.h"
#include "test_util.h"

static void head_and_meta(int v4) {
    aos_pool_t *pool;
    aos_pool_create(&pool, NULL);
    oss_request_options_t *options = net_options(pool, v4);
    aos_string_t bucket, object;
    aos_table_t *resp_headers = NULL;
    aos_str_set(&bucket, net_env("OSS_BUCKET"));
    aos_str_set(&object, "obj");

    aos_status_t *s = oss_head_object(options, &bucket, &object, NULL, &resp_headers);
    CHECK(aos_status_is_ok(s));
    CHECK_INT(s->code, 200);
    CHECK(s->req_id != NULL && strlen(s->req_id) > 0);
    CHECK(resp_headers != NULL);
    CHECK_STR(apr_table_get(resp_headers, "content-length"), "1048583");
    CHECK(apr_table_get(resp_headers, "ETag") != NULL);
    CHECK(apr_table_get(resp_headers, "x-oss-hash-crc64ecma") != NULL);
    CHECK(options->ctl->start_time > 0 && options->ctl->finish_time >= options->ctl->start_time);

    resp_headers = NULL;
    s = oss_get_object_meta(options, &bucket, &object, &resp_headers);
    CHECK_INT(s->code, 200);
    CHECK_STR(apr_table_get(resp_headers, "Content-Length"), "1048583");

    /* 404: the server's code, message and request id, and its headers. */
    aos_str_set(&object, "missing");
    resp_headers = NULL;
    s = oss_head_object(options, &bucket, &object, NULL, &resp_headers);
    CHECK_INT(s->code, 404);
    CHECK_STR(s->error_code, "NoSuchKey");
    CHECK(s->error_msg != NULL && s->req_id != NULL);
    CHECK(resp_headers != NULL && apr_table_get(resp_headers, "x-oss-request-id") != NULL);
    aos_pool_destroy(pool);
}

static void get_to_file(void) {
    aos_pool_t *pool;
    aos_pool_create(&pool, NULL);
    oss_request_options_t *options = net_options(pool, 0);
    aos_string_t bucket, object, file;
    aos_table_t *resp_headers = NULL;
    aos_str_set(&bucket, net_env("OSS_BUCKET"));

    /* A key with a space and a plus, with progress. */
    aos_str_set(&object, "dir/a b+c");
    aos_str_set(&file, "small.bin");
    aos_status_t *s = oss_do_get_object_to_file(options, &bucket, &object, NULL, NULL, &file, net_on_progress, &resp_headers);
    CHECK_INT(s->code, 200);
    CHECK_INT(file_size("small.bin"), 1000);
    CHECK_INT(net_progress()->done, 1000);
    CHECK_INT(net_progress()->total, 1000);
    CHECK(net_progress()->calls >= 1 && !net_progress()->went_back);

    /* A ranged GET with a user header: 206 and exactly those bytes. */
    aos_table_t *headers = aos_table_make(pool, 1);
    apr_table_set(headers, "Range", "bytes=100-199");
    aos_str_set(&object, "obj");
    aos_str_set(&file, "range.bin");
    s = oss_get_object_to_file(options, &bucket, &object, headers, NULL, &file, &resp_headers);
    CHECK_INT(s->code, 206);
    CHECK_INT(file_size("range.bin"), 100);

    /* A failed GET leaves an existing target unchanged and no temp file. */
    FILE *f = fopen("keep.bin", "wb");
    fputs("old", f);
    fclose(f);
    aos_str_set(&object, "missing");
    aos_str_set(&file, "keep.bin");
    s = oss_get_object_to_file(options, &bucket, &object, NULL, NULL, &file, &resp_headers);
    CHECK_INT(s->code, 404);
    CHECK_INT(file_size("keep.bin"), 3);
    CHECK_INT(file_size("keep.bin.tmp"), -1);

    /* A missing directory: OpenFileFail, nothing created. */
    aos_str_set(&object, "obj");
    aos_str_set(&file, "no/such/dir/x.bin");
    s = oss_get_object_to_file(options, &bucket, &object, NULL, NULL, &file, &resp_headers);
    CHECK_INT(s->code, AOSE_OPEN_FILE_ERROR);
    CHECK_STR(s->error_code, "OpenFileFail");
    aos_pool_destroy(pool);
}

static void bad_input(void) {
    aos_pool_t *pool;
    aos_pool_create(&pool, NULL);
    oss_request_options_t *options = net_options(pool, 0);
    aos_string_t bucket, object, file;
    aos_table_t *resp_headers = NULL;
    aos_str_set(&bucket, "Bad_Bucket");
    aos_str_set(&object, "obj");
    aos_str_set(&file, "never.bin");
    int before = dir_entries(".");

    aos_status_t *s = oss_get_object_to_file(options, &bucket, &object, NULL, NULL, &file, &resp_headers);
    CHECK_INT(s->code, AOSE_INVALID_ARGUMENT);
    CHECK_STR(s->error_code, "BucketNameInvalidError");
    aos_str_set(&bucket, net_env("OSS_BUCKET"));
    aos_str_set(&object, "");
    s = oss_head_object(options, &bucket, &object, NULL, &resp_headers);
    CHECK_STR(s->error_code, "ObjectNameInvalidError");
    s = oss_head_object(options, NULL, NULL, NULL, NULL);
    CHECK_INT(s->code, AOSE_INVALID_ARGUMENT);
    /* No options at all: still a status, never a crash. */
    s = oss_head_object(NULL, &bucket, &object, NULL, &resp_headers);
    CHECK(s != NULL && s->code == AOSE_INVALID_ARGUMENT);
    s = oss_get_object_to_file(options, &bucket, &object, NULL, NULL, NULL, NULL);
    CHECK(s != NULL && !aos_status_is_ok(s));
    /* A wrong secret: SignatureDoesNotMatch with the request id. */
    aos_str_set(&object, "obj");
    aos_str_set(&options->config->access_key_secret, "wrong");
    s = oss_get_object_to_file(options, &bucket, &object, NULL, NULL, &file, &resp_headers);
    CHECK_INT(s->code, 403);
    CHECK_STR(s->error_code, "SignatureDoesNotMatch");
    CHECK(s->req_id != NULL);
    CHECK_INT(dir_entries("."), before);
    aos_pool_destroy(pool);
}

int main(void) {
    CHECK_INT(aos_http_io_initialize(NULL, 0), AOSE_OK);
    head_and_meta(0);
    head_and_meta(1);
    get_to_file();
    bad_input();
    aos_http_io_deinitialize();
    return TEST_DONE();
}
