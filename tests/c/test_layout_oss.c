/* Struct sizes and field offsets of the listing, multipart, object and bucket-configuration
 * types (oss_define.h) against the official SDK's layouts (release 3.11.2), written out here as
 * mirror structs (generated once from the official declarations). test_layout_types.c covers
 * the rest of the new types, test_layout.c the configuration and status types. */
#include "oss_api.h"
#include "layout_official.h"

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

static void check_oss_types(void) {
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
}

static void check_lists(void) {
    SAME_SIZE(aos_list_t, official_aos_list_t);
    SAME_FIELD(aos_list_t, official_aos_list_t, next);
    SAME_FIELD(aos_list_t, official_aos_list_t, prev);
}

int main(void) {
    check_lists();
    check_oss_types();
    return TEST_DONE();
}
