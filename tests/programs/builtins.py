# The builtins abs(x), min(a, b, ...), max(a, b, ...) with 2 to 6 arguments,
# int(x) and bool(x): edge values (abs(MIN) overflows, abs(MIN + 1) is MAX),
# ties, all arguments evaluated left to right (a trap in any one happens),
# nesting, and use in conditions and ranges.


def b_abs(x):
    return abs(x)


# call: b_abs(0)
# call: b_abs(5)
# call: b_abs(-5)
# call: b_abs(9223372036854775807)
# call: b_abs(-9223372036854775807)
# call: b_abs(-9223372036854775808)


def min2(a, b):
    return min(a, b)


def max2(a, b):
    return max(a, b)


# call: min2(1, 2)
# call: min2(2, 1)
# call: min2(-1, 1)
# call: min2(-9223372036854775808, 9223372036854775807)
# call: min2(9223372036854775807, -9223372036854775808)
# call: min2(-1, -1)
# call: max2(1, 2)
# call: max2(2, 1)
# call: max2(-1, 1)
# call: max2(-9223372036854775808, 9223372036854775807)
# call: max2(9223372036854775807, -9223372036854775808)
# call: max2(-9223372036854775808, -9223372036854775808)


def min3(a, b, c):
    return min(a, b, c)


def max3(a, b, c):
    return max(a, b, c)


# call: min3(3, 1, 2)
# call: min3(1, 3, 2)
# call: min3(3, 2, 1)
# call: max3(3, 1, 2)
# call: max3(1, 3, 2)
# call: max3(1, 2, 3)
# call: max3(-5, -9223372036854775808, -6)


def min4(a, b, c, d):
    return min(a, b, c, d)


def max5(a, b, c, d, e):
    return max(a, b, c, d, e)


def min6(a, b, c, d, e, f):
    return min(a, b, c, d, e, f)


def max6(a, b, c, d, e, f):
    return max(a, b, c, d, e, f)


# call: min4(4, 3, 2, 1)
# call: min4(1, 2, 3, 4)
# call: min4(2, -9223372036854775808, 3, 4)
# call: max5(1, 2, 3, 4, 5)
# call: max5(5, 4, 3, 2, 1)
# call: max5(-1, -2, 9223372036854775807, -4, -5)
# call: min6(6, 5, 4, 3, 2, 1)
# call: min6(1, 2, 3, 4, 5, 6)
# call: min6(0, 0, 0, -1, 0, 0)
# call: max6(6, 5, 4, 3, 2, 1)
# call: max6(1, 2, 3, 4, 5, 6)
# call: max6(-9, -8, -7, -9223372036854775808, -6, -10)


def int_bool(x):
    return int(x) * 10 + bool(x)


# call: int_bool(0)
# call: int_bool(7)
# call: int_bool(-7)
# call: int_bool(-922337203685477580)


def int_of_bool(a, b):
    return int(a < b) + int(True) * 10 + int(False) * 100 + bool(-1) * 1000 + bool(0) + int(int(a))


# call: int_of_bool(1, 2)
# call: int_of_bool(2, 1)


def bool_edges(x):
    return bool(x)


# call: bool_edges(-9223372036854775808)
# call: bool_edges(9223372036854775807)
# call: bool_edges(4294967296)
# call: bool_edges(0)


def nested(a, b, c):
    return abs(min(a, -b, max(c, a - b))) + max(abs(a), abs(b), abs(c), int(bool(a)))


# call: nested(3, 4, 5)
# call: nested(-3, -4, -5)
# call: nested(0, 0, 0)


def clamp(x, lo, hi):
    return max(lo, min(x, hi))


# call: clamp(5, 0, 10)
# call: clamp(-5, 0, 10)
# call: clamp(50, 0, 10)
# call: clamp(-9223372036854775808, -9223372036854775808, 9223372036854775807)


def args_all_evaluated(n):
    # min and max evaluate every argument, so the division traps even though
    # the other argument would decide the result.
    return min(-9223372036854775807 - 1, 10 // n) + max(9223372036854775807, 10 // n)


# call: args_all_evaluated(0)
# call: args_all_evaluated(5)


def abs_in_arg(x):
    return max(0, abs(x))


# call: abs_in_arg(-9223372036854775808)
# call: abs_in_arg(-9223372036854775807)


def builtins_in_control(n):
    s = 0
    for i in range(min(n, 10), max(n, 10)):
        if abs(i - 10) > 2 and bool(i % 2):
            s += int(i)
    return s


# call: builtins_in_control(0)
# call: builtins_in_control(20)


def abs_diff(a, b):
    return abs(a - b)


# call: abs_diff(3, 10)
# call: abs_diff(-9223372036854775807, 0)
# call: abs_diff(-9223372036854775808, 0)
# call: abs_diff(-9223372036854775807, 1)
# call: abs_diff(9223372036854775807, -1)


def min_max_sum(a, b, c):
    return min(a, b, c) + max(a, b, c) - min(max(a, b), max(b, c), max(a, c))


# call: min_max_sum(1, 2, 3)
# call: min_max_sum(3, 1, 2)
# call: min_max_sum(-9223372036854775807, 0, 9223372036854775807)


def min_max_long(x):
    return min(x, x + 1, x - 1, 2 * x, x // 2, -x) + max(x, x + 1, x - 1, 2 * x, x // 2, -x)


# call: min_max_long(7)
# call: min_max_long(-7)
# call: min_max_long(0)
