"""Multipart upload through oss2: the life cycle, listings with markers, resumable_upload,
UploadPartCopy with a range, and every refusal (each leaving the object unwritten)."""

import base64
import hashlib
import json
import os
import urllib.request
from pathlib import Path

import oss2
import pytest
from oss2.models import PartInfo

KIB = 1024
MIN_PART = 100 * KIB


def crc64(data):
    crc = oss2.utils.Crc64(0)
    crc.update(data)
    return crc.crc


def upload_parts(bucket, key, upload_id, chunks):
    """Uploads each chunk as parts 1, 2, ...; returns the PartInfos complete needs (with CRCs,
    so oss2 checks the server's combined CRC against its own)."""
    parts = []
    for number, chunk in enumerate(chunks, start=1):
        result = bucket.upload_part(key, upload_id, number, chunk)
        assert result.crc == crc64(chunk), "the part's x-oss-hash-crc64ecma"
        assert result.etag == hashlib.md5(chunk).hexdigest().upper()
        parts.append(PartInfo(number, result.etag, size=len(chunk), part_crc=result.crc))
    return parts


def raw_complete(bucket, key, upload_id, body):
    """CompleteMultipartUpload with a body oss2 would never send (it sorts and formats parts)."""
    return bucket._Bucket__do_object("POST", key, params={"uploadId": upload_id}, data=body)


def data_files(server):
    root = Path(server.root) / ".oss-data"
    return sum(1 for p in root.rglob("*") if p.is_file())


def test_life_cycle(server, bucket):
    data = os.urandom(2 * MIN_PART + 777)
    chunks = [data[:MIN_PART + 1], data[MIN_PART + 1:2 * MIN_PART + 1], data[2 * MIN_PART + 1:]]
    headers = {"Content-Type": "text/x-parts", "x-oss-meta-who": "multipart", "Content-Disposition": "inline",
               "x-oss-storage-class": "IA", "x-oss-tagging": "stage=done"}
    upload_id = bucket.init_multipart_upload("dir/big.bin", headers=headers).upload_id
    assert len(upload_id) == 32 and upload_id == upload_id.upper()
    parts = upload_parts(bucket, "dir/big.bin", upload_id, chunks)

    listed = list(oss2.PartIterator(bucket, "dir/big.bin", upload_id, max_parts=1))
    assert [(p.part_number, p.etag, p.size) for p in listed] == [(p.part_number, p.etag, p.size) for p in parts]
    page = bucket.list_parts("dir/big.bin", upload_id, marker="1", max_parts=1)
    assert [p.part_number for p in page.parts] == [2] and page.is_truncated and page.next_marker == "2"
    last = bucket.list_parts("dir/big.bin", upload_id, marker="2")
    assert [p.part_number for p in last.parts] == [3] and not last.is_truncated

    result = bucket.complete_multipart_upload("dir/big.bin", upload_id, parts)
    assert result.status == 200 and result.crc == crc64(data)  # oss2 also checked it against the parts
    md5s = b"".join(hashlib.md5(c).digest() for c in chunks)
    assert result.etag == hashlib.md5(md5s).hexdigest().upper() + "-3"

    got = bucket.get_object("dir/big.bin")
    assert got.read() == data
    assert got.server_crc == crc64(data)
    assert got.headers["x-oss-meta-who"] == "multipart" and got.headers["Content-Type"] == "text/x-parts"
    assert got.headers["Content-Disposition"] == "inline" and got.headers["x-oss-storage-class"] == "IA"
    assert bucket.get_object_tagging("dir/big.bin").tag_set.tagging_rule == {"stage": "done"}
    head = bucket.head_object("dir/big.bin")
    assert (head.object_type, head.etag, head.content_length) == ("Multipart", result.etag, len(data))
    assert not list(oss2.MultipartUploadIterator(bucket)), "the upload is gone"
    with pytest.raises(oss2.exceptions.NoSuchUpload):
        bucket.list_parts("dir/big.bin", upload_id)
    assert data_files(server) == 1, "the parts' files were removed; one file holds the object"


