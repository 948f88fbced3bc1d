//! HEAD, GetObjectMeta and GET-to-file against the local OSS server: signing
//! versions, addressing, special keys, error statuses, stalls, truncated and
//! corrupted bodies, and the promise that a failed GET leaves no target.

mod common;

use common::*;
use oss_c_sdk::client::Client;
use oss_c_sdk::object;
use oss_c_sdk::outcome::Failure;
use oss_server::{FaultKind, FaultRule};
use std::time::{Duration, Instant};

fn head(client: &Client, key: &str) -> Result<oss_c_sdk::http::Response, Failure> {
    object::head_object(client, &mut client.session().unwrap(), &object(key))
}

#[test]
fn v1_v4_and_sts_are_accepted() {
    let fx = Fixture::start();
    fx.put("k", b"hello");
    for config in [fx.config(), fx.config_v4()] {
        let resp = head(&Client::new(config).unwrap(), "k").expect("head");
        assert_eq!(resp.status, 200);
        assert_eq!(resp.content_length(), Some(5));
    }

    let sts = Fixture::start_with(|c| c.credentials.security_token = Some("sts-token-value".into()));
    sts.put("k", b"hello");
    for config in [sts.config(), sts.config_v4()] {
        assert_eq!(head(&Client::new(config).unwrap(), "k").expect("sts head").status, 200);
    }
    let mut no_token = sts.config();
    no_token.credentials.security_token = None;
    assert_eq!(head(&Client::new(no_token).unwrap(), "k").unwrap_err().error.code(), 403);
}

#[test]
fn a_wrong_secret_is_refused_with_signature_does_not_match_and_a_request_id() {
    let fx = Fixture::start();
    fx.put("k", b"x");
    for mut config in [fx.config(), fx.config_v4()] {
        config.credentials.access_key_secret = "wrong".into();
        let client = Client::new(config).unwrap();
        let dest = fx.path("out");
        let failure =
            object::get_object_to_file(&client, &mut client.session().unwrap(), &object("k"), &dest, true, None)
                .unwrap_err();
        assert_eq!(failure.error.code(), 403);
        assert_eq!(failure.error.error_code(), "SignatureDoesNotMatch");
        let id = failure.error.request_id().expect("request id");
        assert!(!id.is_empty());
        // HEAD has no body: the same error comes from x-oss-err.
        let failure = head(&client, "k").unwrap_err();
        assert_eq!(failure.error.error_code(), "SignatureDoesNotMatch");
        assert!(!dest.exists());
    }
}

#[test]
fn path_style_and_virtual_hosted_both_reach_the_object() {
    let fx = Fixture::start();
    fx.put("dir/k", b"abc");
    // An IP endpoint is addressed path style...
    assert_eq!(head(&fx.client(), "dir/k").unwrap().status, 200);
    // ...a name is addressed virtual-hosted: test-bucket.localhost resolves to loopback.
    let mut config = fx.config();
    config.endpoint = format!("http://localhost:{}", fx.server.addr().port());
    let client = Client::new(config).unwrap();
    let dest = fx.path("vh");
    object::get_object_to_file(&client, &mut client.session().unwrap(), &object("dir/k"), &dest, true, None)
        .expect("virtual-hosted get");
    assert_eq!(std::fs::read(&dest).unwrap(), b"abc");
}

#[test]
fn keys_with_special_characters_round_trip() {
    let fx = Fixture::start();
    let client = fx.client();
    let mut session = client.session().unwrap();
    for (i, key) in ["a b c.txt", "中文/ключ/κλειδί", "plus+sign", "100%pure", "what?now", "hash#tag", "mixed ?#%+ /x"]
        .iter()
        .enumerate()
    {
        let data = content(1000 + i, i as u64);
        fx.put(key, &data);
        let dest = fx.path(&format!("f{i}"));
        for config in [fx.config(), fx.config_v4()] {
            let c = Client::new(config).unwrap();
            object::get_object_to_file(&c, &mut session, &object(key), &dest, true, None)
                .unwrap_or_else(|f| panic!("{key}: {}", f.error));
            assert_eq!(std::fs::read(&dest).unwrap(), data, "{key}");
        }
        assert_eq!(
            object::get_object_meta(&client, &mut session, &object(key)).unwrap().content_length(),
            Some(data.len() as u64)
        );
    }
}

#[test]
fn error_statuses_carry_code_error_code_message_and_request_id() {
    let fx = Fixture::start();
    fx.put("k", &content(100, 1));
    let client = fx.client();
    let mut session = client.session().unwrap();
    let get = |obj: oss_c_sdk::client::ObjectRef, session: &mut oss_c_sdk::http::Session| {
        object::get_object_to_file(&client, session, &obj, &fx.path("e"), true, None).unwrap_err()
    };
    let cases = [
        (object("missing"), 404, "NoSuchKey"),
        (oss_c_sdk::client::ObjectRef { bucket: "no-such-bucket".into(), ..object("k") }, 404, "NoSuchBucket"),
        (
            oss_c_sdk::client::ObjectRef { headers: vec![("If-Match".into(), "\"0000\"".into())], ..object("k") },
            412,
            "PreconditionFailed",
        ),
        (
            oss_c_sdk::client::ObjectRef {
                headers: vec![
                    ("Range".into(), "bytes=500-600".into()),
                    ("x-oss-range-behavior".into(), "standard".into()),
                ],
                ..object("k")
            },
            416,
            "InvalidRange",
        ),
    ];
    for (obj, status, code) in cases {
        let f = get(obj, &mut session);
        assert_eq!((f.error.code(), f.error.error_code()), (i32::from(status), code));
        assert!(!f.error.message().is_empty(), "{code}");
        assert!(!f.error.request_id().unwrap_or("").is_empty(), "{code}");
        assert_eq!(f.response.as_ref().map(|r| r.status), Some(status));
    }
    let mut bad = fx.config();
    bad.credentials.access_key_id = "unknown".into();
    let f = head(&Client::new(bad).unwrap(), "k").unwrap_err();
    assert_eq!((f.error.code(), f.error.error_code()), (403, "InvalidAccessKeyId"));
    assert!(!fx.path("e").exists() && !fx.path("e.tmp").exists());
}

