//! The admin API for scripts and C tests, under `/-/admin/`, answered only to loopback peers
//! and without signatures:
//!
//! - `POST /-/admin/faults?kind=...&...` adds a fault rule → `{"id":N}`;
//!   `GET /-/admin/faults` lists them; `DELETE /-/admin/faults[?id=N]` removes one or all.
//!   Rules act on answers (downloads) or, with `on=request`, on request bodies (uploads);
//!   `op=UploadPart` (an operation name) and `part=N` narrow what a rule matches.
//! - `GET /-/admin/counters?bucket=B&key=K` → `{"requests":N,"body_bytes":N,"received_bytes":N}`;
//!   `GET /-/admin/counters` → every object; `GET /-/admin/counters?upload=ID` → one multipart
//!   upload's `{"requests":N,"received_bytes":N,"parts":{"1":{"requests":N,"received_bytes":N}}}`;
//!   `DELETE /-/admin/counters` zeroes them all.
//! - `PUT /-/admin/buckets?bucket=B` creates a bucket.
//! - `PUT /-/admin/objects?bucket=B&key=K` stores the request body (or, with `size=N[&seed=S]`
//!   and no body, N deterministic pseudo-random bytes), creating the bucket → its metadata.
//! - `POST /-/admin/callback-hosts?host=NAME[:PORT]&addr=IP:PORT` makes upload callbacks to that
//!   host name go to `addr` (a loopback address) → `{"mapped":true}`.
//! - `GET /-/admin/health` → `{"ok":true}`.

use std::net::SocketAddr;
use std::time::Duration;

use crate::content_gen::PseudoRandomReader;
use crate::counters::{CounterSnapshot, UploadCounters};
use crate::errors::OssError;
use crate::faults::{FaultKind, FaultRule, InstalledFault, Methods, Side, Trigger};
use crate::http::body::BodyReader;
use crate::http::response::Response;
use crate::object_meta::ObjectMeta;
use crate::state::ServerState;
use crate::store::{Durability, ObjectAttrs, PutOptions};

fn json_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn fail(status: u16, message: &str) -> Response {
    Response::json(status, format!("{{\"error\":{}}}\n", json_string(message)))
}

struct Query<'a>(&'a [(String, String)]);

impl Query<'_> {
    fn get(&self, name: &str) -> Option<&str> {
        self.0.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }

    fn number(&self, name: &str) -> Result<Option<u64>, String> {
        match self.get(name) {
            None => Ok(None),
            Some(text) => {
                let parsed = match text.strip_prefix("0x") {
                    Some(hex) => u64::from_str_radix(hex, 16),
                    None => text.parse(),
                };
                parsed.map(Some).map_err(|_| format!("{name} must be a number, not {text:?}"))
            }
        }
    }

    fn required(&self, name: &str) -> Result<u64, String> {
        self.number(name)?.ok_or_else(|| format!("{name} is required"))
    }

    fn flag(&self, name: &str) -> bool {
        matches!(self.get(name), Some("1" | "true" | "yes"))
    }
}

