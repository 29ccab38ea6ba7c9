//! bench/mandel.py: a fixed-point Mandelbrot set, escape counts summed.

use crate::py::floordiv;

fn escape(cr: i64, ci: i64, limit: i64) -> i64 {
    let mut zr = 0;
    let mut zi = 0;
    let mut n = 0;
    while n < limit && zr * zr + zi * zi <= (4 << 24) {
        // Both right-hand sides read the old zr and zi, as in the Python
        // tuple assignment; `>>` on i64 floors as Python's does.
        (zr, zi) = (((zr * zr - zi * zi) >> 12) + cr, ((2 * zr * zi) >> 12) + ci);
        n += 1;
    }
    n
}

#[inline(never)]
pub fn mandel(size: i64) -> i64 {
    let mut total = 0;
    for y in 0..size {
        for x in 0..size {
            let cr = floordiv(x * 3 * 4096, size) - 2 * 4096;
            let ci = floordiv(y * 2 * 4096, size) - 4096;
            total += escape(cr, ci, 200);
        }
    }
    total
}

#[cfg(test)]
mod tests {
    #[test]
    fn matches_cpython() {
        // CPython: mandel(40) == 90652, mandel(7) == 2550
        assert_eq!(super::mandel(40), 90652);
        assert_eq!(super::mandel(7), 2550);
    }
}
