/* The object calls of oss_api.h through the C API against the local OSS server: put from a
 * buffer list and from a file, get to a buffer list, append (plain and with CRC continuation),
 * copy, delete (one, many, by prefix), listing with delimiter and pages, ACL, tagging, symlinks,
 * restore, and the refusals for bad input. Run by with_server.sh (empty bucket test-bucket). */
#include <stdint.h>
#include <time.h>
#include <unistd.h>

#include "net_util.h"
#include "test_util.h"

static aos_string_t bucket;

/* A list of buffers holding `parts` (NULL-terminated), as a program builds a body. */
static void body_of(aos_pool_t *pool, aos_list_t *list, const char **parts) {
    aos_list_init(list);
    for (; *parts != NULL; parts++) {
        aos_buf_t *b = aos_buf_pack(pool, *parts, (int)strlen(*parts));
        aos_list_add_tail(&b->node, list);
    }
}

static char *get_text(oss_request_options_t *options, const char *key, aos_status_t **status) {
    aos_string_t object;
    aos_list_t buffer;
    aos_table_t *resp_headers = NULL;
    aos_str_set(&object, key);
    aos_list_init(&buffer);
    *status = oss_get_object_to_buffer(options, &bucket, &object, NULL, NULL, &buffer, &resp_headers);
    return aos_buf_list_content(options->pool, &buffer);
}

static void put_and_get(oss_request_options_t *options) {
    aos_string_t object;
    aos_list_t body;
    aos_table_t *resp_headers = NULL;
    const char *parts[] = {"hello", ", ", "", "buffer list", NULL};
    aos_str_set(&object, "greeting.txt");
    body_of(options->pool, &body, parts);
    aos_status_t *s = oss_put_object_from_buffer(options, &bucket, &object, &body, NULL, &resp_headers);
    CHECK_INT(s->code, 200);
    CHECK(apr_table_get(resp_headers, "ETag") != NULL);

    char *text = get_text(options, "greeting.txt", &s);
    CHECK_INT(s->code, 200);
    CHECK_STR(text, "hello, buffer list");

    resp_headers = NULL;
    s = oss_head_object(options, &bucket, &object, NULL, &resp_headers);
    CHECK_STR(apr_table_get(resp_headers, OSS_CONTENT_TYPE), "text/plain");

    /* A file, with progress: smooth, monotonic, ending at the total. */
    FILE *f = fopen("upload.bin", "wb");
    for (int i = 0; i < 3 * 1024 * 1024; i++) fputc(i * 31 % 251, f);
    fclose(f);
    aos_string_t filename;
    aos_str_set(&filename, "upload.bin");
    aos_str_set(&object, "from-file");
    resp_headers = NULL;
    s = oss_do_put_object_from_file(options, &bucket, &object, &filename, NULL, NULL, net_on_progress, &resp_headers, NULL);
    CHECK_INT(s->code, 200);
    CHECK(net_progress()->calls >= 2 && !net_progress()->went_back);
    CHECK_INT(net_progress()->done, 3 * 1024 * 1024);

    aos_list_t got;
    aos_list_init(&got);
    s = oss_get_object_to_buffer(options, &bucket, &object, NULL, NULL, &got, &resp_headers);
    CHECK_INT(s->code, 200);
    CHECK_INT(aos_buf_list_len(&got), 3 * 1024 * 1024);

    /* Bad input: a missing file is OpenFileFail before any request; a NULL list is refused. */
    aos_str_set(&filename, "no-such-file.bin");
    s = oss_put_object_from_file(options, &bucket, &object, &filename, NULL, &resp_headers);
    CHECK_INT(s->code, AOSE_OPEN_FILE_ERROR);
    CHECK_STR(s->error_code, "OpenFileFail");
    s = oss_put_object_from_buffer(options, &bucket, &object, NULL, NULL, &resp_headers);
    CHECK_INT(s->code, AOSE_INVALID_ARGUMENT);
    s = oss_get_object_to_buffer(options, &bucket, &object, NULL, NULL, NULL, &resp_headers);
    CHECK_INT(s->code, AOSE_INVALID_ARGUMENT);

    /* max_memory_size bounds a GET into memory. */
    aos_http_request_options_t *own = aos_http_request_options_create(options->pool);
    own->max_memory_size = 1024 * 1024;
    aos_http_request_options_t *before = options->ctl->options;
    options->ctl->options = own;
    aos_list_init(&got);
    s = oss_get_object_to_buffer(options, &bucket, &object, NULL, NULL, &got, &resp_headers);
    CHECK_INT(s->code, AOSE_OVER_MEMORY);
    CHECK(aos_list_empty(&got));
    options->ctl->options = before;
    unlink("upload.bin");
}

