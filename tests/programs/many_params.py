# Functions with many parameters (6, 7, 8, 10, 12): arguments arrive in the
# right order (each position has its own weight), negative and edge values,
# recursion with more parameters than fit in registers, and calls passing
# parameters through in a permuted order.


def six(a, b, c, d, e, f):
    return ((((a * 10 + b) * 10 + c) * 10 + d) * 10 + e) * 10 + f


# call: six(1, 2, 3, 4, 5, 6)
# call: six(6, 5, 4, 3, 2, 1)
# call: six(0, 0, 0, 0, 0, -1)
# call: six(-1, 0, 0, 0, 0, 0)


def seven(a, b, c, d, e, f, g):
    return a - b + c - d + e - f + g * 1000000


# call: seven(1, 2, 3, 4, 5, 6, 7)
# call: seven(-9223372036854775808, 0, 0, 0, 0, 0, 0)
# call: seven(0, 0, 0, 0, 0, 0, 9223372036854)


def eight(a, b, c, d, e, f, g, h):
    return ((((((a * 10 + b) * 10 + c) * 10 + d) * 10 + e) * 10 + f) * 10 + g) * 10 + h


# call: eight(1, 2, 3, 4, 5, 6, 7, 8)
# call: eight(8, 7, 6, 5, 4, 3, 2, 1)
# call: eight(0, 0, 0, 0, 0, 0, 0, 9)
# call: eight(9, 0, 0, 0, 0, 0, 0, 0)


def ten(a, b, c, d, e, f, g, h, i, j):
    return eight(a, b, c, d, e, f, g, h) * 100 + i * 10 + j


# call: ten(1, 2, 3, 4, 5, 6, 7, 8, 9, 0)
# call: ten(9, 8, 7, 6, 5, 4, 3, 2, 1, 0)
# call: ten(0, 0, 0, 0, 0, 0, 0, 0, 0, 1)


def twelve(a, b, c, d, e, f, g, h, i, j, k, m):
    return max(a, b, c, d, e, f) * 1000000 + min(g, h, i, j, k, m) * 1000 + a - m


# call: twelve(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12)
# call: twelve(-9, 3, 0, 0, 0, 0, 0, 0, 0, 0, -4, 100)


def edges8(a, b, c, d, e, f, g, h):
    # Edge values in every position.
    return (a == -9223372036854775807 - 1) + (b == 9223372036854775807) * 2 + (c == -1) * 4 + (d == 0) * 8 + (e == 1) * 16 + (f == -9223372036854775807 - 1) * 32 + (g == 9223372036854775807) * 64 + (h == -2) * 128


# call: edges8(-9223372036854775808, 9223372036854775807, -1, 0, 1, -9223372036854775808, 9223372036854775807, -2)
# call: edges8(0, 0, 0, 0, 0, 0, 0, 0)


def permute(a, b, c, d, e, f, g, h):
    # Passes its parameters on in reverse, then rotated.
    return eight(h, g, f, e, d, c, b, a) * 2 - eight(b, c, d, e, f, g, h, a)


# call: permute(1, 2, 3, 4, 5, 6, 7, 8)


def sum_down(n, a, b, c, d, e, f, g):
    # Recursion where seven values travel along with the counter and rotate.
    if n == 0:
        return a + 2 * b + 3 * c + 4 * d + 5 * e + 6 * f + 7 * g
    return sum_down(n - 1, g, a, b, c, d, e, f + n)


# call: sum_down(0, 1, 2, 3, 4, 5, 6, 7)
# call: sum_down(10, 1, 2, 3, 4, 5, 6, 7)
# call: sum_down(100, -1, -2, -3, -4, -5, -6, -7)


def mix(a, b, c, d, e, f, g, h, i, j):
    # Every parameter used in a different operation.
    return (a + b) * c - d // e + f % g + (h << 2) - (i >> 1) + (j ^ a)


# call: mix(1, 2, 3, 4, 5, 6, 7, 8, 9, 10)
# call: mix(-1, -2, -3, -4, -5, -6, -7, -8, -9, -10)
# call: mix(1, 1, 1, 1, 0, 1, 1, 1, 1, 1)


def zero_params():
    return 42


def call_zero():
    return zero_params() + zero_params()


# call: zero_params()
# call: call_zero()


def one_param(x):
    return x


def nested_calls(a, b, c, d, e, f):
    return six(one_param(f), one_param(e), d, c, one_param(b), six(0, 0, 0, 0, 0, a))


# call: nested_calls(1, 2, 3, 4, 5, 6)
