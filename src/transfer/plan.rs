//! Size + the span to transfer + part size + threads -> the list of parts, with the official
//! SDK's normalisations (and none of its crashes). Downloads plan over an object (or a range of
//! it) and group small parts into runs; uploads plan over the local file.

/// Used when the caller gives zero or a negative part size.
pub const DEFAULT_PART_SIZE: u64 = 8 * 1024 * 1024;
/// OSS-style downloads never plan more parts than this; a larger object
/// gets proportionally larger parts, as in the official SDK.
pub const MAX_PARTS: u64 = 10_000;
pub const MAX_THREADS: i32 = 1024;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Part {
    pub index: u32,
    pub offset: u64,
    pub len: u64,
}

/// Consecutive parts fetched with one ranged request. Parts stay the unit of
/// checkpointing, CRC and progress; a run only saves round trips: with small
/// parts, one HTTP request per part would cost more than the bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Run {
    pub parts: Vec<Part>,
}

impl Run {
    pub fn offset(&self) -> u64 {
        self.parts[0].offset
    }

    /// One past the last byte.
    pub fn end(&self) -> u64 {
        let last = self.parts[self.parts.len() - 1];
        last.offset + last.len
    }
}

/// Requests aim for this many bytes when parts are smaller. Measured (bench/):
/// one request per 100 KiB part runs at ~68% of the 8 MiB-part throughput,
/// 1 MiB runs at ~100%, larger runs gain nothing more. The cost: a crash or
/// cancel can waste what the server already sent of a run, so the re-fetch
/// bound is `thread_num × max(part_size, RUN_BYTES)` instead of
/// `thread_num × part_size` for parts under 1 MiB.
pub const RUN_BYTES: u64 = 1024 * 1024;

/// Groups parts (in index order, possibly with gaps) into runs of consecutive
/// parts of at most `max(part_size, target)` bytes, where the target is
/// `RUN_BYTES` unless that would leave fewer than four runs per thread.
pub fn runs(parts: &[Part], threads: usize) -> Vec<Run> {
    let total: u64 = parts.iter().map(|p| p.len).sum();
    let target = RUN_BYTES.min(total / (threads.max(1) as u64 * 4)).max(1);
    let mut out: Vec<Run> = Vec::new();
    for &part in parts {
        match out.last_mut() {
            Some(run)
                if run.end() == part.offset
                    && run.parts.last().map(|p| p.index + 1) == Some(part.index)
                    && run.end() - run.offset() + part.len <= target =>
            {
                run.parts.push(part)
            }
            _ => out.push(Run { parts: vec![part] }),
        }
    }
    out
}

/// The bytes of the object a download fetches: all of them, or the caller's
/// range. The file holds exactly these bytes, the first at file offset 0.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Span {
    /// Object offset of the first byte.
    pub start: u64,
    pub len: u64,
}

impl Span {
    pub fn whole(size: u64) -> Self {
        Span { start: 0, len: size }
    }

