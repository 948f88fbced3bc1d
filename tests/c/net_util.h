/* Helpers for C tests that talk to the local OSS server started by with_server.sh: options from
 * the environment it exports, file helpers, and a directory listing to prove "nothing changed
 * on disk". */
#ifndef OSS_C_SDK_NET_UTIL_H
#define OSS_C_SDK_NET_UTIL_H

#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "aos_http_io.h"
#include "oss_api.h"

static inline const char *net_env(const char *name) {
    const char *v = getenv(name);
    if (v == NULL || *v == '\0') {
        fprintf(stderr, "%s is not set: run this test through with_server.sh\n", name);
        exit(2);
    }
    return v;
}

/* Options for the local server, V1 unless `v4`. */
static inline oss_request_options_t *net_options(aos_pool_t *pool, int v4) {
    oss_request_options_t *options = oss_request_options_create(pool);
    options->config = oss_config_create(options->pool);
    aos_str_set(&options->config->endpoint, net_env("OSS_ENDPOINT"));
    aos_str_set(&options->config->access_key_id, net_env("OSS_ACCESS_KEY_ID"));
    aos_str_set(&options->config->access_key_secret, net_env("OSS_ACCESS_KEY_SECRET"));
    if (v4) {
        options->config->signature_version = 4;
        aos_str_set(&options->config->region, net_env("OSS_REGION"));
    }
    options->config->is_cname = 0;
    options->ctl = aos_http_controller_create(options->pool, 0);
    return options;
}

/* oss_get_object_to_file of `key` in OSS_BUCKET into `file`, with `headers` (may be NULL). */
static inline aos_status_t *net_get(oss_request_options_t *options, const char *key, aos_table_t *headers,
                                    const char *file) {
    aos_string_t bucket, object, filename;
    aos_table_t *resp_headers = NULL;
    aos_str_set(&bucket, net_env("OSS_BUCKET"));
    aos_str_set(&object, key);
    aos_str_set(&filename, file);
    return oss_get_object_to_file(options, &bucket, &object, headers, NULL, &filename, &resp_headers);
}

/* What a progress callback saw: the first and the last count, the total, how many calls, and
 * whether a count ever went back. net_on_progress records into it; net_progress_reset starts over. */
typedef struct {
    int64_t first, done, total, calls, went_back;
} net_progress_t;

static inline net_progress_t *net_progress(void) {
    static net_progress_t seen = {-1, -1, -1, 0, 0};
    return &seen;
}

static inline void net_progress_reset(void) {
    net_progress_t fresh = {-1, -1, -1, 0, 0};
    *net_progress() = fresh;
}

static inline void net_on_progress(int64_t done, int64_t total) {
    net_progress_t *p = net_progress();
    if (p->calls == 0) p->first = done;
    if (done < p->done) p->went_back = 1;
    p->done = done;
    p->total = total;
    p->calls++;
}

/* A file of `len` bytes in a pattern that depends on `seed`. */
static inline void net_write_file(const char *path, int len, int seed) {
    FILE *f = fopen(path, "wb");
    for (int i = 0; i < len; i++) fputc((i * 131 + seed) % 251, f);
    fclose(f);
}

static inline long long file_size(const char *path) {
    struct stat st;
    return stat(path, &st) == 0 ? (long long)st.st_size : -1;
}

static inline int files_equal(const char *a, const char *b) {
    FILE *fa = fopen(a, "rb"), *fb = fopen(b, "rb");
    int same = fa != NULL && fb != NULL;
    while (same) {
        int ca = fgetc(fa), cb = fgetc(fb);
        if (ca != cb) same = 0;
        if (ca == EOF || cb == EOF) break;
    }
    if (fa) fclose(fa);
    if (fb) fclose(fb);
    return same;
}

/* Number of entries (besides . and ..) in a directory. */
static inline int dir_entries(const char *dir) {
    DIR *d = opendir(dir);
    struct dirent *e;
    int n = 0;
    if (d == NULL) return -1;
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0) n++;
    }
    closedir(d);
    return n;
}

/* Unfinished multipart uploads in OSS_BUCKET (the first page: tests leave few), or -1 when the
 * listing fails. */
static inline int net_uploads_left(oss_request_options_t *options) {
    aos_string_t bucket;
    aos_str_set(&bucket, net_env("OSS_BUCKET"));
    oss_list_multipart_upload_params_t *params = oss_create_list_multipart_upload_params(options->pool);
    aos_status_t *s = oss_list_multipart_upload(options, &bucket, params, NULL);
    if (s->code != 200) return -1;
    int n = 0;
    oss_list_multipart_upload_content_t *u;
    aos_list_for_each_entry(oss_list_multipart_upload_content_t, u, &params->upload_list, node) n++;
    return n;
}

#endif