def test_resent_part_replaces_and_complete_all(bucket):
    upload_id = bucket.init_multipart_upload("k").upload_id
    bucket.upload_part("k", upload_id, 1, b"first version")
    second = bucket.upload_part("k", upload_id, 1, b"second")
    parts = bucket.list_parts("k", upload_id).parts
    assert [(p.part_number, p.etag, p.size) for p in parts] == [(1, second.etag, 6)]
    result = bucket.complete_multipart_upload("k", upload_id, None, headers={"x-oss-complete-all": "yes"})
    assert result.status == 200
    assert bucket.get_object("k").read() == b"second"


def test_list_uploads_with_markers_prefix_and_delimiter(bucket):
    keys = ["a", "a", "b/1", "b/2", "c", "é+ü"]
    ids = {}
    for key in keys:
        ids.setdefault(key, []).append(bucket.init_multipart_upload(key).upload_id)
    everything = list(oss2.MultipartUploadIterator(bucket, max_uploads=2))
    assert [u.key for u in everything] == sorted(keys, key=str.encode)
    assert [u.upload_id for u in everything[:2]] == sorted(ids["a"]), "same key: by upload id"
    assert all(u.initiation_date > 0 for u in everything)

    top = list(oss2.MultipartUploadIterator(bucket, delimiter="/", max_uploads=1))
    assert [(u.key, u.is_prefix()) for u in top] == [("a", False), ("a", False), ("b/", True), ("c", False), ("é+ü", False)]
    under_b = bucket.list_multipart_uploads(prefix="b/")
    assert [u.key for u in under_b.upload_list] == ["b/1", "b/2"] and not under_b.is_truncated

    first_a = sorted(ids["a"])[0]
    after = bucket.list_multipart_uploads(key_marker="a", upload_id_marker=first_a, max_uploads=2)
    assert [(u.key, u.upload_id) for u in after.upload_list] == [("a", sorted(ids["a"])[1]), ("b/1", ids["b/1"][0])]
    assert after.is_truncated and (after.next_key_marker, after.next_upload_id_marker) == ("b/1", ids["b/1"][0])
    past_a = bucket.list_multipart_uploads(key_marker="a")
    assert [u.key for u in past_a.upload_list][0] == "b/1", "a key marker alone skips all of that key"
    with pytest.raises(oss2.exceptions.ServerError) as bad:
        bucket.list_multipart_uploads(max_uploads=1001)
    assert (bad.value.status, bad.value.code) == (400, "InvalidArgument")


def test_abort_removes_the_upload_and_its_parts(server, bucket):
    upload_id = bucket.init_multipart_upload("gone").upload_id
    upload_parts(bucket, "gone", upload_id, [b"x" * 1000, b"y" * 10])
    assert data_files(server) == 2
    assert bucket.abort_multipart_upload("gone", upload_id).status == 204
    assert data_files(server) == 0
    with pytest.raises(oss2.exceptions.NoSuchUpload):
        bucket.abort_multipart_upload("gone", upload_id)
    with pytest.raises(oss2.exceptions.NoSuchUpload):
        bucket.upload_part("gone", upload_id, 1, b"late")
    assert not bucket.object_exists("gone")


def test_delete_bucket_refused_while_an_upload_is_in_progress(bucket):
    upload_id = bucket.init_multipart_upload("pending").upload_id
    with pytest.raises(oss2.exceptions.BucketNotEmpty) as refused:
        bucket.delete_bucket()
    assert refused.value.status == 409
    bucket.abort_multipart_upload("pending", upload_id)
    assert bucket.delete_bucket().status == 204