pub fn handle(
    state: &ServerState,
    method: &str,
    path: &str,
    query: &[(String, String)],
    body: &mut BodyReader,
    peer: SocketAddr,
) -> Response {
    if !peer.ip().is_loopback() {
        return fail(403, "the admin API answers loopback clients only");
    }
    let q = Query(query);
    match (method, path.trim_end_matches('/')) {
        ("GET", "health") => Response::json(200, "{\"ok\":true}\n".into()),
        ("POST" | "PUT", "faults") => match parse_rule(&q) {
            Ok(rule) => Response::json(200, format!("{{\"id\":{}}}\n", state.faults.add(rule))),
            Err(message) => fail(400, &message),
        },
        ("GET", "faults") => {
            let rules: Vec<String> = state.faults.list().iter().map(fault_json).collect();
            Response::json(200, format!("[{}]\n", rules.join(",")))
        }
        ("DELETE", "faults") => match q.number("id") {
            Ok(Some(id)) if state.faults.remove(id) => Response::json(200, "{\"removed\":1}\n".into()),
            Ok(Some(_)) => fail(404, "no fault rule with that id"),
            Ok(None) => {
                state.faults.clear();
                Response::json(200, "{\"cleared\":true}\n".into())
            }
            Err(message) => fail(400, &message),
        },
        ("GET", "counters") => match (q.get("bucket"), q.get("key"), q.get("upload")) {
            (_, _, Some(upload)) => Response::json(200, upload_counters_json(&state.counters.get_upload(upload))),
            (Some(bucket), Some(key), None) => {
                Response::json(200, format!("{{{}}}\n", counter_fields(&state.counters.get(bucket, key))))
            }
            _ => {
                let all: Vec<String> = state
                    .counters
                    .all()
                    .iter()
                    .map(|(b, k, c)| {
                        format!("{{\"bucket\":{},\"key\":{},{}}}", json_string(b), json_string(k), counter_fields(c))
                    })
                    .collect();
                Response::json(200, format!("[{}]\n", all.join(",")))
            }
        },
        ("DELETE", "counters") | ("POST", "counters/reset") => {
            state.counters.reset();
            Response::json(200, "{\"reset\":true}\n".into())
        }
        ("PUT" | "POST", "buckets") => match q.get("bucket").map(|b| state.store.ensure_bucket(b)) {
            Some(Ok(())) => Response::json(200, "{\"created\":true}\n".into()),
            Some(Err(e)) => fail(e.status, &e.message),
            None => fail(400, "bucket is required"),
        },
        ("PUT" | "POST", "objects") => put_object(state, &q, body),
        ("POST" | "PUT", "callback-hosts") => {
            let addr = q.get("addr").map(|a| a.parse::<SocketAddr>().map_err(|e| format!("addr: {e}")));
            match (q.get("host"), addr) {
                (Some(host), Some(Ok(addr))) => match state.callback_hosts.map(host, addr) {
                    Ok(()) => Response::json(200, "{\"mapped\":true}\n".into()),
                    Err(message) => fail(400, &message),
                },
                (_, Some(Err(message))) => fail(400, &message),
                _ => fail(400, "host and addr are required"),
            }
        }
        _ => fail(404, &format!("no admin endpoint {method} /-/admin/{path}")),
    }
}

fn counter_fields(c: &CounterSnapshot) -> String {
    format!("\"requests\":{},\"body_bytes\":{},\"received_bytes\":{}", c.requests, c.body_bytes, c.received_bytes)
}

fn upload_counters_json(c: &UploadCounters) -> String {
    let parts: Vec<String> = c
        .parts
        .iter()
        .map(|(n, p)| format!("\"{n}\":{{\"requests\":{},\"received_bytes\":{}}}", p.requests, p.received_bytes))
        .collect();
    format!(
        "{{\"requests\":{},\"received_bytes\":{},\"parts\":{{{}}}}}\n",
        c.requests,
        c.received_bytes,
        parts.join(",")
    )
}

fn put_object(state: &ServerState, q: &Query, body: &mut BodyReader) -> Response {
    let (Some(bucket), Some(key)) = (q.get("bucket"), q.get("key")) else {
        return fail(400, "bucket and key are required");
    };
    let result: Result<ObjectMeta, OssError> = (|| {
        state.store.ensure_bucket(bucket)?;
        let mut attrs = ObjectAttrs::default();
        if let Some(content_type) = q.get("content_type") {
            attrs.content_type = content_type.to_string();
        }
        let mut options = PutOptions { attrs, ..PutOptions::default() };
        match q.number("size").map_err(OssError::invalid_argument)? {
            Some(size) => {
                let seed = q.number("seed").map_err(OssError::invalid_argument)?.unwrap_or(0);
                // Generated content can be made again: not synced (see Durability).
                options.durability = Durability::Regenerable;
                state.store.put_object(bucket, key, &mut PseudoRandomReader::new(seed, size), &options)
            }
            None => state.store.put_object(bucket, key, body, &options),
        }
        .map(|record| record.meta())
    })();
    match result {
        Ok(meta) => Response::json(
            200,
            format!("{{\"size\":{},\"etag\":{},\"crc64\":\"{}\"}}\n", meta.size, json_string(&meta.etag), meta.crc64),
        ),
        Err(e) => fail(e.status, &e.message),
    }
}

