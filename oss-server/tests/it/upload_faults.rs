//! Faults on request bodies (cut, late 5xx, lost response, stall, throttle, delay, flipped
//! byte), observed from a raw client socket, and the received-byte counters per object,
//! upload and part that prove what a client sent twice.

use std::time::{Duration, Instant};

use oss_server::{FaultKind, FaultRule, PartCounters};

use crate::client::Request;
use crate::multipart::{Mp, MIN_PART};
use crate::support::{crc64, TestServer, BUCKET};

fn upload_rule(kind: FaultKind) -> FaultRule {
    FaultRule::new(kind).object(BUCKET, "k").on_request()
}

#[test]
fn a_cut_part_gets_no_answer_stores_nothing_and_the_resend_is_counted() {
    let t = TestServer::start();
    let mp = Mp::of(&t);
    let data = oss_server::generate_content(3, 3 * MIN_PART);
    let upload_id = mp.initiate("k");
    let cut = FaultKind::CutAfter { bytes: 100_000, reset: false };
    t.server.faults().add(upload_rule(cut).operation("UploadPart").part(1).once());
    assert!(mp.try_send(mp.part("k", &upload_id, 1, &data)).is_err(), "no answer after the cut");
    let listed = mp.send(Request::new("GET", BUCKET, "k").query("uploadId", &upload_id)).text();
    assert!(!listed.contains("<Part>"), "nothing stored: {listed}");
    let counters = t.server.upload_counters(&upload_id);
    assert_eq!(counters.parts, vec![(1, PartCounters { requests: 1, received_bytes: 100_000 })]);

    let etag = mp.upload_part("k", &upload_id, 1, &data);
    let counters = t.server.upload_counters(&upload_id);
    let expected = PartCounters { requests: 2, received_bytes: 100_000 + data.len() as u64 };
    assert_eq!(counters.parts, vec![(1, expected)], "the part was sent one and a bit times");
    assert_eq!(counters.received_bytes, expected.received_bytes);
    assert_eq!(t.server.counters(BUCKET, "k").received_bytes, expected.received_bytes);
    assert_eq!(mp.complete("k", &upload_id, &[(1, etag)]).status, 200);
    assert_eq!(mp.get("k").body, data);
    assert_eq!(t.server.caught_panics(), 0);
}

#[test]
fn a_reset_cut_on_put_object_leaves_no_object() {
    let t = TestServer::start();
    let mp = Mp::of(&t);
    let cut = FaultKind::CutAfter { bytes: 10, reset: true };
    t.server.faults().add(upload_rule(cut).operation("PutObject").once());
    let data = oss_server::generate_content(4, 50_000);
    assert!(mp.try_send(Request::new("PUT", BUCKET, "k").body(&data)).is_err());
    assert_eq!(mp.get("k").status, 404);
    assert_eq!(t.server.counters(BUCKET, "k").received_bytes, 10);
    assert_eq!(mp.send(Request::new("PUT", BUCKET, "k").body(&data)).status, 200);
    assert_eq!(t.server.counters(BUCKET, "k").received_bytes, 10 + data.len() as u64);
}

#[test]
fn late_5xx_on_upload_part_complete_and_put_object_write_nothing() {
    let t = TestServer::start();
    let mp = Mp::of(&t);
    let data = oss_server::generate_content(5, MIN_PART + 5);
    let upload_id = mp.initiate("k");
    let faults = t.server.faults();
    faults.add(upload_rule(FaultKind::ErrorStatus { status: 503 }).operation("UploadPart").part(2).once());
    faults.add(upload_rule(FaultKind::ErrorStatus { status: 500 }).operation("CompleteMultipartUpload").once());
    faults.add(upload_rule(FaultKind::ErrorStatus { status: 503 }).operation("PutObject").once());

    let first = mp.upload_part("k", &upload_id, 1, &data[..MIN_PART]);
    let refused = mp.send(mp.part("k", &upload_id, 2, &data[MIN_PART..]));
    assert_eq!((refused.status, refused.error_code().as_str()), (503, "ServiceUnavailable"));
    let part2 = t.server.upload_counters(&upload_id).parts[1].1;
    assert_eq!(part2, PartCounters { requests: 1, received_bytes: 5 }, "the whole body was read first");
    let second = mp.upload_part("k", &upload_id, 2, &data[MIN_PART..]);

    let parts = [(1, first), (2, second)];
    let failed = mp.complete("k", &upload_id, &parts);
    assert_eq!((failed.status, failed.error_code().as_str()), (500, "InternalError"));
    assert_eq!(mp.get("k").status, 404, "the failed completion wrote nothing");
    assert_eq!(mp.complete("k", &upload_id, &parts).status, 200, "the upload is still there");
    assert_eq!(mp.get("k").body, data);

    let put = mp.send(Request::new("PUT", BUCKET, "k").body(b"replacement"));
    assert_eq!(put.status, 503);
    assert_eq!(mp.get("k").body, data, "the failed PutObject wrote nothing");
}

