/* Statuses: aos_status_create, aos_status_is_ok / aos_http_is_ok as documented (NULL is not
 * ok), aos_status_set, and aos_status_dup's deep copy (it outlives the source pool). */
#include "oss_api.h"
#include "test_util.h"

int main(void) {
    aos_pool_t *pool, *other;
    aos_status_t *s, *d;
    aos_status_t local;
    char code[] = "NoSuchKey";
    int c;

    aos_pool_create(&pool, NULL);
    aos_pool_create(&other, NULL);

    s = aos_status_create(pool);
    CHECK(s != NULL);
    CHECK_INT(s->code, 0);
    CHECK(s->error_code == NULL && s->error_msg == NULL && s->req_id == NULL);
    CHECK(!aos_status_is_ok(s));
    CHECK(aos_status_create(NULL) == NULL);

    for (c = 200; c < 300; c++) {
        s->code = c;
        CHECK(aos_status_is_ok(s));
        CHECK(aos_http_is_ok(c));
    }
    s->code = 199;
    CHECK(!aos_status_is_ok(s));
    s->code = 300;
    CHECK(!aos_status_is_ok(s));
    s->code = 404;
    CHECK(!aos_status_is_ok(s));
    s->code = AOSE_INTERNAL_ERROR;
    CHECK(!aos_status_is_ok(s));
    CHECK(!aos_status_is_ok(NULL));
    CHECK(!aos_http_is_ok(404));
    CHECK(!aos_http_is_ok(-996));

    aos_status_set(&local, 404, "NoSuchKey", "The specified key does not exist.");
    CHECK_INT(local.code, 404);
    CHECK_STR(local.error_code, "NoSuchKey");

    s->code = 404;
    s->error_code = code;
    s->error_msg = apr_pstrdup(pool, "The specified key does not exist.");
    s->req_id = apr_pstrdup(pool, "5C3D9175B6FC201293AD4890");
    d = aos_status_dup(other, s);
    CHECK(d != NULL && d != s);
    code[0] = 'X'; /* the copy is deep */
    aos_pool_destroy(pool);
    CHECK_INT(d->code, 404);
    CHECK_STR(d->error_code, "NoSuchKey");
    CHECK_STR(d->error_msg, "The specified key does not exist.");
    CHECK_STR(d->req_id, "5C3D9175B6FC201293AD4890");
    CHECK(aos_status_dup(other, NULL) == NULL);
    CHECK(aos_status_dup(NULL, d) == NULL);

    local.code = 206;
    local.error_code = NULL;
    local.error_msg = NULL;
    local.req_id = NULL;
    d = aos_status_dup(other, &local);
    CHECK(aos_status_is_ok(d));
    CHECK(d->error_code == NULL && d->req_id == NULL);
    aos_pool_destroy(other);
    return TEST_DONE();
}
