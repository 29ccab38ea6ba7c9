# Many parameters mixing buffers and integers: buffer parameters after the
# ones passed in registers, passed on in recursion with the integers
# permuted; one buffer passed to two parameters nine positions apart; a
# 20-parameter function and a recursion that reverses 19 of them; a None
# function with nine parameters called twice.


# Many parameters mixing buffers and integers: buffers in the positions past
# the registers, passed on (also the same buffer twice), recursion with all
# of them, a 20-parameter function.


def mixed(a, x: bytearray, b, c, d, e, f, g, y: list[int], h, z: bytes, i):
    x[0] = (a + b + c) % 256
    y[-1] = d * e - f
    return g * 1000 + h * 100 + i * 10 + z[-1] + len(x) + len(y) + len(z)


# call: mixed(1, bytearray(3), 2, 3, 4, 5, 6, 7, [0, 0], 8, b'xyz', 9)
# call: mixed(250, bytearray(1), 5, 6, -4, 5, 6, 7, [0], 8, b'\xff', 9)
# call: mixed(1, bytearray(0), 2, 3, 4, 5, 6, 7, [0, 0], 8, b'xyz', 9)


def mixed_rec(n, a, x: bytearray, b, c, d, e, f, g, y: list[int], h, z: bytes, i):
    if n == 0:
        return mixed(a, x, b, c, d, e, f, g, y, h, z, i)
    x[n % len(x)] += 1
    y[n % len(y)] -= n
    return mixed_rec(n - 1, i, x, a, b, c, d, e, f, y, g, z, h) + z[n % len(z)]


# call: mixed_rec(7, 1, bytearray(3), 2, 3, 4, 5, 6, 7, [0, 0], 8, b'xyz', 9)
# call: mixed_rec(300, 1, bytearray(3), 2, 3, 4, 5, 6, 7, [0, 0], 8, b'xyz', 9)
# call: mixed_rec(800, 1, bytearray(7), 2, 3, 4, 5, 6, 7, [0, 0, 1], 8, b'abcde', 9)


def twice(a: list[int], p, q, r, s, t, u, v, b: list[int]):
    a[0] = p + q + r + s + t + u + v
    return b[0]


def call_twice(x: list[int]):
    return twice(x, 1, 2, 3, 4, 5, 6, 7, x)


# call: call_twice([5])


def twenty(a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, b0, b1, b2, b3, b4, b5, b6, b7, b8, b9):
    return a0 - a1 + a2 - a3 + a4 - a5 + a6 - a7 + a8 - a9 + (b0 * 2 - b1 * 3 + b2 * 4 - b3 * 5 + b4 * 6 - b5 * 7 + b6 * 8 - b7 * 9 + b8 * 10 - b9 * 11) * 1000


# call: twenty(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20)


def twenty_rev(n, a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, b0, b1, b2, b3, b4, b5, b6, b7, b8):
    if n <= 0:
        return twenty(n, a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, b0, b1, b2, b3, b4, b5, b6, b7, b8)
    return twenty_rev(n - 1, b8, b7, b6, b5, b4, b3, b2, b1, b0, a9, a8, a7, a6, a5, a4, a3, a2, a1, a0) + n


# call: twenty_rev(5, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19)
# call: twenty_rev(100, -1, 2, -3, 4, -5, 6, -7, 8, -9, 10, -11, 12, -13, 14, -15, 16, -17, 18, -19)


def none_many(x: list[int], a, b, c, d, e, f, g, h):
    x[0] = a
    x[1] = h
    x[2] = a * b * c * d * e * f * g * h


def call_none(x: list[int]):
    none_many(x, 1, 2, 3, 4, 5, 6, 7, 8)
    none_many(x, x[0] + 1, x[1], x[2] % 10, 1, 1, 1, 1, -1)
    return x[2]


# call: call_none([0, 0, 0])
