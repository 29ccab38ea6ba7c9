# `and` / `or` return one of their operands, as Python does (3 and 5 is 5,
# 0 or 7 is 7, 0 and x is 0), evaluate left to right and stop early (an
# operand that is not needed is not evaluated, so its trap does not happen),
# mix with not and comparisons (not > and > or), and serve as conditions.


def and2(a, b):
    return a and b


# call: and2(3, 5)
# call: and2(0, 5)
# call: and2(3, 0)
# call: and2(0, 0)
# call: and2(-1, -9223372036854775808)
# call: and2(-9223372036854775808, 9223372036854775807)


def or2(a, b):
    return a or b


# call: or2(0, 7)
# call: or2(3, 7)
# call: or2(0, 0)
# call: or2(-9223372036854775808, 1)
# call: or2(0, -9223372036854775808)
# call: or2(0, -1)


def and3(a, b, c):
    return a and b and c


# call: and3(1, 2, 3)
# call: and3(1, 0, 3)
# call: and3(1, 2, 0)
# call: and3(-5, -6, -7)


def or3(a, b, c):
    return a or b or c


# call: or3(0, 0, -4)
# call: or3(0, 9, -4)
# call: or3(0, 0, 0)


def mixed(a, b, c):
    # and binds tighter than or: a or (b and c)
    return a or b and c


# call: mixed(0, 2, 3)
# call: mixed(1, 2, 3)
# call: mixed(0, 0, 3)
# call: mixed(0, 2, 0)


def mixed2(a, b, c):
    # (a and b) or c
    return a and b or c


# call: mixed2(1, 2, 3)
# call: mixed2(0, 2, 3)
# call: mixed2(1, 0, 3)
# call: mixed2(1, 0, 0)


def with_not(a, b):
    # (not a) and b; not (a or b)
    return (not a and b) * 10 + (not (a or b))


# call: with_not(0, 7)
# call: with_not(0, 0)
# call: with_not(3, 7)


def safe_div(n):
    # The division only runs when n != 0.
    return n != 0 and 100 // n


# call: safe_div(0)
# call: safe_div(7)
# call: safe_div(-7)


def default_div(n):
    return n == 0 or 100 // n


# call: default_div(0)
# call: default_div(3)


def short_traps(a):
    # Each trap sits in an operand that is never reached.
    x = 0 and 1 // 0
    y = 1 or 1 // 0
    z = a and 0 and (-9223372036854775807 - 1) // -1
    w = (a or 1) or 1 << -1
    return x + y + z + w


# call: short_traps(0)
# call: short_traps(5)


def reached_trap(a):
    # Here the trapping operand is reached.
    return a and 1 // 0


# call: reached_trap(0)
# call: reached_trap(1)


def in_arith(a, b):
    return (a and b) + (a or b) * 2 - (b and a or 7)


# call: in_arith(0, 0)
# call: in_arith(2, 0)
# call: in_arith(0, 3)
# call: in_arith(2, 3)


def with_compare(a, b, c):
    return a < b and b < c or a == c


# call: with_compare(1, 2, 3)
# call: with_compare(1, 2, 1)
# call: with_compare(3, 2, 1)
# call: with_compare(5, 5, 5)


def in_condition(a, b):
    n = 0
    if a and b:
        n += 1
    if a or b:
        n += 10
    if not a and not b:
        n += 100
    if (a or b) and not (a and b):
        n += 1000
    return n


# call: in_condition(0, 0)
# call: in_condition(1, 0)
# call: in_condition(0, -1)
# call: in_condition(5, 6)


def first_nonzero(a, b, c, d, e, f):
    return a or b or c or d or e or f or -1


# call: first_nonzero(0, 0, 0, 0, 0, 0)
# call: first_nonzero(0, 0, 0, 0, 0, 6)
# call: first_nonzero(0, 0, 3, 0, 5, 6)


def guard_loop(n):
    # A while condition with and: stops before dividing by zero.
    i = 5
    total = 0
    while i >= n and i != 0 and 60 // i > 0:
        total += 60 // i
        i -= 1
    return total


# call: guard_loop(3)
# call: guard_loop(-3)
