"""Buckets through oss2: create (ACL, storage class), info, location, ACL, delete, and the
paginated ListBuckets."""

import oss2
import pytest

from conftest import REGION, make_bucket, make_service, unique_bucket_name


def test_create_info_acl_delete(server):
    bucket = make_bucket(server, unique_bucket_name())
    config = oss2.models.BucketCreateConfig(oss2.BUCKET_STORAGE_CLASS_IA, oss2.BUCKET_DATA_REDUNDANCY_TYPE_ZRS)
    assert bucket.create_bucket(oss2.BUCKET_ACL_PUBLIC_READ, config).status == 200
    info = bucket.get_bucket_info()
    assert (info.name, info.storage_class, info.data_redundancy_type, info.acl.grant) == (
        bucket.bucket_name, "IA", "ZRS", "public-read")
    assert info.location == f"oss-{REGION}"
    assert bucket.get_bucket_location().location == f"oss-{REGION}"
    bucket.put_bucket_acl(oss2.BUCKET_ACL_PRIVATE)
    assert bucket.get_bucket_acl().acl == "private"
    # The owner creating it again with the same configuration: fine; with another class: 409.
    assert bucket.create_bucket(input=config).status == 200
    with pytest.raises(oss2.exceptions.ServerError) as other_class:
        bucket.create_bucket(input=oss2.models.BucketCreateConfig(oss2.BUCKET_STORAGE_CLASS_ARCHIVE))
    assert (other_class.value.status, other_class.value.code) == (409, "BucketAlreadyExists")
    assert bucket.get_bucket_info().storage_class == "IA", "the refused create changed nothing"
    bucket.put_object("k", b"x")
    bucket.put_object("k2", b"four")
    stat = bucket.get_bucket_stat()
    assert (stat.storage_size_in_bytes, stat.object_count, stat.multi_part_upload_count) == (5, 2, 0)
    bucket.delete_object("k2")
    with pytest.raises(oss2.exceptions.BucketNotEmpty) as not_empty:
        bucket.delete_bucket()
    assert not_empty.value.status == 409
    bucket.delete_object("k")
    assert bucket.delete_bucket().status == 204
    with pytest.raises(oss2.exceptions.NoSuchBucket):
        bucket.get_bucket_info()


def test_invalid_bucket_arguments(server):
    bucket = make_bucket(server, unique_bucket_name())
    with pytest.raises(oss2.exceptions.ServerError) as bad_class:
        bucket.create_bucket(input=oss2.models.BucketCreateConfig("Nearline"))
    assert (bad_class.value.status, bad_class.value.code) == (400, "InvalidArgument")
    with pytest.raises(oss2.exceptions.ServerError) as bad_acl:
        bucket.create_bucket(permission="world-writable")
    assert (bad_acl.value.status, bad_acl.value.code) == (400, "InvalidArgument")
    with pytest.raises(oss2.exceptions.NoSuchBucket):
        bucket.get_bucket_acl()


def test_list_buckets_pages(server):
    names = sorted(unique_bucket_name("page") for _ in range(5))
    for name in names:
        make_bucket(server, name).create_bucket()
    make_bucket(server, unique_bucket_name("other")).create_bucket()
    service = make_service(server)
    first = service.list_buckets(prefix="page-", max_keys=2)
    assert [b.name for b in first.buckets] == names[:2] and first.is_truncated and first.next_marker == names[1]
    rest = service.list_buckets(prefix="page-", marker=first.next_marker, max_keys=1000)
    assert [b.name for b in rest.buckets] == names[2:] and not rest.is_truncated
    assert [b.name for b in oss2.BucketIterator(service, prefix="page-", max_keys=1)] == names
    for bad in ["0", "1001", "x"]:
        with pytest.raises(oss2.exceptions.ServerError) as e:
            service.list_buckets(max_keys=bad)
        assert (e.value.status, e.value.code) == (400, "InvalidArgument")
    with pytest.raises(oss2.exceptions.ServerError) as e:
        service.list_buckets(prefix="Upper_Case")
    assert e.value.code == "InvalidArgument"


def test_list_objects_arguments_and_url_encoding(bucket):
    keys = ["a b", "a+b", "a/é", "a\u0001ctl", "z"]
    for key in keys:
        bucket.put_object(key, b"")
    encoded = bucket.list_objects(max_keys=100, headers=None)
    assert [o.key for o in encoded.object_list] == sorted(keys, key=str.encode)
    plain = bucket.list_objects(prefix="a", delimiter="/", max_keys=10)
    assert plain.prefix_list == ["a/"] and [o.key for o in plain.object_list] == ["a\u0001ctl", "a b", "a+b"]
    for bad in [0, 1001]:
        with pytest.raises(oss2.exceptions.ServerError) as e:
            bucket.list_objects(max_keys=bad)
        assert (e.value.status, e.value.code) == (400, "InvalidArgument")
    page = bucket.list_objects(max_keys=2)
    assert page.is_truncated and page.next_marker == sorted(keys, key=str.encode)[1]
    after = bucket.list_objects_v2(start_after="a/é")
    assert [o.key for o in after.object_list] == ["z"]
