/* Struct sizes and field offsets of our public types against the official SDK's layouts
 * (release 3.11.2 and APR 1.x), written out here as mirror structs; and the values of the
 * public enums and constants. A program compiled against the official headers and a program
 * compiled against ours must see the same bytes. */
#include <stddef.h>
#include "oss_api.h"
#include "test_util.h"

/* ---- the official definitions, copied field by field ---- */
typedef struct {
    int len;
    char *data;
} official_aos_string_t;

struct official_aos_status_s {
    int code;
    char *error_code;
    char *error_msg;
    char *req_id;
};

typedef struct {
    official_aos_string_t endpoint;
    official_aos_string_t access_key_id;
    official_aos_string_t access_key_secret;
    official_aos_string_t sts_token;
    int is_cname;
    official_aos_string_t proxy_host;
    int proxy_port;
    official_aos_string_t proxy_user;
    official_aos_string_t proxy_passwd;
    int signature_version;
    official_aos_string_t region;
    official_aos_string_t cloudbox_id;
} official_oss_config_t;

struct official_aos_http_request_options_s {
    int speed_limit;
    int speed_time;
    int dns_cache_timeout;
    int connect_timeout;
    int64_t max_memory_size;
    int enable_crc;
    char *proxy_host;
    char *proxy_auth;
    int verify_ssl;
    char *ca_path;
    char *ca_file;
    int verify_object_strict;
};

#define OFFICIAL_CONTROLLER_FIELDS \
    struct official_aos_http_request_options_s *options; \
    void *pool; \
    int64_t start_time; \
    int64_t first_byte_time; \
    int64_t finish_time; \
    uint32_t owner:1; \
    void *user_data;

struct official_aos_http_controller_s {
    OFFICIAL_CONTROLLER_FIELDS
};

struct official_aos_http_controller_ex_s {
    OFFICIAL_CONTROLLER_FIELDS
    int error_code;
    char *reason;
};

typedef struct {
    official_oss_config_t *config;
    struct official_aos_http_controller_s *ctl;
    void *pool;
} official_oss_request_options_t;

struct official_apr_array_header_t {
    void *pool;
    int elt_size;
    int nelts;
    int nalloc;
    char *elts;
};

struct official_apr_table_entry_t {
    char *key;
    char *val;
    apr_uint32_t key_checksum;
};

#define SAME_SIZE(ours, theirs) CHECK_INT(sizeof(ours), sizeof(theirs))
#define SAME_FIELD(ours, theirs, field) do { \
        CHECK_INT(offsetof(ours, field), offsetof(theirs, field)); \
        CHECK_INT(sizeof(((ours *)0)->field), sizeof(((theirs *)0)->field)); \
    } while (0)

static void check_strings_and_statuses(void) {
    SAME_SIZE(aos_string_t, official_aos_string_t);
    SAME_FIELD(aos_string_t, official_aos_string_t, len);
    SAME_FIELD(aos_string_t, official_aos_string_t, data);

    SAME_SIZE(aos_status_t, struct official_aos_status_s);
    SAME_FIELD(aos_status_t, struct official_aos_status_s, code);
    SAME_FIELD(aos_status_t, struct official_aos_status_s, error_code);
    SAME_FIELD(aos_status_t, struct official_aos_status_s, error_msg);
    SAME_FIELD(aos_status_t, struct official_aos_status_s, req_id);
}

static void check_config(void) {
    SAME_SIZE(oss_config_t, official_oss_config_t);
    SAME_FIELD(oss_config_t, official_oss_config_t, endpoint);
    SAME_FIELD(oss_config_t, official_oss_config_t, access_key_id);
    SAME_FIELD(oss_config_t, official_oss_config_t, access_key_secret);
    SAME_FIELD(oss_config_t, official_oss_config_t, sts_token);
    SAME_FIELD(oss_config_t, official_oss_config_t, is_cname);
    SAME_FIELD(oss_config_t, official_oss_config_t, proxy_host);
    SAME_FIELD(oss_config_t, official_oss_config_t, proxy_port);
    SAME_FIELD(oss_config_t, official_oss_config_t, proxy_user);
    SAME_FIELD(oss_config_t, official_oss_config_t, proxy_passwd);
    SAME_FIELD(oss_config_t, official_oss_config_t, signature_version);
    SAME_FIELD(oss_config_t, official_oss_config_t, region);
    SAME_FIELD(oss_config_t, official_oss_config_t, cloudbox_id);

    SAME_SIZE(oss_request_options_t, official_oss_request_options_t);
    SAME_FIELD(oss_request_options_t, official_oss_request_options_t, config);
    SAME_FIELD(oss_request_options_t, official_oss_request_options_t, ctl);
    SAME_FIELD(oss_request_options_t, official_oss_request_options_t, pool);
}

