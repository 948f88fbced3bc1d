/* The aos helpers: CRC-64 (against a bit-by-bit reference, continued and combined) and CRC-32,
 * base64 and URL-encoding vectors, hex, strtoll/strtoull/atoi64, MD5/SHA-256/HMAC vectors, the
 * date strings, string trimming, method names and sorting; NULL arguments. */
#include "oss_api.h"
#include "aos_crc64.h"
#include "aos_util.h"
#include "test_util.h"

/* CRC-64/XZ (ECMA-182 polynomial, reflected, init and xorout all ones), one bit at a time. */
static uint64_t reference_crc64(uint64_t crc, const unsigned char *p, size_t n) {
    size_t i;
    int bit;
    crc = ~crc;
    for (i = 0; i < n; i++) {
        crc ^= p[i];
        for (bit = 0; bit < 8; bit++) {
            crc = (crc & 1) ? (crc >> 1) ^ UINT64_C(0xC96C5795D7870F42) : crc >> 1;
        }
    }
    return ~crc;
}

static const char *hex(const unsigned char *p, int n, char *out) {
    int len = 0;
    aos_encode_hex(out, p, n, &len);
    return out;
}

static void test_crc(void) {
    unsigned char data[3000];
    uint64_t a, b, whole;
    size_t i;
    for (i = 0; i < sizeof(data); i++) {
        data[i] = (unsigned char)(i * 7 + 3);
    }
    CHECK(aos_crc64(0, (void *)"123456789", 9) == UINT64_C(0x995DC9BBDF1939FA));
    whole = reference_crc64(0, data, sizeof(data));
    CHECK(aos_crc64(0, data, sizeof(data)) == whole);
    a = aos_crc64(0, data, 1000);
    CHECK(a == reference_crc64(0, data, 1000));
    CHECK(aos_crc64(a, data + 1000, 2000) == whole);
    b = aos_crc64(0, data + 1000, 2000);
    CHECK(aos_crc64_combine(a, b, 2000) == whole);
    CHECK(aos_crc64_combine(a, 0, 0) == a);
    CHECK(aos_crc64(77, NULL, 10) == 77);
    CHECK(aos_crc32(0, "123456789", 9) == 0xCBF43926u);
    CHECK(aos_crc32(aos_crc32(0, "1234", 4), "56789", 5) == 0xCBF43926u);
    CHECK(aos_crc32(9, NULL, 4) == 9);
}

static void test_encodings(void) {
    static const char *plain[] = { "", "f", "fo", "foo", "foob", "fooba", "foobar" };
    static const char *b64[] = { "", "Zg==", "Zm8=", "Zm9v", "Zm9vYg==", "Zm9vYmE=", "Zm9vYmFy" };
    char out[128];
    char hexbuf[80];
    int i, n, len = 0;

    for (i = 0; i < 7; i++) {
        memset(out, 0, sizeof(out));
        n = aos_base64_encode((const unsigned char *)plain[i], (int)strlen(plain[i]), out);
        CHECK_INT(n, strlen(b64[i]));
        CHECK_STR(out, b64[i]);
    }
    CHECK_INT(aos_base64_encode((const unsigned char *)"x", -1, out), 0);
    CHECK_INT(aos_base64_encode(NULL, 3, out), 0);

    CHECK_INT(aos_url_encode(out, "a b+c/d?e#f%g~h-_.", 100), AOSE_OK);
    CHECK_STR(out, "a%20b%2Bc%2Fd%3Fe%23f%25g~h-_.");
    CHECK_INT(aos_url_encode_ex(out, "dir/x y", 100, 1), AOSE_OK);
    CHECK_STR(out, "dir/x%20y");
    CHECK_INT(aos_url_encode(out, "\xe4\xb8\xad", 100), AOSE_OK);
    CHECK_STR(out, "%E4%B8%AD");
    CHECK_INT(aos_url_encode(out, "abcdef", 5), AOSE_INVALID_ARGUMENT);
    CHECK_STR(out, "");
    CHECK_INT(aos_url_encode(out, NULL, 5), AOSE_INVALID_ARGUMENT);
    CHECK_INT(aos_url_decode("a%20b+c%2Fd%e4%b8%ad", out), 0);
    CHECK_STR(out, "a b c/d\xe4\xb8\xad");
    CHECK_INT(aos_url_decode("ab%2", out), -1);
    CHECK_STR(out, "ab");
    CHECK_INT(aos_url_decode(NULL, out), 0);
    CHECK_STR(out, "");

    CHECK_INT(aos_encode_hex(hexbuf, "\x01\xab\xff", 3, &len), AOSE_OK);
    CHECK_STR(hexbuf, "01abff");
    CHECK_INT(len, 7);
    CHECK_INT(aos_encode_hex(NULL, "\x01", 1, &len), AOSE_OK);
    CHECK_INT(aos_encode_hex(hexbuf, NULL, 1, &len), AOSE_INVALID_ARGUMENT);
}

