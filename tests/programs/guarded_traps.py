# Operations that can trap, guarded by a condition or an and/or so that they
# run only when they cannot trap (a branch that if-conversion must not run
# unconditionally): division by a possibly zero divisor, an index checked
# against len(x) on both sides, a square bounded on both sides, a shift
# bounded by a chained comparison, a negative exponent, the minimum's
# negation, a store guarded by 0 <= i < len(x); and the same operations when
# the guard lets the trap happen.


def d1(a, b):
    return a // b if b else 0


# call: d1(7, 0)
# call: d1(-9223372036854775808, -1)
# call: d1(7, 2)


def d2(a, b):
    if b != 0:
        r = a % b
    else:
        r = -1
    return r


# call: d2(7, 0)
# call: d2(-7, 2)


def d3(x: bytes, i):
    return x[i] if i < len(x) and i >= -len(x) else -1


# call: d3(b'ab', 5)
# call: d3(b'ab', -3)
# call: d3(b'ab', -2)


def d4(a):
    return a * a if a < 3037000500 and a > -3037000500 else 0


# call: d4(3037000500)
# call: d4(3037000499)


def d5(n):
    return 1 << n if 0 <= n < 63 else 0


# call: d5(63)
# call: d5(-1)
# call: d5(62)


def d6(a, b):
    return b != 0 and a // b


# call: d6(5, 0)
# call: d6(5, 2)


def d7(a, b):
    r = 0
    if a > 0:
        r = a + b
    return r


# call: d7(-1, 9223372036854775807)
# call: d7(0, 9223372036854775807)


def d8(x: list[int], i, v):
    if 0 <= i < len(x):
        x[i] = v
    return 0


# call: d8([1, 2], 2, 5)
# call: d8([1, 2], -1, 5)
# call: d8([1, 2], 1, 5)


def d9(a, n):
    return a ** n if n >= 0 else -1


# call: d9(2, -1)
# call: d9(0, -1)
# call: d9(3, 3)


def d10(a):
    return -a if a != -9223372036854775807 - 1 else 0


# call: d10(-9223372036854775808)


def d11(a, b):
    m = max(a, b)
    return m - min(a, b) if a >= 0 or b < 0 else 0


# call: d11(-9223372036854775808, 9223372036854775807)
# call: d11(-1, 9223372036854775807)


def d12(x: bytearray, i):
    r = 0
    if i >= 0:
        if i < len(x):
            r = x[i]
    return r


# call: d12(bytearray(b'ab'), 2)
# call: d12(bytearray(b'ab'), -1)
# call: d12(bytearray(b'ab'), 1)
