//! A block's list of instructions, with its first few in place.
//!
//! Passes walk a function block by block, and at 100,000 lines a list in
//! an allocation of its own missed the caches at every block: the
//! `blocks` array was read in order, but each list's header was somewhere
//! else on the heap. Most blocks hold a few instructions (a test and its
//! branch, a trap, a jump), so keeping up to four in the block itself
//! makes those walks read one array; a longer list spills to the heap as
//! a `Vec` would.

use super::Inst;
use core::ops::{Deref, DerefMut};
use smallvec::SmallVec;

/// How many instructions a block holds without an allocation: as many as
/// fit in the room a spilled list's pointer and length take.
const IN_PLACE: usize = 4;

/// The instructions of a block, in order; it reads as a slice.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct InstList(SmallVec<[Inst; IN_PLACE]>);

#[cfg(target_pointer_width = "64")]
const _: () = assert!(core::mem::size_of::<InstList>() == 24);

impl InstList {
    /// An empty list.
    pub fn new() -> InstList {
        InstList(SmallVec::new())
    }

    /// An empty list with room for `n` instructions.
    pub fn with_capacity(n: usize) -> InstList {
        InstList(SmallVec::with_capacity(n))
    }

    /// Keeps the instructions for which `keep` says true, in order.
    /// (`SmallVec::retain` finds the list's storage again for each
    /// element; this finds it once.)
    pub fn retain(&mut self, mut keep: impl FnMut(&Inst) -> bool) {
        let insts = self.0.as_mut_slice();
        let mut kept = 0;
        for i in 0..insts.len() {
            let inst = insts[i];
            if keep(&inst) {
                insts[kept] = inst;
                kept += 1;
            }
        }
        self.0.truncate(kept);
    }
}

impl Deref for InstList {
    type Target = SmallVec<[Inst; IN_PLACE]>;

    fn deref(&self) -> &Self::Target {
        &self.0
    }
}

impl DerefMut for InstList {
    fn deref_mut(&mut self) -> &mut Self::Target {
        &mut self.0
    }
}

impl FromIterator<Inst> for InstList {
    fn from_iter<I: IntoIterator<Item = Inst>>(iter: I) -> InstList {
        InstList(SmallVec::from_iter(iter))
    }
}

impl IntoIterator for InstList {
    type Item = Inst;
    type IntoIter = smallvec::IntoIter<[Inst; IN_PLACE]>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl<'a> IntoIterator for &'a InstList {
    type Item = &'a Inst;
    type IntoIter = core::slice::Iter<'a, Inst>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list(n: u32) -> InstList {
        (0..n).map(Inst).collect()
    }

    #[test]
    fn retain_keeps_the_chosen_in_order_in_place_and_spilled() {
        for n in [0, 3, 4, 5, 17] {
            let mut l = list(n);
            l.retain(|i| i.0 % 3 != 1);
            let want: alloc::vec::Vec<Inst> = (0..n).filter(|i| i % 3 != 1).map(Inst).collect();
            assert_eq!(&l[..], &want[..], "{n} instructions");
        }
    }

    #[test]
    fn a_list_spills_past_four_and_keeps_its_order() {
        let mut l = InstList::new();
        for i in 0..9 {
            l.push(Inst(i));
            assert_eq!(l.spilled(), i >= 4);
        }
        l.insert_many(2, [Inst(100), Inst(101)]);
        let got: alloc::vec::Vec<u32> = l.iter().map(|i| i.0).collect();
        assert_eq!(got, [0, 1, 100, 101, 2, 3, 4, 5, 6, 7, 8]);
    }
}
