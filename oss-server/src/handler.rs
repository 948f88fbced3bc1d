//! One request, from its head to its answer on the wire: method check, routing, admin API,
//! counters, authentication, faults, the operation, then writing the response (with the
//! fault plan's delay and body shaping).

use std::io::{self, Read, Write};
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};

use crate::admin;
use crate::auth::SignedRequest;
use crate::body_tap::{RequestTap, UploadTarget};
use crate::counters::ObjectCounter;
use crate::errors::OssError;
use crate::faults::{FaultPlan, Subject};
use crate::http::body::{self, BodyReader};
use crate::http::conn::{HttpConn, RequestHead};
use crate::http::response::{head_bytes, Body, Response};
use crate::lies;
use crate::operation;
use crate::ops::{self, OpContext};
use crate::request_id::next_request_id;
use crate::routing::{route, Target};
use crate::state::ServerState;
use crate::transfer::{Transfer, TransferEnd};

/// Leftover request bodies up to this size are read and dropped to keep the connection.
const MAX_DRAIN: u64 = 1024 * 1024;
/// The longest first-byte delay a fault can impose.
const MAX_DELAY: Duration = Duration::from_secs(3600);
const KNOWN_METHODS: &[&str] = &["GET", "HEAD", "PUT", "POST", "DELETE"];

/// What the connection does after an answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum After {
    KeepAlive,
    Close,
    /// Close, but the client may still be sending a request body we did not read (an error
    /// answered early): keep reading and dropping it for a while so that closing does not
    /// reset the connection before the client has read the answer.
    CloseUnread,
    /// A fault cut the body: close at once (with an RST when `reset`).
    Cut {
        reset: bool,
    },
}

struct Outcome {
    response: Response,
    plan: FaultPlan,
    counter: Option<Arc<ObjectCounter>>,
}

impl Outcome {
    fn plain(response: Response) -> Outcome {
        Outcome { response, plan: FaultPlan::default(), counter: None }
    }
}

pub fn handle(state: &ServerState, conn: &mut HttpConn, head: &RequestHead, peer: SocketAddr) -> After {
    let started = Instant::now();
    let request_id = next_request_id();
    let host_id = head.header("host").unwrap_or("localhost").to_string();
    let is_head = head.method == "HEAD";
    let mut keep_alive = head.keep_alive() && !state.stopping();
    let mut unread_body = false;

    let outcome = match body::framing(head) {
        Err(message) => {
            keep_alive = false; // the body's end is unknown
            Outcome::plain(Response::error(&OssError::invalid_argument(message), &request_id, &host_id, is_head))
        }
        Ok(framing) => {
            let expect_continue = head.header("expect").is_some_and(|v| v.eq_ignore_ascii_case("100-continue"));
            let mut body = BodyReader::new(conn, framing, expect_continue);
            let outcome = process(state, head, &mut body, peer, &request_id, &host_id);
            if !body.is_done() {
                // With `Expect: 100-continue` still unanswered the client has sent nothing (or
                // will send it after its own timeout): the answer goes out without a 100.
                let drainable = !body.continue_pending() && body.fixed_remaining().is_some_and(|n| n <= MAX_DRAIN);
                if !drainable || io::copy(&mut body, &mut io::sink()).is_err() {
                    keep_alive = false;
                    unread_body = true;
                }
            }
            if let Some(reset) = body.cut() {
                // An injected cut (in the operation's reading or in the drain): no answer.
                return After::Cut { reset };
            }
            outcome
        }
    };

    if outcome.plan.lost_response {
        return After::Close; // an injected lost answer: whatever the operation did stays done
    }
    let status = outcome.response.status;
    let (mut after, sent) = write_response(state, conn, outcome, keep_alive, &request_id);
    if after == After::Close && unread_body {
        after = After::CloseUnread;
    }
    if state.config.verbose {
        eprintln!(
            "{peer} {} {} {status} {sent}B {}ms {request_id}",
            head.method,
            head.target.split('?').next().unwrap_or(""),
            started.elapsed().as_millis()
        );
    }
    after
}

