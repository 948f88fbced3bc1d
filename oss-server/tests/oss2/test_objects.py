"""Object APIs through oss2: PutObject headers, GetObjectMeta, AppendObject, CopyObject,
DeleteMultipleObjects, ACL, tagging, symlinks — success and error paths."""

import base64
import hashlib

import oss2
import pytest

from conftest import make_bucket, unique_bucket_name


def md5_b64(data):
    return base64.b64encode(hashlib.md5(data).digest()).decode()


def test_put_object_headers_are_kept_and_overridable(bucket):
    headers = {
        "Content-Type": "text/plain",
        "Content-Disposition": "attachment; filename=a.txt",
        "Content-Encoding": "identity",
        "Cache-Control": "no-cache",
        "Expires": "Wed, 21 Oct 2015 07:28:00 GMT",
        "x-oss-meta-Color": "blue",
        "x-oss-storage-class": "IA",
        "x-oss-object-acl": "public-read",
        "x-oss-tagging": "a=1&b%20c=d",
        "Content-MD5": md5_b64(b"payload"),
    }
    result = bucket.put_object("k", b"payload", headers=headers)
    assert result.headers["Content-MD5"] == md5_b64(b"payload")
    head = bucket.head_object("k")
    for name in ["Content-Type", "Content-Disposition", "Content-Encoding", "Cache-Control", "Expires"]:
        assert head.headers[name] == headers[name], name
    assert head.headers["x-oss-meta-color"] == "blue"
    assert head.headers["x-oss-storage-class"] == "IA"
    assert head.headers["x-oss-tagging-count"] == "2"
    assert bucket.get_object_acl("k").acl == "public-read"
    overridden = bucket.get_object("k", params={"response-content-type": "image/png", "response-cache-control": "max-age=9"})
    assert overridden.headers["Content-Type"] == "image/png" and overridden.headers["Cache-Control"] == "max-age=9"
    meta = bucket.get_object_meta("k")
    assert meta.content_length == 7 and meta.etag == hashlib.md5(b"payload").hexdigest().upper()


def test_put_object_refusals_write_nothing(bucket):
    with pytest.raises(oss2.exceptions.ServerError) as bad:
        bucket.put_object("k", b"data", headers={"Content-MD5": md5_b64(b"other")})
    assert (bad.value.status, bad.value.code) == (400, "BadDigest")
    with pytest.raises(oss2.exceptions.ServerError) as invalid:
        bucket.put_object("k", b"data", headers={"Content-MD5": "abc"})
    assert invalid.value.code == "InvalidDigest"
    for headers in [{"x-oss-storage-class": "Cold"}, {"x-oss-object-acl": "everyone"}]:
        with pytest.raises(oss2.exceptions.ServerError) as e:
            bucket.put_object("k", b"data", headers=headers)
        assert (e.value.status, e.value.code) == (400, "InvalidArgument")
    with pytest.raises(oss2.exceptions.ServerError) as tags:
        bucket.put_object("k", b"data", headers={"x-oss-tagging": "&".join(f"k{i}=v" for i in range(11))})
    assert tags.value.code == "InvalidTag"
    assert not bucket.object_exists("k")
    bucket.put_object("k", b"first")
    with pytest.raises(oss2.exceptions.ServerError) as exists:
        bucket.put_object("k", b"second", headers={"x-oss-forbid-overwrite": "true"})
    assert (exists.value.status, exists.value.code) == (409, "FileAlreadyExists")
    assert bucket.get_object("k").read() == b"first"


def test_chunked_body(bucket):
    chunks = (bytes([i]) * 70000 for i in range(20))
    bucket.put_object("chunked", chunks)
    data = bucket.get_object("chunked").read()
    assert data == b"".join(bytes([i]) * 70000 for i in range(20))


