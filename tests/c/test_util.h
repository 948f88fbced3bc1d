/* A tiny assertion helper for the C tests: CHECK* record a failure and go on, so one run
 * reports every broken expectation; TEST_DONE() prints the summary and yields the exit code. */
#ifndef OSS_C_SDK_TEST_UTIL_H
#define OSS_C_SDK_TEST_UTIL_H

#include <stdio.h>
#include <string.h>

static int test_checks = 0;
static int test_failures = 0;

#define CHECK(cond) do { \
        test_checks++; \
        if (!(cond)) { \
            test_failures++; \
            fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
        } \
    } while (0)

#define CHECK_INT(actual, expected) do { \
        long long test_a_ = (long long)(actual), test_e_ = (long long)(expected); \
        test_checks++; \
        if (test_a_ != test_e_) { \
            test_failures++; \
            fprintf(stderr, "%s:%d: CHECK failed: %s == %lld, expected %s == %lld\n", \
                    __FILE__, __LINE__, #actual, test_a_, #expected, test_e_); \
        } \
    } while (0)

#define CHECK_STR(actual, expected) do { \
        const char *test_a_ = (actual), *test_e_ = (expected); \
        test_checks++; \
        if (test_a_ == NULL || test_e_ == NULL ? test_a_ != test_e_ : strcmp(test_a_, test_e_) != 0) { \
            test_failures++; \
            fprintf(stderr, "%s:%d: CHECK failed: %s is \"%s\", expected \"%s\"\n", __FILE__, __LINE__, \
                    #actual, test_a_ ? test_a_ : "(null)", test_e_ ? test_e_ : "(null)"); \
        } \
    } while (0)

#define TEST_DONE() test_done(__FILE__)

static int test_done(const char *file) {
    printf("%s: %d checks, %d passed, %d failed\n", file, test_checks, test_checks - test_failures,
           test_failures);
    return test_failures == 0 ? 0 : 1;
}

#endif