static void append(oss_request_options_t *options) {
    aos_string_t object;
    aos_list_t body;
    aos_table_t *resp_headers = NULL;
    const char *first[] = {"abc", NULL};
    const char *second[] = {"def", "g", NULL};
    aos_str_set(&object, "appendable");
    body_of(options->pool, &body, first);
    aos_status_t *s = oss_append_object_from_buffer(options, &bucket, &object, 0, &body, NULL, &resp_headers);
    CHECK_INT(s->code, 200);
    CHECK_STR(apr_table_get(resp_headers, OSS_NEXT_APPEND_POSITION), "3");
    uint64_t crc = aos_atoui64(apr_table_get(resp_headers, OSS_HASH_CRC64_ECMA));

    body_of(options->pool, &body, second);
    resp_headers = NULL;
    s = oss_do_append_object_from_buffer(options, &bucket, &object, 3, crc, &body, NULL, NULL, NULL, &resp_headers, NULL);
    CHECK_INT(s->code, 200);
    CHECK_STR(apr_table_get(resp_headers, OSS_NEXT_APPEND_POSITION), "7");

    s = oss_append_object_from_buffer(options, &bucket, &object, 1, &body, NULL, &resp_headers);
    CHECK_INT(s->code, 409);
    CHECK_STR(s->error_code, "PositionNotEqualToLength");
    s = oss_append_object_from_buffer(options, &bucket, &object, -1, &body, NULL, &resp_headers);
    CHECK_INT(s->code, AOSE_INVALID_ARGUMENT);

    char *text = get_text(options, "appendable", &s);
    CHECK_STR(text, "abcdefg");
}

/* Links to nowhere: a library that followed them would crash. */
static void scramble(aos_list_t *list) {
    list->next = list->prev = (aos_list_t *)(uintptr_t)0x10;
}

/* An answer's body replaces what the caller's list held, as the official SDK hands it over
 * (aos_list_movelist): the old links are never followed, so a list never initialised, or still
 * linking a buffer of a destroyed pool (as the official samples pass it), is fine; a failed
 * request hands over the server's error document. */
static void answer_bodies(oss_request_options_t *options) {
    aos_string_t object;
    aos_list_t body, got, reply;
    const char *parts[] = {"moved", NULL};
    aos_str_set(&object, "moved.txt");
    body_of(options->pool, &body, parts);
    scramble(&reply);
    aos_status_t *s = oss_do_put_object_from_buffer(options, &bucket, &object, &body, NULL, NULL, NULL, NULL, &reply);
    CHECK_INT(s->code, 200);
    CHECK(aos_list_empty(&reply));

    aos_pool_t *gone;
    aos_pool_create(&gone, NULL);
    aos_list_init(&got);
    aos_buf_t *stale = aos_buf_pack(gone, "stale", 5);
    aos_list_add_tail(&stale->node, &got);
    aos_pool_destroy(gone);
    s = oss_get_object_to_buffer(options, &bucket, &object, NULL, NULL, &got, NULL);
    CHECK_INT(s->code, 200);
    CHECK_STR(aos_buf_list_content(options->pool, &got), "moved");

    aos_str_set(&object, "no-such-key");
    scramble(&got);
    s = oss_get_object_to_buffer(options, &bucket, &object, NULL, NULL, &got, NULL);
    CHECK_INT(s->code, 404);
    CHECK(strstr(aos_buf_list_content(options->pool, &got), "<Code>NoSuchKey</Code>") != NULL);

    aos_str_set(&object, "moved.txt");
    scramble(&reply);
    s = oss_do_append_object_from_buffer(options, &bucket, &object, 0, 0, &body, NULL, NULL, NULL, NULL, &reply);
    CHECK_INT(s->code, 409);
    CHECK(strstr(aos_buf_list_content(options->pool, &reply), "<Code>ObjectNotAppendable</Code>") != NULL);
    oss_delete_object(options, &bucket, &object, NULL);
}

