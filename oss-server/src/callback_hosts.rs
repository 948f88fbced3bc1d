//! Callback host names mapped to loopback addresses, so an upload callback whose URL names a
//! real host (`http://callback.example.com:23450`, as programs and samples hard-code) reaches a
//! test's receiver on 127.0.0.1 instead — never the network. Set at run time through
//! `Server::map_callback_host` or `POST /-/admin/callback-hosts?host=NAME:PORT&addr=IP:PORT`;
//! only loopback addresses are accepted as targets.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::Mutex;

#[derive(Default)]
pub struct CallbackHosts {
    /// `name:port` (name lowercased) -> where to connect instead.
    map: Mutex<HashMap<String, SocketAddr>>,
}

fn key(name: &str, port: u16) -> String {
    format!("{}:{port}", name.to_ascii_lowercase())
}

impl CallbackHosts {
    /// Makes callbacks to `host` (`name` or `name:port`, port 80 by default) go to `addr`, which
    /// must be a loopback address.
    pub fn map(&self, host: &str, addr: SocketAddr) -> Result<(), String> {
        if !addr.ip().is_loopback() {
            return Err(format!("{addr} is not a loopback address"));
        }
        let (name, port) = match host.rsplit_once(':') {
            Some((name, port)) => (name, port.parse::<u16>().map_err(|_| format!("bad port in {host:?}"))?),
            None => (host, 80),
        };
        if name.is_empty() || port == 0 || name.contains(['/', '[', ']']) {
            return Err(format!("{host:?} is not a host name with an optional port"));
        }
        self.map.lock().unwrap_or_else(|e| e.into_inner()).insert(key(name, port), addr);
        Ok(())
    }

    /// Where a callback to `name:port` goes, if that name is mapped.
    pub fn resolve(&self, name: &str, port: u16) -> Option<SocketAddr> {
        self.map.lock().unwrap_or_else(|e| e.into_inner()).get(&key(name, port)).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_map_to_loopback_addresses_only() {
        let hosts = CallbackHosts::default();
        let to: SocketAddr = "127.0.0.1:4000".parse().unwrap();
        hosts.map("Callback.Example.com:23450", to).unwrap();
        hosts.map("plain.example.com", to).unwrap();
        assert_eq!(hosts.resolve("callback.example.com", 23450), Some(to));
        assert_eq!(hosts.resolve("callback.example.com", 80), None);
        assert_eq!(hosts.resolve("plain.example.com", 80), Some(to));
        assert!(hosts.map("x.example.com", "192.0.2.1:80".parse().unwrap()).is_err());
        assert!(hosts.map("x.example.com:0", to).is_err());
        assert!(hosts.map(":80", to).is_err());
        assert!(hosts.map("x.example.com:http", to).is_err());
    }
}
