/* Struct sizes and field offsets of the oss_* parameter, content and rule types, the buffer,
 * list, transport and checkpoint types against the official SDK's layouts (release 3.11.2),
 * written out here as mirror structs (generated once from the official header declarations);
 * and the values of the new enums and exported constants. See test_layout.c for the rest. */
#include <stddef.h>
#include "oss_api.h"
#include "oss_resumable.h"
#include "test_util.h"

typedef struct {
    int len;
    char *data;
} official_aos_string_t;

typedef struct official_aos_list_s {
    struct official_aos_list_s *next, *prev;
} official_aos_list_t;

typedef struct {
    int acl;
    int storage_class;
} official_oss_create_bucket_params_t;

typedef struct {
    official_aos_list_t node;
    official_aos_string_t key;
    official_aos_string_t last_modified;
    official_aos_string_t etag;
    official_aos_string_t size;
    official_aos_string_t owner_id;
    official_aos_string_t owner_display_name;
    official_aos_string_t storage_class;
    official_aos_string_t type;
} official_oss_list_object_content_t;

typedef struct {
    official_aos_list_t node;
    official_aos_string_t create_date;
    official_aos_string_t extranet_endpoint;
    official_aos_string_t intranet_endpoint;
    official_aos_string_t location;
    official_aos_string_t name;
    official_aos_string_t storage_class;
} official_oss_list_bucket_content_t;

typedef struct {
    official_aos_list_t node;
    official_aos_string_t prefix;
} official_oss_list_object_common_prefix_t;

typedef struct {
    official_aos_list_t node;
    official_aos_string_t key;
    official_aos_string_t upload_id;
    official_aos_string_t initiated;
} official_oss_list_multipart_upload_content_t;

typedef struct {
    official_aos_list_t node;
    official_aos_string_t part_number;
    official_aos_string_t size;
    official_aos_string_t etag;
    official_aos_string_t last_modified;
} official_oss_list_part_content_t;

typedef struct {
    official_aos_list_t node;
    official_aos_string_t part_number;
    official_aos_string_t etag;
} official_oss_complete_part_content_t;

typedef struct {
    int part_num;
    void *etag;
} official_oss_upload_part_t;

typedef struct {
    official_aos_string_t prefix;
    official_aos_string_t marker;
    official_aos_string_t delimiter;
    int max_ret;
    int truncated;
    official_aos_string_t next_marker;
    official_aos_list_t object_list;
    official_aos_list_t common_prefix_list;
} official_oss_list_object_params_t;

typedef struct {
    official_aos_string_t prefix;
    official_aos_string_t marker;
    int max_keys;
    int truncated;
    official_aos_string_t next_marker;
    official_aos_string_t owner_id;
    official_aos_string_t owner_name;
    official_aos_list_t bucket_list;
} official_oss_list_buckets_params_t;

typedef struct {
    official_aos_string_t part_number_marker;
    int max_ret;
    int truncated;
    official_aos_string_t next_part_number_marker;
    official_aos_list_t part_list;
} official_oss_list_upload_part_params_t;

typedef struct {
    official_aos_string_t prefix;
    official_aos_string_t key_marker;
    official_aos_string_t upload_id_marker;
    official_aos_string_t delimiter;
    int max_ret;
    int truncated;
    official_aos_string_t next_key_marker;
    official_aos_string_t next_upload_id_marker;
    official_aos_list_t upload_list;
} official_oss_list_multipart_upload_params_t;

typedef struct {
    official_aos_string_t source_bucket;
    official_aos_string_t source_object;
    official_aos_string_t dest_bucket;
    official_aos_string_t dest_object;
    official_aos_string_t upload_id;
    int part_num;
    int64_t range_start;
    int64_t range_end;
} official_oss_upload_part_copy_params_t;

typedef struct {
    official_aos_string_t filename;
    int64_t file_pos;
    int64_t file_last;
} official_oss_upload_file_t;

typedef struct {
    int days;
    official_aos_string_t created_before_date;
} official_oss_lifecycle_rule_date_t;

typedef struct {
    official_aos_list_t node;
    official_aos_string_t id;
    official_aos_string_t prefix;
    official_aos_string_t status;
    int days;
    official_aos_string_t date;
    official_aos_string_t created_before_date;
    official_oss_lifecycle_rule_date_t abort_multipart_upload_dt;
    official_aos_list_t tag_list;
} official_oss_lifecycle_rule_content_t;

typedef struct {
    official_aos_list_t node;
    official_aos_string_t rule;
} official_oss_sub_cors_rule_t;

typedef struct {
    official_aos_list_t node;
    official_aos_list_t allowed_origin_list;
    official_aos_list_t allowed_method_list;
    official_aos_list_t allowed_head_list;
    official_aos_list_t expose_head_list;
    int max_age_seconds;
} official_oss_cors_rule_t;

typedef struct {
    official_aos_list_t node;
    official_aos_string_t referer;
} official_oss_referer_t;

typedef struct {
    official_aos_list_t referer_list;
    int allow_empty_referer;
} official_oss_referer_config_t;

typedef struct {
    official_aos_string_t suffix_str;
    official_aos_string_t key_str;
} official_oss_website_config_t;

typedef struct {
    official_aos_list_t node;
    official_aos_string_t target_bucket;
    official_aos_string_t prefix;
    int logging_enabled;
} official_oss_logging_config_content_t;

typedef struct {
    official_aos_string_t created_date;
    official_aos_string_t extranet_endpoint;
    official_aos_string_t intranet_endpoint;
    official_aos_string_t location;
    official_aos_string_t owner_id;
    official_aos_string_t owner_name;
    official_aos_string_t acl;
    official_aos_string_t storage_class;
} official_oss_bucket_info_t;

typedef struct {
    uint64_t storage_in_bytes;
    uint64_t object_count;
    uint64_t multipart_upload_count;
} official_oss_bucket_stat_t;

typedef struct {
    official_aos_list_t node;
    official_aos_string_t key;
} official_oss_object_key_t;

