# Augmented assignment with every operator (+= -= *= //= %= **= &= |= ^= <<=
# >>=), with the same semantics and traps as the binary operators, on
# parameters and locals, in loops, and with the right-hand side evaluated
# before the operation (x -= x + 1 is x - (x + 1)).


def aug(x, y, op):
    if op == 0:
        x += y
    elif op == 1:
        x -= y
    elif op == 2:
        x *= y
    elif op == 3:
        x //= y
    elif op == 4:
        x %= y
    elif op == 5:
        x **= y
    elif op == 6:
        x &= y
    elif op == 7:
        x |= y
    elif op == 8:
        x ^= y
    elif op == 9:
        x <<= y
    elif op == 10:
        x >>= y
    return x


# call: aug(5, 3, 0)
# call: aug(9223372036854775807, 1, 0)
# call: aug(-9223372036854775808, -1, 0)
# call: aug(-9223372036854775808, 9223372036854775807, 0)
# call: aug(5, 3, 1)
# call: aug(-9223372036854775808, 1, 1)
# call: aug(0, -9223372036854775808, 1)
# call: aug(-1, -9223372036854775808, 1)
# call: aug(5, 3, 2)
# call: aug(-9223372036854775808, -1, 2)
# call: aug(3037000499, 3037000499, 2)
# call: aug(4294967296, 2147483648, 2)
# call: aug(-7, 2, 3)
# call: aug(7, -2, 3)
# call: aug(7, 0, 3)
# call: aug(-9223372036854775808, -1, 3)
# call: aug(-7, 2, 4)
# call: aug(7, -2, 4)
# call: aug(7, 0, 4)
# call: aug(-9223372036854775808, -1, 4)
# call: aug(3, 4, 5)
# call: aug(2, 63, 5)
# call: aug(-2, 63, 5)
# call: aug(2, -1, 5)
# call: aug(0, -1, 5)
# call: aug(0, 0, 5)
# call: aug(12, 10, 6)
# call: aug(-1, -9223372036854775808, 6)
# call: aug(12, 10, 7)
# call: aug(-9223372036854775808, 9223372036854775807, 7)
# call: aug(12, 10, 8)
# call: aug(-1, 9223372036854775807, 8)
# call: aug(1, 62, 9)
# call: aug(1, 63, 9)
# call: aug(-1, 63, 9)
# call: aug(1, 64, 9)
# call: aug(0, 64, 9)
# call: aug(1, -1, 9)
# call: aug(-9223372036854775808, 63, 10)
# call: aug(-9223372036854775808, 64, 10)
# call: aug(9223372036854775807, 64, 10)
# call: aug(-17, 2, 10)
# call: aug(17, -1, 10)


def all_in_sequence(n):
    x = n
    x += 7
    x *= 3
    x -= 4
    x //= 2
    x %= 1000
    x **= 2
    x &= 0xFFFF
    x |= 0x10000
    x ^= 0x3
    x <<= 3
    x >>= 1
    return x


# call: all_in_sequence(0)
# call: all_in_sequence(12345)
# call: all_in_sequence(-12345)


def rhs_first(x):
    # x -= x + 1 is x = x - (x + 1); x *= x + 1 is x = x * (x + 1)
    a = x
    a -= a + 1
    b = x
    b *= b + 1
    c = x
    c //= c - 10
    return a * 1000000 + b * 1000 + c


# call: rhs_first(5)
# call: rhs_first(10)


def accumulate(n):
    s = 0
    p = 1
    for i in range(1, n + 1):
        s += i
        p *= i
    return s * 1000000 + p


# call: accumulate(10)
# call: accumulate(20)
# call: accumulate(21)


def aug_on_param(a, b):
    a += b
    b -= a
    a *= b
    return a


# call: aug_on_param(3, 4)
# call: aug_on_param(-3, 4)


def aug_intermediate(x):
    # x *= 2 overflows before x //= 2 could bring it back.
    x *= 2
    x //= 2
    return x


# call: aug_intermediate(4611686018427387903)
# expect: aug_intermediate(4611686018427387904) -> OverflowError
# expect: aug_intermediate(-9223372036854775808) -> OverflowError
