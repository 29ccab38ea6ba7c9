//! Compact elements for the per-value and per-instruction tables of the
//! stages.
//!
//! A long function has a hundred thousand values, and the plan, liveness
//! and the allocator each keep tables indexed by value: the size of their
//! elements is most of the heap the backend adds while compiling it. These
//! types hold in four bytes what an `Option<Value>` holds in eight, and in
//! a bit what a `bool` holds in a byte.

use crate::ir::Value;
use crate::reuse::reserve_total;
use alloc::vec::Vec;

/// A value or none, in four bytes: `Value`'s number, or `u32::MAX` (no
/// function has that many values).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MaybeValue(u32);

impl MaybeValue {
    /// No value.
    pub const NONE: MaybeValue = MaybeValue(u32::MAX);

    /// `v`.
    pub fn some(v: Value) -> MaybeValue {
        MaybeValue(v.0)
    }

    /// The value, if there is one.
    pub fn get(self) -> Option<Value> {
        (self != MaybeValue::NONE).then_some(Value(self.0))
    }
}

/// A set of small numbers (values' or instructions' indices), one bit each.
#[derive(Clone, Debug, Default)]
pub struct BitSet {
    words: Vec<u64>,
}

impl BitSet {
    /// Makes room for the numbers below `len`.
    pub fn reserve(&mut self, len: usize) {
        reserve_total(&mut self.words, len.div_ceil(64));
    }

    /// Empties the set, to hold numbers below `len`, keeping its buffer.
    pub fn refill(&mut self, len: usize) {
        self.words.clear();
        self.words.resize(len.div_ceil(64), 0);
    }

    /// Adds `i` (below the `len` of the last [`BitSet::refill`]).
    pub fn insert(&mut self, i: usize) {
        self.words[i / 64] |= 1 << (i % 64);
    }

    /// Whether `i` is in the set (`false` past its `len`).
    pub fn contains(&self, i: usize) -> bool {
        self.words
            .get(i / 64)
            .is_some_and(|w| w & (1 << (i % 64)) != 0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_maybe_value_holds_any_value_or_none() {
        for n in [0, 1, 7, 100_000, u32::MAX as usize - 1] {
            assert_eq!(MaybeValue::some(Value::new(n)).get(), Some(Value::new(n)));
        }
        assert_eq!(MaybeValue::NONE.get(), None);
    }

    #[test]
    fn a_bit_set_holds_what_was_inserted_until_refilled() {
        let mut set = BitSet::default();
        set.refill(130);
        for i in [0, 63, 64, 129] {
            set.insert(i);
        }
        let members: Vec<usize> = (0..200).filter(|&i| set.contains(i)).collect();
        assert_eq!(members, [0, 63, 64, 129]);
        set.refill(10);
        assert!((0..200).all(|i| !set.contains(i)));
    }
}
