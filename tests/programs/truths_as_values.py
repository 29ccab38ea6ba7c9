# Comparison chains and `and`/`or`/`not` of comparisons used as values
# (assigned, returned, passed, printed), where the compiler may compute an
# operand Python would skip: only when skipping it could not be seen. A
# later operand that may be unbound, calls a function, prints, divides or
# indexes a buffer is still reached only when Python reaches it. Long
# chains mix both.


def chain_value(a, b, c):
    return a < b <= c


# call: chain_value(1, 2, 2)
# call: chain_value(3, 2, 2)
# call: chain_value(1, 5, 2)
# call: chain_value(-9223372036854775808, 0, 9223372036854775807)


def long_chain(a, b, c, d, e):
    x = a <= b < c != d >= e
    return x


# call: long_chain(1, 2, 3, 4, 0)
# call: long_chain(1, 2, 3, 3, 0)
# call: long_chain(2, 2, 2, 4, 5)


def six_terms(a):
    return 0 <= a < 10 < 11 > a != 5 >= 3


# call: six_terms(4)
# call: six_terms(5)
# call: six_terms(11)


def and_or_values(a, b):
    p = a < b and b < 10
    q = a > b or b == 0
    r = not a < b and (a == 1 or b == 1)
    return p * 100 + q * 10 + r


# call: and_or_values(1, 2)
# call: and_or_values(3, 0)
# call: and_or_values(1, 0)
# call: and_or_values(20, 30)


def truths_printed(a, b):
    print(int(a < b < 5), int(a < b and b < 5), int(a > b or not b))
    return a < b or a == b


# call: truths_printed(1, 2)
# call: truths_printed(2, 1)
# call: truths_printed(0, 0)


def maybe_unbound(a):
    if a > 0:
        t = a
    return a > 0 and t > 1


# call: maybe_unbound(5)
# call: maybe_unbound(1)
# call: maybe_unbound(0)
# call: maybe_unbound(-3)


def maybe_unbound_chain(a):
    if a > 0:
        t = a
    return 0 < a < t


# call: maybe_unbound_chain(5)
# call: maybe_unbound_chain(0)


def noisy(x):
    print(x)
    return x


def calls_skipped(a):
    x = a < 3 and noisy(a) < 10
    y = a < 3 < noisy(a + 100)
    z = a > 3 or noisy(-a) > 0
    return x + 2 * y + 4 * z


# call: calls_skipped(1)
# call: calls_skipped(5)
# call: calls_skipped(-1)


def division_skipped(a, b):
    return b != 0 and a // b > 1


# call: division_skipped(7, 2)
# call: division_skipped(7, 0)
# call: division_skipped(1, 5)


def index_skipped(x: bytes, i):
    return 0 <= i < len(x) and x[i] > 5


# call: index_skipped(b'\x01\x09', 1)
# call: index_skipped(b'\x01\x09', 2)
# call: index_skipped(b'\x01\x09', -1)


def division_in_chain(a, b):
    return 0 < b < a // b


# call: division_in_chain(10, 2)
# call: division_in_chain(10, 0)
# call: division_in_chain(10, -1)


def many_terms(a, b):
    return (
        a < 1 and b < 1 or a < 2 and b < 2 or a < 3 and b < 3 or a < 4 and b < 4
        or a < 5 and b < 5 or a < 6 and b < 6 or a < 7 and b < 7 or a == b
    )


# call: many_terms(0, 0)
# call: many_terms(6, 1)
# call: many_terms(9, 9)
# call: many_terms(9, 8)


def mixed_ints(a, b):
    return (a < b and b) + (a > b or a) * 10 + (not a and a < b) * 100


# call: mixed_ints(1, 2)
# call: mixed_ints(0, 2)
# call: mixed_ints(3, 2)


MAX = 9223372036854775807


def constants_read(a):
    return a < MAX and -5 < a and not a == 0


# call: constants_read(0)
# call: constants_read(7)
# call: constants_read(9223372036854775807)
