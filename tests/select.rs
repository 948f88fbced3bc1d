//! SelectObject and CreateSelectObjectMeta (`ops::select`) against the local OSS server: results
//! to memory and to a file, WHERE / LIMIT / count(*), header handling, raw output, the meta
//! counts, a malformed expression (an HTTP error), a data error (the end frame's), and a frame
//! whose bytes were changed on the way (its CRC-32).

mod common;

use common::*;
use oss_c_sdk::error::{ClientCode, Result};
use oss_c_sdk::ops::fetch::MemorySink;
use oss_c_sdk::ops::select::{create_select_object_meta, select_object_to_file, select_object_to_memory, MetaCounts};
use oss_c_sdk::outcome::Failure;
use oss_c_sdk::xml::select::{MetaOptions, SelectOptions};

const PEOPLE: &[u8] =
    b"name,age,city\nAlice,31,Hangzhou\nBob,25,\"Beijing, China\"\nCarol,42,Shanghai\nDave,19,Hangzhou\n";

#[derive(Default)]
struct Held(Vec<u8>);

impl MemorySink for Held {
    fn reset(&mut self) {
        self.0.clear();
    }
    fn write(&mut self, bytes: &[u8]) -> Result<()> {
        self.0.extend_from_slice(bytes);
        Ok(())
    }
}

fn with_header() -> SelectOptions {
    let mut options = SelectOptions::default();
    options.input.file_header_info = "Use".into();
    options
}

fn select(fx: &Fixture, key: &str, sql: &str, options: &SelectOptions) -> std::result::Result<String, Failure> {
    let client = fx.client();
    let mut held = Held::default();
    select_object_to_memory(
        &client,
        &mut client.session().unwrap(),
        &object(key),
        sql.as_bytes(),
        options,
        1 << 20,
        &mut held,
        None,
    )?;
    Ok(String::from_utf8(held.0).unwrap())
}

#[test]
fn where_limit_count_and_columns() {
    let fx = Fixture::start();
    fx.put("people.csv", PEOPLE);
    let options = with_header();
    let q = |sql: &str| select(&fx, "people.csv", sql, &options).expect(sql);
    assert_eq!(q("select * from ossobject where age > 30"), "Alice,31,Hangzhou\nCarol,42,Shanghai\n");
    assert_eq!(q("select name, _3 from ossobject where city = 'Beijing, China'"), "Bob,\"Beijing, China\"\n");
    assert_eq!(q("select name from ossobject where city like 'H%' or age < 20 limit 1"), "Alice\n");
    assert_eq!(q("select count(*) from ossobject where city = 'Hangzhou'"), "2\n");
    assert_eq!(q("SELECT _1 FROM ossobject WHERE NOT (_2 >= 25 AND _2 <= 40)"), "Carol\nDave\n");
    // Without a header line the first line is data.
    let all = select(&fx, "people.csv", "select _1 from ossobject limit 2", &SelectOptions::default()).unwrap();
    assert_eq!(all, "name\nAlice\n");
}

#[test]
fn memory_is_bounded_by_the_limit() {
    let fx = Fixture::start();
    fx.put("people.csv", PEOPLE);
    let client = fx.client();
    let mut held = Held::default();
    let session = &mut client.session().unwrap();
    let sql = b"select * from ossobject";
    let outcome =
        select_object_to_memory(&client, session, &object("people.csv"), sql, &with_header(), 20, &mut held, None);
    assert_eq!(outcome.unwrap_err().error.code(), ClientCode::OverMemory as i32);
    assert!(held.0.len() <= 20, "held {} bytes", held.0.len());
}

#[test]
fn output_options_and_raw_data() {
    let fx = Fixture::start();
    fx.put("people.csv", PEOPLE);
    let mut options = with_header();
    options.output.output_header = true;
    options.output.field_delimiter = b"|".to_vec();
    options.output.enable_payload_crc = Some(true);
    let got = select(&fx, "people.csv", "select name, age from ossobject where age < 26", &options).unwrap();
    assert_eq!(got, "name|age\nBob|25\nDave|19\n");
    options.output.output_header = false;
    options.output.output_raw_data = Some(true);
    options.output.keep_all_columns = Some(true);
    let got = select(&fx, "people.csv", "select _2 from ossobject where _1 = 'Dave'", &options).unwrap();
    assert_eq!(got, "|19|\n");
}

#[test]
fn to_file_goes_through_a_temp_file_and_spans_many_frames() {
    let fx = Fixture::start();
    let mut data = b"id,value\n".to_vec();
    for i in 0..20_000 {
        data.extend_from_slice(format!("{i},v{}\n", i % 7).as_bytes());
    }
    fx.put("big.csv", &data);
    let client = fx.client();
    let path = fx.path("out.csv");
    let mut options = with_header();
    options.output.enable_payload_crc = Some(true);
    let mut calls = 0;
    let mut progress = |_: u64, _: u64| calls += 1;
    let sql = b"select id from ossobject where value = 'v3'";
    let session = &mut client.session().unwrap();
    let answer = select_object_to_file(&client, session, &object("big.csv"), sql, &options, &path, Some(&mut progress))
        .expect("select to file");
    assert_eq!(answer.status, 200, "the end frame's status");
    let expected: String = (0..20_000).filter(|i| i % 7 == 3).map(|i| format!("{i}\n")).collect();
    assert_eq!(std::fs::read_to_string(&path).unwrap(), expected);
    assert!(calls >= 2, "progress was reported ({calls} calls)");
    assert_eq!(listing(fx.work.path()), vec!["out.csv".to_string()], "no temp file left");

    // A failed select leaves the existing file as it was and no temp file.
    let sql = b"select id from ossobject where value > 3";
    let bad = select_object_to_file(&client, session, &object("big.csv"), sql, &options, &path, None);
    let failure = bad.expect_err("a data error");
    assert_eq!(failure.error.code(), 400);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), expected);
    assert_eq!(listing(fx.work.path()), vec!["out.csv".to_string()]);
}

