//! Lists of values, all of a function's in one pool.
//!
//! A call's arguments, a jump target's arguments and a block's parameters
//! are lists of [`Value`]s. Each in an allocation of its own (a
//! `ThinVec`), they were half the allocations of lowering and inlining.
//! Here a list is a [`ValueList`], a `u32` handle into its function's
//! [`ValueListPool`]: one array that holds every list of the function,
//! each as its length followed by its values.
//!
//! ```text
//! slot:  0   1   2   3   4   5   6   7   8
//!        8   0   3   v4  v7  v1  1   v9  (room)
//!                    ^ a list of three   ^ a list of one (handles 3 and 7)
//! ```
//!
//! A handle is the slot of the list's first value, so the length is in
//! the slot before it; handle 0, where no list can start, is the empty
//! list, which takes no room. The first two slots count the slots in use
//! and the garbage (below): the pool is then one boxed array, two words
//! in every function (a module of many small functions has many pools,
//! each as large as its lists, which were in allocations of their own
//! before).
//!
//! A [`BlockCall`] (a jump target and its arguments) is one `u32` too, so
//! that a branch holds both its targets in place: a list whose first slot
//! holds the block, or, for a target without arguments (most targets),
//! the block itself in the handle, with its top bit set. That takes no
//! room in the pool, and a walk of the control flow reads such a
//! target's block without reading the pool.
//!
//! How lists grow and shrink: the pool only appends. A new list goes at
//! the end; a list grows in place when it is the last one (a builder
//! pushes a block's parameters one after another), and otherwise moves
//! to the end; it shrinks in place (passes remove arguments and
//! parameters). What a list leaves behind (the slots it moved from, the
//! tail it dropped, a list given up with [`ValueListPool::free`]) is
//! garbage: counted, never reused. When the garbage is more than half the
//! pool ([`ValueListPool::is_wasteful`]), the pipeline copies the lists
//! that blocks and instructions hold into a fresh pool
//! (`Function::compact_lists`) after the pass that made it: memory stays
//! within about twice what the lists need, however many passes run. (An
//! instruction a pass takes out of its block stays in the function's
//! table, and keeps its lists, as it kept its vectors before.) The pool
//! grows as a `Vec` does, doubling; when the lowering has made a function
//! and after its last pass, the pool is fitted to its lists
//! (`Function::fit_lists`), as the function is kept from then on.
//!
//! Why not free lists by size class, as Cranelift's `ListPool` has: those
//! round each list up to a power of two (three arguments and their length
//! take four slots, four take eight), allocating finds a class and its
//! free list, and a slot is reused only where a pass frees a list by
//! hand, or leaks. Here allocating is a push, a list takes its length
//! plus one slot, and the copy keeps exactly the lists still held, so a
//! list a pass drops without saying so only makes the copy come later.
//! Passes rewrite few lists (threaded edges, dropped parameters): the
//! copy is rare, and it puts the lists in the order of the tables the
//! passes walk.
//!
//! A list has one owner: the instruction or block holding its handle. A
//! copied [`InstKind`](super::InstKind) would share its lists (use
//! [`ValueListPool::copy`] for lists of its own).

use super::{Block, Value};
use alloc::boxed::Box;
use alloc::vec::Vec;
use core::fmt;

/// A list of values in a [`ValueListPool`]; [`ValueList::EMPTY`] (the
/// default) is the empty list of every pool.
///
/// It has no `PartialEq`: two handles to lists of the same values differ,
/// and one handle means different lists in different pools. Compare the
/// values ([`ValueListPool::get`]).
#[derive(Clone, Copy, Debug, Default)]
pub struct ValueList(u32);

impl ValueList {
    /// The empty list, which takes no room in any pool.
    pub const EMPTY: ValueList = ValueList(0);
}

/// A jump target with the arguments for its block's parameters, in one
/// `u32`. A target without arguments (most are: the arms of an `if`)
/// holds its block in the handle itself, the top bit set, and takes no
/// room in the pool; one with arguments is a list whose first slot holds
/// the block (as a [`Value`] of the same number) and the rest the
/// arguments. Like [`ValueList`], it has no `PartialEq`.
#[derive(Clone, Copy)]
pub struct BlockCall(ValueList);

