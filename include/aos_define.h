/*
 * aos_define.h -- compatibility header of liboss_c_sdk (hand-written).
 *
 * The official OSS C SDK declares here
 *   the error codes (aos_error_code_e), pool and table macros and limits.
 * liboss_c_sdk declares its whole C API in
 * oss_api.h (generated from the Rust sources), so this header only includes it: programs that
 * include aos_define.h keep compiling unchanged.
 */
#ifndef LIBAOS_DEFINE_H
#define LIBAOS_DEFINE_H

#include "oss_api.h"

#endif /* LIBAOS_DEFINE_H */