def test_resumable_upload_with_small_parts_and_threads(bucket, tmp_path):
    data = os.urandom(1_400_000)
    source = tmp_path / "source.bin"
    source.write_bytes(data)
    store = oss2.ResumableStore(root=str(tmp_path))
    result = oss2.resumable_upload(bucket, "resumable.bin", str(source), store=store,
                                   multipart_threshold=200 * KIB, part_size=MIN_PART, num_threads=4)
    assert result.status == 200 and result.crc == crc64(data)
    assert bucket.get_object("resumable.bin").read() == data
    head = bucket.head_object("resumable.bin")
    assert head.object_type == "Multipart" and head.etag.endswith("-14")


def test_upload_part_copy_with_ranges(bucket):
    source = os.urandom(3 * MIN_PART)
    bucket.put_object("src/one", source)
    upload_id = bucket.init_multipart_upload("copied").upload_id
    first = bucket.upload_part_copy(bucket.bucket_name, "src/one", (1000, 1000 + MIN_PART - 1), "copied", upload_id, 1)
    second = bucket.upload_part_copy(bucket.bucket_name, "src/one", (5, 9), "copied", upload_id, 2)
    expected = source[1000:1000 + MIN_PART] + source[5:10]
    assert first.etag == hashlib.md5(source[1000:1000 + MIN_PART]).hexdigest().upper()
    assert second.crc == crc64(source[5:10])
    parts = [PartInfo(1, first.etag), PartInfo(2, second.etag)]
    bucket.complete_multipart_upload("copied", upload_id, parts)
    got = bucket.get_object("copied")
    assert got.read() == expected and got.server_crc == crc64(expected)
    with pytest.raises(oss2.exceptions.ServerError) as past_end:
        bucket.upload_part_copy(bucket.bucket_name, "src/one", (0, len(source)), "copied", upload_id, 1)
    assert past_end.value.code == "NoSuchUpload", "the completed upload is gone first"
    other = bucket.init_multipart_upload("copied").upload_id
    with pytest.raises(oss2.exceptions.ServerError) as past_end:
        bucket.upload_part_copy(bucket.bucket_name, "src/one", (0, len(source)), "copied", other, 1)
    assert (past_end.value.status, past_end.value.code) == (416, "InvalidRange")
    with pytest.raises(oss2.exceptions.NoSuchKey):
        bucket.upload_part_copy(bucket.bucket_name, "src/none", (0, 1), "copied", other, 1)


@pytest.mark.parametrize("number", [0, 10001])
def test_part_number_out_of_range(bucket, number):
    upload_id = bucket.init_multipart_upload("k").upload_id
    with pytest.raises(oss2.exceptions.ServerError) as refused:
        bucket.upload_part("k", upload_id, number, b"data")
    assert (refused.value.status, refused.value.code) == (400, "InvalidArgument")
    assert not bucket.list_parts("k", upload_id).parts
    bucket.upload_part("k", upload_id, 10000, b"the last number is fine")


def test_unknown_upload_id(bucket):
    unknown = "0" * 32
    for call in (
        lambda: bucket.upload_part("k", unknown, 1, b"data"),
        lambda: bucket.list_parts("k", unknown),
        lambda: bucket.complete_multipart_upload("k", unknown, [PartInfo(1, "A" * 32)]),
        lambda: bucket.abort_multipart_upload("k", unknown),
    ):
        with pytest.raises(oss2.exceptions.NoSuchUpload) as missing:
            call()
        assert missing.value.status == 404
    other = bucket.init_multipart_upload("other-key").upload_id
    with pytest.raises(oss2.exceptions.NoSuchUpload):
        bucket.upload_part("k", other, 1, b"an upload id belongs to its key")


