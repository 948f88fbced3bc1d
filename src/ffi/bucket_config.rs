//! The bucket configuration calls of `oss_api.h`: lifecycle, CORS, referer, website, logging and
//! storage capacity. A put reads the caller's official structs and lists into the core's rules
//! (the official "not set" INT_MAX kept as not set) and sends them as the official SDK does — an
//! empty rule list included, which the server refuses (MalformedXML) and we pass on. A get fills
//! the caller's struct or appends to the caller's list, in `options->pool`, only once the whole
//! answer has been read: a document that does not parse leaves them untouched.

use std::ffi::{c_int, c_long};

use super::bucket::invalid;
use super::bucket_rules::{
    oss_cors_rule_t, oss_lifecycle_rule_content_t, oss_logging_config_content_t, oss_referer_config_t, oss_referer_t,
    oss_sub_cors_rule_t, oss_website_config_t,
};
use super::config::oss_request_options_t;
use super::list::aos_list_t;
use super::listing::push;
use super::object_manage::{push_tags, tags_of};
use super::pool::aos_pool_t;
use super::request::{text, Call};
use super::status::aos_status_t;
use super::string::aos_string_t;
use super::table::aos_table_t;
use crate::client::Client;
use crate::ops::bucket_config::{self as config, Kind};
use crate::outcome::{Failure, Outcome};
use crate::xml::bucket_config::{CorsRule, Expiry, LifecycleRule, LoggingConfig, RefererConfig, WebsiteConfig};

/// The official "not set" for days and ages.
fn unset_is_none(value: c_int) -> Option<i32> {
    (value != c_int::MAX).then_some(value)
}

/// Runs a configuration call on `bucket` (checked first) behind the boundary.
///
/// # Safety
/// Every pointer argument is NULL or valid for the call (an entry point's contract).
unsafe fn on_bucket(
    name: &'static str,
    options: *const oss_request_options_t,
    bucket: *const aos_string_t,
    resp_headers: *mut *mut aos_table_t,
    op: impl FnOnce(&aos_pool_t, &Client, &str) -> Outcome,
) -> *mut aos_status_t {
    // SAFETY: this function's contract.
    unsafe { Call::new(name, options, resp_headers).on_bucket(bucket, |call, client, b| op(call.pool(), client, b)) }
}

/// The entries of an official list, each cast to its struct (`node` is every entry's first field).
///
/// # Safety
/// `list` is an initialised list of `T`s.
unsafe fn entries<'a, T: 'a>(list: *const aos_list_t) -> impl Iterator<Item = &'a T> {
    // SAFETY: this function's contract.
    unsafe { aos_list_t::nodes(list) }.map(|node| unsafe { &*(node as *const T) })
}

/// The strings of a CORS rule's sub-list.
///
/// # Safety
/// `list` is an initialised list of `oss_sub_cors_rule_t`.
unsafe fn sub_rules(list: *const aos_list_t) -> Result<Vec<String>, Failure> {
    // SAFETY: this function's contract.
    unsafe { entries::<oss_sub_cors_rule_t>(list) }.map(|r| Ok(unsafe { text(&r.rule, "CORS rule") }?)).collect()
}

/// # Safety
/// `list` is an initialised list of lifecycle rules with readable strings and tag lists.
unsafe fn lifecycle_rules(list: *const aos_list_t) -> Result<Vec<LifecycleRule>, Failure> {
    let mut rules = Vec::new();
    // SAFETY: this function's contract.
    for r in unsafe { entries::<oss_lifecycle_rule_content_t>(list) } {
        // SAFETY: as above: strings and tag list of a valid rule.
        let rule = unsafe {
            LifecycleRule {
                id: text(&r.id, "rule id")?,
                prefix: text(&r.prefix, "rule prefix")?,
                status: text(&r.status, "rule status")?,
                expiration: Expiry {
                    days: unset_is_none(r.days),
                    date: text(&r.date, "rule date")?,
                    created_before_date: text(&r.created_before_date, "rule date")?,
                },
                abort_multipart: Expiry {
                    days: unset_is_none(r.abort_multipart_upload_dt.days),
                    date: String::new(),
                    created_before_date: text(&r.abort_multipart_upload_dt.created_before_date, "rule date")?,
                },
                tags: tags_of(&r.tag_list)?,
            }
        };
        rules.push(rule);
    }
    Ok(rules)
}

