/* The oss_create_* constructors: official defaults (empty strings, 1000 entries, INT_MAX "not
 * set", -1 flags, live-channel defaults), initialised list heads ready for aos_list_add_tail,
 * the list-building ones (sub CORS rules, referers); the enum names; the transport structs;
 * aos_global_pool after start-up; NULL pools give NULL. */
#include <limits.h>
#include "oss_api.h"
#include "aos_http_io.h"
#include "oss_resumable.h"
#include "test_util.h"

#define CHECK_EMPTY(s) CHECK((s).data != NULL && (s).len == 0)

static void test_listing_params(aos_pool_t *p) {
    oss_list_object_params_t *lo = oss_create_list_object_params(p);
    oss_list_object_content_t *c = oss_create_list_object_content(p);
    oss_list_object_common_prefix_t *cp = oss_create_list_object_common_prefix(p);
    oss_list_buckets_params_t *lb = oss_create_list_buckets_params(p);
    oss_list_upload_part_params_t *lp = oss_create_list_upload_part_params(p);
    oss_list_multipart_upload_params_t *lm = oss_create_list_multipart_upload_params(p);
    oss_list_object_content_t *it;
    int n = 0;

    CHECK(lo != NULL && c != NULL && cp != NULL && lb != NULL && lp != NULL && lm != NULL);
    CHECK_EMPTY(lo->prefix);
    CHECK_EMPTY(lo->marker);
    CHECK_EMPTY(lo->delimiter);
    CHECK_INT(lo->max_ret, 1000);
    CHECK_INT(lo->truncated, 1);
    CHECK(aos_list_empty(&lo->object_list));
    CHECK(aos_list_empty(&lo->common_prefix_list));
    CHECK(aos_list_empty(&c->node));
    aos_str_set(&c->key, "k");
    aos_list_add_tail(&c->node, &lo->object_list);
    aos_list_add_tail(&cp->node, &lo->common_prefix_list);
    aos_list_for_each_entry(oss_list_object_content_t, it, &lo->object_list, node) {
        n++;
        CHECK_INT(it->key.len, 1);
    }
    CHECK_INT(n, 1);

    CHECK_EMPTY(lb->owner_name);
    CHECK_INT(lb->max_keys, 0);
    CHECK_INT(lb->truncated, 0);
    CHECK(aos_list_empty(&lb->bucket_list));
    CHECK_EMPTY(lp->part_number_marker);
    CHECK_INT(lp->max_ret, 1000);
    CHECK(aos_list_empty(&lp->part_list));
    CHECK_EMPTY(lm->upload_id_marker);
    CHECK_INT(lm->max_ret, 1000);
    CHECK(aos_list_empty(&lm->upload_list));
}

static void test_content_elements(aos_pool_t *p) {
    aos_list_t parts;
    oss_complete_part_content_t *part = oss_create_complete_part_content(p);
    oss_list_part_content_t *lp = oss_create_list_part_content(p);
    oss_list_multipart_upload_content_t *up = oss_create_list_multipart_upload_content(p);
    oss_list_bucket_content_t *b = oss_create_list_bucket_content(p);
    oss_object_key_t *key = oss_create_oss_object_key(p);
    oss_tag_content_t *tag = oss_create_tag_content(p);
    oss_upload_part_copy_params_t *copy = oss_create_upload_part_copy_params(p);
    oss_upload_file_t *file = oss_create_upload_file(p);
    oss_bucket_info_t *info = oss_create_bucket_info(p);
    oss_checkpoint_t *checkpoint = oss_create_checkpoint_content(p);
    aos_list_t *raw = (aos_list_t *)oss_create_api_result_content(p, 64);

    CHECK(part && lp && up && b && key && tag && copy && file && info && checkpoint && raw);
    CHECK(aos_list_empty(&part->node) && aos_list_empty(&lp->node) && aos_list_empty(&up->node));
    CHECK(aos_list_empty(&b->node) && aos_list_empty(&key->node) && aos_list_empty(&tag->node));
    CHECK(aos_list_empty(raw));
    aos_list_init(&parts);
    aos_str_set(&part->part_number, "1");
    aos_str_set(&part->etag, "\"e\"");
    aos_list_add_tail(&part->node, &parts);
    CHECK(aos_list_get_first(&parts, oss_complete_part_content_t, node) == part);
    CHECK_INT(copy->part_num, 0);
    CHECK_INT(copy->range_end, 0);
    CHECK(file->filename.data == NULL && file->file_pos == 0);
    CHECK(info->acl.data == NULL);
    CHECK(checkpoint->parts != NULL);
    CHECK_INT(checkpoint->parts[9999].index, 0);
    CHECK_EMPTY(checkpoint->upload_id);
    CHECK(oss_create_api_result_content(p, 4) == NULL);
}

