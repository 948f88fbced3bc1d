//! Presigned URLs against the local OSS server: V1 and V4, with and without an STS token, for
//! GET, PUT and HEAD; the server accepts them until they expire and refuses them after; a URL
//! signed for one method or object is refused for another.

mod common;

use std::time::{SystemTime, UNIX_EPOCH};

use common::*;
use oss_c_sdk::client::{Client, ObjectRef};
use oss_c_sdk::http::{Discard, Method, Source};
use oss_c_sdk::ops::by_url::url_request;
use oss_c_sdk::ops::upload::{put_body, Upload};
use oss_c_sdk::outcome::judge;
use oss_c_sdk::transfer::retry::RetryPolicy;

fn in_seconds(secs: i64) -> u64 {
    (SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_secs() as i64 + secs) as u64
}

fn status(client: &Client, method: Method, url: &str, headers: &[(String, String)]) -> u16 {
    let request = url_request(method, url, headers).unwrap();
    let answer = client.session().unwrap().execute(&request, &mut Discard).unwrap();
    answer.status
}

fn check_signed_urls(fx: &Fixture, client: &Client) {
    fx.put("k", b"signed bytes");
    let get = client.signed_url(Method::Get, &object("k"), in_seconds(60)).unwrap();
    assert!(!get.contains("Authorization"));
    assert_eq!(status(client, Method::Get, &get, &[]), 200, "{get}");
    assert_eq!(status(client, Method::Head, &get, &[]), 403, "a GET URL is not a HEAD URL");

    let typed = ObjectRef { headers: vec![("Content-Type".into(), "text/plain".into())], ..object("put") };
    let put = client.signed_url(Method::Put, &typed, in_seconds(60)).unwrap();
    let request = url_request(Method::Put, &put, &typed.headers).unwrap();
    let upload = Upload { source: Source::Buffers(&[b"through a URL"]), mime_name: None, enable_crc: true };
    put_body(&mut client.session().unwrap(), &request, upload, &RetryPolicy::default(), None).expect("put by URL");
    assert_eq!(fx.server.object_meta(BUCKET, "put").unwrap().size, 13);
    // The signature covers the Content-Type: another one is refused.
    let other = [("Content-Type".to_string(), "image/png".to_string())];
    let request = url_request(Method::Put, &put, &other).unwrap();
    let upload = Upload { source: Source::Buffers(&[b"x"]), mime_name: None, enable_crc: true };
    assert_eq!(
        put_body(&mut client.session().unwrap(), &request, upload, &RetryPolicy::default(), None)
            .unwrap_err()
            .error
            .code(),
        403
    );

    // A URL valid for one more second, used after it expired.
    let expired = client.signed_url(Method::Get, &object("k"), in_seconds(1)).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(2100));
    let request = url_request(Method::Get, &expired, &[]).unwrap();
    let refused = judge(client.session().unwrap().execute(&request, &mut Discard).unwrap()).unwrap_err();
    assert_eq!((refused.error.code(), refused.error.error_code()), (403, "AccessDenied"));
}

#[test]
fn v1_and_v4_urls_work_until_they_expire() {
    let fx = Fixture::start();
    check_signed_urls(&fx, &fx.client());
    check_signed_urls(&fx, &Client::new(fx.config_v4()).unwrap());
}

#[test]
fn urls_carry_the_sts_token() {
    let fx = Fixture::start_with(|c| c.credentials.security_token = Some("sts-token".into()));
    check_signed_urls(&fx, &fx.client());
    check_signed_urls(&fx, &Client::new(fx.config_v4()).unwrap());
}
