//! Live channels, configuration only (no RTMP ingest): PutLiveChannel, PutLiveChannelStatus,
//! GetLiveChannelInfo / Stat / History, ListLiveChannel, DeleteLiveChannel, PostVodPlaylist
//! and GetVodPlaylist. Channels live in the store; since nothing is ever pushed, a channel is
//! Idle (or Disabled), its history is empty and a VOD playlist has no segments.

use super::list::max_keys_param;
use super::live_xml::{self, ListPage};
use super::{method_not_allowed, OpContext};
use crate::errors::OssError;
use crate::http::body::BodyReader;
use crate::http::response::{Body, Response};
use crate::store::{ObjectAttrs, PutOptions};
use crate::xml;

const DEFAULT_MAX_KEYS: usize = 100;
/// OSS builds VOD playlists over at most a day of recording.
const MAX_VOD_SPAN_SECS: i64 = 86_400;
const PLAYLIST_TYPE: &str = "application/x-mpegURL";

fn host<'a>(ctx: &OpContext<'a>) -> &'a str {
    let head = ctx.head;
    head.header("host").unwrap_or("localhost")
}

/// A channel is named like an object, but without `/` (the VOD playlist path uses it).
fn check_channel_name(name: &str) -> Result<(), OssError> {
    if name.contains('/') {
        return Err(OssError::invalid_argument(format!("Invalid live channel name {name:?}: it cannot contain '/'."))
            .with_detail("ArgumentName", "ChannelName")
            .with_detail("ArgumentValue", name));
    }
    Ok(())
}

/// `/<channel>?live...`: the operation by method and the `status` / `comp` parameters.
pub fn channel_op(ctx: &OpContext, bucket: &str, channel: &str, body: &mut BodyReader) -> Result<Response, OssError> {
    check_channel_name(channel)?;
    let store = &ctx.state.store;
    match (ctx.head.method.as_str(), ctx.query("status"), ctx.query("comp")) {
        ("PUT", Some(status), _) => {
            live_xml::check_status(status)?;
            store.set_live_channel_status(bucket, channel, status)?;
            Ok(Response::new(200, Body::Empty))
        }
        ("PUT", None, _) => create(ctx, bucket, channel, body),
        ("GET", _, None) => Ok(Response::xml(200, live_xml::info(&store.live_channel(bucket, channel)?))),
        ("GET", _, Some("stat")) => Ok(Response::xml(200, live_xml::stat(&store.live_channel(bucket, channel)?))),
        ("GET", _, Some("history")) => {
            store.live_channel(bucket, channel)?;
            Ok(Response::xml(200, live_xml::history()))
        }
        ("GET", _, Some(comp)) => Err(OssError::invalid_argument(format!("Unsupported comp {comp:?}."))
            .with_detail("ArgumentName", "comp")
            .with_detail("ArgumentValue", comp)),
        ("DELETE", _, _) => {
            store.delete_live_channel(bucket, channel)?;
            Ok(Response::new(204, Body::Empty))
        }
        (method, _, _) => Err(method_not_allowed(method)),
    }
}

/// PutLiveChannel: creates the channel (or replaces an existing one's configuration: with no
/// stream, no channel is ever "still live") and answers its publish and play URLs.
fn create(ctx: &OpContext, bucket: &str, name: &str, body: &mut BodyReader) -> Result<Response, OssError> {
    ctx.state.store.require_bucket(bucket)?;
    let text = xml::read_document(body, live_xml::MAX_DOCUMENT)?;
    let channel = live_xml::parse_configuration(name, &text)?;
    ctx.state.store.put_live_channel(bucket, &channel)?;
    Ok(Response::xml(200, live_xml::create_result(&live_xml::urls(bucket, host(ctx), &channel))))
}

