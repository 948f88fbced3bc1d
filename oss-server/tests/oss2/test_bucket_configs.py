"""Bucket configurations through oss2: lifecycle, CORS, referer, website, logging and storage
capacity — each put, read back, deleted where OSS has a delete, and refused with the OSS error
when malformed or invalid (documents sent raw through oss2's own request path)."""

import base64
import datetime
import hashlib

import oss2
import pytest
from oss2.models import (AbortMultipartUpload, BucketCors, BucketLifecycle, BucketLogging, BucketReferer,
                         BucketUserQos, BucketWebsite, CorsRule, LifecycleExpiration, LifecycleRule,
                         StorageTransition)

from conftest import make_bucket, unique_bucket_name


def raw_put(bucket, subresource, body, headers=None):
    """PUT a configuration document as given (oss2's request path: signed, sent, errors raised)."""
    return bucket._Bucket__do_bucket("PUT", data=body, params={subresource: ""}, headers=headers or {})


def server_error(call, *args):
    with pytest.raises(oss2.exceptions.ServerError) as caught:
        call(*args)
    return caught.value.status, caught.value.code


def test_lifecycle_put_get_delete(bucket):
    with pytest.raises(oss2.exceptions.NoSuchLifecycle):
        bucket.get_bucket_lifecycle()
    rules = [
        LifecycleRule("expire-logs", "logs/", status=LifecycleRule.ENABLED,
                      expiration=LifecycleExpiration(days=30),
                      storage_transitions=[StorageTransition(days=7, storage_class=oss2.BUCKET_STORAGE_CLASS_IA)]),
        LifecycleRule("old", "tmp/", status=LifecycleRule.DISABLED,
                      expiration=LifecycleExpiration(created_before_date=datetime.date(2030, 1, 1))),
        LifecycleRule("uploads", "", abort_multipart_upload=AbortMultipartUpload(days=3)),
    ]
    assert bucket.put_bucket_lifecycle(BucketLifecycle(rules)).status == 200
    got = bucket.get_bucket_lifecycle().rules
    assert [(r.id, r.prefix, r.status) for r in got] == [
        ("expire-logs", "logs/", "Enabled"), ("old", "tmp/", "Disabled"), ("uploads", "", "Enabled")]
    assert got[0].expiration.days == 30
    assert (got[0].storage_transitions[0].days, got[0].storage_transitions[0].storage_class) == (7, "IA")
    assert got[1].expiration.created_before_date == datetime.date(2030, 1, 1)
    assert got[2].abort_multipart_upload.days == 3
    assert bucket.delete_bucket_lifecycle().status == 204
    with pytest.raises(oss2.exceptions.NoSuchLifecycle) as gone:
        bucket.get_bucket_lifecycle()
    assert gone.value.status == 404
    assert bucket.delete_bucket_lifecycle().status == 204, "deleting what is not there succeeds too"


def test_lifecycle_refusals(bucket):
    rule = "<Rule><ID>r</ID><Prefix>p</Prefix><Status>Enabled</Status>{}</Rule>"
    document = "<LifecycleConfiguration>{}</LifecycleConfiguration>"
    assert server_error(raw_put, bucket, "lifecycle", "<LifecycleConfiguration><Rule>") == (400, "MalformedXML")
    assert server_error(raw_put, bucket, "lifecycle", document.format("")) == (400, "MalformedXML")
    no_action = document.format(rule.format(""))
    assert server_error(raw_put, bucket, "lifecycle", no_action) == (400, "MalformedXML")
    zero_days = document.format(rule.format("<Expiration><Days>0</Days></Expiration>"))
    assert server_error(raw_put, bucket, "lifecycle", zero_days) == (400, "InvalidArgument")
    noon = document.format(rule.format("<Expiration><Date>2030-01-01T12:00:00.000Z</Date></Expiration>"))
    assert server_error(raw_put, bucket, "lifecycle", noon) == (400, "InvalidArgument")
    twice = document.format(rule.format("<Expiration><Days>1</Days></Expiration>") * 2)
    assert server_error(raw_put, bucket, "lifecycle", twice) == (400, "InvalidArgument")
    good = document.format(rule.format("<Expiration><Days>1</Days></Expiration>"))
    wrong_md5 = base64.b64encode(hashlib.md5(b"something else").digest()).decode()
    assert server_error(raw_put, bucket, "lifecycle", good, {"Content-MD5": wrong_md5}) == (400, "InvalidDigest")
    assert server_error(raw_put, bucket, "lifecycle", good, {"Content-MD5": "not-md5"}) == (400, "InvalidDigest")
    with pytest.raises(oss2.exceptions.NoSuchLifecycle):
        bucket.get_bucket_lifecycle()  # nothing refused was stored
    right_md5 = base64.b64encode(hashlib.md5(good.encode()).digest()).decode()
    assert raw_put(bucket, "lifecycle", good, {"Content-MD5": right_md5}).status == 200
    assert bucket.get_bucket_lifecycle().rules[0].expiration.days == 1


