/* The log at AOS_LOG_ALL, written to a file with aos_log_set_output_file, while real calls run
 * against the local server with STS credentials (V1 and V4): a put, a HEAD, a GET to a file, a
 * resumable download, a resumable upload and a GET through a presigned URL. A clean run logs
 * INFO once per call, DEBUG per request, TRACE the headers and nothing at WARN or above; 503s
 * within the retry budget log one WARN per retry; a missing object (GET and HEAD) and a GET the
 * program cancels log one INFO each ("answered", "cancelled") and nothing at WARN or above; a GET
 * whose bytes fail the CRC-64 check logs one ERROR (named oss_do_get_object_to_file:
 * oss_get_object_to_file is that call without a progress callback, as in the official SDK). No
 * access key secret, STS token, Authorization value or URL signature is ever in the log. Run by
 * with_server.sh with --sts-token and the objects and faults CMakeLists.txt gives. */
#include <unistd.h>

#include "net_util.h"
#include "test_util.h"

#define SIZE (300 * 1024 + 17) /* four 100 KiB parts */

static aos_string_t bucket;

static oss_request_options_t *sts_options(aos_pool_t *pool, int v4) {
    oss_request_options_t *options = net_options(pool, v4);
    aos_str_set(&options->config->sts_token, net_env("OSS_STS_TOKEN"));
    return options;
}

/* The whole file as a NUL-terminated string (malloc'd). */
static char *read_all(const char *path) {
    FILE *f = fopen(path, "rb");
    if (f == NULL) return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *text = malloc((size_t)n + 1);
    size_t got = fread(text, 1, (size_t)n, f);
    text[got] = '\0';
    fclose(f);
    return text;
}

/* Lines at `level` ("[WARN]" ...) that contain `what` too. */
static int lines_with(const char *text, const char *level, const char *what) {
    int n = 0;
    for (const char *line = text; line != NULL && *line != '\0';) {
        const char *end = strchr(line, '\n');
        size_t len = end ? (size_t)(end - line) : strlen(line);
        char *copy = strndup(line, len);
        if (strstr(copy, level) != NULL && strstr(copy, what) != NULL) n++;
        free(copy);
        line = end ? end + 1 : NULL;
    }
    return n;
}

/* Lines containing both `level` and `what`: exactly `n` of them (n >= 0), or at least -n. */
typedef struct {
    const char *level, *what;
    int n;
} expect_t;

static void check_lines(const char *text, const expect_t *list) {
    for (const expect_t *e = list; e->level != NULL; e++) {
        int got = lines_with(text, e->level, e->what);
        int ok = e->n >= 0 ? got == e->n : got >= -e->n;
        CHECK(ok);
        if (!ok) fprintf(stderr, "  lines with \"%s\" and \"%s\": %d, expected %d\n", e->level, e->what, got, e->n);
    }
}

/* Every `key` in the text is followed by the mask, and neither secret appears. */
static void check_no_secrets(const char *text, const char *url) {
    CHECK(strstr(text, net_env("OSS_ACCESS_KEY_SECRET")) == NULL);
    CHECK(strstr(text, net_env("OSS_STS_TOKEN")) == NULL);
    const char *keys[] = {"Authorization: ", "Signature=", "x-oss-signature=", "security-token=", NULL};
    for (int k = 0; keys[k] != NULL; k++) {
        for (const char *p = strstr(text, keys[k]); p != NULL; p = strstr(p + 1, keys[k])) {
            CHECK(strncmp(p + strlen(keys[k]), "***", 3) == 0);
        }
    }
    /* The presigned URL's own signature value. */
    const char *sig = url ? strstr(url, "ignature=") : NULL;
    if (sig != NULL) {
        char value[256];
        size_t len = strcspn(sig + 9, "&");
        CHECK(len > 8 && len < sizeof value);
        snprintf(value, sizeof value, "%.*s", (int)len, sig + 9);
        CHECK(strstr(text, value) == NULL);
    }
}

/* Points the log at a new file `path`; returns the stream (close it after aos_log_set_output_file(NULL)). */
static FILE *log_to(const char *path) {
    FILE *f = fopen(path, "w");
    CHECK(f != NULL);
    aos_log_set_output_file(f);
    aos_log_set_level(AOS_LOG_ALL);
    return f;
}

static char *log_done(FILE *f, const char *path) {
    aos_log_set_output_file(NULL);
    aos_log_set_level(AOS_LOG_WARN);
    fclose(f);
    return read_all(path);
}

