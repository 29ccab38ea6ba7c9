//! bench/histogram.py: a byte buffer filled from a 32-bit LCG, its bytes
//! counted into a list of counters, and a weighted sum of the counts.

use crate::py::byte;

// The indexed loops mirror the Python's `range(len(...))` loops and their
// bounds-checked item accesses.
#[allow(clippy::needless_range_loop)]
#[inline(never)]
pub fn histogram(data: &mut [u8], counts: &mut [i64], seed: i64) -> i64 {
    let mut x = seed;
    for i in 0..data.len() {
        x = (x * 1664525 + 1013904223) & 0xFFFFFFFF;
        // Python's `a * b >> 8`: the multiply binds tighter.
        data[i] = byte(((x >> 24) * ((x >> 16) & 0xFF)) >> 8);
    }
    for &v in data.iter() {
        counts[usize::from(v)] += 1;
    }
    let mut total = 0;
    for k in 0..counts.len() {
        let w = k as i64;
        total += (w * w + 1) * counts[k];
    }
    total
}

#[cfg(test)]
mod tests {
    #[test]
    fn matches_cpython() {
        // CPython: histogram(bytearray(5000), [0] * 256, 42) == 35554678
        assert_eq!(
            super::histogram(&mut [0; 5000], &mut [0; 256], 42),
            35554678
        );
    }
}