/// Replaces the bucket's lifecycle rules with `lifecycle_rule_list` (`oss_lifecycle_rule_content_t`s).
#[no_mangle]
pub unsafe extern "C" fn oss_put_bucket_lifecycle(
    options: *const oss_request_options_t,
    bucket: *const aos_string_t,
    lifecycle_rule_list: *mut aos_list_t,
    resp_headers: *mut *mut aos_table_t,
) -> *mut aos_status_t {
    // SAFETY: every pointer argument is NULL or valid for the call (this function's contract).
    unsafe {
        on_bucket("oss_put_bucket_lifecycle", options, bucket, resp_headers, |_, client, bucket| {
            if lifecycle_rule_list.is_null() {
                return Err(invalid("no lifecycle rule list given"));
            }
            let rules = lifecycle_rules(lifecycle_rule_list)?;
            config::put_lifecycle(client, &mut client.session()?, bucket, &rules)
        })
    }
}

/// Appends the bucket's lifecycle rules to `lifecycle_rule_list` (an initialised list), as
/// `oss_create_lifecycle_rule_content` makes them, in the server's order.
#[no_mangle]
pub unsafe extern "C" fn oss_get_bucket_lifecycle(
    options: *const oss_request_options_t,
    bucket: *const aos_string_t,
    lifecycle_rule_list: *mut aos_list_t,
    resp_headers: *mut *mut aos_table_t,
) -> *mut aos_status_t {
    // SAFETY: every pointer argument is NULL or valid for the call (this function's contract).
    unsafe {
        on_bucket("oss_get_bucket_lifecycle", options, bucket, resp_headers, |pool, client, bucket| {
            if lifecycle_rule_list.is_null() {
                return Err(invalid("no lifecycle rule list given"));
            }
            let (answer, rules) = config::get_lifecycle(client, &mut client.session()?, bucket)?;
            for rule in &rules {
                fill_lifecycle_rule(
                    pool,
                    push(pool, lifecycle_rule_list, |e: &mut oss_lifecycle_rule_content_t| &mut e.node)?,
                    rule,
                )?;
            }
            Ok(answer)
        })
    }
}

/// One rule, field by field; "not set" days are INT_MAX as the official constructor leaves them.
fn fill_lifecycle_rule(
    pool: &aos_pool_t,
    entry: &mut oss_lifecycle_rule_content_t,
    rule: &LifecycleRule,
) -> Result<(), Failure> {
    let string = |s: &str| aos_string_t::from_pool(pool, s);
    entry.id = string(&rule.id);
    entry.prefix = string(&rule.prefix);
    entry.status = string(&rule.status);
    entry.days = rule.expiration.days.unwrap_or(c_int::MAX);
    entry.date = string(&rule.expiration.date);
    entry.created_before_date = string(&rule.expiration.created_before_date);
    entry.abort_multipart_upload_dt.days = rule.abort_multipart.days.unwrap_or(c_int::MAX);
    entry.abort_multipart_upload_dt.created_before_date = string(&rule.abort_multipart.created_before_date);
    entry.tag_list.make_empty();
    // SAFETY: the tag list was just initialised.
    unsafe { push_tags(pool, &mut entry.tag_list, &rule.tags) }
}

/// Removes the bucket's lifecycle rules.
#[no_mangle]
pub unsafe extern "C" fn oss_delete_bucket_lifecycle(
    options: *const oss_request_options_t,
    bucket: *const aos_string_t,
    resp_headers: *mut *mut aos_table_t,
) -> *mut aos_status_t {
    // SAFETY: every pointer argument is NULL or valid for the call (this function's contract).
    unsafe { delete(options, bucket, resp_headers, "oss_delete_bucket_lifecycle", Kind::Lifecycle) }
}

/// # Safety
/// Every pointer argument is NULL or valid for the call (an entry point's contract).
unsafe fn delete(
    options: *const oss_request_options_t,
    bucket: *const aos_string_t,
    resp_headers: *mut *mut aos_table_t,
    name: &'static str,
    kind: Kind,
) -> *mut aos_status_t {
    // SAFETY: this function's contract.
    unsafe {
        on_bucket(name, options, bucket, resp_headers, |_, client, bucket| {
            config::delete_config(client, &mut client.session()?, bucket, kind)
        })
    }
}

