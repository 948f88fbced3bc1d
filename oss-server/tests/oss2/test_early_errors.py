"""Errors answered before a large body is read reach oss2 as the error, not as a broken
connection (requests sends the whole body before it reads the answer)."""

import oss2
import pytest

from conftest import make_bucket, unique_bucket_name

BIG = b"x" * (32 << 20)


@pytest.mark.parametrize("expect", [False, True])
def test_large_put_to_a_missing_bucket_gets_no_such_bucket(server, expect):
    missing = make_bucket(server, unique_bucket_name("missing"))
    headers = {"Expect": "100-continue"} if expect else None
    for _ in range(3):
        with pytest.raises(oss2.exceptions.NoSuchBucket) as e:
            missing.put_object("big", BIG, headers=headers)
        assert e.value.status == 404 and e.value.request_id


def test_large_put_with_a_bad_digest_header_gets_invalid_digest(bucket):
    with pytest.raises(oss2.exceptions.ServerError) as e:
        bucket.put_object("big", BIG, headers={"Content-MD5": "not base64!"})
    assert (e.value.status, e.value.code) == (400, "InvalidDigest")
    assert not bucket.object_exists("big")
    # The connection pool recovers: the next request on the same client works.
    bucket.put_object("small", b"ok")
    assert bucket.get_object("small").read() == b"ok"