static void test_bucket_rules(aos_pool_t *p) {
    oss_lifecycle_rule_content_t *rule = oss_create_lifecycle_rule_content(p);
    oss_cors_rule_t *cors = oss_create_cors_rule(p);
    oss_logging_config_content_t *logging = oss_create_logging_rule_content(p);
    oss_referer_config_t refer_config;
    oss_referer_t *refer;
    oss_sub_cors_rule_t *sub;
    char origin[] = "*";

    CHECK(rule && cors && logging);
    CHECK_INT(rule->days, INT_MAX);
    CHECK_INT(rule->abort_multipart_upload_dt.days, INT_MAX);
    CHECK_EMPTY(rule->abort_multipart_upload_dt.created_before_date);
    CHECK_EMPTY(rule->id);
    CHECK(aos_list_empty(&rule->tag_list));
    CHECK_INT(cors->max_age_seconds, INT_MAX);
    CHECK(aos_list_empty(&cors->allowed_origin_list) && aos_list_empty(&cors->expose_head_list));
    oss_create_sub_cors_rule(p, &cors->allowed_origin_list, origin);
    sub = aos_list_get_first(&cors->allowed_origin_list, oss_sub_cors_rule_t, node);
    CHECK(sub != NULL && sub->rule.data == origin && sub->rule.len == 1);
    oss_create_sub_cors_rule(p, NULL, origin);
    CHECK_INT(logging->logging_enabled, 0);
    CHECK_EMPTY(logging->target_bucket);

    aos_list_init(&refer_config.referer_list);
    refer_config.allow_empty_referer = 1;
    refer = oss_create_and_add_refer(p, &refer_config, "http://example.com");
    CHECK(refer != NULL && refer->referer.len == 18);
    CHECK(aos_list_get_last(&refer_config.referer_list, oss_referer_t, node) == refer);
    CHECK(oss_create_and_add_refer(p, NULL, "x") == NULL);
}

