/* Certificate verification over HTTPS through the C API (run by with_server.sh --tls, which
 * serves a leaf certificate signed by a throw-away CA and exports OSS_CA_FILE, with objects
 * test-bucket/obj (300007) and test-bucket/big (1 MiB + 5)): verification is on by default and
 * the unknown CA fails with AOSE_FAILED_VERIFICATION / HttpIoError; a controller whose own
 * request options name the CA in ca_file succeeds; verify_ssl = 0 succeeds without the CA. */
#include "net_util.h"
#include "test_util.h"

#define OBJ_SIZE 300007
#define BIG_SIZE (1024 * 1024 + 5)

/* Gives the controller its own request options (the defaults), leaving the process-wide ones
 * alone. */
static aos_http_request_options_t *own_options(oss_request_options_t *options) {
    aos_http_request_options_t *o = aos_http_request_options_create(options->pool);
    options->ctl->options = o;
    return o;
}

static aos_status_t *head(oss_request_options_t *options, const char *key) {
    aos_string_t bucket, object;
    aos_table_t *resp_headers = NULL;
    aos_str_set(&bucket, net_env("OSS_BUCKET"));
    aos_str_set(&object, key);
    return oss_head_object(options, &bucket, &object, NULL, &resp_headers);
}


static aos_status_t *resumable(oss_request_options_t *options, const char *key, const char *file) {
    aos_string_t bucket, object, filepath;
    aos_table_t *resp_headers = NULL;
    aos_str_set(&bucket, net_env("OSS_BUCKET"));
    aos_str_set(&object, key);
    aos_str_set(&filepath, file);
    oss_resumable_clt_params_t *params =
        oss_create_resumable_clt_params_content(options->pool, 256 * 1024, 3, AOS_TRUE, NULL);
    return oss_resumable_download_file(options, &bucket, &object, &filepath, NULL, NULL, params, NULL,
                                       &resp_headers);
}

static void check_verification_failure(const aos_status_t *s) {
    CHECK(s != NULL);
    if (s == NULL) return;
    CHECK_INT(s->code, AOSE_FAILED_VERIFICATION);
    CHECK_STR(s->error_code, "HttpIoError");
    /* curl's words name the problem. */
    CHECK(s->error_msg != NULL && strstr(s->error_msg, "certificate") != NULL);
}

static void unknown_ca_fails_by_default(void) {
    aos_pool_t *pool;
    aos_pool_create(&pool, NULL);
    oss_request_options_t *options = net_options(pool, 0);
    CHECK(strncmp(net_env("OSS_ENDPOINT"), "https://127.0.0.1:", 18) == 0);
    /* The controller uses the process-wide defaults: verification on, the system's CAs. */
    CHECK_INT(options->ctl->options->verify_ssl, 1);
    CHECK(options->ctl->options->ca_file == NULL && options->ctl->options->ca_path == NULL);
    int before = dir_entries(".");

    check_verification_failure(head(options, "obj"));
    check_verification_failure(net_get(options, "obj", NULL, "obj.bin"));
    check_verification_failure(resumable(options, "big", "big.bin"));
    /* Nothing was created: no target, temp file or checkpoint. */
    CHECK_INT(dir_entries("."), before);
    aos_pool_destroy(pool);
}

static void ca_file_passes(void) {
    aos_pool_t *pool;
    aos_pool_create(&pool, NULL);
    oss_request_options_t *options = net_options(pool, 1);
    aos_http_request_options_t *o = own_options(options);
    CHECK_INT(o->verify_ssl, 1);
    o->ca_file = apr_pstrdup(pool, net_env("OSS_CA_FILE"));

    aos_status_t *s = head(options, "obj");
    CHECK_INT(s->code, 200);
    CHECK(aos_status_is_ok(s));
    s = net_get(options, "obj", NULL, "obj.bin");
    CHECK_INT(s->code, 200);
    CHECK_INT(file_size("obj.bin"), OBJ_SIZE);
    CHECK_INT(net_get(options, "big", NULL, "big-reference.bin")->code, 200);
    s = resumable(options, "big", "big.bin");
    CHECK_INT(s->code, 200);
    CHECK(files_equal("big.bin", "big-reference.bin"));
    CHECK_INT(file_size("big.bin"), BIG_SIZE);
    CHECK_INT(file_size("big.bin.cp"), -1);
    CHECK_INT(file_size("big.bin.tmp"), -1);

    /* Those options were this controller's own: a new one still refuses the unknown CA. */
    oss_request_options_t *other = net_options(pool, 1);
    check_verification_failure(head(other, "obj"));
    aos_pool_destroy(pool);
}

static void verify_ssl_off_skips_verification(void) {
    aos_pool_t *pool;
    aos_pool_create(&pool, NULL);
    oss_request_options_t *options = net_options(pool, 0);
    aos_http_request_options_t *o = own_options(options);
    o->verify_ssl = 0;
    CHECK(o->ca_file == NULL);

    CHECK_INT(head(options, "obj")->code, 200);
    aos_status_t *s = net_get(options, "obj", NULL, "insecure.bin");
    CHECK_INT(s->code, 200);
    CHECK_INT(file_size("insecure.bin"), OBJ_SIZE);
    CHECK(files_equal("insecure.bin", "obj.bin"));
    aos_pool_destroy(pool);
}

int main(void) {
    CHECK_INT(aos_http_io_initialize(NULL, 0), AOSE_OK);
    unknown_ca_fails_by_default();
    ca_file_passes();
    verify_ssl_off_skips_verification();
    aos_http_io_deinitialize();
    return TEST_DONE();
}
