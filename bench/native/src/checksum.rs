//! bench/checksum.py: Adler-32 of a byte buffer filled from a 32-bit
//! xorshift generator.

use crate::py::{byte, modulo};

// An indexed store per byte, as the Python's `range(len(data))` loop does.
#[allow(clippy::needless_range_loop)]
fn fill(data: &mut [u8], seed: i64) -> i64 {
    let mut x = seed;
    for i in 0..data.len() {
        x ^= (x << 13) & 0xFFFFFFFF;
        x ^= x >> 17;
        x ^= (x << 5) & 0xFFFFFFFF;
        data[i] = byte(x & 0xFF);
    }
    x
}

fn adler32(data: &[u8]) -> i64 {
    let mut a = 1;
    let mut b = 0;
    for &v in data {
        a = modulo(a + i64::from(v), 65521);
        b = modulo(b + a, 65521);
    }
    (b << 16) | a
}

#[inline(never)]
pub fn checksum(data: &mut [u8], seed: i64) -> i64 {
    fill(data, seed);
    adler32(data)
}

#[cfg(test)]
mod tests {
    #[test]
    fn matches_cpython() {
        // CPython: checksum(bytearray(1000), 2463534242) == 57138804
        // (and zlib.adler32 of the filled buffer agrees)
        assert_eq!(super::checksum(&mut [0; 1000], 2463534242), 57138804);
    }
}
