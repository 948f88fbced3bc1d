"""Upload callbacks through oss2: PutObject with x-oss-callback / x-oss-callback-var; a small
HTTP server on 127.0.0.1 receives the server's POST, records it, and answers as told."""

import base64
import http.server
import json
import threading
import urllib.parse

import oss2
import pytest


class Receiver:
    """A callback server on 127.0.0.1: records each POST (path, headers, body) and answers with
    `status` and `body`."""

    def __init__(self):
        self.requests = []
        self.status = 200
        self.body = b'{"Status":"OK"}'
        receiver = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                length = int(self.headers.get("Content-Length", "0"))
                receiver.requests.append((self.path, dict(self.headers), self.rfile.read(length)))
                self.send_response(receiver.status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(receiver.body)))
                self.end_headers()
                self.wfile.write(receiver.body)

            def log_message(self, *args):
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def url(self, path="/cb"):
        return f"http://127.0.0.1:{self.port}{path}"

    def stop(self):
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(5)


@pytest.fixture
def receiver():
    r = Receiver()
    yield r
    r.stop()


def encode(value):
    return base64.b64encode(json.dumps(value).encode()).decode()


def callback_headers(url, body, body_type=None, variables=None, host=None):
    params = {"callbackUrl": url, "callbackBody": body}
    if body_type:
        params["callbackBodyType"] = body_type
    if host:
        params["callbackHost"] = host
    headers = {"x-oss-callback": encode(params)}
    if variables is not None:
        headers["x-oss-callback-var"] = encode(variables)
    return headers


def test_form_callback(bucket, receiver):
    body = "bucket=${bucket}&object=${object}&etag=${etag}&size=${size}&mimeType=${mimeType}&my=${x:my_var}"
    headers = callback_headers(receiver.url("/cb?q=1"), body, variables={"x:my_var": "a b&c"})
    headers["Content-Type"] = "text/plain"
    result = bucket.put_object("dir/file one.txt", b"hello", headers=headers)
    assert result.status == 200
    assert result.resp.read() == b'{"Status":"OK"}', "the callback server's body is the answer"
    assert result.etag == "5D41402ABC4B2A76B9719D911017C592" and result.crc is not None
    [(path, sent_headers, sent)] = receiver.requests
    assert path == "/cb?q=1"
    assert sent_headers["Content-Type"] == "application/x-www-form-urlencoded"
    assert sent_headers["Host"] == f"127.0.0.1:{receiver.port}"
    fields = urllib.parse.parse_qs(sent.decode())
    assert fields == {"bucket": [bucket.bucket_name], "object": ["dir/file one.txt"],
                      "etag": ["5D41402ABC4B2A76B9719D911017C592"], "size": ["5"], "mimeType": ["text/plain"],
                      "my": ["a b&c"]}
    assert bucket.get_object("dir/file one.txt").read() == b"hello"


def test_json_callback_with_host(bucket, receiver):
    body = '{"object":"${object}","size":${size},"note":"${x:note}"}'
    headers = callback_headers(receiver.url(), body, body_type="application/json",
                               variables={"x:note": 'say "hi"'}, host="app.example")
    receiver.body = b'{"accepted":true}'
    result = bucket.put_object("k.json", b"{}", headers=headers)
    assert (result.status, result.resp.read()) == (200, b'{"accepted":true}')
    [(_, sent_headers, sent)] = receiver.requests
    assert sent_headers["Host"] == "app.example"
    assert sent_headers["Content-Type"] == "application/json"
    assert json.loads(sent) == {"object": "k.json", "size": 2, "note": 'say "hi"'}


def test_failed_callback_is_203_and_the_object_is_written(bucket, receiver):
    receiver.status = 500
    result = bucket.put_object("k", b"data", headers=callback_headers(receiver.url(), "o=${object}"))
    assert result.status == 203
    body = result.resp.read().decode()
    assert "<Code>CallbackFailed</Code>" in body and "500" in body
    assert result.headers["x-oss-ec"] and result.etag == "8D777F385D3DFEC8815D20F7496026DC"
    assert len(receiver.requests) == 1
    assert bucket.get_object("k").read() == b"data"
    # An answer that is not JSON fails the callback too, as on OSS.
    receiver.status, receiver.body = 200, b"plain text"
    result = bucket.put_object("k2", b"x", headers=callback_headers(receiver.url(), "o=${object}"))
    assert result.status == 203 and b"json" in result.resp.read()
    assert bucket.object_exists("k2")


