/* The benchmark driver: one program, compiled twice by bench/run.sh — against this project's
 * include/ and -loss_c_sdk, and against the official SDK's headers and library (+ APR, mxml,
 * libcurl) — so both libraries are driven by exactly the same calls.
 *
 *   OSS_ENDPOINT=http://127.0.0.1:PORT OSS_ACCESS_KEY_ID=.. OSS_ACCESS_KEY_SECRET=.. \
 *       oss_bench MODE [-p PART_SIZE] [-t THREADS] [-k CHECKPOINT_FILE] [-n COUNT] BUCKET KEY [FILE]
 *
 * MODE:
 *   download    oss_resumable_download_file of KEY into FILE
 *   upload      oss_resumable_upload_file of FILE to KEY
 *   put         oss_put_object_from_file of FILE to KEY
 *   get-buffer  oss_get_object_to_buffer of KEY (prints the byte count)
 *   heads       COUNT oss_head_object of KEY, one request pool per call
 *   small       COUNT oss_put_object_from_buffer of 4 KiB to KEY-<i>, then COUNT
 *               oss_get_object_to_buffer of them (each length checked), one pool per call
 *
 * -k enables the checkpoint of a resumable transfer at that path (absent: checkpoint off).
 * Requests are V1-signed, path style (an IP endpoint). On success one line goes to stdout
 * ("ok MODE BYTES") and the exit status is 0; a failed call prints its status to stderr and
 * exits 1; bad usage exits 2. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "aos_http_io.h"
#include "oss_api.h"

#define SMALL_OBJECT_SIZE 4096

typedef struct {
    const char *mode, *bucket, *key, *file, *checkpoint;
    const char *endpoint, *access_key_id, *access_key_secret;
    int64_t part_size;
    int threads;
    long count;
} bench_args_t;

/* Options for one call, allocated in `pool` (the official SDK's pattern: a pool per request). */
static oss_request_options_t *make_options(aos_pool_t *pool, const bench_args_t *a) {
    oss_request_options_t *options = oss_request_options_create(pool);
    options->config = oss_config_create(pool);
    aos_str_set(&options->config->endpoint, a->endpoint);
    aos_str_set(&options->config->access_key_id, a->access_key_id);
    aos_str_set(&options->config->access_key_secret, a->access_key_secret);
    options->config->is_cname = 0;
    options->config->signature_version = 1;
    options->ctl = aos_http_controller_create(pool, 0);
    return options;
}

/* Prints a failed call's status; returns 1 for failure, 0 for success. */
static int failed(const char *what, const aos_status_t *s) {
    if (s != NULL && aos_status_is_ok((aos_status_t *)s)) return 0;
    if (s == NULL) {
        fprintf(stderr, "%s: no status\n", what);
    } else {
        fprintf(stderr, "%s: status %d, %s, %s, request id %s\n", what, s->code,
                s->error_code ? s->error_code : "-", s->error_msg ? s->error_msg : "-",
                s->req_id ? s->req_id : "-");
    }
    return 1;
}

/* The bucket, key and file of the command line as the library's strings. */
typedef struct {
    aos_string_t bucket, key, file;
} names_t;

static names_t names_of(const bench_args_t *a) {
    names_t n;
    aos_str_set(&n.bucket, a->bucket);
    aos_str_set(&n.key, a->key);
    aos_str_set(&n.file, a->file != NULL ? a->file : "");
    return n;
}

static oss_resumable_clt_params_t *transfer_params(aos_pool_t *pool, const bench_args_t *a) {
    return oss_create_resumable_clt_params_content(pool, a->part_size, a->threads,
                                                   a->checkpoint != NULL ? AOS_TRUE : AOS_FALSE,
                                                   a->checkpoint);
}