typedef struct {
    void *suffix;
    void *type;
} official_oss_content_type_t;

typedef struct {
    official_aos_string_t type;
    int32_t frag_duration;
    int32_t frag_count;
    official_aos_string_t play_list_name;
} official_oss_live_channel_target_t;

typedef struct {
    official_aos_string_t name;
    official_aos_string_t description;
    official_aos_string_t status;
    official_oss_live_channel_target_t target;
} official_oss_live_channel_configuration_t;

typedef struct {
    official_aos_list_t node;
    official_aos_string_t publish_url;
} official_oss_live_channel_publish_url_t;

typedef struct {
    official_aos_list_t node;
    official_aos_string_t play_url;
} official_oss_live_channel_play_url_t;

typedef struct {
    int32_t width;
    int32_t height;
    int32_t frame_rate;
    int32_t band_width;
    official_aos_string_t codec;
} official_oss_video_stat_t;

typedef struct {
    int32_t band_width;
    int32_t sample_rate;
    official_aos_string_t codec;
} official_oss_audio_stat_t;

typedef struct {
    official_aos_string_t pushflow_status;
    official_aos_string_t connected_time;
    official_aos_string_t remote_addr;
    official_oss_video_stat_t video_stat;
    official_oss_audio_stat_t audio_stat;
} official_oss_live_channel_stat_t;

typedef struct {
    official_aos_list_t node;
    official_aos_string_t name;
    official_aos_string_t description;
    official_aos_string_t status;
    official_aos_string_t last_modified;
    official_aos_list_t publish_url_list;
    official_aos_list_t play_url_list;
} official_oss_live_channel_content_t;

typedef struct {
    official_aos_string_t prefix;
    official_aos_string_t marker;
    int max_keys;
    int truncated;
    official_aos_string_t next_marker;
    official_aos_list_t live_channel_list;
} official_oss_list_live_channel_params_t;

typedef struct {
    official_aos_list_t node;
    official_aos_string_t start_time;
    official_aos_string_t end_time;
    official_aos_string_t remote_addr;
} official_oss_live_record_content_t;

typedef struct {
    official_aos_string_t compression_type;
    official_aos_string_t file_header_info;
    official_aos_string_t record_delimiter;
    official_aos_string_t field_delimiter;
    official_aos_string_t quote_character;
    official_aos_string_t comment_character;
    official_aos_string_t range;
} official_oss_select_object_input_param_t;

typedef struct {
    official_aos_string_t record_delimiter;
    official_aos_string_t field_delimiter;
    int32_t keep_all_columns;
    int32_t output_rawdata;
    int32_t enable_payload_crc;
    int32_t output_header;
} official_oss_select_object_output_param_t;

typedef struct {
    int32_t skip_partial_data_record;
} official_oss_select_object_option_param_t;

typedef struct {
    official_oss_select_object_input_param_t input_param;
    official_oss_select_object_output_param_t output_param;
    official_oss_select_object_option_param_t option_param;
} official_oss_select_object_params_t;

typedef struct {
    official_aos_string_t compression_type;
    official_aos_string_t record_delimiter;
    official_aos_string_t field_delimiter;
    official_aos_string_t quote_character;
    int32_t over_write_if_existing;
    uint32_t splits_count;
    uint64_t rows_count;
    uint32_t columns_count;
} official_oss_select_object_meta_params_t;

typedef struct {
    official_aos_list_t node;
    official_aos_string_t key;
    official_aos_string_t value;
} official_oss_tag_content_t;

typedef struct {
    int32_t index;
    int64_t offset;
    int64_t size;
    int completed;
    official_aos_string_t etag;
    uint64_t crc64;
} official_oss_checkpoint_part_t;

typedef struct {
    official_aos_string_t md5;
    int cp_type;
    void *thefile;
    official_aos_string_t file_path;
    int64_t file_size;
    int64_t file_last_modified;
    official_aos_string_t file_md5;
    official_aos_string_t object_name;
    int64_t object_size;
    official_aos_string_t object_last_modified;
    official_aos_string_t object_etag;
    official_aos_string_t upload_id;
    int part_num;
    int64_t part_size;
    void *parts;
} official_oss_checkpoint_t;

typedef struct {
    official_aos_list_t node;
    void *pos;
    void *last;
    void *start;
    void *end;
} official_aos_buf_t;

typedef struct {
    official_aos_list_t node;
    int64_t file_pos;
    int64_t file_last;
    void *file;
    uint32_t owner : 1;
} official_aos_file_buf_t;

typedef struct {
    void *host;
    void *proto;
    void *signed_url;
    int method;
    void *uri;
    void *resource;
    void *headers;
    void *query_params;
    official_aos_list_t body;
    int64_t body_len;
    void *file_path;
    void *file_buf;
    void *pool;
    void *user_data;
    void (*read_body)(void);
    int type;
    void (*progress_callback)(void);
    uint64_t crc64;
    int64_t consumed_bytes;
    int normalize_url;
} official_aos_http_request_t;

typedef struct {
    int status;
    void *headers;
    official_aos_list_t body;
    int64_t body_len;
    void *file_path;
    void *file_buf;
    int64_t content_length;
    void *pool;
    void *user_data;
    void (*write_body)(void);
    int type;
    void (*progress_callback)(void);
    uint64_t crc64;
} official_aos_http_response_t;

#define SAME_SIZE(ours, theirs) CHECK_INT(sizeof(ours), sizeof(theirs))
#define SAME_FIELD(ours, theirs, field) do { \
        CHECK_INT(offsetof(ours, field), offsetof(theirs, field)); \
        CHECK_INT(sizeof(((ours *)0)->field), sizeof(((theirs *)0)->field)); \
    } while (0)

