/* The APR calls programs make directly, on the library's own pools: apr_psprintf/apr_pvsprintf
 * with every conversion and APR's format macros, apr_snprintf truncation, apr_pstrcat,
 * apr_pstrndup/apr_pstrmemdup/apr_pmemdup, the added table calls (addn, setn, clear, copy,
 * overlay, do), apr_env_get, apr_strerror and the time calls and macros; NULL arguments. */
#include "oss_api.h"
#include "test_util.h"

static char *vformat(apr_pool_t *p, const char *fmt, ...) {
    va_list ap;
    char *s;
    va_start(ap, fmt);
    s = apr_pvsprintf(p, fmt, ap);
    va_end(ap);
    return s;
}

static void test_formats(apr_pool_t *p) {
    char buf[8];
    char *big;
    int i;
    apr_int64_t i64 = INT64_C(-9223372036854775807) - 1;
    apr_uint64_t u64 = UINT64_C(18446744073709551615);
    apr_off_t off = INT64_C(1099511627776);
    apr_size_t size = 4096;
    const char *no_format = NULL;

    CHECK_STR(apr_psprintf(p, "%d|%5d|%-3d|%u|%ld", -42, 7, 1, 3000000000u, -5L), "-42|    7|1  |3000000000|-5");
    CHECK_STR(apr_psprintf(p, "%s|%.3s|%.*s|%5s|%c|%%", "text", "abcdef", 2, "xyz", "r", 'Q'), "text|abc|xy|    r|Q|%");
    CHECK_STR(apr_psprintf(p, "%x|%X|%o|%#x|%08.3f|%e", 255, 255, 8, 16, 3.14159, 1000.0),
              "ff|FF|10|0x10|0003.142|1.000000e+03");
    CHECK_STR(apr_psprintf(p, "%" APR_INT64_T_FMT, i64), "-9223372036854775808");
    CHECK_STR(apr_psprintf(p, "%" APR_UINT64_T_FMT, u64), "18446744073709551615");
    CHECK_STR(apr_psprintf(p, "%" APR_UINT64_T_HEX_FMT, u64), "ffffffffffffffff");
    CHECK_STR(apr_psprintf(p, "%" APR_OFF_T_FMT, off), "1099511627776");
    CHECK_STR(apr_psprintf(p, "%" APR_SIZE_T_FMT, size), "4096");
    CHECK_STR(apr_psprintf(p, "%" APR_SSIZE_T_FMT, (ptrdiff_t)-4096), "-4096");
    CHECK_STR(apr_psprintf(p, "%" APR_TIME_T_FMT, apr_time_from_sec(2)), "2000000");
    CHECK_STR(apr_psprintf(p, "%p", (void *)NULL) != NULL ? "ok" : NULL, "ok");
    CHECK_STR(apr_psprintf(p, "%s", ""), "");
    CHECK_STR(vformat(p, "%s-%d", "v", 9), "v-9");

    /* Longer than any fixed buffer: the result is sized exactly. */
    big = apr_psprintf(p, "%0*d", 10000, 1);
    CHECK(big != NULL && strlen(big) == 10000 && big[9999] == '1');

    CHECK(apr_psprintf(NULL, "%d", 1) == NULL);
    CHECK(vformat(p, no_format) == NULL);

    CHECK_INT(apr_snprintf(buf, sizeof(buf), "%s", "abc"), 3);
    CHECK_STR(buf, "abc");
    CHECK_INT(apr_snprintf(buf, sizeof(buf), "%d", 123456789), 7);
    CHECK_STR(buf, "1234567");
    CHECK_INT(apr_snprintf(NULL, 0, "%d", 12345), 5);
    CHECK_INT(apr_snprintf(buf, sizeof(buf), NULL), -1);
    for (i = 0; i < 3; i++) {
        CHECK(apr_psprintf(p, "%d", i) != NULL);
    }
}

