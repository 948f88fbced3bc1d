//! Upload faults on the caller's side: the local file modified or truncated mid-upload, the
//! upload aborted by someone else between runs, the checkpoint's last record torn at every byte
//! boundary, and interruptions at random points — each resumed or run again, with the bytes the
//! server received (its counters) held to their bounds.

use crate::common::*;
use crate::harness::{flip_bytes, IterationResult, Outcome, Results, Rng};
use crate::upload_case::UploadCase;
use oss_c_sdk::client::Client;
use oss_c_sdk::http::Source;
use oss_c_sdk::ops::multipart::{self as mp, PartOf};
use oss_c_sdk::ops::upload::Upload as Body;
use oss_c_sdk::transfer::journal;
use oss_c_sdk::upload::checkpoint::{file_state, Identity, PartRecord, UploadJournal};
use std::fs;

/// Part body bytes the server received for `upload_id` (every attempt of every part).
fn part_bytes(fx: &Fixture, upload_id: &str) -> u64 {
    wait_idle(fx, 300);
    fx.server.upload_counters(upload_id).parts.iter().map(|(_, p)| p.received_bytes).sum()
}

/// Row 0: the run during which the file changes (`damage` is applied once `fraction` of it is
/// reported sent); it must fail clearly with no object built. Row 1: the next run, which must
/// upload the file as it is now.
fn changed_mid_upload(fx: &Fixture, rng: &mut Rng, n: usize, damage: &dyn Fn(&UploadCase, &mut Rng)) -> Results {
    let mut case = UploadCase::new(fx, rng, n);
    let stop_at = (case.size() as f64 * rng.fraction(0.05, 0.9)) as u64;
    let client = fx.client();
    let mut damaged = false;
    let first = case.throttled(fx, 4 << 20, || {
        case.run(
            fx,
            &client,
            Some(&mut |done| {
                if done >= stop_at && !damaged {
                    damage(&case, rng);
                    damaged = true;
                }
                false
            }),
        )
    });
    assert!(damaged, "iteration {n}: the damage never landed");
    case.data = fs::read(&case.path).unwrap();
    let second = case.result(fx, case.run(fx, &client, None));
    vec![(0, IterationResult { outcome: first, refetched: None }), (1, second)]
}

/// 1–4 bytes changed in place (same size).
pub fn modified(fx: &Fixture, rng: &mut Rng, n: usize) -> Results {
    changed_mid_upload(fx, rng, n, &|case, rng| flip_bytes(&case.path, case.size(), rng))
}

/// Cut to a random shorter length (possibly empty).
pub fn truncated(fx: &Fixture, rng: &mut Rng, n: usize) -> Results {
    changed_mid_upload(fx, rng, n, &|case, rng| {
        let file = fs::OpenOptions::new().write(true).open(&case.path).unwrap();
        file.set_len(rng.range(0, case.size() - 1)).unwrap();
    })
}

/// An interrupted upload (checkpoint on) whose upload id someone else aborts before the resume:
/// the resume starts a new upload and must end with the file.
pub fn aborted_by_other(fx: &Fixture, rng: &mut Rng, n: usize) -> Results {
    let mut case = UploadCase::new(fx, rng, n);
    case.checkpoint = true;
    if let Err(wrong) = case.interrupt(fx, rng.fraction(0.1, 0.9)) {
        return vec![(0, wrong)];
    }
    let client = fx.client();
    let id = case.checkpoint_upload_id().expect("the checkpoint names the upload");
    mp::abort(&client, &mut client.session().unwrap(), &object(&case.key), &id).expect("abort");
    let outcome = case.run(fx, &client, None);
    assert!(!case.checkpoint_path().exists(), "iteration {n}: checkpoint left");
    vec![(0, case.result(fx, outcome))]
}

