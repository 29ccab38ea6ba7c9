# Comparisons < <= > >= == != give 1 or 0, are signed (-1 < 0, MIN < MAX),
# and chain as in Python: a < b < c is a < b and b < c with b evaluated once,
# stopping at the first false link (later operands are not evaluated, so a
# trap there does not happen); a != b != c does not relate a and c.


def lt(a, b):
    return a < b


def le(a, b):
    return a <= b


def gt(a, b):
    return a > b


def ge(a, b):
    return a >= b


def eq(a, b):
    return a == b


def ne(a, b):
    return a != b


# call: lt(1, 2)
# call: lt(2, 1)
# call: lt(2, 2)
# call: lt(-1, 0)
# call: lt(0, -1)
# call: lt(-9223372036854775808, 9223372036854775807)
# call: lt(9223372036854775807, -9223372036854775808)
# call: lt(-9223372036854775808, -9223372036854775807)
# call: le(2, 2)
# call: le(-1, 1)
# call: le(1, -1)
# call: le(-9223372036854775808, -9223372036854775808)
# call: le(9223372036854775807, -9223372036854775808)
# call: gt(-1, 1)
# call: gt(1, -1)
# call: gt(9223372036854775807, -9223372036854775808)
# call: gt(-9223372036854775808, 0)
# call: gt(3, 3)
# call: ge(3, 3)
# call: ge(-3, 3)
# call: ge(0, -9223372036854775808)
# call: eq(5, 5)
# call: eq(5, -5)
# call: eq(-9223372036854775808, -9223372036854775808)
# call: ne(5, 5)
# call: ne(-9223372036854775808, 9223372036854775807)
# call: ne(0, 0)


def all_six(a, b):
    return (a < b) + (a <= b) * 2 + (a == b) * 4 + (a != b) * 8 + (a > b) * 16 + (a >= b) * 32


# call: all_six(1, 2)
# call: all_six(2, 2)
# call: all_six(3, 2)
# call: all_six(-9223372036854775808, 9223372036854775807)
# call: all_six(-1, -9223372036854775808)


def sign(x):
    return (x > 0) - (x < 0)


# call: sign(-9223372036854775808)
# call: sign(0)
# call: sign(42)


def chain3(a, b, c):
    return a < b < c


# call: chain3(1, 2, 3)
# call: chain3(1, 3, 2)
# call: chain3(3, 2, 1)
# call: chain3(2, 2, 3)
# call: chain3(-9223372036854775808, 0, 9223372036854775807)


def between(lo, x, hi):
    return lo <= x <= hi


# call: between(0, 0, 0)
# call: between(0, 5, 10)
# call: between(0, 11, 10)
# call: between(0, -1, 10)
# call: between(-9223372036854775808, -9223372036854775808, 9223372036854775807)


def chain_mixed(a, b, c, d):
    return a <= b < c != d


# call: chain_mixed(1, 1, 2, 3)
# call: chain_mixed(1, 1, 2, 2)
# call: chain_mixed(2, 1, 2, 3)
# call: chain_mixed(1, 2, 2, 3)


def chain_ne(a, b, c):
    # 1 != 2 != 1 is true: a and c are never compared
    return a != b != c


# call: chain_ne(1, 2, 1)
# call: chain_ne(1, 1, 2)
# call: chain_ne(1, 2, 2)
# call: chain_ne(1, 2, 3)


def chain_eq(a, b, c):
    return a == b == c


# call: chain_eq(4, 4, 4)
# call: chain_eq(4, 4, 5)
# call: chain_eq(5, 4, 4)


def chain_up_down(a, b, c):
    # a < b > c: b is the largest
    return a < b > c


# call: chain_up_down(1, 5, 2)
# call: chain_up_down(1, 5, 7)
# call: chain_up_down(6, 5, 2)


def chain5(a, b, c, d, e):
    return a > b >= c > d >= e


# call: chain5(5, 4, 4, 3, 3)
# call: chain5(5, 4, 4, 4, 3)
# call: chain5(5, 5, 4, 3, 3)
# call: chain5(5, 4, 4, 3, 4)


def chain_long(a):
    return 0 <= a < 10 <= a * 10 < 100 != a + 1 > a - 1 >= -9


# call: chain_long(0)
# call: chain_long(1)
# call: chain_long(9)
# call: chain_long(10)
# call: chain_long(-1)


def chain_short_circuit(a, b):
    # When a < b is false the rest of the chain is never evaluated, so the
    # division by zero only happens when a < b.
    return a < b < 1 // 0


# call: chain_short_circuit(5, 1)
# call: chain_short_circuit(1, 5)


def chain_middle_call(x):
    # The middle operand is a call: evaluated once, compared on both sides.
    return 0 < square(x) < 100


def square(x):
    return x * x


# call: chain_middle_call(0)
# call: chain_middle_call(3)
# call: chain_middle_call(-9)
# call: chain_middle_call(10)
# square() overflows; CPython's big square just compares false (0):
# expect: chain_middle_call(3037000500) -> OverflowError


def chain_trap_in_middle(x):
    # The middle operand is needed by the first link, so its trap always
    # happens, whatever the outcome of the comparisons.
    return 100 < 10 // x < 1000


# call: chain_trap_in_middle(0)
# call: chain_trap_in_middle(1)


def cmp_in_condition(a, b, c):
    if a < b < c:
        return 1
    elif a > b > c:
        return -1
    return 0


# call: cmp_in_condition(1, 2, 3)
# call: cmp_in_condition(3, 2, 1)
# call: cmp_in_condition(1, 3, 2)


def cmp_arith_precedence(a, b):
    # Arithmetic binds tighter than comparisons; `not` looser.
    return not a + 1 == b - 1


# call: cmp_arith_precedence(1, 3)
# call: cmp_arith_precedence(1, 4)
