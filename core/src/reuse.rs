//! Tables kept for reuse: a stage that runs once per function (or once per
//! pass) keeps its tables from one run to the next and fills them again,
//! so that after the first run it rarely allocates.

use alloc::vec;
use alloc::vec::Vec;

/// Empties `v` and fills it with `len` copies of `value`, keeping its
/// capacity if it has room (a new table otherwise: made at its size in one
/// step, zeroed by the allocator where it can, which costs less than
/// growing the old one).
pub(crate) fn refill<T: Clone>(v: &mut Vec<T>, len: usize, value: T) {
    if v.capacity() < len {
        *v = vec![value; len];
    } else {
        v.clear();
        v.resize(len, value);
    }
}
