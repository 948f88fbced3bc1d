/* Tables: case-insensitive keys, insertion order, add (append) vs set (replace all), unset
 * (remove all), iteration through apr_table_elts, the integer helpers, growth, NULL arguments,
 * and lifetime with the pool. */
#include "oss_api.h"
#include "test_util.h"

/* Renders a table as "k=v;k=v;" by iterating it the APR way. */
static const char *render(const aos_table_t *t, char *buf, size_t size) {
    const aos_array_header_t *a = aos_table_elts(t);
    const aos_table_entry_t *e = (const aos_table_entry_t *)a->elts;
    int i;
    buf[0] = '\0';
    for (i = 0; i < a->nelts; i++) {
        size_t used = strlen(buf);
        snprintf(buf + used, size - used, "%s=%s;", e[i].key, e[i].val);
    }
    return buf;
}

static void test_semantics(void) {
    aos_pool_t *pool;
    aos_table_t *t;
    char buf[512];
    char key[] = "Content-Type";
    char val[] = "text/plain";

    aos_pool_create(&pool, NULL);
    t = aos_table_make(pool, 0);
    CHECK(t != NULL);
    CHECK(aos_is_empty_table(t));

    apr_table_add(t, key, val);
    /* The table keeps copies: changing the caller's buffers changes nothing. */
    key[0] = 'X';
    val[0] = 'X';
    apr_table_add(t, "x-oss-meta-a", "1");
    apr_table_add(t, "X-OSS-META-A", "2");
    apr_table_add(t, "Range", "bytes=0-99");
    CHECK(!aos_is_empty_table(t));
    CHECK_STR(render(t, buf, sizeof(buf)), "Content-Type=text/plain;x-oss-meta-a=1;X-OSS-META-A=2;Range=bytes=0-99;");

    /* get: case-insensitive, first match. */
    CHECK_STR(apr_table_get(t, "content-type"), "text/plain");
    CHECK_STR(apr_table_get(t, "X-Oss-Meta-A"), "1");
    CHECK(apr_table_get(t, "ETag") == NULL);

    /* set: one entry left, at the first one's place, first spelling kept. */
    apr_table_set(t, "X-oss-Meta-a", "3");
    CHECK_STR(render(t, buf, sizeof(buf)), "Content-Type=text/plain;x-oss-meta-a=3;Range=bytes=0-99;");
    apr_table_set(t, "Range", "bytes=100-199");
    apr_table_set(t, "If-Match", "\"etag\"");
    CHECK_STR(render(t, buf, sizeof(buf)),
              "Content-Type=text/plain;x-oss-meta-a=3;Range=bytes=100-199;If-Match=\"etag\";");

    /* unset: all of them, order of the rest kept. */
    apr_table_add(t, "RANGE", "again");
    apr_table_unset(t, "range");
    CHECK_STR(render(t, buf, sizeof(buf)), "Content-Type=text/plain;x-oss-meta-a=3;If-Match=\"etag\";");
    apr_table_unset(t, "not-there");
    CHECK_INT(aos_table_elts(t)->nelts, 3);
    CHECK_INT(aos_table_elts(t)->elt_size, sizeof(aos_table_entry_t));

    apr_table_unset(t, "Content-Type");
    apr_table_unset(t, "x-oss-meta-a");
    apr_table_unset(t, "if-match");
    CHECK(aos_is_empty_table(t));
    aos_pool_destroy(pool);
}

static void test_integer_helpers(void) {
    aos_pool_t *pool;
    aos_table_t *t;
    aos_pool_create(&pool, NULL);
    t = aos_table_make(pool, 2);
    aos_table_add_int(t, "max-keys", 100);
    aos_table_add_int64(t, "Content-Length", 5368709120LL);
    aos_table_add_int64(t, "x-pos", -1);
    aos_table_set_int64(t, "x-pos", 42);
    CHECK_STR(apr_table_get(t, "max-keys"), "100");
    CHECK_STR(apr_table_get(t, "content-length"), "5368709120");
    CHECK_STR(apr_table_get(t, "x-pos"), "42");
    aos_pool_destroy(pool);
}

static void test_growth(void) {
    aos_pool_t *pool;
    aos_table_t *t;
    const aos_table_entry_t *e;
    char k[32];
    int i, ok = 1;
    aos_pool_create(&pool, NULL);
    t = apr_table_make(pool, 1);
    for (i = 0; i < 1000; i++) {
        snprintf(k, sizeof(k), "key-%d", i);
        apr_table_add(t, k, k);
    }
    CHECK_INT(aos_table_elts(t)->nelts, 1000);
    CHECK(aos_table_elts(t)->nalloc >= 1000);
    e = (const aos_table_entry_t *)aos_table_elts(t)->elts;
    for (i = 0; i < 1000; i++) {
        snprintf(k, sizeof(k), "key-%d", i);
        ok &= strcmp(e[i].key, k) == 0 && strcmp(e[i].val, k) == 0;
    }
    CHECK(ok);
    CHECK_STR(apr_table_get(t, "KEY-999"), "key-999");
    aos_pool_destroy(pool);
}

static void test_null_arguments(void) {
    aos_pool_t *pool;
    aos_table_t *t;
    aos_pool_create(&pool, NULL);
    t = aos_table_make(pool, 4);
    CHECK(aos_table_make(NULL, 4) == NULL);
    apr_table_add(NULL, "k", "v");
    apr_table_add(t, NULL, "v");
    apr_table_add(t, "k", NULL);
    apr_table_set(NULL, "k", "v");
    apr_table_set(t, NULL, "v");
    apr_table_set(t, "k", NULL);
    apr_table_unset(NULL, "k");
    apr_table_unset(t, NULL);
    CHECK(apr_table_get(NULL, "k") == NULL);
    CHECK(apr_table_get(t, NULL) == NULL);
    CHECK(aos_table_elts(NULL) == NULL);
    CHECK(aos_is_empty_table(NULL));
    CHECK(aos_is_empty_table(t));
    aos_pool_destroy(pool);
}

static void test_table_in_child_pool(void) {
    aos_pool_t *parent, *child;
    aos_table_t *t;
    int i;
    aos_pool_create(&parent, NULL);
    aos_pool_create(&child, parent);
    t = aos_table_make(child, 1);
    for (i = 0; i < 200; i++) {
        aos_table_add_int(t, "n", i);
    }
    CHECK_STR(apr_table_get(t, "N"), "0");
    aos_pool_destroy(parent); /* frees the child, the table and all its copies */
}

int main(void) {
    test_semantics();
    test_integer_helpers();
    test_growth();
    test_null_arguments();
    test_table_in_child_pool();
    return TEST_DONE();
}
