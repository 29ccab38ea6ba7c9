//! Interned names: each distinct identifier of a module becomes a
//! [`Symbol`], a small index, so that the stages after the parser compare
//! names as integers and keep per-name facts in plain vectors.
//!
//! The parser interns every name it reads into the module's [`Names`];
//! the text of a symbol is needed again only for messages and for the names
//! of IR functions.

use crate::reuse::{empty_with_room, refill};
use alloc::string::String;
use alloc::vec;
use alloc::vec::Vec;

/// An interned name: an index into its module's [`Names`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Symbol(u32);

impl Symbol {
    /// The symbol's index (symbols are numbered from 0 in order of first
    /// appearance), for tables indexed by name.
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// The distinct names of a module, with a hash table from text to symbol.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Names {
    /// Every name's text, one after the other.
    text: String,
    /// Where each symbol's text starts in `text`, then where the last one
    /// ends: symbol `i` is `text[bounds[i]..bounds[i + 1]]`.
    bounds: Vec<u32>,
    /// Open addressing, a power of two in size and never more than half
    /// full: each slot is a free one ([`Slot::FREE`]) or a symbol with the
    /// hash of its text, so that a probe compares text only when the hashes
    /// agree and growing never hashes text again.
    slots: Vec<Slot>,
}

/// A slot of the hash table: symbol `n - 1` (0 when free) and its hash.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Slot {
    n: u32,
    hash: u32,
}

impl Slot {
    const FREE: Slot = Slot { n: 0, hash: 0 };
}

impl Default for Names {
    fn default() -> Names {
        Names::new()
    }
}

impl Names {
    /// Slots of an empty table: room for 16 names before the first growth.
    const INITIAL_SLOTS: usize = 32;

    /// No names yet.
    pub fn new() -> Names {
        Names::with_capacity(Self::INITIAL_SLOTS / 2)
    }

    /// No names yet, with room for about `names` of them before the table
    /// grows (at least as much as [`Names::new`] makes).
    pub fn with_capacity(names: usize) -> Names {
        let slots = Self::slots_for(names);
        let mut bounds = Vec::with_capacity(slots / 2 + 1);
        bounds.push(0);
        Names {
            text: String::with_capacity(8 * slots),
            bounds,
            slots: vec![Slot::FREE; slots],
        }
    }

    /// No names and no table: allocates nothing, and must be
    /// [cleared](Names::clear_with_room) before names are interned.
    pub(crate) const fn empty() -> Names {
        Names {
            text: String::new(),
            bounds: Vec::new(),
            slots: Vec::new(),
        }
    }

    /// Forgets every name, keeping the buffers: the table is then as
    /// [`Names::with_capacity`] makes it (so that the same names are
    /// interned the same way), allocated only where the buffers have no
    /// room.
    pub(crate) fn clear_with_room(&mut self, names: usize) {
        let slots = Self::slots_for(names);
        self.text.clear();
        self.text.reserve(8 * slots);
        empty_with_room(&mut self.bounds, slots / 2 + 1);
        self.bounds.push(0);
        refill(&mut self.slots, slots, Slot::FREE);
    }

    /// The size of the table made with room for `names` names.
    fn slots_for(names: usize) -> usize {
        (2 * names).max(Self::INITIAL_SLOTS).next_power_of_two()
    }

    /// How many distinct names there are (every symbol's index is below).
    pub fn len(&self) -> usize {
        self.bounds.len() - 1
    }

    /// Whether there are no names.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The text of `symbol`.
    ///
    /// # Panics
    /// If `symbol` was not made by this table.
    pub fn text(&self, symbol: Symbol) -> &str {
        let i = symbol.index();
        &self.text[self.bounds[i] as usize..self.bounds[i + 1] as usize]
    }

    /// The text of symbol `i` as bytes (comparing them needs no check of
    /// character boundaries).
    fn bytes(&self, i: usize) -> &[u8] {
        let (start, end) = (self.bounds[i] as usize, self.bounds[i + 1] as usize);
        &self.text.as_bytes()[start..end]
    }

    /// The symbol of `name`, if it has been interned.
    pub fn get(&self, name: &str) -> Option<Symbol> {
        match self.slots[self.find(name, hash(name))].n {
            0 => None,
            n => Some(Symbol(n - 1)),
        }
    }

