/* aos_list_t: the inline operations and walking macros of the header on an intrusive list of
 * structs — add at either end, delete (also while walking with the _safe forms), move, first
 * and last, walking in both directions. */
#include "oss_api.h"
#include "aos_list.h"
#include "test_util.h"

typedef struct {
    int value;
    aos_list_t node;
} item_t;

/* The values of the list, front to back, as "1,2,3,". */
static const char *render(aos_list_t *head, char *buf, size_t size) {
    item_t *it;
    buf[0] = '\0';
    aos_list_for_each_entry(item_t, it, head, node) {
        size_t used = strlen(buf);
        snprintf(buf + used, size - used, "%d,", it->value);
    }
    return buf;
}

static const char *render_reverse(aos_list_t *head, char *buf, size_t size) {
    item_t *it;
    buf[0] = '\0';
    aos_list_for_each_entry_reverse(item_t, it, head, node) {
        size_t used = strlen(buf);
        snprintf(buf + used, size - used, "%d,", it->value);
    }
    return buf;
}

int main(void) {
    aos_list_t head = aos_list_head_init(head);
    aos_list_t other;
    item_t items[5];
    item_t *it;
    item_t *next;
    char buf[64];
    int i;

    CHECK(aos_list_empty(&head));
    CHECK(aos_list_get_first(&head, item_t, node) == NULL);
    CHECK(aos_list_get_last(&head, item_t, node) == NULL);
    CHECK_STR(render(&head, buf, sizeof(buf)), "");

    for (i = 0; i < 5; i++) {
        items[i].value = i;
        aos_list_init(&items[i].node);
    }
    aos_list_add_tail(&items[1].node, &head);
    aos_list_add_tail(&items[2].node, &head);
    aos_list_add(&items[0].node, &head);
    aos_list_add_tail(&items[3].node, &head);
    CHECK(!aos_list_empty(&head));
    CHECK_STR(render(&head, buf, sizeof(buf)), "0,1,2,3,");
    CHECK_STR(render_reverse(&head, buf, sizeof(buf)), "3,2,1,0,");
    CHECK(aos_list_get_first(&head, item_t, node) == &items[0]);
    CHECK(aos_list_get_last(&head, item_t, node) == &items[3]);
    CHECK(aos_list_entry(&items[2].node, item_t, node) == &items[2]);

    /* Delete in the middle: the node becomes an empty list of its own. */
    aos_list_del(&items[1].node);
    CHECK(aos_list_empty(&items[1].node));
    CHECK_STR(render(&head, buf, sizeof(buf)), "0,2,3,");

    /* Deleting every even value while walking, with the _safe form. */
    aos_list_add_tail(&items[4].node, &head);
    aos_list_for_each_entry_safe(item_t, it, next, &head, node) {
        if (it->value % 2 == 0) {
            aos_list_del(&it->node);
        }
    }
    CHECK_STR(render(&head, buf, sizeof(buf)), "3,");
    aos_list_add_tail(&items[0].node, &head);
    aos_list_for_each_entry_safe_reverse(item_t, it, next, &head, node) {
        if (it->value == 3) {
            aos_list_del(&it->node);
        }
    }
    CHECK_STR(render(&head, buf, sizeof(buf)), "0,");

    /* Moving the whole list to another head. */
    aos_list_add_tail(&items[2].node, &head);
    aos_list_movelist(&head, &other);
    CHECK(aos_list_empty(&head));
    CHECK_STR(render(&other, buf, sizeof(buf)), "0,2,");
    CHECK(aos_list_get_last(&other, item_t, node) == &items[2]);
    aos_list_movelist(&head, &other);
    CHECK(aos_list_empty(&other));

    return TEST_DONE();
}