/* The six calls, clean; returns the presigned URL used. */
static char *transfers(oss_request_options_t *options, const char *key) {
    aos_string_t object, file, url;
    aos_table_t *resp_headers = NULL;
    aos_str_set(&object, key);
    net_write_file("log-in.bin", SIZE, 7);
    aos_str_set(&file, "log-in.bin");
    CHECK_INT(oss_put_object_from_file(options, &bucket, &object, &file, NULL, &resp_headers)->code, 200);
    CHECK_INT(oss_head_object(options, &bucket, &object, NULL, &resp_headers)->code, 200);
    CHECK_INT(net_get(options, key, NULL, "log-get.bin")->code, 200);
    oss_resumable_clt_params_t *clt = oss_create_resumable_clt_params_content(options->pool, 100 * 1024, 3, AOS_TRUE, NULL);
    aos_str_set(&file, "log-resumable.bin");
    CHECK_INT(oss_resumable_download_file(options, &bucket, &object, &file, NULL, NULL, clt, NULL, &resp_headers)->code,
              200);
    CHECK(files_equal("log-in.bin", "log-resumable.bin"));
    aos_str_set(&file, "log-in.bin");
    aos_string_t uploaded;
    aos_str_set(&uploaded, "log/uploaded.bin");
    CHECK_INT(oss_resumable_upload_file(options, &bucket, &uploaded, &file, NULL, NULL, clt, NULL, &resp_headers, NULL)
                  ->code,
              200);
    aos_http_request_t *req = aos_http_request_create(options->pool);
    req->method = HTTP_GET;
    char *signed_url = oss_gen_signed_url(options, &bucket, &object, (int64_t)time(NULL) + 120, req);
    CHECK(signed_url != NULL);
    aos_str_set(&url, signed_url ? signed_url : "");
    aos_list_t got;
    aos_list_init(&got);
    CHECK_INT(oss_get_object_to_buffer_by_url(options, &url, NULL, NULL, &got, &resp_headers)->code, 200);
    return signed_url;
}

static void clean_run(void) {
    char *urls[2];
    FILE *f = log_to("clean.log");
    for (int v4 = 0; v4 <= 1; v4++) {
        aos_pool_t *pool;
        aos_pool_create(&pool, NULL);
        char *url = transfers(sts_options(pool, v4), v4 ? "log/v4.bin" : "log/v1.bin");
        urls[v4] = strdup(url ? url : "");
        aos_pool_destroy(pool);
    }
    char *text = log_done(f, "clean.log");
    CHECK(text != NULL);
    if (text == NULL) return;
    static const expect_t clean[] = {
        {"] [FATAL] [", "", 0},
        {"] [ERROR] [", "", 0},
        {"] [WARN] [", "", 0},
        {"] [INFO] [", "", 12},
        {"[INFO]", "] oss_resumable_download_file bucket=test-bucket key=log/v1.bin done: status=200", 1},
        /* GET to a file, resumable download and GET by URL received it, the put sent it (V1, V4). */
        {"[INFO]", "bytes=307217 (sent=0 received=307217)", 6},
        {"[INFO]", "bytes=307217 (sent=307217 received=0)", 2},
        {"[INFO]", "parts=4 ", 4},
        {"[INFO]", "] oss_resumable_upload_file bucket=test-bucket key=log/uploaded.bin done", 2},
        {"[INFO]", "] oss_head_object bucket=test-bucket key=log/v4.bin done: status=200 request_id=", 1},
        {"[INFO]", "retries=0", 12},
        {"[DEBUG]", "] HEAD http://", -4},
        {"[DEBUG]", "] GET http://", -6},
        {"[DEBUG]", "] PUT http://", -10},
        {"[DEBUG]", "] POST http://", -4},
        {"[DEBUG]", " -> 200 request_id=", -20},
        {"[DEBUG]", "ttfb=", -24},
        {"[DEBUG]", "Signature=***", 1},
        {"[DEBUG]", "x-oss-signature=***", 1},
        {"  > Authorization: ***", "", -20},
        {"  > x-oss-security-token: ***", "", -20},
        {"  < x-oss-request-id: ", "", -20},
        {NULL, NULL, 0},
    };
    check_lines(text, clean);
    check_no_secrets(text, urls[0]);
    check_no_secrets(text, urls[1]);
    free(urls[0]);
    free(urls[1]);
    free(text);
}

/* The controller of the GET that cancels itself from its progress callback. */
static aos_http_controller_t *cancel_ctl;
static int cancel_result = -1;

static void cancel_on_progress(int64_t done, int64_t total) {
    (void)done;
    (void)total;
    if (cancel_result != AOSE_OK) cancel_result = aos_http_controller_cancel(cancel_ctl);
}

