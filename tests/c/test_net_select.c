/* The select calls of oss_api.h through the C API against the local OSS server: SelectObject to a
 * buffer list (WHERE, LIMIT, count(*), header line, output options, raw output) and to a file
 * (with progress; a failed scan leaves the file as it was), CreateSelectObjectMeta filling the
 * meta params, a malformed expression (HTTP 400) and a data error (the end frame's status).
 * Run by with_server.sh (empty bucket test-bucket). */
#include <unistd.h>

#include "net_util.h"
#include "test_util.h"

static aos_string_t bucket;

static const char people[] = "name,age,city\nAlice,31,Hangzhou\nBob,25,Beijing\nCarol,42,Shanghai\n"
                             "Dave,19,Hangzhou\n";

static void put_text(oss_request_options_t *options, const char *key, const char *text) {
    aos_string_t object;
    aos_list_t body;
    aos_table_t *resp_headers = NULL;
    aos_str_set(&object, key);
    aos_list_init(&body);
    aos_buf_t *b = aos_buf_pack(options->pool, text, (int)strlen(text));
    aos_list_add_tail(&b->node, &body);
    aos_status_t *s = oss_put_object_from_buffer(options, &bucket, &object, &body, NULL, &resp_headers);
    CHECK_INT(s->code, 200);
}

/* The result of `sql` on people.csv as text; the status in *status. */
static char *select_text(oss_request_options_t *options, const char *sql, oss_select_object_params_t *params,
                         aos_status_t **status) {
    aos_string_t object, expression;
    aos_list_t buffer;
    aos_table_t *resp_headers = NULL;
    aos_str_set(&object, "people.csv");
    aos_str_set(&expression, sql);
    aos_list_init(&buffer);
    *status = oss_select_object_to_buffer(options, &bucket, &object, &expression, params, &buffer, &resp_headers);
    return aos_buf_list_content(options->pool, &buffer);
}

static void to_buffer(oss_request_options_t *options) {
    aos_status_t *s;
    oss_select_object_params_t *params = oss_create_select_object_params(options->pool);
    aos_str_set(&params->input_param.file_header_info, "Use");
    char *text = select_text(options, "select name from ossobject where age > 30", params, &s);
    CHECK_INT(s->code, 200);
    CHECK_STR(text, "Alice\nCarol\n");
    text = select_text(options, "select count(*) from ossobject where city = 'Hangzhou'", params, &s);
    CHECK_STR(text, "2\n");
    text = select_text(options, "select * from ossobject limit 1", params, &s);
    CHECK_STR(text, "Alice,31,Hangzhou\n");

    /* Output options: header line, another field delimiter, payload CRCs; then raw output. */
    params->output_param.output_header = 1;
    params->output_param.enable_payload_crc = 1;
    aos_str_set(&params->output_param.field_delimiter, ";");
    text = select_text(options, "select name, age from ossobject where name like '%a%'", params, &s);
    CHECK_INT(s->code, 200);
    CHECK_STR(text, "name;age\nCarol;42\nDave;19\n");
    params->output_param.output_header = 0;
    params->output_param.output_rawdata = 1;
    text = select_text(options, "select _1 from ossobject where _2 < 20", params, &s);
    CHECK_INT(s->code, 200);
    CHECK_STR(text, "Dave\n");

    /* Without params the first line is data. */
    text = select_text(options, "select _2 from ossobject limit 2", NULL, &s);
    CHECK_STR(text, "age\n31\n");

    /* A malformed expression is the server's 400; a data error is the end frame's. */
    select_text(options, "select * frm ossobject", NULL, &s);
    CHECK_INT(s->code, 400);
    CHECK_STR(s->error_code, "InvalidSqlExpression");
    CHECK(s->req_id != NULL && s->req_id[0] != '\0');
    select_text(options, "select * from ossobject where _1 > 5", NULL, &s);
    CHECK_INT(s->code, 400);
    CHECK_STR(s->error_code, "InvalidDataFormat");
    CHECK(s->error_msg != NULL && strstr(s->error_msg, "not an integer") != NULL);
    select_text(options, "select * from ossobject", NULL, &s);
    CHECK_INT(s->code, 200);
    /* Bad input. */
    aos_string_t object;
    aos_str_set(&object, "people.csv");
    aos_table_t *resp_headers = NULL;
    s = oss_select_object_to_buffer(options, &bucket, &object, NULL, NULL, NULL, &resp_headers);
    CHECK_INT(s->code, AOSE_INVALID_ARGUMENT);
}

