//! How often to tell the caller about progress: often enough for a smooth
//! bar (every 1% or 4 MiB, whichever comes first), never per network
//! buffer, always monotonic, and always once more at the very end.

/// How many bytes a worker counts before it tells the collecting thread: fine enough for the
/// reporter's 1% steps (1/200 of the transfer), coarse enough that the events cost nothing next
/// to the bytes.
pub fn progress_chunk(total: u64) -> u64 {
    (total / 200).clamp(16 * 1024, 1024 * 1024)
}

/// Decides which byte counts are worth reporting.
#[derive(Clone, Debug)]
pub struct ProgressGate {
    total: u64,
    step: u64,
    last: Option<u64>,
}

const MAX_STEP: u64 = 4 * 1024 * 1024;

impl ProgressGate {
    pub fn new(total: u64) -> Self {
        let step = (total / 100).clamp(1, MAX_STEP);
        Self { total, step, last: None }
    }

    /// `Some(done)` when `done` should be reported now: the first call, a
    /// step further than the last report, or the total.
    pub fn offer(&mut self, done: u64) -> Option<u64> {
        let due = match self.last {
            None => true,
            Some(last) => done > last && (done - last >= self.step || done == self.total),
        };
        if due {
            self.last = Some(done);
            Some(done)
        } else {
            None
        }
    }

    pub fn total(&self) -> u64 {
        self.total
    }
}

/// A gate and the caller's callback: offers counts, calls back with those worth reporting. One
/// reporter lives across the attempts of a retried transfer, so what the caller sees never goes
/// back when an attempt starts over.
pub struct Reporter<'p> {
    gate: ProgressGate,
    callback: &'p mut dyn FnMut(u64, u64),
}

impl<'p> Reporter<'p> {
    pub fn new(total: u64, callback: &'p mut dyn FnMut(u64, u64)) -> Self {
        Reporter { gate: ProgressGate::new(total), callback }
    }

    pub fn offer(&mut self, done: u64) {
        if let Some(done) = self.gate.offer(done) {
            (self.callback)(done, self.gate.total());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reports_first_every_step_and_last() {
        let mut gate = ProgressGate::new(1000);
        let reported: Vec<u64> = (0..=1000).step_by(3).chain([1000]).filter_map(|d| gate.offer(d)).collect();
        assert_eq!(reported.first(), Some(&0));
        assert_eq!(reported.last(), Some(&1000));
        assert!(reported.windows(2).all(|w| w[1] > w[0] && w[1] - w[0] >= 10 || w[1] == 1000));
        assert!(reported.len() <= 102, "{}", reported.len());
    }

    #[test]
    fn big_totals_step_at_most_4_mib() {
        let mut gate = ProgressGate::new(10 << 30);
        assert_eq!(gate.offer(0), Some(0));
        assert_eq!(gate.offer(4 << 20), Some(4 << 20));
        assert_eq!(gate.offer((4 << 20) + 1), None);
    }

    #[test]
    fn zero_total_reports_once() {
        let mut gate = ProgressGate::new(0);
        assert_eq!(gate.offer(0), Some(0));
        assert_eq!(gate.offer(0), None);
    }
}
