/* The bucket and live-channel calls of oss_api.h through the C API against the local OSS server:
 * create a bucket, set and read back each configuration (ACL, lifecycle, CORS, referer, website,
 * logging, storage capacity) comparing every field, list buckets with prefix/marker/max-keys,
 * create/list/inspect/delete a live channel, delete the bucket — and the refusals for bad input
 * (bad names, NULL params and lists, empty rule lists, a non-empty bucket, an unknown channel).
 * Run by with_server.sh (V1, then V4). */
#include "net_util.h"
#include "test_util.h"

static aos_string_t bucket;

static void str_set(aos_string_t *s, const char *text) { aos_str_set(s, text); }

static void create_and_describe(oss_request_options_t *options) {
    aos_table_t *resp_headers = NULL;
    aos_status_t *s = oss_create_bucket_with_storage_class(options, &bucket, OSS_ACL_PUBLIC_READ,
                                                           OSS_STORAGE_CLASS_IA, &resp_headers);
    CHECK_INT(s->code, 200);
    CHECK(resp_headers != NULL && apr_table_get(resp_headers, "x-oss-request-id") != NULL);
    CHECK_INT(oss_head_bucket(options, &bucket, NULL)->code, 200);

    oss_bucket_info_t *info = oss_create_bucket_info(options->pool);
    s = oss_get_bucket_info(options, &bucket, info, NULL);
    CHECK_INT(s->code, 200);
    CHECK_STR(info->acl.data, "public-read");
    CHECK_STR(info->storage_class.data, "IA");
    CHECK(info->created_date.len > 0 && info->owner_id.len > 0 && info->extranet_endpoint.len > 0);
    aos_string_t location;
    s = oss_get_bucket_location(options, &bucket, &location, NULL);
    CHECK_INT(s->code, 200);
    CHECK(location.len == info->location.len && strncmp(location.data, info->location.data, location.len) == 0);

    CHECK_INT(oss_put_bucket_acl(options, &bucket, OSS_ACL_PRIVATE, NULL)->code, 200);
    aos_string_t acl;
    CHECK_INT(oss_get_bucket_acl(options, &bucket, &acl, NULL)->code, 200);
    CHECK_STR(acl.data, "private");

    oss_bucket_stat_t stat = {1, 1, 1};
    CHECK_INT(oss_get_bucket_stat(options, &bucket, &stat, NULL)->code, 200);
    CHECK_INT(stat.object_count, 0);
    CHECK_INT(stat.storage_in_bytes, 0);
}

static void lifecycle(oss_request_options_t *options) {
    aos_list_t rules, got;
    aos_list_init(&rules);
    oss_lifecycle_rule_content_t *r = oss_create_lifecycle_rule_content(options->pool);
    str_set(&r->id, "expire-logs");
    str_set(&r->prefix, "logs/");
    str_set(&r->status, "Enabled");
    r->days = 30;
    r->abort_multipart_upload_dt.days = 3;
    oss_tag_content_t *tag = oss_create_tag_content(options->pool);
    str_set(&tag->key, "kind");
    str_set(&tag->value, "log");
    aos_list_add_tail(&tag->node, &r->tag_list);
    aos_list_add_tail(&r->node, &rules);

    CHECK_INT(oss_put_bucket_lifecycle(options, &bucket, &rules, NULL)->code, 200);
    aos_list_init(&got);
    CHECK_INT(oss_get_bucket_lifecycle(options, &bucket, &got, NULL)->code, 200);
    int n = 0;
    oss_lifecycle_rule_content_t *g;
    aos_list_for_each_entry(oss_lifecycle_rule_content_t, g, &got, node) {
        n++;
        CHECK_STR(g->id.data, "expire-logs");
        CHECK_STR(g->prefix.data, "logs/");
        CHECK_STR(g->status.data, "Enabled");
        CHECK_INT(g->days, 30);
        CHECK_INT(g->abort_multipart_upload_dt.days, 3);
        oss_tag_content_t *t = aos_list_entry(g->tag_list.next, oss_tag_content_t, node);
        CHECK_STR(t->key.data, "kind");
        CHECK_STR(t->value.data, "log");
    }
    CHECK_INT(n, 1);

    /* An empty list goes to the server as the official SDK sends it, and is refused there. */
    aos_list_t empty;
    aos_list_init(&empty);
    aos_status_t *s = oss_put_bucket_lifecycle(options, &bucket, &empty, NULL);
    CHECK_INT(s->code, 400);
    CHECK_STR(s->error_code, "MalformedXML");
    s = oss_put_bucket_lifecycle(options, &bucket, NULL, NULL);
    CHECK_INT(s->code, AOSE_INVALID_ARGUMENT);
    CHECK_INT(oss_get_bucket_lifecycle(options, &bucket, NULL, NULL)->code, AOSE_INVALID_ARGUMENT);
    CHECK_INT(oss_delete_bucket_lifecycle(options, &bucket, NULL)->code, 204);
    aos_list_init(&got);
    s = oss_get_bucket_lifecycle(options, &bucket, &got, NULL);
    CHECK_INT(s->code, 404);
    CHECK(aos_list_empty(&got));
}

