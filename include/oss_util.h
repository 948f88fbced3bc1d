/*
 * oss_util.h -- compatibility header of liboss_c_sdk (hand-written).
 *
 * The official OSS C SDK declares here
 *   oss_request_options_create, oss_config_create and oss_config_resolve.
 * liboss_c_sdk declares its whole C API in
 * oss_api.h (generated from the Rust sources), so this header only includes it: programs that
 * include oss_util.h keep compiling unchanged.
 */
#ifndef LIBOSS_UTIL_H
#define LIBOSS_UTIL_H

#include "oss_api.h"

#endif /* LIBOSS_UTIL_H */
