//! Endpoint + bucket + key -> URL, the way the official C SDK addresses OSS:
//! virtual-hosted (`bucket.endpoint/key`) for names, path style
//! (`endpoint/bucket/key`) for IP endpoints, and the endpoint itself for a
//! CNAME.

use crate::error::{codes, Error, Result};
use crate::sign::uri_encode;

/// A parsed endpoint: scheme, and `host[:port]` as it goes in the URL and
/// the `Host` header.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Endpoint {
    pub https: bool,
    /// `host` or `host:port`; IPv6 literals keep their brackets.
    pub authority: String,
    /// Whether the host is an IP literal (addressed path style).
    pub is_ip: bool,
}

fn invalid_endpoint(raw: &str, why: &str) -> Error {
    Error::invalid_argument(codes::ENDPOINT_INVALID, format!("invalid endpoint {raw:?}: {why}"))
}

impl Endpoint {
    /// Parses `[http://|https://]host[:port][/ignored...]`. The endpoint is
    /// cut at the first `/`, `?` or `#` after the scheme, as the official
    /// SDK does.
    pub fn parse(raw: &str) -> Result<Self> {
        let trimmed = raw.trim();
        let lower = trimmed.to_ascii_lowercase();
        let (https, rest) = if lower.starts_with("https://") {
            (true, &trimmed[8..])
        } else if lower.starts_with("http://") {
            (false, &trimmed[7..])
        } else if trimmed.contains("://") {
            return Err(invalid_endpoint(raw, "only http:// and https:// are supported"));
        } else {
            (false, trimmed)
        };
        let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
        if authority.is_empty() {
            return Err(invalid_endpoint(raw, "no host"));
        }
        let (host, port) = split_port(authority).ok_or_else(|| invalid_endpoint(raw, "bad port"))?;
        let is_ip = if let Some(inner) = host.strip_prefix('[').and_then(|h| h.strip_suffix(']')) {
            inner.parse::<std::net::Ipv6Addr>().map_err(|_| invalid_endpoint(raw, "bad IPv6 literal"))?;
            true
        } else if host.parse::<std::net::Ipv4Addr>().is_ok() {
            true
        } else if is_host_name(host) {
            false
        } else {
            return Err(invalid_endpoint(raw, "bad host name"));
        };
        let authority = match port {
            Some(p) => format!("{host}:{p}"),
            None => host.to_string(),
        };
        Ok(Endpoint { https, authority, is_ip })
    }

    fn scheme(&self) -> &'static str {
        if self.https {
            "https"
        } else {
            "http"
        }
    }
}

/// Splits `host[:port]`; `None` when the port is not a number in 1..=65535.
fn split_port(authority: &str) -> Option<(&str, Option<u16>)> {
    let (host, port) = if authority.starts_with('[') {
        match authority.find(']') {
            Some(end) => {
                let (h, rest) = authority.split_at(end + 1);
                (h, rest.strip_prefix(':'))
            }
            None => return None,
        }
    } else {
        match authority.rsplit_once(':') {
            Some((h, p)) => (h, Some(p)),
            None => (authority, None),
        }
    };
    match port {
        None => Some((host, None)),
        Some(p) => match p.parse::<u16>() {
            Ok(n) if n > 0 && p.bytes().all(|b| b.is_ascii_digit()) => Some((host, Some(n))),
            _ => None,
        },
    }
}

/// DNS-style name: labels of `[A-Za-z0-9-_]`, separated by dots.
fn is_host_name(host: &str) -> bool {
    !host.is_empty()
        && host.len() <= 253
        && host.split('.').all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && label.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        })
}

/// Where one request goes: the full URL, and the host the server sees.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Target {
    pub url: String,
    pub host: String,
}

