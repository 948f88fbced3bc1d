//! Starting an upload, or continuing the one a checkpoint describes. A journal is trusted only if
//! it describes this transfer (same endpoint, bucket, key, part size, and the local file unchanged:
//! size, modification time, inode, path); then its parts are confirmed with ListParts — a part the
//! server no longer has, or has with another ETag or size, is sent again — and an upload id the
//! server no longer knows starts a new upload. A journal of another transfer of this file is
//! replaced, and its upload aborted so its parts are not left billed.

use std::collections::BTreeMap;
use std::path::Path;

use super::checkpoint::{Identity, Journal, PartRecord};
use crate::client::{Client, ObjectRef};
use crate::http::Session;
use crate::ops::multipart::{self as mp, is_no_such_upload};
use crate::outcome::Failure;
use crate::transfer::plan::Part;
use crate::xml::multipart::PartSummary;

/// Where the upload starts: its id, the journal (with checkpointing) and the parts already stored
/// (by index).
pub struct Start {
    pub upload_id: String,
    pub journal: Option<Journal>,
    pub done: BTreeMap<u32, PartRecord>,
}

/// `fresh` is this transfer's identity with an empty upload id.
pub fn start(
    client: &Client,
    session: &mut Session,
    init: &ObjectRef,
    parts: &[Part],
    cp: Option<&Path>,
    fresh: &Identity,
) -> Result<Start, Failure> {
    if let Some((journal, parsed)) = cp.and_then(Journal::reopen) {
        let old = parsed.identity;
        if old.same_transfer(fresh) {
            match confirmed(client, session, init, &old.upload_id, parsed.parts, parts) {
                Ok(done) => return Ok(Start { upload_id: old.upload_id, journal: Some(journal), done }),
                Err(failure) if is_no_such_upload(&failure) => {}
                Err(failure) => return Err(failure),
            }
        } else if old.endpoint == fresh.endpoint {
            let stale = ObjectRef { bucket: old.bucket.clone(), key: old.key.clone(), ..ObjectRef::default() };
            let _ = mp::abort(client, session, &stale, &old.upload_id);
        }
    }
    let (_, upload_id) = mp::initiate(client, session, init)?;
    let journal = match cp {
        None => None,
        Some(cp) => match Journal::create(cp, &Identity { upload_id: upload_id.clone(), ..fresh.clone() }) {
            Ok(journal) => Some(journal),
            Err(e) => {
                let _ = mp::abort(client, session, init, &upload_id);
                return Err(e.into());
            }
        },
    };
    Ok(Start { upload_id, journal, done: BTreeMap::new() })
}

/// The recorded parts (journal numbers are part numbers) the server still has as recorded.
fn confirmed(
    client: &Client,
    session: &mut Session,
    object: &ObjectRef,
    upload_id: &str,
    recorded: BTreeMap<u32, PartRecord>,
    parts: &[Part],
) -> Result<BTreeMap<u32, PartRecord>, Failure> {
    let plain = ObjectRef { bucket: object.bucket.clone(), key: object.key.clone(), ..ObjectRef::default() };
    let (_, listed) = mp::all_parts(client, session, &plain, upload_id)?;
    let listed: BTreeMap<u32, PartSummary> = listed.into_iter().map(|p| (p.number, p)).collect();
    let mut done = BTreeMap::new();
    for (number, record) in recorded {
        let index = number.wrapping_sub(1);
        let planned = parts.get(index as usize).map(|p| p.len);
        if planned == Some(record.len) && listed.get(&number).is_some_and(|s| agrees(s, &record)) {
            done.insert(index, record);
        }
    }
    Ok(done)
}

fn agrees(server: &PartSummary, record: &PartRecord) -> bool {
    let bare = |e: &str| e.trim_matches('"').to_ascii_uppercase();
    let crc_ok = match (server.crc64, record.crc) {
        (Some(a), Some(b)) => a == b,
        _ => true,
    };
    server.size == record.len && bare(&server.etag) == bare(&record.etag) && crc_ok
}
