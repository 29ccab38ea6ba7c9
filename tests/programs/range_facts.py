# Overflow checks that a range analysis may remove only when the facts hold:
# products and sums guarded by conditions that bound one side only (or both,
# one step too wide), remainders by a divisor of either sign, masks, shifts
# by 62, abs, min/max clamps, loop variables of range with steps that reach
# the 64-bit edges, loops that double a negative value or add a value to
# itself until it overflows, bytearray items (0..255) in products, len, a
# conditional expression and comparisons (0 or 1) as factors.


MAX = 9223372036854775807
MIN = -9223372036854775807 - 1


def dbl_neg(x):
    n = 0
    while x < 100:
        x = x * 2
        n += 1
        if n > 200:
            return -1
    return n


# expect: dbl_neg(-1) -> OverflowError
# call: dbl_neg(1)
# expect: dbl_neg(-9223372036854775807) -> OverflowError


def grow(x):
    n = 0
    while x > 0:
        x += x
        n += 1
    return n


# expect: grow(1) -> OverflowError
# expect: grow(3) -> OverflowError


def small_mul(x):
    if x >= -5 and x <= 5:
        return x * 2305843009213693952
    return 0


# call: small_mul(-4)
# call: small_mul(3)
# call: small_mul(4)
# call: small_mul(-5)
# call: small_mul(5)


def guard_ne(x):
    if x != -9223372036854775807 - 1:
        return -x
    return 7


# call: guard_ne(-9223372036854775807)
# call: guard_ne(-9223372036854775808)


def guard_lt(x):
    if x < 10:
        return x - 1
    return x + 1


# call: guard_lt(-9223372036854775808)
# call: guard_lt(9223372036854775807)


def mod_range(x, d):
    r = x % d
    return r * 4611686018427387904


# call: mod_range(5, 3)
# call: mod_range(5, 2)
# call: mod_range(-5, 3)
# call: mod_range(5, -3)
# call: mod_range(-9223372036854775808, 3)
# call: mod_range(1, -9223372036854775808)
# call: mod_range(-1, -9223372036854775808)


def and_mask(x):
    y = x & 3
    return y * 3074457345618258602


# call: and_mask(3)
# call: and_mask(2)
# call: and_mask(-1)


def shr_range(x):
    y = x >> 62
    return y * 4611686018427387904 + y * 4611686018427387904


# call: shr_range(-1)
# call: shr_range(9223372036854775807)
# call: shr_range(-9223372036854775808)


def abs_range(x):
    a = abs(x)
    return a + a


# call: abs_range(4611686018427387903)
# call: abs_range(4611686018427387904)
# call: abs_range(-4611686018427387904)
# call: abs_range(-9223372036854775808)


def sub_loop(n, step):
    i = 0
    c = 0
    while i > -100:
        i -= step
        c += 1
    return c


# call: sub_loop(0, 3)
# call: sub_loop(0, 9223372036854775807)


def induct(a, b):
    s = 0
    for i in range(a, b):
        s = i + 2
    return s


# call: induct(0, 5)
# call: induct(9223372036854775800, 9223372036854775806)
# call: induct(9223372036854775800, 9223372036854775807)


def induct_neg(a, b):
    s = 0
    for i in range(a, b, -1):
        s = i - 2
    return s


# call: induct_neg(-9223372036854775800, -9223372036854775806)
# call: induct_neg(-9223372036854775800, -9223372036854775807)
# call: induct_neg(-9223372036854775800, -9223372036854775808)


def induct_step(a, b, st):
    s = 0
    for i in range(a, b, st):
        s = i + st
    return s


# call: induct_step(0, 100, 7)
# call: induct_step(9223372036854775000, 9223372036854775807, 100)
# call: induct_step(9223372036854775000, 9223372036854775807, 101)
# call: induct_step(9223372036854775000, 9223372036854775807, 9223372036854775807)
# call: induct_step(-9223372036854775808, 9223372036854775807, 9223372036854775807)
# call: induct_step(9223372036854775807, -9223372036854775808, -9223372036854775808)
# call: induct_step(9223372036854775807, -9223372036854775807, -9223372036854775808)


def minmax_range(x):
    y = min(max(x, -10), 10)
    return y * 922337203685477580


# call: minmax_range(100)
# call: minmax_range(-100)
# call: minmax_range(9)


def sq(x):
    if x > 3037000499:
        return 0
    if x < -3037000499:
        return 0
    return x * x


# call: sq(3037000499)
# call: sq(-3037000499)


def sq2(x):
    if x > 3037000499:
        return 0
    return x * x


# call: sq2(-3037000500)
# call: sq2(-9223372036854775808)


def cmp_sum(a, b):
    if a > 0 and b > 0:
        return a + b
    if a < 0 and b < 0:
        return a + b
    return a + b


# call: cmp_sum(9223372036854775807, 1)
# call: cmp_sum(-9223372036854775808, -1)
# call: cmp_sum(-9223372036854775808, 9223372036854775807)
# call: cmp_sum(4611686018427387904, 4611686018427387903)
# call: cmp_sum(4611686018427387904, 4611686018427387904)


def neq_div(a, b):
    if b != -1:
        return a // b
    return 0


# call: neq_div(-9223372036854775808, 1)
# call: neq_div(-9223372036854775808, -2)
# call: neq_div(-9223372036854775808, -1)


def noteq(a, b):
    if a == b:
        return a - b
    return a - b


# call: noteq(-9223372036854775808, -9223372036854775808)
# call: noteq(-9223372036854775808, 1)
# call: noteq(9223372036854775807, -1)


def bytes_mul(x: bytearray, i):
    return x[i] * 36170086419038334 + x[i] * 36170086419038334


# call: bytes_mul(bytearray(b'\xff'), 0)
# call: bytes_mul(bytearray(b'\x7f'), 0)
# call: bytes_mul(bytearray(b'\x80'), 0)


def len_neg(x: list[int]):
    return -len(x) - 9223372036854775807


# call: len_neg([0])
# call: len_neg([])


def ifexp_range(c, x):
    y = 1 if c else x
    return y * 4611686018427387904


# call: ifexp_range(1, 2)
# call: ifexp_range(0, 2)
# call: ifexp_range(0, -2)
# call: ifexp_range(0, -3)


def bool_range(a):
    return (a < 3) * MAX + (a > 3) * MIN + (a == 3)


# call: bool_range(2)
# call: bool_range(3)
# call: bool_range(4)


def boolops(a, b):
    y = a and b
    return y * 2


# call: boolops(3, 5)
# call: boolops(0, 5)
# call: boolops(3, 4611686018427387904)
