//! HTTPS: a throw-away CA and leaf certificate; a client trusting the CA connects, one that
//! does not is refused; plain HTTP keeps working on the same port.

use std::net::TcpStream;
use std::sync::Arc;

use rcgen::{BasicConstraints, CertificateParams, DnType, IsCa, KeyPair, KeyUsagePurpose};
use rustls::pki_types::{CertificateDer, ServerName};

use crate::client::{Conn, Request};
use crate::sign::sign_v1;
use crate::support::{TestServer, BUCKET};

struct Pki {
    ca_der: CertificateDer<'static>,
    leaf_pem: String,
    leaf_key_pem: String,
}

fn make_pki(common_name: &str) -> Pki {
    let mut ca_params = CertificateParams::new(Vec::<String>::new()).unwrap();
    ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    ca_params.distinguished_name.push(DnType::CommonName, common_name);
    ca_params.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
    let ca_key = KeyPair::generate().unwrap();
    let ca = ca_params.self_signed(&ca_key).unwrap();
    let leaf_params = CertificateParams::new(vec!["localhost".to_string(), "127.0.0.1".to_string()]).unwrap();
    let leaf_key = KeyPair::generate().unwrap();
    let leaf = leaf_params.signed_by(&leaf_key, &ca, &ca_key).unwrap();
    Pki { ca_der: ca.der().clone(), leaf_pem: leaf.pem(), leaf_key_pem: leaf_key.serialize_pem() }
}

fn client_config(trusted: &CertificateDer<'static>) -> Arc<rustls::ClientConfig> {
    let mut roots = rustls::RootCertStore::empty();
    roots.add(trusted.clone()).unwrap();
    Arc::new(
        rustls::ClientConfig::builder_with_provider(Arc::new(rustls::crypto::ring::default_provider()))
            .with_safe_default_protocol_versions()
            .unwrap()
            .with_root_certificates(roots)
            .with_no_client_auth(),
    )
}

type TlsStream = rustls::StreamOwned<rustls::ClientConnection, TcpStream>;

fn tls_connect(t: &TestServer, config: Arc<rustls::ClientConfig>, name: &str) -> Conn<TlsStream> {
    let tcp = TcpStream::connect(t.addr()).unwrap();
    tcp.set_read_timeout(Some(crate::client::READ_TIMEOUT)).unwrap();
    let connection = rustls::ClientConnection::new(config, ServerName::try_from(name.to_string()).unwrap()).unwrap();
    Conn::over(rustls::StreamOwned::new(connection, tcp))
}

#[test]
fn https_with_a_trusted_ca_and_refusal_without() {
    let pki = make_pki("oss-server test CA");
    let t = TestServer::start_with(|c| {
        c.tls = Some(oss_server::TlsConfig {
            cert_chain_pem: pki.leaf_pem.clone().into_bytes(),
            private_key_pem: pki.leaf_key_pem.clone().into_bytes(),
        })
    });
    let data = oss_server::generate_content(4, 300_000);
    t.put_object("secure", &data);

    for name in ["localhost", "127.0.0.1"] {
        let mut conn = tls_connect(&t, client_config(&pki.ca_der), name);
        // Two requests on one TLS connection, one of them ranged.
        conn.send(&sign_v1(Request::new("GET", BUCKET, "secure"), &t.keys).to_bytes("localhost"))
            .expect("handshake and request");
        let r = conn.read_response(false).unwrap();
        assert_eq!(r.status, 200);
        assert_eq!(r.body, data, "{name}");
        conn.send(
            &sign_v1(Request::new("GET", BUCKET, "secure").header("Range", "bytes=10-19"), &t.keys)
                .to_bytes("localhost"),
        )
        .unwrap();
        assert_eq!(conn.read_response(false).unwrap().body, &data[10..20]);
    }

    // A client that trusts another CA fails the handshake.
    let stranger = make_pki("some other CA");
    let mut conn = tls_connect(&t, client_config(&stranger.ca_der), "localhost");
    let sent = conn.send(&sign_v1(Request::new("GET", BUCKET, "secure"), &t.keys).to_bytes("localhost"));
    let failed = sent.is_err() || conn.read_response(false).is_err();
    assert!(failed, "the certificate must not verify");

    // Plain HTTP still works on the same port.
    assert_eq!(t.get("secure").body, data);

    // Faults apply over TLS too: a cut body ends early.
    t.server
        .faults()
        .add(oss_server::FaultRule::new(oss_server::FaultKind::CutAfter { bytes: 1000, reset: false }).once());
    let mut conn = tls_connect(&t, client_config(&pki.ca_der), "localhost");
    conn.send(&sign_v1(Request::new("GET", BUCKET, "secure"), &t.keys).to_bytes("localhost")).unwrap();
    let r = conn.read_response(false).unwrap();
    assert!(!r.complete);
    assert_eq!(r.body, &data[..1000]);
}

#[test]
fn bad_tls_files_are_refused_at_start() {
    let root = crate::support::TempDir::new("badtls");
    let mut config = oss_server::Config::for_tests(root.path());
    config.tls = Some(oss_server::TlsConfig { cert_chain_pem: b"not pem".to_vec(), private_key_pem: b"nope".to_vec() });
    assert!(oss_server::Server::start(config).is_err());
}
