/*
 * oss_resumable.h -- compatibility header of liboss_c_sdk (hand-written).
 *
 * The official OSS C SDK declares here
 *   the checkpoint types and the internals of resumable upload and download.
 * liboss_c_sdk declares its whole C API in oss_api.h (generated from the Rust sources), so
 * this header includes it: programs that include oss_resumable.h keep compiling unchanged.
 *
 * The checkpoint structs (oss_checkpoint_t, oss_checkpoint_part_t) and
 * oss_create_checkpoint_content are declared in oss_api.h for source compatibility; the
 * official checkpoint and thread-pool internals are not (this library's checkpoint is its own
 * journal format).
 */
#ifndef LIBOSS_RESUMABLE_H
#define LIBOSS_RESUMABLE_H

#include "oss_api.h"

/* oss_checkpoint_t.cp_type */
#define OSS_CP_UPLOAD 1
#define OSS_CP_DOWNLOAD 2

#endif /* LIBOSS_RESUMABLE_H */
