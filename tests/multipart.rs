//! The single multipart requests against the local OSS server: a whole life cycle (initiate,
//! parts from buffers, a file range and a copy, list, complete), every refusal the server makes,
//! aborting, and the retries that must not change what is stored (a 5xx on a part, a lost
//! completion answer).

mod common;

use std::io::Write;

use common::*;
use oss_c_sdk::client::{Client, ObjectRef};
use oss_c_sdk::crc64;
use oss_c_sdk::http::{Session, Source};
use oss_c_sdk::object;
use oss_c_sdk::ops::multipart::{self as mp, CopySource, PartOf, UploadsRequest};
use oss_c_sdk::ops::upload::Upload;
use oss_c_sdk::outcome::Failure;
use oss_c_sdk::xml::multipart::CompletePart;
use oss_server::{FaultKind, FaultRule};

const PART: usize = 100 * 1024;

fn part_from(
    client: &Client,
    session: &mut Session,
    obj: &ObjectRef,
    upload_id: &str,
    number: u32,
    bytes: &[u8],
) -> Result<CompletePart, Failure> {
    let buffers = [bytes];
    let upload = Upload { source: Source::Buffers(&buffers), mime_name: None, enable_crc: true };
    let part = PartOf { upload_id, number };
    let (answer, _) = mp::upload_part(client, session, obj, part, upload, &quick_retry(), None)?;
    assert_eq!(answer.server_crc64(), Some(crc64::checksum(bytes)));
    Ok(CompletePart { number, etag: answer.header("ETag").expect("ETag").to_string() })
}

fn fetch(fx: &Fixture, client: &Client, session: &mut Session, key: &str) -> Vec<u8> {
    let path = fx.path("fetched");
    object::get_object_to_file(client, session, &object(key), &path, true, None).expect("get");
    std::fs::read(path).unwrap()
}

#[test]
fn a_life_cycle_from_buffers_a_file_range_and_a_copy_builds_the_object() {
    let fx = Fixture::start();
    let client = fx.client();
    let mut s = client.session().unwrap();
    let data = content(3 * PART + 777, 1);
    fx.put("source", &data[2 * PART..3 * PART]);
    let obj = object("dir/big.bin");
    let (_, id) = mp::initiate(&client, &mut s, &obj).expect("initiate");

    let p1 = part_from(&client, &mut s, &obj, &id, 1, &data[..PART]).expect("part 1");
    let mut file = tempfile::tempfile().unwrap();
    file.write_all(&data).unwrap();
    let range = Source::FileRange { file: &file, offset: PART as u64, len: PART as u64 };
    let upload = Upload { source: range, mime_name: None, enable_crc: true };
    let (answer, _) =
        mp::upload_part(&client, &mut s, &obj, PartOf { upload_id: &id, number: 2 }, upload, &quick_retry(), None)
            .expect("part 2 from the file");
    let p2 = CompletePart { number: 2, etag: answer.header("ETag").unwrap().to_string() };
    let source = CopySource { bucket: BUCKET, key: "source", range: Some((0, PART as i64 - 1)) };
    let (_, (etag3, modified)) =
        mp::upload_part_copy(&client, &mut s, &source, &obj, PartOf { upload_id: &id, number: 3 }).expect("copy");
    assert!(!modified.is_empty());
    let p4 = part_from(&client, &mut s, &obj, &id, 4, &data[3 * PART..]).expect("part 4");

    let (_, parts) = mp::all_parts(&client, &mut s, &obj, &id).expect("list parts");
    let numbers: Vec<u32> = parts.iter().map(|p| p.number).collect();
    assert_eq!(numbers, [1, 2, 3, 4]);
    assert_eq!((parts[3].size, parts[0].crc64), (777, Some(crc64::checksum(&data[..PART]))));
    let (_, uploads) = mp::list_uploads(&client, &mut s, BUCKET, &UploadsRequest::default()).expect("uploads");
    assert_eq!(uploads.uploads.len(), 1);
    assert_eq!((uploads.uploads[0].key.as_str(), uploads.uploads[0].upload_id.as_str()), ("dir/big.bin", &*id));

    let list = [p1, p2, CompletePart { number: 3, etag: etag3 }, p4];
    let (answer, body) = mp::complete(&client, &mut s, &obj, &id, &list, &quick_retry()).expect("complete");
    assert!(String::from_utf8_lossy(&body).contains("CompleteMultipartUploadResult"));
    assert_eq!(answer.server_crc64(), Some(crc64::checksum(&data)));
    let expected = mp::composite_etag(&list).unwrap();
    assert_eq!(answer.header("ETag").unwrap().trim_matches('"'), expected);
    assert_eq!(fetch(&fx, &client, &mut s, "dir/big.bin"), data);
    let meta = fx.server.object_meta(BUCKET, "dir/big.bin").unwrap();
    assert_eq!(meta.content_type, "application/octet-stream");
    let (_, uploads) = mp::list_uploads(&client, &mut s, BUCKET, &UploadsRequest::default()).expect("uploads");
    assert!(uploads.uploads.is_empty());
}