/// The bit of a [`BlockCall`] handle that says the rest is its block.
const BARE: u32 = 1 << 31;

impl BlockCall {
    /// A target that names no block yet, for a builder that learns it
    /// later (the lowering's branches, until their merges are made): it
    /// takes no room, reads as nothing ([`BlockCall::try_get`] gives
    /// `None`, and the verifier refuses it), and must be replaced before
    /// anything reads its block.
    pub const PENDING: BlockCall = BlockCall(ValueList::EMPTY);

    /// A call of `block` with `args`, in `pool`.
    pub fn new(block: Block, args: &[Value], pool: &mut ValueListPool) -> BlockCall {
        if args.is_empty() && block.0 & BARE == 0 {
            return BlockCall(ValueList(block.0 | BARE));
        }
        let start = pool.open(args.len() + 1);
        pool.data[start] = Value(block.0);
        pool.data[start + 1..start + 1 + args.len()].copy_from_slice(args);
        BlockCall(ValueList(handle(start)))
    }

    /// A call of `block` passing the values of `args`, a list of `pool`
    /// (which stays as it is).
    pub fn with_list(block: Block, args: ValueList, pool: &mut ValueListPool) -> BlockCall {
        let len = pool.len(args);
        if len == 0 {
            return BlockCall::new(block, &[], pool);
        }
        let from = args.0 as usize;
        let start = pool.open(len + 1);
        pool.data[start] = Value(block.0);
        pool.data.copy_within(from..from + len, start + 1);
        BlockCall(ValueList(handle(start)))
    }

    /// A call of the same block with the same arguments, a list of its
    /// own (for a second owner).
    pub fn copy(self, pool: &mut ValueListPool) -> BlockCall {
        match self.list() {
            Some(list) => BlockCall(pool.copy(list)),
            None => self,
        }
    }

    /// The block it jumps to.
    #[inline]
    pub fn block(self, pool: &ValueListPool) -> Block {
        match self.list() {
            // The block's slot is the list's first.
            Some(list) => Block(pool.data[list.0 as usize].0),
            None => Block(self.0 .0 & !BARE),
        }
    }

    /// The arguments, one per parameter of the block.
    #[inline]
    pub fn args(self, pool: &ValueListPool) -> &[Value] {
        self.parts(pool).1
    }

    /// The block it jumps to and the arguments.
    #[inline]
    pub fn parts(self, pool: &ValueListPool) -> (Block, &[Value]) {
        let Some(list) = self.list() else {
            return (Block(self.0 .0 & !BARE), &[]);
        };
        let start = list.0 as usize;
        let len = pool.data[start - 1].0 as usize;
        // The block's slot and the arguments, in one slice.
        let (block, args) = pool.data[start..start + len]
            .split_first()
            .expect("a call's list holds its block");
        (Block(block.0), args)
    }

    /// The arguments, to change in place.
    #[inline]
    pub fn args_mut(self, pool: &mut ValueListPool) -> &mut [Value] {
        match self.list() {
            Some(list) => &mut pool.get_mut(list)[1..],
            None => &mut [],
        }
    }

    /// Makes it jump to `block`, with the same arguments (in place).
    pub fn set_block(&mut self, block: Block, pool: &mut ValueListPool) {
        match self.list() {
            Some(list) => pool.get_mut(list)[0] = Value(block.0),
            None => *self = BlockCall::new(block, &[], pool),
        }
    }

    /// Appends `value` to the arguments (see [`ValueListPool::push`]: the
    /// handle may change).
    pub fn push_arg(&mut self, value: Value, pool: &mut ValueListPool) {
        match self.list_mut() {
            Some(list) => pool.push(list, value),
            None => *self = BlockCall::new(self.block(pool), &[value], pool),
        }
    }

    /// Makes it a call of `block` with `args`: in place when they fit
    /// (what it no longer needs is garbage), else as a new call (the old
    /// list is freed).
    pub fn rewrite(&mut self, block: Block, args: &[Value], pool: &mut ValueListPool) {
        match self.list_mut() {
            Some(list) if !args.is_empty() && list.0 != 0 => {
                pool.get_mut(*list)[0] = Value(block.0);
                pool.overwrite_from(list, 1, args);
            }
            _ => {
                self.free(pool);
                *self = BlockCall::new(block, args, pool);
            }
        }
    }