static void check_request_options(void) {
    typedef struct official_aos_http_request_options_s theirs_t;
    SAME_SIZE(aos_http_request_options_t, theirs_t);
    SAME_FIELD(aos_http_request_options_t, theirs_t, speed_limit);
    SAME_FIELD(aos_http_request_options_t, theirs_t, speed_time);
    SAME_FIELD(aos_http_request_options_t, theirs_t, dns_cache_timeout);
    SAME_FIELD(aos_http_request_options_t, theirs_t, connect_timeout);
    SAME_FIELD(aos_http_request_options_t, theirs_t, max_memory_size);
    SAME_FIELD(aos_http_request_options_t, theirs_t, enable_crc);
    SAME_FIELD(aos_http_request_options_t, theirs_t, proxy_host);
    SAME_FIELD(aos_http_request_options_t, theirs_t, proxy_auth);
    SAME_FIELD(aos_http_request_options_t, theirs_t, verify_ssl);
    SAME_FIELD(aos_http_request_options_t, theirs_t, ca_path);
    SAME_FIELD(aos_http_request_options_t, theirs_t, ca_file);
    SAME_FIELD(aos_http_request_options_t, theirs_t, verify_object_strict);
}

static void check_controllers(void) {
    typedef struct official_aos_http_controller_s theirs_t;
    typedef struct official_aos_http_controller_ex_s theirs_ex_t;
    union {
        aos_http_controller_t ours;
        theirs_t theirs;
    } u;

    SAME_SIZE(aos_http_controller_t, theirs_t);
    SAME_FIELD(aos_http_controller_t, theirs_t, options);
    SAME_FIELD(aos_http_controller_t, theirs_t, pool);
    SAME_FIELD(aos_http_controller_t, theirs_t, start_time);
    SAME_FIELD(aos_http_controller_t, theirs_t, first_byte_time);
    SAME_FIELD(aos_http_controller_t, theirs_t, finish_time);
    SAME_FIELD(aos_http_controller_t, theirs_t, user_data);
    /* `owner` is a one-bit field officially, a whole uint32_t here (cbindgen has no bit-fields):
     * offsetof/sizeof do not apply to bit-fields, so check through a union that both spellings
     * read what the other wrote. */
    memset(&u, 0, sizeof(u));
    u.ours.owner = 1;
    CHECK_INT(u.theirs.owner, 1);
    memset(&u, 0, sizeof(u));
    u.theirs.owner = 1;
    CHECK_INT(u.ours.owner, 1);
    CHECK(u.ours.user_data == NULL);

    SAME_SIZE(aos_http_controller_ex_t, theirs_ex_t);
    SAME_FIELD(aos_http_controller_ex_t, theirs_ex_t, options);
    SAME_FIELD(aos_http_controller_ex_t, theirs_ex_t, user_data);
    SAME_FIELD(aos_http_controller_ex_t, theirs_ex_t, error_code);
    SAME_FIELD(aos_http_controller_ex_t, theirs_ex_t, reason);
}

