/* aos_log_set_format (a program's formatter receives every enabled message, formatted),
 * aos_log_format_default (usable as a formatter and directly), and aos_log_set_output (lines go
 * to an apr_file_t). */
#include <unistd.h>
#include "oss_api.h"
#include "aos_log.h"
#include "test_util.h"

static char seen[256];
static int seen_level;
static int calls;

static void recorder(int level, const char *file, int line, const char *function, const char *fmt, ...) {
    va_list ap;
    (void)file;
    (void)line;
    (void)function;
    va_start(ap, fmt);
    vsnprintf(seen, sizeof(seen), fmt, ap);
    va_end(ap);
    seen_level = level;
    calls++;
}

int main(void) {
    char path[128];
    char line[512];
    apr_pool_t *p;
    apr_file_t *f = NULL;
    int found = 0;

    aos_log_set_level(AOS_LOG_INFO);
    aos_log_set_format(recorder);
    aos_error_log("disk %s at %d%%", "full", 99);
    CHECK_STR(seen, "disk full at 99%");
    CHECK_INT(seen_level, AOS_LOG_ERROR);
    aos_debug_log("not enabled %d", 1);
    CHECK_INT(calls, 1);

    /* The default formatter as the formatter: no recursion, writes normally. */
    aos_log_set_format(aos_log_format_default);
    aos_warn_log("through the default %d", 2);
    aos_log_set_format(NULL);

    apr_pool_create(&p, NULL);
    snprintf(path, sizeof(path), "/tmp/oss_c_sdk_test_log_format_%ld.log", (long)getpid());
    CHECK_INT(apr_file_open(&f, path, APR_FOPEN_CREATE | APR_FOPEN_WRITE | APR_FOPEN_TRUNCATE, APR_OS_DEFAULT, p),
              APR_SUCCESS);
    aos_log_set_output(f);
    aos_info_log("into the file %d", 3);
    aos_log_format_default(AOS_LOG_WARN, "here.c", 7, "fn", "direct %s", "call");
    aos_log_set_output(NULL);
    apr_file_close(f);
    CHECK_INT(apr_file_open(&f, path, APR_FOPEN_READ, APR_OS_DEFAULT, p), APR_SUCCESS);
    while (apr_file_gets(line, sizeof(line), f) == APR_SUCCESS) {
        found += strstr(line, "into the file 3") != NULL;
        found += strstr(line, "direct call") != NULL && strstr(line, "here.c:7") != NULL;
    }
    CHECK_INT(found, 2);
    apr_file_remove(path, p);
    apr_pool_destroy(p);
    aos_log_set_level(AOS_LOG_WARN);
    return TEST_DONE();
}
