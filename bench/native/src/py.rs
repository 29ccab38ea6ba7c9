//! Python's integer division and modulo on `i64`.
//!
//! Python rounds `//` toward negative infinity and gives `%` the sign of
//! the divisor; Rust's `/` and `%` truncate toward zero. The two agree when
//! both operands are non-negative, which is all the benchmark inputs ever
//! divide, but the translations use these anyway so that each computes the
//! same function as its Python program for every input. They inline to a
//! compare and a select that LLVM drops when it can see the signs.
//! (Python's `>>` floors too, and so does Rust's arithmetic `>>` on `i64`:
//! no helper is needed for it.)

/// Python's `a // b`. Panics when `b` is 0, where Python raises ZeroDivisionError.
#[inline(always)]
pub fn floordiv(a: i64, b: i64) -> i64 {
    let (q, r) = (a / b, a % b);
    // Truncation rounded up exactly when there is a remainder and the
    // operands' signs differ (a nonzero remainder has the dividend's sign).
    if r != 0 && (r < 0) != (b < 0) {
        q - 1
    } else {
        q
    }
}

/// Python's `a % b`: the remainder takes the divisor's sign.
#[inline(always)]
pub fn modulo(a: i64, b: i64) -> i64 {
    let r = a % b;
    if r != 0 && (r < 0) != (b < 0) {
        r + b
    } else {
        r
    }
}

/// The byte Python's `data[i] = v` stores into a bytearray: `v` itself,
/// which must lie in 0..=255 (Python raises ValueError otherwise).
#[inline(always)]
pub fn byte(v: i64) -> u8 {
    u8::try_from(v).expect("byte must be in range(0, 256)")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agree_with_cpython_for_every_sign() {
        // CPython: -7 // 2, -7 % 2, 7 // -2, 7 % -2, -7 // -2, -7 % -2
        assert_eq!((floordiv(-7, 2), modulo(-7, 2)), (-4, 1));
        assert_eq!((floordiv(7, -2), modulo(7, -2)), (-4, -1));
        assert_eq!((floordiv(-7, -2), modulo(-7, -2)), (3, -1));
        assert_eq!((floordiv(7, 2), modulo(7, 2)), (3, 1));
        assert_eq!((floordiv(-6, 3), modulo(-6, 3)), (-2, 0));
    }

    #[test]
    fn byte_takes_0_to_255() {
        assert_eq!((byte(0), byte(255)), (0, 255));
    }

    #[test]
    #[should_panic(expected = "range(0, 256)")]
    fn byte_refuses_256() {
        byte(256);
    }
}
