# Bitwise & | ^ ~ on negative values (two's complement, as Python's infinite
# sign extension gives for 64-bit values), the edges, masks, precedence
# (& over ^ over |, all of them over comparisons, below shifts and +).


def band(a, b):
    return a & b


# call: band(12, 10)
# call: band(-1, 12345)
# call: band(-8, 15)
# call: band(-9223372036854775808, -1)
# call: band(-9223372036854775808, 9223372036854775807)
# call: band(-6, -3)
# call: band(0, -1)


def bor(a, b):
    return a | b


# call: bor(12, 10)
# call: bor(-8, 7)
# call: bor(-9223372036854775808, 9223372036854775807)
# call: bor(-9223372036854775808, 1)
# call: bor(-6, -3)
# call: bor(0, 0)


def bxor(a, b):
    return a ^ b


# call: bxor(12, 10)
# call: bxor(-1, 9223372036854775807)
# call: bxor(-9223372036854775808, 9223372036854775807)
# call: bxor(-9223372036854775808, -9223372036854775808)
# call: bxor(-6, 3)
# call: bxor(5, 5)


def binv(a):
    return ~a


# call: binv(0)
# call: binv(-9223372036854775808)
# call: binv(1)


def precedence(a, b, c, d):
    # a | (b ^ (c & d))
    return a | b ^ c & d


# call: precedence(1, 2, 4, 12)
# call: precedence(0, 7, 3, 5)
# call: precedence(-16, 5, -1, 3)


def explicit(a, b, c, d):
    return ((a | b) ^ c) & d


# call: explicit(1, 2, 4, 12)
# call: explicit(0, 7, 3, 5)
# call: explicit(-16, 5, -1, 3)


def with_compare(a, b):
    # Bitwise operators bind tighter than comparisons: (a & b) == 0 ...
    return (a & b == 0) + (a | b != b) * 2 + (a ^ b > 0) * 4


# call: with_compare(4, 3)
# call: with_compare(5, 7)
# call: with_compare(-1, 1)


def with_arith(a, b):
    # + and << bind tighter than &, |, ^
    return a + 1 & b << 1 | a - b ^ 3


# call: with_arith(5, 6)
# call: with_arith(-5, 6)
# a - b leaves the 64-bit range; the bitwise operations would bring it back
# in CPython (-9223372036854775805):
# expect: with_arith(-9223372036854775807, 9223372036854775807) -> OverflowError


def masks(x):
    lo = x & 0xFFFFFFFF
    hi = (x >> 32) & 0xFFFFFFFF
    return (lo ^ hi) | ((x & 0xFF) << 40)


# call: masks(0)
# call: masks(-1)
# call: masks(81985529216486895)
# call: masks(-9223372036854775808)
# call: masks(9223372036854775807)


def identities(x, y):
    # De Morgan and friends, true for every pair of 64-bit values.
    assert ~(x & y) == ~x | ~y, "de morgan and"
    assert ~(x | y) == ~x & ~y, "de morgan or"
    assert x ^ y == (x | y) & ~(x & y), "xor"
    assert x ^ y ^ y == x, "xor twice"
    assert x == -9223372036854775807 - 1 or ~x == -x - 1, "not"
    return (x & y) ^ (x | y) ^ (x ^ y)


# call: identities(0, 0)
# call: identities(12345, -6789)
# call: identities(-9223372036854775808, 9223372036854775807)
# call: identities(-9223372036854775808, -1)


def xorshift32(x, n):
    # A 32-bit xorshift generator (like the benchmark, fewer rounds).
    for _ in range(n):
        x ^= (x << 13) & 0xFFFFFFFF
        x ^= x >> 17
        x ^= (x << 5) & 0xFFFFFFFF
    return x


# call: xorshift32(2463534242, 1)
# call: xorshift32(2463534242, 1000)
# call: xorshift32(1, 10)
