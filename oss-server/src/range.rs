//! `Range: bytes=...` as OSS interprets it, in its legacy behaviour and with
//! `x-oss-range-behavior: standard`.
//!
//! Legacy: anything invalid or unsatisfiable (including an end past the object) is ignored and
//! the whole object is sent with 200. Standard: the end is clamped to the object; a start at or
//! past the end, a zero-length suffix, an inverted or malformed range give 416 InvalidRange.
//! OSS supports one range only: a multi-range header is ignored (200, whole object) in both.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RangeDecision {
    /// 200 with the whole object.
    Whole,
    /// 206 with bytes `start..=end`.
    Partial { start: u64, end: u64 },
    /// 416 InvalidRange.
    Unsatisfiable,
}

#[derive(Debug, PartialEq, Eq)]
enum Spec {
    FromTo(u64, u64),
    From(u64),
    Suffix(u64),
    Multiple,
    Malformed,
}

fn parse(header: &str) -> Spec {
    let header = header.trim();
    let Some(set) = header.get(..6).filter(|p| p.eq_ignore_ascii_case("bytes=")).map(|_| &header[6..]) else {
        return Spec::Malformed;
    };
    if set.contains(',') {
        return Spec::Multiple;
    }
    let Some((first, last)) = set.trim().split_once('-') else {
        return Spec::Malformed;
    };
    let number =
        |s: &str| -> Option<u64> { (!s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse().ok())? };
    match (first.trim(), last.trim()) {
        ("", "") => Spec::Malformed,
        ("", n) => number(n).map_or(Spec::Malformed, Spec::Suffix),
        (a, "") => number(a).map_or(Spec::Malformed, Spec::From),
        (a, b) => match (number(a), number(b)) {
            (Some(a), Some(b)) => Spec::FromTo(a, b),
            _ => Spec::Malformed,
        },
    }
}

pub fn decide(header: Option<&str>, size: u64, standard: bool) -> RangeDecision {
    use RangeDecision::*;
    let Some(header) = header else { return Whole };
    let spec = parse(header);
    if standard {
        match spec {
            Spec::Multiple => Whole,
            Spec::Malformed => Unsatisfiable,
            Spec::FromTo(a, b) if a <= b && a < size => Partial { start: a, end: b.min(size - 1) },
            Spec::From(a) if a < size => Partial { start: a, end: size - 1 },
            Spec::Suffix(n) if n > 0 && size > 0 => Partial { start: size - n.min(size), end: size - 1 },
            _ => Unsatisfiable,
        }
    } else {
        match spec {
            Spec::FromTo(a, b) if a <= b && b < size => Partial { start: a, end: b },
            Spec::From(a) if a < size => Partial { start: a, end: size - 1 },
            Spec::Suffix(n) if n > 0 && n <= size => Partial { start: size - n, end: size - 1 },
            _ => Whole,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RangeDecision::*;
    use super::*;

    #[test]
    fn legacy() {
        let d = |h: &str| decide(Some(h), 1000, false);
        assert_eq!(decide(None, 1000, false), Whole);
        assert_eq!(d("bytes=0-499"), Partial { start: 0, end: 499 });
        assert_eq!(d("bytes=500-"), Partial { start: 500, end: 999 });
        assert_eq!(d("bytes=-100"), Partial { start: 900, end: 999 });
        assert_eq!(d("bytes=999-999"), Partial { start: 999, end: 999 });
        assert_eq!(d("bytes=500-2000"), Whole, "an end past the object is invalid in legacy");
        assert_eq!(d("bytes=1000-2000"), Whole);
        assert_eq!(d("bytes=1000-"), Whole);
        assert_eq!(d("bytes=-2000"), Whole);
        assert_eq!(d("bytes=-0"), Whole);
        assert_eq!(d("bytes=5-2"), Whole);
        assert_eq!(d("bytes=0-1,5-6"), Whole);
        assert_eq!(d("items=0-1"), Whole);
        assert_eq!(d("bytes=a-b"), Whole);
        assert_eq!(d("bytes=-"), Whole);
        assert_eq!(d("bytes=99999999999999999999999-"), Whole);
    }

    #[test]
    fn standard() {
        let d = |h: &str| decide(Some(h), 1000, true);
        assert_eq!(d("bytes=0-499"), Partial { start: 0, end: 499 });
        assert_eq!(d("bytes=500-2000"), Partial { start: 500, end: 999 });
        assert_eq!(d("bytes=500-"), Partial { start: 500, end: 999 });
        assert_eq!(d("bytes=-100"), Partial { start: 900, end: 999 });
        assert_eq!(d("bytes=-2000"), Partial { start: 0, end: 999 });
        assert_eq!(d("bytes=1000-2000"), Unsatisfiable);
        assert_eq!(d("bytes=1000-"), Unsatisfiable);
        assert_eq!(d("bytes=-0"), Unsatisfiable);
        assert_eq!(d("bytes=5-2"), Unsatisfiable);
        assert_eq!(d("bytes=x"), Unsatisfiable);
        assert_eq!(d("bytes=0-1,5-6"), Whole);
        assert_eq!(decide(Some("bytes=0-"), 0, true), Unsatisfiable);
        assert_eq!(decide(Some("bytes=0-"), 0, false), Whole);
    }
}
