//! Authentication over the wire: V1 (header, x-oss-date, presigned URL, sub-resources), V4,
//! STS tokens, clock skew, and the errors OSS gives.

use crate::client::{xml_element, Request};
use crate::sign::{presign_v1, sign_v1, sign_v1_at, sign_v4, sign_v4_at, Keys};
use crate::support::{TestServer, BUCKET};

#[test]
fn v1_signed_requests_pass_and_wrong_ones_fail_like_oss() {
    let t = TestServer::start();
    t.put_object("dir/a b.txt", b"content");
    assert_eq!(t.get("dir/a b.txt").status, 200);

    let wrong_secret = Keys { secret: "not-the-secret".into(), ..Keys::default_test() };
    let bad = t.send_raw(&sign_v1(Request::new("GET", BUCKET, "dir/a b.txt"), &wrong_secret));
    assert_eq!((bad.status, bad.error_code().as_str()), (403, "SignatureDoesNotMatch"));
    let xml = bad.text();
    let string_to_sign = xml_element(&xml, "StringToSign").expect("OSS includes the StringToSign");
    assert!(
        string_to_sign.starts_with("GET\n\n\n") && string_to_sign.ends_with("/test-bucket/dir/a b.txt"),
        "{string_to_sign:?}"
    );
    assert!(!xml.contains(oss_server::DEFAULT_ACCESS_KEY_SECRET), "never the secret");

    let unknown = Keys { id: "LTAI-unknown".into(), ..Keys::default_test() };
    let response = t.send_raw(&sign_v1(Request::new("GET", BUCKET, "dir/a b.txt"), &unknown));
    assert_eq!((response.status, response.error_code().as_str()), (403, "InvalidAccessKeyId"));

    let anonymous = t.send_raw(&Request::new("GET", BUCKET, "dir/a b.txt"));
    assert_eq!((anonymous.status, anonymous.error_code().as_str()), (403, "AccessDenied"));

    let garbage = t.send_raw(&Request::new("GET", BUCKET, "dir/a b.txt").header("Authorization", "Basic abc"));
    assert_eq!(garbage.status, 400);
}

#[test]
fn v1_signs_sub_resources_and_oss_headers() {
    let t = TestServer::start();
    t.put_object("k", b"content");
    // Signed sub-resources, unsigned query parameters and x-oss- headers all in one request.
    let request = Request::new("GET", BUCKET, "k")
        .query("response-content-type", "text/plain")
        .query("unsigned-param", "1")
        .header("x-oss-meta-Trace", "abc")
        .header("X-Oss-Range-Behavior", "standard");
    let ok = t.send(request.clone());
    assert_eq!(ok.status, 200, "{}", ok.text());
    assert_eq!(ok.header("Content-Type"), Some("text/plain"));

    // A signature computed without the sub-resource does not match a request carrying it.
    let signed = sign_v1(Request::new("GET", BUCKET, "k"), &t.keys);
    let mut tampered = signed.clone();
    tampered.query.push(("response-content-type".into(), "text/html".into()));
    let response = t.send_raw(&tampered);
    assert_eq!(response.error_code(), "SignatureDoesNotMatch");
    assert!(xml_element(&response.text(), "StringToSign")
        .unwrap()
        .ends_with("/test-bucket/k?response-content-type=text/html"));
    // ... while an unsigned parameter may be added freely.
    let mut extra = signed.clone();
    extra.query.push(("unsigned-param".into(), "2".into()));
    assert_eq!(t.send_raw(&extra).status, 200);
    // An x-oss- header is signed too.
    let mut with_header = signed;
    with_header.headers.push(("x-oss-meta-added".into(), "1".into()));
    assert_eq!(t.send_raw(&with_header).error_code(), "SignatureDoesNotMatch");

    // GetObjectMeta signs ?objectMeta.
    let meta = t.send(Request::new("HEAD", BUCKET, "k").query("objectMeta", ""));
    assert_eq!(meta.status, 200);
}

