/* Hostile input through the C API (a C caller can pass anything, and a crash takes its whole process
 * down): NULL for every pointer argument of every download
 * entry point, negative and huge sizes, non-UTF-8 and over-long strings, endpoints with odd
 * schemes, odd transfer options, and a server that lies (garbage instead of HTTP, garbage header
 * lines, a Content-Length of 2^63, a Content-Range that disagrees with the request, an HTML
 * error page, a 10 MB header). Every case: a clear status (or, where the answer is still
 * usable, the exact file), no crash, and nothing changed on disk.
 *
 * Run by with_server.sh with test-bucket/{ok,garbage,junk,len63,range,html,huge} (300007 bytes
 * each) and the faults named in CMakeLists.txt on all but "ok". */
#include <limits.h>
#include <unistd.h>

#include "net_util.h"
#include "test_util.h"

#define SIZE 300007

static aos_pool_t *pool;

/* A failed call: a status, not OK, with a code (the given one unless 0), an error code and a
 * message. */
static void expect_failure(aos_status_t *s, int code, const char *what) {
    int ok = s != NULL && !aos_status_is_ok(s) && s->code != 0 && (code == 0 || s->code == code) &&
             s->error_code != NULL && s->error_msg != NULL;
    test_checks++;
    if (!ok) {
        test_failures++;
        fprintf(stderr, "%s: expected a failure with code %d, got %d %s: %s\n", what, code, s ? s->code : -1,
                s && s->error_code ? s->error_code : "(null)", s && s->error_msg ? s->error_msg : "(null)");
    }
}

static void expect_success(aos_status_t *s, const char *file, const char *what) {
    int ok = s != NULL && s->code == 200 && (file == NULL || files_equal(file, "reference.bin"));
    test_checks++;
    if (!ok) {
        test_failures++;
        fprintf(stderr, "%s: expected 200 and the exact file, got %d %s: %s\n", what, s ? s->code : -1,
                s && s->error_code ? s->error_code : "(null)", s && s->error_msg ? s->error_msg : "(null)");
    }
    if (file != NULL) unlink(file);
}

static aos_status_t *resumable(oss_request_options_t *options, aos_string_t *bucket, aos_string_t *object,
                               aos_string_t *file, oss_resumable_clt_params_t *params) {
    aos_table_t *resp_headers = NULL;
    return oss_resumable_download_file(options, bucket, object, file, NULL, NULL, params, NULL, &resp_headers);
}

