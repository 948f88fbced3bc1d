/*
 * aos_buf.h -- compatibility header of liboss_c_sdk (hand-written).
 *
 * The official OSS C SDK declares here
 *   aos_buf_t, aos_file_buf_t and the buffer functions (aos_create_buf, aos_buf_pack ...).
 * liboss_c_sdk declares its whole C API in oss_api.h (generated from the Rust sources), so
 * this header includes it: programs that include aos_buf.h keep compiling unchanged.
 */
#ifndef LIBAOS_BUF_H
#define LIBAOS_BUF_H

#include "oss_api.h"

#endif /* LIBAOS_BUF_H */
