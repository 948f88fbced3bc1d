/*
 * oss_auth.h -- compatibility header of liboss_c_sdk (hand-written).
 *
 * The official OSS C SDK declares here
 *   the request-signing helpers (signing happens inside the library).
 * liboss_c_sdk declares its whole C API in
 * oss_api.h (generated from the Rust sources), so this header only includes it: programs that
 * include oss_auth.h keep compiling unchanged.
 */
#ifndef LIBOSS_AUTH_H
#define LIBOSS_AUTH_H

#include "oss_api.h"

#endif /* LIBOSS_AUTH_H */
