/*
 * aos_fstack.h -- compatibility header of liboss_c_sdk (hand-written).
 *
 * The official OSS C SDK declares here
 *   the function-stack types of the official transport.
 * liboss_c_sdk declares its whole C API in oss_api.h (generated from the Rust sources), so
 * this header includes it: programs that include aos_fstack.h keep compiling unchanged.
 *
 * The types are declared here for source compatibility; the official SDK's internal function
 * stack (aos_fstack_create/push/pop) is not provided.
 */
#ifndef LIBAOS_FSTACK_H
#define LIBAOS_FSTACK_H

#include "oss_api.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef void (*aos_func1_pt)(void *);
typedef void (*aos_func2_pt)(void);
typedef int (*aos_func3_pt)(void *);
typedef int (*aos_func4_pt)(void);

/** A function of one of the four shapes above. */
typedef union aos_func_u {
    aos_func1_pt func1;
    aos_func2_pt func2;
    aos_func3_pt func3;
    aos_func4_pt func4;
} aos_func_u;

/** One pushed function with its argument and order. */
typedef struct aos_fstack_item_t {
    void *data;
    aos_func_u func;
    int order;
} aos_fstack_item_t;

#ifdef __cplusplus
}
#endif

#endif /* LIBAOS_FSTACK_H */
