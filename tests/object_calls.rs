//! The object calls of the core (`ops`) against the local OSS server: put and append with their
//! CRC checks and Content-Type rules, GET into memory with its bound, copy, delete (one and
//! many), listing with prefixes, delimiters, pages and URL-encoded names, ACL, tagging, symlinks
//! and restore — success and the server's refusals.

mod common;

use std::time::Duration;

use common::*;
use oss_c_sdk::client::{Client, ObjectRef};
use oss_c_sdk::crc64;
use oss_c_sdk::error::Result;
use oss_c_sdk::http::{Session, Source};
use oss_c_sdk::object;
use oss_c_sdk::ops::fetch::{get_object_to_memory, MemorySink};
use oss_c_sdk::ops::listing::{list_objects, ListRequest};
use oss_c_sdk::ops::manage;
use oss_c_sdk::ops::upload::{append_object, put_object, AppendAt, Upload};

/// The body of a GET into memory, in the pieces it arrived in.
#[derive(Default)]
struct Pieces(Vec<Vec<u8>>);

impl MemorySink for Pieces {
    fn reset(&mut self) {
        self.0.clear();
    }
    fn write(&mut self, bytes: &[u8]) -> Result<()> {
        self.0.push(bytes.to_vec());
        Ok(())
    }
}

