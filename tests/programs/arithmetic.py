# Arithmetic: binary + - * and unary - + ~ on small values and at the 64-bit
# edges (i64::MIN = -9223372036854775807 - 1, i64::MAX = 9223372036854775807),
# precedence and associativity (a - b - c, -2 ** 2, 2 ** 3 ** 2, ~x * 3).

MAX = 9223372036854775807
MIN = -9223372036854775807 - 1


def add(a, b):
    return a + b


# call: add(1, 2)
# call: add(-5, 3)
# call: add(0, 0)
# call: add(9223372036854775807, 0)
# call: add(9223372036854775806, 1)
# call: add(9223372036854775807, 1)
# call: add(1, 9223372036854775807)
# call: add(-9223372036854775808, -1)
# call: add(-9223372036854775808, 9223372036854775807)
# call: add(9223372036854775807, -9223372036854775808)
# call: add(9223372036854775807, 9223372036854775807)
# call: add(-9223372036854775808, -9223372036854775808)
# call: add(-4611686018427387904, -4611686018427387904)
# call: add(4611686018427387904, 4611686018427387904)


def sub(a, b):
    return a - b


# call: sub(10, 3)
# call: sub(3, 10)
# call: sub(-9223372036854775808, 0)
# call: sub(-9223372036854775808, 1)
# call: sub(-9223372036854775807, 1)
# call: sub(0, -9223372036854775808)
# call: sub(-1, -9223372036854775808)
# call: sub(9223372036854775807, -1)
# call: sub(9223372036854775807, 9223372036854775807)
# call: sub(-9223372036854775808, -9223372036854775808)
# call: sub(0, 9223372036854775807)
# call: sub(-2, 9223372036854775807)


def mul(a, b):
    return a * b


# call: mul(6, 7)
# call: mul(-6, 7)
# call: mul(-6, -7)
# call: mul(-9223372036854775808, 1)
# call: mul(1, -9223372036854775808)
# call: mul(-9223372036854775808, -1)
# call: mul(-1, -9223372036854775808)
# call: mul(-9223372036854775808, 0)
# call: mul(0, -9223372036854775808)
# call: mul(9223372036854775807, -1)
# call: mul(9223372036854775807, 2)
# call: mul(-9223372036854775808, 2)
# call: mul(-4611686018427387904, 2)
# call: mul(3037000499, 3037000499)
# call: mul(3037000500, 3037000500)
# call: mul(-3037000500, 3037000500)
# call: mul(4294967296, -2147483648)
# call: mul(4294967296, 2147483648)
# call: mul(-4294967296, -2147483648)
# call: mul(4294967296, 4294967296)
# call: mul(-9223372036854775808, -9223372036854775808)


def neg(a):
    return -a


# call: neg(0)
# call: neg(5)
# call: neg(-5)
# call: neg(9223372036854775807)
# call: neg(-9223372036854775807)
# call: neg(-9223372036854775808)


def pos(a):
    return +a


# call: pos(-9223372036854775808)
# call: pos(9223372036854775807)
# call: pos(-3)


def inv(a):
    return ~a


# call: inv(0)
# call: inv(-1)
# call: inv(5)
# call: inv(-9223372036854775808)
# call: inv(9223372036854775807)


def poly(x):
    return 3 * x * x - 2 * x + 7


# call: poly(0)
# call: poly(-4)
# call: poly(1000000)
# call: poly(1753413056)


def left_assoc(a, b, c):
    # (a - b) - c, not a - (b - c)
    return a - b - c


# call: left_assoc(10, 3, 2)
# call: left_assoc(0, -9223372036854775807, 5)


def precedence(x):
    return -2 ** 2 + 2 ** 3 ** 2 + x * 2 + 1 - -x + ~x * 3 + (x - 1) * (x + 1)


# call: precedence(0)
# call: precedence(7)
# call: precedence(-7)


def mixed_unary(x):
    return - -x + + +x - ~~x + -(~x) - -+-x


# call: mixed_unary(0)
# call: mixed_unary(12)
# call: mixed_unary(-12)


def mul_precedence(a, b, c):
    return a + b * c - a * b + c


# call: mul_precedence(2, 3, 4)
# call: mul_precedence(-2, 3, -4)


def edges():
    # Operations that land exactly on the edges.
    a = MAX - 1 + 1
    b = MIN + 1 - 1
    c = -MAX - 1
    d = MIN + MAX
    return (a == 9223372036854775807) + (b == MIN) * 2 + (c == MIN) * 4 + (d == -1) * 8


# call: edges()