#[test]
fn v1_with_x_oss_date_and_presigned_urls() {
    let t = TestServer::start();
    t.put_object("k", b"content");
    // x-oss-date takes the Date line's place.
    let date = httpdate::fmt_http_date(std::time::SystemTime::now());
    let mut request = Request::new("GET", BUCKET, "k").header("x-oss-date", &date);
    let sts = crate::sign::v1_string_to_sign(&request, &date);
    request.headers.push((
        "Authorization".into(),
        format!("OSS {}:{}", t.keys.id, crate::sign::v1_signature(&t.keys.secret, &sts)),
    ));
    assert_eq!(t.send_raw(&request).status, 200);

    let url = presign_v1(Request::new("GET", BUCKET, "k"), &t.keys, 300);
    let response = t.send_raw(&url);
    assert_eq!(response.status, 200);
    assert_eq!(response.body, b"content");
    let expired = t.send_raw(&presign_v1(Request::new("GET", BUCKET, "k"), &t.keys, -10));
    assert_eq!((expired.status, expired.error_code().as_str()), (403, "AccessDenied"));
    let mut forged = url;
    forged.key = Some("other".into());
    assert_eq!(t.send_raw(&forged).error_code(), "SignatureDoesNotMatch");
}

#[test]
fn v4_signed_requests() {
    let t = TestServer::start();
    t.put_object("dir/1234+-/a b.txt", b"v4 content");
    let ok = t.send_v4(
        Request::new("GET", BUCKET, "dir/1234+-/a b.txt").query("response-content-type", "text/plain").query("+x", ""),
    );
    assert_eq!(ok.status, 200, "{}", ok.text());
    assert_eq!(ok.body, b"v4 content");

    let put = t.send_v4(Request::new("PUT", BUCKET, "v4-put").header("Content-Type", "text/plain").body(b"abc"));
    assert_eq!(put.status, 200, "{}", put.text());

    let wrong = Keys { secret: "wrong".into(), ..Keys::default_test() };
    let bad = t.send_raw(&sign_v4(Request::new("GET", BUCKET, "v4-put"), &wrong));
    assert_eq!((bad.status, bad.error_code().as_str()), (403, "SignatureDoesNotMatch"));
    assert!(xml_element(&bad.text(), "CanonicalRequest").unwrap().starts_with("GET\n/test-bucket/v4-put\n"));

    let other_region = Keys { region: "cn-beijing".into(), ..Keys::default_test() };
    let region = t.send_raw(&sign_v4(Request::new("GET", BUCKET, "v4-put"), &other_region));
    assert_eq!((region.status, region.error_code().as_str()), (400, "InvalidArgument"));

    let skewed = t.send_raw(&sign_v4_at(Request::new("GET", BUCKET, "v4-put"), &t.keys, 20 * 60));
    assert_eq!((skewed.status, skewed.error_code().as_str()), (403, "RequestTimeTooSkewed"));
}

#[test]
fn clock_skew_over_15_minutes_is_refused() {
    let t = TestServer::start();
    t.put_object("k", b"x");
    assert_eq!(t.send_raw(&sign_v1_at(Request::new("GET", BUCKET, "k"), &t.keys, -14 * 60)).status, 200);
    let late = t.send_raw(&sign_v1_at(Request::new("GET", BUCKET, "k"), &t.keys, -16 * 60));
    assert_eq!((late.status, late.error_code().as_str()), (403, "RequestTimeTooSkewed"));
    let early = t.send_raw(&sign_v1_at(Request::new("GET", BUCKET, "k"), &t.keys, 16 * 60));
    assert_eq!(early.error_code(), "RequestTimeTooSkewed");
}

