# Floor division and modulo: every sign combination, the remainder takes the
# sign of the divisor, the 64-bit edges (MIN // -1 overflows, MIN % -1 is 0),
# division by zero, and constant divisors (powers of two, -1, 1, odd, big) that
# an optimizer may strength-reduce.


def fdiv(a, b):
    return a // b


# call: fdiv(7, 2)
# call: fdiv(-7, 2)
# call: fdiv(7, -2)
# call: fdiv(-7, -2)
# call: fdiv(6, 3)
# call: fdiv(-6, 3)
# call: fdiv(6, -3)
# call: fdiv(-6, -3)
# call: fdiv(0, 5)
# call: fdiv(0, -5)
# call: fdiv(1, 2)
# call: fdiv(-1, 2)
# call: fdiv(1, -2)
# call: fdiv(-1, -2)
# call: fdiv(5, 0)
# call: fdiv(0, 0)
# call: fdiv(-9223372036854775808, 0)
# call: fdiv(1, -9223372036854775808)
# call: fdiv(-1, -9223372036854775808)
# call: fdiv(0, -9223372036854775808)
# call: fdiv(-9223372036854775808, -9223372036854775808)
# call: fdiv(-9223372036854775808, 1)
# call: fdiv(-9223372036854775808, -1)
# call: fdiv(-9223372036854775807, -1)
# call: fdiv(-9223372036854775808, 2)
# call: fdiv(-9223372036854775808, -2)
# call: fdiv(-9223372036854775808, 3)
# call: fdiv(-9223372036854775808, 9223372036854775807)
# call: fdiv(9223372036854775807, -9223372036854775808)
# call: fdiv(9223372036854775807, -1)
# call: fdiv(9223372036854775807, 2)
# call: fdiv(9223372036854775807, 9223372036854775807)
# call: fdiv(9223372036854775806, 9223372036854775807)
# call: fdiv(-9223372036854775807, 9223372036854775807)


def fmod(a, b):
    return a % b


# call: fmod(7, 2)
# call: fmod(-7, 2)
# call: fmod(7, -2)
# call: fmod(-7, -2)
# call: fmod(6, 3)
# call: fmod(-6, 3)
# call: fmod(6, -3)
# call: fmod(0, 5)
# call: fmod(0, -5)
# call: fmod(5, 0)
# call: fmod(0, 0)
# call: fmod(-9223372036854775808, 0)
# call: fmod(-9223372036854775808, -1)
# call: fmod(-9223372036854775808, 1)
# call: fmod(-9223372036854775808, 2)
# call: fmod(-9223372036854775808, 3)
# call: fmod(-9223372036854775808, -3)
# call: fmod(-9223372036854775808, -9223372036854775808)
# call: fmod(-9223372036854775808, 9223372036854775807)
# call: fmod(9223372036854775807, -9223372036854775808)
# call: fmod(1, -9223372036854775808)
# call: fmod(-1, -9223372036854775808)
# call: fmod(0, -9223372036854775808)
# call: fmod(9223372036854775807, 2)
# call: fmod(9223372036854775807, -2)
# call: fmod(-9223372036854775807, 9223372036854775807)
# call: fmod(-1, 9223372036854775807)


def identity(a, b):
    # a == (a // b) * b + a % b, and the remainder is between 0 and b.
    q = a // b
    r = a % b
    assert q * b + r == a, "division identity"
    if b > 0:
        assert 0 <= r < b, "remainder out of range"
    else:
        assert b < r <= 0, "remainder out of range"
    return q * 100 + r


# call: identity(17, 5)
# call: identity(-17, 5)
# call: identity(17, -5)
# call: identity(-17, -5)
# call: identity(-1, 7)
# call: identity(0, -7)
# call: identity(1000000007, -97)


def by_consts(x):
    # Constant divisors and moduli of both signs in one expression.
    return x // 8 + x % 8 + x // -8 + x % -8


# call: by_consts(0)
# call: by_consts(13)
# call: by_consts(-13)
# call: by_consts(-8)
# call: by_consts(9223372036854775807)
# call: by_consts(-9223372036854775808)


