/* The APR file calls on the library's own pools: open with each flag, write, read to EOF, seek
 * from each origin, gets line by line, info_get and stat, rename, remove, directories, closing
 * by the pool; error statuses and NULL arguments. */
#include <unistd.h>
#include "oss_api.h"
#include "test_util.h"

static void make_path(char *buf, size_t size, const char *name) {
    snprintf(buf, size, "/tmp/oss_c_sdk_test_apr_file_%ld_%s", (long)getpid(), name);
}

static void test_round_trip(apr_pool_t *p) {
    char path[256];
    char moved[256];
    char line[8];
    char data[64];
    apr_file_t *f = NULL;
    apr_size_t n;
    apr_off_t off;
    apr_finfo_t info;

    make_path(path, sizeof(path), "a");
    make_path(moved, sizeof(moved), "b");
    CHECK_INT(apr_file_open(&f, path, APR_FOPEN_CREATE | APR_FOPEN_WRITE | APR_FOPEN_TRUNCATE,
                            APR_FPROT_UREAD | APR_FPROT_UWRITE, p), APR_SUCCESS);
    n = 12;
    CHECK_INT(apr_file_write(f, "first line\nx", &n), APR_SUCCESS);
    CHECK_INT(n, 12);
    CHECK_INT(apr_file_puts("\nthird\n", f), APR_SUCCESS);
    CHECK_INT(apr_file_flush(f), APR_SUCCESS);
    CHECK_INT(apr_file_info_get(&info, APR_FINFO_SIZE, f), APR_SUCCESS);
    CHECK_INT(info.size, 19);
    CHECK_INT(info.filetype, APR_REG);
    CHECK(info.valid & APR_FINFO_SIZE);
    CHECK_INT(info.protection, APR_FPROT_UREAD | APR_FPROT_UWRITE);
    CHECK_INT(apr_file_close(f), APR_SUCCESS);
    CHECK_INT(apr_file_close(f), EBADF);

    CHECK_INT(apr_file_open(&f, path, APR_FOPEN_READ | APR_FOPEN_BINARY, APR_OS_DEFAULT, p), APR_SUCCESS);
    CHECK_INT(apr_file_gets(line, sizeof(line), f), APR_SUCCESS);
    CHECK_STR(line, "first l");
    CHECK_INT(apr_file_gets(line, sizeof(line), f), APR_SUCCESS);
    CHECK_STR(line, "ine\n");
    CHECK_INT(apr_file_gets(line, sizeof(line), f), APR_SUCCESS);
    CHECK_STR(line, "x\n");
    CHECK_INT(apr_file_gets(line, sizeof(line), f), APR_SUCCESS);
    CHECK_STR(line, "third\n");
    CHECK_INT(apr_file_gets(line, sizeof(line), f), APR_EOF);
    CHECK_STR(line, "");

    off = 6;
    CHECK_INT(apr_file_seek(f, APR_SET, &off), APR_SUCCESS);
    CHECK_INT(off, 6);
    n = 4;
    CHECK_INT(apr_file_read(f, data, &n), APR_SUCCESS);
    CHECK_INT(n, 4);
    CHECK(memcmp(data, "line", 4) == 0);
    off = -2;
    CHECK_INT(apr_file_seek(f, APR_CUR, &off), APR_SUCCESS);
    CHECK_INT(off, 8);
    off = -3;
    CHECK_INT(apr_file_seek(f, APR_END, &off), APR_SUCCESS);
    CHECK_INT(off, 16);
    n = sizeof(data);
    CHECK_INT(apr_file_read(f, data, &n), APR_SUCCESS);
    CHECK_INT(n, 3);
    n = sizeof(data);
    CHECK_INT(apr_file_read(f, data, &n), APR_EOF);
    CHECK_INT(n, 0);
    off = -1;
    CHECK_INT(apr_file_seek(f, APR_SET, &off), APR_EINVAL);
    off = 0;
    CHECK_INT(apr_file_seek(f, 99, &off), APR_EINVAL);
    /* Not closed here: destroying the pool closes it. */

    CHECK_INT(apr_stat(&info, path, APR_FINFO_NORM, p), APR_SUCCESS);
    CHECK_INT(info.size, 19);
    CHECK(info.mtime > apr_time_from_sec(1600000000));
    CHECK_STR(info.fname, path);
    CHECK_INT(apr_file_rename(path, moved, p), APR_SUCCESS);
    CHECK_INT(apr_stat(&info, path, APR_FINFO_SIZE, p), APR_ENOENT);
    CHECK_INT(apr_file_remove(moved, p), APR_SUCCESS);
    CHECK_INT(apr_file_remove(moved, p), APR_ENOENT);
}

