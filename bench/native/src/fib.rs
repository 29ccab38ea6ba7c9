//! bench/fib.py: doubly recursive Fibonacci.

#[inline(never)]
pub fn fib(n: i64) -> i64 {
    if n < 2 {
        return n;
    }
    fib(n - 1) + fib(n - 2)
}

#[cfg(test)]
mod tests {
    #[test]
    fn matches_cpython() {
        // CPython: fib(20) == 6765, fib(1) == 1
        assert_eq!(super::fib(20), 6765);
        assert_eq!(super::fib(1), 1);
    }
}
