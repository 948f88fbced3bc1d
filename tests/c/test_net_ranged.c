/* Byte ranges, checkpoint directories and oss_resumable_download_file_ex through the C API
 * against the local OSS server (run by with_server.sh with test-bucket/obj, 1 MiB + 7 bytes).
 * Downloaded bytes are compared with the server's own copy under OSS_SERVER_ROOT. */
#include <sys/stat.h>

#include "net_util.h"
#include "test_util.h"

#define OBJECT_SIZE 1048583

/* What a progress callback saw, handed to it as user data. */
struct seen {
    const char *tag;
    int64_t first, last, total;
    int calls, went_back;
};

static void on_progress(int64_t done, int64_t total, void *user_data) {
    struct seen *s = (struct seen *)user_data;
    if (s->calls == 0) s->first = done;
    if (done < s->last) s->went_back = 1;
    s->last = done;
    s->total = total;
    s->calls++;
}

/* Whether `file` holds exactly bytes [first, first + len) of the server's object. */
static int holds_range(const char *file, long first, long len) {
    char reference[4096];
    FILE *obj, *got;
    int same = 1;
    snprintf(reference, sizeof(reference), "%s/%s/obj", net_env("OSS_SERVER_ROOT"), net_env("OSS_BUCKET"));
    if (file_size(file) != len) return 0;
    obj = fopen(reference, "rb");
    got = fopen(file, "rb");
    if (obj == NULL || got == NULL || fseek(obj, first, SEEK_SET) != 0) same = 0;
    for (long i = 0; same && i < len; i++) {
        if (fgetc(obj) != fgetc(got)) same = 0;
    }
    if (obj) fclose(obj);
    if (got) fclose(got);
    return same;
}

static aos_status_t *download_range(oss_request_options_t *options, const char *range, const char *file,
                                    oss_resumable_clt_params_t *params, struct seen *seen,
                                    aos_table_t **resp_headers) {
    aos_string_t bucket, object, filepath;
    aos_table_t *headers = aos_table_make(options->pool, 1);
    aos_str_set(&bucket, net_env("OSS_BUCKET"));
    aos_str_set(&object, "obj");
    aos_str_set(&filepath, file);
    if (range != NULL) apr_table_set(headers, "Range", range);
    return oss_resumable_download_file_ex(options, &bucket, &object, &filepath, headers, NULL, params,
                                          seen != NULL ? on_progress : NULL, seen, resp_headers);
}

static void ranges(void) {
    aos_pool_t *pool;
    aos_pool_create(&pool, NULL);
    oss_request_options_t *options = net_options(pool, 1);
    aos_table_t *resp_headers = NULL;
    CHECK_INT(mkdir("cpdir", 0700), 0);
    /* The seed's parameters, with the checkpoint kept in a directory. */
    oss_resumable_clt_params_t *params = oss_create_resumable_clt_params_content(pool, 100 * 1024, 3, AOS_TRUE, "cpdir");

    struct seen seen = {"mid", 0, 0, 0, 0, 0};
    aos_status_t *s = download_range(options, "bytes=100000-699999", "mid.bin", params, &seen, &resp_headers);
    CHECK_INT(s->code, 206);
    CHECK(aos_status_is_ok(s));
    CHECK_STR(apr_table_get(resp_headers, "Content-Length"), "600000");
    CHECK_STR(apr_table_get(resp_headers, "Content-Range"), "bytes 100000-699999/1048583");
    CHECK(apr_table_get(resp_headers, "ETag") != NULL);
    CHECK(holds_range("mid.bin", 100000, 600000));
    CHECK_STR(seen.tag, "mid"); /* the user data came back untouched */
    CHECK_INT(seen.first, 0);
    CHECK_INT(seen.last, 600000);
    CHECK_INT(seen.total, 600000);
    CHECK(seen.calls > 2 && !seen.went_back);
    CHECK_INT(dir_entries("cpdir"), 0); /* checkpoint removed after success */
    CHECK_INT(file_size("mid.bin.tmp"), -1);

    /* Open-ended, suffix, and an end past the object (clamped). */
    CHECK_INT(download_range(options, "bytes=1000000-", "tail.bin", params, NULL, &resp_headers)->code, 206);
    CHECK(holds_range("tail.bin", 1000000, OBJECT_SIZE - 1000000));
    CHECK_INT(download_range(options, "bytes=-100", "last100.bin", params, NULL, &resp_headers)->code, 206);
    CHECK(holds_range("last100.bin", OBJECT_SIZE - 100, 100));
    CHECK_INT(download_range(options, "bytes=1048000-9999999", "clamped.bin", params, NULL, &resp_headers)->code, 206);
    CHECK(holds_range("clamped.bin", 1048000, OBJECT_SIZE - 1048000));
    CHECK_STR(apr_table_get(resp_headers, "Content-Range"), "bytes 1048000-1048582/1048583");

    /* No range: the whole object, 200, user data still passed (NULL callback allowed). */
    s = download_range(options, NULL, "whole.bin", params, NULL, &resp_headers);
    CHECK_INT(s->code, 200);
    CHECK_STR(apr_table_get(resp_headers, "Content-Length"), "1048583");
    CHECK(holds_range("whole.bin", 0, OBJECT_SIZE));

    /* The classic entry point honours a Range header too (one implementation). */
    aos_string_t bucket, object, file;
    aos_table_t *headers = aos_table_make(pool, 1);
    apr_table_set(headers, "Range", "bytes=5-9");
    aos_str_set(&bucket, net_env("OSS_BUCKET"));
    aos_str_set(&object, "obj");
    aos_str_set(&file, "five.bin");
    s = oss_resumable_download_file(options, &bucket, &object, &file, headers, NULL, params, NULL, &resp_headers);
    CHECK_INT(s->code, 206);
    CHECK(holds_range("five.bin", 5, 5));
    CHECK_INT(dir_entries("cpdir"), 0);
    aos_pool_destroy(pool);
}