static void to_file(oss_request_options_t *options) {
    aos_string_t object, expression, filename;
    aos_table_t *resp_headers = NULL;
    aos_str_set(&object, "people.csv");
    aos_str_set(&filename, "selected.csv");
    aos_str_set(&expression, "select city from ossobject where name = 'Bob' or name = 'Dave'");
    oss_select_object_params_t *params = oss_create_select_object_params(options->pool);
    aos_str_set(&params->input_param.file_header_info, "Use");
    net_progress_reset();
    aos_status_t *s = oss_do_select_object_to_file(options, &bucket, &object, &expression, params, NULL, NULL,
                                                   &filename, net_on_progress, &resp_headers);
    CHECK_INT(s->code, 200);
    CHECK(resp_headers != NULL && apr_table_get(resp_headers, "x-oss-request-id") != NULL);
    CHECK(net_progress()->calls >= 1 && !net_progress()->went_back);
    CHECK_INT(file_size("selected.csv"), strlen("Beijing\nHangzhou\n"));
    CHECK_INT(access("selected.csv.tmp", F_OK), -1);

    /* A failed scan leaves the file as it was, and no temp file. */
    aos_str_set(&expression, "select * from ossobject where _2 > 1");
    s = oss_select_object_to_file(options, &bucket, &object, &expression, NULL, &filename, &resp_headers);
    CHECK_INT(s->code, 400);
    CHECK_INT(file_size("selected.csv"), strlen("Beijing\nHangzhou\n"));
    CHECK_INT(access("selected.csv.tmp", F_OK), -1);
    unlink("selected.csv");
}

static void meta(oss_request_options_t *options) {
    aos_string_t object;
    aos_table_t *resp_headers = NULL;
    aos_str_set(&object, "people.csv");
    oss_select_object_meta_params_t *params = oss_create_select_object_meta_params(options->pool);
    aos_status_t *s = oss_create_select_object_meta(options, &bucket, &object, params, &resp_headers);
    CHECK_INT(s->code, 200);
    CHECK_INT(params->rows_count, 5);
    CHECK_INT(params->columns_count, 3);
    CHECK_INT(params->splits_count, 1);

    put_text(options, "semi.csv", "a|b|c|d\r\ne|f\r\n");
    aos_str_set(&object, "semi.csv");
    aos_str_set(&params->field_delimiter, "|");
    aos_str_set(&params->record_delimiter, "\r\n");
    s = oss_create_select_object_meta(options, &bucket, &object, params, &resp_headers);
    CHECK_INT(s->code, 200);
    CHECK_INT(params->rows_count, 2);
    CHECK_INT(params->columns_count, 4);

    aos_str_set(&object, "missing.csv");
    s = oss_create_select_object_meta(options, &bucket, &object, params, &resp_headers);
    CHECK_INT(s->code, 404);
    CHECK_STR(s->error_code, "NoSuchKey");
}

int main(void) {
    CHECK_INT(aos_http_io_initialize("test_net_select", 0), AOSE_OK);
    aos_str_set(&bucket, net_env("OSS_BUCKET"));
    for (int v4 = 0; v4 <= 1; v4++) {
        aos_pool_t *pool;
        aos_pool_create(&pool, NULL);
        oss_request_options_t *options = net_options(pool, v4);
        put_text(options, "people.csv", people);
        to_buffer(options);
        to_file(options);
        meta(options);
        aos_pool_destroy(pool);
    }
    aos_http_io_deinitialize();
    return TEST_DONE();
}
