/* Failure statuses through the C API, against the local OSS server (run by with_server.sh with
 * faults on dedicated keys: "short" sends fewer bytes than promised, "flip" corrupts a byte,
 * "stall" stops sending after 1000 bytes). Each failed GET leaves no file behind. */
#include <time.h>

#include "net_util.h"
#include "test_util.h"

int main(void) {
    CHECK_INT(aos_http_io_initialize(NULL, 0), AOSE_OK);
    aos_pool_t *pool;
    aos_pool_create(&pool, NULL);
    oss_request_options_t *options = net_options(pool, 1);
    options->ctl->options = aos_http_request_options_create(pool);
    options->ctl->options->speed_limit = 1024;
    options->ctl->options->speed_time = 2;
    int before = dir_entries(".");

    aos_status_t *s = net_get(options, "short", NULL, "short.bin");
    CHECK_STR(s->error_code, "HttpIoError");
    CHECK(s->code == AOSE_READ_BODY_ERROR || s->code == AOSE_CONNECTION_FAILED);

    s = net_get(options, "flip", NULL, "flip.bin");
    CHECK_INT(s->code, AOSE_CRC_INCONSISTENT_ERROR);
    CHECK_STR(s->error_code, "InconsistentError");

    time_t started = time(NULL);
    s = net_get(options, "stall", NULL, "stall.bin");
    CHECK_INT(s->code, AOSE_REQUEST_TIMEOUT);
    CHECK_STR(s->error_code, "HttpIoError");
    CHECK(time(NULL) - started <= 6);

    aos_table_t *headers = aos_table_make(pool, 1);
    apr_table_set(headers, "If-Match", "\"00000000000000000000000000000000\"");
    s = net_get(options, "ok", headers, "412.bin");
    CHECK_INT(s->code, 412);
    CHECK_STR(s->error_code, "PreconditionFailed");
    CHECK(s->req_id != NULL);

    headers = aos_table_make(pool, 2);
    apr_table_set(headers, "Range", "bytes=999999-");
    apr_table_set(headers, "x-oss-range-behavior", "standard");
    s = net_get(options, "ok", headers, "416.bin");
    CHECK_INT(s->code, 416);
    CHECK_STR(s->error_code, "InvalidRange");

    CHECK_INT(dir_entries("."), before);

    /* The same options still download a healthy object. */
    s = net_get(options, "ok", NULL, "ok.bin");
    CHECK_INT(s->code, 200);
    CHECK_INT(file_size("ok.bin"), 100000);
    aos_pool_destroy(pool);
    aos_http_io_deinitialize();
    return TEST_DONE();
}
