/*
 * aos_string.h -- compatibility header of liboss_c_sdk (hand-written).
 *
 * The official OSS C SDK declares here
 *   aos_string_t, its macros (aos_string, aos_str_set ...) and aos_pstrdup.
 * liboss_c_sdk declares its whole C API in
 * oss_api.h (generated from the Rust sources), so this header only includes it: programs that
 * include aos_string.h keep compiling unchanged.
 */
#ifndef LIBAOS_STRING_H
#define LIBAOS_STRING_H

#include "oss_api.h"

#endif /* LIBAOS_STRING_H */