#[test]
fn sts_token_is_required_and_checked() {
    let t = TestServer::start_with(|c| c.credentials.security_token = Some("sts-token-1".into()));
    t.put_object("k", b"x");
    assert_eq!(t.get("k").status, 200, "V1 with the token");
    assert_eq!(t.send_v4(Request::new("GET", BUCKET, "k")).status, 200, "V4 with the token");

    let no_token = Keys { token: None, ..Keys::default_test() };
    let missing = t.send_raw(&sign_v1(Request::new("GET", BUCKET, "k"), &no_token));
    assert_eq!((missing.status, missing.error_code().as_str()), (403, "InvalidSecurityToken"));
    let wrong_token = Keys { token: Some("other".into()), ..Keys::default_test() };
    let wrong = t.send_raw(&sign_v1(Request::new("GET", BUCKET, "k"), &wrong_token));
    assert_eq!((wrong.status, wrong.error_code().as_str()), (403, "InvalidSecurityToken"));

    // The token is signed: swapping it after signing breaks the signature (or the token check).
    let mut swapped = sign_v1(Request::new("GET", BUCKET, "k"), &t.keys);
    for header in swapped.headers.iter_mut().filter(|(n, _)| n == "x-oss-security-token") {
        header.1 = "sts-token-2".into();
    }
    assert_eq!(t.send_raw(&swapped).status, 403);

    // A permanent-key server refuses requests that carry a token.
    let plain = TestServer::start();
    plain.put_object("k", b"x");
    let with_token = Keys { token: Some("t".into()), ..Keys::default_test() };
    assert_eq!(
        plain.send_raw(&sign_v1(Request::new("GET", BUCKET, "k"), &with_token)).error_code(),
        "InvalidSecurityToken"
    );
}

#[test]
fn anonymous_mode_still_verifies_signatures() {
    let t = TestServer::start_with(|c| c.anonymous = true);
    t.put_object("k", b"x");
    assert_eq!(t.send_raw(&Request::new("GET", BUCKET, "k")).status, 200);
    let wrong = Keys { secret: "wrong".into(), ..Keys::default_test() };
    assert_eq!(t.send_raw(&sign_v1(Request::new("GET", BUCKET, "k"), &wrong)).status, 403);
}

#[test]
fn bucket_requests_are_accepted_signed_over_bucket_with_or_without_slash() {
    let t = TestServer::start();
    t.put_object("k", b"content");
    type Signer = fn(Request, &Keys) -> Request;
    let signers: [(&str, Signer); 2] = [("V1", sign_v1), ("V4", sign_v4)];
    for (name, sign) in signers {
        for bare in [false, true] {
            let form = |r: Request| if bare { r.bare_bucket() } else { r };
            let new_bucket = format!("made-by-{}-{bare}", name.to_lowercase());
            let put = t.send_raw(&sign(form(Request::new("PUT", &new_bucket, "")), &t.keys));
            assert_eq!(put.status, 200, "{name} bare={bare}: {}", put.text());
            let list = t.send_raw(&sign(form(Request::new("GET", BUCKET, "").query("prefix", "k")), &t.keys));
            assert_eq!(list.status, 200, "{name} bare={bare}: {}", list.text());
            assert!(list.text().contains("<Key>k</Key>"));
            let acl = t.send_raw(&sign(form(Request::new("GET", BUCKET, "").query("acl", "")), &t.keys));
            assert_ne!(acl.status, 403, "{name} bare={bare}: a signed sub-resource after /bucket: {}", acl.text());
        }
    }
    // A signature over another bucket's resource still fails, in either form.
    let mut signed = sign_v1(Request::new("GET", "other-bucket", "").bare_bucket(), &t.keys);
    signed.bucket = Some(BUCKET.into());
    let response = t.send_raw(&signed);
    assert_eq!((response.status, response.error_code().as_str()), (403, "SignatureDoesNotMatch"));
    assert!(xml_element(&response.text(), "StringToSign").unwrap().ends_with("\n/test-bucket/"));
}