static void null_arguments(oss_request_options_t *options) {
    aos_string_t b, o, f;
    aos_str_set(&b, net_env("OSS_BUCKET"));
    aos_str_set(&o, "ok");
    aos_str_set(&f, "null.bin");
    aos_table_t *rh = NULL;
    oss_resumable_clt_params_t *params = oss_create_resumable_clt_params_content(pool, 65536, 3, AOS_FALSE, NULL);
    int before = dir_entries(".");

    /* oss_resumable_download_file: options, bucket, object and filepath are required. */
    expect_failure(oss_resumable_download_file(NULL, &b, &o, &f, NULL, NULL, params, NULL, &rh), AOSE_INVALID_ARGUMENT,
                   "resumable options=NULL");
    expect_failure(oss_resumable_download_file(options, NULL, &o, &f, NULL, NULL, params, NULL, &rh),
                   AOSE_INVALID_ARGUMENT, "resumable bucket=NULL");
    expect_failure(oss_resumable_download_file(options, &b, NULL, &f, NULL, NULL, params, NULL, &rh),
                   AOSE_INVALID_ARGUMENT, "resumable object=NULL");
    expect_failure(oss_resumable_download_file(options, &b, &o, NULL, NULL, NULL, params, NULL, &rh),
                   AOSE_OPEN_FILE_ERROR, "resumable filepath=NULL");
    CHECK_INT(dir_entries("."), before);
    /* ... the rest may be NULL. */
    expect_success(oss_resumable_download_file(options, &b, &o, &f, NULL, NULL, NULL, NULL, NULL), "null.bin",
                   "resumable headers, params, clt_params, callback, resp_headers = NULL");

    /* The single-request functions. */
    expect_failure(oss_get_object_to_file(NULL, &b, &o, NULL, NULL, &f, &rh), AOSE_INVALID_ARGUMENT, "get options=NULL");
    expect_failure(oss_get_object_to_file(options, NULL, &o, NULL, NULL, &f, &rh), AOSE_INVALID_ARGUMENT, "get bucket=NULL");
    expect_failure(oss_get_object_to_file(options, &b, NULL, NULL, NULL, &f, &rh), AOSE_INVALID_ARGUMENT, "get object=NULL");
    expect_failure(oss_get_object_to_file(options, &b, &o, NULL, NULL, NULL, &rh), AOSE_OPEN_FILE_ERROR, "get filename=NULL");
    expect_failure(oss_do_get_object_to_file(NULL, &b, &o, NULL, NULL, &f, NULL, &rh), AOSE_INVALID_ARGUMENT,
                   "do_get options=NULL");
    expect_failure(oss_do_get_object_to_file(options, &b, &o, NULL, NULL, NULL, NULL, &rh), AOSE_OPEN_FILE_ERROR,
                   "do_get filename=NULL");
    expect_failure(oss_head_object(NULL, &b, &o, NULL, &rh), AOSE_INVALID_ARGUMENT, "head options=NULL");
    expect_failure(oss_head_object(options, NULL, &o, NULL, &rh), AOSE_INVALID_ARGUMENT, "head bucket=NULL");
    expect_failure(oss_head_object(options, &b, NULL, NULL, &rh), AOSE_INVALID_ARGUMENT, "head object=NULL");
    expect_failure(oss_get_object_meta(NULL, &b, &o, &rh), AOSE_INVALID_ARGUMENT, "meta options=NULL");
    expect_failure(oss_get_object_meta(options, NULL, &o, &rh), AOSE_INVALID_ARGUMENT, "meta bucket=NULL");
    expect_failure(oss_get_object_meta(options, &b, NULL, &rh), AOSE_INVALID_ARGUMENT, "meta object=NULL");
    CHECK_INT(dir_entries("."), before);
    CHECK_INT(oss_head_object(options, &b, &o, NULL, NULL)->code, 200);
    CHECK_INT(oss_get_object_meta(options, &b, &o, NULL)->code, 200);
    expect_success(oss_do_get_object_to_file(options, &b, &o, NULL, NULL, &f, NULL, NULL), "null.bin",
                   "do_get headers, params, callback, resp_headers = NULL");

    /* Options with NULL inside. */
    oss_request_options_t hollow = *options;
    hollow.config = NULL;
    expect_failure(resumable(&hollow, &b, &o, &f, params), AOSE_INVALID_ARGUMENT, "options->config=NULL");
    hollow = *options;
    hollow.ctl = NULL;
    expect_success(resumable(&hollow, &b, &o, &f, params), "null.bin", "options->ctl=NULL");
    hollow = *options;
    hollow.pool = NULL;
    expect_success(resumable(&hollow, &b, &o, &f, params), "null.bin", "options->pool=NULL");

    /* Strings whose pointer is NULL or whose length is not positive are absent. */
    aos_string_t nulldata = {5, NULL}, negative = {-1, (char *)"test-bucket"};
    expect_failure(resumable(options, &nulldata, &o, &f, params), AOSE_INVALID_ARGUMENT, "bucket {5, NULL}");
    expect_failure(resumable(options, &negative, &o, &f, params), AOSE_INVALID_ARGUMENT, "bucket {-1, ..}");
    expect_failure(resumable(options, &b, &o, &nulldata, params), AOSE_OPEN_FILE_ERROR, "filepath {5, NULL}");

    CHECK(oss_create_resumable_clt_params_content(NULL, 1, 1, 1, "x") == NULL);
    CHECK_INT(aos_http_controller_cancel(NULL), AOSE_INVALID_ARGUMENT);
    CHECK_INT(aos_http_controller_cancel(options->ctl), AOSE_INVALID_OPERATION);
    CHECK_INT(dir_entries("."), before);
}