static void copy_and_delete(oss_request_options_t *options) {
    aos_string_t src, dst, object;
    aos_table_t *resp_headers = NULL;
    aos_str_set(&src, "greeting.txt");
    aos_str_set(&dst, "copy/of greeting");
    aos_status_t *s = oss_copy_object(options, &bucket, &src, &bucket, &dst, NULL, &resp_headers);
    CHECK_INT(s->code, 200);
    char *text = get_text(options, "copy/of greeting", &s);
    CHECK_STR(text, "hello, buffer list");

    s = oss_delete_object(options, &bucket, &dst, &resp_headers);
    CHECK_INT(s->code, 204);
    get_text(options, "copy/of greeting", &s);
    CHECK_INT(s->code, 404);
    CHECK_STR(s->error_code, "NoSuchKey");

    /* Several at once, with the deleted keys reported. */
    const char *keys[] = {"many/1", "many/2", "many/3"};
    aos_list_t object_list, deleted;
    aos_list_init(&object_list);
    aos_list_init(&deleted);
    for (int i = 0; i < 3; i++) {
        aos_list_t body;
        const char *parts[] = {"x", NULL};
        aos_str_set(&object, keys[i]);
        body_of(options->pool, &body, parts);
        oss_put_object_from_buffer(options, &bucket, &object, &body, NULL, &resp_headers);
        oss_object_key_t *k = oss_create_oss_object_key(options->pool);
        aos_str_set(&k->key, keys[i]);
        aos_list_add_tail(&k->node, &object_list);
    }
    s = oss_delete_objects(options, &bucket, &object_list, 0, &resp_headers, &deleted);
    CHECK_INT(s->code, 200);
    int n = 0;
    oss_object_key_t *k;
    aos_list_for_each_entry(oss_object_key_t, k, &deleted, node) {
        n++;
    }
    CHECK_INT(n, 3);
}

static void listing(oss_request_options_t *options) {
    aos_table_t *resp_headers = NULL;
    const char *keys[] = {"list/a", "list/b", "list/sub/c", "list/sub/d", "list/z"};
    for (int i = 0; i < 5; i++) {
        aos_string_t object;
        aos_list_t body;
        const char *parts[] = {"v", NULL};
        aos_str_set(&object, keys[i]);
        body_of(options->pool, &body, parts);
        oss_put_object_from_buffer(options, &bucket, &object, &body, NULL, &resp_headers);
    }
    oss_list_object_params_t *params = oss_create_list_object_params(options->pool);
    aos_str_set(&params->prefix, "list/");
    aos_str_set(&params->delimiter, "/");
    aos_status_t *s = oss_list_object(options, &bucket, params, &resp_headers);
    CHECK_INT(s->code, 200);
    int objects = 0, prefixes = 0;
    oss_list_object_content_t *content;
    aos_list_for_each_entry(oss_list_object_content_t, content, &params->object_list, node) {
        objects++;
        CHECK_STR(content->size.data, "1");
    }
    oss_list_object_common_prefix_t *prefix;
    aos_list_for_each_entry(oss_list_object_common_prefix_t, prefix, &params->common_prefix_list, node) {
        prefixes++;
        CHECK_STR(prefix->prefix.data, "list/sub/");
    }
    CHECK_INT(objects, 3);
    CHECK_INT(prefixes, 1);
    CHECK_INT(params->truncated, 0);

    /* Two at a time: pages follow next_marker until not truncated. */
    int pages = 0, seen = 0;
    char *marker = "";
    do {
        params = oss_create_list_object_params(options->pool);
        params->max_ret = 2;
        aos_str_set(&params->prefix, "list/");
        aos_str_set(&params->marker, marker);
        s = oss_list_object(options, &bucket, params, &resp_headers);
        CHECK_INT(s->code, 200);
        aos_list_for_each_entry(oss_list_object_content_t, content, &params->object_list, node) {
            seen++;
        }
        marker = apr_pstrdup(options->pool, params->next_marker.data);
        pages++;
    } while (params->truncated && pages < 10);
    CHECK_INT(seen, 5);
    CHECK_INT(pages, 3);

    /* Everything under a prefix goes. */
    aos_string_t under;
    aos_str_set(&under, "list/");
    s = oss_delete_objects_by_prefix(options, &bucket, &under);
    CHECK(aos_status_is_ok(s));
    params = oss_create_list_object_params(options->pool);
    aos_str_set(&params->prefix, "list/");
    s = oss_list_object(options, &bucket, params, &resp_headers);
    CHECK(aos_list_empty(&params->object_list));
}

