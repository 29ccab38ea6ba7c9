# The same buffer passed twice: a store through one name and a load through
# the other at the same and at different indexes (also negative ones), with
# another store between two loads of the same item; loops that read through
# one name what the other wrote on the previous step; a tuple assignment
# whose right side reads both names; augmented stores alternating between the
# names; enumerate over one name while writing ahead through the other; a
# callee that doubles an item between two reads of it; one bytes buffer
# passed three times.


def w1(a: bytearray, b: bytearray, i, j):
    a[i] = 7
    x = b[j]
    a[i] = 9
    y = b[j]
    return x * 100 + y


# call: w1(bytearray(b'\x01\x02'), bytearray(b'\x01\x02'), 0, 0)


def al1(x: bytearray, i, j):
    return w1(x, x, i, j)


# call: al1(bytearray(b'\x01\x02'), 0, 0)
# call: al1(bytearray(b'\x01\x02'), 0, -2)
# call: al1(bytearray(b'\x01\x02'), 1, 0)
# call: al1(bytearray(b'\x01\x02'), 0, 5)


def w2(a: list[int], b: list[int], n):
    s = 0
    for k in range(n):
        t = b[0]
        a[0] = t + 1
        s += b[0]
    return s


# call: w2([3], [3], 5)


def al2(x: list[int], n):
    return w2(x, x, n)


# call: al2([3], 5)


def w3(a: list[int], b: list[int]):
    # len of both fixed; writes via a seen via b in the loop
    s = 0
    for v in b:
        a[len(a) - 1] = v + 10
        s = s * 3 + v
    return s


# call: w3([1, 2, 3, 4], [1, 2, 3, 4])


def al3(x: list[int]):
    return w3(x, x)


# call: al3([1, 2, 3, 4])


def w4(a: bytearray, b: bytearray):
    a[0], b[0] = b[0] + 1, a[0] + 2
    return a[0] * 1000 + b[0]


# call: w4(bytearray(b'\x05'), bytearray(b'\x05'))
# call: w4(bytearray(b'\xfe'), bytearray(b'\x05'))


def al4(x: bytearray):
    return w4(x, x)


# call: al4(bytearray(b'\x05'))


def w5(a: list[int], b: list[int], i):
    a[i] += 5
    b[i] *= 2
    a[i] -= 1
    return a[i] + b[i]


# call: w5([1, 2], [1, 2], 1)


def al5(x: list[int], i):
    return w5(x, x, i)


# call: al5([1, 2], 1)
# call: al5([1, 2], -1)


def w6(a: bytearray, b: bytearray):
    n = 0
    for i, v in enumerate(a):
        b[(i + 1) % len(b)] = v + 1
        n = n * 7 + v
    return n


# call: w6(bytearray(b'\x01\x02\x03'), bytearray(b'\x01\x02\x03'))


def al6(x: bytearray):
    return w6(x, x)


# call: al6(bytearray(b'\x01\x02\x03'))
# call: al6(bytearray(b'\xff\x02\x03'))


def inner(b: list[int]):
    b[0] = b[0] * 2


def w7(a: list[int]):
    x = a[0]
    inner(a)
    y = a[0]
    inner(a)
    return x + y + a[0]


# call: w7([3])


def w8(a: list[int], b: list[int], i, j):
    a[i] = 1
    b[j] = 2
    return a[i]


# call: w8([0, 0], [0, 0], 0, 0)


def al8(x: list[int], i, j):
    return w8(x, x, i, j)


# call: al8([0, 0], 0, 0)
# call: al8([0, 0], 1, -1)
# call: al8([0, 0], 1, 0)


def three(a: bytes, b: bytes, c: bytes):
    return a[0] + b[-1] + c[0] + len(a) + len(b)


def al9(x: bytes):
    return three(x, x, x)


# call: al9(b'ab')