def test_append_object(bucket):
    first = bucket.append_object("log", 0, b"hello ")
    assert first.next_position == 6
    second = bucket.append_object("log", first.next_position, b"world", init_crc=first.crc)
    assert second.next_position == 11  # oss2 checked the continued CRC-64 against the server's
    assert bucket.get_object("log").read() == b"hello world"
    assert bucket.head_object("log").object_type == "Appendable"
    with pytest.raises(oss2.exceptions.PositionNotEqualToLength) as wrong:
        bucket.append_object("log", 3, b"x")
    assert wrong.value.next_position == 11
    bucket.put_object("normal", b"x")
    with pytest.raises(oss2.exceptions.ObjectNotAppendable):
        bucket.append_object("normal", 1, b"y")
    with pytest.raises(oss2.exceptions.PositionNotEqualToLength) as fresh:
        bucket.append_object("new", 5, b"y")
    assert fresh.value.next_position == 0 and not bucket.object_exists("new")


def test_copy_object(server, bucket):
    bucket.put_object("src/a b€", b"source", headers={"x-oss-meta-k": "v", "Content-Type": "text/x-src"})
    other = make_bucket(server, unique_bucket_name())
    other.create_bucket()
    result = other.copy_object(bucket.bucket_name, "src/a b€", "copy")
    assert result.etag == hashlib.md5(b"source").hexdigest().upper()
    copied = other.get_object("copy")
    assert copied.read() == b"source" and copied.headers["x-oss-meta-k"] == "v"
    assert copied.headers["Content-Type"] == "text/x-src"
    replaced = bucket.copy_object(bucket.bucket_name, "src/a b€", "replaced",
                                  headers={"x-oss-metadata-directive": "REPLACE", "x-oss-meta-new": "1"})
    assert replaced.status == 200
    head = bucket.head_object("replaced")
    assert "x-oss-meta-k" not in head.headers and head.headers["x-oss-meta-new"] == "1"
    with pytest.raises(oss2.exceptions.PreconditionFailed):
        bucket.copy_object(bucket.bucket_name, "src/a b€", "c2", headers={"x-oss-copy-source-if-match": '"0000"'})
    with pytest.raises(oss2.exceptions.NotModified):
        etag = '"' + result.etag + '"'
        bucket.copy_object(bucket.bucket_name, "src/a b€", "c3", headers={"x-oss-copy-source-if-none-match": etag})
    with pytest.raises(oss2.exceptions.NoSuchKey):
        bucket.copy_object(bucket.bucket_name, "missing", "c4")
    with pytest.raises(oss2.exceptions.ServerError) as version:
        bucket.copy_object(bucket.bucket_name, "src/a b€", "c5", params={"versionId": "CAEQ"})
    assert (version.value.status, version.value.code) == (404, "NoSuchVersion")
    with pytest.raises(oss2.exceptions.ServerError) as directive:
        bucket.copy_object(bucket.bucket_name, "src/a b€", "c6", headers={"x-oss-metadata-directive": "MERGE"})
    assert directive.value.code == "InvalidArgument"
    assert [o.key for o in oss2.ObjectIterator(bucket, prefix="c")] == []


def test_delete_multiple_objects(bucket):
    keys = ["a", "b/c", "d&e<f>", "é"]
    for key in keys:
        bucket.put_object(key, b"x")
    result = bucket.batch_delete_objects(keys + ["never-existed"])
    assert sorted(result.deleted_keys) == sorted(keys + ["never-existed"])
    assert list(oss2.ObjectIterator(bucket)) == []


def test_delete_multiple_refusals_delete_nothing(bucket):
    """1001 keys, a document over 8 MiB (padded, with 1 valid key) and a 1024-byte key are
    refused, and none of the listed objects is deleted."""
    bucket.put_object("a", b"x")

    def raw_delete(body):
        headers = {"Content-MD5": md5_b64(body.encode())}
        return bucket._Bucket__do_bucket("POST", data=body, params={"delete": ""}, headers=headers)

    def objects(keys):
        return "".join(f"<Object><Key>{key}</Key></Object>" for key in keys)

    too_many = "<Delete>" + objects(["a"] + [f"k{i}" for i in range(1000)]) + "</Delete>"
    oversize = "<Delete><!--" + "x" * (8 << 20) + "-->" + objects(["a"]) + "</Delete>"
    long_key = "<Delete>" + objects(["a", "k" * 1024]) + "</Delete>"
    for body, code in [(too_many, "MalformedXML"), (oversize, "MalformedXML"), (long_key, "InvalidObjectName")]:
        with pytest.raises(oss2.exceptions.ServerError) as refused:
            raw_delete(body)
        assert (refused.value.status, refused.value.code) == (400, code)
        assert bucket.object_exists("a"), "nothing was deleted"
    assert raw_delete("<Delete>" + objects(["a"]) + "</Delete>").status == 200
    assert not bucket.object_exists("a")


