//! Live-channel (RTMP ingest) structs, laid out as the official `oss_define.h` declares them, and
//! their `oss_create_*` constructors (a new channel configuration gets the official defaults:
//! enabled, HLS, `playlist.m3u8`, 5-second fragments, 3 per playlist).

#![deny(unsafe_op_in_unsafe_fn)]

use std::ffi::c_int;

use super::boundary::{entry, try_ref, try_some};
use super::list::aos_list_t;
use super::pool::aos_pool_t;
use super::pool_value::{empty_string, static_string, zeroed_in, ZeroValid};
use super::string::aos_string_t;

/// Where a live channel writes: type (HLS), fragment duration and count, playlist name.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct oss_live_channel_target_t {
    pub r#type: aos_string_t,
    pub frag_duration: i32,
    pub frag_count: i32,
    pub play_list_name: aos_string_t,
}
// SAFETY: integers, raw pointers, strings and lists: all-zero is a valid value.
unsafe impl ZeroValid for oss_live_channel_target_t {}

/// A live channel's name, description, status and target.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct oss_live_channel_configuration_t {
    pub name: aos_string_t,
    pub description: aos_string_t,
    pub status: aos_string_t,
    pub target: oss_live_channel_target_t,
}
// SAFETY: integers, raw pointers, strings and lists: all-zero is a valid value.
unsafe impl ZeroValid for oss_live_channel_configuration_t {}

/// One publish URL of a live channel (a list of these).
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct oss_live_channel_publish_url_t {
    pub node: aos_list_t,
    pub publish_url: aos_string_t,
}
// SAFETY: integers, raw pointers, strings and lists: all-zero is a valid value.
unsafe impl ZeroValid for oss_live_channel_publish_url_t {}

/// One play URL of a live channel (a list of these).
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct oss_live_channel_play_url_t {
    pub node: aos_list_t,
    pub play_url: aos_string_t,
}
// SAFETY: integers, raw pointers, strings and lists: all-zero is a valid value.
unsafe impl ZeroValid for oss_live_channel_play_url_t {}

/// Video statistics of a live stream.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct oss_video_stat_t {
    pub width: i32,
    pub height: i32,
    pub frame_rate: i32,
    pub band_width: i32,
    pub codec: aos_string_t,
}
// SAFETY: integers, raw pointers, strings and lists: all-zero is a valid value.
unsafe impl ZeroValid for oss_video_stat_t {}

/// Audio statistics of a live stream.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct oss_audio_stat_t {
    pub band_width: i32,
    pub sample_rate: i32,
    pub codec: aos_string_t,
}
// SAFETY: integers, raw pointers, strings and lists: all-zero is a valid value.
unsafe impl ZeroValid for oss_audio_stat_t {}

/// A live channel's push-flow status and stream statistics.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct oss_live_channel_stat_t {
    pub pushflow_status: aos_string_t,
    pub connected_time: aos_string_t,
    pub remote_addr: aos_string_t,
    pub video_stat: oss_video_stat_t,
    pub audio_stat: oss_audio_stat_t,
}
// SAFETY: integers, raw pointers, strings and lists: all-zero is a valid value.
unsafe impl ZeroValid for oss_live_channel_stat_t {}

/// One live channel of a listing (a list of these).
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct oss_live_channel_content_t {
    pub node: aos_list_t,
    pub name: aos_string_t,
    pub description: aos_string_t,
    pub status: aos_string_t,
    pub last_modified: aos_string_t,
    pub publish_url_list: aos_list_t,
    pub play_url_list: aos_list_t,
}
// SAFETY: integers, raw pointers, strings and lists: all-zero is a valid value.
unsafe impl ZeroValid for oss_live_channel_content_t {}

/// Input and output of a live-channel listing.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct oss_list_live_channel_params_t {
    pub prefix: aos_string_t,
    pub marker: aos_string_t,
    pub max_keys: c_int,
    pub truncated: c_int,
    pub next_marker: aos_string_t,
    pub live_channel_list: aos_list_t,
}
// SAFETY: integers, raw pointers, strings and lists: all-zero is a valid value.
unsafe impl ZeroValid for oss_list_live_channel_params_t {}

