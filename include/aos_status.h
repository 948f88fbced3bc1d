/*
 * aos_status.h -- compatibility header of liboss_c_sdk (hand-written).
 *
 * The official OSS C SDK declares here
 *   aos_status_t, aos_status_is_ok, aos_status_create and aos_status_dup.
 * liboss_c_sdk declares its whole C API in
 * oss_api.h (generated from the Rust sources), so this header only includes it: programs that
 * include aos_status.h keep compiling unchanged.
 */
#ifndef LIBAOS_STATUS_H
#define LIBAOS_STATUS_H

#include "oss_api.h"

#endif /* LIBAOS_STATUS_H */