static void check_structs(void) {
    SAME_SIZE(aos_list_t, official_aos_list_t);
    SAME_FIELD(aos_list_t, official_aos_list_t, next);
    SAME_FIELD(aos_list_t, official_aos_list_t, prev);
    SAME_SIZE(oss_create_bucket_params_t, official_oss_create_bucket_params_t);
    SAME_FIELD(oss_create_bucket_params_t, official_oss_create_bucket_params_t, acl);
    SAME_FIELD(oss_create_bucket_params_t, official_oss_create_bucket_params_t, storage_class);
    SAME_SIZE(oss_list_object_content_t, official_oss_list_object_content_t);
    SAME_FIELD(oss_list_object_content_t, official_oss_list_object_content_t, node);
    SAME_FIELD(oss_list_object_content_t, official_oss_list_object_content_t, key);
    SAME_FIELD(oss_list_object_content_t, official_oss_list_object_content_t, last_modified);
    SAME_FIELD(oss_list_object_content_t, official_oss_list_object_content_t, etag);
    SAME_FIELD(oss_list_object_content_t, official_oss_list_object_content_t, size);
    SAME_FIELD(oss_list_object_content_t, official_oss_list_object_content_t, owner_id);
    SAME_FIELD(oss_list_object_content_t, official_oss_list_object_content_t, owner_display_name);
    SAME_FIELD(oss_list_object_content_t, official_oss_list_object_content_t, storage_class);
    SAME_FIELD(oss_list_object_content_t, official_oss_list_object_content_t, type);
    SAME_SIZE(oss_list_bucket_content_t, official_oss_list_bucket_content_t);
    SAME_FIELD(oss_list_bucket_content_t, official_oss_list_bucket_content_t, node);
    SAME_FIELD(oss_list_bucket_content_t, official_oss_list_bucket_content_t, create_date);
    SAME_FIELD(oss_list_bucket_content_t, official_oss_list_bucket_content_t, extranet_endpoint);
    SAME_FIELD(oss_list_bucket_content_t, official_oss_list_bucket_content_t, intranet_endpoint);
    SAME_FIELD(oss_list_bucket_content_t, official_oss_list_bucket_content_t, location);
    SAME_FIELD(oss_list_bucket_content_t, official_oss_list_bucket_content_t, name);
    SAME_FIELD(oss_list_bucket_content_t, official_oss_list_bucket_content_t, storage_class);
    SAME_SIZE(oss_list_object_common_prefix_t, official_oss_list_object_common_prefix_t);
    SAME_FIELD(oss_list_object_common_prefix_t, official_oss_list_object_common_prefix_t, node);
    SAME_FIELD(oss_list_object_common_prefix_t, official_oss_list_object_common_prefix_t, prefix);
    SAME_SIZE(oss_list_multipart_upload_content_t, official_oss_list_multipart_upload_content_t);
    SAME_FIELD(oss_list_multipart_upload_content_t, official_oss_list_multipart_upload_content_t, node);
    SAME_FIELD(oss_list_multipart_upload_content_t, official_oss_list_multipart_upload_content_t, key);
    SAME_FIELD(oss_list_multipart_upload_content_t, official_oss_list_multipart_upload_content_t, upload_id);
    SAME_FIELD(oss_list_multipart_upload_content_t, official_oss_list_multipart_upload_content_t, initiated);
    SAME_SIZE(oss_list_part_content_t, official_oss_list_part_content_t);
    SAME_FIELD(oss_list_part_content_t, official_oss_list_part_content_t, node);
    SAME_FIELD(oss_list_part_content_t, official_oss_list_part_content_t, part_number);
    SAME_FIELD(oss_list_part_content_t, official_oss_list_part_content_t, size);
    SAME_FIELD(oss_list_part_content_t, official_oss_list_part_content_t, etag);
    SAME_FIELD(oss_list_part_content_t, official_oss_list_part_content_t, last_modified);
    SAME_SIZE(oss_complete_part_content_t, official_oss_complete_part_content_t);
    SAME_FIELD(oss_complete_part_content_t, official_oss_complete_part_content_t, node);
    SAME_FIELD(oss_complete_part_content_t, official_oss_complete_part_content_t, part_number);
    SAME_FIELD(oss_complete_part_content_t, official_oss_complete_part_content_t, etag);
    SAME_SIZE(oss_upload_part_t, official_oss_upload_part_t);
    SAME_FIELD(oss_upload_part_t, official_oss_upload_part_t, part_num);
    SAME_FIELD(oss_upload_part_t, official_oss_upload_part_t, etag);
    SAME_SIZE(oss_list_object_params_t, official_oss_list_object_params_t);
    SAME_FIELD(oss_list_object_params_t, official_oss_list_object_params_t, prefix);
    SAME_FIELD(oss_list_object_params_t, official_oss_list_object_params_t, marker);
    SAME_FIELD(oss_list_object_params_t, official_oss_list_object_params_t, delimiter);
    SAME_FIELD(oss_list_object_params_t, official_oss_list_object_params_t, max_ret);
    SAME_FIELD(oss_list_object_params_t, official_oss_list_object_params_t, truncated);
    SAME_FIELD(oss_list_object_params_t, official_oss_list_object_params_t, next_marker);
    SAME_FIELD(oss_list_object_params_t, official_oss_list_object_params_t, object_list);
    SAME_FIELD(oss_list_object_params_t, official_oss_list_object_params_t, common_prefix_list);
    SAME_SIZE(oss_list_buckets_params_t, official_oss_list_buckets_params_t);
    SAME_FIELD(oss_list_buckets_params_t, official_oss_list_buckets_params_t, prefix);
    SAME_FIELD(oss_list_buckets_params_t, official_oss_list_buckets_params_t, marker);
    SAME_FIELD(oss_list_buckets_params_t, official_oss_list_buckets_params_t, max_keys);
    SAME_FIELD(oss_list_buckets_params_t, official_oss_list_buckets_params_t, truncated);
    SAME_FIELD(oss_list_buckets_params_t, official_oss_list_buckets_params_t, next_marker);
    SAME_FIELD(oss_list_buckets_params_t, official_oss_list_buckets_params_t, owner_id);
    SAME_FIELD(oss_list_buckets_params_t, official_oss_list_buckets_params_t, owner_name);
    SAME_FIELD(oss_list_buckets_params_t, official_oss_list_buckets_params_t, bucket_list);
    SAME_SIZE(oss_list_upload_part_params_t, official_oss_list_upload_part_params_t);
    SAME_FIELD(oss_list_upload_part_params_t, official_oss_list_upload_part_params_t, part_number_marker);
    SAME_FIELD(oss_list_upload_part_params_t, official_oss_list_upload_part_params_t, max_ret);
    SAME_FIELD(oss_list_upload_part_params_t, official_oss_list_upload_part_params_t, truncated);
    SAME_FIELD(oss_list_upload_part_params_t, official_oss_list_upload_part_params_t, next_part_number_marker);
    SAME_FIELD(oss_list_upload_part_params_t, official_oss_list_upload_part_params_t, part_list);
    SAME_SIZE(oss_list_multipart_upload_params_t, official_oss_list_multipart_upload_params_t);
    SAME_FIELD(oss_list_multipart_upload_params_t, official_oss_list_multipart_upload_params_t, prefix);
    SAME_FIELD(oss_list_multipart_upload_params_t, official_oss_list_multipart_upload_params_t, key_marker);
    SAME_FIELD(oss_list_multipart_upload_params_t, official_oss_list_multipart_upload_params_t, upload_id_marker);
    SAME_FIELD(oss_list_multipart_upload_params_t, official_oss_list_multipart_upload_params_t, delimiter);
    SAME_FIELD(oss_list_multipart_upload_params_t, official_oss_list_multipart_upload_params_t, max_ret);
    SAME_FIELD(oss_list_multipart_upload_params_t, official_oss_list_multipart_upload_params_t, truncated);
    SAME_FIELD(oss_list_multipart_upload_params_t, official_oss_list_multipart_upload_params_t, next_key_marker);
    SAME_FIELD(oss_list_multipart_upload_params_t, official_oss_list_multipart_upload_params_t, next_upload_id_marker);
    SAME_FIELD(oss_list_multipart_upload_params_t, official_oss_list_multipart_upload_params_t, upload_list);
    SAME_SIZE(oss_upload_part_copy_params_t, official_oss_upload_part_copy_params_t);
    SAME_FIELD(oss_upload_part_copy_params_t, official_oss_upload_part_copy_params_t, source_bucket);
    SAME_FIELD(oss_upload_part_copy_params_t, official_oss_upload_part_copy_params_t, source_object);
    SAME_FIELD(oss_upload_part_copy_params_t, official_oss_upload_part_copy_params_t, dest_bucket);
    SAME_FIELD(oss_upload_part_copy_params_t, official_oss_upload_part_copy_params_t, dest_object);
    SAME_FIELD(oss_upload_part_copy_params_t, official_oss_upload_part_copy_params_t, upload_id);
    SAME_FIELD(oss_upload_part_copy_params_t, official_oss_upload_part_copy_params_t, part_num);
    SAME_FIELD(oss_upload_part_copy_params_t, official_oss_upload_part_copy_params_t, range_start);
    SAME_FIELD(oss_upload_part_copy_params_t, official_oss_upload_part_copy_params_t, range_end);
    SAME_SIZE(oss_upload_file_t, official_oss_upload_file_t);
    SAME_FIELD(oss_upload_file_t, official_oss_upload_file_t, filename);
    SAME_FIELD(oss_upload_file_t, official_oss_upload_file_t, file_pos);
    SAME_FIELD(oss_upload_file_t, official_oss_upload_file_t, file_last);
    SAME_SIZE(oss_lifecycle_rule_date_t, official_oss_lifecycle_rule_date_t);
    SAME_FIELD(oss_lifecycle_rule_date_t, official_oss_lifecycle_rule_date_t, days);
    SAME_FIELD(oss_lifecycle_rule_date_t, official_oss_lifecycle_rule_date_t, created_before_date);
    SAME_SIZE(oss_lifecycle_rule_content_t, official_oss_lifecycle_rule_content_t);
    SAME_FIELD(oss_lifecycle_rule_content_t, official_oss_lifecycle_rule_content_t, node);
    SAME_FIELD(oss_lifecycle_rule_content_t, official_oss_lifecycle_rule_content_t, id);
    SAME_FIELD(oss_lifecycle_rule_content_t, official_oss_lifecycle_rule_content_t, prefix);
    SAME_FIELD(oss_lifecycle_rule_content_t, official_oss_lifecycle_rule_content_t, status);
    SAME_FIELD(oss_lifecycle_rule_content_t, official_oss_lifecycle_rule_content_t, days);
    SAME_FIELD(oss_lifecycle_rule_content_t, official_oss_lifecycle_rule_content_t, date);
    SAME_FIELD(oss_lifecycle_rule_content_t, official_oss_lifecycle_rule_content_t, created_before_date);
    SAME_FIELD(oss_lifecycle_rule_content_t, official_oss_lifecycle_rule_content_t, abort_multipart_upload_dt);
    SAME_FIELD(oss_lifecycle_rule_content_t, official_oss_lifecycle_rule_content_t, tag_list);
    SAME_SIZE(oss_sub_cors_rule_t, official_oss_sub_cors_rule_t);
    SAME_FIELD(oss_sub_cors_rule_t, official_oss_sub_cors_rule_t, node);
    SAME_FIELD(oss_sub_cors_rule_t, official_oss_sub_cors_rule_t, rule);
    SAME_SIZE(oss_cors_rule_t, official_oss_cors_rule_t);
    SAME_FIELD(oss_cors_rule_t, official_oss_cors_rule_t, node);
    SAME_FIELD(oss_cors_rule_t, official_oss_cors_rule_t, allowed_origin_list);
    SAME_FIELD(oss_cors_rule_t, official_oss_cors_rule_t, allowed_method_list);
    SAME_FIELD(oss_cors_rule_t, official_oss_cors_rule_t, allowed_head_list);
    SAME_FIELD(oss_cors_rule_t, official_oss_cors_rule_t, expose_head_list);
    SAME_FIELD(oss_cors_rule_t, official_oss_cors_rule_t, max_age_seconds);
    SAME_SIZE(oss_referer_t, official_oss_referer_t);
    SAME_FIELD(oss_referer_t, official_oss_referer_t, node);
    SAME_FIELD(oss_referer_t, official_oss_referer_t, referer);
    SAME_SIZE(oss_referer_config_t, official_oss_referer_config_t);
    SAME_FIELD(oss_referer_config_t, official_oss_referer_config_t, referer_list);
    SAME_FIELD(oss_referer_config_t, official_oss_referer_config_t, allow_empty_referer);
    SAME_SIZE(oss_website_config_t, official_oss_website_config_t);
    SAME_FIELD(oss_website_config_t, official_oss_website_config_t, suffix_str);
    SAME_FIELD(oss_website_config_t, official_oss_website_config_t, key_str);
    SAME_SIZE(oss_logging_config_content_t, official_oss_logging_config_content_t);
    SAME_FIELD(oss_logging_config_content_t, official_oss_logging_config_content_t, node);
    SAME_FIELD(oss_logging_config_content_t, official_oss_logging_config_content_t, target_bucket);
    SAME_FIELD(oss_logging_config_content_t, official_oss_logging_config_content_t, prefix);
    SAME_FIELD(oss_logging_config_content_t, official_oss_logging_config_content_t, logging_enabled);
    SAME_SIZE(oss_bucket_info_t, official_oss_bucket_info_t);
    SAME_FIELD(oss_bucket_info_t, official_oss_bucket_info_t, created_date);
    SAME_FIELD(oss_bucket_info_t, official_oss_bucket_info_t, extranet_endpoint);
    SAME_FIELD(oss_bucket_info_t, official_oss_bucket_info_t, intranet_endpoint);
    SAME_FIELD(oss_bucket_info_t, official_oss_bucket_info_t, location);
    SAME_FIELD(oss_bucket_info_t, official_oss_bucket_info_t, owner_id);
    SAME_FIELD(oss_bucket_info_t, official_oss_bucket_info_t, owner_name);
    SAME_FIELD(oss_bucket_info_t, official_oss_bucket_info_t, acl);
    SAME_FIELD(oss_bucket_info_t, official_oss_bucket_info_t, storage_class);
    SAME_SIZE(oss_bucket_stat_t, official_oss_bucket_stat_t);
    SAME_FIELD(oss_bucket_stat_t, official_oss_bucket_stat_t, storage_in_bytes);
    SAME_FIELD(oss_bucket_stat_t, official_oss_bucket_stat_t, object_count);
    SAME_FIELD(oss_bucket_stat_t, official_oss_bucket_stat_t, multipart_upload_count);
    SAME_SIZE(oss_object_key_t, official_oss_object_key_t);
    SAME_FIELD(oss_object_key_t, official_oss_object_key_t, node);
    SAME_FIELD(oss_object_key_t, official_oss_object_key_t, key);
    SAME_SIZE(oss_content_type_t, official_oss_content_type_t);
    SAME_FIELD(oss_content_type_t, official_oss_content_type_t, suffix);
    SAME_FIELD(oss_content_type_t, official_oss_content_type_t, type);
    SAME_SIZE(oss_live_channel_target_t, official_oss_live_channel_target_t);
    SAME_FIELD(oss_live_channel_target_t, official_oss_live_channel_target_t, type);
    SAME_FIELD(oss_live_channel_target_t, official_oss_live_channel_target_t, frag_duration);
    SAME_FIELD(oss_live_channel_target_t, official_oss_live_channel_target_t, frag_count);
    SAME_FIELD(oss_live_channel_target_t, official_oss_live_channel_target_t, play_list_name);
    SAME_SIZE(oss_live_channel_configuration_t, official_oss_live_channel_configuration_t);
    SAME_FIELD(oss_live_channel_configuration_t, official_oss_live_channel_configuration_t, name);
    SAME_FIELD(oss_live_channel_configuration_t, official_oss_live_channel_configuration_t, description);
    SAME_FIELD(oss_live_channel_configuration_t, official_oss_live_channel_configuration_t, status);
    SAME_FIELD(oss_live_channel_configuration_t, official_oss_live_channel_configuration_t, target);
    SAME_SIZE(oss_live_channel_publish_url_t, official_oss_live_channel_publish_url_t);
    SAME_FIELD(oss_live_channel_publish_url_t, official_oss_live_channel_publish_url_t, node);
    SAME_FIELD(oss_live_channel_publish_url_t, official_oss_live_channel_publish_url_t, publish_url);
    SAME_SIZE(oss_live_channel_play_url_t, official_oss_live_channel_play_url_t);
    SAME_FIELD(oss_live_channel_play_url_t, official_oss_live_channel_play_url_t, node);
    SAME_FIELD(oss_live_channel_play_url_t, official_oss_live_channel_play_url_t, play_url);
    SAME_SIZE(oss_video_stat_t, official_oss_video_stat_t);
    SAME_FIELD(oss_video_stat_t, official_oss_video_stat_t, width);
    SAME_FIELD(oss_video_stat_t, official_oss_video_stat_t, height);
    SAME_FIELD(oss_video_stat_t, official_oss_video_stat_t, frame_rate);
    SAME_FIELD(oss_video_stat_t, official_oss_video_stat_t, band_width);
    SAME_FIELD(oss_video_stat_t, official_oss_video_stat_t, codec);
    SAME_SIZE(oss_audio_stat_t, official_oss_audio_stat_t);
    SAME_FIELD(oss_audio_stat_t, official_oss_audio_stat_t, band_width);
    SAME_FIELD(oss_audio_stat_t, official_oss_audio_stat_t, sample_rate);
    SAME_FIELD(oss_audio_stat_t, official_oss_audio_stat_t, codec);
    SAME_SIZE(oss_live_channel_stat_t, official_oss_live_channel_stat_t);
    SAME_FIELD(oss_live_channel_stat_t, official_oss_live_channel_stat_t, pushflow_status);
    SAME_FIELD(oss_live_channel_stat_t, official_oss_live_channel_stat_t, connected_time);
    SAME_FIELD(oss_live_channel_stat_t, official_oss_live_channel_stat_t, remote_addr);
    SAME_FIELD(oss_live_channel_stat_t, official_oss_live_channel_stat_t, video_stat);
    SAME_FIELD(oss_live_channel_stat_t, official_oss_live_channel_stat_t, audio_stat);
    SAME_SIZE(oss_live_channel_content_t, official_oss_live_channel_content_t);
    SAME_FIELD(oss_live_channel_content_t, official_oss_live_channel_content_t, node);
    SAME_FIELD(oss_live_channel_content_t, official_oss_live_channel_content_t, name);
    SAME_FIELD(oss_live_channel_content_t, official_oss_live_channel_content_t, description);
    SAME_FIELD(oss_live_channel_content_t, official_oss_live_channel_content_t, status);
    SAME_FIELD(oss_live_channel_content_t, official_oss_live_channel_content_t, last_modified);
    SAME_FIELD(oss_live_channel_content_t, official_oss_live_channel_content_t, publish_url_list);
    SAME_FIELD(oss_live_channel_content_t, official_oss_live_channel_content_t, play_url_list);
    SAME_SIZE(oss_list_live_channel_params_t, official_oss_list_live_channel_params_t);
    SAME_FIELD(oss_list_live_channel_params_t, official_oss_list_live_channel_params_t, prefix);
    SAME_FIELD(oss_list_live_channel_params_t, official_oss_list_live_channel_params_t, marker);
    SAME_FIELD(oss_list_live_channel_params_t, official_oss_list_live_channel_params_t, max_keys);
    SAME_FIELD(oss_list_live_channel_params_t, official_oss_list_live_channel_params_t, truncated);
    SAME_FIELD(oss_list_live_channel_params_t, official_oss_list_live_channel_params_t, next_marker);
    SAME_FIELD(oss_list_live_channel_params_t, official_oss_list_live_channel_params_t, live_channel_list);
    SAME_SIZE(oss_live_record_content_t, official_oss_live_record_content_t);
    SAME_FIELD(oss_live_record_content_t, official_oss_live_record_content_t, node);
    SAME_FIELD(oss_live_record_content_t, official_oss_live_record_content_t, start_time);
    SAME_FIELD(oss_live_record_content_t, official_oss_live_record_content_t, end_time);
    SAME_FIELD(oss_live_record_content_t, official_oss_live_record_content_t, remote_addr);
    SAME_SIZE(oss_select_object_input_param_t, official_oss_select_object_input_param_t);
    SAME_FIELD(oss_select_object_input_param_t, official_oss_select_object_input_param_t, compression_type);
    SAME_FIELD(oss_select_object_input_param_t, official_oss_select_object_input_param_t, file_header_info);
    SAME_FIELD(oss_select_object_input_param_t, official_oss_select_object_input_param_t, record_delimiter);
    SAME_FIELD(oss_select_object_input_param_t, official_oss_select_object_input_param_t, field_delimiter);
    SAME_FIELD(oss_select_object_input_param_t, official_oss_select_object_input_param_t, quote_character);
    SAME_FIELD(oss_select_object_input_param_t, official_oss_select_object_input_param_t, comment_character);
    SAME_FIELD(oss_select_object_input_param_t, official_oss_select_object_input_param_t, range);
    SAME_SIZE(oss_select_object_output_param_t, official_oss_select_object_output_param_t);
    SAME_FIELD(oss_select_object_output_param_t, official_oss_select_object_output_param_t, record_delimiter);
    SAME_FIELD(oss_select_object_output_param_t, official_oss_select_object_output_param_t, field_delimiter);
    SAME_FIELD(oss_select_object_output_param_t, official_oss_select_object_output_param_t, keep_all_columns);
    SAME_FIELD(oss_select_object_output_param_t, official_oss_select_object_output_param_t, output_rawdata);
    SAME_FIELD(oss_select_object_output_param_t, official_oss_select_object_output_param_t, enable_payload_crc);
    SAME_FIELD(oss_select_object_output_param_t, official_oss_select_object_output_param_t, output_header);
    SAME_SIZE(oss_select_object_option_param_t, official_oss_select_object_option_param_t);
    SAME_FIELD(oss_select_object_option_param_t, official_oss_select_object_option_param_t, skip_partial_data_record);
    SAME_SIZE(oss_select_object_params_t, official_oss_select_object_params_t);
    SAME_FIELD(oss_select_object_params_t, official_oss_select_object_params_t, input_param);
    SAME_FIELD(oss_select_object_params_t, official_oss_select_object_params_t, output_param);
    SAME_FIELD(oss_select_object_params_t, official_oss_select_object_params_t, option_param);
    SAME_SIZE(oss_select_object_meta_params_t, official_oss_select_object_meta_params_t);
    SAME_FIELD(oss_select_object_meta_params_t, official_oss_select_object_meta_params_t, compression_type);
    SAME_FIELD(oss_select_object_meta_params_t, official_oss_select_object_meta_params_t, record_delimiter);
    SAME_FIELD(oss_select_object_meta_params_t, official_oss_select_object_meta_params_t, field_delimiter);
    SAME_FIELD(oss_select_object_meta_params_t, official_oss_select_object_meta_params_t, quote_character);
    SAME_FIELD(oss_select_object_meta_params_t, official_oss_select_object_meta_params_t, over_write_if_existing);
    SAME_FIELD(oss_select_object_meta_params_t, official_oss_select_object_meta_params_t, splits_count);
    SAME_FIELD(oss_select_object_meta_params_t, official_oss_select_object_meta_params_t, rows_count);
    SAME_FIELD(oss_select_object_meta_params_t, official_oss_select_object_meta_params_t, columns_count);
    SAME_SIZE(oss_tag_content_t, official_oss_tag_content_t);
    SAME_FIELD(oss_tag_content_t, official_oss_tag_content_t, node);
    SAME_FIELD(oss_tag_content_t, official_oss_tag_content_t, key);
    SAME_FIELD(oss_tag_content_t, official_oss_tag_content_t, value);
    SAME_SIZE(oss_checkpoint_part_t, official_oss_checkpoint_part_t);
    SAME_FIELD(oss_checkpoint_part_t, official_oss_checkpoint_part_t, index);
    SAME_FIELD(oss_checkpoint_part_t, official_oss_checkpoint_part_t, offset);
    SAME_FIELD(oss_checkpoint_part_t, official_oss_checkpoint_part_t, size);
    SAME_FIELD(oss_checkpoint_part_t, official_oss_checkpoint_part_t, completed);
    SAME_FIELD(oss_checkpoint_part_t, official_oss_checkpoint_part_t, etag);
    SAME_FIELD(oss_checkpoint_part_t, official_oss_checkpoint_part_t, crc64);
    SAME_SIZE(oss_checkpoint_t, official_oss_checkpoint_t);
    SAME_FIELD(oss_checkpoint_t, official_oss_checkpoint_t, md5);
    SAME_FIELD(oss_checkpoint_t, official_oss_checkpoint_t, cp_type);
    SAME_FIELD(oss_checkpoint_t, official_oss_checkpoint_t, thefile);
    SAME_FIELD(oss_checkpoint_t, official_oss_checkpoint_t, file_path);
    SAME_FIELD(oss_checkpoint_t, official_oss_checkpoint_t, file_size);
    SAME_FIELD(oss_checkpoint_t, official_oss_checkpoint_t, file_last_modified);
    SAME_FIELD(oss_checkpoint_t, official_oss_checkpoint_t, file_md5);
    SAME_FIELD(oss_checkpoint_t, official_oss_checkpoint_t, object_name);
    SAME_FIELD(oss_checkpoint_t, official_oss_checkpoint_t, object_size);
    SAME_FIELD(oss_checkpoint_t, official_oss_checkpoint_t, object_last_modified);
    SAME_FIELD(oss_checkpoint_t, official_oss_checkpoint_t, object_etag);
    SAME_FIELD(oss_checkpoint_t, official_oss_checkpoint_t, upload_id);
    SAME_FIELD(oss_checkpoint_t, official_oss_checkpoint_t, part_num);
    SAME_FIELD(oss_checkpoint_t, official_oss_checkpoint_t, part_size);
    SAME_FIELD(oss_checkpoint_t, official_oss_checkpoint_t, parts);
    SAME_SIZE(aos_buf_t, official_aos_buf_t);
    SAME_FIELD(aos_buf_t, official_aos_buf_t, node);
    SAME_FIELD(aos_buf_t, official_aos_buf_t, pos);
    SAME_FIELD(aos_buf_t, official_aos_buf_t, last);
    SAME_FIELD(aos_buf_t, official_aos_buf_t, start);
    SAME_FIELD(aos_buf_t, official_aos_buf_t, end);
    SAME_SIZE(aos_file_buf_t, official_aos_file_buf_t);
    SAME_FIELD(aos_file_buf_t, official_aos_file_buf_t, node);
    SAME_FIELD(aos_file_buf_t, official_aos_file_buf_t, file_pos);
    SAME_FIELD(aos_file_buf_t, official_aos_file_buf_t, file_last);
    SAME_FIELD(aos_file_buf_t, official_aos_file_buf_t, file);
    SAME_SIZE(aos_http_request_t, official_aos_http_request_t);
    SAME_FIELD(aos_http_request_t, official_aos_http_request_t, host);
    SAME_FIELD(aos_http_request_t, official_aos_http_request_t, proto);
    SAME_FIELD(aos_http_request_t, official_aos_http_request_t, signed_url);
    SAME_FIELD(aos_http_request_t, official_aos_http_request_t, method);
    SAME_FIELD(aos_http_request_t, official_aos_http_request_t, uri);
    SAME_FIELD(aos_http_request_t, official_aos_http_request_t, resource);
    SAME_FIELD(aos_http_request_t, official_aos_http_request_t, headers);
    SAME_FIELD(aos_http_request_t, official_aos_http_request_t, query_params);
    SAME_FIELD(aos_http_request_t, official_aos_http_request_t, body);
    SAME_FIELD(aos_http_request_t, official_aos_http_request_t, body_len);
    SAME_FIELD(aos_http_request_t, official_aos_http_request_t, file_path);
    SAME_FIELD(aos_http_request_t, official_aos_http_request_t, file_buf);
    SAME_FIELD(aos_http_request_t, official_aos_http_request_t, pool);
    SAME_FIELD(aos_http_request_t, official_aos_http_request_t, user_data);
    SAME_FIELD(aos_http_request_t, official_aos_http_request_t, read_body);
    SAME_FIELD(aos_http_request_t, official_aos_http_request_t, type);
    SAME_FIELD(aos_http_request_t, official_aos_http_request_t, progress_callback);
    SAME_FIELD(aos_http_request_t, official_aos_http_request_t, crc64);
    SAME_FIELD(aos_http_request_t, official_aos_http_request_t, consumed_bytes);
    SAME_FIELD(aos_http_request_t, official_aos_http_request_t, normalize_url);
    SAME_SIZE(aos_http_response_t, official_aos_http_response_t);
    SAME_FIELD(aos_http_response_t, official_aos_http_response_t, status);
    SAME_FIELD(aos_http_response_t, official_aos_http_response_t, headers);
    SAME_FIELD(aos_http_response_t, official_aos_http_response_t, body);
    SAME_FIELD(aos_http_response_t, official_aos_http_response_t, body_len);
    SAME_FIELD(aos_http_response_t, official_aos_http_response_t, file_path);
    SAME_FIELD(aos_http_response_t, official_aos_http_response_t, file_buf);
    SAME_FIELD(aos_http_response_t, official_aos_http_response_t, content_length);
    SAME_FIELD(aos_http_response_t, official_aos_http_response_t, pool);
    SAME_FIELD(aos_http_response_t, official_aos_http_response_t, user_data);
    SAME_FIELD(aos_http_response_t, official_aos_http_response_t, write_body);
    SAME_FIELD(aos_http_response_t, official_aos_http_response_t, type);
    SAME_FIELD(aos_http_response_t, official_aos_http_response_t, progress_callback);
    SAME_FIELD(aos_http_response_t, official_aos_http_response_t, crc64);
}
/* APR 1.x's apr_finfo_t on LP64 Linux (apr_file_info.h). */
typedef struct {
    void *pool;
    int32_t valid;
    int32_t protection;
    int filetype;
    uint32_t user;
    uint32_t group;
    uint64_t inode;
    uint64_t device;
    int32_t nlink;
    int64_t size;
    int64_t csize;
    int64_t atime;
    int64_t mtime;
    int64_t ctime;
    const char *fname;
    const char *name;
    void *filehand;
} official_apr_finfo_t;

