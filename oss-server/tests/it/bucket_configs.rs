//! Bucket configurations and live channels where oss2 cannot look: oversize documents are
//! refused and store nothing, and what was stored is there after a restart.

use oss_server::{Config, Server};

use crate::client::{RawResponse, Request};
use crate::sign::{sign_v1, Keys};
use crate::support::{TempDir, TestServer, BUCKET};

fn config_request(method: &str, subresource: &str) -> Request {
    Request::new(method, BUCKET, "").query(subresource, "")
}

fn send(server: &Server, request: Request) -> RawResponse {
    let mut conn = crate::client::Conn::connect(server.addr());
    conn.send(&sign_v1(request, &Keys::default_test()).to_bytes(&server.endpoint())).unwrap();
    conn.read_response(false).unwrap()
}

#[test]
fn oversize_configuration_documents_are_refused() {
    let server = TestServer::start();
    let rule =
        "<Rule><ID>r</ID><Prefix>p</Prefix><Status>Enabled</Status><Expiration><Days>1</Days></Expiration></Rule>";
    // Valid XML, but over the 512 KiB lifecycle limit (and the 1000-rule limit long before).
    let lifecycle = format!("<LifecycleConfiguration>{}</LifecycleConfiguration>", rule.repeat(6000));
    assert!(lifecycle.len() > 512 * 1024);
    let put = server.send(config_request("PUT", "lifecycle").body(lifecycle.as_bytes()));
    assert_eq!((put.status, put.error_code()), (400, "MalformedXML".to_string()));
    let get = server.send(config_request("GET", "lifecycle"));
    assert_eq!((get.status, get.error_code()), (404, "NoSuchLifecycle".to_string()));

    let cors_rule = "<CORSRule><AllowedOrigin>*</AllowedOrigin><AllowedMethod>GET</AllowedMethod></CORSRule>";
    let padding = format!("<!--{}-->", "x".repeat(70 * 1024));
    let cors = format!("<CORSConfiguration>{cors_rule}{padding}</CORSConfiguration>");
    let put = server.send(config_request("PUT", "cors").body(cors.as_bytes()));
    assert_eq!((put.status, put.error_code()), (400, "MalformedXML".to_string()));
    assert_eq!(server.send(config_request("GET", "cors")).status, 404);
    // The same rule without the padding is fine: the size alone was refused.
    let small = format!("<CORSConfiguration>{cors_rule}</CORSConfiguration>");
    assert_eq!(server.send(config_request("PUT", "cors").body(small.as_bytes())).status, 200);
}

#[test]
fn unsupported_methods_on_configurations() {
    let server = TestServer::start();
    for subresource in ["referer", "qos"] {
        let delete = server.send(config_request("DELETE", subresource));
        assert_eq!((delete.status, delete.error_code()), (405, "MethodNotAllowed".to_string()), "{subresource}");
    }
    // Channels are created at /<channel>?live; the bucket itself only lists them.
    let put = server.send(config_request("PUT", "live").body(b"<LiveChannelConfiguration/>"));
    assert_eq!((put.status, put.error_code()), (405, "MethodNotAllowed".to_string()));
}

#[test]
fn configurations_and_live_channels_survive_a_restart() {
    let root = TempDir::new("config-restart");
    let website =
        "<WebsiteConfiguration><IndexDocument><Suffix>index.html</Suffix></IndexDocument></WebsiteConfiguration>";
    let channel = "<LiveChannelConfiguration><Description>cam</Description><Status>disabled</Status>\
                   <Target><Type>HLS</Type><FragDuration>2</FragDuration><FragCount>4</FragCount>\
                   <PlaylistName>p.m3u8</PlaylistName></Target></LiveChannelConfiguration>";
    {
        let server = Server::start(Config::for_tests(root.path())).unwrap();
        server.create_bucket(BUCKET).unwrap();
        assert_eq!(send(&server, config_request("PUT", "website").body(website.as_bytes())).status, 200);
        let create = send(&server, Request::new("PUT", BUCKET, "cam").query("live", "").body(channel.as_bytes()));
        assert_eq!(create.status, 200, "{}", create.text());
    }
    let server = Server::start(Config::for_tests(root.path())).unwrap();
    let get = send(&server, config_request("GET", "website"));
    assert_eq!(get.status, 200);
    assert!(get.text().contains("<Suffix>index.html</Suffix>"), "{}", get.text());
    let info = send(&server, Request::new("GET", BUCKET, "cam").query("live", "")).text();
    for part in ["<Status>disabled</Status>", "<FragDuration>2</FragDuration>", "<PlaylistName>p.m3u8</PlaylistName>"] {
        assert!(info.contains(part), "{part} missing in {info}");
    }
}