static void acl_tags_symlinks(oss_request_options_t *options) {
    aos_string_t object, link, acl;
    aos_table_t *resp_headers = NULL;
    aos_str_set(&object, "greeting.txt");
    aos_status_t *s = oss_put_object_acl(options, &bucket, &object, OSS_ACL_PUBLIC_READ, &resp_headers);
    CHECK_INT(s->code, 200);
    s = oss_get_object_acl(options, &bucket, &object, &acl, &resp_headers);
    CHECK_INT(s->code, 200);
    CHECK_STR(acl.data, "public-read");
    s = oss_put_object_acl(options, &bucket, &object, (oss_acl_e)42, &resp_headers);
    CHECK_INT(s->code, AOSE_INVALID_ARGUMENT);

    aos_list_t tags, read_back;
    aos_list_init(&tags);
    oss_tag_content_t *tag = oss_create_tag_content(options->pool);
    aos_str_set(&tag->key, "team");
    aos_str_set(&tag->value, "storage & sync");
    aos_list_add_tail(&tag->node, &tags);
    s = oss_put_object_tagging(options, &bucket, &object, &tags, &resp_headers);
    CHECK_INT(s->code, 200);
    aos_list_init(&read_back);
    s = oss_get_object_tagging(options, &bucket, &object, &read_back, &resp_headers);
    CHECK_INT(s->code, 200);
    int n = 0;
    aos_list_for_each_entry(oss_tag_content_t, tag, &read_back, node) {
        n++;
        CHECK_STR(tag->key.data, "team");
        CHECK_STR(tag->value.data, "storage & sync");
    }
    CHECK_INT(n, 1);
    s = oss_delete_object_tagging(options, &bucket, &object, &resp_headers);
    CHECK_INT(s->code, 204);

    aos_str_set(&link, "link-to-greeting");
    s = oss_put_symlink(options, &bucket, &link, &object, &resp_headers);
    CHECK_INT(s->code, 200);
    resp_headers = NULL;
    s = oss_get_symlink(options, &bucket, &link, &resp_headers);
    CHECK_INT(s->code, 200);
    CHECK_STR(apr_table_get(resp_headers, OSS_CANNONICALIZED_HEADER_SYMLINK), "greeting.txt");
    char *text = get_text(options, "link-to-greeting", &s);
    CHECK_STR(text, "hello, buffer list");

    /* Restore of a Standard object is refused by the server; an unknown tier by us. */
    s = oss_restore_object(options, &bucket, &object, NULL, &resp_headers);
    CHECK_INT(s->code, 400);
    s = oss_restore_object_with_tier(options, &bucket, &object, (oss_tier_type_e)9, 1, NULL, &resp_headers);
    CHECK_INT(s->code, AOSE_INVALID_ARGUMENT);
}