static void sizes_and_strings(oss_request_options_t *options) {
    aos_string_t b, o, f;
    aos_str_set(&b, net_env("OSS_BUCKET"));
    aos_str_set(&o, "ok");
    aos_str_set(&f, "sizes.bin");
    int before = dir_entries(".");

    /* Part sizes and thread counts of any value: normalised, never a crash (1 byte means the
     * 10,000-part cap, 1025 or less than 1 thread means one). */
    const struct { int64_t part; int32_t threads; } sizes[] = {
        {INT64_MIN, INT32_MIN}, {-1, -1}, {0, 0}, {1, 8}, {INT64_MAX, INT32_MAX}, {65536, 1025}, {65536, 1024}};
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        oss_resumable_clt_params_t *p =
            oss_create_resumable_clt_params_content(pool, sizes[i].part, sizes[i].threads, (int)(i % 2), NULL);
        char what[96];
        snprintf(what, sizeof what, "part_size %lld threads %d", (long long)sizes[i].part, sizes[i].threads);
        expect_success(resumable(options, &b, &o, &f, p), "sizes.bin", what);
    }
    oss_resumable_clt_params_t *params = oss_create_resumable_clt_params_content(pool, 65536, 2, AOS_TRUE, NULL);

    /* Non-UTF-8 and over-long names. */
    aos_string_t bad;
    aos_str_set(&bad, "test-\xff\xfe");
    expect_failure(resumable(options, &bad, &o, &f, params), AOSE_INVALID_ARGUMENT, "non-UTF-8 bucket");
    aos_str_set(&bad, "ok\xc3\x28");
    expect_failure(resumable(options, &b, &bad, &f, params), AOSE_INVALID_ARGUMENT, "non-UTF-8 object");
    char *long_text = aos_pcalloc(pool, 100001);
    memset(long_text, 'a', 100000);
    aos_string_t longs = {100000, long_text};
    expect_failure(resumable(options, &longs, &o, &f, params), AOSE_INVALID_ARGUMENT, "100 KB bucket");
    expect_failure(resumable(options, &b, &longs, &f, params), AOSE_INVALID_ARGUMENT, "100 KB object");
    expect_failure(resumable(options, &b, &o, &longs, params), AOSE_OPEN_FILE_ERROR, "100 KB file path");
    aos_string_t nested;
    aos_str_set(&nested, "no/such/dir/file.bin");
    expect_failure(resumable(options, &b, &o, &nested, params), AOSE_OPEN_FILE_ERROR, "missing directory");
    aos_str_set(&nested, ".");
    expect_failure(resumable(options, &b, &o, &nested, params), AOSE_OPEN_FILE_ERROR, "file path \".\"");
    oss_resumable_clt_params_t *long_cp = oss_create_resumable_clt_params_content(pool, 65536, 2, AOS_TRUE, long_text);
    expect_failure(resumable(options, &b, &o, &f, long_cp), AOSE_OPEN_FILE_ERROR, "100 KB checkpoint path");
    CHECK_INT(dir_entries("."), before);

    /* A target that is a directory: refused before any byte is fetched (the rename could never
     * succeed), and nothing stays behind, with or without a checkpoint. */
    CHECK_INT(mkdir("a-directory", 0700), 0);
    aos_str_set(&nested, "a-directory");
    expect_failure(resumable(options, &b, &o, &nested, NULL), AOSE_OPEN_FILE_ERROR, "target is a directory");
    expect_failure(resumable(options, &b, &o, &nested, params), AOSE_OPEN_FILE_ERROR, "directory, checkpoint");
    CHECK_INT(dir_entries("."), before + 1);
    CHECK_INT(dir_entries("a-directory"), 0);
    rmdir("a-directory");

    /* A file name that is not UTF-8 is still a file name. */
    aos_str_set(&nested, "caf\xe9.bin");
    expect_success(resumable(options, &b, &o, &nested, params), "caf\xe9.bin", "non-UTF-8 file name");
    CHECK_INT(dir_entries("."), before);
}

static void endpoints(void) {
    const char *real = net_env("OSS_ENDPOINT"); /* http://127.0.0.1:PORT */
    const char *hostport = strstr(real, "://") + 3;
    char buf[512];
    const char *bad[] = {"ftp://%s", "file:///etc/passwd", "", "http://", "http:///bucket", "http://127.0.0.1:0",
                         "http://127.0.0.1:99999", "http://[::1", "http://user:pw@%s", "http://%s\r\nX-Injected: 1",
                         "\x01\x02\x03", "\xff\xfe", "gopher://%s", "://%s"};
    const char *good[] = {"HTTP://%s", "  http://%s  ", "%s", "http://%s/ignored/path?x=1#y"};
    aos_string_t b, o, f;
    aos_str_set(&b, net_env("OSS_BUCKET"));
    aos_str_set(&o, "ok");
    aos_str_set(&f, "endpoint.bin");
    int before = dir_entries(".");
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        oss_request_options_t *options = net_options(pool, 0);
        snprintf(buf, sizeof buf, bad[i], hostport);
        aos_str_set(&options->config->endpoint, apr_pstrdup(pool, buf));
        char what[600];
        snprintf(what, sizeof what, "endpoint \"%s\"", bad[i]);
        expect_failure(resumable(options, &b, &o, &f, NULL), AOSE_INVALID_ARGUMENT, what);
    }
    char *huge = aos_pcalloc(pool, 301);
    memset(huge, 'a', 300);
    oss_request_options_t *options = net_options(pool, 0);
    aos_str_set(&options->config->endpoint, huge);
    expect_failure(resumable(options, &b, &o, &f, NULL), AOSE_INVALID_ARGUMENT, "300-byte host name");
    CHECK_INT(dir_entries("."), before);
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
        options = net_options(pool, 0);
        snprintf(buf, sizeof buf, good[i], hostport);
        aos_str_set(&options->config->endpoint, apr_pstrdup(pool, buf));
        expect_success(resumable(options, &b, &o, &f, NULL), "endpoint.bin", good[i]);
    }

    /* Transfer options out of range: a clear status or the file, never a crash or a hang. */
    options = net_options(pool, 0);
    options->ctl->options = aos_http_request_options_create(pool);
    options->ctl->options->speed_limit = -1;
    options->ctl->options->speed_time = INT_MIN;
    options->ctl->options->connect_timeout = -5;
    options->ctl->options->dns_cache_timeout = INT_MAX;
    options->ctl->options->max_memory_size = -1;
    aos_status_t *s = resumable(options, &b, &o, &f, NULL);
    CHECK(s != NULL && (s->code == 200 ? files_equal("endpoint.bin", "reference.bin") : s->error_code != NULL));
    unlink("endpoint.bin");
    options->config->signature_version = 3;
    expect_failure(resumable(options, &b, &o, &f, NULL), AOSE_INVALID_ARGUMENT, "signature_version 3");
    CHECK_INT(dir_entries("."), before);
}