static void check_apr_finfo(void) {
    SAME_SIZE(apr_finfo_t, official_apr_finfo_t);
    SAME_FIELD(apr_finfo_t, official_apr_finfo_t, valid);
    SAME_FIELD(apr_finfo_t, official_apr_finfo_t, protection);
    SAME_FIELD(apr_finfo_t, official_apr_finfo_t, filetype);
    SAME_FIELD(apr_finfo_t, official_apr_finfo_t, user);
    SAME_FIELD(apr_finfo_t, official_apr_finfo_t, inode);
    SAME_FIELD(apr_finfo_t, official_apr_finfo_t, device);
    SAME_FIELD(apr_finfo_t, official_apr_finfo_t, nlink);
    SAME_FIELD(apr_finfo_t, official_apr_finfo_t, size);
    SAME_FIELD(apr_finfo_t, official_apr_finfo_t, mtime);
    SAME_FIELD(apr_finfo_t, official_apr_finfo_t, fname);
    SAME_FIELD(apr_finfo_t, official_apr_finfo_t, filehand);
}

/* aos_file_buf_t.owner is a one-bit field officially and a whole uint32_t here: both spellings
 * must read what the other wrote (offsetof does not apply to bit-fields). */
static void check_file_buf_owner(void) {
    union {
        aos_file_buf_t ours;
        official_aos_file_buf_t theirs;
    } u;
    memset(&u, 0, sizeof(u));
    u.ours.owner = 1;
    CHECK_INT(u.theirs.owner, 1);
    memset(&u, 0, sizeof(u));
    u.theirs.owner = 1;
    CHECK_INT(u.ours.owner, 1);
    CHECK(u.ours.file == NULL);
}