def test_object_acl(bucket):
    bucket.put_object("k", b"x")
    assert bucket.get_object_acl("k").acl == "default"
    bucket.put_object_acl("k", oss2.OBJECT_ACL_PUBLIC_READ_WRITE)
    assert bucket.get_object_acl("k").acl == "public-read-write"
    with pytest.raises(oss2.exceptions.ServerError) as bad:
        bucket.put_object_acl("k", "everyone")
    assert bad.value.code == "InvalidArgument"
    with pytest.raises(oss2.exceptions.NoSuchKey):
        bucket.get_object_acl("missing")


def test_object_tagging(bucket):
    bucket.put_object("k", b"x")
    rule = oss2.models.TaggingRule()
    rule.add("project", "oss")
    rule.add("empty", "")
    bucket.put_object_tagging("k", oss2.models.Tagging(rule))
    assert bucket.get_object_tagging("k").tag_set.tagging_rule == {"project": "oss", "empty": ""}
    too_many = oss2.models.TaggingRule()
    for i in range(11):
        too_many.add(f"k{i}", "v")
    with pytest.raises(oss2.exceptions.ServerError) as e:
        bucket.put_object_tagging("k", oss2.models.Tagging(too_many))
    assert (e.value.status, e.value.code) == (400, "InvalidTag")
    long_key = oss2.models.TaggingRule()  # past oss2's own checks, to reach the server's
    long_key.tagging_rule["k" * 129] = "v"
    with pytest.raises(oss2.exceptions.ServerError) as e:
        bucket.put_object_tagging("k", oss2.models.Tagging(long_key))
    assert e.value.code == "InvalidTag"
    long_value = oss2.models.TaggingRule()
    long_value.tagging_rule["k"] = "v" * 257
    with pytest.raises(oss2.exceptions.ServerError) as e:
        bucket.put_object_tagging("k", oss2.models.Tagging(long_value))
    assert e.value.code == "InvalidTag"
    assert bucket.get_object_tagging("k").tag_set.tagging_rule == {"project": "oss", "empty": ""}, "unchanged"
    bucket.delete_object_tagging("k")
    assert bucket.get_object_tagging("k").tag_set.tagging_rule == {}


def test_symlinks(bucket):
    bucket.put_object("dir/target €", b"the target", headers={"Content-Type": "text/x-target"})
    bucket.put_symlink("dir/target €", "link", headers={"x-oss-meta-who": "link"})
    assert bucket.get_symlink("link").target_key == "dir/target €"
    got = bucket.get_object("link")
    assert got.read() == b"the target" and got.headers["Content-Type"] == "text/x-target"
    assert bucket.head_object("link").content_length == len(b"the target")
    listed = {o.key: o.type for o in oss2.ObjectIterator(bucket)}
    assert listed["link"] == "Symlink"
    bucket.put_symlink("nowhere", "dangling")
    with pytest.raises(oss2.exceptions.ServerError) as dangling:
        bucket.get_object("dangling")
    assert (dangling.value.status, dangling.value.code) == (404, "SymlinkTargetNotExist")
    with pytest.raises(oss2.exceptions.ServerError) as not_link:
        bucket.get_symlink("dir/target €")
    assert not_link.value.code == "NotSymlink"


def test_append_checks_content_md5_of_the_appended_part(bucket):
    bucket.append_object("log", 0, b"one", headers={"Content-MD5": md5_b64(b"one")})
    with pytest.raises(oss2.exceptions.ServerError) as bad:
        bucket.append_object("log", 3, b"two", headers={"Content-MD5": md5_b64(b"one")})
    assert (bad.value.status, bad.value.code) == (400, "BadDigest")
    assert bucket.get_object("log").read() == b"one", "the refused append wrote nothing"
    assert bucket.append_object("log", 3, b"two", headers={"Content-MD5": md5_b64(b"two")}).next_position == 6
