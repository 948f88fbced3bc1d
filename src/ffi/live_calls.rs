//! The live-channel calls of `oss_api.h` (the structs are in `live.rs`): create, status, info,
//! stat, history, list, delete, the VOD playlist, and the signed RTMP push URL.

use std::ffi::{c_char, c_int};
use std::ptr;

use super::bucket::invalid;
use super::config::{oss_request_options_t, read_request_options};
use super::list::aos_list_t;
use super::listing::push;
use super::live::{
    oss_list_live_channel_params_t, oss_live_channel_configuration_t, oss_live_channel_content_t,
    oss_live_channel_play_url_t, oss_live_channel_publish_url_t, oss_live_channel_stat_t, oss_live_record_content_t,
};
use super::pool::aos_pool_t;
use super::request::{result_pool, text, Call};
use super::status::aos_status_t;
use super::string::aos_string_t;
use super::table::aos_table_t;
use crate::client::Client;
use crate::ops::live::{self, ChannelListRequest};
use crate::outcome::{Failure, Outcome};
use crate::sign::rtmp::{self, RtmpUrlInput};
use crate::xml::live::{ChannelUrls, LiveConfig, LiveTarget};

/// Runs a call on `bucket` (checked first) and the channel `name` (UTF-8, non-empty).
///
/// # Safety
/// Every pointer argument is NULL or valid for the call (an entry point's contract).
unsafe fn on_channel(
    (call_name, options, resp_headers): (&'static str, *const oss_request_options_t, *mut *mut aos_table_t),
    bucket: *const aos_string_t,
    name: *const aos_string_t,
    op: impl FnOnce(&aos_pool_t, &Client, &str, &str) -> Outcome,
) -> *mut aos_status_t {
    // SAFETY: this function's contract.
    unsafe {
        Call::new(call_name, options, resp_headers).on_bucket(bucket, |call, client, bucket| {
            let name = text(name, "live channel name")?;
            op(call.pool(), client, bucket, &name)
        })
    }
}

/// Appends URLs to an official URL list.
///
/// # Safety
/// `list` is an initialised list (or NULL: nothing is appended).
unsafe fn push_urls<T: super::pool_value::ZeroValid>(
    pool: &aos_pool_t,
    list: *mut aos_list_t,
    urls: &[String],
    node: impl Fn(&mut T) -> &mut aos_list_t,
    url: impl Fn(&mut T) -> &mut aos_string_t,
) -> Result<(), Failure> {
    if list.is_null() {
        return Ok(());
    }
    for u in urls {
        // SAFETY: this function's contract.
        *url(unsafe { push::<T>(pool, list, &node) }?) = aos_string_t::from_pool(pool, u);
    }
    Ok(())
}

/// # Safety
/// Both lists are NULL or initialised.
unsafe fn fill_urls(
    pool: &aos_pool_t,
    urls: &ChannelUrls,
    publish: *mut aos_list_t,
    play: *mut aos_list_t,
) -> Result<(), Failure> {
    // SAFETY: this function's contract.
    unsafe {
        push_urls::<oss_live_channel_publish_url_t>(
            pool,
            publish,
            &urls.publish,
            |e| &mut e.node,
            |e| &mut e.publish_url,
        )?;
        push_urls::<oss_live_channel_play_url_t>(pool, play, &urls.play, |e| &mut e.node, |e| &mut e.play_url)
    }
}

/// Creates (or reconfigures) the channel `config->name`; its publish (RTMP) and play (HLS) URLs
/// are appended to `publish_url_list` and `play_url_list` (initialised lists, or NULL).
#[no_mangle]
pub unsafe extern "C" fn oss_create_live_channel(
    options: *const oss_request_options_t,
    bucket: *const aos_string_t,
    config: *mut oss_live_channel_configuration_t,
    publish_url_list: *mut aos_list_t,
    play_url_list: *mut aos_list_t,
    resp_headers: *mut *mut aos_table_t,
) -> *mut aos_status_t {
    // SAFETY: every pointer argument is NULL or valid for the call (this function's contract).
    unsafe {
        Call::new("oss_create_live_channel", options, resp_headers).on_bucket(bucket, |call, client, bucket| {
            let c = config.as_ref().ok_or_else(|| invalid("no live channel configuration given"))?;
            let name = text(&c.name, "live channel name")?;
            let live_config = LiveConfig {
                description: text(&c.description, "description")?,
                status: text(&c.status, "status")?,
                target: LiveTarget {
                    kind: text(&c.target.r#type, "target type")?,
                    frag_duration: c.target.frag_duration,
                    frag_count: c.target.frag_count,
                    playlist_name: text(&c.target.play_list_name, "playlist name")?,
                },
            };
            let (answer, urls) =
                live::create_live_channel(client, &mut client.session()?, bucket, &name, &live_config)?;
            fill_urls(call.pool(), &urls, publish_url_list, play_url_list)?;
            Ok(answer)
        })
    }
}

/// Enables or disables a channel (`live_channel_status`: "enabled" or "disabled").
#[no_mangle]
pub unsafe extern "C" fn oss_put_live_channel_status(
    options: *const oss_request_options_t,
    bucket: *const aos_string_t,
    live_channel: *const aos_string_t,
    live_channel_status: *const aos_string_t,
    resp_headers: *mut *mut aos_table_t,
) -> *mut aos_status_t {
    let call = ("oss_put_live_channel_status", options, resp_headers);
    // SAFETY: every pointer argument is NULL or valid for the call (this function's contract).
    unsafe {
        on_channel(call, bucket, live_channel, |_, client, bucket, name| {
            let status = text(live_channel_status, "live channel status")?;
            live::put_live_channel_status(client, &mut client.session()?, bucket, name, &status)
        })
    }
}

/// The channel's configuration into `*info` (its name set to `live_channel`).
#[no_mangle]
pub unsafe extern "C" fn oss_get_live_channel_info(
    options: *const oss_request_options_t,
    bucket: *const aos_string_t,
    live_channel: *const aos_string_t,
    info: *mut oss_live_channel_configuration_t,
    resp_headers: *mut *mut aos_table_t,
) -> *mut aos_status_t {
    let call = ("oss_get_live_channel_info", options, resp_headers);
    // SAFETY: every pointer argument is NULL or valid for the call (this function's contract).
    unsafe {
        on_channel(call, bucket, live_channel, |pool, client, bucket, name| {
            let out = info.as_mut().ok_or_else(|| invalid("no info given"))?;
            let (answer, config) = live::get_live_channel_info(client, &mut client.session()?, bucket, name)?;
            let string = |s: &str| aos_string_t::from_pool(pool, s);
            out.name = string(name);
            out.description = string(&config.description);
            out.status = string(&config.status);
            out.target.r#type = string(&config.target.kind);
            out.target.frag_duration = config.target.frag_duration;
            out.target.frag_count = config.target.frag_count;
            out.target.play_list_name = string(&config.target.playlist_name);
            Ok(answer)
        })
    }
}

/// The channel's push status and stream statistics into `*stat`.
#[no_mangle]
pub unsafe extern "C" fn oss_get_live_channel_stat(
    options: *const oss_request_options_t,
    bucket: *const aos_string_t,
    live_channel: *const aos_string_t,
    stat: *mut oss_live_channel_stat_t,
    resp_headers: *mut *mut aos_table_t,
) -> *mut aos_status_t {
    let call = ("oss_get_live_channel_stat", options, resp_headers);
    // SAFETY: every pointer argument is NULL or valid for the call (this function's contract).
    unsafe {
        on_channel(call, bucket, live_channel, |pool, client, bucket, name| {
            let out = stat.as_mut().ok_or_else(|| invalid("no stat given"))?;
            let (answer, s) = live::get_live_channel_stat(client, &mut client.session()?, bucket, name)?;
            let string = |v: &str| aos_string_t::from_pool(pool, v);
            out.pushflow_status = string(&s.status);
            out.connected_time = string(&s.connected_time);
            out.remote_addr = string(&s.remote_addr);
            out.video_stat.width = s.video.width;
            out.video_stat.height = s.video.height;
            out.video_stat.frame_rate = s.video.frame_rate;
            out.video_stat.band_width = s.video.bandwidth;
            out.video_stat.codec = string(&s.video.codec);
            out.audio_stat.band_width = s.audio.bandwidth;
            out.audio_stat.sample_rate = s.audio.sample_rate;
            out.audio_stat.codec = string(&s.audio.codec);
            Ok(answer)
        })
    }
}

/// Deletes a channel (404 NoSuchLiveChannel if there is none).
#[no_mangle]
pub unsafe extern "C" fn oss_delete_live_channel(
    options: *const oss_request_options_t,
    bucket: *const aos_string_t,
    live_channel: *const aos_string_t,
    resp_headers: *mut *mut aos_table_t,
) -> *mut aos_status_t {
    let call = ("oss_delete_live_channel", options, resp_headers);
    // SAFETY: every pointer argument is NULL or valid for the call (this function's contract).
    unsafe {
        on_channel(call, bucket, live_channel, |_, client, bucket, name| {
            live::delete_live_channel(client, &mut client.session()?, bucket, name)
        })
    }
}

/// Appends the channel's push sessions to `live_record_list` (an initialised list) as
/// `oss_live_record_content_t`s.
#[no_mangle]
pub unsafe extern "C" fn oss_get_live_channel_history(
    options: *const oss_request_options_t,
    bucket: *const aos_string_t,
    live_channel: *const aos_string_t,
    live_record_list: *mut aos_list_t,
    resp_headers: *mut *mut aos_table_t,
) -> *mut aos_status_t {
    let call = ("oss_get_live_channel_history", options, resp_headers);
    // SAFETY: every pointer argument is NULL or valid for the call (this function's contract).
    unsafe {
        on_channel(call, bucket, live_channel, |pool, client, bucket, name| {
            if live_record_list.is_null() {
                return Err(invalid("no live record list given"));
            }
            let (answer, records) = live::get_live_channel_history(client, &mut client.session()?, bucket, name)?;
            for r in &records {
                let entry = push::<oss_live_record_content_t>(pool, live_record_list, |e| &mut e.node)?;
                entry.start_time = aos_string_t::from_pool(pool, &r.start_time);
                entry.end_time = aos_string_t::from_pool(pool, &r.end_time);
                entry.remote_addr = aos_string_t::from_pool(pool, &r.remote_addr);
            }
            Ok(answer)
        })
    }
}

/// Lists channels after `params->marker` starting with `params->prefix`, at most
/// `params->max_keys`, appended to `params->live_channel_list` in the server's order (each
/// entry with its URL lists); `truncated` and `next_marker` say how to ask for more.
#[no_mangle]
pub unsafe extern "C" fn oss_list_live_channel(
    options: *const oss_request_options_t,
    bucket: *const aos_string_t,
    params: *mut oss_list_live_channel_params_t,
    resp_headers: *mut *mut aos_table_t,
) -> *mut aos_status_t {
    // SAFETY: every pointer argument is NULL or valid for the call (this function's contract).
    unsafe {
        Call::new("oss_list_live_channel", options, resp_headers).on_bucket(bucket, |call, client, bucket| {
            let params = params.as_mut().ok_or_else(|| invalid("no params given"))?;
            let list = ChannelListRequest {
                prefix: text(&params.prefix, "prefix")?,
                marker: text(&params.marker, "marker")?,
                max_keys: u32::try_from(params.max_keys).ok().filter(|&n| n > 0),
            };
            let (answer, page) = live::list_live_channels(client, &mut client.session()?, bucket, &list)?;
            let pool = call.pool();
            let string = |s: &str| aos_string_t::from_pool(pool, s);
            for c in &page.channels {
                let entry = push::<oss_live_channel_content_t>(pool, &mut params.live_channel_list, |e| &mut e.node)?;
                entry.name = string(&c.name);
                entry.description = string(&c.description);
                entry.status = string(&c.status);
                entry.last_modified = string(&c.last_modified);
                entry.publish_url_list.make_empty();
                entry.play_url_list.make_empty();
                fill_urls(pool, &c.urls, &mut entry.publish_url_list, &mut entry.play_url_list)?;
            }
            params.truncated = c_int::from(page.truncated);
            params.next_marker = string(&page.next_marker);
            Ok(answer)
        })
    }
}

/// Makes `<live_channel>/<play_list_name>` a VOD playlist of what was pushed between
/// `start_time` and `end_time` (seconds since the epoch).
#[no_mangle]
pub unsafe extern "C" fn oss_gen_vod_play_list(
    options: *const oss_request_options_t,
    bucket: *const aos_string_t,
    live_channel: *const aos_string_t,
    play_list_name: *const aos_string_t,
    start_time: i64,
    end_time: i64,
    resp_headers: *mut *mut aos_table_t,
) -> *mut aos_status_t {
    let call = ("oss_gen_vod_play_list", options, resp_headers);
    // SAFETY: every pointer argument is NULL or valid for the call (this function's contract).
    unsafe {
        on_channel(call, bucket, live_channel, |_, client, bucket, name| {
            let playlist = text(play_list_name, "playlist name")?;
            live::gen_vod_play_list(client, &mut client.session()?, bucket, name, &playlist, (start_time, end_time))
        })
    }
}

/// The signed RTMP URL to push to `live_channel` (see `sign::rtmp`), a string in
/// `options->pool`; NULL if an argument is missing or invalid (the official SDK returns NULL on
/// failure too).
#[no_mangle]
pub unsafe extern "C" fn oss_gen_rtmp_signed_url(
    options: *const oss_request_options_t,
    bucket: *const aos_string_t,
    live_channel: *const aos_string_t,
    play_list_name: *const aos_string_t,
    expires: i64,
) -> *mut c_char {
    super::boundary::entry("oss_gen_rtmp_signed_url", || {
        // SAFETY: every pointer argument is NULL or valid for the call (this function's contract).
        let url = unsafe { rtmp_url(options, bucket, live_channel, play_list_name, expires) };
        match url {
            // SAFETY: options (and its pool) were checked non-NULL and valid by `rtmp_url`.
            Some(url) => unsafe { result_pool(options) }.strdup(&url),
            None => ptr::null_mut(),
        }
    })
}

/// # Safety
/// Every pointer argument is NULL or valid.
unsafe fn rtmp_url(
    options: *const oss_request_options_t,
    bucket: *const aos_string_t,
    live_channel: *const aos_string_t,
    play_list_name: *const aos_string_t,
    expires: i64,
) -> Option<String> {
    // SAFETY: this function's contract.
    let (config, bucket, channel, playlist) = unsafe {
        options.as_ref()?.pool.as_ref()?;
        let config = read_request_options(options).ok()?;
        let playlist = text(play_list_name, "playlist name").ok()?;
        (config, text(bucket, "bucket").ok()?, text(live_channel, "channel").ok()?, playlist)
    };
    crate::names::validate_bucket(&bucket).ok()?;
    if channel.is_empty() {
        return None;
    }
    let client = Client::new(config).ok()?;
    let input = RtmpUrlInput {
        endpoint: &client.endpoint,
        is_cname: client.config.is_cname,
        access_key_id: &client.config.credentials.access_key_id,
        access_key_secret: &client.config.credentials.access_key_secret,
        bucket: &bucket,
        channel: &channel,
        playlist_name: &playlist,
        expires,
    };
    Some(rtmp::signed_url(&input))
}