#[test]
fn a_stalled_server_fails_within_speed_time_with_request_timeout() {
    let fx = Fixture::start();
    fx.put("slow", &content(256 * 1024, 2));
    fx.server.faults().add(FaultRule::new(FaultKind::Stall { after: 1000, duration: None }).object(BUCKET, "slow"));
    let mut config = fx.config();
    config.transfer.speed_limit = 1024;
    config.transfer.speed_time = Duration::from_secs(2);
    let client = Client::new(config).unwrap();
    let started = Instant::now();
    let dest = fx.path("slow");
    let f = object::get_object_to_file(&client, &mut client.session().unwrap(), &object("slow"), &dest, true, None)
        .unwrap_err();
    let took = started.elapsed();
    assert_eq!((f.error.code(), f.error.error_code()), (-995, "HttpIoError"), "{}", f.error);
    assert!(took >= Duration::from_secs(2) && took < Duration::from_secs(6), "{took:?}");
    assert!(!dest.exists() && !fx.path("slow.tmp").exists());
}

#[test]
fn truncated_and_corrupted_bodies_are_errors_and_an_existing_target_survives() {
    let fx = Fixture::start();
    let data = content(300_000, 3);
    fx.put("k", &data);
    let dest = fx.path("target");
    std::fs::write(&dest, b"previous content").unwrap();
    let client = fx.client();
    let mut session = client.session().unwrap();
    let faults = [
        FaultKind::ShortBody { missing: 1000 },
        FaultKind::CutAfter { bytes: 100_000, reset: false },
        FaultKind::CutAfter { bytes: 5, reset: true },
        FaultKind::FlipByte { offset: 12_345, xor: 0x40 },
    ];
    for fault in faults {
        let id = fx.server.faults().add(FaultRule::new(fault.clone()).object(BUCKET, "k"));
        let f = object::get_object_to_file(&client, &mut session, &object("k"), &dest, true, None).unwrap_err();
        if matches!(fault, FaultKind::FlipByte { .. }) {
            assert_eq!((f.error.code(), f.error.error_code()), (-978, "InconsistentError"));
        } else {
            // A short body (-987) or a reset connection (-992): never success.
            assert_eq!(f.error.error_code(), "HttpIoError", "{fault:?}");
            assert!([-987, -992].contains(&f.error.code()), "{fault:?}: {}", f.error);
        }
        assert_eq!(std::fs::read(&dest).unwrap(), b"previous content", "{fault:?}");
        assert!(!fx.path("target.tmp").exists(), "{fault:?}");
        fx.server.faults().remove(id);
    }
    // With the faults gone, the same session (same connection pool) succeeds.
    object::get_object_to_file(&client, &mut session, &object("k"), &dest, true, None).expect("clean get");
    assert_eq!(std::fs::read(&dest).unwrap(), data);
}

#[test]
fn progress_is_monotonic_and_ends_at_the_total() {
    let fx = Fixture::start();
    let data = content(3 << 20, 4);
    fx.put("k", &data);
    let client = fx.client();
    let mut calls = Vec::new();
    let mut cb = |done: u64, total: u64| calls.push((done, total));
    object::get_object_to_file(
        &client,
        &mut client.session().unwrap(),
        &object("k"),
        &fx.path("p"),
        true,
        Some(&mut cb),
    )
    .unwrap();
    assert!(calls.len() >= 2 && calls.len() <= 110, "{}", calls.len());
    assert!(calls.windows(2).all(|w| w[1].0 > w[0].0));
    assert_eq!(*calls.last().unwrap(), (data.len() as u64, data.len() as u64));
}

#[test]
fn user_headers_and_params_are_sent_and_signed() {
    let fx = Fixture::start();
    let data = content(1000, 5);
    fx.put("k", &data);
    let client = Client::new(fx.config_v4()).unwrap();
    let obj = oss_c_sdk::client::ObjectRef {
        headers: vec![("Range".into(), "bytes=10-19".into()), ("x-oss-traffic-limit".into(), "819200".into())],
        query: vec![("response-content-type".into(), "text/x-test".into())],
        ..object("k")
    };
    let dest = fx.path("r");
    let resp = object::get_object_to_file(&client, &mut client.session().unwrap(), &obj, &dest, true, None)
        .expect("ranged get");
    assert_eq!(resp.status, 206);
    assert_eq!(resp.header("Content-Type"), Some("text/x-test"));
    assert_eq!(std::fs::read(&dest).unwrap(), &data[10..20]);
}