static void signed_urls(oss_request_options_t *options) {
    aos_string_t object, url;
    aos_table_t *resp_headers = NULL;
    aos_str_set(&object, "by-url");
    aos_http_request_t *req = aos_http_request_create(options->pool);
    req->method = HTTP_PUT;
    char *put_url = oss_gen_signed_url(options, &bucket, &object, (int64_t)time(NULL) + 120, req);
    CHECK(put_url != NULL && strstr(put_url, "by-url") != NULL);
    aos_str_set(&url, put_url);
    aos_list_t body;
    const char *parts[] = {"sent ", "by url", NULL};
    body_of(options->pool, &body, parts);
    aos_status_t *s = oss_put_object_from_buffer_by_url(options, &url, &body, NULL, &resp_headers);
    CHECK_INT(s->code, 200);

    req = aos_http_request_create(options->pool);
    req->method = HTTP_GET;
    aos_str_set(&url, oss_gen_signed_url(options, &bucket, &object, (int64_t)time(NULL) + 120, req));
    aos_list_t got;
    aos_list_init(&got);
    s = oss_get_object_to_buffer_by_url(options, &url, NULL, NULL, &got, &resp_headers);
    CHECK_INT(s->code, 200);
    CHECK_STR(aos_buf_list_content(options->pool, &got), "sent by url");
    aos_string_t file;
    aos_str_set(&file, "by-url.out");
    s = oss_get_object_to_file_by_url(options, &url, NULL, NULL, &file, &resp_headers);
    CHECK_INT(s->code, 200);
    CHECK_INT(file_size("by-url.out"), 11);
    unlink("by-url.out");
    /* A GET URL does not sign a HEAD. */
    s = oss_head_object_by_url(options, &url, NULL, &resp_headers);
    CHECK_INT(s->code, 403);

    req = aos_http_request_create(options->pool);
    req->method = HTTP_HEAD;
    aos_str_set(&url, oss_gen_signed_url(options, &bucket, &object, (int64_t)time(NULL) + 120, req));
    resp_headers = NULL;
    s = oss_head_object_by_url(options, &url, NULL, &resp_headers);
    CHECK_INT(s->code, 200);
    CHECK_STR(apr_table_get(resp_headers, OSS_CONTENT_LENGTH), "11");

    /* Bad input: an invalid bucket name or method gives NULL, a URL that is not http(s) a status. */
    aos_string_t bad;
    aos_str_set(&bad, "Bad_Bucket");
    CHECK(oss_gen_signed_url(options, &bad, &object, (int64_t)time(NULL) + 120, req) == NULL);
    req->method = (http_method_e)77;
    CHECK(oss_gen_signed_url(options, &bucket, &object, (int64_t)time(NULL) + 120, req) == NULL);
    CHECK(oss_gen_signed_url(options, &bucket, &object, 100, NULL) == NULL);
    aos_str_set(&url, "ftp://example/x");
    s = oss_head_object_by_url(options, &url, NULL, &resp_headers);
    CHECK_INT(s->code, AOSE_INVALID_ARGUMENT);
}

int main(void) {
    CHECK_INT(aos_http_io_initialize("test_net_object_calls", 0), AOSE_OK);
    aos_str_set(&bucket, net_env("OSS_BUCKET"));
    for (int v4 = 0; v4 <= 1; v4++) {
        aos_pool_t *pool;
        aos_pool_create(&pool, NULL);
        oss_request_options_t *options = net_options(pool, v4);
        net_progress_reset();
        put_and_get(options);
        append(options);
        answer_bodies(options);
        copy_and_delete(options);
        listing(options);
        acl_tags_symlinks(options);
        signed_urls(options);
        aos_string_t object;
        aos_str_set(&object, "appendable");
        oss_delete_object(options, &bucket, &object, NULL);
        aos_pool_destroy(pool);
    }
    aos_http_io_deinitialize();
    return TEST_DONE();
}