def test_cors(bucket):
    with pytest.raises(oss2.exceptions.NoSuchCors) as absent:
        bucket.get_bucket_cors()
    assert (absent.value.status, absent.value.code) == (404, "NoSuchCORSConfiguration")
    rule = CorsRule(allowed_origins=["https://a.example", "*.b.example"], allowed_methods=["GET", "PUT"],
                    allowed_headers=["x-oss-*"], expose_headers=["ETag", "x-oss-request-id"], max_age_seconds=600)
    bucket.put_bucket_cors(BucketCors([rule, CorsRule(allowed_origins=["*"], allowed_methods=["HEAD"])]))
    got = bucket.get_bucket_cors().rules
    assert (got[0].allowed_origins, got[0].allowed_methods) == (["https://a.example", "*.b.example"], ["GET", "PUT"])
    assert (got[0].allowed_headers, got[0].expose_headers, got[0].max_age_seconds) == (
        ["x-oss-*"], ["ETag", "x-oss-request-id"], 600)
    assert (got[1].allowed_origins, got[1].allowed_methods, got[1].max_age_seconds) == (["*"], ["HEAD"], None)
    eleven = BucketCors([CorsRule(allowed_origins=["*"], allowed_methods=["GET"])] * 11)
    assert server_error(bucket.put_bucket_cors, eleven) == (400, "InvalidArgument")
    patch = BucketCors([CorsRule(allowed_origins=["*"], allowed_methods=["PATCH"])])
    assert server_error(bucket.put_bucket_cors, patch) == (400, "InvalidArgument")
    no_origin = BucketCors([CorsRule(allowed_methods=["GET"])])
    assert server_error(bucket.put_bucket_cors, no_origin) == (400, "MalformedXML")
    assert len(bucket.get_bucket_cors().rules) == 2, "refused documents changed nothing"
    assert bucket.delete_bucket_cors().status == 204
    with pytest.raises(oss2.exceptions.NoSuchCors):
        bucket.get_bucket_cors()


def test_referer(bucket):
    default = bucket.get_bucket_referer()
    assert (default.allow_empty_referer, default.referers) == (True, [])
    bucket.put_bucket_referer(BucketReferer(False, ["http://www.example.com", "https://*.example.org/?x"]))
    got = bucket.get_bucket_referer()
    assert (got.allow_empty_referer, got.referers) == (False, ["http://www.example.com", "https://*.example.org/?x"])
    bucket.put_bucket_referer(BucketReferer(True, []))
    got = bucket.get_bucket_referer()
    assert (got.allow_empty_referer, got.referers) == (True, [])
    bad = "<RefererConfiguration><AllowEmptyReferer>maybe</AllowEmptyReferer><RefererList/></RefererConfiguration>"
    assert server_error(raw_put, bucket, "referer", bad) == (400, "MalformedXML")
    no_list = "<RefererConfiguration><AllowEmptyReferer>true</AllowEmptyReferer></RefererConfiguration>"
    assert server_error(raw_put, bucket, "referer", no_list) == (400, "MalformedXML")


def test_website(bucket):
    with pytest.raises(oss2.exceptions.NoSuchWebsite) as absent:
        bucket.get_bucket_website()
    assert (absent.value.status, absent.value.code) == (404, "NoSuchWebsiteConfiguration")
    # oss2 sends Content-MD5 with this one: the server checks it.
    assert bucket.put_bucket_website(BucketWebsite("index.html", "error.html")).status == 200
    got = bucket.get_bucket_website()
    assert (got.index_file, got.error_file) == ("index.html", "error.html")
    assert server_error(bucket.put_bucket_website, BucketWebsite("", "error.html")) == (400, "InvalidArgument")
    bad_status = ("<WebsiteConfiguration><IndexDocument><Suffix>i.html</Suffix></IndexDocument>"
                  "<ErrorDocument><Key>e.html</Key><HttpStatus>500</HttpStatus></ErrorDocument></WebsiteConfiguration>")
    assert server_error(raw_put, bucket, "website", bad_status) == (400, "InvalidArgument")
    assert server_error(raw_put, bucket, "website", "<WebsiteConfiguration/>") == (400, "MalformedXML")
    assert bucket.get_bucket_website().index_file == "index.html"
    assert bucket.delete_bucket_website().status == 204
    with pytest.raises(oss2.exceptions.NoSuchWebsite):
        bucket.get_bucket_website()


