/* oss_resumable_upload_file and oss_upload_file through the C API against the local OSS server:
 * a file uploaded in parallel parts with a checkpoint and progress, downloaded back and compared;
 * NULL clt_params; a missing file refused before any request with nothing left on the server;
 * oss_upload_file starting a new upload and reporting its id. Run by with_server.sh. */
#include <unistd.h>

#include "net_util.h"
#include "test_util.h"

#define SIZE (3 * 1024 * 1024 + 4321)

static aos_string_t bucket;
static void resumable(oss_request_options_t *options) {
    aos_string_t object, filepath;
    aos_table_t *resp_headers = NULL;
    aos_list_t resp_body;
    net_write_file("ru-in.bin", SIZE, 3);
    aos_str_set(&object, "ru/object.bin");
    aos_str_set(&filepath, "ru-in.bin");
    oss_resumable_clt_params_t *clt = oss_create_resumable_clt_params_content(options->pool, 256 * 1024, 3, AOS_TRUE, NULL);
    aos_list_init(&resp_body);
    net_progress_reset();
    aos_status_t *s = oss_resumable_upload_file(options, &bucket, &object, &filepath, NULL, NULL, clt, net_on_progress,
                                                &resp_headers, &resp_body);
    CHECK_INT(s->code, 200);
    CHECK(!net_progress()->went_back && net_progress()->calls >= 10);
    CHECK_INT(net_progress()->done, SIZE);
    CHECK_INT(net_progress()->total, SIZE);
    CHECK(strstr(aos_buf_list_content(options->pool, &resp_body), "CompleteMultipartUploadResult") != NULL);
    CHECK(apr_table_get(resp_headers, OSS_HASH_CRC64_ECMA) != NULL);
    CHECK_INT(file_size("ru-in.bin.ucp"), -1);
    CHECK_INT(net_uploads_left(options), 0);
    CHECK_INT(net_get(options, "ru/object.bin", NULL, "ru-out.bin")->code, 200);
    CHECK(files_equal("ru-in.bin", "ru-out.bin"));

    /* NULL clt_params: one thread, no checkpoint. */
    s = oss_resumable_upload_file(options, &bucket, &object, &filepath, NULL, NULL, NULL, NULL, &resp_headers, NULL);
    CHECK_INT(s->code, 200);

    /* A missing file: OpenFileFail before any request; nothing started on the server. */
    aos_str_set(&filepath, "no-such-file.bin");
    s = oss_resumable_upload_file(options, &bucket, &object, &filepath, NULL, NULL, clt, NULL, &resp_headers, NULL);
    CHECK_INT(s->code, AOSE_OPEN_FILE_ERROR);
    CHECK_STR(s->error_code, "OpenFileFail");
    s = oss_resumable_upload_file(options, &bucket, &object, NULL, NULL, NULL, clt, NULL, &resp_headers, NULL);
    CHECK_INT(s->code, AOSE_OPEN_FILE_ERROR);
    CHECK_INT(net_uploads_left(options), 0);
}

static void simple(oss_request_options_t *options) {
    aos_string_t object, filepath, upload_id;
    aos_str_set(&object, "ru/simple.bin");
    aos_str_set(&filepath, "ru-in.bin");
    aos_str_null(&upload_id);
    aos_status_t *s = oss_upload_file(options, &bucket, &object, &upload_id, &filepath, 1024 * 1024, NULL);
    CHECK_INT(s->code, 200);
    CHECK(upload_id.data != NULL && upload_id.len > 0);
    CHECK_INT(net_get(options, "ru/simple.bin", NULL, "ru-out.bin")->code, 200);
    CHECK(files_equal("ru-in.bin", "ru-out.bin"));

    aos_str_set(&filepath, "no-such-file.bin");
    aos_str_null(&upload_id);
    s = oss_upload_file(options, &bucket, &object, &upload_id, &filepath, 1024 * 1024, NULL);
    CHECK_INT(s->code, AOSE_OPEN_FILE_ERROR);
    CHECK(upload_id.data == NULL);
    s = oss_upload_file(options, &bucket, &object, NULL, &filepath, 1024 * 1024, NULL);
    CHECK_INT(s->code, AOSE_INVALID_ARGUMENT);
    CHECK_INT(net_uploads_left(options), 0);
}

int main(void) {
    CHECK_INT(aos_http_io_initialize("test_net_resumable_upload", 0), AOSE_OK);
    aos_str_set(&bucket, net_env("OSS_BUCKET"));
    for (int v4 = 0; v4 <= 1; v4++) {
        aos_pool_t *pool;
        aos_pool_create(&pool, NULL);
        oss_request_options_t *options = net_options(pool, v4);
        resumable(options);
        simple(options);
        aos_pool_destroy(pool);
    }
    unlink("ru-in.bin");
    unlink("ru-out.bin");
    aos_http_io_deinitialize();
    return TEST_DONE();
}
