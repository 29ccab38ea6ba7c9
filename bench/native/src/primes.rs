//! bench/primes.py: primes below `n` counted by trial division.

use crate::py::modulo;

fn is_prime(n: i64) -> bool {
    if n < 2 {
        return false;
    }
    if modulo(n, 2) == 0 {
        return n == 2;
    }
    let mut d = 3;
    while d * d <= n {
        if modulo(n, d) == 0 {
            return false;
        }
        d += 2;
    }
    true
}

#[inline(never)]
pub fn count_primes(n: i64) -> i64 {
    let mut count = 0;
    for k in 0..n {
        if is_prime(k) {
            count += 1;
        }
    }
    count
}

#[cfg(test)]
mod tests {
    #[test]
    fn matches_cpython() {
        // CPython: count_primes(1000) == 168
        assert_eq!(super::count_primes(1000), 168);
    }
}
