//! HTTPS: a rustls server configuration from PEM files. TLS is served on the same port as
//! plain HTTP: a connection whose first byte is a TLS handshake record (0x16) gets TLS.

use std::io;
use std::net::TcpStream;
use std::sync::Arc;

use rustls::ServerConfig;

use crate::config::TlsConfig;
use crate::stream::Stream;

const TLS_HANDSHAKE_RECORD: u8 = 0x16;

fn invalid(message: String) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidInput, message)
}

pub fn server_config(tls: &TlsConfig) -> io::Result<Arc<ServerConfig>> {
    let certs = rustls_pemfile::certs(&mut &tls.cert_chain_pem[..]).collect::<Result<Vec<_>, _>>()?;
    if certs.is_empty() {
        return Err(invalid("the TLS certificate file holds no PEM certificate".into()));
    }
    let key = rustls_pemfile::private_key(&mut &tls.private_key_pem[..])?
        .ok_or_else(|| invalid("the TLS key file holds no PEM private key".into()))?;
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let mut config = ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| invalid(format!("TLS setup: {e}")))?
        .with_no_client_auth()
        .with_single_cert(certs, key)
        .map_err(|e| invalid(format!("TLS certificate or key rejected: {e}")))?;
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    Ok(Arc::new(config))
}

/// Wraps the socket in TLS when TLS is configured and the client starts a handshake.
pub fn accept(tcp: TcpStream, config: Option<&Arc<ServerConfig>>) -> io::Result<Stream> {
    let Some(config) = config else {
        return Ok(Stream::Plain(tcp));
    };
    let mut first = [0u8; 1];
    // Blocks until the client's first byte (bounded by the socket's read timeout).
    let n = tcp.peek(&mut first)?;
    if n == 1 && first[0] == TLS_HANDSHAKE_RECORD {
        let connection = rustls::ServerConnection::new(config.clone()).map_err(|e| invalid(format!("TLS: {e}")))?;
        Ok(Stream::Tls(Box::new(rustls::StreamOwned::new(connection, tcp))))
    } else {
        Ok(Stream::Plain(tcp))
    }
}
