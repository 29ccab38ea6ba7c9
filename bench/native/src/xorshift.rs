//! bench/xorshift.py: a 32-bit xorshift generator folded into a checksum.
//!
//! `x` stays below 2**32, so `x << 13` fits an i64 and the masks keep what
//! Python's unbounded shifts would.

#[inline(never)]
pub fn xorshift(n: i64) -> i64 {
    let mut x: i64 = 2463534242;
    let mut acc: i64 = 0;
    let mut lo: i64 = 1 << 40;
    let mut hi: i64 = 0;
    for _ in 0..n {
        x ^= (x << 13) & 0xFFFFFFFF;
        x ^= x >> 17;
        x ^= (x << 5) & 0xFFFFFFFF;
        acc = (acc + (x - 2147483648).abs()) & 0xFFFFFFFFFFFF;
        lo = lo.min(x);
        hi = hi.max(x);
    }
    acc ^ lo ^ hi
}

#[cfg(test)]
mod tests {
    #[test]
    fn matches_cpython() {
        // CPython: xorshift(1000) == 1086323816222
        assert_eq!(super::xorshift(1000), 1086323816222);
    }
}
