/*
 * aos_http_io.h -- compatibility header of liboss_c_sdk (hand-written).
 *
 * The official OSS C SDK declares here
 *   aos_http_io_initialize/deinitialize, aos_http_controller_create and the request options.
 * liboss_c_sdk declares its whole C API in
 * oss_api.h (generated from the Rust sources), so this header only includes it: programs that
 * include aos_http_io.h keep compiling unchanged.
 */
#ifndef LIBAOS_HTTP_IO_H
#define LIBAOS_HTTP_IO_H

#include "oss_api.h"

#endif /* LIBAOS_HTTP_IO_H */
