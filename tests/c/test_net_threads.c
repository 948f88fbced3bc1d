/* Several downloads at once from several threads of one process (C callers share one
 * configuration between threads): one shared
 * oss_request_options_t (config, controller, pool: the pool is thread-safe), different targets,
 * resumable and plain downloads and HEADs interleaved, while a download with its own controller
 * is cancelled from another thread and resumed. No crash, no cross-talk (every file is exactly
 * its object), the cancel reaches only its own download.
 *
 * Run by with_server.sh with test-bucket/obj0..obj3 and test-bucket/slow (throttled). Also run
 * under valgrind's helgrind/drd by hand (see README, Reliability). */
#include <pthread.h>
#include <unistd.h>

#include "net_util.h"
#include "test_util.h"

#define THREADS 8
#define ROUNDS 3
#define OBJECTS 4

static oss_request_options_t *shared;
static pthread_mutex_t check_lock = PTHREAD_MUTEX_INITIALIZER;
static int failures_in_threads = 0;

static void thread_check(int ok, const char *what, int thread, aos_status_t *s) {
    if (ok) return;
    pthread_mutex_lock(&check_lock);
    failures_in_threads++;
    fprintf(stderr, "thread %d: %s failed: %d %s %s\n", thread, what, s ? s->code : -1,
            s && s->error_code ? s->error_code : "-", s && s->error_msg ? s->error_msg : "-");
    pthread_mutex_unlock(&check_lock);
}

static void *worker(void *arg) {
    int id = (int)(intptr_t)arg;
    aos_string_t bucket, object, file;
    char key[16], path[64], ref[32];
    aos_str_set(&bucket, net_env("OSS_BUCKET"));
    for (int round = 0; round < ROUNDS; round++) {
        int which = (id + round) % OBJECTS;
        snprintf(key, sizeof key, "obj%d", which);
        snprintf(path, sizeof path, "t%d-r%d.bin", id, round);
        snprintf(ref, sizeof ref, "ref%d.bin", which);
        aos_str_set(&object, key);
        aos_str_set(&file, path);
        aos_table_t *resp_headers = NULL;
        aos_status_t *s;
        switch ((id + round) % 3) {
            case 0: {
                oss_resumable_clt_params_t *params =
                    oss_create_resumable_clt_params_content(shared->pool, 256 * 1024, 1 + id % 4, round % 2, NULL);
                s = oss_resumable_download_file(shared, &bucket, &object, &file, NULL, NULL, params, NULL,
                                                &resp_headers);
                break;
            }
            case 1:
                s = oss_get_object_to_file(shared, &bucket, &object, NULL, NULL, &file, &resp_headers);
                break;
            default:
                s = oss_head_object(shared, &bucket, &object, NULL, &resp_headers);
                thread_check(s != NULL && s->code == 200, "head", id, s);
                s = oss_resumable_download_file(shared, &bucket, &object, &file, NULL, NULL, NULL, NULL, NULL);
        }
        thread_check(s != NULL && s->code == 200, "download", id, s);
        thread_check(files_equal(path, ref), "file content", id, NULL);
        unlink(path);
    }
    return NULL;
}

struct cancel_job {
    oss_request_options_t *options;
    aos_status_t *status;
};

static void *slow_download(void *arg) {
    struct cancel_job *job = arg;
    aos_string_t bucket, object, file;
    aos_str_set(&bucket, net_env("OSS_BUCKET"));
    aos_str_set(&object, "slow");
    aos_str_set(&file, "slow.bin");
    oss_resumable_clt_params_t *params =
        oss_create_resumable_clt_params_content(job->options->pool, 1024 * 1024, 2, AOS_TRUE, NULL);
    job->status = oss_resumable_download_file(job->options, &bucket, &object, &file, NULL, NULL, params, NULL, NULL);
    return NULL;
}

