//! RestoreObject for Archive, ColdArchive and DeepColdArchive objects: 202 when a restore
//! starts, 409 RestoreAlreadyInProgress while it runs, 200 once restored (the expiry is
//! extended); the object is readable `Config::restore_delay` after the request, until its
//! expiry (`Days`, default 1). The `x-oss-restore` header reports the state.

use std::time::{SystemTime, UNIX_EPOCH};

use super::OpContext;
use crate::errors::OssError;
use crate::http::body::BodyReader;
use crate::http::response::{Body, Response};
use crate::store::record::ARCHIVE_CLASSES;
use crate::store::{ObjectRecord, Restore};
use crate::xml;

const MAX_DOCUMENT: u64 = 16 * 1024;
const MAX_DAYS: u64 = 365;

fn now_ms() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_millis() as u64).unwrap_or(0)
}

fn archived(record: &ObjectRecord) -> bool {
    ARCHIVE_CLASSES.contains(&record.attrs.storage_class.as_str())
}

/// Whether a GET may read the object's bytes now.
pub fn readable(record: &ObjectRecord) -> bool {
    if !archived(record) {
        return true;
    }
    let now = now_ms();
    record.restore.is_some_and(|r| r.ready_at_ms <= now && now < r.expiry * 1000)
}

/// The `x-oss-restore` value, for an object with a restore requested.
pub fn header(record: &ObjectRecord) -> Option<String> {
    let restore = record.restore?;
    if now_ms() < restore.ready_at_ms {
        return Some("ongoing-request=\"true\"".to_string());
    }
    let expiry = httpdate::fmt_http_date(UNIX_EPOCH + std::time::Duration::from_secs(restore.expiry));
    Some(format!("ongoing-request=\"false\", expiry-date=\"{expiry}\""))
}

/// `Days` of an optional RestoreRequest document (1 when absent).
fn requested_days(body: &mut BodyReader) -> Result<u64, OssError> {
    let text = xml::read_document(body, MAX_DOCUMENT)?;
    if text.trim().is_empty() {
        return Ok(1);
    }
    let document = xml::parse(&text, "RestoreRequest")?;
    match xml::child_text(document.root_element(), "Days") {
        None => Ok(1),
        Some(days) => days
            .trim()
            .parse::<u64>()
            .ok()
            .filter(|d| (1..=MAX_DAYS).contains(d))
            .ok_or_else(|| xml::malformed("Days must be a whole number from 1 to 365")),
    }
}

pub fn restore_object(ctx: &OpContext, bucket: &str, key: &str, body: &mut BodyReader) -> Result<Response, OssError> {
    let record = ctx.state.store.require_object(bucket, key)?;
    if !archived(&record) {
        return Err(OssError::new(
            400,
            "OperationNotSupported",
            "The operation is not supported for this resource: only Archive, ColdArchive and DeepColdArchive objects can be restored.",
        )
        .with_ec("0016-00000702"));
    }
    let days = requested_days(body)?;
    let delay_ms = ctx.state.config.restore_delay.as_millis() as u64;
    let status = std::cell::Cell::new(202);
    ctx.state.store.update_object(bucket, key, &|record| {
        let now = now_ms();
        let expiry = now / 1000 + delay_ms / 1000 + days * 86_400;
        match record.restore {
            Some(r) if now < r.ready_at_ms => {
                return Err(OssError::new(409, "RestoreAlreadyInProgress", "The restore operation is in progress."))
            }
            Some(r) if now < r.expiry * 1000 => {
                // Restored already: a repeat extends the expiry.
                record.restore = Some(Restore { ready_at_ms: r.ready_at_ms, expiry });
                status.set(200);
            }
            _ => {
                record.restore = Some(Restore { ready_at_ms: now + delay_ms, expiry });
                status.set(202);
            }
        }
        Ok(())
    })?;
    Ok(Response::new(status.get(), Body::Empty))
}