#[test]
fn malformed_sql_is_an_http_error_and_bad_data_an_end_frame_error() {
    let fx = Fixture::start();
    fx.put("people.csv", PEOPLE);
    let failure = select(&fx, "people.csv", "select * form ossobject", &with_header()).unwrap_err();
    assert_eq!((failure.error.code(), failure.error.error_code()), (400, "InvalidSqlExpression"));
    assert!(failure.error.request_id().is_some());
    let failure = select(&fx, "people.csv", "select * from ossobject where name > 3", &with_header()).unwrap_err();
    assert_eq!((failure.error.code(), failure.error.error_code()), (400, "InvalidDataFormat"));
    assert!(failure.error.message().contains("'Alice' is not an integer"), "{}", failure.error.message());
    let failure = select(&fx, "missing.csv", "select * from ossobject", &with_header()).unwrap_err();
    assert_eq!(failure.error.error_code(), "NoSuchKey");
}

/// A one-answer server on 127.0.0.1 that reads a request and answers `body` as a select would
/// (206, framed): a liar about the frames' CRCs or their end.
fn lying_server(body: Vec<u8>) -> (std::net::SocketAddr, std::thread::JoinHandle<()>) {
    use std::io::{BufRead, BufReader, Read, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let handle = std::thread::spawn(move || {
        let (stream, _) = listener.accept().unwrap();
        let mut reader = BufReader::new(stream.try_clone().unwrap());
        let mut length = 0;
        for _ in 0..100 {
            let mut line = String::new();
            reader.read_line(&mut line).unwrap();
            if let Some(v) = line.to_ascii_lowercase().strip_prefix("content-length:") {
                length = v.trim().parse().unwrap();
            }
            if line == "\r\n" {
                break;
            }
        }
        reader.take(length).read_to_end(&mut Vec::new()).unwrap();
        let head = format!(
            "HTTP/1.1 206 Partial Content\r\nx-oss-request-id: LIAR\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
            body.len()
        );
        let mut stream = stream;
        stream.write_all(head.as_bytes()).unwrap();
        stream.write_all(&body).unwrap();
    });
    (addr, handle)
}

fn frame(kind: u32, data: &[u8], crc: u32) -> Vec<u8> {
    let mut out = vec![1, (kind >> 16) as u8, (kind >> 8) as u8, kind as u8];
    out.extend_from_slice(&(data.len() as u32 + 8).to_be_bytes());
    out.extend_from_slice(&[0; 12]);
    out.extend_from_slice(data);
    out.extend_from_slice(&crc.to_be_bytes());
    out
}

fn select_from_liar(body: Vec<u8>) -> Failure {
    let (addr, server) = lying_server(body);
    let mut config = oss_c_sdk::config::Config::new(&format!("http://{addr}"), Default::default());
    config.transfer.speed_time = std::time::Duration::from_secs(5);
    let client = oss_c_sdk::client::Client::new(config).unwrap();
    let mut held = Held::default();
    let outcome = select_object_to_memory(
        &client,
        &mut client.session().unwrap(),
        &object("k.csv"),
        b"select * from ossobject",
        &SelectOptions::default(),
        1 << 20,
        &mut held,
        None,
    );
    server.join().unwrap();
    outcome.expect_err("a lie")
}

#[test]
fn a_lying_server_is_caught() {
    let mut end = 0u64.to_be_bytes().to_vec();
    end.extend_from_slice(&200u32.to_be_bytes());
    let wrong_crc = [frame(0x80_0001, b"a,b\n", 0x1234_5678), frame(0x80_0005, &end, 0)].concat();
    let failure = select_from_liar(wrong_crc);
    assert_eq!(failure.error.code(), ClientCode::SelectObjectCrcError as i32, "{}", failure.error);
    assert_eq!(failure.error.request_id(), Some("LIAR"));
    let no_end = frame(0x80_0001, b"a,b\n", 0);
    let failure = select_from_liar(no_end);
    assert!(failure.error.message().contains("before its end frame"), "{}", failure.error);
    let unknown = frame(0x80_0042, b"", 0);
    let failure = select_from_liar(unknown);
    assert!(failure.error.message().contains("unknown select frame type"), "{}", failure.error);
}

#[test]
fn meta_counts_rows_columns_and_splits() {
    let fx = Fixture::start();
    fx.put("people.csv", PEOPLE);
    fx.put("semi.csv", b"a;b;c;d\r\ne;f\r\n");
    let client = fx.client();
    let session = &mut client.session().unwrap();
    let (_, counts) =
        create_select_object_meta(&client, session, &object("people.csv"), &MetaOptions::default()).unwrap();
    assert_eq!(counts, MetaCounts { splits: 1, rows: 5, columns: 3 });
    let options =
        MetaOptions { record_delimiter: b"\r\n".to_vec(), field_delimiter: b";".to_vec(), ..Default::default() };
    let (_, counts) = create_select_object_meta(&client, session, &object("semi.csv"), &options).unwrap();
    assert_eq!(counts, MetaCounts { splits: 1, rows: 2, columns: 4 });
}