static void check_enums_and_constants(void) {
    CHECK_INT(OSS_ACL_PRIVATE, 0);
    CHECK_INT(OSS_ACL_PUBLIC_READ, 1);
    CHECK_INT(OSS_ACL_PUBLIC_READ_WRITE, 2);
    CHECK_INT(OSS_ACL_DEFAULT, 3);
    CHECK_INT(OSS_STORAGE_CLASS_STANDARD, 0);
    CHECK_INT(OSS_STORAGE_CLASS_IA, 1);
    CHECK_INT(OSS_STORAGE_CLASS_ARCHIVE, 2);
    CHECK_INT(OSS_STORAGE_CLASS_BUTT, 3);
    CHECK_INT(OSS_STORAGE_CLASS_COLD_ARCHIVE, 4);
    CHECK_INT(OSS_TIER_EXPEDITED, 0);
    CHECK_INT(OSS_TIER_BULK, 2);
    CHECK_INT(HTTP_GET, 0);
    CHECK_INT(HTTP_DELETE, 4);
    CHECK_INT(BODY_IN_MEMORY, 0);
    CHECK_INT(BODY_IN_CALLBACK, 2);
    CHECK_INT(APR_NOFILE, 0);
    CHECK_INT(APR_REG, 1);
    CHECK_INT(APR_DIR, 2);
    CHECK_INT(APR_UNKFILE, 127);
    CHECK_INT(sizeof(oss_acl_e), sizeof(int));
    CHECK_INT(OSS_CP_UPLOAD, 1);
    CHECK_INT(OSS_CP_DOWNLOAD, 2);
    CHECK_INT(OSS_INVALID_VALUE, -1);
    CHECK_INT(APR_EOF, 70014);
    CHECK_INT(APR_USEC_PER_SEC, 1000000);

    CHECK_STR(OSS_CONTENT_LENGTH, "Content-Length");
    CHECK_STR(OSS_CONTENT_TYPE, "Content-Type");
    CHECK_STR(OSS_CONTENT_MD5, "Content-MD5");
    CHECK_STR(OSS_CANNONICALIZED_HEADER_ACL, "x-oss-acl");
    CHECK_STR(OSS_HASH_CRC64_ECMA, "x-oss-hash-crc64ecma");
    CHECK_STR(OSS_NEXT_APPEND_POSITION, "x-oss-next-append-position");
    CHECK_STR(OSS_OBJECT_TYPE_APPENDABLE, "Appendable");
    CHECK_STR(OSS_PROCESS, "x-oss-process");
    CHECK_STR(OSS_MULTIPART_CONTENT_TYPE, "application/x-www-form-urlencoded");
    CHECK_STR(LIVE_CHANNEL_DEFAULT_PLAYLIST, "playlist.m3u8");
    CHECK_STR(AOS_OPEN_FILE_ERROR_CODE, "OpenFileFail");
    CHECK_STR(AOS_BUCKET_NAME_INVALID_ERROR, "BucketNameInvalidError");
    CHECK_INT(OSS_MAX_PART_NUM, 10000);
    CHECK_INT(OSS_PER_RET_NUM, 1000);
    CHECK_INT(LIVE_CHANNEL_DEFAULT_FRAG_DURATION, 5);
    CHECK_INT(LIVE_CHANNEL_DEFAULT_FRAG_COUNT, 3);
    CHECK_INT(MAX_SUFFIX_LEN, 1024);
}

int main(void) {
    check_structs();
    check_apr_finfo();
    check_file_buf_owner();
    check_enums_and_constants();
    return TEST_DONE();
}
