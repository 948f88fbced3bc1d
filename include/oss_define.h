/*
 * oss_define.h -- compatibility header of liboss_c_sdk (hand-written).
 *
 * The official OSS C SDK declares here
 *   oss_config_t, oss_request_options_t and the request parameter structs.
 * liboss_c_sdk declares its whole C API in
 * oss_api.h (generated from the Rust sources), so this header only includes it: programs that
 * include oss_define.h keep compiling unchanged.
 */
#ifndef LIBOSS_DEFINE_H
#define LIBOSS_DEFINE_H

#include "oss_api.h"

#endif /* LIBOSS_DEFINE_H */