static void check_apr_types(void) {
    typedef struct official_apr_array_header_t theirs_a;
    typedef struct official_apr_table_entry_t theirs_e;
    SAME_SIZE(apr_array_header_t, theirs_a);
    SAME_FIELD(apr_array_header_t, theirs_a, pool);
    SAME_FIELD(apr_array_header_t, theirs_a, elt_size);
    SAME_FIELD(apr_array_header_t, theirs_a, nelts);
    SAME_FIELD(apr_array_header_t, theirs_a, nalloc);
    SAME_FIELD(apr_array_header_t, theirs_a, elts);
    SAME_SIZE(aos_array_header_t, theirs_a);

    SAME_SIZE(apr_table_entry_t, theirs_e);
    SAME_FIELD(apr_table_entry_t, theirs_e, key);
    SAME_FIELD(apr_table_entry_t, theirs_e, val);
    SAME_FIELD(apr_table_entry_t, theirs_e, key_checksum);
    SAME_SIZE(aos_table_entry_t, theirs_e);
}

static void check_constants(void) {
    CHECK_INT(AOS_TRUE, 1);
    CHECK_INT(AOS_FALSE, 0);
    CHECK_INT(AOSE_OK, 0);
    CHECK_INT(AOSE_OUT_MEMORY, -1000);
    CHECK_INT(AOSE_OVER_MEMORY, -999);
    CHECK_INT(AOSE_FAILED_CONNECT, -998);
    CHECK_INT(AOSE_ABORT_CALLBACK, -997);
    CHECK_INT(AOSE_INTERNAL_ERROR, -996);
    CHECK_INT(AOSE_REQUEST_TIMEOUT, -995);
    CHECK_INT(AOSE_INVALID_ARGUMENT, -994);
    CHECK_INT(AOSE_INVALID_OPERATION, -993);
    CHECK_INT(AOSE_CONNECTION_FAILED, -992);
    CHECK_INT(AOSE_FAILED_INITIALIZE, -991);
    CHECK_INT(AOSE_NAME_LOOKUP_ERROR, -990);
    CHECK_INT(AOSE_FAILED_VERIFICATION, -989);
    CHECK_INT(AOSE_WRITE_BODY_ERROR, -988);
    CHECK_INT(AOSE_READ_BODY_ERROR, -987);
    CHECK_INT(AOSE_SERVICE_ERROR, -986);
    CHECK_INT(AOSE_OPEN_FILE_ERROR, -985);
    CHECK_INT(AOSE_FILE_SEEK_ERROR, -984);
    CHECK_INT(AOSE_FILE_INFO_ERROR, -983);
    CHECK_INT(AOSE_FILE_READ_ERROR, -982);
    CHECK_INT(AOSE_FILE_WRITE_ERROR, -981);
    CHECK_INT(AOSE_XML_PARSE_ERROR, -980);
    CHECK_INT(AOSE_UTF8_ENCODE_ERROR, -979);
    CHECK_INT(AOSE_CRC_INCONSISTENT_ERROR, -978);
    CHECK_INT(AOSE_FILE_FLUSH_ERROR, -977);
    CHECK_INT(AOSE_FILE_TRUNC_ERROR, -976);
    CHECK_INT(AOSE_SELECT_OBJECT_CRC_ERROR, -975);
    CHECK_INT(AOSE_UNKNOWN_ERROR, -100);

    CHECK_INT(AOS_LOG_OFF, 1);
    CHECK_INT(AOS_LOG_FATAL, 2);
    CHECK_INT(AOS_LOG_ERROR, 3);
    CHECK_INT(AOS_LOG_WARN, 4);
    CHECK_INT(AOS_LOG_INFO, 5);
    CHECK_INT(AOS_LOG_DEBUG, 6);
    CHECK_INT(AOS_LOG_TRACE, 7);
    CHECK_INT(AOS_LOG_ALL, 8);
    CHECK_INT(sizeof(aos_log_level_e), sizeof(int));

    CHECK_INT(AOS_CONNECT_TIMEOUT, 10);
    CHECK_INT(AOS_DNS_CACHE_TIMOUT, 60);
    CHECK_INT(AOS_MIN_SPEED_LIMIT, 1024);
    CHECK_INT(AOS_MIN_SPEED_TIME, 15);
    CHECK_INT(AOS_MAX_MEMORY_SIZE, 1024LL * 1024 * 1024);
    CHECK_STR(AOS_VER, "aliyun-sdk-c/3.11.2");
}

int main(void) {
    check_strings_and_statuses();
    check_config();
    check_request_options();
    check_controllers();
    check_apr_types();
    check_constants();
    return TEST_DONE();
}
