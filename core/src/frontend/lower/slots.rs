//! The lowering's variable slots: their values on the path being lowered,
//! and every write to them in order.
//!
//! A control-flow edge is a [`Mark`] (a position in the log and the number
//! of slots then), not a copy of the slots: a branch costs nothing however
//! many locals the function has, and the values an edge carries are read
//! back from the log when its merge needs them. A merge looks only at the
//! slots written since its earliest edge (any other slot has one value on
//! every edge), so a function of many locals and many branches lowers in
//! time linear in its size.

use crate::ir::Value;
use alloc::vec::Vec;

/// No write: the end of a slot's chain of writes.
const NONE: u32 = u32::MAX;

/// One write: slot `slot` became `value`; the slot's write before it is at
/// position `prev` of the log ([`NONE`] if it is the first).
#[derive(Clone, Copy)]
struct Write {
    slot: u32,
    value: Value,
    prev: u32,
}

/// The state of the slots at a point of the lowering: a position in the
/// log, and how many slots there were (hidden ones come and go).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Mark {
    pub(super) at: u32,
    pub(super) width: u32,
}

/// Slot values and their log; the buffers are kept from one function to
/// the next.
#[derive(Default)]
pub(super) struct Slots {
    /// The current values.
    now: Vec<Value>,
    /// Every write, in order.
    log: Vec<Write>,
    /// Per slot, the position of its last write.
    last: Vec<u32>,
    /// Per slot, the merge that last listed it ([`Slots::written_since`]).
    seen: Vec<u32>,
    /// The number of the current listing.
    stamp: u32,
}

impl Slots {
    /// No slots, no writes.
    pub(super) fn clear(&mut self) {
        self.now.clear();
        self.log.clear();
        self.last.clear();
        self.seen.clear();
        self.stamp = 0;
    }

    /// Makes room for `n` slots and `writes` writes.
    pub(super) fn reserve(&mut self, n: usize, writes: usize) {
        self.now.reserve(n);
        self.last.reserve(n);
        self.log.reserve(writes);
    }

    /// The current value of slot `s`.
    pub(super) fn get(&self, s: usize) -> Value {
        self.now[s]
    }

    /// Sets slot `s` to `value`.
    pub(super) fn set(&mut self, s: usize, value: Value) {
        if self.now[s] != value {
            self.now[s] = value;
            self.log_write(s, value);
        }
    }

    /// Adds a slot holding `value`; its index.
    pub(super) fn push(&mut self, value: Value) -> usize {
        let s = self.now.len();
        self.now.push(value);
        if self.last.len() <= s {
            self.last.resize(s + 1, NONE);
        }
        self.log_write(s, value);
        s
    }

    /// Drops the slots from `n` on (their writes stay in the log).
    pub(super) fn truncate(&mut self, n: usize) {
        self.now.truncate(n);
    }

    fn log_write(&mut self, s: usize, value: Value) {
        let at = u32::try_from(self.log.len()).expect("fewer than 2^32 writes");
        self.log.push(Write {
            slot: s as u32,
            value,
            prev: self.last[s],
        });
        self.last[s] = at;
    }

    /// The state now.
    pub(super) fn mark(&self) -> Mark {
        Mark {
            at: self.log.len() as u32,
            width: self.now.len() as u32,
        }
    }

    /// The value slot `s` had at position `at` (a slot that existed then).
    pub(super) fn value_at(&self, s: usize, at: u32) -> Value {
        let mut w = self.last[s];
        while w != NONE && w >= at {
            w = self.log[w as usize].prev;
        }
        self.written(w)
    }

    /// The value of write `w` (a slot's every value is a write, from its
    /// push on).
    fn written(&self, w: u32) -> Value {
        self.log
            .get(w as usize)
            .expect("a slot has a value from its push on")
            .value
    }

    /// The values slot `s` had at each of the positions `ats`, which are in
    /// decreasing order, into `out`: one walk down the slot's writes.
    pub(super) fn values_at(&self, s: usize, ats: &[u32], out: &mut Vec<Value>) {
        out.clear();
        let mut w = self.last[s];
        for &at in ats {
            while w != NONE && w >= at {
                w = self.log[w as usize].prev;
            }
            out.push(self.written(w));
        }
    }

    /// The slots below `width` written at or after position `from`, each
    /// once, in increasing order, into `out`.
    pub(super) fn written_since(&mut self, from: u32, width: usize, out: &mut Vec<usize>) {
        out.clear();
        let width = width.min(self.last.len());
        if width <= self.log.len() - from as usize {
            // Fewer slots than writes since: a slot's last write says.
            out.extend((0..width).filter(|&s| self.last[s] != NONE && self.last[s] >= from));
            return;
        }
        if self.stamp == u32::MAX {
            // Every number used: the marks start again.
            self.seen.fill(0);
            self.stamp = 0;
        }
        self.stamp += 1;
        if self.seen.len() < self.last.len() {
            self.seen.resize(self.last.len(), 0);
        }
        for w in &self.log[from as usize..] {
            let s = w.slot as usize;
            if s < width && self.seen[s] != self.stamp {
                self.seen[s] = self.stamp;
                out.push(s);
            }
        }
        if out.len() > 1 {
            out.sort_unstable();
        }
    }

    /// Sets the number of slots to `width`, a slot added back taking the
    /// value it had at position `at` (a hidden slot dropped since).
    pub(super) fn resize_as_at(&mut self, width: usize, at: u32) {
        if self.now.len() > width {
            self.now.truncate(width);
        }
        while self.now.len() < width {
            let s = self.now.len();
            let value = self.value_at(s, at);
            self.now.push(value);
            self.log_write(s, value);
        }
    }

    /// Makes the slots what they were at `mark`.
    pub(super) fn restore(&mut self, mark: Mark, scratch: &mut Vec<usize>) {
        let width = mark.width as usize;
        if mark.at as usize == self.log.len() && width == self.now.len() {
            // Nothing written since (a branch's edge taken at once).
            return;
        }
        self.resize_as_at(width, mark.at);
        self.written_since(mark.at, width, scratch);
        for &s in scratch.iter() {
            let value = self.value_at(s, mark.at);
            self.set(s, value);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_read_back_the_values_of_their_time() {
        let mut slots = Slots::default();
        let v = Value::new;
        slots.push(v(0));
        slots.push(v(1));
        let a = slots.mark();
        slots.set(0, v(5));
        let b = slots.mark();
        slots.push(v(7));
        slots.set(0, v(6));
        slots.set(1, v(1));
        assert_eq!(slots.value_at(0, a.at), v(0));
        assert_eq!(slots.value_at(0, b.at), v(5));
        let mut out = Vec::new();
        slots.values_at(0, &[slots.mark().at, b.at, a.at], &mut out);
        assert_eq!(out, [v(6), v(5), v(0)]);
        let mut written = Vec::new();
        slots.written_since(b.at, 3, &mut written);
        assert_eq!(written, [0, 2], "an unchanged value is no write");
        slots.restore(b, &mut written);
        assert_eq!(
            (slots.now.len(), slots.get(0), slots.get(1)),
            (2, v(5), v(1))
        );
        slots.truncate(1);
        slots.resize_as_at(2, a.at);
        assert_eq!(slots.get(1), v(1));
    }
}
