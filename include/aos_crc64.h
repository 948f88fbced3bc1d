/*
 * aos_crc64.h -- compatibility header of liboss_c_sdk (hand-written).
 *
 * The official OSS C SDK declares here
 *   aos_crc64, aos_crc64_combine and aos_crc32.
 * liboss_c_sdk declares its whole C API in oss_api.h (generated from the Rust sources), so
 * this header includes it: programs that include aos_crc64.h keep compiling unchanged.
 */
#ifndef LIBAOS_CRC_H
#define LIBAOS_CRC_H

#include "oss_api.h"

#endif /* LIBAOS_CRC_H */