def test_wrong_and_invalid_content_md5(bucket):
    upload_id = bucket.init_multipart_upload("k").upload_id
    wrong = base64.b64encode(hashlib.md5(b"other").digest()).decode()
    with pytest.raises(oss2.exceptions.ServerError) as bad:
        bucket.upload_part("k", upload_id, 1, b"data", headers={"Content-MD5": wrong})
    assert (bad.value.status, bad.value.code) == (400, "BadDigest")
    with pytest.raises(oss2.exceptions.ServerError) as invalid:
        bucket.upload_part("k", upload_id, 1, b"data", headers={"Content-MD5": "not-base64"})
    assert invalid.value.code == "InvalidDigest"
    assert not bucket.list_parts("k", upload_id).parts, "nothing was stored"
    right = base64.b64encode(hashlib.md5(b"data").digest()).decode()
    assert bucket.upload_part("k", upload_id, 1, b"data", headers={"Content-MD5": right}).status == 200


@pytest.fixture
def two_parts(bucket):
    """An upload with a too-small first part (1 KiB) and a second one."""
    upload_id = bucket.init_multipart_upload("k").upload_id
    parts = upload_parts(bucket, "k", upload_id, [b"s" * KIB, b"t" * 10])
    return upload_id, parts


def refused(bucket, upload_id, call, status, code):
    with pytest.raises(oss2.exceptions.ServerError) as error:
        call()
    assert (error.value.status, error.value.code) == (status, code), error.value
    assert not bucket.object_exists("k"), "a refused completion writes nothing"
    assert len(bucket.list_parts("k", upload_id).parts) == 2, "and keeps the upload"


def test_too_small_part(bucket, two_parts):
    upload_id, parts = two_parts
    refused(bucket, upload_id, lambda: bucket.complete_multipart_upload("k", upload_id, parts), 400, "EntityTooSmall")
    # The last part may be small: completing with part 2 alone works.
    bucket.complete_multipart_upload("k", upload_id, parts[1:])
    assert bucket.get_object("k").read() == b"t" * 10


def test_wrong_order_and_wrong_etag(bucket, two_parts):
    upload_id, parts = two_parts
    xml = "<CompleteMultipartUpload>" + "".join(
        f"<Part><PartNumber>{p.part_number}</PartNumber><ETag>\"{p.etag}\"</ETag></Part>" for p in reversed(parts)
    ) + "</CompleteMultipartUpload>"
    refused(bucket, upload_id, lambda: raw_complete(bucket, "k", upload_id, xml), 400, "InvalidPartOrder")
    duplicate = [parts[1], parts[1]]
    refused(bucket, upload_id, lambda: bucket.complete_multipart_upload("k", upload_id, duplicate), 400,
            "InvalidPartOrder")
    wrong_etag = [PartInfo(2, "0" * 32)]
    refused(bucket, upload_id, lambda: bucket.complete_multipart_upload("k", upload_id, wrong_etag), 400,
            "InvalidPart")
    missing = [PartInfo(7, parts[1].etag)]
    refused(bucket, upload_id, lambda: bucket.complete_multipart_upload("k", upload_id, missing), 400, "InvalidPart")


@pytest.mark.parametrize("body", [
    "<CompleteMultipartUpload><Part><PartNumber>1</PartNumber>",
    "<CompleteMultipartUpload></CompleteMultipartUpload>",
    "<CompleteMultipartUpload><Part><PartNumber>one</PartNumber><ETag>x</ETag></Part></CompleteMultipartUpload>",
    "not xml at all",
])
def test_malformed_xml(bucket, two_parts, body):
    upload_id, _ = two_parts
    refused(bucket, upload_id, lambda: raw_complete(bucket, "k", upload_id, body), 400, "MalformedXML")


def test_oversize_complete_document(bucket, two_parts):
    """A Complete document over 2 MiB is refused before it is parsed, even one that would
    complete (part 2 alone is a valid list)."""
    upload_id, parts = two_parts
    padding = "<!--" + "x" * (2 << 20) + "-->"
    xml = (f"<CompleteMultipartUpload>{padding}<Part><PartNumber>2</PartNumber>"
           f"<ETag>\"{parts[1].etag}\"</ETag></Part></CompleteMultipartUpload>")
    refused(bucket, upload_id, lambda: raw_complete(bucket, "k", upload_id, xml), 400, "MalformedXML")
    # The same list without the padding completes.
    bucket.complete_multipart_upload("k", upload_id, parts[1:])
    assert bucket.get_object("k").read() == b"t" * 10


