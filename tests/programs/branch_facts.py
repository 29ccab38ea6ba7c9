# Checked arithmetic that a dominating branch condition proves cannot
# overflow (n - 1 after `if n < 2: return n`; x - 1 after `y < x`), at the
# edges of the range, and the same arithmetic where no condition holds.


def fib_like(n):
    if n < 2:
        return n
    return (n - 1) + (n - 2)


# call: fib_like(2)
# call: fib_like(-9223372036854775808)
# call: fib_like(4611686018427387904)
# call: fib_like(4611686018427387905)
# call: fib_like(9223372036854775807)


def below(x, y):
    if y < x:
        return x - 1
    return y - 1


# call: below(-9223372036854775807, -9223372036854775808)
# call: below(-9223372036854775808, -9223372036854775808)
# call: below(5, 3)
# call: below(3, 5)


def at_least(x):
    if x >= 10:
        return x * 3 - 30
    return 0


# call: at_least(10)
# call: at_least(3074457345618258602)
# call: at_least(3074457345618258613)
# call: at_least(-5)
