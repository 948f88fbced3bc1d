/* A process that also has Apache's libapr-1 loaded: aos_http_io_initialize must refuse with
 * AOSE_FAILED_INITIALIZE instead of letting two apr_pool_t implementations mix. The real libapr-1
 * is not needed: this program exports a function named apr_initialize (CMake links it with
 * ENABLE_EXPORTS), which is what the library looks for. */
#include "oss_api.h"
#include "aos_http_io.h"
#include "test_util.h"

int apr_initialize(void);

/* Stands in for libapr-1's. */
int apr_initialize(void) {
    return 0;
}

int main(void) {
    CHECK_INT(apr_initialize(), 0);
    aos_log_set_level(AOS_LOG_OFF);
    CHECK_INT(aos_http_io_initialize("conflict", 0), AOSE_FAILED_INITIALIZE);
    return TEST_DONE();
}
