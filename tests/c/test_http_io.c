/* Start-up and tear-down misuse: deinitialize without initialize, double initialize, double
 * deinitialize, initialize again afterwards, and both from several threads at once. */
#include <pthread.h>
#include "oss_api.h"
#include "aos_http_io.h"
#include "test_util.h"

#define THREADS 8
#define ROUNDS 50

static void *init_deinit_loop(void *arg) {
    int i, failures = 0;
    (void)arg;
    for (i = 0; i < ROUNDS; i++) {
        failures += aos_http_io_initialize(i % 2 ? "worker" : NULL, 0) != AOSE_OK;
        if (i % 3 == 0) {
            aos_http_io_deinitialize();
        }
    }
    return failures == 0 ? (void *)arg : NULL;
}

int main(void) {
    pthread_t threads[THREADS];
    int ids[THREADS];
    int t;

    aos_http_io_deinitialize(); /* before any initialize */
    aos_http_io_deinitialize();
    CHECK_INT(aos_http_io_initialize(NULL, 0), AOSE_OK);
    CHECK_INT(aos_http_io_initialize("second-call", AOS_INIT_WINSOCK), AOSE_OK);
    aos_http_io_deinitialize();
    aos_http_io_deinitialize();
    CHECK_INT(aos_http_io_initialize("", 0), AOSE_OK);

    for (t = 0; t < THREADS; t++) {
        ids[t] = t;
        CHECK_INT(pthread_create(&threads[t], NULL, init_deinit_loop, &ids[t]), 0);
    }
    for (t = 0; t < THREADS; t++) {
        void *result = NULL;
        pthread_join(threads[t], &result);
        CHECK(result == &ids[t]);
    }

    /* Still usable afterwards. */
    CHECK_INT(aos_http_io_initialize("after-threads", 0), AOSE_OK);
    aos_http_io_deinitialize();
    CHECK_INT(aos_http_io_initialize(NULL, 0), AOSE_OK);
    aos_http_io_deinitialize();
    return TEST_DONE();
}