static void cors(oss_request_options_t *options) {
    aos_list_t rules, got;
    aos_list_init(&rules);
    oss_cors_rule_t *r = oss_create_cors_rule(options->pool);
    oss_create_sub_cors_rule(options->pool, &r->allowed_origin_list, "https://a.example");
    oss_create_sub_cors_rule(options->pool, &r->allowed_method_list, "GET");
    oss_create_sub_cors_rule(options->pool, &r->allowed_method_list, "PUT");
    oss_create_sub_cors_rule(options->pool, &r->allowed_head_list, "x-oss-test");
    oss_create_sub_cors_rule(options->pool, &r->expose_head_list, "ETag");
    r->max_age_seconds = 120;
    aos_list_add_tail(&r->node, &rules);
    CHECK_INT(oss_put_bucket_cors(options, &bucket, &rules, NULL)->code, 200);

    aos_list_init(&got);
    CHECK_INT(oss_get_bucket_cors(options, &bucket, &got, NULL)->code, 200);
    CHECK(!aos_list_empty(&got));
    oss_cors_rule_t *g = aos_list_entry(got.next, oss_cors_rule_t, node);
    CHECK_INT(g->max_age_seconds, 120);
    oss_sub_cors_rule_t *m = aos_list_entry(g->allowed_method_list.next, oss_sub_cors_rule_t, node);
    CHECK_STR(m->rule.data, "GET");
    m = aos_list_entry(m->node.next, oss_sub_cors_rule_t, node);
    CHECK_STR(m->rule.data, "PUT");
    CHECK_STR(aos_list_entry(g->allowed_origin_list.next, oss_sub_cors_rule_t, node)->rule.data, "https://a.example");
    CHECK_STR(aos_list_entry(g->allowed_head_list.next, oss_sub_cors_rule_t, node)->rule.data, "x-oss-test");
    CHECK_STR(aos_list_entry(g->expose_head_list.next, oss_sub_cors_rule_t, node)->rule.data, "ETag");
    CHECK_INT(oss_delete_bucket_cors(options, &bucket, NULL)->code, 204);
    CHECK_INT(oss_put_bucket_cors(options, &bucket, NULL, NULL)->code, AOSE_INVALID_ARGUMENT);
}

