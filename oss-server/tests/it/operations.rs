//! Every operation over HTTP: PutBucket, PutObject, HeadObject, GetObject, GetObjectMeta,
//! DeleteObject, ListObjects (V1 and V2), and what their answers carry.

use base64::Engine;

use crate::client::{xml_element, Request};
use crate::support::{crc64, md5_hex_upper, TestServer, BUCKET};

fn is_request_id(id: &str) -> bool {
    id.len() == 24 && id.bytes().all(|b| b.is_ascii_digit() || (b'A'..=b'F').contains(&b))
}

#[test]
fn put_get_head_meta_delete_round_trip() {
    let t = TestServer::start();
    let data = oss_server::generate_content(9, 5000);
    let md5 = base64::engine::general_purpose::STANDARD.encode(<md5::Md5 as md5::Digest>::digest(&data));
    let put = t.send(
        Request::new("PUT", BUCKET, "dir/obj.bin")
            .header("Content-Type", "application/x-test")
            .header("Content-MD5", &md5)
            .header("x-oss-meta-Owner", "tests")
            .body(&data),
    );
    assert_eq!(put.status, 200, "{}", put.text());
    let etag = format!("\"{}\"", md5_hex_upper(&data));
    assert_eq!(put.header("ETag"), Some(etag.as_str()));
    assert_eq!(put.header("x-oss-hash-crc64ecma"), Some(crc64(&data).to_string().as_str()));
    assert_eq!(std::fs::read(t.root.path().join(BUCKET).join("dir/obj.bin")).unwrap(), data, "stored as a plain file");

    let get = t.get("dir/obj.bin");
    assert_eq!(get.status, 200);
    assert_eq!(get.body, data);
    assert_eq!(get.header("Content-Length"), Some("5000"));
    assert_eq!(get.header("ETag"), Some(etag.as_str()));
    assert_eq!(get.header("Content-Type"), Some("application/x-test"));
    assert_eq!(get.header("Accept-Ranges"), Some("bytes"));
    assert_eq!(get.header("x-oss-object-type"), Some("Normal"));
    assert_eq!(get.header("x-oss-hash-crc64ecma"), Some(crc64(&data).to_string().as_str()));
    assert_eq!(get.header("x-oss-meta-owner"), Some("tests"));
    assert_eq!(get.header("Server"), Some("AliyunOSS"));
    assert!(get.header("Date").and_then(|d| httpdate::parse_http_date(d).ok()).is_some());
    assert!(get.header("Last-Modified").and_then(|d| httpdate::parse_http_date(d).ok()).is_some());
    assert!(is_request_id(get.header("x-oss-request-id").unwrap()));

    let head = t.send(Request::new("HEAD", BUCKET, "dir/obj.bin"));
    assert_eq!(head.status, 200);
    assert!(head.body.is_empty());
    assert_eq!(head.header("Content-Length"), Some("5000"));
    assert_eq!(head.header("ETag"), Some(etag.as_str()));
    assert_eq!(head.header("x-oss-hash-crc64ecma"), get.header("x-oss-hash-crc64ecma"));

    let meta = t.send(Request::new("HEAD", BUCKET, "dir/obj.bin").query("objectMeta", ""));
    assert_eq!(meta.status, 200);
    assert_eq!(meta.header("Content-Length"), Some("5000"));
    assert_eq!(meta.header("ETag"), Some(etag.as_str()));
    assert!(meta.header("Last-Modified").is_some());
    assert_eq!(meta.header("x-oss-hash-crc64ecma"), get.header("x-oss-hash-crc64ecma"));

    let delete = t.send(Request::new("DELETE", BUCKET, "dir/obj.bin"));
    assert_eq!(delete.status, 204);
    let delete_again = t.send(Request::new("DELETE", BUCKET, "dir/obj.bin"));
    assert_eq!(delete_again.status, 204, "deleting a missing object succeeds, as on OSS");

    let missing = t.get("dir/obj.bin");
    assert_eq!(missing.status, 404);
    assert_eq!(missing.header("Content-Type"), Some("application/xml"));
    let xml = missing.text();
    assert!(xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error>"), "{xml}");
    assert_eq!(missing.error_code(), "NoSuchKey");
    assert_eq!(xml_element(&xml, "RequestId").as_deref(), missing.header("x-oss-request-id"));
    assert!(xml_element(&xml, "HostId").is_some() && xml_element(&xml, "Message").is_some());
    assert_eq!(xml_element(&xml, "EC").as_deref(), missing.header("x-oss-ec"));

    let head_missing = t.send(Request::new("HEAD", BUCKET, "dir/obj.bin"));
    assert_eq!(head_missing.status, 404);
    assert!(head_missing.body.is_empty());
    let err = base64::engine::general_purpose::STANDARD.decode(head_missing.header("x-oss-err").unwrap()).unwrap();
    assert_eq!(xml_element(&String::from_utf8(err).unwrap(), "Code").as_deref(), Some("NoSuchKey"));
}

/// A client that lost an append's answer (or, like the official C SDK's append sample, never kept
/// it) learns where to continue from HEAD or GET, as on OSS; other objects carry no position.
#[test]
fn head_and_get_of_an_appendable_object_tell_the_next_append_position() {
    let t = TestServer::start();
    let append = |position: usize, data: &[u8]| {
        t.send(
            Request::new("POST", BUCKET, "log").query("append", "").query("position", &position.to_string()).body(data),
        )
    };
    assert_eq!(append(0, b"hello ").status, 200);
    assert_eq!(append(6, b"world").status, 200);
    for method in ["HEAD", "GET"] {
        let answer = t.send(Request::new(method, BUCKET, "log"));
        assert_eq!(answer.status, 200, "{method}");
        assert_eq!(answer.header("x-oss-object-type"), Some("Appendable"), "{method}");
        assert_eq!(answer.header("x-oss-next-append-position"), Some("11"), "{method}");
    }
    t.put_object("plain", b"data");
    let head = t.send(Request::new("HEAD", BUCKET, "plain"));
    assert_eq!(head.header("x-oss-next-append-position"), None);
}

#[test]
fn content_md5_is_checked() {
    let t = TestServer::start();
    let wrong = base64::engine::general_purpose::STANDARD.encode([0u8; 16]);
    let bad = t.send(Request::new("PUT", BUCKET, "k").header("Content-MD5", &wrong).body(b"data"));
    assert_eq!((bad.status, bad.error_code().as_str()), (400, "BadDigest"));
    let invalid = t.send(Request::new("PUT", BUCKET, "k").header("Content-MD5", "not-base64!").body(b"data"));
    assert_eq!((invalid.status, invalid.error_code().as_str()), (400, "InvalidDigest"));
    assert_eq!(t.get("k").status, 404, "nothing was stored");
    let temp_files = std::fs::read_dir(t.root.path().join(".oss-tmp")).unwrap().count();
    assert_eq!(temp_files, 0, "no temporary file left behind");
}

#[test]
fn put_streams_chunked_and_expect_continue_bodies() {
    let t = TestServer::start();
    let data = oss_server::generate_content(3, 300_000);
    let mut chunked = Vec::new();
    for piece in data.chunks(70_000) {
        chunked.extend_from_slice(format!("{:x}\r\n", piece.len()).as_bytes());
        chunked.extend_from_slice(piece);
        chunked.extend_from_slice(b"\r\n");
    }
    chunked.extend_from_slice(b"0\r\n\r\n");
    let put = t.send(Request::new("PUT", BUCKET, "chunked").header("Transfer-Encoding", "chunked").body(&chunked));
    assert_eq!(put.status, 200, "{}", put.text());
    assert_eq!(t.get("chunked").body, data);

    // Expect: 100-continue: the server says Continue before the body is sent.
    let request = crate::sign::sign_v1(
        Request::new("PUT", BUCKET, "continued").header("Expect", "100-continue").body(&data),
        &t.keys,
    );
    let bytes = request.to_bytes(&t.server.endpoint());
    let split = bytes.len() - data.len();
    let mut conn = t.connect();
    conn.send(&bytes[..split]).unwrap();
    let mut interim = [0u8; 25];
    std::io::Read::read_exact(&mut conn.stream, &mut interim).unwrap();
    assert_eq!(&interim, b"HTTP/1.1 100 Continue\r\n\r\n");
    conn.send(&bytes[split..]).unwrap();
    assert_eq!(conn.read_response(false).unwrap().status, 200);
    assert_eq!(t.get("continued").body, data);

    let no_length = t.send_raw(&crate::sign::sign_v1(Request::new("PUT", BUCKET, "x"), &t.keys));
    assert_eq!(no_length.status, 200, "Content-Length: 0 is an empty object");
    let mut missing_length =
        crate::sign::sign_v1(Request::new("PUT", BUCKET, "y"), &t.keys).to_bytes(&t.server.endpoint());
    let text = String::from_utf8(missing_length.clone()).unwrap().replace("Content-Length: 0\r\n", "");
    missing_length = text.into_bytes();
    let mut conn = t.connect();
    conn.send(&missing_length).unwrap();
    let response = conn.read_response(false).unwrap();
    assert_eq!((response.status, response.error_code().as_str()), (411, "MissingContentLength"));
}

#[test]
fn keys_with_special_characters_round_trip() {
    let t = TestServer::start();
    for key in [
        "a b/c d.txt",
        "unicode/€ü中文",
        "pct%20literal",
        "q?x=1",
        "hash#frag",
        "plus+sign",
        "semi;colon",
        ".hidden/..dots",
    ] {
        let data = key.as_bytes().repeat(3);
        let put = t.send(Request::new("PUT", BUCKET, key).body(&data));
        assert_eq!(put.status, 200, "{key}: {}", put.text());
        let get = t.get(key);
        assert_eq!(get.status, 200, "{key}");
        assert_eq!(get.body, data, "{key}");
        assert!(t.root.path().join(BUCKET).join(key).is_file(), "{key} is a file under the root");
    }
}

#[test]
fn buckets_and_listing() {
    let t = TestServer::start();
    let put_bucket = t.send(Request::new("PUT", "other-bucket", ""));
    assert_eq!(put_bucket.status, 200);
    assert_eq!(t.send(Request::new("PUT", "other-bucket", "")).status, 200, "PutBucket is idempotent for its owner");
    let bad_name = t.send(Request::new("PUT", "Bad_Name", ""));
    assert_eq!((bad_name.status, bad_name.error_code().as_str()), (400, "InvalidBucketName"));
    let no_bucket = t.send(Request::new("GET", "missing-bucket", "k"));
    assert_eq!((no_bucket.status, no_bucket.error_code().as_str()), (404, "NoSuchBucket"));

    for key in ["a.txt", "dir/1", "dir/2", "dir/sub/3", "z"] {
        t.put_object(key, key.as_bytes());
    }
    let list = t.send(Request::new("GET", BUCKET, ""));
    assert_eq!(list.status, 200);
    let xml = list.text();
    assert!(xml.contains("<ListBucketResult>") && xml.contains("<Name>test-bucket</Name>"));
    assert_eq!(xml.matches("<Contents>").count(), 5);
    assert!(xml.contains("<Key>dir/sub/3</Key>") && xml.contains("<Size>9</Size>"));
    assert!(xml.contains(&format!("<ETag>&quot;{}&quot;</ETag>", md5_hex_upper(b"dir/sub/3"))));

    let by_prefix = t.send(Request::new("GET", BUCKET, "").query("prefix", "dir/").query("delimiter", "/")).text();
    assert_eq!(by_prefix.matches("<Contents>").count(), 2, "{by_prefix}");
    assert!(by_prefix.contains("<CommonPrefixes>\n    <Prefix>dir/sub/</Prefix>"), "{by_prefix}");

    let page1 = t.send(Request::new("GET", BUCKET, "").query("max-keys", "2")).text();
    assert!(
        page1.contains("<IsTruncated>true</IsTruncated>") && page1.contains("<NextMarker>dir/1</NextMarker>"),
        "{page1}"
    );
    let page2 = t.send(Request::new("GET", BUCKET, "").query("max-keys", "2").query("marker", "dir/1")).text();
    assert!(
        page2.contains("<Key>dir/2</Key>")
            && page2.contains("<Key>dir/sub/3</Key>")
            && !page2.contains("<Key>a.txt</Key>"),
        "{page2}"
    );

    let v2 = t.send(Request::new("GET", BUCKET, "").query("list-type", "2").query("max-keys", "4")).text();
    assert!(
        v2.contains("<KeyCount>4</KeyCount>")
            && v2.contains("<NextContinuationToken>dir/sub/3</NextContinuationToken>"),
        "{v2}"
    );
    let v2_next =
        t.send(Request::new("GET", BUCKET, "").query("list-type", "2").query("continuation-token", "dir/sub/3")).text();
    assert!(v2_next.contains("<Key>z</Key>") && v2_next.contains("<KeyCount>1</KeyCount>"), "{v2_next}");

    let bad_max = t.send(Request::new("GET", BUCKET, "").query("max-keys", "5000"));
    assert_eq!(bad_max.status, 400);

    let service = t.send(Request { bucket: None, key: None, ..Request::new("GET", "", "") }).text();
    assert!(service.contains("<Name>test-bucket</Name>") && service.contains("<Name>other-bucket</Name>"), "{service}");
}

#[test]
fn a_key_and_a_prefix_of_the_same_name_coexist() {
    let t = TestServer::start();
    t.put_object("a/b", b"x");
    assert_eq!(t.send(Request::new("PUT", BUCKET, "a").body(b"y")).status, 200);
    assert_eq!(t.send(Request::new("PUT", BUCKET, "a/").body(b"")).status, 200, "a directory marker");
    assert_eq!(t.get("a").body, b"y");
    assert_eq!(t.get("a/b").body, b"x");
    assert_eq!(t.get("a/").body, b"");
    assert_eq!(t.send(Request::new("DELETE", BUCKET, "a")).status, 204);
    assert_eq!(t.get("a/b").body, b"x", "deleting a leaves a/b");
    let forbid = t.send(Request::new("PUT", BUCKET, "a/b").header("x-oss-forbid-overwrite", "true").body(b"z"));
    assert_eq!((forbid.status, forbid.error_code().as_str()), (409, "FileAlreadyExists"));
    assert_eq!(t.get("a/b").body, b"x", "a refused write changes nothing");
}

#[test]
fn response_header_overrides_and_unsupported_subresources() {
    let t = TestServer::start();
    t.put_object("k", b"hello");
    let get = t.send(
        Request::new("GET", BUCKET, "k")
            .query("response-content-type", "text/html")
            .query("response-content-disposition", "attachment; filename=\"x\""),
    );
    assert_eq!(get.status, 200, "{}", get.text());
    assert_eq!(get.header("Content-Type"), Some("text/html"));
    assert_eq!(get.header("Content-Disposition"), Some("attachment; filename=\"x\""));
    let process = t.send(Request::new("GET", BUCKET, "k").query("x-oss-process", "image/resize,w_10"));
    assert_eq!((process.status, process.error_code().as_str()), (501, "NotImplemented"));
    let version = t.send(Request::new("GET", BUCKET, "k").query("versionId", "CAEQ"));
    assert_eq!((version.status, version.error_code().as_str()), (404, "NoSuchVersion"));
}

#[test]
fn a_get_racing_puts_never_sees_a_torn_object() {
    let t = TestServer::start();
    let a = vec![b'a'; 256 * 1024];
    let b = vec![b'b'; 256 * 1024];
    t.put_object("raced", &a);
    let expected =
        [(format!("\"{}\"", md5_hex_upper(&a)), a.clone()), (format!("\"{}\"", md5_hex_upper(&b)), b.clone())];
    std::thread::scope(|scope| {
        scope.spawn(|| {
            for i in 0..60 {
                t.put_object("raced", if i % 2 == 0 { &b } else { &a });
            }
        });
        for _ in 0..60 {
            let get = t.get("raced");
            assert_eq!(get.status, 200);
            let etag = get.header("ETag").unwrap().to_string();
            let (_, body) = expected.iter().find(|(e, _)| *e == etag).expect("a known ETag");
            assert!(get.body == *body, "the body matches the ETag it came with");
        }
    });
}

#[test]
fn put_bucket_documents_are_validated_and_refusals_change_nothing() {
    let t = TestServer::start();
    let create = |body: &str| t.send(Request::new("PUT", "made-here", "").body(body.as_bytes()));
    for bad in [
        "<CreateBucketConfiguration><StorageClass>",
        "<Other/>",
        &format!("<CreateBucketConfiguration>{}</CreateBucketConfiguration>", " ".repeat(20_000)),
    ] {
        let r = create(bad);
        assert_eq!((r.status, r.error_code().as_str()), (400, "MalformedXML"), "{bad:.40}");
    }
    assert_eq!(t.send(Request::new("GET", "made-here", "")).error_code(), "NoSuchBucket", "nothing was created");
    let archive = "<CreateBucketConfiguration><StorageClass>Archive</StorageClass></CreateBucketConfiguration>";
    assert_eq!(create(archive).status, 200);
    assert_eq!(create(archive).status, 200, "the owner may repeat the same create");
    let conflict = create("");
    assert_eq!((conflict.status, conflict.error_code().as_str()), (409, "BucketAlreadyExists"));
    let info = t.send(Request::new("GET", "made-here", "").query("bucketInfo", "")).text();
    assert!(info.contains("<StorageClass>Archive</StorageClass>"), "{info}");
    t.server.put_object("made-here", "k", b"x").unwrap();
    let delete = t.send(Request::new("DELETE", "made-here", ""));
    assert_eq!((delete.status, delete.error_code().as_str()), (409, "BucketNotEmpty"));
}

#[test]
fn delete_multiple_objects_quiet_url_encoding_and_refusals() {
    use md5::Digest;
    let t = TestServer::start();
    for key in ["a b", "c/d"] {
        t.put_object(key, b"x");
    }
    let md5 = |body: &str| base64::engine::general_purpose::STANDARD.encode(md5::Md5::digest(body.as_bytes()));
    let delete = |body: &str, md5_header: Option<String>, query: &[(&str, &str)]| {
        let mut request = Request::new("POST", BUCKET, "").query("delete", "").body(body.as_bytes());
        for (name, value) in query {
            request = request.query(name, value);
        }
        if let Some(md5) = md5_header {
            request = request.header("Content-MD5", &md5);
        }
        t.send(request)
    };
    let body = "<Delete><Quiet>false</Quiet><Object><Key>a b</Key></Object><Object><Key>zz</Key></Object></Delete>";
    let missing_md5 = delete(body, None, &[]);
    assert_eq!((missing_md5.status, missing_md5.error_code().as_str()), (400, "InvalidDigest"));
    let wrong_md5 = delete(body, Some(md5("other")), &[]);
    assert_eq!((wrong_md5.status, wrong_md5.error_code().as_str()), (400, "BadDigest"));
    let malformed = delete("<Delete><Object>", Some(md5("<Delete><Object>")), &[]);
    assert_eq!((malformed.status, malformed.error_code().as_str()), (400, "MalformedXML"));
    assert_eq!(t.get("a b").status, 200, "refused requests deleted nothing");

    let answer = delete(body, Some(md5(body)), &[("encoding-type", "url")]);
    assert_eq!(answer.status, 200, "{}", answer.text());
    let text = answer.text();
    assert!(text.contains("<EncodingType>url</EncodingType>") && text.contains("<Key>a%20b</Key>"), "{text}");
    assert!(text.contains("<Key>zz</Key>"), "absent keys are reported deleted too: {text}");
    let quiet = "<Delete><Quiet>true</Quiet><Object><Key>c/d</Key></Object></Delete>";
    let answer = delete(quiet, Some(md5(quiet)), &[]);
    assert_eq!(answer.status, 200);
    assert!(!answer.text().contains("<Deleted>"), "{}", answer.text());
    assert_eq!(t.get("c/d").status, 404);
}
