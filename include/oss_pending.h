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

aos_status_t *oss_select_object_to_buffer(const oss_request_options_t *options, const aos_string_t *bucket,
    const aos_string_t *object, const aos_string_t *expression, oss_select_object_params_t *select_params,
    aos_list_t *buffer, aos_table_t **resp_headers);
aos_status_t *oss_do_select_object_to_buffer(const oss_request_options_t *options, const aos_string_t *bucket,
    const aos_string_t *object, const aos_string_t *expression, oss_select_object_params_t *select_params,
    aos_table_t *headers, aos_table_t *params, aos_list_t *buffer, oss_progress_callback progress_callback,
    aos_table_t **resp_headers);
aos_status_t *oss_select_object_to_file(const oss_request_options_t *options, const aos_string_t *bucket,
    const aos_string_t *object, const aos_string_t *expression, oss_select_object_params_t *select_params,
    aos_string_t *filename, aos_table_t **resp_headers);
aos_status_t *oss_do_select_object_to_file(const oss_request_options_t *options, const aos_string_t *bucket,
    const aos_string_t *object, const aos_string_t *expression, oss_select_object_params_t *select_params,
    aos_table_t *headers, aos_table_t *params, aos_string_t *filename,
    oss_progress_callback progress_callback, aos_table_t **resp_headers);
aos_status_t *oss_create_select_object_meta(const oss_request_options_t *options, const aos_string_t *bucket,
    const aos_string_t *object, oss_select_object_meta_params_t *meta_params, aos_table_t **resp_headers);

#ifdef __cplusplus
}
#endif

#endif /* OSS_C_SDK_OSS_PENDING_H */