static void test_flags_and_errors(apr_pool_t *p) {
    char path[256];
    apr_file_t *f = NULL;
    apr_size_t n = 3;
    char data[8];

    make_path(path, sizeof(path), "c");
    CHECK_INT(apr_file_open(&f, path, APR_FOPEN_READ, APR_OS_DEFAULT, p), APR_ENOENT);
    CHECK_INT(apr_file_open(&f, path, APR_FOPEN_CREATE | APR_FOPEN_WRITE | APR_FOPEN_EXCL, APR_OS_DEFAULT, p),
              APR_SUCCESS);
    apr_file_close(f);
    CHECK_INT(apr_file_open(&f, path, APR_FOPEN_CREATE | APR_FOPEN_WRITE | APR_FOPEN_EXCL, APR_OS_DEFAULT, p),
              APR_EEXIST);
    CHECK_INT(apr_file_open(&f, path, APR_FOPEN_APPEND, APR_OS_DEFAULT, p), APR_SUCCESS);
    CHECK_INT(apr_file_write(f, "abc", &n), APR_SUCCESS);
    apr_file_close(f);
    CHECK_INT(apr_file_open(&f, path, APR_FOPEN_APPEND | APR_FOPEN_DELONCLOSE, APR_OS_DEFAULT, p), APR_SUCCESS);
    n = 2;
    CHECK_INT(apr_file_write(f, "de", &n), APR_SUCCESS);
    apr_file_close(f);
    CHECK_INT(access(path, F_OK), -1);

    CHECK_INT(apr_file_open(NULL, path, APR_FOPEN_READ, APR_OS_DEFAULT, p), APR_EINVAL);
    CHECK_INT(apr_file_open(&f, NULL, APR_FOPEN_READ, APR_OS_DEFAULT, p), APR_EINVAL);
    CHECK_INT(apr_file_open(&f, path, APR_FOPEN_READ, APR_OS_DEFAULT, NULL), APR_EINVAL);
    CHECK_INT(apr_file_open(&f, path, APR_FOPEN_CREATE, APR_OS_DEFAULT, p), APR_EINVAL);
    CHECK_INT(apr_file_read(NULL, data, &n), APR_EINVAL);
    CHECK_INT(apr_file_write(NULL, data, &n), APR_EINVAL);
    CHECK_INT(apr_file_gets(NULL, 4, f), APR_EINVAL);
    CHECK_INT(apr_file_close(NULL), APR_EINVAL);
    CHECK_INT(apr_file_info_get(NULL, APR_FINFO_SIZE, f), APR_EINVAL);
    CHECK_INT(apr_stat(NULL, path, APR_FINFO_SIZE, p), APR_EINVAL);
    CHECK_INT(apr_file_remove(NULL, p), APR_EINVAL);
    CHECK_INT(apr_file_rename(NULL, path, p), APR_EINVAL);
}

static void test_directories(apr_pool_t *p) {
    char dir[256];
    char deep[300];
    apr_finfo_t info;
    make_path(dir, sizeof(dir), "d");
    snprintf(deep, sizeof(deep), "%s/x/y", dir);
    CHECK_INT(apr_dir_make_recursive(deep, APR_OS_DEFAULT, p), APR_SUCCESS);
    CHECK_INT(apr_dir_make_recursive(deep, APR_OS_DEFAULT, p), APR_SUCCESS);
    CHECK_INT(apr_stat(&info, deep, APR_FINFO_TYPE, p), APR_SUCCESS);
    CHECK_INT(info.filetype, APR_DIR);
    CHECK_INT(apr_dir_make(deep, APR_OS_DEFAULT, p), APR_EEXIST);
    CHECK_INT(apr_dir_make_recursive(NULL, APR_OS_DEFAULT, p), APR_EINVAL);
    rmdir(deep);
    snprintf(deep, sizeof(deep), "%s/x", dir);
    rmdir(deep);
    rmdir(dir);
}

int main(void) {
    apr_pool_t *p;
    apr_pool_create(&p, NULL);
    test_round_trip(p);
    test_flags_and_errors(p);
    test_directories(p);
    apr_pool_destroy(p);
    return TEST_DONE();
}
