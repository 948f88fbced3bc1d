/* The multipart calls of oss_api.h through the C API against the local OSS server: initiate,
 * parts from a buffer list, from file ranges and copied from an object, list parts and uploads
 * into the official lists, complete (the answer's body kept), abort, and the refusals for bad
 * input (NULL lists and params, a missing file before any request, part numbers out of range).
 * Run by with_server.sh (empty bucket test-bucket). */
#include <unistd.h>

#include "net_util.h"
#include "test_util.h"

#define PART (100 * 1024)

static aos_string_t bucket;
static void add_part(aos_pool_t *pool, aos_list_t *list, int number, aos_table_t *resp_headers) {
    oss_complete_part_content_t *c = oss_create_complete_part_content(pool);
    aos_str_set(&c->part_number, apr_psprintf(pool, "%d", number));
    aos_str_set(&c->etag, apr_pstrdup(pool, apr_table_get(resp_headers, "ETag")));
    aos_list_add_tail(&c->node, list);
}

static void life_cycle(oss_request_options_t *options) {
    aos_pool_t *p = options->pool;
    aos_string_t object, upload_id, filename;
    aos_table_t *resp_headers = NULL;
    aos_list_t parts, buffer, resp_body;
    aos_str_set(&object, "mp/big.txt");
    aos_str_null(&upload_id);
    aos_status_t *s = oss_init_multipart_upload(options, &bucket, &object, &upload_id, NULL, &resp_headers);
    CHECK_INT(s->code, 200);
    CHECK(upload_id.len > 0);
    aos_list_init(&parts);

    /* Part 1 from a buffer list. */
    char *chunk = apr_palloc(p, PART);
    memset(chunk, 'a', PART);
    aos_list_init(&buffer);
    aos_buf_t *b = aos_buf_pack(p, chunk, PART);
    aos_list_add_tail(&b->node, &buffer);
    s = oss_upload_part_from_buffer(options, &bucket, &object, &upload_id, 1, &buffer, &resp_headers);
    CHECK_INT(s->code, 200);
    add_part(p, &parts, 1, resp_headers);

    /* Parts 2 and 3 from ranges of a file (the last range past the end is clamped). */
    net_write_file("mp-part.bin", 2 * PART + 10, 7);
    aos_str_set(&filename, "mp-part.bin");
    oss_upload_file_t *uf = oss_create_upload_file(p);
    aos_str_set(&uf->filename, "mp-part.bin");
    uf->file_pos = 0;
    uf->file_last = PART;
    s = oss_do_upload_part_from_file(options, &bucket, &object, &upload_id, 2, uf, net_on_progress, NULL, NULL,
                                     &resp_headers, NULL);
    CHECK_INT(s->code, 200);
    CHECK(!net_progress()->went_back);
    CHECK_INT(net_progress()->done, PART);
    add_part(p, &parts, 2, resp_headers);

    /* Part 3 copied from an object. */
    aos_string_t src;
    aos_str_set(&src, "mp/source");
    s = oss_put_object_from_file(options, &bucket, &src, &filename, NULL, &resp_headers);
    CHECK_INT(s->code, 200);
    oss_upload_part_copy_params_t *cp = oss_create_upload_part_copy_params(p);
    aos_str_set(&cp->source_bucket, bucket.data);
    aos_str_set(&cp->source_object, "mp/source");
    aos_str_set(&cp->dest_bucket, bucket.data);
    aos_str_set(&cp->dest_object, "mp/big.txt");
    aos_str_set(&cp->upload_id, upload_id.data);
    cp->part_num = 3;
    cp->range_start = PART;
    cp->range_end = 2 * PART - 1;
    s = oss_upload_part_copy(options, cp, NULL, &resp_headers);
    CHECK_INT(s->code, 200);
    add_part(p, &parts, 3, resp_headers);

    uf->file_pos = 2 * PART;
    uf->file_last = 3 * PART;
    s = oss_upload_part_from_file(options, &bucket, &object, &upload_id, 4, uf, &resp_headers);
    CHECK_INT(s->code, 200);
    add_part(p, &parts, 4, resp_headers);

    /* ListParts, one part a page. */
    oss_list_upload_part_params_t *lp = oss_create_list_upload_part_params(p);
    lp->max_ret = 1;
    s = oss_list_upload_part(options, &bucket, &object, &upload_id, lp, &resp_headers);
    CHECK_INT(s->code, 200);
    CHECK_INT(lp->truncated, 1);
    CHECK_STR(lp->next_part_number_marker.data, "1");
    oss_list_part_content_t *part = aos_list_entry(lp->part_list.next, oss_list_part_content_t, node);
    CHECK_STR(part->part_number.data, "1");
    CHECK_STR(part->size.data, "102400");
    CHECK(part->etag.len > 0 && part->last_modified.len > 0);
    CHECK_INT(net_uploads_left(options), 1);

    aos_list_init(&resp_body);
    s = oss_do_complete_multipart_upload(options, &bucket, &object, &upload_id, &parts, NULL, NULL, &resp_headers,
                                         &resp_body);
    CHECK_INT(s->code, 200);
    CHECK(strstr(aos_buf_list_content(p, &resp_body), "CompleteMultipartUploadResult") != NULL);
    CHECK(apr_table_get(resp_headers, OSS_HASH_CRC64_ECMA) != NULL);
    CHECK_INT(net_uploads_left(options), 0);

    resp_headers = NULL;
    s = oss_head_object(options, &bucket, &object, NULL, &resp_headers);
    CHECK_INT(s->code, 200);
    CHECK_STR(apr_table_get(resp_headers, OSS_CONTENT_LENGTH), "307210"); /* 3 parts + the clamped 10 bytes */
    CHECK_STR(apr_table_get(resp_headers, OSS_CONTENT_TYPE), "text/plain");
    oss_delete_object(options, &bucket, &src, NULL);
    oss_delete_object(options, &bucket, &object, NULL);
}

