# Simultaneous assignment a, b = e1, e2: all right-hand values are computed
# from the old values before any name is assigned (swap, rotate, widths 2 to
# 6, Fibonacci and Euclid steps); a trap in any right-hand value stops the
# statement; new names can be introduced; a name repeated on the left gets the
# last (rightmost) value, as in Python.


def swap(a, b):
    a, b = b, a
    return a * 1000 + b


# call: swap(1, 2)
# call: swap(-7, 9)


def rotate3(a, b, c):
    a, b, c = b, c, a
    return a * 10000 + b * 100 + c


# call: rotate3(1, 2, 3)


def rotate4_twice(a, b, c, d):
    a, b, c, d = d, a, b, c
    a, b, c, d = d, a, b, c
    return a * 1000 + b * 100 + c * 10 + d


# call: rotate4_twice(1, 2, 3, 4)


def width5(a, b, c, d, e):
    a, b, c, d, e = e + a, d - b, c * c, b - d, a + e
    return a * 100000000 + b * 1000000 + c * 10000 + d * 100 + e


# call: width5(1, 2, 3, 4, 5)


def width6(n):
    a, b, c, d, e, f = n, n + 1, n + 2, n + 3, n + 4, n + 5
    a, b, c, d, e, f = f, e, d, c, b, a
    return a - 2 * b + 3 * c - 4 * d + 5 * e - 6 * f


# call: width6(0)
# call: width6(10)


def old_values(a, b):
    # Both right-hand sides use the old a and b.
    a, b = a + b, a - b
    return a * 1000 + b


# call: old_values(10, 3)
# call: old_values(3, 10)


def fib(n):
    a, b = 0, 1
    for _ in range(n):
        a, b = b, a + b
    return a


# call: fib(0)
# call: fib(1)
# call: fib(10)
# call: fib(90)
# call: fib(91)
# The loop computes one Fibonacci number ahead: fib(93) does not fit, although
# CPython returns fib(92) == 7540113804746346429:
# expect: fib(92) -> OverflowError
# call: fib(93)


def gcd(a, b):
    while b:
        a, b = b, a % b
    return a


# call: gcd(1071, 462)
# call: gcd(0, 5)
# call: gcd(-12, 18)
# call: gcd(12, -18)
# call: gcd(-9223372036854775808, 6)


def new_names(n):
    x, y, z = n, n * 2, n * 3
    return x + y + z


# call: new_names(7)


def trap_in_second(n):
    a = 5
    b = 6
    a, b = 100, 10 // n
    return a + b


# call: trap_in_second(0)
# call: trap_in_second(5)


def repeated_target(n):
    # Python assigns left to right: the last value wins.
    a, a = n, n + 1
    return a


# call: repeated_target(10)


def self_swap_in_loop(n):
    lo, hi = 0, n
    steps = 0
    while lo < hi:
        lo, hi = lo + 1, hi - 1
        steps += 1
    return steps * 1000 + lo - hi


# call: self_swap_in_loop(10)
# call: self_swap_in_loop(11)


def tuple_with_calls(n):
    a, b = fib(n), gcd(n, 12)
    return a * 100 + b


# call: tuple_with_calls(9)


def chained_swaps(a, b, c):
    # Sort three values with swaps.
    if a > b:
        a, b = b, a
    if b > c:
        b, c = c, b
    if a > b:
        a, b = b, a
    return a * 10000 + b * 100 + c


# call: chained_swaps(3, 1, 2)
# call: chained_swaps(1, 2, 3)
# call: chained_swaps(3, 2, 1)
# call: chained_swaps(2, 3, 1)


def extended_gcd(a, b):
    # Returns x where a * x + b * y == gcd(a, b).
    x0, x1, y0, y1 = 1, 0, 0, 1
    while b != 0:
        q = a // b
        a, b = b, a - q * b
        x0, x1 = x1, x0 - q * x1
        y0, y1 = y1, y0 - q * y1
    return x0 * 1000000 + y0


# call: extended_gcd(240, 46)
# call: extended_gcd(17, 5)
