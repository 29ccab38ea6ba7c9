# Exponentiation: overflow boundaries for many exponents (a ** n fits, (a+1) ** n
# does not), negative bases, 0 ** 0, 0/1/-1 to huge powers, negative exponents
# (ZeroDivisionError for base 0, ValueError otherwise), right associativity,
# unary minus binding (-2 ** 2 == -4, 2 ** -1 is 2 ** (-1)), and intermediate
# overflow (-2 ** 63: CPython gives MIN, minijit must refuse 2 ** 63).


def p(a, n):
    return a ** n


# call: p(2, 10)
# call: p(-2, 3)
# call: p(-2, 4)
# call: p(0, 0)
# call: p(5, 0)
# call: p(-5, 0)
# call: p(0, 1)
# call: p(0, 5)
# call: p(-9223372036854775808, 0)
# call: p(-9223372036854775808, 1)
# call: p(-9223372036854775808, 2)
# call: p(9223372036854775807, 1)
# call: p(9223372036854775807, 2)
# call: p(2, 62)
# call: p(2, 63)
# call: p(2, 64)
# call: p(-2, 63)
# call: p(-2, 64)
# call: p(-2, 62)
# call: p(4, 31)
# call: p(4, 32)
# call: p(-8, 21)
# call: p(-8, 22)
# call: p(3, 39)
# call: p(3, 40)
# call: p(-3, 39)
# call: p(-3, 40)
# call: p(10, 18)
# call: p(10, 19)
# call: p(-10, 18)
# call: p(-10, 19)
# call: p(7, 22)
# call: p(7, 23)
# call: p(3037000499, 2)
# call: p(3037000500, 2)
# call: p(-3037000499, 2)
# call: p(-3037000500, 2)
# call: p(2097151, 3)
# call: p(2097152, 3)
# call: p(-2097152, 3)
# call: p(-2097153, 3)
# call: p(55108, 4)
# call: p(55109, 4)
# call: p(6208, 5)
# call: p(6209, 5)
# call: p(1448, 6)
# call: p(1449, 6)
# call: p(511, 7)
# call: p(512, 7)
# call: p(-512, 7)
# call: p(127, 9)
# call: p(128, 9)
# call: p(-128, 9)
# call: p(2, 1000)
# call: p(3, 100)
# call: p(1, 9223372036854775807)
# call: p(-1, 9223372036854775807)
# call: p(-1, 9223372036854775806)
# call: p(0, 9223372036854775807)
# call: p(2, -1)
# call: p(1, -1)
# call: p(-1, -1)
# call: p(-1, -2)
# call: p(10, -3)
# call: p(-9223372036854775808, -1)
# call: p(0, -1)
# call: p(0, -2)
# call: p(0, -9223372036854775808)
# CPython would try to build a number with 2**63 bits (MemoryError):
# expect: p(2, 9223372036854775807) -> OverflowError
# expect: p(-2, 9223372036854775807) -> OverflowError
# expect: p(-9223372036854775808, 9223372036854775807) -> OverflowError
# expect: p(9223372036854775807, 9223372036854775807) -> OverflowError
# expect: p(3, 4611686018427387904) -> OverflowError


def squares(x):
    # Constant exponents, which an optimizer may turn into multiplications.
    return x ** 2 + x ** 1 + x ** 0


# call: squares(0)
# call: squares(-7)
# call: squares(3037000498)
# call: squares(3037000499)
# call: squares(-3037000499)
# call: squares(3037000500)
# call: squares(-9223372036854775808)


def cube(x):
    return x ** 3


# call: cube(-2097152)
# call: cube(2097151)
# call: cube(2097152)
# call: cube(-2097153)


def pow63(x):
    return x ** 63


# call: pow63(1)
# call: pow63(-1)
# call: pow63(0)
# call: pow63(2)
# call: pow63(-2)
# call: pow63(3)


def neg_pow(x):
    # -x ** 2 is -(x ** 2)
    return -x ** 2


# call: neg_pow(3)
# call: neg_pow(-3)
# call: neg_pow(3037000499)


def neg_pow63(x):
    return -x ** 63


# x ** 63 == 2 ** 63 is out of range before the minus brings it back
# (CPython answers -9223372036854775808):
# expect: neg_pow63(2) -> OverflowError
# call: neg_pow63(-2)
# call: neg_pow63(1)


def precedence():
    a = -2 ** 2
    b = (-2) ** 2
    c = 2 ** 3 ** 2
    d = (2 ** 3) ** 2
    e = 2 ** -(-3)
    f = -3 ** 3 ** 1 * 2
    g = ~2 ** 2
    return a * 1000000 + b * 100000 + c * 100 + d + e * 10 + f + g


# call: precedence()


def tower(a, b, c):
    return a ** b ** c


# call: tower(2, 3, 2)
# call: tower(2, 2, 5)
# call: tower(2, 2, 6)
# call: tower(-1, 2, 62)
# call: tower(0, 0, 0)
# call: tower(5, 0, 0)
# call: tower(3, 0, 5)
# call: tower(1, 2, -1)


def neg_exponent(x):
    return 2 ** -x


# call: neg_exponent(-10)
# call: neg_exponent(0)
# call: neg_exponent(1)


def half_used(x):
    # The float CPython makes from 2 ** -1 does not survive int() or a
    # comparison there, so CPython answers 0 / 1; minijit stops at the ** itself.
    if x == 0:
        return int(2 ** -1)
    if x == 1:
        return 2 ** -1 < 1
    if x == 2:
        return bool(10 ** -1)
    return (3 ** -1) * 0 == 0


# expect: half_used(0) -> ValueError
# expect: half_used(1) -> ValueError
# expect: half_used(2) -> ValueError
# expect: half_used(3) -> ValueError


def pow_intermediate(x):
    # 2 ** 64 // 2 ** 60 == 16 in CPython; 2 ** 64 does not fit.
    return 2 ** x // 2 ** 60


# call: pow_intermediate(62)
# expect: pow_intermediate(64) -> OverflowError


def power_loop(base, n):
    r = 1
    for _ in range(n):
        r *= base
    return r - base ** n


# call: power_loop(3, 39)
# call: power_loop(-2, 63)
# call: power_loop(-7, 5)