static void test_strings(apr_pool_t *p) {
    char *m;
    CHECK_STR(apr_pstrcat(p, "a", "", "bc", "def", NULL), "abcdef");
    CHECK_STR(apr_pstrcat(p, NULL), "");
    CHECK(apr_pstrcat(NULL, "a", NULL) == NULL);
    CHECK_STR(apr_pstrndup(p, "hello", 3), "hel");
    CHECK_STR(apr_pstrndup(p, "hi", 10), "hi");
    CHECK(apr_pstrndup(p, NULL, 3) == NULL);
    CHECK_STR(apr_pstrmemdup(p, "hello", 4), "hell");
    m = (char *)apr_pmemdup(p, "a\0b", 3);
    CHECK(m != NULL && m[0] == 'a' && m[1] == '\0' && m[2] == 'b');
    CHECK(apr_pmemdup(NULL, "a", 1) == NULL);
    CHECK(apr_pmemdup(p, NULL, 1) == NULL);
}

typedef struct {
    char seen[256];
    int stop_after;
    int calls;
} walk_t;

static int collect(void *rec, const char *key, const char *value) {
    walk_t *w = (walk_t *)rec;
    size_t used = strlen(w->seen);
    snprintf(w->seen + used, sizeof(w->seen) - used, "%s=%s;", key, value);
    w->calls++;
    return w->stop_after == 0 || w->calls < w->stop_after;
}

static void test_tables(apr_pool_t *p) {
    apr_table_t *t = apr_table_make(p, 2);
    apr_table_t *base = apr_table_make(p, 2);
    apr_table_t *copy;
    apr_table_t *both;
    walk_t w;

    apr_table_addn(t, "a", "1");
    apr_table_addn(t, "B", "2");
    apr_table_addn(t, "a", "3");
    apr_table_setn(t, "b", "4");
    CHECK_STR(apr_table_get(t, "b"), "4");
    memset(&w, 0, sizeof(w));
    CHECK_INT(apr_table_do(collect, &w, t, NULL), 1);
    CHECK_STR(w.seen, "a=1;B=4;a=3;");
    memset(&w, 0, sizeof(w));
    CHECK_INT(apr_table_do(collect, &w, t, "A", NULL), 1);
    CHECK_STR(w.seen, "a=1;a=3;");
    memset(&w, 0, sizeof(w));
    CHECK_INT(apr_table_do(collect, &w, t, "b", "a", NULL), 1);
    CHECK_STR(w.seen, "B=4;a=1;a=3;");
    memset(&w, 0, sizeof(w));
    w.stop_after = 2;
    CHECK_INT(apr_table_do(collect, &w, t, NULL), 0);
    CHECK_STR(w.seen, "a=1;B=4;");
    CHECK_INT(apr_table_do(collect, &w, NULL, NULL), 1);

    apr_table_add(base, "x", "9");
    copy = apr_table_copy(p, t);
    both = apr_table_overlay(p, t, base);
    apr_table_clear(t);
    CHECK(apr_is_empty_table(t));
    CHECK_INT(apr_table_elts(copy)->nelts, 3);
    CHECK_INT(apr_table_elts(both)->nelts, 4);
    memset(&w, 0, sizeof(w));
    apr_table_do(collect, &w, both, NULL);
    CHECK_STR(w.seen, "a=1;B=4;a=3;x=9;");
    CHECK(apr_table_copy(p, NULL) == NULL);
    CHECK(apr_table_copy(NULL, copy) == NULL);
    CHECK(apr_table_overlay(p, NULL, base) == NULL);
    apr_table_clear(NULL);
    apr_table_addn(NULL, "a", "b");
}

