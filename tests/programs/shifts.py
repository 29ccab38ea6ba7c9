# Shifts: << that fits or overflows (1 << 62, 1 << 63, -1 << 63, 3 << 61 ...),
# counts of 63, 64, 65 and huge (hardware masks the count to 6 bits: x << 64
# must not be x), 0 shifted by anything, >> is arithmetic (rounds towards
# negative infinity) and gives 0 or -1 for counts >= 64, negative counts are a
# ValueError even for 0, precedence (1 << 2 + 1 == 8) and left associativity.


def shl(a, n):
    return a << n


# call: shl(1, 0)
# call: shl(1, 1)
# call: shl(1, 62)
# call: shl(1, 63)
# call: shl(1, 64)
# call: shl(1, 65)
# call: shl(1, 127)
# call: shl(1, 128)
# call: shl(-1, 62)
# call: shl(-1, 63)
# call: shl(-1, 64)
# call: shl(0, 0)
# call: shl(0, 63)
# call: shl(0, 64)
# call: shl(0, 1000)
# call: shl(0, 9223372036854775807)
# call: shl(3, 61)
# call: shl(3, 62)
# call: shl(-3, 61)
# call: shl(-3, 62)
# call: shl(-2, 62)
# call: shl(-2, 63)
# call: shl(9223372036854775807, 0)
# call: shl(9223372036854775807, 1)
# call: shl(4611686018427387903, 1)
# call: shl(4611686018427387904, 1)
# call: shl(-4611686018427387904, 1)
# call: shl(-4611686018427387905, 1)
# call: shl(-9223372036854775808, 0)
# call: shl(-9223372036854775808, 1)
# call: shl(5, 2)
# call: shl(-5, 2)
# call: shl(1, -1)
# call: shl(0, -1)
# call: shl(-1, -9223372036854775808)
# call: shl(5, -64)
# CPython would try to build a number with 2**63 bits (MemoryError):
# expect: shl(5, 9223372036854775807) -> OverflowError
# expect: shl(-1, 9223372036854775807) -> OverflowError


def shr(a, n):
    return a >> n


# call: shr(16, 2)
# call: shr(17, 1)
# call: shr(-17, 1)
# call: shr(-1, 1)
# call: shr(-1, 63)
# call: shr(-1, 64)
# call: shr(-1, 1000)
# call: shr(1, 0)
# call: shr(1, 1)
# call: shr(-7, 1)
# call: shr(-8, 2)
# call: shr(-9, 2)
# call: shr(-9223372036854775808, 1)
# call: shr(-9223372036854775808, 62)
# call: shr(-9223372036854775808, 63)
# call: shr(-9223372036854775808, 64)
# call: shr(-9223372036854775808, 65)
# call: shr(-9223372036854775808, 9223372036854775807)
# call: shr(9223372036854775807, 1)
# call: shr(9223372036854775807, 62)
# call: shr(9223372036854775807, 63)
# call: shr(9223372036854775807, 64)
# call: shr(9223372036854775807, 128)
# call: shr(5, 9223372036854775807)
# call: shr(-5, 9223372036854775807)
# call: shr(0, 9223372036854775807)
# call: shr(7, -1)
# call: shr(0, -1)
# call: shr(0, -9223372036854775808)


def const_counts(x, which):
    # Constant shift counts, the ones hardware would mask (64 -> 0, 65 -> 1).
    if which == 0:
        return x << 63
    if which == 1:
        return x << 64
    if which == 2:
        return x << 65
    if which == 3:
        return x >> 63
    if which == 4:
        return x >> 64
    if which == 5:
        return x >> 65
    if which == 6:
        return x >> 127
    if which == 7:
        return x << 1
    return x >> 1


# call: const_counts(0, 0)
# call: const_counts(1, 0)
# call: const_counts(-1, 0)
# call: const_counts(0, 1)
# call: const_counts(1, 1)
# call: const_counts(-1, 1)
# call: const_counts(0, 2)
# call: const_counts(1, 2)
# call: const_counts(5, 3)
# call: const_counts(-5, 3)
# call: const_counts(-9223372036854775808, 3)
# call: const_counts(9223372036854775807, 4)
# call: const_counts(-9223372036854775808, 4)
# call: const_counts(-1, 4)
# call: const_counts(12345, 5)
# call: const_counts(-12345, 5)
# call: const_counts(-2, 6)
# call: const_counts(4611686018427387903, 7)
# call: const_counts(4611686018427387904, 7)
# call: const_counts(-4611686018427387904, 7)
# call: const_counts(-3, 8)


def one_shl(n):
    return 1 << n


# call: one_shl(0)
# call: one_shl(31)
# call: one_shl(32)
# call: one_shl(62)
# call: one_shl(63)
# call: one_shl(64)
# call: one_shl(-1)


def shift_precedence(a):
    # + binds tighter than <<; shifts bind tighter than &; left to right.
    return (1 << 2 + 1) + (64 >> 1 >> 2) * 100 + (1 << 2 << 3) * 10000 + (a << 1 & 6) * 1000000


# call: shift_precedence(3)
# call: shift_precedence(2)


def shift_roundtrip(x, n):
    return (x << n) >> n == x


# call: shift_roundtrip(12345, 40)
# call: shift_roundtrip(-12345, 49)
# 12345 << 50 does not fit, though shifting back would give 12345 in CPython:
# expect: shift_roundtrip(12345, 50) -> OverflowError
# call: shift_roundtrip(-1, 63)


def shl_intermediate(x):
    # (1 << 63) >> 1 is 2**62 in CPython; 1 << 63 does not fit.
    return (x << 63) >> 1


# call: shl_intermediate(0)
# call: shl_intermediate(-1)
# expect: shl_intermediate(1) -> OverflowError


def bits(x):
    # Count the set bits of a value, the sign bit included.
    n = 0
    for i in range(64):
        n += (x >> i) & 1
    return n


# call: bits(0)
# call: bits(-1)
# call: bits(255)
# call: bits(-9223372036854775808)
# call: bits(9223372036854775807)
