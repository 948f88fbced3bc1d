/* Configuration: oss_config_create (zeroed), oss_request_options_create (with and without a
 * pool), aos_http_controller_create and the defaults of aos_http_request_options_t,
 * aos_http_request_options_create, oss_config_resolve (proxy applied to a private copy), and
 * aos_set_default_request_options. */
#include "oss_api.h"
#include "aos_http_io.h"
#include "test_util.h"

static void check_defaults(const aos_http_request_options_t *o) {
    CHECK(o != NULL);
    if (o == NULL) {
        return;
    }
    CHECK_INT(o->speed_limit, 1024);
    CHECK_INT(o->speed_time, 15);
    CHECK_INT(o->dns_cache_timeout, 60);
    CHECK_INT(o->connect_timeout, 10);
    CHECK_INT(o->max_memory_size, 1024LL * 1024 * 1024);
    CHECK_INT(o->enable_crc, AOS_TRUE);
    CHECK(o->proxy_host == NULL);
    CHECK(o->proxy_auth == NULL);
    CHECK_INT(o->verify_ssl, AOS_TRUE);
    CHECK(o->ca_path == NULL);
    CHECK(o->ca_file == NULL);
    CHECK_INT(o->verify_object_strict, AOS_TRUE);
}

/* What the SDK's samples (and the seed program) do. */
static void init_options(oss_request_options_t *options) {
    options->config = oss_config_create(options->pool);
    aos_str_set(&options->config->endpoint, "oss-cn-hangzhou.aliyuncs.com");
    aos_str_set(&options->config->access_key_id, "<yourAccessKeyId>");
    aos_str_set(&options->config->access_key_secret, "<yourAccessKeySecret>");
    options->config->is_cname = 0;
    options->ctl = aos_http_controller_create(options->pool, 0);
}

static void test_sample_flow(void) {
    aos_pool_t *pool;
    oss_request_options_t *options;
    const oss_config_t *c;
    const unsigned char *bytes;
    size_t i;
    int zero = 1;

    aos_pool_create(&pool, NULL);
    options = oss_request_options_create(pool);
    CHECK(options != NULL);
    CHECK(options->pool == pool);
    CHECK(options->config == NULL && options->ctl == NULL);

    init_options(options);
    c = options->config;
    CHECK_INT(c->endpoint.len, 28);
    CHECK_INT(c->signature_version, 0);
    CHECK(c->sts_token.data == NULL && c->region.data == NULL && c->cloudbox_id.data == NULL);
    CHECK(c->proxy_host.data == NULL && c->proxy_port == 0);

    CHECK(options->ctl != NULL);
    CHECK(options->ctl->pool == pool);
    CHECK_INT(options->ctl->owner, 0);
    CHECK(options->ctl->user_data == NULL);
    CHECK(options->ctl->start_time == 0 && options->ctl->first_byte_time == 0 && options->ctl->finish_time == 0);
    CHECK(aos_http_controller_get_reason(options->ctl) == NULL);
    check_defaults(options->ctl->options);

    /* A fresh config is all zeroes. */
    bytes = (const unsigned char *)oss_config_create(pool);
    for (i = 0; i < sizeof(oss_config_t); i++) {
        zero &= bytes[i] == 0;
    }
    CHECK(zero);
    CHECK(oss_config_create(NULL) == NULL);
    CHECK_INT(aos_http_controller_create(pool, 1)->owner, 1);
    aos_pool_destroy(pool);
}

static void test_options_without_pool(void) {
    oss_request_options_t *options = oss_request_options_create(NULL);
    aos_http_controller_t *ctl;
    CHECK(options != NULL && options->pool != NULL);
    ctl = aos_http_controller_create(NULL, 1);
    CHECK(ctl != NULL && ctl->pool != NULL);
    /* The caller owns the pools made for it. */
    aos_pool_destroy(ctl->pool);
    aos_pool_destroy(options->pool);
}

static void test_own_request_options(void) {
    aos_pool_t *pool;
    aos_http_controller_t *ctl, *other;
    aos_http_request_options_t *mine;
    aos_pool_create(&pool, NULL);
    ctl = aos_http_controller_create(pool, 0);
    other = aos_http_controller_create(pool, 0);
    CHECK(ctl->options == other->options); /* both share the process-wide defaults */

    mine = aos_http_request_options_create(pool);
    check_defaults(mine);
    CHECK(mine != ctl->options);
    mine->connect_timeout = 3;
    ctl->options = mine;
    CHECK_INT(other->options->connect_timeout, 10);
    CHECK(aos_http_request_options_create(NULL) == NULL);

    /* New controllers point at the options set as default, until reset with NULL. */
    aos_set_default_request_options(mine);
    CHECK(aos_http_controller_create(pool, 0)->options == mine);
    aos_set_default_request_options(NULL);
    check_defaults(aos_http_controller_create(pool, 0)->options);
    aos_pool_destroy(pool);
}

static void test_resolve_proxy(void) {
    aos_pool_t *pool;
    oss_config_t *config;
    aos_http_controller_t *ctl, *other;
    aos_pool_create(&pool, NULL);
    config = oss_config_create(pool);
    ctl = aos_http_controller_create(pool, 0);
    other = aos_http_controller_create(pool, 0);

    oss_config_resolve(pool, config, ctl); /* no proxy: nothing changes */
    CHECK(ctl->options->proxy_host == NULL);

    aos_str_set(&config->proxy_host, "proxy.example");
    oss_config_resolve(pool, config, ctl);
    CHECK_STR(ctl->options->proxy_host, "proxy.example");
    CHECK(ctl->options->proxy_auth == NULL);

    config->proxy_port = 3128;
    aos_str_set(&config->proxy_user, "user");
    aos_str_set(&config->proxy_passwd, "pass");
    oss_config_resolve(pool, config, ctl);
    CHECK_STR(ctl->options->proxy_host, "proxy.example:3128");
    CHECK_STR(ctl->options->proxy_auth, "user:pass");
    CHECK_INT(ctl->options->connect_timeout, 10); /* the copy keeps the other settings */

    /* The shared defaults were not touched. */
    CHECK(other->options->proxy_host == NULL);
    CHECK(aos_http_controller_create(pool, 0)->options->proxy_host == NULL);

    oss_config_resolve(NULL, config, ctl);
    oss_config_resolve(pool, NULL, ctl);
    oss_config_resolve(pool, config, NULL);
    aos_pool_destroy(pool);
}

int main(void) {
    test_sample_flow();
    test_options_without_pool();
    test_own_request_options();
    test_resolve_proxy();
    return TEST_DONE();
}
