/* A program outside this source tree that uses the installed liboss_c_sdk: found once with
 * CMake's find_package(oss_c_sdk) and once with pkg-config (see run.sh). */
#include "oss_api.h"
#include "aos_http_io.h"
#include "aos_log.h"

int main(void) {
    aos_pool_t *pool;
    oss_request_options_t *options;
    aos_table_t *headers;
    aos_status_t *status;

    if (aos_http_io_initialize("consumer", 0) != AOSE_OK) {
        return 1;
    }
    if (aos_pool_create(&pool, NULL) != APR_SUCCESS) {
        return 1;
    }
    options = oss_request_options_create(pool);
    options->config = oss_config_create(pool);
    aos_str_set(&options->config->endpoint, "oss-cn-hangzhou.aliyuncs.com");
    options->ctl = aos_http_controller_create(pool, 0);

    headers = aos_table_make(pool, 1);
    apr_table_set(headers, "Range", "bytes=0-9");
    status = aos_status_create(pool);
    status->code = 206;

    if (strcmp(apr_table_get(headers, "RANGE"), "bytes=0-9") != 0 || !aos_status_is_ok(status) ||
        options->ctl->options->connect_timeout != AOS_CONNECT_TIMEOUT) {
        printf("consumer: unexpected values\n");
        return 1;
    }
    aos_pool_destroy(pool);
    aos_http_io_deinitialize();
    printf("consumer ok\n");
    return 0;
}