/* The same, to slow<N>.bin where N is the job's place in a static array of three. */
static struct cancel_job *jobs_base;
static void *slow_download_to(void *arg) {
    struct cancel_job *job = arg;
    char path[32];
    snprintf(path, sizeof path, "slow%d.bin", (int)(job - jobs_base));
    aos_string_t bucket, object, file;
    aos_str_set(&bucket, net_env("OSS_BUCKET"));
    aos_str_set(&object, "slow");
    aos_str_set(&file, path);
    oss_resumable_clt_params_t *params =
        oss_create_resumable_clt_params_content(job->options->pool, 1024 * 1024, 2, AOS_TRUE, NULL);
    job->status = oss_resumable_download_file(job->options, &bucket, &object, &file, NULL, NULL, params, NULL, NULL);
    return NULL;
}

int main(void) {
    CHECK_INT(aos_http_io_initialize(NULL, 0), AOSE_OK);
    aos_pool_t *pool;
    aos_pool_create(&pool, NULL);
    shared = net_options(pool, 0);

    /* The reference copies, one at a time. */
    aos_string_t bucket, object, file;
    aos_str_set(&bucket, net_env("OSS_BUCKET"));
    for (int i = 0; i < OBJECTS; i++) {
        char key[16], ref[32];
        snprintf(key, sizeof key, "obj%d", i);
        snprintf(ref, sizeof ref, "ref%d.bin", i);
        aos_str_set(&object, key);
        aos_str_set(&file, ref);
        CHECK_INT(oss_get_object_to_file(shared, &bucket, &object, NULL, NULL, &file, NULL)->code, 200);
    }

    /* A slow download with its own controller, cancelled from this thread while the others run. */
    aos_pool_t *slow_pool;
    aos_pool_create(&slow_pool, NULL);
    struct cancel_job job = {net_options(slow_pool, 0), NULL};
    pthread_t slow, threads[THREADS];
    CHECK_INT(pthread_create(&slow, NULL, slow_download, &job), 0);
    for (int i = 0; i < THREADS; i++) CHECK_INT(pthread_create(&threads[i], NULL, worker, (void *)(intptr_t)i), 0);

    /* Wait until the slow download is running (its temp file exists), then cancel it. */
    for (int i = 0; i < 200 && file_size("slow.bin.tmp") < 0; i++) usleep(20 * 1000);
    usleep(300 * 1000);
    CHECK_INT(aos_http_controller_cancel(job.options->ctl), AOSE_OK);

    for (int i = 0; i < THREADS; i++) CHECK_INT(pthread_join(threads[i], NULL), 0);
    CHECK_INT(pthread_join(slow, NULL), 0);
    CHECK_INT(failures_in_threads, 0);
    CHECK(job.status != NULL && job.status->code == AOSE_ABORT_CALLBACK);
    CHECK(file_size("slow.bin.cp") > 0 && file_size("slow.bin") == -1);
    /* The shared controller ran nothing that could be cancelled now. */
    CHECK_INT(aos_http_controller_cancel(shared->ctl), AOSE_INVALID_OPERATION);
    aos_pool_destroy(slow_pool);

    /* Three slow downloads sharing one controller: one cancel stops all three. */
    aos_pool_create(&slow_pool, NULL);
    oss_request_options_t *together = net_options(slow_pool, 0);
    struct cancel_job jobs[3] = {{together, NULL}, {together, NULL}, {together, NULL}};
    pthread_t slows[3];
    jobs_base = jobs;
    unlink("slow.bin.cp");
    unlink("slow.bin.tmp");
    for (int i = 0; i < 3; i++) CHECK_INT(pthread_create(&slows[i], NULL, slow_download_to, &jobs[i]), 0);
    for (int i = 0; i < 200 && (file_size("slow0.bin.tmp") < 0 || file_size("slow1.bin.tmp") < 0 ||
                                file_size("slow2.bin.tmp") < 0); i++)
        usleep(20 * 1000);
    usleep(300 * 1000);
    CHECK_INT(aos_http_controller_cancel(together->ctl), AOSE_OK);
    for (int i = 0; i < 3; i++) {
        CHECK_INT(pthread_join(slows[i], NULL), 0);
        CHECK(jobs[i].status != NULL && jobs[i].status->code == AOSE_ABORT_CALLBACK);
    }
    CHECK_INT(aos_http_controller_cancel(together->ctl), AOSE_INVALID_OPERATION);
    aos_pool_destroy(slow_pool);

    aos_pool_destroy(pool);
    aos_http_io_deinitialize();
    return TEST_DONE();
}