/// Replaces the bucket's CORS rules with `rule_list` (`oss_cors_rule_t`s).
#[no_mangle]
pub unsafe extern "C" fn oss_put_bucket_cors(
    options: *const oss_request_options_t,
    bucket: *const aos_string_t,
    rule_list: *mut aos_list_t,
    resp_headers: *mut *mut aos_table_t,
) -> *mut aos_status_t {
    // SAFETY: every pointer argument is NULL or valid for the call (this function's contract).
    unsafe {
        on_bucket("oss_put_bucket_cors", options, bucket, resp_headers, |_, client, bucket| {
            if rule_list.is_null() {
                return Err(invalid("no CORS rule list given"));
            }
            let mut rules = Vec::new();
            for r in entries::<oss_cors_rule_t>(rule_list) {
                rules.push(CorsRule {
                    allowed_origins: sub_rules(&r.allowed_origin_list)?,
                    allowed_methods: sub_rules(&r.allowed_method_list)?,
                    allowed_headers: sub_rules(&r.allowed_head_list)?,
                    expose_headers: sub_rules(&r.expose_head_list)?,
                    max_age_seconds: unset_is_none(r.max_age_seconds),
                });
            }
            config::put_cors(client, &mut client.session()?, bucket, &rules)
        })
    }
}

/// Appends the bucket's CORS rules to `rule_list` (an initialised list) as `oss_cors_rule_t`s.
#[no_mangle]
pub unsafe extern "C" fn oss_get_bucket_cors(
    options: *const oss_request_options_t,
    bucket: *const aos_string_t,
    rule_list: *mut aos_list_t,
    resp_headers: *mut *mut aos_table_t,
) -> *mut aos_status_t {
    // SAFETY: every pointer argument is NULL or valid for the call (this function's contract).
    unsafe {
        on_bucket("oss_get_bucket_cors", options, bucket, resp_headers, |pool, client, bucket| {
            if rule_list.is_null() {
                return Err(invalid("no CORS rule list given"));
            }
            let (answer, rules) = config::get_cors(client, &mut client.session()?, bucket)?;
            for rule in &rules {
                let entry = push::<oss_cors_rule_t>(pool, rule_list, |e| &mut e.node)?;
                entry.max_age_seconds = rule.max_age_seconds.unwrap_or(c_int::MAX);
                for (list, values) in [
                    (&mut entry.allowed_origin_list, &rule.allowed_origins),
                    (&mut entry.allowed_method_list, &rule.allowed_methods),
                    (&mut entry.allowed_head_list, &rule.allowed_headers),
                    (&mut entry.expose_head_list, &rule.expose_headers),
                ] {
                    list.make_empty();
                    for value in values {
                        push::<oss_sub_cors_rule_t>(pool, list, |e| &mut e.node)?.rule =
                            aos_string_t::from_pool(pool, value);
                    }
                }
            }
            Ok(answer)
        })
    }
}

/// Removes the bucket's CORS rules.
#[no_mangle]
pub unsafe extern "C" fn oss_delete_bucket_cors(
    options: *const oss_request_options_t,
    bucket: *const aos_string_t,
    resp_headers: *mut *mut aos_table_t,
) -> *mut aos_status_t {
    // SAFETY: every pointer argument is NULL or valid for the call (this function's contract).
    unsafe { delete(options, bucket, resp_headers, "oss_delete_bucket_cors", Kind::Cors) }
}

/// Replaces the bucket's referer whitelist (OSS has no delete: put an empty list).
#[no_mangle]
pub unsafe extern "C" fn oss_put_bucket_referer(
    options: *const oss_request_options_t,
    bucket: *const aos_string_t,
    referer_config: *mut oss_referer_config_t,
    resp_headers: *mut *mut aos_table_t,
) -> *mut aos_status_t {
    // SAFETY: every pointer argument is NULL or valid for the call (this function's contract).
    unsafe {
        on_bucket("oss_put_bucket_referer", options, bucket, resp_headers, |_, client, bucket| {
            let c = referer_config.as_ref().ok_or_else(|| invalid("no referer_config given"))?;
            let referers = entries::<oss_referer_t>(&c.referer_list)
                .map(|r| Ok(text(&r.referer, "referer")?))
                .collect::<Result<_, Failure>>()?;
            let config = RefererConfig { allow_empty: c.allow_empty_referer != 0, referers };
            config::put_referer(client, &mut client.session()?, bucket, &config)
        })
    }
}

