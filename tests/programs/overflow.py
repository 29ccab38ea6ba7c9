# OverflowError from every operation that can leave the 64-bit range: + - *
# ** <<, abs(), unary -, MIN // -1 (and their augmented forms); the first
# out-of-range intermediate value stops the call even when CPython's big
# integers would come back into range later (those use `# expect:`); trapping
# expressions made only of literals inside a function trap when run, not at
# compile time (they are not module constants), and only on the path that
# runs them.

MAX = 9223372036854775807
MIN = -9223372036854775807 - 1


def op(which, a, b):
    if which == 0:
        return a + b
    if which == 1:
        return a - b
    if which == 2:
        return a * b
    if which == 3:
        return a ** b
    if which == 4:
        return a << b
    if which == 5:
        return abs(a)
    if which == 6:
        return -a
    return a // b


# call: op(0, 9223372036854775807, 1)
# call: op(0, -9223372036854775808, -1)
# call: op(1, -9223372036854775808, 1)
# call: op(1, 9223372036854775807, -1)
# call: op(2, 9223372036854775807, 2)
# call: op(2, -9223372036854775808, -1)
# call: op(2, 3037000500, -3037000500)
# call: op(3, 2, 63)
# call: op(3, 10, 19)
# call: op(4, 1, 63)
# call: op(4, 2, 62)
# call: op(5, -9223372036854775808, 0)
# call: op(6, -9223372036854775808, 0)
# call: op(7, -9223372036854775808, -1)
# The same operations one step inside the range:
# call: op(0, 9223372036854775806, 1)
# call: op(1, -9223372036854775807, 1)
# call: op(2, 4611686018427387904, -2)
# call: op(3, -2, 63)
# call: op(4, 1, 62)
# call: op(5, -9223372036854775807, 0)
# call: op(6, -9223372036854775807, 0)
# call: op(7, -9223372036854775807, -1)


def intermediate(which, x):
    # Each line goes out of range and (in CPython) back in.
    if which == 0:
        return x + 1 - 1
    if which == 1:
        return x - 1 + 1
    if which == 2:
        return x * 2 // 2
    if which == 3:
        return abs(x) - 1
    if which == 4:
        return -x - 1
    if which == 5:
        return (x // -1) // 2
    if which == 6:
        return (x << 1) >> 1
    if which == 7:
        return x ** 2 % 7
    if which == 8:
        return (x + x) - x
    return min(x * x, 0)


# call: intermediate(0, 5)
# expect: intermediate(0, 9223372036854775807) -> OverflowError
# call: intermediate(1, 5)
# expect: intermediate(1, -9223372036854775808) -> OverflowError
# call: intermediate(2, 5)
# expect: intermediate(2, 4611686018427387904) -> OverflowError
# call: intermediate(3, -5)
# expect: intermediate(3, -9223372036854775808) -> OverflowError
# call: intermediate(4, 5)
# expect: intermediate(4, -9223372036854775808) -> OverflowError
# call: intermediate(5, 5)
# expect: intermediate(5, -9223372036854775808) -> OverflowError
# call: intermediate(6, -5)
# expect: intermediate(6, 4611686018427387904) -> OverflowError
# call: intermediate(7, 10)
# expect: intermediate(7, 3037000500) -> OverflowError
# call: intermediate(8, 7)
# expect: intermediate(8, 9223372036854775807) -> OverflowError
# call: intermediate(9, 7)
# expect: intermediate(9, 3037000500) -> OverflowError


def literal_traps(which):
    # Constant operands: an optimizer may fold these, but it must keep the
    # trap, and only this path may raise it.
    if which == 0:
        return 9223372036854775807 + 1
    if which == 1:
        return -9223372036854775807 - 2
    if which == 2:
        return (-9223372036854775807 - 1) // -1
    if which == 3:
        return 2 ** 64
    if which == 4:
        return 1 << 63
    if which == 5:
        return abs(-9223372036854775807 - 1)
    if which == 6:
        return -(-9223372036854775807 - 1)
    if which == 7:
        return 3037000500 * 3037000500
    if which == 8:
        return MAX + 1
    if which == 9:
        return -MIN
    return 0


# call: literal_traps(0)
# call: literal_traps(1)
# call: literal_traps(2)
# call: literal_traps(3)
# call: literal_traps(4)
# call: literal_traps(5)
# call: literal_traps(6)
# call: literal_traps(7)
# call: literal_traps(8)
# call: literal_traps(9)
# call: literal_traps(10)


def literal_intermediate():
    # 9223372036854775807 + 1 - 1 is MAX in CPython; the + already overflows.
    return 9223372036854775807 + 1 - 1


# expect: literal_intermediate() -> OverflowError


def aug_overflow(which, x):
    if which == 0:
        x += 1
    elif which == 1:
        x -= 1
    elif which == 2:
        x *= -1
    elif which == 3:
        x **= 3
    elif which == 4:
        x <<= 1
    else:
        x //= -1
    return x


# call: aug_overflow(0, 9223372036854775807)
# call: aug_overflow(1, -9223372036854775808)
# call: aug_overflow(2, -9223372036854775808)
# call: aug_overflow(3, 2097152)
# call: aug_overflow(4, 4611686018427387904)
# call: aug_overflow(5, -9223372036854775808)
# call: aug_overflow(2, 9223372036854775807)


def loop_overflow(n):
    # Doubling until it overflows: 2 ** 62 fits, 2 ** 63 does not.
    x = 1
    for _ in range(n):
        x *= 2
    return x


# call: loop_overflow(62)
# call: loop_overflow(63)
# call: loop_overflow(64)


def factorial(n):
    r = 1
    for i in range(2, n + 1):
        r *= i
    return r


# call: factorial(20)
# call: factorial(21)


def sum_overflow(n):
    # A running sum that leaves the range halfway: the loop stops there even
    # though adding the negative half would bring CPython's sum back.
    s = 0
    for i in range(n):
        s += 4611686018427387904
    for i in range(n):
        s -= 4611686018427387904
    return s


# call: sum_overflow(1)
# expect: sum_overflow(2) -> OverflowError


def overflow_then_caught_by_path(x):
    # The overflowing operation is on the path not taken.
    if x > 0:
        return x - 1
    return x + 1 if x < 0 else MAX + 1


# call: overflow_then_caught_by_path(9223372036854775807)
# call: overflow_then_caught_by_path(-9223372036854775808)
# call: overflow_then_caught_by_path(0)


def negate_loop(x, n):
    # -x - 1 is ~x in CPython, but -MIN does not fit.
    for _ in range(n):
        x = -x - 1
    return x


# call: negate_loop(5, 3)
# call: negate_loop(9223372036854775807, 1)
# expect: negate_loop(-9223372036854775808, 3) -> OverflowError
# expect: negate_loop(9223372036854775807, 2) -> OverflowError
