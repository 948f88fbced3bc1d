//! Path style, the official C SDK's `/bucket%2Fkey`, and virtual-hosted addressing.

use crate::client::Request;
use crate::sign::sign_v1;
use crate::support::{TestServer, BUCKET};

#[test]
fn encoded_slash_after_the_bucket() {
    let t = TestServer::start();
    t.put_object("dir/a b+c.txt", b"sdk form");
    // The C SDK sends GET /bucket%2Fdir%2Fa%20b%2Bc.txt; the signature covers /bucket/dir/a b+c.txt.
    let request = Request {
        raw_path: Some("/test-bucket%2Fdir%2Fa%20b%2Bc.txt".into()),
        ..Request::new("GET", BUCKET, "dir/a b+c.txt")
    };
    let r = t.send_raw(&sign_v1(request, &t.keys));
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.body, b"sdk form");
    // A literal '+' in the path is a plus, not a space.
    let plus = Request {
        raw_path: Some("/test-bucket/dir/a%20b+c.txt".into()),
        ..Request::new("GET", BUCKET, "dir/a b+c.txt")
    };
    assert_eq!(t.send_raw(&sign_v1(plus, &t.keys)).body, b"sdk form");
}

#[test]
fn virtual_hosted_and_ip_hosts() {
    let t = TestServer::start();
    t.put_object("dir/k", b"virtual");
    let port = t.addr().port();
    for host in [format!("test-bucket.localhost:{port}"), "test-bucket.oss-cn-hangzhou.aliyuncs.com".to_string()] {
        let request =
            Request { raw_path: Some("/dir/k".into()), ..Request::new("GET", BUCKET, "dir/k") }.header("Host", &host);
        let r = t.send_raw(&sign_v1(request, &t.keys));
        assert_eq!(r.status, 200, "{host}: {}", r.text());
        assert_eq!(r.body, b"virtual");
        // Listing the bucket through its host name.
        let list =
            Request { raw_path: Some("/".into()), key: None, ..Request::new("GET", BUCKET, "") }.header("Host", &host);
        assert!(t.send_raw(&sign_v1(list, &t.keys)).text().contains("<Key>dir/k</Key>"));
    }
    // IP literal and localhost hosts mean path style.
    for host in [format!("127.0.0.1:{port}"), format!("localhost:{port}")] {
        let r = t.send_raw(&sign_v1(Request::new("GET", BUCKET, "dir/k").header("Host", &host), &t.keys));
        assert_eq!(r.body, b"virtual", "{host}");
    }
}
