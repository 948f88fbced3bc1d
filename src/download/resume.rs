//! Deciding what an earlier run already did: a checkpoint that belongs to
//! this download and a temp file of the right size are trusted part by part,
//! each recorded part's bytes read back and its CRC checked; anything else
//! starts clean.

use super::checkpoint::{Identity, Journal, PartRecord};
use crate::crc64;
use crate::error::Result;
use crate::transfer::plan::Plan;
use crate::transfer::target::TempTarget;
use std::collections::BTreeMap;
use std::os::unix::fs::FileExt;
use std::path::Path;

/// The journal to record into (with checkpointing) and the parts already
/// done. Starting clean means an empty temp file of the download's size and,
/// with checkpointing, a new journal.
pub fn prepare(
    temp: &TempTarget,
    plan: &Plan,
    checkpoint: Option<&Path>,
    identity: &Identity,
) -> Result<(Option<Journal>, BTreeMap<u32, PartRecord>)> {
    let Some(cp) = checkpoint else {
        temp.reset(plan.span.len)?;
        return Ok((None, BTreeMap::new()));
    };
    if let Some((journal, records)) = Journal::resume(cp, identity) {
        if temp.size()? == plan.span.len {
            if let Some(verified) = verify_records(temp, plan, &records) {
                return Ok((Some(journal), verified));
            }
        }
    }
    temp.reset(plan.span.len)?;
    Ok((Some(Journal::create(cp, identity)?), BTreeMap::new()))
}

/// The records whose bytes in the temp file still have the recorded CRC;
/// `None` if a record does not fit the plan at all (not our journal).
fn verify_records(
    temp: &TempTarget,
    plan: &Plan,
    records: &BTreeMap<u32, PartRecord>,
) -> Option<BTreeMap<u32, PartRecord>> {
    let mut good = BTreeMap::new();
    let mut buf = vec![0u8; 1 << 20];
    for (&index, &rec) in records {
        let part = plan.parts.get(index as usize)?;
        if part.len != rec.len {
            return None;
        }
        let offset = plan.file_offset(part);
        if crc_of(temp, offset, part.len, &mut buf) == Some(rec.crc) {
            good.insert(index, rec);
        }
    }
    Some(good)
}

/// The CRC-64 of `len` bytes of the temp file at `offset`; `None` if they
/// cannot be read.
fn crc_of(temp: &TempTarget, mut offset: u64, len: u64, buf: &mut [u8]) -> Option<u64> {
    let mut crc = crc64::Crc64::new();
    let end = offset + len;
    while offset < end {
        let n = ((end - offset) as usize).min(buf.len());
        temp.file.read_exact_at(&mut buf[..n], offset).ok()?;
        crc.update(&buf[..n]);
        offset += n as u64;
    }
    Some(crc.value())
}
