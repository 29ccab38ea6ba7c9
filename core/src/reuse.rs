//! Tables kept for reuse: a stage that runs once per function (or once per
//! pass) keeps its tables from one run to the next and fills them again,
//! so that after the first run it rarely allocates.
//!
//! Three reaches, one rule for each on what a run leaves behind:
//! - a pass keeps its tables from one function to the next (in
//!   [`crate::opt::Analyses`]; the backend's per-function tables likewise),
//!   but not after a function of more than [`KEEP_FOR_VALUES`] values;
//! - a stage keeps its buffers from one module to the next in a `Scratch`
//!   of its own module (`frontend::lexer::Scratch`, `opt::Scratch`,
//!   `backend::x86_64::Scratch`, ...); what they hold between runs means
//!   nothing, each run empties what it uses first, so that a run that
//!   failed halfway changes nothing for the next;
//! - a [`crate::Compiler`] holds every stage's, and frees them all after a
//!   program of more than [`KEEP_FOR_SOURCE`] bytes of source (or as many
//!   values of IR). A context holds about four fifths of what its largest
//!   compile needed at its peak: 95 KB after heapsort, 2.8 MB after 64 KB
//!   of straight-line code.

use alloc::vec;
use alloc::vec::Vec;

/// Empties `v` and fills it with `len` copies of `value`, keeping its
/// capacity if it has room (a new table otherwise: made at its size in one
/// step, zeroed by the allocator where it can, which costs less than
/// growing the old one).
#[inline]
pub(crate) fn refill<T: Clone>(v: &mut Vec<T>, len: usize, value: T) {
    if v.capacity() < len {
        *v = vec![value; len];
    } else {
        v.clear();
        v.resize(len, value);
    }
}

/// [`refill`]s `v` and takes it out of its place, to be given back when
/// the run is done with it (a table that moves into a result for a while).
pub(crate) fn take_refilled<T: Clone>(v: &mut Vec<T>, len: usize, value: T) -> Vec<T> {
    refill(v, len, value);
    core::mem::take(v)
}

/// Empties `v` and makes room in it for `capacity` items.
pub(crate) fn empty_with_room<T>(v: &mut Vec<T>, capacity: usize) {
    if v.capacity() < capacity {
        // A new table, made at its size in one step (rather than the old
        // one grown, its items copied for nothing).
        *v = Vec::with_capacity(capacity);
    } else {
        v.clear();
    }
}

/// [`empty_with_room`] and takes `v` out of its place (to be given back
/// when the run is done with it).
pub(crate) fn take_emptied<T>(v: &mut Vec<T>, capacity: usize) -> Vec<T> {
    empty_with_room(v, capacity);
    core::mem::take(v)
}

/// Makes room in `v` for `capacity` items in all (where `Vec::reserve`
/// makes room for so many more than it holds: a table kept from an
/// earlier run still holds that run's items).
pub(crate) fn reserve_total<T>(v: &mut Vec<T>, capacity: usize) {
    v.reserve(capacity.saturating_sub(v.len()));
}

/// A pass keeps its tables for the next function ([`crate::opt::Analyses`])
/// only after a function of at most this many values. The tables of a
/// larger one are freed when the pass is done: allocating them is little
/// beside the work on them, and keeping them would hold a large
/// function's worth of memory through all the passes after.
pub(crate) const KEEP_FOR_VALUES: usize = 1 << 12;

/// A [`crate::Compiler`] keeps its buffers for the next compile only after
/// a program of at most this many bytes of source (or, compiled from IR,
/// as many values: about what such a source lowers to). After a larger
/// one it frees them all: one large compile would otherwise hold its
/// memory for the context's life, where the small ones a context is for
/// need a small part of it.
pub(crate) const KEEP_FOR_SOURCE: usize = 1 << 16;
