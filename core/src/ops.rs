//! Python's integer semantics on `i64`: one function per operation, shared by
//! the interpreter, constant evaluation and constant folding, so that every
//! stage agrees on what an operation means and when it traps.

use crate::ir::{BinaryOp, UnaryOp};
use crate::trap::{msg, Exception, Trap};

const OVERFLOW: Exception = Exception::new(Trap::OverflowError, msg::OVERFLOW);

/// Applies a unary operation.
///
/// # Errors
/// OverflowError for `-MIN` and `abs(MIN)`.
pub fn unary(op: UnaryOp, a: i64) -> Result<i64, Exception> {
    match op {
        UnaryOp::Neg => a.checked_neg().ok_or(OVERFLOW),
        UnaryOp::BitNot => Ok(!a),
        UnaryOp::Abs => a.checked_abs().ok_or(OVERFLOW),
    }
}

/// Applies a binary operation.
///
/// # Errors
/// The exception Python would raise, or OverflowError where Python's result
/// would not fit in 64 bits.
pub fn binary(op: BinaryOp, a: i64, b: i64) -> Result<i64, Exception> {
    Ok(match op {
        BinaryOp::Add => a.checked_add(b).ok_or(OVERFLOW)?,
        BinaryOp::Sub => a.checked_sub(b).ok_or(OVERFLOW)?,
        BinaryOp::Mul => a.checked_mul(b).ok_or(OVERFLOW)?,
        BinaryOp::FloorDiv => floor_div(a, b)?,
        BinaryOp::Mod => floor_mod(a, b)?,
        BinaryOp::Pow => pow(a, b)?,
        BinaryOp::Shl => shl(a, b)?,
        BinaryOp::Shr => shr(a, b)?,
        BinaryOp::And => a & b,
        BinaryOp::Or => a | b,
        BinaryOp::Xor => a ^ b,
        BinaryOp::Eq => (a == b) as i64,
        BinaryOp::Ne => (a != b) as i64,
        BinaryOp::Lt => (a < b) as i64,
        BinaryOp::Le => (a <= b) as i64,
        BinaryOp::Gt => (a > b) as i64,
        BinaryOp::Ge => (a >= b) as i64,
        BinaryOp::Ult => ((a as u64) < (b as u64)) as i64,
        BinaryOp::Ugt => ((a as u64) > (b as u64)) as i64,
        BinaryOp::AddWrap => a.wrapping_add(b),
        BinaryOp::SubWrap => a.wrapping_sub(b),
        BinaryOp::MulWrap => a.wrapping_mul(b),
        BinaryOp::ShlWrap => a.wrapping_shl(b as u32),
        BinaryOp::UMulHi => ((u128::from(a as u64) * u128::from(b as u64)) >> 64) as u64 as i64,
    })
}

/// `a // b`, rounding towards negative infinity.
///
/// # Errors
/// ZeroDivisionError if `b == 0`; OverflowError for `MIN // -1`.
pub fn floor_div(a: i64, b: i64) -> Result<i64, Exception> {
    if b == 0 {
        return Err(Exception::new(
            Trap::ZeroDivisionError,
            msg::DIVISION_BY_ZERO,
        ));
    }
    let q = a.checked_div(b).ok_or(OVERFLOW)?;
    Ok(if a % b != 0 && ((a < 0) != (b < 0)) {
        q - 1
    } else {
        q
    })
}

/// `a % b`, with the sign of `b`.
///
/// # Errors
/// ZeroDivisionError if `b == 0`.
pub fn floor_mod(a: i64, b: i64) -> Result<i64, Exception> {
    if b == 0 {
        return Err(Exception::new(Trap::ZeroDivisionError, msg::MODULO_BY_ZERO));
    }
    let r = a.wrapping_rem(b);
    Ok(if r != 0 && ((r < 0) != (b < 0)) {
        r + b
    } else {
        r
    })
}

