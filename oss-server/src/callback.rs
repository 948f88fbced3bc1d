//! Upload callbacks (`x-oss-callback`, `x-oss-callback-var`) on PutObject and
//! CompleteMultipartUpload.
//!
//! The headers are checked before anything is written (`requested`: 400 InvalidArgument when
//! they are not base64 JSON, lack callbackUrl or callbackBody, or name a URL this server will
//! not call). Once the object is written, `answer` POSTs the callback body with its variables
//! substituted and answers as OSS does: the callback server's JSON body with status 200, or
//! 203 CallbackFailed (the object stays written).
//!
//! Only loopback addresses are called (127.0.0.0/8, ::1, `localhost`, and host names a test
//! mapped to one: `callback_hosts.rs`), over plain HTTP, within `Config::callback_timeout`: a
//! test server must never reach out to the network. The POST
//! carries no OSS signature (`Authorization`, `x-oss-pub-key-url`): there is no OSS key pair.
//!
//! A handler hooks it in with two calls: `let callback = callback::requested(ctx)?;` before it
//! writes, and `callback::answer(ctx, callback.as_ref(), bucket, &record, response)` on its
//! success answer.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::time::Instant;

use base64::Engine;

use crate::callback_client::{self, Post};
use crate::callback_hosts::CallbackHosts;
use crate::errors::OssError;
use crate::http::response::{Body, Response};
use crate::ops::OpContext;
use crate::percent;
use crate::store::ObjectRecord;

/// OSS accepts up to five callback URLs, tried in order until one answers.
const MAX_URLS: usize = 5;
const FORM: &str = "application/x-www-form-urlencoded";
const JSON: &str = "application/json";

