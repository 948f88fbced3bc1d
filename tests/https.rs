//! HTTPS against the local OSS server with a throw-away CA: certificate
//! verification is on by default and an unknown CA (or a name the certificate
//! does not carry) fails clearly with `AOSE_FAILED_VERIFICATION`; `ca_file`
//! naming the CA makes it pass; `verify_ssl = false` skips it. The resumable
//! engine downloads over HTTPS too.

mod common;

use common::*;
use oss_c_sdk::client::Client;
use oss_c_sdk::config::Config;
use oss_c_sdk::download::{self, Download};
use oss_c_sdk::object;
use oss_c_sdk::outcome::Failure;
use rcgen::{BasicConstraints, CertificateParams, DnType, IsCa, KeyPair, KeyUsagePurpose};
use std::path::{Path, PathBuf};

const AOSE_FAILED_VERIFICATION: i32 = -989;

/// A CA (its certificate in PEM) and a leaf it signed for 127.0.0.1 and localhost.
struct Pki {
    ca_pem: String,
    leaf_pem: String,
    leaf_key_pem: String,
}

fn make_pki(common_name: &str) -> Pki {
    let mut ca_params = CertificateParams::new(Vec::<String>::new()).expect("CA params");
    ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    ca_params.distinguished_name.push(DnType::CommonName, common_name);
    ca_params.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
    let ca_key = KeyPair::generate().expect("CA key");
    let ca = ca_params.self_signed(&ca_key).expect("CA certificate");
    // rcgen turns "127.0.0.1" into an IP SAN and "localhost" into a DNS SAN.
    let leaf_params =
        CertificateParams::new(vec!["localhost".to_string(), "127.0.0.1".to_string()]).expect("leaf params");
    let leaf_key = KeyPair::generate().expect("leaf key");
    let leaf = leaf_params.signed_by(&leaf_key, &ca, &ca_key).expect("leaf certificate");
    Pki { ca_pem: ca.pem(), leaf_pem: leaf.pem(), leaf_key_pem: leaf_key.serialize_pem() }
}

/// A server serving HTTPS with `pki`'s leaf, the CA's PEM written to the work dir.
fn https_fixture(pki: &Pki) -> (Fixture, PathBuf) {
    let fx = Fixture::start_with(|c| {
        c.tls = Some(oss_server::TlsConfig {
            cert_chain_pem: pki.leaf_pem.clone().into_bytes(),
            private_key_pem: pki.leaf_key_pem.clone().into_bytes(),
        })
    });
    let ca_file = fx.path("ca.pem");
    std::fs::write(&ca_file, &pki.ca_pem).expect("write CA");
    (fx, ca_file)
}

/// The fixture's configuration with an `https://127.0.0.1:PORT` endpoint.
fn https_config(fx: &Fixture) -> Config {
    let mut config = fx.config();
    config.endpoint = format!("https://{}", fx.server.endpoint());
    assert!(config.endpoint.starts_with("https://127.0.0.1:"), "{}", config.endpoint);
    config
}

fn head(client: &Client, key: &str) -> Result<oss_c_sdk::http::Response, Failure> {
    object::head_object(client, &mut client.session().unwrap(), &object(key))
}

fn get(client: &Client, key: &str, dest: &Path) -> Result<oss_c_sdk::http::Response, Failure> {
    object::get_object_to_file(client, &mut client.session().unwrap(), &object(key), dest, true, None)
}

fn assert_verification_failure(failure: &Failure, what: &str) {
    let e = &failure.error;
    assert_eq!(e.code(), AOSE_FAILED_VERIFICATION, "{what}: {e}");
    assert_eq!(e.error_code(), "HttpIoError", "{what}: {e}");
    // curl's own words say what went wrong.
    assert!(e.message().to_ascii_lowercase().contains("certificate"), "{what}: {}", e.message());
}