static void test_env_and_errors(apr_pool_t *p) {
    char *value = NULL;
    char buf[64];
    CHECK_INT(apr_env_get(&value, "PATH", p), APR_SUCCESS);
    CHECK(value != NULL && strlen(value) > 0);
    CHECK_INT(apr_env_get(&value, "OSS_C_SDK_SURELY_UNSET_VARIABLE", p), APR_ENOENT);
    CHECK_INT(apr_env_get(NULL, "PATH", p), APR_EINVAL);
    CHECK(apr_strerror(APR_ENOENT, buf, sizeof(buf)) == buf);
    CHECK(strlen(buf) > 0);
    CHECK_STR(apr_strerror(APR_EOF, buf, sizeof(buf)), "End of file found");
    CHECK(apr_strerror(APR_EOF, NULL, 10) == NULL);
}

static void test_time(void) {
    apr_time_t before = apr_time_now();
    apr_time_t after;
    CHECK(apr_time_sec(before) > INT64_C(1600000000));
    apr_sleep(20000);
    apr_sleep(-1);
    after = apr_time_now();
    CHECK(after - before >= 20000);
    CHECK_INT(apr_time_from_sec(3), 3000000);
    CHECK_INT(apr_time_sec(apr_time_from_sec(3) + 999999), 3);
    CHECK_INT(apr_time_usec(INT64_C(3000123)), 123);
    CHECK_INT(apr_time_msec(INT64_C(3456789)), 456);
    CHECK_INT(apr_time_as_msec(INT64_C(3456789)), 3456);
    CHECK_INT(apr_time_from_msec(5), 5000);
    CHECK_INT(apr_time_make(2, 5), 2000005);
    CHECK_INT(APR_USEC_PER_SEC, 1000000);
}

static void test_exploded_time(void) {
    apr_time_exp_t e;
    apr_time_t t = apr_time_from_sec(INT64_C(1709208000)) + 7;
    apr_time_t back = 0;
    char date[APR_RFC822_DATE_LEN];

    CHECK_INT(apr_time_exp_gmt(&e, t), APR_SUCCESS);
    CHECK_INT(e.tm_year, 124);
    CHECK_INT(e.tm_mon, 1);
    CHECK_INT(e.tm_mday, 29);
    CHECK_INT(e.tm_hour, 12);
    CHECK_INT(e.tm_wday, 4);
    CHECK_INT(e.tm_yday, 59);
    CHECK_INT(e.tm_usec, 7);
    CHECK_INT(e.tm_gmtoff, 0);
    CHECK_INT(apr_time_exp_gmt_get(&back, &e), APR_SUCCESS);
    CHECK_INT(back, t);
    CHECK_INT(apr_time_exp_tz(&e, t, -3600), APR_SUCCESS);
    CHECK_INT(e.tm_hour, 11);
    CHECK_INT(e.tm_gmtoff, -3600);
    CHECK_INT(apr_time_exp_get(&back, &e), APR_SUCCESS);
    CHECK_INT(back, t);
    CHECK_INT(apr_time_exp_lt(&e, t), APR_SUCCESS);
    CHECK_INT(apr_time_exp_get(&back, &e), APR_SUCCESS);
    CHECK_INT(back, t);
    CHECK_INT(apr_rfc822_date(date, t), APR_SUCCESS);
    CHECK_STR(date, "Thu, 29 Feb 2024 12:00:00 GMT");
    CHECK_INT(apr_rfc822_date(date, 0), APR_SUCCESS);
    CHECK_STR(date, "Thu, 01 Jan 1970 00:00:00 GMT");
    CHECK_INT(apr_time_exp_gmt(NULL, t), APR_EINVAL);
    CHECK_INT(apr_time_exp_get(NULL, &e), APR_EINVAL);
    CHECK_INT(apr_rfc822_date(NULL, t), APR_EINVAL);
}

int main(void) {
    apr_pool_t *p;
    apr_pool_create(&p, NULL);
    test_formats(p);
    test_strings(p);
    test_tables(p);
    test_env_and_errors(p);
    test_time();
    test_exploded_time();
    apr_pool_destroy(p);
    return TEST_DONE();
}