def test_refused_parts_leave_no_data_file(server, bucket):
    """A part to an unknown upload id, numbered 0 or 10001, or with a wrong Content-MD5 keeps
    no byte on disk (the answer alone could hide a leaked data file)."""
    upload_id = bucket.init_multipart_upload("k").upload_id
    before = data_files(server)
    wrong = base64.b64encode(hashlib.md5(b"other").digest()).decode()
    refusals = [
        (lambda: bucket.upload_part("k", "0" * 32, 1, b"x" * MIN_PART), "NoSuchUpload"),
        (lambda: bucket.upload_part("k", upload_id, 0, b"x" * MIN_PART), "InvalidArgument"),
        (lambda: bucket.upload_part("k", upload_id, 10001, b"x" * MIN_PART), "InvalidArgument"),
        (lambda: bucket.upload_part("k", upload_id, 1, b"x" * MIN_PART, headers={"Content-MD5": wrong}), "BadDigest"),
    ]
    for call, code in refusals:
        with pytest.raises(oss2.exceptions.ServerError) as error:
            call()
        assert error.value.code == code
    assert data_files(server) == before
    assert not list(Path(server.root, ".oss-tmp").iterdir()), "no temp file left"
    assert not bucket.list_parts("k", upload_id).parts


def test_forbid_overwrite_at_initiation_and_completion(bucket):
    bucket.put_object("taken", b"original")
    forbid = {"x-oss-forbid-overwrite": "true"}
    with pytest.raises(oss2.exceptions.ServerError) as refused:
        bucket.init_multipart_upload("taken", headers=forbid)
    assert (refused.value.status, refused.value.code) == (409, "FileAlreadyExists")
    upload_id = bucket.init_multipart_upload("later", headers=forbid).upload_id
    parts = upload_parts(bucket, "later", upload_id, [b"multipart bytes"])
    bucket.put_object("later", b"someone else was first")
    with pytest.raises(oss2.exceptions.ServerError) as refused:
        bucket.complete_multipart_upload("later", upload_id, parts)
    assert (refused.value.status, refused.value.code) == (409, "FileAlreadyExists")
    assert bucket.get_object("later").read() == b"someone else was first"


def admin(server, method, path):
    request = urllib.request.Request(f"{server.admin}/{path}", method=method)
    with urllib.request.urlopen(request, timeout=10) as answer:
        return json.loads(answer.read())


def test_resumable_upload_resends_only_the_failed_part(server, bucket, tmp_path):
    """A 503 on part 4 (after its body was received) stops the first run; the second run,
    from oss2's checkpoint, sends part 4 again and nothing else, as the server's counters show."""
    data = os.urandom(6 * MIN_PART)
    source = tmp_path / "source.bin"
    source.write_bytes(data)
    store = oss2.ResumableStore(root=str(tmp_path))
    rule = f"faults?kind=error&status=503&on=request&op=UploadPart&part=4&times=1&bucket={bucket.bucket_name}"
    admin(server, "POST", rule)
    upload = lambda: oss2.resumable_upload(bucket, "resumed.bin", str(source), store=store,  # noqa: E731
                                           multipart_threshold=MIN_PART, part_size=MIN_PART, num_threads=1)
    with pytest.raises(oss2.exceptions.ServerError) as failed:
        upload()
    assert failed.value.status == 503
    (pending,) = bucket.list_multipart_uploads().upload_list
    upload()
    assert bucket.get_object("resumed.bin").read() == data
    counters = admin(server, "GET", f"counters?upload={pending.upload_id}")
    sent = {int(n): (c["requests"], c["received_bytes"]) for n, c in counters["parts"].items()}
    assert sent == {n: ((2, 2 * MIN_PART) if n == 4 else (1, MIN_PART)) for n in range(1, 7)}