#[test]
fn refusals_come_back_with_the_servers_codes_and_nothing_is_stored() {
    let fx = Fixture::start();
    let client = fx.client();
    let mut s = client.session().unwrap();
    let obj = object("k.txt");
    let (_, id) = mp::initiate(&client, &mut s, &obj).expect("initiate");
    let small = part_from(&client, &mut s, &obj, &id, 1, b"tiny").unwrap();
    let last = part_from(&client, &mut s, &obj, &id, 2, b"last").unwrap();

    let code = |f: Failure| (f.error.code(), f.error.error_code().to_string());
    let e = part_from(&client, &mut s, &obj, "00000000000000000000000000000000", 1, b"x").unwrap_err();
    assert_eq!(code(e), (404, "NoSuchUpload".into()));
    let wrong = CompletePart { number: 1, etag: "\"00000000000000000000000000000000\"".into() };
    let complete = |s: &mut Session, parts: &[CompletePart]| mp::complete(&client, s, &obj, &id, parts, &quick_retry());
    assert_eq!(code(complete(&mut s, &[wrong]).unwrap_err()), (400, "InvalidPart".into()));
    assert_eq!(code(complete(&mut s, &[last.clone(), small.clone()]).unwrap_err()), (400, "InvalidPartOrder".into()));
    assert_eq!(code(complete(&mut s, &[small, last]).unwrap_err()), (400, "EntityTooSmall".into()));
    assert_eq!(code(complete(&mut s, &[]).unwrap_err()), (400, "MalformedXML".into()));
    let source = CopySource { bucket: BUCKET, key: "missing", range: None };
    let e = mp::upload_part_copy(&client, &mut s, &source, &obj, PartOf { upload_id: &id, number: 3 }).unwrap_err();
    assert_eq!(code(e), (404, "NoSuchKey".into()));
    assert!(fx.server.object_meta(BUCKET, "k.txt").is_err());
    let meta_type = {
        let (_, page) = mp::list_uploads(&client, &mut s, BUCKET, &UploadsRequest::default()).unwrap();
        page.uploads.len()
    };
    assert_eq!(meta_type, 1, "a refused completion keeps the upload");

    mp::abort(&client, &mut s, &obj, &id).expect("abort");
    let (_, page) = mp::list_uploads(&client, &mut s, BUCKET, &UploadsRequest::default()).unwrap();
    assert!(page.uploads.is_empty());
    assert_eq!(code(mp::abort(&client, &mut s, &obj, &id).unwrap_err()), (404, "NoSuchUpload".into()));
    assert_eq!(code(mp::list_parts(&client, &mut s, &obj, &id, "", None).unwrap_err()), (404, "NoSuchUpload".into()));
}