def test_unreachable_callback_server(bucket, receiver):
    url = receiver.url()
    receiver.stop()  # nobody listens on that port any more
    result = bucket.put_object("k", b"data", headers=callback_headers(url, "o=${object}"))
    assert result.status == 203 and b"CallbackFailed" in result.resp.read()
    assert bucket.get_object("k").read() == b"data"


def test_second_url_is_tried(bucket, receiver):
    dead = Receiver()
    dead_url = dead.url()
    dead.stop()
    result = bucket.put_object("k", b"data", headers=callback_headers(f"{dead_url};{receiver.url('/two')}", "x=1"))
    assert result.status == 200
    assert [path for path, _, _ in receiver.requests] == ["/two"]


@pytest.mark.parametrize("headers", [
    {"x-oss-callback": "not base64!"},
    {"x-oss-callback": base64.b64encode(b"not json").decode()},
    {"x-oss-callback": encode({"callbackBody": "a=1"})},
    {"x-oss-callback": encode({"callbackUrl": "http://127.0.0.1:1/"})},
    {"x-oss-callback": encode({"callbackUrl": "http://127.0.0.1:1/", "callbackBody": "a", "callbackBodyType": "text/xml"})},
    {"x-oss-callback": encode({"callbackUrl": "http://192.0.2.1/cb", "callbackBody": "a=1"})},
    {"x-oss-callback": encode({"callbackUrl": "http://127.0.0.1:1/", "callbackBody": "a"}),
     "x-oss-callback-var": encode({"novar": "1"})},
])
def test_invalid_callback_parameters_write_nothing(bucket, headers):
    with pytest.raises(oss2.exceptions.ServerError) as refused:
        bucket.put_object("k", b"data", headers=headers)
    assert (refused.value.status, refused.value.code) == (400, "InvalidArgument")
    assert not bucket.object_exists("k")


def test_complete_multipart_upload_with_callback(bucket, receiver):
    body = "object=${object}&size=${size}&etag=${etag}"
    upload_id = bucket.init_multipart_upload("mp").upload_id
    part = bucket.upload_part("mp", upload_id, 1, b"part one")
    parts = [oss2.models.PartInfo(1, part.etag)]
    # A bad callback is refused before completing: the upload is still there afterwards.
    with pytest.raises(oss2.exceptions.ServerError) as refused:
        bucket.complete_multipart_upload("mp", upload_id, parts,
                                         headers={"x-oss-callback": encode({"callbackUrl": "http://192.0.2.1/"})})
    assert (refused.value.status, refused.value.code) == (400, "InvalidArgument")
    assert [p.part_number for p in bucket.list_parts("mp", upload_id).parts] == [1]
    result = bucket.complete_multipart_upload("mp", upload_id, parts, headers=callback_headers(receiver.url(), body))
    assert (result.status, result.resp.read()) == (200, b'{"Status":"OK"}')
    [(_, _, sent)] = receiver.requests
    fields = urllib.parse.parse_qs(sent.decode())
    assert (fields["object"], fields["size"], fields["etag"]) == (["mp"], ["8"], [result.etag])
    assert bucket.get_object("mp").read() == b"part one"


def test_complete_multipart_upload_with_failed_callback(bucket, receiver):
    receiver.status = 404
    upload_id = bucket.init_multipart_upload("mp").upload_id
    part = bucket.upload_part("mp", upload_id, 1, b"bytes")
    result = bucket.complete_multipart_upload("mp", upload_id, [oss2.models.PartInfo(1, part.etag)],
                                              headers=callback_headers(receiver.url(), "o=${object}"))
    assert result.status == 203 and b"<Code>CallbackFailed</Code>" in result.resp.read()
    assert bucket.get_object("mp").read() == b"bytes"


def test_presigned_url_with_callback_parameters(bucket, receiver):
    params = {"callback": encode({"callbackUrl": receiver.url("/signed"), "callbackBody": "o=${object}&v=${x:v}"}),
              "callback-var": encode({"x:v": "1"})}
    url = bucket.sign_url("PUT", "signed.bin", 60, params=params)
    result = bucket.put_object_with_url(url, b"via url")
    assert (result.status, result.resp.read()) == (200, b'{"Status":"OK"}')
    [(path, _, sent)] = receiver.requests
    assert (path, sent) == ("/signed", b"o=signed.bin&v=1")
    assert bucket.get_object("signed.bin").read() == b"via url"
