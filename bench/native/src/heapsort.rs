//! bench/heapsort.py: heapsort of a list filled from a 31-bit LCG, then a
//! sortedness check and a position-weighted checksum.
//!
//! Positions are `usize` here (Python's are ints that never go negative in
//! this program); `range(n // 2 - 1, -1, -1)` is `(0..n / 2).rev()`.

fn sift_down(a: &mut [i64], mut root: usize, end: usize) -> usize {
    let v = a[root];
    loop {
        let mut child = 2 * root + 1;
        if child >= end {
            break;
        }
        if child + 1 < end && a[child] < a[child + 1] {
            child += 1;
        }
        if a[child] <= v {
            break;
        }
        a[root] = a[child];
        root = child;
    }
    a[root] = v;
    root
}

// An indexed store per item, as the Python's `range(n)` loop does.
#[allow(clippy::needless_range_loop)]
#[inline(never)]
pub fn heapsort(a: &mut [i64], seed: i64) -> i64 {
    let n = a.len();
    let mut x = seed;
    for i in 0..n {
        x = (x * 1103515245 + 12345) & 0x7FFFFFFF;
        a[i] = x - 0x40000000;
    }
    for start in (0..n / 2).rev() {
        sift_down(a, start, n);
    }
    for end in (1..n).rev() {
        // v = a[end]; a[end] = a[0]; a[0] = v
        a.swap(0, end);
        sift_down(a, 0, end);
    }
    let mut acc: i64 = 0;
    let mut prev: i64 = -0x40000000;
    let mut i: i64 = 0;
    for &v in a.iter() {
        assert!(prev <= v, "not sorted");
        i += 1;
        acc = (acc + i * v) & 0xFFFFFFFFFFFF;
        prev = v;
    }
    acc
}

#[cfg(test)]
mod tests {
    #[test]
    fn matches_cpython() {
        // CPython: heapsort([0] * 300, 12345) == 16105955551215,
        // heapsort([0], 12345) == 333190782, heapsort([], 1) == 0
        assert_eq!(super::heapsort(&mut [0; 300], 12345), 16105955551215);
        assert_eq!(super::heapsort(&mut [0], 12345), 333190782);
        assert_eq!(super::heapsort(&mut [], 1), 0);
    }
}
