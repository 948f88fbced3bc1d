/* Mirror structs of the official SDK's (release 3.11.2) basic types, and the size/offset
 * comparison macros, shared by the layout tests. */
#ifndef OSS_C_SDK_LAYOUT_OFFICIAL_H
#define OSS_C_SDK_LAYOUT_OFFICIAL_H

#include <stddef.h>
#include "test_util.h"

typedef struct {
    int len;
    char *data;
} official_aos_string_t;

typedef struct official_aos_list_s {
    struct official_aos_list_s *next, *prev;
} official_aos_list_t;

#define SAME_SIZE(ours, theirs) CHECK_INT(sizeof(ours), sizeof(theirs))
#define SAME_FIELD(ours, theirs, field) do { \
        CHECK_INT(offsetof(ours, field), offsetof(theirs, field)); \
        CHECK_INT(sizeof(((ours *)0)->field), sizeof(((theirs *)0)->field)); \
    } while (0)

#endif
