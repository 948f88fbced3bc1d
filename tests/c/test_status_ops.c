/* aos_should_retry (5xx and transient client failures only) and aos_status_parse_from_body
 * (the OSS error document from a buffer list; "UnknownError" otherwise); NULL arguments. */
#include "oss_api.h"
#include "aos_status.h"
#include "test_util.h"

static int retry_for(int code) {
    aos_status_t s;
    memset(&s, 0, sizeof(s));
    s.code = code;
    return aos_should_retry(&s);
}

int main(void) {
    static const char xml[] = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>NoSuchKey</Code>"
                              "<Message>The specified key does not exist.</Message>"
                              "<RequestId>5C3D9175B6FC201293AD4890</RequestId></Error>";
    aos_pool_t *p;
    aos_list_t body;
    aos_status_t *s;
    aos_status_t mine;

    CHECK_INT(retry_for(200), 0);
    CHECK_INT(retry_for(503), 1);
    CHECK_INT(retry_for(500), 1);
    CHECK_INT(retry_for(404), 0);
    CHECK_INT(retry_for(AOSE_CONNECTION_FAILED), 1);
    CHECK_INT(retry_for(AOSE_REQUEST_TIMEOUT), 1);
    CHECK_INT(retry_for(AOSE_FAILED_CONNECT), 1);
    CHECK_INT(retry_for(AOSE_SERVICE_ERROR), 1);
    CHECK_INT(retry_for(AOSE_INVALID_ARGUMENT), 0);
    CHECK_INT(aos_should_retry(NULL), 0);

    aos_pool_create(&p, NULL);
    aos_list_init(&body);
    /* The document split over two buffers. */
    aos_list_add_tail(&aos_buf_pack(p, xml, 40)->node, &body);
    aos_list_add_tail(&aos_buf_pack(p, xml + 40, (int)strlen(xml) - 40)->node, &body);
    s = aos_status_parse_from_body(p, &body, 404, NULL);
    CHECK(s != NULL);
    CHECK_INT(s->code, 404);
    CHECK_STR(s->error_code, "NoSuchKey");
    CHECK_STR(s->error_msg, "The specified key does not exist.");
    CHECK_STR(s->req_id, "5C3D9175B6FC201293AD4890");

    memset(&mine, 0, sizeof(mine));
    CHECK(aos_status_parse_from_body(p, &body, 200, &mine) == &mine);
    CHECK_INT(mine.code, 200);
    CHECK(mine.error_code == NULL);

    aos_list_init(&body);
    s = aos_status_parse_from_body(p, &body, 500, NULL);
    CHECK_INT(s->code, 500);
    CHECK_STR(s->error_code, AOS_UNKNOWN_ERROR_CODE);
    aos_list_add_tail(&aos_buf_pack(p, "<html>oops</html>", 17)->node, &body);
    s = aos_status_parse_from_body(p, &body, 502, NULL);
    CHECK_STR(s->error_code, "UnknownError");
    s = aos_status_parse_from_body(p, NULL, 403, NULL);
    CHECK_STR(s->error_code, "UnknownError");
    CHECK(aos_status_parse_from_body(NULL, &body, 500, NULL) == NULL);
    aos_pool_destroy(p);
    return TEST_DONE();
}
