"""Objects and listings through oss2, in every signing version and addressing style; STS."""

import oss2
import pytest

from conftest import auth_for, make_bucket, make_service, unique_bucket_name

ODD_KEYS = ["a", "a/b", "dir/", "dir/./x", "../up", "a//b", "é/ü", "sp ace+plus%", "k" * 1023]


def test_put_get_head_delete(any_bucket):
    result = any_bucket.put_object("dir/hello.txt", b"hello world", headers={"x-oss-meta-who": "me"})
    assert result.status == 200
    assert result.etag == "5EB63BBBE01EEED093CB22BB8F5ACDC3"
    assert result.crc is not None  # oss2 compared it with its own CRC-64 of what it sent
    got = any_bucket.get_object("dir/hello.txt")
    assert got.read() == b"hello world"
    assert got.headers["x-oss-meta-who"] == "me"
    head = any_bucket.head_object("dir/hello.txt")
    assert (head.content_length, head.etag, head.object_type) == (11, "5EB63BBBE01EEED093CB22BB8F5ACDC3", "Normal")
    assert head.server_crc == result.crc
    assert any_bucket.object_exists("dir/hello.txt")
    assert any_bucket.delete_object("dir/hello.txt").status == 204
    with pytest.raises(oss2.exceptions.NoSuchKey) as missing:
        any_bucket.get_object("dir/hello.txt")
    assert missing.value.status == 404 and missing.value.request_id
    assert any_bucket.delete_object("dir/hello.txt").status == 204, "deleting a missing key succeeds"


def test_any_valid_key_round_trips(any_bucket):
    for key in ODD_KEYS:
        any_bucket.put_object(key, key.encode())
    for key in ODD_KEYS:
        assert any_bucket.get_object(key).read() == key.encode(), key
    listed = [o.key for o in oss2.ObjectIterator(any_bucket, max_keys=3)]
    assert listed == sorted(ODD_KEYS, key=lambda k: k.encode())


def test_key_too_long_and_leading_slash_are_refused(bucket):
    with pytest.raises(oss2.exceptions.ServerError) as too_long:
        bucket.put_object("k" * 1024, b"x")
    assert (too_long.value.status, too_long.value.code) == (400, "InvalidObjectName")
    assert not any(True for _ in oss2.ObjectIterator(bucket)), "nothing was written"


def test_a_1024_byte_key_is_refused_by_every_write(bucket):
    """Every call that names a new key refuses one of 1024 bytes (1023 is fine, see ODD_KEYS)."""
    bucket.put_object("source", b"x")
    long_key = "k" * 1024
    writes = [
        lambda: bucket.append_object(long_key, 0, b"x"),
        lambda: bucket.copy_object(bucket.bucket_name, "source", long_key),
        lambda: bucket.init_multipart_upload(long_key),
        lambda: bucket.put_symlink("source", long_key),
        lambda: bucket.put_symlink(long_key, "link"),
    ]
    for write in writes:
        with pytest.raises(oss2.exceptions.ServerError) as too_long:
            write()
        assert (too_long.value.status, too_long.value.code) == (400, "InvalidObjectName")
    assert [o.key for o in oss2.ObjectIterator(bucket)] == ["source"], "nothing was written"
    assert not bucket.list_multipart_uploads().upload_list


def test_oversize_request_head_writes_nothing(bucket):
    """A request head over 64 KiB (here one huge x-oss-meta- header) gets 431 and stores nothing;
    just under the limit the same object is stored."""
    with pytest.raises(oss2.exceptions.ServerError) as too_large:
        bucket.put_object("k", b"data", headers={"x-oss-meta-big": "v" * (64 * 1024)})
    assert (too_large.value.status, too_large.value.code) == (431, "RequestHeaderFieldsTooLarge")
    assert not bucket.object_exists("k")
    upload_id = bucket.init_multipart_upload("k").upload_id
    with pytest.raises(oss2.exceptions.ServerError) as too_large:
        bucket.upload_part("k", upload_id, 1, b"data", headers={"x-oss-meta-big": "v" * (64 * 1024)})
    assert too_large.value.status == 431
    assert not bucket.list_parts("k", upload_id).parts
    bucket.put_object("k", b"data", headers={"x-oss-meta-big": "v" * (60 * 1024)})
    assert bucket.head_object("k").headers["x-oss-meta-big"] == "v" * (60 * 1024)


def test_listing_with_delimiter_pages_and_prefix(bucket):
    keys = ["a", "b/1", "b/2", "c/x/1", "c/y", "d", "dir/"]
    for key in keys:
        bucket.put_object(key, b"")
    top = list(oss2.ObjectIterator(bucket, delimiter="/", max_keys=2))
    assert [o.key for o in top] == ["a", "b/", "c/", "d", "dir/"]
    assert [o.is_prefix() for o in top] == [False, True, True, False, True]
    under_c = bucket.list_objects(prefix="c/", delimiter="/")
    assert [o.key for o in under_c.object_list] == ["c/y"] and under_c.prefix_list == ["c/x/"]
    v2 = bucket.list_objects_v2(max_keys=3, fetch_owner=True)
    assert [o.key for o in v2.object_list] == keys[:3] and v2.is_truncated
    assert v2.object_list[0].owner is not None
    rest = bucket.list_objects_v2(continuation_token=v2.next_continuation_token)
    assert [o.key for o in rest.object_list] == keys[3:] and not rest.is_truncated


def test_wrong_secret_is_refused(server, bucket):
    intruder = oss2.Bucket(oss2.Auth("LTAI5tLocalTestKey", "wrong"), server.endpoint, bucket.bucket_name)
    with pytest.raises(oss2.exceptions.SignatureDoesNotMatch):
        intruder.get_object("x")


@pytest.mark.parametrize("version", ["v1", "v4"])
def test_sts_token(start_server, version):
    server = start_server("--sts-token", "TOKEN-123")
    name = unique_bucket_name()
    sts = make_bucket(server, name, version=version, token="TOKEN-123")
    sts.create_bucket()
    sts.put_object("k", b"temporary credentials")
    assert sts.get_object("k").read() == b"temporary credentials"
    with pytest.raises(oss2.exceptions.ServerError) as no_token:
        make_bucket(server, name, version=version).get_object("k")
    assert (no_token.value.status, no_token.value.code) == (403, "InvalidSecurityToken")
    with pytest.raises(oss2.exceptions.ServerError) as wrong:
        make_bucket(server, name, version=version, token="OTHER").get_object("k")
    assert wrong.value.code == "InvalidSecurityToken"


def test_service_lists_buckets(server):
    names = [unique_bucket_name("svc") for _ in range(3)]
    for name in names:
        make_bucket(server, name).create_bucket()
    listed = [b.name for b in oss2.BucketIterator(make_service(server))]
    assert listed == sorted(names)
    assert auth_for("v4") is not None