fn parse_rule(q: &Query) -> Result<FaultRule, String> {
    let kind = match q.get("kind").unwrap_or("") {
        "cut" => FaultKind::CutAfter { bytes: q.required("bytes")?, reset: q.flag("reset") },
        "error" => {
            let status = q.number("status")?.unwrap_or(503);
            if status != 500 && status != 503 {
                return Err("status must be 500 or 503".into());
            }
            FaultKind::ErrorStatus { status: status as u16 }
        }
        "delay" => FaultKind::DelayFirstByte { delay: Duration::from_millis(q.required("ms")?) },
        "throttle" => FaultKind::Throttle { bytes_per_sec: q.required("bytes_per_sec")?.max(1) },
        "stall" => FaultKind::Stall {
            after: q.number("after")?.unwrap_or(0),
            duration: q.number("ms")?.map(Duration::from_millis),
        },
        "short" => FaultKind::ShortBody { missing: q.number("missing")?.unwrap_or(1) },
        "flip" => {
            let xor = q.number("xor")?.unwrap_or(0xFF);
            if xor == 0 || xor > 0xFF {
                return Err("xor must be 1..=255".into());
            }
            FaultKind::FlipByte { offset: q.required("offset")?, xor: xor as u8 }
        }
        "replace" => FaultKind::ReplaceContent { after_requests: q.number("after")?.unwrap_or(0) },
        "garbage" => FaultKind::GarbageResponse,
        "garbage_headers" => FaultKind::GarbageHeaders,
        "length" => FaultKind::LieContentLength { value: q.required("value")? },
        "range" => {
            let text = q.get("shift").ok_or("shift is required")?;
            let shift = text.parse().map_err(|_| format!("shift must be a whole number, not {text:?}"))?;
            FaultKind::LieContentRange { shift }
        }
        "html" => {
            let status = q.number("status")?.unwrap_or(502);
            if !(400..=599).contains(&status) {
                return Err("status must be 400..=599".into());
            }
            FaultKind::HtmlError { status: status as u16 }
        }
        "huge_header" => FaultKind::HugeHeader { bytes: q.required("bytes")? },
        "lost" => FaultKind::LostResponse,
        other => {
            return Err(format!(
                "unknown fault kind {other:?}: use cut, error, delay, throttle, stall, short, flip, replace, \
                 garbage, garbage_headers, length, range, html, huge_header or lost"
            ))
        }
    };
    let mut rule = FaultRule::new(kind);
    rule.bucket = q.get("bucket").map(str::to_string);
    rule.key = q.get("key").map(str::to_string);
    if rule.key.is_some() && rule.bucket.is_none() {
        return Err("key needs bucket".into());
    }
    narrow(q, &mut rule)?;
    rule.methods = match q.get("methods").unwrap_or("get") {
        "get" | "GET" => Methods::GetOnly,
        "all" | "ALL" => Methods::All,
        other => return Err(format!("methods must be get or all, not {other:?}")),
    };
    rule.trigger = if let Some(n) = q.number("times")? {
        Trigger::Times(n)
    } else if let Some(k) = q.number("every")? {
        if k == 0 {
            return Err("every must be at least 1".into());
        }
        Trigger::EveryKth(k)
    } else if let Some(p) = q.get("probability") {
        Trigger::Probability(
            p.parse::<f64>().ok().filter(|p| (0.0..=1.0).contains(p)).ok_or("probability must be between 0 and 1")?,
        )
    } else {
        Trigger::Always
    };
    Ok(rule)
}

/// The side (`on=response|request`), operation (`op=`) and part number (`part=`) of a rule.
fn narrow(q: &Query, rule: &mut FaultRule) -> Result<(), String> {
    rule.side = match q.get("on").unwrap_or("response") {
        "response" => Side::Response,
        "request" => Side::Request,
        other => return Err(format!("on must be response or request, not {other:?}")),
    };
    rule.operation = q.get("op").map(str::to_string);
    rule.part = q.number("part")?.map(|n| u32::try_from(n).map_err(|_| "part must be 1..=10000")).transpose()?;
    Ok(())
}

