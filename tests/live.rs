//! Live channels against the local OSS server: create (URLs), info, status, stat, history,
//! listing with prefix/marker/max-keys in server order, the VOD playlist, delete, and the
//! refusals (unknown channel, bad status, bad bucket name).

mod common;

use common::*;
use oss_c_sdk::client::Client;
use oss_c_sdk::ops::live::{self, ChannelListRequest};
use oss_c_sdk::xml::live::{LiveConfig, LiveTarget};

fn config(description: &str) -> LiveConfig {
    LiveConfig {
        description: description.into(),
        status: "enabled".into(),
        target: LiveTarget { kind: "HLS".into(), frag_duration: 4, frag_count: 6, playlist_name: "show.m3u8".into() },
    }
}

#[test]
fn a_channel_is_created_inspected_disabled_and_deleted_v1_and_v4() {
    let fx = Fixture::start();
    for (n, client_config) in [fx.config(), fx.config_v4()].into_iter().enumerate() {
        let client = Client::new(client_config).unwrap();
        let s = &mut client.session().unwrap();
        let name = format!("channel-{n}");
        let (_, urls) = live::create_live_channel(&client, s, BUCKET, &name, &config("first")).expect("create");
        assert_eq!(urls.publish.len(), 1);
        assert!(urls.publish[0].starts_with("rtmp://") && urls.publish[0].ends_with(&format!("/live/{name}")));
        assert!(urls.play[0].ends_with(&format!("/{name}/show.m3u8")), "{:?}", urls.play);
        assert_eq!(live::get_live_channel_info(&client, s, BUCKET, &name).expect("info").1, config("first"));

        live::put_live_channel_status(&client, s, BUCKET, &name, "disabled").expect("disable");
        assert_eq!(live::get_live_channel_info(&client, s, BUCKET, &name).expect("info").1.status, "disabled");
        assert_eq!(live::get_live_channel_stat(&client, s, BUCKET, &name).expect("stat").1.status, "Disabled");
        live::put_live_channel_status(&client, s, BUCKET, &name, "enabled").expect("enable");
        let (_, stat) = live::get_live_channel_stat(&client, s, BUCKET, &name).expect("stat");
        assert_eq!((stat.status.as_str(), stat.video.width), ("Idle", 0));
        assert!(live::get_live_channel_history(&client, s, BUCKET, &name).expect("history").1.is_empty());
        live::gen_vod_play_list(&client, s, BUCKET, &name, "vod.m3u8", (1_700_000_000, 1_700_000_600)).expect("vod");

        live::delete_live_channel(&client, s, BUCKET, &name).expect("delete");
        let e = live::get_live_channel_info(&client, s, BUCKET, &name).unwrap_err().error;
        assert_eq!((e.code(), e.error_code()), (404, "NoSuchLiveChannel"));
    }
}

#[test]
fn listing_pages_in_server_order() {
    let fx = Fixture::start();
    let client = fx.client();
    let s = &mut client.session().unwrap();
    for name in ["cam-c", "cam-a", "cam-b", "other"] {
        live::create_live_channel(&client, s, BUCKET, name, &config(name)).expect("create");
    }
    let mut list = ChannelListRequest { prefix: "cam-".into(), max_keys: Some(2), ..ChannelListRequest::default() };
    let (_, first) = live::list_live_channels(&client, s, BUCKET, &list).expect("list");
    let names: Vec<_> = first.channels.iter().map(|c| c.name.as_str()).collect();
    assert_eq!((names, first.truncated), (vec!["cam-a", "cam-b"], true));
    assert_eq!(first.channels[0].description, "cam-a");
    assert_eq!((first.channels[0].urls.publish.len(), first.channels[0].urls.play.len()), (1, 1));
    list.marker = first.next_marker.clone();
    let (_, second) = live::list_live_channels(&client, s, BUCKET, &list).expect("list");
    let names: Vec<_> = second.channels.iter().map(|c| c.name.as_str()).collect();
    assert_eq!((names, second.truncated), (vec!["cam-c"], false));
}

#[test]
fn unknown_channels_bad_statuses_and_bad_buckets_are_refused() {
    let fx = Fixture::start();
    let client = fx.client();
    let s = &mut client.session().unwrap();
    for failure in [
        live::delete_live_channel(&client, s, BUCKET, "ghost").unwrap_err(),
        live::get_live_channel_stat(&client, s, BUCKET, "ghost").map(|_| ()).unwrap_err(),
        live::put_live_channel_status(&client, s, BUCKET, "ghost", "enabled").unwrap_err(),
    ] {
        assert_eq!(failure.error.error_code(), "NoSuchLiveChannel");
    }
    live::create_live_channel(&client, s, BUCKET, "real", &config("")).expect("create");
    let e = live::put_live_channel_status(&client, s, BUCKET, "real", "paused").unwrap_err().error;
    assert_eq!((e.code(), e.error_code()), (400, "InvalidArgument"));
    let mut bad = config("");
    bad.target.frag_count = 0;
    assert_eq!(live::create_live_channel(&client, s, BUCKET, "bad", &bad).unwrap_err().error.code(), 400);
    let e = live::get_live_channel_info(&client, s, "Bad_Bucket", "real").unwrap_err().error;
    assert_eq!((e.code(), e.error_code()), (-994, "BucketNameInvalidError"));
}
