/*
 * aos_log.h -- compatibility header of liboss_c_sdk (hand-written).
 *
 * The official OSS C SDK declares here
 *   the log levels (aos_log_level_e), aos_log_set_level, aos_log_set_print and the aos_*_log macros.
 * liboss_c_sdk declares its whole C API in
 * oss_api.h (generated from the Rust sources), so this header only includes it: programs that
 * include aos_log.h keep compiling unchanged.
 */
#ifndef LIBAOS_LOG_H
#define LIBAOS_LOG_H

#include "oss_api.h"

#endif /* LIBAOS_LOG_H */