static int run_download(aos_pool_t *pool, const bench_args_t *a) {
    names_t n = names_of(a);
    aos_table_t *resp_headers = NULL;
    aos_status_t *s = oss_resumable_download_file(make_options(pool, a), &n.bucket, &n.key, &n.file,
                                                  aos_table_make(pool, 0), aos_table_make(pool, 0),
                                                  transfer_params(pool, a), NULL, &resp_headers);
    return failed("oss_resumable_download_file", s);
}

static int run_upload(aos_pool_t *pool, const bench_args_t *a) {
    names_t n = names_of(a);
    aos_table_t *resp_headers = NULL;
    aos_list_t resp_body;
    aos_list_init(&resp_body);
    aos_status_t *s = oss_resumable_upload_file(make_options(pool, a), &n.bucket, &n.key, &n.file,
                                                aos_table_make(pool, 1), aos_table_make(pool, 0),
                                                transfer_params(pool, a), NULL, &resp_headers,
                                                &resp_body);
    return failed("oss_resumable_upload_file", s);
}

static int run_put(aos_pool_t *pool, const bench_args_t *a) {
    names_t n = names_of(a);
    aos_table_t *resp_headers = NULL;
    aos_status_t *s = oss_put_object_from_file(make_options(pool, a), &n.bucket, &n.key, &n.file,
                                               aos_table_make(pool, 1), &resp_headers);
    return failed("oss_put_object_from_file", s);
}

/* GETs `key` into a buffer list in `pool`; stores its length in *len. */
static int get_to_buffer(aos_pool_t *pool, const bench_args_t *a, const char *key_name,
                         int64_t *len) {
    aos_string_t bucket, key;
    aos_table_t *resp_headers = NULL;
    aos_list_t buffer;
    aos_list_init(&buffer);
    aos_str_set(&bucket, a->bucket);
    aos_str_set(&key, key_name);
    aos_status_t *s = oss_get_object_to_buffer(make_options(pool, a), &bucket, &key,
                                               aos_table_make(pool, 0), aos_table_make(pool, 0),
                                               &buffer, &resp_headers);
    if (failed("oss_get_object_to_buffer", s)) return 1;
    *len = aos_buf_list_len(&buffer);
    return 0;
}

static int run_get_buffer(aos_pool_t *pool, const bench_args_t *a, int64_t *bytes) {
    return get_to_buffer(pool, a, a->key, bytes);
}

static int run_heads(const bench_args_t *a) {
    names_t n = names_of(a);
    for (long i = 0; i < a->count; i++) {
        aos_pool_t *pool = NULL;
        aos_table_t *resp_headers = NULL;
        aos_pool_create(&pool, NULL);
        aos_status_t *s = oss_head_object(make_options(pool, a), &n.bucket, &n.key,
                                          aos_table_make(pool, 0), &resp_headers);
        int bad = failed("oss_head_object", s);
        aos_pool_destroy(pool);
        if (bad) return 1;
    }
    return 0;
}

static int put_small(const bench_args_t *a, const char *key_name, const char *data) {
    aos_pool_t *pool = NULL;
    aos_string_t bucket, key;
    aos_table_t *resp_headers = NULL;
    aos_list_t body;
    aos_pool_create(&pool, NULL);
    aos_list_init(&body);
    aos_str_set(&bucket, a->bucket);
    aos_str_set(&key, key_name);
    aos_buf_t *buf = aos_buf_pack(pool, data, SMALL_OBJECT_SIZE);
    aos_list_add_tail(&buf->node, &body);
    aos_status_t *s = oss_put_object_from_buffer(make_options(pool, a), &bucket, &key, &body,
                                                 aos_table_make(pool, 1), &resp_headers);
    int bad = failed("oss_put_object_from_buffer", s);
    aos_pool_destroy(pool);
    return bad;
}