static void test_live_and_select(aos_pool_t *p) {
    oss_live_channel_configuration_t *conf = oss_create_live_channel_configuration_content(p);
    oss_list_live_channel_params_t *list = oss_create_list_live_channel_params(p);
    oss_live_channel_content_t *channel = oss_create_list_live_channel_content(p);
    oss_live_channel_publish_url_t *pub = oss_create_live_channel_publish_url(p);
    oss_live_channel_play_url_t *play = oss_create_live_channel_play_url(p);
    oss_live_record_content_t *rec = oss_create_live_record_content(p);
    oss_select_object_params_t *sel = oss_create_select_object_params(p);
    oss_select_object_meta_params_t *meta = oss_create_select_object_meta_params(p);

    CHECK(conf && list && channel && pub && play && rec && sel && meta);
    CHECK(strncmp(conf->status.data, "enabled", (size_t)conf->status.len) == 0 && conf->status.len == 7);
    CHECK(conf->target.type.len == 3 && strncmp(conf->target.type.data, "HLS", 3) == 0);
    CHECK_INT(conf->target.play_list_name.len, 13);
    CHECK_INT(conf->target.frag_duration, LIVE_CHANNEL_DEFAULT_FRAG_DURATION);
    CHECK_INT(conf->target.frag_count, LIVE_CHANNEL_DEFAULT_FRAG_COUNT);
    CHECK_INT(list->max_keys, 1000);
    CHECK(aos_list_empty(&list->live_channel_list));
    CHECK(aos_list_empty(&channel->publish_url_list) && aos_list_empty(&channel->play_url_list));
    aos_list_add_tail(&pub->node, &channel->publish_url_list);
    aos_list_add_tail(&play->node, &channel->play_url_list);
    CHECK(!aos_list_empty(&channel->publish_url_list));
    CHECK_EMPTY(sel->input_param.range);
    CHECK_INT(sel->output_param.keep_all_columns, OSS_INVALID_VALUE);
    CHECK_INT(sel->output_param.output_header, AOS_FALSE);
    CHECK_INT(sel->option_param.skip_partial_data_record, AOS_FALSE);
    CHECK(meta->compression_type.len == 4 && strncmp(meta->compression_type.data, "None", 4) == 0);
    CHECK_INT(meta->over_write_if_existing, OSS_INVALID_VALUE);
}

static void test_names_transport_and_nulls(aos_pool_t *p) {
    aos_http_request_t *req = aos_http_request_create(p);
    aos_http_response_t *resp = aos_http_response_create(p);
    CHECK_STR(get_oss_acl_str(OSS_ACL_PUBLIC_READ_WRITE), "public-read-write");
    CHECK_STR(get_oss_acl_str(OSS_ACL_DEFAULT), "default");
    CHECK(get_oss_acl_str((oss_acl_e)17) == NULL);
    CHECK_STR(get_oss_storage_class_str(OSS_STORAGE_CLASS_COLD_ARCHIVE), "ColdArchive");
    CHECK(get_oss_storage_class_str(OSS_STORAGE_CLASS_BUTT) == NULL);
    CHECK_STR(get_oss_tier_type_str(OSS_TIER_BULK), "Bulk");

    CHECK(req != NULL && resp != NULL);
    CHECK_INT(req->method, HTTP_GET);
    CHECK(req->headers != NULL && aos_is_empty_table(req->headers));
    CHECK(req->query_params != NULL);
    CHECK(aos_list_empty(&req->body));
    CHECK(req->pool == p);
    CHECK_INT(resp->status, -1);
    CHECK(resp->headers != NULL && aos_list_empty(&resp->body));

    CHECK(oss_create_list_object_params(NULL) == NULL);
    CHECK(oss_create_complete_part_content(NULL) == NULL);
    CHECK(oss_create_lifecycle_rule_content(NULL) == NULL);
    CHECK(oss_create_select_object_params(NULL) == NULL);
    CHECK(oss_create_live_channel_configuration_content(NULL) == NULL);
    CHECK(oss_create_checkpoint_content(NULL) == NULL);
    CHECK(aos_http_request_create(NULL) == NULL);
}

static void test_global_pool(void) {
    CHECK_INT(aos_http_io_initialize("test_params", 0), AOSE_OK);
    CHECK(aos_global_pool != NULL);
    CHECK(aos_palloc(aos_global_pool, 16) != NULL);
    CHECK(aos_stderr_file != NULL);
    CHECK_INT(apr_file_puts("", aos_stderr_file), APR_SUCCESS);
    aos_http_io_deinitialize();
    CHECK(aos_global_pool != NULL);
}

int main(void) {
    aos_pool_t *p;
    aos_pool_create(&p, NULL);
    test_listing_params(p);
    test_content_elements(p);
    test_bucket_rules(p);
    test_live_and_select(p);
    test_names_transport_and_nulls(p);
    test_global_pool();
    aos_pool_destroy(p);
    return TEST_DONE();
}
