//! Substitution: replacing uses of values with other values, for the
//! passes that find a value equal to another (folding, value numbering,
//! CFG cleanup, the range analysis).
//!
//! A substitution is a table from each value to the value it stands for
//! (itself when unchanged); chains are followed and shortened as they are
//! read.

use super::{Function, Value};
use alloc::vec::Vec;

/// Replaces every use of a value `v` with `subst[v]` in the instructions
/// of the layout (operands, conditions, block arguments and returns).
/// Chains are followed: if `subst[a] = b` and `subst[b] = c`, uses of `a`
/// become `c`. Values past the end of `subst` stay. Linear in the size of
/// the function; `subst` must not have cycles other than `subst[v] = v`.
pub fn replace_uses(func: &mut Function, subst: &mut [Value]) {
    // The layout and the blocks are only read while the instructions
    // change: borrowed apart, they are walked without indexing again.
    let Function {
        layout,
        blocks,
        insts,
        pool,
        ..
    } = func;
    for block in layout.iter() {
        for inst in &blocks[block.index()].insts {
            insts[inst.index()]
                .kind
                .for_each_arg_mut(pool, |v| *v = resolve(subst, *v));
        }
    }
}

/// Every value of `func` mapped to itself: a substitution that changes
/// nothing yet (see [`replace_uses`]).
pub fn identity_subst(func: &Function) -> Vec<Value> {
    let mut subst = Vec::new();
    make_identity(func, &mut subst);
    subst
}

/// Makes `subst` [`identity_subst`]`(func)` in its own buffer.
pub fn make_identity(func: &Function, subst: &mut Vec<Value>) {
    let n = u32::try_from(func.values.len()).expect("IR entity index fits in u32");
    subst.clear();
    subst.extend((0..n).map(Value));
}

/// Replaces every use of `from` with `to` (see [`replace_uses`]).
pub fn replace_all_uses(func: &mut Function, from: Value, to: Value) {
    let mut subst = identity_subst(func);
    subst[from.index()] = to;
    replace_uses(func, &mut subst);
}

/// Where `v` leads in `subst`, shortening the chain on the way.
pub fn resolve(subst: &mut [Value], v: Value) -> Value {
    // Most values stand for themselves: one look.
    match subst.get(v.index()) {
        Some(&next) if next != v => {}
        _ => return v,
    }
    let mut end = v;
    while let Some(&next) = subst.get(end.index()) {
        if next == end {
            break;
        }
        end = next;
    }
    let mut at = v;
    while at != end {
        let next = subst[at.index()];
        subst[at.index()] = end;
        at = next;
    }
    end
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::vec;

    #[test]
    fn replace_uses_follows_chains() {
        let mut subst = vec![Value(2), Value(2), Value(3), Value(3)];
        assert_eq!(resolve(&mut subst, Value(0)), Value(3));
        assert_eq!(subst, vec![Value(3), Value(2), Value(3), Value(3)]);
        assert_eq!(resolve(&mut subst, Value(7)), Value(7));
    }
}
