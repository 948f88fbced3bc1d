/*
 * aos_util.h -- compatibility header of liboss_c_sdk (hand-written).
 *
 * The official OSS C SDK declares here
 *   string, time and encoding utilities (the pool and string helpers are available).
 * liboss_c_sdk declares its whole C API in
 * oss_api.h (generated from the Rust sources), so this header only includes it: programs that
 * include aos_util.h keep compiling unchanged.
 */
#ifndef LIBAOS_UTIL_H
#define LIBAOS_UTIL_H

#include "oss_api.h"

#endif /* LIBAOS_UTIL_H */
