/* The name checks and request helpers of oss_util.h: bucket and object names (with the
 * oss_ensure_*_valid macros and their process-wide statuses), oss_get_part_size,
 * oss_headers_add_range, aos_table_create_if_null, is_valid_ip; NULL arguments. */
#include "oss_api.h"
#include "oss_util.h"
#include "test_util.h"

static int is_bucket(const char *name) {
    aos_string_t s;
    aos_str_set(&s, name);
    return oss_is_valid_bucket_name(&s);
}

static int is_object(const char *name, int strict) {
    aos_string_t s;
    aos_str_set(&s, name);
    return oss_is_valid_object_name_ex(&s, strict);
}

static aos_status_t *check_names(const aos_string_t *bucket, const aos_string_t *object) {
    oss_ensure_bucket_name_valid(bucket);
    oss_ensure_object_name_valid(object);
    return NULL;
}

int main(void) {
    aos_pool_t *p;
    oss_request_options_t *options;
    aos_table_t *headers;
    aos_string_t bucket;
    aos_string_t object;
    aos_status_t *s;
    int64_t part = 1024 * 1024;

    CHECK_INT(is_bucket("my-bucket-01"), 1);
    CHECK_INT(is_bucket("ab"), 0);
    CHECK_INT(is_bucket("-ab"), 0);
    CHECK_INT(is_bucket("Upper"), 0);
    CHECK_INT(oss_is_valid_bucket_name(NULL), 0);
    CHECK_INT(is_object("dir/a b", 1), 1);
    CHECK_INT(is_object("?x", 1), 0);
    CHECK_INT(is_object("?x", 0), 1);
    CHECK_INT(is_object("", 0), 0);
    CHECK_INT(oss_is_valid_object_name(NULL), 0);

    aos_str_set(&bucket, "Bad_Bucket");
    aos_str_set(&object, "ok");
    s = check_names(&bucket, &object);
    CHECK(s != NULL && s == oss_get_bucket_name_invalid_error());
    CHECK_INT(s->code, AOSE_INVALID_ARGUMENT);
    CHECK_STR(s->error_code, AOS_BUCKET_NAME_INVALID_ERROR);
    aos_str_set(&bucket, "good-bucket");
    aos_str_set(&object, "");
    s = check_names(&bucket, &object);
    CHECK(s != NULL && s == oss_get_object_name_invalid_error());
    CHECK_STR(s->error_code, "ObjectNameInvalidError");
    aos_str_set(&object, "fine");
    CHECK(check_names(&bucket, &object) == NULL);

    oss_get_part_size(INT64_C(100) * 1024 * 1024 * 1024, &part);
    CHECK(part * 10000 >= INT64_C(100) * 1024 * 1024 * 1024);
    CHECK(part < 1024 * 1024 * 11);
    part = 1024;
    oss_get_part_size(5000, &part);
    CHECK_INT(part, 1024);
    oss_get_part_size(5000, NULL);

    aos_pool_create(&p, NULL);
    options = oss_request_options_create(p);
    headers = aos_table_create_if_null(options, NULL, 2);
    CHECK(headers != NULL);
    CHECK(aos_table_create_if_null(options, headers, 2) == headers);
    CHECK(aos_table_create_if_null(NULL, NULL, 2) == NULL);
    oss_headers_add_range(p, headers, 100, 50);
    CHECK_STR(apr_table_get(headers, "Range"), "bytes=100-149");
    oss_headers_add_range(p, headers, 0, 0);
    CHECK_STR(apr_table_get(headers, "Range"), "bytes=100-149");
    oss_headers_add_range(p, NULL, 0, 1);

    CHECK_INT(is_valid_ip("192.168.1.10"), 1);
    CHECK_INT(is_valid_ip("0.0.0.0"), 0);
    CHECK_INT(is_valid_ip("255.255.255.255"), 0);
    CHECK_INT(is_valid_ip("oss-cn-hangzhou.aliyuncs.com"), 0);
    CHECK_INT(is_valid_ip(NULL), 0);
    aos_pool_destroy(p);
    return TEST_DONE();
}
