# Rewrites an optimizer might be tempted to make, which would change a trap
# into a value (or a value into a trap): x + 1 > x (it traps at MAX), -(-x),
# x * 2 // 2, abs(x) >= 0, y - y with an overflowing y, (x + 1) * 0; a
# division in a loop that runs zero times must not be hoisted and executed;
# a trapping value that is only needed on one path must not be computed on
# the other; common subexpressions in two branches; loop-invariant trapping
# code.


def plus_one_greater(x):
    return x + 1 > x


# call: plus_one_greater(5)
# CPython compares a big integer (1):
# expect: plus_one_greater(9223372036854775807) -> OverflowError


def double_negation(x):
    return -(-x)


# call: double_negation(5)
# call: double_negation(-9223372036854775807)
# CPython gives MIN back:
# expect: double_negation(-9223372036854775808) -> OverflowError


def times_two_halved(x):
    return x * 2 // 2


# call: times_two_halved(-4611686018427387904)
# expect: times_two_halved(4611686018427387904) -> OverflowError
# expect: times_two_halved(-9223372036854775808) -> OverflowError


def abs_nonnegative(x):
    return abs(x) >= 0


# call: abs_nonnegative(-5)
# expect: abs_nonnegative(-9223372036854775808) -> OverflowError


def self_difference(x):
    y = x * 3
    return y - y


# call: self_difference(5)
# expect: self_difference(3074457345618258603) -> OverflowError


def times_zero(x):
    # Multiplying by zero never overflows, but the operand is still computed.
    return (x + 1) * 0


# call: times_zero(5)
# expect: times_zero(9223372036854775807) -> OverflowError


def hoist_division(n, d):
    # 100 // d does not depend on the loop, but must not run when the loop
    # does not.
    s = 0
    for i in range(n):
        s += 100 // d
    return s


# call: hoist_division(0, 0)
# call: hoist_division(3, 0)
# call: hoist_division(3, 7)


def hoist_shift(n, k):
    s = 0
    i = 0
    while i < n:
        s += 1 << k
        i += 1
    return s


# call: hoist_shift(0, -1)
# call: hoist_shift(1, -1)
# call: hoist_shift(2, 4)
# call: hoist_shift(0, 64)
# call: hoist_shift(1, 64)


def hoist_overflow(n, x):
    s = 0
    for i in range(n):
        s = x * x
    return s


# call: hoist_overflow(0, 9223372036854775807)
# call: hoist_overflow(1, 3037000500)
# call: hoist_overflow(2, 3)


def speculate(c, d):
    # 100 // d is needed only when c is true.
    return 100 // d if c else 0


# call: speculate(0, 0)
# call: speculate(1, 0)
# call: speculate(1, 5)


def speculate_if(c, x):
    r = 0
    if c:
        r = -x
    return r


# call: speculate_if(0, -9223372036854775808)
# call: speculate_if(1, -9223372036854775808)
# call: speculate_if(1, 5)


def common_subexpression(a, b, c):
    if c:
        return a // b + 1
    return a // b - 1


# call: common_subexpression(7, 2, 1)
# call: common_subexpression(7, 2, 0)
# call: common_subexpression(7, 0, 1)
# MIN // -1 overflows before the - 1 (CPython answers MAX):
# expect: common_subexpression(-9223372036854775808, -1, 0) -> OverflowError


def strength_reduction(x):
    return x * 8 + x // 8 + x % 8 + x * -1


# call: strength_reduction(-17)
# call: strength_reduction(1000000000000000000)
# call: strength_reduction(-1000000000000000001)
# x * 8 fits, x * 8 + x // 8 does not (CPython comes back in range):
# expect: strength_reduction(1152921504606846975) -> OverflowError


def times8(x):
    return x * 8


# call: times8(1152921504606846975)
# call: times8(1152921504606846976)
# call: times8(-1152921504606846976)
# call: times8(-1152921504606846977)


def negate_by_multiply(x):
    return x * -1


# call: negate_by_multiply(-9223372036854775807)
# call: negate_by_multiply(-9223372036854775808)


def divide_by_minus_one(x):
    return x // -1 + x % -1


# call: divide_by_minus_one(7)
# call: divide_by_minus_one(-9223372036854775808)


def loop_exit_value(n):
    # A loop whose counter is only used after the loop.
    i = 0
    while i < n:
        i += 3
    return i


# call: loop_exit_value(10)
# call: loop_exit_value(-10)


def induction_overflow(n):
    # The counter steps past MAX before the comparison can stop it.
    i = 9223372036854775800
    c = 0
    while i < n:
        i += 5
        c += 1
    return c


# call: induction_overflow(9223372036854775805)
# expect: induction_overflow(9223372036854775807) -> OverflowError


def comparison_folding(x):
    # x - 1 < x is true for every x that does not overflow.
    return x - 1 < x


# call: comparison_folding(0)
# CPython compares a big integer (1):
# expect: comparison_folding(-9223372036854775808) -> OverflowError