/// `a ** n` by repeated squaring, checked.
///
/// # Errors
/// ZeroDivisionError for `0 ** n` with `n < 0`, ValueError for other
/// negative exponents (CPython would give a float), OverflowError when the
/// result does not fit.
pub fn pow(a: i64, n: i64) -> Result<i64, Exception> {
    if n < 0 {
        return Err(if a == 0 {
            Exception::new(Trap::ZeroDivisionError, msg::ZERO_NEGATIVE_POWER)
        } else {
            Exception::new(Trap::ValueError, msg::NEGATIVE_POWER)
        });
    }
    let (mut base, mut n, mut result) = (a, n as u64, 1i64);
    while n > 0 {
        if n & 1 == 1 {
            result = result.checked_mul(base).ok_or(OVERFLOW)?;
        }
        n >>= 1;
        if n > 0 {
            base = base.checked_mul(base).ok_or(OVERFLOW)?;
        }
    }
    Ok(result)
}

/// `a << n`, checked.
///
/// # Errors
/// ValueError for `n < 0`; OverflowError when bits would be lost.
pub fn shl(a: i64, n: i64) -> Result<i64, Exception> {
    if n < 0 {
        return Err(Exception::new(Trap::ValueError, msg::NEGATIVE_SHIFT));
    }
    if a == 0 {
        return Ok(0);
    }
    if n >= 64 {
        return Err(OVERFLOW);
    }
    let r = a << n;
    if r >> n == a {
        Ok(r)
    } else {
        Err(OVERFLOW)
    }
}

/// `a >> n`, arithmetic.
///
/// # Errors
/// ValueError for `n < 0`.
pub fn shr(a: i64, n: i64) -> Result<i64, Exception> {
    if n < 0 {
        return Err(Exception::new(Trap::ValueError, msg::NEGATIVE_SHIFT));
    }
    Ok(a >> n.min(63))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn trap_of<T>(r: Result<T, Exception>) -> Option<Trap> {
        r.err().map(|e| e.trap)
    }

    #[test]
    fn floor_division_and_modulo_follow_python() {
        assert_eq!(floor_div(-7, 2), Ok(-4));
        assert_eq!(floor_div(7, -2), Ok(-4));
        assert_eq!(floor_div(-7, -2), Ok(3));
        assert_eq!(floor_mod(-7, 2), Ok(1));
        assert_eq!(floor_mod(7, -2), Ok(-1));
        assert_eq!(floor_mod(i64::MIN, -1), Ok(0));
        assert_eq!(trap_of(floor_div(i64::MIN, -1)), Some(Trap::OverflowError));
        assert_eq!(trap_of(floor_div(1, 0)), Some(Trap::ZeroDivisionError));
        assert_eq!(trap_of(floor_mod(1, 0)), Some(Trap::ZeroDivisionError));
    }

    #[test]
    fn pow_is_exact_or_traps() {
        assert_eq!(pow(-2, 63), Ok(i64::MIN));
        assert_eq!(pow(2, 62), Ok(1 << 62));
        assert_eq!(trap_of(pow(2, 63)), Some(Trap::OverflowError));
        assert_eq!(pow(0, 0), Ok(1));
        assert_eq!(pow(-1, i64::MAX), Ok(-1));
        assert_eq!(pow(1, i64::MAX), Ok(1));
        assert_eq!(trap_of(pow(0, -1)), Some(Trap::ZeroDivisionError));
        assert_eq!(trap_of(pow(2, -1)), Some(Trap::ValueError));
    }

    #[test]
    fn shifts_follow_python() {
        assert_eq!(shl(1, 62), Ok(1 << 62));
        assert_eq!(shl(-1, 63), Ok(i64::MIN));
        assert_eq!(trap_of(shl(1, 63)), Some(Trap::OverflowError));
        assert_eq!(shl(0, 1000), Ok(0));
        assert_eq!(trap_of(shl(1, 64)), Some(Trap::OverflowError));
        assert_eq!(trap_of(shl(1, -1)), Some(Trap::ValueError));
        assert_eq!(shr(-5, 64), Ok(-1));
        assert_eq!(shr(5, 1000), Ok(0));
        assert_eq!(shr(-5, 1), Ok(-3));
        assert_eq!(trap_of(shr(1, -1)), Some(Trap::ValueError));
    }

    #[test]
    fn unary_overflow() {
        assert_eq!(
            trap_of(unary(UnaryOp::Neg, i64::MIN)),
            Some(Trap::OverflowError)
        );
        assert_eq!(
            trap_of(unary(UnaryOp::Abs, i64::MIN)),
            Some(Trap::OverflowError)
        );
        assert_eq!(unary(UnaryOp::BitNot, 0), Ok(-1));
    }
}