static int run_small(const bench_args_t *a) {
    static char data[SMALL_OBJECT_SIZE];
    char key_name[1024];
    for (size_t i = 0; i < sizeof data; i++) data[i] = (char)('a' + i % 26);
    for (long i = 0; i < a->count; i++) {
        snprintf(key_name, sizeof key_name, "%s-%ld", a->key, i);
        if (put_small(a, key_name, data)) return 1;
    }
    for (long i = 0; i < a->count; i++) {
        aos_pool_t *pool = NULL;
        int64_t len = 0;
        snprintf(key_name, sizeof key_name, "%s-%ld", a->key, i);
        aos_pool_create(&pool, NULL);
        int bad = get_to_buffer(pool, a, key_name, &len);
        aos_pool_destroy(pool);
        if (bad) return 1;
        if (len != SMALL_OBJECT_SIZE) {
            fprintf(stderr, "%s: got %lld bytes, expected %d\n", key_name, (long long)len,
                    SMALL_OBJECT_SIZE);
            return 1;
        }
    }
    return 0;
}

static int usage(const char *argv0) {
    fprintf(stderr,
            "usage: OSS_ENDPOINT=.. OSS_ACCESS_KEY_ID=.. OSS_ACCESS_KEY_SECRET=.. %s "
            "download|upload|put|get-buffer|heads|small [-p PART_SIZE] [-t THREADS] "
            "[-k CHECKPOINT_FILE] [-n COUNT] BUCKET KEY [FILE]\n",
            argv0);
    return 2;
}

static int parse_args(int argc, char *argv[], bench_args_t *a) {
    int opt;
    memset(a, 0, sizeof *a);
    a->part_size = 8 * 1024 * 1024;
    a->threads = 3;
    a->count = 1;
    if (argc < 2) return 0;
    a->mode = argv[1];
    optind = 2;
    while ((opt = getopt(argc, argv, "p:t:k:n:")) != -1) {
        switch (opt) {
            case 'p': a->part_size = atoll(optarg); break;
            case 't': a->threads = atoi(optarg); break;
            case 'k': a->checkpoint = optarg; break;
            case 'n': a->count = atol(optarg); break;
            default: return 0;
        }
    }
    if (argc - optind < 2) return 0;
    a->bucket = argv[optind];
    a->key = argv[optind + 1];
    a->file = argc - optind > 2 ? argv[optind + 2] : NULL;
    a->endpoint = getenv("OSS_ENDPOINT");
    a->access_key_id = getenv("OSS_ACCESS_KEY_ID");
    a->access_key_secret = getenv("OSS_ACCESS_KEY_SECRET");
    return a->endpoint && a->access_key_id && a->access_key_secret;
}

/* Runs the mode; *bytes is what it moved (for the "ok" line). -1: unknown mode or no FILE. */
static int run_mode(aos_pool_t *pool, const bench_args_t *a, int64_t *bytes) {
    int needs_file = !strcmp(a->mode, "download") || !strcmp(a->mode, "upload") ||
                     !strcmp(a->mode, "put");
    if (needs_file && a->file == NULL) return -1;
    if (!strcmp(a->mode, "download")) return run_download(pool, a);
    if (!strcmp(a->mode, "upload")) return run_upload(pool, a);
    if (!strcmp(a->mode, "put")) return run_put(pool, a);
    if (!strcmp(a->mode, "get-buffer")) return run_get_buffer(pool, a, bytes);
    if (!strcmp(a->mode, "heads")) return run_heads(a);
    if (!strcmp(a->mode, "small")) return run_small(a);
    return -1;
}

int main(int argc, char *argv[]) {
    bench_args_t a;
    if (!parse_args(argc, argv, &a)) return usage(argv[0]);
    if (aos_http_io_initialize("oss-bench", 0) != AOSE_OK) {
        fprintf(stderr, "aos_http_io_initialize failed\n");
        return 1;
    }
    aos_pool_t *pool = NULL;
    aos_pool_create(&pool, NULL);
    int64_t bytes = 0;
    int rc = run_mode(pool, &a, &bytes);
    aos_pool_destroy(pool);
    aos_http_io_deinitialize();
    if (rc < 0) return usage(argv[0]);
    if (rc == 0) printf("ok %s %lld\n", a.mode, (long long)bytes);
    return rc;
}
