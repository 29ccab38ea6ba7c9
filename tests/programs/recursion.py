# Recursion: fib, Ackermann (small), mutual recursion (is_even / is_odd),
# Takeuchi, recursive gcd and power, functions defined after their callers,
# and the recursion limit: with the default limit of 1000 frames (the entry
# call is depth 1) a chain 1000 deep runs and the 1001st call raises
# RecursionError; after a RecursionError the next call works again.


def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


# call: fib(0)
# call: fib(1)
# call: fib(2)
# call: fib(15)
# call: fib(20)
# call: fib(-5)


def ack(m, n):
    if m == 0:
        return n + 1
    if n == 0:
        return ack(m - 1, 1)
    return ack(m - 1, ack(m, n - 1))


# call: ack(0, 0)
# call: ack(1, 2)
# call: ack(2, 3)
# call: ack(3, 3)
# call: ack(3, 4)


def is_even(n):
    if n == 0:
        return 1
    return is_odd(n - 1)


def is_odd(n):
    if n == 0:
        return 0
    return is_even(n - 1)


# call: is_even(0)
# call: is_even(7)
# call: is_odd(7)
# call: is_even(500)
# call: is_odd(501)


def tak(x, y, z):
    if y < x:
        return tak(tak(x - 1, y, z), tak(y - 1, z, x), tak(z - 1, x, y))
    return z


# call: tak(6, 4, 2)
# call: tak(12, 8, 4)
# call: tak(18, 12, 6)


def gcd(a, b):
    if b == 0:
        return a
    return gcd(b, a % b)


# call: gcd(1071, 462)
# call: gcd(832040, 514229)


def fast_pow(b, e):
    # Recursive exponentiation by squaring.
    if e == 0:
        return 1
    h = fast_pow(b, e // 2)
    if e % 2 == 0:
        return h * h
    return h * h * b


# call: fast_pow(3, 39)
# call: fast_pow(-2, 63)
# call: fast_pow(2, 63)
# call: fast_pow(7, 0)


def sum_digits(n):
    return n if n < 10 else n % 10 + sum_digits(n // 10)


# call: sum_digits(9223372036854775807)


def later_defined(n):
    # Calls a function defined further down.
    return defined_below(n) + 1


def defined_below(n):
    return n * 2


# call: later_defined(20)


def depth(n):
    # n + 1 frames: depth(0) is the deepest.
    if n == 0:
        return 0
    return depth(n - 1) + 1


# call: depth(0)
# call: depth(500)
# 1000 frames run, 1001 do not (CPython's own limit is counted differently):
# expect: depth(999) -> 999
# expect: depth(1000) -> RecursionError
# expect: depth(100000) -> RecursionError
# call: depth(10)
# expect: depth(998) -> 998


def count_down_mutual(n):
    # 2 * n + 1 frames in a chain of two functions.
    if n == 0:
        return 0
    return count_down_helper(n)


def count_down_helper(n):
    return count_down_mutual(n - 1) + 1


# expect: count_down_mutual(499) -> 499
# expect: count_down_mutual(500) -> RecursionError
# call: count_down_mutual(100)


def forever(n):
    return forever(n + 1)


# expect: forever(0) -> RecursionError
# expect: forever(-9223372036854775808) -> RecursionError


def forever_overflow(n):
    # Reaches the recursion limit long before n overflows.
    return forever_overflow(n + 1) + 1


# expect: forever_overflow(9223372036854774000) -> RecursionError
# expect: forever_overflow(9223372036854775000) -> OverflowError


def deep_then_shallow(n):
    # Recursion in a loop: each chain returns before the next starts, so the
    # depth never adds up.
    s = 0
    for i in range(n):
        s += depth(900)
    return s


# expect: deep_then_shallow(5) -> 4500


def binomial(n, k):
    if k == 0 or k == n:
        return 1
    return binomial(n - 1, k - 1) + binomial(n - 1, k)


# call: binomial(10, 5)
# call: binomial(20, 3)


def hanoi(n):
    # Number of moves for n disks.
    if n == 0:
        return 0
    return hanoi(n - 1) + 1 + hanoi(n - 1)


# call: hanoi(15)
