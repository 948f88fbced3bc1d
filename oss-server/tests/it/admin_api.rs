//! The admin API scripts and C tests use: faults, counters and objects over HTTP.

use crate::client::Request;
use crate::support::{TestServer, BUCKET};

fn admin(t: &TestServer, method: &str, path_and_query: &str, body: &[u8]) -> crate::client::RawResponse {
    let request =
        Request { raw_path: Some(format!("/-/admin/{path_and_query}")), ..Request::new(method, BUCKET, "") }.body(body);
    t.send_raw(&request)
}

#[test]
fn faults_counters_and_objects_over_http() {
    let t = TestServer::start();
    assert_eq!(admin(&t, "GET", "health", b"").text(), "{\"ok\":true}\n");

    let created = admin(&t, "PUT", "objects?bucket=admin-bucket&key=dir/gen.bin&size=5000&seed=3", b"");
    assert_eq!(created.status, 200, "{}", created.text());
    assert!(created.text().contains("\"size\":5000"));
    let data = oss_server::generate_content(3, 5000);
    assert_eq!(t.send(Request::new("GET", "admin-bucket", "dir/gen.bin")).body, data);
    let uploaded = admin(&t, "PUT", "objects?bucket=admin-bucket&key=posted", b"posted body");
    assert_eq!(uploaded.status, 200);
    assert_eq!(t.send(Request::new("GET", "admin-bucket", "posted")).body, b"posted body");

    let added = admin(&t, "POST", "faults?kind=cut&bytes=100&bucket=admin-bucket&key=dir/gen.bin&times=1", b"");
    assert_eq!(added.status, 200, "{}", added.text());
    assert!(added.text().starts_with("{\"id\":"));
    let cut = t.send(Request::new("GET", "admin-bucket", "dir/gen.bin"));
    assert_eq!(cut.body.len(), 100);
    let listed = admin(&t, "GET", "faults", b"").text();
    assert!(listed.contains("\"fired\":1") && listed.contains("\"key\":\"dir/gen.bin\""), "{listed}");

    let counters = admin(&t, "GET", "counters?bucket=admin-bucket&key=dir/gen.bin", b"").text();
    assert_eq!(counters, "{\"requests\":2,\"body_bytes\":5100,\"received_bytes\":0}\n");
    assert!(admin(&t, "GET", "counters", b"").text().contains("\"key\":\"posted\""));
    assert_eq!(admin(&t, "DELETE", "counters", b"").status, 200);
    assert_eq!(
        admin(&t, "GET", "counters?bucket=admin-bucket&key=dir/gen.bin", b"").text(),
        "{\"requests\":0,\"body_bytes\":0,\"received_bytes\":0}\n"
    );

    admin(&t, "POST", "faults?kind=error&status=503&methods=all", b"");
    assert_eq!(t.send(Request::new("GET", "admin-bucket", "posted")).status, 503);
    assert_eq!(admin(&t, "DELETE", "faults", b"").status, 200);
    assert_eq!(t.send(Request::new("GET", "admin-bucket", "posted")).status, 200);
    assert_eq!(admin(&t, "GET", "faults", b"").text(), "[]\n");

    let bad = admin(&t, "POST", "faults?kind=explode", b"");
    assert_eq!(bad.status, 400);
    assert!(bad.text().contains("unknown fault kind"));
    assert_eq!(admin(&t, "GET", "nothing-here", b"").status, 404);
}

#[test]
fn admin_bypasses_auth_but_not_for_buckets_named_like_it() {
    let t = TestServer::start();
    // No signature needed for the admin API...
    assert_eq!(admin(&t, "PUT", "buckets?bucket=made-by-admin", b"").status, 200);
    // ...but a real bucket path still needs one.
    assert_eq!(t.send_raw(&Request::new("GET", "made-by-admin", "")).status, 403);
    assert_eq!(t.send(Request::new("GET", "made-by-admin", "")).status, 200);
}