static void referer_website_logging_capacity(oss_request_options_t *options) {
    oss_referer_config_t referer, got_referer;
    aos_list_init(&referer.referer_list);
    referer.allow_empty_referer = 0;
    oss_create_and_add_refer(options->pool, &referer, "https://b.example/*");
    oss_create_and_add_refer(options->pool, &referer, "c.example");
    CHECK_INT(oss_put_bucket_referer(options, &bucket, &referer, NULL)->code, 200);
    aos_list_init(&got_referer.referer_list);
    got_referer.allow_empty_referer = 1;
    CHECK_INT(oss_get_bucket_referer(options, &bucket, &got_referer, NULL)->code, 200);
    CHECK_INT(got_referer.allow_empty_referer, 0);
    oss_referer_t *ref = aos_list_entry(got_referer.referer_list.next, oss_referer_t, node);
    CHECK_STR(ref->referer.data, "https://b.example/*");
    CHECK_STR(aos_list_entry(ref->node.next, oss_referer_t, node)->referer.data, "c.example");
    CHECK_INT(oss_get_bucket_referer(options, &bucket, NULL, NULL)->code, AOSE_INVALID_ARGUMENT);

    oss_website_config_t website, got_website;
    str_set(&website.suffix_str, "index.html");
    str_set(&website.key_str, "error.html");
    CHECK_INT(oss_put_bucket_website(options, &bucket, &website, NULL)->code, 200);
    CHECK_INT(oss_get_bucket_website(options, &bucket, &got_website, NULL)->code, 200);
    CHECK_STR(got_website.suffix_str.data, "index.html");
    CHECK_STR(got_website.key_str.data, "error.html");
    CHECK_INT(oss_delete_bucket_website(options, &bucket, NULL)->code, 204);
    CHECK_INT(oss_get_bucket_website(options, &bucket, &got_website, NULL)->code, 404);

    oss_logging_config_content_t *logging = oss_create_logging_rule_content(options->pool);
    str_set(&logging->target_bucket, bucket.data);
    str_set(&logging->prefix, "access/");
    CHECK_INT(oss_put_bucket_logging(options, &bucket, logging, NULL)->code, 200);
    oss_logging_config_content_t *got_logging = oss_create_logging_rule_content(options->pool);
    CHECK_INT(oss_get_bucket_logging(options, &bucket, got_logging, NULL)->code, 200);
    CHECK_INT(got_logging->logging_enabled, 1);
    CHECK_STR(got_logging->target_bucket.data, bucket.data);
    CHECK_STR(got_logging->prefix.data, "access/");
    CHECK_INT(oss_delete_bucket_logging(options, &bucket, NULL)->code, 204);

    long capacity = 0;
    CHECK_INT(oss_put_bucket_storage_capacity(options, &bucket, 2048, NULL)->code, 200);
    CHECK_INT(oss_get_bucket_storage_capacity(options, &bucket, &capacity, NULL)->code, 200);
    CHECK_INT(capacity, 2048);
    CHECK_INT(oss_put_bucket_storage_capacity(options, &bucket, -7, NULL)->code, 400);
    CHECK_INT(oss_get_bucket_storage_capacity(options, &bucket, NULL, NULL)->code, AOSE_INVALID_ARGUMENT);
}

/* Lists buckets starting with "c-list-" two at a time; returns how many came back in all. */
static void list_buckets(oss_request_options_t *options) {
    const char *names[] = {"c-list-b", "c-list-a", "c-list-c"};
    aos_string_t name;
    for (int i = 0; i < 3; i++) {
        str_set(&name, names[i]);
        CHECK_INT(oss_create_bucket(options, &name, OSS_ACL_PRIVATE, NULL)->code, 200);
    }
    oss_list_buckets_params_t *params = oss_create_list_buckets_params(options->pool);
    str_set(&params->prefix, "c-list-");
    params->max_keys = 2;
    CHECK_INT(oss_list_bucket(options, params, NULL)->code, 200);
    const char *expected[] = {"c-list-a", "c-list-b"};
    int n = 0;
    oss_list_bucket_content_t *b;
    aos_list_for_each_entry(oss_list_bucket_content_t, b, &params->bucket_list, node) {
        if (n < 2) CHECK_STR(b->name.data, expected[n]);
        CHECK(b->create_date.len > 0 && b->location.len > 0);
        n++;
    }
    CHECK_INT(n, 2);
    CHECK_INT(params->truncated, 1);
    CHECK_STR(params->next_marker.data, "c-list-b");

    oss_list_buckets_params_t *next = oss_create_list_buckets_params(options->pool);
    str_set(&next->prefix, "c-list-");
    next->marker = params->next_marker;
    CHECK_INT(oss_list_bucket(options, next, NULL)->code, 200);
    CHECK(!aos_list_empty(&next->bucket_list));
    CHECK_STR(aos_list_entry(next->bucket_list.next, oss_list_bucket_content_t, node)->name.data, "c-list-c");
    CHECK_INT(next->truncated, 0);
    CHECK_INT(oss_list_bucket(options, NULL, NULL)->code, AOSE_INVALID_ARGUMENT);
    for (int i = 0; i < 3; i++) {
        str_set(&name, names[i]);
        CHECK_INT(oss_delete_bucket(options, &name, NULL)->code, 204);
    }
}