/// The bucket's referer configuration into `*referer_config`: `allow_empty_referer` set, the
/// referers appended to its (initialised) `referer_list`.
#[no_mangle]
pub unsafe extern "C" fn oss_get_bucket_referer(
    options: *const oss_request_options_t,
    bucket: *const aos_string_t,
    referer_config: *mut oss_referer_config_t,
    resp_headers: *mut *mut aos_table_t,
) -> *mut aos_status_t {
    // SAFETY: every pointer argument is NULL or valid for the call (this function's contract).
    unsafe {
        on_bucket("oss_get_bucket_referer", options, bucket, resp_headers, |pool, client, bucket| {
            let out = referer_config.as_mut().ok_or_else(|| invalid("no referer_config given"))?;
            let (answer, config) = config::get_referer(client, &mut client.session()?, bucket)?;
            out.allow_empty_referer = c_int::from(config.allow_empty);
            for referer in &config.referers {
                push::<oss_referer_t>(pool, &mut out.referer_list, |e| &mut e.node)?.referer =
                    aos_string_t::from_pool(pool, referer);
            }
            Ok(answer)
        })
    }
}

/// Sets the bucket's static website: index suffix and (if not empty) error document.
#[no_mangle]
pub unsafe extern "C" fn oss_put_bucket_website(
    options: *const oss_request_options_t,
    bucket: *const aos_string_t,
    website_config: *mut oss_website_config_t,
    resp_headers: *mut *mut aos_table_t,
) -> *mut aos_status_t {
    // SAFETY: every pointer argument is NULL or valid for the call (this function's contract).
    unsafe {
        on_bucket("oss_put_bucket_website", options, bucket, resp_headers, |_, client, bucket| {
            let c = website_config.as_ref().ok_or_else(|| invalid("no website_config given"))?;
            let config = WebsiteConfig {
                suffix: text(&c.suffix_str, "index suffix")?,
                error_key: text(&c.key_str, "error key")?,
            };
            config::put_website(client, &mut client.session()?, bucket, &config)
        })
    }
}

/// The bucket's index suffix and error document key into `*website_config`.
#[no_mangle]
pub unsafe extern "C" fn oss_get_bucket_website(
    options: *const oss_request_options_t,
    bucket: *const aos_string_t,
    website_config: *mut oss_website_config_t,
    resp_headers: *mut *mut aos_table_t,
) -> *mut aos_status_t {
    // SAFETY: every pointer argument is NULL or valid for the call (this function's contract).
    unsafe {
        on_bucket("oss_get_bucket_website", options, bucket, resp_headers, |pool, client, bucket| {
            let out = website_config.as_mut().ok_or_else(|| invalid("no website_config given"))?;
            let (answer, config) = config::get_website(client, &mut client.session()?, bucket)?;
            out.suffix_str = aos_string_t::from_pool(pool, &config.suffix);
            out.key_str = aos_string_t::from_pool(pool, &config.error_key);
            Ok(answer)
        })
    }
}

/// Removes the bucket's static website configuration.
#[no_mangle]
pub unsafe extern "C" fn oss_delete_bucket_website(
    options: *const oss_request_options_t,
    bucket: *const aos_string_t,
    resp_headers: *mut *mut aos_table_t,
) -> *mut aos_status_t {
    // SAFETY: every pointer argument is NULL or valid for the call (this function's contract).
    unsafe { delete(options, bucket, resp_headers, "oss_delete_bucket_website", Kind::Website) }
}