fn fault_json(fault: &InstalledFault) -> String {
    let rule = &fault.rule;
    let option = |v: &Option<String>| v.as_deref().map_or("null".to_string(), json_string);
    format!(
        "{{\"id\":{},\"kind\":{},\"bucket\":{},\"key\":{},\"methods\":\"{}\",\"on\":\"{}\",\"op\":{},\"part\":{},\
         \"trigger\":{},\"matched\":{},\"fired\":{}}}",
        fault.id,
        json_string(&format!("{:?}", rule.kind)),
        option(&rule.bucket),
        option(&rule.key),
        if rule.methods == Methods::All { "all" } else { "get" },
        if rule.side == Side::Request { "request" } else { "response" },
        option(&rule.operation),
        rule.part.map_or("null".to_string(), |p| p.to_string()),
        json_string(&format!("{:?}", rule.trigger)),
        fault.matched,
        fault.fired
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(query: &str) -> Result<FaultRule, String> {
        let pairs = crate::routing::parse_query(query).unwrap();
        parse_rule(&Query(&pairs))
    }

    #[test]
    fn rules_from_queries() {
        let rule = parse("kind=cut&bytes=100&bucket=b&key=k&times=1").unwrap();
        assert_eq!(rule, FaultRule::new(FaultKind::CutAfter { bytes: 100, reset: false }).object("b", "k").once());
        let rule = parse("kind=error&status=500&methods=all&every=3").unwrap();
        assert_eq!(
            rule,
            FaultRule::new(FaultKind::ErrorStatus { status: 500 }).all_methods().trigger(Trigger::EveryKth(3))
        );
        assert_eq!(parse("kind=flip&offset=10&xor=0x01").unwrap().kind, FaultKind::FlipByte { offset: 10, xor: 1 });
        assert_eq!(parse("kind=stall&after=5").unwrap().kind, FaultKind::Stall { after: 5, duration: None });
        assert_eq!(
            parse("kind=length&value=9223372036854775808&methods=all").unwrap().kind,
            FaultKind::LieContentLength { value: 1 << 63 }
        );
        assert_eq!(parse("kind=range&shift=-5").unwrap().kind, FaultKind::LieContentRange { shift: -5 });
        assert_eq!(parse("kind=html").unwrap().kind, FaultKind::HtmlError { status: 502 });
        assert_eq!(parse("kind=huge_header&bytes=10485760").unwrap().kind, FaultKind::HugeHeader { bytes: 10 << 20 });
        assert_eq!(parse("kind=garbage").unwrap().kind, FaultKind::GarbageResponse);
        assert_eq!(parse("kind=garbage_headers").unwrap().kind, FaultKind::GarbageHeaders);
        assert_eq!(parse("kind=cut&bytes=1&probability=0.25").unwrap().trigger, Trigger::Probability(0.25));
        let rule = parse("kind=cut&bytes=7&on=request&op=UploadPart&part=3&bucket=b").unwrap();
        assert_eq!(
            rule,
            FaultRule::new(FaultKind::CutAfter { bytes: 7, reset: false })
                .bucket("b")
                .on_request()
                .operation("UploadPart")
                .part(3)
        );
        assert_eq!(parse("kind=lost&on=request").unwrap().kind, FaultKind::LostResponse);
        for bad in [
            "kind=nope",
            "kind=cut",
            "kind=error&status=404",
            "kind=cut&bytes=x",
            "kind=cut&bytes=1&key=k",
            "kind=cut&bytes=1&probability=2",
            "kind=length",
            "kind=range&shift=x",
            "kind=html&status=200",
            "kind=huge_header",
            "kind=lost&on=upload",
            "kind=lost&part=x",
        ] {
            assert!(parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn json_escaping() {
        assert_eq!(json_string("a\"b\\c\n"), "\"a\\\"b\\\\c\\u000a\"");
    }
}
