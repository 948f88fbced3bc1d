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

aos_status_t *oss_create_bucket(const oss_request_options_t *options, const aos_string_t *bucket,
    oss_acl_e oss_acl, aos_table_t **resp_headers);
aos_status_t *oss_create_bucket_with_storage_class(const oss_request_options_t *options,
    const aos_string_t *bucket, oss_acl_e oss_acl, oss_storage_class_type_e storage_class,
    aos_table_t **resp_headers);
aos_status_t *oss_delete_bucket(const oss_request_options_t *options, const aos_string_t *bucket,
    aos_table_t **resp_headers);
aos_status_t *oss_put_bucket_acl(const oss_request_options_t *options, const aos_string_t *bucket,
    oss_acl_e oss_acl, aos_table_t **resp_headers);
aos_status_t *oss_get_bucket_acl(const oss_request_options_t *options, const aos_string_t *bucket,
    aos_string_t *oss_acl, aos_table_t **resp_headers);
aos_status_t *oss_head_bucket(const oss_request_options_t *options, const aos_string_t *bucket,
    aos_table_t **resp_headers);
aos_status_t *oss_get_bucket_location(const oss_request_options_t *options, const aos_string_t *bucket,
    aos_string_t *oss_location, aos_table_t **resp_headers);
aos_status_t *oss_get_bucket_info(const oss_request_options_t *options, const aos_string_t *bucket,
    oss_bucket_info_t *bucket_info, aos_table_t **resp_headers);
aos_status_t *oss_get_bucket_stat(const oss_request_options_t *options, const aos_string_t *bucket,
    oss_bucket_stat_t *bucket_stat, aos_table_t **resp_headers);
aos_status_t *oss_get_bucket_cors(const oss_request_options_t *options, const aos_string_t *bucket,
    aos_list_t *rule_list, aos_table_t **resp_headers);
aos_status_t *oss_delete_bucket_cors(const oss_request_options_t *options, const aos_string_t *bucket,
    aos_table_t **resp_headers);
aos_status_t *oss_get_bucket_referer(const oss_request_options_t *options, const aos_string_t *bucket,
    oss_referer_config_t *referer_config, aos_table_t **resp_headers);
aos_status_t *oss_put_bucket_storage_capacity(const oss_request_options_t *options,
    const aos_string_t *bucket, long storage_capacity, aos_table_t **resp_headers);
aos_status_t *oss_get_bucket_storage_capacity(const oss_request_options_t *options,
    const aos_string_t *bucket, long *storage_capacity, aos_table_t **resp_headers);
aos_status_t *oss_put_bucket_lifecycle(const oss_request_options_t *options, const aos_string_t *bucket,
    aos_list_t *lifecycle_rule_list, aos_table_t **resp_headers);
aos_status_t *oss_put_bucket_referer(const oss_request_options_t *options, const aos_string_t *bucket,
    oss_referer_config_t *referer_config, aos_table_t **resp_headers);
aos_status_t *oss_put_bucket_cors(const oss_request_options_t *options, const aos_string_t *bucket,
    aos_list_t *rule_list, aos_table_t **resp_headers);
aos_status_t *oss_put_bucket_website(const oss_request_options_t *options, const aos_string_t *bucket,
    oss_website_config_t *website_config, aos_table_t **resp_headers);
aos_status_t *oss_get_bucket_website(const oss_request_options_t *options, const aos_string_t *bucket,
    oss_website_config_t *website_config, aos_table_t **resp_headers);
aos_status_t *oss_delete_bucket_website(const oss_request_options_t *options, const aos_string_t *bucket,
    aos_table_t **resp_headers);
aos_status_t *oss_put_bucket_logging(const oss_request_options_t *options, const aos_string_t *bucket,
    oss_logging_config_content_t *content, aos_table_t **resp_headers);
aos_status_t *oss_get_bucket_logging(const oss_request_options_t *options, const aos_string_t *bucket,
    oss_logging_config_content_t *logging_content, aos_table_t **resp_headers);
