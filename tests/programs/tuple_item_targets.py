# Tuple assignments whose item targets depend on names assigned earlier in
# the same statement: the right side is evaluated first, then the targets are
# assigned left to right, so `i, x[i] = j, v` stores at the new i and
# `x[i], i = v, j` at the old one; the same name or item twice (the last
# one wins); an index that reads an item stored by an earlier target; a bad
# byte or index in a later target after the earlier ones were stored.


def t1(x: list[int], j, v):
    i = 0
    i, x[i] = j, v
    return i


# call: t1([0, 0, 0], 2, 5)
# call: t1([0, 0, 0], -1, 5)
# call: t1([0, 0, 0], 3, 5)


def t2(x: list[int], j, v):
    i = 0
    x[i], i = v, j
    return i


# call: t2([0, 0, 0], 2, 5)


def t3(x: bytearray, j):
    i = 0
    i, x[i], x[i + 1] = j, i + 7, x[j]
    return i


# call: t3(bytearray(4), 2)
# call: t3(bytearray(4), 3)


def t4(a, b):
    a, a = b, a
    return a


# call: t4(1, 2)


def t5(x: list[int]):
    x[0], x[0] = 1, 2
    return x[0]


# call: t5([0])


def t6(x: list[int], i):
    x[i], x[x[i]] = 2, 9
    return 0


# call: t6([0, 0, 0], 0)
# call: t6([1, 0, 0], 0)
# call: t6([1, 0, 0], 2)


def t7(n):
    a, b, c = n, n * 2, n * 3
    a, b, c = c, a, b
    return a * 100 + b * 10 + c


# call: t7(3)


def t8(x: bytearray, i):
    i, x[i] = 300, i
    return i


# call: t8(bytearray(3), 1)


def t9(x: list[int]):
    x[0], x[1] = x[1], x[0]
    x[x[0]], x[x[1]] = x[0] + 10, x[1] + 20
    return 0


# call: t9([1, 0, 5])


def t10(x: bytearray, k):
    x[k], k = k, k + 1
    x[k], k = k, k + 1
    return k


# call: t10(bytearray(3), 0)
# call: t10(bytearray(3), 2)


def t11(x: bytearray, v):
    x[0], x[1] = 5, v
    return 0


# call: t11(bytearray(2), 256)
# call: t11(bytearray(2), -1)
# call: t11(bytearray(2), 255)
