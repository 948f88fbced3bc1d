/* Struct sizes and field offsets of the live-channel, select, tag, checkpoint, buffer and
 * transport types and apr_finfo_t against the official SDK's layouts (release 3.11.2) and APR
 * 1.x, written out here as mirror structs (generated once from the official declarations); and
 * the values of the new enums and exported constants. See also test_layout_oss.c. */
#include "oss_api.h"
#include "oss_resumable.h"
#include "layout_official.h"

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

static void check_types(void) {
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
    check_types();
    check_apr_finfo();
    check_file_buf_owner();
    check_enums_and_constants();
    return TEST_DONE();
}
