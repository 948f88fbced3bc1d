"""Live channels through oss2 (configuration only: nothing is ever pushed): create with its
URLs, info, status, stat, history, paged listing, VOD playlists, delete, and the errors."""

import time

import oss2
import pytest
from oss2.models import LiveChannelInfo, LiveChannelInfoTarget


def channel_info(description="a channel", status="enabled", duration=5, count=3, playlist="playlist.m3u8"):
    target = LiveChannelInfoTarget(frag_duration=duration, frag_count=count, playlist_name=playlist)
    return LiveChannelInfo(status=status, description=description, target=target)


def server_error(call, *args):
    with pytest.raises(oss2.exceptions.ServerError) as caught:
        call(*args)
    return caught.value.status, caught.value.code


def test_create_info_status_stat_history_delete(server, bucket):
    name = bucket.bucket_name
    created = bucket.create_live_channel("ch1", channel_info(duration=10, count=5, playlist="list.m3u8"))
    assert created.publish_url == f"rtmp://{name}.{server.address}/live/ch1"
    assert created.play_url == f"http://{name}.{server.address}/ch1/list.m3u8"
    info = bucket.get_live_channel("ch1")
    assert (info.status, info.description) == ("enabled", "a channel")
    assert (info.target.type, info.target.frag_duration, info.target.frag_count, info.target.playlist_name) == (
        "HLS", "10", "5", "list.m3u8")
    assert bucket.get_live_channel_stat("ch1").status == "Idle"
    assert bucket.get_live_channel_history("ch1").records == []
    bucket.put_live_channel_status("ch1", "disabled")
    assert bucket.get_live_channel("ch1").status == "disabled"
    assert bucket.get_live_channel_stat("ch1").status == "Disabled"
    bucket.put_live_channel_status("ch1", "enabled")
    assert bucket.get_live_channel("ch1").status == "enabled"
    assert bucket.get_bucket_stat().live_channel_count == 1
    # Creating it again replaces its configuration; the empty playlist name means the default.
    bucket.create_live_channel("ch1", channel_info(description="second", playlist=""))
    again = bucket.get_live_channel("ch1")
    assert (again.description, again.target.playlist_name) == ("second", "playlist.m3u8")
    assert bucket.delete_live_channel("ch1").status == 204
    for call in [bucket.get_live_channel, bucket.get_live_channel_stat, bucket.get_live_channel_history,
                 bucket.delete_live_channel]:
        assert server_error(call, "ch1") == (404, "NoSuchLiveChannel")
    assert server_error(bucket.put_live_channel_status, "ch1", "enabled") == (404, "NoSuchLiveChannel")


def test_invalid_configurations(bucket):
    assert server_error(bucket.create_live_channel, "c", channel_info(status="paused")) == (400, "InvalidArgument")
    assert server_error(bucket.create_live_channel, "c", channel_info(duration=0)) == (400, "InvalidArgument")
    assert server_error(bucket.create_live_channel, "c", channel_info(count=101)) == (400, "InvalidArgument")
    assert server_error(bucket.create_live_channel, "c", channel_info(playlist="x.mp4")) == (400, "InvalidArgument")
    assert server_error(bucket.create_live_channel, "c", channel_info(description="d" * 129)) == (400, "InvalidArgument")
    rtmp = LiveChannelInfo(target=LiveChannelInfoTarget(type="RTMP"))
    assert server_error(bucket.create_live_channel, "c", rtmp) == (400, "InvalidArgument")
    assert server_error(bucket.create_live_channel, "a/b", channel_info()) == (400, "InvalidArgument")
    bucket.create_live_channel("c", channel_info())
    assert server_error(bucket.put_live_channel_status, "c", "paused") == (400, "InvalidArgument")
    assert server_error(bucket.get_live_channel, "never") == (404, "NoSuchLiveChannel")
    assert bucket.list_live_channel().channels[0].name == "c", "only the valid one exists"


def test_list_pages(server, bucket):
    names = [f"cam-{i}" for i in range(5)]
    for name in reversed(names):
        bucket.create_live_channel(name, channel_info(description=name))
    bucket.create_live_channel("other", channel_info())
    first = bucket.list_live_channel(prefix="cam-", max_keys=2)
    assert [c.name for c in first.channels] == names[:2]
    assert (first.prefix, first.max_keys, first.is_truncated, first.next_marker) == ("cam-", 2, True, "cam-1")
    assert first.channels[0].description == "cam-0" and first.channels[0].status == "enabled"
    assert first.channels[0].publish_url == f"rtmp://{bucket.bucket_name}.{server.address}/live/cam-0"
    assert abs(first.channels[0].last_modified - time.time()) < 300
    rest = bucket.list_live_channel(prefix="cam-", marker=first.next_marker, max_keys=10)
    assert [c.name for c in rest.channels] == names[2:] and not rest.is_truncated
    assert [c.name for c in bucket.list_live_channel().channels] == names + ["other"]
    with pytest.raises(oss2.exceptions.ServerError) as bad:
        bucket.list_live_channel(max_keys=1001)
    assert (bad.value.status, bad.value.code) == (400, "InvalidArgument")


def test_vod_playlist(bucket):
    bucket.create_live_channel("ch", channel_info(duration=4))
    now = int(time.time())
    assert bucket.post_vod_playlist("ch", "vod.m3u8", start_time=now - 3600, end_time=now).status == 200
    playlist = bucket.get_object("ch/vod.m3u8")
    text = playlist.read().decode()
    assert text.startswith("#EXTM3U") and "#EXT-X-ENDLIST" in text and "#EXTINF" not in text
    assert playlist.headers["Content-Type"] == "application/x-mpegURL"
    got = bucket.get_vod_playlist("ch", now - 60, now)
    assert got.status == 200 and got.playlist.startswith("#EXTM3U")
    assert server_error(bucket.post_vod_playlist, "ch", "vod.m3u8", now, now - 1) == (400, "InvalidArgument")
    assert server_error(bucket.post_vod_playlist, "ch", "vod.m3u8", now - 86401, now) == (400, "InvalidArgument")
    assert server_error(bucket.post_vod_playlist, "ch", "vod.txt", now - 1, now) == (400, "InvalidArgument")
    assert server_error(bucket.post_vod_playlist, "nope", "vod.m3u8", now - 1, now) == (404, "NoSuchLiveChannel")
    assert not bucket.object_exists("ch/vod.txt")


def test_every_client_form(server, any_bucket):
    """V1 and V4 signatures over the live sub-resources, path style and virtual-hosted: the
    URLs name the bucket once, in the host the client used."""
    created = any_bucket.create_live_channel("ch", channel_info())
    host = created.publish_url[len("rtmp://"):].split("/")[0]
    assert host.startswith(any_bucket.bucket_name + ".") and host.count(any_bucket.bucket_name) == 1
    assert host.endswith(f":{server.port}")
    assert created.play_url == f"http://{host}/ch/playlist.m3u8"
    any_bucket.put_live_channel_status("ch", "disabled")
    assert any_bucket.get_live_channel_stat("ch").status == "Disabled"
    assert [c.name for c in any_bucket.list_live_channel().channels] == ["ch"]
    now = int(time.time())
    any_bucket.post_vod_playlist("ch", "v.m3u8", now - 10, now)
    assert any_bucket.delete_live_channel("ch").status == 204
