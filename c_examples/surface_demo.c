/* surface_demo: the support surface every OSS C program touches before it downloads a byte,
 * exercised the way the SDK's samples do it (and nothing else yet: the download functions come
 * later). Builds against include/ unchanged and links with -loss_c_sdk. */
#include "oss_api.h"
#include "aos_http_io.h"

const char *endpoint = "oss-cn-hangzhou.aliyuncs.com";
const char *access_key_id = "<yourAccessKeyId>";
const char *access_key_secret = "<yourAccessKeySecret>";

static void init_options(oss_request_options_t *options) {
    options->config = oss_config_create(options->pool);
    aos_str_set(&options->config->endpoint, endpoint);
    aos_str_set(&options->config->access_key_id, access_key_id);
    aos_str_set(&options->config->access_key_secret, access_key_secret);
    options->config->is_cname = 0;
    options->ctl = aos_http_controller_create(options->pool, 0);
}

int main(void) {
    aos_pool_t *pool;
    oss_request_options_t *options;
    aos_table_t *headers;
    const aos_array_header_t *elts;
    const aos_table_entry_t *entry;
    aos_status_t *status;
    int i;

    if (aos_http_io_initialize(NULL, 0) != AOSE_OK) {
        exit(1);
    }
    if (aos_pool_create(&pool, NULL) != APR_SUCCESS) {
        exit(1);
    }
    options = oss_request_options_create(pool);
    init_options(options);
    printf("endpoint: %.*s (cname: %d)\n", options->config->endpoint.len, options->config->endpoint.data,
           options->config->is_cname);
    printf("transfer: connect timeout %ds, fail below %d B/s for %ds, verify TLS: %s, CRC: %s\n",
           options->ctl->options->connect_timeout, options->ctl->options->speed_limit,
           options->ctl->options->speed_time, options->ctl->options->verify_ssl ? "yes" : "no",
           options->ctl->options->enable_crc ? "yes" : "no");

    headers = aos_table_make(pool, 2);
    apr_table_set(headers, "Range", "bytes=0-99");
    aos_table_add_int64(headers, "x-oss-traffic-limit", 819200);
    apr_table_add(headers, "x-oss-meta-note", "kept in order");
    printf("Range header (looked up as \"range\"): %s\n", apr_table_get(headers, "range"));
    elts = aos_table_elts(headers);
    entry = (const aos_table_entry_t *)elts->elts;
    for (i = 0; i < elts->nelts; i++) {
        printf("  %s: %s\n", entry[i].key, entry[i].val);
    }

    status = aos_status_create(pool);
    status->code = 200;
    printf("status 200 is ok: %s\n", aos_status_is_ok(status) ? "yes" : "no");
    aos_info_log("not printed at the default level (WARN)");

    aos_pool_destroy(pool);
    aos_http_io_deinitialize();
    return 0;
}