/* "flaky" answers its next two GETs with 503, "flaky-up" its part 2 once: both calls succeed.
 * "missing" is not there; "slow" crawls out and its GET cancels itself; "flipped" arrives with a
 * byte flipped. */
static void faulty_run(void) {
    aos_pool_t *pool;
    aos_pool_create(&pool, NULL);
    oss_request_options_t *options = sts_options(pool, 1);
    aos_string_t object, file;
    aos_table_t *resp_headers = NULL;
    FILE *f = log_to("faults.log");
    oss_resumable_clt_params_t *clt = oss_create_resumable_clt_params_content(pool, 100 * 1024, 2, AOS_FALSE, NULL);
    aos_str_set(&object, "flaky");
    aos_str_set(&file, "flaky.bin");
    CHECK_INT(oss_resumable_download_file(options, &bucket, &object, &file, NULL, NULL, clt, NULL, &resp_headers)->code,
              200);
    net_write_file("log-up.bin", SIZE, 8);
    aos_str_set(&object, "flaky-up");
    aos_str_set(&file, "log-up.bin");
    CHECK_INT(oss_resumable_upload_file(options, &bucket, &object, &file, NULL, NULL, clt, NULL, &resp_headers, NULL)->code,
              200);
    aos_status_t *s = net_get(options, "missing", NULL, "missing.bin");
    CHECK_INT(s->code, 404);
    aos_str_set(&object, "missing");
    CHECK_INT(oss_head_object(options, &bucket, &object, NULL, &resp_headers)->code, 404);
    aos_str_set(&object, "slow");
    aos_str_set(&file, "slow.bin");
    cancel_ctl = options->ctl;
    s = oss_do_get_object_to_file(options, &bucket, &object, NULL, NULL, &file, cancel_on_progress, &resp_headers);
    CHECK_INT(s->code, AOSE_ABORT_CALLBACK);
    CHECK_INT(cancel_result, AOSE_OK);
    CHECK_INT(net_get(options, "flipped", NULL, "flipped.bin")->code, AOSE_CRC_INCONSISTENT_ERROR);
    char *text = log_done(f, "faults.log");
    aos_pool_destroy(pool);
    CHECK(text != NULL);
    if (text == NULL) return;
    static const expect_t faulty[] = {
        {"] [WARN] [", "", 3},
        {"[WARN]", "] oss_resumable_download_file bucket=test-bucket key=flaky: retry ", 2},
        {"[WARN]", "] oss_resumable_upload_file bucket=test-bucket key=flaky-up: retry 1 after status=503", 1},
        {"[WARN]", "code=ServiceUnavailable request_id=", 3},
        {"[WARN]", "backoff=", 3},
        {"[INFO]", "] oss_resumable_download_file bucket=test-bucket key=flaky done: status=200", 1},
        {"[INFO]", "retries=2", 1},
        {"[INFO]", "retries=1", 1},
        {"] [ERROR] [", "", 1},
        {"[ERROR]",
         "] oss_do_get_object_to_file bucket=test-bucket key=flipped failed: status=-978 code=InconsistentError "
         "request_id=",
         1},
        {"[ERROR]", "request_id=- ", 0},
        {"[ERROR]", "requests=1 retries=0", 1},
        {"[INFO]", "] oss_do_get_object_to_file bucket=test-bucket key=missing answered: status=404 code=NoSuchKey", 1},
        {"[INFO]", "] oss_head_object bucket=test-bucket key=missing answered: status=404 code=NoSuchKey", 1},
        {"[INFO]", "code=NoSuchKey request_id=- ", 0},
        {"[INFO]", " answered: ", 2},
        {"[INFO]", "] oss_do_get_object_to_file bucket=test-bucket key=slow cancelled: status=-997 code=AbortedByCaller",
         1},
        {"[INFO]", " cancelled: ", 1},
        {"] [FATAL] [", "", 0},
        {"[DEBUG]", " -> 503 ", 3},
        {NULL, NULL, 0},
    };
    check_lines(text, faulty);
    check_no_secrets(text, NULL);
    free(text);
}

int main(void) {
    CHECK_INT(aos_http_io_initialize("test_net_log", 0), AOSE_OK);
    aos_str_set(&bucket, net_env("OSS_BUCKET"));
    clean_run();
    faulty_run();
    const char *files[] = {"log-in.bin", "log-get.bin", "log-resumable.bin", "log-up.bin", "flaky.bin",
                           "clean.log",  "faults.log",  "slow.bin",  NULL};
    for (int i = 0; files[i] != NULL; i++) unlink(files[i]);
    aos_http_io_deinitialize();
    return TEST_DONE();
}