    /// The last byte, inclusive (for `Content-Range`); meaningless when empty.
    pub fn end_inclusive(&self) -> u64 {
        (self.start + self.len).saturating_sub(1)
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Plan {
    /// The whole object's size (what `Content-Range` answers end with).
    pub object_size: u64,
    /// What is fetched; parts cover it exactly, in order.
    pub span: Span,
    pub part_size: u64,
    pub parts: Vec<Part>,
}

impl Plan {
    /// Where a part's first byte goes in the file.
    pub fn file_offset(&self, part: &Part) -> u64 {
        part.offset - self.span.start
    }

    /// Whether the file will be the whole object (so the server's
    /// whole-object CRC-64 applies to it).
    pub fn is_whole_object(&self) -> bool {
        self.span.start == 0 && self.span.len == self.object_size
    }
}

/// The part size actually used: the caller's, a default for `<= 0`, raised
/// to `ceil(size / 10000)` when it would make more than 10,000 parts (`size`
/// being what is fetched: the object, or the caller's range of it).
pub fn effective_part_size(size: u64, requested: i64) -> u64 {
    let requested = if requested <= 0 { DEFAULT_PART_SIZE } else { requested as u64 };
    requested.max(size.div_ceil(MAX_PARTS)).max(1)
}

/// `thread_num` outside 1..=1024 becomes 1, as the official SDK does.
pub fn effective_threads(requested: i32) -> usize {
    if (1..=MAX_THREADS).contains(&requested) {
        requested as usize
    } else {
        1
    }
}

/// `span` of an object of `object_size` bytes (the span lies inside it).
pub fn plan_span(object_size: u64, span: Span, requested_part_size: i64) -> Plan {
    debug_assert!(span.start + span.len <= object_size);
    let part_size = effective_part_size(span.len, requested_part_size);
    let count = span.len.div_ceil(part_size);
    let parts = (0..count)
        .map(|i| {
            let rel = i * part_size;
            Part { index: i as u32, offset: span.start + rel, len: part_size.min(span.len - rel) }
        })
        .collect();
    // The call's INFO line reports how many parts its transfer has.
    crate::call_log::note_parts(count as usize);
    Plan { object_size, span, part_size, parts }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The whole object.
    fn plan(size: u64, requested_part_size: i64) -> Plan {
        plan_span(size, Span::whole(size), requested_part_size)
    }

    #[test]
    fn parts_cover_the_object_exactly() {
        for (size, ps) in [(0u64, 10i64), (1, 10), (9, 10), (10, 10), (11, 10), (1000, 7), (5 << 30, 8 << 20)] {
            let p = plan(size, ps);
            let mut next = 0;
            for (i, part) in p.parts.iter().enumerate() {
                assert_eq!(part.index as usize, i);
                assert_eq!(part.offset, next);
                assert!(part.len > 0 && part.len <= p.part_size);
                next += part.len;
            }
            assert_eq!(next, size, "size {size} part {ps}");
        }
        assert!(plan(0, 10).parts.is_empty());
    }

    #[test]
    fn runs_group_consecutive_parts_up_to_the_target() {
        // 256 MiB in 100 KiB parts, 3 threads: ~1 MiB runs, every part once, in order.
        let p = plan(256 << 20, 100 * 1024);
        let rs = runs(&p.parts, 3);
        assert!(rs.len() >= 256 && rs.len() <= 300, "{}", rs.len());
        let flat: Vec<Part> = rs.iter().flat_map(|r| r.parts.clone()).collect();
        assert_eq!(flat, p.parts);
        assert!(rs.iter().all(|r| r.end() - r.offset() <= RUN_BYTES));
        // Big parts: one part per run.
        let p = plan(1 << 30, 8 << 20);
        assert!(runs(&p.parts, 3).iter().all(|r| r.parts.len() == 1));
        // Gaps (parts already done) split runs.
        let p = plan(1000, 100);
        let missing: Vec<Part> = p.parts.iter().filter(|x| x.index != 4).copied().collect();
        let rs = runs(&missing, 1);
        assert!(rs.iter().all(|r| r.parts.iter().all(|x| x.index != 4)));
        assert!(rs.iter().any(|r| r.parts.last().unwrap().index == 3));
        // Small objects still give every thread work.
        let p = plan(1 << 20, 16 * 1024);
        assert!(runs(&p.parts, 4).len() >= 16);
        assert!(runs(&[], 4).is_empty());
    }

    #[test]
    fn spans_are_planned_inside_the_object() {
        for (start, len, ps) in [(0u64, 0u64, 10i64), (5, 1, 10), (7, 30, 10), (100, 1000, 7), (3, 97, 100)] {
            let p = plan_span(200_000, Span { start, len }, ps);
            let mut next = start;
            for part in &p.parts {
                assert_eq!(part.offset, next);
                assert_eq!(p.file_offset(part), next - start);
                next += part.len;
            }
            assert_eq!(next, start + len, "span {start}+{len}");
            assert!(!p.is_whole_object());
        }
        assert!(plan_span(10, Span { start: 0, len: 10 }, 3).is_whole_object());
        // The 10,000-part limit counts the span, not the object.
        assert_eq!(plan_span(1 << 30, Span { start: 5, len: 20_000 }, 1).parts.len(), 10_000);
        assert_eq!(Span { start: 10, len: 5 }.end_inclusive(), 14);
    }

    #[test]
    fn normalisations() {
        assert_eq!(effective_part_size(100, 0), DEFAULT_PART_SIZE);
        assert_eq!(effective_part_size(100, -5), DEFAULT_PART_SIZE);
        // 1 GiB in 1-byte parts would be 2^30 parts: raised to ceil(size/10000).
        assert_eq!(effective_part_size(1 << 30, 1), (1u64 << 30).div_ceil(10_000));
        assert!(plan(1 << 30, 1).parts.len() as u64 <= MAX_PARTS);
        assert_eq!(plan(10_001, 1).parts.len(), 5001);
        for (asked, got) in [(0, 1), (-1, 1), (1, 1), (3, 3), (1024, 1024), (1025, 1)] {
            assert_eq!(effective_threads(asked), got);
        }
    }
}