aos_status_t *oss_delete_bucket_logging(const oss_request_options_t *options, const aos_string_t *bucket,
    aos_table_t **resp_headers);
aos_status_t *oss_get_bucket_lifecycle(const oss_request_options_t *options, const aos_string_t *bucket,
    aos_list_t *lifecycle_rule_list, aos_table_t **resp_headers);
aos_status_t *oss_delete_bucket_lifecycle(const oss_request_options_t *options, const aos_string_t *bucket,
    aos_table_t **resp_headers);
aos_status_t *oss_list_bucket(const oss_request_options_t *options, oss_list_buckets_params_t *params,
    aos_table_t **resp_headers);
char *oss_gen_signed_url(const oss_request_options_t *options, const aos_string_t *bucket,
    const aos_string_t *object, int64_t expires, aos_http_request_t *req);
aos_status_t *oss_put_object_from_buffer_by_url(const oss_request_options_t *options,
    const aos_string_t *signed_url, aos_list_t *buffer, aos_table_t *headers, aos_table_t **resp_headers);
aos_status_t *oss_put_object_from_file_by_url(const oss_request_options_t *options,
    const aos_string_t *signed_url, aos_string_t *filename, aos_table_t *headers, aos_table_t **resp_headers);
aos_status_t *oss_get_object_to_buffer_by_url(const oss_request_options_t *options,
    const aos_string_t *signed_url, aos_table_t *headers, aos_table_t *params, aos_list_t *buffer,
    aos_table_t **resp_headers);
aos_status_t *oss_get_object_to_file_by_url(const oss_request_options_t *options,
    const aos_string_t *signed_url, aos_table_t *headers, aos_table_t *params, aos_string_t *filename,
    aos_table_t **resp_headers);
aos_status_t *oss_head_object_by_url(const oss_request_options_t *options, const aos_string_t *signed_url,
    aos_table_t *headers, aos_table_t **resp_headers);
aos_status_t *oss_get_object_meta_by_url(const oss_request_options_t *options, const aos_string_t *signed_url,
    aos_table_t **resp_headers);
aos_status_t *oss_create_live_channel(const oss_request_options_t *options, const aos_string_t *bucket,
    oss_live_channel_configuration_t *config, aos_list_t *publish_url_list, aos_list_t *play_url_list,
    aos_table_t **resp_headers);
aos_status_t *oss_put_live_channel_status(const oss_request_options_t *options, const aos_string_t *bucket,
    const aos_string_t *live_channel, const aos_string_t *live_channel_status, aos_table_t **resp_headers);
aos_status_t *oss_get_live_channel_info(const oss_request_options_t *options, const aos_string_t *bucket,
    const aos_string_t *live_channel, oss_live_channel_configuration_t *info, aos_table_t **resp_headers);
aos_status_t *oss_get_live_channel_stat(const oss_request_options_t *options, const aos_string_t *bucket,
    const aos_string_t *live_channel, oss_live_channel_stat_t *stat, aos_table_t **resp_headers);
aos_status_t *oss_delete_live_channel(const oss_request_options_t *options, const aos_string_t *bucket,
    const aos_string_t *live_channel, aos_table_t **resp_headers);
aos_status_t *oss_list_live_channel(const oss_request_options_t *options, const aos_string_t *bucket,
    oss_list_live_channel_params_t *params, aos_table_t **resp_headers);
aos_status_t *oss_get_live_channel_history(const oss_request_options_t *options, const aos_string_t *bucket,
    const aos_string_t *live_channel, aos_list_t *live_record_list, aos_table_t **resp_headers);
aos_status_t *oss_gen_vod_play_list(const oss_request_options_t *options, const aos_string_t *bucket,
    const aos_string_t *live_channel, const aos_string_t *play_list_name, const int64_t start_time,
    const int64_t end_time, aos_table_t **resp_headers);
char *oss_gen_rtmp_signed_url(const oss_request_options_t *options, const aos_string_t *bucket,
    const aos_string_t *live_channel, const aos_string_t *play_list_name, const int64_t expires);
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
