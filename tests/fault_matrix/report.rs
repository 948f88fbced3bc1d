//! The matrix's table: one row per fault kind, written as markdown (for
//! people and the README) and as JSON lines (for machines), and printed.

use crate::harness::{IterationResult, Outcome};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::PathBuf;

#[derive(Debug, Default)]
pub struct Row {
    pub kind: &'static str,
    pub iterations: usize,
    pub correct: usize,
    pub clear_errors: usize,
    pub wrong: usize,
    /// Error codes seen, with counts (`InconsistentError` x 12 ...).
    pub errors: BTreeMap<String, usize>,
    /// Descriptions of wrong outcomes (for the failure message).
    pub wrong_details: Vec<String>,
    pub refetched: Vec<u64>,
    pub seconds: f64,
}

impl Row {
    pub fn new(kind: &'static str) -> Row {
        Row { kind, ..Row::default() }
    }

    pub fn add(&mut self, iteration: usize, result: IterationResult) {
        self.iterations += 1;
        match result.outcome {
            Outcome::Correct => self.correct += 1,
            Outcome::ClearError { error_code, .. } => {
                self.clear_errors += 1;
                *self.errors.entry(error_code).or_default() += 1;
            }
            Outcome::Wrong(why) => {
                self.wrong += 1;
                self.wrong_details.push(format!("iteration {iteration}: {why}"));
            }
        }
        if let Some(n) = result.refetched {
            self.refetched.push(n);
        }
    }

    pub fn median_refetched(&self) -> Option<u64> {
        let mut v = self.refetched.clone();
        v.sort_unstable();
        (!v.is_empty()).then(|| v[v.len() / 2])
    }

    fn errors_text(&self) -> String {
        self.errors.iter().map(|(code, n)| format!("{code} ×{n}")).collect::<Vec<_>>().join(", ")
    }
}

fn bytes_text(n: Option<u64>) -> String {
    match n {
        None => "–".into(),
        Some(n) if n >= 1 << 20 => format!("{:.1} MiB", n as f64 / (1 << 20) as f64),
        Some(n) if n >= 1 << 10 => format!("{:.1} KiB", n as f64 / 1024.0),
        Some(n) => format!("{n} B"),
    }
}

pub fn markdown(rows: &[Row], header: &str) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{header}\n");
    out.push_str(
        "| fault | iterations | correct | clear errors | wrong | median bytes re-fetched / re-sent | errors seen |\n",
    );
    out.push_str("| --- | ---: | ---: | ---: | ---: | ---: | --- |\n");
    for r in rows {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | **{}** | {} | {} |",
            r.kind,
            r.iterations,
            r.correct,
            r.clear_errors,
            r.wrong,
            bytes_text(r.median_refetched()),
            r.errors_text()
        );
    }
    out
}

fn json_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// One JSON object per line, one line per row.
pub fn json_lines(rows: &[Row]) -> String {
    let mut out = String::new();
    for r in rows {
        let errors: Vec<String> = r.errors.iter().map(|(k, v)| format!("{}:{v}", json_string(k))).collect();
        let _ = writeln!(
            out,
            "{{\"fault\":{},\"iterations\":{},\"correct\":{},\"clear_errors\":{},\"wrong\":{},\"median_refetched\":{},\"errors\":{{{}}},\"seconds\":{:.1}}}",
            json_string(r.kind),
            r.iterations,
            r.correct,
            r.clear_errors,
            r.wrong,
            r.median_refetched().map_or("null".to_string(), |n| n.to_string()),
            errors.join(","),
            r.seconds
        );
    }
    out
}

/// `target/` (the directory above cargo's per-target temp directory).
pub fn target_dir() -> PathBuf {
    let tmp = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    tmp.parent().map(PathBuf::from).unwrap_or(tmp)
}