def test_logging(server, bucket):
    off = bucket.get_bucket_logging()
    assert (off.target_bucket, off.target_prefix) == ("", "")
    missing = BucketLogging(unique_bucket_name("nologs"), "log/")
    assert server_error(bucket.put_bucket_logging, missing) == (400, "InvalidTargetBucketForLogging")
    logs = make_bucket(server, unique_bucket_name("logs"))
    logs.create_bucket()
    bucket.put_bucket_logging(BucketLogging(logs.bucket_name, "access/"))
    got = bucket.get_bucket_logging()
    assert (got.target_bucket, got.target_prefix) == (logs.bucket_name, "access/")
    assert bucket.get_bucket_info().name == bucket.bucket_name, "oss2 still parses the info"
    body = bucket._Bucket__do_bucket("GET", params={"bucketInfo": ""}).read().decode()
    assert f"<LogBucket>{logs.bucket_name}</LogBucket><LogPrefix>access/</LogPrefix>" in body
    # An empty BucketLoggingStatus turns logging off, as DeleteBucketLogging does.
    bucket.put_bucket_logging(BucketLogging("", ""))
    assert bucket.get_bucket_logging().target_bucket == ""
    bucket.put_bucket_logging(BucketLogging(logs.bucket_name, ""))
    assert bucket.delete_bucket_logging().status == 204
    assert bucket.get_bucket_logging().target_bucket == ""


def test_storage_capacity(bucket):
    assert bucket.get_bucket_storage_capacity().storage_capacity == -1, "unlimited until set"
    bucket.set_bucket_storage_capacity(BucketUserQos(100))
    assert bucket.get_bucket_storage_capacity().storage_capacity == 100
    bucket.set_bucket_storage_capacity(BucketUserQos(-1))
    assert bucket.get_bucket_storage_capacity().storage_capacity == -1
    assert server_error(bucket.set_bucket_storage_capacity, BucketUserQos(-2)) == (400, "InvalidArgument")
    assert server_error(raw_put, bucket, "qos", "<BucketUserQos/>") == (400, "MalformedXML")
    assert bucket.get_bucket_storage_capacity().storage_capacity == -1


def test_configurations_of_a_missing_bucket(server):
    ghost = make_bucket(server, unique_bucket_name("ghost"))
    for call in [ghost.get_bucket_lifecycle, ghost.get_bucket_cors, ghost.get_bucket_referer,
                 ghost.get_bucket_website, ghost.get_bucket_logging, ghost.get_bucket_storage_capacity]:
        with pytest.raises(oss2.exceptions.NoSuchBucket):
            call()
    with pytest.raises(oss2.exceptions.NoSuchBucket):
        ghost.put_bucket_referer(BucketReferer(True, []))


def test_configurations_go_with_their_bucket(server):
    name = unique_bucket_name()
    bucket = make_bucket(server, name)
    bucket.create_bucket()
    bucket.put_bucket_cors(BucketCors([CorsRule(allowed_origins=["*"], allowed_methods=["GET"])]))
    bucket.delete_bucket()
    bucket.create_bucket()
    with pytest.raises(oss2.exceptions.NoSuchCors):
        bucket.get_bucket_cors()


def test_every_client_form(any_bucket):
    """The configuration sub-resources signed with V1 and V4, path style and virtual-hosted."""
    any_bucket.put_bucket_referer(BucketReferer(False, ["https://example.com"]))
    assert any_bucket.get_bucket_referer().referers == ["https://example.com"]
    any_bucket.put_bucket_lifecycle(BucketLifecycle([LifecycleRule("r", "p/", expiration=LifecycleExpiration(days=2))]))
    assert any_bucket.get_bucket_lifecycle().rules[0].expiration.days == 2
    any_bucket.set_bucket_storage_capacity(BucketUserQos(5))
    assert any_bucket.get_bucket_storage_capacity().storage_capacity == 5
    assert any_bucket.delete_bucket_lifecycle().status == 204
