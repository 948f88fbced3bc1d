"""Presigned URLs (V1 and V4, expiry enforced) and anonymous access through public ACLs."""

import time

import oss2
import pytest
import requests

from conftest import REGION, make_bucket, unique_bucket_name


def _code(xml):
    start = xml.find("<Code>") + len("<Code>")
    return xml[start:xml.find("</Code>")]


def _message(xml):
    start = xml.find("<Message>") + len("<Message>")
    return xml[start:xml.find("</Message>")]


@pytest.mark.parametrize("version", ["v1", "v4"])
def test_presigned_get_and_put(server, version):
    bucket = make_bucket(server, unique_bucket_name(), version=version)
    bucket.create_bucket()
    bucket.put_object("dir/a b€", b"signed content")
    url = bucket.sign_url("GET", "dir/a b€", 60)
    assert ("Signature=" in url) if version == "v1" else ("x-oss-signature=" in url)
    got = requests.get(url)
    assert (got.status_code, got.content) == (200, b"signed content")
    put_url = bucket.sign_url("PUT", "uploaded", 60, headers={"Content-Type": "text/plain"})
    put = requests.put(put_url, data=b"via url", headers={"Content-Type": "text/plain"})
    assert put.status_code == 200, put.text
    assert bucket.get_object("uploaded").read() == b"via url"
    path, query = url.split("?", 1)
    tampered = path + "x?" + query  # another key than the one signed
    denied = requests.get(tampered)
    assert (denied.status_code, _code(denied.text)) == (403, "SignatureDoesNotMatch")


def test_presigned_v1_expiry(bucket):
    bucket.put_object("k", b"x")
    expired = requests.get(bucket.sign_url("GET", "k", -10))
    assert (expired.status_code, _code(expired.text)) == (403, "AccessDenied")
    assert _message(expired.text) == "Request has expired."


def test_presigned_v4_expiry(server):
    bucket = make_bucket(server, unique_bucket_name(), version="v4")
    bucket.create_bucket()
    bucket.put_object("k", b"x")
    # x-oss-date has one-second resolution: 2 s leave at least 1 s to use the URL.
    url = bucket.sign_url("GET", "k", 2)
    assert requests.get(url).status_code == 200
    time.sleep(3.2)
    expired = requests.get(url)
    assert (expired.status_code, _code(expired.text)) == (403, "AccessDenied")
    assert _message(expired.text) == "Request has expired."


@pytest.mark.parametrize("version", ["v1", "v4"])
def test_presigned_with_sts_token(start_server, version):
    server = start_server("--sts-token", "TOKEN-9")
    bucket = make_bucket(server, unique_bucket_name(), version=version, token="TOKEN-9")
    bucket.create_bucket()
    bucket.put_object("k", b"sts")
    assert requests.get(bucket.sign_url("GET", "k", 60)).content == b"sts"
    unsigned_token = make_bucket(server, bucket.bucket_name, version=version).sign_url("GET", "k", 60)
    refused = requests.get(unsigned_token)
    assert (refused.status_code, _code(refused.text)) == (403, "InvalidSecurityToken")


def test_anonymous_access_follows_acls(server, bucket):
    anonymous = oss2.Bucket(oss2.AnonymousAuth(), server.endpoint, bucket.bucket_name, region=REGION)
    bucket.put_object("k", b"public?")
    with pytest.raises(oss2.exceptions.AccessDenied):
        anonymous.get_object("k")
    bucket.put_bucket_acl(oss2.BUCKET_ACL_PUBLIC_READ)
    assert anonymous.get_object("k").read() == b"public?"
    assert [o.key for o in anonymous.list_objects().object_list] == ["k"]
    with pytest.raises(oss2.exceptions.AccessDenied):
        anonymous.put_object("new", b"x")
    bucket.put_object_acl("k", oss2.OBJECT_ACL_PRIVATE)
    with pytest.raises(oss2.exceptions.AccessDenied):
        anonymous.get_object("k")
    bucket.put_bucket_acl(oss2.BUCKET_ACL_PUBLIC_READ_WRITE)
    anonymous.put_object("new", b"anonymous write")
    assert bucket.get_object("new").read() == b"anonymous write"
    with pytest.raises(oss2.exceptions.AccessDenied):
        anonymous.put_bucket_acl(oss2.BUCKET_ACL_PRIVATE)
    bucket.put_bucket_acl(oss2.BUCKET_ACL_PRIVATE)
    bucket.put_object_acl("new", oss2.OBJECT_ACL_PUBLIC_READ)
    assert anonymous.get_object("new").read() == b"anonymous write", "an object's own ACL wins"
    with pytest.raises(oss2.exceptions.AccessDenied):
        anonymous.delete_object("new")