fn process<'a>(
    state: &'a ServerState,
    head: &RequestHead,
    body: &mut BodyReader<'a>,
    peer: SocketAddr,
    request_id: &str,
    host_id: &str,
) -> Outcome {
    let is_head = head.method == "HEAD";
    let error = |e: &OssError| Response::error(e, request_id, host_id, is_head);
    if !KNOWN_METHODS.contains(&head.method.as_str()) {
        return Outcome::plain(error(&ops::method_not_allowed(&head.method)));
    }
    let routed = match route(&head.target, head.header("host")) {
        Ok(routed) => routed,
        Err(e) => return Outcome::plain(error(&e)),
    };
    if let Target::Admin(path) = &routed.target {
        return Outcome::plain(admin::handle(state, &head.method, path, &routed.query, body, peer));
    }
    let (bucket, key) = (routed.target.bucket(), routed.target.key());
    let counter = match (bucket, key) {
        (Some(b), Some(k)) => {
            let counter = state.counters.counter(b, k);
            counter.add_request();
            state.request_log.record(&head.method, b, k, &routed.query, &head.headers);
            Some(counter)
        }
        _ => None,
    };
    let part = routed.query.iter().find(|(n, _)| n == "partNumber").and_then(|(_, v)| v.parse::<u32>().ok());
    let upload = upload_counter(state, &routed.query, part);
    let signed = SignedRequest { method: &head.method, bucket, key, query: &routed.query, headers: &head.headers };
    if let Err(e) = state.auth.check(&signed, SystemTime::now()) {
        // An unsigned request may still be allowed by a public ACL.
        let public = !signed.carries_credentials()
            && bucket.is_some_and(|b| {
                let has_subresource = ops::subresource(&routed.query).is_some();
                ops::acl::anonymous_allowed(&state.store, b, key, &head.method, has_subresource)
            });
        if !public {
            return Outcome { response: error(&e), plan: FaultPlan::default(), counter };
        }
    }
    let copy = head.header("x-oss-copy-source").is_some();
    let operation = operation::name(&head.method, &routed.target, &routed.query, copy);
    let plan = state.faults.plan_for(&Subject { bucket, key, method: &head.method, operation, part });
    body.set_tap(Box::new(RequestTap::new(plan.request.clone(), &state.stop, counter.clone(), upload)));
    if plan.replace_content {
        if let (Some(b), Some(k)) = (bucket, key) {
            // A missing object has nothing to replace; the request then answers NoSuchKey.
            let _ = ops::replace_content(&state.store, b, k);
        }
    }
    if plan.request.error_status.is_some() {
        // A server failing late: the client has sent the whole body before it hears the error.
        let _ = io::copy(body, &mut io::sink());
    }
    let response = match plan.request.error_status.or(plan.error_status) {
        None if plan.lies.html_error.is_some() => {
            let status = plan.lies.html_error.unwrap_or(502);
            let body = if is_head { Body::Empty } else { Body::Bytes(lies::html_error_body(status)) };
            Response::new(status, body).with_header("Content-Type", "text/html")
        }
        Some(503) => {
            error(&OssError::new(503, "ServiceUnavailable", "Please reduce your request rate. (injected fault)"))
        }
        Some(_) => error(&OssError::internal("We encountered an internal error. Please try again. (injected fault)")),
        None => {
            let ctx = OpContext { state, head, routed: &routed };
            ops::dispatch(&ctx, body).unwrap_or_else(|e| error(&e))
        }
    };
    Outcome { response, plan, counter }
}

/// The counter of the multipart upload the request names (`uploadId`), with this request
/// counted against it (and its part number).
fn upload_counter(state: &ServerState, query: &[(String, String)], part: Option<u32>) -> UploadTarget {
    let (_, id) = query.iter().find(|(n, _)| n == "uploadId")?;
    let upload = state.counters.upload(id);
    upload.add_request(part);
    Some((upload, part))
}

