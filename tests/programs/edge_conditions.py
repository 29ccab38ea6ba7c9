# Values bounded by the condition of the edge that passes them (the range
# analysis uses it: `x * x <= n` on the way back into a loop bounds `x`):
# loops whose test is a sum of squares, a difference or an equality, taken
# on the true and the false edge, at the edges of the 64-bit range.


def isqrt_loop(n):
    # The back edge is taken while (x + 1) squared stays at most n.
    x = 0
    while (x + 1) * (x + 1) <= n:
        x += 1
    return x


# call: isqrt_loop(0)
# call: isqrt_loop(1)
# call: isqrt_loop(99)
# call: isqrt_loop(1000000)
# call: isqrt_loop(-5)


def squares_then_grow(x, y, limit):
    # On the way back, x * x + y * y <= limit bounds both; the body then
    # doubles them, and the products after the loop may overflow.
    n = 0
    while x * x + y * y <= limit and n < 100:
        x, y = 2 * x + 1, y * 3 - 1
        n += 1
    return x * 1000003 + y


# call: squares_then_grow(0, 0, 1000000)
# call: squares_then_grow(-7, 5, 1099511627776)
# call: squares_then_grow(3, -3, 0)
# expect: squares_then_grow(3037000499, 0, 9223372036854775807) -> OverflowError
# expect: squares_then_grow(-3037000499, 0, 9223372036854775806) -> OverflowError


def difference_window(a, b):
    # Back into the loop only while a - b < 100: a stays below b + 100.
    s = 0
    while a - b < 100:
        s += a
        a += 7
    return s


# call: difference_window(0, 0)
# call: difference_window(-1000, 5)
# call: difference_window(9223372036854775000, 9223372036854775000)
# expect: difference_window(9223372036854775800, 9223372036854775807) -> OverflowError


def false_edge(x):
    # The loop leaves when x >= 1000 is false: below it, x + x fits.
    while x >= 1000:
        x = x // 3
    return x + x + x * x


# call: false_edge(5)
# call: false_edge(1000000000000000000)
# call: false_edge(-3037000499)
# expect: false_edge(-3037000500) -> OverflowError
# expect: false_edge(-9223372036854775808) -> OverflowError


def equal_edge(x, y):
    # On the edge where x == y, x has y's interval.
    total = 0
    while x == y and total < 3:
        total += x * 2
        y += 1
        x += 1
    return total


# call: equal_edge(4, 4)
# call: equal_edge(4, 5)
# expect: equal_edge(4611686018427387904, 4611686018427387904) -> OverflowError