    /// Keeps the arguments whose parameters (in `params`, the block's
    /// parameters, of the same pool) `keep` says true of, in order.
    pub fn retain_args(
        self,
        params: ValueList,
        pool: &mut ValueListPool,
        keep: impl FnMut(Value) -> bool,
    ) {
        if let Some(list) = self.list() {
            pool.retain_from(list, 1, Some(params), keep);
        }
    }

    /// Gives up its list, if it has one (see [`ValueListPool::free`]).
    pub fn free(self, pool: &mut ValueListPool) {
        if let Some(list) = self.list() {
            pool.free(list);
        }
    }

    /// Whether it calls the same block with the same arguments as
    /// `other`, both in `pool`.
    pub fn same_as(self, other: BlockCall, pool: &ValueListPool) -> bool {
        self.try_get(pool) == other.try_get(pool)
    }

    /// The block and the arguments, or `None` if the handle reads no
    /// target in `pool` (see [`ValueListPool::try_get`]).
    pub fn try_get(self, pool: &ValueListPool) -> Option<(Block, &[Value])> {
        let Some(list) = self.list() else {
            return Some((Block(self.0 .0 & !BARE), &[]));
        };
        let (block, args) = pool.try_get(list)?.split_first()?;
        Some((Block(block.0), args))
    }

    /// The list holding the block and the arguments, if there are
    /// arguments.
    pub fn list(self) -> Option<ValueList> {
        (self.0 .0 & BARE == 0).then_some(self.0)
    }

    /// [`BlockCall::list`], to replace with a copy (in another pool, or
    /// compacted): the copy must keep the block's slot first.
    pub fn list_mut(&mut self) -> Option<&mut ValueList> {
        (self.0 .0 & BARE == 0).then_some(&mut self.0)
    }
}

impl fmt::Debug for BlockCall {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.list() {
            Some(list) => write!(f, "BlockCall(list {})", list.0),
            None => write!(f, "BlockCall(block{})", self.0 .0 & !BARE),
        }
    }
}

/// Garbage under this many slots is not worth a copy of the pool.
const MIN_GARBAGE: usize = 1024;

/// The lists of one function (see the [module docs](self)).
#[derive(Clone, Debug, Default)]
pub struct ValueListPool {
    /// Empty, or: at [`USED`] how many slots are in use (these two
    /// included), at [`GARBAGE`] how many of those no list holds, then
    /// each list's length and values, and garbage; the slots after those
    /// in use are room to grow. A box of its room and no more, rather
    /// than a `Vec`: two words in every function, not three.
    data: Box<[Value]>,
}

/// The slot counting the slots in use.
const USED: usize = 0;
/// The slot counting the garbage.
const GARBAGE: usize = 1;
/// The slots before the first list.
const HEADER: usize = 2;

// Every function has one: as small as the box.
#[cfg(target_pointer_width = "64")]
const _: () = assert!(core::mem::size_of::<ValueListPool>() == 16);

impl ValueListPool {
    /// An empty pool.
    pub fn new() -> ValueListPool {
        ValueListPool::default()
    }

    /// An empty pool with room for `slots` slots (as
    /// [`ValueListPool::slots`] counts them) before it grows.
    pub fn with_capacity(slots: usize) -> ValueListPool {
        let mut pool = ValueListPool::default();
        if slots > HEADER {
            pool.resize(slots);
            pool.data[USED] = Value(HEADER as u32);
        }
        pool
    }

    /// Gives back the room the pool has beyond its slots.
    pub fn shrink_to_fit(&mut self) {
        let used = self.used();
        if used == HEADER && self.garbage() == 0 {
            self.data = Box::default();
        } else if used < self.data.len() {
            let mut data = Vec::from(core::mem::take(&mut self.data));
            data.truncate(used);
            self.data = data.into_boxed_slice();
        }
    }