/// Writes the answer; returns what the connection does next and the body bytes sent.
fn write_response(
    state: &ServerState,
    conn: &mut HttpConn,
    outcome: Outcome,
    keep_alive: bool,
    request_id: &str,
) -> (After, u64) {
    let Outcome { mut response, plan, counter } = outcome;
    if let Some(delay) = plan.delay {
        if sleep_unless_stopping(state, delay).is_err() {
            return (After::Close, 0);
        }
    }
    let mut headers = vec![
        ("Server".to_string(), "AliyunOSS".to_string()),
        ("Date".to_string(), httpdate::fmt_http_date(SystemTime::now())),
        ("x-oss-request-id".to_string(), request_id.to_string()),
    ];
    headers.append(&mut response.headers);
    let lies = plan.lies;
    // An answer that lies cannot be framed reliably afterwards: close after it.
    let keep_alive = keep_alive && !lies.any();
    let mut head = head_bytes(response.status, &headers, response.body.content_length(), keep_alive);
    if lies.any() {
        head = lies.rewrite_head(&head, state.config.seed ^ seed_of(request_id));
    }
    let stream = &mut conn.stream;
    if lies.garbage_response {
        let _ = stream.write_all(&head).and_then(|()| stream.flush());
        return (After::Close, 0);
    }
    let next = if keep_alive { After::KeepAlive } else { After::Close };
    match response.body {
        Body::File { file, start, len } => {
            if stream.write_all(&head).is_err() {
                return (After::Close, 0);
            }
            let mut shaping = plan.shaping;
            if let Some(limit) = response.bytes_per_sec {
                shaping.bytes_per_sec = Some(shaping.bytes_per_sec.map_or(limit, |b| b.min(limit)));
            }
            let transfer = Transfer { stop: &state.stop, counter: counter.as_deref() };
            let sent = shaping.bytes_to_send(len);
            match transfer.send_file(stream, &file, start, len, &shaping) {
                TransferEnd::Complete => (next, len),
                TransferEnd::Truncated => (After::Cut { reset: shaping.reset }, sent),
                TransferEnd::Failed(e) => {
                    if state.config.verbose {
                        eprintln!("{request_id}: body transfer ended early: {e}");
                    }
                    (After::Close, 0)
                }
            }
        }
        Body::Bytes(bytes) => {
            let mut all = head;
            all.extend_from_slice(&bytes);
            match stream.write_all(&all).and_then(|()| stream.flush()) {
                Ok(()) => (next, bytes.len() as u64),
                Err(_) => (After::Close, 0),
            }
        }
        Body::Empty | Body::HeadOnly(_) | Body::NotModified => {
            match stream.write_all(&head).and_then(|()| stream.flush()) {
                Ok(()) => (next, 0),
                Err(_) => (After::Close, 0),
            }
        }
    }
}

/// A number from a request id, to vary seeded garbage between answers.
fn seed_of(request_id: &str) -> u64 {
    request_id.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3))
}

fn sleep_unless_stopping(state: &ServerState, total: Duration) -> Result<(), ()> {
    // Admin-supplied delays can be absurd: cap them rather than overflow the clock.
    let until = Instant::now() + total.min(MAX_DELAY);
    while Instant::now() < until {
        if state.stopping() {
            return Err(());
        }
        std::thread::sleep((until - Instant::now()).min(Duration::from_millis(50)));
    }
    Ok(())
}

/// Answers a request whose head could not be read (400 or 431) before closing.
pub fn reject_head(conn: &mut HttpConn, status: u16, code: &'static str, message: &str) {
    let request_id = next_request_id();
    let error = OssError::new(status, code, message);
    let mut response = Response::error(&error, &request_id, "localhost", false);
    let mut headers = vec![
        ("Server".to_string(), "AliyunOSS".to_string()),
        ("Date".to_string(), httpdate::fmt_http_date(SystemTime::now())),
        ("x-oss-request-id".to_string(), request_id.clone()),
    ];
    headers.append(&mut response.headers);
    let mut bytes = head_bytes(status, &headers, response.body.content_length(), false);
    if let Body::Bytes(body) = &response.body {
        bytes.extend_from_slice(body);
    }
    let _ = conn.stream.write_all(&bytes).and_then(|()| conn.stream.flush());
    // Discard anything else the client already sent, so closing sends a FIN rather than an RST
    // that could destroy the answer before the client reads it.
    let _ = conn.stream.tcp().set_read_timeout(Some(Duration::from_millis(100)));
    let mut scratch = [0u8; 4096];
    for _ in 0..64 {
        match conn.stream.read(&mut scratch) {
            Ok(n) if n > 0 => continue,
            _ => break,
        }
    }
}