static void live_channel(oss_request_options_t *options) {
    oss_live_channel_configuration_t *config = oss_create_live_channel_configuration_content(options->pool);
    str_set(&config->name, "cam-1");
    str_set(&config->description, "front door");
    aos_list_t publish, play;
    aos_list_init(&publish);
    aos_list_init(&play);
    CHECK_INT(oss_create_live_channel(options, &bucket, config, &publish, &play, NULL)->code, 200);
    CHECK(!aos_list_empty(&publish) && !aos_list_empty(&play));
    oss_live_channel_publish_url_t *pu = aos_list_entry(publish.next, oss_live_channel_publish_url_t, node);
    CHECK(strncmp(pu->publish_url.data, "rtmp://", 7) == 0);

    aos_string_t channel, status, playlist;
    str_set(&channel, "cam-1");
    oss_live_channel_configuration_t info;
    memset(&info, 0, sizeof info);
    CHECK_INT(oss_get_live_channel_info(options, &bucket, &channel, &info, NULL)->code, 200);
    CHECK_STR(info.name.data, "cam-1");
    CHECK_STR(info.description.data, "front door");
    CHECK_STR(info.status.data, "enabled");
    CHECK_STR(info.target.type.data, "HLS");
    CHECK_INT(info.target.frag_duration, 5);
    CHECK_INT(info.target.frag_count, 3);
    CHECK_STR(info.target.play_list_name.data, "playlist.m3u8");

    str_set(&status, "disabled");
    CHECK_INT(oss_put_live_channel_status(options, &bucket, &channel, &status, NULL)->code, 200);
    oss_live_channel_stat_t stat;
    memset(&stat, 0, sizeof stat);
    CHECK_INT(oss_get_live_channel_stat(options, &bucket, &channel, &stat, NULL)->code, 200);
    CHECK_STR(stat.pushflow_status.data, "Disabled");
    aos_list_t records;
    aos_list_init(&records);
    CHECK_INT(oss_get_live_channel_history(options, &bucket, &channel, &records, NULL)->code, 200);
    CHECK(aos_list_empty(&records));
    str_set(&playlist, "vod.m3u8");
    CHECK_INT(oss_gen_vod_play_list(options, &bucket, &channel, &playlist, 1700000000, 1700000600, NULL)->code, 200);
    /* The server writes the playlist as an object: it is there, and goes before the bucket. */
    aos_string_t vod_key;
    str_set(&vod_key, "cam-1/vod.m3u8");
    CHECK_INT(oss_head_object(options, &bucket, &vod_key, NULL, NULL)->code, 200);
    CHECK_INT(oss_delete_object(options, &bucket, &vod_key, NULL)->code, 204);

    oss_list_live_channel_params_t *params = oss_create_list_live_channel_params(options->pool);
    CHECK_INT(oss_list_live_channel(options, &bucket, params, NULL)->code, 200);
    CHECK(!aos_list_empty(&params->live_channel_list));
    oss_live_channel_content_t *c = aos_list_entry(params->live_channel_list.next, oss_live_channel_content_t, node);
    CHECK_STR(c->name.data, "cam-1");
    CHECK_STR(c->status.data, "disabled");
    CHECK(!aos_list_empty(&c->publish_url_list) && !aos_list_empty(&c->play_url_list));
    CHECK_INT(oss_list_live_channel(options, &bucket, NULL, NULL)->code, AOSE_INVALID_ARGUMENT);

    str_set(&playlist, "playlist.m3u8");
    char *url = oss_gen_rtmp_signed_url(options, &bucket, &channel, &playlist, 1700000000);
    /* An IP endpoint: path style, the path's slashes encoded as the official aos_url_encode does. */
    char expected[512];
    snprintf(expected, sizeof expected,
             "rtmp://%s/%s%%2Flive%%2Fcam-1?playlistName=playlist.m3u8&OSSAccessKeyId=%s&Expires=1700000000&Signature=",
             net_env("OSS_ENDPOINT") + strlen("http://"), bucket.data, net_env("OSS_ACCESS_KEY_ID"));
    CHECK(url != NULL && strncmp(url, expected, strlen(expected)) == 0);
    if (url != NULL && strncmp(url, expected, strlen(expected)) != 0) fprintf(stderr, "%s\n%s\n", url, expected);
    CHECK(oss_gen_rtmp_signed_url(NULL, &bucket, &channel, &playlist, 1) == NULL);
    CHECK(oss_gen_rtmp_signed_url(options, &bucket, NULL, &playlist, 1) == NULL);
    CHECK(oss_gen_rtmp_signed_url(options, NULL, &channel, &playlist, 1) == NULL);

    CHECK_INT(oss_delete_live_channel(options, &bucket, &channel, NULL)->code, 204);
    aos_status_t *s = oss_delete_live_channel(options, &bucket, &channel, NULL);
    CHECK_INT(s->code, 404);
    CHECK_STR(s->error_code, "NoSuchLiveChannel");
    CHECK_INT(oss_get_live_channel_info(options, &bucket, &channel, NULL, NULL)->code, AOSE_INVALID_ARGUMENT);
}