    /// The values of `list`.
    ///
    /// # Panics
    /// If `list` is no list of this pool (see [`ValueListPool::try_get`]).
    #[inline]
    pub fn get(&self, list: ValueList) -> &[Value] {
        let start = list.0 as usize;
        // The empty list's length would be before slot 0.
        match self.data.get(start.wrapping_sub(1)) {
            Some(len) => &self.data[start..start + len.0 as usize],
            None => &[],
        }
    }

    /// The values of `list`, to change in place.
    ///
    /// # Panics
    /// If `list` is no list of this pool.
    #[inline]
    pub fn get_mut(&mut self, list: ValueList) -> &mut [Value] {
        let start = list.0 as usize;
        if start == 0 {
            return &mut [];
        }
        let len = self.data[start - 1].0 as usize;
        &mut self.data[start..start + len]
    }

    /// The values of `list`, or `None` if it lies outside the pool (a
    /// handle from another pool, or made up): for the verifier and the
    /// printer, which never panic. A handle from another pool may still
    /// read as some list.
    pub fn try_get(&self, list: ValueList) -> Option<&[Value]> {
        let start = list.0 as usize;
        match start {
            0 => return Some(&[]),
            // Its length would be a count of the header.
            1..=HEADER => return None,
            _ => {}
        }
        let len = self.data.get(start - 1)?.0 as usize;
        self.data.get(start..start.checked_add(len)?)
    }

    /// How many values `list` has.
    #[inline]
    pub fn len(&self, list: ValueList) -> usize {
        match list.0 as usize {
            0 => 0,
            start => self.data[start - 1].0 as usize,
        }
    }

    /// Whether `list` has no values.
    #[inline]
    pub fn is_empty(&self, list: ValueList) -> bool {
        self.len(list) == 0
    }

    /// A new list of `values`.
    pub fn alloc(&mut self, values: &[Value]) -> ValueList {
        if values.is_empty() {
            return ValueList::EMPTY;
        }
        let start = self.open(values.len());
        self.data[start..start + values.len()].copy_from_slice(values);
        ValueList(handle(start))
    }

    /// A new list of the values of `list` (of this pool), for a second
    /// owner.
    pub fn copy(&mut self, list: ValueList) -> ValueList {
        let from = list.0 as usize;
        let len = self.len(list);
        if len == 0 {
            return ValueList::EMPTY;
        }
        let start = self.open(len);
        self.data.copy_within(from..from + len, start);
        ValueList(handle(start))
    }

    /// Appends `value` to `list`, in place if it is the last list of the
    /// pool; otherwise it moves to the end, and `list` changes.
    pub fn push(&mut self, list: &mut ValueList, value: Value) {
        let start = list.0 as usize;
        if start == 0 {
            *list = self.alloc(&[value]);
            return;
        }
        let len = self.data[start - 1].0 as usize;
        let used = self.used();
        if start + len == used {
            self.room(1);
            self.data[start - 1] = Value(len as u32 + 1);
            self.data[used] = value;
            self.set_used(used + 1);
            return;
        }
        let moved = self.open(len + 1);
        self.data.copy_within(start..start + len, moved);
        self.data[moved + len] = value;
        self.add_garbage(len + 1);
        *list = ValueList(handle(moved));
    }

    /// Makes the values of `list` from its `skip`-th on `values`, the
    /// first `skip` staying: in place when they fit (what it no longer
    /// needs is garbage), else as a new list (the old one is freed), and
    /// `list` changes.
    fn overwrite_from(&mut self, list: &mut ValueList, skip: usize, values: &[Value]) {
        let start = list.0 as usize;
        let len = self.len(*list);
        let new_len = skip + values.len();
        if new_len == 0 && start == 0 {
            return;
        }
        if new_len <= len {
            self.data[start + skip..start + new_len].copy_from_slice(values);
            self.shrink(start, len, new_len);
            return;
        }
        if start != 0 && start + len == self.used() {
            self.room(new_len - len);
            self.data[start - 1] = Value(new_len as u32);
            self.data[start + skip..start + new_len].copy_from_slice(values);
            self.set_used(start + new_len);
            return;
        }
        let moved = self.open(new_len);
        if start != 0 {
            self.data.copy_within(start..start + skip, moved);
            self.add_garbage(len + 1);
        }
        self.data[moved + skip..moved + new_len].copy_from_slice(values);
        *list = ValueList(handle(moved));
    }