#[derive(Debug, Clone, PartialEq, Eq)]
struct Target {
    addr: SocketAddr,
    /// `host[:port]` as written in the URL (the default `Host`).
    authority: String,
    path: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Callback {
    targets: Vec<Target>,
    host: Option<String>,
    body: String,
    json: bool,
    /// `x:` variables from `x-oss-callback-var`.
    vars: Vec<(String, String)>,
}

fn invalid(message: impl Into<String>) -> OssError {
    OssError::invalid_argument(message).with_detail("ArgumentName", "callback")
}

/// A header's base64 JSON object.
fn decode_object(name: &str, value: &str) -> Result<serde_json::Map<String, serde_json::Value>, OssError> {
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(value.trim())
        .map_err(|_| invalid(format!("{name} is not base64.")))?;
    match serde_json::from_slice(&bytes) {
        Ok(serde_json::Value::Object(map)) => Ok(map),
        _ => Err(invalid(format!("The {name} configuration is not json format."))),
    }
}

/// The callback a writing request asks for, checked; `None` without `x-oss-callback`.
pub fn requested(ctx: &OpContext) -> Result<Option<Callback>, OssError> {
    // A presigned URL carries them as the `callback` and `callback-var` query parameters.
    let Some(header) = ctx.header("x-oss-callback").or_else(|| ctx.query("callback")) else {
        return Ok(None);
    };
    let params = decode_object("callback", header)?;
    let text = |name: &str| match params.get(name) {
        None => Ok(None),
        Some(serde_json::Value::String(s)) => Ok(Some(s.clone())),
        Some(_) => Err(invalid(format!("{name} must be a string."))),
    };
    let urls =
        text("callbackUrl")?.filter(|u| !u.trim().is_empty()).ok_or_else(|| invalid("callbackUrl is missing."))?;
    let body = text("callbackBody")?.ok_or_else(|| invalid("callbackBody is missing."))?;
    let json = match text("callbackBodyType")?.as_deref().map(str::trim) {
        None | Some("") => false,
        Some(t) if t.eq_ignore_ascii_case(FORM) => false,
        Some(t) if t.eq_ignore_ascii_case(JSON) => true,
        Some(t) => return Err(invalid(format!("Unsupported callbackBodyType {t:?}."))),
    };
    let hosts = &ctx.state.callback_hosts;
    let targets = urls
        .split(';')
        .map(str::trim)
        .filter(|u| !u.is_empty())
        .map(|u| parse_url(u, hosts))
        .collect::<Result<Vec<_>, _>>()?;
    if targets.len() > MAX_URLS {
        return Err(invalid(format!("At most {MAX_URLS} callback URLs can be given.")));
    }
    let host = text("callbackHost")?.filter(|h| !h.trim().is_empty());
    let vars = match ctx.header("x-oss-callback-var").or_else(|| ctx.query("callback-var")) {
        None => Vec::new(),
        Some(value) => custom_vars(value)?,
    };
    Ok(Some(Callback { targets, host, body, json, vars }))
}

fn custom_vars(value: &str) -> Result<Vec<(String, String)>, OssError> {
    let mut vars = Vec::new();
    for (name, value) in decode_object("callback-var", value)? {
        let serde_json::Value::String(value) = value else {
            return Err(invalid(format!("The callback variable {name:?} must be a string.")));
        };
        if !name.starts_with("x:") {
            return Err(invalid(format!("The callback variable {name:?} must start with \"x:\".")));
        }
        vars.push((name, value));
    }
    Ok(vars)
}

/// `[http://]host[:port][/path]`, where host is a loopback IP literal, `localhost`, or a name
/// `hosts` maps to a loopback address.
fn parse_url(url: &str, hosts: &CallbackHosts) -> Result<Target, OssError> {
    let lower = url.to_ascii_lowercase();
    let rest = if lower.starts_with("http://") {
        &url[7..]
    } else if lower.starts_with("https://") {
        return Err(invalid(format!("Callback url {url:?}: this server makes plain HTTP callbacks only.")));
    } else if lower.contains("://") {
        return Err(invalid(format!("Callback url {url:?} is not valid.")));
    } else {
        url
    };
    let split = rest.find(['/', '?']).unwrap_or(rest.len());
    let (authority, path) = rest.split_at(split);
    let path = match path {
        "" => "/".to_string(),
        p if p.starts_with('?') => format!("/{p}"),
        p => p.to_string(),
    };
    let (host, port) =
        split_authority(authority).ok_or_else(|| invalid(format!("Callback url {url:?} is not valid.")))?;
    let addr = if host.eq_ignore_ascii_case("localhost") {
        SocketAddr::new(IpAddr::V4(Ipv4Addr::LOCALHOST), port)
    } else if let Ok(ip) = host.parse::<IpAddr>() {
        SocketAddr::new(ip, port)
    } else {
        hosts.resolve(host, port).ok_or_else(|| not_loopback(url))?
    };
    if !addr.ip().is_loopback() {
        return Err(not_loopback(url));
    }
    Ok(Target { addr, authority: authority.to_string(), path })
}

fn not_loopback(url: &str) -> OssError {
    invalid(format!(
        "Callback url {url:?} is refused: this test server calls back only to loopback addresses (127.0.0.0/8, ::1, localhost)."
    ))
}

/// `host`, `host:port`, `[v6]`, `[v6]:port` (port 80 by default).
fn split_authority(authority: &str) -> Option<(&str, u16)> {
    let (host, port) = if let Some(rest) = authority.strip_prefix('[') {
        let (host, after) = rest.split_once(']')?;
        (host, after.strip_prefix(':'))
    } else {
        match authority.rsplit_once(':') {
            Some((host, port)) => (host, Some(port)),
            None => (authority, None),
        }
    };
    let port = match port {
        None => 80,
        Some(p) => p.parse().ok().filter(|p| *p != 0)?,
    };
    (!host.is_empty()).then_some((host, port))
}

impl Callback {
    /// The callback body with `${...}` replaced: system variables of the written object and
    /// the `x:` variables (an unset `x:` variable is empty; other unknown names stay as
    /// written). Values are URL-encoded in a form body and JSON-escaped in a JSON body.
    fn render(&self, bucket: &str, record: &ObjectRecord) -> String {
        let etag = record.etag.trim_matches('"');
        let mut out = String::with_capacity(self.body.len());
        let mut rest = self.body.as_str();
        while let Some(start) = rest.find("${") {
            out.push_str(&rest[..start]);
            let Some(len) = rest[start..].find('}') else {
                break;
            };
            let name = &rest[start + 2..start + len];
            let value = match name {
                "bucket" => Some(bucket.to_string()),
                "object" => Some(record.key.clone()),
                "etag" => Some(etag.to_string()),
                "size" => Some(record.size.to_string()),
                "mimeType" => Some(record.attrs.content_type.clone()),
                "crc64" => Some(record.crc64.to_string()),
                _ if name.starts_with("x:") => {
                    Some(self.vars.iter().find(|(n, _)| n == name).map(|(_, v)| v.clone()).unwrap_or_default())
                }
                _ => None,
            };
            match value {
                Some(value) => out.push_str(&self.escape(&value)),
                None => out.push_str(&rest[start..=start + len]),
            }
            rest = &rest[start + len + 1..];
        }
        out.push_str(rest);
        out
    }

    fn escape(&self, value: &str) -> String {
        if self.json {
            let quoted = serde_json::Value::String(value.to_string()).to_string();
            quoted[1..quoted.len() - 1].to_string()
        } else {
            percent::encode(value, false)
        }
    }