static void bad_names_and_delete(oss_request_options_t *options) {
    aos_string_t bad;
    str_set(&bad, "Bad_Name");
    aos_status_t *s = oss_create_bucket(options, &bad, OSS_ACL_PRIVATE, NULL);
    CHECK_INT(s->code, AOSE_INVALID_ARGUMENT);
    CHECK_STR(s->error_code, "BucketNameInvalidError");
    CHECK_INT(oss_get_bucket_acl(options, NULL, NULL, NULL)->code, AOSE_INVALID_ARGUMENT);
    CHECK_INT(oss_create_bucket(options, &bucket, (oss_acl_e)42, NULL)->code, AOSE_INVALID_ARGUMENT);

    aos_string_t object;
    aos_list_t body;
    aos_list_init(&body);
    aos_buf_t *b = aos_buf_pack(options->pool, "x", 1);
    aos_list_add_tail(&b->node, &body);
    str_set(&object, "keeps-it");
    CHECK_INT(oss_put_object_from_buffer(options, &bucket, &object, &body, NULL, NULL)->code, 200);
    s = oss_delete_bucket(options, &bucket, NULL);
    CHECK_INT(s->code, 409);
    CHECK_STR(s->error_code, "BucketNotEmpty");
    CHECK_INT(oss_delete_object(options, &bucket, &object, NULL)->code, 204);
    CHECK_INT(oss_delete_bucket(options, &bucket, NULL)->code, 204);
    CHECK_INT(oss_head_bucket(options, &bucket, NULL)->code, 404);
}

int main(void) {
    CHECK_INT(aos_http_io_initialize("test_net_bucket", 0), AOSE_OK);
    for (int v4 = 0; v4 <= 1; v4++) {
        aos_pool_t *pool;
        aos_pool_create(&pool, NULL);
        oss_request_options_t *options = net_options(pool, v4);
        str_set(&bucket, v4 ? "c-bucket-v4" : "c-bucket-v1");
        create_and_describe(options);
        lifecycle(options);
        cors(options);
        referer_website_logging_capacity(options);
        list_buckets(options);
        live_channel(options);
        bad_names_and_delete(options);
        aos_pool_destroy(pool);
    }
    aos_http_io_deinitialize();
    return TEST_DONE();
}