/// 1–3 interruptions at random points (checkpoint on), then a run to the end: the part bytes the
/// server received for the upload (its per-upload counters) are at most size + interruptions ×
/// threads × part size.
pub fn interrupted(fx: &Fixture, rng: &mut Rng, n: usize) -> Results {
    let mut case = UploadCase::new(fx, rng, n);
    case.checkpoint = true;
    let times = rng.range(1, 3);
    let mut marks: Vec<f64> = (0..times).map(|_| rng.fraction(0.05, 0.95)).collect();
    marks.sort_by(f64::total_cmp);
    for mark in marks {
        if let Err(wrong) = case.interrupt(fx, mark) {
            return vec![(0, wrong)];
        }
    }
    let id = case.checkpoint_upload_id().expect("the checkpoint names the upload");
    let outcome = case.run(fx, &fx.client(), None);
    let sent = part_bytes(fx, &id);
    let bound = case.size() + times * case.threads as u64 * case.part_size;
    assert!(sent <= bound, "iteration {n}: {sent} part bytes received, bound {bound}");
    let refetched = (outcome == Outcome::Correct).then(|| sent - case.size());
    vec![(0, IterationResult { outcome, refetched })]
}

/// Starts an upload of all but the last part of the case's file by hand: its id and the
/// journal (header and records) a run that stored those parts would have written.
fn upload_by_hand(client: &Client, case: &UploadCase) -> (String, Vec<u8>, u64) {
    let mut session = client.session().unwrap();
    let obj = object(&case.key);
    let (_, id) = mp::initiate(client, &mut session, &obj).expect("initiate");
    let file = fs::File::open(&case.path).unwrap();
    let (size, mtime_ns, inode) = file_state(&file.metadata().unwrap());
    let identity = Identity {
        endpoint: client.config.endpoint.clone(),
        bucket: BUCKET.into(),
        key: case.key.clone(),
        upload_id: id.clone(),
        size,
        mtime_ns,
        inode,
        part_size: case.part_size,
        path_hex: Identity::encode_path(&std::path::absolute(&case.path).unwrap()),
    };
    let mut bytes = journal::header_line::<UploadJournal>(&identity).into_bytes();
    let parts = size.div_ceil(case.part_size);
    let mut sent = 0;
    for number in 1..parts.max(2) as u32 {
        let offset = u64::from(number - 1) * case.part_size;
        let len = case.part_size.min(size - offset);
        let body = Body { source: Source::FileRange { file: &file, offset, len }, mime_name: None, enable_crc: true };
        let part = PartOf { upload_id: &id, number };
        let (answer, _) = mp::upload_part(client, &mut session, &obj, part, body, &quick_retry(), None).expect("part");
        let record = PartRecord { len, crc: answer.server_crc64(), etag: answer.header("ETag").unwrap().to_string() };
        bytes.extend_from_slice(journal::record_line::<UploadJournal>(number, &record).as_bytes());
        sent += len;
    }
    (id, bytes, sent)
}

/// For every length from "last record absent" to "last record whole": an upload of a 3-part file
/// with its first two parts made by hand, its journal cut to that length, resumed. The resume must send
/// exactly the parts the cut journal lacks (the per-upload counters show it).
pub fn torn(fx: &Fixture, rng: &mut Rng, n: usize) -> Results {
    let mut case = UploadCase::new(fx, rng, n);
    case.checkpoint = true;
    case.part_size = 100 << 10;
    case.data = content((2 * case.part_size + rng.range(1, 50 << 10)) as usize, rng.next());
    case.write_file(&case.data);
    let client = fx.client();
    let (mut id, mut journal, mut by_hand) = upload_by_hand(&client, &case);
    let body = &journal[..journal.len() - 1];
    let last_start = body.iter().rposition(|&b| b == b'\n').expect("a record after the header") + 1;
    let mut results = Vec::new();
    for at in last_start..=journal.len() {
        if at > last_start {
            // The last run completed the previous upload: the next cut needs a new one.
            (id, journal, by_hand) = upload_by_hand(&client, &case);
        }
        fs::write(case.checkpoint_path(), &journal[..at]).unwrap();
        let parsed = journal::parse::<UploadJournal>(&journal[..at]).expect("the header is whole");
        let missing = case.size() - parsed.parts.values().map(|r| r.len).sum::<u64>();
        let outcome = case.run(fx, &client, None);
        let resumed = part_bytes(fx, &id) - by_hand;
        if outcome == Outcome::Correct {
            assert_eq!(
                resumed, missing,
                "journal cut at {at}: the resume sent {resumed} bytes, {missing} were missing"
            );
        }
        let refetched = (outcome == Outcome::Correct).then(|| (by_hand + resumed).saturating_sub(case.size()));
        results.push((0, IterationResult { outcome, refetched }));
    }
    results
}
