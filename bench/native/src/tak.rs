//! bench/tak.py: the Takeuchi function.

#[inline(never)]
pub fn tak(x: i64, y: i64, z: i64) -> i64 {
    if y < x {
        return tak(tak(x - 1, y, z), tak(y - 1, z, x), tak(z - 1, x, y));
    }
    z
}

#[cfg(test)]
mod tests {
    #[test]
    fn matches_cpython() {
        // CPython: tak(18, 12, 6) == 7, tak(12, 8, 4) == 5
        assert_eq!(super::tak(18, 12, 6), 7);
        assert_eq!(super::tak(12, 8, 4), 5);
    }
}
