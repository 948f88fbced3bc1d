/* Strings: the initialiser macros, aos_str_set (NULL text too), the null/empty predicates, and
 * the pool copies aos_pstrdup (length-bounded) and apr_pstrdup. */
#include "oss_api.h"
#include "test_util.h"

int main(void) {
    aos_pool_t *pool;
    aos_string_t lit = aos_string("hello");
    aos_string_t none = aos_null_string;
    aos_string_t s;
    const char *text = "bucket-name";
    char *copy;

    CHECK_INT(lit.len, 5);
    CHECK(memcmp(lit.data, "hello", 5) == 0);
    CHECK_INT(none.len, 0);
    CHECK(none.data == NULL);

    aos_str_set(&s, text);
    CHECK_INT(s.len, (int)strlen(text));
    CHECK(s.data == text); /* no copy */
    aos_str_set(&s, NULL);
    CHECK_INT(s.len, 0);
    CHECK(s.data == NULL);
    aos_str_set(&s, "x");
    aos_str_null(&s);
    CHECK(s.len == 0 && s.data == NULL);

    CHECK_INT(aos_is_null_string(NULL), AOS_TRUE);
    CHECK_INT(aos_is_null_string(&none), AOS_TRUE);
    CHECK_INT(aos_is_null_string(&lit), AOS_FALSE);
    aos_str_set(&s, "");
    CHECK_INT(aos_is_null_string(&s), AOS_TRUE);
    CHECK_INT(aos_string_is_empty(&s), AOS_TRUE);
    CHECK_INT(aos_string_is_empty(NULL), AOS_TRUE);
    CHECK_INT(aos_string_is_empty(&lit), AOS_FALSE);
    CHECK_INT(aos_tolower('Q'), 'q');
    CHECK_INT(aos_toupper('q'), 'Q');

    aos_pool_create(&pool, NULL);
    s.data = (char *)"hello world";
    s.len = 5; /* not NUL-terminated at len: the copy must stop there */
    copy = aos_pstrdup(pool, &s);
    CHECK_STR(copy, "hello");
    CHECK(copy != s.data);
    CHECK(aos_pstrdup(pool, &none) == NULL);
    CHECK(aos_pstrdup(pool, NULL) == NULL);
    CHECK(aos_pstrdup(NULL, &s) == NULL);
    CHECK_STR(apr_pstrdup(pool, "abc"), "abc");
    CHECK(apr_pstrdup(pool, NULL) == NULL);
    CHECK(apr_pstrdup(NULL, "abc") == NULL);
    aos_pool_destroy(pool);
    return TEST_DONE();
}
