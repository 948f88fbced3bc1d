//! Live channel documents: the LiveChannelConfiguration a client sends (validated) and the
//! XML answers (CreateLiveChannelResult, LiveChannelConfiguration, LiveChannelStat,
//! LiveChannelHistory, ListLiveChannelResult).

use super::bucket_config::{element, invalid, parse_int, required_text};
use crate::errors::OssError;
use crate::iso_time::iso8601_millis;
use crate::store::live::LiveChannel;
use crate::xml::{self, escape};

pub const MAX_DOCUMENT: u64 = 16 * 1024;
const MAX_DESCRIPTION_BYTES: usize = 128;
const DEFAULT_FRAG_DURATION: i64 = 5;
const DEFAULT_FRAG_COUNT: i64 = 3;
const DEFAULT_PLAYLIST: &str = "playlist.m3u8";
const XML_DECLARATION: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";

/// A status as PutLiveChannel and PutLiveChannelStatus accept it.
pub fn check_status(status: &str) -> Result<(), OssError> {
    match status {
        "enabled" | "disabled" => Ok(()),
        _ => Err(invalid("Status", status, "a live channel is enabled or disabled")),
    }
}

/// A playlist name: `*.m3u8`, 6 to 128 bytes, no `/`.
pub fn check_playlist_name(name: &str) -> Result<(), OssError> {
    if name.ends_with(".m3u8") && (6..=128).contains(&name.len()) && !name.contains('/') {
        Ok(())
    } else {
        Err(invalid("PlaylistName", name, "a playlist name ends with .m3u8, has 6 to 128 bytes and no '/'"))
    }
}

/// Parses and validates a LiveChannelConfiguration for channel `name`.
pub fn parse_configuration(name: &str, text: &str) -> Result<LiveChannel, OssError> {
    let document = xml::parse(text, "LiveChannelConfiguration")?;
    let root = document.root_element();
    let description = xml::child_text(root, "Description").unwrap_or("").to_string();
    if description.len() > MAX_DESCRIPTION_BYTES {
        return Err(invalid("Description", &description, "a description has at most 128 bytes"));
    }
    let status = xml::child_text(root, "Status").map(str::trim).unwrap_or("enabled").to_string();
    check_status(&status)?;
    let target = element(root, "Target").ok_or_else(|| xml::malformed("LiveChannelConfiguration needs a Target"))?;
    let kind = required_text(target, "Type")?;
    if kind != "HLS" {
        return Err(invalid("Type", kind, "the only target type is HLS"));
    }
    let number = |field: &str, default: i64| match xml::child_text(target, field) {
        None => Ok(default),
        Some(text) => parse_int(field, text, 1..=100),
    };
    let frag_duration = number("FragDuration", DEFAULT_FRAG_DURATION)? as u32;
    let frag_count = number("FragCount", DEFAULT_FRAG_COUNT)? as u32;
    // An empty PlaylistName (oss2's default) means the default name.
    let playlist_name = match xml::child_text(target, "PlaylistName").map(str::trim) {
        None | Some("") => DEFAULT_PLAYLIST.to_string(),
        Some(name) => name.to_string(),
    };
    check_playlist_name(&playlist_name)?;
    if let Some(snapshot) = element(root, "Snapshot") {
        for field in ["RoleName", "DestBucket", "NotifyTopic"] {
            required_text(snapshot, field)?;
        }
        parse_int("Interval", required_text(snapshot, "Interval")?, 1..=100)?;
    }
    Ok(LiveChannel {
        name: name.to_string(),
        description,
        status,
        frag_duration,
        frag_count,
        playlist_name,
        last_modified: 0,
    })
}

/// Where a client would push and play the channel: `host` is the endpoint the client used.
pub struct Urls {
    pub publish: String,
    pub play: String,
}

pub fn urls(bucket: &str, host: &str, channel: &LiveChannel) -> Urls {
    // A virtual-hosted Host already names the bucket.
    let host = if host.starts_with(&format!("{bucket}.")) { host.to_string() } else { format!("{bucket}.{host}") };
    Urls {
        publish: format!("rtmp://{host}/live/{}", channel.name),
        play: format!("http://{host}/{}/{}", channel.name, channel.playlist_name),
    }
}

fn urls_xml(urls: &Urls) -> String {
    format!(
        "<PublishUrls><Url>{}</Url></PublishUrls><PlayUrls><Url>{}</Url></PlayUrls>",
        escape(&urls.publish),
        escape(&urls.play)
    )
}

