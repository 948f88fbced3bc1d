/* aos_buf_t and aos_file_buf_t: creating, appending (in place and by growing), packing caller
 * memory, list length and content, and the file-buffer openers; NULL arguments. */
#include <unistd.h>
#include "oss_api.h"
#include "aos_buf.h"
#include "test_util.h"

static void test_buffers(aos_pool_t *p) {
    aos_list_t body;
    aos_buf_t *b;
    aos_buf_t *packed;
    char *content;
    static const char text[] = "0123456789";

    b = aos_create_buf(p, 8);
    CHECK(b != NULL);
    CHECK_INT(aos_buf_size(b), 0);
    CHECK_INT(b->end - b->start, 8);
    CHECK(aos_list_empty(&b->node));
    aos_buf_append_string(p, b, "abc", 3);
    CHECK_INT(aos_buf_size(b), 3);
    CHECK(b->pos == b->start);
    /* Too long for the room left: the data moves to a block twice the needed size. */
    aos_buf_append_string(p, b, "defghij", 7);
    CHECK_INT(aos_buf_size(b), 10);
    CHECK_INT(b->end - b->start, 20);
    CHECK(memcmp(b->pos, "abcdefghij", 10) == 0);
    aos_buf_append_string(p, b, "zzz", 0);
    aos_buf_append_string(p, b, NULL, 3);
    CHECK_INT(aos_buf_size(b), 10);

    packed = aos_buf_pack(p, text, 10);
    CHECK(packed != NULL);
    CHECK(packed->pos == (uint8_t *)text);
    CHECK_INT(aos_buf_size(packed), 10);

    aos_list_init(&body);
    CHECK_INT(aos_buf_list_len(&body), 0);
    CHECK_STR(aos_buf_list_content(p, &body), "");
    aos_list_add_tail(&b->node, &body);
    aos_list_add_tail(&packed->node, &body);
    CHECK_INT(aos_buf_list_len(&body), 20);
    content = aos_buf_list_content(p, &body);
    CHECK_STR(content, "abcdefghij0123456789");

    CHECK(aos_create_buf(NULL, 8) == NULL);
    CHECK(aos_create_buf(p, -1) == NULL);
    CHECK(aos_buf_pack(NULL, text, 1) == NULL);
    CHECK(aos_buf_pack(p, NULL, 4) == NULL);
    CHECK(aos_buf_pack(p, NULL, 0) != NULL);
    CHECK_INT(aos_buf_list_len(NULL), 0);
    CHECK(aos_buf_list_content(NULL, &body) == NULL);
    CHECK(aos_buf_list_content(p, NULL) == NULL);
    aos_buf_append_string(NULL, b, "x", 1);
    CHECK_INT(aos_buf_size(b), 10);
}

static void test_file_buffers(aos_pool_t *p) {
    char path[] = "/tmp/oss_c_sdk_test_buf_XXXXXX";
    aos_file_buf_t *fb;
    apr_size_t n = 10;
    char data[16];
    int fd = mkstemp(path);
    CHECK(fd >= 0);
    close(fd);

    fb = aos_create_file_buf(p);
    CHECK(fb != NULL);
    CHECK(fb->file == NULL);
    CHECK_INT(aos_open_file_for_write(p, path, fb), AOSE_OK);
    CHECK_INT(fb->owner, 1);
    CHECK_INT(apr_file_write(fb->file, "0123456789", &n), APR_SUCCESS);
    apr_file_close(fb->file);

    fb = aos_create_file_buf(p);
    CHECK_INT(aos_open_file_for_read(p, path, fb), AOSE_OK);
    CHECK_INT(fb->file_pos, 0);
    CHECK_INT(fb->file_last, 10);

    fb = aos_create_file_buf(p);
    CHECK_INT(aos_open_file_for_range_read(p, path, 3, 7, fb), AOSE_OK);
    CHECK_INT(fb->file_pos, 3);
    CHECK_INT(fb->file_last, 7);
    n = 2;
    CHECK_INT(apr_file_read(fb->file, data, &n), APR_SUCCESS);
    CHECK(memcmp(data, "34", 2) == 0);

    /* Ranges beyond the file are clamped to it. */
    fb = aos_create_file_buf(p);
    CHECK_INT(aos_open_file_for_range_read(p, path, 20, 30, fb), AOSE_OK);
    CHECK_INT(fb->file_pos, 10);
    CHECK_INT(fb->file_last, 10);

    fb = aos_create_file_buf(p);
    CHECK_INT(aos_open_file_for_write_notrunc(p, path, fb), AOSE_OK);
    apr_file_close(fb->file);
    fb = aos_create_file_buf(p);
    CHECK_INT(aos_open_file_for_all_read(p, path, fb), AOSE_OK);
    CHECK_INT(fb->file_last, 10);

    CHECK_INT(aos_open_file_for_read(p, "/nonexistent/dir/file", fb), AOSE_OPEN_FILE_ERROR);
    CHECK_INT(aos_open_file_for_read(p, NULL, fb), AOSE_INVALID_ARGUMENT);
    CHECK_INT(aos_open_file_for_write(p, path, NULL), AOSE_INVALID_ARGUMENT);
    CHECK(aos_create_file_buf(NULL) == NULL);
    unlink(path);
}

int main(void) {
    aos_pool_t *p;
    aos_pool_create(&p, NULL);
    test_buffers(p);
    test_file_buffers(p);
    aos_pool_destroy(p);
    return TEST_DONE();
}
