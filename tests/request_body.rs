//! Request bodies against the local OSS server: a list of buffers and a file range are sent as
//! they are (streamed, never flattened), the CRC-64 computed while sending matches the server's,
//! one session moves between PUT, HEAD and GET without carrying a method over, and a body that
//! cannot be read fails the request without creating the object.

mod common;

use std::io::Write;

use common::*;
use oss_c_sdk::client::Client;
use oss_c_sdk::http::{Body, Discard, Method, Response, Session, Source};
use oss_c_sdk::object;

fn put(client: &Client, session: &mut Session, key: &str, body: &mut Body) -> oss_c_sdk::error::Result<Response> {
    let request = client.object_request(Method::Put, &object(key), &[], &[])?;
    session.execute_with_body(&request, body, &mut Discard)
}

fn server_crc(client: &Client, session: &mut Session, key: &str) -> u64 {
    let head = object::head_object(client, session, &object(key)).expect("head");
    head.server_crc64().expect("the server reports a CRC-64")
}

/// Reads the object back with a GET to a file.
fn fetch(fx: &Fixture, client: &Client, session: &mut Session, key: &str) -> Vec<u8> {
    let path = fx.path(key);
    object::get_object_to_file(client, session, &object(key), &path, true, None).expect("get");
    std::fs::read(path).unwrap()
}

#[test]
fn a_buffer_list_is_stored_as_its_concatenation_with_the_crc_computed_while_sending() {
    let fx = Fixture::start();
    let client = fx.client();
    let mut session = client.session().unwrap();
    let big = content(300_000, 5);
    let buffers: [&[u8]; 4] = [b"head-", b"", &big, b"-tail"];
    let mut body = Body::new(Source::Buffers(&buffers));
    let answer = put(&client, &mut session, "list", &mut body).expect("put");
    assert_eq!(answer.status, 200);
    assert_eq!(body.position(), body.len(), "the whole body went out");
    let expected = buffers.concat();
    assert_eq!(server_crc(&client, &mut session, "list"), body.crc64());
    assert_eq!(fetch(&fx, &client, &mut session, "list"), expected);
}

#[test]
fn a_file_range_is_sent_from_its_offset_and_one_session_serves_every_method() {
    let fx = Fixture::start();
    let client = fx.client();
    let mut session = client.session().unwrap();
    let data = content(3 << 20, 9);
    let mut file = tempfile::tempfile().unwrap();
    file.write_all(&data).unwrap();
    // Larger than libcurl's Expect: 100-continue threshold, and from the middle of the file.
    let range = 1_000_001..(3 << 20) - 17;
    let source = Source::FileRange { file: &file, offset: range.start as u64, len: range.len() as u64 };
    for round in 0..2 {
        let mut body = Body::new(source);
        assert_eq!(put(&client, &mut session, "ranged", &mut body).expect("put").status, 200, "round {round}");
        assert_eq!(server_crc(&client, &mut session, "ranged"), body.crc64());
        assert_eq!(fetch(&fx, &client, &mut session, "ranged"), &data[range.clone()]);
    }
    let empty = put(&client, &mut session, "empty", &mut Body::new(Source::Empty)).expect("put empty");
    assert_eq!(empty.status, 200);
    assert_eq!(fetch(&fx, &client, &mut session, "empty"), b"");
}

#[test]
fn a_body_that_cannot_be_read_fails_and_stores_nothing() {
    let fx = Fixture::start();
    let client = fx.client();
    let mut session = client.session().unwrap();
    let mut file = tempfile::tempfile().unwrap();
    file.write_all(&[7u8; 1000]).unwrap();
    // The range promises more than the file holds: the request cannot be completed.
    let mut body = Body::new(Source::FileRange { file: &file, offset: 0, len: 5000 });
    let error = put(&client, &mut session, "short", &mut body).unwrap_err();
    assert_eq!(error.code(), -982, "{error:?}");
    assert_eq!(error.error_code(), "HttpIoError");
    let head = object::head_object(&client, &mut client.session().unwrap(), &object("short")).unwrap_err();
    assert_eq!(head.error.code(), 404, "a failed upload left an object behind");
}
