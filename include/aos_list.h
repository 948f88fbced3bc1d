/*
 * aos_list.h -- compatibility header of liboss_c_sdk (hand-written).
 *
 * The official OSS C SDK declares here
 *   aos_list_t and its inline operations and walking macros.
 * liboss_c_sdk declares its whole C API in oss_api.h (generated from the Rust sources), so
 * this header includes it: programs that include aos_list.h keep compiling unchanged.
 */
#ifndef LIBAOS_LIST_H
#define LIBAOS_LIST_H

#include "oss_api.h"

#endif /* LIBAOS_LIST_H */