    /// POSTs to each URL in turn until one answers 200 with a JSON body; the reason otherwise.
    fn call(&self, bucket: &str, record: &ObjectRecord, deadline: Instant) -> Result<callback_client::Answer, String> {
        let body = self.render(bucket, record);
        let mut reason = String::from("no callback url");
        for target in &self.targets {
            let post = Post {
                addr: target.addr,
                host: self.host.as_deref().unwrap_or(&target.authority),
                path: &target.path,
                content_type: if self.json { JSON } else { FORM },
                body: body.as_bytes(),
            };
            match callback_client::post(&post, deadline) {
                Ok(answer) if answer.status != 200 => reason = format!("Error status : {}.", answer.status),
                Ok(answer) if serde_json::from_slice::<serde_json::Value>(&answer.body).is_err() => {
                    reason = "Response body is not valid json format.".to_string()
                }
                Ok(answer) => return Ok(answer),
                Err(e) => reason = format!("Error calling back {}: {e}.", target.addr),
            }
        }
        Err(reason)
    }
}

/// The answer to a write that asked for `callback` (`written` unchanged when it did not): the
/// callback server's body with 200, or 203 CallbackFailed. Both keep `written`'s ETag and
/// CRC-64 headers, since the object is written either way.
pub fn answer(
    ctx: &OpContext,
    callback: Option<&Callback>,
    bucket: &str,
    record: &ObjectRecord,
    written: Response,
) -> Result<Response, OssError> {
    let Some(callback) = callback else {
        return Ok(written);
    };
    let deadline = Instant::now() + ctx.state.config.callback_timeout;
    let kept: Vec<(&'static str, String)> = ["ETag", "x-oss-hash-crc64ecma"]
        .into_iter()
        .filter_map(|name| {
            let value = written.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name));
            value.map(|(_, v)| (name, v.clone()))
        })
        .collect();
    match callback.call(bucket, record, deadline) {
        Ok(answer) => {
            let content_type = answer.content_type.unwrap_or_else(|| JSON.to_string());
            let mut response = Response::new(200, Body::Bytes(answer.body)).with_header("Content-Type", content_type);
            for (name, value) in kept {
                response = response.with_header(name, value);
            }
            Ok(response)
        }
        Err(reason) => {
            let error = OssError::new(203, "CallbackFailed", reason);
            Err(kept.into_iter().fold(error, |error, (name, value)| error.with_header(name, value)))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_url(url: &str) -> Result<Target, OssError> {
        let hosts = CallbackHosts::default();
        hosts.map("callback.example.com:23450", "127.0.0.1:4000".parse().unwrap()).unwrap();
        super::parse_url(url, &hosts)
    }

    #[test]
    fn urls() {
        let t = parse_url("http://127.0.0.1:8080/cb?a=1").unwrap();
        assert_eq!(
            (t.addr, t.authority.as_str(), t.path.as_str()),
            ("127.0.0.1:8080".parse().unwrap(), "127.0.0.1:8080", "/cb?a=1")
        );
        assert_eq!(parse_url("localhost:81").unwrap().addr, "127.0.0.1:81".parse().unwrap());
        assert_eq!(parse_url("http://[::1]:82/x").unwrap().addr, "[::1]:82".parse().unwrap());
        assert_eq!(parse_url("127.1.2.3").unwrap().path, "/");
        let mapped = parse_url("http://Callback.Example.com:23450").unwrap();
        assert_eq!(
            (mapped.addr, mapped.authority.as_str()),
            ("127.0.0.1:4000".parse().unwrap(), "Callback.Example.com:23450"),
            "a mapped name goes to its loopback address, the Host header keeps the name"
        );
        for refused in [
            "http://10.0.0.1/cb",
            "http://example.com/cb",
            "http://callback.example.com/cb",
            "https://127.0.0.1/",
            "ftp://127.0.0.1/",
            "http://127.0.0.1:0/",
        ] {
            assert_eq!(parse_url(refused).unwrap_err().code, "InvalidArgument", "{refused}");
        }
    }

    #[test]
    fn substitution() {
        let record = ObjectRecord {
            key: "dir/a b.txt".into(),
            data_id: String::new(),
            size: 5,
            etag: "\"ABC\"".into(),
            crc64: 1,
            last_modified: 0,
            object_type: "Normal".into(),
            attrs: crate::store::ObjectAttrs::default(),
            symlink_target: None,
            restore: None,
        };
        let mut callback = Callback {
            targets: Vec::new(),
            host: None,
            body: "b=${bucket}&o=${object}&e=${etag}&s=${size}&m=${mimeType}&v=${x:v}&u=${x:unset}&k=${other}".into(),
            json: false,
            vars: vec![("x:v".into(), "a&b".into())],
        };
        assert_eq!(
            callback.render("bkt", &record),
            "b=bkt&o=dir%2Fa%20b.txt&e=ABC&s=5&m=application%2Foctet-stream&v=a%26b&u=&k=${other}"
        );
        callback.json = true;
        callback.body = r#"{"o":"${object}","v":"${x:v}"}"#.into();
        callback.vars = vec![("x:v".into(), "say \"hi\"".into())];
        assert_eq!(callback.render("bkt", &record), r#"{"o":"dir/a b.txt","v":"say \"hi\""}"#);
    }
}