/* The keys whose answers lie (see the faults in CMakeLists.txt). */
static void lying_server(oss_request_options_t *options) {
    aos_string_t b, o, f;
    aos_str_set(&b, net_env("OSS_BUCKET"));
    aos_str_set(&f, "lie.bin");
    aos_table_t *rh = NULL;
    oss_resumable_clt_params_t *params = oss_create_resumable_clt_params_content(pool, 65536, 2, AOS_FALSE, NULL);
    int before = dir_entries(".");

    /* Garbage instead of HTTP on every GET: retried, then a clear transport error. */
    aos_str_set(&o, "garbage");
    aos_status_t *s = resumable(options, &b, &o, &f, params);
    expect_failure(s, 0, "garbage answers");
    CHECK_STR(s->error_code, "HttpIoError");
    expect_failure(oss_get_object_to_file(options, &b, &o, NULL, NULL, &f, &rh), 0, "garbage answer to a GET");

    /* Junk header lines: the file, or a clear transport error. */
    aos_str_set(&o, "junk");
    s = resumable(options, &b, &o, &f, params);
    if (s->code == 200) {
        expect_success(s, "lie.bin", "junk header lines");
    } else {
        expect_failure(s, 0, "junk header lines");
        CHECK_STR(s->error_code, "HttpIoError");
    }

    /* Content-Length: 2^63 on the HEAD and the GETs. */
    aos_str_set(&o, "len63");
    s = resumable(options, &b, &o, &f, params);
    expect_failure(s, AOSE_FILE_TRUNC_ERROR, "Content-Length 2^63");
    expect_failure(oss_get_object_to_file(options, &b, &o, NULL, NULL, &f, &rh), 0, "Content-Length 2^63, one GET");

    /* Content-Range one byte off. */
    aos_str_set(&o, "range");
    s = resumable(options, &b, &o, &f, params);
    expect_failure(s, AOSE_SERVICE_ERROR, "Content-Range off by one");
    CHECK(s->error_msg != NULL && strstr(s->error_msg, "Content-Range") != NULL);

    /* An HTML error page instead of OSS's XML. */
    aos_str_set(&o, "html");
    s = resumable(options, &b, &o, &f, params);
    expect_failure(s, 404, "HTML error page");
    CHECK_STR(s->error_code, "ClientError");

    /* A 10 MB header on every answer (the HEAD included). */
    aos_str_set(&o, "huge");
    expect_failure(oss_head_object(options, &b, &o, NULL, &rh), 0, "10 MB header, HEAD");
    expect_failure(oss_get_object_to_file(options, &b, &o, NULL, NULL, &f, &rh), 0, "10 MB header, GET");

    CHECK_INT(dir_entries("."), before);
}

int main(void) {
    CHECK_INT(aos_http_io_initialize(NULL, 0), AOSE_OK);
    aos_pool_create(&pool, NULL);
    oss_request_options_t *options = net_options(pool, 0);
    aos_string_t b, o, f;
    aos_str_set(&b, net_env("OSS_BUCKET"));
    aos_str_set(&o, "ok");
    aos_str_set(&f, "reference.bin");
    aos_table_t *rh = NULL;
    CHECK_INT(oss_get_object_to_file(options, &b, &o, NULL, NULL, &f, &rh)->code, 200);
    CHECK_INT(file_size("reference.bin"), SIZE);

    null_arguments(options);
    sizes_and_strings(options);
    endpoints();
    lying_server(options);

    aos_pool_destroy(pool);
    aos_http_io_deinitialize();
    return TEST_DONE();
}