#[test]
fn verification_is_on_by_default_and_an_unknown_ca_fails_clearly() {
    let pki = make_pki("liboss https test CA");
    let (fx, _ca_file) = https_fixture(&pki);
    fx.put("k", &content(1000, 1));
    let config = https_config(&fx);
    assert!(config.transfer.verify_ssl, "verification is on by default");
    assert!(config.transfer.ca_file.is_none() && config.transfer.ca_path.is_none());
    let client = Client::new(config).unwrap();

    assert_verification_failure(&head(&client, "k").unwrap_err(), "HEAD, system CAs");
    let dest = fx.path("out");
    assert_verification_failure(&get(&client, "k", &dest).unwrap_err(), "GET, system CAs");
    assert!(!dest.exists() && !fx.path("out.tmp").exists());

    // A CA file naming another CA: still unknown.
    let stranger = make_pki("some other CA");
    let stranger_file = fx.path("stranger.pem");
    std::fs::write(&stranger_file, &stranger.ca_pem).unwrap();
    let mut config = https_config(&fx);
    config.transfer.ca_file = Some(stranger_file);
    let client = Client::new(config).unwrap();
    assert_verification_failure(&get(&client, "k", &dest).unwrap_err(), "GET, another CA");
    assert!(!dest.exists() && !fx.path("out.tmp").exists());
    assert_eq!(listing(fx.work.path()), vec!["ca.pem", "stranger.pem"]);

    // The server answered nothing: no request got past the handshake.
    assert_eq!(fx.server.counters(BUCKET, "k").requests, 0);
}

#[test]
fn ca_file_makes_verification_pass() {
    let pki = make_pki("liboss https test CA");
    let (fx, ca_file) = https_fixture(&pki);
    let data = content(300_001, 2);
    fx.put("k", &data);
    let mut config = https_config(&fx);
    config.transfer.ca_file = Some(ca_file.clone());
    let client = Client::new(config).unwrap();

    let resp = head(&client, "k").expect("HEAD with the CA");
    assert_eq!((resp.status, resp.content_length()), (200, Some(300_001)));
    let dest = fx.path("out");
    assert_eq!(get(&client, "k", &dest).expect("GET with the CA").status, 200);
    assert_eq!(sha256_file(&dest), sha256(&data));

    // Verification still checks the name: the certificate is for 127.0.0.1 and localhost,
    // not for the virtual-hosted test-bucket.localhost.
    let mut config = https_config(&fx);
    config.endpoint = format!("https://localhost:{}", fx.server.addr().port());
    config.transfer.ca_file = Some(ca_file);
    let client = Client::new(config).unwrap();
    assert_verification_failure(&head(&client, "k").unwrap_err(), "HEAD, name not in the certificate");
}

#[test]
fn verify_ssl_off_skips_verification() {
    let pki = make_pki("liboss https test CA");
    let (fx, _ca_file) = https_fixture(&pki);
    let data = content(5000, 3);
    fx.put("k", &data);
    let mut config = https_config(&fx);
    config.transfer.verify_ssl = false;
    let client = Client::new(config.clone()).unwrap();

    assert_eq!(head(&client, "k").expect("HEAD without verification").status, 200);
    let dest = fx.path("out");
    assert_eq!(get(&client, "k", &dest).expect("GET without verification").status, 200);
    assert_eq!(std::fs::read(&dest).unwrap(), data);

    // Host names are not checked either.
    config.endpoint = format!("https://localhost:{}", fx.server.addr().port());
    assert_eq!(head(&Client::new(config).unwrap(), "k").expect("virtual-hosted without verification").status, 200);
}

#[test]
fn resumable_download_over_https_with_the_ca() {
    let pki = make_pki("liboss https test CA");
    let (fx, ca_file) = https_fixture(&pki);
    let data = content(1_000_003, 4);
    fx.put("big", &data);
    let dest = fx.path("big.bin");
    let cp = fx.path("big.bin.cp");
    let d = Download {
        object: object("big"),
        path: dest.clone(),
        part_size: 128 * 1024,
        threads: 3,
        checkpoint: Some(cp.clone()),
        enable_crc: true,
        retry: Default::default(),
    };

    // Without the CA the engine stops with the verification status and leaves no target.
    let client = Client::new(https_config(&fx)).unwrap();
    let f = download::run(&client, &d, None, None).unwrap_err();
    assert_verification_failure(&f, "resumable, system CAs");
    assert!(!dest.exists());
    assert_eq!(fx.server.counters(BUCKET, "big").requests, 0, "nothing got past the handshake");

    let mut config = https_config(&fx);
    config.transfer.ca_file = Some(ca_file);
    let client = Client::new(config).unwrap();
    let resp = download::run(&client, &d, None, None).unwrap_or_else(|f| panic!("resumable over HTTPS: {}", f.error));
    assert_eq!(resp.status, 200);
    assert_eq!(sha256_file(&dest), sha256(&data));
    assert!(!cp.exists() && !fx.path("big.bin.tmp").exists());
    // HEAD plus the 8 parts, each fetched once.
    assert_eq!(fx.server.counters(BUCKET, "big").requests, 1 + 8);
}