    /// Keeps the values of `list` that `keep` says true of, in order.
    pub fn retain(&mut self, list: ValueList, keep: impl FnMut(Value) -> bool) {
        self.retain_from(list, 0, None, keep);
    }

    /// Keeps the values of `list` from its `skip`-th on that `keep` says
    /// true of, in order, the first `skip` staying; with `by` (another
    /// list of the pool), those at whose position `by` holds a value
    /// `keep` says true of, and those past its end.
    fn retain_from(
        &mut self,
        list: ValueList,
        skip: usize,
        by: Option<ValueList>,
        mut keep: impl FnMut(Value) -> bool,
    ) {
        let start = list.0 as usize;
        if start == 0 {
            return;
        }
        let len = self.data[start - 1].0 as usize;
        let (by_start, by_len) = match by {
            Some(by) => (by.0 as usize, self.len(by)),
            None => (0, 0),
        };
        let mut kept = start + skip;
        for k in 0..len.saturating_sub(skip) {
            let value = self.data[start + skip + k];
            let judged = match by {
                Some(_) if k < by_len => self.data[by_start + k],
                Some(_) => {
                    self.data[kept] = value;
                    kept += 1;
                    continue;
                }
                None => value,
            };
            if keep(judged) {
                self.data[kept] = value;
                kept += 1;
            }
        }
        self.shrink(start, len, kept - start);
    }

    /// Gives up `list`, which must not be read again: its slots become
    /// garbage (or free, if it is the last list).
    pub fn free(&mut self, list: ValueList) {
        let start = list.0 as usize;
        if start == 0 {
            return;
        }
        let len = self.data[start - 1].0 as usize;
        if start + len == self.used() {
            self.set_used(start - 1);
        } else {
            self.add_garbage(len + 1);
        }
    }

    /// How many slots the pool uses: lists, garbage and two counts.
    pub fn slots(&self) -> usize {
        self.used()
    }

    /// How many slots of the pool no list holds.
    pub fn garbage(&self) -> usize {
        self.data.get(GARBAGE).map_or(0, |count| count.0 as usize)
    }

    /// Whether the garbage is more than half the pool (and more than a
    /// few kilobytes): a copy of the lists that are held would then save
    /// more than it costs.
    pub fn is_wasteful(&self) -> bool {
        let garbage = self.garbage();
        garbage >= MIN_GARBAGE && 2 * garbage > self.used()
    }

    /// The list of `len` values at `start` keeps its first `new_len`: the
    /// pool shrinks if it was the last list, else the rest is garbage.
    fn shrink(&mut self, start: usize, len: usize, new_len: usize) {
        self.data[start - 1] = Value(new_len as u32);
        if start + len == self.used() {
            self.set_used(start + new_len);
        } else {
            self.add_garbage(len - new_len);
        }
    }

    /// Adds a list of `len` values at the end (its length set, its values
    /// to fill); where its values go.
    fn open(&mut self, len: usize) -> usize {
        let at = self.room(len + 1);
        self.data[at] = Value(len as u32);
        self.set_used(at + 1 + len);
        at + 1
    }

    /// Makes room for `slots` more slots after those in use (the first
    /// time, for the counts too, and no more); how many are in use.
    fn room(&mut self, slots: usize) -> usize {
        let used = self.used();
        if used == 0 {
            self.resize(HEADER + slots);
            self.data[USED] = Value(HEADER as u32);
            return HEADER;
        }
        if used + slots > self.data.len() {
            self.resize((used + slots).max(2 * self.data.len()));
        }
        used
    }

    /// Gives the box `len` slots, the new ones 0.
    fn resize(&mut self, len: usize) {
        let mut data = Vec::from(core::mem::take(&mut self.data));
        data.reserve_exact(len.saturating_sub(data.len()));
        data.resize(len, Value(0));
        self.data = data.into_boxed_slice();
    }

    /// How many slots are in use (0 for a pool that never had a list).
    fn used(&self) -> usize {
        self.data.first().map_or(0, |used| used.0 as usize)
    }

