//! Connections are reused across calls: consecutive operations of one process share a pooled
//! libcurl handle and its keep-alive connection, so 50 HEADs make one TCP connection, and
//! handles configured differently (TLS, timeouts, proxy) are never mixed up.

mod common;

use std::time::Duration;

use common::*;
use oss_c_sdk::client::Client;
use oss_c_sdk::object;

#[test]
fn fifty_heads_in_a_row_use_one_connection() {
    let fx = Fixture::start();
    fx.put("k", b"hello");
    let client = fx.client();
    let before = fx.server.accepted_connections();
    for _ in 0..50 {
        let answer = object::head_object(&client, &mut client.session().unwrap(), &object("k")).expect("head");
        assert_eq!(answer.status, 200);
    }
    let opened = fx.server.accepted_connections() - before;
    // Other tests of this binary run at the same time and may take the pooled handle for a moment;
    // without reuse every call would open its own connection.
    assert!(opened <= 3, "50 HEADs opened {opened} connections");
}

#[test]
fn handles_with_other_settings_are_not_shared() {
    let fx = Fixture::start();
    fx.put("k", b"hello");
    let quick = fx.client();
    let mut patient_config = fx.config();
    patient_config.transfer.connect_timeout = Duration::from_secs(33);
    let patient = Client::new(patient_config).unwrap();
    let before = fx.server.accepted_connections();
    for _ in 0..5 {
        object::head_object(&quick, &mut quick.session().unwrap(), &object("k")).expect("head");
        object::head_object(&patient, &mut patient.session().unwrap(), &object("k")).expect("head");
    }
    let opened = fx.server.accepted_connections() - before;
    assert!((2..=4).contains(&opened), "two settings, two handles: {opened} connections");
}

#[test]
fn buffer_sizes_do_not_split_the_pool() {
    // A resumable upload's handles have a small receive buffer and a larger send buffer, a
    // download's a shared receive budget: the next call still takes the same connection.
    let fx = Fixture::start();
    fx.put("k", b"hello");
    // A user agent of their own: no other test of this binary takes these handles meanwhile.
    let mut plain_config = fx.config();
    plain_config.user_agent = "buffer-sizes-test".into();
    let plain = Client::new(plain_config.clone()).unwrap();
    let mut sized_config = plain_config;
    sized_config.transfer.receive_buffer = 16 * 1024;
    sized_config.transfer.send_buffer = 256 * 1024;
    let sized = Client::new(sized_config).unwrap();
    let before = fx.server.accepted_connections();
    for _ in 0..10 {
        object::head_object(&plain, &mut plain.session().unwrap(), &object("k")).expect("head");
        object::head_object(&sized, &mut sized.session().unwrap(), &object("k")).expect("head");
    }
    let opened = fx.server.accepted_connections() - before;
    assert_eq!(opened, 1, "20 HEADs with two buffer sizes opened {opened} connections");
}

#[test]
fn clearing_the_pool_closes_idle_connections() {
    let fx = Fixture::start();
    fx.put("k", b"hello");
    let client = fx.client();
    object::head_object(&client, &mut client.session().unwrap(), &object("k")).expect("head");
    oss_c_sdk::http::pool::clear();
    let mut closed = false;
    for _ in 0..200 {
        if fx.server.live_connections() == 0 {
            closed = true;
            break;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    assert!(closed, "a connection stayed open after the pool was cleared");
}