#[test]
fn a_lost_response_after_a_committed_write() {
    let t = TestServer::start();
    let mp = Mp::of(&t);
    let data = oss_server::generate_content(6, 2 * MIN_PART);
    let upload_id = mp.initiate("k");
    let parts: Vec<(u32, String)> =
        data.chunks(MIN_PART).zip(1..).map(|(c, n)| (n, mp.upload_part("k", &upload_id, n, c))).collect();
    let lost = t.server.faults().add(upload_rule(FaultKind::LostResponse).operation("CompleteMultipartUpload"));
    assert!(mp.try_send(mp.complete_request("k", &upload_id, &parts)).is_err(), "the client hears nothing");
    t.server.faults().remove(lost);
    assert_eq!(mp.get("k").body, data, "but the object was completed");
    let again = mp.complete("k", &upload_id, &parts);
    assert_eq!(
        (again.status, again.error_code().as_str()),
        (404, "NoSuchUpload"),
        "as on OSS, a retry finds no upload"
    );

    t.server.faults().add(upload_rule(FaultKind::LostResponse).operation("PutObject").once());
    assert!(mp.try_send(Request::new("PUT", BUCKET, "k").body(b"new bytes")).is_err());
    assert_eq!(mp.get("k").body, b"new bytes");
}

#[test]
fn stalled_slow_and_delayed_request_bodies_still_arrive_whole() {
    let t = TestServer::start();
    let mp = Mp::of(&t);
    let data = oss_server::generate_content(7, 60_000);
    let kinds = [
        (FaultKind::Stall { after: 1000, duration: Some(Duration::from_millis(400)) }, 400),
        (FaultKind::Throttle { bytes_per_sec: 100_000 }, 500),
        (FaultKind::DelayFirstByte { delay: Duration::from_millis(300) }, 300),
    ];
    for (kind, at_least_ms) in kinds {
        let id = t.server.faults().add(upload_rule(kind.clone()).operation("PutObject"));
        let started = Instant::now();
        let put = mp.send(Request::new("PUT", BUCKET, "k").body(&data));
        let took = started.elapsed();
        t.server.faults().remove(id);
        assert_eq!(put.status, 200, "{kind:?}");
        assert!(took >= Duration::from_millis(at_least_ms), "{kind:?} took only {took:?}");
        assert!(took < Duration::from_secs(10), "{kind:?} took {took:?}");
        assert_eq!(mp.get("k").body, data);
    }
}

#[test]
fn a_flipped_request_byte_is_stored_and_the_crc_tells() {
    let t = TestServer::start();
    let mp = Mp::of(&t);
    let data = oss_server::generate_content(8, 10_000);
    t.server.faults().add(upload_rule(FaultKind::FlipByte { offset: 4321, xor: 0x01 }).operation("PutObject").once());
    let put = mp.send(Request::new("PUT", BUCKET, "k").body(&data));
    assert_eq!(put.status, 200);
    let mut flipped = data.clone();
    flipped[4321] ^= 0x01;
    assert_eq!(put.header("x-oss-hash-crc64ecma"), Some(crc64(&flipped).to_string().as_str()));
    assert_ne!(crc64(&flipped), crc64(&data), "a client comparing CRCs notices");
    assert_eq!(mp.get("k").body, flipped);
}

#[test]
fn request_faults_and_upload_counters_over_the_admin_api() {
    let t = TestServer::start();
    let mp = Mp::of(&t);
    let upload_id = mp.initiate("k");
    let admin = |method: &str, path: &str| {
        let mut request = Request::new(method, BUCKET, "");
        request.raw_path = Some(format!("/-/admin/{path}"));
        request.bucket = None;
        t.send_raw(&request)
    };
    let added =
        admin("POST", &format!("faults?kind=cut&bytes=7&on=request&op=UploadPart&part=2&bucket={BUCKET}&key=k"));
    assert_eq!(added.status, 200, "{}", added.text());
    let listed = admin("GET", "faults").text();
    assert!(
        listed.contains("\"on\":\"request\"")
            && listed.contains("\"op\":\"UploadPart\"")
            && listed.contains("\"part\":2"),
        "{listed}"
    );
    mp.upload_part("k", &upload_id, 1, b"first");
    assert!(mp.try_send(mp.part("k", &upload_id, 2, b"second part")).is_err());
    let counters = admin("GET", &format!("counters?upload={upload_id}")).text();
    assert_eq!(
        counters.trim(),
        "{\"requests\":2,\"received_bytes\":12,\"parts\":{\"1\":{\"requests\":1,\"received_bytes\":5},\"2\":{\"requests\":1,\"received_bytes\":7}}}"
    );
    let object = admin("GET", &format!("counters?bucket={BUCKET}&key=k")).text();
    assert!(object.contains("\"received_bytes\":12"), "{object}");
    assert_eq!(admin("DELETE", "counters").status, 200);
    assert_eq!(t.server.upload_counters(&upload_id), Default::default());
}