static void test_numbers(void) {
    char *end = NULL;
    const char *text = "  -123abc";
    CHECK_INT(aos_strtoll(text, &end, 10), -123);
    CHECK(end == text + 6);
    CHECK_INT(aos_strtoll("0x1F", NULL, 16), 31);
    CHECK_INT(aos_strtoll("0x1F", NULL, 0), 31);
    CHECK_INT(aos_strtoll("017", NULL, 0), 15);
    CHECK(aos_strtoll("99999999999999999999", NULL, 10) == INT64_MAX);
    CHECK(aos_strtoll("-99999999999999999999", NULL, 10) == INT64_MIN);
    CHECK_INT(aos_strtoll("zz", &end, 10), 0);
    CHECK(aos_strtoull("18446744073709551615", NULL, 10) == UINT64_MAX);
    CHECK_INT(aos_atoi64("9223372036854775807"), INT64_MAX);
    CHECK_INT(aos_atoi64("-42"), -42);
    CHECK(aos_atoui64("12345678901234567890") == UINT64_C(12345678901234567890));
    CHECK_INT(aos_atoi64(NULL), 0);
    CHECK_INT(aos_atoui64(NULL), 0);
}

static void test_digests(aos_pool_t *p) {
    unsigned char *md5;
    char mac[32];
    char out[80];
    md5 = aos_md5(p, "abc", 3);
    CHECK(md5 != NULL);
    CHECK_STR(hex(md5, 16, out), "900150983cd24fb0d6963f7d28e17f72");
    CHECK_STR(hex(aos_md5(p, "", 0), 16, out), "d41d8cd98f00b204e9800998ecf8427e");
    CHECK(aos_md5(NULL, "abc", 3) == NULL);
    CHECK(aos_md5(p, NULL, 3) == NULL);
    HMAC_SHA1((unsigned char *)mac, (const unsigned char *)"Jefe", 4,
              (const unsigned char *)"what do ya want for nothing?", 28);
    CHECK_STR(hex((unsigned char *)mac, 20, out), "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79");
    aos_HMAC_SHA256(mac, "Jefe", 4, "what do ya want for nothing?", 28);
    CHECK_STR(hex((unsigned char *)mac, 32, out), "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    aos_SHA256(mac, "abc", 3);
    CHECK_STR(hex((unsigned char *)mac, 32, out), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    HMAC_SHA1(NULL, (const unsigned char *)"k", 1, (const unsigned char *)"m", 1);
    aos_SHA256(mac, NULL, 3);
}

static void test_dates(void) {
    char date[AOS_MAX_GMT_TIME_LEN];
    char shortdate[AOS_MAX_SHORT_TIME_LEN];
    apr_time_exp_t tm;
    CHECK_INT(aos_get_gmt_str_time(date), AOSE_OK);
    CHECK(strlen(date) == 29 && strcmp(date + 25, " GMT") == 0 && date[3] == ',');
    CHECK_INT(aos_get_iso8601_str_time(date), AOSE_OK);
    CHECK(strlen(date) == 16 && date[8] == 'T' && date[15] == 'Z');
    /* 2024-02-29 12:00:00 UTC */
    CHECK_INT(aos_get_iso8601_str_time_ex(date, apr_time_from_sec(INT64_C(1709208000))), AOSE_OK);
    CHECK_STR(date, "20240229T120000Z");
    CHECK_INT(aos_get_gmt_str_time(NULL), AOSE_INTERNAL_ERROR);

    CHECK_INT(apr_time_exp_gmt(&tm, apr_time_from_sec(INT64_C(1709208000))), APR_SUCCESS);
    CHECK_INT(aos_convert_to_gmt_time(date, "%s, %.2d %s %.4d %.2d:%.2d:%.2d GMT", &tm), AOSE_OK);
    CHECK_STR(date, "Thu, 29 Feb 2024 12:00:00 GMT");
    CHECK_INT(aos_convert_to_iso8601_time(date, "%.4d%.2d%.2dT%.2d%.2d%.2dZ", &tm), AOSE_OK);
    CHECK_STR(date, "20240229T120000Z");
    tm.tm_mon = 12;
    CHECK_INT(aos_convert_to_gmt_time(date, "%s, %.2d %s %.4d %.2d:%.2d:%.2d GMT", &tm), AOSE_INVALID_ARGUMENT);
    CHECK_INT(aos_convert_to_iso8601_time(date, NULL, &tm), AOSE_INVALID_ARGUMENT);
    CHECK_INT(aos_get_gmt_time_date("Sun, 06 Nov 1994 08:49:37 GMT", shortdate), 0);
    CHECK_STR(shortdate, "19941106");
    CHECK_INT(aos_get_gmt_time_date("yesterday", shortdate), AOSE_INVALID_ARGUMENT);
    CHECK_STR(shortdate, "");
    CHECK_INT(aos_get_gmt_time_date(NULL, shortdate), 0);
}

static void test_strings(void) {
    char text[] = " \t\"etag\"\r\n";
    aos_string_t s;
    aos_string_t suffix;
    const char *names[] = { "x-oss-b", "Content-Type", "x-oss-a" };
    s.data = text;
    s.len = (int)strlen(text);
    aos_trip_space_and_cntrl(&s);
    CHECK_INT(s.len, 6);
    aos_unquote_str(&s);
    CHECK_INT(s.len, 4);
    CHECK(strncmp(s.data, "etag", 4) == 0);
    aos_str_set(&s, "  padded  ");
    aos_strip_space(&s);
    CHECK_INT(s.len, 6);
    aos_strip_space(NULL);
    aos_str_set(&s, "photo.jpg");
    aos_str_set(&suffix, ".jpg");
    CHECK_INT(aos_ends_with(&s, &suffix), 1);
    aos_str_set(&suffix, ".png");
    CHECK_INT(aos_ends_with(&s, &suffix), 0);
    CHECK_INT(aos_ends_with(NULL, &suffix), 0);
    CHECK_STR(aos_http_method_to_string(HTTP_PUT), "PUT");
    CHECK_STR(aos_http_method_to_string(HTTP_DELETE), "DELETE");
    CHECK_STR(aos_http_method_to_string(42), "UNKNOWN");
    aos_gnome_sort(names, 3);
    CHECK_STR(names[0], "Content-Type");
    CHECK_STR(names[1], "x-oss-a");
    CHECK_STR(names[2], "x-oss-b");
    aos_gnome_sort(NULL, 3);
}

static void test_query_string(aos_pool_t *p) {
    aos_table_t *params = aos_table_make(p, 4);
    aos_string_t q = aos_string("untouched");
    char big[1100];
    CHECK_INT(aos_query_params_to_string(p, params, &q), AOSE_OK);
    CHECK_INT(q.len, 9);
    apr_table_add(params, "acl", "");
    apr_table_add(params, "prefix", "a b/c");
    apr_table_add(params, "max-keys", "10");
    CHECK_INT(aos_query_params_to_string(p, params, &q), AOSE_OK);
    CHECK(q.len == 33 && strncmp(q.data, "?acl&prefix=a%20b%2Fc&max-keys=10", 33) == 0);
    memset(big, 'x', sizeof(big) - 1);
    big[sizeof(big) - 1] = '\0';
    apr_table_add(params, "k", big);
    CHECK_INT(aos_query_params_to_string(p, params, &q), AOSE_INVALID_ARGUMENT);
    CHECK_INT(aos_query_params_to_string(p, NULL, &q), AOSE_OK);
    CHECK_INT(aos_query_params_to_string(NULL, params, &q), AOSE_INVALID_ARGUMENT);
}

int main(void) {
    aos_pool_t *p;
    aos_pool_create(&p, NULL);
    test_crc();
    test_encodings();
    test_numbers();
    test_digests(p);
    test_dates();
    test_strings();
    test_query_string(p);
    aos_pool_destroy(p);
    return TEST_DONE();
}
