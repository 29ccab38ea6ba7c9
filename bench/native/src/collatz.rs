//! bench/collatz.py: the longest Collatz chain below `n`.

use crate::py::{floordiv, modulo};

fn steps(mut x: i64) -> i64 {
    let mut count = 0;
    while x != 1 {
        if modulo(x, 2) == 0 {
            x = floordiv(x, 2);
        } else {
            x = 3 * x + 1;
        }
        count += 1;
    }
    count
}

#[inline(never)]
pub fn collatz_longest(n: i64) -> i64 {
    let mut best = 0;
    let mut best_start = 1;
    for start in 1..n {
        let c = steps(start);
        if c > best {
            (best, best_start) = (c, start);
        }
    }
    best_start * 1000 + best
}

#[cfg(test)]
mod tests {
    #[test]
    fn matches_cpython() {
        // CPython: collatz_longest(1000) == 871178, collatz_longest(10) == 9019
        assert_eq!(super::collatz_longest(1000), 871178);
        assert_eq!(super::collatz_longest(10), 9019);
    }
}
