//! Live-channel documents: the channel configuration (sent by PutLiveChannel, answered by
//! GetLiveChannelInfo), the creation result's URLs, the push-stream statistics, the channel
//! listing and the push history.

use super::{parse, Element, Writer, XmlError};

/// Where a channel writes its stream: HLS, fragment duration (s) and count, playlist name.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LiveTarget {
    pub kind: String,
    pub frag_duration: i32,
    pub frag_count: i32,
    pub playlist_name: String,
}

/// A channel's configuration (its name travels in the URL, not the document).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LiveConfig {
    pub description: String,
    pub status: String,
    pub target: LiveTarget,
}

pub fn config_document(config: &LiveConfig) -> String {
    let t = &config.target;
    let mut w = Writer::new();
    w.open("LiveChannelConfiguration").leaf("Description", &config.description).leaf("Status", &config.status);
    w.open("Target").leaf("Type", &t.kind).leaf("FragDuration", &t.frag_duration.to_string());
    w.leaf("FragCount", &t.frag_count.to_string()).leaf("PlaylistName", &t.playlist_name);
    w.finish()
}

fn text(e: &Element, name: &str) -> String {
    e.text_of(name).unwrap_or_default().to_string()
}

pub fn parse_config(document: &[u8]) -> Result<LiveConfig, XmlError> {
    let root = parse(document, "LiveChannelConfiguration")?;
    let target = match root.child("Target") {
        None => LiveTarget::default(),
        Some(t) => LiveTarget {
            kind: text(t, "Type"),
            frag_duration: t.number("FragDuration")?.unwrap_or(0),
            frag_count: t.number("FragCount")?.unwrap_or(0),
            playlist_name: text(t, "PlaylistName"),
        },
    };
    Ok(LiveConfig { description: text(&root, "Description"), status: text(&root, "Status"), target })
}

/// The `Url`s inside `<name>` (PublishUrls, PlayUrls), in order.
fn urls(e: &Element, name: &str) -> Vec<String> {
    e.child(name).map(|l| l.children_named("Url").map(|u| u.text.clone()).collect()).unwrap_or_default()
}

/// PutLiveChannel's answer: where to push (RTMP) and where to play (HLS).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ChannelUrls {
    pub publish: Vec<String>,
    pub play: Vec<String>,
}

pub fn parse_create_result(document: &[u8]) -> Result<ChannelUrls, XmlError> {
    let root = parse(document, "CreateLiveChannelResult")?;
    Ok(ChannelUrls { publish: urls(&root, "PublishUrls"), play: urls(&root, "PlayUrls") })
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct VideoStat {
    pub width: i32,
    pub height: i32,
    pub frame_rate: i32,
    pub bandwidth: i32,
    pub codec: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AudioStat {
    pub bandwidth: i32,
    pub sample_rate: i32,
    pub codec: String,
}

/// GetLiveChannelStat: the push status (Idle, Live, Disabled) and, while live, the stream.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LiveStat {
    pub status: String,
    pub connected_time: String,
    pub remote_addr: String,
    pub video: VideoStat,
    pub audio: AudioStat,
}

pub fn parse_stat(document: &[u8]) -> Result<LiveStat, XmlError> {
    let root = parse(document, "LiveChannelStat")?;
    let video = match root.child("Video") {
        None => VideoStat::default(),
        Some(v) => VideoStat {
            width: v.number("Width")?.unwrap_or(0),
            height: v.number("Height")?.unwrap_or(0),
            frame_rate: v.number("FrameRate")?.unwrap_or(0),
            bandwidth: v.number("Bandwidth")?.unwrap_or(0),
            codec: text(v, "Codec"),
        },
    };
    let audio = match root.child("Audio") {
        None => AudioStat::default(),
        Some(a) => AudioStat {
            bandwidth: a.number("Bandwidth")?.unwrap_or(0),
            sample_rate: a.number("SampleRate")?.unwrap_or(0),
            codec: text(a, "Codec"),
        },
    };
    Ok(LiveStat {
        status: text(&root, "Status"),
        connected_time: text(&root, "ConnectedTime"),
        remote_addr: text(&root, "RemoteAddr"),
        video,
        audio,
    })
}

/// One channel of a listing.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ChannelSummary {
    pub name: String,
    pub description: String,
    pub status: String,
    pub last_modified: String,
    pub urls: ChannelUrls,
}

