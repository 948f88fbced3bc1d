//! Live channels (RTMP ingest to HLS): create, status, info, stat, history, list, delete, and
//! the VOD playlist of a past span. A channel is addressed like an object (`/<channel>?live`);
//! the bucket name is validated before anything is sent.

use crate::client::{Client, ObjectRef};
use crate::http::{Method, Session};
use crate::outcome::Outcome;
use crate::xml::live::{self as doc, ChannelListing, ChannelUrls, LiveConfig, LiveRecord, LiveStat};

use super::{exchange_document, exchange_idempotent, idempotent_document, pair, retry, xml_headers, Parsed};
use crate::download::retry::RetryPolicy;
use crate::http::{Body, Source};

fn channel(bucket: &str, name: &str) -> ObjectRef {
    ObjectRef { bucket: bucket.to_string(), key: name.to_string(), ..ObjectRef::default() }
}

fn live() -> (String, String) {
    pair("live", "")
}

/// PutLiveChannel: creates (or reconfigures) `name`; the answer says where to push and play.
/// Retried: putting the same configuration again gives the same channel.
pub fn create_live_channel(
    client: &Client,
    session: &mut Session,
    bucket: &str,
    name: &str,
    config: &LiveConfig,
) -> Parsed<ChannelUrls> {
    let document = doc::config_document(config);
    let request = client.object_request(Method::Put, &channel(bucket, name), &xml_headers(&document), &[live()])?;
    let buffers = [document.as_bytes()];
    let stop = session.stop_flag();
    retry::idempotent(&RetryPolicy::default(), stop.as_deref(), |_| {
        let mut body = Body::new(Source::Buffers(&buffers));
        exchange_document(session, &request, Some(&mut body), doc::parse_create_result)
    })
}

/// PutLiveChannelStatus: `enabled` or `disabled`.
pub fn put_live_channel_status(
    client: &Client,
    session: &mut Session,
    bucket: &str,
    name: &str,
    status: &str,
) -> Outcome {
    let query = [live(), pair("status", status)];
    let request = client.object_request(Method::Put, &channel(bucket, name), &[], &query)?;
    exchange_idempotent(session, &request)
}

pub fn get_live_channel_info(client: &Client, session: &mut Session, bucket: &str, name: &str) -> Parsed<LiveConfig> {
    let request = client.object_request(Method::Get, &channel(bucket, name), &[], &[live()])?;
    idempotent_document(session, &request, doc::parse_config)
}

pub fn get_live_channel_stat(client: &Client, session: &mut Session, bucket: &str, name: &str) -> Parsed<LiveStat> {
    let request = client.object_request(Method::Get, &channel(bucket, name), &[], &[live(), pair("comp", "stat")])?;
    idempotent_document(session, &request, doc::parse_stat)
}

pub fn get_live_channel_history(
    client: &Client,
    session: &mut Session,
    bucket: &str,
    name: &str,
) -> Parsed<Vec<LiveRecord>> {
    let query = [live(), pair("comp", "history")];
    let request = client.object_request(Method::Get, &channel(bucket, name), &[], &query)?;
    idempotent_document(session, &request, doc::parse_history)
}

pub fn delete_live_channel(client: &Client, session: &mut Session, bucket: &str, name: &str) -> Outcome {
    let request = client.object_request(Method::Delete, &channel(bucket, name), &[], &[live()])?;
    exchange_idempotent(session, &request)
}

/// What a channel listing asks for: channels after `marker` starting with `prefix`, at most
/// `max_keys`.
#[derive(Clone, Debug, Default)]
pub struct ChannelListRequest {
    pub prefix: String,
    pub marker: String,
    pub max_keys: Option<u32>,
}

pub fn list_live_channels(
    client: &Client,
    session: &mut Session,
    bucket: &str,
    list: &ChannelListRequest,
) -> Parsed<ChannelListing> {
    let mut query = vec![live()];
    for (name, value) in [("prefix", &list.prefix), ("marker", &list.marker)] {
        if !value.is_empty() {
            query.push(pair(name, value.as_str()));
        }
    }
    if let Some(max_keys) = list.max_keys {
        query.push(pair("max-keys", max_keys.to_string()));
    }
    let request = client.bucket_request(Method::Get, bucket, &[], query)?;
    idempotent_document(session, &request, doc::parse_listing)
}

/// PostVodPlaylist: makes `<channel>/<playlist>` a VOD playlist of the fragments pushed between
/// `start` and `end` (seconds since the epoch). Retried: the same span gives the same playlist.
pub fn gen_vod_play_list(
    client: &Client,
    session: &mut Session,
    bucket: &str,
    name: &str,
    playlist: &str,
    (start, end): (i64, i64),
) -> Outcome {
    let key = format!("{name}/{playlist}");
    let query = [pair("vod", ""), pair("startTime", start.to_string()), pair("endTime", end.to_string())];
    let request = client.object_request(Method::Post, &channel(bucket, &key), &[], &query)?;
    exchange_idempotent(session, &request)
}