static void refusals(void) {
    aos_pool_t *pool;
    aos_pool_create(&pool, NULL);
    oss_request_options_t *options = net_options(pool, 0);
    aos_table_t *resp_headers = NULL;
    oss_resumable_clt_params_t *params = oss_create_resumable_clt_params_content(pool, 0, 2, AOS_TRUE, "cpdir/");
    int before = dir_entries(".");

    /* Malformed, inverted, several ranges: refused before any request. */
    const char *bad[] = {"bytes=5-1", "bytes=0-1,3-4", "lines=0-9", "bytes=abc"};
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        aos_status_t *s = download_range(options, bad[i], "bad.bin", params, NULL, &resp_headers);
        CHECK_INT(s->code, AOSE_INVALID_ARGUMENT);
        CHECK_STR(s->error_code, "RangeInvalidError");
    }
    /* Unsatisfiable: the server's 416, with its request id. */
    resp_headers = NULL;
    aos_status_t *s = download_range(options, "bytes=2000000-", "far.bin", params, NULL, &resp_headers);
    CHECK_INT(s->code, 416);
    CHECK_STR(s->error_code, "InvalidRange");
    CHECK(s->req_id != NULL && strlen(s->req_id) == 24);
    CHECK(resp_headers != NULL && apr_table_get(resp_headers, "x-oss-request-id") != NULL);
    /* A checkpoint directory that does not exist (trailing '/'): refused, nothing created. */
    params = oss_create_resumable_clt_params_content(pool, 0, 2, AOS_TRUE, "no-such-dir/");
    s = download_range(options, NULL, "x.bin", params, NULL, &resp_headers);
    CHECK_INT(s->code, AOSE_OPEN_FILE_ERROR);
    CHECK_STR(s->error_code, "OpenFileFail");
    /* NULL options: a status all the same (in a process pool), no crash. */
    aos_string_t bucket, object, file;
    aos_str_set(&bucket, net_env("OSS_BUCKET"));
    aos_str_set(&object, "obj");
    aos_str_set(&file, "x.bin");
    s = oss_resumable_download_file_ex(NULL, &bucket, &object, &file, NULL, NULL, NULL, on_progress, NULL, NULL);
    CHECK(s != NULL && s->code == AOSE_INVALID_ARGUMENT);
    CHECK_INT(dir_entries("."), before);
    CHECK_INT(dir_entries("cpdir"), 0);
    aos_pool_destroy(pool);
}

int main(void) {
    CHECK_INT(aos_http_io_initialize("c-tests", 0), AOSE_OK);
    ranges();
    refusals();
    aos_http_io_deinitialize();
    return TEST_DONE();
}