    /// Sets how many slots are in use (in a pool that has its counts).
    fn set_used(&mut self, used: usize) {
        self.data[USED] = Value(used as u32);
    }

    /// Counts `slots` more slots of garbage (in a pool that has lists).
    fn add_garbage(&mut self, slots: usize) {
        let count = &mut self.data[GARBAGE].0;
        *count = count.saturating_add(slots as u32);
    }
}

/// The handle of a list starting at slot `start`.
fn handle(start: usize) -> u32 {
    u32::try_from(start).expect("a pool of lists fits in u32 slots")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(ns: &[u32]) -> Vec<Value> {
        ns.iter().map(|&n| Value(n)).collect()
    }

    #[test]
    fn an_empty_list_takes_no_room() {
        let mut pool = ValueListPool::new();
        let empty = pool.alloc(&[]);
        assert_eq!(empty.0, ValueList::EMPTY.0);
        assert_eq!(pool.copy(empty).0, 0);
        assert_eq!(pool.slots(), 0);
        assert!(pool.get(empty).is_empty() && pool.is_empty(empty));
        assert_eq!(pool.len(ValueList::default()), 0);
    }

    #[test]
    fn lists_hold_their_values_apart() {
        let mut pool = ValueListPool::new();
        let a = pool.alloc(&values(&[4, 7, 1]));
        let b = pool.alloc(&values(&[9]));
        let c = pool.copy(a);
        assert_eq!(pool.get(a), values(&[4, 7, 1]));
        assert_eq!(pool.get(b), values(&[9]));
        assert_eq!(pool.get(c), values(&[4, 7, 1]));
        pool.get_mut(a)[0] = Value(5);
        assert_eq!(pool.get(a), values(&[5, 7, 1]));
        assert_eq!(
            pool.get(c),
            values(&[4, 7, 1]),
            "a copy is a list of its own"
        );
        // Each list takes its length and one slot, after the counts.
        assert_eq!(pool.slots(), 2 + 4 + 2 + 4);
        assert_eq!(pool.garbage(), 0);
    }

    #[test]
    fn the_pool_is_as_large_as_asked_and_gives_room_back() {
        let mut pool = ValueListPool::new();
        let a = pool.alloc(&values(&[1, 2, 3]));
        assert_eq!(pool.data.len(), 2 + 4, "the counts and the list");
        let b = pool.alloc(&values(&[4]));
        assert_eq!(pool.data.len(), 12, "twice as large");
        pool.shrink_to_fit();
        assert_eq!(pool.data.len(), pool.slots());
        assert_eq!(pool.get(a), values(&[1, 2, 3]));
        assert_eq!(pool.get(b), values(&[4]));
        pool.free(b);
        pool.free(a);
        pool.shrink_to_fit();
        assert_eq!(pool.data.len(), 0, "no lists, no counts");
        let room = ValueListPool::with_capacity(10);
        assert_eq!((room.data.len(), room.slots()), (10, 2));
    }

    #[test]
    fn the_last_list_grows_in_place() {
        let mut pool = ValueListPool::new();
        let other = pool.alloc(&values(&[1]));
        let mut list = ValueList::EMPTY;
        for n in 10..20 {
            pool.push(&mut list, Value(n));
        }
        assert_eq!(list.0, 5, "made after `other`, and never moved");
        assert_eq!(pool.get(list), values(&(10..20).collect::<Vec<_>>()));
        assert_eq!(pool.slots(), 2 + 2 + 11);
        assert_eq!(pool.garbage(), 0);
        assert_eq!(pool.get(other), values(&[1]));
    }

    #[test]
    fn a_list_not_last_moves_to_grow_and_leaves_garbage() {
        let mut pool = ValueListPool::new();
        let mut list = pool.alloc(&values(&[1, 2]));
        let after = pool.alloc(&values(&[3]));
        let before = list.0;
        pool.push(&mut list, Value(4));
        assert_ne!(list.0, before);
        assert_eq!(pool.get(list), values(&[1, 2, 4]));
        assert_eq!(pool.get(after), values(&[3]));
        assert_eq!(pool.garbage(), 3);
        // Now last, it grows in place.
        let moved = list.0;
        pool.push(&mut list, Value(5));
        assert_eq!(list.0, moved);
        assert_eq!(pool.garbage(), 3);
    }

    #[test]
    fn retain_shrinks_in_place_and_counts_the_tail() {
        let mut pool = ValueListPool::new();
        let list = pool.alloc(&values(&[1, 2, 3, 4, 5, 6]));
        let last = pool.alloc(&values(&[7, 8, 9]));
        pool.retain(list, |v| v.0 % 2 == 0);
        assert_eq!(pool.get(list), values(&[2, 4, 6]));
        assert_eq!(pool.get(last), values(&[7, 8, 9]));
        assert_eq!(pool.garbage(), 3);
        // The last list gives its tail back to the pool.
        let slots = pool.slots();
        pool.retain(last, |v| v.0 != 8);
        assert_eq!(pool.get(last), values(&[7, 9]));
        assert_eq!(pool.slots(), slots - 1);
        assert_eq!(pool.garbage(), 3);
        pool.retain(list, |_| false);
        assert!(pool.is_empty(list));
        assert_eq!(pool.garbage(), 6);
    }

    #[test]
    fn free_counts_what_it_drops() {
        let mut pool = ValueListPool::new();
        let a = pool.alloc(&values(&[1, 2, 3, 4]));
        let b = pool.alloc(&values(&[5, 6]));
        pool.free(ValueList::EMPTY);
        pool.free(a);
        assert_eq!(pool.garbage(), 5);
        // The last list freed gives its slots back.
        pool.free(b);
        assert_eq!(pool.slots(), 2 + 5);
        assert_eq!(pool.garbage(), 5);
    }

    #[test]
    fn wasteful_means_more_than_half_garbage_and_enough_of_it() {
        let mut pool = ValueListPool::new();
        let held = pool.alloc(&values(&[0; 2000]));
        let dropped = pool.alloc(&values(&[0; 500]));
        pool.alloc(&[Value(1)]);
        pool.free(dropped);
        assert!(!pool.is_wasteful(), "less than half");
        pool.retain(held, |_| false);
        assert!(pool.is_wasteful());
        let mut small = ValueListPool::new();
        let l = small.alloc(&values(&[0; 10]));
        small.alloc(&[Value(1)]);
        small.free(l);
        assert!(!small.is_wasteful(), "too little to matter");
    }

    #[test]
    fn try_get_refuses_handles_outside_the_pool() {
        let mut pool = ValueListPool::new();
        let list = pool.alloc(&values(&[5, 6]));
        assert_eq!(pool.try_get(list), Some(&values(&[5, 6])[..]));
        assert_eq!(pool.try_get(ValueList::EMPTY), Some(&[][..]));
        // Lengths at slots 0 and 1 (the counts), and at slot 3 (5
        // values, past the end).
        assert_eq!(pool.try_get(ValueList(1)), None);
        assert_eq!(pool.try_get(ValueList(2)), None);
        assert_eq!(pool.try_get(ValueList(4)), None);
        assert_eq!(pool.try_get(ValueList(100)), None);
        pool.alloc(&[Value(u32::MAX)]);
        // Slot 6 reads a length of u32::MAX: no such list.
        assert_eq!(pool.try_get(ValueList(7)), None);
    }

    #[test]
    fn a_block_call_holds_its_block_before_its_arguments() {
        let mut pool = ValueListPool::new();
        let params = pool.alloc(&values(&[20, 21, 22]));
        let call = BlockCall::new(Block(3), &values(&[1, 2, 3, 4]), &mut pool);
        assert_eq!(call.block(&pool), Block(3));
        assert_eq!(call.args(&pool), values(&[1, 2, 3, 4]));
        assert_eq!(pool.get(call.list().unwrap()), values(&[3, 1, 2, 3, 4]));
        let mut moved = call;
        moved.set_block(Block(5), &mut pool);
        assert_eq!(moved.list().unwrap().0, call.list().unwrap().0, "in place");
        call.args_mut(&mut pool)[2] = Value(9);
        // The arguments go by their parameters; the fourth has none and
        // stays.
        call.retain_args(params, &mut pool, |p| p.0 != 20);
        assert_eq!(call.block(&pool), Block(5));
        assert_eq!(call.args(&pool), values(&[2, 9, 4]));
        assert_eq!(pool.get(params), values(&[20, 21, 22]));
    }

    #[test]
    fn a_call_without_arguments_takes_no_room() {
        let mut pool = ValueListPool::new();
        let mut bare = BlockCall::new(Block(7), &[], &mut pool);
        assert_eq!(pool.slots(), 0);
        assert!(bare.list().is_none());
        assert_eq!(bare.block(&pool), Block(7));
        assert!(bare.args(&pool).is_empty() && bare.args_mut(&mut pool).is_empty());
        assert_eq!(bare.try_get(&pool), Some((Block(7), &[][..])));
        bare.set_block(Block(8), &mut pool);
        bare.retain_args(ValueList::EMPTY, &mut pool, |_| false);
        assert_eq!((bare.block(&pool), pool.slots()), (Block(8), 0));
        // The same target as a list: equal.
        let listed = BlockCall::new(Block(8), &[Value(1)], &mut pool);
        listed.retain_args(pool.alloc(&[Value(0)]), &mut pool, |_| false);
        assert!(listed.list().is_some() && listed.same_as(bare, &pool));
        // An argument makes it a list.
        bare.push_arg(Value(4), &mut pool);
        assert_eq!(pool.get(bare.list().unwrap()), values(&[8, 4]));
        // A block whose number takes the top bit has a list even bare.
        let far = BlockCall::new(Block(1 << 31), &[], &mut pool);
        assert_eq!(far.try_get(&pool), Some((Block(1 << 31), &[][..])));
        assert!(far.list().is_some());
        // A pending target reads as nothing.
        assert_eq!(BlockCall::PENDING.try_get(&pool), None);
    }

    #[test]
    fn a_rewritten_call_stays_in_place_when_it_fits() {
        let mut pool = ValueListPool::new();
        let mut call = BlockCall::new(Block(1), &values(&[1, 2, 3]), &mut pool);
        let other = BlockCall::new(Block(2), &values(&[4]), &mut pool);
        let at = call.list().unwrap().0;
        call.rewrite(Block(7), &values(&[8, 9]), &mut pool);
        assert_eq!(call.list().unwrap().0, at);
        assert_eq!(call.try_get(&pool), Some((Block(7), &values(&[8, 9])[..])));
        assert_eq!(pool.garbage(), 1);
        // Longer than it was: it moves, and its old place is garbage.
        call.rewrite(Block(7), &values(&[1, 2, 3, 4]), &mut pool);
        assert_ne!(call.list().unwrap().0, at);
        assert_eq!(call.args(&pool), values(&[1, 2, 3, 4]));
        assert_eq!(pool.garbage(), 1 + 4);
        // Now the last list, it grows in place.
        let moved = call.list().unwrap().0;
        call.rewrite(Block(6), &values(&[5, 5, 5, 5, 5]), &mut pool);
        assert_eq!(call.list().unwrap().0, moved);
        assert_eq!(pool.garbage(), 5);
        assert_eq!(other.args(&pool), values(&[4]));
        assert!(!call.same_as(other, &pool));
        let copy = call.copy(&mut pool);
        assert!(copy.same_as(call, &pool));
        assert_ne!(copy.list().unwrap().0, call.list().unwrap().0);
        // Without arguments it needs no list: its own is given up.
        let before = pool.garbage();
        let mut bare = other;
        bare.rewrite(Block(9), &[], &mut pool);
        assert!(bare.list().is_none() && bare.block(&pool) == Block(9));
        assert_eq!(pool.garbage(), before + 3);
    }

    #[test]
    fn a_call_with_a_list_passes_its_values() {
        let mut pool = ValueListPool::new();
        let args = pool.alloc(&values(&[4, 5]));
        let call = BlockCall::with_list(Block(2), args, &mut pool);
        assert_eq!(call.args(&pool), values(&[4, 5]));
        assert_eq!(pool.get(args), values(&[4, 5]));
        let slots = pool.slots();
        let none = BlockCall::with_list(Block(3), ValueList::EMPTY, &mut pool);
        assert_eq!(none.try_get(&pool), Some((Block(3), &[][..])));
        assert_eq!(pool.slots(), slots);
    }
}