    /// The symbol of `name`, made if it is new.
    pub fn intern(&mut self, name: &str) -> Symbol {
        let h = hash(name);
        let slot = self.find(name, h);
        match self.slots[slot].n {
            0 => self.insert(name, h, slot),
            n => Symbol(n - 1),
        }
    }

    /// Makes a symbol for `name` (of hash `h`), which goes in free slot
    /// `slot` (out of line: most names are read again and again, interned
    /// once).
    #[inline(never)]
    fn insert(&mut self, name: &str, h: u32, slot: usize) -> Symbol {
        let symbol = Symbol(u32::try_from(self.len()).expect("fewer than 2^32 names"));
        self.text.push_str(name);
        self.bounds
            .push(u32::try_from(self.text.len()).expect("names shorter than 4 GiB"));
        self.slots[slot] = Slot {
            n: symbol.0 + 1,
            hash: h,
        };
        if 2 * self.len() > self.slots.len() {
            self.grow();
        }
        symbol
    }

    /// The slot holding `name` (of hash `h`), or the free slot where it
    /// would go. (Always inlined: a call cost a sixth of an interning.)
    #[inline(always)]
    fn find(&self, name: &str, h: u32) -> usize {
        let mask = self.slots.len() - 1;
        let mut slot = h as usize & mask;
        loop {
            let s = self.slots[slot];
            if s.n == 0 || (s.hash == h && same(self.bytes(s.n as usize - 1), name.as_bytes())) {
                return slot;
            }
            slot = (slot + 1) & mask;
        }
    }

    /// Doubles the table and reinserts every symbol.
    fn grow(&mut self) {
        let size = 2 * self.slots.len();
        let old = core::mem::replace(&mut self.slots, vec![Slot::FREE; size]);
        for s in old.into_iter().filter(|s| s.n != 0) {
            let mut slot = s.hash as usize & (size - 1);
            while self.slots[slot].n != 0 {
                slot = (slot + 1) & (size - 1);
            }
            self.slots[slot] = s;
        }
    }
}

/// Whether two names are the same text: a byte loop, as names are short
/// (a call to `memcmp` costs more than comparing a few bytes).
#[inline]
fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x == y)
}

/// A multiplicative hash of the name's bytes, read eight at a time (most
/// names fit in one word): a multiply or two per name, where FNV-1a took
/// a dependent multiply per byte. The table takes the low bits, so the
/// result is the high half of a product, which every input bit changes.
/// No protection against chosen collisions is needed (a module is
/// compiled once, and its size already bounds the work).
fn hash(name: &str) -> u32 {
    const K: u64 = 0x9e37_79b9_7f4a_7c15;
    let bytes = name.as_bytes();
    let mut h = bytes.len() as u64;
    let mut words = bytes.chunks_exact(8);
    for word in &mut words {
        let mut eight = [0; 8];
        eight.copy_from_slice(word);
        h = (h ^ u64::from_le_bytes(eight))
            .wrapping_mul(K)
            .rotate_left(31);
    }
    let mut tail = 0;
    for (i, &b) in words.remainder().iter().enumerate() {
        tail |= u64::from(b) << (8 * i);
    }
    ((h ^ tail).wrapping_mul(K) >> 32) as u32
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::format;

    #[test]
    fn interning_is_stable_and_dense() {
        let mut names = Names::new();
        let a = names.intern("alpha");
        let b = names.intern("b");
        assert_eq!(names.intern("alpha"), a);
        assert_ne!(a, b);
        assert_eq!((a.index(), b.index()), (0, 1));
        assert_eq!(names.text(a), "alpha");
        assert_eq!(names.text(b), "b");
        assert_eq!(names.get("b"), Some(b));
        assert_eq!(names.get("c"), None);
        assert_eq!(names.len(), 2);
    }

    #[test]
    fn the_table_grows() {
        let mut names = Names::new();
        let symbols: Vec<Symbol> = (0..1000).map(|i| names.intern(&format!("n{i}"))).collect();
        for (i, s) in symbols.iter().enumerate() {
            assert_eq!(s.index(), i);
            assert_eq!(names.text(*s), format!("n{i}"));
            assert_eq!(names.get(&format!("n{i}")), Some(*s));
        }
        assert_eq!(names.get(""), None);
        assert_eq!(names.intern("").index(), 1000);
    }
}
