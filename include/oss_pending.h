/*
 * oss_pending.h -- liboss_c_sdk (hand-written).
 *
 * DECLARED FOR SOURCE COMPATIBILITY ONLY. These are the request functions of the official
 * oss_api.h (bucket, object, multipart, append, select, live-channel, signed-URL and resumable
 * upload requests) that this library does not implement yet: a program calling them compiles,
 * but does not link, against liboss_c_sdk. Each is implemented by the object / multipart /
 * bucket work, which moves it into the generated oss_api.h (from src/ffi) and deletes its line
 * here. Nothing here is exported by the library.
 *
 * Included at the end of oss_api.h; include oss_api.h rather than this file.
 */
#ifndef OSS_C_SDK_OSS_PENDING_H
#define OSS_C_SDK_OSS_PENDING_H

#include "oss_api.h"

#ifdef __cplusplus
extern "C" {
#endif

#ifdef __cplusplus
}
#endif

#endif /* OSS_C_SDK_OSS_PENDING_H */