static void bad_input(oss_request_options_t *options) {
    aos_pool_t *p = options->pool;
    aos_string_t object, upload_id;
    aos_table_t *resp_headers = NULL;
    aos_str_set(&object, "mp/bad");
    aos_str_null(&upload_id);
    aos_status_t *s = oss_init_multipart_upload(options, &bucket, &object, NULL, NULL, &resp_headers);
    CHECK_INT(s->code, AOSE_INVALID_ARGUMENT);
    s = oss_init_multipart_upload(options, &bucket, &object, &upload_id, NULL, &resp_headers);
    CHECK_INT(s->code, 200);

    s = oss_upload_part_from_buffer(options, &bucket, &object, &upload_id, 1, NULL, &resp_headers);
    CHECK_INT(s->code, AOSE_INVALID_ARGUMENT);
    aos_list_t empty;
    aos_list_init(&empty);
    s = oss_upload_part_from_buffer(options, &bucket, &object, &upload_id, 0, &empty, &resp_headers);
    CHECK_INT(s->code, AOSE_INVALID_ARGUMENT);
    s = oss_upload_part_from_buffer(options, &bucket, &object, &upload_id, 10001, &empty, &resp_headers);
    CHECK_INT(s->code, AOSE_INVALID_ARGUMENT);
    s = oss_upload_part_from_file(options, &bucket, &object, &upload_id, 1, NULL, &resp_headers);
    CHECK_INT(s->code, AOSE_INVALID_ARGUMENT);

    /* A missing file fails before any request: the upload still has no part. */
    oss_upload_file_t *uf = oss_create_upload_file(p);
    aos_str_set(&uf->filename, "no-such-file.bin");
    uf->file_last = 100;
    s = oss_upload_part_from_file(options, &bucket, &object, &upload_id, 1, uf, &resp_headers);
    CHECK_INT(s->code, AOSE_OPEN_FILE_ERROR);
    CHECK_STR(s->error_code, "OpenFileFail");
    oss_list_upload_part_params_t *lp = oss_create_list_upload_part_params(p);
    s = oss_list_upload_part(options, &bucket, &object, &upload_id, lp, &resp_headers);
    CHECK_INT(s->code, 200);
    CHECK(aos_list_empty(&lp->part_list));
    s = oss_list_upload_part(options, &bucket, &object, &upload_id, NULL, &resp_headers);
    CHECK_INT(s->code, AOSE_INVALID_ARGUMENT);
    s = oss_list_multipart_upload(options, &bucket, NULL, &resp_headers);
    CHECK_INT(s->code, AOSE_INVALID_ARGUMENT);
    s = oss_upload_part_copy(options, NULL, NULL, &resp_headers);
    CHECK_INT(s->code, AOSE_INVALID_ARGUMENT);

    /* Completion: NULL list refused by us, an empty one by the server, a wrong ETag too. */
    s = oss_complete_multipart_upload(options, &bucket, &object, &upload_id, NULL, NULL, &resp_headers);
    CHECK_INT(s->code, AOSE_INVALID_ARGUMENT);
    s = oss_complete_multipart_upload(options, &bucket, &object, &upload_id, &empty, NULL, &resp_headers);
    CHECK_INT(s->code, 400);
    CHECK_STR(s->error_code, "MalformedXML");
    aos_list_t parts;
    aos_list_init(&parts);
    oss_complete_part_content_t *c = oss_create_complete_part_content(p);
    aos_str_set(&c->part_number, "1");
    aos_str_set(&c->etag, "\"00000000000000000000000000000000\"");
    aos_list_add_tail(&c->node, &parts);
    s = oss_complete_multipart_upload(options, &bucket, &object, &upload_id, &parts, NULL, &resp_headers);
    CHECK_INT(s->code, 400);
    CHECK_STR(s->error_code, "InvalidPart");
    aos_str_set(&c->part_number, "one");
    s = oss_complete_multipart_upload(options, &bucket, &object, &upload_id, &parts, NULL, &resp_headers);
    CHECK_INT(s->code, AOSE_INVALID_ARGUMENT);

    s = oss_abort_multipart_upload(options, &bucket, &object, &upload_id, &resp_headers);
    CHECK_INT(s->code, 204);
    s = oss_abort_multipart_upload(options, &bucket, &object, &upload_id, &resp_headers);
    CHECK_INT(s->code, 404);
    CHECK_STR(s->error_code, "NoSuchUpload");
    s = oss_abort_multipart_upload(options, &bucket, &object, NULL, &resp_headers);
    CHECK_INT(s->code, AOSE_INVALID_ARGUMENT);
    CHECK_INT(net_uploads_left(options), 0);
}

int main(void) {
    CHECK_INT(aos_http_io_initialize("test_net_multipart", 0), AOSE_OK);
    aos_str_set(&bucket, net_env("OSS_BUCKET"));
    for (int v4 = 0; v4 <= 1; v4++) {
        aos_pool_t *pool;
        aos_pool_create(&pool, NULL);
        oss_request_options_t *options = net_options(pool, v4);
        net_progress_reset();
        life_cycle(options);
        bad_input(options);
        aos_pool_destroy(pool);
    }
    unlink("mp-part.bin");
    aos_http_io_deinitialize();
    return TEST_DONE();
}