fn upload(source: Source<'_>) -> Upload<'_> {
    Upload { source, mime_name: None, enable_crc: true }
}

fn put(client: &Client, session: &mut Session, key: &str, data: &[u8]) {
    let buffers = [data];
    put_object(client, session, &object(key), upload(Source::Buffers(&buffers)), None).expect("put");
}

fn get(client: &Client, session: &mut Session, key: &str) -> Vec<u8> {
    let mut pieces = Pieces::default();
    get_object_to_memory(client, session, &object(key), true, 1 << 30, &mut pieces, None).expect("get");
    pieces.0.concat()
}

fn head_header(client: &Client, key: &str, name: &str) -> Option<String> {
    let head = object::head_object(client, &mut client.session().unwrap(), &object(key)).expect("head");
    head.header(name).map(str::to_string)
}

fn with_header(key: &str, name: &str, value: &str) -> ObjectRef {
    ObjectRef { headers: vec![(name.to_string(), value.to_string())], ..object(key) }
}

#[test]
fn put_sets_content_type_from_the_name_unless_given_and_checks_the_crc() {
    let fx = Fixture::start();
    let client = fx.client();
    let mut session = client.session().unwrap();
    put(&client, &mut session, "photo.JPG", b"jpeg bytes");
    assert_eq!(head_header(&client, "photo.JPG", "Content-Type").as_deref(), Some("image/jpeg"));
    put(&client, &mut session, "data.unknownext", b"x");
    assert_eq!(head_header(&client, "data.unknownext", "Content-Type").as_deref(), Some("application/octet-stream"));
    let given = with_header("page.html", "Content-Type", "text/plain");
    put_object(&client, &mut session, &given, upload(Source::Buffers(&[b"<p>"])), None).expect("put");
    assert_eq!(head_header(&client, "page.html", "Content-Type").as_deref(), Some("text/plain"));
    let from_file = Upload { mime_name: Some("/tmp/x.pdf"), ..upload(Source::Buffers(&[b"%PDF"])) };
    put_object(&client, &mut session, &object("no-extension"), from_file, None).expect("put");
    assert_eq!(head_header(&client, "no-extension", "Content-Type").as_deref(), Some("application/pdf"));
    assert_eq!(get(&client, &mut session, "photo.JPG"), b"jpeg bytes");
}

#[test]
fn get_to_memory_is_bounded_and_checks_the_whole_object_only() {
    let fx = Fixture::start();
    let client = fx.client();
    let mut session = client.session().unwrap();
    let data = content(3 << 20, 4);
    fx.put("big", &data);
    assert_eq!(get(&client, &mut session, "big"), data);

    let mut pieces = Pieces::default();
    let failure =
        get_object_to_memory(&client, &mut session, &object("big"), true, 1 << 20, &mut pieces, None).unwrap_err();
    assert_eq!(failure.error.code(), -999, "{:?}", failure.error);

    let ranged = with_header("big", "Range", "bytes=10-19");
    let mut pieces = Pieces::default();
    let mut reports = Vec::new();
    let mut progress = |done: u64, total: u64| reports.push((done, total));
    let answer =
        get_object_to_memory(&client, &mut session, &ranged, true, 1 << 20, &mut pieces, Some(&mut progress)).unwrap();
    assert_eq!(answer.status, 206);
    assert_eq!(pieces.0.concat(), &data[10..20]);
    assert_eq!(reports.last(), Some(&(10, 10)), "progress ends at the total: {reports:?}");
}

#[test]
fn append_continues_the_crc_and_refuses_a_wrong_position() {
    let fx = Fixture::start();
    let client = fx.client();
    let mut session = client.session().unwrap();
    let first = append_object(
        &client,
        &mut session,
        &object("log.txt"),
        AppendAt { position: 0, init_crc: 0 },
        upload(Source::Buffers(&[b"hello "])),
        None,
    )
    .expect("first append")
    .0;
    assert_eq!(first.header("x-oss-next-append-position"), Some("6"));
    let crc = first.server_crc64().expect("crc");
    let second = append_object(
        &client,
        &mut session,
        &object("log.txt"),
        AppendAt { position: 6, init_crc: crc },
        upload(Source::Buffers(&[b"world"])),
        None,
    )
    .expect("second append")
    .0;
    assert_eq!(second.server_crc64(), Some(crc64::checksum(b"hello world")));
    assert_eq!(get(&client, &mut session, "log.txt"), b"hello world");

    let conflict = append_object(
        &client,
        &mut session,
        &object("log.txt"),
        AppendAt { position: 3, init_crc: 0 },
        upload(Source::Buffers(&[b"!"])),
        None,
    )
    .unwrap_err();
    assert_eq!((conflict.error.code(), conflict.error.error_code()), (409, "PositionNotEqualToLength"));
    put(&client, &mut session, "normal", b"n");
    let not_appendable = append_object(
        &client,
        &mut session,
        &object("normal"),
        AppendAt { position: 1, init_crc: 0 },
        upload(Source::Buffers(&[b"!"])),
        None,
    )
    .unwrap_err();
    assert_eq!(not_appendable.error.code(), 409);
    assert_eq!(get(&client, &mut session, "log.txt"), b"hello world", "refused appends wrote nothing");
}

#[test]
fn copy_and_delete_one_or_many() {
    let fx = Fixture::start();
    let client = fx.client();
    let mut session = client.session().unwrap();
    put(&client, &mut session, "src key+?", b"copied bytes");
    let (answer, (etag, _)) =
        manage::copy_object(&client, &mut session, BUCKET, "src key+?", &object("dst")).expect("copy");
    assert_eq!(answer.status, 200);
    assert!(etag.starts_with('"'), "{etag}");
    assert_eq!(get(&client, &mut session, "dst"), b"copied bytes");
    let missing = manage::copy_object(&client, &mut session, BUCKET, "absent", &object("dst2")).unwrap_err();
    assert_eq!(missing.error.code(), 404);

    manage::delete_object(&client, &mut session, &object("dst")).expect("delete");
    manage::delete_object(&client, &mut session, &object("dst")).expect("deleting an absent object succeeds");
    for key in ["m/1", "m/2", "m/3 & <4>"] {
        put(&client, &mut session, key, b"x");
    }
    let keys: Vec<String> = ["m/1", "m/3 & <4>", "never-there"].iter().map(|k| k.to_string()).collect();
    let (_, deleted) = manage::delete_objects(&client, &mut session, BUCKET, &keys, false).expect("delete many");
    assert_eq!(deleted.len(), 3, "{deleted:?}");
    assert!(deleted.contains(&"m/3 & <4>".to_string()));
    let (_, quiet) = manage::delete_objects(&client, &mut session, BUCKET, &["m/2".to_string()], true).unwrap();
    assert!(quiet.is_empty());
    let (_, left) = list_objects(&client, &mut session, BUCKET, &prefixed("m/"), &[]).unwrap();
    assert!(left.objects.is_empty(), "{:?}", left.objects);
}

fn prefixed(prefix: &str) -> ListRequest {
    ListRequest { prefix: prefix.to_string(), ..ListRequest::default() }
}

#[test]
fn listing_pages_with_markers_delimiters_and_url_encoding() {
    let fx = Fixture::start();
    let client = fx.client();
    let mut session = client.session().unwrap();
    for key in ["a/1", "a/2", "a/sub/3", "b", "c d/\u{4e2d}", "z"] {
        fx.put(key, b"v");
    }
    let mut seen = Vec::new();
    let mut marker = String::new();
    for _ in 0..10 {
        let page =
            ListRequest { marker: marker.clone(), max_keys: Some(2), url_encoded: true, ..ListRequest::default() };
        let (_, listing) = list_objects(&client, &mut session, BUCKET, &page, &[]).unwrap();
        seen.extend(listing.objects.iter().map(|o| o.key.clone()));
        if !listing.truncated {
            break;
        }
        marker = listing.next_marker;
    }
    assert_eq!(seen, ["a/1", "a/2", "a/sub/3", "b", "c d/\u{4e2d}", "z"]);

    let rolled = ListRequest { delimiter: "/".into(), ..ListRequest::default() };
    let (_, listing) = list_objects(&client, &mut session, BUCKET, &rolled, &[]).unwrap();
    let keys: Vec<_> = listing.objects.iter().map(|o| o.key.as_str()).collect();
    assert_eq!(keys, ["b", "z"]);
    assert_eq!(listing.common_prefixes, ["a/", "c d/"]);
    let inside = ListRequest { prefix: "a/".into(), delimiter: "/".into(), ..ListRequest::default() };
    let (_, listing) = list_objects(&client, &mut session, BUCKET, &inside, &[]).unwrap();
    assert_eq!(listing.common_prefixes, ["a/sub/"]);
    assert_eq!(listing.objects.len(), 2);
    assert_eq!(listing.objects[0].size, "1");

    let too_many = ListRequest { max_keys: Some(1001), ..ListRequest::default() };
    let refused = list_objects(&client, &mut session, BUCKET, &too_many, &[]).unwrap_err();
    assert_eq!(refused.error.code(), 400);
    let missing = list_objects(&client, &mut session, "no-such-bucket", &ListRequest::default(), &[]).unwrap_err();
    assert_eq!(missing.error.error_code(), "NoSuchBucket");
}

#[test]
fn acl_tagging_and_symlinks() {
    let fx = Fixture::start();
    let client = fx.client();
    let mut session = client.session().unwrap();
    put(&client, &mut session, "target.txt", b"through the link");
    let (_, acl) = manage::get_object_acl(&client, &mut session, &object("target.txt")).unwrap();
    assert_eq!(acl.grant, "default");
    manage::put_object_acl(&client, &mut session, &object("target.txt"), "public-read").unwrap();
    let (_, acl) = manage::get_object_acl(&client, &mut session, &object("target.txt")).unwrap();
    assert_eq!(acl.grant, "public-read");
    let bad = manage::put_object_acl(&client, &mut session, &object("target.txt"), "everyone").unwrap_err();
    assert_eq!(bad.error.code(), 400);

    let tags = vec![("k1".to_string(), "v 1".to_string()), ("k&2".to_string(), "<v2>".to_string())];
    manage::put_object_tagging(&client, &mut session, &object("target.txt"), &tags).unwrap();
    let (_, read) = manage::get_object_tagging(&client, &mut session, &object("target.txt")).unwrap();
    assert_eq!(read, tags);
    manage::delete_object_tagging(&client, &mut session, &object("target.txt")).unwrap();
    let (_, read) = manage::get_object_tagging(&client, &mut session, &object("target.txt")).unwrap();
    assert!(read.is_empty());

    manage::put_symlink(&client, &mut session, &object("link"), "target.txt").unwrap();
    let link = manage::get_symlink(&client, &mut session, &object("link")).unwrap();
    assert_eq!(link.header("x-oss-symlink-target"), Some("target.txt"));
    assert_eq!(get(&client, &mut session, "link"), b"through the link");
}

#[test]
fn restore_makes_an_archive_object_readable_after_the_delay() {
    let fx = Fixture::start_with(|c| c.restore_delay = Duration::from_millis(300));
    let client = fx.client();
    let mut session = client.session().unwrap();
    let archive = with_header("cold", "x-oss-storage-class", "Archive");
    put_object(&client, &mut session, &archive, upload(Source::Buffers(&[b"frozen"])), None).unwrap();
    let mut pieces = Pieces::default();
    let frozen =
        get_object_to_memory(&client, &mut session, &object("cold"), true, 1 << 20, &mut pieces, None).unwrap_err();
    assert_eq!((frozen.error.code(), frozen.error.error_code()), (403, "InvalidObjectState"));
    let started = manage::restore_object(&client, &mut session, &object("cold"), None).unwrap();
    assert_eq!(started.status, 202);
    let again = manage::restore_object(&client, &mut session, &object("cold"), None).unwrap_err();
    assert_eq!((again.error.code(), again.error.error_code()), (409, "RestoreAlreadyInProgress"));
    let mut readable = None;
    for _ in 0..50 {
        std::thread::sleep(Duration::from_millis(100));
        let mut pieces = Pieces::default();
        if get_object_to_memory(&client, &mut session, &object("cold"), true, 1 << 20, &mut pieces, None).is_ok() {
            readable = Some(pieces.0.concat());
            break;
        }
    }
    assert_eq!(readable.as_deref(), Some(&b"frozen"[..]));
}