/// One page of ListLiveChannel, in the server's order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ChannelListing {
    pub truncated: bool,
    pub next_marker: String,
    pub channels: Vec<ChannelSummary>,
}

pub fn parse_listing(document: &[u8]) -> Result<ChannelListing, XmlError> {
    let root = parse(document, "ListLiveChannelResult")?;
    let channels = root
        .children_named("LiveChannel")
        .map(|c| {
            Ok(ChannelSummary {
                name: c.required("Name")?.to_string(),
                description: text(c, "Description"),
                status: text(c, "Status"),
                last_modified: text(c, "LastModified"),
                urls: ChannelUrls { publish: urls(c, "PublishUrls"), play: urls(c, "PlayUrls") },
            })
        })
        .collect::<Result<_, XmlError>>()?;
    Ok(ChannelListing { truncated: root.flag("IsTruncated")?, next_marker: text(&root, "NextMarker"), channels })
}

/// One push session of a channel's history.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LiveRecord {
    pub start_time: String,
    pub end_time: String,
    pub remote_addr: String,
}

pub fn parse_history(document: &[u8]) -> Result<Vec<LiveRecord>, XmlError> {
    let root = parse(document, "LiveChannelHistory")?;
    Ok(root
        .children_named("LiveRecord")
        .map(|r| LiveRecord {
            start_time: text(r, "StartTime"),
            end_time: text(r, "EndTime"),
            remote_addr: text(r, "RemoteAddr"),
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_configuration_round_trips() {
        let config = LiveConfig {
            description: "d <1>".into(),
            status: "enabled".into(),
            target: LiveTarget { kind: "HLS".into(), frag_duration: 5, frag_count: 3, playlist_name: "p.m3u8".into() },
        };
        let doc = config_document(&config);
        assert!(doc.contains("<Target><Type>HLS</Type><FragDuration>5</FragDuration><FragCount>3</FragCount>"));
        assert_eq!(parse_config(doc.as_bytes()).unwrap(), config);
        let bad = b"<LiveChannelConfiguration><Target><FragCount>many</FragCount></Target></LiveChannelConfiguration>";
        assert!(parse_config(bad).is_err());
    }

    #[test]
    fn results_stats_listings_and_history_are_read_in_order() {
        let created = b"<CreateLiveChannelResult><PublishUrls><Url>rtmp://a</Url></PublishUrls>\
<PlayUrls><Url>http://b</Url></PlayUrls></CreateLiveChannelResult>";
        let urls = parse_create_result(created).unwrap();
        assert_eq!((urls.publish, urls.play), (vec!["rtmp://a".to_string()], vec!["http://b".to_string()]));
        let stat = b"<LiveChannelStat><Status>Live</Status><Video><Width>640</Width><Codec>H264</Codec></Video>\
<Audio><SampleRate>44100</SampleRate></Audio></LiveChannelStat>";
        let stat = parse_stat(stat).unwrap();
        assert_eq!((stat.status.as_str(), stat.video.width, stat.audio.sample_rate), ("Live", 640, 44100));
        assert!(parse_stat(b"<LiveChannelStat><Video><Width>w</Width></Video></LiveChannelStat>").is_err());
        let list = b"<ListLiveChannelResult><IsTruncated>true</IsTruncated><NextMarker>b</NextMarker>\
<LiveChannel><Name>z</Name></LiveChannel><LiveChannel><Name>b</Name><Status>disabled</Status></LiveChannel>\
</ListLiveChannelResult>";
        let page = parse_listing(list).unwrap();
        let names: Vec<_> = page.channels.iter().map(|c| c.name.as_str()).collect();
        assert_eq!((names, page.truncated, page.next_marker.as_str()), (vec!["z", "b"], true, "b"));
        assert!(parse_listing(b"<ListLiveChannelResult><LiveChannel/></ListLiveChannelResult>").is_err());
        let history = b"<LiveChannelHistory><LiveRecord><StartTime>s</StartTime><RemoteAddr>r</RemoteAddr>\
</LiveRecord></LiveChannelHistory>";
        assert_eq!(parse_history(history).unwrap()[0].remote_addr, "r");
        assert!(parse_history(b"<Other/>").is_err());
    }
}
