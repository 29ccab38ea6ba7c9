//! bench/sieve.py: the sieve of Eratosthenes over a caller's byte buffer
//! (0 = maybe prime, 1 = composite); returns the prime count.

#[inline(never)]
pub fn sieve(flags: &mut [u8]) -> i64 {
    let n = flags.len();
    if n > 0 {
        flags[0] = 1;
    }
    if n > 1 {
        flags[1] = 1;
    }
    let mut p = 2;
    while p * p < n {
        if flags[p] == 0 {
            for j in (p * p..n).step_by(p) {
                flags[j] = 1;
            }
        }
        p += 1;
    }
    let mut count = 0;
    for &v in flags.iter() {
        if v == 0 {
            count += 1;
        }
    }
    count
}

#[cfg(test)]
mod tests {
    #[test]
    fn matches_cpython() {
        // CPython: sieve(bytearray(1000)) == 168, sieve(bytearray(0)) == 0,
        // sieve(bytearray(1)) == 0
        assert_eq!(super::sieve(&mut [0; 1000]), 168);
        assert_eq!(super::sieve(&mut []), 0);
        assert_eq!(super::sieve(&mut [0]), 0);
    }
}
