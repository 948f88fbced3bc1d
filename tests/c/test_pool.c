/* Pools: creation and argument checks, alignment, parent/child lifetimes (destroying a parent
 * frees its children; valgrind proves nothing leaks), and allocation from several threads. */
#include <pthread.h>
#include "oss_api.h"
#include "test_util.h"

static void test_create_and_arguments(void) {
    aos_pool_t *pool = NULL;
    CHECK_INT(aos_pool_create(&pool, NULL), APR_SUCCESS);
    CHECK(pool != NULL);
    CHECK(aos_pool_create(NULL, NULL) != 0);
    CHECK(aos_palloc(NULL, 16) == NULL);
    CHECK(aos_pcalloc(NULL, 16) == NULL);
    aos_pool_destroy(NULL); /* ignored */
    aos_pool_destroy(pool);
}

static void test_alignment_and_zeroing(void) {
    aos_pool_t *pool;
    size_t sizes[] = {0, 1, 7, 16, 33, 500, 1024, 1025, 4000, 9000, 100000};
    size_t i;
    aos_pool_create(&pool, NULL);
    for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
        unsigned char *p = (unsigned char *)aos_palloc(pool, sizes[i]);
        unsigned char *z = (unsigned char *)aos_pcalloc(pool, sizes[i]);
        size_t j;
        int zero = 1;
        CHECK(p != NULL && z != NULL);
        CHECK_INT((uintptr_t)p % 16, 0);
        CHECK_INT((uintptr_t)z % 16, 0);
        memset(p, 0xA5, sizes[i]);
        for (j = 0; j < sizes[i]; j++) {
            zero &= z[j] == 0;
        }
        CHECK(zero);
    }
    aos_pool_destroy(pool);
}

static void test_children_die_with_parent(void) {
    aos_pool_t *root, *child, *grandchild, *sibling, *early;
    int i;
    CHECK_INT(aos_pool_create(&root, NULL), 0);
    CHECK_INT(aos_pool_create(&child, root), 0);
    CHECK_INT(aos_pool_create(&grandchild, child), 0);
    CHECK_INT(aos_pool_create(&sibling, root), 0);
    CHECK_INT(aos_pool_create(&early, child), 0);
    for (i = 0; i < 100; i++) {
        /* Small and large allocations in every pool: all must be freed by the one destroy. */
        CHECK(aos_palloc(root, 100) != NULL);
        CHECK(aos_palloc(child, 3000) != NULL);
        CHECK(aos_pcalloc(grandchild, 50) != NULL);
        CHECK(apr_pstrdup(sibling, "copied into the sibling") != NULL);
    }
    /* A child destroyed on its own is unlinked from its parent, so the parent does not free it
     * twice (valgrind would report an invalid free). */
    aos_pool_destroy(early);
    aos_pool_destroy(root);
}

#define THREADS 4
#define ALLOCS 5000

struct worker {
    aos_pool_t *pool;
    unsigned char *blocks[ALLOCS];
    size_t sizes[ALLOCS];
    unsigned char tag;
};

static void *allocate_a_lot(void *arg) {
    struct worker *w = (struct worker *)arg;
    int i;
    aos_pool_t *own_child;
    for (i = 0; i < ALLOCS; i++) {
        w->sizes[i] = (size_t)((i * 37 + w->tag) % 1500) + 1;
        w->blocks[i] = (unsigned char *)aos_palloc(w->pool, w->sizes[i]);
        if (w->blocks[i] != NULL) {
            memset(w->blocks[i], w->tag, w->sizes[i]);
        }
    }
    /* Creating children of a shared parent from several threads is safe too. */
    if (aos_pool_create(&own_child, w->pool) == 0) {
        aos_palloc(own_child, 64);
    }
    return NULL;
}

static void test_thread_safe_allocation(void) {
    static struct worker workers[THREADS];
    pthread_t threads[THREADS];
    aos_pool_t *pool;
    int t, i;
    aos_pool_create(&pool, NULL);
    for (t = 0; t < THREADS; t++) {
        workers[t].pool = pool;
        workers[t].tag = (unsigned char)(t + 1);
        CHECK_INT(pthread_create(&threads[t], NULL, allocate_a_lot, &workers[t]), 0);
    }
    for (t = 0; t < THREADS; t++) {
        pthread_join(threads[t], NULL);
    }
    /* Every block still holds its owner's tag: no two allocations overlapped. */
    for (t = 0; t < THREADS; t++) {
        int intact = 1;
        for (i = 0; i < ALLOCS; i++) {
            size_t j;
            if (workers[t].blocks[i] == NULL) {
                intact = 0;
                continue;
            }
            for (j = 0; j < workers[t].sizes[i]; j++) {
                intact &= workers[t].blocks[i][j] == workers[t].tag;
            }
        }
        CHECK(intact);
    }
    aos_pool_destroy(pool); /* also destroys the children the threads made */
}

int main(void) {
    test_create_and_arguments();
    test_alignment_and_zeroing();
    test_children_die_with_parent();
    test_thread_safe_allocation();
    return TEST_DONE();
}
