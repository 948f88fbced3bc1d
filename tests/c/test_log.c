/* Logging: the default level (WARN) and the thresholds, the aos_*_log macros (printf formatting,
 * long messages, file:line), redirection to a callback and to a FILE *, and redaction of
 * secrets at every level. */
#include "oss_api.h"
#include "aos_log.h"
#include "test_util.h"

static int captured_count = 0;
static char captured[8192];
static int captured_len_ok = 1;

static void capture(const char *message, int len) {
    captured_count++;
    captured_len_ok &= len >= 0 && (size_t)len == strlen(message);
    snprintf(captured, sizeof(captured), "%s", message);
}

static void reset_capture(void) {
    captured_count = 0;
    captured[0] = '\0';
}

static void test_levels(void) {
    CHECK_INT(aos_log_get_level(), AOS_LOG_WARN); /* the default */
    aos_log_set_print(capture);

    reset_capture();
    aos_info_log("not shown at the default level");
    aos_debug_log("nor this");
    CHECK_INT(captured_count, 0);
    aos_warn_log("disk %s is %d%% full", "/tmp", 91);
    CHECK_INT(captured_count, 1);
    CHECK(strstr(captured, "[WARN]") != NULL);
    CHECK(strstr(captured, "disk /tmp is 91% full\n") != NULL);
    CHECK(strstr(captured, "test_log.c:") != NULL);
    CHECK(captured[0] == '[');                    /* starts with the time */
    CHECK(strstr(captured, "Z]") != NULL);
    CHECK(captured_len_ok);

    aos_log_set_level(AOS_LOG_DEBUG);
    CHECK_INT(aos_log_get_level(), AOS_LOG_DEBUG);
    reset_capture();
    aos_debug_log("debug %d", 1);
    aos_trace_log("trace is above DEBUG");
    CHECK_INT(captured_count, 1);
    CHECK(strstr(captured, "[DEBUG]") != NULL);
    CHECK(aos_log_enabled(AOS_LOG_DEBUG));
    CHECK(!aos_log_enabled(AOS_LOG_TRACE));

    aos_log_set_level(AOS_LOG_OFF);
    reset_capture();
    aos_fatal_log("even fatal is off");
    CHECK_INT(captured_count, 0);

    aos_log_set_level(AOS_LOG_ALL);
    reset_capture();
    aos_trace_log("everything at ALL");
    CHECK_INT(captured_count, 1);
    CHECK(strstr(captured, "[TRACE]") != NULL);

    /* Out-of-range values are ignored. */
    aos_log_set_level((aos_log_level_e)0);
    aos_log_set_level((aos_log_level_e)42);
    CHECK_INT(aos_log_get_level(), AOS_LOG_ALL);
    CHECK(!aos_log_enabled(0));
    CHECK(!aos_log_enabled(AOS_LOG_OFF));

    /* The raw entry point accepts NULL file and message. */
    reset_capture();
    aos_log_write(AOS_LOG_ERROR, NULL, 0, NULL);
    CHECK_INT(captured_count, 1);
    aos_log_set_level(AOS_LOG_WARN);
}

static void test_long_message(void) {
    char big[3000];
    memset(big, 'a', sizeof(big) - 1);
    big[sizeof(big) - 1] = '\0';
    reset_capture();
    aos_error_log("long: %s|end", big);
    CHECK_INT(captured_count, 1);
    CHECK(strstr(captured, "|end\n") != NULL);
    CHECK(strlen(captured) > sizeof(big));
}

static void test_redaction(void) {
    reset_capture();
    aos_error_log("request headers: Authorization: OSS %s:%s", "LTAI5tExampleKeyId", "c2VjcmV0U2lnbmF0dXJl");
    CHECK(strstr(captured, "Authorization: ***") != NULL);
    CHECK(strstr(captured, "c2VjcmV0U2lnbmF0dXJl") == NULL);
    CHECK(strstr(captured, "LTAI5tExampleKeyId") == NULL);

    reset_capture();
    aos_warn_log("x-oss-security-token: CAISsecrettoken");
    CHECK(strstr(captured, "CAISsecrettoken") == NULL);

    reset_capture();
    aos_warn_log("GET /obj?OSSAccessKeyId=ak&Expires=1&Signature=abc%%2Bdef HTTP/1.1");
    CHECK(strstr(captured, "Signature=***") != NULL);
    CHECK(strstr(captured, "abc%2Bdef") == NULL);

    reset_capture();
    aos_warn_log("config: AccessKeySecret=verysecret, endpoint=oss.example");
    CHECK(strstr(captured, "verysecret") == NULL);
    CHECK(strstr(captured, "endpoint=oss.example") != NULL);
}

static void test_file_output(void) {
    FILE *f = tmpfile();
    char buf[4096];
    size_t n;
    CHECK(f != NULL);
    if (f == NULL) {
        return;
    }
    aos_log_set_print(NULL);
    aos_log_set_output_file(f);
    aos_error_log("to the file %d", 7);
    aos_info_log("below the level: not written");
    aos_log_print_default("raw Authorization: OSS ak:sig\n", -1);
    aos_log_print_default("only this part|not this", 14);

    /* A callback takes precedence over the file. */
    aos_log_set_print(capture);
    reset_capture();
    aos_error_log("to the callback");
    CHECK_INT(captured_count, 1);
    aos_log_set_print(NULL);

    aos_log_set_output_file(NULL); /* back to stderr before closing the stream */
    rewind(f);
    n = fread(buf, 1, sizeof(buf) - 1, f);
    buf[n] = '\0';
    fclose(f);
    CHECK(strstr(buf, "[ERROR]") != NULL);
    CHECK(strstr(buf, "to the file 7\n") != NULL);
    CHECK(strstr(buf, "below the level") == NULL);
    CHECK(strstr(buf, "raw Authorization: ***\n") != NULL);
    CHECK(strstr(buf, "only this part") != NULL);
    CHECK(strstr(buf, "not this") == NULL);
    CHECK(strstr(buf, "to the callback") == NULL);
}

int main(void) {
    test_levels();
    test_long_message();
    test_redaction();
    test_file_output();
    aos_log_set_print(NULL);
    return TEST_DONE();
}