pub fn create_result(urls: &Urls) -> String {
    format!("{XML_DECLARATION}<CreateLiveChannelResult>{}</CreateLiveChannelResult>\n", urls_xml(urls))
}

pub fn info(channel: &LiveChannel) -> String {
    format!(
        "{XML_DECLARATION}<LiveChannelConfiguration><Description>{}</Description><Status>{}</Status><Target><Type>HLS</Type><FragDuration>{}</FragDuration><FragCount>{}</FragCount><PlaylistName>{}</PlaylistName></Target></LiveChannelConfiguration>\n",
        escape(&channel.description),
        channel.status,
        channel.frag_duration,
        channel.frag_count,
        escape(&channel.playlist_name)
    )
}

/// No stream is ever pushed: an enabled channel is Idle, a disabled one Disabled.
pub fn stat(channel: &LiveChannel) -> String {
    let status = if channel.status == "enabled" { "Idle" } else { "Disabled" };
    format!("{XML_DECLARATION}<LiveChannelStat><Status>{status}</Status></LiveChannelStat>\n")
}

pub fn history() -> String {
    format!("{XML_DECLARATION}<LiveChannelHistory></LiveChannelHistory>\n")
}

pub struct ListPage<'a> {
    pub prefix: &'a str,
    pub marker: &'a str,
    pub max_keys: usize,
    pub next_marker: Option<&'a str>,
}

pub fn list(page: &ListPage, channels: &[(LiveChannel, Urls)]) -> String {
    let mut xml = format!(
        "{XML_DECLARATION}<ListLiveChannelResult><Prefix>{}</Prefix><Marker>{}</Marker><MaxKeys>{}</MaxKeys><IsTruncated>{}</IsTruncated><NextMarker>{}</NextMarker>",
        escape(page.prefix),
        escape(page.marker),
        page.max_keys,
        page.next_marker.is_some(),
        escape(page.next_marker.unwrap_or(""))
    );
    for (channel, urls) in channels {
        xml.push_str(&format!(
            "<LiveChannel><Name>{}</Name><Description>{}</Description><Status>{}</Status><LastModified>{}</LastModified>{}</LiveChannel>",
            escape(&channel.name),
            escape(&channel.description),
            channel.status,
            iso8601_millis(channel.last_modified),
            urls_xml(urls)
        ));
    }
    xml.push_str("</ListLiveChannelResult>\n");
    xml
}

/// The playlist PostVodPlaylist writes: HLS with no segments (no stream was ever recorded).
pub fn empty_playlist(frag_duration: u32) -> String {
    format!(
        "#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-MEDIA-SEQUENCE:0\n#EXT-X-TARGETDURATION:{frag_duration}\n#EXT-X-ENDLIST\n"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(target: &str) -> String {
        format!("<LiveChannelConfiguration><Description>d</Description><Status>enabled</Status><Target>{target}</Target></LiveChannelConfiguration>")
    }

    #[test]
    fn configurations() {
        let channel = parse_configuration("ch", &config("<Type>HLS</Type>")).unwrap();
        assert_eq!((channel.frag_duration, channel.frag_count), (5, 3));
        assert_eq!(channel.playlist_name, "playlist.m3u8");
        let code = |target: &str| parse_configuration("ch", &config(target)).unwrap_err().code;
        assert_eq!(code("<Type>RTMP</Type>"), "InvalidArgument");
        assert_eq!(code("<Type>HLS</Type><FragCount>0</FragCount>"), "InvalidArgument");
        assert_eq!(code("<Type>HLS</Type><FragDuration>101</FragDuration>"), "InvalidArgument");
        assert_eq!(code("<Type>HLS</Type><PlaylistName>a.mp4</PlaylistName>"), "InvalidArgument");
        assert_eq!(parse_configuration("ch", "<LiveChannelConfiguration/>").unwrap_err().code, "MalformedXML");
    }

    #[test]
    fn urls_name_the_bucket_once() {
        let channel = parse_configuration("ch", &config("<Type>HLS</Type>")).unwrap();
        let path_style = urls("b", "127.0.0.1:9000", &channel);
        assert_eq!(path_style.publish, "rtmp://b.127.0.0.1:9000/live/ch");
        assert_eq!(path_style.play, "http://b.127.0.0.1:9000/ch/playlist.m3u8");
        assert_eq!(urls("b", "b.oss.test:1", &channel).publish, "rtmp://b.oss.test:1/live/ch");
    }
}
