"""RestoreObject through oss2 on a server whose restores take 1.5 s (long enough to see a
restore in progress on a loaded machine, short enough to wait for)."""

import time

import oss2
import pytest

from conftest import make_bucket, unique_bucket_name


@pytest.fixture
def archive_bucket(start_server):
    server = start_server("--restore-delay-ms", "1500")
    bucket = make_bucket(server, unique_bucket_name())
    bucket.create_bucket()
    return bucket


@pytest.mark.parametrize("storage_class", ["Archive", "ColdArchive"])
def test_archive_objects_need_a_restore(archive_bucket, storage_class):
    b = archive_bucket
    b.put_object("cold", b"frozen bytes", headers={"x-oss-storage-class": storage_class})
    with pytest.raises(oss2.exceptions.ServerError) as frozen:
        b.get_object("cold")
    assert (frozen.value.status, frozen.value.code) == (403, "InvalidObjectState")
    assert b.head_object("cold").headers["x-oss-storage-class"] == storage_class, "HEAD may look"
    assert "x-oss-restore" not in b.head_object("cold").headers
    assert b.restore_object("cold").status == 202
    with pytest.raises(oss2.exceptions.RestoreAlreadyInProgress) as again:
        b.restore_object("cold")
    assert again.value.status == 409
    assert b.head_object("cold").headers["x-oss-restore"] == 'ongoing-request="true"'
    for _ in range(100):  # 1.5 s delay; at most 10 s
        if "false" in b.head_object("cold").headers["x-oss-restore"]:
            break
        time.sleep(0.1)
    restored = b.head_object("cold").headers["x-oss-restore"]
    assert restored.startswith('ongoing-request="false", expiry-date="') and restored.endswith('GMT"'), restored
    assert b.get_object("cold").read() == b"frozen bytes"
    assert b.restore_object("cold").status == 200, "restoring a restored object extends it"


def test_restoring_a_standard_object_is_refused(archive_bucket):
    archive_bucket.put_object("warm", b"x")
    with pytest.raises(oss2.exceptions.ServerError) as e:
        archive_bucket.restore_object("warm")
    assert (e.value.status, e.value.code) == (400, "OperationNotSupported")
    with pytest.raises(oss2.exceptions.NoSuchKey):
        archive_bucket.restore_object("missing")
