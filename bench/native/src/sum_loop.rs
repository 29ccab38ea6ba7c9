//! bench/sum_loop.py: a counted loop with a multiply and a floor modulo.

use crate::py::modulo;

#[inline(never)]
pub fn sum_loop(n: i64) -> i64 {
    let mut s = 0;
    for i in 0..n {
        s += modulo(i * 7, 13);
    }
    s
}

#[cfg(test)]
mod tests {
    #[test]
    fn matches_cpython() {
        // CPython: sum_loop(1000) == 6000
        assert_eq!(super::sum_loop(1000), 6000);
    }
}
