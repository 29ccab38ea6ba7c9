# Stores around traps: a store, a trapping operation, a second store to the
# same item: the trap leaves the first value in the buffer (the first store
# is not dead); traps from overflow, division by zero, an index out of
# range, an assert, a bad byte, a recursion too deep, an unused product; a
# trapping division or index inside a loop that runs zero times or only
# after the guard that makes it run (it must not be hoisted before the loop
# or the guard); output printed before the trap; a load after a store to the
# item it reads.


def dse_add(x: list[int], a):
    x[0] = 1
    y = a + 1
    x[0] = 2
    return y


# expect: dse_add([0], 9223372036854775807) -> OverflowError | [1]
# call: dse_add([0], 5)


def dse_div(x: bytearray, a):
    x[0] = 1
    y = 10 // a
    x[0] = 2
    return y


# call: dse_div(bytearray(1), 0)


def dse_idx(x: list[int], z: bytes, i):
    x[0] = 7
    y = z[i]
    x[0] = 8
    return y


# call: dse_idx([0], b'ab', 2)
# call: dse_idx([0], b'ab', -3)


def dse_loop(x: list[int], n):
    for i in range(n):
        x[0] = i
        y = 100 // (5 - i)
    x[0] = -1
    return 0


# call: dse_loop([9], 10)
# call: dse_loop([9], 3)


def dse_call(x: list[int], n):
    x[1] = n
    x[1] = deep(n)
    return x[1]


# call: dse_call([0, 0], 5)


def deep(n):
    if n == 0:
        return 0
    return deep(n - 1) + 1


def dse_assert(x: bytearray, n):
    x[0] = 5
    assert n > 0
    x[0] = 6
    return 0


# call: dse_assert(bytearray(1), 0)


def dse_byte(x: bytearray, v):
    x[0] = 9
    x[1] = v
    x[0] = 10
    return 0


# call: dse_byte(bytearray(2), 256)
# call: dse_byte(bytearray(2), -1)


def dse_unused_trap(x: list[int], a):
    x[0] = 3
    unused = a * a
    return 0


# expect: dse_unused_trap([0], 3037000500) -> OverflowError | [3]


def dse_loop_inv(x: list[int], n, d):
    s = 0
    for i in range(n):
        x[i] = i + 1
        s += 1000 // d
    return s


# call: dse_loop_inv([0, 0, 0], 3, 0)
# call: dse_loop_inv([0, 0, 0], 0, 0)
# call: dse_loop_inv([0, 0, 0], 4, 1)


def licm_trap(n, d):
    s = 0
    for i in range(n):
        s += 1000 // d
    return s


# call: licm_trap(0, 0)
# call: licm_trap(1, 0)


def licm_idx(z: bytes, n, j):
    s = 0
    for i in range(n):
        s += z[j]
    return s


# call: licm_idx(b'a', 0, 5)
# call: licm_idx(b'a', 2, 5)
# call: licm_idx(b'a', 2, -1)


def licm_cond(n, d):
    s = 0
    for i in range(n):
        if i > 100:
            s += 1000 // d
        s += 1
    return s


# call: licm_cond(50, 0)
# call: licm_cond(102, 0)


def print_then_trap(x: list[int], a):
    print(a)
    x[0] = a
    y = a * a
    print(y)
    x[0] = 0
    return 0


# expect: print_then_trap([1], 3037000500) -> OverflowError | [3037000500] | printed '3037000500\n'
# call: print_then_trap([1], 3037000499)


def redundant_load(x: list[int], i):
    a = x[i]
    x[0] = a + 1
    b = x[i]
    return a * 100 + b


# call: redundant_load([5, 6], 0)
# call: redundant_load([5, 6], -2)
# call: redundant_load([5, 6], 1)
