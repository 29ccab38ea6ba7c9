# Order of evaluation made visible by print: print() with no arguments, with
# many, with the 64-bit extremes; lines printed before a trap; operands of
# binary operators, of a comparison chain (stopping at the first false link),
# of min/max; an item store evaluates the value before the index, an
# augmented item store the index, the read, then the value; a tuple
# assignment with item targets evaluates the whole right side first, then
# each target's index as it is assigned; a bytearray store of a bad byte at a
# bad index (ValueError, after both are evaluated); an augmented store at a
# bad index stops before its value is evaluated; range arguments (all three
# evaluated before a zero step raises); a conditional expression evaluates
# only its chosen branch.


def p0():
    print()


# call: p0()


def p1(n):
    print(n, -n, int(n < 0), int(not n), 0)
    print(n)
    return n


# call: p1(3)
# call: p1(-7)


def pmany(a):
    print(a, a + 1, a + 2, a + 3, a + 4, a + 5, a + 6, a + 7, a + 8, a + 9, a + 10, a + 11)


# call: pmany(-3)


def ptrap(n):
    for i in range(5):
        print(i, 10 // (n - i))
    return 0


# call: ptrap(3)


def pextreme():
    print(9223372036854775807, -9223372036854775807 - 1)


# call: pextreme()


def order(n):
    if n: print(n)
    else: print(-n)
    return n


# call: order(0)
# call: order(5)


def side(n):
    print(n)
    return n


def args_order():
    return side(1) - side(2) * side(3) ** side(0)


# call: args_order()


def cmp_chain(a):
    return side(a) < side(5) < side(1)


# call: cmp_chain(1)
# call: cmp_chain(7)


def minmax():
    return max(side(3), side(9), side(-1)) + min(side(2), side(1))


# call: minmax()


def aug_order(x: list[int]):
    x[side(0)] += side(5)
    return x[0]


# call: aug_order([1])


def store_order(x: list[int]):
    x[side(0)] = side(5)
    return x[0]


# call: store_order([1])


def tuple_order(x: list[int]):
    x[side(0)], x[side(1)] = side(7), side(8)
    return x[0]


# call: tuple_order([1, 2])


def store_bad_idx(x: bytearray):
    x[side(5)] = side(300)
    return 0


# call: store_bad_idx(bytearray(2))


def aug_bad_idx(x: bytearray):
    x[side(5)] += side(300)
    return 0


# call: aug_bad_idx(bytearray(2))


def tuple_bad(x: bytearray):
    x[side(0)], x[side(9)] = side(1), side(2)
    return 0


# call: tuple_bad(bytearray(2))


def tuple_bad2(x: bytearray):
    x[side(0)], x[side(0)] = side(1), side(256)
    return 0


# call: tuple_bad2(bytearray(2))


def range_order():
    s = 0
    for i in range(side(1), side(10), side(3)):
        s += i
    return s


# call: range_order()


def range_zero():
    for i in range(side(1), side(10), side(0)):
        return 1
    return 0


# call: range_zero()


def ifexp_order(n):
    return side(1) if side(n) else side(2)


# call: ifexp_order(0)
# call: ifexp_order(4)