def const_div(x, which):
    if which == 0:
        return x // 1
    if which == 1:
        return x // -1
    if which == 2:
        return x // 2
    if which == 3:
        return x // -2
    if which == 4:
        return x // 4
    if which == 5:
        return x // 7
    if which == 6:
        return x // -7
    if which == 7:
        return x // 1024
    if which == 8:
        return x // 1000000007
    if which == 9:
        return x // 9223372036854775807
    if which == 10:
        return x // (-9223372036854775807 - 1)
    if which == 11:
        return x // 4611686018427387904
    return x // 3


# call: const_div(9, 0)
# call: const_div(-9, 1)
# call: const_div(-9223372036854775808, 0)
# call: const_div(-9223372036854775808, 1)
# call: const_div(9223372036854775807, 1)
# call: const_div(-9, 2)
# call: const_div(-9, 3)
# call: const_div(9, 3)
# call: const_div(-9223372036854775808, 2)
# call: const_div(-9223372036854775808, 3)
# call: const_div(-1, 4)
# call: const_div(-4, 4)
# call: const_div(-5, 4)
# call: const_div(-1, 5)
# call: const_div(-14, 5)
# call: const_div(-15, 5)
# call: const_div(15, 6)
# call: const_div(-15, 6)
# call: const_div(-1025, 7)
# call: const_div(-9223372036854775808, 8)
# call: const_div(9223372036854775807, 8)
# call: const_div(-9223372036854775808, 9)
# call: const_div(9223372036854775807, 9)
# call: const_div(-1, 9)
# call: const_div(-1, 10)
# call: const_div(-9223372036854775808, 10)
# call: const_div(9223372036854775807, 10)
# call: const_div(-4611686018427387905, 11)
# call: const_div(-9223372036854775808, 11)
# call: const_div(-7, 12)
# call: const_div(-9223372036854775808, 12)


def const_mod(x, which):
    if which == 0:
        return x % 1
    if which == 1:
        return x % -1
    if which == 2:
        return x % 2
    if which == 3:
        return x % -2
    if which == 4:
        return x % 16
    if which == 5:
        return x % 7
    if which == 6:
        return x % -7
    if which == 7:
        return x % 13
    if which == 8:
        return x % 1000000007
    if which == 9:
        return x % 9223372036854775807
    if which == 10:
        return x % (-9223372036854775807 - 1)
    return x % 3


# call: const_mod(-9223372036854775808, 0)
# call: const_mod(-9223372036854775808, 1)
# call: const_mod(-9, 1)
# call: const_mod(-9, 2)
# call: const_mod(9, 3)
# call: const_mod(-9223372036854775807, 2)
# call: const_mod(-9223372036854775807, 3)
# call: const_mod(-1, 4)
# call: const_mod(-17, 4)
# call: const_mod(-9223372036854775808, 4)
# call: const_mod(-1, 5)
# call: const_mod(-9223372036854775808, 5)
# call: const_mod(1, 6)
# call: const_mod(-1, 6)
# call: const_mod(-100, 7)
# call: const_mod(-1, 8)
# call: const_mod(-9223372036854775808, 8)
# call: const_mod(-1, 9)
# call: const_mod(-9223372036854775808, 9)
# call: const_mod(9223372036854775807, 9)
# call: const_mod(5, 10)
# call: const_mod(-5, 10)
# call: const_mod(-9223372036854775808, 10)
# call: const_mod(-9223372036854775808, 11)
# call: const_mod(-1, 11)


def floordiv_precedence(a, b, c):
    # `//` and `%` bind like `*`, left to right; unary minus binds tighter.
    return -a // b % c + a * b // c - a % b * c


# call: floordiv_precedence(17, 5, 3)
# call: floordiv_precedence(-17, 5, 3)
# call: floordiv_precedence(17, -5, -3)
# call: floordiv_precedence(7, 2, 0)


def digits_sum(n):
    n = abs(n)
    s = 0
    while n > 0:
        s += n % 10
        n //= 10
    return s


# call: digits_sum(0)
# call: digits_sum(9876543210)
# call: digits_sum(-9223372036854775807)
# abs(MIN) overflows before the loop (CPython would answer 89):
# expect: digits_sum(-9223372036854775808) -> OverflowError