/// One push-stream record of a live channel's history (a list of these).
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct oss_live_record_content_t {
    pub node: aos_list_t,
    pub start_time: aos_string_t,
    pub end_time: aos_string_t,
    pub remote_addr: aos_string_t,
}
// SAFETY: integers, raw pointers, strings and lists: all-zero is a valid value.
unsafe impl ZeroValid for oss_live_record_content_t {}

/// A zeroed publish URL in the pool with its `node` initialised, ready for `aos_list_add_tail`. NULL if
/// `p` is NULL or memory is exhausted.
#[no_mangle]
pub unsafe extern "C" fn oss_create_live_channel_publish_url(
    p: *mut aos_pool_t,
) -> *mut oss_live_channel_publish_url_t {
    entry("oss_create_live_channel_publish_url", || {
        let value = try_some!(zeroed_in::<oss_live_channel_publish_url_t>(try_ref!(p)));
        value.node.make_empty();
        std::ptr::from_mut(value)
    })
}

/// A zeroed play URL in the pool with its `node` initialised, ready for `aos_list_add_tail`. NULL if
/// `p` is NULL or memory is exhausted.
#[no_mangle]
pub unsafe extern "C" fn oss_create_live_channel_play_url(p: *mut aos_pool_t) -> *mut oss_live_channel_play_url_t {
    entry("oss_create_live_channel_play_url", || {
        let value = try_some!(zeroed_in::<oss_live_channel_play_url_t>(try_ref!(p)));
        value.node.make_empty();
        std::ptr::from_mut(value)
    })
}

/// A zeroed record entry in the pool with its `node` initialised, ready for `aos_list_add_tail`. NULL if
/// `p` is NULL or memory is exhausted.
#[no_mangle]
pub unsafe extern "C" fn oss_create_live_record_content(p: *mut aos_pool_t) -> *mut oss_live_record_content_t {
    entry("oss_create_live_record_content", || {
        let value = try_some!(zeroed_in::<oss_live_record_content_t>(try_ref!(p)));
        value.node.make_empty();
        std::ptr::from_mut(value)
    })
}

/// A live-channel listing entry: its `node` and both URL lists initialised. NULL if `p` is NULL or
/// memory is exhausted.
#[no_mangle]
pub unsafe extern "C" fn oss_create_list_live_channel_content(p: *mut aos_pool_t) -> *mut oss_live_channel_content_t {
    entry("oss_create_list_live_channel_content", || {
        let value = try_some!(zeroed_in::<oss_live_channel_content_t>(try_ref!(p)));
        value.node.make_empty();
        value.publish_url_list.make_empty();
        value.play_url_list.make_empty();
        std::ptr::from_mut(value)
    })
}

/// Live-channel listing parameters: empty prefix and marker, `max_keys` 1000, `truncated` 1, an
/// empty channel list. NULL if `p` is NULL or memory is exhausted.
#[no_mangle]
pub unsafe extern "C" fn oss_create_list_live_channel_params(
    p: *mut aos_pool_t,
) -> *mut oss_list_live_channel_params_t {
    entry("oss_create_list_live_channel_params", || {
        let value = try_some!(zeroed_in::<oss_list_live_channel_params_t>(try_ref!(p)));
        value.prefix = empty_string();
        value.marker = empty_string();
        value.max_keys = 1000;
        value.truncated = 1;
        value.live_channel_list.make_empty();
        std::ptr::from_mut(value)
    })
}

/// A channel configuration with the official defaults: empty name and description, status
/// "enabled", target HLS, `playlist.m3u8`, fragment duration 5, fragment count 3. NULL if `p` is
/// NULL or memory is exhausted.
#[no_mangle]
pub unsafe extern "C" fn oss_create_live_channel_configuration_content(
    p: *mut aos_pool_t,
) -> *mut oss_live_channel_configuration_t {
    entry("oss_create_live_channel_configuration_content", || {
        let value = try_some!(zeroed_in::<oss_live_channel_configuration_t>(try_ref!(p)));
        value.name = empty_string();
        value.description = empty_string();
        value.status = static_string(c"enabled");
        value.target.r#type = static_string(c"HLS");
        value.target.play_list_name = static_string(c"playlist.m3u8");
        value.target.frag_duration = 5;
        value.target.frag_count = 3;
        std::ptr::from_mut(value)
    })
}
