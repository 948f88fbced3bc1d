//! What the download learns from the object's HEAD and how it names the
//! object: the HEAD itself (retried), the object as every part request sees
//! it (pinned to the HEAD's ETag), the checkpoint identity, and the answer a
//! ranged download gives.

use super::checkpoint::Identity;
use crate::client::{Client, ObjectRef};
use crate::http::Response;
use crate::object;
use crate::outcome::Outcome;
use crate::transfer::plan::Plan;
use crate::transfer::retry::{self, Jitter, RetryPolicy};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};

/// The HEAD, retried on transient failures (a reset, a 503 storm) like a part
/// is, so that a download does not fail before it starts on a fault it would
/// ride out a moment later. A cancel stops the waiting.
pub fn head_with_retries(
    client: &Client,
    object: &ObjectRef,
    policy: &RetryPolicy,
    cancel: Option<&AtomicBool>,
) -> Outcome {
    let never = AtomicBool::new(false);
    let cancel = cancel.unwrap_or(&never);
    let mut jitter = Jitter::new(retry::jitter_seed());
    let mut session = client.session()?;
    let mut attempts = 0;
    loop {
        attempts += 1;
        match object::head_object(client, &mut session, object) {
            Err(f) if f.error.is_transient() && attempts < policy.max_fruitless && !cancel.load(Ordering::Relaxed) => {
                retry::sleep_unless_stopped(
                    policy.before_retry(attempts, attempts - 1, &f.error, jitter.next_u64()),
                    cancel,
                );
            }
            other => return other,
        }
    }
}

/// The first value of header `name` (case-insensitive).
pub fn header(headers: &[(String, String)], name: &str) -> Option<String> {
    headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.clone())
}

/// Headers minus the named ones (case-insensitive).
pub fn without(headers: &[(String, String)], names: &[&str]) -> Vec<(String, String)> {
    headers.iter().filter(|(n, _)| !names.iter().any(|x| n.eq_ignore_ascii_case(x))).cloned().collect()
}

/// The object as every part request sees it: pinned to the ETag the HEAD
/// returned, and asking for standard (strict) range behaviour.
pub fn pinned_object(object: &ObjectRef, head: &Response) -> ObjectRef {
    let mut headers = without(&object.headers, &["If-Match", "x-oss-range-behavior"]);
    if let Some(etag) = head.header("ETag") {
        headers.push(("If-Match".into(), etag.to_string()));
    }
    headers.push(("x-oss-range-behavior".into(), "standard".into()));
    ObjectRef { headers, ..object.clone() }
}

/// What a ranged download answers: the HEAD's headers described as the
/// ranged GET of those bytes would be (206, their `Content-Length`, a
/// `Content-Range`); `x-oss-hash-crc64ecma` still describes the whole object.
pub fn ranged_answer(mut head: Response, plan: &Plan) -> Response {
    head.status = 206;
    head.headers.retain(|(n, _)| !n.eq_ignore_ascii_case("Content-Length") && !n.eq_ignore_ascii_case("Content-Range"));
    head.headers.push(("Content-Length".into(), plan.span.len.to_string()));
    head.headers.push((
        "Content-Range".into(),
        format!("bytes {}-{}/{}", plan.span.start, plan.span.end_inclusive(), plan.object_size),
    ));
    head
}

/// The server as the checkpoint knows it: scheme, authority, CNAME-ness.
fn endpoint_label(client: &Client) -> String {
    let scheme = if client.endpoint.https { "https" } else { "http" };
    format!("{scheme}://{}{}", client.endpoint.authority, if client.config.is_cname { " (cname)" } else { "" })
}

fn version_id(object: &ObjectRef) -> Option<String> {
    object.query.iter().find(|(k, _)| k == "versionId").map(|(_, v)| v.clone())
}

/// Which object (endpoint, bucket, key, version), for naming a checkpoint
/// inside a directory.
pub fn source_label(client: &Client, object: &ObjectRef) -> String {
    format!("{}\n{}\n{}\n{}", endpoint_label(client), object.bucket, object.key, version_id(object).unwrap_or_default())
}

/// What makes a later run the same download (see `checkpoint::Identity`).
pub fn identity(
    client: &Client,
    object: &ObjectRef,
    head: &Response,
    plan: &Plan,
    temp: &Path,
    ranged: bool,
) -> Identity {
    Identity {
        endpoint: endpoint_label(client),
        bucket: object.bucket.clone(),
        key: object.key.clone(),
        version_id: version_id(object),
        size: plan.object_size,
        etag: head.header("ETag").unwrap_or_default().to_string(),
        last_modified: head.header("Last-Modified").unwrap_or_default().to_string(),
        part_size: plan.part_size,
        temp_path_hex: Identity::encode_path(temp),
        range: ranged.then(|| [plan.span.start, plan.span.end_inclusive()]),
    }
}
