//! bench/gcd.py: Euclid's algorithm summed over a square of pairs.

use crate::py::modulo;

fn gcd(mut a: i64, mut b: i64) -> i64 {
    while b != 0 {
        (a, b) = (b, modulo(a, b));
    }
    a
}

#[inline(never)]
pub fn gcd_sum(n: i64) -> i64 {
    let mut total = 0;
    for i in 1..n {
        for j in 1..n {
            total += gcd(i, j);
        }
    }
    total
}

#[cfg(test)]
mod tests {
    #[test]
    fn matches_cpython() {
        // CPython: gcd_sum(50) == 6385
        assert_eq!(super::gcd_sum(50), 6385);
    }

    #[test]
    fn negative_operands_follow_python() {
        // CPython: gcd(-12, 18) == 6, gcd(12, -18) == -6 (floor modulo)
        assert_eq!(super::gcd(-12, 18), 6);
        assert_eq!(super::gcd(12, -18), -6);
    }
}