/// ListLiveChannel (`GET /?live`): `prefix`, `marker`, `max-keys` (1–1000, default 100).
pub fn list_channels(ctx: &OpContext, bucket: &str) -> Result<Response, OssError> {
    if ctx.head.method != "GET" {
        return Err(method_not_allowed(&ctx.head.method));
    }
    let prefix = ctx.query("prefix").unwrap_or("");
    let marker = ctx.query("marker").unwrap_or("");
    let max_keys = max_keys_param(ctx, "max-keys", DEFAULT_MAX_KEYS)?;
    let mut channels = ctx.state.store.list_live_channels(bucket, prefix, marker, max_keys + 1)?;
    let truncated = channels.len() > max_keys;
    channels.truncate(max_keys);
    let next_marker = truncated.then(|| channels.last().map(|c| c.name.clone())).flatten();
    let page = ListPage { prefix, marker, max_keys, next_marker: next_marker.as_deref() };
    let with_urls: Vec<_> = channels
        .into_iter()
        .map(|c| {
            let urls = live_xml::urls(bucket, host(ctx), &c);
            (c, urls)
        })
        .collect();
    Ok(Response::xml(200, live_xml::list(&page, &with_urls)))
}

/// `startTime` and `endTime` (Unix seconds): the end after the start, at most a day apart.
fn vod_span(ctx: &OpContext) -> Result<(i64, i64), OssError> {
    let time = |name: &'static str| {
        let text = ctx.query(name).unwrap_or("");
        text.parse::<i64>().ok().filter(|t| *t >= 0).ok_or_else(|| {
            OssError::invalid_argument(format!("{name} must be a Unix time in seconds."))
                .with_detail("ArgumentName", name)
                .with_detail("ArgumentValue", text)
        })
    };
    let (start, end) = (time("startTime")?, time("endTime")?);
    if end <= start || end - start > MAX_VOD_SPAN_SECS {
        return Err(OssError::invalid_argument(
            "endTime must be after startTime, and the span at most one day (86400 seconds).",
        ));
    }
    Ok((start, end))
}

/// PostVodPlaylist (`POST /<channel>/<playlist>.m3u8?vod&startTime=&endTime=`) writes the
/// playlist object; GetVodPlaylist (`GET /<channel>?vod&...`) answers it without storing it.
/// Either way the playlist has no segments: nothing was ever recorded.
pub fn vod_playlist(ctx: &OpContext, bucket: &str, key: &str) -> Result<Response, OssError> {
    let method = ctx.head.method.as_str();
    let (channel, playlist) = match method {
        "POST" => key.split_once('/').ok_or_else(|| {
            OssError::invalid_argument("PostVodPlaylist names /<channel>/<playlist>.m3u8.")
                .with_detail("ArgumentName", "PlaylistName")
        })?,
        "GET" => (key, ""),
        _ => return Err(method_not_allowed(method)),
    };
    check_channel_name(channel)?;
    if method == "POST" {
        live_xml::check_playlist_name(playlist)?;
    }
    let found = ctx.state.store.live_channel(bucket, channel)?;
    vod_span(ctx)?;
    let text = live_xml::empty_playlist(found.frag_duration);
    if method == "GET" {
        return Ok(Response::new(200, Body::Bytes(text.into_bytes())).with_header("Content-Type", PLAYLIST_TYPE));
    }
    store_playlist(ctx, bucket, key, text)?;
    Ok(Response::new(200, Body::Empty))
}

fn store_playlist(ctx: &OpContext, bucket: &str, key: &str, text: String) -> Result<(), OssError> {
    let bucket_record = ctx.state.store.require_bucket(bucket)?;
    let attrs = ObjectAttrs {
        content_type: PLAYLIST_TYPE.to_string(),
        storage_class: bucket_record.attrs.storage_class,
        ..ObjectAttrs::default()
    };
    let options = PutOptions { attrs, ..PutOptions::default() };
    ctx.state.store.put_object(bucket, key, &mut text.as_bytes(), &options)?;
    Ok(())
}