#[test]
fn listings_page_with_markers() {
    let fx = Fixture::start();
    let client = fx.client();
    let mut s = client.session().unwrap();
    let mut ids = Vec::new();
    for key in ["a/1", "a/2", "b c"] {
        ids.push(mp::initiate(&client, &mut s, &object(key)).unwrap().1);
    }
    let request = UploadsRequest { max_uploads: Some(2), ..Default::default() };
    let (_, page) = mp::list_uploads(&client, &mut s, BUCKET, &request).unwrap();
    assert!(page.truncated);
    assert_eq!(page.uploads.iter().map(|u| u.key.as_str()).collect::<Vec<_>>(), ["a/1", "a/2"]);
    let next = UploadsRequest {
        key_marker: page.next_key_marker,
        upload_id_marker: page.next_upload_id_marker,
        ..Default::default()
    };
    let (_, page) = mp::list_uploads(&client, &mut s, BUCKET, &next).unwrap();
    assert_eq!((page.uploads.len(), page.uploads[0].key.as_str(), page.truncated), (1, "b c", false));
    let rolled = UploadsRequest { delimiter: "/".into(), ..Default::default() };
    let (_, page) = mp::list_uploads(&client, &mut s, BUCKET, &rolled).unwrap();
    assert_eq!(page.common_prefixes, ["a/"]);

    let obj = object("b c");
    for n in 1..=3 {
        part_from(&client, &mut s, &obj, &ids[2], n, &content(10, u64::from(n))).unwrap();
    }
    let (_, page) = mp::list_parts(&client, &mut s, &obj, &ids[2], "1", Some(1)).unwrap();
    assert_eq!((page.parts[0].number, page.truncated, page.next_part_number_marker.as_str()), (2, true, "2"));
    let (_, all) = mp::all_parts(&client, &mut s, &obj, &ids[2]).unwrap();
    assert_eq!(all.len(), 3);
}

#[test]
fn a_5xx_on_a_part_sends_it_again_whole_and_a_lost_completion_is_recognised() {
    let fx = Fixture::start();
    let client = fx.client();
    let mut s = client.session().unwrap();
    let key = "retried";
    let obj = object(key);
    let data = content(2 * PART, 9);
    let (_, id) = mp::initiate(&client, &mut s, &obj).unwrap();
    let rule = FaultRule::new(FaultKind::ErrorStatus { status: 503 }).object(BUCKET, key).on_request();
    fx.server.faults().add(rule.operation("UploadPart").part(2).once());
    let p1 = part_from(&client, &mut s, &obj, &id, 1, &data[..PART]).unwrap();
    let p2 = part_from(&client, &mut s, &obj, &id, 2, &data[PART..]).unwrap();
    let counters = fx.server.upload_counters(&id);
    let per_part: Vec<(u32, u64)> = counters.parts.iter().map(|(n, c)| (*n, c.requests)).collect();
    assert_eq!(per_part, [(1, 1), (2, 2)], "only part 2 was sent twice");

    let lost = FaultRule::new(FaultKind::LostResponse).object(BUCKET, key).on_request();
    fx.server.faults().add(lost.operation("CompleteMultipartUpload").once());
    let (answer, _) = mp::complete(&client, &mut s, &obj, &id, &[p1, p2], &quick_retry()).expect("recognised");
    assert_eq!(answer.server_crc64(), Some(crc64::checksum(&data)));
    assert_eq!(fetch(&fx, &client, &mut s, key), data);
}

#[test]
fn a_completion_lost_and_then_replaced_by_another_object_is_not_taken_for_ours() {
    let fx = Fixture::start();
    let client = fx.client();
    let mut s = client.session().unwrap();
    let obj = object("k");
    let (_, id) = mp::initiate(&client, &mut s, &obj).unwrap();
    let p1 = part_from(&client, &mut s, &obj, &id, 1, b"one").unwrap();
    mp::abort(&client, &mut s, &obj, &id).unwrap();
    fx.put("k", b"someone else's");
    let lost = FaultRule::new(FaultKind::ErrorStatus { status: 503 }).object(BUCKET, "k").on_request();
    fx.server.faults().add(lost.operation("CompleteMultipartUpload").once());
    let e = mp::complete(&client, &mut s, &obj, &id, &[p1], &quick_retry()).unwrap_err();
    assert_eq!(e.error.error_code(), "NoSuchUpload");
}
