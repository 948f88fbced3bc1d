//! `oss_upload_file`'s upload: the official SDK's simple, one-connection multipart upload of a
//! file. Without an upload id it starts one; with one, it continues after the parts the server
//! already lists (the official SDK assumes those are the first ones, in order). Parts are sent one
//! after another (each read from the file while sending, retried whole on transient failures),
//! then the upload is completed with every part.

use std::path::Path;

use super::coordinator::open;
use crate::client::{Client, ObjectRef};
use crate::http::{Session, Source};
use crate::ops::multipart::{self as mp, PartOf};
use crate::ops::upload::Upload;
use crate::ops::Parsed;
use crate::transfer::plan::{effective_part_size, plan_span, Span};
use crate::transfer::retry::RetryPolicy;
use crate::xml::multipart::CompletePart;

/// Uploads `path` as `object` (its headers go on the completion, as in the official SDK). A new
/// upload's id is put in `upload_id` as soon as it exists, so the caller can continue it.
pub fn upload_file(
    client: &Client,
    session: &mut Session,
    object: &ObjectRef,
    upload_id: &mut Option<String>,
    path: &Path,
    part_size: i64,
) -> Parsed<Vec<u8>> {
    // The file is checked before any request (the official SDK initiates first and leaves the
    // upload behind when the file is missing).
    let (file, meta) = open(path)?;
    let plain = ObjectRef { bucket: object.bucket.clone(), key: object.key.clone(), ..ObjectRef::default() };
    let mut list: Vec<CompletePart> = match upload_id.as_deref() {
        Some(id) => mp::all_parts(client, session, &plain, id)?
            .1
            .into_iter()
            .map(|p| CompletePart { number: p.number, etag: p.etag })
            .collect(),
        None => {
            *upload_id = Some(mp::initiate(client, session, &plain)?.1);
            Vec::new()
        }
    };
    let id = upload_id.clone().unwrap_or_default();
    let size = meta.len();
    let plan = plan_span(size, Span::whole(size), effective_part_size(size, part_size) as i64);
    let enable_crc = client.config.transfer.enable_crc;
    let policy = RetryPolicy::default();
    let first_new = list.len();
    for part in plan.parts.iter().skip(first_new) {
        let upload = Upload {
            source: Source::FileRange { file: &file, offset: part.offset, len: part.len },
            mime_name: None,
            enable_crc,
        };
        let number = part.index + 1;
        let (answer, _) =
            mp::upload_part(client, session, &plain, PartOf { upload_id: &id, number }, upload, &policy, None)?;
        list.push(CompletePart { number, etag: answer.header("ETag").unwrap_or_default().to_string() });
    }
    if list.is_empty() {
        // An empty file: one empty part, since a completion needs one.
        let upload = Upload { source: Source::Empty, mime_name: None, enable_crc };
        let (answer, _) =
            mp::upload_part(client, session, &plain, PartOf { upload_id: &id, number: 1 }, upload, &policy, None)?;
        list.push(CompletePart { number: 1, etag: answer.header("ETag").unwrap_or_default().to_string() });
    }
    mp::complete(client, session, object, &id, &list, &policy)
}