/// Turns access logging on, into `content->target_bucket` under `content->prefix`.
#[no_mangle]
pub unsafe extern "C" fn oss_put_bucket_logging(
    options: *const oss_request_options_t,
    bucket: *const aos_string_t,
    content: *mut oss_logging_config_content_t,
    resp_headers: *mut *mut aos_table_t,
) -> *mut aos_status_t {
    // SAFETY: every pointer argument is NULL or valid for the call (this function's contract).
    unsafe {
        on_bucket("oss_put_bucket_logging", options, bucket, resp_headers, |_, client, bucket| {
            let c = content.as_ref().ok_or_else(|| invalid("no logging content given"))?;
            let config = LoggingConfig {
                enabled: true,
                target_bucket: text(&c.target_bucket, "target bucket")?,
                prefix: text(&c.prefix, "logging prefix")?,
            };
            config::put_logging(client, &mut client.session()?, bucket, &config)
        })
    }
}

/// The bucket's logging configuration into `*logging_content`: when logging is on,
/// `logging_enabled` 1 with the target bucket and prefix; otherwise it is left as it was.
#[no_mangle]
pub unsafe extern "C" fn oss_get_bucket_logging(
    options: *const oss_request_options_t,
    bucket: *const aos_string_t,
    logging_content: *mut oss_logging_config_content_t,
    resp_headers: *mut *mut aos_table_t,
) -> *mut aos_status_t {
    // SAFETY: every pointer argument is NULL or valid for the call (this function's contract).
    unsafe {
        on_bucket("oss_get_bucket_logging", options, bucket, resp_headers, |pool, client, bucket| {
            let out = logging_content.as_mut().ok_or_else(|| invalid("no logging content given"))?;
            let (answer, config) = config::get_logging(client, &mut client.session()?, bucket)?;
            if config.enabled {
                out.logging_enabled = 1;
                out.target_bucket = aos_string_t::from_pool(pool, &config.target_bucket);
                out.prefix = aos_string_t::from_pool(pool, &config.prefix);
            }
            Ok(answer)
        })
    }
}

/// Turns the bucket's access logging off.
#[no_mangle]
pub unsafe extern "C" fn oss_delete_bucket_logging(
    options: *const oss_request_options_t,
    bucket: *const aos_string_t,
    resp_headers: *mut *mut aos_table_t,
) -> *mut aos_status_t {
    // SAFETY: every pointer argument is NULL or valid for the call (this function's contract).
    unsafe { delete(options, bucket, resp_headers, "oss_delete_bucket_logging", Kind::Logging) }
}

/// Sets the bucket's storage capacity in GB (−1: unlimited).
#[no_mangle]
pub unsafe extern "C" fn oss_put_bucket_storage_capacity(
    options: *const oss_request_options_t,
    bucket: *const aos_string_t,
    storage_capacity: c_long,
    resp_headers: *mut *mut aos_table_t,
) -> *mut aos_status_t {
    // SAFETY: every pointer argument is NULL or valid for the call (this function's contract).
    unsafe {
        on_bucket("oss_put_bucket_storage_capacity", options, bucket, resp_headers, |_, client, bucket| {
            #[allow(clippy::useless_conversion)] // `long` is 32 bits on some targets
            let capacity = i64::from(storage_capacity);
            config::put_storage_capacity(client, &mut client.session()?, bucket, capacity)
        })
    }
}

/// The bucket's storage capacity in GB into `*storage_capacity` (−1: unlimited).
#[no_mangle]
pub unsafe extern "C" fn oss_get_bucket_storage_capacity(
    options: *const oss_request_options_t,
    bucket: *const aos_string_t,
    storage_capacity: *mut c_long,
    resp_headers: *mut *mut aos_table_t,
) -> *mut aos_status_t {
    // SAFETY: every pointer argument is NULL or valid for the call (this function's contract).
    unsafe {
        on_bucket("oss_get_bucket_storage_capacity", options, bucket, resp_headers, |_, client, bucket| {
            let out = storage_capacity.as_mut().ok_or_else(|| invalid("no storage_capacity given"))?;
            let (answer, capacity) = config::get_storage_capacity(client, &mut client.session()?, bucket)?;
            #[allow(clippy::useless_conversion)] // `long` is 32 bits on some targets
            let capacity =
                c_long::try_from(capacity).map_err(|_| invalid("the storage capacity does not fit a long"))?;
            *out = capacity;
            Ok(answer)
        })
    }
}