/// Builds the URL of an object (or of a bucket when `key` is `None`).
/// Keys are percent-encoded with only `A-Za-z0-9-_.~` and `/` left bare.
pub fn object_target(
    endpoint: &Endpoint,
    is_cname: bool,
    bucket: &str,
    key: Option<&str>,
    query: &[(String, String)],
) -> Target {
    let encoded_key = key.map(|k| uri_encode(k, true)).unwrap_or_default();
    let (host, path) = if is_cname {
        (endpoint.authority.clone(), format!("/{encoded_key}"))
    } else if endpoint.is_ip {
        (endpoint.authority.clone(), format!("/{bucket}/{encoded_key}"))
    } else {
        (format!("{bucket}.{}", endpoint.authority), format!("/{encoded_key}"))
    };
    let mut url = format!("{}://{host}{path}", endpoint.scheme());
    append_query(&mut url, query);
    Target { url, host }
}

/// The URL of the service itself (ListBuckets): the endpoint, whatever the addressing style.
pub fn service_target(endpoint: &Endpoint, query: &[(String, String)]) -> Target {
    let mut url = format!("{}://{}/", endpoint.scheme(), endpoint.authority);
    append_query(&mut url, query);
    Target { url, host: endpoint.authority.clone() }
}

/// `?k=v&k2` with names and values percent-encoded; an empty value leaves the `=` out.
pub fn append_query(url: &mut String, query: &[(String, String)]) {
    for (i, (k, v)) in query.iter().enumerate() {
        url.push(if i == 0 { '?' } else { '&' });
        url.push_str(&uri_encode(k, false));
        if !v.is_empty() {
            url.push('=');
            url.push_str(&uri_encode(v, false));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ep(s: &str) -> Endpoint {
        Endpoint::parse(s).unwrap()
    }

    #[test]
    fn parses_schemes_ports_and_cuts_paths() {
        assert_eq!(
            ep("oss-cn-hangzhou.aliyuncs.com"),
            Endpoint { https: false, authority: "oss-cn-hangzhou.aliyuncs.com".into(), is_ip: false }
        );
        assert_eq!(ep("https://oss.example.com/ignored?x#y").authority, "oss.example.com");
        assert!(ep("HTTPS://oss.example.com").https);
        assert_eq!(
            ep("http://127.0.0.1:9000"),
            Endpoint { https: false, authority: "127.0.0.1:9000".into(), is_ip: true }
        );
        assert_eq!(ep("[::1]:8080").authority, "[::1]:8080");
        assert!(ep("[::1]:8080").is_ip);
        assert!(!ep("localhost:9000").is_ip);
    }

    #[test]
    fn rejects_bad_endpoints_with_the_invalid_argument_code() {
        for bad in [
            "",
            "http://",
            "ftp://host",
            "host:0",
            "host:99999",
            "host:12ab",
            "ho st",
            "a..b",
            "user@host",
            "[::1",
            "[zz]:80",
        ] {
            let err = Endpoint::parse(bad).unwrap_err();
            assert_eq!(err.code(), -994, "{bad}");
            assert_eq!(err.error_code(), "EndpointInvalidError", "{bad}");
        }
    }

    #[test]
    fn addressing_styles() {
        let vh = object_target(&ep("oss.example.com"), false, "bkt", Some("a b/c.txt"), &[]);
        assert_eq!(
            vh,
            Target { url: "http://bkt.oss.example.com/a%20b/c.txt".into(), host: "bkt.oss.example.com".into() }
        );
        let ps = object_target(&ep("http://127.0.0.1:9000"), false, "bkt", Some("k"), &[]);
        assert_eq!(ps.url, "http://127.0.0.1:9000/bkt/k");
        let cname = object_target(&ep("https://cdn.example.com"), true, "bkt", Some("k"), &[]);
        assert_eq!(cname.url, "https://cdn.example.com/k");
        let bucket_only = object_target(&ep("127.0.0.1:1"), false, "bkt", None, &[]);
        assert_eq!(bucket_only.url, "http://127.0.0.1:1/bkt/");
    }

    #[test]
    fn keys_and_queries_are_percent_encoded() {
        let q = vec![("versionId".to_string(), "a+b=".to_string()), ("objectMeta".to_string(), String::new())];
        let t = object_target(&ep("127.0.0.1:1"), false, "b", Some("中 +%?#~"), &q);
        assert_eq!(t.url, "http://127.0.0.1:1/b/%E4%B8%AD%20%2B%25%3F%23~?versionId=a%2Bb%3D&objectMeta");
    }
}
